"""A member's own ratings, the streak list of a unit, the member-record section, the home card."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from chibo.access.policy import member_of
from chibo.core.errors import NotFound
from chibo.core.pagination import page_number
from chibo.members.queries.profile import get_member_to_read

from ..models import SubjectKind
from ..queries import history, rounds
from ..rules import LEVEL_LABELS, LEVEL_ORDER, Level

PRIVATE = "private, no-store"
PER_PAGE = 50


def _levels() -> dict[str, str]:
    return {lvl.value: str(LEVEL_LABELS[lvl]) for lvl in LEVEL_ORDER}


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    member = member_of(request.user)
    if member is None:
        raise NotFound(_("Bạn chưa có hồ sơ đảng viên gắn với tài khoản này."))
    data = history.member_history(request.user, member)
    response = render(
        request,
        "ratings/mine.html",
        {
            "member": member,
            "history": data,
            "pending": list(rounds.my_self_assessments(request.user)),
            "levels": _levels(),
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


def _int(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.GET.get(name, default))
    except ValueError:
        return default
    return min(max(value, low), high)


@login_required
@require_GET
def streaks_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = rounds.get_unit(request.user, code)
    today = timezone.localdate()
    until = _int(request, "until", today.year - (1 if today.month < 12 else 0), 2000, today.year)
    years = _int(request, "years", 5, 2, 20)
    kind = request.GET.get("kind", SubjectKind.MEMBER)
    if kind not in SubjectKind.values:
        kind = SubjectKind.MEMBER
    level = request.GET.get("level", Level.EXCELLENT)
    if level not in {lvl.value for lvl in Level}:
        level = Level.EXCELLENT
    number = page_number(request.GET.get("page"))
    items, count = history.streaks(
        request.user,
        unit,
        level=level,
        years=years,
        until=until,
        kind=kind,
        offset=(number - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    pager = Paginator(range(count), PER_PAGE).get_page(number)
    response = render(
        request,
        "ratings/streaks.html",
        {
            "unit": unit,
            "items": items,
            "count": count,
            "pager": pager,
            "until": until,
            "years": years,
            "first": until - years + 1,
            "kind": kind,
            "level": level,
            "levels": _levels(),
            "kinds": SubjectKind.choices,
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def member_section(request: HttpRequest, pk: int) -> HttpResponse:
    """The ratings section of a member's record (loaded by HTMX): the member, their branch
    committee and the committees above; the read logged for anyone but the member."""
    member = get_member_to_read(request.user, pk)
    data = history.member_history(request.user, member, reason="member record")
    response = render(
        request, "ratings/_member_section.html", {"history": data, "levels": _levels()}
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def home_card(request: HttpRequest) -> HttpResponse:
    own = list(rounds.my_self_assessments(request.user)[:3])
    branch = rounds.awaiting_branch(request.user)
    decide = [r for r in rounds.awaiting_decision(request.user)[:5] if getattr(r, "waiting", 0)]
    return render(
        request,
        "ratings/_home_card.html",
        {
            "own": own,
            "branch_count": branch.count(),
            "branch": list(branch[:3]),
            "decide": decide,
        },
    )
