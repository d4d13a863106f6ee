"""What a module contributes to the app shell (`chibo/home`): menu entries, home cards ("Việc cần
làm"), global-search providers, and sections of a member's record page.

Core holds only the shapes and the registry, so any module may register (every module may import
core) and the shell, which sits above every feature module, reads it. A module registers from its
`AppConfig.ready()`:

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "meetings",
            menu=[shell.MenuEntry(shell.Group.MEETINGS, _("Sinh hoạt chi bộ"), "meetings:home",
                                  icon="calendar-event", perm="meetings.view")],
            cards=[shell.HomeCard("meetings.next", _("Cuộc họp sắp tới"), "meetings:home_card",
                                  perm="meetings.manage")],
            search=[shell.SearchProvider("meeting", _("Cuộc họp"), search_meetings,
                                         perm="meetings.view")],
        )

Permissions are their string values (`Perm.MEETINGS_VIEW` is a `StrEnum`, so it may be passed as
is); the shell decides with `access.policy.has_perm_anywhere`, never core.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Group(StrEnum):
    """Menu groups, by the work people do (issue 17), in menu order."""

    ORG = "org"
    MEETINGS = "meetings"
    WORK = "work"
    RATINGS = "ratings"
    INSPECTION = "inspection"
    CONGRESS = "congress"
    ADMIN = "admin"


GROUP_LABELS: dict[Group, str | Promise] = {
    Group.ORG: _("Tổ chức & đảng viên"),
    Group.MEETINGS: _("Sinh hoạt & văn bản"),
    Group.WORK: _("Công việc & báo cáo"),
    Group.RATINGS: _("Đánh giá & khen thưởng"),
    Group.INSPECTION: _("Kiểm tra & kỷ luật"),
    Group.CONGRESS: _("Đại hội"),
    Group.ADMIN: _("Quản trị"),
}


@dataclass(frozen=True)
class MenuEntry:
    group: Group
    label: str | Promise
    url_name: str  # reversed without arguments
    icon: str = "circle"  # a Bootstrap Icons name
    perm: str | None = None  # shown when the user holds it anywhere; None: every login
    order: int = 100  # within the group, ascending


@dataclass(frozen=True)
class HomeCard:
    """A card of the home page. `url_name` answers an HTML fragment (loaded by HTMX on its own,
    so a slow card never delays the page): a count, the most urgent few items with deadlines and a
    link to the full list, or one line saying there is nothing to do."""

    key: str
    title: str | Promise
    url_name: str
    perm: str | None = None
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    detail: str = ""  # e.g. the unit's path or a date, to tell same-named results apart


@dataclass(frozen=True)
class SearchProvider:
    """`search(user, query, limit)` returns at most `limit` hits the user may see (the provider
    reads through its module's queries, so `access.policy` and the field rules apply)."""

    kind: str
    label: str | Promise
    search: Callable[[Any, str, int], Sequence[SearchHit]]
    perm: str | None = None
    order: int = 100


@dataclass(frozen=True)
class ProfileSection:
    """A section of a member's record page contributed by another module (party posts, ratings,
    awards, certificates). `url_name` takes the member's pk (`reverse(url_name, args=[pk])`) and
    answers an HTML fragment, loaded by HTMX; the module's view decides access itself (the record
    page's reader may not see every section) and logs sensitive reads (`policy.reveal`)."""

    key: str
    title: str | Promise
    url_name: str
    order: int = 100


@dataclass
class Contribution:
    module: str
    menu: list[MenuEntry] = field(default_factory=list)
    cards: list[HomeCard] = field(default_factory=list)
    search: list[SearchProvider] = field(default_factory=list)
    profile: list[ProfileSection] = field(default_factory=list)


_REGISTRY: dict[str, Contribution] = {}


def register(
    module: str,
    *,
    menu: Sequence[MenuEntry] = (),
    cards: Sequence[HomeCard] = (),
    search: Sequence[SearchProvider] = (),
    profile: Sequence[ProfileSection] = (),
) -> None:
    """Record what `module` contributes. Registering a module again replaces its contribution
    (`ready()` may run more than once in tests)."""
    _REGISTRY[module] = Contribution(module, list(menu), list(cards), list(search), list(profile))


def contributions() -> list[Contribution]:
    return list(_REGISTRY.values())


def menu_entries() -> list[MenuEntry]:
    entries = [e for c in _REGISTRY.values() for e in c.menu]
    order = list(Group)
    return sorted(entries, key=lambda e: (order.index(e.group), e.order))


def home_cards() -> list[HomeCard]:
    return sorted((c for m in _REGISTRY.values() for c in m.cards), key=lambda c: c.order)


def search_providers() -> list[SearchProvider]:
    return sorted((p for m in _REGISTRY.values() for p in m.search), key=lambda p: p.order)


def profile_sections() -> list[ProfileSection]:
    return sorted((p for m in _REGISTRY.values() for p in m.profile), key=lambda p: p.order)
