"""The unit's commendations page (awards, proposals, campaigns), recording an award, proposing
one, and a proposal's page where it is forwarded or decided."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, NotFound, ValidationFailed

from ..actions.awards import decide_proposal, forward_proposal, propose_award, record_award
from ..actions.campaigns import create_campaign
from ..forms import AwardForm, CampaignForm, DecideForm, ProposalForm
from ..queries import awards as q
from ..queries import campaigns as cq


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top = units_for(request.user, Perm.COMMENDATIONS_VIEW).first()
    if top is None:
        raise NotFound(_("Bạn không theo dõi khen thưởng ở đơn vị nào."))
    return redirect("commendations:unit", code=top.code)


def _subject_forms(
    request: HttpRequest, unit: Any, data: Any = None, which: str = ""
) -> dict[str, Any]:
    kinds = [(k.code, k.name) for k in q.award_kinds()]
    members = q.member_choices(request.user, unit)
    orgs = q.organisation_choices(request.user, unit)
    common: dict[str, Any] = {"kinds": kinds, "members": members, "organisations": orgs}
    today = timezone.localdate().strftime("%d/%m/%Y")
    return {
        "award_form": AwardForm(
            data if which == "award" else None, initial={"decided_on": today}, **common
        ),
        "proposal_form": ProposalForm(data if which == "proposal" else None, **common),
    }


def _context(request: HttpRequest, unit: Any, **forms: Any) -> dict[str, Any]:
    campaigns = list(cq.campaigns_for(request.user, unit)[:20])
    chart = {
        "stacked": False,
        "horizontal": True,
        "labels": [c.title[:40] for c in campaigns],
        "series": [
            {"label": _("Đăng ký"), "data": [getattr(c, "registered", 0) for c in campaigns]},
            {"label": _("Hoàn thành"), "data": [getattr(c, "completed", 0) for c in campaigns]},
            {
                "label": _("Được khen thưởng"),
                "data": [getattr(c, "commended", 0) for c in campaigns],
            },
        ],
    }
    context = {
        "unit": unit,
        "awards": list(q.awards_in(request.user, unit)[:50]),
        "proposals": list(q.proposals_at(request.user, unit)[:50]),
        "campaigns": campaigns,
        "chart": chart,
        "may_decide": can(request.user, Perm.COMMENDATIONS_DECIDE, unit),
        "may_manage": can(request.user, Perm.COMMENDATIONS_MANAGE, unit),
        "campaign_form": forms.pop("campaign_form", None)
        or CampaignForm(
            initial={
                "starts_on": timezone.localdate().strftime("01/01/%Y"),
                "ends_on": timezone.localdate().strftime("31/12/%Y"),
            }
        ),
    }
    context.update(_subject_forms(request, unit))
    context.update({k: v for k, v in forms.items() if v is not None})
    return context


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = q.get_unit(request.user, code)
    response = render(request, "commendations/unit.html", _context(request, unit))
    response["Cache-Control"] = "private, no-store"
    return response


def _fail(form: Any, exc: Any) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.text())


@login_required
@require_POST
def award_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = q.get_unit(request.user, code, Perm.COMMENDATIONS_DECIDE)
    form = _subject_forms(request, unit, request.POST, "award")["award_form"]
    if form.is_valid():
        d = form.cleaned_data
        try:
            record_award(
                actor=request.user,
                kind=d["kind"],
                member=q.member_in_reach(request.user, d.get("member"), unit),
                organisation=q.organisation_in_reach(
                    request.user, d.get("organisation") or "", unit
                ),
                deciding_body=d.get("deciding_body") or "",
                decision_number=d.get("decision_number") or "",
                decided_on=d["decided_on"],
                reason=d.get("reason") or "",
                badge_years=d.get("badge_years"),
            )
        except (ValidationFailed, Conflict) as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Đã ghi quyết định khen thưởng."))
            return redirect("commendations:unit", code=unit.code)
    return render(
        request, "commendations/unit.html", _context(request, unit, award_form=form), status=400
    )


@login_required
@require_POST
def propose_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = q.get_unit(request.user, code, Perm.COMMENDATIONS_MANAGE)
    form = _subject_forms(request, unit, request.POST, "proposal")["proposal_form"]
    if form.is_valid():
        d = form.cleaned_data
        try:
            proposal = propose_award(
                actor=request.user,
                from_unit=unit,
                kind=d["kind"],
                member=q.member_in_reach(request.user, d.get("member"), unit),
                organisation=q.organisation_in_reach(
                    request.user, d.get("organisation") or "", unit
                ),
                reason=d.get("reason") or "",
                badge_years=d.get("badge_years"),
                on=timezone.localdate(),
            )
        except (ValidationFailed, Conflict) as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Đã gửi đề nghị khen thưởng lên cấp trên."))
            return redirect("commendations:proposal", pk=proposal.pk)
    return render(
        request, "commendations/unit.html", _context(request, unit, proposal_form=form), status=400
    )


@login_required
@require_POST
def campaign_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = q.get_unit(request.user, code, Perm.COMMENDATIONS_MANAGE)
    form = CampaignForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            campaign = create_campaign(actor=request.user, unit=unit, **d)
        except (ValidationFailed, Conflict) as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Đã phát động phong trào thi đua."))
            return redirect("commendations:campaign", pk=campaign.pk)
    return render(
        request, "commendations/unit.html", _context(request, unit, campaign_form=form), status=400
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = q.get_proposal_for_user(request.user, pk)
    form = DecideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            today = timezone.localdate()
            try:
                if d["decision"] == "forward":
                    forward_proposal(
                        actor=request.user, proposal_id=proposal.pk, on=today, note=d["note"]
                    )
                else:
                    decide_proposal(
                        actor=request.user,
                        proposal_id=proposal.pk,
                        approve=d["decision"] == "approve",
                        on=today,
                        deciding_body=d["deciding_body"],
                        decision_number=d["decision_number"],
                        note=d["note"],
                    )
            except (ValidationFailed, Conflict) as exc:
                _fail(form, exc)
                status = 400
            else:
                messages.success(request, _("Đã ghi."))
                return redirect("commendations:proposal", pk=proposal.pk)
        else:
            status = 400
    return render(
        request,
        "commendations/proposal.html",
        {
            "proposal": proposal,
            "events": list(proposal.events.select_related("at_unit")),
            "form": form,
            "may_decide": q.may_decide_at(request.user, proposal),
            "may_forward": q.may_forward(request.user, proposal),
        },
        status=status,
    )
