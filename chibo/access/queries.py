from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.core.errors import NotFound

from . import policy
from .models import Grant, GrantRequest, GrantRequestStatus, PersonalAccessToken, User
from .policy import scope
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


def pending_requests() -> QuerySet[GrantRequest]:
    return GrantRequest.objects.filter(status=GrantRequestStatus.PENDING).select_related(
        "user", "unit", "requested_by"
    )


def users_for(actor: Any, q: str = "") -> QuerySet[User]:
    """Users holding a grant (or waiting for one) inside the actor's reach as access manager."""
    managed = scope(actor, Grant.objects.all(), perm=Perm.ACCESS_MANAGE)
    asked = scope(actor, pending_requests(), perm=Perm.ACCESS_MANAGE)
    users = User.objects.filter(
        Q(pk__in=managed.values("user_id")) | Q(pk__in=asked.values("user_id"))
    )
    if q:
        users = users.filter(
            Q(username__icontains=q)
            | Q(email__icontains=q)
            | Q(last_name__icontains=q)
            | Q(first_name__icontains=q)
        )
    # The list shows each user's roles and units (issue 17): one query for the page's grants.
    grants = Grant.objects.select_related("unit").order_by("unit__path", "role")
    return users.prefetch_related(Prefetch("grants", queryset=grants)).order_by("username")


def pending_requests_of(person: Any) -> QuerySet[GrantRequest]:
    """The grants waiting for approval for this person (shown on their user page)."""
    return pending_requests().filter(user_id=person.pk).order_by("requested_at", "pk")


def requests_to_decide(actor: Any) -> list[GrantRequest]:
    """Pending grants in the actor's reach that the actor may approve (not their own asks)."""
    asked = scope(actor, pending_requests(), perm=Perm.ACCESS_MANAGE).order_by("requested_at")
    return [r for r in asked[:200] if policy.may_approve_grant(actor, r)]


def get_grant_request_for_user(actor: Any, pk: Any) -> GrantRequest:
    """A pending grant: 404 outside the actor's reach, 403 in reach without access.manage."""
    return policy.get_for_user(
        actor, pending_requests(), pk, Perm.ACCESS_MANAGE, not_found=_("Không tìm thấy đề nghị.")
    )


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
    return policy.unit_for_user(actor, code, Perm.ACCESS_MANAGE)


def user_named(username: str) -> User | None:
    """The login with this user name (for the command line, where the operator names it)."""
    return User.objects.filter(username=username).first()


def has_totp(user: Any) -> bool:
    """The user enrolled a TOTP authenticator (staff roles must, before using the app)."""
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
