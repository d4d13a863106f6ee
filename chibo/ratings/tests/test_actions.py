"""A round from opening to closing, and every refusal of the issue's "Bad input" with its rule and
source, nothing half-written."""

import pytest

from chibo.audit.models import AuditEvent, SensitiveRead
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.testing.personas import make_member

from ..actions.assessments import assess_rating
from ..actions.rounds import close_round, open_round, recompute_ratings
from ..models import Rating, RatingEvent, RoundEvent, RoundStatus, Stage
from ..queries import history
from ..queries.cap import cap_breaches
from .support import (
    DAY,
    EXCELLENT_CONDITIONS,
    GOOD_CONDITIONS,
    decide,
    member_with_login,
    open_p1_round,
    rating_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(personas):
    an, an_user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    binh = make_member(personas.tree.b1, "Trần Thị Bình")
    cuong = make_member(personas.tree.b2, "Phạm Văn Cường")
    return personas, an, an_user, binh, cuong


def test_open_round_rates_every_active_member_of_the_subtree_counted_in_their_grassroots(people):
    p, an, _user, binh, cuong = people
    rnd = open_p1_round(p)
    ratings = Rating.objects.filter(round=rnd)
    assert {r.member_id for r in ratings} == {an.pk, binh.pk, cuong.pk}
    assert {r.grassroots_id for r in ratings} == {p.tree.g1.pk}
    assert rnd.cap_percent == 20 and not rnd.cap_confirmed and "366" in rnd.rule_source
    assert AuditEvent.objects.filter(action="ratings.open_round").count() == 1
    with pytest.raises(Conflict):
        open_p1_round(p)
    # A branch does not run a round.
    with pytest.raises(ValidationFailed):
        open_round(actor=p.hq_admin, unit=p.tree.b1, year=2025, kind="member", on=DAY)


def test_self_then_branch_then_decision(people):
    p, an, an_user, *_ = people
    rnd = open_p1_round(p)
    rating = rating_of(rnd, an)
    assess_rating(
        actor=an_user,
        rating_id=rating.pk,
        stage="self_assessment",
        on=DAY,
        score=95,
        conditions=EXCELLENT_CONDITIONS,
        points={"politics": 19, "ethics": 19, "discipline": 10, "results": 47},
    )
    rating.refresh_from_db()
    assert rating.stage == Stage.SELF and rating.level == "excellent"
    decide(p, rating, 80, GOOD_CONDITIONS)
    rating.refresh_from_db()
    assert (rating.stage, rating.level, rating.decided_on) == (Stage.DECIDED, "good", DAY)
    assert rating.events.count() == 3
    assert recompute_ratings(actor=p.leader, unit=p.tree.p1) == 0


def _nothing_written(rating, events_before, audits_before):
    assert rating.events.count() == events_before
    assert AuditEvent.objects.filter(action="ratings.assess_rating").count() == audits_before


@pytest.mark.parametrize("score", [101, -1, "100.5", "abc"])
def test_score_outside_0_100_is_refused_with_its_source(people, score):
    p, an, an_user, *_ = people
    rating = rating_of(open_p1_round(p), an)
    with pytest.raises(ValidationFailed) as err:
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            score=score,
            conditions=GOOD_CONDITIONS,
        )
    assert err.value.field == "score"
    if score != "abc":
        assert "366-QĐ/TW" in err.value.text()
    _nothing_written(rating, 0, 0)


def test_criterion_points_above_their_maximum_or_not_adding_up_are_refused(people):
    p, an, an_user, *_ = people
    rating = rating_of(open_p1_round(p), an)
    with pytest.raises(ValidationFailed) as err:
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            points={"politics": 25},
            conditions=GOOD_CONDITIONS,
        )
    assert err.value.field == "points_politics"
    with pytest.raises(ValidationFailed):
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            score=90,
            points={"politics": 20, "ethics": 20, "discipline": 10, "results": 30},
            conditions=GOOD_CONDITIONS,
        )
    _nothing_written(rating, 0, 0)


