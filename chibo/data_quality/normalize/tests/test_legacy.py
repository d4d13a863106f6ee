import string
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chibo.data_quality.normalize import decode_bytes, encode_cp1258, encode_legacy, fix_legacy_text
from chibo.data_quality.normalize.legacy import decode_legacy
from chibo.data_quality.normalize.legacy_tables import TCVN3_DECODE
from chibo.data_quality.normalize.syllables import is_syllable

from .strategies import alphabet_text, vietnamese_text

SENTENCE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Đảng Cộng sản Việt Nam, NGUYỄN THỊ ÁNH (Hà Nội)"


@pytest.mark.parametrize(
    ("legacy", "unicode", "encoding"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3"),
        ("§¶ng Céng s¶n ViÖt Nam", "Đảng Cộng sản Việt Nam", "tcvn3"),
        ("NguyÔn ThÞ Minh Khai", "Nguyễn Thị Minh Khai", "tcvn3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni"),
        ("Ñaûng Coäng saûn Vieät Nam", "Đảng Cộng sản Việt Nam", "vni"),
        ("NGUYEÃN THÒ AÙNH", "NGUYỄN THỊ ÁNH", "vni"),
        ("Nguye^~n Thi. Minh Khai", "Nguyễn Thị Minh Khai", "viqr"),
        ("DDa?ng Co^.ng sa?n Vie^.t Nam", "Đảng Cộng sản Việt Nam", "viqr"),
    ],
)
def test_known_legacy_text_is_converted(legacy, unicode, encoding):
    assert fix_legacy_text(legacy) == (unicode, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Hello, world. How are you?",
        "a.b@example.com",
        "Q.1, P. Ben Nghe, TP.HCM",
        "Tổ 5, KP.3 (Hà Nội)",
        "Hoà",  # valid Unicode, although VNI writes ồ the same way
        "café à la mode",
        "Nguyen Van A.",
        "12/03/1980",
        "",
    ],
)
def test_unicode_and_plain_ascii_are_left_alone(text):
    assert fix_legacy_text(text) == (text, None)


_ASCII = string.ascii_letters + string.digits + ' ,;:-/()@#&"!'


@given(st.text(alphabet=_ASCII))
def test_plain_ascii_is_never_converted(text):
    assert fix_legacy_text(text) == (text, None)


@given(vietnamese_text())
def test_unicode_vietnamese_is_never_converted(text):
    assert fix_legacy_text(text) == (text, None)


@given(alphabet_text, st.sampled_from(("tcvn3", "vni", "viqr")))
def test_conversion_round_trips_over_the_whole_alphabet(text, encoding):
    assert decode_legacy(encode_legacy(text, encoding), encoding) == text


@given(vietnamese_text(min_words=2), st.sampled_from(("tcvn3", "vni", "viqr")))
def test_detection_round_trips(text, encoding):
    encoded = encode_legacy(text, encoding)
    fixed, detected = fix_legacy_text(encoded)
    if detected is not None:
        assert (fixed, detected) == (text, encoding)
    # Two encodings that read the text equally well ("UÙ" is Ú in VNI, UỄ in TCVN3): no guess.
    others = [decode_legacy(encoded, e) for e in ("tcvn3", "vni", "viqr") if e != encoding]
    assume(all(_syllables(o) < _syllables(text) for o in others))
    # When some word written the legacy way is not a Vietnamese syllable, it must be detected
    # (a final "." or "?" of VIQR is also punctuation: "Ha." may end a sentence).
    words = [w.rstrip(".?") if encoding == "viqr" else w for w in encoded.split()]
    if any(not is_syllable(w) for w in words) and encoded != text:
        assert detected == encoding


def test_tcvn3_table_covers_the_alphabet_and_vn1_capitals():
    letters = {v for v in TCVN3_DECODE.values() if not unicodedata.combining(v)}
    assert len(letters) == 134
    assert TCVN3_DECODE["\xb5"] == "à" and TCVN3_DECODE["\xa7"] == "Đ"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (encode_cp1258(SENTENCE), "cp1258"),
        (encode_legacy(SENTENCE, "tcvn3").encode("latin-1"), "tcvn3"),
        (encode_legacy(SENTENCE, "vni").encode("cp1252"), "vni"),
        (encode_legacy(SENTENCE, "tcvn3").encode("utf-8"), "utf-8+tcvn3"),
        (encode_legacy(SENTENCE, "viqr").encode("ascii"), "utf-8+viqr"),
    ],
)
def test_decode_bytes(data, encoding):
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding) == (SENTENCE, encoding)


def test_cp1258_combining_marks_are_composed():
    data = encode_cp1258("Nguyễn")
    assert b"\xde" in data  # ngã as a combining mark, as Windows writes it
    assert decode_bytes(data).text == "Nguyễn"


def test_a_csv_with_unicode_headers_and_tcvn3_rows_keeps_the_headers():
    text = "Họ và tên;Quê quán\n" + "\n".join(
        f"{encode_legacy(n, 'tcvn3')};{encode_legacy(p, 'tcvn3')}"
        for n, p in [("Nguyễn Thị Ánh", "Hà Nội"), ("Trần Văn Đức", "Nghệ An")] * 5
    )
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.encoding == "utf-8+tcvn3"
    assert decoded.text.splitlines()[0] == "Họ và tên;Quê quán"
    assert decoded.text.splitlines()[1] == "Nguyễn Thị Ánh;Hà Nội"


def _syllables(text: str) -> int:
    return sum(1 for word in text.split() if is_syllable(word))


_READINGS = {
    "cp1258": lambda data: unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
    "tcvn3": lambda data: decode_legacy(data.decode("latin-1"), "tcvn3"),
    "vni": lambda data: decode_legacy(data.decode("cp1252", errors="replace"), "vni"),
}


@given(vietnamese_text(min_words=3, max_words=12), st.sampled_from(("cp1258", "tcvn3", "vni")))
def test_decode_bytes_round_trips(text, encoding):
    if encoding == "cp1258":
        data = encode_cp1258(text)
    else:
        data = encode_legacy(text, encoding).encode("latin-1" if encoding == "tcvn3" else "cp1252")
    # Only bytes that one encoding alone reads as Vietnamese: "a a ơ" in Windows-1258 is
    # "a a ừ" in TCVN3, as good a reading; such ties go to TCVN3, then VNI, by design.
    others = [r(data) for k, r in _READINGS.items() if k != encoding]
    assume(all(_syllables(other) < _syllables(text) for other in others))
    decoded = decode_bytes(data)
    assert unicodedata.normalize("NFC", decoded.text) == decoded.text
    assert decoded.text == text
    # Bytes that are all ASCII (TCVN3 capitals in C0 positions) are valid UTF-8 too.
    assert decoded.encoding in (encoding, f"utf-8+{encoding}")
