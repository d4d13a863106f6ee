"""Reads of elections, polls and motions, through access.policy (and congresses' queries for who
is a delegate and who is present)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, get_for_user, member_id_of
from chibo.access.roles import Perm
from chibo.congresses import queries as congresses
from chibo.congresses.models import Congress, Delegate, DelegateKind, Exclusion

from .models import (
    Ballot,
    Candidate,
    Election,
    Motion,
    PaperEntry,
    Participation,
    Poll,
    PollMethod,
    PollState,
)

ELECTION_NOT_FOUND = _("Không tìm thấy cuộc bầu cử.")
POLL_NOT_FOUND = _("Không tìm thấy cuộc bỏ phiếu.")
MOTION_NOT_FOUND = _("Không tìm thấy nội dung biểu quyết.")

# Convened but without a vote here: on temporary transfer elsewhere, or suspended (QĐ 190-QĐ/TW).
NO_VOTE = (Exclusion.TEMPORARY_TRANSFER, Exclusion.SUSPENDED)


def get_congress(user: Any, congress_id: int, perm: Perm = Perm.CONGRESSES_VIEW) -> Congress:
    return congresses.get_congress_for_user(user, congress_id, perm)


def elections_of(congress: Congress) -> QuerySet[Election]:
    return Election.objects.filter(congress=congress).prefetch_related("polls")


def motions_of(congress: Congress) -> QuerySet[Motion]:
    return Motion.objects.filter(congress=congress).prefetch_related("polls")


def polls_of(congress: Congress) -> QuerySet[Poll]:
    return Poll.objects.filter(congress=congress).select_related("election", "motion")


def get_election_for_user(user: Any, pk: int, perm: Perm = Perm.CONGRESSES_VIEW) -> Election:
    return get_for_user(
        user,
        Election.objects.select_related("congress", "unit"),
        pk,
        perm,
        not_found=ELECTION_NOT_FOUND,
    )


def get_motion_for_user(user: Any, pk: int, perm: Perm = Perm.CONGRESSES_VIEW) -> Motion:
    return get_for_user(
        user,
        Motion.objects.select_related("congress", "unit"),
        pk,
        perm,
        not_found=MOTION_NOT_FOUND,
    )


def get_poll_for_user(user: Any, pk: Any, perm: Perm = Perm.CONGRESSES_VIEW) -> Poll:
    """404 out of reach, 403 in reach without `perm`; a delegate of the poll's congress may read
    it (and vote) whatever their grants."""
    rows = Poll.objects.select_related("congress", "unit", "election", "motion", "session")
    if perm == Perm.CONGRESSES_VIEW:
        try:
            poll = rows.filter(pk=pk).first()
        except (TypeError, ValueError, OverflowError):
            poll = None
        if poll is not None and congresses.delegate_of(user, poll.congress) is not None:
            return poll
    return get_for_user(user, rows, pk, perm, not_found=POLL_NOT_FOUND)


def open_polls_for_delegate(user: Any) -> list[Poll]:
    """The open electronic polls of the congresses where the user holds a seat."""
    member_id = member_id_of(user)
    if member_id is None:
        return []
    seats = Delegate.objects.filter(member_id=member_id, replaced_by__isnull=True).values(
        "congress_id"
    )
    return list(
        Poll.objects.filter(
            congress_id__in=seats, state=PollState.OPEN, method=PollMethod.ELECTRONIC
        ).select_related("election", "motion", "congress")
    )


def may(user: Any, perm: Perm, congress: Congress) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and can(user, perm, congress.unit)


# --- who may vote ---------------------------------------------------------------------------------


def entitled_delegates(poll: Poll) -> QuerySet[Delegate]:
    """Present in the poll's session, holding a seat, official (full member), and with a vote."""
    return entitled_in_session(poll.congress, poll.session)


def entitled_in_session(congress: Congress, session: Any = None) -> QuerySet[Delegate]:
    """The same for a session (default: the congress's current one)."""
    present = congresses.present_delegates(congress, session)
    return present.filter(kind=DelegateKind.OFFICIAL).exclude(exclusion__in=NO_VOTE)


def delegate_for_ballot(user: Any, poll: Poll) -> Delegate | None:
    return congresses.delegate_of(user, poll.congress)


def has_voted(poll: Poll, delegate: Delegate) -> bool:
    return Participation.objects.filter(poll=poll, delegate=delegate).exists()


