"""The "Việc cần làm" cards of the modules that existed before the registry (issue 17): each a
count, the most urgent few items with their deadlines and a link to the full list. Every read
goes through the owning module's queries (and so through `access.policy`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from chibo.access import policy
from chibo.access.roles import Perm
from chibo.data_quality.campaigns import queries as campaigns
from chibo.data_quality.duplicates.queries import pairs_for
from chibo.data_quality.importing.queries import imports_for_user
from chibo.data_quality.models import ImportStatus
from chibo.documents.models import Distribution, Receipt
from chibo.handbook.models import QuestionStatus, RequestStatus
from chibo.handbook.queries.questions import questions_for_committee
from chibo.handbook.queries.requests import corrections_to_decide
from chibo.meetings.models import MeetingStatus
from chibo.meetings.queries import meetings_for
from chibo.meetings.queries.not_met import branches_without_meeting, last_finished_month
from chibo.org import queries as org_queries
from chibo.org.models import OrgUnit

TOP = 5  # items shown on a card
UPCOMING_DAYS = 30
RECENT_DISTRIBUTION_DAYS = 90
LOW_READ_RATE = 50  # percent: below it a distribution is "low"
CHART_BARS = 8


@dataclass
class CardItem:
    title: str
    url: str
    detail: str = ""
    due: date | datetime | None = None
    late: bool = False

    @property
    def timed(self) -> bool:
        return isinstance(self.due, datetime)


@dataclass
class CardData:
    count: int
    count_label: str | Promise
    items: list[CardItem]
    more_url: str
    more_label: str | Promise
    nothing: str | Promise  # the one line shown when count is 0
    chart: dict[str, Any] | None = None
    figures: list[tuple[str, int]] = field(default_factory=list)


def unit_label(unit: OrgUnit) -> str:
    """A unit's name with its parent's (`org.queries.with_parent_names` set it), so that
    "Chi bộ Ấp 1" of two wards can be told apart."""
    parent = getattr(unit, "parent_name", None)
    return f"{unit.name} · {parent}" if parent else unit.name


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _top_unit(user: Any, perm: Perm) -> OrgUnit | None:
    return policy.units_for(user, perm).first()


# --- meetings -----------------------------------------------------------------------------------


def next_meetings(user: Any) -> CardData:
    """Meetings of the next 30 days and what their preparation still lacks."""
    today = timezone.localdate()
    rows = meetings_for(user, start=today, end=today + timedelta(days=UPCOMING_DAYS)).exclude(
        status__in=(MeetingStatus.HELD, MeetingStatus.CANCELLED)
    )
    rows = rows.filter(
        Q(content_agreed_at__isnull=True)
        | Q(notice_sent_at__isnull=True)
        | Q(documents_posted_at__isnull=True)
    )
    items = []
    for m in rows[:TOP]:
        lacks = []
        if m.content_agreed_at is None:
            lacks.append(_("chưa thống nhất nội dung"))
        if m.notice_sent_at is None:
            lacks.append(_("chưa gửi thông báo"))
        if m.documents_posted_at is None:
            lacks.append(_("chưa gửi tài liệu"))
        items.append(
            CardItem(
                f"{m.title} · {m.unit.name}",
                reverse("meetings:detail", args=[m.pk]),
                ", ".join(lacks),
                timezone.localtime(m.starts_at),
            )
        )
    return CardData(
        rows.count(),
        _("cuộc họp chưa chuẩn bị xong"),
        items,
        reverse("meetings:home"),
        _("Lịch sinh hoạt"),
        _("Các cuộc họp 30 ngày tới đã chuẩn bị đủ (nội dung, thông báo, tài liệu)."),
    )


def branches_not_met(user: Any) -> CardData:
    month = last_finished_month()
    rows = branches_without_meeting(user, month)
    units = org_queries.with_parent_names(list(rows[:TOP]))
    items = [CardItem(unit_label(u), reverse("meetings:unit", args=[u.code])) for u in units]
    return CardData(
        rows.count(),
        _("chi bộ không họp tháng %(month)s") % {"month": month.strftime("%m/%Y")},
        items,
        reverse("meetings:not_met") + f"?thang={month:%Y-%m}",
        _("Danh sách đầy đủ"),
        _("Mọi chi bộ trong phạm vi đã họp tháng %(month)s.") % {"month": month.strftime("%m/%Y")},
    )


# --- members and data quality ---------------------------------------------------------------------


def key_figures(user: Any) -> CardData | None:
    """The subtree's member count and its children's, as a small bar chart."""
    unit = _top_unit(user, Perm.MEMBERS_VIEW)
    if unit is None:
        return None
    children = list(
        org_queries.children_of(user, unit).order_by("-member_count", "sort_name")[:CHART_BARS]
    )
    chart = {
        "labels": [c.name for c in children],
        "values": [c.member_count for c in children],
        "label": _("Đảng viên"),
    }
    return CardData(
        unit.member_count,
        _("đảng viên ở %(unit)s") % {"unit": unit.name},
        [],
        reverse("members:statistics", args=[unit.code]),
        _("Thống kê đầy đủ"),
        _("Chưa có đảng viên nào trong phạm vi."),
        chart=chart if children else None,
        figures=[(_("Đơn vị trực thuộc"), unit.numchild)],
    )


def failing_records(user: Any) -> CardData:
    campaign = campaigns.current_campaign_for(user)
    if campaign is None:
        return CardData(
            0,
            _("hồ sơ chưa đạt"),
            [],
            reverse("data_quality:home"),
            _("Làm sạch dữ liệu"),
            _("Không có đợt làm sạch dữ liệu nào đang mở."),
        )
    unit = campaigns.dashboard_unit(user, campaign)
    board = campaigns.dashboard(user, campaign, unit)
    failing = board.summary.total - board.summary.all_four
    worst = sorted(board.rows, key=lambda r: r.progress.percent("all_four"))[:TOP]
    items = [
        CardItem(
            r.unit.name,
            reverse("data_quality:campaign", args=[campaign.pk]) + f"?unit={r.unit.code}",
            _("%(p)s%% đạt cả bốn tiêu chí") % {"p": r.progress.percent("all_four")},
            campaign.ends_on,
            late=campaign.ends_on < timezone.localdate(),
        )
        for r in worst
        if r.progress.total > r.progress.all_four and r.may_open
    ]
    return CardData(
        failing,
        _("hồ sơ chưa đạt đủ bốn tiêu chí"),
        items,
        reverse("data_quality:campaign", args=[campaign.pk]),
        _("Bảng theo dõi đợt làm sạch"),
        _("Mọi hồ sơ trong phạm vi đã đạt đủ bốn tiêu chí."),
    )


def data_queues(user: Any) -> CardData:
    batches = imports_for_user(user).exclude(status=ImportStatus.DONE).order_by("-pk")
    open_pairs = pairs_for(user, status="open")
    items = [
        CardItem(
            b.file_name or _("Tệp nhập #%(n)s") % {"n": b.pk},
            reverse("data_quality:import_detail", args=[b.pk]),
            b.get_status_display(),
        )
        for b in batches[:TOP]
    ]
    pair_count = open_pairs.count()
    batch_count = batches.count()
    return CardData(
        batch_count + pair_count,
        _("việc nhập và hồ sơ trùng đang chờ"),
        items,
        reverse("data_quality:duplicate_queue"),
        _("Hàng đợi hồ sơ trùng"),
        _("Không có tệp nhập hay cặp hồ sơ trùng nào đang chờ."),
        figures=[(_("Tệp nhập chưa xong"), batch_count), (_("Cặp hồ sơ nghi trùng"), pair_count)],
    )


# --- handbook inboxes -----------------------------------------------------------------------------


def member_requests(user: Any) -> CardData:
    items: list[CardItem] = []
    count = 0
    if policy.has_perm_anywhere(user, Perm.MEMBERS_MANAGE):
        corrections = corrections_to_decide(user, status=RequestStatus.PENDING)
        count += corrections.count()
        for c in corrections.order_by("created_at")[:TOP]:
            items.append(
                CardItem(
                    _("Sửa hồ sơ: %(name)s") % {"name": c.member.full_name},
                    reverse("handbook:corrections_inbox"),
                    c.get_field_display(),
                    timezone.localtime(c.created_at),
                )
            )
    questions = questions_for_committee(user, status=QuestionStatus.OPEN)
    count += questions.count()
    for q in questions.order_by("last_activity_at")[:TOP]:
        items.append(
            CardItem(
                q.subject,
                reverse("handbook:question", args=[q.pk]),
                q.member.full_name,
                timezone.localtime(q.last_activity_at),
            )
        )
    items.sort(key=lambda i: i.due or timezone.now())
    return CardData(
        count,
        _("đề nghị và ý kiến chờ trả lời"),
        items[:TOP],
        reverse("handbook:questions_inbox"),
        _("Hộp thư ý kiến"),
        _("Không có đề nghị sửa hồ sơ hay ý kiến nào đang chờ."),
    )


# --- documents ------------------------------------------------------------------------------------


def low_read_rates(user: Any) -> CardData:
    since = timezone.now() - timedelta(days=RECENT_DISTRIBUTION_DAYS)
    read = (
        Receipt.objects.filter(distribution=OuterRef("pk"), read_at__isnull=False)
        .order_by()
        .values("distribution")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        policy.scope(
            user,
            Distribution.objects.select_related("document"),
            via="unit",
            perm=Perm.DOCUMENTS_MANAGE,
        )
        .filter(created_at__gte=since, recipient_count__gt=0)
        .annotate(read_count=Coalesce(Subquery(read), 0))
        .order_by("deadline", "-created_at")
    )
    low = [d for d in rows[:200] if 100 * d.read_count < LOW_READ_RATE * d.recipient_count]
    today = timezone.localdate()
    items = [
        CardItem(
            d.document.title,
            reverse("documents:read_rates", args=[d.document_id]),
            _("%(read)s / %(total)s đã đọc")
            % {"read": _n(d.read_count), "total": _n(d.recipient_count)},
            d.deadline,
            late=bool(d.deadline and d.deadline < today),
        )
        for d in low[:TOP]
    ]
    return CardData(
        len(low),
        _("văn bản gửi đi dưới %(p)s%% đã đọc") % {"p": LOW_READ_RATE},
        items,
        reverse("documents:list"),
        _("Sổ văn bản"),
        _("Các văn bản gửi trong 90 ngày qua đều đã được đọc từ một nửa trở lên."),
    )


CARDS: dict[str, Callable[[Any], CardData | None]] = {
    "meetings.next": next_meetings,
    "meetings.not_met": branches_not_met,
    "members.figures": key_figures,
    "data_quality.failing": failing_records,
    "data_quality.queues": data_queues,
    "handbook.requests": member_requests,
    "documents.low_reads": low_read_rates,
}
