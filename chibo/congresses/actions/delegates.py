"""Delegates: allocation per subordinate unit from the registry on the cut-off day, adding
delegates (or convening every member), credentials, exclusions from the base, substitution of an
alternate, and badges."""

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.audit.recorder import diff, record, snapshot
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.text import nfc
from chibo.members.models import Member, MemberEvent, MemberStatus
from chibo.members.state import MemberState, derive
from chibo.org.models import OrgUnit

from ..models import (
    Allocation,
    CheckIn,
    Congress,
    CongressKind,
    CredentialsStatus,
    Delegate,
    DelegateBasis,
    DelegateKind,
    Exclusion,
)
from ..rules import ALLOCATION, allocate
from .common import congress_for_write, new_badge_token, require_not_closed

DELEGATE_FIELDS = [
    "kind",
    "credentials",
    "credentials_note",
    "exclusion",
    "exclusion_note",
    "replaced_by",
    "replacement_reason",
]


def subordinate_units(congress: Congress) -> list[OrgUnit]:
    unit = congress.unit
    children = OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
    return [u for u in children.order_by("path") if u.is_active]


def states_on(unit: OrgUnit, day: date) -> dict[int, MemberState]:
    """Each member of the unit's subtree (by their record's unit today) as the registry stood on
    `day`: their dated events up to that day folded (DESIGN.md rule 7)."""
    events = (
        MemberEvent.objects.filter(
            member__unit__path__startswith=unit.path,
            effective_on__lte=day,
            cancelled_at__isnull=True,
        )
        .order_by("member_id", "effective_on", "recorded_at", "pk")
        .only("member_id", "kind", "effective_on", "to_unit_id", "details")
    )
    by_member: dict[int, list[MemberEvent]] = defaultdict(list)
    for event in events.iterator(chunk_size=2000):
        by_member[event.member_id].append(event)
    return {member_id: derive(evs) for member_id, evs in by_member.items()}


def _delegation_of(unit_path: str, children: list[OrgUnit]) -> OrgUnit | None:
    return next((c for c in children if unit_path.startswith(c.path)), None)


def members_on_cutoff(congress: Congress) -> dict[int, int]:
    """Subordinate unit id → members (probationary and full) on the cut-off day."""
    children = subordinate_units(congress)
    paths = dict(
        OrgUnit.objects.filter(path__startswith=congress.unit.path).values_list("pk", "path")
    )
    counts = {c.pk: 0 for c in children}
    for state in states_on(congress.unit, congress.cutoff_on).values():
        if not state.in_party or state.unit_id not in paths:
            continue
        child = _delegation_of(paths[state.unit_id], children)
        if child is not None:
            counts[child.pk] += 1
    return counts


