"""Writes to member records: admission, life events, profile edits."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, require
from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core import workdays
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.core.text import fold, name_sort_text, nfc
from chibo.org.actions import count_member_change
from chibo.org.models import OrgUnit

from .. import rules
from .. import state as member_state
from ..models import (
    ACTIVE_STATUSES,
    OPENING_KINDS,
    RECORD_KINDS,
    EventKind,
    Gender,
    Member,
    MemberEvent,
    MemberStatus,
)
from ..rules.dates import PROBATION_MONTHS, add_months
from ..rules.membership import MEMBER_UNITS, READMISSION, TRANSFER_DEADLINES

# Profile fields editable through `update_member`; the citizen ID needs members.view_sensitive.
EDITABLE_FIELDS = (
    "full_name",
    "other_names",
    "gender",
    "birth_date",
    "birth_date_precision",
    "place_of_birth",
    "home_town",
    "permanent_address",
    "permanent_admin_code",
    "permanent_admin_scheme",
    "current_address",
    "current_admin_code",
    "current_admin_scheme",
    "ethnicity",
    "religion",
    "citizen_id",
    "phone",
    "email",
    "general_education",
    "professional_qualification",
    "theory_level",
    "occupation",
    "workplace",
    "party_position",
    "government_position",
    "card_number",
    "sponsors",
)
SENSITIVE_FIELDS = frozenset({"citizen_id"})


def holds_members(unit: OrgUnit, on: date) -> bool:
    """Whether members may belong to a unit of this kind on the day (MEMBER_UNITS)."""
    return unit.kind in MEMBER_UNITS.rule_on(on).kinds


def _require_branch(unit: OrgUnit | None, on: date | None = None) -> OrgUnit:
    if unit is None or not holds_members(unit, on or timezone.localdate()):
        raise ValidationFailed(
            _("Đảng viên chỉ sinh hoạt ở chi bộ (chi bộ trực thuộc hoặc chi bộ cơ sở)."),
            field="to_unit",
        )
    if not unit.is_active:
        raise Conflict(_("Chi bộ %(name)s không còn hoạt động."), field="to_unit", name=unit.name)
    return unit


def _raise_errors(problems: list[rules.Problem]) -> None:
    """Refuse on the first error of a rule check; warnings do not block."""
    for problem in problems:
        if problem.severity == rules.Severity.ERROR:
            raise ValidationFailed(problem.message, field=problem.field, **dict(problem.params))


def _set_name(member: Member, full_name: str) -> None:
    cleaned = " ".join(nfc(full_name).split())
    if not cleaned:
        raise ValidationFailed(_("Họ và tên không được để trống."), field="full_name")
    member.full_name = cleaned
    member.search_name = fold(cleaned)
    member.sort_name = name_sort_text(cleaned)


def _stored_state(member: Member) -> member_state.MemberState:
    return member_state.MemberState(
        status=member.status,
        unit_id=member.unit_id,
        temporary_unit_id=member.temporary_unit_id,
        is_exempt=member.is_exempt,
        admitted_on=member.admitted_on,
        full_member_on=member.full_member_on,
        merged_into_id=member.merged_into_id,
    )


def current_state(member: Member, events: list[MemberEvent]) -> member_state.MemberState:
    """The member's state from their events. Records loaded without their history (imports, old
    registers) start from their stored state; the events recorded since build on it."""
    if any(e.kind in OPENING_KINDS for e in events):
        return member_state.derive(events)
    return member_state.derive(events, start=_stored_state(member))


def _active_events(member: Member) -> list[MemberEvent]:
    return list(member.events.filter(cancelled_at__isnull=True).order_by("effective_on", "id"))


def _apply_state(member: Member, derived: member_state.MemberState) -> None:
    """Write the derived state into the member's cache columns and keep unit counts in step."""
    was_counted = member.status in ACTIVE_STATUSES
    old_unit_id = member.unit_id
    if derived.status is not None:
        member.status = derived.status
    if derived.unit_id is not None:
        member.unit_id = derived.unit_id
    member.temporary_unit_id = derived.temporary_unit_id
    member.is_exempt = derived.is_exempt
    member.admitted_on = derived.admitted_on or member.admitted_on
    member.full_member_on = derived.full_member_on
    is_counted = member.status in ACTIVE_STATUSES
    if was_counted and (not is_counted or old_unit_id != member.unit_id):
        count_member_change(OrgUnit.objects.get(pk=old_unit_id), -1)
    if is_counted and (not was_counted or old_unit_id != member.unit_id):
        count_member_change(OrgUnit.objects.get(pk=member.unit_id), +1)


