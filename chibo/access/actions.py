"""Writes to users, grants and tokens."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.audit.recorder import record
from chibo.core.errors import Conflict, NotFound, ValidationFailed

from . import policy
from .models import Grant, PersonalAccessToken, User, hash_token, new_raw_token
from .roles import Perm, Role


def create_token(*, actor: Any, owner: Any, name: str) -> tuple[PersonalAccessToken, str]:
    """Create a token and return it with the raw secret, which is shown once and never stored."""
    if not policy.may_manage_token(actor, owner):
        raise NotFound(_("Không tìm thấy người dùng."))
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise ValidationFailed(_("Tên khóa từ 1 đến 100 ký tự."), field="name")
    raw = new_raw_token()
    with transaction.atomic():
        token = PersonalAccessToken.objects.create(
            user=owner, name=name, token_hash=hash_token(raw), hint=raw[:10]
        )
        record(
            actor=actor,
            action="access.create_token",
            target=token,
            unit=None,
            changes={"name": [None, name], "user": [None, owner.username]},
        )
    return token, raw


def revoke_token(*, actor: Any, token: PersonalAccessToken) -> PersonalAccessToken:
    if not policy.may_manage_token(actor, token.user):
        raise NotFound(_("Không tìm thấy khóa truy cập."))
    if token.revoked_at is not None:
        raise Conflict(_("Khóa này đã bị thu hồi."))
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            actor=actor,
            action="access.revoke_token",
            target=token,
            unit=None,
            changes={"revoked_at": [None, token.revoked_at]},
        )
    return token


def grant_role(*, actor: Any, user: User, unit: Any, role: Role) -> Grant:
    policy.require(actor, Perm.ACCESS_MANAGE, unit)
    with transaction.atomic():
        grant, created = Grant.objects.get_or_create(user=user, unit=unit, role=role)
        if not created:
            raise Conflict(_("Người dùng đã có vai trò này ở đơn vị này."))
        record(
            actor=actor,
            action="access.grant_role",
            target=grant,
            unit=unit,
            changes={"user": [None, user.username], "role": [None, role]},
        )
    policy.forget(user)
    return grant


def revoke_grant(*, actor: Any, grant: Grant) -> None:
    policy.require(actor, Perm.ACCESS_MANAGE, grant.unit)
    with transaction.atomic():
        record(
            actor=actor,
            action="access.revoke_grant",
            target=grant,
            unit=grant.unit,
            changes={"user": [grant.user.username, None], "role": [grant.role, None]},
        )
        grant.delete()
    policy.forget(grant.user)


def deactivate_user(*, actor: Any, user: User) -> User:
    """Disable a user. Their tokens stop working and their sessions end on the next request:
    the authentication backend refuses inactive users when it loads the session's user."""
    units = [g.unit for g in user.grants.select_related("unit")]
    if not any(policy.can(actor, Perm.ACCESS_MANAGE, unit) for unit in units):
        raise NotFound(_("Không tìm thấy người dùng."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="access.deactivate_user",
            target=user,
            unit=None,
            changes={"is_active": [True, False]},
        )
    return user


def create_user(
    *,
    actor: Any,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    password: str,
    unit: Any,
    role: Role,
) -> User:
    """Create a user together with their first grant: nobody exists without a reach."""
    policy.require(actor, Perm.ACCESS_MANAGE, unit)
    username = username.strip()
    email = email.strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            _("Tên đăng nhập %(name)s đã có người dùng."), field="username", name=username
        )
    if email and User.objects.filter(email__iexact=email).exists():
        raise Conflict(_("Địa chỉ e-mail này đã có người dùng."), field="email")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
        grant = Grant.objects.create(user=user, unit=unit, role=role)
        record(
            actor=actor,
            action="access.create_user",
            target=user,
            unit=unit,
            changes={
                "username": [None, username],
                "email": [None, email],
                "first_name": [None, user.first_name],
                "last_name": [None, user.last_name],
            },
        )
        record(
            actor=actor,
            action="access.grant_role",
            target=grant,
            unit=unit,
            changes={"user": [None, username], "role": [None, role]},
        )
    return user
