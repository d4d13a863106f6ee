"""The access matrix's row type, shared by chibo/access/tests/test_matrix.py and the modules'
`tests/matrix_rows.py` files (each module lists the rows of its own endpoints there)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chibo.testing.personas import Personas

PERSONAS = ("hq_admin", "branch_officer", "outsider", "anonymous")
DAY = "15/01/2026"
ISO_DAY = "2026-01-15"
LOGIN = 302  # anonymous on an HTML page: redirected to the login page
A401 = 401  # anonymous on the API


@dataclass
class Ctx:
    """The personas tree plus what a row's setup made (token ids by owner)."""

    p: Personas
    tokens: dict[str, int] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return getattr(self.p, name)


UrlFn = Callable[[Ctx, str], str]


@dataclass(frozen=True)
class Row:
    endpoint: str  # Django route ("org/<str:code>/") or "METHOD /api/v1/openapi/path"
    method: str
    url: UrlFn
    expect: tuple[int, int, int, int]  # hq_admin, branch_officer, outsider, anonymous
    data: dict[str, Any] | None = None
    setup: Callable[[Ctx], None] | None = None
    note: str = ""

    @property
    def is_api(self) -> bool:
        return self.endpoint.split(" ")[-1].startswith("/api/")

    @property
    def id(self) -> str:
        return f"{self.method} {self.endpoint.split(' ')[-1]}{' ' + self.note if self.note else ''}"


def fixed(url: str) -> UrlFn:
    return lambda ctx, persona: url
