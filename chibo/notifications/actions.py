"""Writes of notices. Modules call `notify`; e-mail and web push are delivered after commit.

Notices and push subscriptions are a user's own inbox, not organisation data: a user acts only on
their own, and another user's notice is "not found". Creating, reading and e-mailing a notice is
not audited (the notice row says whether it was e-mailed); dropping a push subscription the push
service reports gone is, because it deletes what the user gave.

Delivery runs in background tasks, which act as `DELIVERY`, a `policy.SystemActor`: the
delivery actions accept that actor only (`policy.require_system`), so no person can call them.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access import policy
from chibo.audit.recorder import record
from chibo.core.errors import NotFound, ValidationFailed

from . import push as web_push
from .models import Notice, NoticeKind, PushSubscription

# Who delivers notices outside the app: the server's background worker, not a person.
DELIVERY = policy.SystemActor(job="notifications.delivery")

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


def email_notices(*, actor: Any, user_ids: list[int], title: str) -> int:
    """E-mail the notice titled `title` to the listed users who have an address and are active;
    each notice is marked e-mailed so that a retried task sends it once."""
    policy.require_system(actor)
    pending = Notice.objects.filter(
        user_id__in=user_ids, title=title, emailed=False
    ).select_related("user")
    messages = []
    sent_ids = []
    for notice in pending:
        user = notice.user
        if not user.email or not user.is_active:
            continue
        body = notice.body + (f"\n\n{settings.CHIBO_SITE_URL}{notice.url}" if notice.url else "")
        messages.append((notice.title, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
        sent_ids.append(notice.pk)
    if messages:
        send_mass_mail(messages, fail_silently=True)
        Notice.objects.filter(pk__in=sent_ids).update(emailed=True)
    return len(messages)


def push_notices(*, actor: Any, user_ids: list[int], title: str, body: str, url: str) -> int:
    """Push the notice to every browser the (active) users subscribed; drop, with an audit
    event, the subscriptions the push service says are gone. Returns how many were sent."""
    policy.require_system(actor)
    if not web_push.enabled():
        return 0
    data = web_push.payload(title=title, body=body, url=url)
    sent = 0
    gone = []
    subscriptions = PushSubscription.objects.filter(user_id__in=user_ids, user__is_active=True)
    for subscription in subscriptions.select_related("user"):
        if web_push.send_one(subscription, data):
            sent += 1
        else:
            gone.append(subscription)
    if gone:
        with transaction.atomic():
            for subscription in gone:
                record(
                    actor=actor,
                    action="notifications.drop_push_subscription",
                    target=subscription,
                    unit=None,
                    changes={"user": subscription.user.username, "reason": "gone"},
                )
            PushSubscription.objects.filter(pk__in=[s.pk for s in gone]).delete()
    return sent
