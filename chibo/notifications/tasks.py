"""Delivery of notices outside the app: e-mail, and web push where the member allowed it."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.tasks import task

from chibo.access.models import User

from . import push
from .models import Notice, PushSubscription


@task()
def deliver_notices(user_ids: list[int], title: str) -> int:
    """E-mail the notice titled `title` to the listed users who have an address."""
    pending = Notice.objects.filter(
        user_id__in=user_ids, title=title, emailed=False
    ).select_related("user")
    messages = []
    sent_ids = []
    for notice in pending:
        user: User = notice.user
        if not user.email or not user.is_active:
            continue
        body = notice.body + (f"\n\n{settings.CHIBO_SITE_URL}{notice.url}" if notice.url else "")
        messages.append((notice.title, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
        sent_ids.append(notice.pk)
    if messages:
        send_mass_mail(messages, fail_silently=True)
        Notice.objects.filter(pk__in=sent_ids).update(emailed=True)
    return len(messages)


@task()
def deliver_push(user_ids: list[int], title: str, body: str, url: str) -> int:
    """Push the notice to every browser the users subscribed; drop subscriptions that are gone."""
    if not push.enabled():
        return 0
    data = push.payload(title=title, body=body, url=url)
    sent = 0
    gone = []
    for subscription in PushSubscription.objects.filter(user_id__in=user_ids, user__is_active=True):
        if push.send_one(subscription, data):
            sent += 1
        else:
            gone.append(subscription.pk)
    if gone:
        PushSubscription.objects.filter(pk__in=gone).delete()
    return sent
