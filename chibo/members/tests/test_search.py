"""Member search and lists: diacritics-insensitive names, card numbers, Vietnamese order, filters,
scope, and the citizen-ID lookup."""

from datetime import date

import pytest

from chibo.audit.models import SensitiveRead
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.members.models import Gender, MemberStatus
from chibo.members.queries import (
    get_member_for_user,
    lookup_by_citizen_id,
    member_profile,
    members_for,
)

from .listing_support import add_member

TODAY = date(2026, 1, 15)
CCCD = "079180012345"


def names(queryset) -> list[str]:
    return [m.full_name for m in queryset]


def test_name_search_ignores_diacritics_and_case(personas):
    b1 = personas.tree.b1
    add_member(b1, "Nguyễn Thị Thu")
    add_member(b1, "Nguyễn Văn Thắng")
    add_member(b1, "Trần Thu Hà")
    found = members_for(personas.hq_admin, q="nguyen thi thu")
    assert names(found) == ["Nguyễn Thị Thu"]
    assert names(members_for(personas.hq_admin, q="NGUYỄN  THỊ thu")) == ["Nguyễn Thị Thu"]
    # Words in any order, each a part of the name.
    assert names(members_for(personas.hq_admin, q="thu nguyen")) == ["Nguyễn Thị Thu"]
    assert set(names(members_for(personas.hq_admin, q="thu"))) == {"Nguyễn Thị Thu", "Trần Thu Hà"}


def test_d_with_stroke_folds_to_d(personas):
    add_member(personas.tree.b1, "Đỗ Đức Đạt")
    assert names(members_for(personas.hq_admin, q="do duc dat")) == ["Đỗ Đức Đạt"]


def test_search_by_card_number(personas):
    add_member(personas.tree.b1, "Lê Văn A", card_number="79012345")
    add_member(personas.tree.b1, "Lê Văn B", card_number="79099999")
    assert names(members_for(personas.hq_admin, q="79012345")) == ["Lê Văn A"]
    assert names(members_for(personas.hq_admin, q="790.12")) == ["Lê Văn A"]


def test_citizen_id_is_not_searchable_by_q(personas):
    add_member(personas.tree.b1, "Lê Văn A", citizen_id=CCCD)
    assert names(members_for(personas.hq_admin, q=CCCD)) == []


def test_too_short_query_is_refused(personas):
    with pytest.raises(ValidationFailed):
        list(members_for(personas.hq_admin, q="a"))


def test_vietnamese_sort_order(personas):
    b1 = personas.tree.b1
    for name in ("Trần Văn Bình", "Phạm Thị Ánh", "Nguyễn Thị An", "Lê An", "Đặng Văn Đông"):
        add_member(b1, name)
    assert names(members_for(personas.hq_admin)) == [
        "Lê An",
        "Nguyễn Thị An",
        "Phạm Thị Ánh",
        "Trần Văn Bình",
        "Đặng Văn Đông",  # đ comes after d, after every b
    ]


def test_tones_break_ties_after_letters(personas):
    b1 = personas.tree.b1
    for name in (
        "Lê Thị Ạnh",
        "Lê Thị Anh",
        "Lê Thị Ảnh",
        "Lê Thị Ánh",
        "Lê Thị Ành",
        "Lê Thị Ãnh",
    ):
        add_member(b1, name)
    assert [n.split()[-1] for n in names(members_for(personas.hq_admin))] == [
        "Anh",
        "Ành",
        "Ánh",
        "Ảnh",
        "Ãnh",
        "Ạnh",
    ]


def test_scope_outsider_sees_nothing_of_b1(personas):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu")
    add_member(personas.tree.g2, "Võ Văn Kiệt")
    assert names(members_for(personas.outsider)) == ["Võ Văn Kiệt"]
    assert names(members_for(personas.branch_officer)) == ["Nguyễn Thị Thu"]
    assert set(names(members_for(personas.hq_admin))) == {"Nguyễn Thị Thu", "Võ Văn Kiệt"}
    with pytest.raises(NotFound):
        get_member_for_user(personas.outsider, member.pk)
    assert get_member_for_user(personas.branch_officer, member.pk) == member


def test_member_role_in_scope_without_members_view_is_forbidden(personas):
    from chibo.access.models import Grant
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    member = add_member(personas.tree.b1, "Nguyễn Thị Thu")
    plain = make_user("plain", (personas.tree.b1, Role.MEMBER))
    with pytest.raises(Forbidden):
        get_member_for_user(plain, member.pk)
    assert not members_for(plain).exists()
    assert Grant.objects.filter(user=plain).count() == 1


def test_absent_member_is_404(personas):
    with pytest.raises(NotFound):
        get_member_for_user(personas.hq_admin, 999_999)


def test_unit_filter_is_a_subtree_and_must_be_in_reach(personas):
    tree = personas.tree
    add_member(tree.b1, "An B1")
    add_member(tree.b2, "An B2")
    add_member(tree.g2, "An G2")
    assert set(names(members_for(personas.hq_admin, unit="G1"))) == {"An B1", "An B2"}
    assert names(members_for(personas.hq_admin, unit="b2")) == ["An B2"]
    with pytest.raises(NotFound):
        members_for(personas.branch_officer, unit="G2")
    with pytest.raises(NotFound):
        members_for(personas.hq_admin, unit="NOPE")


