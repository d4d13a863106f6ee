"""Restructuring and data-quality merges change members' units and statuses through dated events
the fold knows, so a recompute from events changes nothing afterwards (issue 10, finding 2)."""

from datetime import date, timedelta

import pytest

from chibo.access.roles import Role
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.members import actions
from chibo.members.models import EventKind, Member, MemberStatus
from chibo.org import actions as org_actions
from chibo.org.models import OrgUnit, UnitKind
from chibo.testing.personas import make_user

ON = date(2025, 8, 1)


def _state() -> dict[int, list[object]]:
    return {
        pk: rest
        for pk, *rest in Member.objects.values_list(
            "pk",
            "unit_id",
            "status",
            "temporary_unit_id",
            "is_exempt",
            "full_member_on",
            "merged_into_id",
        )
    }


def _counts() -> dict[str, int]:
    return dict(OrgUnit.objects.values_list("code", "member_count"))


def _admit(personas, unit, name, *, on=date(2019, 3, 1)):
    return actions.admit_member(
        actor=personas.hq_admin,
        unit=unit,
        full_name=name,
        gender="male",
        birth_date=date(1985, 1, 2),
        decision_on=on,
        ceremony_on=on,
        decision_number="01-QĐ/ĐU",
    )


def _event(personas, member, kind, on, **extra):
    return actions.record_event(
        actor=personas.hq_admin, member=member, kind=kind, effective_on=on, **extra
    )


@pytest.fixture
def histories(personas):
    """Members of B1 and B2 with real histories: admitted, made full, transferred, temporarily
    attached elsewhere, exempt, deceased."""
    t = personas.tree
    an = _admit(personas, t.b2, "Nguyễn Văn An")
    _event(personas, an, EventKind.FULL_MEMBERSHIP, date(2020, 3, 2))
    binh = _admit(personas, t.b1, "Trần Văn Bình")
    _event(personas, binh, EventKind.TRANSFER_OUT, date(2021, 5, 3), to_unit=t.b2)
    _event(personas, binh, EventKind.TRANSFER_IN, date(2021, 5, 20), to_unit=t.b2)
    cuong = _admit(personas, t.g2, "Lê Văn Cường")
    _event(personas, cuong, EventKind.TEMPORARY_OUT, date(2024, 1, 8), to_unit=t.b2)
    dung = _admit(personas, t.b2, "Phạm Văn Dũng")
    _event(personas, dung, EventKind.FULL_MEMBERSHIP, date(2020, 3, 2))
    _event(personas, dung, EventKind.EXEMPTION, date(2023, 6, 1))
    em = _admit(personas, t.b2, "Võ Văn Em")
    _event(personas, em, EventKind.DEATH, date(2022, 2, 2))
    giang = _admit(personas, t.b1, "Đỗ Văn Giang")
    actions.refresh_member_counts()
    return {"an": an, "binh": binh, "cuong": cuong, "dung": dung, "em": em, "giang": giang}


def test_a_unit_merge_survives_a_recompute(personas, histories):
    t = personas.tree
    org_actions.merge_units(
        actor=personas.hq_admin,
        merged=t.b2,
        survivor=t.b1,
        effective_on=ON,
        decision_number="99-QĐ/ĐU",
    )
    moved = ("an", "binh", "dung", "em")
    for name in moved:
        histories[name].refresh_from_db()
        assert histories[name].unit_id == t.b1.pk
    cuong = Member.objects.get(pk=histories["cuong"].pk)
    assert cuong.unit_id == t.g2.pk and cuong.temporary_unit_id == t.b1.pk
    before, counts = _state(), _counts()

    assert actions.recompute_member_states() == 0
    assert _state() == before
    assert _counts() == counts

    event = histories["an"].events.get(kind=EventKind.UNIT_REASSIGNED)
    assert (event.from_unit_id, event.to_unit_id, event.effective_on) == (t.b2.pk, t.b1.pk, ON)
    assert event.decision_number == "99-QĐ/ĐU"
    assert event.details["cause"] == "unit_merge" and event.details["merged_unit"] == "B2"
    assert cuong.events.get(kind=EventKind.UNIT_REASSIGNED).details["role"] == "temporary"


def test_members_keep_recording_events_after_a_merge(personas, histories):
    t = personas.tree
    org_actions.merge_units(actor=personas.hq_admin, merged=t.b2, survivor=t.b1, effective_on=ON)
    dung = Member.objects.get(pk=histories["dung"].pk)
    _event(personas, dung, EventKind.EXEMPTION_END, date(2025, 9, 1))
    cuong = Member.objects.get(pk=histories["cuong"].pk)
    _event(personas, cuong, EventKind.TEMPORARY_RETURN, date(2025, 9, 1))
    before = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == before


