import pytest
from django.core.cache import cache

from chibo.core import workdays
from chibo.testing.personas import Personas, build_personas

# The browser and live-server fixtures of the end-to-end tests (`browser`,
# `audit_truncate_allowed`), registered once for every module.
pytest_plugins = ["chibo.testing.e2e"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps login rate limits and used TOTP codes in the cache; tests must not share them.
    cache.clear()
    workdays.invalidate_calendar()
    yield
    cache.clear()
    workdays.invalidate_calendar()


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()
