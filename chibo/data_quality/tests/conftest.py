"""Browser fixtures of the data-quality end-to-end tests: the org module's (Playwright driving
Debian's chromium; audit triggers lifted for live-server flushes on PostgreSQL)."""

from chibo.org.tests.conftest import audit_truncate_allowed, browser

__all__ = ["audit_truncate_allowed", "browser"]
