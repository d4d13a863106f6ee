"""What every end-to-end browser test shares: Playwright driving Debian's chromium, the audit
tables' TRUNCATE triggers lifted for live-server flushes, a page watched for requests to other
hosts and console errors, and the log-in form.

A module's tests/conftest.py brings the fixtures in with
`from chibo.testing.e2e import audit_truncate_allowed, browser`.
"""

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from chibo.testing.personas import PASSWORD, Personas, build_personas

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

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}


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


def e2e_personas(settings: Any) -> Personas:
    """The personas, for a live server: their staff roles would otherwise have to enrol TOTP
    first, which is not what these tests are about."""
    settings.CHIBO_REQUIRE_STAFF_MFA = False
    return build_personas()


@dataclass
class Watch:
    """What a page did that it should not: requests to other hosts, console errors."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(url)

    def assert_clean(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"


def open_page(
    browser: Browser,
    base_url: str,
    viewport: ViewportSize | None = None,
    *,
    timeout: float = 10_000,
    touch: bool = True,
    console: bool = True,
    check: bool = False,
    watch: Watch | None = None,
    **options: Any,
) -> Iterator[tuple[Page, Watch]]:
    """A page in a fresh Vietnamese browser context (a phone below 500 px wide, with a touch
    screen unless `touch` is false), watched; the context is closed when the generator is resumed
    or closed, then the watch asserted clean if `check`.

    `console=False` does not listen to console errors; page errors always count. Other
    `options` go to `browser.new_context`."""
    if viewport is not None:
        phone = viewport["width"] < 500
        options = {"viewport": viewport, "is_mobile": phone, **options}
        if touch:
            options["has_touch"] = phone
    context = browser.new_context(base_url=base_url, locale="vi-VN", **options)
    context.set_default_timeout(timeout)
    page = context.new_page()
    seen = watch or Watch(origin=base_url.rstrip("/"))
    page.on("request", seen.on_request)
    if console:
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
    try:
        yield page, seen
    finally:
        context.close()
    if check:
        seen.assert_clean()


def watched_page(browser: Browser, base_url: str, *args: Any, **kwargs: Any) -> Iterator[Page]:
    """`open_page`'s page alone, its watch asserted clean once the context is closed."""
    for page, _watch in open_page(browser, base_url, *args, check=True, **kwargs):
        yield page


def log_in(page: Page, username: str) -> None:
    """Through the log-in form, landing on the home page."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=login]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/$"))