def allocate_delegates(*, actor: Any, congress_id: int) -> list[Allocation]:
    """Share the official seats not taken by ex officio delegates among the subordinate units,
    in proportion to their members on the cut-off day (rules.ALLOCATION, our choice)."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        if congress.kind != CongressKind.DELEGATES:
            raise Conflict(_("Đại hội đảng viên không phân bổ đại biểu."))
        ex_officio = Delegate.objects.filter(
            congress=congress, basis=DelegateBasis.EX_OFFICIO, kind=DelegateKind.OFFICIAL
        ).count()
        seats = congress.planned_delegates - ex_officio
        counts = members_on_cutoff(congress)
        if not counts or not any(counts.values()):
            raise Conflict(_("Các đơn vị trực thuộc chưa có đảng viên tại ngày chốt danh sách."))
        rule = ALLOCATION.rule_on(congress.cutoff_on)
        if seats < rule.minimum_seats * sum(1 for n in counts.values() if n):
            raise ValidationFailed(
                _(
                    "Số đại biểu còn lại để phân bổ (%(seats)s) ít hơn số đơn vị trực thuộc có "
                    "đảng viên; tăng số đại biểu được triệu tập."
                ),
                field="planned_delegates",
                seats=seats,
            )
        shares = allocate(counts, seats, rule)
        now = timezone.now()
        Allocation.objects.filter(congress=congress).delete()
        rows = [
            Allocation.objects.create(
                congress=congress,
                unit_id=unit_id,
                members_on_cutoff=counts[unit_id],
                seats=shares[unit_id][0],
                alternates=shares[unit_id][1],
                computed_at=now,
            )
            for unit_id in counts
        ]
        record(
            actor=actor,
            action="congresses.allocate_delegates",
            target=congress,
            unit=congress.unit,
            changes={
                "cutoff_on": congress.cutoff_on,
                "seats": seats,
                "rule": rule.source,
                "allocation": {str(r.unit_id): [r.members_on_cutoff, r.seats] for r in rows},
            },
        )
    return rows


def _next_number(congress: Congress) -> int:
    top = Delegate.objects.filter(congress=congress).aggregate(m=Max("number"))["m"]
    return (top or 0) + 1


def _create_delegate(congress: Congress, **fields: Any) -> Delegate:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Delegate.objects.create(
                    congress=congress,
                    number=_next_number(congress),
                    badge_token=new_badge_token(),
                    badge_issued_at=timezone.now(),
                    **fields,
                )
        except IntegrityError:
            if Delegate.objects.filter(congress=congress, member=fields["member"]).exists():
                raise Conflict(
                    _("%(name)s đã có trong danh sách đại biểu."),
                    field="member",
                    name=fields["member"].full_name,
                ) from None
    raise Conflict(_("Không cấp được số thẻ đại biểu; thử lại."))


def add_delegate(
    *,
    actor: Any,
    congress_id: int,
    member_id: int,
    kind: str,
    basis: str,
) -> Delegate:
    """An official or alternate delegate of a congress of delegates: ex officio, elected by a
    subordinate congress, or appointed. Elected officials stay within their unit's allocation."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        if congress.kind != CongressKind.DELEGATES:
            raise Conflict(
                _("Đại hội đảng viên triệu tập toàn bộ đảng viên; dùng “Triệu tập đảng viên”.")
            )
        if kind not in (DelegateKind.OFFICIAL, DelegateKind.ALTERNATE):
            raise ValidationFailed(_("Chọn đại biểu chính thức hoặc dự khuyết."), field="kind")
        if basis not in (DelegateBasis.EX_OFFICIO, DelegateBasis.ELECTED, DelegateBasis.APPOINTED):
            raise ValidationFailed(
                _("Chọn tư cách: đương nhiên, được bầu hoặc chỉ định."), field="basis"
            )
        if basis == DelegateBasis.EX_OFFICIO and kind != DelegateKind.OFFICIAL:
            raise ValidationFailed(_("Đại biểu đương nhiên là đại biểu chính thức."), field="kind")
        member = (
            Member.objects.active()
            .select_related("unit")
            .filter(pk=member_id, unit__path__startswith=congress.unit.path)
            .first()
        )
        if member is None:
            raise ValidationFailed(
                _("Chọn một đảng viên đang sinh hoạt trong %(unit)s."),
                field="member",
                unit=congress.unit.name,
            )
        delegation = _delegation_of(member.unit.path, subordinate_units(congress))
        delegates = Delegate.objects.filter(
            congress=congress, replaced_by__isnull=True, kind=kind
        ).exclude(credentials=CredentialsStatus.REJECTED)
        if kind == DelegateKind.OFFICIAL and delegates.count() >= congress.planned_delegates:
            raise Conflict(
                _("Đã đủ %(n)s đại biểu chính thức được triệu tập."),
                field="kind",
                n=congress.planned_delegates,
            )
        if basis == DelegateBasis.ELECTED and delegation is not None:
            allocation = Allocation.objects.filter(congress=congress, unit=delegation).first()
            if allocation is not None:
                limit = allocation.seats if kind == DelegateKind.OFFICIAL else allocation.alternates
                taken = delegates.filter(delegation=delegation, basis=DelegateBasis.ELECTED).count()
                if taken >= limit:
                    raise Conflict(
                        _("%(unit)s đã đủ %(n)s %(kind)s được phân bổ."),
                        field="member",
                        unit=delegation.name,
                        n=limit,
                        kind=DelegateKind(kind).label.lower(),
                    )
        delegate = _create_delegate(
            congress, member=member, delegation=delegation, kind=kind, basis=basis
        )
        record(
            actor=actor,
            action="congresses.add_delegate",
            target=delegate,
            unit=congress.unit,
            changes={"member": member.pk, "kind": kind, "basis": basis},
        )
    return delegate


