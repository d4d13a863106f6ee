"""How restructuring reaches data owned by later modules without importing them.

`org` sits below `members` (DESIGN.md: dependencies point one way), yet a merge must move the
merged unit's members and a dissolution must refuse a unit that still has members. Modules that
own unit-attached records register a `UnitContents` here from their AppConfig.ready(); the org
actions call them inside their own transaction. This is an explicit call list, not a signal.
"""

from datetime import date
from typing import Any, Protocol

from .models import OrgUnit


class UnitContents(Protocol):
    label: str

    def count_active(self, unit: OrgUnit) -> int: ...

    def count_active_in_subtree(self, unit: OrgUnit) -> int: ...

    def move_all(
        self,
        *,
        actor: Any,
        source: OrgUnit,
        target: OrgUnit,
        effective_on: date,
        decision_number: str = "",
    ) -> int: ...


_registry: list[UnitContents] = []


def register(contents: UnitContents) -> None:
    if all(type(c) is not type(contents) for c in _registry):
        _registry.append(contents)


def registered() -> tuple[UnitContents, ...]:
    return tuple(_registry)
