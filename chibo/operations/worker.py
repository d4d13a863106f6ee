"""Tasks a killed worker left behind.

django-tasks-db claims a task by setting it RUNNING and appending the worker's id; if that worker
dies (kill -9, power loss, OOM killer) the row stays RUNNING for ever and no worker takes it
again — the job's own record (a distribution, a detection run, an import) shows "running" with
no progress. `requeue_interrupted` puts such tasks back in the queue (READY) before a worker
starts, so they run again; every task of this project resumes from its own checkpoint and is
safe to run twice (docs/operations.md, "Crash drills"). A task that has already been claimed
MAX_ATTEMPTS times is marked FAILED instead, visibly, so one job that kills its worker every
time cannot take the queue down with it.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

MAX_ATTEMPTS = 3
LOST = "chibo.operations.worker.WorkerLost"


class WorkerLost(Exception):
    """The worker running the task stopped without finishing it."""


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def requeue_interrupted(*, worker_id: str | None) -> Recovery:
    """Requeue the RUNNING tasks last claimed by `worker_id` (a worker restarted under its
    stable id), or every RUNNING task when `worker_id` is None (no worker is running)."""
    recovery = Recovery()
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for task in running:
            if worker_id is not None and (task.worker_ids or [None])[-1] != worker_id:
                continue
            if len(task.worker_ids) >= MAX_ATTEMPTS:
                task.status = TaskResultStatus.FAILED
                task.finished_at = timezone.now()
                task.exception_class_path = LOST
                task.traceback = (
                    f"{LOST}: the worker stopped during each of {len(task.worker_ids)} attempts "
                    f"({', '.join(task.worker_ids)}); not retried again\n"
                )
                task.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                recovery.failed.append(str(task.pk))
            else:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                recovery.requeued.append(str(task.pk))
    return recovery
