"""Reads of the member registry for lists, search, export and the API, through `policy.scope`.

Names are searched on `search_name` (folded: no diacritics, lower case), which has a trigram index
on PostgreSQL; lists are ordered by `sort_name`, the Vietnamese order of names (given name, then
middle names, then family name; letters a ă â b c d đ …, tones breaking ties).
"""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    Sensitive,
    can_read_sensitive,
    has_perm_anywhere,
    require,
    reveal,
    scope,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, ValidationFailed
from chibo.core.text import fold
from chibo.members.models import (
    ACTIVE_STATUSES,
    Gender,
    Member,
    MemberEvent,
    MemberStatus,
    TheoryLevel,
)
from chibo.members.rules import ETHNIC_GROUPS, normalise_card_number, normalise_citizen_id
from chibo.org.models import OrgUnit

from . import profile

# `status=ACTIVE` lists the members in the party today (probationary and full).
ACTIVE = "active"
# `theory_level=NO_THEORY` lists members without political theory training (stored as "").
NO_THEORY = "none"
MIN_NAME_QUERY = 2
MAX_QUERY = 100
# A name search whose matches are few is answered fastest by collecting them through the trigram
# index and sorting them in memory; walking the sort_name index and filtering is fastest only when
# matches are dense (one common word: "nguyen"). PostgreSQL's planner assumes the matches spread
# evenly along sort_name and walks the index for the first page even when it must skip tens of
# thousands of rows to find them ("tran van" at the root of 1,000,000 members: 59,000 rows read
# for 50 matches; bench/members_search_bench.py, bench/RESULTS.md). Below this many estimated
# matches the list is ordered NULLS FIRST: the same order (sort_name is NOT NULL) but one the
# ascending index cannot give, so the planner takes the trigram path.
SPARSE_MATCHES = 20_000


@dataclass(frozen=True)
class Band:
    code: str
    label: Any
    low: int | None  # years, inclusive
    high: int | None  # years, exclusive


AGE_BANDS = (
    Band("u30", _("Dưới 30 tuổi"), None, 30),
    Band("30_39", _("Từ 30 đến 39 tuổi"), 30, 40),
    Band("40_49", _("Từ 40 đến 49 tuổi"), 40, 50),
    Band("50_59", _("Từ 50 đến 59 tuổi"), 50, 60),
    Band("60_69", _("Từ 60 đến 69 tuổi"), 60, 70),
    Band("70p", _("Từ 70 tuổi trở lên"), 70, None),
)

# Party age here is counted from `admitted_on` without the gaps out of the party: a list filter,
# close enough to pick members out. The exact party age (minus removal, expulsion and transfer
# gaps) and the badge lists come from `chibo.members.rules.party_age`.
PARTY_AGE_BANDS = (
    Band("u10", _("Dưới 10 năm"), None, 10),
    Band("10_19", _("Từ 10 đến 19 năm"), 10, 20),
    Band("20_29", _("Từ 20 đến 29 năm"), 20, 30),
    Band("30_39", _("Từ 30 đến 39 năm"), 30, 40),
    Band("40_49", _("Từ 40 đến 49 năm"), 40, 50),
    Band("50p", _("Từ 50 năm trở lên"), 50, None),
)

ETHNICITY_CODES = frozenset(g.code for g in ETHNIC_GROUPS)


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year that has none
        return on.replace(year=on.year - years, day=28)


def _band_filter(field: str, bands: tuple[Band, ...], code: str, on: date, name: str) -> Q:
    band = next((b for b in bands if b.code == code), None)
    if band is None:
        raise ValidationFailed(_("Giá trị lọc không hợp lệ."), field=name)
    condition = Q(**{f"{field}__isnull": False})
    # Age ≥ low ⟺ born on or before `on` minus low years; age < high ⟺ born after `on` minus high.
    if band.low is not None:
        condition &= Q(**{f"{field}__lte": _years_before(on, band.low)})
    if band.high is not None:
        condition &= Q(**{f"{field}__gt": _years_before(on, band.high)})
    return condition


def require_member_reader(user: Any) -> None:
    """Lists of members are for roles with members.view somewhere (403 otherwise, not an empty
    list: the caller should know the page is not for them)."""
    if not has_perm_anywhere(user, Perm.MEMBERS_VIEW):
        raise Forbidden(_("Bạn không có quyền xem danh sách đảng viên."))


def get_unit_for_members(user: Any, code: str) -> OrgUnit:
    """The unit whose subtree a member list is limited to: 404 out of reach, 403 without
    members.view there."""
    return unit_for_user(user, code, Perm.MEMBERS_VIEW)


def search_filter(q: str) -> Q:
    """A card number (digits) or a name typed with or without diacritics, words in any order."""
    text = q.strip()[:MAX_QUERY]
    card = normalise_card_number(text)
    if card.isdigit():
        return Q(card_number__startswith=card)
    key = fold(text)
    if len(key) < MIN_NAME_QUERY:
        raise ValidationFailed(_("Nhập ít nhất 2 ký tự để tìm."), field="q")
    condition = Q()
    for word in key.split():
        condition &= Q(search_name__contains=word)
    return condition


