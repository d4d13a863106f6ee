"""Writes of planning lists (quy hoạch): a draft per term, people planned per post, recorded
removals, approval by the competent committee, and a new version per review."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.org.models import OrgUnit

from ..models import PlanningEntry, PlanningList, PlanningStatus
from ..rules import DECISION_SOURCE, PLANNING_SCOPE_SOURCE, POSTS_SOURCE, posts_for
from .common import clean_text, in_subtree, member_or_refuse, require_decision


def create_planning_list(
    *, actor: Any, unit: OrgUnit, term_start: int, term_end: int
) -> PlanningList:
    require(actor, Perm.CADRES_MANAGE, unit)
    if not posts_for(unit.kind):
        raise ValidationFailed(
            _("Đơn vị loại này không có cấp ủy (%(source)s)."), field="unit", source=POSTS_SOURCE
        )
    if not term_start < term_end <= term_start + 10:
        raise ValidationFailed(_("Nhiệm kỳ không hợp lệ."), field="term_end")
    with transaction.atomic():
        if PlanningList.objects.filter(unit=unit, term_start=term_start).exists():
            raise Conflict(
                _("Đã có danh sách quy hoạch cho nhiệm kỳ này: mở lần rà soát mới từ danh sách đó.")
            )
        planning = PlanningList.objects.create(
            unit=unit,
            term_start=term_start,
            term_end=term_end,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        record(
            actor=actor,
            action="cadres.create_planning_list",
            target=planning,
            unit=unit,
            changes={"term_start": term_start, "term_end": term_end, "version": 1},
        )
    return planning


def _draft(planning_id: int, actor: Any, perm: Perm = Perm.CADRES_MANAGE) -> PlanningList:
    planning = PlanningList.objects.select_related("unit").filter(pk=planning_id).first()
    if planning is None:
        raise ValidationFailed(_("Không tìm thấy danh sách quy hoạch."), field="planning")
    require(actor, perm, planning.unit)
    if planning.status != PlanningStatus.DRAFT:
        raise Conflict(
            _("Danh sách đã phê duyệt không sửa được: mở lần rà soát mới (phiên bản sau).")
        )
    return planning


def plan_person(
    *,
    actor: Any,
    planning_id: int,
    post_kind: str,
    member_id: int,
    added_on: date | None = None,
) -> PlanningEntry:
    planning = _draft(planning_id, actor)
    if post_kind not in posts_for(planning.unit.kind):
        raise ValidationFailed(
            _("Đơn vị loại này không có chức vụ đó (%(source)s)."),
            field="post_kind",
            source=POSTS_SOURCE,
        )
    member = member_or_refuse(member_id)
    if not in_subtree(member, planning.unit):
        raise ValidationFailed(
            _(
                "Người này không sinh hoạt trong đảng bộ %(unit)s: chỉ quy hoạch cán bộ thuộc "
                "phạm vi quản lý (%(source)s)."
            ),
            field="member",
            unit=planning.unit.name,
            source=PLANNING_SCOPE_SOURCE,
        )
    if member.status not in ("probationary", "full"):
        raise ValidationFailed(_("Người này không còn là đảng viên."), field="member")
    with transaction.atomic():
        if PlanningEntry.objects.filter(
            planning=planning, post_kind=post_kind, member=member
        ).exists():
            raise Conflict(_("Người này đã có trong quy hoạch chức vụ này."))
        entry = PlanningEntry.objects.create(
            planning=planning,
            post_kind=post_kind,
            member=member,
            added_on=added_on or timezone.localdate(),
        )
        record(
            actor=actor,
            action="cadres.plan_person",
            target=entry,
            unit=planning.unit,
            changes={"post_kind": post_kind, "member": member.pk, "version": planning.version},
        )
    return entry


def remove_planned(*, actor: Any, entry_id: int, reason: str) -> PlanningEntry:
    """Take a person off the draft: recorded with the reason, never deleted."""
    entry = PlanningEntry.objects.select_related("planning").filter(pk=entry_id).first()
    if entry is None:
        raise ValidationFailed(_("Không tìm thấy."), field="entry")
    planning = _draft(entry.planning_id, actor)
    why = clean_text(reason, "reason", 255, required=True)
    if entry.removed_on is not None:
        raise Conflict(_("Người này đã được đưa ra khỏi quy hoạch."))
    with transaction.atomic():
        entry.removed_on, entry.removal_reason = timezone.localdate(), why
        entry.save(update_fields=["removed_on", "removal_reason"])
        record(
            actor=actor,
            action="cadres.remove_planned",
            target=entry,
            unit=planning.unit,
            changes={"reason": why},
        )
    return entry


def approve_planning_list(
    *,
    actor: Any,
    planning_id: int,
    approved_on: date,
    decision_number: str,
    approved_by_body: str,
) -> PlanningList:
    """The competent committee approves the draft (cadres.decide); an earlier approved version of
    the same term is superseded."""
    planning = _draft(planning_id, actor, Perm.CADRES_DECIDE)
    number, body = require_decision(decision_number, approved_by_body, DECISION_SOURCE)
    if approved_on > timezone.localdate():
        raise ValidationFailed(_("Ngày phê duyệt chưa đến."), field="approved_on")
    with transaction.atomic():
        PlanningList.objects.filter(
            unit=planning.unit,
            term_start=planning.term_start,
            status=PlanningStatus.APPROVED,
        ).update(status=PlanningStatus.SUPERSEDED)
        planning.status = PlanningStatus.APPROVED
        planning.approved_on, planning.approval_decision = approved_on, number
        planning.approved_by_body = body
        planning.save(
            update_fields=["status", "approved_on", "approval_decision", "approved_by_body"]
        )
        record(
            actor=actor,
            action="cadres.approve_planning_list",
            target=planning,
            unit=planning.unit,
            changes={"version": planning.version, "decision": number, "approved_on": approved_on},
        )
    return planning


def start_review(*, actor: Any, planning_id: int, note: str = "") -> PlanningList:
    """A new draft version of an approved list (the yearly review), its people copied over;
    removed people stay removed on the old version only."""
    source = PlanningList.objects.select_related("unit").filter(pk=planning_id).first()
    if source is None:
        raise ValidationFailed(_("Không tìm thấy danh sách quy hoạch."), field="planning")
    require(actor, Perm.CADRES_MANAGE, source.unit)
    if source.status != PlanningStatus.APPROVED:
        raise Conflict(_("Chỉ rà soát từ danh sách đã phê duyệt."))
    with transaction.atomic():
        if PlanningList.objects.filter(
            unit=source.unit, term_start=source.term_start, status=PlanningStatus.DRAFT
        ).exists():
            raise Conflict(_("Đang có một bản dự thảo rà soát của nhiệm kỳ này."))
        latest = (
            PlanningList.objects.filter(unit=source.unit, term_start=source.term_start)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        ) or 0
        draft = PlanningList.objects.create(
            unit=source.unit,
            term_start=source.term_start,
            term_end=source.term_end,
            version=latest + 1,
            review_note=clean_text(note, "note", 255),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        today = timezone.localdate()
        PlanningEntry.objects.bulk_create(
            PlanningEntry(
                planning=draft,
                post_kind=e.post_kind,
                member_id=e.member_id,
                added_on=e.added_on,
                conclusion=e.conclusion,
            )
            for e in source.entries.filter(removed_on__isnull=True)
            if e.added_on <= today
        )
        record(
            actor=actor,
            action="cadres.start_review",
            target=draft,
            unit=source.unit,
            changes={"version": draft.version, "from_version": source.version},
        )
    return draft
