"""Text: Unicode NFC, the Đ look-alike, spaces, the house tone-mark style, names in title case."""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings

from .syllables import ALPHABET, LETTER_MARKS, MODERN, TONE_MARKS, TRADITIONAL, restyle_word

# U+00D0/U+00F0 (Icelandic eth) look like Đ/đ and are typed for them in old files.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# Every kind of space (no-break, thin, zero-width...) and control characters become one space.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\x00-\x1f\x7f]+")
_ODD_SPACES = re.compile(r"[\u200b\ufeff\x00-\x08\x0e-\x1b\x7f]")
_WORD = re.compile(r"[^\W\d_]+")


# Where a style or a typing slip can show, so that a word needs a look: a tone on a plain vowel
# next to another vowel ("hoà", "hòa", "úy", "iá"), a tone on a marked vowel before another
# marked vowel ("ừơ" for "ườ"), a tone on a consonant ("Nguyêñ"), a combining mark left over.
# A tone on a marked vowel next to plain vowels is always right ("Lợi", "Nguyễn", "Phường"):
# text with none of these (most names and addresses) needs no word-by-word look.
def _toned(ch: str) -> bool:
    return bool(TONE_MARKS.intersection(unicodedata.normalize("NFD", ch)))


def _letters(test: Callable[[str], bool]) -> str:
    return "".join(ch for ch in ALPHABET if test(unicodedata.normalize("NFD", ch)))


_VOWEL = _letters(lambda d: d[0].lower() in "aeiouy")
_MARKED = _letters(lambda d: d[0].lower() in "aeiouy" and bool(LETTER_MARKS.intersection(d)))
_TONED_PLAIN = _letters(
    lambda d: d[0].lower() in "aeiouy" and not LETTER_MARKS.intersection(d) and _toned(d)
)
_TONED_MARKED = _letters(lambda d: bool(LETTER_MARKS.intersection(d)) and _toned(d))
_TONED_CONSONANT = "".join(
    ch
    for ch in map(chr, (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)))
    if _toned(ch) and unicodedata.normalize("NFD", ch)[0].lower() not in "aeiouy"
)
_MAYBE_MISPLACED = re.compile(
    f"[{_TONED_PLAIN}][{_VOWEL}]|[{_VOWEL}][{_TONED_PLAIN}]|[{_TONED_MARKED}][{_MARKED}]"
    f"|[{_TONED_CONSONANT}\u0300-\u036f]"
)
_NAME_PART = re.compile(r"(^|[\s\-'\u2019])([^\W\d_])([^\s\-'\u2019]*)")


def tone_style() -> str:
    """The house style of tone marks from `settings.CHIBO_TONE_STYLE` ("traditional" by default)."""
    style = getattr(settings, "CHIBO_TONE_STYLE", TRADITIONAL)
    return MODERN if style == MODERN else TRADITIONAL


def normalize_text(value: str, style: str | None = None, *, memo: bool = True) -> str:
    """NFC, Đ for its look-alike, one space between words, no space at the ends, and the tone
    marks placed in the house style (`style` overrides the setting). `memo=False` for values
    that will not come again (a street address with its house number): they would only push
    repeating values out of the memo."""
    if not value:
        return ""
    if value.isascii():
        return _SPACES.sub(" ", value).strip()
    if memo:
        return _normalize_unicode(value, style or tone_style())
    return _normalize_unicode.__wrapped__(value, style or tone_style())


@lru_cache(maxsize=65536)
def _normalize_unicode(value: str, style: str) -> str:
    if "\u00d0" in value or "\u00f0" in value:
        value = value.translate(_ETH)
    text = unicodedata.normalize("NFC", value)
    # str.split knows the other Unicode spaces (no-break, thin, ideographic...).
    text = _SPACES.sub(" ", text).strip() if _ODD_SPACES.search(text) else " ".join(text.split())
    if "," in text:
        # Addresses: "12 Lê Lợi, Phường Bến Nghé, ..." share their parts with other rows.
        return ",".join(_restyle(part, style) for part in text.split(","))
    return _restyle(text, style)


@lru_cache(maxsize=65536)
def _restyle(text: str, style: str) -> str:
    if not _MAYBE_MISPLACED.search(text):
        return text
    return _WORD.sub(lambda m: restyle_word(m.group(), style), text)


def normalize_name(value: str, style: str | None = None) -> str:
    """A person's name: normalised text with every syllable capitalised ("Nguyễn Thị Ánh Tuyết")."""
    return _title(normalize_text(value, style))


@lru_cache(maxsize=65536)
def _title(text: str) -> str:
    return unicodedata.normalize("NFC", _NAME_PART.sub(_capitalise, text))


def _capitalise(m: re.Match[str]) -> str:
    first = m.group(2).upper()
    if len(first) != 1:  # "ß" has no one-letter capital
        first = m.group(2)
    return m.group(1) + first + m.group(3).lower()
