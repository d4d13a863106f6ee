"""What the logs say about the person behind a request: the code of their top grant unit.

Named by `settings.CHIBO_LOG_UNIT_OF`: `chibo.core.request_log` may not import `access` (core is
the ground floor), so the wiring lives here, above every module.
"""

from typing import Any

from chibo.access import policy


def top_unit_code(user: Any) -> str:
    """The code of the highest unit the user holds a grant on ("" for a plain login)."""
    units = sorted(policy.units_for(user).values_list("depth", "code"))
    return units[0][1] if units else ""
