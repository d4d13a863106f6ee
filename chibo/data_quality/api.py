from ninja import Router

from .campaigns.api import router as campaigns_router

router = Router()
router.add_router("", campaigns_router)
