"""The access matrix: every URL pattern and every API operation, for every persona.

One row per endpoint (some endpoints have two rows: one's own object and someone else's), with a
concrete request against the personas tree (chibo/testing/personas.py) and the status each persona
must get:

- out of the persona's reach → 404; in reach without the permission → 403;
- allowed → 200 / 201, or 302 for an HTML form that redirects after success;
- anonymous → 302 to the login page for HTML, 401 for the API.

`test_every_endpoint_has_a_row` fails when an endpoint is added without a row, or when a row names
an endpoint that no longer exists. Each (row, persona) runs on a fresh tree, so one persona's
successful write never changes what the next one sees. A refused request must write nothing: the
audit log is compared before and after.
"""

import importlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chibo.access import actions as access_actions
from chibo.access.models import Grant
from chibo.audit.models import AuditEvent
from chibo.org import actions as org_actions
from chibo.org.models import UnitKind
from chibo.testing.matrix import A401, DAY, ISO_DAY, LOGIN, PERSONAS, Ctx, Row, UrlFn, fixed
from config.api import api


def give_tokens(ctx: Ctx) -> None:
    for name in ("hq_admin", "branch_officer", "outsider"):
        user = ctx.user(name)
        token, _raw = access_actions.create_token(actor=user, owner=user, name="matrix")
        ctx.tokens[name] = token.pk


def add_g3(ctx: Ctx) -> None:
    """A second grassroots committee under P1: somewhere B1 may legally move to."""
    org_actions.create_unit(
        actor=ctx.p.hq_admin,
        parent=ctx.p.tree.p1,
        code="G3",
        name="Đảng bộ Công ty C",
        kind=UnitKind.GRASSROOTS_COMMITTEE,
        founded_on=date(2026, 1, 1),
    )


def own_token(path: str) -> UrlFn:
    # The anonymous caller aims at hq_admin's token: it must be stopped before any lookup.
    return lambda ctx, persona: path.format(ctx.tokens.get(persona, ctx.tokens["hq_admin"]))


def hq_token(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens["hq_admin"])


def officer_pk(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.p.branch_officer.pk)


