"""Materialised-path arithmetic shared by the org tree and the access policy.

A unit's path is its ancestors' paths followed by one step of `steplen` characters
(django-treebeard `MP_Node`), so every ancestor's path is a prefix of the unit's own.
"""

STEPLEN = 4  # OrgUnit.steplen; kept here so that `core` and `access` need not import `org`


def ancestor_paths(path: str, *, include_self: bool = False, steplen: int = STEPLEN) -> list[str]:
    """The paths of every ancestor of the unit at `path`, root first."""
    end = len(path) + (steplen if include_self else 0)
    return [path[:i] for i in range(steplen, end, steplen)]


def is_within(path: str, top: str) -> bool:
    """The unit at `path` is `top` or below it."""
    return path.startswith(top)


def related(path: str, other: str) -> bool:
    """One of the two units is inside the other's subtree (same line of the tree)."""
    return path.startswith(other) or other.startswith(path)
