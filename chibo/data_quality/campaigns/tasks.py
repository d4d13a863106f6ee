"""Background work of the campaign: re-check a subtree, write the day's counts."""

from django.tasks import task


@task()
def refresh_checks(unit_id: int) -> int:
    """Re-check every active member under a unit (after a campaign starts there)."""
    from .actions import refresh_member_checks
    from .queries import unit_by_id

    unit = unit_by_id(unit_id)
    return refresh_member_checks(unit=unit) if unit is not None else 0


@task()
def snapshot_day() -> int:
    """The day's counts of every running campaign (scheduled daily, e.g. by cron running
    `manage.py snapshot_campaigns`, or enqueued)."""
    from .actions import snapshot_campaigns

    return snapshot_campaigns()
