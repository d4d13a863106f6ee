"""Roll-up of per-unit counts into the children of a unit (pure; the queries feed it).

Receipts and study participants are counted once per member's unit with one GROUP BY on the unit
id (a few thousand groups for a city); each group is then credited to the child of the viewed unit
whose path is a prefix of the group's unit path. Paths are treebeard materialised paths, so "unit
U is in the subtree of C" is `U.path.startswith(C.path)`, and C's path is U's path cut to C's
length.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass
class RateRow:
    unit_id: int
    code: str
    name: str
    total: int = 0
    done: int = 0  # read, or passed

    @property
    def pending(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> float:
        return round(self.done * 100 / self.total, 1) if self.total else 0.0


def rate_chart(rows: Iterable[RateRow], label: str) -> dict[str, Any]:
    """The data of a per-unit rate bar chart (read, or passed), as the chart script reads it."""
    rows = list(rows)
    return {
        "label": label,
        "labels": [r.name for r in rows],
        "data": [r.percent for r in rows],
        "totals": [r.total for r in rows],
        "done": [r.done for r in rows],
    }


def roll_up(
    counts: Iterable[tuple[str, int, int]],
    parent_path: str,
    children: Mapping[str, tuple[int, str, str]],
    steplen: int,
) -> tuple[list[RateRow], RateRow | None]:
    """Credit `(unit_path, total, done)` groups to the children of the unit at `parent_path`.

    `children` maps each child's path to `(id, code, name)`. Groups of the parent unit itself
    (members attached directly to it) come back as the second value. Groups outside the parent's
    subtree are ignored. Rows keep the order of `children`.
    """
    rows = {path: RateRow(uid, code, name) for path, (uid, code, name) in children.items()}
    own: RateRow | None = None
    cut = len(parent_path) + steplen
    for path, total, done in counts:
        if not path.startswith(parent_path):
            continue
        if len(path) == len(parent_path):
            own = own or RateRow(0, "", "")
            own.total += total
            own.done += done
            continue
        row = rows.get(path[:cut])
        if row is not None:
            row.total += total
            row.done += done
    return list(rows.values()), own
