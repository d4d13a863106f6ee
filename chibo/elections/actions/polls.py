"""Polls: opening a round, electronic ballots, closing the count, voiding (QĐ 190-QĐ/TW, Điều 15
and 30; HD 04-HD/TW).

Secrecy: `cast_ballot` writes a `Participation` (poll, delegate) and a `Ballot` (poll, choice)
that share nothing else, and records no audit event. `close_poll` rewrites the ballots in a
random order with new random ids inside the closing transaction, so that neither the order of
the rows nor the transaction that wrote them ties a ballot to a participation.
"""

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import in_scope, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.congresses import queries as congresses
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed

from .. import queries, tally
from ..models import Ballot, Motion, Participation, Poll, PollMethod, PollState
from ..queries import POLL_NOT_FOUND
from ..rules import (
    AGREE_DISAGREE,
    MOTION,
    MOTION_ANSWERS,
    STRIKE,
    base_of,
    form_for,
    motion_passes,
)
from .common import (
    base_figures,
    election_for_write,
    election_rules,
    motion_rules,
    poll_for_write,
    poll_state_shared,
    require_open,
)

METHODS = (PollMethod.PAPER, PollMethod.ELECTRONIC)


def open_poll(
    *,
    actor: Any,
    election_id: int | None = None,
    motion_id: int | None = None,
    method: str,
    ballots_issued: int | None = None,
) -> Poll:
    """Open a round on an election's approved list (paper or electronic) or a motion. A round is
    one method only: after a voided electronic round the re-run is on paper."""
    if method not in METHODS:
        raise ValidationFailed(
            _("Chọn hình thức bỏ phiếu: phiếu giấy hoặc điện tử."), field="method"
        )
    if (election_id is None) == (motion_id is None):
        raise ValidationFailed(_("Chọn một cuộc bầu cử hoặc một nội dung biểu quyết."))
    with transaction.atomic():
        if election_id is not None:
            election = election_for_write(actor, election_id, lock=True)
            if not election.approved_at:
                raise Conflict(_("Danh sách bầu cử chưa được đại hội thông qua."))
            congress, unit, motion = election.congress, election.unit, None
            earlier = list(Poll.objects.filter(election=election).order_by("pk"))
        else:
            motion = (
                Motion.objects.select_related("congress", "unit")
                .filter(pk=int(motion_id or 0))
                .first()
            )
            if motion is None:
                raise NotFound(queries.MOTION_NOT_FOUND)
            require(actor, Perm.ELECTIONS_MANAGE, motion.unit, not_found=queries.MOTION_NOT_FOUND)
            congress, unit, election = motion.congress, motion.unit, None
            earlier = list(Poll.objects.filter(motion=motion).order_by("pk"))
        live = [p for p in earlier if p.state == PollState.OPEN]
        if live:
            raise Conflict(_("Đang có một cuộc bỏ phiếu mở cho nội dung này."))
        closed = [p for p in earlier if p.state == PollState.CLOSED]
        voided = [p for p in earlier if p.state == PollState.VOIDED]
        seats, round_no = 1, 1
        candidate_ids: list[int] = []
        if motion is not None:
            if closed:
                raise Conflict(_("Nội dung này đã được biểu quyết."))
            form = MOTION
        else:
            assert election is not None
            round_no, seats, candidate_ids = _next_round(election, closed)
            count = len(candidate_ids) if candidate_ids else len(queries.list_candidates(election))
            form = form_for(seats, count)
        if voided and voided[-1].round == round_no and method == PollMethod.ELECTRONIC:
            raise Conflict(
                _(
                    "Vòng bỏ phiếu điện tử này đã bị hủy; bầu lại bằng phiếu giấy (không nửa điện "
                    "tử nửa giấy)."
                ),
                field="method",
            )
        if ballots_issued is not None and ballots_issued < 0:
            raise ValidationFailed(_("Số phiếu phát ra không hợp lệ."), field="ballots_issued")
        poll = Poll.objects.create(
            congress=congress,
            unit=unit,
            session=congresses.current_session(congress),
            election=election,
            motion=motion,
            round=round_no,
            method=method,
            form=form,
            seats=seats,
            candidate_ids=candidate_ids,
            ballots_issued=ballots_issued,
            opened_at=timezone.now(),
            opened_by=actor,
        )
        record(
            actor=actor,
            action="elections.open_poll",
            target=poll,
            unit=unit,
            changes={"method": [None, method], "round": [None, round_no]},
        )
    return poll


