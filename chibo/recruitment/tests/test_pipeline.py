"""The admission pipeline through the actions: the whole path to the ceremony (the member in the
registry with the right events), and every bad input refused with its rule and source, nothing
half-written."""

from datetime import date

import pytest

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.members.models import EventKind, Member, MemberStatus
from chibo.members.state import derive
from chibo.testing.personas import make_member

from .. import actions, queries
from ..models import Candidate, CandidateStatus, CandidateStep, Sponsor, Step
from .support import DATES, bring_to, new_candidate, step_fields

pytestmark = pytest.mark.django_db


def _step(personas, candidate, step, people, number, **over):
    fields = step_fields(step, candidate, people, number)
    fields.update(over)
    done_on = fields.pop("done_on", DATES[Step(step)])
    return actions.record_step(
        actor=personas.branch_officer, candidate=candidate, step=step, done_on=done_on, **fields
    )


def test_path_to_the_ceremony_admits_the_member(personas):
    candidate, _people, _number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.CEREMONY
    )
    assert candidate.status == CandidateStatus.ADMITTED
    assert candidate.member is not None
    member = candidate.member
    assert member.status == MemberStatus.PROBATIONARY and member.unit == personas.tree.b1
    assert member.admitted_on == DATES[Step.DECISION]
    assert member.admission_ceremony_on == DATES[Step.CEREMONY]
    assert "Trần Thị Giới" in member.sponsors
    events = list(member.events.all())
    assert [e.kind for e in events] == [EventKind.ADMISSION]
    assert events[0].decision_number == "125-QĐ/ĐU"
    assert derive(events).status == MemberStatus.PROBATIONARY
    assert CandidateStep.objects.filter(candidate=candidate).count() == 9
    assert AuditEvent.objects.filter(action="recruitment.record_step").count() == 9
    assert AuditEvent.objects.filter(
        action="members.admit_member", target_id=str(member.pk)
    ).exists()
    assert queries.full_review_due(candidate) == date(2027, 9, 23)


def test_decision_sets_the_ceremony_deadline(personas):
    candidate, *_ = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.DECISION
    )
    assert candidate.next_due_on == date(2026, 9, 4)  # 30 working days from 22/7 (2/9 off)
    on_time = queries.deadline_of(candidate, date(2026, 9, 4))
    assert on_time is not None and not on_time.late
    deadline = queries.deadline_of(candidate, date(2026, 9, 5))
    assert deadline is not None and deadline.late and "QĐ 294-QĐ/TW" in deadline.source


def test_step_out_of_order_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, None
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.BRANCH_VOTE, people, number)
    assert "không đúng thứ tự" in exc.value.text() and "Điều 4" in exc.value.text()
    assert not CandidateStep.objects.exists()


def test_step_in_the_future_or_before_the_previous_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.SYMPATHISER
    )
    with pytest.raises(ValidationFailed):
        _step(personas, candidate, Step.APPLICATION, people, number, done_on=date(2099, 1, 1))
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.APPLICATION, people, number, done_on=date(2026, 1, 13))
    assert "trước bước trước" in exc.value.text()


def test_unknown_certificate_number_refused(personas):
    candidate, people, _number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, None
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.AWARENESS_COURSE, people, "GCN-G1-2026-9999")
    assert exc.value.field == "certificate_number"
    candidate.refresh_from_db()
    assert candidate.last_step == "" and candidate.awareness_certificate is None


def test_certificate_of_someone_else_refused(personas):
    _first, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, None
    )
    other = new_candidate(personas.branch_officer, personas.tree.b1, "Võ Thị Khác")
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, other, Step.AWARENESS_COURSE, people, number)
    assert "người khác" in exc.value.text()


def test_helper_must_be_a_full_member_of_the_branch(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.AWARENESS_COURSE
    )
    probationary = make_member(personas.tree.b1, "Đinh Văn Dự", MemberStatus.PROBATIONARY)
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.SYMPATHISER, people, number, helper=probationary)
    assert "chính thức" in exc.value.text() and "QĐ 294-QĐ/TW" in exc.value.text()


def test_sponsor_not_a_full_member_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.SYMPATHISER
    )
    probationary = make_member(personas.tree.b1, "Đinh Văn Dự", MemberStatus.PROBATIONARY)
    sponsors = [
        actions.SponsorIn(people[1], date(2024, 1, 1)),
        actions.SponsorIn(probationary, date(2024, 1, 1)),
    ]
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.APPLICATION, people, number, sponsors=sponsors)
    text = exc.value.text()
    assert "Đinh Văn Dự" in text and "không phải đảng viên chính thức" in text
    assert "Điều 4 khoản 2" in text
    assert not Sponsor.objects.exists()
    assert not CandidateStep.objects.filter(step=Step.APPLICATION).exists()


