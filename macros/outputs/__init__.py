"""The outputs of a build, made from the read package without MkDocs (ARCHITECTURE.md)."""
