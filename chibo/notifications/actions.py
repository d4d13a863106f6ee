"""Writes of notices. Modules call `notify`; e-mail and web push are delivered after commit."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Notice, NoticeKind

BATCH = 2000


def notify(
    *,
    recipients: Iterable[Any],
    kind: NoticeKind | str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
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
    return created


def mark_notice_read(*, actor: Any, notice_id: int) -> None:
    """A user marks one of their own notices read (others' notices are not found)."""
    Notice.objects.filter(pk=notice_id, user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_notices_read(*, actor: Any) -> int:
    return Notice.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