def convene_members(*, actor: Any, congress_id: int) -> int:
    """A congress of all members convenes every member in the party on the cut-off day: full
    members as voting, probationary ones without a vote; those on temporary transfer elsewhere
    or exempt are marked, as the base of a result leaves them out (QĐ 190-QĐ/TW). Members
    already convened are kept; the number added is returned."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        if congress.kind != CongressKind.MEMBERS:
            raise Conflict(_("Đại hội đại biểu không triệu tập toàn bộ đảng viên."))
        children = subordinate_units(congress)
        paths = dict(
            OrgUnit.objects.filter(path__startswith=congress.unit.path).values_list("pk", "path")
        )
        have = set(Delegate.objects.filter(congress=congress).values_list("member_id", flat=True))
        states = states_on(congress.unit, congress.cutoff_on)
        members = Member.objects.active().in_bulk(
            [m for m, s in states.items() if s.in_party and m not in have]
        )
        added = 0
        for member_id in sorted(members, key=lambda m: members[m].sort_name):
            state = states[member_id]
            if state.unit_id not in paths:
                continue
            exclusion = Exclusion.NONE
            if state.temporary_unit_id and state.temporary_unit_id not in paths:
                exclusion = Exclusion.TEMPORARY_TRANSFER
            elif state.is_exempt:
                exclusion = Exclusion.EXEMPT
            _create_delegate(
                congress,
                member=members[member_id],
                delegation=_delegation_of(paths[state.unit_id], children),
                kind=DelegateKind.OFFICIAL
                if state.status == MemberStatus.FULL
                else DelegateKind.NON_VOTING,
                basis=DelegateBasis.MEMBER,
                exclusion=exclusion,
                credentials=CredentialsStatus.ACCEPTED,
            )
            added += 1
        record(
            actor=actor,
            action="congresses.convene_members",
            target=congress,
            unit=congress.unit,
            changes={"cutoff_on": congress.cutoff_on, "added": added},
        )
    return added


def _delegate_for_write(congress: Congress, delegate_id: int, *, lock: bool = True) -> Delegate:
    rows = Delegate.objects.select_related("member")
    if lock:
        rows = rows.select_for_update(of=("self",))
    delegate = rows.filter(pk=delegate_id, congress=congress).first()
    if delegate is None:
        raise NotFound(_("Không tìm thấy đại biểu."))
    return delegate


def check_credentials(
    *, actor: Any, congress_id: int, delegate_id: int, status: str, note: str = ""
) -> Delegate:
    """The credentials committee's finding on one delegate (thẩm tra tư cách đại biểu)."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        delegate = _delegate_for_write(congress, delegate_id)
        if status not in (CredentialsStatus.ACCEPTED, CredentialsStatus.REJECTED):
            raise ValidationFailed(_("Chọn đủ hoặc không đủ tư cách."), field="status")
        note = nfc(note).strip()
        if status == CredentialsStatus.REJECTED and not note:
            raise ValidationFailed(
                _("Ghi lý do đại biểu không đủ tư cách."), field="credentials_note"
            )
        if delegate.is_replaced:
            raise Conflict(_("Đại biểu này đã được thay bằng đại biểu dự khuyết."))
        before = snapshot(delegate, DELEGATE_FIELDS)
        delegate.credentials = status
        delegate.credentials_note = note
        delegate.save(update_fields=["credentials", "credentials_note"])
        record(
            actor=actor,
            action="congresses.check_credentials",
            target=delegate,
            unit=congress.unit,
            changes=diff(before, snapshot(delegate, DELEGATE_FIELDS)),
        )
    return delegate


