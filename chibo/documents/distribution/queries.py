"""Reads of distribution: a member's documents, the sender's read rates and who is behind.

Which documents a user reaches (decided in `access.policy`): a staff user (documents.view) sees
a document registered in their reach or above it (a city resolution is visible to the ward
committees under the city), as the registry does; a member sees a document sent to them (a
receipt), never a classified one.

Functions the handbook calls: `documents_for_member`, `unread_for_member`,
`get_document_for_reader`, `bookmarks_for`, `is_bookmarked`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Max, Min, Model, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    find_unit,
    get_for_user,
    in_scope_or_above,
    member_of,
    require,
    scope,
    units_for,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.core.tree import ancestor_paths
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import Bookmark, Distribution, Document, DocumentFile, Receipt
from .rates import RateRow, roll_up


def staff_document(user: Any, document_id: int) -> Document:
    """The document for staff work (distribute, read rates, study campaigns): 404 unless it was
    registered in the user's reach or above it, 403 there without documents.view."""
    return get_for_user(
        user,
        Document.objects.select_related("owner_unit").defer("search_text"),
        document_id,
        Perm.DOCUMENTS_VIEW,
        via="owner_unit",
        with_ancestors=True,
        not_found=_("Không tìm thấy văn bản."),
    )


def can_see_as_staff(user: Any, document: Document) -> bool:
    return in_scope_or_above(user, document.owner_unit, Perm.DOCUMENTS_VIEW)


def reader_document(user: Any, document_id: int) -> tuple[Document, Member]:
    """The document for a member who received it; 404 for anyone else and for classified ones."""
    member = member_of(user)
    if (
        member is None
        or not Receipt.objects.filter(
            member=member, document_id=document_id, document__classified=False
        ).exists()
    ):
        raise NotFound(_("Không tìm thấy văn bản."))
    return Document.objects.get(pk=document_id), member


def unit_by_code(code: str) -> OrgUnit:
    """The unit with this code whatever the user (the action or caller then `require`s on it)."""
    unit = find_unit(code)
    if unit is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    return unit


@dataclass(frozen=True)
class MemberDocument:
    """A document sent to a member, as the handbook lists it."""

    document: Document
    sent_at: datetime
    deadline: date | None
    read_at: datetime | None

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def _member_documents(user: Any, *, unread_only: bool) -> list[MemberDocument]:
    member = member_of(user)
    if member is None:
        return []
    receipts = Receipt.objects.filter(member=member, document__classified=False)
    if unread_only:
        receipts = receipts.filter(read_at__isnull=True)
    rows = list(
        receipts.values("document_id").annotate(
            read_at=Min("read_at"),
            sent_at=Max("distribution__created_at"),
            deadline=Min("distribution__deadline"),
        )
    )
    documents = Document.objects.in_bulk([r["document_id"] for r in rows])
    result = [
        MemberDocument(documents[r["document_id"]], r["sent_at"], r["deadline"], r["read_at"])
        for r in rows
    ]
    # Unread first, then the nearest deadline, then the newest.
    result.sort(key=lambda d: (d.is_read, d.deadline or date.max, -d.sent_at.timestamp()))
    return result


def documents_for_member(user: Any) -> list[MemberDocument]:
    """Every document sent to the user's member record (none for a login without one)."""
    return _member_documents(user, unread_only=False)


def unread_for_member(user: Any) -> list[MemberDocument]:
    """Documents sent to the member and not opened yet: the handbook's "to read" list."""
    return _member_documents(user, unread_only=True)


def get_document_for_reader(user: Any, pk: int) -> Document:
    """The document if it was sent to the user's member record and is not classified; else 404.
    Reading it is recorded separately (`actions.record_read`)."""
    document, _member = reader_document(user, pk)
    return document


def reader_file(user: Any, pk: int, file_id: int) -> DocumentFile:
    """A file of a document sent to the member (404 otherwise)."""
    document, _member = reader_document(user, pk)
    stored = DocumentFile.objects.filter(document=document, pk=file_id).first()
    if stored is None:
        raise NotFound(_("Không tìm thấy tệp."))
    return stored


def bookmarks_for(user: Any) -> QuerySet[Document]:
    """The user's bookmarked documents, newest bookmark first (classified ones left out)."""
    if not getattr(user, "is_authenticated", False):
        return Document.objects.none()
    ids = Bookmark.objects.filter(user=user).values("document_id")
    return Document.objects.filter(pk__in=ids, classified=False)


def is_bookmarked(user: Any, document_id: int) -> bool:
    return Bookmark.objects.filter(user=user, document_id=document_id).exists()


# --- the sender's side ---------------------------------------------------------------------------


@dataclass
class ReadRates:
    document: Document
    unit: OrgUnit
    total: int
    read: int
    rows: list[RateRow]  # one per child unit with recipients
    own: RateRow | None  # members attached to the unit itself

    @property
    def percent(self) -> float:
        return round(self.read * 100 / self.total, 1) if self.total else 0.0


