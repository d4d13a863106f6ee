from datetime import date

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent, SensitiveRead
from chibo.audit.recorder import record_read
from chibo.core.errors import Forbidden, NotFound
from chibo.members import actions, queries
from chibo.members.models import EventKind, Member, MemberStatus
from chibo.testing.personas import make_user

CITIZEN_ID = "079190001234"


def _admit(p, unit=None, **extra):
    fields = {
        "full_name": "Nguyễn Thị Thu",
        "gender": "female",
        "birth_date": date(1990, 5, 4),
        "decision_on": date(2024, 3, 1),
        "ceremony_on": date(2024, 3, 20),
        "decision_number": "12-QĐ/ĐU",
        "deciding_body": "Đảng ủy Công ty A",
        "citizen_id": CITIZEN_ID,
        **extra,
    }
    return actions.admit_member(actor=p.hq_admin, unit=unit or p.tree.b1, **fields)


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(member, suffix=""):
    return f"/members/{member.pk}/{suffix}"


@pytest.fixture
def member(personas):
    return _admit(personas)


@pytest.fixture
def own_user(personas, member):
    """A plain member (role `member` on B1) whose login is linked to the record."""
    user = make_user("dangvien", (personas.tree.b1, Role.MEMBER))
    Member.objects.filter(pk=member.pk).update(user=user)
    return user


# --- the page: allowed, forbidden, out of scope -----------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("hq_admin", 200), ("branch_officer", 200), ("outsider", 404), ("anonymous", 302)],
)
def test_profile_page_access(personas, member, persona, expected):
    user = None if persona == "anonymous" else getattr(personas, persona)
    response = _client(user).get(_url(member))
    assert response.status_code == expected
    if expected == 200:
        assert "Nguyễn Thị Thu" in response.text and "12-QĐ/ĐU" in response.text


def test_absent_member_is_404(personas):
    assert _client(personas.hq_admin).get("/members/999999/").status_code == 404


def test_plain_member_sees_own_record_not_others(personas, member, own_user):
    other = _admit(personas, citizen_id="", full_name="Trần Văn Bình")
    client = _client(own_user)
    response = client.get(_url(member))
    assert response.status_code == 200
    assert CITIZEN_ID in response.text  # their own citizen ID
    assert "Sửa thông tin" not in response.text  # no edit form for a plain member
    assert client.get(_url(other)).status_code == 403  # in reach (B1), no members.view


def test_citizen_id_hidden_from_branch_officer_shown_to_hq_admin(personas, member):
    officer = _client(personas.branch_officer).get(_url(member))
    admin = _client(personas.hq_admin).get(_url(member))
    assert CITIZEN_ID not in officer.text and "Số CCCD" not in officer.text
    assert CITIZEN_ID in admin.text
    assert "citizen_id" not in queries.visible_fields(personas.branch_officer, member)
    assert "citizen_id" in queries.visible_fields(personas.hq_admin, member)


def test_every_profile_view_writes_one_sensitive_read(personas, member):
    client = _client(personas.branch_officer)
    client.get(_url(member))
    client.get(_url(member))
    reads = list(SensitiveRead.objects.order_by("id"))
    assert len(reads) == 2
    read = reads[0]
    assert (read.actor_id, read.target_id, read.unit_id, read.reason) == (
        personas.branch_officer.pk,
        str(member.pk),
        personas.tree.b1.pk,
        "profile page",
    )
    assert read.target_type == "members.member"


def test_refused_views_write_no_read(personas, member):
    _client(personas.outsider).get(_url(member))
    _client().get(_url(member))
    assert SensitiveRead.objects.count() == 0


def test_query_records_read_with_reason_and_refuses(personas, member):
    queries.get_profile_for_user(personas.hq_admin, member.pk, reason="api detail")
    assert SensitiveRead.objects.get().reason == "api detail"
    with pytest.raises(NotFound):
        queries.get_profile_for_user(personas.outsider, member.pk, reason="api detail")
    plain = make_user("plain", (personas.tree.b1, Role.MEMBER))
    with pytest.raises(Forbidden):
        queries.get_profile_for_user(plain, member.pk, reason="api detail")
    assert SensitiveRead.objects.count() == 1


def test_timeline_newest_first_with_decision(personas, member):
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.FULL_MEMBERSHIP,
        effective_on=date(2025, 4, 1),
        decision_number="30-QĐ/ĐU",
        deciding_body="Đảng ủy Công ty A",
    )
    events = list(queries.events_of(personas.branch_officer, member))
    assert [e.kind for e in events] == [EventKind.FULL_MEMBERSHIP, EventKind.ADMISSION]
    text = _client(personas.branch_officer).get(_url(member)).text
    assert text.index("30-QĐ/ĐU") < text.index("12-QĐ/ĐU")
    assert "01/04/2025" in text and "20/03/2025" in text  # decided late, full from 20/3/2025


def test_partial_birth_date_shown_by_precision(personas, member):
    Member.objects.filter(pk=member.pk).update(
        birth_date=date(1950, 7, 1), birth_date_precision="month"
    )
    text = _client(personas.hq_admin).get(_url(member)).text
    assert "07/1950" in text and "01/07/1950" not in text


