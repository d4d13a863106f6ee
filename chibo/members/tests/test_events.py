from datetime import date

import pytest

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.members import actions
from chibo.members.models import EventKind, Member, MemberStatus
from chibo.members.rules import full_member_from
from chibo.org.models import OrgUnit


def _admit(personas, unit=None, **extra):
    return actions.admit_member(
        actor=personas.hq_admin,
        unit=unit or personas.tree.b1,
        full_name=" nguyễn  thị Thu ",
        gender="female",
        birth_date=date(1990, 5, 4),
        decision_on=date(2024, 3, 1),
        ceremony_on=date(2024, 3, 20),
        decision_number="12-QĐ/ĐU",
        **extra,
    )


def _count(code):
    return OrgUnit.objects.get(code=code).member_count


def test_admission_creates_probationary_member_and_counts(personas):
    member = _admit(personas)
    assert member.status == MemberStatus.PROBATIONARY and member.search_name == "nguyen thi thu"
    assert member.events.get().kind == EventKind.ADMISSION
    assert (_count("B1"), _count("G1"), _count("HCM")) == (1, 1, 1)
    assert AuditEvent.objects.filter(action="members.admit_member").exists()


def test_admission_rules(personas):
    with pytest.raises(ValidationFailed):  # under 18 at the decision
        actions.admit_member(
            actor=personas.hq_admin,
            unit=personas.tree.b1,
            full_name="A B",
            gender="male",
            birth_date=date(2007, 1, 1),
            decision_on=date(2024, 3, 1),
        )
    with pytest.raises(ValidationFailed):  # not a branch
        _admit(personas, unit=personas.tree.g1)
    with pytest.raises(NotFound):
        actions.admit_member(
            actor=personas.outsider,
            unit=personas.tree.b1,
            full_name="A B",
            gender="male",
            birth_date=date(1990, 1, 1),
            decision_on=date(2024, 3, 1),
        )
    with pytest.raises(Forbidden):  # a ward-level inspector-like reach without members.manage
        from chibo.access.roles import Role
        from chibo.testing.personas import make_user

        leader = make_user("leader", (personas.tree.p1, Role.LEADER))
        actions.admit_member(
            actor=leader,
            unit=personas.tree.b1,
            full_name="A B",
            gender="male",
            birth_date=date(1990, 1, 1),
            decision_on=date(2024, 3, 1),
        )
    assert Member.objects.count() == 0


def test_full_membership_counts_from_end_of_probation(personas):
    member = _admit(personas)
    with pytest.raises(ValidationFailed):
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.FULL_MEMBERSHIP,
            effective_on=date(2025, 3, 1),
        )
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.FULL_MEMBERSHIP,
        effective_on=date(2025, 5, 10),
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.FULL
    assert member.full_member_on == full_member_from(date(2024, 3, 20)) == date(2025, 3, 20)


def test_permanent_transfer_moves_on_receipt(personas):
    member = _admit(personas)
    t = personas.tree
    with pytest.raises(ValidationFailed):  # not a branch
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.TRANSFER_OUT,
            effective_on=date(2025, 1, 5),
            to_unit=t.p2,
        )
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.TRANSFER_OUT,
        effective_on=date(2025, 1, 5),
        to_unit=t.g2,
    )
    member.refresh_from_db()
    assert member.unit.code == "B1"  # counted at home until received
    with pytest.raises(NotFound):  # the sender's branch secretary cannot receive in P2
        actions.record_event(
            actor=personas.branch_officer,
            member=member,
            kind=EventKind.TRANSFER_IN,
            effective_on=date(2025, 2, 1),
            to_unit=t.g2,
        )
    actions.record_event(
        actor=personas.outsider,
        member=member,
        kind=EventKind.TRANSFER_IN,
        effective_on=date(2025, 2, 1),
        to_unit=t.g2,
    )
    member.refresh_from_db()
    assert member.unit.code == "G2"
    assert (_count("B1"), _count("P1"), _count("G2"), _count("P2"), _count("HCM")) == (
        0,
        0,
        1,
        1,
        1,
    )


