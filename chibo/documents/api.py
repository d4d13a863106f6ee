"""Documents API. Operations are declared on `api_router.router` by each part's module."""

from . import api_registry  # noqa: F401  (registry operations)
from .api_router import router

__all__ = ["router"]
