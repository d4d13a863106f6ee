"""Members API: list and search, profile, events, citizen-ID lookup (POST only)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from chibo.core.pagination import PageParams, page

from . import queries
from .schemas import (
    CitizenIdLookupIn,
    CitizenIdLookupOut,
    MemberDetailOut,
    MemberEventPage,
    MemberPage,
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


@router.get("", response=MemberPage, summary="Members in the caller's reach, in Vietnamese order")
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


@router.post("/lookup", response=CitizenIdLookupOut, summary="Find members by citizen ID")
def lookup(request: HttpRequest, payload: CitizenIdLookupIn) -> dict[str, Any]:
    matches = queries.lookup_by_citizen_id(request.user, payload.citizen_id)
    return {"items": matches, "count": len(matches)}


@router.get("/{member_id}", response=MemberDetailOut, exclude_unset=True)
def get_member(request: HttpRequest, member_id: int) -> dict[str, Any]:
    return queries.member_profile(request.user, member_id, reason="api detail")


@router.get("/{member_id}/events", response=MemberEventPage)
def list_events(request: HttpRequest, member_id: int, params: Query[PageParams]) -> dict[str, Any]:
    member = queries.get_member_for_user(request.user, member_id)
    return page(queries.member_events(request.user, member), params)
