"""Members API, the module's one router: list and search, profile, events, citizen-ID lookup
(POST only) under `/members`, and the member statistics of a unit's subtree under
`/units/{code}/statistics` and `/units/{code}/changes`.

The statistics sit beside the org router's `/units` paths (org may not import members), so the
router is mounted at the API's root (`config/api.py`) and spells its two prefixes itself; its
paths do not overlap org's (`/units/{code}`, `/units/{code}/children`, ...).
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from chibo.core.bounds import Day
from chibo.core.pagination import PageParams, page

from . import queries
from .schemas import (
    ChangesOut,
    CitizenIdLookupIn,
    CitizenIdLookupOut,
    MemberDetailOut,
    MemberEventPage,
    MemberPage,
    PeriodIn,
    StatisticsOut,
)

router = Router()


class MemberFilters(Schema):
    q: str = Field("", max_length=100)
    unit: str = Field("", max_length=40)
    status: str = Field(
        "", max_length=20, description='a status, or "active" (probationary + full)'
    )
    gender: str = Field("", max_length=8)
    age_band: str = Field("", max_length=8)
    party_age_band: str = Field("", max_length=8)
    theory_level: str = Field("", max_length=12, description='a level, or "none"')
    ethnicity: str = Field("", max_length=4, description="code of the 54 groups (01 Kinh …)")


@router.get(
    "/members", response=MemberPage, summary="Members in the caller's reach, in Vietnamese order"
)
def list_members(
    request: HttpRequest, filters: Query[MemberFilters], params: Query[PageParams]
) -> dict[str, Any]:
    queries.require_member_reader(request.user)
    members = queries.members_for(
        request.user,
        **{k: (v or None) for k, v in filters.dict().items() if k != "q"},
        q=filters.q,
        on=date.today(),
    )
    return page(members, params)


@router.post("/members/lookup", response=CitizenIdLookupOut, summary="Find members by citizen ID")
def lookup(request: HttpRequest, payload: CitizenIdLookupIn) -> dict[str, Any]:
    matches = queries.lookup_by_citizen_id(request.user, payload.citizen_id)
    return {"items": matches, "count": len(matches)}


@router.get("/members/{member_id}", response=MemberDetailOut, exclude_unset=True)
def get_member(request: HttpRequest, member_id: int) -> dict[str, Any]:
    return queries.member_profile(request.user, member_id, reason="api detail")


@router.get("/members/{member_id}/events", response=MemberEventPage)
def list_events(request: HttpRequest, member_id: int, params: Query[PageParams]) -> dict[str, Any]:
    member = queries.get_member_for_user(request.user, member_id)
    return page(queries.member_events(request.user, member), params)


@router.get(
    "/units/{code}/statistics",
    response=StatisticsOut,
    summary="Active members of the unit's subtree counted by status, gender, age, party age, "
    "ethnicity, education, theory level; admissions per year",
)
def member_statistics(request: HttpRequest, code: str, on: Day | None = None) -> dict[str, Any]:
    unit = queries.get_unit_for_statistics(request.user, code)
    return queries.unit_statistics(request.user, unit, on=on).as_dict()


@router.get(
    "/units/{code}/changes",
    response=ChangesOut,
    by_alias=True,
    summary='Changes ("biến động") concerning the subtree in a period: counts per kind',
)
def member_changes(request: HttpRequest, code: str, period: Query[PeriodIn]) -> dict[str, Any]:
    unit = queries.get_unit_for_statistics(request.user, code)
    report = queries.member_changes(
        request.user, unit, start=period.start, end=period.end, with_members=False
    )
    return report.as_dict()
