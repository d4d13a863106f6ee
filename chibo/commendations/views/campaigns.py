"""A campaign's page: its projects, counts per unit with a chart, registering a project, and a
project's progress, evaluation and commendation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chibo.access.policy import can
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from ..actions.awards import commend_project
from ..actions.campaigns import evaluate_project, register_project, update_progress
from ..forms import ProjectForm, ProjectStepForm
from ..queries import awards as q
from ..queries import campaigns as cq


def _project_form(request: HttpRequest, campaign: Any, data: Any = None) -> ProjectForm:
    units = q.organisation_choices(request.user, campaign.unit)
    return ProjectForm(data, units=units, members=q.member_choices(request.user, campaign.unit))


@login_required
@require_http_methods(["GET", "POST"])
def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = cq.get_campaign_for_user(request.user, pk)
    form = _project_form(request, campaign, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                unit = q.organisation_in_reach(request.user, d["unit"], campaign.unit)
                assert unit is not None
                register_project(
                    actor=request.user,
                    campaign=campaign,
                    unit=unit,
                    member=q.member_in_reach(request.user, d.get("member"), unit),
                    title=d["title"],
                    target=d.get("target") or "",
                    on=timezone.localdate(),
                )
            except (ValidationFailed, Conflict) as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.text())
                status = 400
            else:
                messages.success(request, _("Đã đăng ký công trình, phần việc."))
                return redirect("commendations:campaign", pk=campaign.pk)
        else:
            status = 400
    per_unit = cq.counts_per_unit(request.user, campaign)
    chart = {
        "stacked": False,
        "horizontal": True,
        "labels": [r["unit__name"][:40] for r in per_unit[:15]],
        "series": [
            {"label": _("Đăng ký"), "data": [r["registered"] for r in per_unit[:15]]},
            {"label": _("Hoàn thành"), "data": [r["completed"] for r in per_unit[:15]]},
            {"label": _("Được khen thưởng"), "data": [r["commended"] for r in per_unit[:15]]},
        ],
    }
    projects = list(cq.projects_of(request.user, campaign))
    totals = {
        "registered": len(projects),
        "completed": sum(p.status in ("completed", "commended") for p in projects),
        "commended": sum(p.status == "commended" for p in projects),
    }
    return render(
        request,
        "commendations/campaign.html",
        {
            "campaign": campaign,
            "projects": projects,
            "per_unit": per_unit,
            "totals": totals,
            "chart": chart,
            "form": form,
            "may_manage": can(request.user, Perm.COMMENDATIONS_MANAGE, campaign.unit)
            or bool(per_unit),
            "may_evaluate": can(request.user, Perm.COMMENDATIONS_MANAGE, campaign.unit),
            "may_decide": can(request.user, Perm.COMMENDATIONS_DECIDE, campaign.unit),
            "kinds": [(k.code, k.name) for k in q.award_kinds() if not k.is_badge],
        },
        status=status,
    )


@login_required
@require_POST
def project_step(request: HttpRequest, pk: int) -> HttpResponse:
    project = cq.get_project_for_user(request.user, pk)
    form = ProjectStepForm(request.POST)
    today = timezone.localdate()
    if not form.is_valid():
        messages.error(request, _("Dữ liệu không hợp lệ."))
        return redirect("commendations:campaign", pk=project.campaign_id)
    d = form.cleaned_data
    try:
        if d["op"] == "progress":
            update_progress(
                actor=request.user,
                project_id=project.pk,
                percent=d.get("percent") or 0,
                on=today,
                note=d.get("note") or "",
            )
        elif d["op"] in ("complete", "fail"):
            evaluate_project(
                actor=request.user,
                project_id=project.pk,
                completed=d["op"] == "complete",
                on=today,
                note=d.get("note") or "",
            )
        else:
            commend_project(
                actor=request.user,
                project_id=project.pk,
                kind=d.get("kind") or "letter_of_commendation",
                deciding_body=d.get("deciding_body") or "",
                decision_number=d.get("decision_number") or "",
                on=today,
            )
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã ghi."))
    return redirect("commendations:campaign", pk=project.campaign_id)
