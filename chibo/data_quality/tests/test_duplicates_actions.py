"""Duplicate pairs, decisions, merge and undo: allowed, forbidden, out of scope; exact undo."""

from datetime import date

import pytest

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.core.text import fold, nfc
from chibo.data_quality.duplicates import actions
from chibo.data_quality.duplicates.actions import member_snapshot
from chibo.data_quality.duplicates.keys import record_keys
from chibo.data_quality.duplicates.synthetic import generate
from chibo.data_quality.models import DuplicatePair, PairStatus, RunStatus
from chibo.data_quality.models.imports import ImportBatch, ImportRow, SourceRecord
from chibo.members.models import Member, MemberStatus
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member, make_user


def _units(*units: OrgUnit) -> list[int]:
    return [OrgUnit.objects.get(pk=u.pk).member_count for u in units]


@pytest.fixture
def twins(personas):
    b1 = personas.tree.b1
    a = make_member(b1, "Nguyễn Thị Hòa")
    b = make_member(b1, "Nguyen Thi Hoa")
    a.birth_date, a.phone, a.citizen_id, a.card_number = date(1980, 2, 9), "0912345678", "", "A1"
    b.birth_date, b.phone, b.citizen_id, b.card_number = date(1980, 9, 2), "", "079180000001", "B2"
    a.save()
    b.save()
    return a, b


@pytest.fixture
def leader(personas):
    return make_user("leader", (personas.tree.hcm, Role.LEADER))


def test_flag_pair_orders_members_and_keeps_decisions(personas, twins):
    a, b = twins
    pair = actions.flag_duplicate_pair(
        actor=personas.branch_officer, left=b, right=a, probability=1.0, reason={"source": "import"}
    )
    assert (pair.left_id, pair.right_id) == (a.pk, b.pk)
    assert pair.status == PairStatus.FLAGGED
    actions.decide_pair(actor=personas.branch_officer, pair=pair, decision=PairStatus.NOT_DUPLICATE)
    again = actions.flag_duplicate_pair(
        actor=personas.hq_admin, left=a, right=b, probability=1.0, reason={"x": 1}
    )
    assert again.pk == pair.pk
    assert again.status == PairStatus.NOT_DUPLICATE
    assert DuplicatePair.objects.count() == 1


def test_flag_pair_forbidden_and_out_of_scope(personas, twins, leader):
    a, b = twins
    with pytest.raises(Forbidden):
        actions.flag_duplicate_pair(actor=leader, left=a, right=b, probability=1, reason={})
    with pytest.raises(NotFound):
        actions.flag_duplicate_pair(
            actor=personas.outsider, left=a, right=b, probability=1, reason={}
        )
    with pytest.raises(ValidationFailed):
        actions.flag_duplicate_pair(
            actor=personas.hq_admin, left=a, right=a, probability=1, reason={}
        )


def test_decide_pair_three_ways(personas, twins, leader):
    a, b = twins
    pair = actions.flag_duplicate_pair(
        actor=personas.hq_admin, left=a, right=b, probability=0.7, reason={}
    )
    assert pair.status == PairStatus.REVIEW
    with pytest.raises(Forbidden):
        actions.decide_pair(actor=leader, pair=pair, decision=PairStatus.NOT_DUPLICATE)
    with pytest.raises(NotFound):
        actions.decide_pair(actor=personas.outsider, pair=pair, decision=PairStatus.NOT_DUPLICATE)
    with pytest.raises(ValidationFailed):
        actions.decide_pair(actor=personas.hq_admin, pair=pair, decision="merged")
    decided = actions.decide_pair(
        actor=personas.branch_officer, pair=pair, decision=PairStatus.CONFIRMED
    )
    assert decided.status == PairStatus.CONFIRMED
    assert decided.decided_by == personas.branch_officer


def _import_rows(member: Member) -> tuple[ImportRow, SourceRecord]:
    from django.utils import timezone

    batch = ImportBatch.objects.create(
        unit=member.unit, file_name="x.csv", uploaded_at=timezone.now()
    )
    row = ImportRow.objects.create(batch=batch, row_number=1, outcome="created", member=member)
    source = SourceRecord.objects.create(source_key=f"ref:HS{member.pk}", member=member)
    return row, source


