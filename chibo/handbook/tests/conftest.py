"""Browser fixtures for the handbook's end-to-end tests (shared with chibo/org's)."""

from chibo.org.tests.conftest import audit_truncate_allowed, browser  # noqa: F401
