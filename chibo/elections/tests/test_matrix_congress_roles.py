"""The access matrix for the optional congress personas (organizer, delegate, counting_officer on
G1) over the elections rows: the same requests and checks as chibo/access/tests/test_matrix.py."""

import pytest
from django.db import transaction

from chibo.access import actions as access_actions
from chibo.access.tests.test_matrix import (
    _reset_between_cases,
    enrol_totp,
    plant_markers,
    run_case,
)
from chibo.testing.matrix import Ctx, rows_with_extra_personas
from chibo.testing.personas import add_congress_personas, admit_member_persona

from .matrix_rows import ROWS

CASES = rows_with_extra_personas(ROWS)


def test_every_row_names_the_congress_personas():
    assert len(CASES) == 3 * len(ROWS)


@pytest.mark.parametrize(("row", "persona"), CASES, ids=[f"{r.id} [{p}]" for r, p in CASES])
def test_congress_personas(personas, settings, row, persona):
    settings.CHIBO_REQUIRE_STAFF_MFA = True
    admit_member_persona(personas)
    add_congress_personas(personas)
    ctx = Ctx(personas)
    plant_markers(ctx)
    if row.setup:
        row.setup(ctx)
    user = ctx.user(persona)
    enrol_totp(user)
    raw_tokens = {}
    if row.is_api:
        _token, raw_tokens[persona] = access_actions.create_token(
            actor=user, owner=user, name="matrix-call"
        )
    problems = []
    for auth in ("token", "session") if row.is_api else ("session",):
        savepoint = transaction.savepoint_create()
        try:
            problem = run_case(ctx, row, persona, auth, raw_tokens)
        finally:
            transaction.savepoint_rollback(savepoint)
            _reset_between_cases(ctx)
        if problem:
            problems.append(f"{persona} ({auth}): {problem}")
    assert not problems, "\n".join(problems)