def test_merge_and_undo_restore_both_records_exactly(personas, twins):
    from chibo.members.actions import refresh_member_counts

    a, b = twins
    refresh_member_counts()
    counts = _units(personas.tree.b1, personas.tree.hcm)
    row, source = _import_rows(b)
    before_a, before_b = member_snapshot(a), member_snapshot(b)
    pair = actions.flag_duplicate_pair(
        actor=personas.hq_admin, left=a, right=b, probability=0.995, reason={}
    )
    merge = actions.merge_members(
        actor=personas.hq_admin,
        survivor=a,
        absorbed=b,
        choices={"citizen_id": "absorbed", "card_number": "absorbed", "phone": "survivor"},
        pair=pair,
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.citizen_id == "079180000001"
    assert a.card_number == "B2"
    assert a.phone == "0912345678"
    assert b.status == MemberStatus.MERGED
    assert b.merged_into_id == a.pk
    assert b.card_number is None
    row.refresh_from_db()
    source.refresh_from_db()
    assert row.member_id == source.member_id == a.pk
    assert _units(personas.tree.b1, personas.tree.hcm) == [c - 1 for c in counts]
    pair.refresh_from_db()
    assert pair.status == PairStatus.MERGED
    audit = AuditEvent.objects.filter(action="data_quality.merge_members").get()
    assert audit.changes["citizen_id"] == ["***", "***"]
    assert audit.changes["card_number"] == ["A1", "B2"]
    # A merged record cannot be merged again.
    with pytest.raises(Conflict):
        actions.merge_members(actor=personas.hq_admin, survivor=a, absorbed=b, choices={})

    actions.undo_merge(actor=personas.branch_officer, merge=merge)
    a.refresh_from_db()
    b.refresh_from_db()
    assert member_snapshot(a) == before_a
    assert member_snapshot(b) == before_b
    row.refresh_from_db()
    source.refresh_from_db()
    assert row.member_id == source.member_id == b.pk
    assert _units(personas.tree.b1, personas.tree.hcm) == counts
    pair.refresh_from_db()
    assert pair.status == PairStatus.FLAGGED
    with pytest.raises(Conflict):
        actions.undo_merge(actor=personas.hq_admin, merge=merge)


def test_merge_forbidden_out_of_scope_and_sensitive(personas, twins, leader):
    a, b = twins
    with pytest.raises(Forbidden):
        actions.merge_members(actor=leader, survivor=a, absorbed=b, choices={})
    with pytest.raises(NotFound):
        actions.merge_members(actor=personas.outsider, survivor=a, absorbed=b, choices={})
    # A branch secretary does not see citizen IDs, so cannot choose one.
    with pytest.raises(Forbidden):
        actions.merge_members(
            actor=personas.branch_officer,
            survivor=a,
            absorbed=b,
            choices={"citizen_id": "absorbed"},
        )
    with pytest.raises(ValidationFailed):
        actions.merge_members(
            actor=personas.hq_admin, survivor=a, absorbed=b, choices={"status": "absorbed"}
        )
    merge = actions.merge_members(actor=personas.branch_officer, survivor=a, absorbed=b, choices={})
    assert merge.absorbed_id == b.pk


def test_undo_refused_after_a_later_edit(personas, twins, leader):
    from chibo.members.actions import update_member

    a, b = twins
    merge = actions.merge_members(actor=personas.hq_admin, survivor=a, absorbed=b, choices={})
    with pytest.raises(Forbidden):
        actions.undo_merge(actor=leader, merge=merge)
    with pytest.raises(NotFound):
        actions.undo_merge(actor=personas.outsider, merge=merge)
    a.refresh_from_db()
    update_member(actor=personas.hq_admin, member=a, changes={"occupation": "Kỹ sư"})
    with pytest.raises(Conflict):
        actions.undo_merge(actor=personas.hq_admin, merge=merge)


def _load_dirty_members(unit: OrgUnit, persons: int, seed: int) -> tuple[dict[str, int], set]:
    dirty = generate(persons, seed=seed)
    ids: dict[str, int] = {}
    for record in dirty.records:
        keys = record_keys(record)
        name = nfc(" ".join(record["full_name"].split()))
        member = Member.objects.create(
            unit=unit,
            full_name=name,
            search_name=fold(name),
            gender=keys["gender"] or "male",
            birth_date=keys["birth_date"],
            citizen_id=keys["citizen_id"] or "",
            phone=keys["phone"] or "",
            home_town=record["home_town"],
            status=MemberStatus.FULL,
        )
        ids[record["source_ref"]] = member.pk
    return ids, dirty.true_pairs


def test_detect_duplicates_stores_the_queue(personas):
    ids, truth = _load_dirty_members(personas.tree.b1, 300, seed=5)
    seen: list[str] = []
    run, pairs = actions.detect_duplicates(
        actor=personas.hq_admin,
        unit=personas.tree.g1,
        progress=lambda stage, _pct: seen.append(stage),
    )
    assert run.status == RunStatus.FINISHED
    assert run.members_count == len(ids)
    assert "predict" in seen
    stored = {(p.left_id, p.right_id): p for p in DuplicatePair.objects.all()}
    assert len(stored) == len(pairs) == run.flagged_count + run.review_count
    truth_ids = {tuple(sorted((ids[a], ids[b]))) for a, b in truth}
    flagged = {k for k, p in stored.items() if p.status == PairStatus.FLAGGED}
    assert len(flagged & truth_ids) >= 0.95 * len(truth_ids)
    assert len(flagged - truth_ids) <= 0.02 * len(flagged)
    some = next(iter(stored.values()))
    assert some.reason["source"] == "splink"
    assert "name" in some.reason["weights"]
    # A decision survives a second run; open pairs are refreshed, not duplicated.
    actions.decide_pair(actor=personas.hq_admin, pair=some, decision=PairStatus.NOT_DUPLICATE)
    actions.detect_duplicates(actor=personas.hq_admin, unit=personas.tree.g1)
    assert DuplicatePair.objects.count() == len(stored)
    some.refresh_from_db()
    assert some.status == PairStatus.NOT_DUPLICATE


def test_detect_duplicates_forbidden_and_out_of_scope(personas, leader):
    with pytest.raises(Forbidden):
        actions.detect_duplicates(actor=leader, unit=personas.tree.g1)
    with pytest.raises(NotFound):
        actions.detect_duplicates(actor=personas.outsider, unit=personas.tree.g1)
    run, pairs = actions.detect_duplicates(actor=personas.branch_officer, unit=personas.tree.b1)
    assert run.status == RunStatus.FINISHED
    assert pairs == []


def test_find_duplicates_command_exports_refs(personas, tmp_path):
    import csv

    from django.core.management import call_command
    from django.core.management.base import CommandError

    ids, truth = _load_dirty_members(personas.tree.b2, 120, seed=9)
    by_id = {pk: ref for ref, pk in ids.items()}
    # Half the records came from an import with a Mã hồ sơ; the others are known by member id.
    for ref, pk in list(ids.items())[::2]:
        SourceRecord.objects.create(source_key=f"ref:{ref}", member_id=pk)
    out = tmp_path / "pairs.csv"
    call_command("find_duplicates", unit="g1", export=str(out), no_progress=True)
    with out.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["left_ref", "right_ref", "match_probability"]
    assert len(rows) - 1 == DuplicatePair.objects.count() > 0
    named = {pk: (ref if i % 2 == 0 else f"CBS-{pk}") for i, (ref, pk) in enumerate(ids.items())}
    known = set(named.values())
    for left, right, probability in rows[1:]:
        assert left in known and right in known
        assert 0.5 <= float(probability) <= 1
    truth_refs = {tuple(sorted((named[ids[a]], named[ids[b]]))) for a, b in truth}
    flagged = {tuple(sorted((a, b))) for a, b, p in rows[1:] if float(p) >= 0.99}
    assert len(flagged & truth_refs) >= 0.9 * len(truth_refs)
    assert by_id  # every member got a ref or its id
    with pytest.raises(CommandError):
        call_command("find_duplicates", unit="NOPE", no_progress=True)


def test_recompute_keeps_a_merged_record_merged(personas):
    """The absorbed record keeps its events (its history); recomputing states from events must
    not bring it back into the counts."""
    from chibo.members.actions import admit_member, recompute_member_states, refresh_member_counts

    b1 = personas.tree.b1
    a = admit_member(actor=personas.hq_admin, unit=b1, full_name="Đỗ Văn Nam", gender="male",
                     birth_date=date(1985, 1, 2), decision_on=date(2020, 3, 4))  # fmt: skip
    b = admit_member(actor=personas.hq_admin, unit=b1, full_name="Do Van Nam", gender="male",
                     birth_date=date(1985, 1, 2), decision_on=date(2020, 3, 4))  # fmt: skip
    refresh_member_counts()
    before = _units(b1)
    actions.merge_members(actor=personas.hq_admin, survivor=a, absorbed=b, choices={})
    assert _units(b1) == [before[0] - 1]
    # the history stays on the absorbed record, with the merge as its last event
    assert list(b.events.values_list("kind", flat=True)) == ["admission", "record_merged"]
    recompute_member_states()
    refresh_member_counts()
    b.refresh_from_db()
    assert b.status == MemberStatus.MERGED
    assert _units(b1) == [before[0] - 1]


def test_a_small_list_gets_exact_key_pairs_for_review(personas):
    b1 = personas.tree.b1
    members = [make_member(b1, name) for name in ("Lý Thị Mai", "Ly Thi Mai", "Mai Văn Lý")]
    Member.objects.filter(pk__in=[members[0].pk, members[1].pk]).update(citizen_id="079185000777")
    run, _pairs = actions.detect_duplicates(actor=personas.branch_officer, unit=b1)
    assert run.members_count == 3
    pair = DuplicatePair.objects.get()
    assert (pair.left_id, pair.right_id) == (members[0].pk, members[1].pk)
    assert pair.status == PairStatus.REVIEW  # never "certain" without a trained model
    assert pair.reason == {"source": "rules", "rules": ["citizen_id"]}
