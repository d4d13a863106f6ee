"""Fixtures of the handbook's tests."""

from typing import Any

import pytest

from .support import member_with_login


@pytest.fixture
def member(personas: Any) -> tuple[Any, Any]:
    """A member of branch B1 with a login: `(user, member)`."""
    return member_with_login(personas.tree.b1)
