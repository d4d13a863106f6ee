"""Statistics of the members of a unit's subtree, and the "biến động" report of a period.

Counts are aggregated in the database. The profile counts take one pass over the subtree's active
members: a GROUP BY on the two open-ended columns (ethnicity, general education) with conditional
counts for the closed ones (status, gender, age band, party-age band, theory level); the marginals
are summed here. Bands are compared as dates (age ≥ n ⇔ born on or before the day n years earlier),
so no date arithmetic runs in SQL and the same code runs on SQLite and PostgreSQL.

Party age: the bands count from `admitted_on` (the admission decision). Members re-admitted after
a gap (the only ones whose party age loses time, DESIGN.md rule 7) are few; their exact party age,
gaps removed, comes from `chibo.members.rules.party_age` and moves them to their true band.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require, unit_for_user
from chibo.access.roles import Perm
from chibo.core.errors import ValidationFailed
from chibo.org.models import OrgUnit

from .. import state as member_state
from ..models import (
    ACTIVE_STATUSES,
    EventKind,
    Gender,
    Member,
    MemberEvent,
    MemberStatus,
    TheoryLevel,
    UnitMemberStatistics,
)
from ..rules import ETHNIC_GROUPS, parse_general_education, party_age
from ..rules.dates import add_months

# (lowest, highest) age in whole years, inclusive; None = open.
AGE_BANDS: tuple[tuple[int | None, int | None], ...] = (
    (None, 30),
    (31, 40),
    (41, 50),
    (51, 60),
    (61, 70),
    (71, None),
)
PARTY_AGE_BANDS: tuple[tuple[int | None, int | None], ...] = (
    (None, 9),
    (10, 19),
    (20, 29),
    (30, 39),
    (40, 49),
    (50, None),
)
TOP_ETHNIC_GROUPS = 6
# Subtrees at least this large are read from a daily snapshot (DESIGN.md "Data at scale"). The
# live aggregate of a province-sized subtree (~45,000 members) already takes ~0.5 s on the bench
# machine, since PostgreSQL then scans the whole member table (bench/RESULTS.md).
PRE_AGGREGATE_MIN_MEMBERS = 20_000
UNKNOWN = "unknown"
OTHER = "other"
MAX_PERIOD_DAYS = 366 * 10
CHANGE_LIST_LIMIT = 500

_ETHNIC_NAMES = {g.code: g.name for g in ETHNIC_GROUPS}


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str | Promise
    count: int

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": str(self.label), "count": self.count}


@dataclass
class UnitStatistics:
    unit: OrgUnit
    on: date
    total: int
    by_status: list[Bucket]
    by_gender: list[Bucket]
    by_age: list[Bucket]
    by_party_age: list[Bucket]
    by_ethnicity: list[Bucket]
    by_education: list[Bucket]
    by_theory: list[Bucket]
    admissions_by_year: list[Bucket]
    computed_at: datetime | None = None  # set when read from a snapshot

    def groups(self) -> dict[str, list[Bucket]]:
        return {
            "status": self.by_status,
            "gender": self.by_gender,
            "age": self.by_age,
            "party_age": self.by_party_age,
            "ethnicity": self.by_ethnicity,
            "education": self.by_education,
            "theory": self.by_theory,
            "admissions_by_year": self.admissions_by_year,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_code": self.unit.code,
            "unit_name": self.unit.name,
            "on": self.on,
            "computed_at": self.computed_at,
            "total": self.total,
            **{name: [b.as_dict() for b in buckets] for name, buckets in self.groups().items()},
        }


@dataclass(frozen=True)
class ChangeCategory:
    key: str
    label: Promise
    kinds: tuple[str, ...]


# The rows of the "biến động" report, in the order of the usual paper form.
CHANGE_CATEGORIES: tuple[ChangeCategory, ...] = (
    ChangeCategory("admitted", _("Kết nạp"), (EventKind.ADMISSION,)),
    ChangeCategory("readmitted", _("Kết nạp lại"), (EventKind.READMISSION,)),
    ChangeCategory("full", _("Công nhận chính thức"), (EventKind.FULL_MEMBERSHIP,)),
    ChangeCategory("transferred_in", _("Chuyển đến"), (EventKind.TRANSFER_IN,)),
    ChangeCategory("transferred_out", _("Chuyển đi"), (EventKind.TRANSFER_OUT,)),
    ChangeCategory("died", _("Từ trần"), (EventKind.DEATH,)),
    ChangeCategory(
        "left",
        _("Xóa tên, khai trừ, ra khỏi Đảng"),
        (EventKind.REMOVAL, EventKind.EXPULSION, EventKind.WITHDRAWAL),
    ),
)


@dataclass(frozen=True)
class ChangeEntry:
    member_id: int
    full_name: str
    kind: str
    kind_label: str
    effective_on: date
    decision_number: str
    unit_name: str  # the member's branch when the event happened (the receiving one for "in")
    other_unit_name: str  # the other end of a transfer


@dataclass
class ChangeRow:
    category: ChangeCategory
    count: int
    entries: list[ChangeEntry] = field(default_factory=list)


@dataclass
class ChangeReport:
    unit: OrgUnit
    start: date
    end: date
    rows: list[ChangeRow]

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_code": self.unit.code,
            "unit_name": self.unit.name,
            "from": self.start,
            "to": self.end,
            "rows": [
                {"key": r.category.key, "label": str(r.category.label), "count": r.count}
                for r in self.rows
            ],
        }


def get_unit_for_statistics(user: Any, code: str) -> OrgUnit:
    """The unit whose member statistics the user asks for: 404 absent or out of reach, 403
    in reach without members.view."""
    return unit_for_user(user, code, Perm.MEMBERS_VIEW)


def _years_before(on: date, years: int) -> date:
    return add_months(on, -12 * years)


def _band_q(column: str, on: date, low: int | None, high: int | None) -> Q:
    """Rows whose whole years from `column` to `on` lie in [low, high]."""
    q = Q(**{f"{column}__isnull": False})
    if low is not None:
        q &= Q(**{f"{column}__lte": _years_before(on, low)})
    if high is not None:
        q &= Q(**{f"{column}__gt": _years_before(on, high + 1)})
    return q


def _band_label(low: int | None, high: int | None) -> str:
    if low is None:
        return f"≤ {high}" if high is not None else ""
    if high is None:
        return f"≥ {low}"
    return f"{low}–{high}"  # noqa: RUF001  (an en dash between numbers)


def _band_key(low: int | None, high: int | None) -> str:
    return f"{'' if low is None else low}-{'' if high is None else high}"


def _band_index(years: int, bands: Iterable[tuple[int | None, int | None]]) -> int:
    for index, (low, high) in enumerate(bands):
        if (low is None or years >= low) and (high is None or years <= high):
            return index
    raise AssertionError(years)


def subtree_members(unit: OrgUnit) -> QuerySet[Member]:
    """Active members of the subtree (callers have checked access)."""
    return Member.objects.filter(unit__path__startswith=unit.path, status__in=ACTIVE_STATUSES)


def unit_statistics(user: Any, unit: OrgUnit, *, on: date | None = None) -> UnitStatistics:
    """Statistics of the subtree's active members, ages counted on `on` (today by default).

    A subtree of at least PRE_AGGREGATE_MIN_MEMBERS members is read from its snapshot of the day
    (`UnitMemberStatistics`, written by `actions.refresh_unit_statistics`) when there is one; any
    other request is aggregated live.
    """
    require(user, Perm.MEMBERS_VIEW, unit)
    today = date.today()
    on = on or today
    if on == today and unit.member_count >= PRE_AGGREGATE_MIN_MEMBERS:
        snapshot = UnitMemberStatistics.objects.filter(unit=unit, computed_on=on).first()
        if snapshot is not None:
            stats = _build(unit, on, snapshot.data)
            stats.computed_at = snapshot.computed_at
            return stats
    return _build(unit, on, compute_raw_statistics(unit, on))


def compute_raw_statistics(unit: OrgUnit, on: date) -> dict[str, Any]:
    """The counts behind `UnitStatistics`, as JSON (what a snapshot stores). Callers have
    checked access."""
    counts: dict[str, Q] = {
        "n": Q(),
        **{f"s_{s}": Q(status=s) for s in ACTIVE_STATUSES},
        **{f"g_{g}": Q(gender=g) for g in Gender.values},
        **{f"a_{i}": _band_q("birth_date", on, lo, hi) for i, (lo, hi) in enumerate(AGE_BANDS)},
        **{
            f"p_{i}": _band_q("admitted_on", on, lo, hi)
            for i, (lo, hi) in enumerate(PARTY_AGE_BANDS)
        },
        **{f"t_{t or 'none'}": Q(theory_level=t) for t in TheoryLevel.values},
        "t_none_alt": Q(theory_level="none"),
    }
    rows = (
        subtree_members(unit)
        .order_by()
        .values("ethnicity", "general_education")
        .annotate(**{k: Count("id", filter=q) if q else Count("id") for k, q in counts.items()})
    )
    sums: dict[str, int] = dict.fromkeys(counts, 0)
    ethnicity: dict[str, int] = defaultdict(int)
    education: dict[str, int] = defaultdict(int)
    for row in cast(Iterable[dict[str, Any]], rows):
        for key in counts:
            sums[key] += row[key]
        ethnicity[row["ethnicity"].strip()] += row["n"]
        education[_education_key(row["general_education"])] += row["n"]
    party_counts = [sums[f"p_{i}"] for i in range(len(PARTY_AGE_BANDS))]
    _correct_party_age_for_gaps(unit, on, party_counts)
    return {
        "sums": sums,
        "party": party_counts,
        "ethnicity": dict(ethnicity),
        "education": dict(education),
        "admissions": {str(y): n for y, n in _admissions_per_year(unit).items()},
    }


def _build(unit: OrgUnit, on: date, raw: dict[str, Any]) -> UnitStatistics:
    sums: dict[str, int] = raw["sums"]
    total = sums["n"]

    def bands(spec: tuple[tuple[int | None, int | None], ...], values: list[int]) -> list[Bucket]:
        buckets = [
            Bucket(_band_key(lo, hi), _band_label(lo, hi), values[i])
            for i, (lo, hi) in enumerate(spec)
        ]
        unknown = total - sum(values)
        if unknown:
            buckets.append(Bucket(UNKNOWN, _("Không rõ"), unknown))
        return buckets

    theory = [
        Bucket(
            t or "none",
            TheoryLevel(t).label,
            sums[f"t_{t or 'none'}"] + (sums["t_none_alt"] if not t else 0),
        )
        for t in TheoryLevel.values
    ]
    return UnitStatistics(
        unit=unit,
        on=on,
        total=total,
        by_status=[Bucket(s, MemberStatus(s).label, sums[f"s_{s}"]) for s in ACTIVE_STATUSES],
        by_gender=_with_unknown(
            [Bucket(g, Gender(g).label, sums[f"g_{g}"]) for g in Gender.values], total
        ),
        by_age=bands(AGE_BANDS, [sums[f"a_{i}"] for i in range(len(AGE_BANDS))]),
        by_party_age=bands(PARTY_AGE_BANDS, raw["party"]),
        by_ethnicity=_ethnic_buckets(dict(raw["ethnicity"])),
        by_education=_education_buckets(raw["education"]),
        by_theory=_with_unknown(theory, total),
        admissions_by_year=_year_buckets({int(y): n for y, n in raw["admissions"].items()}),
    )


def _with_unknown(buckets: list[Bucket], total: int) -> list[Bucket]:
    rest = total - sum(b.count for b in buckets)
    return [*buckets, Bucket(UNKNOWN, _("Không rõ"), rest)] if rest else buckets


def _ethnic_buckets(counts: dict[str, int]) -> list[Bucket]:
    """The largest groups by name, then "other groups", then records without an ethnicity."""
    unknown = counts.pop("", 0)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    buckets = [
        Bucket(code, _ETHNIC_NAMES.get(code, code), n) for code, n in ranked[:TOP_ETHNIC_GROUPS]
    ]
    others = sum(n for _code, n in ranked[TOP_ETHNIC_GROUPS:])
    if others:
        buckets.append(Bucket(OTHER, _("Dân tộc khác"), others))
    if unknown:
        buckets.append(Bucket(UNKNOWN, _("Không rõ"), unknown))
    return buckets


def _education_key(text: str) -> str:
    """ "12 / 12" and "12/12" are one level; unreadable text is "unknown"."""
    if not text.strip():
        return UNKNOWN
    try:
        return parse_general_education(text).format()
    except ValueError:
        return UNKNOWN


def _education_buckets(counts: dict[str, int]) -> list[Bucket]:
    def order(key: str) -> tuple[int, int, int]:
        if key == UNKNOWN:
            return (1, 0, 0)
        level = parse_general_education(key)
        return (0, -level.grade_in_12_year_system(), -level.system)

    return [
        Bucket(key, _("Không rõ") if key == UNKNOWN else key, n)
        for key, n in sorted(counts.items(), key=lambda kv: order(kv[0]))
        if n
    ]


def _correct_party_age_for_gaps(unit: OrgUnit, on: date, counts: list[int]) -> None:
    """Move re-admitted members from the band of their first admission to the band of their
    party age with the gaps out of the party removed (rules.party_age)."""
    readmitted = subtree_members(unit).filter(
        admitted_on__isnull=False,
        admitted_on__lte=on,
        events__kind=EventKind.READMISSION,
        events__cancelled_at__isnull=True,
    )
    members = readmitted.distinct().prefetch_related("events")
    for member in members:
        assert member.admitted_on is not None
        events = sorted(
            (e for e in member.events.all() if e.cancelled_at is None and e.effective_on <= on),
            key=lambda e: (e.effective_on, e.pk),
        )
        gaps = member_state.open_gaps(member_state.derive(events), on)
        naive = party_age(admitted_on=member.admitted_on, on=on).years
        exact = party_age(admitted_on=member.admitted_on, gaps=gaps, on=on).years
        counts[_band_index(naive, PARTY_AGE_BANDS)] -= 1
        counts[_band_index(exact, PARTY_AGE_BANDS)] += 1


def admissions_by_year(user: Any, unit: OrgUnit) -> list[Bucket]:
    """Admissions decided in the subtree per year, every year from the first one on."""
    require(user, Perm.MEMBERS_VIEW, unit)
    return _year_buckets(_admissions_per_year(unit))


def _admissions_per_year(unit: OrgUnit) -> dict[int, int]:
    """ADMISSION events whose branch is in the subtree, plus `admitted_on` of the subtree's
    records that carry no admission event (older records loaded without their history)."""
    per_year: dict[int, int] = defaultdict(int)
    from_events = (
        MemberEvent.objects.filter(
            kind=EventKind.ADMISSION,
            cancelled_at__isnull=True,
            to_unit__path__startswith=unit.path,
        )
        .order_by()
        .values(year=ExtractYear("effective_on"))
        .annotate(n=Count("id"))
    )
    has_admission = MemberEvent.objects.filter(member=OuterRef("pk"), kind=EventKind.ADMISSION)
    from_records = (
        Member.objects.filter(unit__path__startswith=unit.path, admitted_on__isnull=False)
        .exclude(Exists(has_admission))
        .order_by()
        .values(year=ExtractYear("admitted_on"))
        .annotate(n=Count("id"))
    )
    for row in (*from_events, *from_records):
        per_year[row["year"]] += row["n"]
    return dict(per_year)


def _year_buckets(per_year: dict[int, int]) -> list[Bucket]:
    if not per_year:
        return []
    # Every year from the first admission on, so a chart's axis is a time line.
    years = range(min(per_year), max(per_year) + 1)
    return [Bucket(str(year), str(year), per_year.get(year, 0)) for year in years]


def _in_subtree(prefix: str, unit: OrgUnit) -> Q:
    return Q(**{f"{prefix}__path__startswith": unit.path})


def _category_filter(category: ChangeCategory, unit: OrgUnit) -> Q:
    """Events of the category that concern the subtree. Transfers count only across its border:
    a move between two branches of the subtree changes neither its total nor its list."""
    kinds = Q(kind__in=category.kinds)
    if category.key == "transferred_in":
        return kinds & _in_subtree("to_unit", unit) & ~_in_subtree("from_unit", unit)
    if category.key == "transferred_out":
        return kinds & _in_subtree("from_unit", unit) & ~_in_subtree("to_unit", unit)
    if category.key in ("admitted", "readmitted"):
        return kinds & _in_subtree("to_unit", unit)
    # Other events: the member's branch when the event was recorded (from_unit); records loaded
    # without it fall back to the member's current branch.
    return kinds & (
        _in_subtree("from_unit", unit)
        | Q(from_unit__isnull=True, member__unit__path__startswith=unit.path)
    )


def member_changes(
    user: Any,
    unit: OrgUnit,
    *,
    start: date,
    end: date,
    with_members: bool = True,
    list_limit: int = CHANGE_LIST_LIMIT,
) -> ChangeReport:
    """The "biến động" report: events effective in [start, end] that concern the subtree, counted
    per category, with up to `list_limit` members listed per category."""
    require(user, Perm.MEMBERS_VIEW, unit)
    if end < start:
        raise ValidationFailed(_("Ngày kết thúc phải sau ngày bắt đầu."), field="to")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationFailed(_("Kỳ báo cáo dài nhất 10 năm."), field="from")
    # The kinds first: the (kind, effective_on) index then finds the period's events.
    events = MemberEvent.objects.filter(
        kind__in=[kind for c in CHANGE_CATEGORIES for kind in c.kinds],
        cancelled_at__isnull=True,
        effective_on__gte=start,
        effective_on__lte=end,
    )
    filters = {c.key: _category_filter(c, unit) for c in CHANGE_CATEGORIES}
    # One small count per category: each finds its events through the (kind, effective_on)
    # index and joins only those (one conditional aggregate over every kind joined the whole
    # member table: ~0.5 s at 1M members, bench/RESULTS.md).
    rows = [ChangeRow(c, events.filter(filters[c.key]).count()) for c in CHANGE_CATEGORIES]
    if with_members:
        for row in rows:
            if not row.count:
                continue
            listed = (
                events.filter(filters[row.category.key])
                .select_related("member", "from_unit", "to_unit")
                .order_by("effective_on", "member__sort_name", "id")[:list_limit]
            )
            row.entries = [_entry(e, row.category.key) for e in listed]
    return ChangeReport(unit=unit, start=start, end=end, rows=rows)


def _entry(event: MemberEvent, category: str) -> ChangeEntry:
    here, there = event.from_unit, event.to_unit
    if category in ("admitted", "readmitted", "transferred_in"):
        here, there = event.to_unit, event.from_unit
    if category not in ("transferred_in", "transferred_out"):
        there = None
    return ChangeEntry(
        member_id=event.member_id,
        full_name=event.member.full_name,
        kind=event.kind,
        kind_label=str(EventKind(event.kind).label),
        effective_on=event.effective_on,
        decision_number=event.decision_number,
        unit_name=here.name if here else "",
        other_unit_name=there.name if there else "",
    )
