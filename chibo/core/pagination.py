"""Paginated list answers of the API ({"items": [...], "count": N}), and of the list pages."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property
from ninja import Schema
from pydantic import Field

MAX_PAGE_SIZE = 200
# Far beyond any list's length, far below the database's bigint (an offset of 2**63 answered 500).
MAX_OFFSET = 10**9


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


# A page number beyond this is no page of any list (page=99999999999999999999 overflowed the
# query's OFFSET and answered 500).
MAX_PAGE_NUMBER = 10**6


def page_number(text: str | None) -> int:
    """A list page's ?page= as a number from 1 to MAX_PAGE_NUMBER (1 when absent or not a
    number)."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(MAX_PAGE_NUMBER)):
        return MAX_PAGE_NUMBER
    return max(1, min(int(text), MAX_PAGE_NUMBER))


def page(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    return {
        "items": list(queryset[params.offset : params.offset + params.limit]),
        "count": queryset.count(),
    }


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows: on a national table a broad name search
    ("nguyen") matches hundreds of thousands, and an exact count costs more than the page
    (bench/RESULTS.md). `capped` tells the template to say "more than N"."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.queryset = object_list
        self.cap = cap

    @cached_property
    def count(self) -> int:
        # Unordered: the count must not walk the sort index looking for matches.
        return self.queryset.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def filter_query_string(params: QueryDict, names: Iterable[str]) -> str:
    """The non-blank filters `names` of a list's request, url-encoded, for its page links and
    exports (never the page number)."""
    kept = QueryDict(mutable=True)
    for name in names:
        value = params.get(name, "").strip()
        if value:
            kept[name] = value
    return kept.urlencode()
