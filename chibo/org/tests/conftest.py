"""Browser fixtures for the end-to-end tests: Playwright driving Debian's chromium."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (building personas) would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHIBO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[object]:
    # A missing browser is a broken test machine: fail loudly, never skip.
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(
            f"chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The append-only tables of chibo.audit and their no-TRUNCATE triggers (migrations 0002, 0003).
NO_TRUNCATE_TRIGGERS = (
    ("audit_auditevent", "audit_event_no_truncate"),
    ("audit_sensitiveread", "audit_sensitive_read_no_truncate"),
)


def _audit_truncate_trigger(enabled: bool) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    verb = "ENABLE" if enabled else "DISABLE"
    with connection.cursor() as cursor:
        for table, trigger in NO_TRUNCATE_TRIGGERS:
            cursor.execute(f"ALTER TABLE {table} {verb} TRIGGER {trigger}")
    # Not left idle: the test database is dropped at the end and must have no other session.
    connection.close()


@pytest.fixture(scope="module")
def audit_truncate_allowed(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Live-server tests are transactional: pytest-django empties every table with one TRUNCATE
    after each test, which the audit tables' append-only triggers refuse on PostgreSQL. Lift those
    triggers for the module (module scope: set up before, torn down after every per-test
    flush) and put it back afterwards."""
    with django_db_blocker.unblock():
        _audit_truncate_trigger(False)
    yield
    with django_db_blocker.unblock():
        _audit_truncate_trigger(True)
