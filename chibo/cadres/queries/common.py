"""Shared reads of cadre work: the unit by code under cadres.view, the term asked for, the log
of reads (these records are sensitive: every read of a unit's posts, gaps or planning list is
written to the sensitive-read log)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.access.policy import unit_for_user
from chibo.access.roles import Perm
from chibo.audit.recorder import record_read
from chibo.core.errors import ValidationFailed
from chibo.org.models import OrgUnit

from ..models import Post

_TERM = re.compile(r"^\s*(\d{4})(?:\s*[-\u2013]\s*(\d{4}))?\s*$")


@dataclass(frozen=True)
class Term:
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end}"


def get_unit(user: Any, code: str, perm: Perm = Perm.CADRES_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def log_read(user: Any, target: Any, unit: OrgUnit, reason: str) -> None:
    """One line of the sensitive-read log per page or answer that shows cadre records."""
    record_read(actor=user, target=target, unit=unit, reason=f"cadres: {reason}")


def parse_term(text: str | None) -> int | None:
    """?term=2025 or ?term=2025-2030 → 2025; empty → None; anything else refused."""
    if not text or not text.strip():
        return None
    match = _TERM.match(text)
    if not match or not 1900 <= int(match[1]) <= 2100:
        raise ValidationFailed(_("Nhiệm kỳ ghi dạng 2025-2030."), field="term")
    return int(match[1])


def term_of(unit: OrgUnit, term_start: int | None, today: date) -> Term | None:
    """The term asked for, or the one in force today at `unit` (the latest begun)."""
    posts = Post.objects.filter(unit=unit)
    if term_start is not None:
        row = posts.filter(term_start=term_start).values_list("term_start", "term_end").first()
        return Term(*row) if row else None
    row = (
        posts.filter(term_start__lte=today.year)
        .order_by("-term_start")
        .values_list("term_start", "term_end")
        .first()
    )
    return Term(*row) if row else None
