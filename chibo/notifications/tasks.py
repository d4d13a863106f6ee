"""Delivery of notices outside the app: e-mail, and web push where the member allowed it.

The tasks run in the background worker and act as `actions.DELIVERY`, the system actor.
"""

from django.tasks import task

from . import actions


@task()
def deliver_notices(user_ids: list[int], title: str) -> int:
    """E-mail the notice titled `title` to the listed users who have an address."""
    return actions.email_notices(actor=actions.DELIVERY, user_ids=user_ids, title=title)


@task()
def deliver_push(user_ids: list[int], title: str, body: str, url: str) -> int:
    """Push the notice to every browser the users subscribed; drop subscriptions that are gone."""
    return actions.push_notices(
        actor=actions.DELIVERY, user_ids=user_ids, title=title, body=body, url=url
    )
