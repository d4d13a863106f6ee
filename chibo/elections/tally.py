"""From stored ballots to the counting functions (no database access: the callers pass rows).

Paper entries and electronic ballots are turned into `counting.Ballot`s keyed by candidate id
(as a string), counted with `counting.count`, and the result is stored as JSON with the names.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import counting
from .rules import AGREE_DISAGREE, STRIKE, ElectionRules


def paper_ballot(
    *,
    issued: bool,
    struck: Iterable[int],
    unmarked: Iterable[int],
    names_added: bool,
    order: Sequence[str],
    form: str,
) -> counting.Ballot:
    """An officer's entry (positions on the printed ballot, 1-based) as a ballot."""
    struck_keys = {order[p - 1] for p in struck if 0 < p <= len(order)}
    unmarked_keys = {order[p - 1] for p in unmarked if 0 < p <= len(order)}
    added = ("?",) if names_added else ()
    if form == STRIKE:
        kept = tuple(k for k in order if k not in struck_keys)
        return counting.Ballot(issued=issued, kept=kept, added=added)
    marks: dict[str, str] = {}
    for key in order:
        if key in unmarked_keys:
            marks[key] = counting.NONE
        elif key in struck_keys:
            marks[key] = counting.DISAGREE
        else:
            marks[key] = counting.AGREE
    return counting.Ballot(issued=issued, marks=marks, added=added)


def electronic_ballot(choice: Mapping[str, Any], form: str) -> counting.Ballot:
    if form == AGREE_DISAGREE:
        return counting.Ballot(marks={str(k): v for k, v in choice.get("marks", {}).items()})
    return counting.Ballot(kept=tuple(str(k) for k in choice.get("kept", [])))


def count_round(
    *,
    congress_kind: str,
    convened: int,
    excluded: Mapping[str, int],
    seats: int,
    order: Sequence[str],
    names: Mapping[str, str],
    form: str,
    ballots: Sequence[counting.Ballot],
    rules: ElectionRules,
) -> dict[str, Any]:
    """Count and return the JSON stored on the poll (candidate ids as strings, with names)."""
    result = counting.count(
        counting.CountInput(
            congress=congress_kind,
            convened=convened,
            excluded=dict(excluded),
            seats=seats,
            candidates=tuple(order),
            form=form,
            ballots=tuple(ballots),
        ),
        rules,
    )
    elected = set(result.elected)
    tied = set(result.tied)
    return {
        "valid": result.valid,
        "invalid": result.invalid,
        "invalid_by_reason": dict(result.invalid_by_reason),
        "base": result.base,
        "results": [
            {
                "candidate": r.candidate,
                "name": names[r.candidate],
                "votes": r.votes,
                "percent_of_base": float(r.percent_of_base),
                "elected": r.candidate in elected,
                "tied": r.candidate in tied,
            }
            for r in result.results
        ],
        "elected": list(result.elected),
        "status": result.status,
        "tied": list(result.tied),
        "source": result.source,
    }


def count_motion(answers: Iterable[str], base: int) -> dict[str, int]:
    counts = {"agree": 0, "disagree": 0, "abstain": 0}
    for answer in answers:
        counts[answer] += 1
    return {**counts, "base": base}