def set_exclusion(
    *, actor: Any, congress_id: int, delegate_id: int, exclusion: str, note: str = ""
) -> Delegate:
    """Mark why a convened delegate or member is left out of the base of a result (or clear it)."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        delegate = _delegate_for_write(congress, delegate_id)
        if exclusion not in Exclusion.values:
            raise ValidationFailed(
                _("Chọn lý do không tính vào số được triệu tập."), field="exclusion"
            )
        if congress.kind == CongressKind.DELEGATES and exclusion not in (
            Exclusion.NONE,
            Exclusion.ABSENT_WITH_APPROVAL,
        ):
            raise ValidationFailed(
                _(
                    "Ở đại hội đại biểu chỉ trừ đại biểu vắng mặt cả đại hội "
                    "có lý do được chấp thuận."
                ),
                field="exclusion",
            )
        if (
            exclusion == Exclusion.ABSENT_WITH_APPROVAL
            and CheckIn.objects.filter(delegate=delegate).exists()
        ):
            raise Conflict(
                _("Đại biểu số %(number)s đã điểm danh, không phải vắng mặt cả đại hội."),
                field="exclusion",
                number=delegate.number,
            )
        note = nfc(note).strip()
        if exclusion and not note:
            raise ValidationFailed(_("Ghi lý do và văn bản chấp thuận."), field="exclusion_note")
        before = snapshot(delegate, DELEGATE_FIELDS)
        delegate.exclusion = exclusion
        delegate.exclusion_note = note
        delegate.save(update_fields=["exclusion", "exclusion_note"])
        record(
            actor=actor,
            action="congresses.set_exclusion",
            target=delegate,
            unit=congress.unit,
            changes=diff(before, snapshot(delegate, DELEGATE_FIELDS)),
        )
    return delegate


def substitute_alternate(
    *, actor: Any, congress_id: int, official_id: int, alternate_id: int, reason: str
) -> Delegate:
    """An alternate takes the seat of an official who cannot attend: from then the alternate is
    an official delegate, the official's badge no longer opens the gate. Once per alternate and
    per official; audited."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        official = _delegate_for_write(congress, official_id)
        alternate = _delegate_for_write(congress, alternate_id)
        reason = nfc(reason).strip()
        if not reason:
            raise ValidationFailed(_("Ghi lý do thay đại biểu."), field="reason")
        replaced = Delegate.objects.filter(replaced_by=alternate).first()
        if replaced is not None:
            raise Conflict(
                _("Đại biểu dự khuyết số %(number)s đã thay cho đại biểu số %(other)s rồi."),
                field="alternate",
                number=alternate.number,
                other=replaced.number,
            )
        if official.is_replaced:
            raise Conflict(
                _("Đại biểu số %(number)s đã được thay rồi."),
                field="official",
                number=official.number,
            )
        if official.kind != DelegateKind.OFFICIAL:
            raise ValidationFailed(_("Chỉ thay cho đại biểu chính thức."), field="official")
        if alternate.kind != DelegateKind.ALTERNATE:
            raise ValidationFailed(_("Người thay phải là đại biểu dự khuyết."), field="alternate")
        if alternate.credentials == CredentialsStatus.REJECTED:
            raise Conflict(
                _("Đại biểu dự khuyết số %(number)s không đủ tư cách."),
                field="alternate",
                number=alternate.number,
            )
        if (
            official.delegation_id
            and alternate.delegation_id
            and official.delegation_id != alternate.delegation_id
        ):
            raise ValidationFailed(
                _("Đại biểu dự khuyết phải cùng đoàn (đơn vị) với đại biểu được thay."),
                field="alternate",
            )
        if CheckIn.objects.filter(delegate=official).exists():
            raise Conflict(
                _("Đại biểu số %(number)s đã dự đại hội, không thay bằng dự khuyết được."),
                field="official",
                number=official.number,
            )
        before_official = snapshot(official, DELEGATE_FIELDS)
        before_alternate = snapshot(alternate, DELEGATE_FIELDS)
        alternate.kind = DelegateKind.OFFICIAL
        alternate.save(update_fields=["kind"])
        official.replaced_by = alternate
        official.replaced_at = timezone.now()
        official.replacement_reason = reason
        official.save(update_fields=["replaced_by", "replaced_at", "replacement_reason"])
        record(
            actor=actor,
            action="congresses.substitute_alternate",
            target=official,
            unit=congress.unit,
            changes=diff(before_official, snapshot(official, DELEGATE_FIELDS))
            | {"alternate": [alternate.pk, alternate.number]},
        )
        record(
            actor=actor,
            action="congresses.seat_alternate",
            target=alternate,
            unit=congress.unit,
            changes=diff(before_alternate, snapshot(alternate, DELEGATE_FIELDS))
            | {"replaces": [official.pk, official.number]},
        )
    return alternate


def reissue_badge(*, actor: Any, congress_id: int, delegate_id: int) -> Delegate:
    """A new badge (lost, damaged): the old token stops working and says so at the gate."""
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id, lock=True)
        require_not_closed(congress)
        delegate = _delegate_for_write(congress, delegate_id)
        delegate.previous_badge_token = delegate.badge_token
        delegate.badge_token = new_badge_token()
        delegate.badge_issued_at = timezone.now()
        delegate.save(update_fields=["previous_badge_token", "badge_token", "badge_issued_at"])
        record(
            actor=actor,
            action="congresses.reissue_badge",
            target=delegate,
            unit=congress.unit,
            changes={"badge_issued_at": delegate.badge_issued_at},
        )
    return delegate
