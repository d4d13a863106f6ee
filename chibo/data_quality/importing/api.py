"""Imports API: the batches in the caller's reach and one batch's state (for scripts polling a
long import). Uploading and committing are done in the wizard or with `manage.py import_members`."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from chibo.core.pagination import PageParams, page

from . import queries

router = Router()


class ImportBatchOut(Schema):
    id: int
    file_name: str
    unit: str = Field(description="code of the unit whose subtree the file was imported into")
    file_format: str
    encoding: str
    status: str
    total_rows: int
    checkpoint: int = Field(description="number of the last data row committed")
    progress_percent: int
    column_mapping: dict[str, int] = Field(description="template field → column index")
    created_count: int
    updated_count: int
    unchanged_count: int
    flagged_count: int
    rejected_count: int
    uploaded_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def resolve_unit(obj: Any) -> str:
        return str(obj.unit.code)


class ImportBatchPage(Schema):
    items: list[ImportBatchOut]
    count: int


@router.get("/imports", response=ImportBatchPage, summary="Imports in the caller's reach")
def list_imports(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    queries.require_importer(request.user)
    return page(queries.imports_for_user(request.user), params)


@router.get("/imports/{import_id}", response=ImportBatchOut, summary="One import and its progress")
def get_import(request: HttpRequest, import_id: int) -> Any:
    return queries.get_import_for_user(request.user, import_id)
