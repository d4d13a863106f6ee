"""The count of one election round: pure functions, no database (QĐ 190-QĐ/TW, Điều 15 and 30).

The same code serves `manage.py count_ballots FILE.json` (an independent re-count from a file)
and the app (paper entries once reconciled, and electronic ballots at close). Candidates are named
by a string key (their name in the file, their id in the app); the order of `candidates` is the
order on the ballot and breaks no tie: a tie at the last seat is reported, never decided here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.core.errors import ValidationFailed

from .rules import (
    AGREE_DISAGREE,
    DELEGATES,
    ELECTION_RULES,
    EXCLUSION_KINDS,
    MEMBERS,
    STRIKE,
    ElectionRules,
    base_of,
    form_for,
    passes,
)

AGREE = "agree"
DISAGREE = "disagree"
BOTH = "both"
NONE = "none"
MARKS = (AGREE, DISAGREE, BOTH, NONE)

# Why a ballot is invalid (Điều 15); the minutes count each reason.
NOT_ISSUED = "not_issued"
TOO_MANY_KEPT = "too_many_kept"
ALL_STRUCK = "all_struck"
NAMES_ADDED = "names_added"
NO_SINGLE_MARK = "no_single_mark"  # a one-name agree/disagree ballot without exactly one box

INVALID_REASONS = {
    NOT_ISSUED: _("không do ban kiểm phiếu phát hành"),
    TOO_MANY_KEPT: _("để lại nhiều tên hơn số lượng cần bầu"),
    ALL_STRUCK: _("gạch hết tên trong danh sách có số dư"),
    NAMES_ADDED: _("ghi thêm tên ngoài danh sách"),
    NO_SINGLE_MARK: _("phiếu bầu một người không đánh dấu đúng một ô"),
}

COMPLETE = "complete"
TIE = "tie"
TOO_FEW = "too_few"

# What the rules allow next (QĐ 190-QĐ/TW, Điều 30), shown with the result; never decided here.
NEXT_STEPS = {
    COMPLETE: _("Đủ số lượng cần bầu."),
    TIE: _(
        "Có nhiều người bằng phiếu nhau ở vị trí cuối cùng: đại hội biểu quyết bầu tiếp trong số "
        "những người bằng phiếu (hoặc quyết định khác); hệ thống không tự chọn."
    ),
    TOO_FEW: _(
        "Chưa đủ số lượng cần bầu: đại hội quyết định bầu tiếp lần hai trong số những người không "
        "trúng cử (hoặc không bầu tiếp); sau lần hai vẫn thiếu, đại hội quyết định."
    ),
}


@dataclass(frozen=True)
class Ballot:
    """One ballot as read: for the strike form the names kept; for agree/disagree the marks."""

    issued: bool = True
    kept: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    marks: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CountInput:
    congress: str
    convened: int
    excluded: Mapping[str, int]
    seats: int
    candidates: tuple[str, ...]
    form: str
    ballots: tuple[Ballot, ...]


@dataclass(frozen=True)
class CandidateResult:
    candidate: str
    votes: int
    percent_of_base: Decimal


@dataclass(frozen=True)
class CountResult:
    valid: int
    invalid: int
    invalid_by_reason: Mapping[str, int]
    base: int
    results: tuple[CandidateResult, ...]
    elected: tuple[str, ...]
    status: str
    tied: tuple[str, ...]
    source: str

    def as_json(self) -> dict[str, Any]:
        """The output of `count_ballots`, exactly as issue 12 states it."""
        return {
            "valid": self.valid,
            "invalid": self.invalid,
            "base": self.base,
            "results": [
                {
                    "candidate": r.candidate,
                    "votes": r.votes,
                    "percent_of_base": float(r.percent_of_base),
                }
                for r in self.results
            ],
            "elected": list(self.elected),
            "status": self.status,
            "tied": list(self.tied),
        }


def invalid_reason(ballot: Ballot, candidates: Sequence[str], seats: int, form: str) -> str | None:
    """None for a valid ballot, else why not (Điều 15), the first reason in the rule's order."""
    if not ballot.issued:
        return NOT_ISSUED
    if ballot.added:
        return NAMES_ADDED
    if form == STRIKE:
        kept = set(ballot.kept)
        if len(kept) > seats:
            return TOO_MANY_KEPT
        if not kept and len(candidates) > seats:
            return ALL_STRUCK
        return None
    single = len(candidates) == 1
    if single and ballot.marks.get(candidates[0], NONE) not in (AGREE, DISAGREE):
        return NO_SINGLE_MARK
    return None


