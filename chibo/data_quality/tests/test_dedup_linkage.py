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


def test_sql_keys_follow_the_python_keys():
    """The database path derives keys in DuckDB SQL; they must equal the Python ones."""
    from chibo.core.text import fold
    from chibo.data_quality.duplicates.detect import connect
    from chibo.data_quality.duplicates.keys import normalize_phone_key
    from chibo.data_quality.duplicates.source import derive_member_keys

    phones = ["0162 345 6789", "+84 912 345 678", "84912345678", "", "12345", "0084 90 1234567",
              "912345678", "01203456789", None]  # fmt: skip
    places = ["Phường Bến Nghé,  Quận 1", "XÃ ĐÔNG  HÒA", "Thuỷ Xuân", "Ðông Hà", "", None]
    con = connect()
    con.execute(
        "CREATE TABLE raw (id BIGINT, search_name VARCHAR, birth_date DATE, "
        "birth_date_precision VARCHAR, gender VARCHAR, citizen_id VARCHAR, phone VARCHAR, "
        "home_town VARCHAR)"
    )
    rows = [
        (i, "nguyen van a", None, "day", "male", "079 180 000 001", phone, places[i % len(places)])
        for i, phone in enumerate(phones)
    ]
    con.executemany("INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    derive_member_keys(con, "raw", "keys")
    got = con.execute("SELECT unique_id, phone, place, citizen_id FROM keys ORDER BY 1").fetchall()
    for (_i, phone, place, citizen_id), raw in zip(got, rows, strict=True):
        assert phone == normalize_phone_key(raw[6]), raw[6]
        assert place == (fold(unicodedata_nfd_safe(raw[7])) or None), raw[7]
        assert citizen_id == "079180000001"


def unicodedata_nfd_safe(value: str | None) -> str:
    return (value or "").replace("\u00d0", "Đ")
