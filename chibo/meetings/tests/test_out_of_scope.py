"""Out of scope is 404 on every verb, and no refusal names anything out of scope (foundations
issue, finding 16: checking in to another ward's meeting answered 403 with that branch's name
while GET of the same meeting answered 404).

Every write of the meetings pages and API is tried by the outsider (staff of another ward) and
by a member of another branch; each answers 404 and the answer holds none of the names of B1's
meeting, its branch or the committees above it.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from chibo.testing.personas import make_member

from .. import actions
from ..models import Attendance, Meeting
from .support import hold, member_with_login, plan_meeting

pytestmark = pytest.mark.django_db

TITLE = "Họp chi bộ tháng bí mật"


@pytest.fixture
def b1(personas):
    """A B1 meeting an hour from now with a document and an open QR code, and a held one."""
    make_member(personas.tree.b1, "Trần Thị Bình")
    upcoming = plan_meeting(personas.branch_officer, personas.tree.b1, hours=1, title=TITLE)
    posted = actions.post_document(
        actor=personas.branch_officer,
        meeting_id=upcoming.pk,
        title="Dự thảo nghị quyết",
        file=SimpleUploadedFile("du-thao.txt", b"noi dung"),
    )
    code = actions.issue_check_in_token(actor=personas.branch_officer, meeting_id=upcoming.pk)
    held = hold(personas.branch_officer, plan_meeting(personas.branch_officer, personas.tree.b1))
    minutes = actions.save_minutes(
        actor=personas.branch_officer, meeting_id=held.pk, content="Kiểm điểm"
    )
    return {
        "m": upcoming.pk,
        "doc": posted.pk,
        "token": code.token,
        "held": held.pk,
        "v": minutes.version,
        "member": Attendance.objects.filter(meeting=held).values_list("member_id", flat=True)[0],
    }


def _day(delta: int) -> str:
    return (timezone.localdate() + timedelta(days=delta)).strftime("%d/%m/%Y")


def _iso(hours: int) -> str:
    return (timezone.now() + timedelta(hours=hours)).replace(microsecond=0).isoformat()


MEETING_FORM = {
    "kind": "regular",
    "title": "Họp",
    "day": _day(10),
    "start": "14:00",
    "end": "16:00",
    "place": "Hội trường",
}

# (path template, form or JSON body, is_api); templates take the fixture's keys.
WRITES = [
    ("/meetings/unit/B1/plan/", {"year": timezone.localdate().year + 1}, False),
    ("/meetings/unit/B1/new/", MEETING_FORM, False),
    ("/meetings/check-in/{token}/", {}, False),
    ("/meetings/{m}/edit/", MEETING_FORM, False),
    ("/meetings/{m}/agenda/", {"title": "Thêm"}, False),
    ("/meetings/{m}/agree/", {}, False),
    ("/meetings/{m}/notice/", {}, False),
    ("/meetings/{m}/documents/", {"title": "Tài liệu"}, False),
    ("/meetings/{m}/cancel/", {"reason": "Bão"}, False),
    ("/meetings/{held}/held/", {"day": _day(0), "start": "08:00", "end": "10:00"}, False),
    ("/meetings/{m}/qr/", {}, False),
    ("/meetings/{held}/attendance/mark/", {"member": "{member}", "status": "present"}, False),
    ("/meetings/{held}/minutes/", {"content": "Sửa"}, False),
    ("/meetings/{held}/minutes/sign/", {"as_role": "secretary"}, False),
    ("/meetings/{held}/minutes/revise/", {"reason": "Sửa"}, False),
    (
        "/api/v1/meetings",
        {"unit": "B1", "kind": "regular", "starts_at": _iso(48), "ends_at": _iso(50), "place": "X"},
        True,
    ),
    ("/api/v1/meetings/plans", {"unit": "B1", "year": timezone.localdate().year + 1}, True),
    ("/api/v1/meetings/{m}/check-in", {"token": "{token}"}, True),
    ("/api/v1/meetings/{m}/check-in", {"token": "wrong"}, True),
    ("/api/v1/meetings/{held}/attendance", {"member_id": "{member}", "status": "present"}, True),
    ("/api/v1/meetings/{held}/held", {"actual_start": _iso(-3), "actual_end": _iso(-2)}, True),
    ("/api/v1/meetings/{held}/minutes", {"content": "Sửa"}, True),
    ("/api/v1/meetings/{held}/minutes/sign", {"as_role": "secretary"}, True),
]
# GETs of the same things answer 404 too (the reference the writes must agree with).
READS = [
    "/meetings/{m}/",
    "/meetings/{m}/ics/",
    "/meetings/{m}/documents/{doc}/",
    "/meetings/{held}/minutes/{v}/pdf/",
    "/meetings/check-in/{token}/",
    "/api/v1/meetings/{m}",
    "/meetings/unit/B1/",
    "/api/v1/units/B1/meeting-warnings",
]


def _fill(value, keys):
    if isinstance(value, str):
        return value.format(**keys)
    if isinstance(value, dict):
        return {k: _fill(v, keys) for k, v in value.items()}
    return value


def _names(personas) -> list[str]:
    """What a refusal must not name (the unit code is in the URL the caller typed; pages echo
    their own URL, so codes are not checked)."""
    t = personas.tree
    return [TITLE, t.b1.name, t.g1.name, t.p1.name]


@pytest.fixture(params=["outsider", "other_branch_member"])
def stranger(request, personas):
    if request.param == "outsider":
        return personas.outsider
    _member, user = member_with_login(personas.tree.b2, "Phạm Văn Cường", "cuong")
    return user


@pytest.mark.parametrize(("path", "body", "is_api"), WRITES, ids=[w[0] for w in WRITES])
def test_every_write_out_of_scope_is_404_naming_nothing(personas, b1, stranger, path, body, is_api):
    client = Client()
    client.force_login(stranger)
    url = _fill(path, b1)
    data = _fill(body, b1)
    before = list(Meeting.objects.order_by("pk").values())
    if is_api:
        response = client.post(url, data, content_type="application/json")
    else:
        response = client.post(url, data)
    assert response.status_code == 404, (url, response.status_code, response.content[:300])
    text = response.content.decode()
    for name in _names(personas):
        assert name not in text, (url, name)
    assert list(Meeting.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("path", READS)
def test_the_same_things_read_out_of_scope_are_404(personas, b1, stranger, path):
    client = Client()
    client.force_login(stranger)
    response = client.get(_fill(path, b1))
    assert response.status_code == 404, (path, response.status_code)
    text = response.content.decode()
    for name in _names(personas):
        assert name not in text, (path, name)