def members_for(
    user: Any,
    *,
    unit: str | OrgUnit | None = None,
    q: str = "",
    status: str | None = None,
    gender: str | None = None,
    age_band: str | None = None,
    party_age_band: str | None = None,
    theory_level: str | None = None,
    ethnicity: str | None = None,
    on: date | None = None,
) -> QuerySet[Member]:
    """The members the user may see, filtered, in Vietnamese name order.

    Empty or None filters are ignored. A filter value that is not one of the choices is refused
    (400) rather than silently ignored, so a list never claims to be filtered when it is not.
    """
    on = on or date.today()
    members = scope(user, Member.objects.select_related("unit"), perm=Perm.MEMBERS_VIEW)
    if unit:
        target = get_unit_for_members(user, unit) if isinstance(unit, str) else unit
        require(user, Perm.MEMBERS_VIEW, target)
        members = members.filter(unit__path__startswith=target.path)
    name_search = bool(q and q.strip()) and not normalise_card_number(q.strip()).isdigit()
    if q and q.strip():
        members = members.filter(search_filter(q))
    if status:
        if status == ACTIVE:
            members = members.filter(status__in=ACTIVE_STATUSES)
        elif status in MemberStatus.values:
            members = members.filter(status=status)
        else:
            raise ValidationFailed(_("Trạng thái không hợp lệ."), field="status")
    if gender:
        if gender not in Gender.values:
            raise ValidationFailed(_("Giới tính không hợp lệ."), field="gender")
        members = members.filter(gender=gender)
    if age_band:
        members = members.filter(_band_filter("birth_date", AGE_BANDS, age_band, on, "age_band"))
    if party_age_band:
        members = members.filter(
            _band_filter("admitted_on", PARTY_AGE_BANDS, party_age_band, on, "party_age_band")
        )
    if theory_level:
        level = "" if theory_level == NO_THEORY else theory_level
        if level not in TheoryLevel.values:
            raise ValidationFailed(_("Trình độ lý luận không hợp lệ."), field="theory_level")
        members = members.filter(theory_level=level)
    if ethnicity:
        if ethnicity not in ETHNICITY_CODES:
            raise ValidationFailed(_("Dân tộc không hợp lệ."), field="ethnicity")
        members = members.filter(ethnicity=ethnicity)
    if name_search and _estimated_rows(members) <= SPARSE_MATCHES:
        return members.order_by(F("sort_name").asc(nulls_first=True), "id")
    return members.order_by("sort_name", "id")


def _estimated_rows(members: QuerySet[Member]) -> int:
    """The planner's estimate of the matches (PostgreSQL; a planning, no execution), or a large
    number elsewhere (SQLite has no such choice to steer)."""
    connection = connections[members.db]
    if connection.vendor != "postgresql":
        return SPARSE_MATCHES + 1
    sql, params = members.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def get_member_for_user(user: Any, pk: int) -> Member:
    """404 when absent or out of the user's reach, 403 in reach without members.view (own record
    and receiving branch as in `profile`). Not logged: callers that show the full record use
    `profile.get_profile_for_user`."""
    return profile.get_member_to_read(user, pk)


def may_see_citizen_id(user: Any, member: Member) -> bool:
    """The citizen ID is shown only to roles that need it, or to the member (access.policy)."""
    return can_read_sensitive(user, member)


def may_look_up_citizen_ids(user: Any) -> bool:
    return has_perm_anywhere(user, Perm.MEMBERS_VIEW_SENSITIVE)


def member_profile(user: Any, pk: int, *, reason: str) -> dict[str, Any]:
    """A member's full record as plain data, for the API: the fields `profile.visible_fields`
    allows. The read is written to the sensitive-read log by `get_profile_for_user`."""
    member = profile.get_profile_for_user(user, pk, reason=reason)
    visible = profile.visible_fields(user, member)
    data: dict[str, Any] = {
        field.name: getattr(member, field.attname)
        for field in Member._meta.concrete_fields
        if field.name in visible and not field.is_relation and field.name != "photo"
    }
    data["id"] = member.pk
    data["unit_code"] = member.unit.code
    data["unit_name"] = member.unit.name
    data["temporary_unit_code"] = member.temporary_unit.code if member.temporary_unit else None
    data["has_photo"] = bool(member.photo)
    return data


def member_events(user: Any, member: Member) -> QuerySet[MemberEvent]:
    """The member's life events, oldest first (the timeline), cancelled ones included."""
    return profile.events_of(user, member).order_by("effective_on", "id")


def lookup_by_citizen_id(user: Any, citizen_id: str) -> list[Member]:
    """Members in the user's reach with this citizen ID (12 digits, or an old 9-digit CMND).

    Only for members.view_sensitive, and only ever called with a POSTed number: a citizen ID
    must not appear in a URL (and so in server logs). Each match is written to the
    sensitive-read log.
    """
    if not may_look_up_citizen_ids(user):
        raise Forbidden(_("Bạn không có quyền tra cứu theo số CCCD."))
    number = normalise_citizen_id(citizen_id or "")
    if not (number.isdigit() and len(number) in (9, 12)):
        raise ValidationFailed(_("Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)."), field="citizen_id")
    matches = list(
        scope(
            user,
            Member.objects.select_related("unit").filter(citizen_id=number),
            perm=Perm.MEMBERS_VIEW_SENSITIVE,
        ).order_by("sort_name", "id")
    )
    # Every match shows the number searched for: one read logged per match by the field rule.
    revealed = reveal(user, Sensitive.CITIZEN_ID, matches, reason="citizen-id lookup")
    return [member for member in matches if member.pk in revealed]
