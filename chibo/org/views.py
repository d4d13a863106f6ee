from datetime import date
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
from chibo.core.errors import DomainError

from . import actions, queries
from .forms import CreateUnitForm, DissolveForm, MergeForm, MoveForm, RenameForm, SearchForm
from .models import OrgUnit, UnitKind
from .rules import may_hold

SEARCH_LIMIT = 50
CHILDREN_LIMIT = 200


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "org/tree.html",
        {
            "roots": list(queries.top_units(request.user)),
            "search_form": SearchForm(),
        },
    )


@login_required
@require_GET
def children(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_user(request.user, code)
    kids = list(queries.children_of(request.user, unit)[: CHILDREN_LIMIT + 1])
    return render(
        request,
        "org/tree.html#nodes",
        {
            "nodes": kids[:CHILDREN_LIMIT],
            "more": len(kids) > CHILDREN_LIMIT,
            "parent": unit,
        },
    )


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    q = form.data.get("q", "").strip()
    results: list[OrgUnit] = []
    error = None
    if q:
        try:
            results = queries.with_parent_names(
                list(queries.search_units(request.user, q)[:SEARCH_LIMIT])
            )
        except DomainError as exc:
            error = exc.text()
    context = {
        "results": results,
        "q": q,
        "error": error,
        "limit": SEARCH_LIMIT,
        "roots": [],
        "search_form": form,
    }
    htmx = bool(getattr(request, "htmx", False))
    template = "org/tree.html#results" if htmx else "org/tree.html"
    if not htmx:
        context["roots"] = list(queries.top_units(request.user))
    return render(request, template, context)


def _first_child_kind(unit: OrgUnit) -> str:
    """The form preselects the first kind the rules allow under `unit`, not "Trung ương"."""
    today = date.today()
    return next((k for k in UnitKind.values if may_hold(unit.kind, k, today)), "")


def _unit_context(request: HttpRequest, unit: OrgUnit, **forms: Any) -> dict[str, Any]:
    manage = can(request.user, Perm.ORG_MANAGE, unit)
    return {
        "unit": unit,
        "parent": queries.parent_of(request.user, unit),
        "breadcrumb": queries.ancestors_in_reach(request.user, unit),
        "children": list(
            queries.children_of(request.user, unit, include_ended=True)[:CHILDREN_LIMIT]
        ),
        "history": list(queries.history_of(request.user, unit)[:50]),
        "can_manage": manage and unit.is_active,
        "can_view_members": can(request.user, Perm.MEMBERS_VIEW, unit),
        "create_form": forms.get("create_form")
        or CreateUnitForm(initial={"kind": _first_child_kind(unit)}),
        "rename_form": forms.get("rename_form") or RenameForm(initial={"name": unit.name}),
        "move_form": forms.get("move_form") or MoveForm(),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "dissolve_form": forms.get("dissolve_form") or DissolveForm(),
    }


@login_required
@require_GET
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_user(request.user, code)
    return render(request, "org/unit.html", _unit_context(request, unit))


def _handle(
    request: HttpRequest, unit: OrgUnit, form_key: str, form: Any, run: Any, success: str
) -> HttpResponse:
    if form.is_valid():
        try:
            result = run(form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, success)
            target = result if isinstance(result, OrgUnit) else unit
            return redirect(reverse("org:unit", args=[target.code]))
    return render(
        request, "org/unit.html", _unit_context(request, unit, **{form_key: form}), status=400
    )


@login_required
@require_POST
def create_child(request: HttpRequest, code: str) -> HttpResponse:
    parent = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)
    return _handle(
        request,
        parent,
        "create_form",
        CreateUnitForm(request.POST),
        lambda d: actions.create_unit(actor=request.user, parent=parent, **d),
        _("Đã thành lập đơn vị mới."),
    )


@login_required
@require_POST
def rename(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)
    return _handle(
        request,
        unit,
        "rename_form",
        RenameForm(request.POST),
        lambda d: actions.rename_unit(actor=request.user, unit=unit, **d),
        _("Đã đổi tên đơn vị."),
    )


@login_required
@require_POST
def move(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)

    def run(d: dict[str, Any]) -> OrgUnit:
        target = queries.get_unit_for_user(request.user, d["new_parent"])
        return actions.move_unit(
            actor=request.user,
            unit=unit,
            new_parent=target,
            effective_on=d["effective_on"],
            decision_number=d["decision_number"],
        )

    return _handle(
        request,
        unit,
        "move_form",
        MoveForm(request.POST),
        run,
        _("Đã chuyển đơn vị sang đơn vị cấp trên mới."),
    )


@login_required
@require_POST
def merge(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)

    def run(d: dict[str, Any]) -> OrgUnit:
        survivor = queries.get_unit_for_user(request.user, d["survivor"])
        return actions.merge_units(
            actor=request.user,
            merged=unit,
            survivor=survivor,
            effective_on=d["effective_on"],
            decision_number=d["decision_number"],
        )

    return _handle(
        request, unit, "merge_form", MergeForm(request.POST), run, _("Đã sáp nhập đơn vị.")
    )


@login_required
@require_POST
def dissolve(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)
    return _handle(
        request,
        unit,
        "dissolve_form",
        DissolveForm(request.POST),
        lambda d: actions.dissolve_unit(actor=request.user, unit=unit, **d),
        _("Đã giải thể đơn vị."),
    )
