"""The bell of the base layout: the number of the user's unread notices (one indexed count)."""

from typing import Any

from django import template

from .. import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: Any) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    return queries.unread_count(user) if user is not None else 0
