"""Access-matrix rows of org: the organisation tree, pages and API.

Collected by chibo/access/tests/test_matrix.py with every module's rows."""

from datetime import date
from typing import Any

from chibo.org import actions as org_actions
from chibo.org.models import UnitKind
from chibo.testing.matrix import A401, DAY, ISO_DAY, LOGIN, Ctx, Expect, Row, fixed


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


CREATE_CELL = {"code": "T1", "name": "Tổ đảng 1", "kind": UnitKind.PARTY_CELL, "founded_on": DAY}


RENAME = {"name": "Chi bộ Một", "effective_on": DAY}


MOVE = {"new_parent": "G3", "effective_on": DAY}


MERGE = {"survivor": "B2", "effective_on": DAY}


DISSOLVE = {"effective_on": DAY, "reason": "Hết nhiệm vụ"}


def iso(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ISO_DAY if v == DAY else v for k, v in data.items()}


ROWS: list[Row] = [
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
]
