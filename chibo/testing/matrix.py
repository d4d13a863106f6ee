"""The access matrix's row type, shared by chibo/access/tests/test_matrix.py and the modules'
`tests/matrix_rows.py` files (each module lists the rows of its own endpoints there).

Every row states what each of the seven personas (chibo/testing/personas.py) gets, in an `Expect`:

    Expect(hq_admin=200, branch_officer=403, outsider=404, member=403, inspector=403, leader=403,
           anonymous=LOGIN)

- out of the persona's reach → 404 on every verb; in reach without the permission → 403;
- allowed → 200 / 201, or 302 for an HTML form that redirects after success;
- anonymous → 302 to the login page for HTML (`LOGIN`), 401 for the API (`A401`).

Where a persona gets 200, the body must not hold data of a unit outside that persona's reach: the
matrix plants a member with a distinctive name in B1, B2 and G2 (`MARKER_MEMBERS`) and knows the
names of the tree's units (`UNIT_MARKERS`; a unit's name may show to those below it); a row may add
markers of its own (`Row.markers`, each tied to the unit whose record it is: only personas whose
reach holds that unit may see it) or, where a persona legitimately sees a unit outside its grants
(its own member record, say), name the texts it may see (`Row.allow`). The marker members' citizen
IDs must not appear either, to a persona without members.view_sensitive over their unit.

Optional congress personas (issue 12): `Expect` also has `organizer`, `delegate` and
`counting_officer` (the congress_organizer, delegate and counting_officer roles on G1, made by
`personas.add_congress_personas`). They default to `None`, "not checked", so every existing row
means what it meant; `chibo/access/tests/test_matrix.py` runs the seven `PERSONAS` as before, and
a module whose rows fill the extra fields runs them for `EXTRA_PERSONAS` itself (see
`chibo/congresses/tests/test_matrix_congress_roles.py`: `rows_with_extra_personas`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chibo.testing.personas import Personas

PERSONAS = (
    "hq_admin",
    "branch_officer",
    "outsider",
    "member",
    "inspector",
    "leader",
    "anonymous",
)
DAY = "15/01/2026"
ISO_DAY = "2026-01-15"
LOGIN = 302  # anonymous on an HTML page: redirected to the login page
A401 = 401  # anonymous on the API


@dataclass(frozen=True, kw_only=True)
class Expect:
    """The status each persona gets from a row's request."""

    hq_admin: int
    branch_officer: int
    outsider: int
    member: int
    inspector: int
    leader: int
    anonymous: int
    # Optional congress personas: None = not checked (the default of every existing row).
    organizer: int | None = None
    delegate: int | None = None
    counting_officer: int | None = None

    def of(self, persona: str) -> int:
        return int(getattr(self, persona))

    def checks(self, persona: str) -> bool:
        return getattr(self, persona, None) is not None


# The optional personas of congress work (personas.add_congress_personas), all with grants on G1.
EXTRA_PERSONAS = ("organizer", "delegate", "counting_officer")


def rows_with_extra_personas(rows: list["Row"]) -> list[tuple["Row", str]]:
    """(row, persona) for every extra persona a row checks."""
    return [(row, p) for row in rows for p in EXTRA_PERSONAS if row.expect.checks(p)]


# --- reach and the markers of out-of-reach data ------------------------------------------------

# The unit each persona's grant is on; it reaches that unit's subtree (and sees its ancestors).
GRANT_UNIT = {
    "hq_admin": "HCM",
    "branch_officer": "B1",
    "outsider": "P2",
    "member": "B1",
    "inspector": "P1",
    "leader": "P1",
    "organizer": "G1",
    "delegate": "G1",
    "counting_officer": "G1",
}
# Each unit's parent in the personas tree.
PARENT = {"HCM": None, "P1": "HCM", "G1": "P1", "B1": "G1", "B2": "G1", "P2": "HCM", "G2": "P2"}

# Members planted by the matrix in every case: unit code → distinctive full name.
MARKER_MEMBERS = {
    "B1": "Tôn Nữ Bích Một",
    "B2": "Tôn Nữ Bích Hai",
    "G2": "Tôn Nữ Bích Ba",
}
# Their citizen IDs (women born on MARKER_BIRTH_DATE): shown only to who holds
# members.view_sensitive over the member's unit (SENSITIVE_GRANT_UNIT), masked for the others.
MARKER_CITIZEN_IDS = {
    "B1": "079185000101",
    "B2": "079185000102",
    "G2": "079185000103",
}
MARKER_BIRTH_DATE = date(1985, 1, 1)
# The personas whose role reads citizen IDs (members.view_sensitive), by the unit of their grant.
SENSITIVE_GRANT_UNIT = {"hq_admin": "HCM", "outsider": "P2", "inspector": "P1"}
# The names of the units (chibo/testing/personas.build_tree), except HCM which everyone sees.
UNIT_MARKERS = {
    "P1": "Phường Sài Gòn",
    "G1": "Đảng bộ Công ty A",
    "B1": "Chi bộ 1",
    "B2": "Chi bộ 2",
    "P2": "Phường Bến Thành",
    "G2": "Chi bộ Trường B",
}


def _line(code: str) -> list[str]:
    """The unit and its ancestors."""
    line: list[str] = []
    current: str | None = code
    while current:
        line.append(current)
        current = PARENT[current]
    return line


def out_of_reach(persona: str) -> set[str]:
    """The units whose names `persona` must never see: neither in its subtree nor above it."""
    if persona not in GRANT_UNIT:
        return set(PARENT)
    top = GRANT_UNIT[persona]
    return {code for code in PARENT if top not in _line(code) and code not in _line(top)}


def outside_subtree(persona: str) -> set[str]:
    """The units whose records `persona` must never see: all but its grant's subtree (a branch
    secretary sees the name of the committee above, not the committee's own records)."""
    if persona not in GRANT_UNIT:
        return set(PARENT)
    return {code for code in PARENT if GRANT_UNIT[persona] not in _line(code)}


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
    expect: Expect
    data: dict[str, Any] | None = None
    setup: Callable[[Ctx], None] | None = None
    note: str = ""
    # Extra markers: (unit code, text), a record of that unit (a member, a question, an import
    # row) that no persona outside the unit's subtree may see, not even from below.
    markers: tuple[tuple[str, str], ...] = ()
    # Marker texts this row's 200 answers may hold for everyone (e.g. the persona's own record).
    allow: tuple[str, ...] = ()

    @property
    def is_api(self) -> bool:
        return self.endpoint.split(" ")[-1].startswith("/api/")

    @property
    def id(self) -> str:
        return f"{self.method} {self.endpoint.split(' ')[-1]}{' ' + self.note if self.note else ''}"

    def forbidden_texts(self, persona: str) -> dict[str, str]:
        """Text → unit code, for every marker of a unit outside `persona`'s reach."""
        hidden = out_of_reach(persona)
        texts = {name: code for code, name in UNIT_MARKERS.items() if code in hidden}
        texts |= {name: code for code, name in MARKER_MEMBERS.items() if code in hidden}
        readable = SENSITIVE_GRANT_UNIT.get(persona)
        texts |= {
            citizen_id: code
            for code, citizen_id in MARKER_CITIZEN_IDS.items()
            if readable is None or readable not in _line(code)
        }
        below = outside_subtree(persona)
        texts |= {text: code for code, text in self.markers if code in below}
        return {text: code for text, code in texts.items() if text not in self.allow}


def fixed(url: str) -> UrlFn:
    return lambda ctx, persona: url
