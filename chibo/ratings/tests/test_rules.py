"""Every rating rule with its citation and its date boundaries."""

from datetime import date
from decimal import Decimal

import pytest

from ..rules import (
    EXCELLENT_CAP,
    LEVEL_RULES,
    MEMBER_CRITERIA,
    ORGANISATION_CRITERIA,
    QD_366_DAY,
    Conditions,
    Level,
    cap_allows,
    cap_limit,
    highest_level,
    level_problem,
    period_end,
    streak_years,
)

R366 = LEVEL_RULES.rule_on(date(2025, 12, 31))
R124 = LEVEL_RULES.rule_on(date(2024, 12, 31))
ALL_GOOD = Conditions(tasks_on_time=True, exceeding_percent=30, shortcomings_fixed=True)


def test_qd_366_applies_from_30_august_2025_and_qd_124_before():
    assert date(2025, 8, 30) == QD_366_DAY
    assert "366-QĐ/TW" in LEVEL_RULES.rule_on(date(2025, 8, 30)).source
    assert "43-HD/BTCTW" in LEVEL_RULES.rule_on(date(2025, 8, 30)).source
    assert "124-QĐ/TW" in LEVEL_RULES.rule_on(date(2025, 8, 29)).source
    # Years before QĐ 124 are judged by it (the book reaches back), and say so.
    assert "124-QĐ/TW" in LEVEL_RULES.rule_on(date(2021, 12, 31)).source
    assert R366.uses_points and not R124.uses_points


def test_a_period_is_judged_by_the_rule_on_its_last_day():
    assert period_end(2025) == date(2025, 12, 31)
    assert period_end(2025, 2) == date(2025, 6, 30)
    assert period_end(2025, 3) == date(2025, 9, 30)
    assert "124" in LEVEL_RULES.rule_on(period_end(2025, 2)).source
    assert "366" in LEVEL_RULES.rule_on(period_end(2025, 3)).source
    with pytest.raises(ValueError):
        period_end(2025, 5)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100, Level.EXCELLENT),
        (90, Level.EXCELLENT),
        (Decimal("89.99"), Level.GOOD),
        (70, Level.GOOD),
        (Decimal("69.5"), Level.SATISFACTORY),
        (50, Level.SATISFACTORY),
        (Decimal("49.99"), Level.UNSATISFACTORY),
        (0, Level.UNSATISFACTORY),
    ],
)
def test_qd_366_score_bands(score, expected):
    assert highest_level(R366, "member", score, ALL_GOOD).level == expected


def test_excellent_needs_its_extra_conditions_not_the_score_alone():
    assert highest_level(R366, "member", 95, Conditions(tasks_on_time=True)).level == Level.GOOD
    short = Conditions(tasks_on_time=True, exceeding_percent=29, shortcomings_fixed=True)
    verdict = highest_level(R366, "member", 95, short)
    assert verdict.level == Level.GOOD
    assert any("29%" in why for why in verdict.blocked[Level.EXCELLENT])
    unfixed = Conditions(tasks_on_time=True, exceeding_percent=50, shortcomings_fixed=False)
    assert highest_level(R366, "member", 95, unfixed).level == Level.GOOD


def test_good_needs_every_task_on_time():
    late = Conditions(tasks_on_time=False, exceeding_percent=50, shortcomings_fixed=True)
    assert highest_level(R366, "member", 95, late).level == Level.SATISFACTORY


def test_collective_conditions():
    disciplined_sub = Conditions(
        tasks_on_time=True,
        exceeding_percent=40,
        shortcomings_fixed=True,
        disciplined_subordinate=True,
    )
    assert highest_level(R366, "organisation", 95, disciplined_sub).level == Level.GOOD
    # A member has no subordinate organisations: the condition is not theirs.
    assert highest_level(R366, "member", 95, disciplined_sub).level == Level.EXCELLENT
    late_20 = Conditions(late_percent=20)
    late_21 = Conditions(late_percent=21)
    assert highest_level(R366, "organisation", 60, late_20).level == Level.SATISFACTORY
    assert highest_level(R366, "organisation", 60, late_21).level == Level.UNSATISFACTORY


def test_a_disqualifying_condition_leaves_unsatisfactory():
    cond = Conditions(
        tasks_on_time=True,
        exceeding_percent=50,
        shortcomings_fixed=True,
        disqualifying=("disciplined",),
    )
    assert highest_level(R366, "member", 98, cond).level == Level.UNSATISFACTORY
    # "internal_disunity" concerns collectives only.
    only_org = Conditions(
        tasks_on_time=True,
        exceeding_percent=50,
        shortcomings_fixed=True,
        disqualifying=("internal_disunity",),
    )
    assert highest_level(R366, "member", 98, only_org).level == Level.EXCELLENT
    assert highest_level(R366, "organisation", 98, only_org).level == Level.UNSATISFACTORY


def test_level_contradicting_score_or_conditions():
    assert level_problem(R366, "member", 95, Level.EXCELLENT, ALL_GOOD) is None
    assert "điểm 85 < 90" in (level_problem(R366, "member", 85, Level.EXCELLENT, ALL_GOOD) or "")
    # Lower than the score and conditions give also contradicts the 100-point scale.
    assert level_problem(R366, "member", 95, Level.SATISFACTORY, ALL_GOOD)
    # QĐ 124 has no points: any level up to what the conditions allow.
    assert level_problem(R124, "member", None, Level.SATISFACTORY, ALL_GOOD) is None
    assert level_problem(R124, "member", None, Level.EXCELLENT, Conditions(tasks_on_time=True))


def test_cap_is_twenty_percent_of_good_per_grassroots_and_unconfirmed_under_qd_366():
    old, new = EXCELLENT_CAP.rule_on(date(2024, 12, 31)), EXCELLENT_CAP.rule_on(date(2025, 12, 31))
    assert old.percent == new.percent == 20 and old.per == new.per == "grassroots"
    assert old.confirmed and not new.confirmed
    assert EXCELLENT_CAP.rule_on(date(2025, 8, 29)) is old
    assert EXCELLENT_CAP.rule_on(date(2025, 8, 30)) is new
    assert "366" in new.source
    assert cap_allows(excellent=2, good=10, percent=20)
    assert not cap_allows(excellent=3, good=10, percent=20)
    assert not cap_allows(excellent=1, good=4, percent=20)
    assert cap_limit(14, 20) == 2


def test_criteria_templates_per_year():
    t366 = MEMBER_CRITERIA.rule_on(date(2025, 12, 31))
    assert t366.total == 100 and not t366.confirmed and "366" in t366.source
    assert ORGANISATION_CRITERIA.rule_on(date(2025, 12, 31)).total == 100
    assert MEMBER_CRITERIA.rule_on(date(2024, 12, 31)).total is None  # no points under QĐ 124


def test_streak_years():
    assert streak_years([2021, 2022, 2023, 2024, 2025], 2025) == 5
    assert streak_years([2021, 2022, 2024, 2025], 2025) == 2
    assert streak_years([2021, 2022], 2025) == 0
