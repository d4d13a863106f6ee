"""A programme's page, the task form, one task's page and its workflow steps, the split into
tasks for the units below, and tasks made from a meeting or a registry document."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.org.models import OrgUnit

from .. import actions, queries
from ..actions.common import is_approver, is_co_owner, is_owner
from ..actions.workflow import may_split
from ..forms import (
    DecisionForm,
    ExtensionForm,
    NoteForm,
    ProgressForm,
    ReasonForm,
    SubmitForm,
    TaskForm,
)
from ..models import TaskStatus, WorkProgramme
from .common import PRIVATE, attempt, dmy, step


def _people(unit: OrgUnit) -> list[tuple[str, str]]:
    return [(str(m.pk), f"{m.full_name} — {m.unit.name}") for m in queries.owner_candidates(unit)]


def task_form(programme: WorkProgramme, *args: Any, **kw: Any) -> TaskForm:
    unit = programme.unit
    units = [(u.code, u.name) for u in queries.unit_choices(unit)]
    bodies = [
        (u.code, _("Cấp ủy %(name)s") % {"name": u.name}) for u in queries.approving_bodies(unit)
    ]
    return TaskForm(*args, members=_people(unit), units=units, bodies=bodies, **kw)


@login_required
@require_GET
def programme_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.get_programme_for_user(request.user, pk)
    today = timezone.localdate()
    tasks = list(queries.programme_tasks(programme))
    response = render(
        request,
        "assignments/programme.html",
        {
            "programme": programme,
            "unit": programme.unit,
            "tasks": [(t, queries.late_flag(t, today)) for t in tasks],
            "drafts": sum(1 for t in tasks if t.status == TaskStatus.DRAFT),
            "manage": queries.may_manage(request.user, programme.unit),
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def issue_programme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.get_programme_for_user(request.user, pk, Perm.ASSIGNMENTS_MANAGE)
    return step(
        request,
        lambda: actions.issue_programme(actor=request.user, programme_id=programme.pk),
        _("Đã ban hành chương trình và giao các nhiệm vụ."),
        reverse("assignments:programme", args=[programme.pk]),
    )


def _render_task_form(
    request: HttpRequest,
    programme: WorkProgramme,
    form: TaskForm,
    status: int = 200,
    source: Any = None,
) -> HttpResponse:
    response = render(
        request,
        "assignments/task_form.html",
        {"programme": programme, "unit": programme.unit, "form": form, "source": source},
        status=status,
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
def new_task(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.get_programme_for_user(request.user, pk, Perm.ASSIGNMENTS_MANAGE)
    if request.method != "POST":
        return _render_task_form(
            request,
            programme,
            task_form(programme, initial={"accountable_unit": programme.unit.code}),
        )
    form = task_form(programme, request.POST)
    if form.is_valid():
        task = attempt(
            form,
            lambda: actions.create_task(
                actor=request.user, programme_id=programme.pk, **form.action_fields()
            ),
        )
        if task is not None:
            messages.success(request, _("Đã lập nhiệm vụ."))
            return redirect("assignments:task", pk=task.pk)
    return _render_task_form(request, programme, form, status=400)


def _step_forms(request: HttpRequest, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    forms = {
        "progress_form": ProgressForm(),
        "submit_form": SubmitForm(),
        "return_form": ReasonForm(),
        "accept_form": NoteForm(),
        "extension_form": ExtensionForm(),
        "decision_form": DecisionForm(),
    }
    forms.update(bound or {})
    return forms


def _task_page(
    request: HttpRequest, pk: int, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    task = queries.get_task_for_user(request.user, pk)
    today = timezone.localdate()
    children = queries.children_of(request.user, task)
    context = {
        "task": task,
        "unit": task.accountable_unit,
        "events": queries.task_events(task),
        "co_owners": queries.co_owners(task),
        "late": queries.late_flag(task, today),
        "at_risk": queries.at_risk_flag(task, today),
        "rollup": queries.rollup(task, today),
        "children": [(c, queries.late_flag(c, today)) for c in children],
        "is_owner": is_owner(request.user, task),
        "is_co_owner": is_co_owner(request.user, task),
        "is_approver": is_approver(request.user, task),
        "manage": queries.may_manage(request.user, task.unit),
        "may_split": may_split(request.user, task),
        "open": task.status not in (TaskStatus.DRAFT, TaskStatus.ACCEPTED),
        **_step_forms(request, bound),
    }
    response = render(request, "assignments/task.html", context, status=status)
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, pk)


def _run_step(
    request: HttpRequest, pk: int, name: str, form: Any, work: Any, success: str
) -> HttpResponse:
    queries.get_task_for_user(request.user, pk)  # 404 out of sight, before anything else
    if form.is_valid() and attempt(form, lambda: work(form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect("assignments:task", pk=pk)
    return _task_page(request, pk, {name: form}, status=400)


@login_required
@require_POST
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "progress_form",
        ProgressForm(request.POST),
        lambda d: actions.record_progress(
            actor=request.user, task_id=pk, note=d["note"], percent=d["percent"]
        ),
        _("Đã ghi tiến độ."),
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "submit_form",
        SubmitForm(request.POST, request.FILES),
        lambda d: actions.submit_task(
            actor=request.user, task_id=pk, note=d["note"], link=d["link"], file=d["file"]
        ),
        _("Đã nộp sản phẩm, chờ nghiệm thu."),
    )


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "accept_form",
        NoteForm(request.POST),
        lambda d: actions.accept_task(actor=request.user, task_id=pk, note=d["note"]),
        _("Đã nghiệm thu nhiệm vụ."),
    )


@login_required
@require_POST
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "return_form",
        ReasonForm(request.POST),
        lambda d: actions.return_task(actor=request.user, task_id=pk, reason=d["reason"]),
        _("Đã trả lại nhiệm vụ."),
    )


@login_required
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "extension_form",
        ExtensionForm(request.POST),
        lambda d: actions.request_extension(
            actor=request.user, task_id=pk, due_on=d["due_on"], reason=d["reason"]
        ),
        _("Đã gửi đề nghị gia hạn."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "decision_form",
        DecisionForm(request.POST),
        lambda d: actions.decide_extension(
            actor=request.user, task_id=pk, grant=d["grant"], note=d["note"]
        ),
        _("Đã quyết định về đề nghị gia hạn."),
    )


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    task = queries.get_task_for_user(request.user, pk)
    return step(
        request,
        lambda: actions.issue_task(actor=request.user, task_id=task.pk),
        _("Đã giao nhiệm vụ."),
        reverse("assignments:task", args=[task.pk]),
    )


@login_required
def split(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per unit below the task's accountable unit: tick it, choose its owner, its due
    date (default: the parent's)."""
    task = queries.get_task_for_user(request.user, pk)
    queries.get_unit(request.user, task.accountable_unit.code, Perm.ASSIGNMENTS_MANAGE)
    units = queries.child_units(task.accountable_unit)
    rows = [
        {"unit": u, "people": [(str(m.pk), m.full_name) for m in queries.owner_candidates(u, 200)]}
        for u in units
    ]
    error = ""
    values: dict[str, str] = {}
    if request.method == "POST":
        values = {
            k: str(request.POST.get(k, "")) for k in request.POST if k != "csrfmiddlewaretoken"
        }
        parts = []
        bad_day = ""
        for u in units:
            typed = request.POST.get(f"due_{u.code}", "").strip()
            if request.POST.get(f"pick_{u.code}") and typed and _parse_day(typed) is None:
                bad_day = u.name
            if request.POST.get(f"pick_{u.code}"):
                parts.append(
                    {
                        "accountable_unit": u.code,
                        "owner_id": request.POST.get(f"owner_{u.code}") or None,
                        "due_on": _parse_day(request.POST.get(f"due_{u.code}", "")) or task.due_on,
                        "scope": request.POST.get("scope") or task.scope,
                    }
                )
        from chibo.core.errors import Conflict, ValidationFailed

        try:
            if bad_day:
                raise ValidationFailed(
                    _("Hạn của %(name)s không đúng dạng ngày/tháng/năm."), name=bad_day
                )
            if not parts:
                raise ValidationFailed(_("Chọn ít nhất một đơn vị cấp dưới."), field="parts")
            actions.split_task(actor=request.user, task_id=task.pk, parts=parts)
        except (ValidationFailed, Conflict) as exc:
            error = exc.text()
        else:
            messages.success(
                request, _("Đã giao %(n)s nhiệm vụ cho các đơn vị cấp dưới.") % {"n": len(parts)}
            )
            return redirect("assignments:task", pk=task.pk)
    response = render(
        request,
        "assignments/split.html",
        {
            "task": task,
            "unit": task.accountable_unit,
            "rows": rows,
            "error": error,
            "values": values,
            "default_due": dmy(task.due_on),
        },
        status=400 if error else 200,
    )
    response["Cache-Control"] = PRIVATE
    return response


def _parse_day(text: str) -> Any:
    from datetime import datetime

    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None
