"""Access-matrix rows of notifications: a user's own inbox; another user's notice is not found."""

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

PUSH_FORM = {"endpoint": "https://push.example.net/send/abc", "p256dh": "BPk3", "auth": "x9"}
PUSH_JSON = {
    "endpoint": "https://push.example.net/send/abc",
    "keys": {"p256dh": "BPk3", "auth": "x9"},
}


def notices(ctx: Ctx) -> None:
    from chibo.notifications.actions import notify
    from chibo.notifications.models import NoticeKind

    for name in ("hq_admin", "branch_officer", "outsider", "member", "inspector", "leader"):
        notify(
            recipients=[ctx.user(name)],
            kind=NoticeKind.GENERAL,
            title=f"Thông báo cho {name}",
            email=False,
        )


def _notice_of(owner: str | None, template: str) -> UrlFn:
    """The notice of `owner` (None: the persona's own; anonymous aims at hq_admin's)."""

    def url(ctx: Ctx, persona: str) -> str:
        from chibo.notifications.models import Notice

        name = owner or (persona if persona != "anonymous" else "hq_admin")
        return template.format(Notice.objects.get(user=ctx.user(name)).pk)

    return url


ROWS: list[Row] = [
    Row(
        "notifications/",
        "GET",
        fixed("/notifications/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=notices,
    ),
    Row(
        "notifications/<int:pk>/read/",
        "POST",
        _notice_of(None, "/notifications/{}/read/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
        setup=notices,
        note="own notice",
    ),
    Row(
        "notifications/<int:pk>/read/",
        "POST",
        _notice_of("hq_admin", "/notifications/{}/read/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=notices,
        note="hq_admin's notice",
    ),
    Row(
        "notifications/read-all/",
        "POST",
        fixed("/notifications/read-all/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "notifications/push/subscribe/",
        "POST",
        fixed("/notifications/push/subscribe/"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=201,
            member=201,
            inspector=201,
            leader=201,
            anonymous=LOGIN,
        ),
        data=PUSH_FORM,
    ),
    Row(
        "notifications/push/unsubscribe/",
        "POST",
        fixed("/notifications/push/unsubscribe/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        data=PUSH_FORM,
    ),
    Row(
        "GET /api/v1/notifications",
        "GET",
        fixed("/api/v1/notifications"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=notices,
    ),
    Row(
        "POST /api/v1/notifications/{notice_id}/read",
        "POST",
        _notice_of(None, "/api/v1/notifications/{}/read"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=notices,
        note="own notice",
    ),
    Row(
        "POST /api/v1/notifications/{notice_id}/read",
        "POST",
        _notice_of("hq_admin", "/api/v1/notifications/{}/read"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=notices,
        note="hq_admin's notice",
    ),
    Row(
        "POST /api/v1/notifications/read-all",
        "POST",
        fixed("/api/v1/notifications/read-all"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "POST /api/v1/notifications/push-subscriptions",
        "POST",
        fixed("/api/v1/notifications/push-subscriptions"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=201,
            member=201,
            inspector=201,
            leader=201,
            anonymous=A401,
        ),
        data=PUSH_JSON,
    ),
]
