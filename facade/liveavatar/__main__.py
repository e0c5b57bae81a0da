"""`python -m liveavatar`: the same command line as `liveavatar`."""

import sys

from ._cli import main

sys.exit(main())