def test_level_contradicting_score_or_conditions_is_refused(people):
    p, an, an_user, *_ = people
    rating = rating_of(open_p1_round(p), an)
    with pytest.raises(ValidationFailed) as err:
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            score=85,
            level="excellent",
            conditions=EXCELLENT_CONDITIONS,
        )
    assert err.value.field == "level" and "85 < 90" in err.value.text()
    assert "366-QĐ/TW" in err.value.text()
    # 95 points but tasks late: not even good.
    with pytest.raises(ValidationFailed) as err:
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            score=95,
            level="good",
            conditions={"tasks_on_time": False},
        )
    assert "đúng tiến độ" in err.value.text()
    # Disciplined in the year: unsatisfactory whatever the score.
    with pytest.raises(ValidationFailed):
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            score=95,
            level="excellent",
            conditions={**EXCELLENT_CONDITIONS, "disqualifying": ["disciplined"]},
        )
    _nothing_written(rating, 0, 0)
    with pytest.raises(ValidationFailed):
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            score=95,
            conditions={"disqualifying": ["made_up"]},
        )


def test_assessment_by_someone_outside_the_members_branch_committee_is_refused(people):
    p, an, an_user, binh, cuong = people
    rnd = open_p1_round(p)
    cuong_rating = rating_of(rnd, cuong)  # B2: out of B1's secretary's reach, so not found
    with pytest.raises(NotFound):
        assess_rating(
            actor=p.branch_officer,
            rating_id=cuong_rating.pk,
            stage="branch_assessment",
            on=DAY,
            score=80,
            conditions=GOOD_CONDITIONS,
        )
    an_rating = rating_of(rnd, an)
    # Committee staff above the branch are not the branch committee: refused with the rule.
    with pytest.raises(Forbidden) as err:
        assess_rating(
            actor=p.hq_admin,
            rating_id=an_rating.pk,
            stage="branch_assessment",
            on=DAY,
            score=80,
            conditions=GOOD_CONDITIONS,
        )
    assert "chi bộ nơi đảng viên sinh hoạt" in err.value.text()
    assert "QĐ 366-QĐ/TW" in err.value.text()
    # Out of reach: not found, naming nothing.
    with pytest.raises(NotFound):
        assess_rating(
            actor=p.outsider,
            rating_id=an_rating.pk,
            stage="branch_assessment",
            on=DAY,
            score=80,
            conditions=GOOD_CONDITIONS,
        )
    # Nobody self-assesses for someone else.
    with pytest.raises(Forbidden):
        assess_rating(
            actor=an_user,
            rating_id=rating_of(rnd, binh).pk,
            stage="self_assessment",
            on=DAY,
            score=80,
            conditions=GOOD_CONDITIONS,
        )
    # The decision is the committee's (ratings.decide), and needs the branch's assessment first.
    with pytest.raises(Forbidden):
        assess_rating(
            actor=p.hq_admin,
            rating_id=an_rating.pk,
            stage="committee_decision",
            on=DAY,
            score=80,
            conditions=GOOD_CONDITIONS,
        )
    with pytest.raises(Conflict):
        assess_rating(
            actor=p.leader,
            rating_id=an_rating.pk,
            stage="committee_decision",
            on=DAY,
            score=80,
            conditions=GOOD_CONDITIONS,
        )
    assert RatingEvent.objects.count() == 0


def test_round_closes_only_within_the_cap_or_with_a_recorded_decision(people):
    p, an, _user, binh, cuong = people
    rnd = open_p1_round(p)
    decide(p, rating_of(rnd, an), 95, EXCELLENT_CONDITIONS)
    decide(p, rating_of(rnd, binh), 80, GOOD_CONDITIONS)
    with pytest.raises(Conflict) as err:  # Cường not decided yet
        close_round(actor=p.leader, round_id=rnd.pk, on=DAY)
    assert "1" in err.value.text()
    decide(p, rating_of(rnd, cuong), 75, GOOD_CONDITIONS)
    breaches = cap_breaches(rnd)
    assert [(b.grassroots, b.excellent, b.good) for b in breaches] == [(p.tree.g1, 1, 2)]
    with pytest.raises(Conflict) as err:
        close_round(actor=p.leader, round_id=rnd.pk, on=DAY)
    assert "Đảng bộ Công ty A" in err.value.text() and "366" in err.value.text()
    with pytest.raises(Conflict):  # a number without a reason is not a recorded decision
        close_round(actor=p.leader, round_id=rnd.pk, on=DAY, decision_number="15-QĐ/ĐU")
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.OPEN and not RoundEvent.objects.filter(kind="closed").exists()
    with pytest.raises(Forbidden):
        close_round(
            actor=p.hq_admin,
            round_id=rnd.pk,
            on=DAY,
            decision_number="15-QĐ/ĐU",
            decision_reason="x",
        )
    close_round(
        actor=p.leader,
        round_id=rnd.pk,
        on=DAY,
        decision_number="15-QĐ/ĐU",
        decision_reason="Đơn vị có thành tích đột xuất",
    )
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.CLOSED and rnd.cap_decision_number == "15-QĐ/ĐU"
    closed = RoundEvent.objects.get(round=rnd, kind="closed")
    assert closed.details["breaches"][0]["grassroots"] == "G1"
    with pytest.raises(Conflict):
        assess_rating(
            actor=p.leader,
            rating_id=rating_of(rnd, an).pk,
            stage="committee_decision",
            on=DAY,
            score=90,
            conditions=EXCELLENT_CONDITIONS,
        )


