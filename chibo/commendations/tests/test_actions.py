"""Awards, proposals up the tree, badges due (early and posthumous), campaigns; every refusal of
the issue's "Bad input" with its rule and source, nothing half-written."""

from datetime import date

import pytest

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.members import actions as member_actions
from chibo.members.models import EventKind
from chibo.testing.personas import make_member

from ..actions.awards import (
    add_award_kind,
    commend_project,
    decide_proposal,
    forward_proposal,
    propose_award,
    record_award,
    record_serious_illness,
)
from ..actions.campaigns import create_campaign, evaluate_project, register_project, update_progress
from ..models import Award, Proposal, ProposalStatus
from ..queries import campaigns as cq
from ..queries import eligibility

pytestmark = pytest.mark.django_db
BODY = "Ban Thường vụ Đảng ủy phường Sài Gòn"


def _award(p, member, **kw):
    fields = {
        "kind": "letter_of_commendation",
        "member": member,
        "deciding_body": BODY,
        "decision_number": "12-QĐ/ĐU",
        "decided_on": date(2025, 12, 20),
        "reason": "Xuất sắc",
    }
    fields.update(kw)
    return record_award(actor=p.leader, **fields)


@pytest.mark.parametrize(
    ("field", "value"), [("deciding_body", ""), ("decision_number", "  "), ("deciding_body", " ")]
)
def test_award_without_deciding_body_or_decision_number_is_refused(personas, field, value):
    member = make_member(personas.tree.b1, "Lê Văn An")
    with pytest.raises(ValidationFailed) as err:
        _award(personas, member, **{field: value})
    assert err.value.field == field and "06/2022/QH15" in err.value.text()
    assert not Award.objects.exists()
    assert not AuditEvent.objects.filter(action="commendations.record_award").exists()


def test_award_recorded_with_its_decision_and_shown_only_in_reach(personas):
    member = make_member(personas.tree.b1, "Lê Văn An")
    award = _award(personas, member)
    assert award.unit == personas.tree.b1 and award.decision_number == "12-QĐ/ĐU"
    assert AuditEvent.objects.filter(action="commendations.record_award").count() == 1
    with pytest.raises(Forbidden):  # committee staff prepare, the standing committee decides
        record_award(
            actor=personas.hq_admin,
            kind="letter_of_commendation",
            member=member,
            deciding_body=BODY,
            decision_number="13-QĐ/ĐU",
            decided_on=date(2025, 12, 20),
        )
    with pytest.raises(NotFound):
        record_award(
            actor=personas.outsider,
            kind="letter_of_commendation",
            member=member,
            deciding_body=BODY,
            decision_number="13",
            decided_on=date(2025, 12, 20),
        )
    with pytest.raises(ValidationFailed):  # the badge is for members only, not collectives
        _award(personas, None, kind="party_badge", organisation=personas.tree.b1)


