"""Access-matrix rows of the cadres pages and API (chibo/access/tests/test_matrix.py).

Cadre records are sensitive: cadres.view is held by committee staff (hq_admin over HCM) and the
standing committee (leader over P1); the branch secretary, the inspector and members are refused
in reach (403) and see only their own posts. The data sit in G1 (under P1)."""

from datetime import date
from typing import Any

from chibo.members.models import Member
from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed
from chibo.testing.personas import make_member

from .. import actions
from .support import hold, post

HOLDER = "Quách Thị Cấp Ủy"
PLANNED = "Quách Văn Quy Hoạch"
DAY = "15/01/2026"
# A member of B1 with a known key, whom the rows' forms name (appointed, proposed, planned).
CANDIDATE_PK = 91001
CANDIDATE = "Quách Văn Ứng Viên"

# Who sees cadre records of G1, who may record them, who decides (approves planning lists).
VIEW = Expect(
    hq_admin=200,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=200,
    anonymous=LOGIN,
)
MANAGE = Expect(
    hq_admin=302,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
)
DECIDE = Expect(
    hq_admin=403,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=302,
    anonymous=LOGIN,
)
EVERYONE = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=200,
    member=200,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
REDIRECT = Expect(
    hq_admin=302,
    branch_officer=302,
    outsider=302,
    member=302,
    inspector=302,
    leader=302,
    anonymous=LOGIN,
)


def _api(expect: Expect, ok: int = 200) -> Expect:
    def to(code: int) -> int:
        return ok if code in (200, 302) else code

    return Expect(
        hq_admin=to(expect.hq_admin),
        branch_officer=to(expect.branch_officer),
        outsider=to(expect.outsider),
        member=to(expect.member),
        inspector=to(expect.inspector),
        leader=to(expect.leader),
        anonymous=A401,
    )


def cadre_data(ctx: Ctx) -> None:
    """G1's 2025-2030 posts: a secretary held by a B1 member, two deputy seats with one empty
    (a gap); the member persona holds B1's secretary post; an approved planning list for
    2030-2035 and a draft review of it with one person; an open proposal; a rotation."""
    staff, tree = ctx.p.hq_admin, ctx.p.tree
    holder = make_member(tree.b1, HOLDER, birth_date=date(1975, 3, 1))
    planned = make_member(tree.b1, PLANNED, birth_date=date(1985, 3, 1))
    Member.objects.create(
        pk=CANDIDATE_PK,
        unit=tree.b1,
        full_name=CANDIDATE,
        search_name="quach van ung vien",
        gender="male",
        status="full",
        birth_date=date(1984, 6, 1),
        admitted_on=date(2010, 5, 19),
    )
    secretary = post(staff, tree.g1)
    hold(staff, secretary, holder.pk)
    deputy = post(staff, tree.g1, kind="deputy_secretary", seats=2)
    holding = hold(staff, deputy, planned.pk)
    b1 = post(staff, tree.b1)
    if ctx.p.member_record is not None:
        hold(staff, b1, ctx.p.member_record.pk)
    approved = actions.create_planning_list(
        actor=staff, unit=tree.g1, term_start=2030, term_end=2035
    )
    actions.plan_person(
        actor=staff, planning_id=approved.pk, post_kind="secretary", member_id=planned.pk
    )
    actions.approve_planning_list(
        actor=ctx.p.leader,
        planning_id=approved.pk,
        approved_on=date(2026, 1, 10),
        decision_number="5-QĐ/ĐU",
        approved_by_body="Ban Thường vụ",
    )
    draft = actions.create_planning_list(actor=staff, unit=tree.g1, term_start=2035, term_end=2040)
    entry = actions.plan_person(
        actor=staff, planning_id=draft.pk, post_kind="secretary", member_id=planned.pk
    )
    proposal = actions.propose_appointment(
        actor=staff,
        post_id=deputy.pk,
        member_id=holder.pk,
        how="strengthened",
        done_on=date(2026, 1, 12),
        document_number="3-TTr/BTC",
        body="Ban Tổ chức",
        outside_planning_reason="Ban Thường vụ đồng ý",
    )
    rotation = actions.record_rotation(
        actor=staff,
        unit=tree.g1,
        member_id=holder.pk,
        from_unit=tree.b1,
        from_post="Chi ủy viên",
        to_unit=tree.b2,
        to_post="Bí thư chi bộ",
        start_on=date(2026, 1, 1),
        due_end_on=date(2027, 1, 1),
        purpose="Rèn luyện",
        decision_number="7-QĐ/ĐU",
        deciding_body="Ban Thường vụ",
    )
    ctx.tokens.update(
        secretary=secretary.pk,
        deputy=deputy.pk,
        holding=holding.pk,
        approved=approved.pk,
        draft=draft.pk,
        entry=entry.pk,
        proposal=proposal.pk,
        rotation=rotation.pk,
        holder=holder.pk,
    )


