"""Presentation helpers of the cadre pages."""

from typing import Any

from django import template

from ..models import PostKind

register = template.Library()


@register.filter
def post_label(kind: str) -> Any:
    """The Vietnamese name of a post kind ("secretary" → "Bí thư")."""
    return PostKind(kind).label if kind in PostKind.values else kind
