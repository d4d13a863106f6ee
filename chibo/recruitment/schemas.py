"""django-ninja schemas of the recruitment API."""

from datetime import date

from ninja import Field, Schema

from chibo.core.bounds import Day


class RecruitmentProgressOut(Schema):
    unit_code: str
    year: int
    target: int | None
    admitted: int
    percent: int | None
    late: int
    by_step: dict[str, int]


class CandidateOut(Schema):
    id: int
    full_name: str
    unit_code: str = Field(..., alias="unit.code")
    status: str
    last_step: str
    last_step_on: date | None
    next_step: str | None
    next_due_on: date | None
    late: bool


class CandidatePage(Schema):
    items: list[CandidateOut]
    count: int


class SponsorIn(Schema):
    member_id: int
    known_since: Day


class StepIn(Schema):
    step: str = Field(..., max_length=24)
    done_on: Day
    document_number: str = Field("", max_length=60)
    note: str = Field("", max_length=2000)
    votes_for: int | None = Field(None, ge=0, le=100_000)
    votes_of: int | None = Field(None, ge=0, le=100_000)
    deciding_body: str = Field("", max_length=255)
    received_on: Day | None = None
    extended: bool = False
    accept_late: bool = False
    certificate_number: str = Field("", max_length=80)
    helper_id: int | None = None
    sponsors: list[SponsorIn] = Field(default_factory=list, max_length=5)


class StepOut(Schema):
    id: int
    candidate_id: int
    step: str
    done_on: date
    due_on: date | None
    member_id: int | None = None
