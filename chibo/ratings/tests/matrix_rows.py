"""Access-matrix rows of the ratings pages and API (chibo/access/tests/test_matrix.py).

The setup opens P1's member round of 2025 (the matrix member in B1, the marker members of B1
and B2 are rated); `decided` also takes every rating through the branch and the decision, all
"good", so the leader may close the round."""

from datetime import date

from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.org.models import OrgUnit
from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed
from chibo.testing.personas import make_user

from ..actions.assessments import assess_rating
from ..actions.rounds import open_round
from ..models import Rating

OPENED = date(2025, 12, 1)
RATING_PK = 990001
GOOD = {"tasks_on_time": True, "exceeding_percent": 0, "shortcomings_fixed": True}


def opened(ctx: Ctx) -> None:
    rnd = open_round(actor=ctx.p.hq_admin, unit=ctx.p.tree.p1, year=2025, kind="member", on=OPENED)
    ctx.tokens["round"] = rnd.pk
    record = ctx.p.member_record
    assert record is not None
    ctx.tokens["member"] = record.pk
    # A fixed id, so that the API row's body can name it.
    Rating.objects.filter(round=rnd, member=record).update(id=RATING_PK)
    ctx.tokens["rating"] = RATING_PK


def _secretary_of(unit: OrgUnit) -> User:
    name = f"matrix_secretary_{unit.code.lower()}"
    user = User.objects.filter(username=name).first()
    if user is None:
        user = make_user(name)
        Grant.objects.create(user=user, unit=unit, role=Role.BRANCH_SECRETARY)
    return user


def decided(ctx: Ctx) -> None:
    opened(ctx)
    for rating in Rating.objects.filter(round_id=ctx.tokens["round"]).select_related("unit"):
        secretary = (
            ctx.p.branch_officer if rating.unit == ctx.p.tree.b1 else _secretary_of(rating.unit)
        )
        for actor, stage in (
            (secretary, "branch_assessment"),
            (ctx.p.leader, "committee_decision"),
        ):
            assess_rating(
                actor=actor,
                rating_id=rating.pk,
                stage=stage,
                on=date(2025, 12, 5),
                score=80,
                conditions=GOOD,
            )


def t(path: str, key: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


# Staff who read ratings; a plain member reads only their own.
READERS = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=404,
    member=403,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
ROUND_READERS = READERS
API_READERS = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=404,
    member=403,
    inspector=200,
    leader=200,
    anonymous=A401,
)
ASSESSMENT = {
    "step": "self",
    "score": "80",
    "tasks_on_time": "on",
    "exceeding_percent": "0",
    "shortcomings_fixed": "on",
    "comment": "Hoàn thành tốt",
}

ROWS: list[Row] = [
    Row(
        "ratings/",
        "GET",
        fixed("/ratings/"),
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
        "ratings/mine/",
        "GET",
        fixed("/ratings/mine/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=opened,
    ),
    Row(
        "ratings/card/",
        "GET",
        fixed("/ratings/card/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=opened,
    ),
    Row("ratings/unit/<str:code>/", "GET", fixed("/ratings/unit/B1/"), READERS, setup=opened),
    Row(
        "ratings/unit/<str:code>/open/",
        "POST",
        fixed("/ratings/unit/P1/open/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"year": "2024", "quarter": "0", "kind": "member", "cap_percent": ""},
    ),
    Row(
        "ratings/unit/<str:code>/streaks/",
        "GET",
        fixed("/ratings/unit/B1/streaks/?until=2025&years=1"),
        READERS,
        setup=decided,
    ),
    Row(
        "ratings/round/<int:pk>/",
        "GET",
        t("/ratings/round/{}/", "round"),
        ROUND_READERS,
        setup=opened,
    ),
    Row(
        "ratings/round/<int:pk>/close/",
        "POST",
        t("/ratings/round/{}/close/", "round"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=302,
            anonymous=LOGIN,
        ),
        data={"decision_number": "", "decision_reason": ""},
        setup=decided,
    ),
    Row(
        "ratings/round/<int:pk>/xlsx/",
        "GET",
        t("/ratings/round/{}/xlsx/", "round"),
        ROUND_READERS,
        setup=decided,
    ),
    Row(
        "ratings/round/<int:pk>/docx/",
        "GET",
        t("/ratings/round/{}/docx/", "round"),
        ROUND_READERS,
        setup=decided,
    ),
    Row(
        "ratings/rating/<int:pk>/",
        "GET",
        t("/ratings/rating/{}/", "rating"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=opened,
    ),
    Row(
        "ratings/rating/<int:pk>/",
        "POST",
        t("/ratings/rating/{}/", "rating"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=404,
            member=302,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=ASSESSMENT,
        setup=opened,
        note="self-assessment",
    ),
    Row(
        "ratings/member/<int:pk>/section/",
        "GET",
        t("/ratings/member/{}/section/", "member"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=decided,
    ),
    Row(
        "GET /api/v1/units/{code}/ratings",
        "GET",
        fixed("/api/v1/units/B1/ratings?year=2025&kind=member"),
        API_READERS,
        setup=decided,
    ),
    Row(
        "GET /api/v1/units/{code}/streaks",
        "GET",
        fixed("/api/v1/units/B1/streaks?level=good&years=1&until=2025"),
        API_READERS,
        setup=decided,
    ),
    Row(
        "POST /api/v1/ratings/{round_id}/assessments",
        "POST",
        t("/api/v1/ratings/{}/assessments", "round"),
        Expect(
            hq_admin=403,
            branch_officer=403,
            outsider=404,
            member=201,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={
            "rating": RATING_PK,
            "stage": "self_assessment",
            "score": 80,
            "conditions": GOOD,
        },
        setup=opened,
    ),
]
