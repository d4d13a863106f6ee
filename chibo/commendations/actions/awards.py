"""Awards, the proposals that go up the tree to the committee that decides, and the circumstances
of an early party badge."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.members import state as member_state
from chibo.members.models import EventKind, Member
from chibo.members.rules import BADGE_RULES, badge_years_due
from chibo.org.models import OrgUnit

from ..models import (
    Award,
    AwardKind,
    Project,
    ProjectEvent,
    ProjectEventKind,
    ProjectStatus,
    Proposal,
    ProposalEvent,
    ProposalEventKind,
    ProposalStatus,
    SeriousIllness,
)
from ..rules import AWARD_RULES


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _kind(code: str) -> AwardKind:
    kind = AwardKind.objects.filter(code=code, active=True).first()
    if kind is None:
        raise ValidationFailed(_("Không có hình thức khen thưởng này."), field="kind")
    return kind


def _subject_unit(kind: AwardKind, member: Member | None, organisation: OrgUnit | None) -> OrgUnit:
    if (member is None) == (organisation is None):
        raise ValidationFailed(_("Chọn một đảng viên hoặc một tổ chức đảng."), field="member")
    if member is not None and not kind.for_members:
        raise ValidationFailed(_("%(kind)s không tặng cho cá nhân."), field="kind", kind=kind.name)
    if organisation is not None and not kind.for_organisations:
        raise ValidationFailed(_("%(kind)s không tặng cho tập thể."), field="kind", kind=kind.name)
    return member.unit if member is not None else organisation  # type: ignore[return-value]


def _gaps(member: Member) -> list[tuple[date, date]]:
    events = sorted(
        (e for e in member.events.all() if e.cancelled_at is None),
        key=lambda e: (e.effective_on, e.pk),
    )
    return list(member_state.derive(events).gaps) if events else []


def died_on(member: Member) -> date | None:
    death = member.events.filter(kind=EventKind.DEATH, cancelled_at__isnull=True).first()
    return death.effective_on if death else None


def ill_on(member: Member, day: date) -> bool:
    return (
        SeriousIllness.objects.filter(member=member, since__lte=day).exclude(until__lt=day).exists()
    )


def received_badges(member: Member) -> list[int]:
    return [
        y
        for y in Award.objects.filter(member=member, kind__is_badge=True).values_list(
            "badge_years", flat=True
        )
        if y
    ]


def _check_badge(member: Member | None, years: int | None, on: date) -> tuple[bool, bool]:
    """The badge's years must be a milestone the member reaches by the ceremony (early for the
    seriously ill, posthumously up to the rule's months). Returns (early, posthumous)."""
    rule = BADGE_RULES.rule_on(on)
    if member is None or years is None or years not in rule.milestones:
        raise ValidationFailed(
            _("Huy hiệu Đảng theo mốc %(m)s năm tuổi đảng (%(source)s)."),
            field="badge_years",
            m=", ".join(str(m) for m in rule.milestones),
            source=rule.source,
        )
    if member.admitted_on is None:
        raise ValidationFailed(_("Hồ sơ chưa có ngày vào Đảng."), field="member")
    if years in received_badges(member):
        raise Conflict(_("Đảng viên đã nhận Huy hiệu %(y)s năm tuổi đảng."), y=years)
    gaps = _gaps(member)
    dead = died_on(member)
    ill = dead is None and ill_on(member, on)
    normal = badge_years_due(
        admitted_on=member.admitted_on, gaps=gaps, ceremony_on=on, rule=rule, died_on=None
    )
    due = badge_years_due(
        admitted_on=member.admitted_on,
        gaps=gaps,
        ceremony_on=on,
        seriously_ill=ill,
        died_on=dead,
        rule=rule,
    )
    if due is None or years > due:
        raise ValidationFailed(
            _("Đảng viên chưa đến mốc %(y)s năm tuổi đảng vào ngày %(day)s (%(source)s)."),
            field="badge_years",
            y=years,
            day=on.strftime("%d/%m/%Y"),
            source=rule.source,
        )
    early = normal is None or years > normal
    return early and dead is None, dead is not None


