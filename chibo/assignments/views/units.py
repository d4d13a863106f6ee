"""A unit's programmes and task lists, the task dashboard, "my tasks", the home card, and the
creation of tasks from a meeting's conclusions or a registry document."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chibo.access.policy import has_perm_anywhere, member_of, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound

from .. import actions, queries
from ..forms import DATE_FORMATS, ProgrammeForm
from ..models import TaskStatus
from .common import PRIVATE, attempt, quarter_of, year_of
from .tasks import _render_task_form, task_form

STATUS_LABELS = dict(TaskStatus.choices)
LIST_LIMIT = 300


def _filter_labels() -> list[tuple[str, str]]:
    return [
        ("", _("Tất cả")),
        ("overdue", _("Quá hạn")),
        ("due_soon", _("Sắp đến hạn")),
        *[(k, str(v)) for k, v in TaskStatus.choices],
    ]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.ASSIGNMENTS_VIEW).first()
    if top is None:
        if member_of(request.user) is not None:
            return redirect("assignments:mine")
        raise NotFound(_("Bạn không theo dõi chương trình công tác ở đơn vị nào."))
    return redirect("assignments:unit", code=top.code)


def _parse_before(text: str) -> date | None:
    from datetime import datetime

    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    manage = queries.may_manage(request.user, unit)
    year = year_of(request)
    form = ProgrammeForm(initial={"year": year, "quarter": 0, "notice_days": 3, "repeat_days": 5})
    status = 200
    if request.method == "POST":
        queries.get_unit(request.user, code, Perm.ASSIGNMENTS_MANAGE)
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            programme = attempt(
                form,
                lambda: actions.create_programme(
                    actor=request.user, unit=unit, **form.cleaned_data
                ),
            )
            if programme is not None:
                messages.success(request, _("Đã lập chương trình công tác."))
                return redirect("assignments:programme", pk=programme.pk)
        status = 400
    wanted = request.GET.get("status", "")
    wanted = wanted if wanted in queries.LIST_FILTERS else ""
    before_text = request.GET.get("due_before", "")
    before = _parse_before(before_text) if before_text else None
    today = timezone.localdate()
    rows = queries.unit_tasks(request.user, unit, status=wanted, due_before=before)
    tasks = list(rows[:LIST_LIMIT])
    response = render(
        request,
        "assignments/unit.html",
        {
            "unit": unit,
            "manage": manage,
            "year": year,
            "years": [year - 1, year, year + 1],
            "programmes": list(queries.unit_programmes(request.user, unit, year)),
            "form": form,
            "tasks": [(t, queries.late_flag(t, today)) for t in tasks],
            "total": rows.count(),
            "limit": LIST_LIMIT,
            "filters": _filter_labels(),
            "wanted": wanted,
            "due_before": before_text,
            "bad_before": bool(before_text) and before is None,
        },
        status=status,
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    year, quarter = year_of(request), quarter_of(request)
    d = queries.task_dashboard(request.user, unit, year=year, quarter=quarter)
    chart = {
        "labels": [_("Quý %(q)s") % {"q": q["quarter"]} for q in d.quarters],
        "on_time": [q["accepted_on_time"] for q in d.quarters],
        "late": [q["overdue"] for q in d.quarters],
        "other": [q["due"] - q["accepted_on_time"] - q["overdue"] for q in d.quarters],
        "other_label": _("Nghiệm thu muộn hoặc chưa đến hạn"),
        "rate": [q["on_time_rate"] for q in d.quarters],
        "on_time_label": _("Nghiệm thu đúng hạn"),
        "late_label": _("Quá hạn"),
        "rate_label": _("Tỷ lệ đúng hạn (%)"),
    }
    return render(
        request,
        "assignments/dashboard.html",
        {
            "unit": unit,
            "d": d,
            "year": year,
            "quarter": quarter,
            "years": [year - 1, year, year + 1],
            "chart": chart,
        },
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = queries.my_tasks(request.user, limit=None)
    response = render(
        request,
        "assignments/mine.html",
        {
            "tasks": [(t, queries.late_flag(t, today)) for t in tasks],
            "to_approve": queries.to_approve(request.user, limit=None),
            "has_record": member_of(request.user) is not None,
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def home_card(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    mine_rows = queries.my_tasks(request.user, limit=4)
    approve = queries.to_approve(request.user, limit=3)
    response = render(
        request,
        "assignments/_home_card.html",
        {
            "tasks": [(t, queries.late_flag(t, today)) for t in mine_rows],
            "to_approve": approve,
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


def _from_source(
    request: HttpRequest, source: Any, kind: str, initial: dict[str, Any]
) -> HttpResponse:
    """Make a task from a source in one step: choose the programme (of a unit in the user's
    reach with assignments.manage), the form comes filled with what the source says."""
    programmes = list(
        queries.visible_programmes_to_manage(request.user, year=timezone.localdate().year)
    )
    chosen = request.POST.get("programme") or request.GET.get("programme")
    programme = next(
        (p for p in programmes if str(p.pk) == chosen), programmes[0] if programmes else None
    )
    if programme is None and not has_perm_anywhere(request.user, Perm.ASSIGNMENTS_MANAGE):
        raise Forbidden(_("Bạn không có quyền giao nhiệm vụ."))
    if programme is None:
        messages.error(request, _("Chưa có chương trình công tác năm nay để đưa nhiệm vụ vào."))
        return redirect("assignments:home")
    context_source = {
        "kind": kind,
        "object": source,
        "programmes": programmes,
        "programme": programme,
    }
    if request.method != "POST":
        form = task_form(programme, initial={"accountable_unit": programme.unit.code, **initial})
        return _render_task_form(request, programme, form, source=context_source)
    form = task_form(programme, request.POST)
    if form.is_valid():
        fields = form.action_fields()
        fields[f"source_{kind}"] = source
        task = attempt(
            form,
            lambda: actions.create_task(actor=request.user, programme_id=programme.pk, **fields),
        )
        if task is not None:
            messages.success(request, _("Đã lập nhiệm vụ."))
            return redirect("assignments:task", pk=task.pk)
    return _render_task_form(request, programme, form, status=400, source=context_source)


@login_required
def from_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, conclusions = queries.meeting_source(request.user, pk)
    return _from_source(
        request,
        meeting,
        "meeting",
        {
            "title": (conclusions.splitlines() or [meeting.title])[0][:255],
            "scope": conclusions,
            "source_note": _("Kết luận cuộc họp %(t)s") % {"t": meeting.title},
        },
    )


@login_required
def from_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.document_source(request.user, pk)
    return _from_source(
        request,
        document,
        "document",
        {
            "title": (_("Triển khai %(n)s") % {"n": document.number})[:255],
            "scope": document.title,
            "source_note": f"{document.number}: {document.title}"[:500],
        },
    )


@login_required
@require_GET
def source_tasks(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The tasks made from a meeting or a document (the link back from the source)."""
    if kind == "meeting":
        source, _c = queries.meeting_source(request.user, pk)
        tasks = queries.tasks_from_meeting(request.user, source)
    elif kind == "document":
        source = queries.document_source(request.user, pk)
        tasks = queries.tasks_from_document(request.user, source)
    else:
        raise NotFound(_("Không tìm thấy."))
    today = timezone.localdate()
    response = render(
        request,
        "assignments/source_tasks.html",
        {
            "kind": kind,
            "source": source,
            "tasks": [(t, queries.late_flag(t, today)) for t in tasks],
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def my_tasks_box(request: HttpRequest) -> HttpResponse:
    """The handbook home's "my tasks" box (loaded by HTMX into `_my_tasks_box.html`)."""
    today = timezone.localdate()
    response = render(
        request,
        "assignments/_my_tasks_items.html",
        {"tasks": [(t, queries.late_flag(t, today)) for t in queries.my_tasks(request.user, 5)]},
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def overdue_card(request: HttpRequest) -> HttpResponse:
    """The home card of those who follow units' tasks: overdue tasks in their reach."""
    if not has_perm_anywhere(request.user, Perm.ASSIGNMENTS_VIEW):
        raise Forbidden(_("Bạn không theo dõi chương trình công tác ở đơn vị nào."))
    count, tasks = queries.overdue_in_reach(request.user)
    top = units_for(request.user, Perm.ASSIGNMENTS_VIEW).first()
    response = render(
        request, "assignments/_overdue_card.html", {"count": count, "tasks": tasks, "top": top}
    )
    response["Cache-Control"] = PRIVATE
    return response
