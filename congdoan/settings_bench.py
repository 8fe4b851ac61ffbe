"""Settings for `make bench`: production settings, static files collected under var/bench/.

Only STATIC_ROOT differs (BENCH_STATIC_ROOT), so the benchmark never overwrites the
project's `staticfiles/`; everything else comes from the environment as in production.
"""

import os
from pathlib import Path

from .settings import *  # noqa: F403
from .settings import BASE_DIR

STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", BASE_DIR / "var" / "bench" / "static"))
