"""The menu a user sees: what the modules registered (`chibo/core/shell.py`), grouped by
`shell.Group`, filtered by the user's permissions (decided in `policy`). The shell holds no list of
its own beyond the home page and the handbook link."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chibo.access import policy
from chibo.access.roles import Perm, Role
from chibo.core import shell

# Roles that read only their own record and their branch's schedule: their place is the handbook.
HANDBOOK_ROLES = frozenset({Role.MEMBER})


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    icon: str


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    items: tuple[NavItem, ...]

    @property
    def short(self) -> str:
        """The label's first part ("Tổ chức" of "Tổ chức & đảng viên"): the menu bar shows it so
        that every group fits on one line at 1366 px; the dropdown and screen readers get the
        whole label."""
        return str(self.label).split(" & ")[0]


@dataclass(frozen=True)
class Place:
    """Where a request is in the menu: its group and entry (either may be None)."""

    group: NavGroup | None
    item: NavItem | None


def has_member_record(user: Any) -> bool:
    return policy.member_of(user) is not None


def is_plain_member(user: Any) -> bool:
    """A login whose only grants are the member's own (or that has none but a member record):
    it lands on the handbook and is shown no staff menu."""
    roles = policy.roles_of(user)
    if roles:
        return roles <= HANDBOOK_ROLES
    return has_member_record(user)


def _allowed(user: Any, perm: str | None) -> bool:
    return perm is None or policy.has_perm_anywhere(user, Perm(perm))


def grouped_menu(user: Any) -> list[NavGroup]:
    """The staff menu: one group per `shell.Group` that has an entry the user may open."""
    if not getattr(user, "is_authenticated", False) or is_plain_member(user):
        return []
    groups: dict[shell.Group, list[NavItem]] = {}
    for entry in shell.menu_entries():
        if _allowed(user, entry.perm):
            item = NavItem(entry.label, reverse(entry.url_name), entry.icon)
            groups.setdefault(entry.group, []).append(item)
    return [
        NavGroup(str(group), shell.GROUP_LABELS[group], tuple(groups[group]))
        for group in shell.Group
        if group in groups
    ]


def menu_for(user: Any) -> list[NavItem]:
    """Every place the user may go from the menu, flat, the home page first."""
    items = [NavItem(_("Trang chủ"), reverse("home"), "house")]
    if has_member_record(user):
        items.append(NavItem(_("Sổ tay đảng viên"), reverse("handbook:home"), "phone"))
    for group in grouped_menu(user):
        items.extend(group.items)
    return items


def current_place(groups: list[NavGroup], path: str) -> Place:
    """The entry whose URL is the longest prefix of `path` (a meeting's page is under
    "Sinh hoạt chi bộ")."""
    best: tuple[int, NavGroup | None, NavItem | None] = (0, None, None)
    for group in groups:
        for item in group.items:
            if path.startswith(item.url) and len(item.url) > best[0]:
                best = (len(item.url), group, item)
    return Place(best[1], best[2])
