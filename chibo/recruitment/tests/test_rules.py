"""Every admission rule with its figures, its source and the dates it applies."""

from datetime import date
from fractions import Fraction

import pytest

from chibo.core import workdays

from .. import rules
from ..queries import rolled_target

CAL = workdays.calendar_from([])


def test_eligibility_versions_and_dates():
    old = rules.ELIGIBILITY.rule_on(date(2025, 6, 30))
    new = rules.ELIGIBILITY.rule_on(date(2025, 7, 1))
    assert "QĐ 24-QĐ/TW" in old.source and old.valid_to == date(2025, 7, 1)
    assert "QĐ 294-QĐ/TW" in new.source and new.valid_from == date(2025, 7, 1)
    assert new.valid_to is None
    for rule in (old, new):
        assert rule.min_age_months == 216 and rule.max_age_months == 720
        assert rule.min_education_grade == 9
        assert rule.sponsors == 2 and rule.sponsor_known_months == 12
        assert "Điều 4" in rule.source
    # before the first version: judged by it (reach back)
    assert rules.ELIGIBILITY.rule_on(date(2019, 1, 1)) is old


def test_votes_two_thirds_of_the_charter():
    rule = rules.VOTES.rule_on(date(2026, 1, 1))
    assert rule.branch_share == Fraction(2, 3) == rule.committee_share
    assert "Điều 4 khoản 3" in rule.source
    assert rule.valid_from == date(2011, 1, 19) and rule.valid_to is None
    assert rules.share_reached(2, 3, rule.branch_share)
    assert not rules.share_reached(5, 8, rule.branch_share)  # 62.5 %
    assert rules.share_reached(6, 9, rule.branch_share)  # exactly 2/3
    assert not rules.share_reached(0, 0, rule.branch_share)


def test_deadline_figures_and_versions():
    old = rules.DEADLINES.rule_on(date(2025, 6, 30))
    new = rules.DEADLINES.rule_on(date(2025, 7, 1))
    assert "QĐ 24-QĐ/TW" in old.source and "QĐ 294-QĐ/TW" in new.source
    for rule in (old, new):
        assert (rule.decide_days, rule.extension_days, rule.ceremony_days) == (60, 30, 30)
        assert rule.full_review_days == 30


def test_decision_due_counts_working_days():
    # Monday 1/6/2026 + 60 working days (no holiday in June-August but 2/9 is later)
    due = rules.decision_due(date(2026, 6, 1), extended=False, calendar=CAL)
    assert due == date(2026, 8, 24)
    assert workdays.working_days_between(date(2026, 6, 1), due, calendar=CAL) == 60
    extended = rules.decision_due(date(2026, 6, 1), extended=True, calendar=CAL)
    assert workdays.working_days_between(date(2026, 6, 1), extended, calendar=CAL) == 90
    # 2/9 and 1/9 (National Day) are not working days
    assert extended == date(2026, 10, 7)


def test_ceremony_due_and_full_review_due():
    assert rules.ceremony_due(date(2026, 7, 22), calendar=CAL) == date(2026, 9, 4)
    # full from 10/8/2027, then 30 working days (1-2/9/2027: National Day holidays)
    due = rules.full_review_due(date(2026, 8, 10), calendar=CAL)
    assert due == date(2027, 9, 23)
    assert workdays.working_days_between(date(2027, 8, 10), due, calendar=CAL) == 30


@pytest.mark.parametrize(
    ("text", "grade"),
    [("9/12", 9), ("12/12", 12), ("7/10", 9), ("6/10", 8), ("8/12", 8), ("abc", None), ("", None)],
)
def test_education_grade(text, grade):
    assert rules.education_grade(text) == grade


def test_age_in_months():
    assert rules.age_in_months(date(2008, 6, 2), date(2026, 6, 1)) == 215
    assert rules.age_in_months(date(2008, 6, 1), date(2026, 6, 1)) == 216
    assert rules.age_in_months(date(1966, 5, 31), date(2026, 6, 1)) == 720
    assert rules.age_in_months(date(1966, 4, 30), date(2026, 6, 1)) == 721


def test_sponsor_known_a_year():
    assert rules.sponsor_known_enough(date(2025, 3, 2), date(2026, 3, 2))
    assert not rules.sponsor_known_enough(date(2025, 3, 3), date(2026, 3, 2))


def test_percent_as_conference_tallies_print():
    assert rules.percent(406, 400) == 102
    assert rules.percent(399, 400) == 100  # 99.75 rounds half up to 100
    assert rules.percent(1, 3) == 33
    assert rules.percent(5, 0) is None


def test_rolled_target():
    targets = {"0001": 400, "00010001": 10, "00010002": 20, "00020001": 5, "00020001" + "0001": 2}
    assert rolled_target("0001", targets) == 400  # own target wins
    assert rolled_target("0002", targets) == 5  # nearest below; the one under it not twice
    assert rolled_target("0003", targets) is None
