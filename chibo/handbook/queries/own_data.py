"""Everything the system holds about the member behind a login, for them to download (the data
subject's right of access, Law 91/2025/QH15; docs/privacy.md).

The export is one plain, JSON-ready dictionary: the member's own record with every field (their
citizen ID included: a member reads their own record), their life events, meeting attendance,
document receipts, bookmarks, study and quiz attempts, handbook questions and correction
requests, notifications, their account and its grants, and the reads of their record by others
(who, in which role, when, why). It names no other member: the names of readers are usernames,
the units are the member's own. Each download is logged as a sensitive read of the record with
the reason `EXPORT_REASON`.

This is the one read that crosses every module on purpose (it must miss nothing), so it reads
their models here instead of through each module's staff-facing queries.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from chibo.access.models import Grant
from chibo.audit.models import SensitiveRead
from chibo.audit.reads.queries import reader_roles, role_label
from chibo.audit.recorder import record_read
from chibo.documents.models import Bookmark, QuizAttempt, Receipt, StudyParticipant
from chibo.meetings.models import Attendance
from chibo.members.models import Member, MemberEvent
from chibo.notifications.models import Notice

from ..models import CorrectionRequest, Question
from .member import require_member

# The sensitive-read log names why the record was read.
EXPORT_REASON = "own data export"
# Fields derived from others (search and sort keys): not data of their own.
DERIVED_FIELDS = {"search_name", "sort_name"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _unit(unit: Any) -> dict[str, str] | None:
    return {"code": unit.code, "name": unit.name} if unit is not None else None


def member_fields(member: Member) -> dict[str, Any]:
    """Every stored field of the record, by field name; related units by code and name."""
    out: dict[str, Any] = {}
    for field in Member._meta.concrete_fields:
        if field.name in DERIVED_FIELDS:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(member, field.name)
            if field.name in ("unit", "temporary_unit"):
                out[field.name] = _unit(related)
            else:
                out[field.name] = getattr(member, field.attname)
            continue
        out[field.name] = _plain(getattr(member, field.attname))
    return out


def _events(member: Member) -> list[dict[str, Any]]:
    rows = MemberEvent.objects.filter(member=member).select_related("from_unit", "to_unit")
    return [
        {
            "kind": e.kind,
            "kind_label": str(e.get_kind_display()),
            "effective_on": _plain(e.effective_on),
            "decision_number": e.decision_number,
            "deciding_body": e.deciding_body,
            "from_unit": _unit(e.from_unit),
            "to_unit": _unit(e.to_unit),
            "details": e.details,
            "recorded_at": _plain(e.recorded_at),
            "cancelled_at": _plain(e.cancelled_at),
        }
        for e in rows.order_by("effective_on", "pk")
    ]


def _attendance(member: Member) -> list[dict[str, Any]]:
    rows = Attendance.objects.filter(member=member).select_related("meeting", "meeting__unit")
    return [
        {
            "meeting": a.meeting.title,
            "unit": _unit(a.meeting.unit),
            "starts_at": _plain(a.meeting.starts_at),
            "status": a.status,
            "status_label": str(a.get_status_display()),
            "reason": a.reason,
            "checked_in_at": _plain(a.checked_in_at),
            "method": a.method,
        }
        for a in rows.order_by("meeting__starts_at", "pk")
    ]


def _receipts(member: Member) -> list[dict[str, Any]]:
    rows = Receipt.objects.filter(member=member).select_related("document")
    return [
        {
            "document": f"{r.document.number} {r.document.title}".strip(),
            "issued_on": _plain(r.document.issued_on),
            "read_at": _plain(r.read_at),
        }
        for r in rows.order_by("document__issued_on", "pk")
    ]


def _bookmarks(user: Any) -> list[dict[str, Any]]:
    rows = Bookmark.objects.filter(user_id=user.pk).select_related("document")
    return [
        {
            "document": f"{b.document.number} {b.document.title}".strip(),
            "created_at": _plain(b.created_at),
        }
        for b in rows.order_by("created_at", "pk")
    ]


def _study(member: Member) -> list[dict[str, Any]]:
    participants = StudyParticipant.objects.filter(member=member).select_related("campaign")
    attempts: dict[int, list[dict[str, Any]]] = {}
    for a in QuizAttempt.objects.filter(participant__member=member).order_by("started_at", "pk"):
        attempts.setdefault(a.participant_id, []).append(
            {
                "started_at": _plain(a.started_at),
                "submitted_at": _plain(a.submitted_at),
                "correct": a.correct,
                "total": a.total,
                "percent": a.percent,
                "passed": a.passed,
            }
        )
    return [
        {
            "campaign": p.campaign.title,
            "attempts_count": p.attempts,
            "best_percent": p.best_percent,
            "passed_at": _plain(p.passed_at),
            "quiz_attempts": attempts.get(p.pk, []),
        }
        for p in participants.order_by("campaign__starts_on", "pk")
    ]


def _questions(member: Member) -> list[dict[str, Any]]:
    rows = Question.objects.filter(member=member).prefetch_related("replies")
    return [
        {
            "subject": q.subject,
            "body": q.body,
            "status": q.status,
            "created_at": _plain(q.created_at),
            "replies": [
                {
                    # Who answered for the committee is the committee's voice, not a person's data.
                    "from_committee": r.from_committee,
                    "author": r.author_name,
                    "body": r.body,
                    "created_at": _plain(r.created_at),
                }
                for r in sorted(q.replies.all(), key=lambda r: (r.created_at, r.pk))
            ],
        }
        for q in rows.order_by("created_at", "pk")
    ]


def _corrections(member: Member) -> list[dict[str, Any]]:
    rows = CorrectionRequest.objects.filter(member=member)
    return [
        {
            "field": c.field,
            "field_label": str(c.get_field_display()),
            "proposed_value": c.proposed_value,
            "note": c.note,
            "status": c.status,
            "created_at": _plain(c.created_at),
            "decided_at": _plain(c.decided_at),
            "decision_note": c.decision_note,
            "applied": c.applied,
        }
        for c in rows.order_by("created_at", "pk")
    ]


def _notices(user: Any) -> list[dict[str, Any]]:
    rows = Notice.objects.filter(user_id=user.pk)
    return [
        {
            "kind": n.kind,
            "title": n.title,
            "body": n.body,
            "created_at": _plain(n.created_at),
            "read_at": _plain(n.read_at),
        }
        for n in rows.order_by("created_at", "pk")
    ]


def _account(user: Any) -> dict[str, Any]:
    grants = Grant.objects.filter(user_id=user.pk).select_related("unit").order_by("pk")
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _plain(user.date_joined),
        "last_login": _plain(user.last_login),
        "grants": [
            {
                "role": g.role,
                "role_label": role_label(g.role),
                "unit": _unit(g.unit),
                "since": _plain(g.created_at),
            }
            for g in grants
        ],
    }


def reads_by_others(user: Any, member: Member) -> list[dict[str, Any]]:
    """The logged reads of the member's record by anyone but the member: who (username and the
    roles they hold over the record's unit), when, why."""
    reads = list(
        SensitiveRead.objects.filter(target_type="members.member", target_id=str(member.pk))
        .exclude(actor_id=user.pk)
        .order_by("occurred_at", "pk")
    )
    roles = reader_roles({r.actor_id for r in reads if r.actor_id}, member.unit)
    return [
        {
            "reader": r.actor_label,
            "roles": roles.get(r.actor_id or 0, []),
            "occurred_at": _plain(r.occurred_at),
            "reason": r.reason,
        }
        for r in reads
    ]


def my_data(user: Any) -> dict[str, Any]:
    """Everything held about the login's member (404 `NoMemberRecord` without one), and the
    download logged as a read of the record."""
    member = Member.objects.select_related("unit", "temporary_unit").get(pk=require_member(user).pk)
    data = {
        "member": member_fields(member),
        "events": _events(member),
        "attendance": _attendance(member),
        "document_receipts": _receipts(member),
        "bookmarks": _bookmarks(user),
        "study": _study(member),
        "questions": _questions(member),
        "correction_requests": _corrections(member),
        "notifications": _notices(user),
        "account": _account(user),
        "reads_by_others": reads_by_others(user, member),
    }
    record_read(actor=user, target=member, unit=member.unit, reason=EXPORT_REASON)
    return data
