"""Schemas of the congresses API."""

from datetime import date, datetime

from ninja import Field, Schema


class CongressOut(Schema):
    id: int
    title: str
    kind: str
    unit_code: str = Field(..., alias="unit.code")
    term_start: int
    term_end: int
    starts_on: date
    ends_on: date
    status: str


class CongressPage(Schema):
    items: list[CongressOut]
    count: int


class SessionPresenceOut(Schema):
    id: int
    number: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    present: int
    officials_present: int


class CurrentItemOut(Schema):
    id: int
    position: int
    title: str
    presenter: str


class ExclusionsOut(Schema):
    absent_with_approval: int
    temporary_transfer: int
    exempt_absent: int
    suspended: int


class CongressDetailOut(Schema):
    id: int
    title: str
    kind: str
    unit_code: str
    term_start: int
    term_end: int
    starts_on: date
    ends_on: date
    status: str
    place: str
    cutoff_on: date
    planned_delegates: int
    seated: int
    convened: int
    excluded: ExclusionsOut
    sessions: list[SessionPresenceOut]
    current_item: CurrentItemOut | None


class BadgeCheckInIn(Schema):
    token: str = Field(..., max_length=80, description="the code on the badge or its QR text")
    session_id: int | None = Field(None, description="default: the session under way today")


class CheckInOut(Schema):
    id: int
    session_id: int
    delegate_number: int
    delegate_name: str
    checked_in_at: datetime
    present: int