def admit_member(
    *,
    actor: Any,
    unit: OrgUnit,
    full_name: str,
    gender: str,
    birth_date: date,
    decision_on: date,
    ceremony_on: date | None = None,
    decision_number: str = "",
    deciding_body: str = "",
    **profile: Any,
) -> Member:
    """Admit a new member (kết nạp): creates a probationary member in the branch.

    A citizen ID is written only by someone who may read it (members.view_sensitive on the
    branch); anyone else is refused before anything is written, never silently stripped."""
    require(actor, Perm.MEMBERS_MANAGE, unit)
    if SENSITIVE_FIELDS & {k for k, v in profile.items() if v} and not can(
        actor, Perm.MEMBERS_VIEW_SENSITIVE, unit
    ):
        raise Forbidden(_("Bạn không có quyền ghi số CCCD."), field="citizen_id")
    _require_branch(unit, decision_on)
    if gender not in Gender.values:
        raise ValidationFailed(_("Giới tính không hợp lệ."), field="gender")
    _raise_errors(
        rules.check_member_dates(
            birth=birth_date,
            admitted_on=decision_on,
            full_member_on=None,
            admission_ceremony_on=ceremony_on,
        )
    )
    citizen_id = profile.get("citizen_id")
    if citizen_id:
        _raise_errors(
            rules.check_citizen_id(
                citizen_id, gender=rules.Gender(gender), birth_year=birth_date.year
            )
        )
    if (
        citizen_id
        and Member.objects.filter(citizen_id=citizen_id, status__in=ACTIVE_STATUSES).exists()
    ):
        raise Conflict(_("Người có số CCCD này đã là đảng viên."), field="citizen_id")
    unknown = set(profile) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Trường không hợp lệ: %(f)s"), f=", ".join(sorted(unknown)))
    with transaction.atomic():
        member = Member(
            unit=unit,
            gender=gender,
            birth_date=birth_date,
            status=MemberStatus.PROBATIONARY,
            admitted_on=decision_on,
            admission_ceremony_on=ceremony_on,
            **profile,
        )
        _set_name(member, full_name)
        member.save()
        MemberEvent.objects.create(
            member=member,
            kind=EventKind.ADMISSION,
            effective_on=decision_on,
            to_unit=unit,
            decision_number=decision_number,
            deciding_body=deciding_body,
            details={"ceremony_on": ceremony_on.isoformat() if ceremony_on else None},
            recorded_by=actor,
        )
        count_member_change(unit, +1)
        record(
            actor=actor,
            action="members.admit_member",
            target=member,
            unit=unit,
            changes={"full_name": [None, member.full_name], "status": [None, member.status]},
        )
    return member


def _transfer_deadlines(letter_on: date, details: dict[str, Any]) -> None:
    """Permanent transfers: the deadlines of TRANSFER_DEADLINES in force on the letter's date."""
    rule = TRANSFER_DEADLINES.rule_on(letter_on)
    calendar = workdays.load_calendar()
    details["report_by"] = workdays.add_working_days(
        letter_on, rule.report_working_days, calendar=calendar
    ).isoformat()
    details["deadline_source"] = rule.source
    cause_on = details.get("cause_on")
    if cause_on:
        start_by = workdays.add_working_days(
            date.fromisoformat(cause_on), rule.start_working_days, calendar=calendar
        )
        details["start_by"] = start_by.isoformat()
        details["started_late"] = letter_on > start_by