def test_sponsor_known_less_than_a_year_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.SYMPATHISER
    )
    sponsors = [
        actions.SponsorIn(people[1], date(2024, 1, 1)),
        actions.SponsorIn(people[2], date(2025, 3, 3)),  # application on 2/3/2026
    ]
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.APPLICATION, people, number, sponsors=sponsors)
    assert "chưa đủ 12 tháng" in exc.value.text() and "mục 3" in exc.value.text()


def test_one_sponsor_or_the_same_twice_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.SYMPATHISER
    )
    twice = [actions.SponsorIn(people[1], date(2024, 1, 1))] * 2
    with pytest.raises(ValidationFailed):
        _step(personas, candidate, Step.APPLICATION, people, number, sponsors=twice)
    with pytest.raises(ValidationFailed):
        _step(personas, candidate, Step.APPLICATION, people, number, sponsors=twice[:1])


def test_education_below_lower_secondary_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer,
        personas.hq_admin,
        personas.tree.b1,
        Step.SYMPATHISER,
        general_education="8/12",
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.APPLICATION, people, number)
    assert "trung học cơ sở" in exc.value.text() and "QĐ 294-QĐ/TW" in exc.value.text()


def test_under_18_at_the_branch_vote_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer,
        personas.hq_admin,
        personas.tree.b1,
        Step.OPINIONS,
        birth_date=date(2008, 6, 2),  # 17 years 11 months on 1/6/2026
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.BRANCH_VOTE, people, number)
    assert "đủ 18 tuổi" in exc.value.text() and "17 tuổi 11 tháng" in exc.value.text()
    assert "Điều 1 khoản 2" in exc.value.text()
    candidate.refresh_from_db()
    assert candidate.last_step == Step.OPINIONS


def test_over_60_needs_the_provincial_decision(personas):
    candidate, people, number = bring_to(
        personas.branch_officer,
        personas.hq_admin,
        personas.tree.b1,
        Step.OPINIONS,
        birth_date=date(1966, 4, 30),
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.BRANCH_VOTE, people, number)
    assert "trên 60 tuổi" in exc.value.text() and "cấp tỉnh" in exc.value.text()
    actions.record_age_exception(
        actor=personas.branch_officer, candidate=candidate, number="45-QĐ/TU", on=date(2026, 5, 20)
    )
    row = _step(personas, candidate, Step.BRANCH_VOTE, people, number)
    assert row.votes_for == 4


def test_branch_vote_below_two_thirds_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.OPINIONS
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.BRANCH_VOTE, people, number, votes_for=5, votes_of=8)
    assert "5/8" in exc.value.text() and "2/3" in exc.value.text()
    assert "Điều 4 khoản 3" in exc.value.text()
    with pytest.raises(ValidationFailed):
        _step(personas, candidate, Step.BRANCH_VOTE, people, number, votes_for=9, votes_of=8)
    row = _step(personas, candidate, Step.BRANCH_VOTE, people, number, votes_for=6, votes_of=9)
    assert row.due_on is None
    candidate.refresh_from_db()
    assert candidate.next_due_on == date(2026, 8, 24)


def test_committee_resolution_below_two_thirds_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.BRANCH_VOTE
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(
            personas, candidate, Step.GRASSROOTS_RESOLUTION, people, number, votes_for=4, votes_of=7
        )
    assert "4/7" in exc.value.text()


def test_decision_past_60_working_days(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.GRASSROOTS_RESOLUTION
    )
    late = date(2026, 8, 25)  # 61st working day after 1/6
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.DECISION, people, number, done_on=late, received_on=late)
    assert "24/08/2026" in exc.value.text() and "60 ngày làm việc" in exc.value.text()
    # within the extension of 30 working days
    row = _step(
        personas,
        candidate,
        Step.DECISION,
        people,
        number,
        done_on=late,
        received_on=late,
        extended=True,
    )
    assert row.extended and row.due_on == date(2026, 10, 7)


def test_decision_past_the_extension_is_refused_or_flagged_with_a_reason(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.GRASSROOTS_RESOLUTION
    )
    late = date(2026, 10, 8)
    kw = {"done_on": late, "received_on": late, "extended": True}
    with pytest.raises(ValidationFailed):
        _step(personas, candidate, Step.DECISION, people, number, **kw)
    with pytest.raises(ValidationFailed):  # accepted late needs its reason
        _step(personas, candidate, Step.DECISION, people, number, accept_late=True, **kw)
    row = _step(
        personas,
        candidate,
        Step.DECISION,
        people,
        number,
        accept_late=True,
        note="Hồ sơ bổ sung thẩm tra",
        **kw,
    )
    assert row.done_on > row.due_on


