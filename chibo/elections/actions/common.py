"""Shared pieces of the elections actions: rows for a write, the rules in force, the base."""

from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.congresses import queries as congresses
from chibo.congresses.models import Congress
from chibo.core.errors import Conflict, NotFound

from ..models import Election, Poll, PollState
from ..queries import ELECTION_NOT_FOUND, POLL_NOT_FOUND
from ..rules import ELECTION_RULES, MOTION_RULES, ElectionRules, MotionRules


def election_for_write(actor: Any, election_id: int, *, lock: bool = False) -> Election:
    rows = Election.objects.select_related("congress", "unit")
    if lock:
        rows = rows.select_for_update(of=("self",))
    election = rows.filter(pk=election_id).first()
    if election is None:
        raise NotFound(ELECTION_NOT_FOUND)
    require(actor, Perm.ELECTIONS_MANAGE, election.unit, not_found=ELECTION_NOT_FOUND)
    return election


def poll_for_write(actor: Any, poll_id: Any, perm: Perm, *, lock: bool = True) -> Poll:
    rows = Poll.objects.select_related("congress", "unit", "election", "session")
    if lock:
        rows = rows.select_for_update(of=("self",))
    try:
        poll = rows.filter(pk=poll_id).first()
    except (TypeError, ValueError, OverflowError):
        poll = None
    if poll is None:
        raise NotFound(POLL_NOT_FOUND)
    require(actor, perm, poll.unit, not_found=POLL_NOT_FOUND)
    return poll


def require_open(poll: Poll) -> None:
    if poll.state == PollState.CLOSED:
        raise Conflict(_("Cuộc bỏ phiếu đã kết thúc; không nhận thêm phiếu."))
    if poll.state == PollState.VOIDED:
        raise Conflict(_("Cuộc bỏ phiếu đã bị hủy; không nhận thêm phiếu."))


def election_rules(congress: Congress) -> ElectionRules:
    return ELECTION_RULES.rule_on(_day_of(congress))


def motion_rules(congress: Congress) -> MotionRules:
    return MOTION_RULES.rule_on(_day_of(congress))


def _day_of(congress: Congress) -> Any:
    """The rules in force on the congress's first day (the day the facts happen)."""
    return congress.starts_on or timezone.localdate()


def base_figures(congress: Congress) -> tuple[int, dict[str, int]]:
    """The convened number and the exclusions the base starts from (congresses' queries)."""
    return congresses.convened_count(congress), dict(congresses.exclusions(congress))


def poll_state_shared(poll_id: Any) -> str | None:
    """The poll's state under a shared row lock (PostgreSQL `FOR SHARE`): many ballots go in at
    once, and the close (`FOR UPDATE`) waits for them and they for it, so no ballot lands after
    the count. SQLite writes one transaction at a time, which gives the same order."""
    table = Poll._meta.db_table
    with connection.cursor() as cursor:
        suffix = " FOR SHARE" if connection.vendor == "postgresql" else ""
        cursor.execute(f"SELECT state FROM {table} WHERE id = %s{suffix}", [poll_id])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None
