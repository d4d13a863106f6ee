"""Background duplicate detection started from the review queue page."""

from django.tasks import task

from ..models.duplicates import RunStatus
from . import actions, queries


@task()
def detect_duplicates_task(run_id: int, user_id: int) -> int:
    run = queries.run_to_continue(run_id)
    if run.status != RunStatus.RUNNING:
        return 0
    user = queries.actor_by_id(user_id)
    run, pairs = actions.detect_duplicates(actor=user, unit=run.unit, run=run)
    return len(pairs)
