"""The allocation formula (our choice, rules.ALLOCATION) and the dates of the rules."""

from datetime import date

from ..rules import ALLOCATION, BADGES, allocate

RULE = ALLOCATION.rule_on(date(2025, 1, 1))


def test_seats_follow_members_by_largest_remainder():
    # 10 seats over 50/30/20 members: quotas after the minimum of 1 each (7 left): 3.5/2.1/1.4
    # → 3/2/1 and one remainder seat to the largest fraction (0.5).
    shares = allocate({1: 50, 2: 30, 3: 20}, 10, RULE)
    assert {u: s for u, (s, _a) in shares.items()} == {1: 5, 2: 3, 3: 2}
    assert sum(s for s, _a in shares.values()) == 10


def test_every_unit_with_members_gets_its_minimum_and_empty_units_none():
    shares = allocate({1: 1000, 2: 1, 3: 0}, 5, RULE)
    assert shares[2][0] == 1
    assert shares[3] == (0, 0)
    assert shares[1][0] == 4


def test_alternates_are_ten_percent_rounded_down_at_least_one_beyond_a_single_seat():
    shares = allocate({1: 100, 2: 100}, 40, RULE)
    assert shares[1] == (20, 2)
    assert allocate({1: 5}, 9, RULE)[1] == (9, 1)
    assert allocate({1: 5, 2: 1}, 3, RULE)[2] == (1, 0)


def test_ties_in_remainders_go_to_the_larger_unit_then_the_lower_id():
    shares = allocate({1: 10, 2: 10, 3: 20}, 4, RULE)
    # after minimums 1 seat left; quotas 0.25/0.25/0.5 → unit 3.
    assert [shares[u][0] for u in (1, 2, 3)] == [1, 1, 2]


def test_rule_dates_are_pinned():
    assert RULE.valid_from == date(2024, 10, 10)
    assert ALLOCATION.rule_on(date(2024, 10, 10)) is RULE
    # Congresses convened under the older regulation are read with the first rule (reach back).
    assert ALLOCATION.rule_on(date(2024, 10, 9)) is RULE
    assert ALLOCATION.rule_on(date(2030, 1, 1)) is RULE
    assert BADGES.rule_on(date(2025, 6, 1)).opens_days_before == 1
    assert "Lựa chọn của Chi Bộ Số" in RULE.source