def test_a_late_recorded_merge_is_folded_after_the_members_later_events(personas, histories):
    """A merge decided on a day before a member's latest event still moves them: the event is
    dated after that event, the decision's day kept in the details."""
    t = personas.tree
    early = date(2021, 1, 4)
    org_actions.merge_units(actor=personas.hq_admin, merged=t.b2, survivor=t.b1, effective_on=early)
    binh = Member.objects.get(pk=histories["binh"].pk)
    event = binh.events.get(kind=EventKind.UNIT_REASSIGNED)
    assert event.effective_on == date(2021, 5, 20) and event.details["decided_on"] == "2021-01-04"
    before = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == before


def test_a_split_moves_members_with_events_and_counts(personas, histories):
    t = personas.tree
    b3 = org_actions.create_unit(
        actor=personas.hq_admin,
        parent=t.g1,
        code="B3",
        name="Chi bộ 3",
        kind=UnitKind.BRANCH,
        founded_on=ON,
    )
    an, dung = (Member.objects.get(pk=histories[n].pk) for n in ("an", "dung"))
    counts = _counts()
    moved = actions.reassign_members(
        actor=personas.hq_admin,
        members=[an, dung],
        to_unit=b3,
        effective_on=ON,
        decision_number="100-QĐ/ĐU",
    )
    assert moved == 2
    after = _counts()
    assert after["B3"] == 2 and after["B2"] == counts["B2"] - 2 and after["G1"] == counts["G1"]
    assert actions.refresh_member_counts() == 0
    before = _state()
    assert before[an.pk][0] == b3.pk
    assert actions.recompute_member_states() == 0
    assert _state() == before
    event = an.events.get(kind=EventKind.UNIT_REASSIGNED)
    assert event.details["cause"] == "unit_split" and event.details["from"] == ["B2"]


def test_a_split_is_authorised_and_checked(personas, histories):
    t = personas.tree
    an = Member.objects.get(pk=histories["an"].pk)
    with pytest.raises(NotFound):
        actions.reassign_members(
            actor=personas.outsider, members=[an], to_unit=t.b1, effective_on=ON
        )
    with pytest.raises(NotFound):  # B2's members are out of the B1 secretary's scope
        actions.reassign_members(
            actor=personas.branch_officer, members=[an], to_unit=t.b1, effective_on=ON
        )
    leader = make_user("p1_leader_x", (t.p1, Role.LEADER))
    with pytest.raises(Forbidden):  # in scope, without members.manage
        actions.reassign_members(actor=leader, members=[an], to_unit=t.b1, effective_on=ON)
    with pytest.raises(ValidationFailed):  # not a branch
        actions.reassign_members(
            actor=personas.hq_admin, members=[an], to_unit=t.g1, effective_on=ON
        )
    with pytest.raises(ValidationFailed):  # already there
        actions.reassign_members(
            actor=personas.hq_admin, members=[an], to_unit=t.b2, effective_on=ON
        )
    an.refresh_from_db()
    assert an.unit_id == t.b2.pk
    assert not an.events.filter(kind=EventKind.UNIT_REASSIGNED).exists()


def test_a_unit_move_keeps_members_through_a_recompute(personas, histories):
    t = personas.tree
    g3 = org_actions.create_unit(
        actor=personas.hq_admin,
        parent=t.p1,
        code="G3",
        name="Đảng bộ Công ty C",
        kind=UnitKind.GRASSROOTS_COMMITTEE,
        founded_on=ON,
    )
    org_actions.move_unit(actor=personas.hq_admin, unit=t.b2, new_parent=g3, effective_on=ON)
    before, counts = _state(), _counts()
    assert actions.recompute_member_states() == 0
    assert _state() == before and _counts() == counts


def test_a_data_quality_merge_and_its_undo_survive_a_recompute(personas, histories):
    from chibo.data_quality.duplicates import actions as dq_actions

    t = personas.tree
    twin = _admit(personas, t.b1, "Do Van Giang")
    actions.refresh_member_counts()
    giang = Member.objects.get(pk=histories["giang"].pk)
    counts = _counts()
    merge = dq_actions.merge_members(
        actor=personas.hq_admin, survivor=giang, absorbed=twin, choices={}
    )
    twin.refresh_from_db()
    assert twin.status == MemberStatus.MERGED and twin.merged_into_id == giang.pk
    assert list(twin.events.values_list("kind", flat=True)) == [
        EventKind.ADMISSION,
        EventKind.RECORD_MERGED,
    ]
    assert _counts()["B1"] == counts["B1"] - 1
    merged_state = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == merged_state

    dq_actions.undo_merge(actor=personas.hq_admin, merge=merge)
    twin.refresh_from_db()
    assert twin.status == MemberStatus.PROBATIONARY and twin.merged_into_id is None
    assert twin.events.filter(kind=EventKind.RECORD_MERGE_UNDONE).exists()
    assert _counts() == counts
    undone = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == undone


