"""The assignments module's one API router, mounted at /api/v1/ by config/api.py: a unit's tasks
and task dashboard under /units/{code}/, tasks and their workflow steps under /tasks."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from chibo.core.errors import ValidationFailed
from chibo.core.pagination import PageParams, page

from . import actions, queries
from .schemas import (
    AcceptIn,
    DashboardOut,
    DashboardQuery,
    ExtendIn,
    TaskFilters,
    TaskIn,
    TaskOut,
    TaskPage,
    TaskReturnIn,
    TaskSubmitIn,
)

router = Router(tags=["assignments"])


@router.get("/units/{code}/tasks", response=TaskPage, summary="Tasks of a unit's subtree")
def unit_tasks(
    request: HttpRequest, code: str, filters: Query[TaskFilters], params: Query[PageParams]
) -> dict[str, Any]:
    if filters.status and filters.status not in queries.LIST_FILTERS:
        raise ValidationFailed(
            _("Tình trạng không hợp lệ; dùng một trong: %(v)s."),
            field="status",
            v=", ".join(queries.LIST_FILTERS),
        )
    unit = queries.get_unit(request.user, code)
    rows = queries.unit_tasks(
        request.user, unit, status=filters.status, due_before=filters.due_before
    )
    return page(rows, params)


@router.post("/tasks", response={201: TaskOut}, summary="Create (and issue) a task")
def create_task(request: HttpRequest, payload: TaskIn) -> tuple[int, Any]:
    programme_id = payload.programme_id or queries.programme_of(
        request.user, payload.unit, payload.year, payload.quarter
    )
    data = payload.dict(
        exclude={
            "programme_id",
            "unit",
            "year",
            "quarter",
            "source_document_id",
            "source_meeting_id",
        }
    )
    data["co_owner_ids"] = payload.co_owner_ids
    if payload.source_document_id is not None:
        data["source_document"] = queries.document_source(request.user, payload.source_document_id)
    if payload.source_meeting_id is not None:
        data["source_meeting"] = queries.meeting_source(request.user, payload.source_meeting_id)[0]
    task = actions.create_task(actor=request.user, programme_id=programme_id, **data)
    return 201, queries.get_task_for_user(request.user, task.pk)


@router.post("/tasks/{task_id}/submit", response=TaskOut, summary="The owner submits proof")
def submit_task(request: HttpRequest, task_id: int, payload: TaskSubmitIn) -> Any:
    actions.submit_task(actor=request.user, task_id=task_id, note=payload.note, link=payload.link)
    return queries.get_task_for_user(request.user, task_id)


@router.post("/tasks/{task_id}/accept", response=TaskOut, summary="The approver accepts")
def accept_task(request: HttpRequest, task_id: int, payload: AcceptIn) -> Any:
    actions.accept_task(actor=request.user, task_id=task_id, note=payload.note)
    return queries.get_task_for_user(request.user, task_id)


@router.post("/tasks/{task_id}/return", response=TaskOut, summary="The approver returns it")
def return_task(request: HttpRequest, task_id: int, payload: TaskReturnIn) -> Any:
    actions.return_task(actor=request.user, task_id=task_id, reason=payload.reason)
    return queries.get_task_for_user(request.user, task_id)


@router.post(
    "/tasks/{task_id}/extend",
    response=TaskOut,
    summary="The owner asks for an extension (due_on, reason); the approver decides (grant)",
)
def extend_task(request: HttpRequest, task_id: int, payload: ExtendIn) -> Any:
    if payload.grant is None:
        actions.request_extension(
            actor=request.user, task_id=task_id, due_on=payload.due_on, reason=payload.reason
        )
    else:
        actions.decide_extension(
            actor=request.user, task_id=task_id, grant=payload.grant, note=payload.note
        )
    return queries.get_task_for_user(request.user, task_id)


@router.get(
    "/units/{code}/task-dashboard", response=DashboardOut, summary="Task dashboard of a subtree"
)
def task_dashboard(request: HttpRequest, code: str, filters: Query[DashboardQuery]) -> Any:
    unit = queries.get_unit(request.user, code)
    year = filters.year or timezone.localdate().year
    return queries.task_dashboard(request.user, unit, year=year, quarter=filters.quarter).as_dict()