def _create_award(
    *,
    actor: Any,
    kind: AwardKind,
    member: Member | None,
    organisation: OrgUnit | None,
    deciding_body: str,
    decision_number: str,
    decided_on: date,
    reason: str,
    badge_years: int | None = None,
    proposal: Proposal | None = None,
    project: Project | None = None,
) -> Award:
    rules = AWARD_RULES.rule_on(decided_on)
    unit = _subject_unit(kind, member, organisation)
    body, number = (deciding_body or "").strip(), (decision_number or "").strip()
    if rules.needs_deciding_body and not body:
        raise ValidationFailed(
            _("Khen thưởng phải ghi cấp quyết định (%(source)s)."),
            field="deciding_body",
            source=rules.source,
        )
    if rules.needs_decision_number and not number:
        raise ValidationFailed(
            _("Khen thưởng phải ghi số quyết định (%(source)s)."),
            field="decision_number",
            source=rules.source,
        )
    early = posthumous = False
    if kind.is_badge:
        early, posthumous = _check_badge(member, badge_years, decided_on)
    elif badge_years:
        raise ValidationFailed(_("Chỉ Huy hiệu Đảng có số năm tuổi đảng."), field="badge_years")
    award = Award.objects.create(
        kind=kind,
        member=member,
        organisation=organisation,
        unit=unit,
        deciding_body=body[:255],
        decision_number=number[:60],
        decided_on=decided_on,
        reason=reason.strip(),
        badge_years=badge_years if kind.is_badge else None,
        early=early,
        posthumous=posthumous,
        proposal=proposal,
        project=project,
        recorded_by=_user(actor),
    )
    record(
        actor=actor,
        action="commendations.record_award",
        target=award,
        unit=unit,
        changes={
            "kind": kind.code,
            "decision_number": award.decision_number,
            "decided_on": decided_on,
            "badge_years": award.badge_years,
        },
    )
    return award


def record_award(
    *,
    actor: Any,
    kind: str,
    deciding_body: str,
    decision_number: str,
    decided_on: date,
    reason: str = "",
    member: Member | None = None,
    organisation: OrgUnit | None = None,
    badge_years: int | None = None,
) -> Award:
    """Record an award decided by a committee at or above the subject (commendations.decide)."""
    award_kind = _kind(kind)
    unit = _subject_unit(award_kind, member, organisation)
    require(actor, Perm.COMMENDATIONS_DECIDE, unit)
    with transaction.atomic():
        return _create_award(
            actor=actor,
            kind=award_kind,
            member=member,
            organisation=organisation,
            deciding_body=deciding_body,
            decision_number=decision_number,
            decided_on=decided_on,
            reason=reason,
            badge_years=badge_years,
        )


def propose_award(
    *,
    actor: Any,
    from_unit: OrgUnit,
    kind: str,
    reason: str,
    on: date,
    member: Member | None = None,
    organisation: OrgUnit | None = None,
    badge_years: int | None = None,
) -> Proposal:
    """A unit proposes an award for a member or an organisation of its subtree; the proposal
    goes to the committee directly above."""
    require(actor, Perm.COMMENDATIONS_MANAGE, from_unit)
    award_kind = _kind(kind)
    unit = _subject_unit(award_kind, member, organisation)
    if not unit.path.startswith(from_unit.path):
        raise NotFound(_("Không tìm thấy."))
    if not reason.strip():
        raise ValidationFailed(_("Ghi thành tích, lý do đề nghị."), field="reason")
    parent = OrgUnit.objects.get_parent(from_unit)
    if parent is None:
        raise ValidationFailed(_("Đơn vị cấp cao nhất tự quyết định khen thưởng."), field="unit")
    with transaction.atomic():
        proposal = Proposal.objects.create(
            kind=award_kind,
            member=member,
            organisation=organisation,
            unit=unit,
            proposed_by=from_unit,
            at_unit=parent,
            reason=reason.strip(),
            badge_years=badge_years,
            proposed_on=on,
        )
        ProposalEvent.objects.create(
            proposal=proposal,
            kind=ProposalEventKind.PROPOSED,
            at_unit=parent,
            effective_on=on,
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.propose_award",
            target=proposal,
            unit=from_unit,
            changes={"kind": award_kind.code, "to": parent.code},
        )
    return proposal


def _proposal_for_write(proposal_id: int) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("at_unit", "kind", "member__unit", "organisation", "unit")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound(_("Không tìm thấy đề nghị khen thưởng."))
    return proposal


def forward_proposal(*, actor: Any, proposal_id: int, on: date, note: str = "") -> Proposal:
    """The committee the proposal sits with sends it on to the committee above it."""
    with transaction.atomic():
        proposal = _proposal_for_write(proposal_id)
        require(actor, Perm.COMMENDATIONS_MANAGE, proposal.at_unit)
        if proposal.status != ProposalStatus.PENDING:
            raise Conflict(_("Đề nghị đã được quyết định."))
        parent = OrgUnit.objects.get_parent(proposal.at_unit)
        if parent is None:
            raise Conflict(_("Không còn cấp trên để chuyển đề nghị."))
        before = proposal.at_unit.code
        proposal.at_unit = parent
        proposal.save(update_fields=["at_unit"])
        ProposalEvent.objects.create(
            proposal=proposal,
            kind=ProposalEventKind.FORWARDED,
            at_unit=parent,
            effective_on=on,
            note=note.strip(),
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.forward_proposal",
            target=proposal,
            unit=parent,
            changes={"at_unit": [before, parent.code]},
        )
    return proposal


