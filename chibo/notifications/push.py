"""Web push (RFC 8030 with VAPID, RFC 8292) through pywebpush: best effort, never blocks a write.

Keys come from settings (CHIBO_VAPID_PUBLIC_KEY / CHIBO_VAPID_PRIVATE_KEY, from the environment;
`manage.py generate_vapid_keys` makes a pair). Without keys, push is off and nothing is sent.
"""

import json
import logging
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

# A push service answers 404 or 410 for a subscription the browser has dropped.
GONE = frozenset({404, 410})
TIMEOUT_SECONDS = 10


def public_key() -> str:
    return getattr(settings, "CHIBO_VAPID_PUBLIC_KEY", "") or ""


def enabled() -> bool:
    return bool(public_key() and getattr(settings, "CHIBO_VAPID_PRIVATE_KEY", ""))


def payload(*, title: str, body: str, url: str) -> str:
    """What the service worker shows: a title, a short body and the path to open."""
    return json.dumps({"title": title, "body": body[:300], "url": url or "/so-tay/"})


def send_one(subscription: Any, data: str) -> bool:
    """Send one message; False when the push service says the subscription is gone."""
    from pywebpush import WebPushException, webpush

    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=data,
            vapid_private_key=settings.CHIBO_VAPID_PRIVATE_KEY,
            vapid_claims={
                "sub": getattr(settings, "CHIBO_VAPID_SUBJECT", "mailto:chibo@localhost")
            },
            timeout=TIMEOUT_SECONDS,
            ttl=24 * 3600,
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in GONE:
            return False
        logger.warning("web push failed (%s)", status)
    except Exception:  # a push service down must not break the notice that was already saved
        logger.warning("web push failed", exc_info=True)
    return True
