"""Vietnamese text utilities: search keys without diacritics, and Vietnamese collation."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Search key: lower case, no tone or vowel marks, `đ` as `d`, single spaces.

    "Phường Sài Gòn" and "phuong sai gon" fold to the same key, so a user may type either.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "d").replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    # U+00D0 (Icelandic eth) is a frequent look-alike of Đ in old files.
    stripped = stripped.replace("Ð", "d").replace("ð", "d")
    return _SPACES.sub(" ", stripped).strip().lower()


_DIGITS = re.compile(r"\d+")


def sort_text(text: str) -> str:
    """Folded text whose numbers sort by value: "Khu phố 2" before "Khu phố 10".

    Stored beside a name so the database can order lists as a person expects.
    """
    return _DIGITS.sub(lambda m: m.group().rjust(8, "0"), fold(text))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then tones in the order used by dictionaries: none, huyền, sắc, hỏi, ngã, nặng.
_BASE_ORDER = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _letters(word: str) -> tuple[list[int], list[int]]:
    letters: list[int] = []
    tones: list[int] = []
    for cluster in unicodedata.normalize("NFD", word.lower()):
        if cluster in _TONES:
            if tones:
                tones[-1] = _TONES[cluster]
            continue
        if cluster in _LETTER_MARKS and letters:
            composed = unicodedata.normalize("NFC", _BASE_ORDER[letters[-1]] + cluster)
            if composed in _BASE_ORDER:
                letters[-1] = _BASE_ORDER.index(composed)
            continue
        if unicodedata.category(cluster) == "Mn":
            continue
        index = _BASE_ORDER.find(cluster)
        letters.append(index if index >= 0 else len(_BASE_ORDER) + ord(cluster))
        tones.append(0)
    return letters, tones


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key for Vietnamese words: letters first, tones break ties."""
    letters, tones = _letters(text)
    return tuple(letters), tuple(tones)


def name_sort_key(full_name: str) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Vietnamese lists sort by given name, then middle names, then family name."""
    parts = full_name.split()
    if not parts:
        return ()
    ordered = [parts[-1], *parts[1:-1], parts[0]] if len(parts) > 1 else parts
    return tuple(collation_key(p) for p in ordered)


def name_sort_text(full_name: str) -> str:
    """A string whose plain (binary) order is the Vietnamese order of names: given name, then
    middle names, then family name; letters in Vietnamese order, tones breaking ties.

    Stored beside the name so the database sorts lists as Vietnamese users expect on both
    PostgreSQL and SQLite, without an ICU collation.
    """
    words = []
    for letters, tones in name_sort_key(full_name):
        # "!" sorts below every letter, so a shorter word comes first, as in the tuple key.
        words.append(
            "".join(chr(0x30 + min(i, 0x4F)) for i in letters)
            + "!"
            + "".join(str(t) for t in tones)
        )
    return " ".join(words)
