"""API of member statistics: `/api/v1/units/{code}/statistics` and `/api/v1/units/{code}/changes`.

The paths sit under `/units` beside the org router's, but org may not import members, so this is
a router of its own mounted on the same prefix in `config/api.py`: its paths (`/{code}/statistics`,
`/{code}/changes`) do not overlap the org router's (`/{code}`, `/{code}/children`, ...).
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from . import queries

router = Router()


class BucketOut(Schema):
    key: str
    label: str
    count: int


class StatisticsOut(Schema):
    unit_code: str
    unit_name: str
    on: date
    total: int
    status: list[BucketOut]
    gender: list[BucketOut]
    age: list[BucketOut]
    party_age: list[BucketOut]
    ethnicity: list[BucketOut]
    education: list[BucketOut]
    theory: list[BucketOut]
    admissions_by_year: list[BucketOut]


class PeriodIn(Schema):
    start: date = Field(..., alias="from", description="first day (YYYY-MM-DD)")
    end: date = Field(..., alias="to", description="last day, included (YYYY-MM-DD)")


class ChangeCountOut(Schema):
    key: str
    label: str
    count: int


class ChangesOut(Schema):
    unit_code: str
    unit_name: str
    start: date = Field(..., alias="from")
    end: date = Field(..., alias="to")
    rows: list[ChangeCountOut]


@router.get(
    "/{code}/statistics",
    response=StatisticsOut,
    summary="Active members of the unit's subtree counted by status, gender, age, party age, "
    "ethnicity, education, theory level; admissions per year",
)
def member_statistics(request: HttpRequest, code: str, on: date | None = None) -> dict[str, Any]:
    unit = queries.get_unit_for_statistics(request.user, code)
    return queries.unit_statistics(request.user, unit, on=on).as_dict()


@router.get(
    "/{code}/changes",
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
