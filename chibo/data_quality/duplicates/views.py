"""Review queue of likely duplicate members, the pair page (side by side), merge and undo."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import can, has_perm_anywhere, units_for
from chibo.access.roles import Perm
from chibo.core.errors import DomainError, Forbidden, ValidationFailed
from chibo.core.pagination import CappedPaginator

from ..models.duplicates import PairStatus, RunStatus
from . import actions, queries
from .tasks import detect_duplicates_task

STATUS_FILTERS = [("open", _("Chờ quyết định")), *PairStatus.choices]


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    queries.require_viewer(request.user)
    code = request.GET.get("unit", "").strip()
    status = request.GET.get("status", "open")
    if status not in dict(STATUS_FILTERS):
        status = "open"
    unit = queries.unit_for(request.user, code) if code else None
    pairs = queries.pairs_for(request.user, unit=unit, status=status)
    page = CappedPaginator(pairs, 50, cap=queries.COUNT_CAP).get_page(request.GET.get("page"))
    counts = {
        key: f"> {queries.COUNT_CAP:,}".replace(",", ".") if n > queries.COUNT_CAP else n
        for key, n in queries.open_counts(request.user).items()
    }
    return render(
        request,
        "data_quality/duplicates/queue.html",
        {
            "page": page,
            "unit": unit,
            "code": code,
            "status": status,
            "status_filters": STATUS_FILTERS,
            "counts": counts,
            "runs": list(queries.runs_for(request.user, unit)[:5]),
            "manage_units": list(units_for(request.user, Perm.DATA_QUALITY_MANAGE)),
            "can_manage": has_perm_anywhere(request.user, Perm.DATA_QUALITY_MANAGE),
        },
    )


@login_required
@require_POST
def start_detection(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("unit", "").strip()
    if not code:
        raise ValidationFailed(_("Chọn đơn vị để dò trùng."), field="unit")
    unit = queries.unit_for(request.user, code)
    run = actions.start_detection_run(actor=request.user, unit=unit)
    user_id = int(request.user.pk or 0)
    transaction.on_commit(lambda: detect_duplicates_task.enqueue(run.pk, user_id))
    return redirect("data_quality:duplicate_run", pk=run.pk)


@login_required
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = queries.get_run_for_user(request.user, pk)
    template = (
        "data_quality/duplicates/_run_progress.html"
        if request.headers.get("HX-Request")
        else "data_quality/duplicates/run.html"
    )
    return render(request, template, {"run": run, "running": run.status == RunStatus.RUNNING})


@login_required
@require_GET
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = queries.get_pair_for_user(request.user, pk)
    rows = queries.side_by_side(request.user, pair)
    weights = pair.reason.get("weights", {}) if isinstance(pair.reason, dict) else {}
    evidence = [
        (str(queries.COMPARISON_LABELS.get(k, k)), v)
        for k, v in sorted(weights.items(), key=lambda kv: -kv[1])
    ]
    can_manage = can(request.user, Perm.DATA_QUALITY_MANAGE, pair.left.unit) and can(
        request.user, Perm.DATA_QUALITY_MANAGE, pair.right.unit
    )
    merged = pair.left.status == "merged" or pair.right.status == "merged"
    return render(
        request,
        "data_quality/duplicates/pair.html",
        {
            "pair": pair,
            "rows": rows,
            "differing": [r for r in rows if r.differs and r.name in actions.MERGE_FIELDS],
            "evidence": evidence,
            "exact_rules": [
                str(queries.RULE_LABELS.get(r, r)) for r in pair.reason.get("rules", [])
            ]
            if isinstance(pair.reason, dict)
            else [],
            "can_manage": can_manage,
            "can_decide": can_manage
            and pair.status in (PairStatus.FLAGGED, PairStatus.REVIEW, PairStatus.CONFIRMED)
            and not merged,
            "merges": queries.merges_of_pair(pair),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    pair = queries.get_pair_for_user(request.user, pk)
    actions.decide_pair(actor=request.user, pair=pair, decision=request.POST.get("decision", ""))
    messages.success(request, _("Đã ghi nhận quyết định."))
    return redirect("data_quality:duplicate_pair", pk=pair.pk)


def merge_choices(data: Any) -> tuple[str, dict[str, str]]:
    """The form's "survivor" (left/right) and per-field "keep_<field>" (left/right) as the
    action's survivor side and {field: "survivor"|"absorbed"}."""
    survivor_side = data.get("survivor", "left")
    if survivor_side not in ("left", "right"):
        raise ValidationFailed(_("Chọn hồ sơ được giữ lại."), field="survivor")
    choices: dict[str, str] = {}
    for name in actions.MERGE_FIELDS:
        side = data.get(f"keep_{name}")
        if side in ("left", "right"):
            choices[name] = "survivor" if side == survivor_side else "absorbed"
    return survivor_side, choices


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    pair = queries.get_pair_for_user(request.user, pk)
    side, choices = merge_choices(request.POST)
    survivor, absorbed = (pair.left, pair.right) if side == "left" else (pair.right, pair.left)
    try:
        done = actions.merge_members(
            actor=request.user, survivor=survivor, absorbed=absorbed, choices=choices, pair=pair
        )
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        messages.error(request, exc.text())
        return redirect("data_quality:duplicate_pair", pk=pair.pk)
    messages.success(
        request,
        _("Đã gộp hồ sơ. Có thể hoàn tác nếu hồ sơ chưa được sửa thêm."),
    )
    return redirect("data_quality:duplicate_pair", pk=done.pair_id or pair.pk)


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = queries.get_merge_for_user(request.user, pk)
    try:
        actions.undo_merge(actor=request.user, merge=merge)
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã hoàn tác việc gộp hồ sơ."))
    if merge.pair_id:
        return redirect("data_quality:duplicate_pair", pk=merge.pair_id)
    return redirect("data_quality:duplicate_queue")
