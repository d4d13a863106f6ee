"""The browser fixtures of the org module's end-to-end tests, reused here."""

from chibo.org.tests.conftest import audit_truncate_allowed, browser  # noqa: F401
