"""What the import and export commands share: the command-line actor and the progress bar."""

import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.utils.translation import gettext_lazy as _

from chibo.access.policy import Reach, find_unit
from chibo.access.roles import Role
from chibo.core.errors import NotFound
from chibo.org.models import OrgUnit


@dataclass
class CommandLineActor:
    """The operator at the server's shell, who has the whole database anyway. Acts with the
    committee-staff role on the root units, so the actions' own checks (`policy.require`) run as
    for anyone; audit events name the command (`actor_label`), with no user."""

    username: str
    pk: None = None
    is_authenticated: bool = True
    is_active: bool = True
    _chibo_grants: tuple[Reach, ...] = field(default=())

    @classmethod
    def for_command(cls, name: str) -> "CommandLineActor":
        from .queries import root_units

        roots = root_units()
        grants = tuple(Reach(pk, path, Role.COMMITTEE_STAFF) for pk, path in roots)
        return cls(username=f"manage.py {name}", _chibo_grants=grants)


def unit_by_code(code: str) -> OrgUnit:
    """The unit a command works on; the command's own actions then check their permissions."""
    unit = find_unit(code)
    if unit is None:
        raise NotFound(_("Không có đơn vị mã “%(code)s”."), code=code)
    return unit


class ProgressBar:
    """A one-line progress bar on stderr: [#####.....] 45% 450.000/1.000.000 dòng 12 s."""

    def __init__(self, stream: TextIO | None = None, width: int = 30, unit: str = "dòng") -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.unit = unit
        self.started = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        share = done / total if total else 1.0
        filled = int(self.width * share)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r[{bar}] {share:4.0%} {_n(done)}/{_n(total)} {self.unit} {now - self.started:.0f} s"
        )
        self.stream.flush()

    def close(self, done: int, total: int) -> None:
        self(done, total, force=True)
        self.stream.write("\n")


def _n(value: Any) -> str:
    return f"{value:,}".replace(",", ".")
