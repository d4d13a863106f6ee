"""The list of congresses, a new congress, the overview and the organiser's forms on it."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, Forbidden, ValidationFailed

from .. import queries
from ..actions import agenda, documents, setup
from ..forms import (
    AgendaForm,
    CommitteeForm,
    CongressForm,
    CurrentItemForm,
    DocumentForm,
    SessionForm,
    StatusForm,
    local_datetime,
)
from ..models import CongressKind, CongressStatus
from ..queries import pages
from .common import PRIVATE, add_error, bound_or_new


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    unit = (request.GET.get("unit") or "").strip() or None
    return _render_home(request, unit, None)


def _render_home(
    request: HttpRequest, unit: str | None, form: forms.Form | None, status: int = 200
) -> HttpResponse:
    creating = pages.may_create_anywhere(request.user)
    if creating and form is None:
        units = pages.units_to_convene(request.user)
        form = CongressForm(
            initial={
                "kind": CongressKind.DELEGATES,
                "unit": units[0].code if units else "",
                "term_start": 2025,
                "term_end": 2030,
            }
        )
    response = render(
        request,
        "congresses/home.html",
        {
            "congresses": list(queries.visible_congresses(request.user, unit_code=unit)[:100]),
            "mine": list(pages.my_congresses(request.user)),
            "form": form if creating else None,
            "unit": unit or "",
        },
        status=status,
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    form = CongressForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        unit = pages.unit_to_convene(request.user, d["unit"])
        try:
            congress = setup.create_congress(
                actor=request.user,
                unit=unit,
                kind=d["kind"],
                title=d["title"],
                term_start=d["term_start"],
                term_end=d["term_end"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                cutoff_on=d["cutoff_on"],
                place=d["place"],
                planned_delegates=d["planned_delegates"] or 0,
            )
        except (ValidationFailed, Conflict) as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("Đã tạo đại hội."))
            return redirect("congresses:detail", pk=congress.pk)
    elif "unit" in request.POST:
        # Out of reach or without the permission: 404 / 403 before anything else is said.
        pages.unit_to_convene(request.user, request.POST["unit"])
    return _render_home(request, None, form, status=400)


def _detail_context(request: HttpRequest, pk: int, bound: dict[str, forms.Form]) -> dict[str, Any]:
    congress = queries.get_congress_for_user(request.user, pk)
    view = pages.overview(request.user, congress)
    sessions = [(s["id"], f"{s['number']}. {s['title']}") for s in view.sessions]
    items = [(a.pk, f"{a.position}. {a.title}") for a in view.agenda]
    delegates = pages.delegate_choices(congress)
    return {
        "congress": congress,
        "v": view,
        "statuses": CongressStatus,
        "session_form": bound_or_new(SessionForm, "session", bound),
        "committee_form": bound_or_new(CommitteeForm, "committee", bound, delegates=delegates),
        "agenda_form": bound_or_new(AgendaForm, "agenda", bound, sessions=sessions),
        "current_form": bound_or_new(CurrentItemForm, "current", bound, items=items),
        "document_form": bound_or_new(DocumentForm, "document", bound),
        "errors": bound,
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        context = _detail_context(request, pk, {})
    except Forbidden:
        # A delegate without the staff view goes to their own tablet pages.
        queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_ATTEND)
        return redirect("congresses:tablet", pk=pk)
    response = render(request, "congresses/detail.html", context)
    response["Cache-Control"] = PRIVATE
    return response


def _post(
    request: HttpRequest,
    pk: int,
    key: str,
    form: forms.Form,
    work: Callable[[dict[str, Any]], Any],
    success: str,
    anchor: str,
) -> HttpResponse:
    """Authorise (404/403), parse, run the action; a refusal re-renders the page with the form
    as typed and the reason beside its field."""
    queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    if form.is_valid():
        try:
            work(form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            add_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(reverse("congresses:detail", args=[pk]) + f"#{anchor}")
    context = _detail_context(request, pk, {key: form})
    response = render(request, "congresses/detail.html", context, status=400)
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "status",
        StatusForm(request.POST),
        lambda d: setup.set_congress_status(actor=request.user, congress_id=pk, status=d["status"]),
        _("Đã chuyển trạng thái đại hội."),
        "status",
    )


@login_required
@require_POST
def add_session(request: HttpRequest, pk: int) -> HttpResponse:
    form = SessionForm(request.POST)

    def work(d: dict[str, Any]) -> Any:
        starts, ends = form.times()
        return setup.add_session(
            actor=request.user,
            congress_id=pk,
            kind=d["kind"],
            title=d["title"],
            starts_at=starts,
            ends_at=ends,
        )

    return _post(request, pk, "session", form, work, _("Đã thêm phiên họp."), "sessions")


@login_required
@require_POST
def add_committee_member(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    form = CommitteeForm(request.POST, delegates=pages.delegate_choices(congress))
    return _post(
        request,
        pk,
        "committee",
        form,
        lambda d: setup.add_committee_member(
            actor=request.user,
            congress_id=pk,
            committee=d["committee"],
            delegate_id=d["delegate"],
            role=d["role"],
        ),
        _("Đã thêm vào ban."),
        "committees",
    )


@login_required
@require_POST
def remove_committee_member(request: HttpRequest, pk: int, row: int) -> HttpResponse:
    queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    try:
        setup.remove_committee_member(actor=request.user, congress_id=pk, row_id=row)
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Đã bỏ khỏi ban."))
    return redirect(reverse("congresses:detail", args=[pk]) + "#committees")


@login_required
@require_POST
def add_agenda_item(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    sessions = {s.pk: s for s in pages.sessions_of(congress)}
    form = AgendaForm(request.POST, sessions=[(k, s.title) for k, s in sessions.items()])

    def work(d: dict[str, Any]) -> Any:
        session = sessions.get(d["session"]) if d["session"] else None
        planned = None
        if session and d["start"]:
            planned = local_datetime(timezone.localtime(session.starts_at).date(), d["start"])
        return agenda.add_agenda_item(
            actor=request.user,
            congress_id=pk,
            title=d["title"],
            presenter=d["presenter"],
            session_id=d["session"],
            planned_start=planned,
            duration_minutes=d["duration_minutes"],
        )

    return _post(request, pk, "agenda", form, work, _("Đã thêm nội dung."), "agenda")


@login_required
@require_POST
def set_current_item(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    items = [(a.pk, a.title) for a in pages.agenda_of(congress)]
    return _post(
        request,
        pk,
        "current",
        CurrentItemForm(request.POST, items=items),
        lambda d: agenda.set_current_item(actor=request.user, congress_id=pk, item_id=d["item"]),
        _("Đã chuyển nội dung đang diễn ra."),
        "agenda",
    )


@login_required
@require_POST
def post_document(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "document",
        DocumentForm(request.POST),
        lambda d: documents.post_document(
            actor=request.user,
            congress_id=pk,
            title=d["title"],
            summary=d["summary"],
            body=d["body"],
            is_classified=d["is_classified"],
            officials_only=d["officials_only"],
        ),
        _("Đã đăng tài liệu."),
        "documents",
    )
