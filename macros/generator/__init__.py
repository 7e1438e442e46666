"""The generator: the thin layer that wires the stages into MkDocs (plugin.py, macros.py).

All MkDocs-specific code lives here, so that a move to another generator stays cheap.
"""