def document_for_rates(user: Any, document_id: int) -> Document:
    """The document whose rates the user asks for: 404 unless they may see it as staff."""
    return staff_document(user, document_id)


def rates_unit(user: Any, document: Document, code: str | None) -> OrgUnit:
    """The unit whose rates are shown: the given code (404 out of reach, 403 without
    documents.view), else where the document was sent inside the user's reach."""
    unit = unit_by_code(code) if code else _default_unit(user, document)
    require(user, Perm.DOCUMENTS_VIEW, unit)
    return unit


def _default_unit(user: Any, document: Document) -> OrgUnit:
    tops = list(units_for(user, Perm.DOCUMENTS_VIEW))
    if not tops:
        raise NotFound(_("Không tìm thấy đơn vị."))
    sent_to = [
        d.unit for d in Distribution.objects.filter(document=document).select_related("unit")
    ]
    for top in tops:
        for unit in sent_to:
            if unit.path.startswith(top.path):
                return unit
            if top.path.startswith(unit.path):
                return top
    return tops[0]


def unit_counts(
    model: type[Model], key: str, value: int, done_field: str, unit: OrgUnit
) -> tuple[list[RateRow], RateRow | None, int, int]:
    """Rows of `model` with `key = value` in `unit`'s subtree, counted per child of `unit`.

    One statement: the rows are first counted per unit id (an index-only scan of
    (key, unit, done) for a city's 370,000 receipts), then joined to the few thousand units and
    summed per path prefix of the child's length (bench/RESULTS.md, "Documents: read receipts").
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    units = quote(OrgUnit._meta.db_table)
    cut = len(unit.path) + OrgUnit.steplen
    # Identifiers are the models', quoted by the backend; values are parameters.
    sql = (
        f"SELECT SUBSTR(u.path, 1, %s) AS prefix, SUM(c.total), SUM(c.done) "  # noqa: S608
        f"FROM (SELECT r.unit_id, COUNT(*) AS total, COUNT(r.{quote(done_field)}) AS done "
        f"FROM {table} r WHERE r.{quote(key)} = %s "
        f"AND r.unit_id IN (SELECT id FROM {units} WHERE path LIKE %s) GROUP BY r.unit_id) c "
        f"JOIN {units} u ON u.id = c.unit_id GROUP BY SUBSTR(u.path, 1, %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [cut, value, unit.path + "%", cut])
        counts = [(path, int(total), int(done)) for path, total, done in cursor.fetchall()]
    children = {
        path: (uid, code, name)
        for uid, path, code, name in OrgUnit.objects.filter(
            path__startswith=unit.path, depth=unit.depth + 1
        )
        .order_by("sort_name", "path")
        .values_list("id", "path", "code", "name")
    }
    rows, own = roll_up(counts, unit.path, children, OrgUnit.steplen)
    rows = [r for r in rows if r.total]
    total = sum(r.total for r in rows) + (own.total if own else 0)
    done = sum(r.done for r in rows) + (own.done if own else 0)
    return rows, own, total, done


def read_rates(user: Any, document: Document, unit: OrgUnit) -> ReadRates:
    """Recipients and readers of the document in each child of `unit` (callers have checked
    the document and the unit with `document_for_rates` and `rates_unit`)."""
    rows, own, total, read = unit_counts(Receipt, "document_id", document.pk, "read_at", unit)
    return ReadRates(document, unit, total, read, rows, own)


def unread_members(user: Any, document: Document, unit: OrgUnit) -> QuerySet[Receipt]:
    """Recipients in `unit`'s subtree who have not opened the document, by unit and name."""
    require(user, Perm.DOCUMENTS_VIEW, unit)
    return (
        Receipt.objects.filter(
            document=document, unit__path__startswith=unit.path, read_at__isnull=True
        )
        .select_related("member", "unit")
        .order_by("unit__sort_name", "unit__path", "member__sort_name", "member_id")
    )


def distributions_of(user: Any, document: Document) -> QuerySet[Distribution]:
    """The distributions of the document sent into the user's reach."""
    return scope(
        user,
        Distribution.objects.filter(document=document).select_related("unit", "sent_by"),
        perm=Perm.DOCUMENTS_VIEW,
    )


def distribution_of(user: Any, document: Document, distribution_id: int) -> Distribution:
    """One distribution of the document in the user's reach (for its progress), else 404."""
    found = distributions_of(user, document).filter(pk=distribution_id).first()
    if found is None:
        raise NotFound(_("Không tìm thấy lần phát hành."))
    return found


def document_by_number(user: Any, number: str) -> Document | None:
    """The newest document the user sees as staff with this number and symbol ("57-NQ/TW")."""
    candidates = Document.objects.select_related("owner_unit").filter(number__iexact=number.strip())
    return next(
        (d for d in candidates.order_by("-issued_on", "-pk")[:20] if can_see_as_staff(user, d)),
        None,
    )


def parent_of(unit: OrgUnit) -> OrgUnit | None:
    parents = ancestor_paths(unit.path)
    return OrgUnit.objects.filter(path=parents[-1]).first() if parents else None
