import pytest

from chibo.testing.personas import Personas, build_personas


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()
