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
from datetime import date
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chibo.access import actions as access_actions
from chibo.access import policy
from chibo.access.models import Grant
from chibo.audit.models import AuditEvent
from chibo.core import workdays
from chibo.core.text import fold
from chibo.org import actions as org_actions
from chibo.org.models import UnitKind
from chibo.testing.matrix import (
    A401,
    DAY,
    ISO_DAY,
    LOGIN,
    MARKER_BIRTH_DATE,
    MARKER_CITIZEN_IDS,
    MARKER_MEMBERS,
    PERSONAS,
    Ctx,
    Expect,
    Row,
    UrlFn,
    fixed,
)
from chibo.testing.personas import admit_member_persona, make_member
from config.api import api

# Cases where the app answers wrongly today (row id, persona) → what it does and who fixes it.
# Each must keep failing: when the owner fixes the app the case passes, the row fails with "passes
# now; delete it from KNOWN_WRONG", and the entry is deleted here.
KNOWN_WRONG: dict[tuple[str, str], str] = {}


def give_tokens(ctx: Ctx) -> None:
    for name in PERSONAS:
        if name == "anonymous":
            continue
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


def add_t1(ctx: Ctx) -> None:
    """An empty party cell under B1: a unit that may be dissolved (B1 itself holds members)."""
    org_actions.create_unit(
        actor=ctx.p.hq_admin,
        parent=ctx.p.tree.b1,
        code="T1",
        name="Tổ đảng 1",
        kind=UnitKind.PARTY_CELL,
        founded_on=date(2025, 8, 1),
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


CREATE_CELL = {"code": "T1", "name": "Tổ đảng 1", "kind": UnitKind.PARTY_CELL, "founded_on": DAY}
RENAME = {"name": "Chi bộ Một", "effective_on": DAY}
MOVE = {"new_parent": "G3", "effective_on": DAY}
MERGE = {"survivor": "B2", "effective_on": DAY}
DISSOLVE = {"effective_on": DAY, "reason": "Hết nhiệm vụ"}


def iso(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ISO_DAY if v == DAY else v for k, v in data.items()}


CORE_ROWS: list[Row] = [
    # --- HTML pages ---------------------------------------------------------------------------
    Row(
        "",
        "GET",
        fixed("/"),
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
        "org/",
        "GET",
        fixed("/org/"),
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
    Row(
        "org/search/",
        "GET",
        fixed("/org/search/?q=chi+bo"),
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
    Row(
        "org/<str:code>/",
        "GET",
        fixed("/org/B1/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "org/<str:code>/",
        "GET",
        fixed("/org/P2/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=200,
            member=404,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="P2",
    ),
    Row(
        "org/<str:code>/",
        "GET",
        fixed("/org/NOPE/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="absent",
    ),
    Row(
        "org/<str:code>/children/",
        "GET",
        fixed("/org/G1/children/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "org/<str:code>/create/",
        "POST",
        fixed("/org/B1/create/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=CREATE_CELL,
    ),
    Row(
        "org/<str:code>/rename/",
        "POST",
        fixed("/org/B1/rename/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        RENAME,
    ),
    Row(
        "org/<str:code>/move/",
        "POST",
        fixed("/org/B1/move/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=MOVE,
        setup=add_g3,
    ),
    Row(
        "org/<str:code>/merge/",
        "POST",
        fixed("/org/B1/merge/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        MERGE,
    ),
    Row(
        "org/<str:code>/dissolve/",
        "POST",
        fixed("/org/T1/dissolve/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=DISSOLVE,
        setup=add_t1,
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
    # --- API operations -----------------------------------------------------------------------
    Row(
        "GET /api/v1/units",
        "GET",
        fixed("/api/v1/units"),
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
        "GET /api/v1/units/search",
        "GET",
        fixed("/api/v1/units/search?q=chi%20bo"),
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
        "GET /api/v1/units/{code}",
        "GET",
        fixed("/api/v1/units/B1"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "GET /api/v1/units/{code}",
        "GET",
        fixed("/api/v1/units/P2"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=200,
            member=404,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        note="P2",
    ),
    Row(
        "GET /api/v1/units/{code}/children",
        "GET",
        fixed("/api/v1/units/B1/children"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "POST /api/v1/units/{code}/children",
        "POST",
        fixed("/api/v1/units/B1/children"),
        Expect(
            hq_admin=201,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data=iso(CREATE_CELL),
    ),
    Row(
        "POST /api/v1/units/{code}/rename",
        "POST",
        fixed("/api/v1/units/B1/rename"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data=iso(RENAME),
    ),
    Row(
        "POST /api/v1/units/{code}/move",
        "POST",
        fixed("/api/v1/units/B1/move"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data=iso(MOVE),
        setup=add_g3,
    ),
    Row(
        "POST /api/v1/units/{code}/merge",
        "POST",
        fixed("/api/v1/units/B1/merge"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data=iso(MERGE),
    ),
    Row(
        "POST /api/v1/units/{code}/dissolve",
        "POST",
        fixed("/api/v1/units/T1/dissolve"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data=iso(DISSOLVE),
        setup=add_t1,
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

# Each module lists its own endpoints' rows in chibo/<module>/tests/matrix_rows.py.
MODULES_WITH_ROWS = (
    "data_quality",
    "documents",
    "meetings",
    "handbook",
    "notifications",
    "audit",
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
