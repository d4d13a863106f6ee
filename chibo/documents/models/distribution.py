"""Models of distribution, read receipts, bookmarks and study campaigns (quán triệt) with quizzes.

Recipients are materialised when a document is sent: one `Receipt` per member of the audience,
with the member's unit at that moment (a later transfer does not move the receipt, so the rates
of a unit stay those of the people it was sent to). Reading fills `read_at` once. The same holds
for a study campaign's `StudyParticipant` rows, which carry the quiz result.

A study session may be held in a branch meeting (`meeting_id`). It is a plain integer, not a
foreign key to `meetings.Meeting`: the meetings module is built in parallel and may one day
reference documents (agenda items), and a foreign key both ways would be an import cycle between
two top-layer modules (chibo/core/tests/test_architecture.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from .registry import Document

__all__ = [
    "Audience",
    "Bookmark",
    "Distribution",
    "DistributionStatus",
    "Quiz",
    "QuizAttempt",
    "QuizOption",
    "QuizQuestion",
    "Receipt",
    "StudyCampaign",
    "StudyMaterial",
    "StudyParticipant",
    "StudySession",
]


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


class StudyCampaign(TimeStampedModel):
    """A study campaign (đợt học tập, quán triệt) over one or more documents for a subtree."""

    title = models.CharField(_("tên đợt học tập"), max_length=255)
    description = models.TextField(_("nội dung"), blank=True, default="")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    documents = models.ManyToManyField(Document, related_name="study_campaigns")
    starts_on = models.DateField(_("ngày bắt đầu"))
    deadline = models.DateField(_("hạn hoàn thành"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    participant_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("đợt học tập, quán triệt")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class StudyMaterial(models.Model):
    """A link or an uploaded file (PDF, DOCX) to study with."""

    campaign = models.ForeignKey(StudyCampaign, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True, default="")
    # Random name under MEDIA_ROOT/study/, served only as a download.
    stored_name = models.CharField(max_length=255, blank=True, default="")
    original_name = models.CharField(max_length=255, blank=True, default="")
    size = models.PositiveBigIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class StudySession(models.Model):
    """A study session (buổi học tập): when, where, and the branch meeting it was held in."""

    campaign = models.ForeignKey(StudyCampaign, on_delete=models.CASCADE, related_name="sessions")
    held_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    # id of a meetings.Meeting when the session is part of a branch meeting (see module doc).
    meeting_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"{self.held_at:%d/%m/%Y} {self.place}"


class Quiz(models.Model):
    """The campaign's multiple-choice test: a pass mark in percent and a limit on attempts."""

    campaign = models.OneToOneField(StudyCampaign, on_delete=models.CASCADE, related_name="quiz")
    pass_mark = models.PositiveSmallIntegerField(_("điểm đạt (%)"), default=70)
    max_attempts = models.PositiveSmallIntegerField(_("số lần làm tối đa"), null=True, blank=True)
    shuffle_questions = models.BooleanField(default=True)
    shuffle_options = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"quiz {self.campaign_id}"


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("câu hỏi"))

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class QuizOption(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("phương án"), max_length=500)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class StudyParticipant(models.Model):
    """A member called to a campaign, with the member's unit when the campaign was opened and the
    best quiz result so far. `passed_at` is the first passing attempt (or, without a quiz, the
    member's confirmation that they studied the documents)."""

    campaign = models.ForeignKey(StudyCampaign, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    attempts = models.PositiveSmallIntegerField(default=0)
    best_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "member"], name="documents_participant_once"
            )
        ]
        indexes = [
            models.Index(fields=["member", "campaign"], name="documents_participant_member"),
            models.Index(
                fields=["campaign", "unit", "passed_at"], name="documents_participant_rates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.member_id}"


class QuizAttempt(models.Model):
    """One attempt: its seed and the layout drawn from it (questions and options in the order
    shown), the answers, and the score computed from that layout."""

    participant = models.ForeignKey(
        StudyParticipant, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    seed = models.BigIntegerField()
    layout = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    correct = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    percent = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.participant_id} #{self.pk}"
