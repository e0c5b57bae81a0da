"""`python -m liveavatar._cli`: the same command line as `liveavatar`."""

import sys

from . import main

sys.exit(main())
