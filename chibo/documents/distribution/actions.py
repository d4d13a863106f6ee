"""Writes of distribution: send a document to a subtree, record a read, toggle a bookmark."""

from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import NotFound, ValidationFailed
from chibo.members.models import ACTIVE_STATUSES
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from ..models import Audience, Bookmark, Distribution, Receipt
from .access import member_of, reader_document, staff_document
from .audience import audience_members


def reader_url(document_id: int) -> str:
    """Where a member reads a document: the handbook's page when it has one, else ours."""
    try:
        return reverse("handbook:document", kwargs={"pk": document_id})
    except NoReverseMatch:
        return reverse("documents:reader", kwargs={"pk": document_id})


def distribute_document(
    *,
    actor: Any,
    document_id: int,
    unit: OrgUnit,
    audience: str = Audience.ALL_MEMBERS,
    deadline: date | None = None,
    note: str = "",
    today: date | None = None,
) -> Distribution:
    """Send a document to the members of `unit`'s subtree (all, or the committees' people).

    Needs documents.manage on the unit (a unit outside the sender's subtree is not found). The
    recipients are materialised with one INSERT … SELECT (a city holds 370,000 members); members
    already reached by an earlier distribution of the same document keep their receipt.
    """
    require(actor, Perm.DOCUMENTS_MANAGE, unit)
    document = staff_document(actor, document_id)
    if document.classified:
        raise ValidationFailed(
            _("Văn bản mật không được phát hành tới đảng viên qua sổ tay."), field="document"
        )
    if audience not in Audience.values:
        raise ValidationFailed(_("Đối tượng nhận không hợp lệ."), field="audience")
    if not unit.is_active:
        raise ValidationFailed(_("Đơn vị không còn hoạt động."), field="unit")
    today = today or timezone.localdate()
    if deadline is not None and deadline < today:
        raise ValidationFailed(_("Hạn đọc không được trước ngày hôm nay."), field="deadline")
    with transaction.atomic():
        distribution = Distribution.objects.create(
            document=document,
            unit=unit,
            audience=audience,
            deadline=deadline,
            note=note.strip(),
            sent_by=actor,
        )
        added = _materialise_receipts(distribution, unit, audience)
        distribution.recipient_count = added
        distribution.save(update_fields=["recipient_count"])
        record(
            actor=actor,
            action="documents.distribute",
            target=distribution,
            unit=unit,
            changes={
                "document": [None, document.number],
                "audience": [None, audience],
                "deadline": [None, deadline],
                "recipients": [None, added],
            },
        )
        user_ids = list(
            Receipt.objects.filter(
                distribution=distribution, member__user__isnull=False
            ).values_list("member__user_id", flat=True)
        )
        body = str(_("Hạn đọc: %(d)s") % {"d": f"{deadline:%d/%m/%Y}"}) if deadline else ""
        notify(
            recipients=user_ids,
            kind=NoticeKind.DOCUMENT,
            title=f"{_('Văn bản mới')}: {document.number} {document.title}"[:255],
            body=body,
            url=reader_url(document.pk),
            email=True,
        )
    return distribution


def _materialise_receipts(distribution: Distribution, unit: OrgUnit, audience: str) -> int:
    """INSERT … SELECT the audience's members not yet holding a receipt for the document."""
    already = Receipt.objects.filter(document_id=distribution.document_id, member=OuterRef("pk"))
    members = (
        audience_members(unit, audience)
        .filter(~Exists(already))
        .order_by()
        .values_list("id", "unit_id")
    )
    select_sql, params = members.query.sql_with_params()
    table = connection.ops.quote_name(Receipt._meta.db_table)
    # Identifiers are the model's, quoted by the backend; values are parameters.
    sql = (
        f"INSERT INTO {table} (distribution_id, document_id, member_id, unit_id) "  # noqa: S608
        f"SELECT %s, %s, sub.* FROM ({select_sql}) sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [distribution.pk, distribution.document_id, *params])
        return max(cursor.rowcount, 0)


def record_read(*, actor: Any, document_id: int) -> datetime:
    """The member opened the document: the first read is kept, later ones change nothing.

    Returns the time of the first read. 404 when the document was not sent to the actor's member
    record (or is classified). No audit event: the receipt is itself the record, and reads are
    the most frequent write of the system (bench/RESULTS.md).
    """
    if not getattr(actor, "is_authenticated", False):
        raise NotFound(_("Không tìm thấy văn bản."))
    now = timezone.now()
    # One statement for the usual case (a first read): the member is found inside the UPDATE.
    receipts = Receipt.objects.filter(
        member__user_id=actor.pk,
        member__status__in=ACTIVE_STATUSES,
        document_id=document_id,
        document__classified=False,
    )
    if receipts.filter(read_at__isnull=True).update(read_at=now):
        return now
    first = receipts.aggregate(first=Min("read_at"))["first"]
    if first is None:
        raise NotFound(_("Không tìm thấy văn bản."))
    return first


def toggle_bookmark(*, actor: Any, document_id: int) -> bool:
    """Keep or drop a document in the user's bookmarks; True when it is now bookmarked.

    A member bookmarks documents sent to them; staff bookmark documents they may see."""
    if member_of(actor) is not None:
        try:
            reader_document(actor, document_id)
        except NotFound:
            staff_document(actor, document_id)
    else:
        staff_document(actor, document_id)
    with transaction.atomic():
        deleted, _rows = Bookmark.objects.filter(user=actor, document_id=document_id).delete()
        if deleted:
            return False
        Bookmark.objects.create(user=actor, document_id=document_id)
        return True


def unit_by_code(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code.strip().upper()).first()
    if unit is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    return unit
