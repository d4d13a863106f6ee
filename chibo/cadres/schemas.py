"""Schemas of the cadres API."""

from datetime import date

from ninja import Field, Schema

from chibo.core.bounds import Day


class IncumbentOut(Schema):
    id: int
    member_id: int
    full_name: str
    how: str
    start_on: date
    end_on: date | None
    decision_number: str
    deciding_body: str
    decided_on: date


class PostOut(Schema):
    id: int
    post: str
    label: str
    term: str
    seats: int
    filled: int
    vacant_since: date | None
    seats_decision: str
    seats_decided_by: str
    incumbents: list[IncumbentOut]


class UnitPostsOut(Schema):
    unit_code: str
    term: str | None
    posts: list[PostOut]


class GapOut(Schema):
    post_id: int
    unit_code: str
    unit_name: str
    post: str
    label: str
    seats: int
    filled: int
    vacant_since: date
    days_vacant: int


class GapPage(Schema):
    items: list[GapOut]
    count: int


class CheckOut(Schema):
    code: str
    label: str
    status: str
    detail: str
    source: str
    confirmed: bool


class PlannedOut(Schema):
    entry_id: int
    post: str
    member_id: int
    full_name: str
    age_at_term_start: int | None
    removed_on: date | None
    removal_reason: str
    flagged: bool
    checks: list[CheckOut]


class PlanningOut(Schema):
    id: int
    unit_code: str
    term: str
    version: int
    status: str
    approved_on: date | None
    approval_decision: str
    approved_by_body: str
    flagged: int
    entries: list[PlannedOut]
    structure: dict[str, float | int | bool]


class AppointmentIn(Schema):
    unit_code: str = Field(..., max_length=40)
    post: str = Field(..., max_length=24, description="secretary, deputy_secretary, ...")
    term_start: int | None = Field(None, ge=1900, le=2100, description="default: term in force")
    member_id: int = Field(..., ge=1, le=2**62)
    how: str = Field("appointed", max_length=24)
    start_on: Day
    decided_on: Day
    decision_number: str = Field("", max_length=80)
    deciding_body: str = Field("", max_length=255)


class AppointmentOut(Schema):
    id: int
    post_id: int
    unit_code: str
    post: str
    member_id: int
    how: str
    start_on: date
    decision_number: str
    deciding_body: str
    post_filled: int
    post_vacant_since: date | None
