"""The unit's meetings page (the year plan of a branch), the warnings and the quality view."""

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import can, member_of, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.org import queries as org_queries

from .. import actions, queries
from ..forms import MeetingForm, attach_error
from ..rules import MEETING_UNIT_KINDS
from .common import run

CHILDREN_LIMIT = 300
WARNING_LABELS = {
    "no_regular_meeting": gettext_lazy("Tháng không sinh hoạt thường kỳ"),
    "no_thematic_meeting": gettext_lazy("Quý không sinh hoạt chuyên đề"),
    "documents_late": gettext_lazy("Tài liệu đăng muộn"),
    "short_meeting": gettext_lazy("Họp chưa đủ thời lượng"),
    "low_attendance": gettext_lazy("Tỷ lệ dự họp thấp"),
    "absent_three_months": gettext_lazy("Vắng 3 tháng không lý do"),
}


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    member = member_of(request.user)
    top = units_for(request.user, Perm.MEETINGS_VIEW).first()
    if top is None:
        if member is not None:
            return redirect("meetings:unit", code=member.unit.code)
        raise NotFound(_("Bạn không theo dõi sinh hoạt chi bộ ở đơn vị nào."))
    return redirect("meetings:unit", code=top.code)


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    year = _year(request)
    is_branch = unit.kind in MEETING_UNIT_KINDS
    manage = can(request.user, Perm.MEETINGS_MANAGE, unit)
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "years": [year - 1, year, year + 1],
        "is_branch": is_branch,
        "manage": manage,
        "breadcrumb": org_queries.ancestors_in_reach(request.user, unit),
    }
    if is_branch:
        context["meetings"] = list(
            queries.meetings_for(
                request.user,
                unit=unit,
                start=date(year, 1, 1),
                end=date(year, 12, 31),
                subtree=False,
            )
        )
        context["has_plan"] = any(m.plan_id for m in context["meetings"])
        context["warnings"] = queries.meeting_warnings(request.user, unit, year=year)[:5]
    else:
        context["quality"] = queries.quality(unit, year=year)
    return render(request, "meetings/unit.html", context)


@login_required
@require_POST
def generate_plan(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.MEETINGS_MANAGE)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    return run(
        request,
        lambda: actions.generate_year_plan(actor=request.user, unit=unit, year=year),
        _("Đã lập kế hoạch sinh hoạt năm %(year)s.") % {"year": year},
        reverse("meetings:unit", args=[unit.code]) + f"?year={year}",
    )


@login_required
def new_meeting(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.MEETINGS_MANAGE)
    members = [(m.pk, m.full_name) for m in queries.chair_candidates(unit)]
    if request.method == "POST":
        # A refused form comes back as typed, each error beside its field (issue 17).
        form = MeetingForm(request.POST, members=members)
        if form.is_valid():
            agenda = form.cleaned_data["agenda"].splitlines()
            try:
                meeting = actions.create_meeting(
                    actor=request.user, unit=unit, agenda=agenda, **form.action_fields()
                )
            except (ValidationFailed, Conflict) as exc:
                attach_error(form, exc.field, exc.text())
            else:
                messages.success(request, _("Đã tạo cuộc họp."))
                return redirect("meetings:detail", pk=meeting.pk)
        return render(
            request, "meetings/meeting_form.html", {"unit": unit, "form": form}, status=400
        )
    start = timezone.localtime() + timedelta(days=7)
    form = MeetingForm(
        initial={
            "kind": "regular",
            "day": start.strftime("%d/%m/%Y"),
            "start": "14:00",
            "end": "16:00",
        },
        members=members,
    )
    return render(request, "meetings/meeting_form.html", {"unit": unit, "form": form})


@login_required
@require_GET
def warnings_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    year = _year(request)
    items = queries.meeting_warnings(request.user, unit, year=year)
    counts: dict[str, int] = {}
    for w in items:
        counts[w.kind] = counts.get(w.kind, 0) + 1
    kind = request.GET.get("kind", "")
    if kind in WARNING_LABELS:
        items = [w for w in items if w.kind == kind]
    kinds = [(k, label, counts.get(k, 0)) for k, label in WARNING_LABELS.items()]
    return render(
        request,
        "meetings/warnings.html",
        {
            "unit": unit,
            "year": year,
            "warnings": items,
            "kinds": kinds,
            "kind": kind,
            "soon": queries.upcoming_without_documents(unit),
        },
    )


@login_required
@require_GET
def quality_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    year = _year(request)
    data = queries.quality(unit, year=year)
    chart = {
        "labels": [f"{m['month']:02d}/{year}" for m in data.months],
        "met": [m["met"] for m in data.months],
        "branches": [m["branches"] for m in data.months],
        "attendance": [m["attendance"] for m in data.months],
        "met_label": _("Chi bộ đã sinh hoạt thường kỳ"),
        "attendance_label": _("Tỷ lệ dự họp (%)"),
    }
    children = list(org_queries.children_of(request.user, unit)[:CHILDREN_LIMIT])
    return render(
        request,
        "meetings/quality.html",
        {
            "unit": unit,
            "year": year,
            "years": [year - 1, year],
            "q": data,
            "chart": chart,
            "children": children,
            "breadcrumb": org_queries.ancestors_in_reach(request.user, unit),
            "this_month": timezone.localdate().replace(day=1),
        },
    )
