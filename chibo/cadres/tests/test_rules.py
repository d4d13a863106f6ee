"""The rules of cadre work, each pinned with its citation and dates."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from chibo.core.rules import NoRuleInForce

from ..rules import (
    BRANCH_POSTS,
    CADRE_RULES,
    COMMITTEE_POSTS,
    PersonFacts,
    Status,
    age_band,
    check_standards,
    incumbent_warnings,
    months_between,
    periods_months,
    posts_for,
    retirement_day,
    rotation_due_soon,
    rules_on,
)

RULE = CADRE_RULES.rule_on(date(2026, 1, 1))


def test_the_book_cites_its_regulations_and_dates():
    assert len(CADRE_RULES) == 1
    assert "QĐ 50-QĐ/TW (27/12/2021)" in RULE.source
    assert "QĐ 80-QĐ/TW (18/8/2022)" in RULE.source
    assert RULE.valid_from == date(2021, 12, 27) and RULE.valid_to is None
    # The book reaches back: older facts are judged by the first rule.
    assert CADRE_RULES.rule_on(date(2021, 12, 26)) is RULE
    assert CADRE_RULES.rule_on(date(2021, 12, 27)) is RULE
    assert "Nghị định 135/2020/NĐ-CP" in RULE.retirement_source


def test_structure_targets_of_qd_50():
    assert (RULE.young_share, RULE.young_age_below, RULE.women_share) == (0.15, 40, 0.25)


def test_unconfirmed_figures_are_configurable(settings):
    settings.CHIBO_CADRES_RULES = {"secretary_max_terms": 3, "young_share": 0.5}
    rule = rules_on(date(2026, 1, 1))
    assert rule.secretary_max_terms == 3
    assert rule.young_share == 0.15  # [V] figures are not overridden


def test_posts_per_unit_kind():
    assert posts_for("upper_grassroots") == COMMITTEE_POSTS
    assert (
        posts_for("branch") == BRANCH_POSTS == ("secretary", "deputy_secretary", "committee_member")
    )
    assert posts_for("party_cell") == ()


@pytest.mark.parametrize(
    ("birth", "gender", "retires"),
    [
        # Nghị định 135/2020/NĐ-CP, Phụ lục I: men 60y3m in 2021, +3 months a year, up to 62.
        (date(1961, 1, 15), "male", date(2021, 4, 15)),
        (date(1962, 1, 15), "male", date(2022, 7, 15)),
        (date(1966, 1, 15), "male", date(2027, 10, 15)),  # 61y9m in 2027
        (date(1970, 5, 1), "male", date(2032, 5, 1)),
        # women 55y4m in 2021, +4 months a year, up to 60.
        (date(1966, 1, 15), "female", date(2021, 5, 15)),
        (date(1980, 3, 1), "female", date(2040, 3, 1)),
    ],
)
def test_retirement_day(birth, gender, retires):
    assert retirement_day(birth, gender, RULE) == retires


def test_months_summed_over_interrupted_periods():
    assert months_between(date(2020, 1, 31), date(2020, 3, 1)) == 1
    periods = ((date(2020, 1, 1), date(2021, 1, 1)), (date(2022, 1, 1), None))
    assert periods_months(periods, date(2023, 1, 1)) == 24


def _facts(**kw: Any) -> PersonFacts:
    base: dict[str, Any] = dict(
        birth_date=date(1985, 6, 1),
        gender="female",
        theory_level="intermediate",
        general_education="12/12",
        admitted_on=date(2010, 1, 1),
        party_age_days=20 * 365,
        lower_post_periods=((date(2025, 9, 1), None),),
        consecutive_terms=0,
    )
    base.update(kw)
    return PersonFacts(**base)


def _check(facts, post="secretary", unit_kind="upper_grassroots", rule=RULE):
    return {
        c.code: c
        for c in check_standards(
            facts,
            post_kind=post,
            unit_kind=unit_kind,
            term_start=date(2030, 1, 1),
            term_end=date(2035, 1, 1),
            rule=rule,
        )
    }


def test_a_person_who_meets_every_standard():
    checks = _check(_facts())
    assert {c.status for k, c in checks.items() if k not in ("training", "ratings")} == {Status.MET}
    assert checks["training"].status == checks["ratings"].status == Status.NOT_AVAILABLE


def test_each_standard_fails_on_its_own():
    assert _check(_facts(birth_date=date(1970, 5, 1), gender="male"))["age"].failed
    assert _check(_facts(theory_level="elementary"))["theory"].failed
    assert not _check(_facts(theory_level="elementary"), unit_kind="branch")["theory"].failed
    assert _check(_facts(general_education="9/12"))["education"].failed
    assert not _check(_facts(general_education="10/10"))["education"].failed
    assert _check(_facts(party_age_days=2 * 365))["party_age"].failed
    assert _check(_facts(lower_post_periods=((date(2029, 1, 1), None),)))["lower_post"].failed
    assert _check(_facts(consecutive_terms=2))["term_limit"].failed
    assert "term_limit" not in _check(_facts(), post="committee_member")
    assert _check(_facts(ratings=((2028, "good"), (2029, "unsatisfactory"))))["ratings"].failed
    assert _check(_facts(birth_date=None))["age"].status == Status.UNKNOWN


def test_every_check_cites_a_source():
    for check in _check(_facts()).values():
        assert check.source.strip()
    assert "QĐ 80-QĐ/TW" in _check(_facts())["lower_post"].source


def test_warnings_ahead_of_retirement_and_term_limit():
    ws = incumbent_warnings(
        birth_date=date(1965, 6, 1),
        gender="male",
        post_kind="secretary",
        consecutive_terms=1,
        term_end=date(2027, 9, 1),
        today=date(2026, 12, 1),
        rule=RULE,
    )
    assert [w.code for w in ws] == ["retirement", "term_limit"]
    assert (
        incumbent_warnings(
            birth_date=date(1985, 6, 1),
            gender="male",
            post_kind="secretary",
            consecutive_terms=0,
            term_end=date(2030, 9, 1),
            today=date(2026, 12, 1),
            rule=RULE,
        )
        == []
    )


def test_rotation_reminder_and_age_bands():
    assert rotation_due_soon(date(2027, 1, 30), date(2026, 12, 1), RULE)
    assert not rotation_due_soon(date(2027, 3, 1), date(2026, 12, 1), RULE)
    assert [age_band(a) for a in (39, 40, 50, 51)] == ["under_40", "40_50", "40_50", "over_50"]


def test_a_book_without_reach_back_refuses_older_days():
    from chibo.core.rules import RuleBook

    book = RuleBook("x", [replace(RULE)], reach_back=False)
    with pytest.raises(NoRuleInForce):
        book.rule_on(date(2021, 12, 26))
