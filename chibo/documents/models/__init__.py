"""Documents models: the registry, and distribution with read receipts and study campaigns."""

from .distribution import *  # noqa: F403
from .registry import *  # noqa: F403