def test_religion_code_shown_as_its_name(personas, member):
    Member.objects.filter(pk=member.pk).update(religion="buddhism")
    assert "Phật giáo" in _client(personas.hq_admin).get(_url(member)).text


def test_party_age_shown(personas, member):
    text = _client(personas.hq_admin).get(_url(member)).text
    assert "Tuổi đảng" in text and " năm " in text


# --- edit ---------------------------------------------------------------------------------------

EDIT = {"full_name": "Nguyễn Thị Thu Hà", "gender": "female", "birth": "04/05/1990"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("hq_admin", 302), ("branch_officer", 302), ("outsider", 404), ("anonymous", 302)],
)
def test_edit_access(personas, member, persona, expected):
    user = None if persona == "anonymous" else getattr(personas, persona)
    response = _client(user).post(_url(member, "edit/"), EDIT)
    assert response.status_code == expected
    member.refresh_from_db()
    changed = persona in ("hq_admin", "branch_officer")
    assert (member.full_name == EDIT["full_name"]) is changed
    if changed:
        assert response.headers["Location"] == _url(member)
        assert AuditEvent.objects.filter(action="members.update_member").count() == 1


def test_own_member_cannot_edit(personas, member, own_user):
    response = _client(own_user).post(_url(member, "edit/"), EDIT)
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Thị Thu"


def test_edit_partial_birth_date(personas, member):
    response = _client(personas.branch_officer).post(
        _url(member, "edit/"), {**EDIT, "birth": "1990"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.birth_date, member.birth_date_precision) == (date(1990, 1, 1), "year")


def test_officer_edit_keeps_citizen_id(personas, member):
    """The officer's form has no citizen ID field; saving it must not blank the number."""
    _client(personas.branch_officer).post(_url(member, "edit/"), EDIT)
    member.refresh_from_db()
    assert member.citizen_id == CITIZEN_ID
    response = _client(personas.branch_officer).post(
        _url(member, "edit/"), {**EDIT, "citizen_id": "079190009999"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.citizen_id == CITIZEN_ID


def test_admin_edits_citizen_id_and_audit_hides_it(personas, member):
    response = _client(personas.hq_admin).post(
        _url(member, "edit/"), {**EDIT, "citizen_id": "079190009999"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.citizen_id == "079190009999"
    event = AuditEvent.objects.get(action="members.update_member")
    assert event.changes["citizen_id"] == ["***", "***"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**EDIT, "birth": "31/02/1990"}, "dd/mm/yyyy"),
        ({**EDIT, "birth": "05/2024"}, "Ngày sinh phải trước ngày vào Đảng"),
        ({**EDIT, "full_name": ""}, "This field is required"),
    ],
)
def test_edit_refuses_bad_input(personas, member, data, message, settings):
    settings.LANGUAGE_CODE = "vi"
    before = AuditEvent.objects.count()
    response = _client(personas.branch_officer).post(_url(member, "edit/"), data)
    assert response.status_code == 400
    assert message in response.text or "bắt buộc" in response.text
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Thị Thu" and member.birth_date == date(1990, 5, 4)
    assert AuditEvent.objects.count() == before


# --- life events --------------------------------------------------------------------------------

FULL = {
    "kind": EventKind.FULL_MEMBERSHIP,
    "effective_on": "01/04/2025",
    "decision_number": "30-QĐ/ĐU",
    "deciding_body": "Đảng ủy Công ty A",
}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("hq_admin", 302), ("branch_officer", 302), ("outsider", 404), ("anonymous", 302)],
)
def test_event_access(personas, member, persona, expected):
    user = None if persona == "anonymous" else getattr(personas, persona)
    response = _client(user).post(_url(member, "events/"), FULL)
    assert response.status_code == expected
    member.refresh_from_db()
    full = persona in ("hq_admin", "branch_officer")
    assert (member.status == MemberStatus.FULL) is full


def test_own_member_cannot_record_events(personas, member, own_user):
    response = _client(own_user).post(_url(member, "events/"), FULL)
    assert response.status_code == 403
    assert member.events.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**FULL, "effective_on": "01/02/2024"}, "trước biến động gần nhất"),
        ({**FULL, "effective_on": "01/01/2025"}, "Chưa hết 12 tháng dự bị"),
        ({**FULL, "effective_on": "31/04/2025"}, "effective_on"),
        ({"kind": EventKind.TRANSFER_OUT, "effective_on": "01/04/2025", "to_unit": "G1"}, "chi bộ"),
        (
            {"kind": EventKind.TRANSFER_OUT, "effective_on": "01/04/2025", "to_unit": ""},
            "mã chi bộ",
        ),
        ({"kind": EventKind.TRANSFER_OUT, "effective_on": "01/04/2025", "to_unit": "NOPE"}, "NOPE"),
        ({"kind": EventKind.ADMISSION, "effective_on": "01/04/2025"}, "kind"),
    ],
)
def test_event_refuses_bad_input(personas, member, data, message):
    before = AuditEvent.objects.count()
    response = _client(personas.branch_officer).post(_url(member, "events/"), data)
    assert response.status_code == 400
    assert message in response.text or 'name="' + message in response.text
    assert member.events.count() == 1
    assert AuditEvent.objects.count() == before


