"""The reports module's one API router, mounted at /api/v1/ by config/api.py: report requests
(`/report-requests`, their roll-up) and the steps of a unit's report (`/reports/{id}/…`)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from .actions import submissions as actions
from .queries import reports as queries
from .queries import rollup as rollup_queries
from .schemas import ReportOut, ReportReturnIn, RequestOut, RollupOut

router = Router(tags=["reports"])


class RequestFilters(Schema):
    unit: str = Field("", max_length=40, description="code of a unit: requests it issued or got")


@router.get(
    "/report-requests",
    response=list[RequestOut],
    summary="Report requests issued by or addressed to a unit (default: all in reach)",
)
def list_requests(request: HttpRequest, filters: Query[RequestFilters]) -> Any:
    unit = queries.get_unit(request.user, filters.unit) if filters.unit else None
    return list(queries.visible_requests(request.user, unit=unit)[:500])


@router.get(
    "/report-requests/{request_id}/rollup",
    response=RollupOut,
    summary="Completeness, timeliness and the roll-up of the accepted reports beside live figures",
)
def rollup(request: HttpRequest, request_id: int) -> dict[str, Any]:
    req = queries.get_request_for_user(request.user, request_id)
    result = rollup_queries.rollup(req)
    state = result.completeness
    return {
        "expected": state.expected,
        "submitted": state.submitted,
        "on_time": state.on_time,
        "accepted": state.accepted,
        "reporting_rate": state.reporting_rate,
        "on_time_rate": state.on_time_rate,
        "missing": [r.unit.code for r in state.missing],
        "late": [r.unit.code for r in state.late],
        "indicators": [
            {"code": li.code, "label": li.indicator.label, "reported": li.reported, "live": li.live}
            for li in result.lines
        ],
    }


@router.post(
    "/reports/{report_id}/submit", response=ReportOut, summary="Staff submit to the leader"
)
def submit(request: HttpRequest, report_id: int) -> Any:
    queries.get_report_for_user(request.user, report_id)
    return actions.submit_report(actor=request.user, report_id=report_id)


@router.post(
    "/reports/{report_id}/approve",
    response=ReportOut,
    summary="The unit's leader approves: it goes up",
)
def approve(request: HttpRequest, report_id: int) -> Any:
    queries.get_report_for_user(request.user, report_id)
    return actions.approve_report(actor=request.user, report_id=report_id)


@router.post(
    "/reports/{report_id}/accept",
    response=ReportOut,
    summary="The requesting level accepts (locks)",
)
def accept(request: HttpRequest, report_id: int) -> Any:
    queries.get_report_for_user(request.user, report_id)
    return actions.accept_report(actor=request.user, report_id=report_id)


@router.post(
    "/reports/{report_id}/return",
    response=ReportOut,
    summary="Return for correction, with a reason",
)
def return_report(request: HttpRequest, report_id: int, payload: ReportReturnIn) -> Any:
    queries.get_report_for_user(request.user, report_id)
    return actions.return_report(actor=request.user, report_id=report_id, reason=payload.reason)