def test_removal_gap_and_single_readmission(personas):
    member = actions.admit_member(
        actor=personas.hq_admin,
        unit=personas.tree.b1,
        full_name="Ngô Văn Lại",
        gender="male",
        birth_date=date(1980, 5, 4),
        decision_on=date(2018, 3, 1),
    )
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.REMOVAL,
        effective_on=date(2019, 6, 1),
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.REMOVED and _count("B1") == 0
    with pytest.raises(ValidationFailed):  # fewer than 36 months out
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.READMISSION,
            effective_on=date(2021, 6, 1),
            to_unit=personas.tree.b1,
        )
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.READMISSION,
        effective_on=date(2022, 6, 2),
        to_unit=personas.tree.b2,
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.PROBATIONARY and member.unit.code == "B2"
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.WITHDRAWAL,
        effective_on=date(2022, 8, 1),
    )
    with pytest.raises(Conflict):  # once only
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.READMISSION,
            effective_on=date(2026, 1, 1),
            to_unit=personas.tree.b2,
        )


def test_events_cannot_go_back_in_time_and_nothing_half_written(personas):
    member = _admit(personas)
    with pytest.raises(ValidationFailed):
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.DEATH,
            effective_on=date(2023, 1, 1),
        )
    assert member.events.count() == 1
    member.refresh_from_db()
    assert member.status == MemberStatus.PROBATIONARY


def test_probationary_member_cannot_be_expelled(personas):
    member = _admit(personas)
    with pytest.raises(ValidationFailed):
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.EXPULSION,
            effective_on=date(2024, 8, 1),
        )


def test_citizen_id_edit_needs_sensitive_permission_and_is_masked_in_audit(personas):
    member = _admit(personas)
    with pytest.raises(Forbidden):
        actions.update_member(
            actor=personas.branch_officer, member=member, changes={"citizen_id": "079190012345"}
        )
    actions.update_member(
        actor=personas.branch_officer, member=member, changes={"phone": "0901234567"}
    )
    actions.update_member(
        actor=personas.hq_admin, member=member, changes={"citizen_id": "079190012345"}
    )
    event = AuditEvent.objects.filter(action="members.update_member").first()  # newest
    assert event is not None
    assert event.changes == {"citizen_id": ["***", "***"]}


def test_recompute_from_events_restores_caches(personas):
    member = _admit(personas)
    actions.record_event(
        actor=personas.hq_admin, member=member, kind=EventKind.DEATH, effective_on=date(2024, 9, 1)
    )
    Member.objects.filter(pk=member.pk).update(status=MemberStatus.FULL)  # a corrupted cache
    assert actions.recompute_member_states() == 1
    member.refresh_from_db()
    assert member.status == MemberStatus.DECEASED and _count("B1") == 0


def test_admission_checks_citizen_id_against_gender_and_birth_year(personas):
    from chibo.members.rules import Gender, make_citizen_id

    with pytest.raises(ValidationFailed):  # a male's 4th digit for a female applicant
        _admit(
            personas,
            citizen_id=make_citizen_id(
                province_code="079", gender=Gender.MALE, birth_year=1990, serial=12345
            ),
        )
    member = _admit(
        personas,
        citizen_id=make_citizen_id(
            province_code="079", gender=Gender.FEMALE, birth_year=1990, serial=12345
        ),
    )
    assert member.citizen_id.startswith("0791")


def test_event_on_a_record_without_history_builds_on_its_stored_state(personas):
    from chibo.testing.personas import make_member

    member = make_member(personas.tree.b1, "Đinh Văn Cũ")  # loaded without events, status full
    actions.record_event(
        actor=personas.hq_admin, member=member, kind=EventKind.DEATH, effective_on=date(2025, 3, 3)
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.DECEASED


def test_future_events_refused(personas):
    from datetime import timedelta

    from django.utils import timezone

    member = _admit(personas)
    with pytest.raises(ValidationFailed):
        actions.record_event(
            actor=personas.hq_admin,
            member=member,
            kind=EventKind.DEATH,
            effective_on=timezone.localdate() + timedelta(days=1),
        )
