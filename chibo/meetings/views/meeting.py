"""One meeting: its page, editing, the preparation steps, the QR check-in and the .ics file."""

import re
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import has_perm_anywhere, member_of
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, NotFound, ValidationFailed

from .. import actions, queries, rules
from ..exports import meeting_ics
from ..forms import AgendaForm, DocumentForm, HeldForm, MeetingForm, ReasonForm, attach_error
from ..models import MeetingStatus
from .common import PRIVATE, form_errors, run

REGISTRY_CHOICES = 100


def _registry(request: HttpRequest, manage: bool) -> list[Any]:
    """Recent party documents the secretary may attach (not the classified ones)."""
    if not manage or not has_perm_anywhere(request.user, Perm.DOCUMENTS_VIEW):
        return []
    from chibo.documents.registry.queries import visible_documents

    return list(
        visible_documents(request.user)
        .filter(classified=False)
        .order_by("-issued_on", "-serial")
        .only("id", "number", "title")[:REGISTRY_CHOICES]
    )


def _detail_url(pk: int) -> str:
    return reverse("meetings:detail", args=[pk])


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting_for_member(request.user, pk)
    manage = queries.may_manage(request.user, meeting)
    law = rules.rule_on(timezone.localdate(meeting.starts_at))
    minutes = queries.minutes_versions(meeting)
    duration = meeting.duration_minutes
    need = rules.required_minutes(meeting.kind, law)
    local = timezone.localtime(meeting.starts_at)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "manage": manage,
            "agenda": list(meeting.agenda.all()),
            "documents": list(meeting.documents.all()),
            "minutes": minutes[0] if minutes else None,
            "duration": duration,
            "short": duration is not None and duration < need,
            "need": need,
            "law": law,
            "deadline": rules.documents_deadline(meeting.starts_at, law),
            "see_members": queries.may_see_members(request.user, meeting.unit),
            "mine": queries.my_attendance(request.user, meeting),
            "held_initial": {
                "day": local.strftime("%d/%m/%Y"),
                "start": local.strftime("%H:%M"),
                "end": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
            },
            "agenda_form": AgendaForm(),
            "document_form": DocumentForm(),
            "registry": _registry(request, manage),
            "reads_registry": has_perm_anywhere(request.user, Perm.DOCUMENTS_VIEW),
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
    members = [(m.pk, m.full_name) for m in queries.chair_candidates(meeting)]
    if request.method == "POST":
        form = MeetingForm(request.POST, members=members)
        if form.is_valid():
            try:
                actions.update_meeting(actor=request.user, meeting_id=pk, **form.action_fields())
            except (ValidationFailed, Conflict) as exc:
                attach_error(form, exc.field, exc.text())
            else:
                messages.success(request, _("Đã cập nhật cuộc họp."))
                return redirect(_detail_url(pk))
        return render(
            request,
            "meetings/meeting_form.html",
            {"unit": meeting.unit, "form": form, "meeting": meeting},
            status=400,
        )
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    form = MeetingForm(
        initial={
            "kind": meeting.kind,
            "title": meeting.title,
            "topic": meeting.topic,
            "day": start.strftime("%d/%m/%Y"),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "place": meeting.place,
            "video_url": meeting.video_url,
            "chair": meeting.chair_id,
            "secretary": meeting.secretary_id,
        },
        members=members,
    )
    return render(
        request,
        "meetings/meeting_form.html",
        {"unit": meeting.unit, "form": form, "meeting": meeting},
    )


def _manage(request: HttpRequest, pk: int) -> None:
    queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)


@login_required
@require_POST
def add_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request, pk)
    form = AgendaForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(_detail_url(pk))
    return run(
        request,
        lambda: actions.add_agenda_item(actor=request.user, meeting_id=pk, **form.cleaned_data),
        _("Đã thêm nội dung vào chương trình."),
        _detail_url(pk),
    )


