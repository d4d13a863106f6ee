"""In-app notices to one user, and the web-push subscriptions a user allowed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    DOCUMENT = "document", _("Văn bản")
    STUDY = "study", _("Học tập, quán triệt")
    MEETING = "meeting", _("Sinh hoạt chi bộ")
    QUESTION = "question", _("Ý kiến, câu hỏi")
    RECORD = "record", _("Hồ sơ đảng viên")
    GENERAL = "general", _("Thông báo chung")


class Notice(models.Model):
    """One notice to one user. `url` is a path inside the app (never personal data in it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notice_inbox")]

    def __str__(self) -> str:
        return self.title


class PushSubscription(models.Model):
    """A browser's web-push endpoint, stored when the member allowed notifications."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.endpoint[:60]