def test_streaks_and_history_are_derived_from_decided_ratings_and_reads_are_logged(people):
    p, an, an_user, binh, _cuong = people
    for year in range(2021, 2026):
        rnd = open_p1_round(p, year=year)
        decide(p, rating_of(rnd, an), 95, EXCELLENT_CONDITIONS)
        decide(
            p,
            rating_of(rnd, binh),
            95 if year != 2023 else 80,
            EXCELLENT_CONDITIONS,
            level="excellent" if year != 2023 else "good",
        )
    items, count = history.streaks(p.hq_admin, p.tree.p1, level="excellent", years=5, until=2025)
    assert count == 1 and items[0].member == an and items[0].years == list(range(2021, 2026))
    _two, n2 = history.streaks(p.hq_admin, p.tree.p1, level="excellent", years=2, until=2025)
    assert n2 == 2
    assert SensitiveRead.objects.filter(target_id=str(an.pk), actor=p.hq_admin).exists()
    # The outsider's reach holds none of them.
    assert history.streaks(p.outsider, p.tree.hcm, level="excellent", years=5, until=2025)[1] == 0
    own = history.member_history(an_user, an)
    assert own.excellent_streak == 5 and own.latest is not None and own.latest.year == 2025
    before = SensitiveRead.objects.count()
    history.member_history(an_user, an)
    assert SensitiveRead.objects.count() == before  # the member's own read is not logged
    with pytest.raises(NotFound):
        history.member_history(p.outsider, an)
    counts = history.level_counts(p.leader, p.tree.p1, year=2025, kind="member")
    assert counts["levels"]["excellent"] == 2 and counts["cap"][0]["within"] is False


def test_organisation_round_uses_the_committee_above_for_the_middle_step(people):
    p, *_ = people
    rnd = open_p1_round(p, kind="organisation")
    orgs = {r.unit.code: r for r in Rating.objects.filter(round=rnd)}
    assert set(orgs) == {"G1", "B1", "B2"}
    # B1's own committee self-assesses B1; G1 (its parent) assesses it; P1 decides.
    assess_rating(
        actor=p.branch_officer,
        rating_id=orgs["B1"].pk,
        stage="self_assessment",
        on=DAY,
        score=92,
        conditions=EXCELLENT_CONDITIONS,
    )
    with pytest.raises(Forbidden):
        assess_rating(
            actor=p.branch_officer,
            rating_id=orgs["B1"].pk,
            stage="branch_assessment",
            on=DAY,
            score=92,
            conditions=EXCELLENT_CONDITIONS,
        )
    with pytest.raises(ValidationFailed) as err:
        assess_rating(
            actor=p.branch_officer,
            rating_id=orgs["B1"].pk,
            stage="self_assessment",
            on=DAY,
            score=92,
            level="excellent",
            conditions={**EXCELLENT_CONDITIONS, "disciplined_subordinate": True},
        )
    assert "kỷ luật" in err.value.text()


def test_qd_124_years_take_levels_from_conditions_without_points(people):
    p, an, an_user, *_ = people
    rnd = open_p1_round(p, year=2024)
    rating = rating_of(rnd, an)
    assess_rating(
        actor=an_user,
        rating_id=rating.pk,
        stage="self_assessment",
        on=DAY,
        level="good",
        conditions=EXCELLENT_CONDITIONS,
    )
    rating.refresh_from_db()
    assert rating.level == "good" and rating.score is None
    with pytest.raises(ValidationFailed) as err:  # no points: the level must be chosen
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            conditions=EXCELLENT_CONDITIONS,
        )
    assert "124-QĐ/TW" in err.value.text()
    with pytest.raises(ValidationFailed):  # beyond what the conditions allow
        assess_rating(
            actor=an_user,
            rating_id=rating.pk,
            stage="self_assessment",
            on=DAY,
            level="excellent",
            conditions={"tasks_on_time": True},
        )