def votes_of(ballot: Ballot, form: str) -> set[str]:
    """The candidates a valid ballot votes for: kept names, or lines marked agree only."""
    if form == STRIKE:
        return set(ballot.kept)
    return {name for name, mark in ballot.marks.items() if mark == AGREE}


def percent(votes: int, base: int) -> Decimal:
    return (Decimal(votes) * 100 / Decimal(base)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def count(data: CountInput, rules: ElectionRules) -> CountResult:
    """Count one round: validity, votes per candidate against the base, who is elected."""
    base = base_of(data.congress, data.convened, dict(data.excluded), rules)
    if base <= 0:
        raise ValidationFailed(
            _("Số đại biểu (đảng viên) được triệu tập trừ số được loại trừ phải lớn hơn 0."),
            field="convened",
        )
    votes = dict.fromkeys(data.candidates, 0)
    reasons: dict[str, int] = {}
    valid = 0
    for ballot in data.ballots:
        reason = invalid_reason(ballot, data.candidates, data.seats, data.form)
        if reason:
            reasons[reason] = reasons.get(reason, 0) + 1
            continue
        valid += 1
        for name in votes_of(ballot, data.form):
            votes[name] += 1
    order = {name: i for i, name in enumerate(data.candidates)}
    ranked = sorted(data.candidates, key=lambda n: (-votes[n], order[n]))
    results = tuple(CandidateResult(n, votes[n], percent(votes[n], base)) for n in ranked)
    passing = [n for n in ranked if passes(votes[n], base, rules)]
    elected, status, tied = decide(passing, votes, data.seats)
    return CountResult(
        valid=valid,
        invalid=sum(reasons.values()),
        invalid_by_reason=reasons,
        base=base,
        results=results,
        elected=tuple(elected),
        status=status,
        tied=tuple(tied),
        source=f"{rules.ballot_source}; {rules.result_source}",
    )


def decide(
    passing: Sequence[str], votes: Mapping[str, int], seats: int
) -> tuple[list[str], str, list[str]]:
    """Among those with more than half of the base (highest first): the elected, the status and
    the tied. A tie straddling the last seat elects those above it and reports the tied."""
    if len(passing) <= seats:
        return list(passing), (COMPLETE if len(passing) == seats else TOO_FEW), []
    last = votes[passing[seats - 1]]
    if votes[passing[seats]] != last:
        return list(passing[:seats]), COMPLETE, []
    above = [n for n in passing if votes[n] > last]
    tied = [n for n in passing if votes[n] == last]
    return above, TIE, tied


# --- the file format of count_ballots ---------------------------------------------------------


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationFailed(_("“%(name)s” phải là số nguyên không âm."), field=name, name=name)
    return value


def _names(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationFailed(_("“%(name)s” phải là danh sách tên."), field=name, name=name)
    return tuple(v.strip() for v in value)


def parse_input(raw: Any) -> CountInput:
    """Check and read the JSON of `count_ballots` (issue 12); a clear error on anything else."""
    if not isinstance(raw, dict):
        raise ValidationFailed(_("Tệp phải chứa một đối tượng JSON."))
    congress = raw.get("congress")
    if congress not in (DELEGATES, MEMBERS):
        raise ValidationFailed(
            _("“congress” phải là “delegates” hoặc “members”."), field="congress"
        )
    convened = _int(raw.get("convened"), "convened")
    excluded_raw = raw.get("excluded", {})
    if not isinstance(excluded_raw, dict) or set(excluded_raw) - set(EXCLUSION_KINDS):
        raise ValidationFailed(
            _("“excluded” chỉ gồm: %(kinds)s."), field="excluded", kinds=", ".join(EXCLUSION_KINDS)
        )
    excluded = {k: _int(excluded_raw.get(k, 0), f"excluded.{k}") for k in EXCLUSION_KINDS}
    seats = _int(raw.get("seats"), "seats")
    candidates = _names(raw.get("candidates"), "candidates")
    if seats < 1:
        raise ValidationFailed(_("Số lượng cần bầu phải ít nhất là 1."), field="seats")
    if len(set(candidates)) != len(candidates) or "" in candidates:
        raise ValidationFailed(
            _("Danh sách bầu cử có tên trống hoặc trùng nhau."), field="candidates"
        )
    if len(candidates) < seats:
        raise ValidationFailed(
            _("Danh sách bầu cử có ít tên hơn số lượng cần bầu."), field="candidates"
        )
    form = raw.get("form")
    if form not in (STRIKE, AGREE_DISAGREE):
        raise ValidationFailed(_("“form” phải là “strike” hoặc “agree_disagree”."), field="form")
    if form != form_for(seats, len(candidates)):
        raise ValidationFailed(
            _(
                "Danh sách có số dư dùng phiếu gạch tên (strike); danh sách một người hoặc "
                "không có số dư dùng phiếu đồng ý / không đồng ý (agree_disagree)."
            ),
            field="form",
        )
    if not isinstance(raw.get("ballots"), list):
        raise ValidationFailed(_("“ballots” phải là danh sách phiếu."), field="ballots")
    ballots = tuple(_ballot(b, i, candidates, form) for i, b in enumerate(raw["ballots"], start=1))
    return CountInput(congress, convened, excluded, seats, candidates, form, ballots)


def _ballot(raw: Any, number: int, candidates: Sequence[str], form: str) -> Ballot:
    if not isinstance(raw, dict):
        raise ValidationFailed(_("Phiếu số %(n)s không đúng dạng."), field="ballots", n=number)
    issued = raw.get("issued", True)
    if not isinstance(issued, bool):
        raise ValidationFailed(
            _("Phiếu số %(n)s: “issued” phải là true hoặc false."), field="ballots", n=number
        )
    added = _names(raw.get("added", []), f"ballots[{number}].added")
    known = set(candidates)
    if form == STRIKE:
        kept = _names(raw.get("kept", []), f"ballots[{number}].kept")
        # A name on the ballot that is not on the list can only have been written in by hand.
        extra = tuple(n for n in kept if n not in known)
        if len(set(kept)) != len(kept):
            raise ValidationFailed(
                _("Phiếu số %(n)s ghi một tên hai lần."), field="ballots", n=number
            )
        return Ballot(issued=issued, kept=tuple(n for n in kept if n in known), added=added + extra)
    marks_raw = raw.get("marks", {})
    if not isinstance(marks_raw, dict) or any(m not in MARKS for m in marks_raw.values()):
        raise ValidationFailed(
            _("Phiếu số %(n)s: “marks” gồm tên → agree, disagree, both hoặc none."),
            field="ballots",
            n=number,
        )
    extra = tuple(n for n in marks_raw if n not in known)
    marks = {n: m for n, m in marks_raw.items() if n in known}
    return Ballot(issued=issued, marks=marks, added=added + extra)


def count_file(raw: Any, on: date) -> CountResult:
    """Parse and count a `count_ballots` file with the rules in force on `on`."""
    return count(parse_input(raw), ELECTION_RULES.rule_on(on))
