"""Every write of the assignments module (programmes, tasks, their workflow, notices)."""

from .programmes import create_programme, create_task, issue_programme, issue_task
from .workflow import (
    accept_task,
    decide_extension,
    recompute_task_states,
    record_progress,
    request_extension,
    return_task,
    split_task,
    submit_task,
)

__all__ = [
    "accept_task",
    "create_programme",
    "create_task",
    "decide_extension",
    "issue_programme",
    "issue_task",
    "recompute_task_states",
    "record_progress",
    "request_extension",
    "return_task",
    "split_task",
    "submit_task",
]
