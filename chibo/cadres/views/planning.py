"""Pages of gaps, planning lists, rotations and the conference's lists."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.pagination import page_number

from .. import actions, exports, queries
from ..forms import (
    ApproveForm,
    PlanningCreateForm,
    PlanPersonForm,
    RemovePlannedForm,
    ReviewForm,
    RotationForm,
)
from ..models import PostKind
from ..rules import posts_for
from .common import private, submit

BAND_LABELS = {
    "lt_90": "< 3 tháng",
    "90_180": "3-6 tháng",
    "180_365": "6-12 tháng",
    "ge_365": "≥ 12 tháng",
}


@login_required
@require_GET
def gaps(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    today = timezone.localdate()
    rows = queries.post_gaps(request.user, unit, today=today)
    pages = Paginator(rows, 50)
    page = pages.get_page(page_number(request.GET.get("page")))
    summary = queries.gap_summary(request.user, unit, today=today)
    chart = {
        "kinds": [str(PostKind(k).label) for k, _n in summary.by_kind],
        "kind_counts": [n for _k, n in summary.by_kind],
        "bands": [BAND_LABELS[k] for k, _n in summary.by_duration],
        "band_counts": [n for _k, n in summary.by_duration],
        "label": _("Số chức vụ còn thiếu"),
    }
    items = [
        {"post": p, "days": (today - p.vacant_since).days if p.vacant_since else 0}
        for p in page.object_list
    ]
    return private(
        render(
            request,
            "cadres/gaps.html",
            {
                "unit": unit,
                "tab": "gaps",
                "page": page,
                "items": items,
                "summary": summary,
                "chart": chart,
                "manage": queries.may_manage(request.user, unit),
            },
        )
    )


def _planning_page(
    request: HttpRequest,
    code: str,
    failed: dict[str, forms.Form] | None = None,
    *,
    chosen: Any = None,
) -> HttpResponse:
    user = request.user
    unit = queries.get_unit(user, code)
    planning = chosen or queries.current_planning(
        user, unit, queries.parse_term(request.GET.get("term"))
    )
    if chosen is None and request.GET.get("version") and planning is not None:
        version = (
            queries.planning_lists(user, unit)
            .filter(term_start=planning.term_start, version=_int(request.GET["version"]))
            .first()
        )
        planning = version or planning
    view = queries.planning_view(user, planning) if planning else None
    manage = queries.may_manage(user, unit)
    failed = failed or {}
    context: dict[str, Any] = {
        "unit": unit,
        "tab": "planning",
        "view": view,
        "planning": planning,
        "manage": manage,
        "decide": queries.may_decide(user, unit),
        "post_labels": dict(PostKind.choices),
    }
    today = timezone.localdate()
    if manage:
        context["create_form"] = failed.get("create") or PlanningCreateForm(
            initial={"term_start": today.year + 1, "term_end": today.year + 6}
        )
        if planning is not None and planning.status == "draft":
            form = failed.get("add") or PlanPersonForm(members=queries.member_choices(user, unit))
            form.fields["post_kind"].choices = [  # type: ignore[attr-defined]
                (k, v) for k, v in PostKind.choices if k in posts_for(unit.kind)
            ]
            context["add_form"] = form
            context["remove_form"] = failed.get("remove") or RemovePlannedForm()
        if planning is not None and planning.status == "approved":
            context["review_form"] = failed.get("review") or ReviewForm()
    if context["decide"] and planning is not None and planning.status == "draft":
        context["approve_form"] = failed.get("approve") or ApproveForm(
            initial={"approved_on": today}
        )
    return private(render(request, "cadres/planning.html", context))


def _int(text: str) -> int:
    return int(text) if text.isdigit() and len(text) < 6 else 0


@login_required
@require_GET
def planning(request: HttpRequest, code: str) -> HttpResponse:
    return _planning_page(request, code)


def _back(planning: Any) -> str:
    return (
        f"{reverse('cadres:planning', args=[planning.unit.code])}?term={planning.term_start}"
        f"&version={planning.version}"
    )


@login_required
@require_POST
def create_planning(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.CADRES_MANAGE)
    return submit(
        request,
        PlanningCreateForm(request.POST),
        lambda d: actions.create_planning_list(actor=request.user, unit=unit, **d),
        success=_("Đã lập danh sách quy hoạch."),
        back=_back,
        again=lambda f: _planning_page(request, code, {"create": f}),
    )


def _again(request: HttpRequest, planning: Any, key: str, form: forms.Form) -> HttpResponse:
    return _planning_page(request, planning.unit.code, {key: form}, chosen=planning)


@login_required
@require_POST
def plan_person(request: HttpRequest, pk: int) -> HttpResponse:
    planning = queries.get_planning_for_user(request.user, pk, Perm.CADRES_MANAGE)
    form = PlanPersonForm(request.POST, members=queries.member_choices(request.user, planning.unit))
    return submit(
        request,
        form,
        lambda d: actions.plan_person(
            actor=request.user,
            planning_id=planning.pk,
            post_kind=d["post_kind"],
            member_id=d["member"],
        ),
        success=_("Đã đưa vào danh sách quy hoạch."),
        back=_back(planning),
        again=lambda f: _again(request, planning, "add", f),
    )


@login_required
@require_POST
def remove_planned(request: HttpRequest, pk: int) -> HttpResponse:
    entry = queries.get_entry_for_user(request.user, pk, Perm.CADRES_MANAGE)
    return submit(
        request,
        RemovePlannedForm(request.POST),
        lambda d: actions.remove_planned(actor=request.user, entry_id=entry.pk, reason=d["reason"]),
        success=_("Đã ghi nhận đưa ra khỏi quy hoạch."),
        back=_back(entry.planning),
        again=lambda f: _again(request, entry.planning, "remove", f),
    )


@login_required
@require_POST
def approve_planning(request: HttpRequest, pk: int) -> HttpResponse:
    planning = queries.get_planning_for_user(request.user, pk, Perm.CADRES_DECIDE)
    return submit(
        request,
        ApproveForm(request.POST),
        lambda d: actions.approve_planning_list(actor=request.user, planning_id=planning.pk, **d),
        success=_("Đã phê duyệt danh sách quy hoạch."),
        back=_back(planning),
        again=lambda f: _again(request, planning, "approve", f),
    )


@login_required
@require_POST
def start_review(request: HttpRequest, pk: int) -> HttpResponse:
    planning = queries.get_planning_for_user(request.user, pk, Perm.CADRES_MANAGE)
    return submit(
        request,
        ReviewForm(request.POST),
        lambda d: actions.start_review(actor=request.user, planning_id=planning.pk, note=d["note"]),
        success=_("Đã mở lần rà soát mới."),
        back=_back,
        again=lambda f: _again(request, planning, "review", f),
    )


def _rotations_page(
    request: HttpRequest, code: str, form: forms.Form | None = None
) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    today = timezone.localdate()
    rows = list(queries.rotations_for(request.user, unit)[:300])
    manage = queries.may_manage(request.user, unit)
    if manage and form is None:
        form = RotationForm(
            members=queries.member_choices(request.user, unit),
            initial={"from_unit": unit.code, "start_on": today},
        )
    return private(
        render(
            request,
            "cadres/rotations.html",
            {
                "unit": unit,
                "tab": "rotations",
                "rows": [{"r": r, "left": (r.due_end_on - today).days} for r in rows],
                "form": form if manage else None,
                "remind_days": queries.remind_days(today),
            },
        )
    )


@login_required
@require_GET
def rotations(request: HttpRequest, code: str) -> HttpResponse:
    return _rotations_page(request, code)


@login_required
@require_POST
def add_rotation(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code, Perm.CADRES_MANAGE)
    form = RotationForm(request.POST, members=queries.member_choices(request.user, unit))

    def work(d: dict[str, Any]) -> Any:
        return actions.record_rotation(
            actor=request.user,
            unit=unit,
            member_id=d["member"],
            from_unit=queries.unit_named(request.user, d["from_unit"], "from_unit"),
            from_post=d["from_post"],
            to_unit=queries.unit_named(request.user, d["to_unit"], "to_unit"),
            to_post=d["to_post"],
            start_on=d["start_on"],
            due_end_on=d["due_end_on"],
            purpose=d["purpose"],
            decision_number=d["decision_number"],
            deciding_body=d["deciding_body"],
        )

    return submit(
        request,
        form,
        work,
        success=_("Đã ghi nhận luân chuyển."),
        back=reverse("cadres:rotations", args=[unit.code]),
        again=lambda f: _rotations_page(request, code, f),
    )


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    today = timezone.localdate()
    return int(text) if text.isdigit() and 2000 <= int(text) <= today.year + 1 else today.year


@login_required
@require_GET
def lists(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    data = exports.conference_lists(request.user, unit, _year(request))
    return private(render(request, "cadres/lists.html", {"unit": unit, "tab": "lists", **data}))


@login_required
@require_GET
def lists_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    return private(exports.lists_xlsx(request.user, unit, _year(request)))


@login_required
@require_GET
def lists_docx(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, code)
    return private(exports.lists_docx(request.user, unit, _year(request)))
