"""Posts, holders, gaps, proposals, rotations and planning: allowed, forbidden, out of scope, and
the issue's bad input refused with the rule and its source, nothing half-written."""

from datetime import date
from typing import Any

import pytest

from chibo.audit.models import AuditEvent, SensitiveRead
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.testing.personas import make_member

from .. import actions, queries
from ..models import Incumbency, PlanningEntry, Post, ProposalStep, Rotation
from .support import TERM_ON, hold, post

pytestmark = pytest.mark.django_db


def test_define_post_and_fill_it(personas):
    staff = personas.hq_admin
    p = post(staff, personas.tree.p1)
    assert (p.filled, p.vacant_since) == (0, TERM_ON)
    m = make_member(personas.tree.b1, "Trần Văn Bí")
    hold(staff, p, m.pk)
    p.refresh_from_db()
    assert (p.filled, p.vacant_since) == (1, None)
    assert AuditEvent.objects.filter(action="cadres.appoint_to_post").count() == 1


def test_define_post_forbidden_and_out_of_scope(personas):
    with pytest.raises(Forbidden):
        post(personas.branch_officer, personas.tree.b1)
    with pytest.raises(NotFound):
        post(personas.outsider, personas.tree.p1)
    with pytest.raises(Forbidden):
        post(personas.leader, personas.tree.p1)  # leaders decide, staff record


def test_party_cell_has_no_posts_and_secretary_has_one_seat(personas):
    with pytest.raises(ValidationFailed) as exc:
        post(personas.hq_admin, personas.tree.p1, seats=2)
    assert "Điều lệ Đảng" in exc.value.text()
    with pytest.raises(ValidationFailed):
        post(personas.hq_admin, personas.tree.b1, kind="standing_member", seats=3)


def test_two_incumbents_in_one_seat_post_on_the_same_date_refused(personas):
    staff = personas.hq_admin
    p = post(staff, personas.tree.p1)
    a = make_member(personas.tree.b1, "Nguyễn Văn Một")
    b = make_member(personas.tree.b2, "Nguyễn Văn Hai")
    hold(staff, p, a.pk)
    with pytest.raises(ValidationFailed) as exc:
        hold(staff, p, b.pk, how="appointed", decision_number="9-QĐ/TU", deciding_body="Thành ủy")
    assert exc.value.field == "start_on"
    assert "15-QĐ/ĐU" in exc.value.text()  # the seats decision is the rule's source
    assert Incumbency.objects.filter(post=p).count() == 1
    assert AuditEvent.objects.filter(action="cadres.appoint_to_post").count() == 1


@pytest.mark.parametrize(
    ("field", "extra"),
    [("decision_number", {"decision_number": ""}), ("deciding_body", {"deciding_body": "  "})],
)
def test_appointment_without_decision_or_body_refused(personas, field, extra):
    p = post(personas.hq_admin, personas.tree.p1)
    m = make_member(personas.tree.b1, "Lê Thị Ba")
    with pytest.raises(ValidationFailed) as exc:
        hold(personas.hq_admin, p, m.pk, **extra)
    assert exc.value.field == field
    assert "QĐ 80-QĐ/TW" in exc.value.text()
    assert not Incumbency.objects.exists()


def test_vacancy_after_a_holder_leaves_and_kien_toan_closes_it(personas):
    staff = personas.hq_admin
    p = post(staff, personas.tree.p1, kind="deputy_secretary", seats=2)
    a = make_member(personas.tree.b1, "Phạm Văn Bốn")
    b = make_member(personas.tree.b1, "Phạm Văn Năm")
    c = make_member(personas.tree.b2, "Phạm Văn Sáu")
    h1 = hold(staff, p, a.pk)
    hold(staff, p, b.pk)
    p.refresh_from_db()
    assert p.vacant_since is None
    actions.end_incumbency(
        actor=staff, incumbency_id=h1.pk, end_on=date(2026, 3, 1), reason="merger"
    )
    p.refresh_from_db()
    assert (p.filled, p.vacant_since) == (1, date(2026, 3, 1))
    gaps = list(queries.post_gaps(staff, personas.tree.hcm))
    assert [g.pk for g in gaps] == [p.pk]
    assert SensitiveRead.objects.filter(reason="cadres: post gaps").count() == 1
    hold(
        staff,
        p,
        c.pk,
        start=date(2026, 4, 1),
        how="strengthened",
        decision_number="20-QĐ/ĐU",
        deciding_body="Ban Thường vụ",
        decided_on=date(2026, 3, 25),
    )
    p.refresh_from_db()
    assert (p.filled, p.vacant_since) == (2, None)
    assert not queries.post_gaps(staff, personas.tree.hcm).exists()
    assert not queries.post_gaps(personas.outsider, personas.tree.p2).exists()