def _next_round(election: Any, closed: list[Poll]) -> tuple[int, int, list[int]]:
    """Round 1 on the whole list; after a tie, among the tied for the seats left; after too few,
    among those not elected for the seats left (Điều 30 allows it; the congress decides to)."""
    if not closed:
        return 1, election.seats, []
    elected: list[int] = []
    for poll in closed:
        elected += [int(i) for i in (poll.result or {}).get("elected", [])]
    last = closed[-1].result or {}
    left = election.seats - len(elected)
    if left <= 0:
        raise Conflict(_("Đã bầu đủ số lượng; không mở thêm vòng bỏ phiếu."))
    if last.get("status") == "tie":
        ids = [int(i) for i in last["tied"]]
    else:
        ids = [c.pk for c in queries.list_candidates(election) if c.pk not in elected]
    return closed[-1].round + 1, left, ids


def _ballot_choice(poll: Poll, kept: Any, marks: Any, answer: Any) -> dict[str, Any]:
    """Check an electronic ballot's shape: only names of the ballot, at most the seats kept."""
    if poll.form == MOTION:
        if answer not in MOTION_ANSWERS:
            raise ValidationFailed(
                _("Chọn đồng ý, không đồng ý hoặc không biểu quyết."), field="answer"
            )
        return {"answer": answer}
    ids = {c.pk for c in queries.ballot_candidates(poll)}
    if poll.form == STRIKE:
        chosen = list(dict.fromkeys(int(k) for k in (kept or [])))
        if any(k not in ids for k in chosen):
            raise ValidationFailed(_("Phiếu có tên không thuộc danh sách bầu cử."), field="kept")
        if len(chosen) > poll.seats:
            raise ValidationFailed(
                _("Chỉ được để lại tối đa %(seats)s tên (số lượng cần bầu)."),
                field="kept",
                seats=poll.seats,
            )
        return {"kept": chosen}
    marks = marks or {}
    clean: dict[str, str] = {}
    for key, mark in marks.items():
        if int(key) not in ids or mark not in ("agree", "disagree"):
            raise ValidationFailed(_("Phiếu có dòng không hợp lệ."), field="marks")
        clean[str(int(key))] = mark
    if len(ids) == 1 and len(clean) != 1:
        raise ValidationFailed(_("Đánh dấu đồng ý hoặc không đồng ý."), field="marks")
    return {"marks": clean}


