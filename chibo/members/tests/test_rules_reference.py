"""Ethnic groups, religions, political theory levels and general education."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.members.rules import (
    ETHNIC_GROUPS,
    GeneralEducation,
    Religion,
    TheoryLevel,
    find_ethnic_group,
    parse_general_education,
)
from chibo.members.rules.problems import codes
from chibo.members.rules.reference import (
    ETHNIC_GROUP_BY_CODE,
    THEORY_RANK,
    check_general_education,
)


def test_54_groups_with_codes_01_to_54():
    assert len(ETHNIC_GROUPS) == 54
    assert [g.code for g in ETHNIC_GROUPS] == [f"{n:02d}" for n in range(1, 55)]
    assert len({g.name for g in ETHNIC_GROUPS}) == 54


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("01", "Kinh"),
        ("02", "Tày"),
        ("03", "Thái"),
        ("04", "Mường"),
        ("05", "Khmer"),
        ("06", "Hoa"),
        ("07", "Nùng"),
        ("08", "H'Mông"),
        ("09", "Dao"),
        ("10", "Gia Rai"),
        ("14", "Chăm"),
        ("20", "Mnông"),
        ("24", "Bru Vân Kiều"),
        ("43", "Ngái"),
        ("51", "Pu Péo"),
        ("52", "Rơ Măm"),
        ("53", "Brâu"),
        ("54", "Ơ Đu"),
    ],
)
def test_pinned_codes(code, name):
    assert ETHNIC_GROUP_BY_CODE[code].name == name


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("kinh", "01"),
        ("Khơ-me", "05"),
        ("Mông", "08"),
        ("hmong", "08"),
        ("M'Nông", "20"),
        ("bru-van kieu", "24"),
        ("Cờ Lao", "47"),
        ("O DU", "54"),
    ],
)
def test_find_by_written_name(written, code):
    group = find_ethnic_group(written)
    assert group is not None and group.code == code


def test_unknown_name():
    assert find_ethnic_group("Người nước ngoài") is None


def test_religions_include_none_and_the_main_ones():
    values = set(Religion.values)
    assert {
        "none",
        "buddhism",
        "catholicism",
        "protestantism",
        "caodaism",
        "hoa_hao",
        "islam",
    } <= values
    assert str(Religion.NONE.label) == "Không"


def test_theory_levels_rank():
    assert [str(label) for label in TheoryLevel.labels][1:] == [
        "Sơ cấp",
        "Trung cấp",
        "Cao cấp",
        "Cử nhân",
    ]
    assert THEORY_RANK[TheoryLevel.ELEMENTARY] < THEORY_RANK[TheoryLevel.INTERMEDIATE]
    assert THEORY_RANK[TheoryLevel.INTERMEDIATE] < THEORY_RANK[TheoryLevel.ADVANCED]
    assert THEORY_RANK[TheoryLevel.ADVANCED] == THEORY_RANK[TheoryLevel.BACHELOR]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/12", GeneralEducation(12, 12)),
        (" 9 / 12 ", GeneralEducation(9, 12)),
        ("lớp 7/10", GeneralEducation(7, 10)),
        ("10/10", GeneralEducation(10, 10)),
    ],
)
def test_parse_education(text, expected):
    assert parse_general_education(text) == expected


@pytest.mark.parametrize("text", ["13/12", "0/12", "9/11", "đại học", "9"])
def test_parse_education_refuses(text):
    with pytest.raises(ValueError):
        parse_general_education(text)
    assert codes(check_general_education(text)) == ["education.format"]


def test_old_ten_year_system_equivalents():
    assert GeneralEducation(10, 10).grade_in_12_year_system() == 12
    assert GeneralEducation(7, 10).completed_lower_secondary()
    assert not GeneralEducation(6, 10).completed_lower_secondary()
    assert GeneralEducation(9, 12).completed_lower_secondary()
    assert not GeneralEducation(8, 12).completed_lower_secondary()


@given(st.sampled_from([10, 12]), st.data())
def test_education_round_trips_and_is_monotone(system, data):
    grade = data.draw(st.integers(min_value=1, max_value=system))
    level = parse_general_education(f"{grade}/{system}")
    assert parse_general_education(level.format()) == level
    assert 1 <= level.grade_in_12_year_system() <= 12
    if grade > 1:
        lower = GeneralEducation(grade - 1, system)
        assert lower.grade_in_12_year_system() < level.grade_in_12_year_system()
