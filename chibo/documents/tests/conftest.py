"""Browser fixtures of the documents module's end-to-end tests: the org module's (chromium via
Playwright, audit tables' TRUNCATE triggers lifted for live-server flushes)."""

from chibo.org.tests.conftest import audit_truncate_allowed, browser  # noqa: F401