def cast_ballot(
    *, actor: Any, poll_id: Any, kept: Any = None, marks: Any = None, answer: Any = None
) -> None:
    """The caller's own electronic ballot. Refused: a closed or voided poll, a paper poll, a user
    who is not a delegate, absent or without a vote, a second ballot. Never audited."""
    try:
        poll = Poll.objects.select_related("congress", "session", "election").get(pk=poll_id)
    except (Poll.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(POLL_NOT_FOUND) from None
    delegate = queries.delegate_for_ballot(actor, poll)
    if delegate is None and not in_scope(actor, poll.unit):
        raise NotFound(POLL_NOT_FOUND)
    if delegate is None:
        raise Forbidden(_("Bạn không phải đại biểu của đại hội này nên không bỏ phiếu được."))
    if poll.method != PollMethod.ELECTRONIC:
        raise Conflict(_("Cuộc bỏ phiếu này dùng phiếu giấy, không bỏ phiếu điện tử."))
    try:
        choice = _ballot_choice(poll, kept, marks, answer)
    except (TypeError, ValueError, AttributeError):
        raise ValidationFailed(_("Phiếu không đúng dạng.")) from None
    try:
        with transaction.atomic():
            state = poll_state_shared(poll.pk)
            poll.state = state or poll.state
            require_open(poll)
            if not queries.entitled_delegates(poll).filter(pk=delegate.pk).exists():
                raise Forbidden(
                    _(
                        "Bạn chưa điểm danh ở phiên họp này hoặc không có quyền biểu quyết, nên "
                        "không bỏ phiếu được."
                    )
                )
            Participation.objects.create(poll=poll, delegate=delegate)
            Ballot.objects.create(poll=poll, choice=choice)
    except IntegrityError:
        raise Conflict(_("Bạn đã bỏ phiếu rồi; mỗi đại biểu chỉ một phiếu.")) from None


def close_poll(*, actor: Any, poll_id: Any) -> Poll:
    """The counting committee closes the count: electronic ballots are checked (ballots =
    participants ≤ entitled) and counted; paper entries must be reconciled first."""
    from .paper import close_paper_count

    with transaction.atomic():
        poll = poll_for_write(actor, poll_id, Perm.ELECTIONS_COUNT)
        require_open(poll)
        if poll.method == PollMethod.PAPER:
            return close_paper_count(actor=actor, poll=poll)
        if poll.method != PollMethod.ELECTRONIC:
            raise Conflict(_("Biểu quyết giơ tay được ghi kết quả trực tiếp."))
        choices = list(Ballot.objects.filter(poll=poll).values_list("choice", flat=True))
        participants = Participation.objects.filter(poll=poll).count()
        entitled = queries.entitled_delegates(poll).count()
        if len(choices) != participants or participants > entitled:
            raise Conflict(
                _(
                    "Số phiếu (%(ballots)s) không khớp số người đã bỏ phiếu (%(participants)s) "
                    "hoặc vượt số đại biểu có quyền (%(entitled)s): không kết thúc được, ban kiểm "
                    "phiếu xem xét hủy cuộc bỏ phiếu."
                ),
                ballots=len(choices),
                participants=participants,
                entitled=entitled,
            )
        # Shake the box: new rows, new random ids, a random order, all in this transaction.
        Ballot.objects.filter(poll=poll).delete()
        shuffled = list(choices)
        secrets.SystemRandom().shuffle(shuffled)
        Ballot.objects.bulk_create([Ballot(poll=poll, choice=c) for c in shuffled])
        _finish(
            poll,
            actor,
            ballots=_as_ballots(poll, shuffled),
            answers=[c.get("answer", "") for c in shuffled],
            entitled=entitled,
            participated=participants,
            counted=len(shuffled),
        )
    return poll


def _as_ballots(poll: Poll, choices: list[dict[str, Any]]) -> list[Any]:
    if poll.form == MOTION:
        return []
    ballots = [tally.electronic_ballot(c, poll.form) for c in choices]
    if poll.form == AGREE_DISAGREE:
        # A line left blank on a screen counts as neither box marked (Điều 15).
        keys = [str(c.pk) for c in queries.ballot_candidates(poll)]
        ballots = [
            type(b)(marks={k: b.marks.get(k, "none") for k in keys}, issued=True) for b in ballots
        ]
    return ballots


def _finish(
    poll: Poll,
    actor: Any,
    *,
    ballots: list[Any],
    answers: list[str],
    entitled: int,
    participated: int,
    counted: int,
) -> None:
    """Count, store the result and the checked counts, close, audit (inside the caller's
    transaction)."""
    convened, excluded = base_figures(poll.congress)
    if poll.form == MOTION:
        rules = motion_rules(poll.congress)
        base = base_of(poll.congress.kind, convened, excluded, election_rules(poll.congress))
        result: dict[str, Any] = tally.count_motion(answers, base)
        result["passed"] = motion_passes(result["agree"], base, rules)
        result["source"] = rules.source
    else:
        candidates = queries.ballot_candidates(poll)
        result = tally.count_round(
            congress_kind=poll.congress.kind,
            convened=convened,
            excluded=excluded,
            seats=poll.seats,
            order=[str(c.pk) for c in candidates],
            names={str(c.pk): c.full_name for c in candidates},
            form=poll.form,
            ballots=ballots,
            rules=election_rules(poll.congress),
        )
    poll.state = PollState.CLOSED
    poll.closed_at = timezone.now()
    poll.entitled = entitled
    poll.participated = participated
    poll.ballots_counted = counted
    poll.convened = convened
    poll.excluded = excluded
    poll.result = result
    poll.save()
    record(
        actor=actor,
        action="elections.close_poll",
        target=poll,
        unit=poll.unit,
        changes={"state": [PollState.OPEN, PollState.CLOSED]},
    )


def void_poll(*, actor: Any, poll_id: Any, reason: str) -> Poll:
    """The counting committee voids an electronic poll (the network failed): the reason is
    recorded, the ballots and participations so far are destroyed unseen, and the round is
    re-run on paper."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationFailed(_("Ghi lý do hủy cuộc bỏ phiếu."), field="reason")
    with transaction.atomic():
        poll = poll_for_write(actor, poll_id, Perm.ELECTIONS_COUNT)
        require_open(poll)
        if poll.method != PollMethod.ELECTRONIC:
            raise Conflict(_("Chỉ hủy được cuộc bỏ phiếu điện tử."))
        Ballot.objects.filter(poll=poll).delete()
        Participation.objects.filter(poll=poll).delete()
        poll.state = PollState.VOIDED
        poll.void_reason = reason[:500]
        poll.closed_at = timezone.now()
        poll.save(update_fields=["state", "void_reason", "closed_at"])
        record(
            actor=actor,
            action="elections.void_poll",
            target=poll,
            unit=poll.unit,
            changes={"state": [PollState.OPEN, PollState.VOIDED], "reason": [None, reason]},
        )
    return poll
