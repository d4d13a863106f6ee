"""Preparing a meeting (Hướng dẫn 42-HD/BTCTW): the branch committee agrees the content, the
notice goes to members and the higher committee, documents are posted at least a day before."""

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from .. import rules
from ..models import Meeting, MeetingDocument, MeetingStatus
from .common import (
    clean_text,
    expected_members,
    meeting_for_write,
    require_future,
    require_open,
)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def agree_content(*, actor: Any, meeting_id: int, now: datetime | None = None) -> Meeting:
    """The branch committee agreed the content (HD 42-HD/BTCTW: the first step of preparation)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if meeting.content_agreed_at:
            raise Conflict(_("Chi ủy đã thống nhất nội dung cuộc họp này."))
        if not meeting.agenda.exists() and not meeting.topic:
            raise ValidationFailed(
                _("Cần có nội dung hoặc chương trình họp trước khi chi ủy thống nhất."),
                field="topic",
            )
        meeting.content_agreed_at = now
        meeting.save(update_fields=["content_agreed_at"])
        record(
            actor=actor,
            action="meetings.agree_content",
            target=meeting,
            unit=meeting.unit,
            changes={"content_agreed_at": [None, now]},
        )
    return meeting


def _higher_committee_users(unit: OrgUnit) -> list[int]:
    parent = OrgUnit.objects.get_parent(unit)
    if parent is None:
        return []
    return list(
        Grant.objects.filter(unit=parent, role__in=(Role.COMMITTEE_STAFF, Role.LEADER)).values_list(
            "user_id", flat=True
        )
    )


def send_notice(*, actor: Any, meeting_id: int, now: datetime | None = None) -> int:
    """The notice of time, place and content to members and the higher committee, in the app and
    by e-mail. Returns how many people were notified."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        if meeting.status == MeetingStatus.HELD:
            raise Conflict(_("Cuộc họp đã diễn ra."))
        if not meeting.content_agreed_at:
            raise Conflict(_("Chi ủy chưa thống nhất nội dung; chưa gửi thông báo được."))
        require_future(meeting.starts_at, now)
        members = list(
            expected_members(meeting.unit)
            .filter(user__isnull=False)
            .values_list("user_id", flat=True)
        )
        recipients = sorted(set(members) | set(_higher_committee_users(meeting.unit)))
        local = meeting.starts_at.astimezone()
        where = meeting.place or meeting.video_url
        sent = notify(
            recipients=recipients,
            kind=NoticeKind.MEETING,
            title=_t("Thông báo %(title)s") % {"title": meeting.title},
            body=_t("%(unit)s họp lúc %(at)s tại %(place)s. Nội dung: %(topic)s")
            % {
                "unit": meeting.unit.name,
                "at": f"{local:%H:%M %d/%m/%Y}",
                "place": where,
                "topic": meeting.topic or ", ".join(meeting.agenda.values_list("title", flat=True)),
            },
            url=reverse("meetings:detail", args=[meeting.pk]),
            email=True,
        )
        first = meeting.notice_sent_at is None
        meeting.notice_sent_at = now
        meeting.status = MeetingStatus.NOTIFIED
        meeting.save(update_fields=["notice_sent_at", "status"])
        record(
            actor=actor,
            action="meetings.send_notice",
            target=meeting,
            unit=meeting.unit,
            changes={"recipients": [None, sent], "again": [None, not first]},
        )
    return sent


def post_document(
    *,
    actor: Any,
    meeting_id: int,
    title: str = "",
    file: UploadedFile | None = None,
    document_id: int | None = None,
    now: datetime | None = None,
) -> MeetingDocument:
    """Post a document for the meeting: a party document of the registry the actor may read
    (`document_id`), or a file of the branch's own. The first posting dates the documents;
    posted less than the required day before the start, the meeting records it as late."""
    now = now or timezone.now()
    if file is not None and file.size and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(_("Tệp lớn quá 20 MB."), field="file")
    with transaction.atomic():
        meeting = meeting_for_write(actor, meeting_id, lock=True)
        require_open(meeting)
        document = MeetingDocument(meeting=meeting, posted_by=actor)
        if document_id is not None:
            from chibo.documents.registry.queries import get_document_for_user

            party_document = get_document_for_user(actor, document_id)
            if party_document.classified:
                raise ValidationFailed(
                    _("Văn bản mật không đăng lên sổ tay cho đảng viên đọc."), field="document"
                )
            document.document = party_document
            title = title or f"{party_document.number} {party_document.title}"
        document.title = clean_text(title, "title", 255, required=True)
        if file is not None:
            document.file = file
        document.save()
        changes: dict[str, Any] = {"document": [None, document.title]}
        if meeting.documents_posted_at is None:
            law = rules.rule_on(timezone.localdate(meeting.starts_at))
            meeting.documents_posted_at = now
            meeting.documents_late = not rules.documents_on_time(now, meeting.starts_at, law)
            meeting.save(update_fields=["documents_posted_at", "documents_late"])
            changes["documents_late"] = [None, meeting.documents_late]
        record(
            actor=actor,
            action="meetings.post_document",
            target=meeting,
            unit=meeting.unit,
            changes=changes,
        )
    return document
