"""Writes of the handbook: a member's correction request and its decision; the two-way channel.

A member acts on their own record and their own questions: being the member linked to the login
is the authorisation (`policy.is_self`), checked first like a permission. Deciding a request
needs members.manage on the member's branch, answering needs handbook.answer there.
"""

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.models import Grant
from chibo.access.policy import is_self, require
from chibo.access.roles import ROLE_PERMISSIONS, Perm, Role
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.core.text import nfc
from chibo.members import actions as member_actions
from chibo.members import rules as member_rules
from chibo.members.models import DatePrecision, Gender, Member
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from .models import (
    CorrectionField,
    CorrectionRequest,
    Question,
    QuestionStatus,
    Reply,
    RequestStatus,
)
from .queries.member import require_member

MAX_VALUE = 255
MAX_NOTE = 2000
MAX_SUBJECT = 200
MAX_BODY = 5000
# Fields of an accepted request that `members.actions.update_member` applies; the others (dates
# that come from life events, free text) are corrected by the secretary on the record itself.
APPLIED_FIELDS = frozenset(
    {
        CorrectionField.FULL_NAME,
        CorrectionField.BIRTH_DATE,
        CorrectionField.GENDER,
        CorrectionField.CARD_NUMBER,
        CorrectionField.CITIZEN_ID,
        CorrectionField.PHONE,
    }
)
GENDER_WORDS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "nữ": Gender.FEMALE}


def _own_member(actor: Any) -> Member:
    member = require_member(actor)
    if not is_self(actor, member):  # the link is the authorisation; keep the check explicit
        raise Forbidden(_("Bạn chỉ thao tác trên hồ sơ của chính mình."))
    return member


