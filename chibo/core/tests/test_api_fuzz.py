"""Schemathesis over every operation of the one NinjaAPI (/api/v1/), issue 19 item 1.

Each operation is fuzzed in-process through the WSGI application, as the city committee's staff
(hq_admin: committee staff on the root) with a bearer token, on pytest's test database seeded
through the actions with a member, a meeting and a document, so list and detail operations reach
rows. Checks: no 5xx, the response body conforms to the documented schema, and the status code is
one the operation documents (the shared 4xx answers are documented on every operation by
config/api.py). Bounded: 5 fuzzed examples per operation plus schemathesis's coverage cases
(boundaries, wrong types, missing fields), derandomized, no deadline: about two minutes here.

It runs on PostgreSQL only (`make test`'s PostgreSQL run): the SQLite run skips it, as what it
guards against most (bigint overflows, the NUL character, timestamp ranges) is PostgreSQL's, and
twice its two minutes is not cheap; test_api_bad_input.py keeps its findings on both databases.
No operation is excluded.
"""

import json
import os
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks
from schemathesis.schemas import BaseSchema

from chibo.access.actions import create_token
from chibo.documents.models import DocumentKind
from chibo.documents.tests.registry_support import pdf_bytes, register, upload
from chibo.meetings.tests.support import plan_meeting
from chibo.testing.personas import build_personas, make_member
from config.api import api
from config.wsgi import application

schemathesis_version = version("schemathesis")
whole_api = schemathesis.openapi.from_dict(api.get_openapi_schema())
whole_api.app = application
schema: BaseSchema = whole_api
if os.environ.get("API_FUZZ_PATH"):  # to rerun some operations: API_FUZZ_PATH=<regex>
    schema = whole_api.include(path_regex=os.environ["API_FUZZ_PATH"])

CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="API fuzzing runs in the PostgreSQL run of `make test` only (see the docstring)",
    ),
]

# The seeded records' ids and the branch's code, by path parameter name.
SEEDED: dict[str, Any] = {}
# Cases run per operation (API_FUZZ_REPORT writes them to a file).
CASES: dict[str, int] = {}


@pytest.fixture
def bearer() -> Iterator[dict[str, str]]:
    personas = build_personas(member_record=True)
    tree, admin = personas.tree, personas.hq_admin
    member = make_member(tree.b1, "Nguyễn Văn Thử", actor=admin)
    meeting = plan_meeting(admin, tree.b1)
    document = register(
        admin,
        tree.hcm,
        "12-KH/TU",
        kind=DocumentKind.PLAN,
        title="Kế hoạch học tập nghị quyết",
        issued_on=date(2025, 9, 1),
        uploads=[upload("ke-hoach.pdf", pdf_bytes("Ke hoach"))],
    )
    token, raw = create_token(actor=admin, owner=admin, name="fuzz")
    SEEDED.update(
        member_id=member.pk,
        meeting_id=meeting.pk,
        document_id=document.pk,
        token_id=token.pk,
        code=tree.b1.code,
    )
    # The requests run on the test's connection, inside its transaction (so they see the seed,
    # and it is rolled back after): the end of a request must not close it, as Django's own
    # test client arranges too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {raw}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        if os.environ.get("API_FUZZ_REPORT"):  # a file to write the cases run per operation to
            Path(os.environ["API_FUZZ_REPORT"]).write_text(
                json.dumps({"schemathesis": schemathesis_version, "cases": CASES}, indent=1)
            )


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_operation(case: Any, bearer: dict[str, str]) -> None:
    # Random ids and codes mostly answer 404: every other case asks for a seeded record instead,
    # so the operation's own validation and answer are fuzzed too.
    for name, value in (case.path_parameters or {}).items():
        if name in SEEDED and type(value) in (int, str) and len(str(value)) % 2 == 0:
            case.path_parameters[name] = SEEDED[name]
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    case.call_and_validate(headers=bearer, checks=CHECKS)
