"""The unit's recruitment page (progress, funnel, units below, candidates), the printable
conference tally, targets, the home card."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.core.pagination import filter_query_string, page_number
from chibo.org import queries as org_queries

from .. import actions, queries
from ..forms import CandidateForm, TargetForm
from ..models import STEP_ORDER
from .common import PRIVATE, attach, year_of

PAGE_SIZE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.RECRUITMENT_VIEW).first()
    if top is None:
        raise Forbidden(_("Bạn không theo dõi công tác phát triển đảng viên ở đơn vị nào."))
    return redirect("recruitment:unit", code=top.code)


def _steps() -> list[tuple[str, Any]]:
    return [(queries.LISTED, queries.step_label(queries.LISTED))] + [
        (s, queries.step_label(s)) for s in STEP_ORDER[:-1]
    ]


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    year = year_of(request)
    today = timezone.localdate()
    progress = queries.progress(request.user, unit, year, today)
    step = request.GET.get("step", "")
    step = step if step in dict(_steps()) else ""
    late = request.GET.get("late") == "1"
    q = request.GET.get("q", "")[:120]
    rows = queries.candidates_for(
        request.user, unit, step=step, late_on=today if late else None, q=q
    )
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(page_number(request.GET.get("page")))
    for candidate in page.object_list:
        candidate.next = queries.next_step(candidate)  # type: ignore[attr-defined]
        candidate.next_label = queries.step_label(candidate.next) if candidate.next else ""  # type: ignore[attr-defined]
        candidate.late = bool(candidate.next_due_on and candidate.next_due_on < today)  # type: ignore[attr-defined]
    funnel = queries.funnel(progress.by_step)
    manage = queries.may_manage(request.user, unit)
    response = render(
        request,
        "recruitment/unit.html",
        {
            "unit": unit,
            "year": year,
            "years": [year - 1, year, year + 1],
            "progress": progress,
            "tally": queries.tally(request.user, unit, year),
            "page": page,
            "steps": _steps(),
            "step": step,
            "late": late,
            "q": q,
            "filters": filter_query_string(request.GET, ["step", "late", "q", "year"]),
            "manage": manage,
            "is_branch": actions.holds_members(unit, today),
            "target_form": TargetForm(initial={"year": year, "target": progress.target}),
            "chart": {
                "labels": [str(queries.short_label(k)) for k, _n in funnel],
                "values": [n for _k, n in funnel],
                "label": _("Số quần chúng đã qua bước"),
            },
            "breadcrumb": org_queries.ancestors_in_reach(request.user, unit),
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def tally_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    year = year_of(request)
    progress = queries.progress(request.user, unit, year, timezone.localdate())
    return render(
        request,
        "recruitment/tally.html",
        {
            "unit": unit,
            "year": year,
            "progress": progress,
            "rows": queries.tally(request.user, unit, year),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def set_target(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.RECRUITMENT_MANAGE)
    form = TargetForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            actions.set_target(
                actor=request.user, unit=unit, year=year, target=form.cleaned_data["target"]
            )
        except (ValidationFailed, Conflict) as exc:
            messages.error(request, exc.text())
        else:
            messages.success(request, _("Đã lưu chỉ tiêu năm %(y)s.") % {"y": year})
    else:
        messages.error(request, _("Chỉ tiêu phải là số nguyên từ 0."))
    return redirect(f"{reverse('recruitment:unit', args=[unit.code])}?year={year}")


@login_required
def candidate_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.RECRUITMENT_MANAGE)
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = actions.create_candidate(actor=request.user, unit=unit, **form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            attach(form, exc)
        else:
            messages.success(request, _("Đã thêm quần chúng ưu tú vào danh sách theo dõi."))
            return redirect("recruitment:candidate", pk=candidate.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "recruitment/candidate_form.html", {"unit": unit, "form": form}, status=status
    )


@login_required
@require_GET
def home_card(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    count, rows = queries.late_candidates(request.user, today)
    for candidate in rows:
        candidate.late = bool(candidate.next_due_on and candidate.next_due_on < today)  # type: ignore[attr-defined]
        candidate.next_label = queries.step_label(queries.next_step(candidate) or "listed")  # type: ignore[attr-defined]
    response = render(
        request, "recruitment/_home_card.html", {"count": count, "rows": rows, "today": today}
    )
    response["Cache-Control"] = PRIVATE
    return response
