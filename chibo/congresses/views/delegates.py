"""The delegates page: allocation, adding and convening, credentials, exclusions, substitution,
badges; and the presidium's handling of questions and the speakers list."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import exports, queries
from ..actions import delegates as delegate_actions
from ..actions import floor
from ..forms import (
    CloseRequestForm,
    CredentialsForm,
    DelegateForm,
    ExclusionForm,
    MoveForm,
    SubstituteForm,
)
from ..models import DelegateKind, Exclusion
from ..queries import pages
from .common import PRIVATE, add_error, form_errors


def _page(
    request: HttpRequest, pk: int, bound: dict[str, forms.Form], status: int = 200
) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk)
    data = pages.delegates_page(request.user, congress)
    manage = data["manage"]
    context: dict[str, Any] = {"congress": congress, **data, "exclusions": Exclusion.choices}
    if manage:
        context["delegate_form"] = bound.get("delegate") or DelegateForm(
            members=pages.member_choices(congress)
        )
        context["substitute_form"] = bound.get("substitute") or SubstituteForm(
            officials=pages.delegate_choices(congress, kinds=(DelegateKind.OFFICIAL,)),
            alternates=pages.alternate_choices(congress),
        )
    response = render(request, "congresses/delegates.html", context, status=status)
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def delegates(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, {})


def _post(
    request: HttpRequest,
    pk: int,
    key: str,
    form: forms.Form,
    work: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    if form.is_valid():
        try:
            work(form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            add_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("congresses:delegates", pk=pk)
    return _page(request, pk, {key: form}, status=400)


def _row_post(
    request: HttpRequest, pk: int, form: forms.Form, work: Callable[[dict[str, Any]], Any], ok: str
) -> HttpResponse:
    """A one-row form (a button in the table): a refusal is shown above the table."""
    queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            work(form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            messages.error(request, exc.text())
        else:
            messages.success(request, ok)
    return redirect("congresses:delegates", pk=pk)


@login_required
@require_POST
def add_delegate(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    form = DelegateForm(request.POST, members=pages.member_choices(congress))
    return _post(
        request,
        pk,
        "delegate",
        form,
        lambda d: delegate_actions.add_delegate(
            actor=request.user,
            congress_id=pk,
            member_id=d["member"],
            kind=d["kind"],
            basis=d["basis"],
        ),
        _("Đã thêm đại biểu."),
    )


@login_required
@require_POST
def substitute(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    # Every delegate of the congress may be named: the action says why a choice is refused.
    everyone = pages.delegate_choices(congress) + pages.alternate_choices(congress)
    form = SubstituteForm(request.POST, officials=everyone, alternates=everyone)
    return _post(
        request,
        pk,
        "substitute",
        form,
        lambda d: delegate_actions.substitute_alternate(
            actor=request.user,
            congress_id=pk,
            official_id=d["official"],
            alternate_id=d["alternate"],
            reason=d["reason"],
        ),
        _("Đã thay đại biểu dự khuyết vào."),
    )


@login_required
@require_POST
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    return _row_post(
        request,
        pk,
        forms.Form(request.POST),
        lambda d: delegate_actions.allocate_delegates(actor=request.user, congress_id=pk),
        _("Đã phân bổ đại biểu theo số đảng viên tại ngày chốt."),
    )


@login_required
@require_POST
def convene(request: HttpRequest, pk: int) -> HttpResponse:
    return _row_post(
        request,
        pk,
        forms.Form(request.POST),
        lambda d: delegate_actions.convene_members(actor=request.user, congress_id=pk),
        _("Đã triệu tập đảng viên theo danh sách tại ngày chốt."),
    )


@login_required
@require_POST
def credentials(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    return _row_post(
        request,
        pk,
        CredentialsForm(request.POST),
        lambda d: delegate_actions.check_credentials(
            actor=request.user,
            congress_id=pk,
            delegate_id=delegate,
            status=d["status"],
            note=d["credentials_note"],
        ),
        _("Đã ghi kết quả thẩm tra tư cách."),
    )


@login_required
@require_POST
def exclusion(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    return _row_post(
        request,
        pk,
        ExclusionForm(request.POST),
        lambda d: delegate_actions.set_exclusion(
            actor=request.user,
            congress_id=pk,
            delegate_id=delegate,
            exclusion=d["exclusion"],
            note=d["exclusion_note"],
        ),
        _("Đã ghi."),
    )


@login_required
@require_POST
def reissue_badge(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    return _row_post(
        request,
        pk,
        forms.Form(request.POST),
        lambda d: delegate_actions.reissue_badge(
            actor=request.user, congress_id=pk, delegate_id=delegate
        ),
        _("Đã cấp thẻ mới; thẻ cũ không còn dùng được."),
    )


@login_required
@require_GET
def badges_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    only = request.GET.get("delegate")
    content = exports.badges_pdf(congress, only=int(only) if only and only.isdigit() else None)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="the-dai-bieu-{congress.pk}.pdf"'
    response["Cache-Control"] = PRIVATE
    return response


# --- the presidium: questions and the speakers list --------------------------------------------


def _floor(
    request: HttpRequest, pk: int, form: forms.Form, work: Callable[[dict[str, Any]], Any], ok: str
) -> HttpResponse:
    queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            work(form.cleaned_data)
        except (ValidationFailed, Conflict) as exc:
            messages.error(request, exc.text())
        else:
            messages.success(request, ok)
    return redirect(reverse("congresses:detail", args=[pk]) + "#floor")


@login_required
@require_POST
def queue_speaker(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    return _floor(
        request,
        pk,
        forms.Form(request.POST),
        lambda d: floor.queue_speaker(actor=request.user, congress_id=pk, request_id=request_id),
        _("Đã đưa vào danh sách phát biểu."),
    )


@login_required
@require_POST
def move_speaker(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    return _floor(
        request,
        pk,
        MoveForm(request.POST),
        lambda d: floor.move_speaker(
            actor=request.user, congress_id=pk, request_id=request_id, up=d["direction"] == "up"
        ),
        _("Đã đổi thứ tự phát biểu."),
    )


@login_required
@require_POST
def close_request(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    return _floor(
        request,
        pk,
        CloseRequestForm(request.POST),
        lambda d: floor.close_request(
            actor=request.user, congress_id=pk, request_id=request_id, status=d["status"]
        ),
        _("Đã cập nhật."),
    )