def test_gap_reads_are_scoped(personas):
    post(personas.hq_admin, personas.tree.p1)
    with pytest.raises(NotFound):
        queries.post_gaps(personas.outsider, personas.tree.p1)
    with pytest.raises(Forbidden):
        queries.post_gaps(personas.branch_officer, personas.tree.b1)
    assert queries.post_gaps(personas.leader, personas.tree.p1).count() == 1


def test_holder_must_be_in_the_units_subtree(personas):
    p = post(personas.hq_admin, personas.tree.p1)
    stranger = make_member(personas.tree.g2, "Hồ Văn Ngoài")
    with pytest.raises(ValidationFailed) as exc:
        hold(personas.hq_admin, p, stranger.pk)
    assert exc.value.field == "member"


def test_proposal_steps_in_order_and_decision_fills_the_post(personas):
    staff = personas.hq_admin
    p = post(staff, personas.tree.p1)
    m = make_member(personas.tree.b1, "Đặng Văn Đề")
    with pytest.raises(ValidationFailed) as exc:  # not planned, no recorded exception
        actions.propose_appointment(
            actor=staff,
            post_id=p.pk,
            member_id=m.pk,
            how="strengthened",
            done_on=date(2026, 2, 1),
            document_number="10-TTr/BTC",
            body="Ban Tổ chức",
        )
    assert exc.value.field == "outside_planning_reason"
    proposal = actions.propose_appointment(
        actor=staff,
        post_id=p.pk,
        member_id=m.pk,
        how="strengthened",
        done_on=date(2026, 2, 1),
        document_number="10-TTr/BTC",
        body="Ban Tổ chức",
        outside_planning_reason="Ban Thường vụ Thành ủy đồng ý tại 05-CV/TU",
    )
    step: dict[str, Any] = {"document_number": "x", "body": "Ban Thường vụ"}
    with pytest.raises(ValidationFailed):  # the vote before the consultation
        actions.record_step(
            actor=staff,
            proposal_id=proposal.pk,
            kind="vote",
            done_on=date(2026, 2, 5),
            votes_for=9,
            votes_total=11,
            **step,
        )
    actions.record_step(
        actor=staff, proposal_id=proposal.pk, kind="consultation", done_on=date(2026, 2, 5), **step
    )
    with pytest.raises(ValidationFailed):  # not more than half
        actions.record_step(
            actor=staff,
            proposal_id=proposal.pk,
            kind="vote",
            done_on=date(2026, 2, 10),
            votes_for=5,
            votes_total=10,
            **step,
        )
    actions.record_step(
        actor=staff,
        proposal_id=proposal.pk,
        kind="vote",
        done_on=date(2026, 2, 10),
        votes_for=9,
        votes_total=11,
        **step,
    )
    with pytest.raises(ValidationFailed):  # decision without its number
        actions.record_step(
            actor=staff,
            proposal_id=proposal.pk,
            kind="decision",
            done_on=date(2026, 2, 12),
            document_number="",
            body="Thành ủy",
        )
    actions.record_step(
        actor=staff,
        proposal_id=proposal.pk,
        kind="decision",
        done_on=date(2026, 2, 12),
        document_number="30-QĐ/TU",
        body="Thành ủy",
    )
    p.refresh_from_db()
    assert p.filled == 1
    assert ProposalStep.objects.filter(proposal=proposal).count() == 4


def test_rotation_ending_before_it_starts_refused(personas):
    staff = personas.hq_admin
    m = make_member(personas.tree.b1, "Vũ Văn Luân")
    kwargs = dict(
        actor=staff,
        unit=personas.tree.p1,
        member_id=m.pk,
        from_unit=personas.tree.b1,
        from_post="Bí thư chi bộ",
        to_unit=personas.tree.b2,
        to_post="Bí thư chi bộ",
        purpose="Rèn luyện thực tiễn",
        decision_number="40-QĐ/ĐU",
        deciding_body="Ban Thường vụ Đảng ủy",
    )
    with pytest.raises(ValidationFailed) as exc:
        actions.record_rotation(start_on=date(2026, 6, 1), due_end_on=date(2026, 5, 1), **kwargs)
    assert exc.value.field == "due_end_on"
    assert "QĐ 65-QĐ/TW" in exc.value.text()
    assert not Rotation.objects.exists()
    r = actions.record_rotation(start_on=date(2026, 1, 1), due_end_on=date(2027, 1, 1), **kwargs)
    count, due = queries.rotations_due(staff, today=date(2026, 12, 1))
    assert count == 1 and due == [r]
    with pytest.raises(ValidationFailed):  # a unit outside the deciding unit's subtree
        actions.record_rotation(
            start_on=date(2026, 1, 1),
            due_end_on=date(2027, 1, 1),
            **{**kwargs, "to_unit": personas.tree.g2},
        )


