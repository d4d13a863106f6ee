"""Reads of duplicate pairs, detection runs and merges, scoped to the user's reach.

A pair shows two member records side by side, so it is visible only when both members are in
the user's reach (`data_quality.view` on both units); deciding and merging need
`data_quality.manage` (checked again by the actions). Citizen IDs are shown only to roles with
`members.view_sensitive`.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    Sensitive,
    has_perm_anywhere,
    mask,
    require,
    reveal,
    scope,
    unit_for_user,
    units_for,
)
from chibo.access.roles import Perm
from chibo.audit.recorder import record_read
from chibo.core.errors import Forbidden, NotFound
from chibo.members.models import Member, MemberStatus
from chibo.org.models import OrgUnit

from ..models.duplicates import (
    OPEN_PAIR_STATUSES,
    DetectionRun,
    DuplicatePair,
    MemberMerge,
    PairStatus,
)
from .actions import MERGE_FIELDS, SENSITIVE_FIELDS


def require_viewer(user: Any) -> None:
    if not has_perm_anywhere(user, Perm.DATA_QUALITY_VIEW):
        raise Forbidden(_("Bạn không có quyền xem dữ liệu làm sạch."))


def _reaches_every_unit(user: Any) -> bool:
    """A grant on the only root unit reaches every member: the two path joins of the scope
    filter then cost seconds on a national queue and filter nothing (see the same shortcut in
    access.policy.scope, which does not apply to lookups through another model)."""
    tops = list(units_for(user, Perm.DATA_QUALITY_VIEW).values_list("depth", flat=True))
    if 1 not in tops:
        return False
    return OrgUnit.objects.filter(depth=1).count() == 1


def pairs_for(
    user: Any, *, unit: OrgUnit | None = None, status: str | None = None
) -> QuerySet[DuplicatePair]:
    """Pairs whose two members are both in the user's reach (and under `unit` if given).
    `status` is one status, or "open" (flagged, review, confirmed); pairs of a record merged
    since into a third are left out of the open queue."""
    pairs = DuplicatePair.objects.select_related("left__unit", "right__unit")
    if not _reaches_every_unit(user):
        pairs = scope(user, pairs, via="left__unit", perm=Perm.DATA_QUALITY_VIEW)
        pairs = scope(user, pairs, via="right__unit", perm=Perm.DATA_QUALITY_VIEW)
    if unit is not None:
        pairs = pairs.filter(left__unit__path__startswith=unit.path).filter(
            right__unit__path__startswith=unit.path
        )
    if status == "open":
        pairs = pairs.filter(status__in=OPEN_PAIR_STATUSES).exclude(
            left__status=MemberStatus.MERGED
        )
        pairs = pairs.exclude(right__status=MemberStatus.MERGED)
    elif status:
        pairs = pairs.filter(status=status)
    return pairs.order_by("-match_probability", "id")


def unit_for(user: Any, code: str) -> OrgUnit:
    return unit_for_user(user, code, Perm.DATA_QUALITY_VIEW)


def run_to_continue(run_id: int) -> DetectionRun:
    """The run a queued detection task carries on (its action checks the actor)."""
    return DetectionRun.objects.select_related("unit").get(pk=run_id)


def actor_by_id(user_id: int) -> Any:
    """The login a queued task acts for."""
    return get_user_model()._default_manager.get(pk=user_id)


def get_pair_for_user(user: Any, pk: int) -> DuplicatePair:
    pair = DuplicatePair.objects.select_related("left__unit", "right__unit", "run").filter(pk=pk)
    found = pair.first()
    if found is None:
        raise NotFound(_("Không tìm thấy cặp hồ sơ."))
    require(user, Perm.DATA_QUALITY_VIEW, found.left.unit)
    require(user, Perm.DATA_QUALITY_VIEW, found.right.unit)
    return found


def get_merge_for_user(user: Any, pk: int) -> MemberMerge:
    merge = (
        MemberMerge.objects.select_related("survivor__unit", "absorbed__unit", "pair")
        .filter(pk=pk)
        .first()
    )
    if merge is None:
        raise NotFound(_("Không tìm thấy lần gộp hồ sơ."))
    require(user, Perm.DATA_QUALITY_VIEW, merge.survivor.unit)
    require(user, Perm.DATA_QUALITY_VIEW, merge.absorbed.unit)
    return merge


def merges_of_pair(pair: DuplicatePair) -> list[MemberMerge]:
    return list(MemberMerge.objects.filter(pair=pair).order_by("-merged_at"))


def runs_for(user: Any, unit: OrgUnit | None = None) -> QuerySet[DetectionRun]:
    runs = scope(user, DetectionRun.objects.select_related("unit"), perm=Perm.DATA_QUALITY_VIEW)
    if unit is not None:
        runs = runs.filter(unit__path__startswith=unit.path)
    return runs.order_by("-started_at", "-id")


def get_run_for_user(user: Any, pk: int) -> DetectionRun:
    run = DetectionRun.objects.select_related("unit").filter(pk=pk).first()
    if run is None:
        raise NotFound(_("Không tìm thấy lần dò trùng."))
    require(user, Perm.DATA_QUALITY_VIEW, run.unit)
    return run


FIELD_LABELS = {
    "full_name": _("Họ và tên"),
    "other_names": _("Tên gọi khác"),
    "gender": _("Giới tính"),
    "birth_date": _("Ngày sinh"),
    "birth_date_precision": _("Độ chính xác ngày sinh"),
    "place_of_birth": _("Nơi sinh"),
    "home_town": _("Quê quán"),
    "permanent_address": _("Nơi thường trú"),
    "permanent_admin_code": _("Mã đơn vị hành chính thường trú"),
    "permanent_admin_scheme": _("Hệ mã thường trú"),
    "current_address": _("Nơi ở hiện nay"),
    "current_admin_code": _("Mã đơn vị hành chính nơi ở"),
    "current_admin_scheme": _("Hệ mã nơi ở"),
    "ethnicity": _("Dân tộc"),
    "religion": _("Tôn giáo"),
    "citizen_id": _("Số CCCD"),
    "phone": _("Số điện thoại"),
    "email": _("E-mail"),
    "general_education": _("Giáo dục phổ thông"),
    "professional_qualification": _("Trình độ chuyên môn"),
    "theory_level": _("Lý luận chính trị"),
    "occupation": _("Nghề nghiệp"),
    "workplace": _("Nơi làm việc"),
    "party_position": _("Chức vụ Đảng"),
    "government_position": _("Chức vụ chính quyền, đoàn thể"),
    "card_number": _("Số thẻ đảng viên"),
    "admitted_on": _("Ngày vào Đảng"),
    "admission_ceremony_on": _("Ngày lễ kết nạp"),
    "sponsors": _("Người giới thiệu"),
}
# The exact keys that pair records of a list too small for the model (linkage.SMALL_LIST_RULES).
RULE_LABELS = {
    "citizen_id": _("cùng số CCCD"),
    "phone": _("cùng số điện thoại"),
    "name_birth_date": _("cùng họ tên và ngày sinh"),
}
# Names of the comparisons of the model, as the pair page explains them.
COMPARISON_LABELS = {
    "name": _("Họ và tên"),
    "birth_date": _("Ngày sinh"),
    "citizen_id": _("Số CCCD"),
    "phone": _("Số điện thoại"),
    "gender": _("Giới tính"),
    "place": _("Quê quán"),
}


@dataclass(frozen=True)
class FieldRow:
    name: str
    label: str
    left: str
    right: str
    differs: bool
    sensitive_hidden: bool


def _shown(member: Member, name: str) -> str:
    value = getattr(member, name)
    if value is None or value == "":
        return ""
    display = getattr(member, f"get_{name}_display", None)
    if callable(display):
        return str(display())
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    return str(value)


def side_by_side(user: Any, pair: DuplicatePair) -> list[FieldRow]:
    """Every merge field of the two members, with those that differ marked. The pair page is a
    read of two full profiles: logged as a sensitive read."""
    left, right = pair.left, pair.right
    # The field rule for citizen IDs, side by side (each read logged).
    revealed = reveal(user, Sensitive.CITIZEN_ID, [left, right], reason="duplicate pair")
    rows = [
        FieldRow(
            name="unit",
            label=str(_("Chi bộ")),
            left=left.unit.name,
            right=right.unit.name,
            differs=left.unit_id != right.unit_id,
            sensitive_hidden=False,
        ),
        FieldRow(
            name="status",
            label=str(_("Trạng thái")),
            left=left.get_status_display(),
            right=right.get_status_display(),
            differs=left.status != right.status,
            sensitive_hidden=False,
        ),
    ]
    for name in MERGE_FIELDS:
        a, b = _shown(left, name), _shown(right, name)
        hide_left = name in SENSITIVE_FIELDS and left.pk not in revealed
        hide_right = name in SENSITIVE_FIELDS and right.pk not in revealed
        hidden = hide_left or hide_right
        rows.append(
            FieldRow(
                name=name,
                label=str(FIELD_LABELS.get(name, name)),
                left=mask(a) if hide_left else a,
                right=mask(b) if hide_right else b,
                differs=a != b,
                sensitive_hidden=hidden,
            )
        )
    for member in (left, right):
        if member.pk not in revealed:
            record_read(actor=user, target=member, unit=member.unit, reason="duplicate pair")
    return rows


# Counting every pair of a national queue costs seconds; past this, the page says "more than".
COUNT_CAP = 10_000


def open_counts(user: Any) -> dict[str, int]:
    """Open pairs by status, each counted up to COUNT_CAP + 1."""
    base = pairs_for(user, status="open").order_by()
    return {
        key: base.filter(status=status)[: COUNT_CAP + 1].count()
        for key, status in (
            ("flagged", PairStatus.FLAGGED),
            ("review", PairStatus.REVIEW),
            ("confirmed", PairStatus.CONFIRMED),
        )
    }