def t(path: str, key: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


def member_url(ctx: Ctx, persona: str) -> str:
    assert ctx.p.member_record is not None
    return f"/cadres/member/{ctx.p.member_record.pk}/posts/"


MARK = (("B1", HOLDER), ("B1", PLANNED), ("B1", CANDIDATE))


def _row(endpoint: str, method: str, url: UrlFn, expect: Expect, **kw: Any) -> Row:
    return Row(endpoint, method, url, expect, setup=cadre_data, markers=MARK, **kw)


ROWS: list[Row] = [
    _row("cadres/", "GET", fixed("/cadres/"), REDIRECT),
    _row("cadres/mine/", "GET", fixed("/cadres/mine/"), EVERYONE),
    _row("cadres/card/", "GET", fixed("/cadres/card/"), EVERYONE),
    _row(
        "cadres/member/<int:pk>/posts/",
        "GET",
        member_url,
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=404,
            member=200,
            inspector=403,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    _row("cadres/unit/<str:code>/", "GET", fixed("/cadres/unit/G1/"), VIEW),
    _row(
        "cadres/unit/<str:code>/posts/",
        "POST",
        fixed("/cadres/unit/G1/posts/"),
        MANAGE,
        data={
            "kind": "standing_member",
            "term_start": 2025,
            "term_end": 2030,
            "term_starts_on": "15/09/2025",
            "seats": 3,
            "seats_decision": "16-QĐ/ĐU",
            "seats_decided_by": "Ban Thường vụ",
        },
    ),
    _row("cadres/unit/<str:code>/gaps/", "GET", fixed("/cadres/unit/G1/gaps/"), VIEW),
    _row("cadres/unit/<str:code>/planning/", "GET", fixed("/cadres/unit/G1/planning/"), VIEW),
    _row(
        "cadres/unit/<str:code>/planning/new/",
        "POST",
        fixed("/cadres/unit/G1/planning/new/"),
        MANAGE,
        data={"term_start": 2040, "term_end": 2045},
    ),
    _row("cadres/unit/<str:code>/rotations/", "GET", fixed("/cadres/unit/G1/rotations/"), VIEW),
    _row(
        "cadres/unit/<str:code>/rotations/new/",
        "POST",
        fixed("/cadres/unit/G1/rotations/new/"),
        MANAGE,
        data={
            "member": CANDIDATE_PK,
            "from_unit": "B1",
            "from_post": "Chi ủy viên",
            "to_unit": "B2",
            "to_post": "Phó Bí thư",
            "start_on": DAY,
            "due_end_on": "15/01/2029",
            "purpose": "Đào tạo thực tiễn",
            "decision_number": "8-QĐ/ĐU",
            "deciding_body": "Ban Thường vụ",
        },
    ),
    _row("cadres/unit/<str:code>/lists/", "GET", fixed("/cadres/unit/G1/lists/"), VIEW),
    _row("cadres/unit/<str:code>/lists.xlsx", "GET", fixed("/cadres/unit/G1/lists.xlsx"), VIEW),
    _row("cadres/unit/<str:code>/lists.docx", "GET", fixed("/cadres/unit/G1/lists.docx"), VIEW),
    _row("cadres/posts/<int:pk>/", "GET", t("/cadres/posts/{}/", "secretary"), VIEW),
    _row(
        "cadres/posts/<int:pk>/appoint/",
        "POST",
        t("/cadres/posts/{}/appoint/", "deputy"),
        MANAGE,
        data={
            "member": CANDIDATE_PK,
            "how": "strengthened",
            "start_on": DAY,
            "decided_on": DAY,
            "decision_number": "21-QĐ/ĐU",
            "deciding_body": "Ban Thường vụ",
        },
    ),
    _row(
        "cadres/posts/<int:pk>/propose/",
        "POST",
        t("/cadres/posts/{}/propose/", "secretary"),
        MANAGE,
        data={
            "member": CANDIDATE_PK,
            "how": "appointed",
            "done_on": DAY,
            "document_number": "4-TTr/BTC",
            "body": "Ban Tổ chức",
            "outside_planning_reason": "Ban Thường vụ đồng ý",
        },
    ),
    _row(
        "cadres/holdings/<int:pk>/end/",
        "POST",
        t("/cadres/holdings/{}/end/", "holding"),
        MANAGE,
        data={"end_on": "20/01/2026", "reason": "transfer", "decision": "9-QĐ/ĐU"},
    ),
    _row("cadres/proposals/<int:pk>/", "GET", t("/cadres/proposals/{}/", "proposal"), VIEW),
    _row(
        "cadres/proposals/<int:pk>/step/",
        "POST",
        t("/cadres/proposals/{}/step/", "proposal"),
        MANAGE,
        data={
            "kind": "consultation",
            "done_on": "14/01/2026",
            "document_number": "2-BB",
            "body": "Ban Thường vụ",
        },
    ),
    _row(
        "cadres/planning/<int:pk>/add/",
        "POST",
        t("/cadres/planning/{}/add/", "draft"),
        MANAGE,
        data={"post_kind": "deputy_secretary", "member": CANDIDATE_PK},
    ),
    _row(
        "cadres/planning/<int:pk>/approve/",
        "POST",
        t("/cadres/planning/{}/approve/", "draft"),
        DECIDE,
        data={
            "approved_on": DAY,
            "decision_number": "6-QĐ/ĐU",
            "approved_by_body": "Ban Thường vụ",
        },
    ),
    _row(
        "cadres/planning/<int:pk>/review/",
        "POST",
        t("/cadres/planning/{}/review/", "approved"),
        MANAGE,
        data={"note": "Rà soát"},
    ),
    _row(
        "cadres/planning/entries/<int:pk>/remove/",
        "POST",
        t("/cadres/planning/entries/{}/remove/", "entry"),
        MANAGE,
        data={"reason": "Chuyển công tác"},
    ),
    # --- API ------------------------------------------------------------------------------------
    _row(
        "GET /api/v1/units/{code}/posts",
        "GET",
        fixed("/api/v1/units/G1/posts?term=2025"),
        _api(VIEW),
    ),
    _row(
        "GET /api/v1/units/{code}/post-gaps", "GET", fixed("/api/v1/units/G1/post-gaps"), _api(VIEW)
    ),
    _row(
        "GET /api/v1/units/{code}/planning",
        "GET",
        fixed("/api/v1/units/G1/planning?term=2030"),
        _api(VIEW),
    ),
    _row(
        "POST /api/v1/appointments",
        "POST",
        fixed("/api/v1/appointments"),
        _api(MANAGE, 201),
        data={
            "unit_code": "G1",
            "post": "deputy_secretary",
            "term_start": 2025,
            "member_id": CANDIDATE_PK,
            "how": "strengthened",
            "start_on": "2026-01-15",
            "decided_on": "2026-01-15",
            "decision_number": "22-QĐ/ĐU",
            "deciding_body": "Ban Thường vụ",
        },
    ),
]
