"""The four tests as pure functions: each failure is explained, with its rule where one exists."""

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

from chibo.data_quality import criteria
from chibo.data_quality.criteria import Criterion, Period

from .campaign_support import good_fields

PERIOD = Period("Đợt 2026", date(2026, 1, 1), date(2026, 3, 31))


def member(**overrides):
    return SimpleNamespace(unit_id=1, birth_date_precision="day", **good_fields(**overrides))


def codes(result):
    return [r.code for r in result.reasons]


def test_a_good_record_passes_all_four():
    result = criteria.check_record(
        member(), confirmed_on=date(2026, 2, 1), period=PERIOD, today=date(2026, 2, 2)
    )
    assert [r.passed for r in result.results] == [True, True, True, True]
    assert result.passes_all
    assert result.failing_fields() == []


def test_citizen_id_against_birth_year_and_gender_fails_correct_with_the_rule():
    m = member(birth_date=date(1990, 1, 1))  # the ID says 1985
    result = criteria.check_correct(m, today=date(2026, 1, 1))
    assert not result.passed
    assert "citizen_id.birth_year" in codes(result)
    reason = next(r for r in result.reasons if r.code == "citizen_id.birth_year")
    assert "Thông tư 07/2016/TT-BCA" in reason.citation
    assert reason.field == "citizen_id"


def test_dates_out_of_order_fail_correct():
    result = criteria.check_correct(member(full_member_on=date(2009, 1, 1)))
    assert not result.passed
    assert "dates.full_before_admission" in codes(result)


def test_unknown_ethnicity_and_education_fail_correct():
    result = criteria.check_correct(member(ethnicity="99", general_education="lớp mười"))
    assert {"ethnicity.unknown", "education.format"} <= set(codes(result))


def test_old_cmnd_fails_correct_though_the_registry_only_warns():
    result = criteria.check_correct(member(citizen_id="024123456"))
    assert not result.passed
    assert codes(result) == ["citizen_id.old_cmnd"]


def test_unconfirmed_card_format_is_a_warning_only():
    result = criteria.check_correct(member(card_number="12"))
    assert result.passed
    assert [r.severity for r in result.reasons] == ["warning"]


def test_missing_required_fields_fail_complete_one_reason_each():
    result = criteria.check_complete(member(citizen_id="", home_town="  ", ethnicity=""))
    assert not result.passed
    assert codes(result) == ["missing.citizen_id", "missing.home_town", "missing.ethnicity"]
    assert result.reasons[0].message == "Thiếu Số CCCD."
    assert not result.reasons[0].confirmed  # the required list is the campaign's working rule


def test_card_number_required_for_full_members_only():
    assert "missing.card_number" in codes(criteria.check_complete(member(card_number=None)))
    probationary = member(card_number=None, full_member_on=None, status="probationary")
    assert criteria.check_complete(probationary).passed


@pytest.mark.parametrize(
    ("field", "value", "normal"),
    [
        ("full_name", "Nguye\u0302\u0303n Thi\u0323 Hoa\u0300", "Nguyễn Thị Hòa"),  # NFD
        ("full_name", "nguyễn  thị hoà", "Nguyễn Thị Hòa"),  # case, spaces, tone style
        ("phone", "+84 912 345 678", "0912345678"),
        ("phone", "01623456789", "0323456789"),  # renumbered in 2018
    ],
)
def test_values_not_in_normal_form_fail_clean(field, value, normal):
    result = criteria.check_clean(member(**{field: value}))
    assert not result.passed
    reason = result.reasons[0]
    assert reason.code.startswith(f"unclean.{field}")
    assert normal in reason.message or "NFD" in reason.message


def test_open_duplicate_pair_fails_clean():
    result = criteria.check_clean(member(), open_pairs=2)
    assert codes(result) == ["duplicate.open_pair"]


def test_current_needs_a_confirmation_inside_the_period():
    assert criteria.check_current(confirmed_on=date(2026, 3, 31), period=PERIOD).passed
    late = criteria.check_current(confirmed_on=date(2026, 4, 1), period=PERIOD)
    assert codes(late) == ["current.not_confirmed"]
    assert "01/01/2026" in late.reasons[0].message
    assert codes(criteria.check_current(confirmed_on=None, period=None)) == ["current.no_campaign"]


def test_failing_fields_in_test_order_without_repeats():
    result = criteria.check_record(
        member(full_name="nguyễn thị hòa", citizen_id="", phone="+84912345678"),
        period=PERIOD,
    )
    assert result.failing_fields() == ["citizen_id", "full_name", "phone"]
    assert set(result.reasons_json()) == {t.value for t in Criterion}


def test_year_only_birth_date_is_compared_at_its_precision():
    m = member()
    m = SimpleNamespace(
        **{**vars(m), "birth_date": date(1985, 1, 1), "birth_date_precision": "year"}
    )
    assert criteria.check_correct(m).passed


def test_summarise_counts():
    rows = [
        {"correct": True, "complete": True, "clean": True, "current": True},
        {"correct": True, "complete": False, "clean": True, "current": True},
    ]
    assert criteria.summarise(rows) == {
        "correct": 2,
        "complete": 1,
        "clean": 2,
        "current": 2,
        "all_four": 1,
        "total": 2,
    }


def test_reason_dataclass_is_frozen():
    reason = criteria.Reason("x", "y")
    assert replace(reason, code="z").code == "z"
