from typing import Any

from django.http import HttpRequest

from .navigation import current_place, grouped_menu, has_member_record


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"nav_groups": [], "nav_place": None, "nav_handbook": False}
    groups = grouped_menu(user)
    return {
        "nav_groups": groups,
        "nav_place": current_place(groups, request.path),
        "nav_handbook": has_member_record(user),
    }
