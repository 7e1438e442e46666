"""Stage 1, data: where things are, the package read into typed records, its indexes and the
listings, gathered in one build context (context.py). Imports nothing from later stages."""
