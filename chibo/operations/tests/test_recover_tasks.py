"""recover_tasks requeues only what the restarted worker left, and gives up after three deaths."""

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

PATH = "chibo.data_quality.campaigns.tasks.snapshot_day"


def task(status: str, *workers: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=PATH,
        worker_ids=list(workers),
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() if workers else None,
    )


def test_only_the_restarted_workers_tasks_are_requeued():
    mine = task(TaskResultStatus.RUNNING, "other", "w-1")
    theirs = task(TaskResultStatus.RUNNING, "w-2")
    done = task(TaskResultStatus.SUCCESSFUL, "w-1")
    call_command("recover_tasks", "--worker-id", "w-1")
    for row in (mine, theirs, done):
        row.refresh_from_db()
    assert (mine.status, mine.started_at) == (TaskResultStatus.READY, None)
    assert mine.worker_ids == ["other", "w-1"]  # the attempts stay visible
    assert theirs.status == TaskResultStatus.RUNNING
    assert done.status == TaskResultStatus.SUCCESSFUL


def test_all_running_requeues_every_running_task():
    rows = [task(TaskResultStatus.RUNNING, "w-1"), task(TaskResultStatus.RUNNING, "w-2")]
    call_command("recover_tasks", "--all-running")
    assert {DBTaskResult.objects.get(pk=row.pk).status for row in rows} == {"READY"}


def test_a_task_whose_worker_died_three_times_fails_visibly():
    poison = task(TaskResultStatus.RUNNING, "w-1", "w-1", "w-1")
    call_command("recover_tasks", "--worker-id", "w-1")
    poison.refresh_from_db()
    assert poison.status == TaskResultStatus.FAILED
    assert poison.exception_class_path == "chibo.operations.worker.WorkerLost"
    assert "3 attempts" in poison.traceback


def test_a_worker_id_or_all_running_is_required():
    with pytest.raises(CommandError):
        call_command("recover_tasks")
