"""Background duplicate detection started from the review queue page."""

from django.contrib.auth import get_user_model
from django.tasks import task

from ..models.duplicates import DetectionRun, RunStatus
from . import actions


@task()
def detect_duplicates_task(run_id: int, user_id: int) -> int:
    run = DetectionRun.objects.select_related("unit").get(pk=run_id)
    if run.status != RunStatus.RUNNING:
        return 0
    user = get_user_model().objects.get(pk=user_id)
    run, pairs = actions.detect_duplicates(actor=user, unit=run.unit, run=run)
    return len(pairs)
