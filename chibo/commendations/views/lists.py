"""The year-end lists (excellent N years running, badges due, tallies), the awards section of a
member's record, and the home card."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from chibo.members.queries.profile import get_member_to_read
from chibo.members.rules import next_ceremony_on
from chibo.ratings.models import SubjectKind

from ..queries import awards as q
from ..queries import eligibility
from ..rules import AWARD_RULES
from .common import PRIVATE, day_param, year_param

REASONS = {
    eligibility.REGULAR: "",
    eligibility.ILL: "ill",
    eligibility.POSTHUMOUS: "posthumous",
}


@login_required
@require_GET
def eligibility_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = q.get_unit(request.user, code)
    year = year_param(request)
    today = timezone.localdate()
    ceremony = day_param(request, "on", next_ceremony_on(today))
    years = AWARD_RULES.rule_on(today).streak_years
    status = 200
    if ceremony is None:
        ceremony, status = next_ceremony_on(today), 400
    members, member_count = eligibility.revealed_streaks(
        request.user, unit, until=year, years=years, kind=SubjectKind.MEMBER
    )
    orgs, org_count = eligibility.revealed_streaks(
        request.user, unit, until=year, years=years, kind=SubjectKind.ORGANISATION
    )
    response = render(
        request,
        "commendations/eligibility.html",
        {
            "unit": unit,
            "year": year,
            "years": years,
            "first": year - years + 1,
            "ceremony": ceremony,
            "bad_day": status == 400,
            "member_streaks": members,
            "member_count": member_count,
            "org_streaks": orgs,
            "org_count": org_count,
            "badges": eligibility.badges_due(request.user, unit, ceremony),
            "tallies": eligibility.year_tallies(request.user, unit, year=year),
        },
        status=status,
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def member_section(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_to_read(request.user, pk)
    awards = list(q.awards_of_member(request.user, member))
    return render(request, "commendations/_member_section.html", {"awards": awards})


@login_required
@require_GET
def home_card(request: HttpRequest) -> HttpResponse:
    pending = q.pending_for(request.user)
    return render(
        request,
        "commendations/_home_card.html",
        {"count": pending.count(), "items": list(pending[:3])},
    )
