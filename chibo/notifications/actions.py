"""Writes of notices. Modules call `notify`; e-mail and web push are delivered after commit.

Notices and push subscriptions are a user's own inbox, not organisation data: a user acts only on
their own, nothing here is audited, and another user's notice is "not found".
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import NotFound, ValidationFailed

from .models import Notice, NoticeKind, PushSubscription

BATCH = 2000
PUSH_HOST_SCHEMES = ("https://",)


def notify(
    *,
    recipients: Iterable[Any],
    kind: NoticeKind | str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    push: bool = True,
) -> int:
    """Create one in-app notice per recipient (users, or user ids); e-mail and push after commit.

    The caller's action has already authorised the work that causes the notice; notifying is its
    side effect, so this function does not authorise again.
    """
    user_ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None})
    if not user_ids:
        return 0
    created = 0
    with transaction.atomic():
        for start in range(0, len(user_ids), BATCH):
            chunk = user_ids[start : start + BATCH]
            Notice.objects.bulk_create(
                Notice(user_id=uid, kind=kind, title=title[:255], body=body, url=url)
                for uid in chunk
            )
            created += len(chunk)
    if email:
        from .tasks import deliver_notices

        transaction.on_commit(lambda: deliver_notices.enqueue(user_ids, title[:255]))
    if push:
        from . import push as web_push
        from .tasks import deliver_push

        if web_push.enabled():
            transaction.on_commit(
                lambda: deliver_push.enqueue(user_ids, title[:255], body[:300], url)
            )
    return created


def mark_notice_read(*, actor: Any, notice_id: int) -> Notice:
    """A user marks one of their own notices read; another user's notice is not found."""
    notice = Notice.objects.filter(pk=notice_id, user_id=actor.pk).first()
    if notice is None:
        raise NotFound(_("Không tìm thấy thông báo."))
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def mark_all_notices_read(*, actor: Any) -> int:
    return Notice.objects.filter(user_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def subscribe_push(*, actor: Any, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Store the browser's push subscription for the user (the browser asked them first).

    An endpoint is one browser profile: subscribing again, or as another user on the same
    browser, moves it to the current user."""
    endpoint = (endpoint or "").strip()
    if not endpoint.startswith(PUSH_HOST_SCHEMES) or len(endpoint) > 1000:
        raise ValidationFailed(_("Địa chỉ nhận thông báo đẩy không hợp lệ."), field="endpoint")
    if not p256dh or not auth or len(p256dh) > 200 or len(auth) > 100:
        raise ValidationFailed(_("Khóa nhận thông báo đẩy không hợp lệ."), field="keys")
    with transaction.atomic():
        subscription, _created = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={"user_id": actor.pk, "p256dh": p256dh, "auth": auth},
        )
    return subscription


def unsubscribe_push(*, actor: Any, endpoint: str) -> int:
    deleted, _rows = PushSubscription.objects.filter(user_id=actor.pk, endpoint=endpoint).delete()
    return deleted
