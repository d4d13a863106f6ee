"""Paper ballots counted by computer (HD 04-HD/TW): each counting officer enters the same stack
independently, ballot by ballot (the struck names, by their number on the ballot); the count is
closed only when at least two officers entered every ballot and agree on each one."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import queries, tally
from ..models import PaperEntry, Poll, PollMethod
from ..rules import MIN_ENTRY_OFFICERS, MOTION
from .common import poll_for_write, require_open

MAX_BALLOTS = 100_000


def parse_positions(text: str, size: int) -> list[int]:
    """ "3 7 12" or "3,7,12" or "3-5" → sorted positions, each on the ballot (1..size)."""
    positions: set[int] = set()
    for part in (text or "").replace(",", " ").replace(";", " ").split():
        lo, sep, hi = part.partition("-")
        if not lo.isdigit() or (sep and not hi.isdigit()):
            raise ValidationFailed(
                _("“%(part)s” không phải số thứ tự trên phiếu."), field="struck", part=part
            )
        first, last = int(lo), int(hi) if sep else int(lo)
        if first > last:
            first, last = last, first
        if first < 1 or last > size:
            raise ValidationFailed(
                _("Số thứ tự %(n)s không có trên phiếu (1 đến %(size)s)."),
                field="struck",
                n=part,
                size=size,
            )
        positions.update(range(first, last + 1))
    return sorted(positions)


def record_paper_entry(
    *,
    actor: Any,
    poll_id: Any,
    number: int,
    struck: list[int],
    unmarked: list[int] | None = None,
    issued: bool = True,
    names_added: bool = False,
) -> PaperEntry:
    """One officer's reading of ballot `number`; entering a number again is a correction (a new
    revision, kept in the entry log)."""
    with transaction.atomic():
        poll = poll_for_write(actor, poll_id, Perm.ELECTIONS_COUNT)
        require_open(poll)
        if poll.method != PollMethod.PAPER or poll.form == MOTION:
            raise Conflict(_("Cuộc bỏ phiếu này không dùng phiếu giấy."))
        size = len(queries.ballot_candidates(poll))
        if not 1 <= number <= MAX_BALLOTS:
            raise ValidationFailed(_("Số thứ tự phiếu không hợp lệ."), field="number")
        unmarked = unmarked or []
        for p in [*struck, *unmarked]:
            if not 1 <= p <= size:
                raise ValidationFailed(
                    _("Số thứ tự %(n)s không có trên phiếu (1 đến %(size)s)."),
                    field="struck",
                    n=p,
                    size=size,
                )
        if set(struck) & set(unmarked):
            raise ValidationFailed(_("Một dòng không thể vừa gạch vừa để trống."), field="unmarked")
        previous = PaperEntry.objects.filter(poll=poll, officer=actor, number=number).aggregate(
            n=Max("revision")
        )["n"]
        entry = PaperEntry.objects.create(
            poll=poll,
            officer=actor,
            number=number,
            revision=(previous or 0) + 1,
            issued=issued,
            struck=sorted(set(struck)),
            unmarked=sorted(set(unmarked)),
            names_added=names_added,
            entered_at=timezone.now(),
        )
    return entry


def close_paper_count(*, actor: Any, poll: Poll) -> Poll:
    """Inside close_poll's transaction: every ballot entered by each officer, all agreeing."""
    from .polls import _finish

    rec = queries.reconciliation(poll)
    if len(rec["officers"]) < MIN_ENTRY_OFFICERS:
        raise Conflict(
            _("Cần ít nhất %(n)s thành viên ban kiểm phiếu nhập độc lập cùng tập phiếu."),
            n=MIN_ENTRY_OFFICERS,
        )
    if rec["disagreements"]:
        raise Conflict(
            _(
                "Còn %(n)s phiếu nhập không khớp giữa các thành viên: đối chiếu lại "
                "trước khi kết thúc."
            ),
            n=len(rec["disagreements"]),
        )
    if not rec["rows"]:
        raise Conflict(_("Chưa nhập phiếu nào."))
    if poll.ballots_issued is not None and rec["ballots"] > poll.ballots_issued:
        raise Conflict(
            _("Số phiếu nhập (%(n)s) nhiều hơn số phiếu phát ra (%(issued)s)."),
            n=rec["ballots"],
            issued=poll.ballots_issued,
        )
    order = [str(c.pk) for c in queries.ballot_candidates(poll)]
    ballots = [
        tally.paper_ballot(
            issued=e.issued,
            struck=e.struck,
            unmarked=e.unmarked,
            names_added=e.names_added,
            order=order,
            form=poll.form,
        )
        for e in (row["entries"][0] for row in rec["rows"])
    ]
    _finish(
        poll,
        actor,
        ballots=ballots,
        answers=[],
        entitled=poll.ballots_issued if poll.ballots_issued is not None else len(ballots),
        participated=len(ballots),
        counted=len(ballots),
    )
    return poll
