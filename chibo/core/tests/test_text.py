from hypothesis import given
from hypothesis import strategies as st

from chibo.core.text import collation_key, fold, name_sort_key, sort_text


def test_fold_removes_marks_and_d_bar():
    assert fold("Phường Sài Gòn") == "phuong sai gon"
    assert fold("  ĐẢNG   bộ  ") == "dang bo"
    assert fold("Ðinh") == "dinh"  # U+00D0 look-alike


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_vietnamese_letter_order():
    words = ["đào", "dung", "an", "ăn", "ân", "bình", "ơn", "ôn", "on", "ưu", "uyên"]
    assert sorted(words, key=collation_key) == [
        "an",
        "ăn",
        "ân",
        "bình",
        "dung",
        "đào",
        "on",
        "ôn",
        "ơn",
        "uyên",
        "ưu",
    ]


def test_tone_order_breaks_ties():
    words = ["mạ", "mả", "má", "ma", "mã", "mà"]
    assert sorted(words, key=collation_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]


def test_names_sort_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê An", "Phạm Thị Ánh"]
    assert sorted(names, key=name_sort_key) == [
        "Lê An",
        "Nguyễn Thị An",
        "Phạm Thị Ánh",
        "Trần Văn Bình",
    ]


def test_sort_text_orders_numbers_by_value():
    names = ["Chi bộ Khu phố 10", "Chi bộ Khu phố 2", "Chi bộ Ấp 1", "Chi bộ Khu phố 1"]
    assert sorted(names, key=sort_text) == [
        "Chi bộ Ấp 1",
        "Chi bộ Khu phố 1",
        "Chi bộ Khu phố 2",
        "Chi bộ Khu phố 10",
    ]


def test_name_sort_text_orders_like_the_key():
    from chibo.core.text import name_sort_text

    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê An", "Phạm Thị Ánh", "Đỗ Ân", "Võ Ăn"]
    assert sorted(names, key=name_sort_text) == sorted(names, key=name_sort_key)
