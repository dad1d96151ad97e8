"""``python -m lupus_tracker``."""

import sys

from lupus_tracker.cli import main

sys.exit(main())
