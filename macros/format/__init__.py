"""Stage 0, formatting: interface words and locale-aware numbers and dates, per language.

Everything a reader sees in words comes from the catalogues in locales/<lang>.yml; every number
and date goes through Babel. Imports nothing from the project.
"""
