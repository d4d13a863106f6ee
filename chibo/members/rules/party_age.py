"""Party age (tuổi đảng) and party badges (Huy hiệu Đảng).

Party age [V]: counted from the date written in the admission decision (Điều lệ Đảng, Điều 5
khoản 4), minus the time out of the party (expulsion, removal, lost contact, gaps while
transferring); a re-admitted member counts from the first admission minus the gaps (RULES.md,
"Party age and badges").

Badges [V]: Hướng dẫn 01-HD/TW (28/9/2021) mục 18 (read through thuvienphapluat.vn): badges at 30,
40, 45, 50, 55, 60, 65, 70, 75, 80, 85 and 90 years of party age; a seriously ill member may get a
30-65 badge up to 12 months early and a 70-90 badge up to 24 months early; a deceased member may be
awarded one posthumously up to 12 months early. Ceremonies on 3/2, 19/5, 2/9 and 7/11. Whether the
2025 guidance under QĐ 294-QĐ/TW renumbers this section is not confirmed [U]; the numbers are
parameters of a `BadgeRule`, one version per dated guidance in `BADGE_RULES`, chosen by the
ceremony day (`BADGE_RULES.rule_on(day)`, valid_from inclusive, valid_to exclusive).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from chibo.core.rules import RuleBook

from .dates import add_months
from .problems import Source

PARTY_AGE_SOURCE = Source(
    "Điều lệ Đảng, Điều 5 khoản 4; tuổi đảng trừ thời gian không sinh hoạt đảng"
)

Gap = tuple[date, date]


@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int
    days: int
    total_days: int


def calendar_difference(start: date, end: date) -> tuple[int, int, int]:
    """(years, months, days) with add_months(start, 12 * years + months) + days == end."""
    if end < start:
        raise ValueError("end before start")
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    days = (end - add_months(start, months)).days
    return months // 12, months % 12, days


def merge_gaps(gaps: Iterable[Gap]) -> list[Gap]:
    """Gaps as disjoint, sorted periods. A gap (left_on, back_on) is out from left_on up to, not
    including, back_on; overlapping or touching gaps become one, so no day counts twice."""
    merged: list[Gap] = []
    for start, end in sorted(g for g in gaps if g[0] < g[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def days_out(*, admitted_on: date, gaps: Iterable[Gap], on: date) -> int:
    """Days out of the party between admission and `on` (gaps clipped to that period)."""
    total = 0
    for start, end in merge_gaps(gaps):
        start, end = max(start, admitted_on), min(end, on)
        if start < end:
            total += (end - start).days
    return total


def party_age(*, admitted_on: date, gaps: Iterable[Gap] = (), on: date) -> PartyAge:
    """Party age on a date: `total_days` in the party, and (years, months, days) counted from the
    admission date moved later by the days out, so a member without gaps gets the plain calendar
    difference between the admission decision and `on`. The shift is counted in days, so a gap
    that spans 29 February can move the result by one day against a clerk's calendar count."""
    if on < admitted_on:
        raise ValueError("on before admission")
    gap_list = list(gaps)
    out = days_out(admitted_on=admitted_on, gaps=gap_list, on=on)
    years, months, days = calendar_difference(admitted_on + timedelta(days=out), on)
    return PartyAge(years, months, days, (on - admitted_on).days - out)


def reaches_on(*, admitted_on: date, gaps: Iterable[Gap] = (), years: int) -> date:
    """The first day on which party age is `years` full years."""
    out = 0
    for start, end in merge_gaps(gaps):
        start = max(start, admitted_on)
        # A gap that starts before the day the age would be reached delays that day by its whole
        # length, which carries the day past the gap's end; the next gap is compared with that.
        if start < end and start < add_months(admitted_on + timedelta(days=out), 12 * years):
            out += (end - start).days
    return add_months(admitted_on + timedelta(days=out), 12 * years)


@dataclass(frozen=True)
class BadgeRule:
    source: str
    valid_from: date
    valid_to: date | None
    milestones: tuple[int, ...]
    ill_early_months: dict[int, int]  # milestone -> months early allowed for a seriously ill member
    posthumous_early_months: int
    ceremony_days: tuple[tuple[int, int], ...]  # (day, month)
    confirmed: bool = True  # RULES.md [V]; False is [U]


BADGE_RULES = RuleBook(
    "party badges",
    [
        BadgeRule(
            source="Hướng dẫn 01-HD/TW (28/9/2021) mục 18 về xét tặng Huy hiệu Đảng (ngày trước "
            "đó cũng xét theo hướng dẫn này); hướng dẫn thay thế năm 2025 chưa đối chiếu",
            valid_from=date(2021, 9, 28),
            valid_to=None,
            milestones=(30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
            ill_early_months={
                **dict.fromkeys((30, 40, 45, 50, 55, 60, 65), 12),
                **dict.fromkeys((70, 75, 80, 85, 90), 24),
            },
            posthumous_early_months=12,
            ceremony_days=((3, 2), (19, 5), (2, 9), (7, 11)),
        )
    ],
)


def badge_years_due(
    *,
    admitted_on: date,
    gaps: Iterable[Gap] = (),
    ceremony_on: date,
    received: Iterable[int] = (),
    seriously_ill: bool = False,
    died_on: date | None = None,
    rule: BadgeRule | None = None,
) -> int | None:
    """The badge to present at a ceremony: the highest milestone reached by `ceremony_on` (or by
    `died_on`, for a posthumous award) that is above every badge already received; None if none.

    A seriously ill member may reach a milestone early by `rule.ill_early_months[milestone]`; a
    deceased member by `rule.posthumous_early_months`, counted at the date of death.
    """
    rule = rule or BADGE_RULES.rule_on(ceremony_on)
    gap_list = list(gaps)
    highest_received = max(received, default=0)
    counted_on = ceremony_on if died_on is None else min(ceremony_on, died_on)
    due: int | None = None
    for years in rule.milestones:
        if years <= highest_received:
            continue
        early = 0
        if died_on is not None:
            early = rule.posthumous_early_months
        elif seriously_ill:
            early = rule.ill_early_months.get(years, 0)
        if reaches_on(admitted_on=admitted_on, gaps=gap_list, years=years) <= add_months(
            counted_on, early
        ):
            due = years
    return due


def next_ceremony_on(after: date, rule: BadgeRule | None = None) -> date:
    """The first usual ceremony day on or after `after` (of the rule in force that day)."""
    rule = rule or BADGE_RULES.rule_on(after)
    for year in (after.year, after.year + 1):
        for day, month in sorted(rule.ceremony_days, key=lambda dm: (dm[1], dm[0])):
            candidate = date(year, month, day)
            if candidate >= after:
                return candidate
    raise AssertionError("a ceremony day falls within any year")
