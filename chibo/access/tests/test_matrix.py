"""The access matrix: every URL pattern and every API operation, for each of the seven personas.

One row per endpoint (some endpoints have two rows: one's own object and someone else's), with a
concrete request against the personas tree (chibo/testing/personas.py) and, in an `Expect`, the
status each persona must get (hq_admin, branch_officer, outsider, member, inspector, leader,
anonymous):

- out of the persona's reach → 404 on every verb; in reach without the permission → 403;
- allowed → 200 / 201, or 302 for an HTML form that redirects after success;
- anonymous → 302 to the login page for HTML, 401 for the API.

`test_every_endpoint_has_a_row` fails when an endpoint is added without a row, or when a row names
an endpoint that no longer exists. Each row builds the tree, the personas (the member persona
admitted into B1), the marker members and the row's setup once; each persona's request then runs
in a savepoint that is rolled back, so one persona's successful write never changes what the next
one sees. A refused request must write nothing: the audit log is compared before and after. Every
200 answer (HTML, JSON, CSV, XLSX, DOCX) is searched for the markers of units outside the persona's
reach (chibo/testing/matrix.py).

`KNOWN_WRONG` lists the (row, persona) cases where the app answers wrongly today: they must keep
failing until the owner fixes the app; a case that passes fails the row, so the entry is removed.
Never "fix" a row by writing down what the app does when the app is wrong.
"""

import html
import importlib
import io
import json
import traceback
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chibo.access import actions as access_actions
from chibo.access import policy
from chibo.audit.models import AuditEvent
from chibo.core import workdays
from chibo.core.text import fold
from chibo.testing.matrix import (
    A401,
    LOGIN,
    MARKER_BIRTH_DATE,
    MARKER_CITIZEN_IDS,
    MARKER_MEMBERS,
    PERSONAS,
    Ctx,
    Expect,
    Row,
    fixed,
)
from chibo.testing.personas import admit_member_persona, make_member
from config.api import api

# Cases where the app answers wrongly today (row id, persona) → what it does and who fixes it.
# Each must keep failing: when the owner fixes the app the case passes, the row fails with "passes
# now; delete it from KNOWN_WRONG", and the entry is deleted here.
KNOWN_WRONG: dict[tuple[str, str], str] = {}


