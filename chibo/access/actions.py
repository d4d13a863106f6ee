"""Writes to users, grants and tokens."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed

from . import policy
from .hooks import record
from .models import (
    Grant,
    GrantRequest,
    GrantRequestStatus,
    PersonalAccessToken,
    User,
    hash_token,
    new_raw_token,
)
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


def _refuse_self_grant(actor: Any, user: Any) -> None:
    if not policy.may_grant_to(actor, user):
        raise Forbidden(
            _("Không ai tự cấp vai trò cho chính mình; hãy nhờ một người quản trị khác."),
            field="role",
        )


def _request_grant(*, actor: Any, user: User, unit: Any, role: Role) -> GrantRequest:
    if GrantRequest.objects.filter(
        user=user, unit=unit, role=role, status=GrantRequestStatus.PENDING
    ).exists():
        raise Conflict(_("Đã có đề nghị cấp vai trò này ở đơn vị này, đang chờ duyệt."))
    request = GrantRequest.objects.create(user=user, unit=unit, role=role, requested_by=actor)
    record(
        actor=actor,
        action="access.request_grant",
        target=request,
        unit=unit,
        changes={"user": [None, user.username], "role": [None, role]},
    )
    return request


def grant_role(*, actor: Any, user: User, unit: Any, role: Role) -> Grant | GrantRequest:
    """Give `user` the `role` on `unit`. A role that reads member data or manages access is not
    given yet: a `GrantRequest` waits for a second person (`approve_grant_request`)."""
    policy.require(actor, Perm.ACCESS_MANAGE, unit)
    _refuse_self_grant(actor, user)
    role = Role(role)
    with transaction.atomic():
        if Grant.objects.filter(user=user, unit=unit, role=role).exists():
            raise Conflict(_("Người dùng đã có vai trò này ở đơn vị này."), field="role")
        if policy.needs_second_person(role):
            return _request_grant(actor=actor, user=user, unit=unit, role=role)
        grant = Grant.objects.create(user=user, unit=unit, role=role, granted_by=actor)
        record(
            actor=actor,
            action="access.grant_role",
            target=grant,
            unit=unit,
            changes={"user": [None, user.username], "role": [None, role]},
        )
    policy.forget(user)
    return grant


def _pending(request_id: int) -> GrantRequest:
    """The request, locked for the decision; a decided one is refused."""
    request = (
        # Lock the request row only (requested_by is an outer join, which cannot be locked).
        GrantRequest.objects.select_for_update(of=("self",))
        .select_related("user", "unit", "requested_by")
        .get(pk=request_id)
    )
    if request.status != GrantRequestStatus.PENDING:
        raise Conflict(_("Đề nghị này đã được xử lý."))
    return request


def approve_grant_request(*, actor: Any, request: GrantRequest) -> Grant:
    """The second person approves a pending grant: the grant takes effect now."""
    policy.require(actor, Perm.ACCESS_MANAGE, request.unit)
    if not policy.may_approve_grant(actor, request):
        raise Forbidden(
            _(
                "Người đề nghị và người được cấp không tự duyệt được; "
                "cần một người quản trị khác của đơn vị."
            )
        )
    now = timezone.now()
    with transaction.atomic():
        request = _pending(request.pk)
        if Grant.objects.filter(user=request.user, unit=request.unit, role=request.role).exists():
            raise Conflict(_("Người dùng đã có vai trò này ở đơn vị này."))
        grant = Grant.objects.create(
            user=request.user,
            unit=request.unit,
            role=request.role,
            granted_by=request.requested_by,
            approved_by=actor,
            approved_at=now,
        )
        request.status = GrantRequestStatus.APPROVED
        request.decided_by, request.decided_at, request.grant = actor, now, grant
        request.save(update_fields=["status", "decided_by", "decided_at", "grant"])
        requester = request.requested_by.username if request.requested_by else None
        record(
            actor=actor,
            action="access.approve_grant",
            target=grant,
            unit=request.unit,
            changes={
                "user": [None, request.user.username],
                "role": [None, request.role],
                "requested_by": requester,
                "status": [GrantRequestStatus.PENDING, GrantRequestStatus.APPROVED],
            },
        )
    policy.forget(request.user)
    return grant


def refuse_grant_request(*, actor: Any, request: GrantRequest, reason: str = "") -> GrantRequest:
    """Refuse (or, by its requester, withdraw) a pending grant; the role never takes effect."""
    policy.require(actor, Perm.ACCESS_MANAGE, request.unit)
    if not policy.may_refuse_grant(actor, request):
        raise Forbidden(_("Người được cấp không tự xử lý đề nghị cấp vai trò cho mình."))
    reason = " ".join((reason or "").split())
    if len(reason) > 300:
        raise ValidationFailed(_("Lý do tối đa 300 ký tự."), field="reason")
    with transaction.atomic():
        request = _pending(request.pk)
        request.status = GrantRequestStatus.REFUSED
        request.decided_by, request.decided_at, request.reason = actor, timezone.now(), reason
        request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        record(
            actor=actor,
            action="access.refuse_grant",
            target=request,
            unit=request.unit,
            changes={
                "user": request.user.username,
                "role": request.role,
                "status": [GrantRequestStatus.PENDING, GrantRequestStatus.REFUSED],
                "reason": reason,
            },
        )
    return request


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
    units = [g.unit for g in user.grants.select_related("unit")] + [
        r.unit
        for r in user.grant_requests.filter(status=GrantRequestStatus.PENDING).select_related(
            "unit"
        )
    ]
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
    """Create a user together with their first grant: nobody exists without a reach (or a
    pending grant, for a role that needs a second person's approval)."""
    policy.require(actor, Perm.ACCESS_MANAGE, unit)
    role = Role(role)
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
        if policy.needs_second_person(role):
            _request_grant(actor=actor, user=user, unit=unit, role=role)
        else:
            grant = Grant.objects.create(user=user, unit=unit, role=role, granted_by=actor)
            record(
                actor=actor,
                action="access.grant_role",
                target=grant,
                unit=unit,
                changes={"user": [None, username], "role": [None, role]},
            )
    return user
