"""Data-quality models, one file per part: imports, duplicates and merges, campaigns."""

from .campaigns import *  # noqa: F403
from .duplicates import *  # noqa: F403
from .imports import *  # noqa: F403