def test_transfer_is_received_by_the_receiving_branch(personas, member):
    """B1 sends the member to G2 (another ward); G2's committee opens the profile and receives."""
    response = _client(personas.branch_officer).post(
        _url(member, "events/"),
        {"kind": EventKind.TRANSFER_OUT, "effective_on": "01/04/2025", "to_unit": "G2"},
    )
    assert response.status_code == 302
    receiver = _client(personas.outsider)
    page = receiver.get(_url(member))
    assert page.status_code == 200 and "Đang chuyển đến" in page.text
    assert CITIZEN_ID not in page.text  # the member is not yet theirs: no sensitive fields
    refused = receiver.post(
        _url(member, "events/"), {"kind": EventKind.REMOVAL, "effective_on": "02/04/2025"}
    )
    assert refused.status_code == 404  # B1's member is out of P2's reach for anything else
    received = receiver.post(
        _url(member, "events/"),
        {"kind": EventKind.TRANSFER_IN, "effective_on": "10/04/2025", "to_unit": "G2"},
    )
    assert received.status_code == 302
    member.refresh_from_db()
    assert member.unit_id == personas.tree.g2.pk
    assert _client(personas.branch_officer).get(_url(member)).status_code == 404


# --- admission ----------------------------------------------------------------------------------

ADMIT = {
    "unit": "B1",
    "full_name": "Lê Văn Cường",
    "gender": "male",
    "birth_date": "02/09/1995",
    "decision_on": "15/01/2026",
    "decision_number": "5-QĐ/ĐU",
    "ceremony_on": "03/02/2026",
}


@pytest.mark.parametrize(
    ("persona", "get", "post"),
    [
        ("hq_admin", 200, 302),
        ("branch_officer", 200, 302),
        ("outsider", 200, 404),
        ("anonymous", 302, 302),
    ],
)
def test_admit_access(personas, persona, get, post):
    user = None if persona == "anonymous" else getattr(personas, persona)
    client = _client(user)
    assert client.get("/members/admit/").status_code == get
    response = client.post("/members/admit/", ADMIT)
    assert response.status_code == post
    admitted = Member.objects.filter(full_name="Lê Văn Cường").first()
    assert (admitted is not None) is (post == 302 and persona != "anonymous")
    if admitted:
        assert response.headers["Location"] == _url(admitted)
        assert admitted.status == MemberStatus.PROBATIONARY and admitted.unit.code == "B1"


def test_admit_refused_without_members_manage(personas):
    plain = make_user("plain", (personas.tree.b1, Role.MEMBER))
    assert _client(plain).get("/members/admit/").status_code == 403
    assert _client(plain).post("/members/admit/", ADMIT).status_code == 403
    assert not Member.objects.exists()


def test_admit_preselects_the_officers_branch(personas):
    text = _client(personas.branch_officer).get("/members/admit/").text
    assert 'value="B1"' in text
    assert 'name="citizen_id"' not in text
    assert 'name="citizen_id"' in _client(personas.hq_admin).get("/members/admit/").text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**ADMIT, "birth_date": "02/09/2010"}, "đủ 18 tuổi"),
        ({**ADMIT, "unit": "G1"}, "chỉ sinh hoạt ở chi bộ"),
        ({**ADMIT, "ceremony_on": "01/01/2026"}, "không thể trước quyết định kết nạp"),
        ({**ADMIT, "citizen_id": "079190001234"}, "CCCD"),  # a woman's number for a man
        ({**ADMIT, "decision_on": "31/02/2026"}, "decision_on"),
    ],
)
def test_admit_refuses_bad_input(personas, data, message):
    response = _client(personas.hq_admin).post("/members/admit/", data)
    assert response.status_code == 400
    assert message in response.text
    assert not Member.objects.exists()
    assert not AuditEvent.objects.filter(action="members.admit_member").exists()


def test_admit_second_member_with_same_citizen_id(personas, member):
    response = _client(personas.hq_admin).post(
        "/members/admit/",
        {**ADMIT, "gender": "female", "birth_date": "04/05/1990", "citizen_id": CITIZEN_ID},
    )
    assert response.status_code == 400
    assert "đã là đảng viên" in response.text
    assert Member.objects.count() == 1


# --- the read log is append-only ----------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
@pytest.mark.parametrize("statement", ["UPDATE {} SET reason = 'x'", "DELETE FROM {}"])
def test_read_log_rejects_update_and_delete(personas, member, statement):
    record_read(actor=personas.hq_admin, target=member, unit=member.unit, reason="test")
    table = SensitiveRead._meta.db_table
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table))
    assert SensitiveRead.objects.get().reason == "test"


def test_read_log_rejects_orm_update_on_postgres(personas, member):
    read = record_read(actor=personas.hq_admin, target=member, unit=member.unit, reason="test")
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL")
    with pytest.raises(DatabaseError), transaction.atomic():
        SensitiveRead.objects.filter(pk=read.pk).delete()
    assert SensitiveRead.objects.filter(pk=read.pk).exists()
