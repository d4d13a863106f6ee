"""The menu a user sees, from their permissions (decided in `policy`)."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chibo.access import policy
from chibo.access.roles import Perm
from chibo.core import shell


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    icon: str


def menu_for(user: Any) -> list[NavItem]:
    items = [NavItem(_("Trang chủ"), reverse("home"), "house")]
    # The member handbook: every login (one without a member record is told so there).
    items.append(NavItem(_("Sổ tay đảng viên"), reverse("handbook:home"), "phone"))
    if policy.has_perm_anywhere(user, Perm.ORG_VIEW):
        items.append(NavItem(_("Tổ chức đảng"), reverse("org:tree"), "diagram-3"))
    if policy.has_perm_anywhere(user, Perm.MEMBERS_VIEW):
        items.append(NavItem(_("Đảng viên"), reverse("members:list"), "people-fill"))
    if policy.has_perm_anywhere(user, Perm.MEETINGS_VIEW):
        items.append(NavItem(_("Sinh hoạt chi bộ"), reverse("meetings:home"), "calendar-event"))
    if policy.has_perm_anywhere(user, Perm.DOCUMENTS_VIEW):
        items.append(NavItem(_("Văn bản"), reverse("documents:list"), "journal-richtext"))
        items.append(NavItem(_("Học tập"), reverse("documents:study_list"), "mortarboard"))
    if policy.has_perm_anywhere(user, Perm.DATA_QUALITY_VIEW):
        items.append(NavItem(_("Làm sạch dữ liệu"), reverse("data_quality:home"), "stars"))
    if policy.has_perm_anywhere(user, Perm.DATA_QUALITY_MANAGE):
        items.append(
            NavItem(
                _("Nhập danh sách"), reverse("data_quality:import_list"), "file-earmark-arrow-up"
            )
        )
        items.append(NavItem(_("Hồ sơ trùng"), reverse("data_quality:duplicate_queue"), "union"))
    # What the modules registered (chibo/core/shell.py); issue 17 groups the whole menu by it.
    for entry in shell.menu_entries():
        if entry.perm is None or policy.has_perm_anywhere(user, Perm(entry.perm)):
            items.append(NavItem(entry.label, reverse(entry.url_name), entry.icon))
    if policy.has_perm_anywhere(user, Perm.AUDIT_VIEW):
        items.append(NavItem(_("Nhật ký"), reverse("audit:events"), "journal-text"))
    if policy.has_perm_anywhere(user, Perm.ACCESS_MANAGE):
        items.append(NavItem(_("Người dùng"), reverse("access:users"), "people"))
    items.append(NavItem(_("Khóa truy cập API"), reverse("access:tokens"), "key"))
    return items
