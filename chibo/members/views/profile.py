"""The member profile page (form 2-HSĐV with the event timeline), its edit forms, admission."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import Sensitive, can, has_perm_anywhere, may_read, units_for
from chibo.access.roles import Perm
from chibo.core import shell
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.org import queries as org_queries

from .. import actions, queries
from ..forms import AdmitForm, EventForm, MemberForm, birth_text
from ..models import Member, MemberStatus
from ..rules.membership import member_unit_kinds
from ..rules.reference import ETHNIC_GROUP_BY_CODE, Religion

# Rule errors go back into the form (400); 403 and 404 are answered by the middleware.
FORM_ERRORS = (ValidationFailed, Conflict)
PROFILE_REASON = "profile page"
TIMELINE_LIMIT = 100

STATUS_CLASSES = {
    MemberStatus.PROBATIONARY: "text-bg-warning",
    MemberStatus.FULL: "text-bg-success",
    MemberStatus.DECEASED: "text-bg-dark",
    MemberStatus.REMOVED: "text-bg-secondary",
    MemberStatus.EXPELLED: "text-bg-danger",
    MemberStatus.WITHDRAWN: "text-bg-secondary",
}


def _with_sensitive(user: Any, member: Member) -> bool:
    """Whether the edit form carries the citizen ID: the field rule's roles (not the member
    themselves, who does not edit their own record here)."""
    return may_read(user, Sensitive.CITIZEN_ID, unit=member.unit)


def _profile_context(request: HttpRequest, member: Member, **forms: Any) -> dict[str, Any]:
    user = request.user
    fields = queries.visible_fields(user, member)
    manage = can(user, Perm.MEMBERS_MANAGE, member.unit)
    sensitive = _with_sensitive(user, member)
    standing = queries.standing_of(user, member, on=date.today())
    return {
        "member": member,
        "show": {name: True for name in fields},
        "birth": birth_text(member.birth_date, member.birth_date_precision),
        "status_class": STATUS_CLASSES.get(MemberStatus(member.status), "text-bg-light"),
        "standing": standing,
        "events": list(queries.events_of(user, member)[:TIMELINE_LIMIT]),
        # Sections other modules contribute (posts, ratings, awards, certificates), each loaded
        # on its own; each section's view decides what this reader may see.
        "sections": [
            (section, reverse(section.url_name, args=[member.pk]))
            for section in shell.profile_sections()
        ],
        # SQLite (the embedded default, and the tests' shared in-memory database) takes one
        # query at a time: the sections load one after the other there (as the home's cards).
        "sections_in_parallel": connection.vendor != "sqlite",
        "can_manage": manage,
        # The receiving branch of a pending transfer records the reception from this page.
        "can_record": manage
        or (
            standing.pending_transfer_to is not None
            and can(user, Perm.MEMBERS_MANAGE, standing.pending_transfer_to)
        ),
        "ethnicity": getattr(ETHNIC_GROUP_BY_CODE.get(member.ethnicity), "name", ""),
        # Imports and the demo store the short list's codes; free text stays as written.
        "religion": Religion(member.religion).label
        if member.religion in Religion.values
        else member.religion,
        "edit_form": forms.get("edit_form")
        or MemberForm(
            initial=MemberForm.initial_for(member, with_sensitive=sensitive),
            with_sensitive=sensitive,
        ),
        "event_form": forms.get("event_form")
        or EventForm(
            initial={"kind": "transfer_in", "to_unit": standing.pending_transfer_to.code}
            if standing.pending_transfer_to is not None and not manage
            else None
        ),
    }


def _render_profile(
    request: HttpRequest, member: Member, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request, "members/profile.html", _profile_context(request, member, **forms), status=status
    )


@login_required
@require_GET
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    member = queries.get_profile_for_user(request.user, pk, reason=PROFILE_REASON)
    return _render_profile(request, member)


@login_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = queries.get_member_to_manage(request.user, pk)
    sensitive = _with_sensitive(request.user, member)
    form = MemberForm(
        request.POST,
        initial=MemberForm.initial_for(member, with_sensitive=sensitive),
        with_sensitive=sensitive,
    )
    if form.is_valid():
        try:
            actions.update_member(actor=request.user, member=member, changes=form.changes())
        except FORM_ERRORS as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã cập nhật hồ sơ đảng viên."))
            return redirect(reverse("members:profile", args=[member.pk]))
    # The page shows the record again: that is a read of the full profile.
    member = queries.get_profile_for_user(request.user, pk, reason=PROFILE_REASON)
    return _render_profile(request, member, status=400, edit_form=form)


@login_required
@require_POST
def record_event(request: HttpRequest, pk: int) -> HttpResponse:
    member = queries.get_member_to_manage(request.user, pk)
    form = EventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # An unknown branch code is a typo in the form, not a missing page.
            to_unit = (
                queries.find_transfer_target(request.user, data["to_unit"])
                if data["to_unit"].strip()
                else None
            )
            actions.record_event(
                actor=request.user,
                member=member,
                kind=data["kind"],
                effective_on=data["effective_on"],
                decision_number=data["decision_number"],
                deciding_body=data["deciding_body"],
                to_unit=to_unit,
            )
        except FORM_ERRORS as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã ghi nhận biến động."))
            return redirect(reverse("members:profile", args=[member.pk]))
    member = queries.get_profile_for_user(request.user, pk, reason=PROFILE_REASON)
    return _render_profile(request, member, status=400, event_form=form)


def _single_branch_code(user: Any) -> str:
    """A branch secretary admits into their own branch: preselect it."""
    tops = list(units_for(user, Perm.MEMBERS_MANAGE)[:2])
    if len(tops) == 1 and tops[0].kind in member_unit_kinds():
        return tops[0].code
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def admit(request: HttpRequest) -> HttpResponse:
    queries.may_admit(request.user)
    sensitive = has_perm_anywhere(request.user, Perm.MEMBERS_VIEW_SENSITIVE)
    if request.method == "GET":
        initial = {"unit": request.GET.get("unit", "") or _single_branch_code(request.user)}
        form = AdmitForm(initial=initial, with_sensitive=sensitive)
        return render(request, "members/admit.html", {"form": form})
    form = AdmitForm(request.POST, with_sensitive=sensitive)
    if form.is_valid():
        data = form.cleaned_data
        # The branch is the resource the action writes to: out of reach is 404, not a form error.
        unit = org_queries.get_unit_for_user(request.user, data["unit"], Perm.MEMBERS_MANAGE)
        profile = form.profile()
        try:
            member = actions.admit_member(
                actor=request.user,
                unit=unit,
                full_name=data["full_name"],
                gender=data["gender"],
                birth_date=data["birth_date"],
                decision_on=data["decision_on"],
                ceremony_on=data["ceremony_on"],
                decision_number=data["decision_number"],
                deciding_body=data["deciding_body"],
                **profile,
            )
        except (*FORM_ERRORS, Forbidden) as exc:
            # Forbidden here is the citizen ID of a branch the user may not read it in.
            field = {"to_unit": "unit"}.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã kết nạp đảng viên."))
            return redirect(reverse("members:profile", args=[member.pk]))
    return render(request, "members/admit.html", {"form": form}, status=400)
