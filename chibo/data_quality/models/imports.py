"""Models of the data-quality imports: a batch per uploaded file, every raw row kept, and the
source's own key of each record so a second run of the same file changes nothing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên")
    MAPPED = "mapped", _("Đã ghép cột")
    QUEUED = "queued", _("Đang chờ nhập")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Bị lỗi, có thể nhập tiếp")


class RowOutcome(models.TextChoices):
    CREATED = "created", _("Thêm mới")
    UPDATED = "updated", _("Cập nhật")
    UNCHANGED = "unchanged", _("Không đổi")
    FLAGGED = "flagged", _("Thêm mới, nghi trùng")
    REJECTED = "rejected", _("Bị từ chối")


def _upload_path(instance: "ImportBatch", filename: str) -> str:
    return f"imports/{instance.uploaded_at:%Y/%m}/{filename}"


class ImportBatch(models.Model):
    """One file imported into a unit's subtree. Rows are committed in chunks; `checkpoint` is the
    number of the last data row committed, so an interrupted import resumes after it."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    # The uploaded file (the wizard and the background task read it; the CLI reads its own path).
    upload = models.FileField(upload_to=_upload_path, blank=True, default="")
    file_size = models.BigIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True, default="")
    file_format = models.CharField(max_length=8, blank=True, default="")  # csv | xlsx
    encoding = models.CharField(max_length=40, blank=True, default="")
    delimiter = models.CharField(max_length=4, blank=True, default="")
    headers = models.JSONField(default=list, blank=True)
    # {canonical key: column index}
    column_mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    dry_run = models.BooleanField(default=False)
    total_rows = models.PositiveIntegerField(default=0)
    checkpoint = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    flagged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(100 * self.checkpoint / self.total_rows))


class ImportRow(models.Model):
    """A data row as it was in the file (every raw cell), what normalisation made of it, the
    problems found and what the import did with it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()  # 1 = first data row; the sheet row is +1
    raw = models.JSONField(default=list)  # every cell of the row, as text, in file order
    normalized = models.JSONField(default=dict)
    issues = models.JSONField(default=list)  # [{"field", "code", "message", "severity"}]
    outcome = models.CharField(max_length=10, choices=RowOutcome.choices)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="import_row_unique")
        ]
        indexes = [models.Index(fields=["batch", "outcome"])]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number}"


class SourceRecord(models.Model):
    """The source system's own key of a member record: `Mã hồ sơ`, else the card number
    ("ref:…" / "card:…"). Makes an import idempotent, and keeps the card number a new row brought
    when it already belonged to another member (the member's own column is unique)."""

    source_key = models.CharField(max_length=160, unique=True)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="source_records")
    card_number = models.CharField(max_length=20, blank=True, default="")
    last_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_row = models.JSONField(default=list)

    def __str__(self) -> str:
        return self.source_key


__all__ = ["ImportBatch", "ImportRow", "ImportStatus", "RowOutcome", "SourceRecord"]
