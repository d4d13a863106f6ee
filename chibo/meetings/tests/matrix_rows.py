"""Access-matrix rows of the meetings pages and API (chibo/access/tests/test_matrix.py)."""

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chibo.members.models import Member
from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

from .. import actions
from ..models import CheckInToken
from .support import hold, plan_meeting

MEMBER_PK = 90001
TOKEN = "matrix-check-in-token"


def _day(delta: int) -> str:
    return (timezone.localdate() + timedelta(days=delta)).strftime("%d/%m/%Y")


def _iso(hours: int) -> str:
    return (timezone.now() + timedelta(hours=hours)).replace(microsecond=0).isoformat()


def _b1_member(ctx: Ctx, *, linked_to: str | None = None) -> Member:
    member = Member.objects.create(
        pk=MEMBER_PK,
        unit=ctx.p.tree.b1,
        full_name="Nguyễn Văn Họp",
        search_name="nguyen van hop",
        gender="male",
        status="full",
        user=ctx.user(linked_to) if linked_to else None,
    )
    return member


def meeting(ctx: Ctx) -> None:
    """A B1 meeting an hour from now, its content agreed, a document and an open QR code."""
    _b1_member(ctx)
    m = plan_meeting(ctx.p.hq_admin, ctx.p.tree.b1, hours=1)
    actions.agree_content(actor=ctx.p.hq_admin, meeting_id=m.pk)
    actions.post_document(
        actor=ctx.p.hq_admin,
        meeting_id=m.pk,
        title="Dự thảo nghị quyết",
        file=SimpleUploadedFile("du-thao.txt", b"noi dung"),
    )
    code = actions.issue_check_in_token(actor=ctx.p.hq_admin, meeting_id=m.pk)
    CheckInToken.objects.filter(pk=code.pk).update(token=TOKEN)
    ctx.tokens["meeting"] = m.pk
    ctx.tokens["document"] = m.documents.get().pk


def meeting_officer_member(ctx: Ctx) -> None:
    """As `meeting`, with branch_officer's login linked to a member of B1 (they check in)."""
    meeting(ctx)
    Member.objects.filter(pk=MEMBER_PK).update(user=ctx.p.branch_officer)


def held(ctx: Ctx) -> None:
    """A B1 meeting that took place, with draft minutes."""
    meeting(ctx)
    m = hold(ctx.p.hq_admin, plan_meeting(ctx.p.hq_admin, ctx.p.tree.b1, hours=30))
    actions.save_minutes(
        actor=ctx.p.hq_admin,
        meeting_id=m.pk,
        content="Kiểm điểm công tác tháng",
        conclusions="Thống nhất phương hướng",
    )
    ctx.tokens["held"] = m.pk


def m(path: str, key: str = "meeting") -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


def doc(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens["meeting"], ctx.tokens["document"])


MEETING_FORM: dict[str, Any] = {
    "kind": "regular",
    "title": "Họp chi bộ",
    "day": _day(10),
    "start": "14:00",
    "end": "16:00",
    "place": "Hội trường",
    "agenda": "Kiểm điểm\nPhương hướng",
}
NEXT_YEAR = timezone.localdate().year + 1

