"""Minutes: the form, signatures, new versions, and the PDF and DOCX files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import NotFound

from .. import actions, queries
from ..exports import minutes_docx, minutes_pdf
from ..forms import MinutesForm, ReasonForm
from ..models import Meeting, Minutes
from .common import PRIVATE, form_errors, run

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _url(pk: int) -> str:
    return reverse("meetings:minutes", args=[pk])


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting_for_user(request.user, pk)
    if request.method == "POST":
        queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
        form = MinutesForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect(_url(pk))
        return run(
            request,
            lambda: actions.save_minutes(actor=request.user, meeting_id=pk, **form.action_fields()),
            _("Đã lưu biên bản."),
            _url(pk),
        )
    versions = queries.minutes_versions(meeting)
    current = versions[0] if versions else None
    initial = {}
    if current is not None:
        initial = {
            f: getattr(current, f)
            for f in ("place", "chair_name", "secretary_name", "content", "opinions", "conclusions")
        }
        if current.votes:
            vote = current.votes[0]
            initial.update(
                vote_title=vote["title"],
                votes_for=vote["votes_for"],
                votes_against=vote["votes_against"],
                abstain=vote["abstain"],
            )
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "current": current,
            "versions": versions,
            "form": MinutesForm(initial=initial),
            "manage": queries.may_manage(request.user, meeting),
        },
    )


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
    role = request.POST.get("as_role", "")
    return run(
        request,
        lambda: actions.sign_minutes(actor=request.user, meeting_id=pk, as_role=role),
        _("Đã ký biên bản."),
        _url(pk),
    )


@login_required
@require_POST
def revise(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return run(
        request,
        lambda: actions.revise_minutes(actor=request.user, meeting_id=pk, reason=reason),
        _("Đã lập phiên bản mới của biên bản."),
        _url(pk),
    )


def _version(request: HttpRequest, pk: int, version: int) -> tuple[Meeting, Minutes]:
    meeting = queries.get_meeting_for_user(request.user, pk)
    found = next((m for m in queries.minutes_versions(meeting) if m.version == version), None)
    if found is None:
        raise NotFound(_("Không tìm thấy biên bản."))
    return meeting, found


@login_required
@require_GET
def pdf(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    meeting, found = _version(request, pk, version)
    response = HttpResponse(minutes_pdf(meeting, found), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-ban-{pk}-v{version}.pdf"'
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def docx(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    meeting, found = _version(request, pk, version)
    response = HttpResponse(minutes_docx(meeting, found), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-{pk}-v{version}.docx"'
    response["Cache-Control"] = PRIVATE
    return response
