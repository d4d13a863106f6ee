"""Demo data of the duplicate review queue: damaged second records of some members of the demo
ward (as a second, older list imported there would bring), then a real detection run over the
ward, so the queue shows what the model finds, with its reasons. Nothing is merged."""

import random
import unicodedata
from collections.abc import Callable
from datetime import date

from chibo.core.text import fold, name_sort_text
from chibo.data_quality.duplicates.actions import detect_duplicates
from chibo.data_quality.duplicates.keys import OLD_MOBILE_PREFIXES
from chibo.members.actions import refresh_member_counts
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit

COPIES = 40
_NEW_TO_OLD = {new: old for old, new in OLD_MOBILE_PREFIXES.items()}
# Copied as they are; the damage below changes some of them.
_FIELDS = (
    "unit_id", "full_name", "gender", "birth_date", "birth_date_precision", "place_of_birth",
    "home_town", "permanent_address", "ethnicity", "religion", "citizen_id", "phone", "email",
    "general_education", "professional_qualification", "theory_level", "occupation", "workplace",
    "admitted_on", "full_member_on", "status",
)  # fmt: skip


def _no_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _damaged(member: Member, rng: random.Random) -> Member:
    copy = Member(**{f: getattr(member, f) for f in _FIELDS}, photo="")
    kinds = rng.sample(["accents", "typo", "swap", "no_id", "old_phone", "no_phone"], 2)
    if "accents" in kinds:
        copy.full_name = _no_marks(copy.full_name)
    if "typo" in kinds:
        words = copy.full_name.split(" ")
        last = words[-1]
        if len(last) > 2:
            words[-1] = last[:-2] + last[-1] + last[-2]
        copy.full_name = " ".join(words)
    born = copy.birth_date
    if "swap" in kinds and born and born.day <= 12 and born.day != born.month:
        copy.birth_date = date(born.year, born.day, born.month)
    if "no_id" in kinds:
        copy.citizen_id = ""
    if "old_phone" in kinds and copy.phone[:3] in _NEW_TO_OLD:
        copy.phone = _NEW_TO_OLD[copy.phone[:3]] + copy.phone[3:]
    if "no_phone" in kinds:
        copy.phone = ""
    copy.search_name = fold(copy.full_name)
    copy.sort_name = name_sort_text(copy.full_name)
    return copy


def seed_duplicates(
    *, ward_code: str, seed: int = 2026, say: Callable[[str], None] = lambda _m: None
) -> int:
    """Add damaged copies of `COPIES` members of the ward and run detection over the ward;
    returns the number of pairs in the queue."""
    rng = random.Random(seed)
    ward = OrgUnit.objects.get(code=ward_code)
    members = list(
        Member.objects.filter(unit__path__startswith=ward.path, status__in=ACTIVE_STATUSES)
        .exclude(birth_date=None)
        .order_by("pk")
    )
    copies = [_damaged(m, rng) for m in rng.sample(members, min(COPIES, len(members)))]
    Member.objects.bulk_create(copies)
    refresh_member_counts()
    say(f"Hồ sơ nghi trùng: {len(copies)} bản sao có lỗi trong {ward.name}; chạy dò trùng")
    _run, pairs = detect_duplicates(actor=None, unit=ward)
    say(f"Hồ sơ nghi trùng: {len(pairs)} cặp trong hàng đợi")
    return len(pairs)