def test_merge_of_records_is_authorised(personas, histories):
    t = personas.tree
    twin = _admit(personas, t.b1, "Do Van Giang")
    giang = Member.objects.get(pk=histories["giang"].pk)
    with pytest.raises(NotFound):
        actions.record_merge_of_records(
            actor=personas.outsider, absorbed=twin, survivor=giang, on=ON
        )
    twin.refresh_from_db()
    assert twin.status == MemberStatus.PROBATIONARY
    assert not twin.events.filter(kind=EventKind.RECORD_MERGED).exists()


def test_record_kinds_are_not_recorded_by_hand(personas, histories):
    with pytest.raises(ValidationFailed):
        _event(personas, histories["an"], EventKind.UNIT_REASSIGNED, ON)


def test_a_merged_record_takes_no_more_events(personas, histories):
    t = personas.tree
    twin = _admit(personas, t.b1, "Do Van Giang")
    giang = Member.objects.get(pk=histories["giang"].pk)
    actions.record_merge_of_records(actor=personas.hq_admin, absorbed=twin, survivor=giang, on=ON)
    with pytest.raises(Conflict):
        _event(personas, twin, EventKind.DEATH, date(2025, 9, 1))


def test_an_import_leaves_events_a_recompute_agrees_with(personas):
    """Imported members get a dated event of a kind the fold knows: their admission (and full
    membership) when the file has the dates, otherwise the record as carried over."""
    import io

    from chibo.data_quality.importing import actions as import_actions
    from chibo.data_quality.tests.import_support import csv_bytes, person

    data = csv_bytes(
        [
            person("R1", "Nguyễn Thị Hoa"),
            person("R2", "Trần Thị Lan", admitted_on="", full_member_on="", unit="B2"),
        ]
    )
    batch = import_actions.upload_import(
        actor=personas.hq_admin,
        unit=personas.tree.p1,
        file_name="ds.csv",
        stream=io.BytesIO(data),
        size=len(data),
    )
    import_actions.run_import(actor=personas.hq_admin, batch=batch, stream=io.BytesIO(data))
    hoa = Member.objects.get(full_name="Nguyễn Thị Hoa")
    lan = Member.objects.get(full_name="Trần Thị Lan")
    assert list(hoa.events.values_list("kind", flat=True)) == [
        EventKind.ADMISSION,
        EventKind.FULL_MEMBERSHIP,
    ]
    opened = lan.events.get()
    assert opened.kind == EventKind.RECORD_OPENED and opened.to_unit_id == personas.tree.b2.pk
    assert opened.details["status"] == lan.status
    before = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == before


def test_a_transfer_on_its_way_to_a_merged_branch_is_received_by_the_survivor(personas):
    t = personas.tree
    hung = _admit(personas, t.g2, "Bùi Văn Hùng")
    _event(personas, hung, EventKind.TRANSFER_OUT, date(2025, 7, 20), to_unit=t.b2)
    org_actions.merge_units(actor=personas.hq_admin, merged=t.b2, survivor=t.b1, effective_on=ON)
    event = hung.events.get(kind=EventKind.UNIT_REASSIGNED)
    assert event.details["role"] == "pending_transfer" and event.from_unit_id == t.b2.pk
    hung.refresh_from_db()
    assert hung.unit_id == t.g2.pk  # still in the sending branch until received
    _event(personas, hung, EventKind.TRANSFER_IN, date(2025, 8, 5), to_unit=t.b1)
    hung.refresh_from_db()
    assert hung.unit_id == t.b1.pk
    before = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == before


def test_what_happened_before_an_import_can_still_be_recorded(personas):
    """A record carried over without an admission date is opened on the day of the import; a
    death a month earlier, learnt later, is still recorded and survives a recompute."""
    import io

    from django.utils import timezone

    from chibo.data_quality.importing import actions as import_actions
    from chibo.data_quality.tests.import_support import csv_bytes, person

    data = csv_bytes([person("R9", "Trần Thị Lan", admitted_on="", full_member_on="")])
    batch = import_actions.upload_import(
        actor=personas.hq_admin,
        unit=personas.tree.p1,
        file_name="ds.csv",
        stream=io.BytesIO(data),
        size=len(data),
    )
    import_actions.run_import(actor=personas.hq_admin, batch=batch, stream=io.BytesIO(data))
    lan = Member.objects.get(full_name="Trần Thị Lan")
    died = timezone.localdate().replace(day=1) - timedelta(days=20)
    _event(personas, lan, EventKind.DEATH, died)
    lan.refresh_from_db()
    assert lan.status == MemberStatus.DECEASED and lan.unit_id == personas.tree.b1.pk
    before = _state()
    assert actions.recompute_member_states() == 0
    assert _state() == before