def _check_event(
    member: Member,
    current: member_state.MemberState,
    kind: str,
    on: date,
    to_unit: OrgUnit | None,
    details: dict[str, Any],
) -> None:
    in_party = current.in_party
    if current.status == MemberStatus.MERGED:
        raise Conflict(_("Hồ sơ này đã được gộp vào hồ sơ khác."))
    if kind in (EventKind.ADMISSION,):
        raise Conflict(_("Người này đã là đảng viên; dùng 'Kết nạp lại' nếu đã ra khỏi Đảng."))
    if kind == EventKind.FULL_MEMBERSHIP:
        if current.status != MemberStatus.PROBATIONARY:
            raise Conflict(_("Chỉ công nhận chính thức cho đảng viên dự bị."))
        ceremony = member.admission_ceremony_on or current.admitted_on
        if ceremony is None:
            raise ValidationFailed(_("Thiếu ngày lễ kết nạp."))
        full_from = rules.full_member_from(ceremony)
        if on < full_from:
            raise ValidationFailed(
                _("Chưa hết %(months)s tháng dự bị (đến %(d)s)."),
                months=PROBATION_MONTHS,
                d=full_from.strftime("%d/%m/%Y"),
            )
        # The member is full from the end of probation even when the decision comes later.
        details["full_from"] = full_from.isoformat()
        return
    if kind in (EventKind.TRANSFER_OUT, EventKind.TEMPORARY_OUT):
        if not in_party:
            raise Conflict(_("Chỉ chuyển sinh hoạt cho người đang là đảng viên."))
        target = _require_branch(to_unit, on)
        if target.pk == member.unit_id:
            raise ValidationFailed(_("Chi bộ chuyển đến trùng chi bộ hiện tại."), field="to_unit")
        if current.pending_transfer_to or current.temporary_unit_id:
            raise Conflict(_("Đảng viên đang có một lần chuyển sinh hoạt chưa hoàn tất."))
        if kind == EventKind.TRANSFER_OUT:
            _transfer_deadlines(on, details)
        return
    if kind == EventKind.TRANSFER_IN:
        if (
            current.pending_transfer_to is None
            or to_unit is None
            or current.pending_transfer_to != to_unit.pk
        ):
            raise Conflict(_("Không có giấy giới thiệu chuyển sinh hoạt đến chi bộ này."))
        return
    if kind == EventKind.TEMPORARY_RETURN and current.temporary_unit_id is None:
        raise Conflict(_("Đảng viên không sinh hoạt tạm thời ở nơi khác."))
    if kind == EventKind.EXEMPTION and (not in_party or current.is_exempt):
        raise Conflict(_("Đảng viên đã được miễn hoặc không còn là đảng viên."))
    if kind == EventKind.EXEMPTION_END and not current.is_exempt:
        raise Conflict(_("Đảng viên không đang được miễn công tác và sinh hoạt."))
    if kind in (EventKind.DEATH, EventKind.REMOVAL, EventKind.EXPULSION, EventKind.WITHDRAWAL):
        if not in_party and kind != EventKind.DEATH:
            raise Conflict(_("Người này không còn là đảng viên."))
        if kind == EventKind.DEATH and current.status == MemberStatus.DECEASED:
            raise Conflict(_("Đã ghi nhận từ trần."))
        # Probationary members may be reprimanded or warned, not expelled (QĐ 69-QĐ/TW, Điều 5,
        # amended by QĐ 264-QĐ/TW): their case goes to the full-membership review instead.
        if kind == EventKind.EXPULSION and current.status == MemberStatus.PROBATIONARY:
            raise ValidationFailed(_("Đảng viên dự bị không bị kỷ luật khai trừ."))
    if kind == EventKind.READMISSION:
        if current.status not in (
            MemberStatus.REMOVED,
            MemberStatus.EXPELLED,
            MemberStatus.WITHDRAWN,
        ):
            raise Conflict(_("Chỉ kết nạp lại người đã ra khỏi Đảng."))
        rule = READMISSION.rule_on(on)
        if current.readmissions >= rule.max_times:
            raise Conflict(_("Đã kết nạp lại số lần tối đa (%(source)s)."), source=rule.source)
        if current.left_on and on < add_months(current.left_on, rule.min_months_out):
            raise ValidationFailed(
                _(
                    "Phải ra khỏi Đảng ít nhất %(months)s tháng mới được xét kết nạp lại "
                    "(%(source)s)."
                ),
                months=rule.min_months_out,
                source=rule.source,
            )
        _require_branch(to_unit, on)


