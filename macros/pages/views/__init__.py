"""View models: typed records -> plain dicts for the templates, for one page in one language.

Every link is made relative to the page being rendered, so the site works from any base path.
Nothing here produces markup.
"""
