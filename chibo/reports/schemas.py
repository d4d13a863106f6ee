"""Input and output schemas of the reports API."""

from datetime import date, datetime

from ninja import Field, Schema


class RequestOut(Schema):
    id: int
    title: str
    unit: str = Field(..., alias="unit.code")
    period_kind: str
    period_start: date
    period_end: date
    deadline: date


class IndicatorLine(Schema):
    code: str
    label: str
    reported: float | int | None
    live: float | int | None


class RollupOut(Schema):
    expected: int
    submitted: int
    on_time: int
    accepted: int
    reporting_rate: float | None
    on_time_rate: float | None
    missing: list[str]
    late: list[str]
    indicators: list[IndicatorLine]


class ReportOut(Schema):
    id: int
    request: int = Field(..., alias="request_id")
    unit: str = Field(..., alias="unit.code")
    status: str
    version: int
    first_sent_at: datetime | None
    values: dict[str, float | int | None]


class ReportReturnIn(Schema):
    reason: str = Field(..., max_length=2000)
