"""The reporting regime (chế độ thông tin, báo cáo), modelled on DHIS2's data sets:

- `ReportTemplate`: what a report holds — indicators (computed from the system's data, entered by
  the unit, or a formula over the others), narrative sections and validation rules;
- `ReportRequest`: a unit asks the units below it for a report on one period by a deadline; its
  `RequestTarget`s are the expected reports;
- `Report`: one unit's report for one request, its figures and narrative; its status is derived
  from its dated `ReportEvent`s (state.py) and cached in `status`; a return keeps the earlier
  content as a `ReportVersion`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.org.models import OrgUnit


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", _("Tính từ dữ liệu hệ thống")
    ENTERED = "entered", _("Đơn vị nhập")
    FORMULA = "formula", _("Công thức từ các chỉ tiêu khác")


class Operator(models.TextChoices):
    EQ = "==", "="
    NE = "!=", "≠"
    LT = "<", "<"
    LE = "<=", "≤"
    GT = ">", ">"
    GE = ">=", "≥"


class Importance(models.TextChoices):
    HIGH = "high", _("Cao")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("Sáu tháng")
    YEAR = "year", _("Năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


class ReportTemplate(TimeStampedModel):
    """A kind of report a unit asks for (a DHIS2 data set)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên mẫu báo cáo"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class TemplateIndicator(models.Model):
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField(default=1)
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=IndicatorSource.choices)
    # For a computed indicator: the code in the registry (indicators.py); for a formula: the
    # expression over the template's other codes (formulas.py).
    computed_code = models.CharField(max_length=40, blank=True, default="")
    formula = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="reports_indicator_code_once")
        ]

    def __str__(self) -> str:
        return self.label


class NarrativeSection(models.Model):
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["template", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ValidationRule(models.Model):
    """`left operator right` over the template's indicators, e.g. "admitted ≤ candidates"."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(max_length=200)
    left = models.CharField(max_length=300)
    operator = models.CharField(max_length=2, choices=Operator.choices)
    right = models.CharField(max_length=300)
    importance = models.CharField(
        max_length=8, choices=Importance.choices, default=Importance.MEDIUM
    )
    blocks_submission = models.BooleanField(default=True)

    class Meta:
        ordering = ["template", "pk"]

    def __str__(self) -> str:
        return self.name


class ReportRequest(TimeStampedModel):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    deadline = models.DateField()
    # Blank: the units directly below; else every unit of this kind in the subtree.
    target_kind = models.CharField(max_length=32, blank=True, default="")
    number = models.CharField(max_length=40, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Chưa lập")
    DRAFT = "draft", _("Đang lập")
    SUBMITTED = "submitted", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã gửi lên")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")


class Report(models.Model):
    """One expected report: the request went to `unit` (the target list of the request)."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    # Caches derived from the events (state.py): rebuilt by `recompute_report_states`.
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default="open")
    version = models.PositiveIntegerField(default=1)
    first_sent_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Figures by indicator code (computed ones as computed at `computed_at`, plus the hidden
    # components of computed ratios), and narrative text by section pk.
    values = models.JSONField(default=dict, blank=True)
    narrative = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["request", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="reports_one_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "status"], name="reports_report_unit_status")]

    def __str__(self) -> str:
        return f"{self.request_id}/{self.unit_id}"


class ReportEventKind(models.TextChoices):
    PREFILLED = "prefilled", _("Lập báo cáo (điền sẵn chỉ tiêu)")
    SAVED = "saved", _("Lưu báo cáo")
    SUBMITTED = "submitted", _("Trình lãnh đạo duyệt")
    APPROVED = "approved", _("Lãnh đạo duyệt, gửi lên")
    ACCEPTED = "accepted", _("Cấp trên tiếp nhận")
    RETURNED = "returned", _("Trả lại để sửa")
    REMINDED = "reminded", _("Nhắc nộp báo cáo")


class ReportEvent(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=ReportEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportVersion(models.Model):
    """The content of a report as it was when returned: kept, never edited."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    values = models.JSONField(default=dict)
    narrative = models.JSONField(default=dict)
    returned_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering = ["report", "version"]
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="reports_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.version}"
