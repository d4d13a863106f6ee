"""Access-matrix rows of the data-quality endpoints (chibo/access/tests/test_matrix.py).

Each part keeps its own list; `ROWS` joins them.
"""

from chibo.testing.matrix import A401, DAY, LOGIN, Ctx, Expect, Row, UrlFn, fixed

# --- campaigns (đúng, đủ, sạch, sống) -----------------------------------------------------------


def running_campaign_p1(ctx: Ctx) -> None:
    """A campaign over P1 (outside the outsider's reach) and a B1 member with an unclean name."""
    from chibo.data_quality.campaigns.actions import refresh_member_checks

    from .campaign_support import add_campaign, add_member

    add_campaign(ctx.p.tree.p1)
    add_member(ctx.p.tree.b1, full_name="nguyễn văn an")
    refresh_member_checks()


def _campaign(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.data_quality.models import Campaign

        return path.format(Campaign.objects.get().pk)

    return url


def _member(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.members.models import Member

        # The setup's member: B1 also holds the member persona and the matrix's marker member.
        return path.format(Member.objects.filter(unit=ctx.p.tree.b1).latest("pk").pk)

    return url


NEW_CAMPAIGN = {"name": "Đợt thử", "starts_on": DAY, "ends_on": "15/03/2026"}

CAMPAIGN_ROWS: list[Row] = [
    Row(
        "data-quality/",
        "GET",
        fixed("/data-quality/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "data-quality/campaigns/create/",
        "POST",
        fixed("/data-quality/campaigns/create/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={**NEW_CAMPAIGN, "unit": "P1"},
    ),
    Row(
        "data-quality/campaigns/create/",
        "POST",
        fixed("/data-quality/campaigns/create/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={**NEW_CAMPAIGN, "unit": "B1"},
        note="branch",
    ),
    Row(
        "data-quality/campaigns/<int:pk>/",
        "GET",
        _campaign("/data-quality/campaigns/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "data-quality/members/<int:pk>/",
        "GET",
        _member("/data-quality/members/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "data-quality/members/<int:pk>/fix/",
        "GET",
        _member("/data-quality/members/{}/fix/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "data-quality/members/<int:pk>/fix/",
        "POST",
        _member("/data-quality/members/{}/fix/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=running_campaign_p1,
        data={"full_name": "Nguyễn Văn An", "context": "page"},
    ),
    Row(
        "data-quality/members/<int:pk>/confirm/",
        "POST",
        _member("/data-quality/members/{}/confirm/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "GET /api/v1/data-quality/campaigns",
        "GET",
        fixed("/api/v1/data-quality/campaigns"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "GET /api/v1/data-quality/campaigns/{campaign_id}/units",
        "GET",
        _campaign("/api/v1/data-quality/campaigns/{}/units"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "GET /api/v1/data-quality/members/{member_id}/checks",
        "GET",
        _member("/api/v1/data-quality/members/{}/checks"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=running_campaign_p1,
    ),
    Row(
        "POST /api/v1/data-quality/members/{member_id}/confirm",
        "POST",
        _member("/api/v1/data-quality/members/{}/confirm"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=running_campaign_p1,
    ),
]

from .matrix_rows_duplicates import DUPLICATE_ROWS  # noqa: E402
from .matrix_rows_imports import IMPORT_ROWS  # noqa: E402

ROWS: list[Row] = [*CAMPAIGN_ROWS, *DUPLICATE_ROWS, *IMPORT_ROWS]
