"""Stage 1b, check: is a data package publishable? Raw reading (raw.py), frictionless, the
project's rules (rules.py), bilingual messages (messages.py), the report and the command line.
Imports from data only (its paths); never from publish, site or build."""