def test_proposal_goes_up_the_tree_and_is_decided(personas):
    p = personas
    member = make_member(p.tree.b1, "Lê Văn An")
    proposal = propose_award(
        actor=p.branch_officer,
        from_unit=p.tree.b1,
        kind="certificate_of_merit",
        member=member,
        reason="5 năm liền xuất sắc",
        on=date(2025, 12, 21),
    )
    assert proposal.at_unit == p.tree.g1
    forward_proposal(actor=p.hq_admin, proposal_id=proposal.pk, on=date(2025, 12, 22))
    proposal.refresh_from_db()
    assert proposal.at_unit == p.tree.p1
    with pytest.raises(ValidationFailed):  # approving needs the decision's body and number
        decide_proposal(
            actor=p.leader, proposal_id=proposal.pk, approve=True, on=date(2025, 12, 23)
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING and not Award.objects.exists()
    decide_proposal(
        actor=p.leader,
        proposal_id=proposal.pk,
        approve=True,
        on=date(2025, 12, 23),
        deciding_body=BODY,
        decision_number="15-QĐ/ĐU",
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED and proposal.award.member == member
    assert [e.kind for e in proposal.events.all()] == ["proposed", "forwarded", "approved"]
    with pytest.raises(Conflict):
        decide_proposal(
            actor=p.leader, proposal_id=proposal.pk, approve=False, on=date(2025, 12, 24), note="x"
        )
    # A proposal for someone outside the proposing unit is refused as not found.
    other = make_member(p.tree.b2, "Phạm Văn Cường")
    with pytest.raises(NotFound):
        propose_award(
            actor=p.branch_officer,
            from_unit=p.tree.b1,
            kind="certificate_of_merit",
            member=other,
            reason="x",
            on=date(2025, 12, 21),
        )
    assert Proposal.objects.count() == 1


def test_badges_due_regular_early_for_the_seriously_ill_and_posthumous(personas):
    p = personas
    ceremony = date(2026, 9, 2)
    regular = make_member(
        p.tree.b1,
        "Ngô Văn Ba Mươi",
        admitted_on=date(1996, 8, 1),
        full_on=date(1997, 8, 1),
        birth_date=date(1965, 1, 1),
    )
    ill = make_member(
        p.tree.b1,
        "Đặng Thị Ốm",
        admitted_on=date(1997, 3, 1),
        full_on=date(1998, 3, 1),
        birth_date=date(1966, 1, 1),
    )
    late = make_member(
        p.tree.b1,
        "Lý Văn Chưa",
        admitted_on=date(1997, 3, 1),
        full_on=date(1998, 3, 1),
        birth_date=date(1966, 1, 1),
    )
    dead = make_member(
        p.tree.b2,
        "Trịnh Văn Cố",
        admitted_on=date(1997, 1, 10),
        full_on=date(1998, 1, 10),
        birth_date=date(1964, 1, 1),
    )
    member_actions.record_event(
        actor=p.hq_admin, member=dead, kind=EventKind.DEATH, effective_on=date(2026, 6, 1)
    )
    record_serious_illness(actor=p.branch_officer, member=ill, since=date(2026, 3, 1))
    rows = {c.member.pk: c for c in eligibility.badges_due(p.leader, p.tree.p1, ceremony)}
    assert rows[regular.pk].years == 30 and rows[regular.pk].reason == "regular"
    assert rows[ill.pk].years == 30 and rows[ill.pk].reason == "seriously_ill"
    assert late.pk not in rows  # same admission as `ill`, not ill: not yet due
    assert rows[dead.pk].reason == "posthumous" and rows[dead.pk].years == 30
    # Once presented, a badge is no longer due.
    _award(
        p,
        regular,
        kind="party_badge",
        badge_years=30,
        decision_number="2001-QĐ/TU",
        decided_on=ceremony,
    )
    assert regular.pk not in {
        c.member.pk for c in eligibility.badges_due(p.leader, p.tree.p1, ceremony)
    }
    early = _award(
        p,
        ill,
        kind="party_badge",
        badge_years=30,
        decision_number="2002-QĐ/TU",
        decided_on=ceremony,
    )
    assert early.early and not early.posthumous
    with pytest.raises(ValidationFailed) as err:  # not ill: too early
        _award(
            p,
            late,
            kind="party_badge",
            badge_years=30,
            decision_number="2003-QĐ/TU",
            decided_on=ceremony,
        )
    assert "01-HD/TW" in err.value.text()
    with pytest.raises(Conflict):
        _award(
            p,
            regular,
            kind="party_badge",
            badge_years=30,
            decision_number="2004-QĐ/TU",
            decided_on=ceremony,
        )
    with pytest.raises(ValidationFailed):  # not a milestone
        _award(
            p,
            regular,
            kind="party_badge",
            badge_years=33,
            decision_number="2005-QĐ/TU",
            decided_on=ceremony,
        )


def test_campaign_projects_progress_evaluation_commendation_and_counts(personas):
    p = personas
    campaign = create_campaign(
        actor=p.hq_admin,
        unit=p.tree.p1,
        title="Thi đua 2026",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        criteria="Hoàn thành chỉ tiêu",
    )
    with pytest.raises(ValidationFailed):
        create_campaign(
            actor=p.hq_admin,
            unit=p.tree.p1,
            title="x",
            starts_on=date(2026, 2, 1),
            ends_on=date(2026, 1, 1),
            criteria="y",
        )
    one = register_project(
        actor=p.branch_officer,
        campaign=campaign,
        unit=p.tree.b1,
        title="Sổ tay điện tử",
        on=date(2026, 2, 1),
    )
    two = register_project(
        actor=p.hq_admin,
        campaign=campaign,
        unit=p.tree.b2,
        title="Dân vận khéo",
        on=date(2026, 2, 2),
    )
    with pytest.raises(Conflict):
        register_project(
            actor=p.branch_officer,
            campaign=campaign,
            unit=p.tree.b1,
            title="Muộn",
            on=date(2027, 1, 2),
        )
    update_progress(actor=p.branch_officer, project_id=one.pk, percent=60, on=date(2026, 6, 1))
    with pytest.raises(NotFound):  # the campaign's committee (out of B1's reach) evaluates
        evaluate_project(
            actor=p.branch_officer, project_id=one.pk, completed=True, on=date(2026, 11, 1)
        )
    evaluate_project(actor=p.hq_admin, project_id=one.pk, completed=True, on=date(2026, 11, 1))
    evaluate_project(actor=p.hq_admin, project_id=two.pk, completed=False, on=date(2026, 11, 1))
    with pytest.raises(ValidationFailed):
        commend_project(
            actor=p.leader,
            project_id=one.pk,
            kind="letter_of_commendation",
            deciding_body=BODY,
            decision_number="",
            on=date(2026, 11, 20),
        )
    award = commend_project(
        actor=p.leader,
        project_id=one.pk,
        kind="letter_of_commendation",
        deciding_body=BODY,
        decision_number="40-QĐ/ĐU",
        on=date(2026, 11, 20),
    )
    assert award.organisation == p.tree.b1 and award.project == one
    with pytest.raises(Conflict):
        commend_project(
            actor=p.leader,
            project_id=two.pk,
            kind="letter_of_commendation",
            deciding_body=BODY,
            decision_number="41-QĐ/ĐU",
            on=date(2026, 11, 20),
        )
    row = cq.campaigns_for(p.hq_admin, p.tree.p1).get()
    assert tuple(getattr(row, k) for k in ("registered", "completed", "commended")) == (2, 1, 1)
    per_unit = {r["unit__code"]: r for r in cq.counts_per_unit(p.branch_officer, campaign)}
    assert set(per_unit) == {"B1"}  # B2's project is outside the secretary's reach
    assert cq.campaigns_for(p.outsider).count() == 0


def test_award_kinds_are_configurable_at_the_top(personas):
    kind = add_award_kind(actor=personas.hq_admin, root=personas.tree.hcm, name="Kỷ niệm chương")
    assert kind.code == "ky-niem-chuong"
    with pytest.raises(Conflict):
        add_award_kind(actor=personas.hq_admin, root=personas.tree.hcm, name="Kỷ niệm chương")
    with pytest.raises(ValidationFailed):
        add_award_kind(actor=personas.hq_admin, root=personas.tree.p1, name="Khác")
