from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from chibo.access.policy import unit_for_user
from chibo.access.roles import Perm
from chibo.core.pagination import filter_query_string, page_number

from .queries import KINDS, entries, events_for, require_audit_reader

FILTERS = ("kind", "actor", "unit", "since", "until", "action")
DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def _day(text: str) -> date | None:
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


@login_required
@require_GET
def events(request: HttpRequest) -> HttpResponse:
    """The log with filters by period, person, unit and kind; they stay in the URL (no personal
    data in them beyond a login name the reader typed)."""
    require_audit_reader(request.user)
    get = request.GET
    action = get.get("action", "").strip()[:80]
    kind = get.get("kind", "").strip()
    kind = kind if kind in KINDS else ""
    actor = get.get("actor", "").strip()[:80]
    unit_code = get.get("unit", "").strip()[:40]
    unit = unit_for_user(request.user, unit_code, Perm.AUDIT_VIEW) if unit_code else None
    since, until = _day(get.get("since", "")), _day(get.get("until", ""))
    rows = events_for(
        request.user,
        action=action,
        kind=kind,
        actor=actor,
        unit_path=unit.path if unit else "",
        since=since,
        until=until,
    )
    page = Paginator(rows, 50).get_page(page_number(get.get("page")))
    filters = {"kind": kind, "actor": actor, "unit": unit_code, "action": action}
    return render(
        request,
        "audit/events.html",
        {
            "page": page,
            "entries": entries(request.user, page),
            "action": action,
            "filters": filters,
            "since": since,
            "until": until,
            "kinds": KINDS,
            "filtered": any(filters.values()) or since or until,
            "query_string": filter_query_string(get, FILTERS),
        },
    )
