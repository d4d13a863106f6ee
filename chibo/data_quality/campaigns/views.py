"""Campaign pages: the dashboard of a subtree, the record page with the four tests, inline fixes
(HTMX) and the branch's confirmation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import criteria
from . import actions, queries
from .forms import CampaignForm, FixForm, fixable_fields

FORM_ERRORS = (ValidationFailed, Conflict)
# The ranking card shows the first and the last few units; the table below lists them all.
RANKING_EACH = 5
TEST_CHOICES = [(t.value, criteria.TEST_LABELS[t]) for t in criteria.Criterion]


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _cards(board: queries.Dashboard) -> list[dict[str, Any]]:
    """The summary cards: one per test, then "all four"."""
    labels: list[tuple[str, Any, Any]] = [
        (t.value, criteria.TEST_LABELS[t], criteria.TEST_HELP[t]) for t in criteria.Criterion
    ]
    labels.append(("all_four", _("Đạt cả bốn"), _("Đúng, đủ, sạch và sống")))
    return [
        {
            "key": key,
            "label": label,
            "help": help_text,
            "count": getattr(board.summary, key),
            "percent": board.summary.percent(key),
        }
        for key, label, help_text in labels
    ]


def _chart_data(points: list[queries.DayPoint]) -> dict[str, Any]:
    series = [(t.value, str(criteria.TEST_LABELS[t])) for t in criteria.Criterion]
    series.append(("all_four", _("Cả bốn")))
    return {
        "labels": [p.day.strftime("%d/%m") for p in points],
        "series": [
            {"key": key, "label": label, "data": [p.percents[key] for p in points]}
            for key, label in series
        ],
    }


def _dashboard_context(
    request: HttpRequest, campaign: Any, *, create_form: CampaignForm | None = None
) -> dict[str, Any]:
    user = request.user
    unit = queries.dashboard_unit(user, campaign, request.GET.get("unit") or None)
    board = queries.dashboard(user, campaign, unit)
    failing = request.GET.get("fail", "")
    fix_rows: list[queries.FixRow] = []
    fix_count = 0
    if queries.lists_records(unit):
        fix_rows, fix_count = queries.records_to_fix(user, campaign, unit, failing=failing)
    points = queries.daily_progress(campaign, unit, today=board.summary)
    return {
        "campaign": campaign,
        "campaigns": list(queries.campaigns_for(user)[:20]),
        "unit": unit,
        "board": board,
        "cards": _cards(board),
        "top_rows": board.rows[:RANKING_EACH],
        "bottom_rows": board.rows[RANKING_EACH:][-RANKING_EACH:],
        "crumbs": queries.breadcrumbs(user, campaign, unit),
        "tests": [
            (t.value, criteria.TEST_LABELS[t], criteria.TEST_HELP[t]) for t in criteria.Criterion
        ],
        "chart": _chart_data(points),
        "lists_records": queries.lists_records(unit),
        "fix_rows": fix_rows,
        "fix_count": fix_count,
        "failing": failing,
        "test_choices": TEST_CHOICES,
        "can_fix": can(user, Perm.DATA_QUALITY_MANAGE, unit),
        "create_form": create_form or _create_form(request),
    }


def _create_form(request: HttpRequest) -> CampaignForm | None:
    if not queries.may_create_campaign(request.user):
        return None
    top = queries.units_to_start_campaign(request.user).first()
    return CampaignForm(initial=CampaignForm.initial_for(top.code if top else ""))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The running campaign in the user's reach, or the campaigns and a form to start one."""
    queries.may_view_any(request.user)
    campaign = queries.current_campaign_for(request.user)
    if campaign is None:
        return render(
            request,
            "data_quality/campaigns/none.html",
            {
                "campaigns": list(queries.campaigns_for(request.user)[:50]),
                "create_form": _create_form(request),
            },
        )
    return render(
        request, "data_quality/campaigns/dashboard.html", _dashboard_context(request, campaign)
    )


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.get_campaign_for_user(request.user, pk)
    return render(
        request, "data_quality/campaigns/dashboard.html", _dashboard_context(request, campaign)
    )


