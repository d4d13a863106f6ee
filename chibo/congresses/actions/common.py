"""Shared pieces of the congress actions: the congress for a write, badge tokens."""

import secrets
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, NotFound

from ..models import Congress, CongressStatus

NOT_FOUND = _("Không tìm thấy đại hội.")
# Letters and digits that cannot be mistaken for one another when typed from a printed badge.
TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 (an alphabet, not a secret)
TOKEN_LENGTH = 12


def congress_for_write(
    actor: Any, congress_id: int, *, perm: Perm = Perm.CONGRESSES_MANAGE, lock: bool = False
) -> Congress:
    """The congress, after checking the actor may `perm` at its unit (404 outside the reach)."""
    rows = Congress.objects.select_related("unit")
    if lock:
        rows = rows.select_for_update(of=("self",))
    congress = rows.filter(pk=congress_id).first()
    if congress is None:
        raise NotFound(NOT_FOUND)
    require(actor, perm, congress.unit, not_found=NOT_FOUND)
    return congress


def require_not_closed(congress: Congress) -> None:
    if congress.status == CongressStatus.CLOSED:
        raise Conflict(_("Đại hội đã bế mạc; không thay đổi được nữa."))


def new_badge_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def normalize_token(raw: str) -> str:
    """What the gate typed or scanned → the stored form (upper case, no spaces or dashes; the
    QR holds "CBS-DB:" before the token)."""
    text = (raw or "").strip().upper()
    if text.startswith("CBS-DB:"):
        text = text[len("CBS-DB:") :]
    return "".join(ch for ch in text if ch.isalnum())


def format_token(token: str) -> str:
    """The printed form, in groups of four: ABCD-EFGH-JKLM."""
    return "-".join(token[i : i + 4] for i in range(0, len(token), 4))
