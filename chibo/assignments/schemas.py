"""Schemas of the assignments API. The six clears are optional in the schema on purpose: a
missing one is refused by the action with its Vietnamese (and English) reason, not a bare 422."""

from datetime import date

from ninja import Field, Schema

from chibo.core.bounds import Day, Year


class TaskOut(Schema):
    id: int
    title: str
    status: str
    programme_id: int
    unit_code: str = Field(..., alias="unit.code")
    accountable_unit_code: str = Field(..., alias="accountable_unit.code")
    accountable_unit_name: str = Field(..., alias="accountable_unit.name")
    owner_id: int
    owner_name: str = Field(..., alias="owner.full_name")
    scope: str
    deliverable: str
    approver_id: int | None
    approver_unit_code: str | None = Field(None, alias="approver_unit.code")
    due_on: date
    original_due_on: date
    issued_on: date | None
    submitted_on: date | None
    accepted_on: date | None
    extension_pending: bool
    priority: str
    parent_id: int | None


class TaskPage(Schema):
    items: list[TaskOut]
    count: int


class TaskIn(Schema):
    """The programme by its id, or by its unit's code and period (`unit`, `year`, `quarter`)."""

    programme_id: int | None = None
    unit: str = Field("", max_length=40)
    year: Year | None = None
    quarter: int = Field(0, ge=0, le=4)
    title: str = Field("", max_length=255)
    scope: str = Field("", max_length=5000)
    owner_id: int | None = None
    due_on: Day | None = None
    accountable_unit: str = Field("", max_length=40, description="the unit's code")
    deliverable: str = Field("", max_length=500)
    approver_id: int | None = Field(None, description="a person (member id)…")
    approver_unit: str = Field("", max_length=40, description="…or a body (unit code)")
    co_owner_ids: list[int] = Field(default_factory=list, max_length=50)
    priority: str = Field("normal", max_length=8)
    source_document_id: int | None = None
    source_meeting_id: int | None = None
    source_note: str = Field("", max_length=500)
    issue: bool = Field(True, description="false: keep it a draft of the programme")


class TaskSubmitIn(Schema):
    note: str = Field("", max_length=5000)
    link: str = Field("", max_length=500)


class AcceptIn(Schema):
    note: str = Field("", max_length=5000)


class TaskReturnIn(Schema):
    reason: str = Field("", max_length=5000)


class ExtendIn(Schema):
    """The owner asks (`due_on`, `reason`); the approver decides (`grant`, `note`)."""

    due_on: Day | None = None
    reason: str = Field("", max_length=5000)
    grant: bool | None = None
    note: str = Field("", max_length=5000)


class DashboardQuery(Schema):
    year: Year | None = None
    quarter: int = Field(0, ge=0, le=4)


class TaskFilters(Schema):
    status: str = Field("", max_length=20)
    due_before: Day | None = None


class QuarterOut(Schema):
    quarter: int
    due: int
    accepted_on_time: int
    accepted: int
    overdue: int
    on_time_rate: float | None


class UnitRowOut(Schema):
    code: str
    name: str
    due: int
    accepted_on_time: int
    on_time_rate: float | None
    overdue_now: int


class DashboardOut(Schema):
    unit: str
    year: int
    quarter: int
    start: date
    end: date
    due: int
    accepted_on_time: int
    accepted: int
    overdue: int
    on_time_rate: float | None
    overdue_now: int
    due_soon: int
    open_now: int
    quarters: list[QuarterOut]
    units: list[UnitRowOut]
