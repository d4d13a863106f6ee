"""Reference fields of a member record: ethnic group, religion, theory level, general education,
e-mail and party card number, read from the words people write in spreadsheets."""

import re
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from chibo.core.text import fold
from chibo.members.rules.card_number import normalise_card_number
from chibo.members.rules.reference import (
    Religion,
    TheoryLevel,
    find_ethnic_group,
    parse_general_education,
)

from .messages import issue
from .values import Issue

_RELIGIONS: dict[str, str] = {
    "khong": Religion.NONE, "khong co": Religion.NONE, "khong ton giao": Religion.NONE,
    "phat": Religion.BUDDHISM, "phat giao": Religion.BUDDHISM, "dao phat": Religion.BUDDHISM,
    "cong giao": Religion.CATHOLICISM, "thien chua": Religion.CATHOLICISM,
    "thien chua giao": Religion.CATHOLICISM, "dao thien chua": Religion.CATHOLICISM,
    "tin lanh": Religion.PROTESTANTISM, "dao tin lanh": Religion.PROTESTANTISM,
    "cao dai": Religion.CAODAISM, "dao cao dai": Religion.CAODAISM,
    "hoa hao": Religion.HOA_HAO, "phat giao hoa hao": Religion.HOA_HAO,
    "hoi giao": Religion.ISLAM, "islam": Religion.ISLAM,
}  # fmt: skip
_THEORY: dict[str, str] = {
    "": TheoryLevel.NONE, "khong": TheoryLevel.NONE, "chua": TheoryLevel.NONE,
    "chua qua dao tao": TheoryLevel.NONE, "chua dao tao": TheoryLevel.NONE,
    "so cap": TheoryLevel.ELEMENTARY, "trung cap": TheoryLevel.INTERMEDIATE,
    "cao cap": TheoryLevel.ADVANCED, "cu nhan": TheoryLevel.BACHELOR,
    "cu nhan chinh tri": TheoryLevel.BACHELOR,
}  # fmt: skip
_THEORY_NOISE = re.compile(r"\b(?:ly luan|chinh tri|llct|trinh do)\b|[^a-z ]")
_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")


@lru_cache(maxsize=1024)
def ethnic_code(text: str) -> tuple[str | None, tuple[Issue, ...]]:
    if not text:
        return None, ()
    group = find_ethnic_group(text)
    if group is None:
        return None, (
            issue(
                "ethnicity",
                "ethnicity.unknown",
                _("Không có dân tộc \u201c%(raw)s\u201d trong danh mục 54 dân tộc."),
                raw=text,
            ),
        )
    return group.code, ()


@lru_cache(maxsize=1024)
def ethnic_name(text: str) -> str:
    """The official name of the group `text` names ("kinh" -> "Kinh"), or the text itself."""
    group = find_ethnic_group(text) if text else None
    return group.name if group is not None else text


@lru_cache(maxsize=1024)
def religion_code(text: str) -> str | None:
    """The Religion value; "other" for a religion not in the short list; None when empty."""
    if not text:
        return None
    return str(_RELIGIONS.get(_SPACES.sub(" ", fold(text)).strip(), Religion.OTHER.value))


@lru_cache(maxsize=1024)
def theory_code(text: str) -> tuple[str | None, tuple[Issue, ...]]:
    key = _SPACES.sub(" ", _THEORY_NOISE.sub(" ", fold(text))).strip()
    if key in _THEORY:
        return (str(_THEORY[key]) if text else None), ()
    if key.startswith(("chua", "khong")):
        return TheoryLevel.NONE.value, ()
    return None, (
        issue(
            "theory_level",
            "theory_level.unknown",
            _("Không hiểu trình độ lý luận chính trị \u201c%(raw)s\u201d."),
            raw=text,
        ),
    )


@lru_cache(maxsize=1024)
def education(text: str) -> tuple[str, tuple[Issue, ...]]:
    """("12/12" for "12 / 12" or "lớp 12/12", no issue), or the text and a warning."""
    if not text:
        return "", ()
    try:
        return parse_general_education(text.lower()).format(), ()
    except ValueError:
        return text, (
            issue(
                "general_education",
                "education.format",
                _("Trình độ giáo dục phổ thông ghi theo dạng lớp/hệ, ví dụ 12/12 hoặc 10/10."),
            ),
        )


def email(text: str) -> tuple[str, tuple[Issue, ...]]:
    value = text.strip().lower()
    if not value or _EMAIL.fullmatch(value):
        return value, ()
    return value, (
        issue("email", "email.invalid", _("Địa chỉ email không hợp lệ: %(raw)s."), raw=value),
    )


def card_number(text: str) -> str:
    return normalise_card_number(text.strip().lstrip("'"))