@login_required
@require_POST
def campaign_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        unit = queries.find_unit_to_manage(request.user, data["unit"])
        try:
            campaign = actions.create_campaign(
                actor=request.user,
                root_unit=unit,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except FORM_ERRORS as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã tạo đợt làm sạch dữ liệu."))
            return redirect(reverse("data_quality:campaign", args=[campaign.pk]))
    queries.may_view_any(request.user)
    return render(
        request,
        "data_quality/campaigns/none.html",
        {"campaigns": list(queries.campaigns_for(request.user)[:50]), "create_form": form},
        status=400,
    )


# --- the record page ---------------------------------------------------------------------------


def _record_context(request: HttpRequest, view: queries.RecordView, **extra: Any) -> dict[str, Any]:
    user = request.user
    member = view.member
    can_fix = can(user, Perm.DATA_QUALITY_MANAGE, member.unit)
    with_sensitive = view.sensitive  # the field rule, read logged (queries.record_checks)
    fields = fixable_fields(view.checks.failing_fields(), with_sensitive=with_sensitive)
    form = extra.pop("form", None)
    if form is None and can_fix and fields and can(user, Perm.MEMBERS_MANAGE, member.unit):
        normal = criteria.normal_forms(member)
        form = FixForm(
            initial=FixForm.suggested_values(member, normal, with_sensitive=with_sensitive),
            fields=fields,
            with_sensitive=with_sensitive,
        )
    reasons = queries.reasons_for(user, member, view.checks.reasons_json())
    results = [
        {
            "key": r.test.value,
            "label": criteria.TEST_LABELS[r.test],
            "help": criteria.TEST_HELP[r.test],
            "passed": r.passed,
            "reasons": reasons[r.test.value],
        }
        for r in view.checks.results
    ]
    return {
        "member": member,
        "view": view,
        "results": results,
        "passes_all": view.checks.passes_all,
        "form": form,
        "can_fix": can_fix,
        "can_confirm": can_fix and view.campaign is not None and not view.checks.current.passed,
        "unfixable": [
            criteria.FIELD_LABELS.get(f, f)
            for f in view.checks.failing_fields()
            if f in ("admitted_on", "full_member_on", "admission_ceremony_on")
        ],
        "context": extra.pop("context", "page"),
        **extra,
    }


@login_required
@require_GET
def record(request: HttpRequest, pk: int) -> HttpResponse:
    member = queries.get_member_for_checks(request.user, pk)
    view = queries.record_checks(request.user, member)
    return render(request, "data_quality/campaigns/record.html", _record_context(request, view))


def _after_change(request: HttpRequest, pk: int, context: str) -> HttpResponse:
    """The HTMX answer after a fix or a confirmation: the record's panel (record page) or the
    row of the list to fix plus the unit's summary, swapped out of band (dashboard)."""
    member = queries.get_member_for_checks(request.user, pk)
    if context == "row":
        raw = request.POST.get("campaign", "")
        if not raw.isdigit():
            raise ValidationFailed(_("Thiếu đợt làm sạch dữ liệu."), field="campaign")
        campaign = queries.get_campaign_for_user(request.user, int(raw))
        unit = queries.dashboard_unit(request.user, campaign, request.POST.get("unit") or None)
        board = queries.dashboard(request.user, campaign, unit)
        return render(
            request,
            "data_quality/campaigns/_row_changed.html",
            {
                "row": queries.fix_row(request.user, campaign, member),
                "member": member,
                "campaign": campaign,
                "unit": unit,
                "board": board,
                "cards": _cards(board),
                "can_fix": True,
            },
        )
    view = queries.record_checks(request.user, member, log_read=False)
    return render(request, "data_quality/campaigns/_checks.html", _record_context(request, view))


@login_required
@require_http_methods(["GET", "POST"])
def record_fix(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the inline form for the failing fields; POST: save through the registry, re-check."""
    member = queries.get_member_to_fix(request.user, pk)
    params = request.POST if request.method == "POST" else request.GET
    context = params.get("context") or "page"
    place = {"campaign_pk": params.get("campaign", ""), "unit_code": params.get("unit", "")}
    view = queries.record_checks(request.user, member, log_read=False)
    with_sensitive = view.sensitive  # the field rule, read logged (queries.record_checks)
    fields = fixable_fields(view.checks.failing_fields(), with_sensitive=with_sensitive)
    if request.method == "GET":
        normal = criteria.normal_forms(member)
        form = FixForm(
            initial=FixForm.suggested_values(member, normal, with_sensitive=with_sensitive),
            fields=fields,
            with_sensitive=with_sensitive,
        )
        return render(
            request,
            "data_quality/campaigns/_fix_form.html",
            {"form": form, "member": member, "context": context, "view": view, **place},
        )
    form = FixForm(
        request.POST,
        initial=FixForm.current_values(member, with_sensitive=with_sensitive),
        fields=fields,
        with_sensitive=with_sensitive,
    )
    if form.is_valid():
        try:
            actions.fix_member(actor=request.user, member=member, changes=form.changes())
        except FORM_ERRORS as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            if not _htmx(request):
                messages.success(request, _("Đã cập nhật hồ sơ."))
                return redirect(reverse("data_quality:record", args=[pk]))
            return _after_change(request, pk, context)
    response = render(
        request,
        "data_quality/campaigns/_fix_form.html",
        {"form": form, "member": member, "context": context, "view": view, **place},
        status=200 if _htmx(request) else 400,
    )
    if _htmx(request):
        # htmx swaps only 2xx answers: the form with its errors replaces itself.
        response["HX-Retarget"] = f"#fix-form-{member.pk}"
        response["HX-Reswap"] = "outerHTML"
    return response


@login_required
@require_POST
def record_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    member = queries.get_member_to_fix(request.user, pk)
    context = request.POST.get("context") or "page"
    try:
        actions.confirm_record(actor=request.user, member=member)
    except Conflict as exc:
        if _htmx(request):
            return HttpResponse(exc.text(), status=409)
        messages.error(request, exc.text())
        return redirect(reverse("data_quality:record", args=[pk]))
    if _htmx(request):
        return _after_change(request, pk, context)
    messages.success(request, _("Đã xác nhận hồ sơ."))
    return redirect(reverse("data_quality:record", args=[pk]))
