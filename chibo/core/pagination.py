"""Paginated list answers of the API: {"items": [...], "count": N}."""

from typing import Any

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field

MAX_PAGE_SIZE = 200


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0)


def page(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    return {
        "items": list(queryset[params.offset : params.offset + params.limit]),
        "count": queryset.count(),
    }
