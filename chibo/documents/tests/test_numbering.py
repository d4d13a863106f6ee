"""The party document number parser (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.documents.numbering import (
    ABBREVIATIONS,
    KIND_ABBREVIATIONS,
    NumberFormatError,
    check_kind,
    issuer_name,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "canonical", "issuer"),
    [
        ("57-NQ/TW", "57-NQ/TW", "TW"),
        ("42-HD/BTCTW", "42-HD/BTCTW", "BTCTW"),
        ("452-KH/TU", "452-KH/TU", "TU"),
        ("01-QĐ/TW", "01-QĐ/TW", "TW"),
        ("366-QĐ/TW", "366-QĐ/TW", "TW"),
        ("50-CT/TW", "50-CT/TW", "TW"),
        ("123-CV/TU", "123-CV/TU", "TU"),
        ("Số 294 - qđ / tw", "294-QĐ/TW", "TW"),
        ("294-QD/TW", "294-QĐ/TW", "TW"),  # typed without the Vietnamese keyboard
        ("12-ttr/đu", "12-TTr/ĐU", "ĐU"),
        ("7\u2013TB/\u00d0U", "7-TB/ĐU", "ĐU"),  # en dash, and the Icelandic eth look-alike
        ("15-KL/UBKTTW", "15-KL/UBKTTW", "UBKTTW"),
    ],
)
def test_parses_party_numbers(text, canonical, issuer):
    number = parse_number(text)
    assert number.canonical == canonical
    assert number.issuer == issuer


@pytest.mark.parametrize(
    "text",
    [
        "",
        "57",
        "57-NQ",
        "NQ/TW",
        "57 NQ TW",
        "57-XY/TW",
        "0-NQ/TW",
        "-5-NQ/TW",
        "57-NQ/",
        "a-NQ/TW",
    ],
)
def test_refuses_malformed_numbers(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_kind_must_match_abbreviation():
    check_kind(parse_number("294-QĐ/TW"), "regulation")
    check_kind(parse_number("01-QĐ/TW"), "decision")  # both abbreviate QĐ
    with pytest.raises(NumberFormatError) as error:
        check_kind(parse_number("57-NQ/TW"), "directive")
    assert "CT" in str(error.value)


def test_issuer_names():
    assert issuer_name("BTCTW") == "Ban Tổ chức Trung ương"
    assert issuer_name("XYZ") == "XYZ"


_issuers = st.from_regex(r"[A-ZĐ][A-ZĐ0-9]{0,11}", fullmatch=True)


@given(
    serial=st.integers(min_value=1, max_value=99_999),
    abbreviation=st.sampled_from(sorted(ABBREVIATIONS)),
    issuer=_issuers,
    pad=st.booleans(),
)
def test_canonical_form_round_trips(serial, abbreviation, issuer, pad):
    serial_text = f"{serial:02d}" if pad else str(serial)
    text = f"{serial_text}-{abbreviation}/{issuer}"
    number = parse_number(text)
    assert number.canonical == text
    assert number.serial == serial
    assert parse_number(number.canonical) == number
    assert parse_number(text.lower()).canonical == text


@given(kind=st.sampled_from(sorted(KIND_ABBREVIATIONS)), serial=st.integers(1, 999))
def test_each_kind_accepts_its_own_abbreviation(kind, serial):
    number = parse_number(f"{serial}-{KIND_ABBREVIATIONS[kind]}/TW")
    check_kind(number, kind)
    assert kind in number.kinds()


@given(st.text(max_size=40))
def test_never_crashes(text):
    try:
        number = parse_number(text)
    except NumberFormatError:
        return
    assert parse_number(number.canonical) == number