def decide_proposal(
    *,
    actor: Any,
    proposal_id: int,
    approve: bool,
    on: date,
    deciding_body: str = "",
    decision_number: str = "",
    note: str = "",
) -> Proposal:
    """The committee the proposal sits with decides: an award (with its decision) or a refusal."""
    with transaction.atomic():
        proposal = _proposal_for_write(proposal_id)
        require(actor, Perm.COMMENDATIONS_DECIDE, proposal.at_unit)
        if proposal.status != ProposalStatus.PENDING:
            raise Conflict(_("Đề nghị đã được quyết định."))
        if approve:
            _create_award(
                actor=actor,
                kind=proposal.kind,
                member=proposal.member,
                organisation=proposal.organisation,
                deciding_body=deciding_body,
                decision_number=decision_number,
                decided_on=on,
                reason=proposal.reason,
                badge_years=proposal.badge_years,
                proposal=proposal,
            )
        elif not note.strip():
            raise ValidationFailed(_("Ghi lý do không khen thưởng."), field="note")
        proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REFUSED
        proposal.save(update_fields=["status"])
        ProposalEvent.objects.create(
            proposal=proposal,
            kind=ProposalEventKind.APPROVED if approve else ProposalEventKind.REFUSED,
            at_unit=proposal.at_unit,
            effective_on=on,
            note=note.strip(),
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.decide_proposal",
            target=proposal,
            unit=proposal.at_unit,
            changes={"status": [ProposalStatus.PENDING, proposal.status]},
        )
    return proposal


def record_serious_illness(
    *, actor: Any, member: Member, since: date, note: str = ""
) -> SeriousIllness:
    """Record that a member is seriously ill (their badge may be presented early)."""
    require(actor, Perm.COMMENDATIONS_MANAGE, member.unit)
    with transaction.atomic():
        row = SeriousIllness.objects.create(
            member=member, since=since, note=note.strip()[:255], recorded_by=_user(actor)
        )
        record(
            actor=actor,
            action="commendations.record_serious_illness",
            target=row,
            unit=member.unit,
            changes={"since": since},
        )
    return row


def add_award_kind(
    *,
    actor: Any,
    root: OrgUnit,
    name: str,
    for_members: bool = True,
    for_organisations: bool = True,
) -> AwardKind:
    """A new kind of award, for every committee (decided at the top of the tree)."""
    require(actor, Perm.COMMENDATIONS_MANAGE, root)
    if root.depth != 1:
        raise ValidationFailed(_("Hình thức khen thưởng do cấp cao nhất thêm."), field="name")
    label = name.strip()
    code = slugify(label.replace("đ", "d").replace("Đ", "D"))[:40]
    if not label or not code:
        raise ValidationFailed(_("Ghi tên hình thức khen thưởng."), field="name")
    with transaction.atomic():
        if AwardKind.objects.filter(code=code).exists():
            raise Conflict(_("Đã có hình thức khen thưởng này."))
        kind = AwardKind.objects.create(
            code=code, name=label, for_members=for_members, for_organisations=for_organisations
        )
        record(
            actor=actor,
            action="commendations.add_award_kind",
            target=kind,
            unit=root,
            changes={"name": label},
        )
    return kind


def commend_project(
    *,
    actor: Any,
    project_id: int,
    kind: str,
    deciding_body: str,
    decision_number: str,
    on: date,
    reason: str = "",
) -> Award:
    """Commend a completed emulation project: an award to its member or unit, and the event."""
    with transaction.atomic():
        project = (
            Project.objects.select_for_update(of=("self",))
            .select_related("campaign__unit", "unit", "member__unit")
            .filter(pk=project_id)
            .first()
        )
        if project is None:
            raise NotFound(_("Không tìm thấy công trình, phần việc."))
        require(actor, Perm.COMMENDATIONS_DECIDE, project.unit)
        if project.status != ProjectStatus.COMPLETED:
            raise Conflict(_("Chỉ khen thưởng công trình đã được đánh giá hoàn thành."))
        award = _create_award(
            actor=actor,
            kind=_kind(kind),
            member=project.member,
            organisation=None if project.member else project.unit,
            deciding_body=deciding_body,
            decision_number=decision_number,
            decided_on=on,
            reason=reason or project.title,
            project=project,
        )
        project.status = ProjectStatus.COMMENDED
        project.save(update_fields=["status"])
        ProjectEvent.objects.create(
            project=project,
            kind=ProjectEventKind.COMMENDED,
            effective_on=on,
            note=award.decision_number,
            recorded_by=_user(actor),
        )
        record(
            actor=actor,
            action="commendations.commend_project",
            target=project,
            unit=project.unit,
            changes={"status": [ProjectStatus.COMPLETED, ProjectStatus.COMMENDED]},
        )
    return award
