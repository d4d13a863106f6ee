import re
import unicodedata

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from chibo.core.text import fold
from chibo.data_quality.normalize import normalize_name, normalize_text, tone_style
from chibo.data_quality.normalize.syllables import MODERN, TRADITIONAL, is_syllable, restyle_word

from .strategies import alphabet_text, syllables, vietnamese_text

nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


def test_nfc_eth_and_spaces():
    assert normalize_text(nfd("  Nguyễn\u00a0 Văn\tAn  ")) == "Nguyễn Văn An"
    assert normalize_text("ÐỖ ðức") == "ĐỖ đức"
    assert normalize_text("a\u200bb") == "a b"
    assert normalize_text("") == ""


def test_traditional_style_is_the_default():
    assert tone_style() == TRADITIONAL
    assert normalize_text("hoà thuỷ khoẻ Cộng hoà") == "hòa thủy khỏe Cộng hòa"
    # Syllables with a final consonant or a marked vowel are the same in both styles.
    assert normalize_text("hoàng huỳnh Nguyễn được khuyến") == "hoàng huỳnh Nguyễn được khuyến"
    # qu and gi are consonants; three-vowel rhymes take the mark in the middle.
    assert normalize_text("quý giữ ngoài khuỷu của mía") == "quý giữ ngoài khuỷu của mía"


@override_settings(CHIBO_TONE_STYLE=MODERN)
def test_modern_style_from_settings():
    assert tone_style() == MODERN
    assert normalize_text("hòa thủy khỏe Hòa Bình") == "hoà thuỷ khoẻ Hoà Bình"


def test_misplaced_marks_are_moved():
    assert normalize_text("Nguyêñ") == "Nguyễn"  # a mark typed on the wrong letter
    assert normalize_text(nfd("Thúy") + " " + "tòan") == "Thúy toàn"


def test_names_are_title_case_per_syllable():
    assert normalize_name("nguyễn thị ánh tuyết") == "Nguyễn Thị Ánh Tuyết"
    assert normalize_name("NGUYỄN THỊ ÁNH TUYẾT") == "Nguyễn Thị Ánh Tuyết"
    assert normalize_name(nfd("  trần   THỊ  thuỷ ")) == "Trần Thị Thủy"
    assert normalize_name("ÐẶNG văn lâm") == "Đặng Văn Lâm"
    assert normalize_name("h'hen niê") == "H'Hen Niê"
    assert normalize_name("lê-nguyễn an") == "Lê-Nguyễn An"


def test_words_that_are_not_vietnamese_are_left_alone():
    assert normalize_text("Smith O'Neil café") == "Smith O'Neil café"


@given(st.text())
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text())
def test_normalize_name_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(st.text())
def test_output_is_nfc_without_eth_and_single_spaced(text):
    out = normalize_text(text)
    assert unicodedata.is_normalized("NFC", out)
    assert "\u00d0" not in out and "\u00f0" not in out
    assert out == out.strip() and "  " not in out


@given(vietnamese_text(), st.sampled_from((TRADITIONAL, MODERN)))
def test_tone_style_is_consistent(text, style):
    out = normalize_text(nfd(text), style)
    for word in re.findall(r"[^\W\d_]+", out):
        assert restyle_word(word, style) == word
    # Changing the style and back gives the same text: only the place of the mark moves.
    other = MODERN if style == TRADITIONAL else TRADITIONAL
    assert normalize_text(normalize_text(out, other), style) == out


@given(alphabet_text)
def test_normalisation_changes_no_letter(text):
    assert fold(normalize_text(text)) == fold(text)


@given(syllables())
def test_generated_syllables_are_syllables(word):
    assert is_syllable(word)
    assert is_syllable(nfd(word))


@given(vietnamese_text())
def test_names_keep_their_letters(text):
    out = normalize_name(text)
    assert out.lower() == normalize_text(text).lower()
    assert all(w[0].isupper() for w in out.split())
