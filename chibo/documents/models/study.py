"""Models of study campaigns (quán triệt) with materials, sessions and quizzes.

A campaign's `StudyParticipant` rows are materialised when it opens, like a distribution's
receipts, with the member's unit at that moment; they carry the quiz result.

A study session may be held in a branch meeting (`meeting_id`). It is a plain integer, not a
foreign key to `meetings.Meeting`: the meetings module may one day reference documents (agenda
items), and a foreign key both ways would be an import cycle between two top-layer modules
(chibo/core/tests/test_architecture.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.core.models import TimeStampedModel
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from .distribution import Audience
from .registry import Document


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
