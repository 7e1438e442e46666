"""`python -m macros.check`: the validator's command line."""

import sys

from .cli import main

sys.exit(main())
