"""The congresses module's one API router, mounted at /api/v1/ by config/api.py: congresses in
the caller's reach, one congress with presence per session, and check-in at the gate."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from chibo.core.pagination import PageParams, page

from . import queries
from .actions import gate
from .models import CheckInMethod
from .schemas import BadgeCheckInIn, CheckInOut, CongressDetailOut, CongressPage

router = Router(tags=["congresses"])


class CongressFilters(Schema):
    unit: str = Field("", max_length=40, description="code of a unit: its subtree's congresses")


@router.get("/congresses", response=CongressPage, summary="Congresses in the caller's reach")
def list_congresses(
    request: HttpRequest, filters: Query[CongressFilters], params: Query[PageParams]
) -> dict[str, Any]:
    rows = queries.visible_congresses(request.user, unit_code=filters.unit or None)
    return page(rows, params)


@router.get(
    "/congresses/{congress_id}",
    response=CongressDetailOut,
    summary="A congress, with presence per session and the base of an election's result",
)
def get_congress(request: HttpRequest, congress_id: int) -> dict[str, Any]:
    congress = queries.get_congress_for_user(request.user, congress_id)
    state = queries.projector_state(congress)
    return {
        "id": congress.pk,
        "title": congress.title,
        "kind": congress.kind,
        "unit_code": congress.unit.code,
        "term_start": congress.term_start,
        "term_end": congress.term_end,
        "starts_on": congress.starts_on,
        "ends_on": congress.ends_on,
        "status": congress.status,
        "place": congress.place,
        "cutoff_on": congress.cutoff_on,
        "planned_delegates": congress.planned_delegates,
        "seated": state["presence"]["seated"],
        "convened": state["presence"]["convened"],
        "excluded": queries.exclusions(congress),
        "sessions": queries.presence_by_session(congress),
        "current_item": state["current_item"],
    }


@router.post(
    "/congresses/{congress_id}/check-in",
    response={201: CheckInOut},
    summary="Check a delegate in at the gate with their badge's code",
)
def check_in(request: HttpRequest, congress_id: int, payload: BadgeCheckInIn) -> tuple[int, Any]:
    row = gate.check_in(
        actor=request.user,
        congress_id=congress_id,
        token=payload.token,
        session_id=payload.session_id,
        method=CheckInMethod.BADGE,
    )
    return 201, {
        "id": row.pk,
        "session_id": row.session_id,
        "delegate_number": row.delegate.number,
        "delegate_name": row.delegate.member.full_name,
        "checked_in_at": row.checked_in_at,
        "present": queries.present_delegates(row.session.congress, row.session).count(),
    }
