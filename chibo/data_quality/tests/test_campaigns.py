"""Campaign actions (three tests each), the check cache, the dashboard's aggregation, snapshots."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.data_quality.campaigns import actions, queries
from chibo.data_quality.models import (
    Campaign,
    CampaignDaily,
    DuplicatePair,
    MemberCheck,
    PairStatus,
    RecordConfirmation,
)
from chibo.members.models import MemberStatus
from chibo.testing.personas import make_user

from .campaign_support import add_campaign, add_member

TODAY = date.today()


@pytest.fixture
def leader(personas):
    """In reach of everything, with data_quality.view but not manage."""
    return make_user("leader", (personas.tree.hcm, Role.LEADER))


# --- create_campaign ---------------------------------------------------------------------------


def test_create_campaign_allowed(personas, django_capture_on_commit_callbacks):
    add_member(personas.tree.b1)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = actions.create_campaign(
            actor=personas.hq_admin,
            root_unit=personas.tree.p1,
            name="  Đợt   2026 ",
            starts_on=TODAY,
            ends_on=TODAY + timedelta(days=30),
        )
    assert campaign.name == "Đợt 2026"
    assert AuditEvent.objects.filter(action="data_quality.create_campaign").count() == 1
    assert MemberCheck.objects.count() == 1  # the subtree was checked after commit


def test_create_campaign_forbidden(personas, leader):
    with pytest.raises(Forbidden):
        actions.create_campaign(
            actor=leader, root_unit=personas.tree.p1, name="x", starts_on=TODAY, ends_on=TODAY
        )
    assert not Campaign.objects.exists()


def test_create_campaign_out_of_scope(personas):
    with pytest.raises(NotFound):
        actions.create_campaign(
            actor=personas.outsider,
            root_unit=personas.tree.p1,
            name="x",
            starts_on=TODAY,
            ends_on=TODAY,
        )
    assert not Campaign.objects.exists()


def test_create_campaign_refuses_reversed_dates(personas):
    with pytest.raises(ValidationFailed):
        actions.create_campaign(
            actor=personas.hq_admin,
            root_unit=personas.tree.p1,
            name="x",
            starts_on=TODAY,
            ends_on=TODAY - timedelta(days=1),
        )


# --- confirm_record ----------------------------------------------------------------------------


def test_confirm_record_allowed_once_per_campaign(personas):
    campaign = add_campaign(personas.tree.hcm)
    member = add_member(personas.tree.b1)
    first = actions.confirm_record(actor=personas.branch_officer, member=member)
    again = actions.confirm_record(actor=personas.branch_officer, member=member)
    assert first.pk == again.pk and first.campaign == campaign
    assert AuditEvent.objects.filter(action="data_quality.confirm_record").count() == 1
    check = MemberCheck.objects.get(member=member)
    assert check.is_current and check.confirmed_on == TODAY


def test_confirm_record_forbidden(personas, leader):
    add_campaign(personas.tree.hcm)
    member = add_member(personas.tree.b1)
    with pytest.raises(Forbidden):
        actions.confirm_record(actor=leader, member=member)
    assert not RecordConfirmation.objects.exists()


def test_confirm_record_out_of_scope(personas):
    add_campaign(personas.tree.hcm)
    member = add_member(personas.tree.b2)  # the branch officer holds B1 only
    with pytest.raises(NotFound):
        actions.confirm_record(actor=personas.branch_officer, member=member)
    assert not RecordConfirmation.objects.exists()


def test_confirm_record_needs_a_running_campaign(personas):
    add_campaign(personas.tree.hcm, days_before=60, days_after=-30)  # ended
    member = add_member(personas.tree.b1)
    with pytest.raises(Conflict):
        actions.confirm_record(actor=personas.branch_officer, member=member)


# --- fix_member --------------------------------------------------------------------------------


def test_fix_member_allowed_rechecks(personas):
    add_campaign(personas.tree.hcm)
    member = add_member(personas.tree.b1, full_name="nguyễn thị hoà")
    actions.refresh_member_checks(unit=personas.tree.hcm)
    assert not MemberCheck.objects.get(member=member).is_clean
    actions.fix_member(
        actor=personas.branch_officer, member=member, changes={"full_name": "Nguyễn Thị Hòa"}
    )
    assert MemberCheck.objects.get(member=member).is_clean
    assert AuditEvent.objects.filter(action="members.update_member").count() == 1


def test_fix_member_forbidden(personas, leader):
    member = add_member(personas.tree.b1, full_name="nguyễn thị hoà")
    with pytest.raises(Forbidden):
        actions.fix_member(actor=leader, member=member, changes={"full_name": "Nguyễn Thị Hòa"})
    member.refresh_from_db()
    assert member.full_name == "nguyễn thị hoà"


def test_fix_member_out_of_scope(personas):
    member = add_member(personas.tree.b1, full_name="nguyễn thị hoà")
    with pytest.raises(NotFound):
        actions.fix_member(
            actor=personas.outsider, member=member, changes={"full_name": "Nguyễn Thị Hòa"}
        )


# --- the cache ---------------------------------------------------------------------------------


def test_refresh_checks_counts_open_pairs_and_drops_members_who_left(personas):
    add_campaign(personas.tree.hcm)
    a = add_member(personas.tree.b1)
    b = add_member(personas.tree.b2)
    DuplicatePair.objects.create(
        left=a, right=b, match_probability=0.995, status=PairStatus.FLAGGED
    )
    assert actions.refresh_member_checks(unit=personas.tree.hcm) == 2
    check = MemberCheck.objects.get(member=a)
    assert not check.is_clean and check.is_correct and check.is_complete
    assert check.reasons["clean"][0]["code"] == "duplicate.open_pair"
    assert check.unit_path == personas.tree.b1.path
    b.status = MemberStatus.DECEASED
    b.save()
    actions.refresh_member_checks(unit=personas.tree.hcm)
    assert list(MemberCheck.objects.values_list("member_id", flat=True)) == [a.pk]


def test_dashboard_groups_by_child_prefix_in_one_query(personas, django_assert_max_num_queries):
    campaign = add_campaign(personas.tree.hcm)
    for _ in range(3):
        add_member(personas.tree.b1)
    add_member(personas.tree.b2, citizen_id="")
    add_member(personas.tree.g2, phone="+84912345678")
    actions.refresh_member_checks()
    hq = personas.hq_admin
    with django_assert_max_num_queries(4):
        board = queries.dashboard(hq, campaign, personas.tree.hcm)
    rows = {r.unit.code: r.progress for r in board.rows}
    assert set(rows) == {"P1", "P2"}
    assert (rows["P1"].total, rows["P1"].complete, rows["P1"].current) == (4, 3, 0)
    assert (rows["P2"].total, rows["P2"].clean) == (1, 0)
    assert board.summary.total == 5 and board.summary.percent("correct") == 100.0
    g1 = queries.dashboard(hq, campaign, personas.tree.g1)
    assert [(r.unit.code, r.rank) for r in g1.rows] == [("B1", 1), ("B2", 2)]


def test_branch_officer_sees_their_branch_only(personas):
    campaign = add_campaign(personas.tree.hcm)
    add_member(personas.tree.b1, citizen_id="")
    actions.refresh_member_checks()
    officer = personas.branch_officer
    assert queries.dashboard_unit(officer, campaign) == personas.tree.b1
    with pytest.raises(NotFound):
        queries.dashboard_unit(officer, campaign, "B2")
    rows, count = queries.records_to_fix(officer, campaign, personas.tree.b1)
    assert count == 1 and rows[0].failing == ["complete", "current"]
    # the officer may not read citizen IDs: the reasons that quote one are redacted
    assert all("079" not in r["message"] for r in rows[0].reasons)


def test_snapshot_rolls_counts_up_the_tree(personas):
    campaign = add_campaign(personas.tree.hcm)
    member = add_member(personas.tree.b1)
    add_member(personas.tree.g2)
    actions.confirm_record(actor=personas.branch_officer, member=member)
    actions.refresh_member_checks()
    actions.snapshot_campaigns(on=TODAY)
    daily = {d.unit.code: d for d in CampaignDaily.objects.select_related("unit")}
    assert set(daily) == {"HCM", "P1", "G1", "B1", "P2", "G2"}
    assert (daily["HCM"].total, daily["HCM"].all_four_count) == (2, 1)
    assert (daily["B1"].total, daily["B1"].current_count) == (1, 1)
    actions.snapshot_campaigns(on=TODAY)  # the day's rows are replaced, not added
    assert CampaignDaily.objects.filter(unit__code="HCM").count() == 1
    points = queries.daily_progress(
        campaign, personas.tree.hcm, today=queries.subtree_progress(campaign, personas.tree.hcm)
    )
    assert [p.day for p in points] == [TODAY] and points[0].percents["all_four"] == 50.0


def test_large_subtrees_read_the_daily_snapshot(personas):
    campaign = add_campaign(personas.tree.hcm)
    add_member(personas.tree.b1)
    add_member(personas.tree.g2, citizen_id="")
    actions.refresh_member_checks()
    actions.snapshot_campaigns(on=TODAY)
    add_member(personas.tree.b2)  # after the snapshot: only the live count sees it
    actions.refresh_member_checks()
    live = queries.dashboard(personas.hq_admin, campaign, personas.tree.hcm, live=True)
    snap = queries.dashboard(personas.hq_admin, campaign, personas.tree.hcm, live=False)
    assert (live.summary.total, snap.summary.total) == (3, 2)
    assert snap.snapshot_day == TODAY and live.snapshot_day is None
    assert {r.unit.code: r.progress.complete for r in snap.rows} == {"P1": 1, "P2": 0}


def test_commands(personas, capsys):
    add_campaign(personas.tree.hcm)
    add_member(personas.tree.b1)
    call_command("check_members", "--unit", "HCM")
    assert MemberCheck.objects.count() == 1
    call_command("snapshot_campaigns")
    assert CampaignDaily.objects.filter(unit=personas.tree.hcm).count() == 1
