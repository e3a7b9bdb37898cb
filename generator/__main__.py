"""Allow `python -m generator`, equivalent to the `register` console script."""

import sys

from generator.cli import main

sys.exit(main())
