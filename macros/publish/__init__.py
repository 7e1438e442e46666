"""Stage 2, publish: every download format (one module each), the static API, the catalogue,
citations, feeds and calendars, and the list of everything published (files.py).

Everything is byte-identical for identical input: no "now", fixed zip timestamps, sorted output.
Imports from data and format only.
"""
