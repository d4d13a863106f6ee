"""What the handbook keeps of its own: members' correction requests and the two-way channel.

Everything else the handbook shows (meetings, documents, notices, the member record) belongs to
other modules and is read through their queries.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class CorrectionField(models.TextChoices):
    """Fields of the record a member may ask to correct (what the handbook shows them)."""

    FULL_NAME = "full_name", _("Họ và tên")
    BIRTH_DATE = "birth_date", _("Ngày sinh")
    GENDER = "gender", _("Giới tính")
    ADMITTED_ON = "admitted_on", _("Ngày vào Đảng")
    FULL_MEMBER_ON = "full_member_on", _("Ngày chính thức")
    CARD_NUMBER = "card_number", _("Số thẻ đảng viên")
    CITIZEN_ID = "citizen_id", _("Số CCCD")
    PHONE = "phone", _("Số điện thoại")
    OTHER = "other", _("Nội dung khác")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xử lý")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    REJECTED = "rejected", _("Không chấp nhận")


class CorrectionRequest(models.Model):
    """A member asks the branch to correct their own record; the secretary accepts or rejects.

    An accepted request for a profile field is applied through `members.actions.update_member`
    (audited there); dates that come from life events (admission, full membership) are corrected
    by the secretary on the member's events, so accepting those records the decision only.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    field = models.CharField(max_length=20, choices=CorrectionField.choices)
    proposed_value = models.CharField(max_length=255)
    note = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, default="")
    applied = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="correction_by_member")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.field}"


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")


class Question(models.Model):
    """An opinion or question a member sends to their branch committee. Never anonymous: the
    committee sees who sent it (the page says so before sending)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The branch the member belonged to when asking: its committee answers.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["member", "-last_activity_at"], name="question_by_member")]

    def __str__(self) -> str:
        return self.subject


class Reply(models.Model):
    """One message in a question's thread, by the committee or by the member who asked."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    from_committee = models.BooleanField()
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question_id} {self.author_name}"