@login_required
@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request, pk)
    return run(
        request,
        lambda: actions.agree_content(actor=request.user, meeting_id=pk),
        _("Đã ghi nhận chi ủy thống nhất nội dung."),
        _detail_url(pk),
    )


@login_required
@require_POST
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request, pk)
    sent: list[int] = []
    response = run(
        request,
        lambda: sent.append(actions.send_notice(actor=request.user, meeting_id=pk)),
        _("Đã gửi thông báo."),
        _detail_url(pk),
    )
    if sent:
        messages.info(request, _("Số người nhận: %(n)s.") % {"n": sent[0]})
    return response


@login_required
@require_POST
def upload_document(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(_detail_url(pk))
    return run(
        request,
        lambda: actions.post_document(
            actor=request.user,
            meeting_id=pk,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            document_id=form.cleaned_data["document"],
        ),
        _("Đã đăng tài liệu."),
        _detail_url(pk),
    )


@login_required
@require_GET
def document(request: HttpRequest, pk: int, doc: int) -> FileResponse:
    meeting = queries.get_meeting_for_member(request.user, pk)
    item = meeting.documents.filter(pk=doc).first()
    if item is None or not item.file:
        raise NotFound(_("Không tìm thấy tài liệu."))
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=(item.file.name or "").split("/")[-1]
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return run(
        request,
        lambda: actions.cancel_meeting(actor=request.user, meeting_id=pk, reason=reason),
        _("Đã hủy cuộc họp."),
        _detail_url(pk),
    )


@login_required
@require_POST
def held(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request, pk)
    form = HeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(_detail_url(pk))
    start, end = form.times()
    return run(
        request,
        lambda: actions.record_held(
            actor=request.user, meeting_id=pk, actual_start=start, actual_end=end
        ),
        _("Đã ghi nhận cuộc họp diễn ra."),
        _detail_url(pk),
    )


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Sized by CSS (.qr-code); the mm sizes of the generator would fix it on paper.
    return re.sub(r'\swidth="[^"]*"\sheight="[^"]*"', ' class="qr-code" role="img"', svg, count=1)


@login_required
def qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary's screen: the QR code members scan (POST opens a fresh code)."""
    meeting = queries.get_meeting_for_user(request.user, pk, Perm.MEETINGS_MANAGE)
    if request.method == "POST":
        return run(
            request,
            lambda: actions.issue_check_in_token(actor=request.user, meeting_id=pk),
            _("Đã mở điểm danh bằng mã QR."),
            reverse("meetings:qr", args=[pk]),
        )
    token = queries.current_token(meeting)
    url = svg = ""
    if token is not None:
        url = request.build_absolute_uri(reverse("meetings:check_in", args=[token.token]))
        svg = _qr_svg(url)
    return render(
        request,
        "meetings/qr.html",
        {"meeting": meeting, "token": token, "url": url, "svg": svg},
    )


@login_required
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """The page the QR code opens on the member's phone: one button to check in."""
    if request.method == "POST":
        try:
            actions.check_in_by_token(actor=request.user, token=token)
        except ValidationFailed as exc:
            messages.error(request, exc.text())
        else:
            messages.success(request, _("Đã điểm danh: có mặt."))
        return redirect("meetings:check_in", token=token)
    member = member_of(request.user)
    meeting = queries.token_meeting(request.user, token, member=member)
    mine = queries.my_attendance(request.user, meeting, member=member) if meeting else None
    return render(
        request,
        "meetings/check_in.html",
        {
            "meeting": meeting,
            "token": token,
            "mine": mine,
            "member": member,
            "cancelled": meeting is not None and meeting.status == MeetingStatus.CANCELLED,
        },
        status=200 if meeting is not None else 404,
    )


@login_required
@require_GET
def ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting_for_member(request.user, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hop-chi-bo-{meeting.pk}.ics"'
    response["Cache-Control"] = PRIVATE
    return response
