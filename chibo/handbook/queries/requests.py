"""Correction requests: the member's own, and those a secretary decides."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import has_perm_anywhere, scope
from chibo.access.policy import require as require_perm
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound

from ..models import CorrectionRequest, RequestStatus
from .member import require_member


def corrections_of(user: Any) -> QuerySet[CorrectionRequest]:
    member = require_member(user)
    return CorrectionRequest.objects.filter(member=member).select_related("decided_by")


def may_decide_corrections(user: Any) -> None:
    if not has_perm_anywhere(user, Perm.MEMBERS_MANAGE):
        raise Forbidden(_("Bạn không có quyền xử lý yêu cầu sửa hồ sơ."))


def corrections_to_decide(user: Any, *, status: str = "") -> QuerySet[CorrectionRequest]:
    """Requests of members in branches where the user manages member records."""
    may_decide_corrections(user)
    requests = scope(
        user,
        CorrectionRequest.objects.select_related("member", "member__unit", "decided_by"),
        via="member__unit",
        perm=Perm.MEMBERS_MANAGE,
    )
    if status in RequestStatus.values:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")


def get_correction_to_decide(user: Any, pk: int) -> CorrectionRequest:
    """404 out of reach (or absent), 403 in reach without members.manage."""
    request = (
        CorrectionRequest.objects.select_related("member", "member__unit").filter(pk=pk).first()
    )
    if request is None:
        raise NotFound(_("Không tìm thấy yêu cầu."))
    require_perm(user, Perm.MEMBERS_MANAGE, request.member.unit)
    return request


def shows_proposed_value(user: Any, request: CorrectionRequest) -> bool:
    """A proposed citizen ID is shown only to those who may read citizen IDs (and the member)."""
    from chibo.access.policy import can_read_sensitive

    from ..models import CorrectionField

    return request.field != CorrectionField.CITIZEN_ID or can_read_sensitive(user, request.member)