def test_planned_person_outside_the_subtree_refused(personas):
    staff = personas.hq_admin
    planning = actions.create_planning_list(
        actor=staff, unit=personas.tree.g1, term_start=2030, term_end=2035
    )
    outsider = make_member(personas.tree.g2, "Lý Văn Xa")
    with pytest.raises(ValidationFailed) as exc:
        actions.plan_person(
            actor=staff, planning_id=planning.pk, post_kind="secretary", member_id=outsider.pk
        )
    assert exc.value.field == "member" and "QĐ 50-QĐ/TW" in exc.value.text()
    assert not PlanningEntry.objects.exists()


def test_planning_flags_a_person_who_no_longer_meets_a_standard(personas):
    staff = personas.hq_admin
    planning = actions.create_planning_list(
        actor=staff, unit=personas.tree.g1, term_start=2030, term_end=2035
    )
    young = make_member(
        personas.tree.b1,
        "Ngô Thị Trẻ",
        birth_date=date(1988, 5, 1),
        theory_level="intermediate",
        general_education="12/12",
    )
    old = make_member(
        personas.tree.b1,
        "Ngô Văn Già",
        gender="male",
        birth_date=date(1970, 5, 1),
        theory_level="intermediate",
        general_education="12/12",
    )
    for m in (young, old):
        actions.plan_person(
            actor=staff, planning_id=planning.pk, post_kind="committee_member", member_id=m.pk
        )
    view = queries.planning_view(staff, planning)
    people = {p.entry.member.full_name: p for p in dict(view.by_post)["committee_member"]}
    assert not people["Ngô Thị Trẻ"].flagged
    assert people["Ngô Văn Già"].flagged  # retires (62) in 2032, before the term ends in 2035
    assert [c.code for c in people["Ngô Văn Già"].failed] == ["age"]
    assert view.flagged == 1
    statuses = {c.code: c.status for c in people["Ngô Thị Trẻ"].checks}
    # Read from the training and ratings modules: nothing recorded yet for this person.
    assert statuses["training"] == statuses["ratings"] == "unknown"
    with pytest.raises(Forbidden):  # staff do not approve
        actions.approve_planning_list(
            actor=staff,
            planning_id=planning.pk,
            approved_on=date(2026, 6, 1),
            decision_number="1-QĐ",
            approved_by_body="BTV",
        )
    actions.approve_planning_list(
        actor=personas.leader,
        planning_id=planning.pk,
        approved_on=date(2026, 6, 1),
        decision_number="12-QĐ/ĐU",
        approved_by_body="Ban Thường vụ Đảng ủy phường",
    )
    with pytest.raises(Conflict):
        actions.plan_person(
            actor=staff, planning_id=planning.pk, post_kind="secretary", member_id=young.pk
        )
    v2 = actions.start_review(actor=staff, planning_id=planning.pk, note="Rà soát 2027")
    assert v2.version == 2 and v2.entries.count() == 2
    entry = v2.entries.get(member=old)
    actions.remove_planned(actor=staff, entry_id=entry.pk, reason="Quá tuổi quy hoạch")
    view2 = queries.planning_view(staff, v2)
    kept = dict(view2.by_post)["committee_member"]
    assert len(kept) == 2  # the removed person stays on the list, marked
    assert view2.flagged == 0


def test_member_sees_own_posts_only(personas):
    from chibo.access.models import Grant
    from chibo.access.roles import Role

    p = post(personas.hq_admin, personas.tree.b1, kind="secretary")
    m = make_member(personas.tree.b1, "Tạ Thị Mình", user=personas.member)
    Grant.objects.get_or_create(user=personas.member, unit=personas.tree.b1, role=Role.MEMBER)
    hold(personas.hq_admin, p, m.pk)
    other = make_member(personas.tree.b1, "Tạ Văn Khác")
    _member, rows = queries.person_posts(personas.member, m.pk)
    assert len(rows) == 1
    with pytest.raises(Forbidden):
        queries.person_posts(personas.member, other.pk)
    with pytest.raises(NotFound):
        queries.person_posts(personas.outsider, m.pk)
    assert len(queries.person_posts(personas.hq_admin, m.pk)[1]) == 1


def test_recompute_finds_nothing_to_change(personas):
    staff = personas.hq_admin
    p = post(staff, personas.tree.p1, kind="committee_member", seats=3)
    hold(staff, p, make_member(personas.tree.b1, "Hà Văn Một").pk)
    assert actions.recompute_posts(actor=staff, unit=personas.tree.hcm) == 0
    Post.objects.filter(pk=p.pk).update(vacant_since=None, filled=0)
    assert actions.recompute_posts(actor=staff, unit=personas.tree.hcm) == 1
