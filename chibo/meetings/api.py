"""The meetings module's one API router, mounted at /api/v1/ by config/api.py: the meetings under
/meetings, and a unit's meeting warnings at /units/{code}/meeting-warnings."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from chibo.access.roles import Perm
from chibo.core.bounds import Day, Year
from chibo.core.pagination import PageParams, page

from . import actions, queries
from .schemas import (
    AttendanceIn,
    AttendanceOut,
    CheckInIn,
    HeldIn,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPage,
    MinutesIn,
    MinutesOut,
    SignIn,
    WarningList,
    YearPlanIn,
    YearPlanOut,
)

router = Router(tags=["meetings"])


class MeetingFilters(Schema):
    unit: str = Field("", max_length=40, description="code of a unit: its subtree's meetings")
    start: Day | None = Field(None, alias="from")
    end: Day | None = Field(None, alias="to")


@router.get("/meetings", response=MeetingPage, summary="Meetings in the caller's reach")
def list_meetings(
    request: HttpRequest, filters: Query[MeetingFilters], params: Query[PageParams]
) -> dict[str, Any]:
    unit = queries.get_unit(request.user, filters.unit) if filters.unit else None
    rows = queries.meetings_for(request.user, unit=unit, start=filters.start, end=filters.end)
    return page(rows, params)


@router.post("/meetings", response={201: MeetingOut}, summary="Plan a meeting of a branch")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> tuple[int, Any]:
    unit = queries.get_unit(request.user, payload.unit, Perm.MEETINGS_MANAGE)
    data = payload.dict(exclude={"unit"})
    return 201, actions.create_meeting(actor=request.user, unit=unit, **data)


@router.post(
    "/meetings/plans", response={201: YearPlanOut}, summary="Generate a branch's year plan"
)
def generate_plan(request: HttpRequest, payload: YearPlanIn) -> tuple[int, Any]:
    unit = queries.get_unit(request.user, payload.unit, Perm.MEETINGS_MANAGE)
    plan = actions.generate_year_plan(actor=request.user, unit=unit, year=payload.year)
    return 201, {
        "id": plan.pk,
        "unit_code": unit.code,
        "year": plan.year,
        "meetings": plan.meetings.count(),
    }


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    return queries.get_meeting_for_member(request.user, meeting_id)


@router.post(
    "/meetings/{meeting_id}/check-in", response=AttendanceOut, summary="Check in with the QR code"
)
def check_in(request: HttpRequest, meeting_id: int, payload: CheckInIn) -> Any:
    return actions.check_in(actor=request.user, meeting_id=meeting_id, token=payload.token)


@router.post(
    "/meetings/{meeting_id}/attendance", response=AttendanceOut, summary="Secretary's sheet"
)
def record_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> Any:
    return actions.record_attendance(
        actor=request.user,
        meeting_id=meeting_id,
        member_id=payload.member_id,
        status=payload.status,
        reason=payload.reason,
    )


@router.post(
    "/meetings/{meeting_id}/held", response=MeetingOut, summary="Record that it took place"
)
def record_held(request: HttpRequest, meeting_id: int, payload: HeldIn) -> Any:
    return actions.record_held(
        actor=request.user,
        meeting_id=meeting_id,
        actual_start=payload.actual_start,
        actual_end=payload.actual_end,
    )


@router.post(
    "/meetings/{meeting_id}/minutes", response=MinutesOut, summary="Write the draft minutes"
)
def save_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> Any:
    return actions.save_minutes(actor=request.user, meeting_id=meeting_id, **payload.fields())


@router.post("/meetings/{meeting_id}/minutes/sign", response=MinutesOut, summary="Sign the minutes")
def sign_minutes(request: HttpRequest, meeting_id: int, payload: SignIn) -> Any:
    return actions.sign_minutes(actor=request.user, meeting_id=meeting_id, as_role=payload.as_role)


@router.get(
    "/units/{code}/meeting-warnings",
    response=WarningList,
    summary="Branch-meeting warnings of the unit's subtree, with the evidence",
)
def meeting_warnings(request: HttpRequest, code: str, year: Year | None = None) -> dict[str, Any]:
    unit = queries.get_unit(request.user, code)
    items = [w.as_dict() for w in queries.meeting_warnings(request.user, unit, year=year)]
    return {
        "unit_code": unit.code,
        "year": year or timezone.localdate().year,
        "items": items,
        "count": len(items),
    }
