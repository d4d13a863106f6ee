"""The registry of computed indicators: figures a report takes from the system's data.

Each indicator belongs to a *family*, one function that computes all its indicators for many units
at once (one grouped query over the subtree, then each row is added to the target unit whose path
is a prefix of it), so a roll-up over 2,000 units is a handful of queries, not 40,000. A computed
ratio is a formula over other registry codes (`formula`): in a roll-up it is recomputed from the
summed components, never averaged.

Modules add indicators with `register_family(...)`; reports defines the families of members,
meetings, documents and tasks itself, reading those modules' tables (reports depends on them, none
of them on reports). No user argument: the caller (queries/actions of reports) checks access.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Figures = dict[str, dict[str, Any]]  # unit path → indicator code → value
FamilyFn = Callable[[str, Sequence[str], date, date], Figures]


@dataclass(frozen=True)
class ComputedIndicator:
    code: str
    label: str | Promise
    family: str
    formula: str = ""  # a ratio over other codes of the registry (percent)


@dataclass(frozen=True)
class Family:
    name: str
    compute: FamilyFn
    indicators: tuple[ComputedIndicator, ...]


_FAMILIES: dict[str, Family] = {}


def register_family(name: str, compute: FamilyFn, indicators: Iterable[ComputedIndicator]) -> None:
    _FAMILIES[name] = Family(name, compute, tuple(indicators))


def registry() -> dict[str, ComputedIndicator]:
    _load_optional()
    return {i.code: i for f in _FAMILIES.values() for i in f.indicators}


def components(code: str) -> set[str]:
    """The registry codes a computed indicator needs (itself, or its formula's parts)."""
    from .formulas import names, parse

    indicator = registry()[code]
    return names(parse(indicator.formula)) if indicator.formula else {code}


def compute(
    root_path: str, targets: Sequence[str], codes: Iterable[str], start: date, end: date
) -> Figures:
    """The computed figures of each target unit (by path) for the period, for `codes` and the
    components their formulas need. Targets must lie in `root_path`'s subtree."""
    from .formulas import DivisionByZero, evaluate, parse, rounded

    known = registry()
    wanted = {c for c in codes if c in known}
    needed = set().union(*(components(c) for c in wanted)) if wanted else set()
    result: Figures = {path: {} for path in targets}
    for family in _FAMILIES.values():
        if any(i.code in needed for i in family.indicators):
            for path, figures in family.compute(root_path, targets, start, end).items():
                result[path].update({k: v for k, v in figures.items() if k in needed})
    for figures in result.values():
        for code in needed:
            figures.setdefault(code, 0)
    for code in wanted:
        if known[code].formula:
            node = parse(known[code].formula)
            for figures in result.values():
                try:
                    figures[code] = rounded(evaluate(node, dict(figures)) * 100)
                except (DivisionByZero, LookupError):
                    figures[code] = None  # no denominator: no rate
    return result


def assign(rows: Iterable[tuple[str, dict[str, int]]], targets: Sequence[str]) -> Figures:
    """Add each (unit path, counts) row to the target whose subtree holds it (the deepest)."""
    by_path = {path: {} for path in targets}  # type: Figures
    lengths = sorted({len(p) for p in targets}, reverse=True)
    for path, counts in rows:
        for n in lengths:
            target = by_path.get(path[:n])
            if target is not None:
                for code, value in counts.items():
                    target[code] = target.get(code, 0) + int(value or 0)
                break
    return by_path


def _split(rows: Iterable[Any], key: str) -> list[tuple[str, dict[str, int]]]:
    return [(r[key], {k: v for k, v in r.items() if k != key}) for r in rows]


def _moment(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


# --- members ----------------------------------------------------------------------------------


def _members(root: str, targets: Sequence[str], start: date, end: date) -> Figures:
    from chibo.members.models import Gender, Member, MemberStatus

    active = Q(status__in=(MemberStatus.FULL, MemberStatus.PROBATIONARY))
    rows = (
        Member.objects.filter(active, unit__path__startswith=root)
        .values("unit__path")
        .annotate(
            members_total=Count("pk"),
            members_full=Count("pk", filter=Q(status=MemberStatus.FULL)),
            members_probationary=Count("pk", filter=Q(status=MemberStatus.PROBATIONARY)),
            members_female=Count("pk", filter=Q(gender=Gender.FEMALE)),
            members_exempt=Count("pk", filter=Q(is_exempt=True)),
            members_away=Count("pk", filter=Q(temporary_unit__isnull=False)),
        )
    )
    return assign(_split(rows, "unit__path"), targets)


MEMBER_INDICATORS = (
    ComputedIndicator("members_total", _("Tổng số đảng viên"), "members"),
    ComputedIndicator("members_full", _("Đảng viên chính thức"), "members"),
    ComputedIndicator("members_probationary", _("Đảng viên dự bị"), "members"),
    ComputedIndicator("members_female", _("Đảng viên nữ"), "members"),
    ComputedIndicator("members_exempt", _("Đảng viên được miễn công tác, sinh hoạt"), "members"),
    ComputedIndicator("members_away", _("Đảng viên sinh hoạt tạm thời nơi khác"), "members"),
)


def _member_events(root: str, targets: Sequence[str], start: date, end: date) -> Figures:
    from chibo.members.models import EventKind, MemberEvent

    events = MemberEvent.objects.filter(
        cancelled_at__isnull=True, effective_on__gte=start, effective_on__lte=end
    )
    # Arrivals count where the member arrived, departures where they were.
    arriving = (
        events.filter(
            kind__in=(EventKind.ADMISSION, EventKind.READMISSION, EventKind.TRANSFER_IN),
            to_unit__path__startswith=root,
        )
        .values("to_unit__path")
        .annotate(
            admissions=Count("pk", filter=Q(kind__in=(EventKind.ADMISSION, EventKind.READMISSION))),
            transfers_in=Count("pk", filter=Q(kind=EventKind.TRANSFER_IN)),
        )
    )
    leaving = (
        events.filter(
            kind__in=(
                EventKind.FULL_MEMBERSHIP,
                EventKind.TRANSFER_OUT,
                EventKind.DEATH,
                EventKind.REMOVAL,
                EventKind.EXPULSION,
                EventKind.WITHDRAWAL,
            ),
            from_unit__path__startswith=root,
        )
        .values("from_unit__path")
        .annotate(
            full_memberships=Count("pk", filter=Q(kind=EventKind.FULL_MEMBERSHIP)),
            transfers_out=Count("pk", filter=Q(kind=EventKind.TRANSFER_OUT)),
            deaths=Count("pk", filter=Q(kind=EventKind.DEATH)),
            members_left=Count(
                "pk",
                filter=Q(kind__in=(EventKind.REMOVAL, EventKind.EXPULSION, EventKind.WITHDRAWAL)),
            ),
        )
    )
    rows = _split(arriving, "to_unit__path")
    rows += _split(leaving, "from_unit__path")
    return assign(rows, targets)


MEMBER_EVENT_INDICATORS = (
    ComputedIndicator("admissions", _("Kết nạp đảng viên mới trong kỳ"), "member_events"),
    ComputedIndicator(
        "full_memberships", _("Công nhận đảng viên chính thức trong kỳ"), "member_events"
    ),
    ComputedIndicator(
        "transfers_in", _("Tiếp nhận chuyển sinh hoạt đến trong kỳ"), "member_events"
    ),
    ComputedIndicator("transfers_out", _("Chuyển sinh hoạt đi trong kỳ"), "member_events"),
    ComputedIndicator("deaths", _("Đảng viên từ trần trong kỳ"), "member_events"),
    ComputedIndicator(
        "members_left", _("Xóa tên, khai trừ, ra khỏi Đảng trong kỳ"), "member_events"
    ),
)


# --- meetings ---------------------------------------------------------------------------------


def _meetings(root: str, targets: Sequence[str], start: date, end: date) -> Figures:
    from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus

    rows = (
        Meeting.objects.filter(
            status=MeetingStatus.HELD,
            unit__path__startswith=root,
            starts_at__gte=_moment(start),
            starts_at__lte=_moment(end, end=True),
        )
        .values("unit__path")
        .annotate(
            meetings_held=Count("pk"),
            meetings_regular=Count(
                "pk", filter=Q(kind__in=(MeetingKind.REGULAR, MeetingKind.COMBINED))
            ),
            meetings_thematic=Count(
                "pk", filter=Q(kind__in=(MeetingKind.THEMATIC, MeetingKind.COMBINED))
            ),
            attendance_present=Sum("present_count"),
            attendance_expected=Sum("expected_count"),
        )
    )
    return assign(_split(rows, "unit__path"), targets)


MEETING_INDICATORS = (
    ComputedIndicator("meetings_held", _("Số cuộc sinh hoạt chi bộ đã họp"), "meetings"),
    ComputedIndicator("meetings_regular", _("Sinh hoạt thường kỳ đã họp"), "meetings"),
    ComputedIndicator("meetings_thematic", _("Sinh hoạt chuyên đề đã họp"), "meetings"),
    ComputedIndicator("attendance_present", _("Lượt đảng viên dự họp"), "meetings"),
    ComputedIndicator("attendance_expected", _("Lượt đảng viên phải dự họp"), "meetings"),
    ComputedIndicator(
        "attendance_rate",
        _("Tỷ lệ đảng viên dự sinh hoạt (%)"),
        "meetings",
        formula="attendance_present / attendance_expected",
    ),
)


# --- documents --------------------------------------------------------------------------------


def _documents(root: str, targets: Sequence[str], start: date, end: date) -> Figures:
    from chibo.documents.models.distribution import Receipt

    rows = (
        Receipt.objects.filter(
            unit__path__startswith=root,
            distribution__created_at__gte=_moment(start),
            distribution__created_at__lte=_moment(end, end=True),
        )
        .values("unit__path")
        .annotate(
            documents_received=Count("pk"),
            documents_read=Count("pk", filter=Q(read_at__isnull=False)),
        )
    )
    return assign(_split(rows, "unit__path"), targets)


DOCUMENT_INDICATORS = (
    ComputedIndicator("documents_received", _("Lượt văn bản gửi đến đảng viên"), "documents"),
    ComputedIndicator("documents_read", _("Lượt văn bản đảng viên đã đọc"), "documents"),
    ComputedIndicator(
        "documents_read_rate",
        _("Tỷ lệ văn bản đã đọc (%)"),
        "documents",
        formula="documents_read / documents_received",
    ),
)


# --- tasks (assignments) ----------------------------------------------------------------------

TASK_INDICATORS = (
    ComputedIndicator("tasks_due", _("Nhiệm vụ đến hạn trong kỳ"), "tasks"),
    ComputedIndicator("tasks_accepted_on_time", _("Nhiệm vụ hoàn thành đúng hạn"), "tasks"),
    ComputedIndicator("tasks_accepted", _("Nhiệm vụ được nghiệm thu trong kỳ"), "tasks"),
    ComputedIndicator("tasks_overdue", _("Nhiệm vụ quá hạn"), "tasks"),
    ComputedIndicator(
        "tasks_on_time_rate",
        _("Tỷ lệ nhiệm vụ hoàn thành đúng hạn (%)"),
        "tasks",
        formula="tasks_accepted_on_time / tasks_due",
    ),
)
TASK_KEYS = {
    "due": "tasks_due",
    "accepted_on_time": "tasks_accepted_on_time",
    "accepted": "tasks_accepted",
    "overdue": "tasks_overdue",
}


def _task_counts_fn() -> Callable[..., dict[str, int]] | None:
    try:
        from chibo.assignments import queries
    except ImportError:
        return None
    return getattr(queries, "task_indicator_counts", None)


def _tasks(root: str, targets: Sequence[str], start: date, end: date) -> Figures:
    from chibo.org.models import OrgUnit

    counts = _task_counts_fn()
    result: Figures = {path: {} for path in targets}
    if counts is None:
        return result
    for unit in OrgUnit.objects.filter(path__in=list(targets)):
        got = counts(unit, start, end)
        result[unit.path] = {TASK_KEYS[k]: int(v) for k, v in got.items() if k in TASK_KEYS}
    return result


def _load_optional() -> None:
    """The tasks family exists once assignments provides `task_indicator_counts`."""
    if "tasks" not in _FAMILIES and _task_counts_fn() is not None:
        register_family("tasks", _tasks, TASK_INDICATORS)


register_family("members", _members, MEMBER_INDICATORS)
register_family("member_events", _member_events, MEMBER_EVENT_INDICATORS)
register_family("meetings", _meetings, MEETING_INDICATORS)
register_family("documents", _documents, DOCUMENT_INDICATORS)
