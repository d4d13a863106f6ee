"""Models of the documents registry: party documents (văn bản) and their files.

A document is registered by a unit (`owner_unit`) and is visible to holders of `DOCUMENTS_VIEW`
in that unit's subtree and below any unit whose ancestor registered it (a resolution registered
at the city committee is visible to every ward committee under it); see `documents.queries`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.org.models import OrgUnit


class DocumentKind(models.TextChoices):
    """The kinds of party documents; the abbreviation of each is in `documents.numbering`."""

    RESOLUTION = "resolution", _("Nghị quyết")
    DIRECTIVE = "directive", _("Chỉ thị")
    CONCLUSION = "conclusion", _("Kết luận")
    REGULATION = "regulation", _("Quy định")
    DECISION = "decision", _("Quyết định")
    GUIDANCE = "guidance", _("Hướng dẫn")
    PLAN = "plan", _("Kế hoạch")
    ANNOUNCEMENT = "announcement", _("Thông báo")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    REPORT = "report", _("Báo cáo")
    SUBMISSION = "submission", _("Tờ trình")


class Document(TimeStampedModel):
    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="documents", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại văn bản"), max_length=24, choices=DocumentKind.choices)
    # "Số, ký hiệu" as written in the party's form, canonical: "57-NQ/TW", "01-QĐ/TW".
    number = models.CharField(_("số, ký hiệu"), max_length=60, db_index=True)
    # The serial part as an integer, for ordering ("9" before "10").
    serial = models.PositiveIntegerField(default=0)
    # The issuing body's code: the part after the slash ("TW", "BTCTW", "TU").
    issuer = models.CharField(_("cơ quan ban hành"), max_length=20, db_index=True)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("tóm tắt"), blank=True)
    in_force_from = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    # "This document replaces those"; the reverse is "replaced by" (`replaced_by`).
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("thay thế"),
    )
    # Cache of the day the first replacing document takes effect (its in_force_from, else its
    # issued_on); None when nothing replaces this one. Kept by `actions.registry`, recomputable
    # from `replaces`; lets "in force on a day" be a plain column test in lists of 100,000.
    replaced_from = models.DateField(null=True, blank=True, editable=False)
    # Classified documents (văn bản mật) never reach the handbook; see `queries.is_distributable`.
    classified = models.BooleanField(_("văn bản mật"), default=False)
    # Folded (unaccented, lower-case) number, title, summary and files' text: the SQLite search
    # key, and the source of the `search_vector` tsvector column that a PostgreSQL-only
    # migration adds (generated, with a GIN index).
    search_text = models.TextField(default="", editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-serial"]
        indexes = [
            models.Index(fields=["-issued_on", "-serial"], name="documents_doc_issued"),
            models.Index(fields=["kind", "-issued_on"], name="documents_doc_kind_issued"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "kind", "number", "issued_on"],
                name="documents_document_unique_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Đang trích văn bản")
    DONE = "done", _("Đã trích văn bản")
    FAILED = "failed", _("Không trích được văn bản")


class DocumentFile(TimeStampedModel):
    """An uploaded PDF or DOCX. Stored under a random name, served only as a download."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    # Random name inside MEDIA_ROOT; never derived from the uploaded name.
    stored_name = models.CharField(max_length=255, unique=True)
    file_kind = models.CharField(max_length=8, choices=FileKind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    text = models.TextField(default="", blank=True)
    text_status = models.CharField(
        max_length=12, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tệp văn bản")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
