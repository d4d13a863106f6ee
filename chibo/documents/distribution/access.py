"""Which documents a user reaches, for distribution, read rates and bookmarks.

A staff user (documents.view) sees a document registered in their reach or above it (a city
resolution is visible to the ward committees under the city); a member sees a document sent to
them (a receipt), never a classified one. The registry's own pages decide the same way.
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import reaches
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.members.models import ACTIVE_STATUSES, Member

from ..models import Document, Receipt


def staff_document(user: Any, document_id: int) -> Document:
    """The document if `user` holds documents.view on a unit at or below its registering unit,
    or in the subtree of a unit above it; 404 otherwise."""
    document = (
        Document.objects.select_related("owner_unit")
        .defer("search_text")
        .filter(pk=document_id)
        .first()
    )
    if document is None or not can_see_as_staff(user, document):
        raise NotFound(_("Không tìm thấy văn bản."))
    return document


def can_see_as_staff(user: Any, document: Document) -> bool:
    owner = document.owner_unit.path
    return any(
        Perm.DOCUMENTS_VIEW in r.perms and (owner.startswith(r.path) or r.path.startswith(owner))
        for r in reaches(user)
    )


def member_of(user: Any) -> Member | None:
    """The active member record linked to the login, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user_id=user.pk, status__in=ACTIVE_STATUSES).first()


def member_id_of(user: Any) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Member.objects.filter(user_id=user.pk, status__in=ACTIVE_STATUSES)
        .values_list("pk", flat=True)
        .first()
    )


def reader_document(user: Any, document_id: int) -> tuple[Document, Member]:
    """The document for a member who received it; 404 for anyone else and for classified ones."""
    member = member_of(user)
    if (
        member is None
        or not Receipt.objects.filter(
            Q(member=member) & Q(document_id=document_id) & Q(document__classified=False)
        ).exists()
    ):
        raise NotFound(_("Không tìm thấy văn bản."))
    return Document.objects.get(pk=document_id), member
