"""Documents API. Operations are declared on `api_router.router` by each part's module."""

from . import api_registry  # noqa: F401  (registry operations)
from .api_router import router
from .distribution import api as distribution_api  # noqa: F401  (distribution operations)

__all__ = ["router"]
