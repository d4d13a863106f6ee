"""Legacy Vietnamese encodings: detect TCVN3 (ABC), VNI-Windows, VIQR and Windows-1258 text and
convert it to Unicode NFC, without touching text that already is Unicode or plain ASCII.

Detection counts the words that are Vietnamese syllables before and after a conversion and takes
a conversion only when it makes strictly more of them; a word already correct is never converted
into something that is not a syllable. Text with a character beyond U+00FF cannot be a legacy
font's text (those encodings are 8-bit and reach us as Latin-1 or Windows-1252 characters).
"""

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .legacy_tables import (
    TCVN3_DECODE,
    TCVN3_ENCODE,
    VIQR_MODIFIED,
    VIQR_MODIFIERS,
    VIQR_TONES,
    VNI_DECODE,
    VNI_ENCODE,
)
from .syllables import TONE_MARKS, VOWELS, is_syllable, syllable_weight
from .values import Decoded

TCVN3 = "tcvn3"
VNI = "vni"
VIQR = "viqr"
LEGACY_ENCODINGS = (TCVN3, VNI, VIQR)

_TCVN3_TABLE = {ord(k): v for k, v in TCVN3_DECODE.items()}
# The same as a 256-character decoding map, for codecs.charmap_decode (C speed on whole files).
_TCVN3_CHARMAP = "".join(TCVN3_DECODE.get(chr(i), chr(i)) for i in range(256))
_TCVN3_CHARS = re.compile("[" + re.escape("".join(TCVN3_DECODE)) + "]")
# Capital marks after lower-case vowels and the reverse also occur; the base letter decides.
_VNI_ALL = dict(VNI_DECODE)
for _key, _value in list(VNI_DECODE.items()):
    if len(_key) == 2:
        _VNI_ALL.setdefault(_key[0] + _key[1].swapcase(), _value)
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_ALL, key=len, reverse=True)))
_VNI_CHARS = re.compile("[" + re.escape("".join({k[-1] for k in VNI_DECODE})) + "]")
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")
_VIQR_PATTERN = re.compile(
    r"\\([(^+'`?~.\\dD])"  # an escaped mark (or d before another d) is itself
    r"|(dd|DD|Dd)"  # đ (RFC 1456 writes it so wherever it stands)
    r"|([aeiouyAEIOUY])([(^+])?([`'?~.])?"
)
_VIQR_HINT = re.compile(r"[aeiouyAEIOUY][(^+`'?~.]|(?<![A-Za-z])(?:dd|DD|Dd)[aeiouyAEIOUY]")
# ASCII white space only: U+0085 and U+001C-U+001F are letters in TCVN 5712 (VN1).
_CHUNK = re.compile(r"[^ \t\n\r\f\v]+")
_LINE = re.compile(r"[^\n]+")
_WORDS = re.compile(r"[^ \t\n\r\f\v!-/:-@\[-`{-~]+").findall
# Punctuation around a word ("Nam," "(Hà"); legacy letters are Latin-1 symbols such as "§" and
# "µ", and VIQR marks are ASCII punctuation, so words are what lies between spaces.
# (Not VIQR's marks ' ` ~ ^ ( +: "a`" is a word with a mark, not "a" and a backquote; "." and "?"
# stay punctuation, so "Nguyen Van A." is not read as "Ạ".)
_PUNCT = '!"#$%&),-./:;<=>?@[\\]_{|}'


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _from_tcvn3(text: str) -> str:
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return _nfc(text.translate(_TCVN3_TABLE))
    return _nfc(codecs.charmap_decode(data, "strict", _TCVN3_CHARMAP)[0])


def _from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_ALL[m.group()], text)


def _viqr_letter(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1)
    if m.group(2):
        return "Đ" if m.group(2)[0] == "D" else "đ"
    vowel, modifier, tone = m.group(3), m.group(4), m.group(5)
    out = vowel
    if modifier:
        if vowel in VIQR_MODIFIED[modifier]:
            out += VIQR_MODIFIERS[modifier]
        else:
            out += modifier
    if tone:
        out += VIQR_TONES[tone]
    return _nfc(out)


def _from_viqr(text: str) -> str:
    return _VIQR_PATTERN.sub(_viqr_letter, text)


_DECODERS: dict[str, Callable[[str], str]] = {TCVN3: _from_tcvn3, VNI: _from_vni, VIQR: _from_viqr}


def decode_legacy(text: str, encoding: str) -> str:
    """Convert text known to be in `encoding` ("tcvn3", "vni", "viqr") to Unicode NFC."""
    return _DECODERS[encoding](text)


def encode_legacy(text: str, encoding: str) -> str:
    """Unicode text written the legacy way (tests and the dirty-data generator use it). TCVN3
    and VNI come back as the Latin-1 characters of their bytes (`.encode("latin-1")` gives the
    bytes); VIQR escapes marks that follow a vowel with a backslash."""
    text = _nfc(text)
    if encoding == TCVN3:
        return "".join(TCVN3_ENCODE.get(ch, ch) for ch in text)
    if encoding == VNI:
        return "".join(VNI_ENCODE.get(ch, ch) for ch in text)
    if encoding == VIQR:
        return _to_viqr(text)
    raise ValueError(encoding)


