"""The cadres module's one API router, mounted at /api/v1/ by config/api.py: a unit's posts, the
post gaps of its subtree, its planning list, and recording an appointment. These records are
sensitive: cadres.view (committee staff and the committee above); every read is logged."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.core.pagination import PageParams

from . import actions, queries
from .schemas import AppointmentIn, AppointmentOut, GapPage, PlanningOut, UnitPostsOut

router = Router(tags=["cadres"])


class TermFilter(Schema):
    term: str = Field("", max_length=20, description="2025 or 2025-2030; default: in force")


def _incumbent(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "member_id": r.member_id,
        "full_name": r.member.full_name,
        "how": r.how,
        "start_on": r.start_on,
        "end_on": r.end_on,
        "decision_number": r.decision_number,
        "deciding_body": r.deciding_body,
        "decided_on": r.decided_on,
    }


@router.get("/units/{code}/posts", response=UnitPostsOut, summary="A unit's posts for a term")
def unit_posts(request: HttpRequest, code: str, filters: Query[TermFilter]) -> dict[str, Any]:
    unit = queries.get_unit(request.user, code)
    term = queries.term_of(unit, queries.parse_term(filters.term), timezone.localdate())
    views = queries.unit_posts(request.user, unit, term)
    return {
        "unit_code": unit.code,
        "term": term.label if term else None,
        "posts": [
            {
                "id": v.post.pk,
                "post": v.post.kind,
                "label": v.post.get_kind_display(),
                "term": f"{v.post.term_start}-{v.post.term_end}",
                "seats": v.post.seats,
                "filled": v.post.filled,
                "vacant_since": v.post.vacant_since,
                "seats_decision": v.post.seats_decision,
                "seats_decided_by": v.post.seats_decided_by,
                "incumbents": [_incumbent(r) for r in v.holders],
            }
            for v in views
        ],
    }


@router.get("/units/{code}/post-gaps", response=GapPage, summary="Vacant posts in a unit's subtree")
def post_gaps(request: HttpRequest, code: str, params: Query[PageParams]) -> dict[str, Any]:
    unit = queries.get_unit(request.user, code)
    today = timezone.localdate()
    rows = queries.post_gaps(request.user, unit, today=today)
    items = rows[params.offset : params.offset + params.limit]
    return {
        "items": [
            {
                "post_id": p.pk,
                "unit_code": p.unit.code,
                "unit_name": p.unit.name,
                "post": p.kind,
                "label": p.get_kind_display(),
                "seats": p.seats,
                "filled": p.filled,
                "vacant_since": p.vacant_since,
                "days_vacant": (today - p.vacant_since).days if p.vacant_since else 0,
            }
            for p in items
        ],
        "count": rows.count(),
    }


@router.get(
    "/units/{code}/planning", response=PlanningOut, summary="A unit's planning list for a term"
)
def planning(request: HttpRequest, code: str, filters: Query[TermFilter]) -> dict[str, Any]:
    unit = queries.get_unit(request.user, code)
    current = queries.current_planning(request.user, unit, queries.parse_term(filters.term))
    if current is None:
        raise NotFound(_("Chưa có danh sách quy hoạch."))
    view = queries.planning_view(request.user, current)
    p = view.planning
    return {
        "id": p.pk,
        "unit_code": unit.code,
        "term": f"{p.term_start}-{p.term_end}",
        "version": p.version,
        "status": p.status,
        "approved_on": p.approved_on,
        "approval_decision": p.approval_decision,
        "approved_by_body": p.approved_by_body,
        "flagged": view.flagged,
        "structure": view.structure,
        "entries": [
            {
                "entry_id": x.entry.pk,
                "post": kind,
                "member_id": x.entry.member_id,
                "full_name": x.entry.member.full_name,
                "age_at_term_start": x.age_at_start,
                "removed_on": x.entry.removed_on,
                "removal_reason": x.entry.removal_reason,
                "flagged": x.flagged,
                "checks": [
                    {
                        "code": c.code,
                        "label": str(c.label),
                        "status": c.status,
                        "detail": str(c.detail),
                        "source": c.source,
                        "confirmed": c.confirmed,
                    }
                    for c in x.checks
                ],
            }
            for kind, people in view.by_post
            for x in people
        ],
    }


@router.post(
    "/appointments",
    response={201: AppointmentOut},
    summary="Record that a member holds a post, by a decision (fills a gap)",
)
def appoint(request: HttpRequest, payload: AppointmentIn) -> tuple[int, dict[str, Any]]:
    unit = queries.get_unit(request.user, payload.unit_code, Perm.CADRES_MANAGE)
    post = queries.post_of(unit, payload.post, payload.term_start, payload.start_on)
    holding = actions.appoint_to_post(
        actor=request.user,
        post=post,
        member_id=payload.member_id,
        how=payload.how,
        start_on=payload.start_on,
        decision_number=payload.decision_number,
        deciding_body=payload.deciding_body,
        decided_on=payload.decided_on,
    )
    post.refresh_from_db(fields=["filled", "vacant_since"])
    return 201, {
        "id": holding.pk,
        "post_id": post.pk,
        "unit_code": unit.code,
        "post": post.kind,
        "member_id": holding.member_id,
        "how": holding.how,
        "start_on": holding.start_on,
        "decision_number": holding.decision_number,
        "deciding_body": holding.deciding_body,
        "post_filled": post.filled,
        "post_vacant_since": post.vacant_since,
    }
