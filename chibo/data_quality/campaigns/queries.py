"""Reads of the data-cleaning campaign: campaigns in reach, the dashboard of a subtree, the daily
progress, the records to fix, one record's four tests.

Access: a campaign is visible to whoever holds data_quality.view on its root or anywhere inside
it; each one sees the part of it under their own grants (a branch secretary, their branch). Out
of reach is 404, in reach without the permission 403 (`access.policy`).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    Sensitive,
    can,
    find_unit,
    get_for_user,
    has_perm_anywhere,
    may_read,
    reveal,
    scope_with_ancestors,
    unit_for_user,
    units_for,
)
from chibo.access.policy import require as require_perm
from chibo.access.roles import Perm
from chibo.audit.recorder import record_read
from chibo.core.errors import Forbidden, NotFound
from chibo.core.tree import ancestor_paths, is_within
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit, UnitKind

from .. import criteria
from ..duplicates.queries import pairs_for
from ..models.campaigns import Campaign, CampaignDaily, MemberCheck, RecordConfirmation
from .actions import COUNT_KEYS, aggregates, campaign_covering, period_of, running_campaigns

# Units whose records are listed one by one on the dashboard (the branch and its cells).
BRANCH_KINDS = frozenset({UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH, UnitKind.PARTY_CELL})
FIX_LIST_LIMIT = 200
RECORD_PAGE_REASON = "data quality record page"


# --- campaigns ---------------------------------------------------------------------------------


def campaigns_for(user: Any) -> QuerySet[Campaign]:
    """Campaigns rooted in the user's reach or above it (a city's campaign concerns its wards)."""
    return scope_with_ancestors(
        user,
        Campaign.objects.select_related("root_unit"),
        via="root_unit",
        perm=Perm.DATA_QUALITY_VIEW,
    ).order_by("-starts_on", "-id")


def may_view_any(user: Any) -> None:
    if not has_perm_anywhere(user, Perm.DATA_QUALITY_VIEW):
        raise Forbidden(_("Bạn không có quyền xem dữ liệu làm sạch."))


def may_create_campaign(user: Any) -> bool:
    return has_perm_anywhere(user, Perm.DATA_QUALITY_MANAGE)


def current_campaign_for(user: Any, on: date | None = None) -> Campaign | None:
    """The running campaign the user most likely wants: the latest-started one in reach."""
    on = on or timezone.localdate()
    return campaigns_for(user).filter(starts_on__lte=on, ends_on__gte=on).first()


def get_campaign_for_user(user: Any, pk: int) -> Campaign:
    """404 unless the campaign's root is in the user's reach or above it, 403 there without
    data_quality.view."""
    return get_for_user(
        user,
        Campaign.objects.select_related("root_unit"),
        pk,
        Perm.DATA_QUALITY_VIEW,
        via="root_unit",
        with_ancestors=True,
        not_found=_("Không tìm thấy đợt làm sạch dữ liệu."),
    )


def units_to_start_campaign(user: Any) -> QuerySet[OrgUnit]:
    return units_for(user, Perm.DATA_QUALITY_MANAGE)


def find_unit_to_manage(user: Any, code: str) -> OrgUnit:
    return unit_for_user(user, code, Perm.DATA_QUALITY_MANAGE)


def unit_by_id(unit_id: int) -> OrgUnit | None:
    """The unit a queued re-check runs over (the task worker)."""
    return OrgUnit.objects.filter(pk=unit_id).first()


def dashboard_unit(user: Any, campaign: Campaign, code: str | None = None) -> OrgUnit:
    """The unit whose subtree the dashboard shows: the one asked for (inside the campaign and the
    user's reach), else the campaign's root, else the user's own top unit inside the campaign."""
    root = campaign.root_unit
    if code:
        unit = find_unit(code)
        if unit is None or not is_within(unit.path, root.path):
            raise NotFound(_("Không tìm thấy đơn vị."))
        require_perm(user, Perm.DATA_QUALITY_VIEW, unit)
        return unit
    if can(user, Perm.DATA_QUALITY_VIEW, root):
        return root
    inside = units_for(user, Perm.DATA_QUALITY_VIEW).filter(path__startswith=root.path).first()
    if inside is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    return inside


def breadcrumbs(user: Any, campaign: Campaign, unit: OrgUnit) -> list[OrgUnit]:
    """The units from the campaign's root down to `unit` that the user may open."""
    root_len = len(campaign.root_unit.path)
    paths = [p for p in ancestor_paths(unit.path) if len(p) >= root_len]
    units = OrgUnit.objects.filter(path__in=paths).order_by("path")
    return [u for u in units if can(user, Perm.DATA_QUALITY_VIEW, u)]


# --- the dashboard -----------------------------------------------------------------------------


def _percent(part: int, total: int) -> float:
    return round(100 * part / total, 1) if total else 0.0


@dataclass
class Progress:
    """Counts of one subtree and their percentages."""

    total: int = 0
    correct: int = 0
    complete: int = 0
    clean: int = 0
    current: int = 0
    all_four: int = 0

    def percent(self, key: str) -> float:
        return _percent(getattr(self, key), self.total)

    @property
    def percents(self) -> dict[str, float]:
        return {key: self.percent(key) for key in COUNT_KEYS if key != "total"}

    def add(self, other: "Progress") -> None:
        for key in COUNT_KEYS:
            setattr(self, key, getattr(self, key) + getattr(other, key))


@dataclass
class UnitRow:
    unit: OrgUnit
    progress: Progress
    rank: int = 0
    is_self: bool = False  # members directly in the viewed unit, not in a child
    may_open: bool = True


@dataclass
class Dashboard:
    campaign: Campaign
    unit: OrgUnit
    summary: Progress
    rows: list[UnitRow] = field(default_factory=list)
    snapshot_day: date | None = None  # the figures are that day's snapshot, not live counts


def _confirmed(campaign: Campaign) -> Q:
    return Q(confirmed_on__gte=campaign.starts_on, confirmed_on__lte=campaign.ends_on)


def subtree_progress(campaign: Campaign, unit: OrgUnit) -> Progress:
    row = MemberCheck.objects.filter(unit_path__startswith=unit.path).aggregate(
        **aggregates(_confirmed(campaign))
    )
    return Progress(**{k: row[k] or 0 for k in COUNT_KEYS})


# Above this many members in the subtree the dashboard reads the day's snapshot (CampaignDaily)
# instead of counting live: a live count over 1,000,000 members takes ~1.6 s (DESIGN.md "Data at
# scale": pre-aggregated counts beyond ~100k rows; bench/RESULTS.md).
LIVE_LIMIT = 100_000


def dashboard(
    user: Any, campaign: Campaign, unit: OrgUnit, *, live: bool | None = None
) -> Dashboard:
    """Percentages per child unit of `unit`, ranked by "all four": one GROUP BY over the cached
    checks on the child's path prefix (no query per unit). A subtree larger than `LIVE_LIMIT`
    is read from the latest daily snapshot when there is one (`live` forces either way)."""
    require_perm(user, Perm.DATA_QUALITY_VIEW, unit)
    if live is None:
        live = unit.member_count <= LIVE_LIMIT
    if not live:
        board = _snapshot_dashboard(user, campaign, unit)
        if board is not None:
            return board
    width = len(unit.path) + OrgUnit.steplen
    grouped = (
        MemberCheck.objects.filter(unit_path__startswith=unit.path)
        .annotate(prefix=Substr("unit_path", 1, width))
        .values("prefix")
        .annotate(**aggregates(_confirmed(campaign)))
        .order_by()
    )
    by_prefix = {
        str(r["prefix"]): Progress(**{k: int(r[k]) for k in COUNT_KEYS})  # type: ignore[literal-required]
        for r in grouped
    }
    children = {u.path: u for u in OrgUnit.objects.filter(path__in=list(by_prefix))}
    summary = Progress()
    rows: list[UnitRow] = []
    for prefix, progress in by_prefix.items():
        summary.add(progress)
        child = children.get(prefix)
        if child is None:
            continue
        is_self = child.pk == unit.pk
        rows.append(
            UnitRow(
                unit=child,
                progress=progress,
                is_self=is_self,
                may_open=not is_self and can(user, Perm.DATA_QUALITY_VIEW, child),
            )
        )
    _rank(rows)
    return Dashboard(campaign=campaign, unit=unit, summary=summary, rows=rows)


def _rank(rows: list[UnitRow]) -> None:
    rows.sort(key=lambda r: (-r.progress.percent("all_four"), -r.progress.total, r.unit.sort_name))
    for index, row in enumerate(rows, start=1):
        row.rank = index


def _snapshot_dashboard(user: Any, campaign: Campaign, unit: OrgUnit) -> Dashboard | None:
    """The dashboard from the latest daily snapshot of the unit and its children (two queries)."""
    latest = (
        CampaignDaily.objects.filter(campaign=campaign, unit=unit)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    if latest is None:
        return None
    # The children by treebeard's indexed (depth, path) lookup, then their rows by the
    # (campaign, unit, day) unique index: a join on the path prefix would scan every unit.
    units = [unit, *OrgUnit.objects.get_children(unit)]
    daily = CampaignDaily.objects.filter(
        campaign=campaign, day=latest, unit_id__in=[u.pk for u in units]
    ).select_related("unit")
    summary = Progress()
    rows: list[UnitRow] = []
    for d in daily:
        progress = Progress(**{k: getattr(d, _daily(k)) for k in COUNT_KEYS})
        if d.unit_id == unit.pk:
            summary = progress
        else:
            rows.append(
                UnitRow(
                    unit=d.unit,
                    progress=progress,
                    may_open=can(user, Perm.DATA_QUALITY_VIEW, d.unit),
                )
            )
    direct = summary.total - sum(r.progress.total for r in rows)
    if direct > 0:
        # Members directly in the unit: the remainder of its own counts.
        own = Progress(
            **{
                k: getattr(summary, k) - sum(getattr(r.progress, k) for r in rows)
                for k in COUNT_KEYS
            }
        )
        rows.append(UnitRow(unit=unit, progress=own, is_self=True, may_open=False))
    _rank(rows)
    return Dashboard(campaign=campaign, unit=unit, summary=summary, rows=rows, snapshot_day=latest)


def _daily(key: str) -> str:
    return key if key == "total" else f"{key}_count"


@dataclass(frozen=True)
class DayPoint:
    day: date
    percents: dict[str, float]


def daily_progress(campaign: Campaign, unit: OrgUnit, *, today: Progress | None) -> list[DayPoint]:
    """Percentages per day from the daily snapshots; today's live figures replace today's."""
    points = [
        DayPoint(d.day, Progress(**{k: getattr(d, _daily(k)) for k in COUNT_KEYS}).percents)
        for d in CampaignDaily.objects.filter(campaign=campaign, unit=unit).order_by("day")
    ]
    on = timezone.localdate()
    if today is not None and campaign.starts_on <= on <= campaign.ends_on:
        points = [p for p in points if p.day != on] + [DayPoint(on, today.percents)]
    return points


# --- records to fix ----------------------------------------------------------------------------


@dataclass
class FixRow:
    member: Member
    check: MemberCheck
    failing: list[str]  # the tests it fails
    reasons: list[dict[str, Any]]


def lists_records(unit: OrgUnit) -> bool:
    return unit.kind in BRANCH_KINDS


def _redacted(reason: dict[str, Any], sensitive: bool) -> dict[str, Any]:
    """The citizen ID's reasons quote its digits: only for the roles that may read it."""
    if sensitive or reason.get("field") != "citizen_id" or reason["code"].startswith("missing."):
        return reason
    return {
        **reason,
        "message": str(_("Số CCCD cần kiểm tra lại (chi tiết chỉ hiện với người được xem CCCD).")),
    }


def reasons_for(
    user: Any, member: Member, reasons: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    sensitive = may_read(user, Sensitive.CITIZEN_ID, unit=member.unit, owner_user_id=member.user_id)
    return {test: [_redacted(r, sensitive) for r in items] for test, items in reasons.items()}


def records_to_fix(
    user: Any, campaign: Campaign, unit: OrgUnit, *, failing: str = "", limit: int = FIX_LIST_LIMIT
) -> tuple[list[FixRow], int]:
    """The branch's records that fail at least one test (or the test `failing`), in Vietnamese
    name order; returns the first `limit` and how many there are."""
    require_perm(user, Perm.DATA_QUALITY_VIEW, unit)
    confirmed = _confirmed(campaign)
    rows = MemberCheck.objects.filter(unit_path__startswith=unit.path)
    tests = {
        "correct": Q(is_correct=False),
        "complete": Q(is_complete=False),
        "clean": Q(is_clean=False),
        "current": ~confirmed | Q(confirmed_on__isnull=True),
    }
    rows = rows.filter(tests[failing] if failing in tests else reduce(or_, tests.values()))
    count = rows.count()
    ordered = rows.select_related("member", "member__unit").order_by(
        "member__sort_name", "member_id"
    )
    return [_fix_row(user, campaign, check) for check in ordered[:limit]], count


def _fix_row(user: Any, campaign: Campaign, check: MemberCheck) -> FixRow:
    member = check.member
    confirmed_here = (
        check.confirmed_on is not None
        and campaign.starts_on <= check.confirmed_on <= campaign.ends_on
    )
    passed = {
        "correct": check.is_correct,
        "complete": check.is_complete,
        "clean": check.is_clean,
        "current": confirmed_here,
    }
    reasons = reasons_for(user, member, check.reasons)
    return FixRow(
        member=member,
        check=check,
        failing=[t for t, ok in passed.items() if not ok],
        reasons=[
            r
            for t, ok in passed.items()
            if not ok and t != "current"
            for r in reasons.get(t, [])
            if r.get("severity") == "error"
        ],
    )


def fix_row(user: Any, campaign: Campaign, member: Member) -> FixRow | None:
    """One member's row of the list to fix, from the cache (None when the member has no row)."""
    require_perm(user, Perm.DATA_QUALITY_VIEW, member.unit)
    check = (
        MemberCheck.objects.select_related("member", "member__unit").filter(member=member).first()
    )
    return _fix_row(user, campaign, check) if check is not None else None


# --- one record --------------------------------------------------------------------------------


def get_member_for_checks(user: Any, pk: int) -> Member:
    """404 out of reach or absent, 403 in reach without data_quality.view."""
    return get_for_user(
        user,
        Member.objects.select_related("unit"),
        pk,
        Perm.DATA_QUALITY_VIEW,
        not_found=_("Không tìm thấy đảng viên."),
    )


def get_member_to_fix(user: Any, pk: int) -> Member:
    member = get_member_for_checks(user, pk)
    require_perm(user, Perm.DATA_QUALITY_MANAGE, member.unit)
    return member


@dataclass
class RecordView:
    member: Member
    checks: criteria.RecordChecks
    campaign: Campaign | None
    confirmed_on: date | None
    open_pairs: int
    sensitive: bool


def record_checks(user: Any, member: Member, *, log_read: bool = True) -> RecordView:
    """The four tests of a record computed now (not the cache), with their reasons."""
    require_perm(user, Perm.DATA_QUALITY_VIEW, member.unit)
    on = timezone.localdate()
    campaign = campaign_covering(member.unit.path, running_campaigns(on))
    # Only the pairs the reader can see: a pair with a record outside their reach (referred to
    # the committee above) must not tell them that such a record exists.
    pairs = pairs_for(user, status="open").filter(Q(left=member) | Q(right=member)).count()
    last = (
        RecordConfirmation.objects.filter(member=member)
        .order_by("-confirmed_at")
        .values_list("confirmed_at", flat=True)
        .first()
    )
    confirmed_on = timezone.localdate(last) if last else None
    result = criteria.check_record(
        member,
        open_pairs=pairs,
        confirmed_on=confirmed_on,
        period=period_of(campaign),
        today=on,
    )
    # The page (its reasons, the fix form) shows the citizen ID to those the field rule lets
    # read it, and that read is logged; anyone else reads the rest of the profile (logged too).
    sensitive = bool(reveal(user, Sensitive.CITIZEN_ID, [member], reason=RECORD_PAGE_REASON))
    if log_read and not sensitive:
        record_read(actor=user, target=member, unit=member.unit, reason=RECORD_PAGE_REASON)
    return RecordView(
        member=member,
        checks=result,
        campaign=campaign,
        confirmed_on=confirmed_on,
        open_pairs=pairs,
        sensitive=sensitive,
    )


def is_active(member: Member) -> bool:
    return member.status in ACTIVE_STATUSES
