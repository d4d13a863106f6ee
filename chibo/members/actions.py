"""Writes to member records. The full set of life events comes with the member registry."""

from django.db import transaction
from django.db.models import Count

from chibo.org.models import OrgUnit

from .models import ACTIVE_STATUSES, Member


def refresh_member_counts() -> int:
    """Recompute the cached subtree member counts of every unit from the member table.

    Own counts come from one GROUP BY; each is added to the unit and its ancestors by path prefix.
    Returns the number of units whose cache changed.
    """
    steplen = OrgUnit.steplen
    own = (
        Member.objects.filter(status__in=ACTIVE_STATUSES)
        .values("unit__path")
        .annotate(n=Count("id"))
        .values_list("unit__path", "n")
    )
    totals: dict[str, int] = {}
    for path, n in own.iterator():
        for end in range(steplen, len(path) + 1, steplen):
            prefix = path[:end]
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
