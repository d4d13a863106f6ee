"""Writes to member records (DESIGN.md rule 1), by subject: the registry (admission, life
events, profile edits), restructuring (members moved with their branch), merging of duplicate
records, and cache maintenance. Callers import from here."""

from .caches import (  # noqa: F401
    recompute_member_states,
    refresh_member_counts,
    refresh_unit_statistics,
)
from .merging import record_merge_of_records, undo_merge_of_records  # noqa: F401
from .registry import (  # noqa: F401
    EDITABLE_FIELDS,
    SENSITIVE_FIELDS,
    admit_member,
    holds_members,
    record_event,
    update_member,
)
from .restructuring import (  # noqa: F401
    ReassignmentCause,
    move_members_on_merge,
    reassign_members,
)
