"""Schemas of the meetings API."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from chibo.core.bounds import Moment, Year


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    unit_code: str = Field(..., alias="unit.code")
    status: str
    attendance_rate: float | None
    present_count: int
    expected_count: int


class MeetingPage(Schema):
    items: list[MeetingOut]
    count: int


class AgendaOut(Schema):
    position: int
    title: str
    presenter: str


class MeetingDocumentOut(Schema):
    id: int
    title: str
    posted_at: datetime


class MeetingDetailOut(MeetingOut):
    unit_name: str = Field(..., alias="unit.name")
    topic: str
    place: str
    video_url: str
    actual_start: datetime | None
    actual_end: datetime | None
    duration_minutes: int | None
    content_agreed_at: datetime | None
    notice_sent_at: datetime | None
    documents_posted_at: datetime | None
    documents_late: bool
    agenda: list[AgendaOut]
    documents: list[MeetingDocumentOut]


class MeetingIn(Schema):
    unit: str = Field(..., max_length=40, description="code of the branch")
    kind: str = Field(..., max_length=16)
    starts_at: Moment
    ends_at: Moment
    title: str = Field("", max_length=255)
    topic: str = Field("", max_length=5000)
    place: str = Field("", max_length=255)
    video_url: str = Field("", max_length=500)
    chair_id: int | None = None
    secretary_id: int | None = None
    agenda: list[str] = Field(default_factory=list, max_length=50)


class CheckInIn(Schema):
    token: str = Field(..., min_length=1, max_length=64)


class AttendanceIn(Schema):
    member_id: int
    status: str = Field(..., max_length=10)
    reason: str = Field("", max_length=255)


class AttendanceOut(Schema):
    meeting_id: int
    member_id: int
    status: str
    method: str
    checked_in_at: datetime | None


class VoteIn(Schema):
    title: str = Field(..., max_length=255)
    votes_for: int = Field(0, ge=0)
    votes_against: int = Field(0, ge=0)
    abstain: int = Field(0, ge=0)


class MinutesIn(Schema):
    place: str | None = Field(None, max_length=255)
    chair_name: str | None = Field(None, max_length=120)
    secretary_name: str | None = Field(None, max_length=120)
    content: str | None = Field(None, max_length=50000)
    opinions: str | None = Field(None, max_length=50000)
    conclusions: str | None = Field(None, max_length=50000)
    votes: list[VoteIn] | None = None

    def fields(self) -> dict[str, Any]:
        data = self.dict(exclude_none=True)
        return data


class MinutesOut(Schema):
    meeting_id: int
    version: int
    content: str
    conclusions: str
    votes: list[dict[str, Any]]
    is_locked: bool
    is_signed: bool
    chair_signed_at: datetime | None
    secretary_signed_at: datetime | None


class SignIn(Schema):
    as_role: str = Field(..., max_length=10, description='"chair" or "secretary"')


class HeldIn(Schema):
    actual_start: Moment
    actual_end: Moment


class YearPlanIn(Schema):
    unit: str = Field(..., max_length=40)
    year: Year


class YearPlanOut(Schema):
    id: int
    unit_code: str
    year: int
    meetings: int


class WarningOut(Schema):
    kind: str
    unit_code: str
    unit_name: str
    message: str
    source: str
    evidence: dict[str, Any]
    meeting_id: int | None
    member_id: int | None


class WarningList(Schema):
    unit_code: str
    year: int
    items: list[WarningOut]
    count: int