def test_status_and_gender_filters(personas):
    b1 = personas.tree.b1
    add_member(b1, "Chính Thức", status=MemberStatus.FULL, gender=Gender.MALE)
    add_member(b1, "Dự Bị", status=MemberStatus.PROBATIONARY)
    add_member(b1, "Đã Mất", status=MemberStatus.DECEASED, gender=Gender.MALE)
    user = personas.hq_admin
    assert set(names(members_for(user, status="active"))) == {"Chính Thức", "Dự Bị"}
    assert names(members_for(user, status="deceased")) == ["Đã Mất"]
    assert len(members_for(user)) == 3
    assert set(names(members_for(user, gender="male"))) == {"Chính Thức", "Đã Mất"}
    with pytest.raises(ValidationFailed):
        members_for(user, status="sleeping")
    with pytest.raises(ValidationFailed):
        members_for(user, gender="x")


def test_age_bands_are_exact_at_birthdays(personas):
    b1 = personas.tree.b1
    add_member(b1, "Tròn Ba Mươi", birth_date=date(1996, 1, 15))  # 30 today
    add_member(b1, "Sắp Ba Mươi", birth_date=date(1996, 1, 16))  # 29 until tomorrow
    add_member(b1, "Không Rõ", birth_date=None)
    user = personas.hq_admin
    assert names(members_for(user, age_band="u30", on=TODAY)) == ["Sắp Ba Mươi"]
    assert names(members_for(user, age_band="30_39", on=TODAY)) == ["Tròn Ba Mươi"]
    with pytest.raises(ValidationFailed):
        members_for(user, age_band="teen", on=TODAY)


def test_party_age_band_from_admission_date(personas):
    b1 = personas.tree.b1
    add_member(b1, "Lâu Năm", admitted_on=date(1990, 3, 1))  # 35 years
    add_member(b1, "Mới Vào", admitted_on=date(2024, 6, 1))
    add_member(b1, "Vừa Mười", admitted_on=date(2016, 1, 15))  # exactly 10 years
    user = personas.hq_admin
    assert names(members_for(user, party_age_band="30_39", on=TODAY)) == ["Lâu Năm"]
    assert names(members_for(user, party_age_band="u10", on=TODAY)) == ["Mới Vào"]
    assert names(members_for(user, party_age_band="10_19", on=TODAY)) == ["Vừa Mười"]


def test_theory_level_and_ethnicity_filters(personas):
    b1 = personas.tree.b1
    add_member(b1, "Cao Cấp", theory_level="advanced", ethnicity="01")
    add_member(b1, "Chưa Học", theory_level="", ethnicity="14")
    user = personas.hq_admin
    assert names(members_for(user, theory_level="advanced")) == ["Cao Cấp"]
    assert names(members_for(user, theory_level="none")) == ["Chưa Học"]
    assert names(members_for(user, ethnicity="14")) == ["Chưa Học"]
    with pytest.raises(ValidationFailed):
        members_for(user, theory_level="doctor")
    with pytest.raises(ValidationFailed):
        members_for(user, ethnicity="99")


def test_lookup_by_citizen_id_needs_the_sensitive_permission(personas):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu", citizen_id=CCCD)
    with pytest.raises(Forbidden):
        lookup_by_citizen_id(personas.branch_officer, CCCD)
    assert lookup_by_citizen_id(personas.hq_admin, "079 180 012 345") == [member]
    # Scoped: the outsider may look up, but not into P1.
    assert lookup_by_citizen_id(personas.outsider, CCCD) == []
    reads = SensitiveRead.objects.filter(target_id=str(member.pk))
    assert [r.actor_label for r in reads] == ["hq_admin"]


def test_lookup_refuses_malformed_numbers(personas):
    for bad in ("12345", "07918001234X", "0791800123456"):
        with pytest.raises(ValidationFailed):
            lookup_by_citizen_id(personas.hq_admin, bad)


def test_profile_shows_citizen_id_only_to_sensitive_roles(personas):
    member = add_member(personas.tree.b1, "Nguyễn Thị Thu", citizen_id=CCCD)
    assert member_profile(personas.hq_admin, member.pk, reason="test")["citizen_id"] == CCCD
    officer_view = member_profile(personas.branch_officer, member.pk, reason="test")
    assert "citizen_id" not in officer_view and officer_view["full_name"] == "Nguyễn Thị Thu"
    assert SensitiveRead.objects.filter(reason="test").count() == 2


def test_a_sparse_name_search_keeps_the_vietnamese_order(personas):
    """Few estimated matches: ordered NULLS FIRST so PostgreSQL collects them by the trigram
    index (queries/search.py SPARSE_MATCHES); the order is the same as a dense search's."""
    from django.db import connection

    from chibo.members.queries import search

    b1 = personas.tree.b1
    for name in ("Trần Văn Út", "Trần Văn An", "Trần Thị Vân", "Lê Văn Trân", "Trần Văn An"):
        add_member(b1, name)
    found = members_for(personas.hq_admin, q="tran van")
    assert names(found) == [
        "Trần Văn An",
        "Trần Văn An",
        "Lê Văn Trân",
        "Trần Văn Út",
        "Trần Thị Vân",
    ]
    assert [m.pk for m in found] == [m.pk for m in found.order_by("sort_name", "id")], (
        "the sparse ordering must equal the index ordering"
    )
    sparse = "NULLS FIRST" in str(found.query)
    assert sparse == (connection.vendor == "postgresql")
    # A card number search is not a name search: no estimate asked.
    card = members_for(personas.hq_admin, q="000")
    assert "NULLS FIRST" not in str(card.query)
    assert (
        search._estimated_rows(found) <= search.SPARSE_MATCHES or connection.vendor != "postgresql"
    )