def test_ceremony_past_30_working_days_refused(personas):
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.DECISION
    )
    with pytest.raises(ValidationFailed) as exc:
        _step(personas, candidate, Step.CEREMONY, people, number, done_on=date(2026, 9, 7))
    assert "04/09/2026" in exc.value.text() and "30 ngày làm việc" in exc.value.text()
    assert not Member.objects.filter(full_name="Phạm Minh Ưu").exists()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACTIVE


def test_ceremony_failure_in_the_registry_writes_nothing(personas):
    """admit_member refuses (the branch officer's grant withdrawn on members.manage is not
    possible here, so: a citizen-ID-free admission whose unit is dissolved) — the whole step is
    rolled back."""
    candidate, people, number = bring_to(
        personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.DECISION
    )
    from chibo.org.models import OrgUnit, UnitStatus

    OrgUnit.objects.filter(pk=personas.tree.b1.pk).update(status=UnitStatus.DISSOLVED)
    candidate.unit.refresh_from_db()
    with pytest.raises(Conflict):
        _step(personas, candidate, Step.CEREMONY, people, number)
    assert not CandidateStep.objects.filter(step=Step.CEREMONY).exists()
    assert not Member.objects.filter(full_name="Phạm Minh Ưu").exists()


def test_access(personas):
    candidate = new_candidate(personas.branch_officer, personas.tree.b1)
    with pytest.raises(NotFound):
        queries.get_candidate_for_user(personas.outsider, candidate.pk)
    with pytest.raises(Forbidden):
        actions.set_target(actor=personas.leader, unit=personas.tree.p1, year=2026, target=10)
    with pytest.raises(NotFound):
        new_candidate(personas.outsider, personas.tree.b1)
    assert list(queries.candidates_for(personas.leader, personas.tree.p1)) == [candidate]
    assert not queries.candidates_for(personas.outsider).exists()


def test_candidate_input_checked(personas):
    with pytest.raises(ValidationFailed):
        new_candidate(personas.hq_admin, personas.tree.g1)  # a committee holds no one
    with pytest.raises(ValidationFailed):
        new_candidate(personas.branch_officer, personas.tree.b1, general_education="lớp chín")
    with pytest.raises(ValidationFailed):
        new_candidate(personas.branch_officer, personas.tree.b1, birth_date=date(2099, 1, 1))
    assert not Candidate.objects.exists()


def test_withdraw(personas):
    candidate = new_candidate(personas.branch_officer, personas.tree.b1)
    with pytest.raises(ValidationFailed):
        actions.withdraw_candidate(actor=personas.branch_officer, candidate=candidate, reason=" ")
    actions.withdraw_candidate(
        actor=personas.branch_officer, candidate=candidate, reason="Chuyển đi"
    )
    with pytest.raises(Conflict):
        actions.record_step(
            actor=personas.branch_officer,
            candidate=candidate,
            step=Step.AWARENESS_COURSE,
            done_on=date(2026, 1, 12),
            certificate_number="x",
        )


def test_targets_progress_and_tally(personas):
    for unit, n in ((personas.tree.p1, 4), (personas.tree.b1, 2), (personas.tree.b2, 1)):
        actions.set_target(actor=personas.hq_admin, unit=unit, year=2026, target=n)
    actions.set_target(actor=personas.hq_admin, unit=personas.tree.b2, year=2026, target=3)
    bring_to(personas.branch_officer, personas.hq_admin, personas.tree.b1, Step.CEREMONY)
    bring_to(
        personas.branch_officer,
        personas.hq_admin,
        personas.tree.b1,
        Step.BRANCH_VOTE,
        name="Hồ Thị Hai",
    )
    progress = queries.progress(personas.leader, personas.tree.p1, 2026, date(2026, 12, 4))
    assert (progress.target, progress.admitted, progress.percent) == (4, 1, 25)
    assert progress.by_step[Step.BRANCH_VOTE] == 1
    assert progress.late == 1  # the decision was due on 24/8
    g1 = queries.progress(personas.leader, personas.tree.g1, 2026, date(2026, 12, 4))
    assert g1.target == 5  # no own target: B1's 2 + B2's 3
    rows = {r.unit.code: r for r in queries.tally(personas.leader, personas.tree.g1, 2026)}
    assert (rows["B1"].admitted, rows["B1"].target, rows["B1"].percent) == (1, 2, 50)
    assert (rows["B2"].admitted, rows["B2"].target) == (0, 3)
    funnel = dict(queries.funnel(progress.by_step))
    assert funnel["listed"] == 1 and funnel[Step.BRANCH_VOTE] == 1
    with pytest.raises(NotFound):
        queries.progress(personas.outsider, personas.tree.p1, 2026, date(2026, 12, 4))
    with pytest.raises(ValidationFailed):
        actions.set_target(actor=personas.hq_admin, unit=personas.tree.p1, year=2026, target=-1)
