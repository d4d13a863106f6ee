"""Access-matrix rows of the recruitment pages and API (chibo/access/tests/test_matrix.py)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed
from chibo.training.tests.support import finished_course

from .. import actions
from ..models import Step
from .support import new_candidate

NAME = "Quần Chúng Ma Trận"
MARKERS = (("B1", NAME),)
CERTIFICATE = "GCN-P1-2026-0001"


def candidate(ctx: Ctx) -> None:
    """A candidate of B1 just listed, with an awareness certificate issued by P1 in their name,
    and an open awareness course at P1."""
    c = new_candidate(ctx.p.hq_admin, ctx.p.tree.b1, NAME)
    finished_course(ctx.p.hq_admin, ctx.p.tree.p1, [(NAME, c.birth_date, ctx.p.tree.b1)])
    from chibo.training.actions import create_course

    course = create_course(
        actor=ctx.p.hq_admin,
        unit=ctx.p.tree.p1,
        kind="awareness",
        title="Lớp nhận thức khóa 2",
        mode="in_person",
        place="Hội trường",
        starts_on=date(2026, 11, 2),
        ends_on=date(2026, 12, 30),
    )
    ctx.tokens["candidate"] = c.pk
    ctx.tokens["course"] = course.pk


def with_document(ctx: Ctx) -> None:
    """As `candidate`, the awareness step recorded with a scanned document."""
    candidate(ctx)
    from ..models import Candidate

    row = actions.record_step(
        actor=ctx.p.hq_admin,
        candidate=Candidate.objects.get(pk=ctx.tokens["candidate"]),
        step=Step.AWARENESS_COURSE,
        done_on=date(2026, 1, 12),
        certificate_number=CERTIFICATE,
        document=SimpleUploadedFile("gcn.pdf", b"%PDF-1.4 gcn"),
    )
    ctx.tokens["step"] = row.pk


def c(path: str, key: str = "candidate") -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


VIEW = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=404,
    member=403,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
WRITE = Expect(
    hq_admin=302,
    branch_officer=302,
    outsider=404,
    member=403,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
)
API_VIEW = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=404,
    member=403,
    inspector=200,
    leader=200,
    anonymous=A401,
)

ROWS: list[Row] = [
    Row(
        "recruitment/",
        "GET",
        fixed("/recruitment/"),
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
        "recruitment/card/",
        "GET",
        fixed("/recruitment/card/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=candidate,
        markers=MARKERS,
    ),
    Row(
        "recruitment/unit/<str:code>/",
        "GET",
        fixed("/recruitment/unit/B1/"),
        VIEW,
        setup=candidate,
        markers=MARKERS,
    ),
    Row(
        "recruitment/unit/<str:code>/",
        "GET",
        fixed("/recruitment/unit/P1/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=candidate,
        markers=MARKERS,
        note="the ward: its subtree",
    ),
    Row(
        "recruitment/unit/<str:code>/tally/",
        "GET",
        fixed("/recruitment/unit/G1/tally/"),
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
        "recruitment/unit/<str:code>/target/",
        "POST",
        fixed("/recruitment/unit/B1/target/"),
        WRITE,
        data={"year": 2026, "target": 3},
    ),
    Row(
        "recruitment/unit/<str:code>/candidates/new/",
        "GET",
        fixed("/recruitment/unit/B1/candidates/new/"),
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
        "recruitment/unit/<str:code>/candidates/new/",
        "POST",
        fixed("/recruitment/unit/B1/candidates/new/"),
        WRITE,
        data={
            "full_name": "Trần Văn Mới",
            "gender": "male",
            "birth_date": "20/05/1998",
            "general_education": "12/12",
            "occupation": "Kỹ sư",
        },
    ),
    Row(
        "recruitment/candidates/<int:pk>/",
        "GET",
        c("/recruitment/candidates/{}/"),
        VIEW,
        setup=candidate,
        markers=MARKERS,
    ),
    Row(
        "recruitment/candidates/<int:pk>/steps/",
        "POST",
        c("/recruitment/candidates/{}/steps/"),
        WRITE,
        setup=candidate,
        data={
            "step": "awareness_course",
            "done_on": "12/01/2026",
            "certificate_number": CERTIFICATE,
        },
    ),
    Row(
        "recruitment/candidates/<int:pk>/age-exception/",
        "POST",
        c("/recruitment/candidates/{}/age-exception/"),
        WRITE,
        setup=candidate,
        data={"number": "45-QĐ/TU", "on": "20/05/2026"},
    ),
    Row(
        "recruitment/candidates/<int:pk>/withdraw/",
        "POST",
        c("/recruitment/candidates/{}/withdraw/"),
        WRITE,
        setup=candidate,
        data={"reason": "Chuyển công tác"},
    ),
    Row(
        "recruitment/candidates/<int:pk>/enrol/",
        "POST",
        c("/recruitment/candidates/{}/enrol/"),
        WRITE,
        setup=candidate,
        data={},
        note="no course chosen: the form's refusal, after access",
    ),
    Row(
        "recruitment/steps/<int:pk>/document/",
        "GET",
        c("/recruitment/steps/{}/document/", "step"),
        VIEW,
        setup=with_document,
    ),
    Row(
        "GET /api/v1/units/{code}/recruitment",
        "GET",
        fixed("/api/v1/units/B1/recruitment?year=2026"),
        API_VIEW,
        setup=candidate,
    ),
    Row(
        "GET /api/v1/candidates",
        "GET",
        fixed("/api/v1/candidates?unit=B1"),
        API_VIEW,
        setup=candidate,
        markers=MARKERS,
    ),
    Row(
        "POST /api/v1/candidates/{candidate_id}/steps",
        "POST",
        c("/api/v1/candidates/{}/steps"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=candidate,
        data={
            "step": "awareness_course",
            "done_on": "2026-01-12",
            "certificate_number": CERTIFICATE,
        },
    ),
]
