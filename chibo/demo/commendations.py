"""Demo data of the commendations module (called by chibo/demo/seed.py)."""

from collections.abc import Callable
from datetime import date

from chibo.org.models import OrgUnit


def seed_commendations(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    """Nothing yet: the module's demo data comes with the module."""
