"""Reads of the documents registry.

Visibility (decided in `access.policy.scope_with_ancestors`): a holder of `DOCUMENTS_VIEW` sees
the documents registered by a unit in their reach, and those registered by an ancestor of such a
unit (what the city committee registers is seen by every ward committee under it). A document
registered by a branch is not seen by a sibling branch's staff, nor by the branch's committee
staff of another tree. Members read documents through the handbook (distributions), not here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    can,
    get_for_user,
    has_perm_anywhere,
    reach_paths,
    scope_with_ancestors,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.org.models import OrgUnit

from ..models import Document, DocumentFile, DocumentKind
from ..numbering import ISSUERS, issuer_name
from ..search import apply_search

MAX_QUERY = 200
MIN_YEAR = 1930  # the party's founding year


def in_force_expression(on: date) -> ExpressionWrapper:
    """In force on `on`: not replaced by a document already in effect, and not expired.

    `replaced_from` is the cached day the first replacing document takes effect."""
    return ExpressionWrapper(
        (Q(replaced_from__isnull=True) | Q(replaced_from__gt=on))
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=on)),
        output_field=BooleanField(),
    )


def require_document_reader(user: Any) -> None:
    if not has_perm_anywhere(user, Perm.DOCUMENTS_VIEW):
        raise Forbidden(_("Bạn không có quyền xem sổ văn bản."))


def visible_documents(user: Any, *, perm: Perm | None = Perm.DOCUMENTS_VIEW) -> QuerySet[Document]:
    return scope_with_ancestors(user, Document.objects.all(), via="owner_unit", perm=perm)


def documents_for(
    user: Any,
    *,
    q: str = "",
    kind: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    in_force: bool | None = None,
    on: date | None = None,
) -> QuerySet[Document]:
    """The registry list: visible documents, searched and filtered, newest first."""
    on = on or date.today()
    if len(q) > MAX_QUERY:
        raise ValidationFailed(_("Từ khóa tìm kiếm quá dài."), field="q")
    if kind and kind not in DocumentKind.values:
        raise ValidationFailed(_("Loại văn bản không có trong danh mục."), field="kind")
    if year is not None and not MIN_YEAR <= year <= on.year + 1:
        raise ValidationFailed(_("Năm ban hành không hợp lệ."), field="year")
    documents = visible_documents(user)
    if kind:
        documents = documents.filter(kind=kind)
    if issuer:
        documents = documents.filter(issuer=issuer.strip().upper())
    if year is not None:
        documents = documents.filter(issued_on__year=year)
    documents = documents.annotate(in_force=in_force_expression(on))
    if in_force is not None:
        documents = documents.filter(in_force=in_force)
    # The text search last: PostgreSQL tests conditions of equal cost in the order written, and
    # the column tests above are far cheaper than matching a row's search vector.
    documents = apply_search(documents, q)
    # The folded search text can be long (a file's whole text): lists never need it.
    return (
        documents.defer("search_text")
        .select_related("owner_unit")
        .order_by("-issued_on", "-serial", "-id")
    )


def get_document_for_user(user: Any, document_id: int, *, on: date | None = None) -> Document:
    """404 when the document is outside every grant's reach (and not above it); 403 there
    without `DOCUMENTS_VIEW`."""
    on = on or date.today()
    annotated = Document.objects.annotate(in_force=in_force_expression(on)).select_related(
        "owner_unit", "registered_by"
    )
    return get_for_user(
        user,
        annotated,
        document_id,
        Perm.DOCUMENTS_VIEW,
        via="owner_unit",
        with_ancestors=True,
        not_found=_("Không tìm thấy văn bản."),
    )


def get_document_to_manage(user: Any, document_id: int) -> Document:
    document = get_document_for_user(user, document_id)
    if not can(user, Perm.DOCUMENTS_MANAGE, document.owner_unit):
        raise Forbidden(_("Chỉ đơn vị đăng ký văn bản mới được sửa văn bản này."))
    return document


def may_manage(user: Any, document: Document) -> bool:
    return can(user, Perm.DOCUMENTS_MANAGE, document.owner_unit)


def may_register(user: Any) -> bool:
    return has_perm_anywhere(user, Perm.DOCUMENTS_MANAGE)


def registering_units(user: Any) -> QuerySet[OrgUnit]:
    """Units the user may register documents for: their `DOCUMENTS_MANAGE` reach, tops first."""
    tops = reach_paths(user, Perm.DOCUMENTS_MANAGE)
    if not tops:
        return OrgUnit.objects.none()
    condition = Q()
    for path in tops:
        condition |= Q(path__startswith=path)
    # Committees register documents; branches rarely do, but may (their own plans, reports).
    return OrgUnit.objects.filter(condition).order_by("path")


def unit_for_registration(user: Any, code: str) -> OrgUnit:
    """The unit a document is registered for: 403 for a user who may register nowhere, then
    404 outside reach and 403 without the permission there."""
    if not may_register(user):
        raise Forbidden(_("Bạn không có quyền đăng ký văn bản."))
    return unit_for_user(user, code, Perm.DOCUMENTS_MANAGE)


def files_of(document: Document) -> list[DocumentFile]:
    return list(document.files.defer("text").order_by("id"))


def replaced_documents(user: Any, document: Document) -> list[Document]:
    """Documents this one replaces, those of them the user may see."""
    return list(visible_documents(user).filter(replaced_by=document).order_by("-issued_on"))


def replacing_documents(user: Any, document: Document) -> list[Document]:
    return list(visible_documents(user).filter(replaces=document).order_by("-issued_on"))


def get_file_for_user(user: Any, file_id: int) -> DocumentFile:
    """A file for staff download: its document must be visible with `DOCUMENTS_VIEW`."""
    file = DocumentFile.objects.select_related("document").filter(pk=file_id).first()
    if file is None:
        raise NotFound(_("Không tìm thấy tệp."))
    get_document_for_user(user, file.document_id)
    return file


def document_file(document: Document, file_id: int) -> DocumentFile:
    """A file of a document already authorised by the caller (e.g. the handbook's reader)."""
    file = DocumentFile.objects.filter(pk=file_id, document=document).first()
    if file is None:
        raise NotFound(_("Không tìm thấy tệp."))
    return file


def is_distributable(document: Document) -> bool:
    """Classified documents (văn bản mật) are never distributed to the handbook."""
    return not document.classified


def text_excerpt(document: Document, *, limit: int = 1500) -> str:
    text = (
        DocumentFile.objects.filter(document=document)
        .exclude(text="")
        .order_by("id")
        .values_list("text", flat=True)
        .first()
    )
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def issuer_choices(user: Any) -> list[tuple[str, str]]:
    # Over the whole registry (the issuer index answers it): issuing bodies' codes are public,
    # and a per-reach DISTINCT would walk every visible row on each page load.
    codes = set(Document.objects.order_by().values_list("issuer", flat=True).distinct())
    known = [c for c in ISSUERS if c in codes]
    others = sorted(codes - set(ISSUERS))
    return [(c, f"{c} — {issuer_name(c)}") for c in [*known, *others]]


def documents_by_numbers(user: Any, numbers: list[str]) -> QuerySet[Document]:
    return visible_documents(user).filter(number__in=numbers)
