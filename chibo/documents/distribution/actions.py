"""Writes of distribution: send a document to a subtree, record a read, toggle a bookmark."""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, member_id_of, member_of, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import NotFound, ValidationFailed
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from ..models import Audience, Bookmark, Distribution, DistributionStatus, Document, Receipt
from .audience import audience_members, audience_members_in
from .queries import reader_document, staff_document


def reader_url(document_id: int) -> str:
    """Where a member reads a document: the handbook's page when it has one, else ours."""
    try:
        return reverse("handbook:document", kwargs={"pk": document_id})
    except NoReverseMatch:
        return reverse("documents:reader", kwargs={"pk": document_id})


# Subtrees up to this many recipients are materialised inside the request (the sender sees the
# count at once); bigger ones are queued for the task worker (`manage.py db_worker`, which
# `run_demo` starts beside the web server). `seed_demo` runs before any worker and forces its
# city distributions to be synchronous (bench/RESULTS.md).
SYNC_LIMIT = 5000
# Units per INSERT … SELECT of the background job (one transaction and one progress step each).
UNITS_PER_CHUNK = 100


def sync_limit() -> int:
    return int(getattr(settings, "CHIBO_DOCUMENTS_SYNC_DISTRIBUTION_MAX", SYNC_LIMIT))


def distribute_document(
    *,
    actor: Any,
    document_id: int,
    unit: OrgUnit,
    audience: str = Audience.ALL_MEMBERS,
    deadline: date | None = None,
    note: str = "",
    today: date | None = None,
    background: bool | None = None,
) -> Distribution:
    """Send a document to the members of `unit`'s subtree (all, or the committees' people).

    Needs documents.manage on the unit (a unit outside the sender's subtree is not found). Members
    already reached by an earlier distribution of the same document keep their receipt. Up to
    `sync_limit()` recipients are materialised here (status `done`); beyond that the distribution
    is `queued` and `materialise_distribution_task` inserts the receipts after commit, chunk by
    chunk, then sends the notices. `background` forces one way or the other.
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
    if background is None:
        limit = sync_limit()
        # Counting stops at limit + 1: a city's 370,000 members are not counted in the request.
        background = audience_members(unit, audience).order_by()[: limit + 1].count() > limit
    with transaction.atomic():
        distribution = Distribution.objects.create(
            document=document,
            unit=unit,
            audience=audience,
            deadline=deadline,
            note=note.strip(),
            sent_by=actor,
            status=DistributionStatus.QUEUED,
        )
        record(
            actor=actor,
            action="documents.distribute",
            target=distribution,
            unit=unit,
            changes={
                "document": [None, document.number],
                "audience": [None, audience],
                "deadline": [None, deadline],
                "background": [None, background],
            },
        )
        if background:
            from .tasks import materialise_distribution_task

            pk = distribution.pk
            transaction.on_commit(lambda: materialise_distribution_task.enqueue(pk))
        else:
            materialise_distribution(distribution.pk)
            distribution.refresh_from_db()
    return distribution


def materialise_distribution(distribution_id: int) -> Distribution:
    """Insert the receipts of a distribution, `UNITS_PER_CHUNK` units per statement, then notify.

    Safe to run again (a retried or duplicated task): a finished distribution is left alone, an
    interrupted one resumes after its last committed chunk, and the INSERT skips members holding
    a receipt for the document already, so nobody gets two receipts or two notices.

    It authorises itself like any action: the sender must still hold documents.manage on the
    unit when the worker runs (a grant withdrawn after the request sends nothing; `failed`).
    """
    with transaction.atomic():
        distribution = (
            Distribution.objects.select_for_update(of=("self",))
            .select_related("unit", "document", "sent_by")
            .filter(pk=distribution_id)
            .first()
        )
        if distribution is None or distribution.status == DistributionStatus.DONE:
            return distribution  # type: ignore[return-value]
        sender = distribution.sent_by
        if sender is not None and not can(sender, Perm.DOCUMENTS_MANAGE, distribution.unit):
            distribution.status = DistributionStatus.FAILED
            distribution.save(update_fields=["status", "updated_at"])
            return distribution
        unit_ids = list(
            OrgUnit.objects.filter(path__startswith=distribution.unit.path)
            .order_by("path")
            .values_list("pk", flat=True)
        )
        distribution.status = DistributionStatus.RUNNING
        distribution.units_total = len(unit_ids)
        distribution.save(update_fields=["status", "units_total", "updated_at"])
    try:
        for start in range(distribution.units_done, len(unit_ids), UNITS_PER_CHUNK):
            chunk = unit_ids[start : start + UNITS_PER_CHUNK]
            with transaction.atomic():
                _materialise_receipts(distribution, chunk)
                Distribution.objects.filter(pk=distribution.pk).update(
                    units_done=start + len(chunk), updated_at=timezone.now()
                )
    except Exception:
        Distribution.objects.filter(pk=distribution.pk).update(status=DistributionStatus.FAILED)
        raise
    with transaction.atomic():
        # Only the first run that gets here notifies: the row lock makes the others wait, then
        # they see `done`.
        locked = Distribution.objects.select_for_update().get(pk=distribution.pk)
        if locked.status == DistributionStatus.DONE:
            return locked
        receipts = Receipt.objects.filter(distribution=locked)
        locked.recipient_count = receipts.count()
        locked.units_done = len(unit_ids)
        locked.status = DistributionStatus.DONE
        locked.finished_at = timezone.now()
        locked.save(
            update_fields=["recipient_count", "units_done", "status", "finished_at", "updated_at"]
        )
        user_ids = list(
            receipts.filter(member__user__isnull=False).values_list("member__user_id", flat=True)
        )
        document = distribution.document
        deadline = locked.deadline
        body = str(_("Hạn đọc: %(d)s") % {"d": f"{deadline:%d/%m/%Y}"}) if deadline else ""
        notify(
            recipients=user_ids,
            kind=NoticeKind.DOCUMENT,
            title=f"{_('Văn bản mới')}: {document.number} {document.title}"[:255],
            body=body,
            url=reader_url(document.pk),
            email=True,
        )
    if connection.vendor == "postgresql" and locked.recipient_count > sync_limit():
        # Fresh statistics for the planner: until autovacuum notices, it believes the document
        # has no receipts and may pick a poor index for the reads that now start.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Receipt._meta.db_table)}")
    return locked


def _materialise_receipts(distribution: Distribution, unit_ids: list[int]) -> int:
    """INSERT … SELECT the audience's members of these units not yet holding a receipt."""
    already = Receipt.objects.filter(document_id=distribution.document_id, member=OuterRef("pk"))
    members = (
        audience_members_in(unit_ids, distribution.audience)
        .filter(~Exists(already))
        .order_by()
        .values_list("id", "unit_id")
    )
    select_sql, params = members.query.sql_with_params()
    table = connection.ops.quote_name(Receipt._meta.db_table)
    # Identifiers are the model's, quoted by the backend; values are parameters. ON CONFLICT
    # covers a concurrent distribution of the same document (PostgreSQL and SQLite ≥ 3.24).
    sql = (
        f"INSERT INTO {table} (distribution_id, document_id, member_id, unit_id) "  # noqa: S608
        f"SELECT %s, %s, sub.* FROM ({select_sql}) sub WHERE true "
        "ON CONFLICT (document_id, member_id) DO NOTHING"
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
    member_id = member_id_of(actor)
    if member_id is None:
        raise NotFound(_("Không tìm thấy văn bản."))
    now = timezone.now()
    # One statement for the usual case (a first read), on the member's id (no join), so
    # PostgreSQL goes straight to the unique (document, member) index. With joins instead, it
    # walked all of the document's receipts when its statistics were stale or it had a few
    # thousand recipients: 10 ms to 1.5 s per read (bench/RESULTS.md, "Documents: distribution
    # and read receipts").
    receipts = Receipt.objects.filter(
        document_id=document_id,
        member_id=member_id,
        document_id__in=Document.objects.filter(pk=document_id, classified=False).values("pk"),
    )
    if receipts.filter(read_at__isnull=True).update(read_at=now):
        return now
    # One receipt per (document, member): its read_at, no aggregate (an aggregate on read_at
    # led the planner to the rates index and through the document's receipts).
    first = next(iter(receipts.order_by().values_list("read_at", flat=True)[:1]), None)
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
