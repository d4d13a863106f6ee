"""Access-matrix rows of the training pages and API (chibo/access/tests/test_matrix.py)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

from .. import actions
from .support import finished_course

LEARNER = "Học Viên Ma Trận"
MARKERS = (("B1", LEARNER),)
NUMBER = "GCN-P1-2026-0001"


def course(ctx: Ctx) -> None:
    """A running course of P1 with a session, a learner of B1 and an uploaded material; and a
    finished one whose certificate GCN-P1-2026-0001 went to another learner of B1."""
    finished_course(ctx.p.hq_admin, ctx.p.tree.p1, [(LEARNER, date(2000, 2, 3), ctx.p.tree.b1)])
    running = actions.create_course(
        actor=ctx.p.hq_admin,
        unit=ctx.p.tree.p1,
        kind="theory_elementary",
        title="Sơ cấp lý luận chính trị khóa 5",
        mode="online",
        video_url="https://hoc.example.vn/so-cap",
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 12, 31),
    )
    session = actions.add_session(
        actor=ctx.p.hq_admin, course=running, held_on=date(2026, 1, 6), topic="Bài 1"
    )
    actions.enrol_person(
        actor=ctx.p.hq_admin,
        course=running,
        full_name="Người Học Hai",
        birth_date=date(1999, 1, 1),
        unit=ctx.p.tree.b1,
    )
    material = actions.add_material(
        actor=ctx.p.hq_admin,
        course=running,
        title="Giáo trình",
        file=SimpleUploadedFile("giao-trinh.txt", b"bai 1"),
    )
    ctx.tokens["course"] = running.pk
    ctx.tokens["session"] = session.pk
    ctx.tokens["material"] = material.pk
    from ..models import Certificate

    ctx.tokens["certificate"] = Certificate.objects.get(number=NUMBER).pk


def k(path: str, *keys: str) -> UrlFn:
    return lambda ctx, persona: path.format(*(ctx.tokens[key] for key in keys or ("course",)))


P1_VIEW = Expect(
    hq_admin=200,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
P1_WRITE = Expect(
    hq_admin=302,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
)
PUBLIC = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=200,
    member=200,
    inspector=200,
    leader=200,
    anonymous=200,
)

ROWS: list[Row] = [
    Row(
        "training/",
        "GET",
        fixed("/training/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=403,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "training/unit/<str:code>/",
        "GET",
        fixed("/training/unit/P1/"),
        P1_VIEW,
        setup=course,
        markers=MARKERS,
    ),
    Row(
        "training/unit/<str:code>/",
        "GET",
        fixed("/training/unit/B1/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=course,
        markers=MARKERS,
        note="a branch: its needs",
    ),
    Row(
        "training/unit/<str:code>/courses/new/",
        "GET",
        fixed("/training/unit/P1/courses/new/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "training/unit/<str:code>/courses/new/",
        "POST",
        fixed("/training/unit/P1/courses/new/"),
        P1_WRITE,
        data={
            "kind": "thematic",
            "title": "Chuyên đề học tập và làm theo",
            "mode": "in_person",
            "place": "Hội trường",
            "starts_on": "02/03/2026",
            "ends_on": "06/03/2026",
        },
    ),
    Row("training/courses/<int:pk>/", "GET", k("/training/courses/{}/"), P1_VIEW, setup=course),
    Row(
        "training/courses/<int:pk>/sessions/",
        "POST",
        k("/training/courses/{}/sessions/"),
        P1_WRITE,
        setup=course,
        data={"held_on": "13/01/2026", "topic": "Bài 2", "teacher": "ThS. Lê Văn Giảng"},
    ),
    Row(
        "training/courses/<int:pk>/teachers/",
        "POST",
        k("/training/courses/{}/teachers/"),
        P1_WRITE,
        setup=course,
        data={"full_name": "ThS. Lê Văn Giảng", "position": "Trung tâm chính trị"},
    ),
    Row(
        "training/courses/<int:pk>/materials/",
        "POST",
        k("/training/courses/{}/materials/"),
        P1_WRITE,
        setup=course,
        data={"title": "Tài liệu"},
        note="neither document nor file: the action's refusal, after access",
    ),
    Row(
        "training/courses/<int:pk>/enrol/",
        "POST",
        k("/training/courses/{}/enrol/"),
        P1_WRITE,
        setup=course,
        data={"full_name": "Người Học Ba", "birth_date": "01/02/2001"},
    ),
    Row(
        "training/courses/<int:pk>/sessions/<int:session_pk>/attendance/",
        "POST",
        k("/training/courses/{}/sessions/{}/attendance/", "course", "session"),
        P1_WRITE,
        setup=course,
        data={},
    ),
    Row(
        "training/courses/<int:pk>/grades/",
        "POST",
        k("/training/courses/{}/grades/"),
        P1_WRITE,
        setup=course,
        data={},
    ),
    Row(
        "training/courses/<int:pk>/quiz/",
        "POST",
        k("/training/courses/{}/quiz/"),
        P1_WRITE,
        setup=course,
        data={},
        note="no quiz chosen: the form's refusal, after access",
    ),
    Row(
        "training/courses/<int:pk>/finish/",
        "POST",
        k("/training/courses/{}/finish/"),
        P1_WRITE,
        setup=course,
        data={"finished_on": "30/01/2026"},
    ),
    Row(
        "training/materials/<int:pk>/file/",
        "GET",
        k("/training/materials/{}/file/", "material"),
        P1_VIEW,
        setup=course,
    ),
    Row(
        "training/certificates/<int:pk>/pdf/",
        "GET",
        k("/training/certificates/{}/pdf/", "certificate"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=course,
    ),
    Row("training/verify/", "GET", fixed("/training/verify/"), PUBLIC),
    Row(
        "training/verify/<str:number>/",
        "GET",
        fixed(f"/training/verify/{NUMBER}/"),
        PUBLIC,
        setup=course,
        allow=(LEARNER,),
        note="the holder's name is what verification shows",
    ),
    Row(
        "training/members/<int:pk>/certificates/",
        "GET",
        lambda ctx, persona: f"/training/members/{ctx.p.member_record.pk}/certificates/",  # type: ignore[union-attr]
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        note="the member persona's own record",
    ),
    Row(
        "GET /api/v1/courses",
        "GET",
        fixed("/api/v1/courses?unit=P1"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=course,
    ),
    Row(
        "GET /api/v1/certificates/{number}/verify",
        "GET",
        fixed(f"/api/v1/certificates/{NUMBER}/verify"),
        PUBLIC,
        setup=course,
        allow=(LEARNER,),
    ),
]
