from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import NotFound

from .models import Grant, PersonalAccessToken


def tokens_of(user: Any) -> QuerySet[PersonalAccessToken]:
    """A user's own tokens (token management for others goes through grants later)."""
    return PersonalAccessToken.objects.filter(user_id=user.pk).order_by("-created_at")


def get_token_for_user(user: Any, pk: int) -> PersonalAccessToken:
    token = tokens_of(user).filter(pk=pk).select_related("user").first()
    if token is None:
        raise NotFound(_("Không tìm thấy khóa truy cập."))
    return token


def grants_of(user: Any) -> QuerySet[Grant]:
    """The user's own grants, for their home page."""
    return Grant.objects.filter(user_id=user.pk).select_related("unit").order_by("unit__path")