CORE_ROWS: list[Row] = [
    # --- HTML pages ---------------------------------------------------------------------------
    Row(
        "",
        "GET",
        fixed("/"),
        # A plain member lands on the handbook (issue 17).
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=302,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "audit/",
        "GET",
        fixed("/audit/"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    # The schema and its viewer describe the API, not its data; they are served to anyone who
    # reaches the (closed-network) server, and the viewer's assets are local (no CDN).
    Row(
        "api/v1/openapi.json",
        "GET",
        fixed("/api/v1/openapi.json"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=200,
        ),
    ),
    Row(
        "api/v1/docs",
        "GET",
        fixed("/api/v1/docs"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=200,
        ),
    ),
    # django-ninja's root only anchors the URL prefix; it always answers 404.
    Row(
        "api/v1/",
        "GET",
        fixed("/api/v1/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=404,
        ),
    ),
    Row(
        "GET /api/v1/audit/events",
        "GET",
        fixed("/api/v1/audit/events"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
]

# Each module lists its own endpoints' rows in chibo/<module>/tests/matrix_rows.py.
MODULES_WITH_ROWS = (
    "access",
    "org",
    "members",
    "data_quality",
    "documents",
    "meetings",
    "handbook",
    "home",
    "notifications",
    "audit",
    "assignments",
    "reports",
    "congresses",
    "elections",
    "recruitment",
    "training",
    "ratings",
    "commendations",
    "cadres",
)


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


def _auths(row: Row, persona: str) -> tuple[str, ...]:
    return ("token", "session") if row.is_api and persona != "anonymous" else ("session",)


def plant_markers(ctx: Ctx) -> None:
    """A member with a distinctive name and a citizen ID in B1, B2 and G2: what nobody outside may
    see (and the citizen ID, nobody without members.view_sensitive over the unit)."""
    tree = ctx.p.tree
    for code, name in MARKER_MEMBERS.items():
        make_member(
            getattr(tree, code.lower()),
            name,
            actor=ctx.p.hq_admin,
            birth_date=MARKER_BIRTH_DATE,
            citizen_id=MARKER_CITIZEN_IDS[code],
        )


def _zip_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(
            archive.read(info).decode("utf-8", "replace")
            for info in archive.infolist()
            if info.filename.endswith(".xml")
        )


def body_text(response: Any) -> str | None:
    """The response's text as a reader sees it (None: a format the check cannot read, e.g. PDF)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.headers.get("Content-Type", "")
    if "json" in content_type:
        return json.dumps(json.loads(content), ensure_ascii=False) if content else ""
    if content_type.startswith("text/"):
        return html.unescape(content.decode("utf-8", "replace"))
    if content.startswith(b"PK"):  # XLSX, DOCX
        return html.unescape(_zip_text(content))
    return None


def out_of_scope_shown(row: Row, persona: str, response: Any) -> list[str]:
    """The markers of out-of-reach units that a 200 answer shows."""
    text = body_text(response)
    if text is None:
        return []
    folded = fold(text)
    members = set(MARKER_MEMBERS.values())
    return [
        f"{marker!r} of {unit}"
        for marker, unit in row.forbidden_texts(persona).items()
        if marker in text or (marker in members and fold(marker) in folded)
    ]


def run_case(ctx: Ctx, row: Row, persona: str, auth: str, raw_tokens: dict[str, str]) -> str:
    """One persona's request; the problems found, or "" when it got what the row expects."""
    expected = row.expect.of(persona)
    client = Client()
    headers: dict[str, str] = {}
    if persona != "anonymous":
        if auth == "token":
            headers["Authorization"] = f"Bearer {raw_tokens[persona]}"
        else:
            client.force_login(ctx.user(persona))
    url = row.url(ctx, persona)
    events_before = AuditEvent.objects.count()
    try:
        if row.method == "GET":
            response = client.get(url, headers=headers)
        elif row.is_api:
            response = client.post(
                url, row.data or {}, content_type="application/json", headers=headers
            )
        else:
            response = client.post(url, row.data or {}, headers=headers)
    except Exception as error:
        where = "".join(traceback.format_exception(error, limit=-3))
        return f"{row.method} {url}: raised {error!r}, expected {expected}\n{where}"
    got = response.status_code
    where = f"{row.method} {url}"
    if got != expected:
        head = b"(a stream)" if response.streaming else response.content[:300]
        return f"{where}: {got}, expected {expected}\n      {head!r}"
    problems = []
    if got == 302:
        login = reverse("account_login")
        location = response.headers["Location"]
        if (persona == "anonymous") != location.startswith(login):
            problems.append(f"{where}: redirected to {location}")
    if got >= 400 and AuditEvent.objects.count() != events_before:
        problems.append(f"{where}: a refused request wrote something")
    if row.is_api and got in (401, 403, 404):
        body = response.json()
        if not (body.get("detail") and body.get("detail_en")):
            problems.append(f"{where}: no detail/detail_en in {body}")
    if got == 200:
        problems += [
            f"{where}: the body shows {shown}"
            for shown in out_of_scope_shown(row, persona, response)
        ]
    return "; ".join(problems)


def _reset_between_cases(ctx: Ctx) -> None:
    cache.clear()
    workdays.invalidate_calendar()
    for persona in PERSONAS:
        if persona != "anonymous":
            policy.forget(ctx.user(persona))


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_access_matrix(personas, settings, row):
    """The row's request as each persona (and for the API, by token and by session). The tree,
    the markers and the row's setup are built once; each persona's request runs in a savepoint
    that is rolled back, so one persona's successful write never changes what the next sees."""
    settings.CHIBO_REQUIRE_STAFF_MFA = True  # as in production: staff have enrolled TOTP below
    admit_member_persona(personas)
    ctx = Ctx(personas)
    plant_markers(ctx)
    if row.setup:
        row.setup(ctx)
    raw_tokens: dict[str, str] = {}
    for persona in PERSONAS:
        if persona != "anonymous":
            user = ctx.user(persona)
            enrol_totp(user)
            if row.is_api:
                _token, raw_tokens[persona] = access_actions.create_token(
                    actor=user, owner=user, name="matrix-call"
                )
    failures, fixed_cases = [], []
    for persona in PERSONAS:
        known = KNOWN_WRONG.get((row.id, persona))
        for auth in _auths(row, persona):
            label = f"{persona}" + (f" ({auth})" if row.is_api else "")
            savepoint = transaction.savepoint_create()
            try:
                problem = run_case(ctx, row, persona, auth, raw_tokens)
            finally:
                transaction.savepoint_rollback(savepoint)
                _reset_between_cases(ctx)
            if problem and not known:
                failures.append(f"  {label}: {problem}")
            elif known and not problem:
                fixed_cases.append(f"  {label}: passes now; delete it from KNOWN_WRONG ({known})")
    assert not failures + fixed_cases, f"{row.id}\n" + "\n".join(failures + fixed_cases)


def test_the_markers_are_there_to_be_found(personas):
    """The body check is not vacuous: whoever reaches everything sees every marker member, and
    their citizen IDs in the export."""
    admit_member_persona(personas)
    plant_markers(Ctx(personas))
    enrol_totp(personas.hq_admin)
    client = Client()
    client.force_login(personas.hq_admin)
    for url in ("/members/", "/api/v1/members"):
        text = body_text(client.get(url))
        assert text is not None
        for name in MARKER_MEMBERS.values():
            assert name in text, (url, name)
    export = body_text(client.get("/members/export.xlsx"))
    assert export is not None
    for citizen_id in MARKER_CITIZEN_IDS.values():
        assert citizen_id in export, citizen_id


def test_staff_without_totp_are_sent_to_enrolment(personas, settings):
    settings.CHIBO_REQUIRE_STAFF_MFA = True
    client = Client()
    client.force_login(personas.hq_admin)
    response = client.get("/org/")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_activate_totp")
