"""Models of distribution, read receipts and bookmarks.

Recipients are materialised when a document is sent: one `Receipt` per member of the audience,
with the member's unit at that moment (a later transfer does not move the receipt, so the rates
of a unit stay those of the people it was sent to). Reading fills `read_at` once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from .registry import Document


class Audience(models.TextChoices):
    """Who in the subtree receives a document.

    `committees`: members who hold a post in the party (their record's `party_position` is not
    empty: bí thư, phó bí thư, cấp ủy viên …) or whose login holds a staff grant (branch
    secretary, committee staff, leader, inspection committee) — the people who must study a
    document before the branches do.
    """

    ALL_MEMBERS = "all", _("Toàn thể đảng viên")
    COMMITTEES = "committees", _("Cấp ủy viên, cán bộ chủ chốt")


class DistributionStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ gửi")
    RUNNING = "running", _("Đang gửi")
    DONE = "done", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class Distribution(TimeStampedModel):
    """A document sent to a unit's subtree (to one audience), with an optional deadline.

    Recipients of a small subtree are materialised in the request; a big one is `queued` and a
    background task fills the receipts unit chunk by unit chunk (`units_done` of `units_total`).
    """

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="distributions")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    deadline = models.DateField(_("hạn đọc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, default="")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recipient_count = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=8, choices=DistributionStatus.choices, default=DistributionStatus.DONE
    )
    units_total = models.PositiveIntegerField(default=0)
    units_done = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phát hành văn bản")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.unit_id}"

    @property
    def pending(self) -> bool:
        return self.status in (DistributionStatus.QUEUED, DistributionStatus.RUNNING)

    @property
    def progress_percent(self) -> int:
        if self.status == DistributionStatus.DONE:
            return 100
        return self.units_done * 100 // self.units_total if self.units_total else 0


class Receipt(models.Model):
    """A member a document was sent to; `read_at` is the first time they opened it.

    One row per (document, member), whatever the number of distributions that reached the member:
    a later distribution to an overlapping audience adds only the members not reached yet, so
    read rates count people, not deliveries, without a DISTINCT. `distribution` is the first one
    that reached the member."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="+")
    # No index of its own: the unique (document, member) and the rates index start with it. A
    # single-column one misled PostgreSQL into walking a whole document's receipts to record one
    # member's read whenever the document's statistics were stale (a fresh distribution).
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    # The member's unit when the document reached them: rates are grouped by it.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "member"], name="documents_receipt_once")
        ]
        indexes = [
            models.Index(fields=["member", "read_at"], name="documents_receipt_member"),
            models.Index(fields=["document", "unit", "read_at"], name="documents_receipt_rates"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.member_id}"


class Bookmark(models.Model):
    """A document a user keeps at hand in the handbook."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "document"], name="documents_bookmark_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.document_id}"
