"""Issue 19 item 7 and foundations finding 11: logs carry who and which request, never whom.

A run of requests about a known member (name, citizen ID, phone) with every logger at DEBUG must
not write any of those values; runserver's request lines lose their query strings; every JSON
line carries the request id, the user id and the unit code.
"""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client

from chibo.access.actions import create_token
from chibo.core.request_log import (
    JsonLinesFormatter,
    RequestContextFilter,
    redact,
    strip_request_line,
)
from chibo.core.text import fold
from chibo.members.models import Member
from chibo.testing.personas import Personas, make_member

NAME = "Nguyễn Thị Thu"
CITIZEN_ID = "079185001234"
PHONE = "0912345678"
SEARCH_LINE = "GET /members/?q=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Thu HTTP/1.1"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything any logger writes, at DEBUG, through the production formatter and filter."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonLinesFormatter())
    handler.addFilter(RequestContextFilter())
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield out
    finally:
        for logger, level in levels.items():
            logger.setLevel(level)
            logger.removeHandler(handler)


@pytest.fixture
def known_member(personas: Personas) -> Member:
    member = make_member(personas.tree.b1, NAME)
    # The record's personal fields as an import would bring them (no action sets them alone).
    Member.objects.filter(pk=member.pk).update(citizen_id=CITIZEN_ID, phone=PHONE)
    return member


def _lines(out: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_no_personal_value_reaches_the_logs(
    personas: Personas, known_member: Member, captured: io.StringIO
) -> None:
    staff = Client()
    staff.force_login(personas.hq_admin)
    staff.get("/members/", {"q": NAME})
    staff.get("/members/", {"q": CITIZEN_ID}, headers={"HX-Request": "true"})
    staff.get(f"/members/{known_member.pk}/")
    staff.get("/members/export.xlsx", {"unit": "B1", "q": NAME})
    staff.get("/members/999999999/", {"q": NAME})  # 404: django.request logs a warning
    _token, raw = create_token(actor=personas.hq_admin, owner=personas.hq_admin, name="ops")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    api.get("/api/v1/members", {"q": NAME})
    api.get(f"/api/v1/members/{known_member.pk}")
    api.post("/api/v1/members/lookup", {"citizen_id": CITIZEN_ID}, content_type="application/json")
    api.get("/api/v1/members", {"q": PHONE, "offset": "-1"})  # 422
    # A failed login whose login field holds the citizen ID (django-axes logs failures).
    Client().post("/accounts/login/", {"login": CITIZEN_ID, "password": NAME})
    # And one that crashes with the values in the exception (a database error quotes values).
    try:
        raise ValueError(f"duplicate key citizen_id=({CITIZEN_ID}) phone {PHONE}")
    except ValueError:
        logging.getLogger("chibo.members").exception("import row failed")

    text = captured.getvalue()
    lines = _lines(captured)
    assert len(lines) >= 10, text  # the run was logged: the check below is not vacuous
    for value in (NAME, fold(NAME), CITIZEN_ID, PHONE, "Nguy%E1%BB%85n", "q="):
        leaks = [line for line in text.splitlines() if value.lower() in line.lower()]
        assert not leaks, f"{value!r} in the logs:\n" + "\n".join(leaks)
    requests = [line for line in lines if line["logger"] == "chibo.request"]
    assert {line["path"] for line in requests} >= {"/members/", "/api/v1/members"}
    staff_lines = [line for line in requests if line.get("user_id") == personas.hq_admin.pk]
    assert staff_lines
    assert all(line["unit"] == "HCM" and len(line["request_id"]) == 32 for line in staff_lines)


@pytest.mark.django_db
def test_the_response_carries_the_request_id_and_keeps_nginx_s(personas: Personas) -> None:
    client = Client()
    made = client.get("/accounts/login/")["X-Request-ID"]
    assert len(made) == 32
    kept = client.get("/accounts/login/", headers={"X-Request-ID": "a1b2c3d4e5f60718"})
    assert kept["X-Request-ID"] == "a1b2c3d4e5f60718"
    forged = client.get("/accounts/login/", headers={"X-Request-ID": "x\nFAKE LOG LINE"})
    assert forged["X-Request-ID"] != "x\nFAKE LOG LINE"
    assert len(forged["X-Request-ID"]) == 32


def test_runserver_request_lines_lose_the_query_string() -> None:
    """`make demo` serves with runserver, whose `django.server` logger writes request lines."""
    handler = logging.getLogger("django.server").handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    out = io.StringIO()
    previous = handler.setStream(out)
    try:
        server = WSGIRequestHandler.__new__(WSGIRequestHandler)
        server.requestline = SEARCH_LINE
        server.request = None  # type: ignore[assignment]  # no socket: only the log line is made
        server.log_request(200, 5120)
    finally:
        handler.setStream(previous)
    written = out.getvalue()
    assert '"GET /members/ HTTP/1.1" 200 5120' in written
    assert "Nguy" not in written and "?" not in written


def test_query_strings_and_id_digits_are_cut_from_text() -> None:
    assert strip_request_line(SEARCH_LINE) == "GET /members/ HTTP/1.1"
    assert strip_request_line("GET /members/?q=a") == "GET /members/"
    assert redact(f"Not Found: /members/?q={NAME} at https://chibo/?q=x") == (
        "Not Found: /members/ Thị Thu at https://chibo/"
    )
    assert redact(f"Key (citizen_id)=({CITIZEN_ID}) exists; call {PHONE}") == (
        "Key (citizen_id)=(***) exists; call ***"
    )
    assert redact("took 12345 ms for 200 rows") == "took 12345 ms for 200 rows"


def test_json_lines_hold_the_allowed_fields_only() -> None:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x/",), None
    )
    record.request = f"<WSGIRequest: GET '/members/?q={NAME}'>"
    record.status_code = 404
    line = json.loads(JsonLinesFormatter().format(record))
    assert set(line) == {"time", "level", "logger", "message", "status_code"}
    assert line["message"] == "Not Found: /x/"
    assert line["level"] == "WARNING"