def officer_grant(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(Grant.objects.get(user=ctx.p.branch_officer).pk)


def add_b1_member(ctx: Ctx) -> None:
    """A member of B1 with a citizen ID, for the member list, detail and lookup rows."""
    from chibo.testing.personas import make_member

    member = make_member(ctx.p.tree.b1, "Nguyễn Thị Thu")
    member.citizen_id = MATRIX_CCCD
    member.save(update_fields=["citizen_id"])


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


CREATE_CELL = {"code": "T1", "name": "Tổ đảng 1", "kind": UnitKind.PARTY_CELL, "founded_on": DAY}
RENAME = {"name": "Chi bộ Một", "effective_on": DAY}
MOVE = {"new_parent": "G3", "effective_on": DAY}
MERGE = {"survivor": "B2", "effective_on": DAY}
DISSOLVE = {"effective_on": DAY, "reason": "Hết nhiệm vụ"}


def iso(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ISO_DAY if v == DAY else v for k, v in data.items()}


CORE_ROWS: list[Row] = [
    # --- HTML pages ---------------------------------------------------------------------------
    Row("", "GET", fixed("/"), (200, 200, 200, LOGIN)),
    Row("account/tokens/", "GET", fixed("/account/tokens/"), (200, 200, 200, LOGIN)),
    # The token page answers 200 to a successful POST: it shows the new secret once.
    Row(
        "account/tokens/",
        "POST",
        fixed("/account/tokens/"),
        (200, 200, 200, LOGIN),
        data={"name": "Tích hợp báo cáo"},
    ),
    Row(
        "account/tokens/<int:token_id>/revoke/",
        "POST",
        own_token("/account/tokens/{}/revoke/"),
        (302, 302, 302, LOGIN),
        setup=give_tokens,
        note="own token",
    ),
    Row(
        "account/tokens/<int:token_id>/revoke/",
        "POST",
        hq_token("/account/tokens/{}/revoke/"),
        (302, 404, 404, LOGIN),
        setup=give_tokens,
        note="hq_admin's token",
    ),
    # User management needs access.manage (system_admin); none of the personas holds it.
    Row("account/users/", "GET", fixed("/account/users/"), (403, 403, 403, LOGIN)),
    Row(
        "account/users/",
        "POST",
        fixed("/account/users/"),
        (403, 403, 403, LOGIN),
        data={"username": "moi", "unit_code": "B1", "role": "member"},
    ),
    Row(
        "account/users/<int:user_id>/",
        "GET",
        officer_pk("/account/users/{}/"),
        (403, 403, 403, LOGIN),
    ),
    Row(
        "account/users/<int:user_id>/grants/",
        "POST",
        officer_pk("/account/users/{}/grants/"),
        (403, 403, 403, LOGIN),
        data={"unit_code": "B1", "role": "member"},
    ),
    Row(
        "account/users/<int:user_id>/deactivate/",
        "POST",
        officer_pk("/account/users/{}/deactivate/"),
        (403, 403, 403, LOGIN),
    ),
    Row(
        "account/grants/<int:grant_id>/revoke/",
        "POST",
        officer_grant("/account/grants/{}/revoke/"),
        (403, 403, 403, LOGIN),
    ),
    Row("org/", "GET", fixed("/org/"), (200, 200, 200, LOGIN)),
    Row("org/search/", "GET", fixed("/org/search/?q=chi+bo"), (200, 200, 200, LOGIN)),
    Row("org/<str:code>/", "GET", fixed("/org/B1/"), (200, 200, 404, LOGIN)),
    Row("org/<str:code>/", "GET", fixed("/org/P2/"), (200, 404, 200, LOGIN), note="P2"),
    Row("org/<str:code>/", "GET", fixed("/org/NOPE/"), (404, 404, 404, LOGIN), note="absent"),
    Row("org/<str:code>/children/", "GET", fixed("/org/G1/children/"), (200, 404, 404, LOGIN)),
    Row(
        "org/<str:code>/create/",
        "POST",
        fixed("/org/B1/create/"),
        (302, 403, 404, LOGIN),
        data=CREATE_CELL,
    ),
    Row("org/<str:code>/rename/", "POST", fixed("/org/B1/rename/"), (302, 403, 404, LOGIN), RENAME),
    Row(
        "org/<str:code>/move/",
        "POST",
        fixed("/org/B1/move/"),
        (302, 403, 404, LOGIN),
        data=MOVE,
        setup=add_g3,
    ),
    Row("org/<str:code>/merge/", "POST", fixed("/org/B1/merge/"), (302, 403, 404, LOGIN), MERGE),
    Row(
        "org/<str:code>/dissolve/",
        "POST",
        fixed("/org/B1/dissolve/"),
        (302, 403, 404, LOGIN),
        data=DISSOLVE,
    ),
    Row("audit/", "GET", fixed("/audit/"), (200, 403, 200, LOGIN)),
    # Member statistics: the home page sends each persona to the top unit of their reach.
    Row("members/statistics/", "GET", fixed("/members/statistics/"), (302, 302, 302, LOGIN)),
    Row(
        "members/statistics/<str:code>/",
        "GET",
        fixed("/members/statistics/B1/"),
        (200, 200, 404, LOGIN),
    ),
    Row(
        "members/statistics/<str:code>/changes.xlsx",
        "GET",
        fixed("/members/statistics/B1/changes.xlsx?start=01/01/2026&end=31/01/2026"),
        (200, 200, 404, LOGIN),
    ),
    Row("members/badges/<str:code>/", "GET", fixed("/members/badges/B1/"), (200, 200, 404, LOGIN)),
    Row("members/transfers/", "GET", fixed("/members/transfers/"), (200, 200, 200, LOGIN)),
    # The member list: members.view anywhere; the citizen-ID lookup (POST only) needs
    # members.view_sensitive and finds only members in the caller's reach.
    Row("members/", "GET", fixed("/members/"), (200, 200, 200, LOGIN), setup=add_b1_member),
    Row("members/export.xlsx", "GET", fixed("/members/export.xlsx"), (200, 200, 200, LOGIN)),
    Row(
        "members/lookup/",
        "POST",
        fixed("/members/lookup/"),
        (200, 403, 200, LOGIN),
        data={"citizen_id": MATRIX_CCCD},
        setup=add_b1_member,
    ),
    # The profile page (members.view; a plain member reads only their own) and its forms.
    Row(
        "members/<int:pk>/",
        "GET",
        admitted_member("/members/{}/"),
        (200, 200, 404, LOGIN),
        setup=admit_b1_member,
    ),
    Row(
        "members/<int:pk>/edit/",
        "POST",
        admitted_member("/members/{}/edit/"),
        (302, 302, 404, LOGIN),
        data={"full_name": "Trần Thị Mai Anh", "gender": "female", "birth": "04/05/1980"},
        setup=admit_b1_member,
    ),
    Row(
        "members/<int:pk>/events/",
        "POST",
        admitted_member("/members/{}/events/"),
        (302, 302, 404, LOGIN),
        data={"kind": "exemption", "effective_on": DAY, "decision_number": "9-QĐ/ĐU"},
        setup=admit_b1_member,
    ),
    Row("members/admit/", "GET", fixed("/members/admit/"), (200, 200, 200, LOGIN)),
    Row(
        "members/admit/",
        "POST",
        fixed("/members/admit/"),
        (302, 302, 404, LOGIN),
        data={
            "unit": "B1",
            "full_name": "Lê Văn Cường",
            "gender": "male",
            "birth_date": "02/09/1995",
            "decision_on": DAY,
        },
    ),
    # The schema and its viewer describe the API, not its data; they are served to anyone who
    # reaches the (closed-network) server, and the viewer's assets are local (no CDN).
    Row("api/v1/openapi.json", "GET", fixed("/api/v1/openapi.json"), (200, 200, 200, 200)),
    Row("api/v1/docs", "GET", fixed("/api/v1/docs"), (200, 200, 200, 200)),
    # django-ninja's root only anchors the URL prefix; it always answers 404.
    Row("api/v1/", "GET", fixed("/api/v1/"), (404, 404, 404, 404)),
    # --- API operations -----------------------------------------------------------------------
    Row("GET /api/v1/units", "GET", fixed("/api/v1/units"), (200, 200, 200, A401)),
    Row(
        "GET /api/v1/units/search",
        "GET",
        fixed("/api/v1/units/search?q=chi%20bo"),
        (200, 200, 200, A401),
    ),
    Row("GET /api/v1/units/{code}", "GET", fixed("/api/v1/units/B1"), (200, 200, 404, A401)),
    Row(
        "GET /api/v1/units/{code}",
        "GET",
        fixed("/api/v1/units/P2"),
        (200, 404, 200, A401),
        note="P2",
    ),
    Row(
        "GET /api/v1/units/{code}/children",
        "GET",
        fixed("/api/v1/units/B1/children"),
        (200, 200, 404, A401),
    ),
    Row(
        "POST /api/v1/units/{code}/children",
        "POST",
        fixed("/api/v1/units/B1/children"),
        (201, 403, 404, A401),
        data=iso(CREATE_CELL),
    ),
    Row(
        "POST /api/v1/units/{code}/rename",
        "POST",
        fixed("/api/v1/units/B1/rename"),
        (200, 403, 404, A401),
        data=iso(RENAME),
    ),
    Row(
        "POST /api/v1/units/{code}/move",
        "POST",
        fixed("/api/v1/units/B1/move"),
        (200, 403, 404, A401),
        data=iso(MOVE),
        setup=add_g3,
    ),
    Row(
        "POST /api/v1/units/{code}/merge",
        "POST",
        fixed("/api/v1/units/B1/merge"),
        (200, 403, 404, A401),
        data=iso(MERGE),
    ),
    Row(
        "POST /api/v1/units/{code}/dissolve",
        "POST",
        fixed("/api/v1/units/B1/dissolve"),
        (200, 403, 404, A401),
        data=iso(DISSOLVE),
    ),
    # Like the audit page: without audit.view anywhere the log is refused.
    Row(
        "GET /api/v1/units/{code}/statistics",
        "GET",
        fixed("/api/v1/units/B1/statistics"),
        (200, 200, 404, A401),
    ),
    Row(
        "GET /api/v1/units/{code}/changes",
        "GET",
        fixed("/api/v1/units/B1/changes?from=2026-01-01&to=2026-01-31"),
        (200, 200, 404, A401),
    ),
    Row("GET /api/v1/members", "GET", fixed("/api/v1/members"), (200, 200, 200, A401)),
    Row(
        "GET /api/v1/members/{member_id}",
        "GET",
        b1_member("/api/v1/members/{}"),
        (200, 200, 404, A401),
        setup=add_b1_member,
    ),
    Row(
        "GET /api/v1/members/{member_id}/events",
        "GET",
        b1_member("/api/v1/members/{}/events"),
        (200, 200, 404, A401),
        setup=add_b1_member,
    ),
    Row(
        "POST /api/v1/members/lookup",
        "POST",
        fixed("/api/v1/members/lookup"),
        (200, 403, 200, A401),
        data={"citizen_id": MATRIX_CCCD},
        setup=add_b1_member,
    ),
    Row("GET /api/v1/audit/events", "GET", fixed("/api/v1/audit/events"), (200, 403, 200, A401)),
    Row("GET /api/v1/tokens", "GET", fixed("/api/v1/tokens"), (200, 200, 200, A401)),
    Row(
        "POST /api/v1/tokens",
        "POST",
        fixed("/api/v1/tokens"),
        (201, 201, 201, A401),
        data={"name": "Tích hợp"},
    ),
    Row(
        "POST /api/v1/tokens/{token_id}/revoke",
        "POST",
        own_token("/api/v1/tokens/{}/revoke"),
        (200, 200, 200, A401),
        setup=give_tokens,
        note="own token",
    ),
    Row(
        "POST /api/v1/tokens/{token_id}/revoke",
        "POST",
        hq_token("/api/v1/tokens/{}/revoke"),
        (200, 404, 404, A401),
        setup=give_tokens,
        note="hq_admin's token",
    ),
]

# Each module lists its own endpoints' rows in chibo/<module>/tests/matrix_rows.py.
MODULES_WITH_ROWS = ("data_quality", "documents", "meetings", "handbook", "notifications")


def _module_rows() -> list[Row]:
    rows: list[Row] = []
    for module in MODULES_WITH_ROWS:
        try:
            rows_module = importlib.import_module(f"chibo.{module}.tests.matrix_rows")
        except ModuleNotFoundError:
            continue
        rows.extend(rows_module.ROWS)
    return rows


ROWS: list[Row] = CORE_ROWS + _module_rows()

# Endpoints with no row, and why.
SKIPPED_PREFIXES = {
    "accounts/": "django-allauth's own login, password and MFA pages (tested by allauth)",
    "i18n/": "Django's set_language view: switches the UI language, no data",
    "static/": "static files handler (DEBUG only)",
    "media/": "uploaded files handler (DEBUG only)",
}


# --- enumeration -------------------------------------------------------------------------------


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def _is_ninja_operation(pattern: URLPattern) -> bool:
    return pattern.lookup_str.startswith("ninja.operation.")


def django_routes() -> set[str]:
    """Every URL pattern except API operations (enumerated from the schema) and SKIPPED."""
    return {
        route
        for route, pattern in _walk(get_resolver().url_patterns)
        if not _is_ninja_operation(pattern) and not route.startswith(tuple(SKIPPED_PREFIXES))
    }


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_endpoint_has_a_row():
    html_rows = {r.endpoint for r in ROWS if not r.is_api}
    api_rows = {r.endpoint for r in ROWS if r.is_api}
    routes, operations = django_routes(), api_operations()
    assert not routes - html_rows, f"URL patterns without a row: {sorted(routes - html_rows)}"
    assert not html_rows - routes, f"rows for URL patterns that are gone: {html_rows - routes}"
    missing_ops = operations - api_rows
    assert not missing_ops, f"API operations without a row: {sorted(missing_ops)}"
    assert not api_rows - operations, (
        f"rows for API operations that are gone: {api_rows - operations}"
    )


def test_api_rows_use_their_operation_method():
    for row in ROWS:
        if row.is_api:
            assert row.endpoint.startswith(row.method + " "), row.id


def test_skipped_endpoints_exist():
    """The skip list names real URL sets (static and media appear only with DEBUG)."""
    routes = [route for route, _p in _walk(get_resolver().url_patterns)]
    for prefix in ("accounts/", "i18n/"):
        assert any(r.startswith(prefix) for r in routes), prefix


# --- the matrix --------------------------------------------------------------------------------


def enrol_totp(user: Any) -> None:
    """Staff roles must enrol TOTP before they use the app (StaffMfaMiddleware)."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


def _cases() -> Iterator[Any]:
    for row in ROWS:
        for index, persona in enumerate(PERSONAS):
            auths = ("token", "session") if row.is_api and persona != "anonymous" else ("session",)
            for auth in auths:
                case_id = f"{row.id} | {persona}" + (f" | {auth}" if row.is_api else "")
                yield pytest.param(row, persona, auth, row.expect[index], id=case_id)


@pytest.mark.parametrize(("row", "persona", "auth", "expected"), list(_cases()))
def test_access_matrix(personas, settings, row, persona, auth, expected):
    settings.CHIBO_REQUIRE_STAFF_MFA = True  # as in production: staff have enrolled TOTP below
    ctx = Ctx(personas)
    if row.setup:
        row.setup(ctx)
    client = Client()
    headers: dict[str, str] = {}
    if persona != "anonymous":
        user = ctx.user(persona)
        enrol_totp(user)
        if auth == "token":
            _token, raw = access_actions.create_token(actor=user, owner=user, name="matrix-call")
            headers["Authorization"] = f"Bearer {raw}"
        else:
            client.force_login(user)
    url = row.url(ctx, persona)
    events_before = AuditEvent.objects.count()

    if row.method == "GET":
        response = client.get(url, headers=headers)
    elif row.is_api:
        response = client.post(
            url, row.data or {}, content_type="application/json", headers=headers
        )
    else:
        response = client.post(url, row.data or {}, headers=headers)

    assert response.status_code == expected, (
        f"{row.method} {url} as {persona}: {response.status_code}, expected {expected}\n"
        f"{response.content[:500]!r}"
    )
    if response.status_code == 302:
        login = reverse("account_login")
        location = response.headers["Location"]
        if persona == "anonymous":
            assert location.startswith(login), location
        else:
            assert not location.startswith(login), location
    if response.status_code >= 400:
        assert AuditEvent.objects.count() == events_before, "a refused request wrote something"
    if row.is_api and response.status_code in (401, 403, 404):
        body = response.json()
        assert body["detail"] and body["detail_en"], body


def test_staff_without_totp_are_sent_to_enrolment(personas, settings):
    settings.CHIBO_REQUIRE_STAFF_MFA = True
    client = Client()
    client.force_login(personas.hq_admin)
    response = client.get("/org/")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_activate_totp")
