from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from chibo.core.pagination import PageParams, page

from .queries import ReadFilters, entries, reads_for
from .schemas import ReadsQuery, SensitiveReadPage

router = Router()


@router.get(
    "/reads",
    response=SensitiveReadPage,
    summary="Reads of personal data in the caller's audit reach (who read whose record, when)",
)
def list_reads(
    request: HttpRequest, params: Query[PageParams], filters: Query[ReadsQuery]
) -> dict[str, Any]:
    chosen = ReadFilters(
        unit_code=filters.unit, start=filters.start, end=filters.to, reader=filters.reader
    )
    found = page(reads_for(request.user, chosen), params)
    return {**found, "items": entries(request.user, found["items"])}
