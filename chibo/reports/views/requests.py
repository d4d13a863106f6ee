"""The reports home, a unit's requests, a request's completeness and its roll-up."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can, units_for
from chibo.access.roles import Perm
from chibo.core.errors import NotFound, ValidationFailed
from chibo.org import queries as org_queries

from ..actions import requests as actions
from ..forms import RequestForm
from ..queries import reports as queries
from ..queries import rollup as rollup_queries
from .common import PRIVATE, run


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.REPORTS_VIEW).first()
    if top is None:
        raise NotFound(_("Bạn không theo dõi báo cáo ở đơn vị nào."))
    return redirect("reports:unit", code=top.code)


@login_required
@require_http_methods(["GET", "POST"])
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(
        request.user, code, Perm.REPORTS_MANAGE if request.method == "POST" else Perm.REPORTS_VIEW
    )
    manage = can(request.user, Perm.REPORTS_MANAGE, unit)
    templates = list(queries.visible_templates(request.user, unit=unit))
    form = RequestForm(request.POST or None, initial={"year": timezone.localdate().year})
    form.fields["template"].choices = [(t.pk, t.name) for t in templates]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            req = actions.create_request(actor=request.user, unit=unit, **_request_args(form))
        except ValidationFailed as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã gửi yêu cầu báo cáo."))
            return redirect("reports:request", pk=req.pk)
    issued = list(queries.requests_issued(request.user, unit=unit)[:50])
    states = {r.pk: rollup_queries.completeness(r) for r in issued[:20]}
    return render(
        request,
        "reports/unit.html",
        {
            "unit": unit,
            "manage": manage,
            "form": form,
            "templates": templates,
            "issued": [(r, states.get(r.pk)) for r in issued],
            "own": list(
                queries.visible_reports(request.user, unit=unit).order_by("-request__deadline")[:30]
            ),
            "breadcrumb": org_queries.ancestors_in_reach(request.user, unit),
            "children": list(org_queries.children_of(request.user, unit)[:200]),
        },
    )


def _request_args(form: RequestForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["template_id"] = data.pop("template")
    return data


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = queries.get_request_for_user(request.user, pk)
    state = rollup_queries.completeness(req)
    response = render(
        request,
        "reports/request.html",
        {
            "req": req,
            "state": state,
            "manage": can(request.user, Perm.REPORTS_MANAGE, req.unit),
            "today": timezone.localdate(),
            "chart": {
                "labels": [_("Đúng hạn"), _("Muộn"), _("Chưa nộp")],
                "values": [state.on_time, len(state.late), len(state.missing)],
            },
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_request_for_user(request.user, pk)
    return run(
        request,
        lambda: actions.remind_missing(actor=request.user, request_id=pk),
        _("Đã nhắc các đơn vị chưa nộp báo cáo."),
        reverse("reports:request", args=[pk]),
    )


@login_required
@require_GET
def rollup_page(request: HttpRequest, pk: int) -> HttpResponse:
    req = queries.get_request_for_user(request.user, pk)
    result = rollup_queries.rollup(req)
    code = request.GET.get("code", "")
    line = next((li for li in result.lines if li.code == code), None)
    return render(
        request,
        "reports/rollup.html",
        {
            "req": req,
            "result": result,
            "state": result.completeness,
            "line": line,
            "drill": result.drill(code) if line else [],
        },
    )


@login_required
@require_GET
def rollup_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from ..exports.spreadsheet import rollup_workbook

    req = queries.get_request_for_user(request.user, pk)
    return rollup_workbook(rollup_queries.rollup(req))


@login_required
@require_GET
def home_card(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/_home_card.html",
        {
            "count": queries.count_to_do(request.user),
            "items": queries.reports_to_do(request.user),
            "today": timezone.localdate(),
        },
    )
