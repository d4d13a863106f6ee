"""Registry API (/api/v1/documents): list and search, one document, register (JSON), attach
files (multipart). Attached to the module's router by `chibo.documents.api`."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from chibo.core.bounds import Year
from chibo.core.pagination import PageParams

from ..models import Document
from . import actions, queries
from .schemas import DocumentDetailOut, DocumentFileOut, DocumentIn, DocumentPage

router = Router()

# Count at most this many matches of a broad search (the page says "count": capped value).
COUNT_CAP = 1_000


# Optional, so that access is judged before the body (404/403 first, then 400 for no file).
_OPTIONAL_FILES = File(None)


class DocumentFilters(Schema):
    q: str = Field("", max_length=200)
    kind: str = Field("", max_length=24)
    issuer: str = Field("", max_length=20)
    year: Year | None = None
    in_force: bool | None = None


@router.get("", response=DocumentPage, summary="Registry documents visible to the caller")
def list_documents(
    request: HttpRequest, filters: Query[DocumentFilters], params: Query[PageParams]
) -> dict[str, Any]:
    queries.require_document_reader(request.user)
    documents = queries.documents_for(
        request.user,
        q=filters.q,
        kind=filters.kind or None,
        issuer=filters.issuer or None,
        year=filters.year,
        in_force=filters.in_force,
        on=date.today(),
    )
    items = list(documents[params.offset : params.offset + params.limit])
    count = documents.order_by()[:COUNT_CAP].count()
    return {"items": items, "count": count}


def _detail(request: HttpRequest, document: Document) -> dict[str, Any]:
    files = queries.files_of(document)
    return {
        **{
            f: getattr(document, f)
            for f in (
                "id",
                "number",
                "kind",
                "issuer",
                "title",
                "issued_on",
                "in_force_from",
                "in_force",
                "classified",
                "summary",
                "expires_on",
            )
        },
        "owner_unit": document.owner_unit.code,
        "replaces": queries.replaced_documents(request.user, document),
        "replaced_by": queries.replacing_documents(request.user, document),
        "files": [_file_out(f) for f in files],
    }


def _file_out(file: Any) -> dict[str, Any]:
    return {
        "id": file.pk,
        "name": file.original_name,
        "file_kind": file.file_kind,
        "size": file.size,
        "text_status": file.text_status,
        "download_url": reverse("documents:file_download", args=[file.pk]),
    }


@router.get("/{document_id}", response=DocumentDetailOut)
def get_document(request: HttpRequest, document_id: int) -> dict[str, Any]:
    return _detail(request, queries.get_document_for_user(request.user, document_id))


@router.post("", response={201: DocumentDetailOut}, summary="Register a document")
def register_document(request: HttpRequest, payload: DocumentIn) -> Status[Any]:
    unit = queries.unit_for_registration(request.user, payload.unit)
    document = actions.register_document(
        actor=request.user,
        unit=unit,
        kind=payload.kind,
        number=payload.number,
        issued_on=payload.issued_on,
        title=payload.title,
        summary=payload.summary,
        in_force_from=payload.in_force_from,
        expires_on=payload.expires_on,
        classified=payload.classified,
        replaces=payload.replaces,
    )
    return Status(201, _detail(request, queries.get_document_for_user(request.user, document.pk)))


@router.post(
    "/{document_id}/files",
    response={201: list[DocumentFileOut]},
    summary="Attach PDF or DOCX files (multipart)",
)
def add_files(
    request: HttpRequest,
    document_id: int,
    files: list[UploadedFile] = _OPTIONAL_FILES,
) -> Status[Any]:
    document = queries.get_document_to_manage(request.user, document_id)
    added = actions.add_document_files(
        actor=request.user,
        document=document,
        uploads=[actions.Upload(name=f.name or "", stream=f, size=f.size) for f in files or []],
    )
    return Status(201, [_file_out(f) for f in added])
