"""Notices: notify, the list, marking read (HTMX, API), web push (sender mocked)."""

from unittest import mock

import pytest
from django.core import mail
from django.test import Client

from chibo.core.errors import NotFound, ValidationFailed
from chibo.notifications import actions, queries
from chibo.notifications.models import Notice, NoticeKind, PushSubscription

pytestmark = pytest.mark.django_db

VAPID = {"CHIBO_VAPID_PUBLIC_KEY": "BPub", "CHIBO_VAPID_PRIVATE_KEY": "priv"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_notify_creates_notices_and_emails_after_commit(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        count = actions.notify(
            recipients=[personas.hq_admin, personas.branch_officer.pk, None],
            kind=NoticeKind.DOCUMENT,
            title="Văn bản mới",
            body="Chỉ thị 50-CT/TW",
            url="/so-tay/van-ban/",
        )
    assert count == 2
    assert queries.unread_count(personas.hq_admin) == 1
    assert len(mail.outbox) == 2
    assert "/so-tay/van-ban/" in mail.outbox[0].body


def test_list_mark_read_with_htmx_updates_the_bell(personas):
    actions.notify(recipients=[personas.outsider], kind="general", title="Một", email=False)
    actions.notify(recipients=[personas.outsider], kind="general", title="Hai", email=False)
    client = _client(personas.outsider)
    page = client.get("/notifications/").content.decode()
    assert "Một" in page and "Hai" in page and 'id="bell-count"' in page
    notice = Notice.objects.filter(title="Một").get()
    response = client.post(f"/notifications/{notice.pk}/read/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hx-swap-oob="true"' in html and ">1<" in html
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert client.post("/notifications/read-all/").status_code == 302
    assert queries.unread_count(personas.outsider) == 0


def test_someone_elses_notice_is_not_found(personas):
    actions.notify(recipients=[personas.hq_admin], kind="general", title="Riêng", email=False)
    notice = Notice.objects.get()
    with pytest.raises(NotFound):
        actions.mark_notice_read(actor=personas.outsider, notice_id=notice.pk)
    assert _client(personas.outsider).post(f"/notifications/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_api_list_and_read(personas):
    actions.notify(recipients=[personas.hq_admin], kind="general", title="API", email=False)
    client = _client(personas.hq_admin)
    data = client.get("/api/v1/notifications?unread=true").json()
    assert data["count"] == 1 and data["unread"] == 1
    notice_id = data["items"][0]["id"]
    read = client.post(f"/api/v1/notifications/{notice_id}/read")
    assert read.status_code == 200 and read.json()["read_at"]
    assert client.get("/api/v1/notifications").json()["unread"] == 0


def test_push_subscription_is_stored_and_validated(personas):
    client = _client(personas.branch_officer)
    ok = client.post(
        "/notifications/push/subscribe/",
        {"endpoint": "https://push.example.net/a", "keys": {"p256dh": "k", "auth": "a"}},
        content_type="application/json",
    )
    assert ok.status_code == 201
    sub = PushSubscription.objects.get()
    assert sub.user == personas.branch_officer
    bad = client.post(
        "/notifications/push/subscribe/",
        {"endpoint": "http://insecure.example/a", "keys": {"p256dh": "k", "auth": "a"}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    with pytest.raises(ValidationFailed):
        actions.subscribe_push(actor=personas.hq_admin, endpoint="https://x/y", p256dh="", auth="")
    # The same browser used by another user moves to them.
    actions.subscribe_push(
        actor=personas.hq_admin, endpoint="https://push.example.net/a", p256dh="k2", auth="a2"
    )
    assert PushSubscription.objects.get().user == personas.hq_admin
    assert client.post(
        "/notifications/push/unsubscribe/", {"endpoint": "https://push.example.net/a"}
    ).json() == {"subscribed": False}


def test_web_push_is_sent_after_commit_and_gone_subscriptions_dropped(
    personas, settings, django_capture_on_commit_callbacks
):
    for key, value in VAPID.items():
        setattr(settings, key, value)
    for n, user in enumerate((personas.hq_admin, personas.outsider)):
        actions.subscribe_push(
            actor=user, endpoint=f"https://push.example.net/{n}", p256dh="k", auth="a"
        )
    gone = {"https://push.example.net/1"}
    with mock.patch(
        "chibo.notifications.push.send_one",
        side_effect=lambda sub, data: sub.endpoint not in gone,
    ) as sender:
        with django_capture_on_commit_callbacks(execute=True):
            actions.notify(
                recipients=[personas.hq_admin, personas.outsider],
                kind="meeting",
                title="Họp chi bộ",
                body="Thứ Năm 19:00",
                url="/so-tay/lich-hop/",
                email=False,
            )
        assert sender.call_count == 2
        payload = sender.call_args_list[0].args[1]
        assert '"url": "/so-tay/lich-hop/"' in payload
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [
        "https://push.example.net/0"
    ]


def test_no_push_without_vapid_keys(personas, settings, django_capture_on_commit_callbacks):
    settings.CHIBO_VAPID_PRIVATE_KEY = ""
    actions.subscribe_push(
        actor=personas.hq_admin, endpoint="https://p.example/0", p256dh="k", auth="a"
    )
    with (
        mock.patch("chibo.notifications.push.send_one") as sender,
        django_capture_on_commit_callbacks(execute=True),
    ):
        actions.notify(recipients=[personas.hq_admin], kind="general", title="x", email=False)
    sender.assert_not_called()


def test_send_one_treats_404_and_410_as_gone(personas, settings):
    from pywebpush import WebPushException

    from chibo.notifications import push

    settings.CHIBO_VAPID_PRIVATE_KEY = "priv"
    sub = actions.subscribe_push(
        actor=personas.hq_admin, endpoint="https://p.example/0", p256dh="k", auth="a"
    )
    response = mock.Mock(status_code=410)
    with mock.patch("pywebpush.webpush", side_effect=WebPushException("gone", response=response)):
        assert push.send_one(sub, "{}") is False
    with mock.patch(
        "pywebpush.webpush", side_effect=WebPushException("x", response=mock.Mock(status_code=500))
    ):
        assert push.send_one(sub, "{}") is True


def test_bell_in_the_base_layout(personas):
    actions.notify(recipients=[personas.hq_admin], kind="general", title="x", email=False)
    html = _client(personas.hq_admin).get("/").content.decode()
    assert 'href="/notifications/"' in html and 'id="bell-count"' in html


def test_delivery_actions_are_for_the_system_actor_only(personas):
    """Finding 4: the tasks call actions, which authorise: only background work delivers."""
    from chibo.core.errors import Forbidden

    with pytest.raises(Forbidden):
        actions.email_notices(actor=personas.hq_admin, user_ids=[personas.hq_admin.pk], title="x")
    with pytest.raises(Forbidden):
        actions.push_notices(
            actor=personas.hq_admin, user_ids=[personas.hq_admin.pk], title="x", body="", url=""
        )
    actions.notify(recipients=[personas.hq_admin], kind="general", title="x", push=False)
    assert (
        actions.email_notices(actor=actions.DELIVERY, user_ids=[personas.hq_admin.pk], title="x")
        == 1
    )
    # Retried: each notice is e-mailed once.
    assert (
        actions.email_notices(actor=actions.DELIVERY, user_ids=[personas.hq_admin.pk], title="x")
        == 0
    )


def test_a_dropped_push_subscription_leaves_an_audit_event(personas, settings):
    from chibo.audit.models import AuditEvent

    for key, value in VAPID.items():
        setattr(settings, key, value)
    actions.subscribe_push(
        actor=personas.outsider, endpoint="https://push.example.net/9", p256dh="k", auth="a"
    )
    with mock.patch("chibo.notifications.push.send_one", return_value=False):
        sent = actions.push_notices(
            actor=actions.DELIVERY, user_ids=[personas.outsider.pk], title="t", body="", url=""
        )
    assert sent == 0 and not PushSubscription.objects.exists()
    event = AuditEvent.objects.get(action="notifications.drop_push_subscription")
    assert event.actor is None and event.actor_label == "system"
    assert event.changes == {"user": "outsider", "reason": "gone"}