# --- candidates -------------------------------------------------------------------------------


def list_candidates(election: Election) -> list[Candidate]:
    return list(Candidate.objects.filter(election=election, withdrawn=False).order_by("position"))


def ballot_candidates(poll: Poll) -> list[Candidate]:
    """The names on this poll's ballot, in the approved order."""
    candidates = list_candidates(poll.election) if poll.election else []
    if poll.candidate_ids:
        wanted = {int(i) for i in poll.candidate_ids}
        candidates = [c for c in candidates if c.pk in wanted]
    return candidates


# --- progress and results --------------------------------------------------------------------


def participated_count(poll: Poll) -> int:
    if poll.method == PollMethod.ELECTRONIC:
        return Participation.objects.filter(poll=poll).count()
    if poll.method == PollMethod.PAPER:
        return len({e.number for e in PaperEntry.objects.filter(poll=poll)})
    return poll.participated or 0


def poll_status(poll: Poll) -> dict[str, Any]:
    """What anyone who may read the poll sees: state, entitled, participated; the result and the
    checked counts only once the counting committee closed the count."""
    closed = poll.state == PollState.CLOSED
    status: dict[str, Any] = {
        "id": poll.pk,
        "title": poll_title(poll),
        "state": poll.state,
        "method": poll.method,
        "form": poll.form,
        "round": poll.round,
        "seats": poll.seats,
        "entitled": poll.entitled if closed else entitled_delegates(poll).count(),
        "participated": poll.participated
        if poll.state != PollState.OPEN
        else participated_count(poll),
        "results": None,
    }
    if poll.state == PollState.VOIDED:
        status["participated"] = None
        status["void_reason"] = poll.void_reason
    if closed:
        status["ballots"] = poll.ballots_counted
        status["results"] = poll.result
    return status


def poll_title(poll: Poll) -> str:
    if poll.election is not None:
        return str(poll.election.title)
    return str(poll.motion.title) if poll.motion is not None else ""


def ballots_in_box(poll: Poll) -> int:
    return Ballot.objects.filter(poll=poll).count()


# --- paper entries ------------------------------------------------------------------------------


def latest_entries(poll: Poll) -> dict[tuple[int, int], PaperEntry]:
    """(officer id, ballot number) → that officer's latest revision."""
    latest: dict[tuple[int, int], PaperEntry] = {}
    for entry in PaperEntry.objects.filter(poll=poll).order_by("revision"):
        latest[(entry.officer_id, entry.number)] = entry
    return latest


def entry_key(entry: PaperEntry) -> tuple[Any, ...]:
    return (
        entry.issued,
        tuple(sorted(entry.struck)),
        tuple(sorted(entry.unmarked)),
        entry.names_added,
    )


def reconciliation(poll: Poll) -> dict[str, Any]:
    """Ballot by ballot, what each officer entered, and every disagreement (a ballot one officer
    did not enter is a disagreement too)."""
    latest = latest_entries(poll)
    officers = sorted({officer for officer, _n in latest})
    numbers = sorted({n for _o, n in latest})
    rows = []
    for number in numbers:
        entries = [latest.get((o, number)) for o in officers]
        keys = {entry_key(e) if e else None for e in entries}
        rows.append({"number": number, "entries": entries, "agree": len(keys) == 1})
    return {
        "officers": officers,
        "rows": rows,
        "disagreements": [r for r in rows if not r["agree"]],
        "ballots": len(numbers),
    }


def entry_log(poll: Poll) -> QuerySet[PaperEntry]:
    return (
        PaperEntry.objects.filter(poll=poll).select_related("officer").order_by("entered_at", "pk")
    )


def officer_entries(poll: Poll, officer: Any) -> list[PaperEntry]:
    latest = latest_entries(poll)
    return sorted((e for (o, _n), e in latest.items() if o == officer.pk), key=lambda e: e.number)


def next_number(poll: Poll, officer: Any) -> int:
    mine = officer_entries(poll, officer)
    return (max(e.number for e in mine) + 1) if mine else 1


# --- the projector ----------------------------------------------------------------------------


def projector(congress: Congress) -> dict[str, Any]:
    """congresses' projector state plus the polls: progress while open, results once closed."""
    state = congresses.projector_state(congress)
    polls = list(polls_of(congress).exclude(state=PollState.VOIDED).order_by("-pk")[:3])
    state["polls"] = [poll_status(p) for p in polls]
    return state
