"""Hypothesis strategies: Vietnamese syllables built from onsets, rhymes and tones."""

import unicodedata

from hypothesis import strategies as st

from chibo.data_quality.normalize.syllables import ALPHABET, TRADITIONAL, restyle_word

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
OPEN_RHYMES = (
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo",
    "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi", "ua", "uê", "ui", "uy", "ưa", "ưi", "ưu",
    "iêu", "yêu", "oai", "oay", "uôi", "ươi", "ươu", "uya", "uyu",
)  # fmt: skip
CLOSED_NUCLEI = (
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "iê", "yê", "oa", "oă", "oe", "uâ",
    "uô", "ươ", "uy", "uyê",
)  # fmt: skip
CODAS = ("c", "ch", "m", "n", "ng", "nh", "p", "t")
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


@st.composite
def syllables(draw: st.DrawFn) -> str:
    """A Vietnamese syllable in the traditional tone style, in lower, title or upper case."""
    onset = draw(st.sampled_from(ONSETS))
    if draw(st.booleans()):
        rhyme = draw(st.sampled_from(OPEN_RHYMES))
        tones: tuple[str, ...] = TONES
    else:
        coda = draw(st.sampled_from(CODAS))
        rhyme = draw(st.sampled_from(CLOSED_NUCLEI)) + coda
        tones = ("\u0301", "\u0323") if coda in ("c", "ch", "p", "t") else TONES
    if onset == "gi" and rhyme[0] in "iy":
        onset = "g"
    if onset == "qu" and rhyme[0] in "iuưoô":
        onset = ""
    tone = draw(st.sampled_from(tones))
    word = restyle_word(
        unicodedata.normalize("NFC", onset + rhyme[0] + tone + rhyme[1:]), TRADITIONAL
    )
    case = draw(st.sampled_from(("lower", "title", "upper")))
    return word.upper() if case == "upper" else word.title() if case == "title" else word


def vietnamese_text(min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    return st.lists(syllables(), min_size=min_words, max_size=max_words).map(" ".join)


# Any text made of the full Vietnamese alphabet (every letter with every tone, both cases),
# digits, spaces and some punctuation; not necessarily words.
alphabet_text = st.text(alphabet=ALPHABET + "0123456789 ,;:-/()", max_size=60)
