"""`python -m trainer ...` is `chinwag-train ...`."""

import sys

from trainer.cli import main

sys.exit(main())
