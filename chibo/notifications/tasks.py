"""Delivery of notices outside the app: e-mail now; web push where the member allowed it."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.tasks import task

from chibo.access.models import User

from .models import Notice


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
