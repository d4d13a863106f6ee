"""Rules of elections in the party, as dated data (DESIGN.md rule 6).

Sources (RULES.md, "Elections"):
- Quy chế bầu cử trong Đảng, ban hành kèm theo Quyết định 190-QĐ/TW (10/10/2024) of the Central
  Committee, which replaced QĐ 244-QĐ/TW (2014):
  - Điều 14: the list of candidates exceeds the seats by at most 30% (the convening committee
    prepares 10-15%); a person the convening committee did not nominate joins the list only when
    more than 30% of the delegates (members) present agree;
  - Điều 15: valid and invalid ballots (not issued by the counting committee, more names kept than
    seats, every name struck on a list with surplus, names added: invalid); a list without surplus
    uses the agree / disagree form, where a line with both boxes or neither marked does not count
    for that person but leaves the ballot valid (a one-name ballot needs exactly one box marked);
  - Điều 30: the result is counted on the valid ballots, but a candidate is elected only with more
    than half of the base: for a congress of delegates the official delegates convened minus those
    absent for the whole congress with approval; for a congress of members the full members
    convened minus those on temporary transfer elsewhere, exempt and absent, suspended (or
    prosecuted, detained), and absent for the whole congress with approval. More passing than
    seats: the highest votes win. Too few elected: another round; after that the congress decides
    whether to go on or stop.
- Hướng dẫn 04-HD/TW (31/12/2024) on carrying out the regulation: paper ballots counted by
  computer, each stack entered independently, the entry log printed and kept with the minutes.
- A tie at the last seat: the regulation's text we hold does not settle it [U in RULES.md]. We
  never decide it silently: the count reports it and the congress decides (another round among
  the tied is what the regulation allows for a round that does not fill the seats).

Dates before 10/10/2024 are judged by the same rule (the book reaches back): QĐ 244-QĐ/TW had the
same 30%, the same "more than half of the base" and the same exclusions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chibo.core.rules import RuleBook

DELEGATES = "delegates"  # đại hội đại biểu
MEMBERS = "members"  # đại hội đảng viên

STRIKE = "strike"  # a list with surplus: strike out the names one does not elect
AGREE_DISAGREE = "agree_disagree"  # a single-candidate or no-surplus list

EXCLUSION_KINDS = ("absent_with_approval", "temporary_transfer", "exempt_absent", "suspended")


@dataclass(frozen=True)
class ElectionRules:
    source: str
    valid_from: date
    valid_to: date | None
    # Điều 14: candidates <= seats * (100 + max_surplus_percent) / 100.
    max_surplus_percent: int
    list_source: str
    # Điều 14: a floor nomination needs more than this share of the delegates present.
    floor_nomination_percent: int
    # Điều 30: elected with more than numerator/denominator of the base.
    majority_numerator: int
    majority_denominator: int
    result_source: str
    # Điều 30: who is taken out of the convened number, per kind of congress.
    excluded_delegates: frozenset[str]
    excluded_members: frozenset[str]
    ballot_source: str


ELECTION_RULES: RuleBook[ElectionRules] = RuleBook(
    "elections in the party",
    [
        ElectionRules(
            source="Quy chế bầu cử trong Đảng (QĐ 190-QĐ/TW, 10/10/2024); HD 04-HD/TW (31/12/2024)",
            valid_from=date(2024, 10, 10),
            valid_to=None,
            max_surplus_percent=30,
            list_source="QĐ 190-QĐ/TW, Điều 14",
            floor_nomination_percent=30,
            majority_numerator=1,
            majority_denominator=2,
            result_source="QĐ 190-QĐ/TW, Điều 30",
            excluded_delegates=frozenset({"absent_with_approval"}),
            excluded_members=frozenset(EXCLUSION_KINDS),
            ballot_source="QĐ 190-QĐ/TW, Điều 15",
        ),
    ],
)


def max_candidates(seats: int, rules: ElectionRules) -> int:
    """The longest list allowed for `seats` (Điều 14): at most 30% more names than seats."""
    return seats * (100 + rules.max_surplus_percent) // 100


def surplus_allowed(seats: int, candidates: int, rules: ElectionRules) -> bool:
    return candidates * 100 <= seats * (100 + rules.max_surplus_percent)


def floor_nomination_passes(approving: int, present: int, rules: ElectionRules) -> bool:
    """Điều 14: strictly more than 30% of the delegates (members) present agree."""
    return approving * 100 > present * rules.floor_nomination_percent


def form_for(seats: int, candidates: int) -> str:
    """Điều 15: a list with more names than seats is struck; otherwise agree / disagree."""
    return STRIKE if candidates > seats else AGREE_DISAGREE


def excluded_kinds(congress_kind: str, rules: ElectionRules) -> frozenset[str]:
    return rules.excluded_delegates if congress_kind == DELEGATES else rules.excluded_members


def base_of(
    congress_kind: str, convened: int, excluded: dict[str, int], rules: ElectionRules
) -> int:
    """Điều 30: the convened minus those the rules exclude for this kind of congress (never the
    number of valid ballots)."""
    kinds = excluded_kinds(congress_kind, rules)
    return convened - sum(n for kind, n in excluded.items() if kind in kinds)


def passes(votes: int, base: int, rules: ElectionRules) -> bool:
    """More than half of the base (Điều 30), in integers: votes / base > 1/2."""
    return votes * rules.majority_denominator > base * rules.majority_numerator


# --- motions ------------------------------------------------------------------------------------

MOTION = "motion"  # the form of a poll on a motion: agree / disagree / abstain
MOTION_ANSWERS = ("agree", "disagree", "abstain")


@dataclass(frozen=True)
class MotionRules:
    source: str
    valid_from: date
    valid_to: date | None
    # A motion passes with more than numerator/denominator of the base agreeing.
    numerator: int
    denominator: int


MOTION_RULES: RuleBook[MotionRules] = RuleBook(
    "motions at a congress",
    [
        MotionRules(
            # [U] The charter's majority principle; the congress's own rules of procedure may
            # say otherwise. We take the same base as an election (the convened minus the
            # excluded), never the hands raised.
            source="Điều lệ Đảng, Điều 10 (đa số quá bán); QĐ 190-QĐ/TW, Điều 3 (biểu quyết)",
            valid_from=date(2024, 10, 10),
            valid_to=None,
            numerator=1,
            denominator=2,
        )
    ],
)


def motion_passes(agree: int, base: int, rules: MotionRules) -> bool:
    return agree * rules.denominator > base * rules.numerator


# Not a regulation: how many counting officers must enter the same stack before the count can be
# closed. HD 04-HD/TW describes the practice of three computers; the app asks for at least two.
MIN_ENTRY_OFFICERS = 2
