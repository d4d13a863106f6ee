from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from chibo.access.roles import Perm
from chibo.core import bounds
from chibo.members.queries.badges import members_due_badge, previous_ceremony_on
from chibo.members.rules import next_ceremony_on
from chibo.org.queries import get_unit_for_user


def _ceremony(raw: str) -> date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
        # 01/01/0001 parses, but the ceremony before it does not exist (it answered 500).
        return day if bounds.in_range(day) else None
    return None


@login_required
@require_GET
def badges_due(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, Perm.MEMBERS_VIEW)
    raw = request.GET.get("ceremony", "")
    ceremony = _ceremony(raw) if raw else next_ceremony_on(date.today())
    if ceremony is None:
        return render(
            request,
            "members/badges.html",
            {"unit": unit, "raw": raw, "error": True, "due": []},
            status=400,
        )
    due = members_due_badge(request.user, unit, ceremony)
    return render(
        request,
        "members/badges.html",
        {
            "unit": unit,
            "ceremony": ceremony,
            "since": previous_ceremony_on(ceremony),
            "due": due,
            "raw": ceremony.strftime("%d/%m/%Y"),
        },
    )