def record_event(
    *,
    actor: Any,
    member: Member,
    kind: str,
    effective_on: date,
    decision_number: str = "",
    deciding_body: str = "",
    to_unit: OrgUnit | None = None,
    details: dict[str, Any] | None = None,
) -> MemberEvent:
    """Record a dated life event and update the member's derived state."""
    if kind not in EventKind.values or kind == EventKind.ADMISSION or kind in RECORD_KINDS:
        raise ValidationFailed(_("Loại biến động không hợp lệ."), field="kind")
    # Receiving a transfer is done by the receiving branch; everything else by the member's own.
    require(
        actor,
        Perm.MEMBERS_MANAGE,
        to_unit if kind == EventKind.TRANSFER_IN and to_unit else member.unit,
    )
    if kind == EventKind.READMISSION and to_unit is not None:
        require(actor, Perm.MEMBERS_MANAGE, to_unit)
    details = dict(details or {})
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        events = _active_events(member)
        # A record carried over from an old register is dated the day it was loaded; what
        # happened before that day may still be recorded (the fold lets such events win).
        dated = [e for e in events if e.kind != EventKind.RECORD_OPENED]
        if dated and effective_on < dated[-1].effective_on:
            raise ValidationFailed(
                _("Ngày hiệu lực trước biến động gần nhất (%(d)s)."),
                field="effective_on",
                d=dated[-1].effective_on.strftime("%d/%m/%Y"),
            )
        if member.birth_date and effective_on <= member.birth_date:
            raise ValidationFailed(_("Ngày hiệu lực trước ngày sinh."), field="effective_on")
        if effective_on > timezone.localdate():
            raise ValidationFailed(
                _("Chưa thể ghi biến động có ngày hiệu lực trong tương lai."), field="effective_on"
            )
        current = current_state(member, events)
        _check_event(member, current, kind, effective_on, to_unit, details)
        before = snapshot(member, ["status", "unit", "temporary_unit", "is_exempt"])
        event = MemberEvent.objects.create(
            member=member,
            kind=kind,
            effective_on=effective_on,
            to_unit=to_unit,
            from_unit_id=member.unit_id,
            decision_number=decision_number.strip(),
            deciding_body=deciding_body.strip(),
            details=details,
            recorded_by=actor,
        )
        _apply_state(member, member_state.apply(current, event))
        member.save()
        after = snapshot(member, ["status", "unit", "temporary_unit", "is_exempt"])
        record(
            actor=actor,
            action=f"members.{kind}",
            target=member,
            unit=member.unit,
            changes={**diff(before, after), "effective_on": effective_on.isoformat()},
        )
    return event


def update_member(*, actor: Any, member: Member, changes: dict[str, Any]) -> Member:
    """Edit profile fields (not state: state changes only through events)."""
    require(actor, Perm.MEMBERS_MANAGE, member.unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Trường không hợp lệ: %(f)s"), f=", ".join(sorted(unknown)))
    if SENSITIVE_FIELDS & set(changes) and not can(actor, Perm.MEMBERS_VIEW_SENSITIVE, member.unit):
        raise Forbidden(_("Bạn không có quyền sửa số CCCD."))
    fields = sorted(changes)
    with transaction.atomic():
        before = snapshot(member, fields)
        for name, value in changes.items():
            if name == "full_name":
                _set_name(member, value)
            else:
                setattr(member, name, value)
        if member.birth_date and member.admitted_on and member.birth_date >= member.admitted_on:
            raise ValidationFailed(_("Ngày sinh phải trước ngày vào Đảng."), field="birth_date")
        member.save()
        after = snapshot(member, fields)
        changed = diff(before, after)
        # Never write a citizen ID into the audit trail; say only that it changed.
        for name in SENSITIVE_FIELDS & set(changed):
            changed[name] = ["***", "***"]
        record(
            actor=actor,
            action="members.update_member",
            target=member,
            unit=member.unit,
            changes=changed,
        )
    return member
