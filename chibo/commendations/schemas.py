"""API schemas of the commendations module."""

from datetime import date

from ninja import Schema


class MemberRef(Schema):
    id: int
    name: str
    unit_code: str
    unit_name: str


class BadgeDueOut(Schema):
    member: MemberRef
    years: int
    reached_on: date
    reason: str  # regular | seriously_ill | posthumous


class BadgeDueList(Schema):
    ceremony_on: date
    items: list[BadgeDueOut]
    count: int


class EmulationCampaignOut(Schema):
    id: int
    title: str
    unit_code: str
    starts_on: date
    ends_on: date
    criteria: str
    registered: int
    completed: int
    commended: int


class EmulationCampaignPage(Schema):
    items: list[EmulationCampaignOut]
    count: int
