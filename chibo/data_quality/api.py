from ninja import Router

from .campaigns.api import router as campaigns_router
from .duplicates.api import router as duplicates_router
from .importing.api import router as importing_router

router = Router()
router.add_router("", campaigns_router)
router.add_router("", importing_router)
router.add_router("", duplicates_router)
