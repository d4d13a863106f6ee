from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from chibo.core.pagination import PageParams, page

from .queries import entries, events_for, require_audit_reader
from .reads.api import router as reads_router
from .schemas import AuditPage

router = Router()
router.add_router("", reads_router)


@router.get("/events", response=AuditPage, summary="Audit events of the caller's subtree")
def list_events(
    request: HttpRequest, params: Query[PageParams], action: str = ""
) -> dict[str, Any]:
    require_audit_reader(request.user)
    found = page(events_for(request.user, action=action), params)
    return {**found, "items": entries(request.user, found["items"])}
