"""Character tables of the legacy Vietnamese encodings, written out as data.

TCVN3 (the "ABC" encoding of the .VnTime fonts) is the VN3 table of TCVN 5712:1993 "Công nghệ
thông tin - Bộ mã chuẩn 8-bit kí tự Việt dùng trong trao đổi thông tin": the lower-case letters
with tones in 0xB5-0xFE and the capital letters Ă Â Ê Ô Ơ Ư Đ in 0xA1-0xA7. Capitals with tones
are not in VN3 (the .VnTimeH fonts draw the lower-case positions as capitals); files written with
the full VN1 table of the same standard put them in the C0 and 0x80-0x9F positions and in the
gaps VN3 leaves, and VN1 has the five tone marks as combining characters in 0xB0-0xB4. Both are
decoded. Checked against the standard's table as GNU libc's TCVN5712-1 converter implements it.

VNI-Windows (VNI fonts, "VNI-Times") writes a vowel as the ASCII letter followed by a byte that
draws the letter mark and the tone over it ("a" + 0xF9 "ù" = "á"); ơ, ư, đ and the five tones of i
and the nặng of y are single bytes. The table is the VNI font layout as VNI's keyboard drivers
publish it; text written in it reaches us decoded as Windows-1252.

VIQR (RFC 1456, "Vietnamese Quoted-Readable") writes marks as ASCII after the letter: ( ^ + for
breve, circumflex and horn, ' ` ? ~ . for the tones, "dd" for đ; a backslash escapes a mark.
"""

import unicodedata

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONES = (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- TCVN3 / TCVN 5712:1993 -------------------------------------------------------------------
# (first position, the characters at that position and the following ones)
_TCVN3_RUNS: tuple[tuple[int, str], ...] = (
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),  # 0xA1-0xAE
    (0xB5, "àảãáạ"),  # 0xB5-0xB9
    (0xBB, "ằẳẵắ"),  # 0xBB-0xBE
    (0xC6, "ặầẩẫấậè"),  # 0xC6-0xCC
    (0xCE, "ẻẽéẹềểễếệìỉ"),  # 0xCE-0xD8
    (0xDC, "ĩíịò"),  # 0xDC-0xDF
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),  # 0xE1-0xEF
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),  # 0xF1-0xFE
)
# VN1 only: capitals with tones, and the combining tone marks.
_TCVN_VN1_RUNS: tuple[tuple[int, str], ...] = (
    (0x01, "ÚỤ"),
    (0x04, "ỪỬỮ"),
    (0x11, "ỨỰỲỶỸÝỴ"),
    (0x80, "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"),  # 0x80-0x9F
    (0xAF, "Ằ"),
    (0xB0, _GRAVE + _HOOK + _TILDE + _ACUTE + _DOT),  # 0xB0-0xB4
    (0xBA, "Ẳ"),
    (0xBF, "ẴẮẦẨẪẤỀ"),  # 0xBF-0xC5
    (0xCD, "Ể"),
    (0xD9, "ỄẾỒ"),  # 0xD9-0xDB
    (0xE0, "Ổ"),
    (0xF0, "Ỗ"),
    (0xFF, "Ố"),
)


def _runs(runs: tuple[tuple[int, str], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for first, chars in runs:
        for offset, ch in enumerate(chars):
            table[chr(first + offset)] = ch
    return table


# Key: the character a TCVN3 byte becomes when read as Latin-1 (as Excel shows .VnTime text).
TCVN3_DECODE: dict[str, str] = _runs(_TCVN3_RUNS) | _runs(_TCVN_VN1_RUNS)
TCVN3_ENCODE: dict[str, str] = {
    v: k for k, v in TCVN3_DECODE.items() if len(v) == 1 and not 0xB0 <= ord(k) <= 0xB4
}

# --- VNI-Windows -------------------------------------------------------------------------------
# Marks that follow a, e, i, o, u, y and the single-byte ơ (ô) and ư (ö): sắc huyền hỏi ngã nặng.
_VNI_TONES = "ùøûõï"
# After a, e, o for â ê ô: the circumflex ("â") and circumflex + tone.
_VNI_CIRCUMFLEX = "â", "áàåãä"
# After a for ă: the breve ("ê") and breve + tone.
_VNI_BREVE = "ê", "éèúüë"
# i with a tone is one byte; so is y with nặng.
_VNI_I = "íìæóò"
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ"}


def _vni_pairs() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in zip(_VNI_TONES, TONES, strict=True):
            if base == "y" and tone == _DOT:
                continue
            table[base + mark] = _nfc(base + tone)
    for base in "aeo":
        table[base + _VNI_CIRCUMFLEX[0]] = _nfc(base + "\u0302")
        for mark, tone in zip(_VNI_CIRCUMFLEX[1], TONES, strict=True):
            table[base + mark] = _nfc(base + "\u0302" + tone)
    table["a" + _VNI_BREVE[0]] = "ă"
    for mark, tone in zip(_VNI_BREVE[1], TONES, strict=True):
        table["a" + mark] = _nfc("a\u0306" + tone)
    for single, letter in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in zip(_VNI_TONES, TONES, strict=True):
            table[single + mark] = _nfc(letter + tone)
    for mark, tone in zip(_VNI_I, TONES, strict=True):
        table[mark] = _nfc("i" + tone)
    table["î"] = "ỵ"
    table.update(_VNI_SINGLE)
    # Capitals: the same bytes in upper case (Latin-1 upper-case of each mark byte).
    for key, value in list(table.items()):
        table[key.upper()] = value.upper()
    return table


VNI_DECODE: dict[str, str] = _vni_pairs()
VNI_ENCODE: dict[str, str] = {v: k for k, v in VNI_DECODE.items()}

# --- VIQR (RFC 1456) --------------------------------------------------------------------------
VIQR_MODIFIERS = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
VIQR_TONES = {"'": _ACUTE, "`": _GRAVE, "?": _HOOK, "~": _TILDE, ".": _DOT}
# Which vowels take which letter mark.
VIQR_MODIFIED = {"(": "aA", "^": "aeoAEO", "+": "ouOU"}
