"""Access-matrix rows of the commendations pages and API (chibo/access/tests/test_matrix.py).

Setup: an award to the matrix member (B1), a proposal from B1 waiting at G1, a P1 campaign with
a project registered by B1."""

from datetime import date

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

from ..actions.awards import propose_award, record_award
from ..actions.campaigns import create_campaign, register_project


def planted(ctx: Ctx) -> None:
    p = ctx.p
    record = p.member_record
    assert record is not None
    ctx.tokens["member"] = record.pk
    record_award(
        actor=p.leader,
        kind="letter_of_commendation",
        member=record,
        deciding_body="Ban Thường vụ Đảng ủy phường Sài Gòn",
        decision_number="12-QĐ/ĐU",
        decided_on=date(2025, 12, 20),
        reason="Hoàn thành xuất sắc nhiệm vụ",
    )
    proposal = propose_award(
        actor=p.branch_officer,
        from_unit=p.tree.b1,
        kind="certificate_of_merit",
        member=record,
        reason="Xuất sắc 5 năm liền",
        on=date(2025, 12, 21),
    )
    ctx.tokens["proposal"] = proposal.pk
    campaign = create_campaign(
        actor=p.hq_admin,
        unit=p.tree.p1,
        title="Thi đua chào mừng đại hội",
        starts_on=date(2025, 1, 1),
        ends_on=date(2030, 12, 31),
        criteria="Hoàn thành chỉ tiêu",
    )
    ctx.tokens["campaign"] = campaign.pk
    project = register_project(
        actor=p.branch_officer,
        campaign=campaign,
        unit=p.tree.b1,
        title="Sổ tay điện tử",
        on=date(2026, 1, 10),
    )
    ctx.tokens["project"] = project.pk


def t(path: str, key: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


VIEWERS = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=404,
    member=403,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
ROWS: list[Row] = [
    Row(
        "commendations/",
        "GET",
        fixed("/commendations/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=404,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "commendations/card/",
        "GET",
        fixed("/commendations/card/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=planted,
    ),
    Row(
        "commendations/unit/<str:code>/",
        "GET",
        fixed("/commendations/unit/B1/"),
        VIEWERS,
        setup=planted,
    ),
    Row(
        "commendations/unit/<str:code>/award/",
        "POST",
        fixed("/commendations/unit/G1/award/"),
        Expect(
            hq_admin=403,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=302,
            anonymous=LOGIN,
        ),
        data={
            "kind": "certificate_of_merit",
            "organisation": "G1",
            "member": "",
            "deciding_body": "Ban Thường vụ Đảng ủy phường",
            "decision_number": "20-QĐ/ĐU",
            "decided_on": "20/12/2025",
            "reason": "Tổ chức đảng xuất sắc",
        },
    ),
    Row(
        "commendations/unit/<str:code>/propose/",
        "POST",
        fixed("/commendations/unit/B1/propose/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={
            "kind": "letter_of_commendation",
            "organisation": "B1",
            "member": "",
            "reason": "Chi bộ trong sạch vững mạnh",
        },
    ),
    Row(
        "commendations/unit/<str:code>/campaign/",
        "POST",
        fixed("/commendations/unit/B1/campaign/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={
            "title": "Thi đua năm 2026",
            "starts_on": "01/01/2026",
            "ends_on": "31/12/2026",
            "criteria": "Hoàn thành 100% chỉ tiêu",
        },
    ),
    Row(
        "commendations/unit/<str:code>/eligibility/",
        "GET",
        fixed("/commendations/unit/B1/eligibility/?year=2025&on=02/09/2026"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=planted,
    ),
    Row(
        "commendations/proposal/<int:pk>/",
        "GET",
        t("/commendations/proposal/{}/", "proposal"),
        VIEWERS,
        setup=planted,
    ),
    Row(
        "commendations/proposal/<int:pk>/",
        "POST",
        t("/commendations/proposal/{}/", "proposal"),
        Expect(
            hq_admin=403,
            branch_officer=404,
            outsider=404,
            member=403,
            inspector=403,
            leader=302,
            anonymous=LOGIN,
        ),
        data={
            "decision": "approve",
            "deciding_body": "Ban Thường vụ Đảng ủy Công ty A",
            "decision_number": "31-QĐ/ĐU",
            "note": "",
        },
        setup=planted,
        note="decide",
    ),
    Row(
        "commendations/campaign/<int:pk>/",
        "GET",
        t("/commendations/campaign/{}/", "campaign"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=planted,
    ),
    Row(
        "commendations/campaign/<int:pk>/",
        "POST",
        t("/commendations/campaign/{}/", "campaign"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"unit": "B1", "member": "", "title": "Dân vận khéo", "target": ""},
        setup=planted,
        note="register project",
    ),
    Row(
        "commendations/project/<int:pk>/",
        "POST",
        t("/commendations/project/{}/", "project"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"op": "progress", "percent": "40", "note": "Đang triển khai"},
        setup=planted,
    ),
    Row(
        "commendations/member/<int:pk>/section/",
        "GET",
        t("/commendations/member/{}/section/", "member"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=planted,
    ),
    Row(
        "GET /api/v1/units/{code}/badges-due",
        "GET",
        fixed("/api/v1/units/B1/badges-due?on=2026-09-02"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
    ),
    Row(
        "GET /api/v1/campaigns",
        "GET",
        fixed("/api/v1/campaigns?unit=B1"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=planted,
    ),
]
