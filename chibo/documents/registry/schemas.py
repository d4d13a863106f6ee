"""Shapes of the registry API."""

from datetime import date

from ninja import Schema
from pydantic import Field

from chibo.core.bounds import Day

from ..numbering import issuer_name


class DocumentOut(Schema):
    id: int
    number: str
    kind: str
    issuer: str
    issuer_name: str
    title: str
    issued_on: date
    in_force_from: date | None
    in_force: bool
    classified: bool

    @staticmethod
    def resolve_issuer_name(obj: object) -> str:
        return issuer_name(str(getattr(obj, "issuer", "")))


class DocumentPage(Schema):
    items: list[DocumentOut]
    count: int


class DocumentRef(Schema):
    id: int
    number: str
    kind: str
    title: str
    issued_on: date


class DocumentFileOut(Schema):
    id: int
    name: str
    file_kind: str
    size: int
    text_status: str
    download_url: str


class DocumentDetailOut(DocumentOut):
    summary: str
    expires_on: date | None
    owner_unit: str
    replaces: list[DocumentRef]
    replaced_by: list[DocumentRef]
    files: list[DocumentFileOut]


class DocumentIn(Schema):
    unit: str = Field(..., max_length=40, description="code of the registering unit")
    kind: str = Field(..., max_length=24)
    number: str = Field(..., max_length=60, description='"số, ký hiệu", e.g. "57-NQ/TW"')
    issued_on: Day
    title: str = Field(..., max_length=500)
    summary: str = Field("", max_length=10_000)
    in_force_from: Day | None = None
    expires_on: Day | None = None
    classified: bool = False
    replaces: list[int] = Field(default_factory=list, max_length=20)
