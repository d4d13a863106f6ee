"""Access-matrix rows of access: accounts, users, grants and API tokens.

Collected by chibo/access/tests/test_matrix.py with every module's rows."""

from chibo.access import actions as access_actions
from chibo.access.models import Grant
from chibo.testing.matrix import A401, LOGIN, PERSONAS, Ctx, Expect, Row, UrlFn, fixed


def give_tokens(ctx: Ctx) -> None:
    for name in PERSONAS:
        if name == "anonymous":
            continue
        user = ctx.user(name)
        token, _raw = access_actions.create_token(actor=user, owner=user, name="matrix")
        ctx.tokens[name] = token.pk


def own_token(path: str) -> UrlFn:
    # The anonymous caller aims at hq_admin's token: it must be stopped before any lookup.
    return lambda ctx, persona: path.format(ctx.tokens.get(persona, ctx.tokens["hq_admin"]))


def hq_token(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens["hq_admin"])


def officer_pk(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.p.branch_officer.pk)


def officer_grant(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(Grant.objects.get(user=ctx.p.branch_officer).pk)


def ask_grant_for_officer(ctx: Ctx) -> None:
    """A city system administrator asks for a branch-secretary grant on B2 for the branch
    officer: it waits for a second access manager (finding 14)."""
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    admin = make_user("matrix_quantri", (ctx.p.tree.hcm, Role.SYSTEM_ADMIN))
    access_actions.grant_role(
        actor=admin, user=ctx.p.branch_officer, unit=ctx.p.tree.b2, role=Role.BRANCH_SECRETARY
    )


def officer_request(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.access.models import GrantRequest

        return path.format(GrantRequest.objects.get(user=ctx.p.branch_officer).pk)

    return url


ROWS: list[Row] = [
    Row(
        "account/tokens/",
        "GET",
        fixed("/account/tokens/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    # The token page answers 200 to a successful POST: it shows the new secret once.
    Row(
        "account/tokens/",
        "POST",
        fixed("/account/tokens/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        data={"name": "Tích hợp báo cáo"},
    ),
    Row(
        "account/tokens/<int:token_id>/revoke/",
        "POST",
        own_token("/account/tokens/{}/revoke/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
        setup=give_tokens,
        note="own token",
    ),
    Row(
        "account/tokens/<int:token_id>/revoke/",
        "POST",
        hq_token("/account/tokens/{}/revoke/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=give_tokens,
        note="hq_admin's token",
    ),
    # User management needs access.manage (system_admin); none of the personas holds it.
    Row(
        "account/users/",
        "GET",
        fixed("/account/users/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "account/users/",
        "POST",
        fixed("/account/users/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"username": "moi", "unit_code": "B1", "role": "member"},
    ),
    Row(
        "account/users/<int:user_id>/",
        "GET",
        officer_pk("/account/users/{}/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "account/users/<int:user_id>/grants/",
        "POST",
        officer_pk("/account/users/{}/grants/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"unit_code": "B1", "role": "member"},
    ),
    Row(
        "account/users/<int:user_id>/deactivate/",
        "POST",
        officer_pk("/account/users/{}/deactivate/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "account/grants/<int:grant_id>/revoke/",
        "POST",
        officer_grant("/account/grants/{}/revoke/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    # Approving or refusing a pending grant needs access.manage on its unit: none of the
    # personas holds it anywhere, so the user-management area answers 403 before any lookup.
    Row(
        "account/grant-requests/<int:request_id>/approve/",
        "POST",
        officer_request("/account/grant-requests/{}/approve/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=ask_grant_for_officer,
    ),
    Row(
        "account/grant-requests/<int:request_id>/refuse/",
        "POST",
        officer_request("/account/grant-requests/{}/refuse/"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=403,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=ask_grant_for_officer,
    ),
    Row(
        "GET /api/v1/tokens",
        "GET",
        fixed("/api/v1/tokens"),
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
        "POST /api/v1/tokens",
        "POST",
        fixed("/api/v1/tokens"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=201,
            member=201,
            inspector=201,
            leader=201,
            anonymous=A401,
        ),
        data={"name": "Tích hợp"},
    ),
    Row(
        "POST /api/v1/tokens/{token_id}/revoke",
        "POST",
        own_token("/api/v1/tokens/{}/revoke"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=give_tokens,
        note="own token",
    ),
    Row(
        "POST /api/v1/tokens/{token_id}/revoke",
        "POST",
        hq_token("/api/v1/tokens/{}/revoke"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=give_tokens,
        note="hq_admin's token",
    ),
]
