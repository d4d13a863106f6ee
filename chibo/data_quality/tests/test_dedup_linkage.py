"""The duplicate-detection scoring core on a small generated dirty set (no database).

The full-size figures come from bench/dq_dedup_bench.py and bench/dq_febrl_bench.py; this test
fails when the model, the keys or the blocking break on the kinds of damage old registers have.
"""

from datetime import date

import pytest

from chibo.data_quality.duplicates import FLAG_THRESHOLD
from chibo.data_quality.duplicates.detect import detect_in_records
from chibo.data_quality.duplicates.keys import normalize_phone_key, record_keys
from chibo.data_quality.duplicates.linkage import f1_of
from chibo.data_quality.duplicates.synthetic import generate


def test_f1_of_counts_pairs_in_any_order():
    metrics = f1_of([("b", "a"), ("c", "d")], [("a", "b"), ("e", "f")])
    assert metrics.true_positives == 1
    assert metrics.precision == 0.5
    assert metrics.recall == 0.5
    assert metrics.f1 == 0.5
    assert f1_of([], [("a", "b")]).f1 == 0.0


def test_keys_fold_damage_away():
    clean = record_keys({"full_name": "Nguyễn Thị Hòa", "birth_date": "09/02/1986"})
    for damaged in ("Nguyen Thi Hoa", "Nguyễn Thị Hoà", "NGUYỄN  THỊ HÒA", "Nguyễn Thị Hòa"):
        assert record_keys({"full_name": damaged})["name"] == clean["name"] == "nguyen thi hoa"
    assert clean["birth_date"] == date(1986, 2, 9)
    assert record_keys({"full_name": "x", "birth_date": "1975"})["birth_precision"] == "year"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0162 345 6789", "0323456789"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("", None),
        ("12345", None),
    ],
)
def test_phone_keys(raw, expected):
    assert normalize_phone_key(raw) == expected


@pytest.fixture(scope="module")
def dirty_set():
    return generate(800, seed=11)


@pytest.fixture(scope="module")
def scored(dirty_set):
    return detect_in_records(dirty_set.records)


def test_flagged_pairs_f1_on_dirty_set(dirty_set, scored):
    flagged = [(a, b) for a, b, p, _w in scored if p >= FLAG_THRESHOLD]
    metrics = f1_of(flagged, dirty_set.true_pairs)
    assert metrics.actual > 100
    assert metrics.f1 >= 0.97, metrics


def test_pairs_carry_probability_and_weights(scored):
    assert scored
    for a, b, probability, weights in scored:
        assert a != b
        assert 0.5 <= probability <= 1.0
        assert {"name", "birth_date", "citizen_id", "phone"} <= set(weights)