ROWS: list[Row] = [
    Row(
        "meetings/",
        "GET",
        fixed("/meetings/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "meetings/unit/<str:code>/",
        "GET",
        fixed("/meetings/unit/B1/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "meetings/unit/<str:code>/plan/",
        "POST",
        fixed("/meetings/unit/B1/plan/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"year": NEXT_YEAR},
    ),
    Row(
        "meetings/unit/<str:code>/new/",
        "GET",
        fixed("/meetings/unit/B1/new/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "meetings/unit/<str:code>/new/",
        "POST",
        fixed("/meetings/unit/B1/new/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=MEETING_FORM,
    ),
    Row(
        "meetings/unit/<str:code>/warnings/",
        "GET",
        fixed("/meetings/unit/B1/warnings/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "meetings/unit/<str:code>/quality/",
        "GET",
        fixed("/meetings/unit/P1/quality/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "meetings/check-in/<str:token>/",
        "GET",
        fixed(f"/meetings/check-in/{TOKEN}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/check-in/<str:token>/",
        "POST",
        fixed(f"/meetings/check-in/{TOKEN}/"),
        Expect(
            hq_admin=403,
            branch_officer=302,
            outsider=404,
            member=302,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting_officer_member,
        note="branch_officer is a member of B1",
    ),
    Row(
        "meetings/<int:pk>/",
        "GET",
        m("/meetings/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/edit/",
        "GET",
        m("/meetings/{}/edit/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/edit/",
        "POST",
        m("/meetings/{}/edit/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=MEETING_FORM,
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/agenda/",
        "POST",
        m("/meetings/{}/agenda/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"title": "Kết nạp đảng viên"},
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/agree/",
        "POST",
        m("/meetings/{}/agree/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/notice/",
        "POST",
        m("/meetings/{}/notice/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/documents/",
        "POST",
        m("/meetings/{}/documents/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"title": "Báo cáo tháng"},
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/documents/<int:doc>/",
        "GET",
        doc("/meetings/{}/documents/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/cancel/",
        "POST",
        m("/meetings/{}/cancel/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"reason": "Mưa bão"},
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/held/",
        "POST",
        m("/meetings/{}/held/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"day": _day(-1), "start": "08:00", "end": "10:00"},
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/qr/",
        "GET",
        m("/meetings/{}/qr/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/qr/",
        "POST",
        m("/meetings/{}/qr/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/ics/",
        "GET",
        m("/meetings/{}/ics/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/attendance/",
        "GET",
        m("/meetings/{}/attendance/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/attendance/mark/",
        "POST",
        m("/meetings/{}/attendance/mark/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"member": MEMBER_PK, "status": "excused", "reason": "Ốm"},
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/attendance/all-present/",
        "POST",
        m("/meetings/{}/attendance/all-present/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=meeting,
    ),
    Row(
        "meetings/<int:pk>/minutes/",
        "GET",
        m("/meetings/{}/minutes/", "held"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=held,
    ),
    Row(
        "meetings/<int:pk>/minutes/",
        "POST",
        m("/meetings/{}/minutes/", "held"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"content": "Nội dung", "conclusions": "Kết luận", "vote_title": ""},
        setup=held,
    ),
    Row(
        "meetings/<int:pk>/minutes/sign/",
        "POST",
        m("/meetings/{}/minutes/sign/", "held"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"as_role": "secretary"},
        setup=held,
    ),
    Row(
        "meetings/<int:pk>/minutes/revise/",
        "POST",
        m("/meetings/{}/minutes/revise/", "held"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"reason": "Sửa lỗi chính tả"},
        setup=held,
    ),
    Row(
        "meetings/<int:pk>/minutes/<int:version>/pdf/",
        "GET",
        m("/meetings/{}/minutes/1/pdf/", "held"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=held,
    ),
    Row(
        "meetings/<int:pk>/minutes/<int:version>/docx/",
        "GET",
        m("/meetings/{}/minutes/1/docx/", "held"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=held,
    ),
    # --- API ------------------------------------------------------------------------------------
    Row(
        "GET /api/v1/meetings",
        "GET",
        fixed("/api/v1/meetings?unit=B1"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "POST /api/v1/meetings",
        "POST",
        fixed("/api/v1/meetings"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={
            "unit": "B1",
            "kind": "regular",
            "starts_at": _iso(240),
            "ends_at": _iso(242),
            "place": "Hội trường",
            "agenda": ["Kiểm điểm"],
        },
    ),
    Row(
        "POST /api/v1/meetings/plans",
        "POST",
        fixed("/api/v1/meetings/plans"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"unit": "B1", "year": NEXT_YEAR},
    ),
    Row(
        "GET /api/v1/meetings/{meeting_id}",
        "GET",
        m("/api/v1/meetings/{}"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=meeting,
    ),
    Row(
        "POST /api/v1/meetings/{meeting_id}/check-in",
        "POST",
        m("/api/v1/meetings/{}/check-in"),
        Expect(
            hq_admin=403,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"token": TOKEN},
        setup=meeting_officer_member,
        note="branch_officer is a member of B1",
    ),
    Row(
        "POST /api/v1/meetings/{meeting_id}/attendance",
        "POST",
        m("/api/v1/meetings/{}/attendance"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"member_id": MEMBER_PK, "status": "excused", "reason": "Ốm"},
        setup=meeting,
    ),
    Row(
        "POST /api/v1/meetings/{meeting_id}/held",
        "POST",
        m("/api/v1/meetings/{}/held"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"actual_start": _iso(-20), "actual_end": _iso(-18)},  # within a day of the plan
        setup=meeting,
    ),
    Row(
        "POST /api/v1/meetings/{meeting_id}/minutes",
        "POST",
        m("/api/v1/meetings/{}/minutes", "held"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={
            "opinions": "Đồng chí A phát biểu",
            "votes": [{"title": "Nghị quyết", "votes_for": 0}],
        },
        setup=held,
    ),
    Row(
        "POST /api/v1/meetings/{meeting_id}/minutes/sign",
        "POST",
        m("/api/v1/meetings/{}/minutes/sign", "held"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"as_role": "chair"},
        setup=held,
    ),
    Row(
        "GET /api/v1/units/{code}/meeting-warnings",
        "GET",
        fixed("/api/v1/units/B1/meeting-warnings"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    # Which branches did not meet last month: each persona sees the branches of its reach;
    # under a unit out of reach, 404.
    Row(
        "meetings/not-met/",
        "GET",
        fixed("/meetings/not-met/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "meetings/not-met/",
        "GET",
        fixed("/meetings/not-met/?don_vi=G1"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        note="under G1",
    ),
]
