"""Branch meetings (sinh hoạt chi bộ): year plans, meetings, agenda, documents, attendance,
check-in codes and minutes. Rules that judge them live in `rules.py` (Chỉ thị 50-CT/TW, HD 42)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Thường kỳ")
    THEMATIC = "thematic", _("Chuyên đề")
    # A regular and a thematic meeting held together: counts as both, needs 120 minutes.
    COMBINED = "combined", _("Thường kỳ kết hợp chuyên đề")
    EXTRAORDINARY = "extraordinary", _("Bất thường")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    NOTIFIED = "notified", _("Đã thông báo")
    HELD = "held", _("Đã họp")
    CANCELLED = "cancelled", _("Đã hủy")


class YearPlan(models.Model):
    """The branch's plan of meetings for a year; its meetings carry `plan`."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="meetings_one_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"


class Meeting(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="meetings")
    plan = models.ForeignKey(
        YearPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    kind = models.CharField(max_length=16, choices=MeetingKind.choices)
    title = models.CharField(max_length=255)
    topic = models.TextField(blank=True, default="")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()  # planned end
    actual_start = models.DateTimeField(null=True, blank=True)
    actual_end = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=255, blank=True, default="")
    video_url = models.URLField(max_length=500, blank=True, default="")
    chair = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    secretary = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    content_agreed_at = models.DateTimeField(null=True, blank=True)
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    documents_posted_at = models.DateTimeField(null=True, blank=True)
    # Recorded when documents were posted less than the required time before the start.
    documents_late = models.BooleanField(default=False)
    # Caches of the attendance sheet (rewritten by the attendance actions; recomputable): the
    # members expected to attend and those of them present. Quality views sum them per subtree.
    expected_count = models.PositiveIntegerField(default=0)
    present_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["unit", "starts_at"], name="meeting_unit_start"),
            models.Index(fields=["starts_at"], name="meeting_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def duration_minutes(self) -> int | None:
        if self.actual_start and self.actual_end:
            return int((self.actual_end - self.actual_start).total_seconds() // 60)
        return None

    @property
    def attendance_rate(self) -> float | None:
        if not self.expected_count:
            return None
        return round(self.present_count / self.expected_count, 4)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=255)
    presenter = models.CharField(max_length=120, blank=True, default="")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class MeetingDocument(models.Model):
    """A document for the meeting, posted for members to read beforehand: a party document of
    the documents registry, or a file of the branch's own (a draft resolution, a report)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to="meeting-documents/", blank=True, default="")
    posted_at = models.DateTimeField(auto_now_add=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không lý do")


class CheckInMethod(models.TextChoices):
    QR = "qr", _("Quét mã QR")
    SECRETARY = "secretary", _("Thư ký ghi")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    reason = models.CharField(max_length=255, blank=True, default="")
    checked_in_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=10, choices=CheckInMethod.choices)
    # Whether the member counts for the attendance rate (not exempt, not away on a temporary
    # transfer), as it stood when recorded.
    counts = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once_per_member")
        ]
        indexes = [models.Index(fields=["member", "status"], name="attendance_member_status")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.member_id} {self.status}"


class CheckInToken(models.Model):
    """The random secret behind the QR code the secretary shows; it expires."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.meeting_id} → {self.expires_at:%Y-%m-%d %H:%M}"


class Minutes(models.Model):
    """One version of the minutes (biên bản). Locked once anyone signed it; changes after that
    are a new version (`revise_minutes`), the old one kept as signed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    version = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=255, blank=True, default="")
    chair_name = models.CharField(max_length=120, blank=True, default="")
    secretary_name = models.CharField(max_length=120, blank=True, default="")
    expected_count = models.PositiveIntegerField(default=0)
    present_count = models.PositiveIntegerField(default=0)
    excused_count = models.PositiveIntegerField(default=0)
    unexcused_count = models.PositiveIntegerField(default=0)
    content = models.TextField(blank=True, default="")
    opinions = models.TextField(blank=True, default="")
    conclusions = models.TextField(blank=True, default="")
    # [{"title": str, "votes_for": int, "votes_against": int, "abstain": int}]
    votes = models.JSONField(default=list, blank=True)
    revision_reason = models.CharField(max_length=255, blank=True, default="")
    chair_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chair_signed_at = models.DateTimeField(null=True, blank=True)
    secretary_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    secretary_signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} v{self.version}"

    @property
    def is_locked(self) -> bool:
        return bool(self.chair_signed_at or self.secretary_signed_at)

    @property
    def is_signed(self) -> bool:
        return bool(self.chair_signed_at and self.secretary_signed_at)