_VIQR_MARK_OF = {v: k for k, v in VIQR_MODIFIERS.items()} | {v: k for k, v in VIQR_TONES.items()}


def _to_viqr(text: str) -> str:
    out: list[str] = []
    after_vowel = False
    for i, ch in enumerate(text):
        if ch in "dD" and text[i + 1 : i + 2] in ("d", "D", "đ", "Đ"):
            out.append("\\" + ch)  # "dd" would read as đ
            after_vowel = False
            continue
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            after_vowel = False
            continue
        if ch in "(^+'`?~.\\" and (after_vowel or ch == "\\"):
            out.append("\\" + ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        marks = sorted(decomposed[1:], key=lambda m: m in TONE_MARKS)
        out.append(base + "".join(_VIQR_MARK_OF.get(m, m) for m in marks))
        after_vowel = base.lower() in VOWELS
    return "".join(out)


def _score(
    text: str, split: Callable[[str], list[str]] | None = None, *, weighted: bool = True
) -> float:
    """How much of `text` reads as Vietnamese: the words that are syllables (with `weighted`,
    rare rhymes count half, to choose between two encodings). Words are what lies between
    spaces (VIQR marks are ASCII punctuation), or with `split=_WORDS` also between ASCII
    punctuation (TCVN3 and VNI letters are Latin-1 symbols, never ASCII)."""
    words = _CHUNK.findall(text) if split is None else split(text)
    if split is None:
        words = [w.strip(_PUNCT) for w in words]
    if weighted:
        return sum(syllable_weight(w) for w in words)
    return sum(1 for w in words if is_syllable(w))


def _reading(text: str, encoding: str) -> tuple[str, int, tuple[int, float]]:
    """(the text converted from `encoding` with the word guard, how many syllables the text had,
    (how many the conversion has, the same weighted by rhyme)), in one pass for one line."""
    if encoding == VIQR or "\n" in text:
        converted = _convert(text, encoding)
        split = None if encoding == VIQR else _WORDS
        plain = int(_score(text, split, weighted=False))
        return (
            converted,
            plain,
            (int(_score(converted, split, weighted=False)), _score(converted, split)),
        )
    decoded = _DECODERS[encoding](text)
    spans = [m.span() for m in _CHUNK.finditer(text)]
    new_chunks = _CHUNK.findall(decoded)
    if len(new_chunks) != len(spans):  # decoders keep spaces, so this does not happen
        converted = _guarded(text, _DECODERS[encoding])
        plain = int(_score(text, _WORDS, weighted=False))
        return (
            converted,
            plain,
            (int(_score(converted, _WORDS, weighted=False)), _score(converted, _WORDS)),
        )
    out: list[str] = []
    last = plain = syllables = 0
    weight = 0.0
    for (start, end), new in zip(spans, new_chunks, strict=True):
        out.append(text[last:start])
        last = end
        chosen, old_ok, new_ok, new_weight = _chunk(text[start:end], new)
        out.append(chosen)
        plain += old_ok
        syllables += new_ok
        weight += new_weight
    out.append(text[last:])
    return "".join(out), plain, (syllables, weight)


@lru_cache(maxsize=65536)
def _chunk(old: str, new: str) -> tuple[str, int, int, float]:
    """(the word kept: its conversion unless that is worse, the syllables of the word, of the
    word kept, and their weight)."""
    old_words = _WORDS(old)
    old_ok = sum(1 for w in old_words if is_syllable(w))
    words = old_words
    if new != old:
        new_words = _WORDS(new)
        if sum(1 for w in new_words if is_syllable(w)) >= old_ok:
            words, old = new_words, new
    weights = [syllable_weight(w) for w in words]
    return old, old_ok, sum(1 for v in weights if v > 0), sum(weights)


def _guarded(text: str, convert: Callable[[str], str]) -> str:
    """Convert word by word, keeping a word whose conversion is worse than the word itself, and
    keeping whole lines that hold a character no legacy encoding writes (a Unicode header line
    above legacy rows; cells of a mixed line are fixed one by one by normalize_row)."""

    def word(m: re.Match[str]) -> str:
        chunk = m.group()
        converted = convert(chunk)
        if converted != chunk and _score(chunk, _WORDS, weighted=False) > _score(
            converted, _WORDS, weighted=False
        ):
            return chunk
        return converted

    def line(m: re.Match[str]) -> str:
        if _BEYOND_LATIN1.search(m.group()):
            return m.group()
        return _CHUNK.sub(word, m.group())

    if "\n" not in text:
        return _CHUNK.sub(word, text)
    return _LINE.sub(line, text)


def maybe_legacy(text: str) -> bool:
    """False when `text` cannot be legacy text: plain ASCII with no VIQR mark and no TCVN3
    capital (a quick test before the real detection)."""
    return not text.isascii() or bool(_VIQR_HINT.search(text) or _TCVN3_CHARS.search(text))


def detect_legacy(text: str) -> str | None:
    """The legacy encoding `text` is written in, or None (Unicode, plain ASCII, or two legacy
    readings equally good: then nothing is guessed)."""
    return _detect(text)[0]


def _detect(text: str) -> tuple[str | None, str]:
    """(the encoding or None, the converted text or `text`)."""
    candidates = []
    if text.isascii():
        if _VIQR_HINT.search(text):
            candidates.append(VIQR)
        if _TCVN3_CHARS.search(text):  # VN1 capitals in C0 positions
            candidates.append(TCVN3)
    else:
        if "\n" not in text and _BEYOND_LATIN1.search(text):
            return None, text  # one cell or line: legacy text never mixes with Unicode letters
        if _TCVN3_CHARS.search(text):
            candidates.append(TCVN3)
        if _VNI_CHARS.search(text):
            candidates.append(VNI)
    if not candidates:
        return None, text
    # A conversion must make more words syllables than the text has; between two that do, the
    # one whose syllables have common rhymes wins ("oọc" from TCVN3 or "ộc" from VNI).
    scored = []
    for encoding in candidates:
        converted, plain, score = _reading(text, encoding)
        if score[0] > plain:
            scored.append((score, encoding, converted))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None, text
    return scored[0][1], scored[0][2]


@lru_cache(maxsize=65536)
def fix_legacy_text(text: str) -> tuple[str, str | None]:
    """(the text in Unicode NFC, the legacy encoding it was in or None when it was not)."""
    encoding, converted = _detect(text)
    if encoding is None:
        return text, None
    return _nfc(converted), encoding


def _convert(text: str, encoding: str) -> str:
    # VIQR text is ASCII: no word of it can already be Unicode Vietnamese, so nothing to guard.
    if encoding == VIQR:
        return _from_viqr(text)
    return _guarded(text, _DECODERS[encoding])


_SAMPLE = 65536


def _sample(text: str) -> str:
    if len(text) <= 3 * _SAMPLE:
        return text
    middle = len(text) // 2
    return text[:_SAMPLE] + "\n" + text[middle : middle + _SAMPLE] + "\n" + text[-_SAMPLE:]


def decode_bytes(data: bytes) -> Decoded:
    """A whole file's text in Unicode NFC, and the encoding it was found in.

    Byte-order marks name UTF-8 and UTF-16; otherwise UTF-8 is tried first (its text is then
    checked for legacy font text pasted into it: "utf-8+tcvn3"), then Windows-1258, TCVN3 and
    VNI-Windows are compared by how many Vietnamese syllables they give.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _unicode_text(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unicode_text(data.decode("utf-16", errors="replace"), "utf-16")
    if len(data) >= 4 and data[1:8:2].count(0) >= 3 and data[0:8:2].count(0) == 0:
        return _unicode_text(data.decode("utf-16-le", errors="replace"), "utf-16-le")
    try:
        return _unicode_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    latin1 = data.decode("latin-1")
    candidates = {
        "cp1258": lambda: _nfc(data.decode("cp1258", errors="replace")),
        TCVN3: lambda: _from_tcvn3(latin1),
        VNI: lambda: _nfc(_from_vni(data.decode("cp1252", errors="replace"))),
    }
    sample = _sample(latin1).encode("latin-1")
    readings = {
        "cp1258": _nfc(sample.decode("cp1258", errors="replace")),
        TCVN3: _from_tcvn3(sample.decode("latin-1")),
        VNI: _from_vni(sample.decode("cp1252", errors="replace")),
    }
    # Most syllables, then most common rhymes; a full tie (text of letters that read the same
    # in all three) goes to the font encodings, far more common in old files than Windows-1258.
    priority = {TCVN3: 2, VNI: 1, "cp1258": 0}
    scores = {
        k: (_score(text, weighted=False), _score(text), priority[k]) for k, text in readings.items()
    }
    best = max(scores, key=lambda k: scores[k])
    if scores[best][0] == 0:
        return Decoded(_nfc(data.decode("cp1252", errors="replace")), "cp1252")
    return Decoded(candidates[best](), best)


def _unicode_text(text: str, encoding: str) -> Decoded:
    text = _nfc(text)
    legacy = detect_legacy(_sample(text))
    if legacy is None:
        return Decoded(text, encoding)
    return Decoded(_nfc(_convert(text, legacy)), f"{encoding}+{legacy}")


def encode_cp1258(text: str) -> bytes:
    """Unicode text as Windows-1258 bytes: letters with a tone become the letter and a combining
    tone mark, as Windows writes them (tests and the dirty-data generator use it)."""
    out = bytearray()
    for ch in _nfc(text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, marks = unicodedata.normalize("NFD", ch)[0], unicodedata.normalize("NFD", ch)[1:]
            letter = _nfc(base + "".join(m for m in marks if m not in TONE_MARKS))
            tones = "".join(m for m in marks if m in TONE_MARKS)
            out += _nfc(letter).encode("cp1258", errors="replace") + tones.encode("cp1258")
    return bytes(out)
