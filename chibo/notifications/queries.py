"""Reads of a user's own notices (nobody reads another user's inbox)."""

from typing import Any

from django.db.models import QuerySet

from .models import Notice, PushSubscription


def notices_for(user: Any, *, unread_only: bool = False) -> QuerySet[Notice]:
    notices = Notice.objects.filter(user_id=user.pk)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def has_push_subscription(user: Any) -> bool:
    return PushSubscription.objects.filter(user_id=user.pk).exists()
