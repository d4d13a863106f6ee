"""A unit's report: fill in, submit, approve; accept or return by the level above; downloads."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import can
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import state
from ..actions import submissions as actions
from ..actions.common import may_receive
from ..forms import ReturnForm
from ..models import IndicatorSource
from ..queries import reports as queries
from ..validation import judge
from .common import PRIVATE, run


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = queries.get_report_for_user(request.user, pk)
    template = report.request.template
    items = list(template.indicators.all())
    sections = list(template.sections.all())
    editable = report.status in state.EDITABLE and can(
        request.user, Perm.REPORTS_MANAGE, report.unit
    )
    response = render(
        request,
        "reports/report.html",
        {
            "report": report,
            "req": report.request,
            "rows": [
                (i, report.values.get(i.code), i.source == IndicatorSource.ENTERED) for i in items
            ],
            "sections": [(s, report.narrative.get(str(s.pk), "")) for s in sections],
            "checks": judge(template.rules.all(), report.values) if report.computed_at else [],
            "editable": editable,
            "may_approve": report.status == "submitted"
            and can(request.user, Perm.REPORTS_APPROVE, report.unit),
            "may_receive": report.status == "approved"
            and may_receive(request.user, report.request.unit),
            "versions": list(report.versions.all()),
            "events": list(report.events.select_related("actor")),
            "return_form": ReturnForm(),
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


def _back(pk: int) -> str:
    return reverse("reports:report", args=[pk])


@login_required
@require_POST
def prefill(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_report_for_user(request.user, pk)
    return run(
        request,
        lambda: actions.prefill_report(actor=request.user, report_id=pk),
        _("Đã điền sẵn các chỉ tiêu tính từ dữ liệu."),
        _back(pk),
    )


def _posted(request: HttpRequest) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("v_")}
    narrative = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("s_")}
    return values, narrative


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    report = queries.get_report_for_user(request.user, pk)
    values, narrative = _posted(request)
    try:
        actions.save_report(actor=request.user, report_id=pk, values=values, narrative=narrative)
        if request.POST.get("then") == "submit":
            actions.submit_report(actor=request.user, report_id=pk)
            messages.success(request, _("Đã trình lãnh đạo duyệt báo cáo."))
        else:
            messages.success(request, _("Đã lưu báo cáo."))
    except (ValidationFailed, Conflict) as exc:
        # Keep what was typed: the page shows it back with the reason.
        messages.error(request, exc.text())
        return _redisplay(request, report, values, narrative, exc)
    return redirect(_back(pk))


def _redisplay(
    request: HttpRequest, report: Any, values: dict[str, Any], narrative: dict[str, str], exc: Any
) -> HttpResponse:
    template = report.request.template
    items = list(template.indicators.all())
    response = render(
        request,
        "reports/report.html",
        {
            "report": report,
            "req": report.request,
            "rows": [
                (
                    i,
                    values.get(i.code, report.values.get(i.code)),
                    i.source == IndicatorSource.ENTERED,
                )
                for i in items
            ],
            "sections": [
                (s, narrative.get(str(s.pk), report.narrative.get(str(s.pk), "")))
                for s in template.sections.all()
            ],
            "checks": [],
            "editable": report.status in state.EDITABLE,
            "error_field": exc.field,
            "return_form": ReturnForm(),
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_report_for_user(request.user, pk)
    return run(
        request,
        lambda: actions.submit_report(actor=request.user, report_id=pk),
        _("Đã trình lãnh đạo duyệt báo cáo."),
        _back(pk),
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_report_for_user(request.user, pk)
    return run(
        request,
        lambda: actions.approve_report(actor=request.user, report_id=pk),
        _("Đã duyệt và gửi báo cáo lên cấp trên."),
        _back(pk),
    )


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_report_for_user(request.user, pk)
    return run(
        request,
        lambda: actions.accept_report(actor=request.user, report_id=pk),
        _("Đã tiếp nhận báo cáo."),
        _back(pk),
    )


@login_required
@require_POST
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_report_for_user(request.user, pk)
    form = ReturnForm(request.POST)
    reason = form.data.get("reason", "")
    return run(
        request,
        lambda: actions.return_report(actor=request.user, report_id=pk, reason=str(reason)),
        _("Đã trả lại báo cáo để sửa."),
        _back(pk),
    )


@login_required
@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from ..exports.document import report_docx as build

    return build(queries.get_report_for_user(request.user, pk))


@login_required
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from ..exports.document import report_pdf as build

    return build(queries.get_report_for_user(request.user, pk))
