"""The meeting rules (Chỉ thị 50-CT/TW, HD 42-HD/BTCTW, Điều lệ Đảng Điều 8)."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from .. import rules

LAW = rules.rule_on(date(2026, 1, 1))
START = datetime(2026, 3, 5, 14, 0)


def test_rules_cite_their_sources():
    assert "50-CT/TW" in LAW.source and "42-HD/BTCTW" in LAW.source
    assert "Điều 8" in LAW.absence_source
    assert rules.rule_on(date(2020, 1, 1)) is LAW


@given(
    st.integers(min_value=0, max_value=600), st.sampled_from(["regular", "thematic", "combined"])
)
def test_duration(minutes, kind):
    ok = rules.duration_ok(kind, START, START + timedelta(minutes=minutes), LAW)
    assert ok == (minutes >= (120 if kind == "combined" else 90))


@given(st.integers(min_value=-72 * 60, max_value=72 * 60))
def test_documents_one_day_before(minutes_before):
    posted = START - timedelta(minutes=minutes_before)
    assert rules.documents_on_time(posted, START, LAW) == (minutes_before >= 24 * 60)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_attendance_rate_bounds(present, expected):
    rate = rules.attendance_rate(present, expected)
    if expected == 0:
        assert rate is None
    else:
        assert rate is not None and 0 <= rate <= 1
        assert rules.low_attendance(present, expected, LAW) == (rate < 0.8)


@given(st.sets(st.integers(min_value=1, max_value=12)), st.integers(min_value=1, max_value=12))
def test_months_without_regular(met, month):
    held = [(date(2026, m, 5), "regular") for m in met]
    missing = rules.months_without_regular(held, 2026, date(2026, month, 15))
    assert missing == [m for m in range(1, month) if m not in met]


def test_combined_counts_as_both():
    held = [(date(2026, 2, 5), "combined")]
    assert 2 not in rules.months_without_regular(held, 2026, date(2026, 12, 1))
    assert rules.quarters_without_thematic(held, 2026, date(2026, 12, 1), LAW) == [2, 3]
    assert rules.quarters_without_thematic(held, 2025, date(2026, 12, 1), LAW) == [1, 2, 3, 4]


@given(st.lists(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)), max_size=12))
def test_removal_case_counts_distinct_months(absences):
    months = {d.month for d in absences}
    assert rules.removal_case(absences, 2026, LAW) == (len(months) >= 3)


def test_default_year_plan():
    plan = rules.default_year_plan(2026)
    assert len(plan) == 16
    assert [p.kind for p in plan].count("thematic") == 4
    later = rules.default_year_plan(2026, after=date(2026, 6, 30))
    assert all(p.day > date(2026, 6, 30) for p in later) and len(later) == 8


def test_the_rules_are_a_dated_rule_book_with_an_exclusive_end():
    """Finding 9: one mechanism (core.rules.RuleBook), `valid_to` exclusive as everywhere."""
    from chibo.core.rules import RuleBook
    from chibo.org.models import UnitKind

    assert isinstance(rules.MEETING_RULES, RuleBook)
    assert all(rule.source for rule in rules.MEETING_RULES)
    first = rules.MEETING_RULES.rules[0]
    ended = replace(first, valid_to=date(2030, 1, 1))
    later = replace(first, valid_from=date(2030, 1, 1), valid_to=None, documents_days_before=3)
    book = RuleBook("meetings, two versions", [ended, later])
    assert book.rule_on(date(2029, 12, 31)) is ended
    assert book.rule_on(date(2030, 1, 1)) is later  # the end day belongs to the next version
    assert {UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH} == rules.MEETING_UNIT_KINDS
