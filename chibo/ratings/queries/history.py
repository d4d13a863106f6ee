"""History: results per unit and year, streaks of a level, a member's ratings over the years.

A rating is a dated event (the committee's decision); standing is derived from the decided
ratings: the latest level and the run of years at a level that ends with it.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import Sensitive, reveal, scope
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Rating, Stage, SubjectKind
from ..rules import LEVEL_ORDER, cap_allows, cap_limit, streak_years


def _decided(user: Any, unit: OrgUnit, kind: str) -> QuerySet[Rating]:
    rows = Rating.objects.filter(
        kind=kind, quarter=0, stage=Stage.DECIDED, unit__path__startswith=unit.path
    )
    return scope(user, rows, via="unit", perm=Perm.RATINGS_VIEW)


def level_counts(user: Any, unit: OrgUnit, *, year: int, kind: str) -> dict[str, Any]:
    """Counts per level of the year's decided ratings in the subtree, the ratings not decided
    yet, and the cap check per grassroots organisation (member ratings)."""
    rows = scope(
        user,
        Rating.objects.filter(kind=kind, quarter=0, year=year, unit__path__startswith=unit.path),
        via="unit",
        perm=Perm.RATINGS_VIEW,
    )
    per_level = dict(
        rows.filter(stage=Stage.DECIDED)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    undecided = rows.exclude(stage=Stage.DECIDED).count()
    cap: list[dict[str, Any]] = []
    if kind == SubjectKind.MEMBER:
        grouped = (
            rows.filter(stage=Stage.DECIDED)
            .values("grassroots", "round__cap_percent", "round__cap_confirmed")
            .annotate(
                excellent=Count("pk", filter=Q(level="excellent")),
                good=Count("pk", filter=Q(level="good")),
            )
            .order_by()
        )
        groups = list(grouped)
        units = OrgUnit.objects.in_bulk([g["grassroots"] for g in groups if g["grassroots"]])
        for g in groups:
            org = units.get(g["grassroots"])
            percent = g["round__cap_percent"]
            cap.append(
                {
                    "unit": org,
                    "excellent": g["excellent"],
                    "good": g["good"],
                    "percent": percent,
                    "confirmed": g["round__cap_confirmed"],
                    "limit": cap_limit(g["good"], percent),
                    "within": cap_allows(excellent=g["excellent"], good=g["good"], percent=percent),
                }
            )
        cap.sort(key=lambda c: (c["within"], c["unit"].sort_name if c["unit"] else ""))
    return {
        "year": year,
        "kind": kind,
        "levels": {lvl.value: per_level.get(lvl.value, 0) for lvl in LEVEL_ORDER},
        "decided": sum(per_level.values()),
        "undecided": undecided,
        "cap": cap,
    }


def results_by_year(
    user: Any, unit: OrgUnit, *, kind: str, first: int, last: int
) -> dict[int, dict[str, int]]:
    """{year: {level: count}} of decided annual ratings in the subtree, for the chart."""
    rows = (
        _decided(user, unit, kind)
        .filter(year__gte=first, year__lte=last)
        .order_by()
        .values_list("year", "level")
        .annotate(n=Count("pk"))
    )
    table = {y: {lvl.value: 0 for lvl in LEVEL_ORDER} for y in range(first, last + 1)}
    for year, level, n in rows:
        table[year][level] = n
    return table


@dataclass(frozen=True)
class Streak:
    subject_id: int
    name: str
    unit: OrgUnit | None
    years: list[int]
    member: Member | None = None


def streak_rows(
    user: Any, unit: OrgUnit, *, level: str, years: int, until: int, kind: str
) -> QuerySet[Any]:
    """Subjects rated `level` in each of the `years` years ending with `until`, whose rating of
    `until` is in the unit's subtree and the user's reach: one grouped query, rows of
    (subject id, sort name, years counted)."""
    field = "member" if kind == SubjectKind.MEMBER else "organisation"
    last = _decided(user, unit, kind).filter(year=until, level=level).values(f"{field}_id")
    window = Rating.objects.filter(
        kind=kind,
        quarter=0,
        stage=Stage.DECIDED,
        level=level,
        year__gte=until - years + 1,
        year__lte=until,
        **{f"{field}_id__in": last},
    )
    return (
        window.values(f"{field}_id", f"{field}__sort_name")
        .annotate(n=Count("year", distinct=True))
        .filter(n=years)
        .order_by(f"{field}__sort_name", f"{field}_id")
    )


def streaks(
    user: Any,
    unit: OrgUnit,
    *,
    level: str,
    years: int,
    until: int,
    kind: str = SubjectKind.MEMBER,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[Streak], int]:
    """One page of the streak list and the total count. Members on the page are revealed
    (Sensitive.RATING: each read by someone other than the member is logged)."""
    rows = streak_rows(user, unit, level=level, years=years, until=until, kind=kind)
    count = rows.count()
    page = list(rows[offset : offset + limit] if limit is not None else rows[offset:])
    span = list(range(until - years + 1, until + 1))
    field = "member" if kind == SubjectKind.MEMBER else "organisation"
    ids = [r[f"{field}_id"] for r in page]
    if kind == SubjectKind.MEMBER:
        members = Member.objects.select_related("unit").in_bulk(ids)
        shown = reveal(
            user,
            Sensitive.RATING,
            [members[i] for i in ids],
            reason="rating streaks",
            unit_of=lambda m: m.unit,
        )
        items = [
            Streak(i, members[i].full_name, members[i].unit, span, members[i])
            for i in ids
            if i in shown
        ]
    else:
        orgs = OrgUnit.objects.in_bulk(ids)
        items = [Streak(i, orgs[i].name, orgs[i], span) for i in ids]
    return items, count


@dataclass(frozen=True)
class History:
    ratings: list[Rating]
    latest: Rating | None
    excellent_streak: int


def member_history(user: Any, member: Member, *, reason: str = "member rating history") -> History:
    """A member's decided ratings, newest first, for the member, their branch committee and the
    committees above (the read by anyone else logged). 404 for anyone else."""
    if member.pk not in reveal(user, Sensitive.RATING, [member], reason=reason):
        raise NotFound(_("Không tìm thấy."))
    ratings = list(
        Rating.objects.filter(member=member, stage=Stage.DECIDED)
        .select_related("round__unit")
        .order_by("-year", "-quarter")
    )
    annual = [r for r in ratings if r.quarter == 0]
    latest = annual[0] if annual else None
    streak = 0
    if latest is not None and latest.level == "excellent":
        streak = streak_years([r.year for r in annual if r.level == "excellent"], latest.year)
    return History(ratings, latest, streak)
