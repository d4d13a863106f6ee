""" "Which branches did not meet last month?" (issue 17): one month at a time, the last finished
month by default, optionally under one unit, paginated; the filters stay in the URL."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from chibo.core.pagination import filter_query_string, page_number
from chibo.org import queries as org_queries

from .. import queries
from ..queries.not_met import branches_without_meeting, last_finished_month

PER_PAGE = 50
MONTHS_OFFERED = 24


def _months(today: date) -> list[date]:
    months = []
    month = last_finished_month(today)
    for _ in range(MONTHS_OFFERED):
        months.append(month)
        month = last_finished_month(month)
    return months


def _month(text: str, months: list[date]) -> date:
    """`?thang=2026-11`; anything else (or a month not offered) is the last finished month."""
    for month in months:
        if text == f"{month:%Y-%m}":
            return month
    return months[0]


@login_required
@require_GET
def not_met(request: HttpRequest) -> HttpResponse:
    user = request.user
    months = _months(timezone.localdate())
    month = _month(request.GET.get("thang", "").strip(), months)
    code = request.GET.get("don_vi", "").strip()
    unit = queries.get_unit(user, code) if code else None
    rows = branches_without_meeting(user, month, unit=unit)
    page = Paginator(rows, PER_PAGE).get_page(page_number(request.GET.get("page")))
    org_queries.with_parent_names(list(page.object_list))
    return render(
        request,
        "meetings/not_met.html",
        {
            "month": month,
            "months": months,
            "unit": unit,
            "page": page,
            "query_string": filter_query_string(request.GET, ("thang", "don_vi")),
        },
    )
