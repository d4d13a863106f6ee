"""Cache maintenance: rebuild members' derived state from their events, subtree member counts and
the statistics snapshots. Run by the system (commands, bulk loads), not by a person's request."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from chibo.core.tree import ancestor_paths
from chibo.org.models import OrgUnit

from .. import state as member_state
from ..models import ACTIVE_STATUSES, OPENING_KINDS, Member, MemberEvent


@dataclass(slots=True)
class _StoredEvent:
    """An event row as `recompute_member_states` streams it (enough for `state.apply`)."""

    kind: str
    effective_on: date
    to_unit_id: int | None
    details: dict[str, Any]


_CACHED_FIELDS = (
    "status",
    "unit_id",
    "temporary_unit_id",
    "is_exempt",
    "full_member_on",
    "merged_into_id",
)


def _start(cached: tuple[Any, ...]) -> member_state.MemberState:
    """The stored state, for a history that does not open with an admission or a carried-over
    record (members loaded before their events): the events recorded since build on it."""
    stored = dict(zip(_CACHED_FIELDS, cached, strict=True))
    return member_state.MemberState(
        status=stored["status"],
        unit_id=stored["unit_id"],
        temporary_unit_id=stored["temporary_unit_id"],
        is_exempt=stored["is_exempt"],
        full_member_on=stored["full_member_on"],
        merged_into_id=stored["merged_into_id"],
    )


def recompute_member_states(*, chunk_size: int = 10_000) -> int:
    """Rebuild every member's cached state from their events; returns how many changed.

    Members with no events (records loaded before their history) keep their stored state, and a
    history that does not open with an admission (or a carried-over record) builds on it.
    Streams two ordered queries, events by (member, date, id) and members by id, and merges them,
    so memory stays bounded and no model instance is built except for the members that changed
    (1,000,000 members with 2.3 million events: see bench/RESULTS.md).
    """
    events = (
        MemberEvent.objects.order_by("member_id", "effective_on", "id")
        .values_list("member_id", "kind", "effective_on", "to_unit_id", "details", "cancelled_at")
        .iterator(chunk_size=chunk_size)
    )
    members = iter(
        Member.objects.order_by("id")
        .values_list("id", *_CACHED_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    batch: list[Member] = []
    cached = next(members, None)
    for member_id, rows in groupby(events, key=itemgetter(0)):
        while cached is not None and cached[0] < member_id:
            cached = next(members, None)
        if cached is None or cached[0] != member_id:
            continue
        live = [
            _StoredEvent(kind, on, to_unit, details)
            for _m, kind, on, to_unit, details, cancelled_at in rows
            if cancelled_at is None
        ]
        if not live:
            continue
        stored = cached[1:]
        opened = any(e.kind in OPENING_KINDS for e in live)
        start = None if opened else _start(stored)
        derived = member_state.derive(live, start=start)
        status, unit_id, merged_into_id = stored[0], stored[1], stored[5]
        if merged_into_id is not None and derived.merged_into_id is None:
            # Merged as a duplicate before merges were recorded as events: keep it merged.
            continue
        fresh = (
            derived.status or status,
            derived.unit_id or unit_id,
            derived.temporary_unit_id,
            derived.is_exempt,
            derived.full_member_on,
            derived.merged_into_id,
        )
        if fresh != stored:
            batch.append(Member(pk=member_id, **dict(zip(_CACHED_FIELDS, fresh, strict=True))))
    with transaction.atomic():
        Member.objects.bulk_update(
            batch,
            ["status", "unit", "temporary_unit", "is_exempt", "full_member_on", "merged_into"],
            batch_size=2000,
        )
    if batch:
        refresh_member_counts()
    return len(batch)


def refresh_member_counts() -> int:
    """Recompute the cached subtree member counts of every unit from the member table.

    Own counts come from one GROUP BY; each is added to the unit and its ancestors by path prefix.
    Returns the number of units whose cache changed.
    """
    own = (
        Member.objects.filter(status__in=ACTIVE_STATUSES)
        .values("unit__path")
        .annotate(n=Count("id"))
        .values_list("unit__path", "n")
    )
    totals: dict[str, int] = {}
    for path, n in own.iterator():
        for prefix in ancestor_paths(path, include_self=True, steplen=OrgUnit.steplen):
            totals[prefix] = totals.get(prefix, 0) + n
    changed = []
    for unit in OrgUnit.objects.only("id", "path", "member_count").iterator(chunk_size=5000):
        fresh = totals.get(unit.path, 0)
        if unit.member_count != fresh:
            unit.member_count = fresh
            changed.append(unit)
    with transaction.atomic():
        OrgUnit.objects.bulk_update(changed, ["member_count"], batch_size=2000)
    return len(changed)


def refresh_unit_statistics(*, on: date | None = None, min_members: int | None = None) -> int:
    """Rebuild the day's statistics snapshot of every subtree with at least `min_members` active
    members (the cached `OrgUnit.member_count`; default `PRE_AGGREGATE_MIN_MEMBERS` of
    queries.statistics) and drop the snapshots of smaller units, which are aggregated live.
    Returns the number of snapshots written. Run daily (ages change with the date) and after bulk
    loads: `manage.py refresh_member_statistics`."""
    from ..models import UnitMemberStatistics
    from ..queries.statistics import PRE_AGGREGATE_MIN_MEMBERS, compute_raw_statistics

    on = on or date.today()
    threshold = PRE_AGGREGATE_MIN_MEMBERS if min_members is None else min_members
    large = list(OrgUnit.objects.filter(member_count__gte=threshold).order_by("path"))
    written = 0
    for unit in large:
        data = compute_raw_statistics(unit, on)
        with transaction.atomic():
            UnitMemberStatistics.objects.update_or_create(
                unit=unit,
                defaults={"computed_on": on, "computed_at": timezone.now(), "data": data},
            )
        written += 1
    UnitMemberStatistics.objects.exclude(unit__in=large).delete()
    return written
