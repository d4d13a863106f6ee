"""Writes of appointment proposals: the steps the rules require (proposal, consultation, the
committee's vote, the decision), each dated with its document; the decision fills the post."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed

from ..models import (
    AppointmentProposal,
    HowFilled,
    PlanningEntry,
    PlanningStatus,
    Post,
    ProposalStatus,
    ProposalStep,
    StepKind,
)
from ..rules import DECISION_SOURCE
from .common import clean_text, member_or_refuse, not_future, require_decision
from .posts import appoint_to_post

STEP_ORDER = (StepKind.PROPOSAL, StepKind.CONSULTATION, StepKind.VOTE, StepKind.DECISION)
VOTE_SOURCE = "Điều lệ Đảng (2011), Điều 10 khoản 5: quyết định theo đa số"
PLANNING_SOURCE = (
    "QĐ 80-QĐ/TW (18/8/2022): người được đề nghị bổ nhiệm phải có trong quy hoạch, trừ trường "
    "hợp cấp có thẩm quyền quyết định khác"
)


def _planned(post: Post, member_id: int) -> bool:
    return PlanningEntry.objects.filter(
        planning__unit=post.unit,
        planning__term_start=post.term_start,
        planning__status=PlanningStatus.APPROVED,
        member_id=member_id,
        removed_on__isnull=True,
    ).exists()


def propose_appointment(
    *,
    actor: Any,
    post_id: int,
    member_id: int,
    how: str,
    done_on: date,
    document_number: str,
    body: str,
    outside_planning_reason: str = "",
    today: date | None = None,
) -> AppointmentProposal:
    """Open a proposal (its first step) to put a member into a post."""
    post = Post.objects.select_related("unit").filter(pk=post_id).first()
    if post is None:
        raise ValidationFailed(_("Không tìm thấy chức vụ."), field="post")
    require(actor, Perm.CADRES_MANAGE, post.unit)
    today = today or timezone.localdate()
    if how not in (HowFilled.APPOINTED, HowFilled.STRENGTHENED, HowFilled.ELECTED_BY_COMMITTEE):
        raise ValidationFailed(_("Hình thức không hợp lệ."), field="how")
    member = member_or_refuse(member_id)
    number, who = require_decision(document_number, body, DECISION_SOURCE)
    not_future(done_on, today, "done_on")
    reason = clean_text(outside_planning_reason, "outside_planning_reason", 255)
    if not reason and not _planned(post, member.pk):
        raise ValidationFailed(
            _(
                "Người này không có trong danh sách quy hoạch đã phê duyệt của %(unit)s cho "
                "nhiệm kỳ này; ghi rõ quyết định khác của cấp có thẩm quyền (%(source)s)."
            ),
            field="outside_planning_reason",
            unit=post.unit.name,
            source=PLANNING_SOURCE,
        )
    with transaction.atomic():
        if AppointmentProposal.objects.filter(
            post=post, member=member, status=ProposalStatus.OPEN
        ).exists():
            raise Conflict(_("Đã có đề xuất đang thực hiện cho người này ở chức vụ này."))
        proposal = AppointmentProposal.objects.create(
            post=post,
            member=member,
            how=how,
            outside_planning_reason=reason,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        ProposalStep.objects.create(
            proposal=proposal,
            kind=StepKind.PROPOSAL,
            done_on=done_on,
            document_number=number,
            body=who,
            recorded_by=proposal.created_by,
        )
        record(
            actor=actor,
            action="cadres.propose_appointment",
            target=proposal,
            unit=post.unit,
            changes={"post": post.kind, "member": member.pk, "how": how, "document": number},
        )
    return proposal


def record_step(
    *,
    actor: Any,
    proposal_id: int,
    kind: str,
    done_on: date,
    document_number: str,
    body: str,
    votes_for: int | None = None,
    votes_total: int | None = None,
    note: str = "",
    today: date | None = None,
) -> ProposalStep:
    """The next step of a proposal, in the order the rules give; the decision appoints."""
    proposal = (
        AppointmentProposal.objects.select_related("post__unit", "member")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise ValidationFailed(_("Không tìm thấy đề xuất."), field="proposal")
    require(actor, Perm.CADRES_MANAGE, proposal.post.unit)
    today = today or timezone.localdate()
    if proposal.status != ProposalStatus.OPEN:
        raise Conflict(_("Đề xuất này đã kết thúc."))
    if kind not in StepKind.values:
        raise ValidationFailed(_("Bước không hợp lệ."), field="kind")
    done = {s.kind: s for s in proposal.steps.all()}
    expected = next(k for k in STEP_ORDER if k not in done)
    if kind != expected:
        raise ValidationFailed(
            _("Bước tiếp theo phải là: %(step)s (%(source)s)."),
            field="kind",
            step=StepKind(expected).label,
            source=DECISION_SOURCE,
        )
    number, who = require_decision(document_number, body, DECISION_SOURCE)
    not_future(done_on, today, "done_on")
    last = max(s.done_on for s in done.values())
    if done_on < last:
        raise ValidationFailed(
            _("Ngày của bước này phải sau bước trước (%(day)s)."),
            field="done_on",
            day=f"{last:%d/%m/%Y}",
        )
    if kind == StepKind.VOTE:
        if votes_for is None or not votes_total or not 0 <= votes_for <= votes_total:
            raise ValidationFailed(_("Ghi số phiếu tán thành và tổng số."), field="votes_for")
        if votes_for * 2 <= votes_total:
            raise ValidationFailed(
                _("Chưa quá một nửa tán thành (%(source)s)."),
                field="votes_for",
                source=VOTE_SOURCE,
            )
    with transaction.atomic():
        step = ProposalStep.objects.create(
            proposal=proposal,
            kind=kind,
            done_on=done_on,
            document_number=number,
            body=who,
            votes_for=votes_for if kind == StepKind.VOTE else None,
            votes_total=votes_total if kind == StepKind.VOTE else None,
            note=clean_text(note, "note", 255),
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        if kind == StepKind.DECISION:
            appoint_to_post(
                actor=actor,
                post=proposal.post,
                member_id=proposal.member_id,
                how=proposal.how,
                start_on=done_on,
                decision_number=number,
                deciding_body=who,
                decided_on=done_on,
                proposal=proposal,
                today=today,
            )
            proposal.status = ProposalStatus.DECIDED
            proposal.save(update_fields=["status"])
        record(
            actor=actor,
            action="cadres.record_step",
            target=proposal,
            unit=proposal.post.unit,
            changes={"step": kind, "done_on": done_on, "document": number},
        )
    return step


def withdraw_proposal(*, actor: Any, proposal_id: int, reason: str) -> AppointmentProposal:
    proposal = (
        AppointmentProposal.objects.select_related("post__unit").filter(pk=proposal_id).first()
    )
    if proposal is None:
        raise ValidationFailed(_("Không tìm thấy đề xuất."), field="proposal")
    require(actor, Perm.CADRES_MANAGE, proposal.post.unit)
    if proposal.status != ProposalStatus.OPEN:
        raise Conflict(_("Đề xuất này đã kết thúc."))
    why = clean_text(reason, "reason", 255, required=True)
    with transaction.atomic():
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.save(update_fields=["status"])
        record(
            actor=actor,
            action="cadres.withdraw_proposal",
            target=proposal,
            unit=proposal.post.unit,
            changes={"reason": why},
        )
    return proposal
