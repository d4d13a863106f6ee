from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import NotFound

from .models import Grant, PersonalAccessToken, User
from .policy import require, scope
from .roles import Perm


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


def users_for(actor: Any, q: str = "") -> QuerySet[User]:
    """Users holding a grant inside the actor's reach as an access manager."""
    managed = scope(actor, Grant.objects.all(), perm=Perm.ACCESS_MANAGE)
    users = User.objects.filter(grants__in=managed).distinct()
    if q:
        users = users.filter(
            Q(username__icontains=q)
            | Q(email__icontains=q)
            | Q(last_name__icontains=q)
            | Q(first_name__icontains=q)
        )
    return users.order_by("username")


def get_user_for_user(actor: Any, pk: int) -> User:
    user = users_for(actor).filter(pk=pk).first()
    if user is None:
        raise NotFound(_("Không tìm thấy người dùng."))
    return user


def get_grant_for_user(actor: Any, pk: int) -> Grant:
    grant = (
        scope(actor, Grant.objects.all(), perm=Perm.ACCESS_MANAGE)
        .select_related("user", "unit")
        .filter(pk=pk)
        .first()
    )
    if grant is None:
        raise NotFound(_("Không tìm thấy quyền."))
    return grant


def managed_unit(actor: Any, code: str) -> Any:
    """A unit where the actor may manage access, by code (404 outside reach, 403 without right)."""
    unit = apps.get_model("org", "OrgUnit").objects.filter(code=code.strip().upper()).first()
    if unit is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    require(actor, Perm.ACCESS_MANAGE, unit)
    return unit
