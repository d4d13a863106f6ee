"""Shared pieces of the cadre actions: text cleaning, the rule-citing refusal, lookups."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.core.errors import ValidationFailed
from chibo.core.text import nfc
from chibo.members.models import Member
from chibo.org.models import OrgUnit


def clean_text(value: str | None, field: str, limit: int, *, required: bool = False) -> str:
    cleaned = " ".join(nfc(value or "").split())
    if required and not cleaned:
        raise ValidationFailed(_("Trường này không được để trống."), field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(_("Dài quá %(n)s ký tự."), field=field, n=limit)
    return cleaned


def require_decision(number: str | None, body: str | None, source: str) -> tuple[str, str]:
    """A decision number and the deciding body, both required (QĐ 80-QĐ/TW)."""
    number = clean_text(number, "decision_number", 80)
    body = clean_text(body, "deciding_body", 255)
    if not number:
        raise ValidationFailed(
            _("Thiếu số quyết định (%(source)s)."), field="decision_number", source=source
        )
    if not body:
        raise ValidationFailed(
            _("Thiếu cơ quan ra quyết định (%(source)s)."), field="deciding_body", source=source
        )
    return number, body


def in_subtree(member: Member, unit: OrgUnit) -> bool:
    return bool(member.unit.path.startswith(unit.path))


def not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise ValidationFailed(
            _("Ngày %(day)s chưa đến: chỉ ghi nhận việc đã có hiệu lực."),
            field=field,
            day=f"{day:%d/%m/%Y}",
        )


def member_or_refuse(member_id: Any) -> Member:
    member = Member.objects.select_related("unit").filter(pk=member_id).first()
    if member is None:
        raise ValidationFailed(_("Không tìm thấy đảng viên này."), field="member")
    return member