def _text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    cleaned = nfc(value or "").strip()
    if required and not cleaned:
        raise ValidationFailed(_("Trường này không được để trống."), field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(_("Nội dung quá dài (tối đa %(n)s ký tự)."), field=field, n=limit)
    return cleaned


def _raise_rule_errors(problems: list[member_rules.Problem]) -> None:
    for problem in problems:
        if problem.severity == member_rules.Severity.ERROR:
            raise ValidationFailed(problem.message, field="proposed_value", **dict(problem.params))


def normalise_proposal(field: str, value: str, member: Member) -> str:
    """The proposed value in the form the record stores it; refused with a reason if malformed."""
    if field == CorrectionField.GENDER:
        code = GENDER_WORDS.get(value.strip().lower(), value.strip().lower())
        if code not in Gender.values:
            raise ValidationFailed(_("Giới tính là Nam hoặc Nữ."), field="proposed_value")
        return str(code)
    if field in (
        CorrectionField.BIRTH_DATE,
        CorrectionField.ADMITTED_ON,
        CorrectionField.FULL_MEMBER_ON,
    ):
        try:
            when = member_rules.PartialDate.parse(value)
        except ValueError as exc:
            raise ValidationFailed(
                _("Ngày không hợp lệ: ghi dd/mm/yyyy, mm/yyyy hoặc yyyy."), field="proposed_value"
            ) from exc
        if when.earliest() > timezone.localdate():
            raise ValidationFailed(_("Ngày không được ở tương lai."), field="proposed_value")
        return when.format()
    if field == CorrectionField.CITIZEN_ID:
        number = member_rules.normalise_citizen_id(value)
        _raise_rule_errors(member_rules.check_citizen_id(number))
        return number
    if field == CorrectionField.CARD_NUMBER:
        number = member_rules.normalise_card_number(value)
        _raise_rule_errors(member_rules.check_card_number(number))
        return number
    if field == CorrectionField.PHONE:
        phone = "".join(ch for ch in value if ch.isdigit() or ch == "+")
        if not 8 <= len(phone) <= 15:
            raise ValidationFailed(_("Số điện thoại không hợp lệ."), field="proposed_value")
        return phone
    return value


def _changes(request: CorrectionRequest) -> dict[str, Any]:
    value = request.proposed_value
    if request.field == CorrectionField.BIRTH_DATE:
        when = member_rules.PartialDate.parse(value)
        precision = (
            DatePrecision.DAY
            if when.day is not None
            else DatePrecision.MONTH
            if when.month is not None
            else DatePrecision.YEAR
        )
        return {"birth_date": when.earliest(), "birth_date_precision": precision}
    if request.field == CorrectionField.CARD_NUMBER:
        return {"card_number": value or None}
    return {str(request.field): value}


def branch_secretaries(unit: OrgUnit) -> list[int]:
    """Users holding a branch_secretary grant on the branch or a unit above it."""
    return list(
        Grant.objects.filter(
            unit__path__in=unit.ancestor_paths(include_self=True),
            role=Role.BRANCH_SECRETARY,
            user__is_active=True,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )


def nearest_answerers(unit: OrgUnit) -> list[int]:
    """Holders of handbook.answer on the branch; when the branch has none, on the nearest unit
    above that has some (the whole city's staff must not be paged for every question)."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.HANDBOOK_ANSWER in perms]
    rows = Grant.objects.filter(
        unit__path__in=unit.ancestor_paths(include_self=True), role__in=roles, user__is_active=True
    ).values_list("unit__depth", "user_id")
    by_depth: dict[int, set[int]] = {}
    for depth, user_id in rows:
        by_depth.setdefault(depth, set()).add(user_id)
    return sorted(by_depth[max(by_depth)]) if by_depth else []


# --- correction requests ------------------------------------------------------------------------


def request_correction(
    *, actor: Any, field: str, proposed_value: str, note: str = ""
) -> CorrectionRequest:
    """The member asks to correct a field of their own record; the branch secretary is told."""
    member = _own_member(actor)
    if field not in CorrectionField.values:
        raise ValidationFailed(_("Trường cần sửa không hợp lệ."), field="field")
    value = _text(proposed_value, field="proposed_value", limit=MAX_VALUE)
    value = normalise_proposal(field, value, member)
    note = _text(note, field="note", limit=MAX_NOTE, required=field == CorrectionField.OTHER)
    if CorrectionRequest.objects.filter(
        member=member, field=field, status=RequestStatus.PENDING
    ).exists():
        raise Conflict(_("Bạn đã có một yêu cầu sửa trường này đang chờ xử lý."), field="field")
    with transaction.atomic():
        request = CorrectionRequest.objects.create(
            member=member, requested_by=actor, field=field, proposed_value=value, note=note
        )
        # The proposed value may be a citizen ID: the trail names the field, not the value.
        record(
            actor=actor,
            action="handbook.request_correction",
            target=request,
            unit=member.unit,
            changes={"field": [None, field]},
        )
        notify(
            recipients=branch_secretaries(member.unit),
            kind=NoticeKind.RECORD,
            title=str(_("Yêu cầu sửa hồ sơ của %(name)s") % {"name": member.full_name}),
            body=str(CorrectionField(field).label),
            url=reverse("handbook:corrections_inbox"),
        )
    return request


def _pending(request: CorrectionRequest) -> None:
    if request.status != RequestStatus.PENDING:
        raise Conflict(_("Yêu cầu này đã được xử lý."))


def _decide(
    *,
    actor: Any,
    request: CorrectionRequest,
    action: str,
    status: RequestStatus,
    note: str,
    extra_fields: list[str],
    title: str,
    body: str,
) -> None:
    """Store a decision on a pending request, audit it and tell the member (in the caller's
    transaction)."""
    member = request.member
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", *extra_fields]
    )
    record(
        actor=actor,
        action=action,
        target=request,
        unit=member.unit,
        changes={"status": [RequestStatus.PENDING, status]},
    )
    if member.user_id:
        notify(
            recipients=[member.user_id],
            kind=NoticeKind.RECORD,
            title=title,
            body=body,
            url=reverse("handbook:record"),
        )


def accept_correction(
    *, actor: Any, request: CorrectionRequest, note: str = ""
) -> CorrectionRequest:
    """Accept: profile fields are applied through `update_member` (audited there)."""
    member = request.member
    require(actor, Perm.MEMBERS_MANAGE, member.unit)
    _pending(request)
    note = _text(note, field="decision_note", limit=MAX_NOTE, required=False)
    with transaction.atomic():
        applied = request.field in APPLIED_FIELDS
        if applied:
            member_actions.update_member(actor=actor, member=member, changes=_changes(request))
        request.applied = applied
        _decide(
            actor=actor,
            request=request,
            action="handbook.accept_correction",
            status=RequestStatus.ACCEPTED,
            note=note,
            extra_fields=["applied"],
            title=str(_("Yêu cầu sửa hồ sơ đã được chấp nhận")),
            body=str(CorrectionField(request.field).label),
        )
    return request


def reject_correction(*, actor: Any, request: CorrectionRequest, reason: str) -> CorrectionRequest:
    """Reject with a reason the member reads."""
    member = request.member
    require(actor, Perm.MEMBERS_MANAGE, member.unit)
    _pending(request)
    reason = _text(reason, field="reason", limit=MAX_NOTE)
    with transaction.atomic():
        _decide(
            actor=actor,
            request=request,
            action="handbook.reject_correction",
            status=RequestStatus.REJECTED,
            note=reason,
            extra_fields=[],
            title=str(_("Yêu cầu sửa hồ sơ không được chấp nhận")),
            body=reason,
        )
    return request


# --- the two-way channel ------------------------------------------------------------------------


def _author_name(actor: Any) -> str:
    name = f"{actor.last_name} {actor.first_name}".strip()
    return (name or actor.username)[:150]


def ask_question(*, actor: Any, subject: str, body: str) -> Question:
    """A member writes to their branch committee; the sender's name goes with it (not anonymous)."""
    member = _own_member(actor)
    subject = _text(subject, field="subject", limit=MAX_SUBJECT)
    body = _text(body, field="body", limit=MAX_BODY)
    with transaction.atomic():
        question = Question.objects.create(
            member=member,
            asked_by=actor,
            unit=member.unit,
            subject=subject,
            body=body,
            last_activity_at=timezone.now(),
        )
        record(
            actor=actor,
            action="handbook.ask_question",
            target=question,
            unit=member.unit,
            changes={"subject": [None, subject]},
        )
        notify(
            recipients=nearest_answerers(member.unit),
            kind=NoticeKind.QUESTION,
            title=str(_("Ý kiến mới của %(name)s") % {"name": member.full_name}),
            body=subject,
            url=reverse("handbook:question", args=[question.pk]),
        )
    return question


def reply_to_question(*, actor: Any, question: Question, body: str, as_committee: bool) -> Reply:
    """Add to a thread: the committee answers (handbook.answer on the branch), or the member who
    asked writes again. `as_committee` is what the caller was let in as (queries say which)."""
    if as_committee:
        require(actor, Perm.HANDBOOK_ANSWER, question.unit)
    else:
        member = _own_member(actor)
        if question.member_id != member.pk:
            raise Forbidden(_("Bạn chỉ viết tiếp ý kiến của chính mình."))
    body = _text(body, field="body", limit=MAX_BODY)
    with transaction.atomic():
        reply = Reply.objects.create(
            question=question,
            author=actor,
            author_name=_author_name(actor),
            from_committee=as_committee,
            body=body,
        )
        question.status = QuestionStatus.ANSWERED if as_committee else QuestionStatus.OPEN
        question.last_activity_at = reply.created_at
        question.save(update_fields=["status", "last_activity_at"])
        record(
            actor=actor,
            action="handbook.reply_to_question",
            target=question,
            unit=question.unit,
            changes={"status": [None, question.status]},
        )
        url = reverse("handbook:question", args=[question.pk])
        if as_committee:
            recipients = [question.asked_by_id] if question.asked_by_id else []
            title = str(_("Chi ủy đã trả lời ý kiến: %(subject)s") % {"subject": question.subject})
        else:
            recipients = nearest_answerers(question.unit)
            title = str(
                _("%(name)s viết thêm về: %(subject)s")
                % {
                    "name": question.member.full_name,
                    "subject": question.subject,
                }
            )
        notify(
            recipients=recipients,
            kind=NoticeKind.QUESTION,
            title=title,
            body=body[:300],
            url=url,
        )
    return reply
