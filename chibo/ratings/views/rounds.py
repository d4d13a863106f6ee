"""The unit's rating page, a round, one rating with its assessment forms."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can, is_self, member_of, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.pagination import page_number

from ..actions.assessments import assess_rating, assessing_unit, holds_on
from ..actions.rounds import ROUND_UNIT_KINDS, close_round, open_round
from ..forms import AssessmentForm, CloseRoundForm, OpenRoundForm
from ..models import Stage, SubjectKind
from ..queries import history, rounds
from ..queries.cap import cap_rows
from ..rules import EXCELLENT_CAP, LEVEL_LABELS, LEVEL_ORDER, period_end

PRIVATE = "private, no-store"
CHART_YEARS = 5


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.RATINGS_VIEW).first()
    if top is not None:
        return redirect("ratings:unit", code=top.code)
    member = member_of(request.user)
    if member is not None:
        return redirect("ratings:mine")
    raise NotFound(_("Bạn không theo dõi đánh giá, xếp loại ở đơn vị nào."))


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _unit_context(request: HttpRequest, unit: Any, form: Any = None) -> dict[str, Any]:
    year = _year(request)
    first = year - CHART_YEARS + 1
    table = history.results_by_year(
        request.user, unit, kind=SubjectKind.MEMBER, first=first, last=year
    )
    org_table = history.results_by_year(
        request.user, unit, kind=SubjectKind.ORGANISATION, first=first, last=year
    )
    chart = {
        "stacked": True,
        "labels": [str(y) for y in table],
        "series": [
            {"label": str(LEVEL_LABELS[lvl]), "data": [table[y][lvl.value] for y in table]}
            for lvl in LEVEL_ORDER
        ],
    }
    cap = EXCELLENT_CAP.rule_on(period_end(year))
    return {
        "unit": unit,
        "year": year,
        "years": list(range(year - 4, timezone.localdate().year + 1)),
        "rounds": list(rounds.rounds_for(request.user, unit)[:40]),
        "counts": history.level_counts(request.user, unit, year=year, kind=SubjectKind.MEMBER),
        "org_counts": history.level_counts(
            request.user, unit, year=year, kind=SubjectKind.ORGANISATION
        ),
        "table": table,
        "org_table": org_table,
        "chart": chart,
        "levels": [(lvl.value, LEVEL_LABELS[lvl]) for lvl in LEVEL_ORDER],
        "may_open": unit.kind in ROUND_UNIT_KINDS and can(request.user, Perm.RATINGS_MANAGE, unit),
        "form": form or OpenRoundForm(initial={"year": year, "quarter": 0, "kind": "member"}),
        "cap_rule": cap,
    }


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = rounds.get_unit(request.user, code)
    return render(request, "ratings/unit.html", _unit_context(request, unit))


@login_required
@require_POST
def open_round_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = rounds.get_unit(request.user, code, Perm.RATINGS_MANAGE)
    form = OpenRoundForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            rnd = open_round(
                actor=request.user,
                unit=unit,
                year=d["year"],
                quarter=d["quarter"],
                kind=d["kind"],
                cap_percent=d.get("cap_percent"),
                on=timezone.localdate(),
            )
        except (ValidationFailed, Conflict) as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã mở đợt đánh giá."))
            return redirect("ratings:round", pk=rnd.pk)
    return render(request, "ratings/unit.html", _unit_context(request, unit, form), status=400)


def _round_context(request: HttpRequest, rnd: Any, close_form: Any = None) -> dict[str, Any]:
    rows = rounds.ratings_in_round(request.user, rnd)
    page = Paginator(rows, 100).get_page(page_number(request.GET.get("page")))
    items = list(page.object_list)
    shown = rounds.revealed(request.user, items, reason="rating round list")
    return {
        "round": rnd,
        "page": page,
        "items": [(r, r.pk in shown) for r in items],
        "summary": rounds.summary(rows),
        "cap": cap_rows(rnd),
        "levels": [(lvl.value, LEVEL_LABELS[lvl]) for lvl in LEVEL_ORDER],
        "may_decide": rounds.may_decide(request.user, rnd),
        "close_form": close_form or CloseRoundForm(),
        "rules": rounds.level_rules_of(rnd),
    }


@login_required
@require_GET
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = rounds.get_round_for_user(request.user, pk)
    response = render(request, "ratings/round.html", _round_context(request, rnd))
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def close_round_view(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = rounds.get_round_for_user(request.user, pk, Perm.RATINGS_DECIDE)
    form = CloseRoundForm(request.POST)
    if form.is_valid():
        try:
            close_round(
                actor=request.user,
                round_id=rnd.pk,
                on=timezone.localdate(),
                decision_number=form.cleaned_data["decision_number"],
                decision_reason=form.cleaned_data["decision_reason"],
            )
        except (ValidationFailed, Conflict) as exc:
            form.add_error(None, exc.text())
        else:
            messages.success(request, _("Đã kết thúc đợt đánh giá."))
            return redirect("ratings:round", pk=rnd.pk)
    response = render(request, "ratings/round.html", _round_context(request, rnd, form), status=400)
    response["Cache-Control"] = PRIVATE
    return response


STAGE_FOR_ROLE = {
    "self": Stage.SELF,
    "branch": Stage.BRANCH,
    "decide": Stage.DECIDED,
}


def _assessment_form(rating: Any, data: Any = None, initial: Any = None) -> AssessmentForm:
    return AssessmentForm(
        data,
        initial=initial,
        criteria=rating.round.criteria,
        year=rating.year,
        quarter=rating.quarter,
        subject=rating.kind,
    )


def _initial_from(event: Any) -> dict[str, Any]:
    if event is None:
        return {}
    init = {"score": event.score, "level": event.level, "comment": ""}
    init.update(event.conditions or {})
    for code, value in (event.points or {}).items():
        init[f"points_{code}"] = value
    return init


@login_required
@require_http_methods(["GET", "POST"])
def rating_page(request: HttpRequest, pk: int) -> HttpResponse:
    rating = rounds.get_rating_for_user(request.user, pk)
    events = list(rating.events.select_related("recorded_by"))
    last = events[-1] if events else None
    own = rating.member_id is not None and is_self(request.user, rating.member)
    status = 200
    form = None
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST":
        stage = STAGE_FOR_ROLE.get(step)
        form = _assessment_form(rating, request.POST)
        if stage is None:
            form.add_error(None, _("Bước đánh giá không hợp lệ."))
            status = 400
        elif form.is_valid():
            try:
                assess_rating(
                    actor=request.user,
                    rating_id=rating.pk,
                    stage=stage,
                    on=timezone.localdate(),
                    **form.payload(),
                )
            except (ValidationFailed, Conflict) as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.text())
                status = 400
            else:
                messages.success(request, _("Đã ghi kết quả đánh giá."))
                return redirect("ratings:rating", pk=rating.pk)
        else:
            status = 400
    context = {
        "rating": rating,
        "events": events,
        "own": own,
        "form": form or _assessment_form(rating, initial=_initial_from(last)),
        "step": step,
        "steps": _steps_for(request.user, rating, own),
        "levels": dict((lvl.value, LEVEL_LABELS[lvl]) for lvl in LEVEL_ORDER),
        "rules": rounds.level_rules_of(rating.round),
    }
    response = render(request, "ratings/rating.html", context, status=status)
    response["Cache-Control"] = PRIVATE
    return response


def _steps_for(user: Any, rating: Any, own: bool) -> list[tuple[str, str]]:
    """The assessment steps this user may take now (the action checks again)."""
    if rating.round.status != "open":
        return []
    steps: list[tuple[str, str]] = []
    if rating.stage != Stage.DECIDED:
        if own or (
            rating.kind == SubjectKind.ORGANISATION
            and holds_on(user, Perm.RATINGS_MANAGE, rating.organisation)
        ):
            steps.append(("self", _("Tự đánh giá")))
        if holds_on(user, Perm.RATINGS_MANAGE, assessing_unit(rating)):
            steps.append(("branch", _("Chi bộ nhận xét, đánh giá")))
    if can(user, Perm.RATINGS_DECIDE, rating.round.unit) and rating.stage in (
        Stage.BRANCH,
        Stage.DECIDED,
    ):
        steps.append(("decide", _("Cấp ủy quyết định xếp loại")))
    return steps
