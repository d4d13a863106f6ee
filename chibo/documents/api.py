"""The documents module's one API router, mounted at /api/v1/ by config/api.py.

Each sub-domain declares its operations on its own router in its `api.py`; they are attached
here: the registry and distribution under /documents, study campaigns under /study-campaigns.
"""

from ninja import Router

from .distribution.api import router as distribution_router
from .registry.api import router as registry_router
from .study.api import router as study_router

router = Router(tags=["documents"])
router.add_router("/documents", registry_router)
router.add_router("/documents", distribution_router)
router.add_router("/study-campaigns", study_router)
