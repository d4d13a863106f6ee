from datetime import date

import pytest

from chibo.core.errors import ValidationFailed

from .. import periods
from ..rules import DOCUMENT_FORMATS


def test_document_format_follows_hd_36_from_its_date():
    rule = DOCUMENT_FORMATS.rule_on(date(2018, 4, 3))
    assert "36-HD/VPTW" in rule.source
    assert (rule.font, rule.party_title_pt, rule.body_name_pt, rule.kind_pt) == (
        "Times New Roman",
        15,
        14,
        16,
    )
    assert 14 <= rule.body_pt <= 15
    assert rule.valid_to is None
    # Before the guidance, the book reaches back to it (older reports print the same way).
    assert DOCUMENT_FORMATS.rule_on(date(2017, 1, 1)) is rule


@pytest.mark.parametrize(
    ("kind", "number", "start", "end"),
    [
        ("month", 2, date(2028, 2, 1), date(2028, 2, 29)),
        ("quarter", 1, date(2028, 1, 1), date(2028, 3, 31)),
        ("quarter", 4, date(2028, 10, 1), date(2028, 12, 31)),
        ("half", 2, date(2028, 7, 1), date(2028, 12, 31)),
        ("year", 1, date(2028, 1, 1), date(2028, 12, 31)),
    ],
)
def test_period_bounds(kind, number, start, end):
    assert periods.bounds(kind, 2028, number) == (start, end)


def test_period_number_out_of_range_is_refused():
    with pytest.raises(ValidationFailed):
        periods.bounds("quarter", 2026, 5)
