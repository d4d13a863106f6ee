"""Check-in at the gate: the delegate's badge (QR or the code typed from it) for a session."""

from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed

from ..models import (
    CheckIn,
    CheckInMethod,
    Congress,
    CongressStatus,
    CredentialsStatus,
    Delegate,
    Session,
)
from ..rules import BADGES
from .common import congress_for_write, normalize_token

FORGED = _("Mã thẻ đại biểu không đúng: không có đại biểu nào của đại hội này mang mã đó.")


def badge_window(congress: Congress) -> tuple[date, date]:
    """The days a badge opens the gate (rules.BADGES)."""
    rule = BADGES.rule_on(congress.starts_on)
    return congress.starts_on - timedelta(days=rule.opens_days_before), congress.ends_on


def delegate_for_badge(congress: Congress, raw_token: str, *, today: date) -> Delegate:
    """The seated delegate whose badge this is, or the reason the badge does not open the gate."""
    token = normalize_token(raw_token)
    if not token:
        raise ValidationFailed(_("Quét thẻ hoặc nhập mã in trên thẻ đại biểu."), field="token")
    delegate = (
        Delegate.objects.select_related("member")
        .select_for_update(of=("self",))
        .filter(congress=congress, badge_token=token)
        .first()
    )
    if delegate is None:
        if Delegate.objects.filter(congress=congress, previous_badge_token=token).exists():
            raise Conflict(
                _("Thẻ này đã hết hiệu lực: đại biểu đã được cấp thẻ mới."), field="token"
            )
        raise ValidationFailed(FORGED, field="token")
    opens, closes = badge_window(congress)
    if congress.status == CongressStatus.CLOSED or today > closes:
        raise Conflict(_("Thẻ đại biểu đã hết hạn: đại hội đã bế mạc."), field="token")
    if today < opens:
        raise Conflict(
            _("Thẻ đại biểu chỉ dùng từ ngày %(day)s."), field="token", day=f"{opens:%d/%m/%Y}"
        )
    if delegate.is_replaced:
        raise Conflict(
            _("Thẻ số %(number)s đã hết hiệu lực: đại biểu đã được thay bằng đại biểu dự khuyết."),
            field="token",
            number=delegate.number,
        )
    if delegate.credentials == CredentialsStatus.REJECTED:
        raise Conflict(
            _("Đại biểu số %(number)s không đủ tư cách đại biểu; không điểm danh được."),
            field="token",
            number=delegate.number,
        )
    return delegate


def check_in(
    *,
    actor: Any,
    congress_id: int,
    token: str,
    session_id: int | None = None,
    method: str = CheckInMethod.BADGE,
    now: datetime | None = None,
) -> CheckIn:
    """Record that the badge's delegate came to the session (default: the session under way or
    next today). A second check-in for the same session is refused, saying when the first was."""
    now = now or timezone.now()
    if method not in CheckInMethod.values:
        method = CheckInMethod.MANUAL
    with transaction.atomic():
        congress = congress_for_write(actor, congress_id)
        delegate = delegate_for_badge(congress, token, today=timezone.localtime(now).date())
        session = _session_for(congress, session_id, now)
        earlier = CheckIn.objects.filter(session=session, delegate=delegate).first()
        if earlier is not None:
            raise Conflict(
                _("Đại biểu số %(number)s (%(name)s) đã điểm danh phiên này lúc %(at)s."),
                field="token",
                number=delegate.number,
                name=delegate.member.full_name,
                at=f"{timezone.localtime(earlier.checked_in_at):%H:%M}",
            )
        try:
            with transaction.atomic():
                row = CheckIn.objects.create(
                    session=session,
                    delegate=delegate,
                    checked_in_at=now,
                    method=method,
                    recorded_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            raise Conflict(
                _("Đại biểu số %(number)s đã điểm danh phiên này."),
                field="token",
                number=delegate.number,
            ) from None
        record(
            actor=actor,
            action="congresses.check_in",
            target=row,
            unit=congress.unit,
            changes={"session": session.pk, "delegate": delegate.pk, "method": method},
        )
    return row


def _session_for(congress: Congress, session_id: int | None, now: datetime) -> Session:
    sessions = Session.objects.filter(congress=congress)
    if session_id is not None:
        session = sessions.filter(pk=session_id).first()
        if session is None:
            raise ValidationFailed(_("Chọn một phiên họp của đại hội này."), field="session")
        return session
    today = timezone.localtime(now).date()
    todays = [s for s in sessions if timezone.localtime(s.starts_at).date() == today]
    running = [s for s in todays if s.starts_at <= now <= s.ends_at]
    upcoming = [s for s in todays if s.starts_at > now]
    choices = running or upcoming or todays[-1:]
    if not choices:
        if not sessions.exists():
            raise Conflict(_("Đại hội chưa có phiên họp nào để điểm danh."), field="session")
        raise Conflict(_("Hôm nay đại hội không có phiên họp; chọn phiên."), field="session")
    return choices[0]
