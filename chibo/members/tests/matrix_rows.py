"""Access-matrix rows of members: the member registry, pages and API.

Collected by chibo/access/tests/test_matrix.py with every module's rows."""

from datetime import date

from chibo.testing.matrix import A401, DAY, LOGIN, Ctx, Expect, Row, UrlFn, fixed
from chibo.testing.personas import make_member


def add_b1_member(ctx: Ctx) -> None:
    """A member of B1 with a citizen ID, for the member list, detail and lookup rows."""
    make_member(
        ctx.p.tree.b1,
        "Nguyễn Thị Thu",
        actor=ctx.p.hq_admin,
        birth_date=date(1980, 4, 2),  # the citizen ID below: a woman born in 1980
        citizen_id=MATRIX_CCCD,
    )


def b1_member(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.members.models import Member

        return path.format(Member.objects.get(citizen_id=MATRIX_CCCD).pk)

    return url


MATRIX_CCCD = "079180012345"


PROFILE_CCCD = "079180054321"


def admit_b1_member(ctx: Ctx) -> None:
    """A member of B1 admitted through the action (life events need the admission event)."""
    from chibo.members import actions as member_actions

    member_actions.admit_member(
        actor=ctx.p.hq_admin,
        unit=ctx.p.tree.b1,
        full_name="Trần Thị Mai",
        gender="female",
        birth_date=date(1980, 5, 4),
        decision_on=date(2020, 3, 1),
        citizen_id=PROFILE_CCCD,
    )


def admitted_member(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.members.models import Member

        return path.format(Member.objects.get(citizen_id=PROFILE_CCCD).pk)

    return url


ROWS: list[Row] = [
    # Member statistics: the home page sends each persona to the top unit of their reach.
    Row(
        "members/statistics/",
        "GET",
        fixed("/members/statistics/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=403,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "members/statistics/<str:code>/",
        "GET",
        fixed("/members/statistics/B1/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "members/statistics/<str:code>/changes.xlsx",
        "GET",
        fixed("/members/statistics/B1/changes.xlsx?start=01/01/2026&end=31/01/2026"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "members/badges/<str:code>/",
        "GET",
        fixed("/members/badges/B1/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "members/transfers/",
        "GET",
        fixed("/members/transfers/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    # The member list: members.view anywhere; the citizen-ID lookup (POST only) needs
    # members.view_sensitive and finds only members in the caller's reach.
    Row(
        "members/",
        "GET",
        fixed("/members/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=add_b1_member,
    ),
    Row(
        "members/export.xlsx",
        "GET",
        fixed("/members/export.xlsx"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "members/lookup/",
        "POST",
        fixed("/members/lookup/"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=200,
            member=403,
            inspector=200,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"citizen_id": MATRIX_CCCD},
        setup=add_b1_member,
    ),
    # The profile page (members.view; a plain member reads only their own) and its forms.
    Row(
        "members/<int:pk>/",
        "GET",
        admitted_member("/members/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=admit_b1_member,
    ),
    Row(
        "members/<int:pk>/edit/",
        "POST",
        admitted_member("/members/{}/edit/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"full_name": "Trần Thị Mai Anh", "gender": "female", "birth": "04/05/1980"},
        setup=admit_b1_member,
    ),
    Row(
        "members/<int:pk>/events/",
        "POST",
        admitted_member("/members/{}/events/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"kind": "exemption", "effective_on": DAY, "decision_number": "9-QĐ/ĐU"},
        setup=admit_b1_member,
    ),
    Row(
        "members/admit/",
        "GET",
        fixed("/members/admit/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "members/admit/",
        "POST",
        fixed("/members/admit/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={
            "unit": "B1",
            "full_name": "Lê Văn Cường",
            "gender": "male",
            "birth_date": "02/09/1995",
            "decision_on": DAY,
        },
    ),
    # Like the audit page: without audit.view anywhere the log is refused.
    Row(
        "GET /api/v1/units/{code}/statistics",
        "GET",
        fixed("/api/v1/units/B1/statistics"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "GET /api/v1/units/{code}/changes",
        "GET",
        fixed("/api/v1/units/B1/changes?from=2026-01-01&to=2026-01-31"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "GET /api/v1/members",
        "GET",
        fixed("/api/v1/members"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "GET /api/v1/members/{member_id}",
        "GET",
        b1_member("/api/v1/members/{}"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=add_b1_member,
    ),
    Row(
        "GET /api/v1/members/{member_id}/events",
        "GET",
        b1_member("/api/v1/members/{}/events"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=add_b1_member,
    ),
    Row(
        "POST /api/v1/members/lookup",
        "POST",
        fixed("/api/v1/members/lookup"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=200,
            member=403,
            inspector=200,
            leader=403,
            anonymous=A401,
        ),
        data={"citizen_id": MATRIX_CCCD},
        setup=add_b1_member,
    ),
]
