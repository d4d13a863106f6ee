"""Distribution API (/api/v1/documents/...), attached to the module's router by
`chibo.documents.api`: send a
document, record a read, bookmark, read rates per unit."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from chibo.core.bounds import Day

from ..models import Audience, Distribution
from . import actions, queries
from .rates import RateRow

router = Router()


class DistributeIn(Schema):
    unit: str = Field(..., max_length=40, description="code of the unit whose subtree receives it")
    audience: str = Field(Audience.ALL_MEMBERS, description='"all" or "committees"')
    deadline: Day | None = None
    note: str = Field("", max_length=2000)


class DistributionOut(Schema):
    id: int
    document_id: int
    unit_code: str
    audience: str
    deadline: date | None
    recipient_count: int
    status: str = Field(..., description='"queued", "running", "done" or "failed"')
    units_done: int
    units_total: int


class ReadOut(Schema):
    document_id: int
    read_at: datetime


class BookmarkOut(Schema):
    document_id: int
    bookmarked: bool


class UnitRateOut(Schema):
    code: str
    name: str
    total: int
    read: int
    percent: float


class ReadRatesOut(Schema):
    document_id: int
    unit_code: str
    unit_name: str
    total: int
    read: int
    percent: float
    units: list[UnitRateOut]
    direct: UnitRateOut | None = None


class AudienceUnitParam(Schema):
    unit: str = Field("", max_length=40)


def rate_out(row: RateRow, *, code: str = "", name: str = "") -> dict[str, Any]:
    return {
        "code": row.code or code,
        "name": row.name or name,
        "total": row.total,
        "read": row.done,
        "percent": row.percent,
    }


def distribution_out(distribution: Distribution) -> dict[str, Any]:
    return {
        "id": distribution.pk,
        "document_id": distribution.document_id,
        "unit_code": distribution.unit.code,
        "audience": distribution.audience,
        "deadline": distribution.deadline,
        "recipient_count": distribution.recipient_count,
        "status": distribution.status,
        "units_done": distribution.units_done,
        "units_total": distribution.units_total,
    }


@router.post(
    "/{document_id}/distribute",
    response={201: DistributionOut, 202: DistributionOut},
    summary="Send the document to a unit's subtree (all members or the committees' people)",
    description=(
        "201 with status `done` when the recipients were materialised in the request (a small "
        "subtree); 202 with status `queued` when a background job does it (poll "
        "`GET /api/v1/documents/{document_id}/distributions/{id}`)."
    ),
)
def distribute(request: HttpRequest, document_id: int, payload: DistributeIn) -> Any:
    unit = queries.unit_by_code(payload.unit)
    distribution = actions.distribute_document(
        actor=request.user,
        document_id=document_id,
        unit=unit,
        audience=payload.audience,
        deadline=payload.deadline,
        note=payload.note,
    )
    return Status(202 if distribution.pending else 201, distribution_out(distribution))


@router.get(
    "/{document_id}/distributions/{distribution_id}",
    response=DistributionOut,
    summary="One distribution of the document, with the progress of its background job",
)
def distribution_status(request: HttpRequest, document_id: int, distribution_id: int) -> Any:
    document = queries.document_for_rates(request.user, document_id)
    return distribution_out(queries.distribution_of(request.user, document, distribution_id))


@router.post(
    "/{document_id}/read",
    response=ReadOut,
    summary="The caller (a member the document was sent to) has read it; the first read is kept",
)
def record_read(request: HttpRequest, document_id: int) -> dict[str, Any]:
    read_at = actions.record_read(actor=request.user, document_id=document_id)
    return {"document_id": document_id, "read_at": read_at}


@router.post("/{document_id}/bookmark", response=BookmarkOut, summary="Toggle a bookmark")
def bookmark(request: HttpRequest, document_id: int) -> dict[str, Any]:
    on = actions.toggle_bookmark(actor=request.user, document_id=document_id)
    return {"document_id": document_id, "bookmarked": on}


@router.get(
    "/{document_id}/read-rates",
    response=ReadRatesOut,
    summary="Recipients and readers per child unit of `unit` (default: the caller's top unit)",
)
def read_rates(
    request: HttpRequest, document_id: int, params: Query[AudienceUnitParam]
) -> dict[str, Any]:
    document = queries.document_for_rates(request.user, document_id)
    unit = queries.rates_unit(request.user, document, params.unit or None)
    rates = queries.read_rates(request.user, document, unit)
    return {
        "document_id": document.pk,
        "unit_code": unit.code,
        "unit_name": unit.name,
        "total": rates.total,
        "read": rates.read,
        "percent": rates.percent,
        "units": [rate_out(r) for r in rates.rows],
        "direct": rate_out(rates.own, code=unit.code, name=unit.name) if rates.own else None,
    }
