"""The commendations module's one API router, mounted at /api/v1/ by config/api.py: badges due
at a ceremony in a unit's subtree, and emulation campaigns."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from chibo.core.bounds import Day
from chibo.core.pagination import PageParams
from chibo.members.rules import next_ceremony_on

from .queries import awards, campaigns, eligibility
from .schemas import BadgeDueList, EmulationCampaignPage

router = Router(tags=["commendations"])


class BadgeFilters(Schema):
    on: Day | None = Field(None, description="the ceremony day (default: the next usual one)")


class CampaignFilters(Schema):
    unit: str = Field(
        "", max_length=40, description="code of a unit: its campaigns, above and below"
    )


@router.get(
    "/units/{code}/badges-due",
    response=BadgeDueList,
    summary="Members to propose for the party badge at a ceremony (early and posthumous included)",
)
def badges_due(request: HttpRequest, code: str, filters: Query[BadgeFilters]) -> Any:
    unit = awards.get_unit(request.user, code)
    on = filters.on or next_ceremony_on(timezone.localdate())
    rows = eligibility.badges_due(request.user, unit, on)
    return {
        "ceremony_on": on,
        "count": len(rows),
        "items": [
            {
                "member": {
                    "id": c.member.pk,
                    "name": c.member.full_name,
                    "unit_code": c.member.unit.code,
                    "unit_name": c.member.unit.name,
                },
                "years": c.years,
                "reached_on": c.reached_on,
                "reason": c.reason,
            }
            for c in rows
        ],
    }


@router.get(
    "/campaigns", response=EmulationCampaignPage, summary="Emulation campaigns with their counts"
)
def list_campaigns(
    request: HttpRequest, filters: Query[CampaignFilters], params: Query[PageParams]
) -> Any:
    unit = awards.get_unit(request.user, filters.unit) if filters.unit else None
    rows = campaigns.campaigns_for(request.user, unit)
    page = list(rows[params.offset : params.offset + params.limit])
    return {
        "count": rows.count(),
        "items": [
            {
                "id": c.pk,
                "title": c.title,
                "unit_code": c.unit.code,
                "starts_on": c.starts_on,
                "ends_on": c.ends_on,
                "criteria": c.criteria,
                "registered": getattr(c, "registered", 0),
                "completed": getattr(c, "completed", 0),
                "commended": getattr(c, "commended", 0),
            }
            for c in page
        ],
    }
