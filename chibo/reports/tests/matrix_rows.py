"""Access-matrix rows of the reports pages and API (chibo/access/tests/test_matrix.py).

Every row works on one request from G1 to its branches (B1, B2) with the city's template; the
B1 report is brought to the state the row needs (open, filled, submitted, sent up)."""

from datetime import date

from chibo.org.models import UnitKind
from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

from ..actions import requests, submissions, templates
from ..models import IndicatorSource, Report
from .support import quarterly_template

STAFF_ONLY = Expect(
    hq_admin=302,
    branch_officer=302,
    outsider=404,
    member=403,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
)
B1_READ = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=404,
    member=403,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
G1_READ = Expect(
    hq_admin=200,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
G1_WRITE = Expect(
    hq_admin=302,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
)
RECEIVE = Expect(
    hq_admin=302,
    branch_officer=404,
    outsider=404,
    member=403,
    inspector=403,
    leader=302,
    anonymous=LOGIN,
)
APPROVE = Expect(
    hq_admin=403,
    branch_officer=302,
    outsider=404,
    member=403,
    inspector=403,
    leader=302,
    anonymous=LOGIN,
)


def api(expect: Expect, ok: int = 200) -> Expect:
    """The same answers from the API: 200 where the page redirects after success, 401 anonymous."""

    def code(value: int) -> int:
        return ok if value in (200, 302) else value

    return Expect(
        hq_admin=code(expect.hq_admin),
        branch_officer=code(expect.branch_officer),
        outsider=code(expect.outsider),
        member=code(expect.member),
        inspector=code(expect.inspector),
        leader=code(expect.leader),
        anonymous=A401,
    )


def _request(ctx: Ctx) -> Report:
    p = ctx.p
    template = quarterly_template(p.hq_admin, p.tree.hcm)
    req = requests.create_request(
        actor=p.hq_admin,
        unit=p.tree.g1,
        template_id=template.pk,
        period_kind="quarter",
        year=2026,
        number=1,
        deadline=date(2026, 4, 10),
        target_kind=UnitKind.BRANCH,
    )
    report = Report.objects.get(request=req, unit=p.tree.b1)
    ctx.tokens.update(template=template.pk, request=req.pk, report=report.pk)
    # A template of G1 nobody asked for yet: it may still be edited.
    spare = templates.create_template(actor=p.hq_admin, unit=p.tree.g1, name="Mẫu nháp")
    templates.add_indicator(
        actor=p.hq_admin, template_id=spare.pk, code="a", label="A", source=IndicatorSource.ENTERED
    )
    ctx.tokens["spare"] = spare.pk
    return report


def opened(ctx: Ctx) -> None:
    _request(ctx)


def filled(ctx: Ctx) -> None:
    report = _request(ctx)
    submissions.prefill_report(actor=ctx.p.hq_admin, report_id=report.pk)
    submissions.save_report(
        actor=ctx.p.hq_admin,
        report_id=report.pk,
        values={"candidates": "10", "admitted": "2"},
    )


def submitted(ctx: Ctx) -> None:
    filled(ctx)
    submissions.submit_report(actor=ctx.p.hq_admin, report_id=ctx.tokens["report"])


def sent_up(ctx: Ctx) -> None:
    submitted(ctx)
    submissions.approve_report(actor=ctx.p.branch_officer, report_id=ctx.tokens["report"])


def u(path: str, key: str) -> UrlFn:
    return lambda ctx, persona: path.format(ctx.tokens[key])


ROWS: list[Row] = [
    Row(
        "reports/",
        "GET",
        fixed("/reports/"),
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
        "reports/card/",
        "GET",
        fixed("/reports/card/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=filled,
    ),
    Row("reports/unit/<str:code>/", "GET", fixed("/reports/unit/B1/"), B1_READ, setup=filled),
    Row(
        "reports/unit/<str:code>/",
        "POST",
        fixed("/reports/unit/G1/"),
        # The template's pk differs in every case: the form answers 200 with its error to the
        # staff who may send requests (the success path is in test_views.py); the others are
        # refused before the form.
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=opened,
        data={
            "template": "0",
            "period_kind": "quarter",
            "year": "2026",
            "number": "2",
            "deadline": "15/07/2026",
            "target_kind": "branch",
        },
    ),
    Row(
        "reports/unit/<str:code>/templates/",
        "GET",
        fixed("/reports/unit/G1/templates/"),
        G1_READ,
        setup=opened,
    ),
    Row(
        "reports/unit/<str:code>/templates/",
        "POST",
        fixed("/reports/unit/G1/templates/"),
        G1_WRITE,
        data={"name": "Báo cáo chuyên đề"},
    ),
    Row(
        "reports/templates/<int:pk>/",
        "GET",
        u("/reports/templates/{}/", "template"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=opened,
    ),
    Row(
        "reports/templates/<int:pk>/indicators/",
        "POST",
        u("/reports/templates/{}/indicators/", "spare"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=opened,
        data={"source": "computed", "computed_code": "members_total"},
    ),
    Row(
        "reports/templates/<int:pk>/sections/",
        "POST",
        u("/reports/templates/{}/sections/", "spare"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=opened,
        data={"title": "Phương hướng quý tới"},
    ),
    Row(
        "reports/templates/<int:pk>/rules/",
        "POST",
        u("/reports/templates/{}/rules/", "spare"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=opened,
        data={
            "name": "Không quá 10",
            "left": "a",
            "operator": "<=",
            "right": "10",
            "importance": "high",
            "blocks_submission": "on",
        },
    ),
    Row(
        "reports/requests/<int:pk>/",
        "GET",
        u("/reports/requests/{}/", "request"),
        G1_READ,
        setup=sent_up,
    ),
    Row(
        "reports/requests/<int:pk>/remind/",
        "POST",
        u("/reports/requests/{}/remind/", "request"),
        G1_WRITE,
        setup=opened,
    ),
    Row(
        "reports/requests/<int:pk>/rollup/",
        "GET",
        u("/reports/requests/{}/rollup/", "request"),
        G1_READ,
        setup=sent_up,
    ),
    Row(
        "reports/requests/<int:pk>/rollup.xlsx",
        "GET",
        u("/reports/requests/{}/rollup.xlsx", "request"),
        G1_READ,
        setup=sent_up,
    ),
    Row("reports/r/<int:pk>/", "GET", u("/reports/r/{}/", "report"), B1_READ, setup=filled),
    Row(
        "reports/r/<int:pk>/prefill/",
        "POST",
        u("/reports/r/{}/prefill/", "report"),
        STAFF_ONLY,
        setup=opened,
    ),
    Row(
        "reports/r/<int:pk>/save/",
        "POST",
        u("/reports/r/{}/save/", "report"),
        STAFF_ONLY,
        setup=filled,
        data={"v_candidates": "12", "v_admitted": "3"},
    ),
    Row(
        "reports/r/<int:pk>/submit/",
        "POST",
        u("/reports/r/{}/submit/", "report"),
        STAFF_ONLY,
        setup=filled,
    ),
    Row(
        "reports/r/<int:pk>/approve/",
        "POST",
        u("/reports/r/{}/approve/", "report"),
        APPROVE,
        setup=submitted,
    ),
    Row(
        "reports/r/<int:pk>/accept/",
        "POST",
        u("/reports/r/{}/accept/", "report"),
        RECEIVE,
        setup=sent_up,
    ),
    Row(
        "reports/r/<int:pk>/return/",
        "POST",
        u("/reports/r/{}/return/", "report"),
        RECEIVE,
        setup=sent_up,
        data={"reason": "Bổ sung số liệu kết nạp"},
    ),
    Row(
        "reports/r/<int:pk>/report.docx",
        "GET",
        u("/reports/r/{}/report.docx", "report"),
        B1_READ,
        setup=filled,
    ),
    Row(
        "reports/r/<int:pk>/report.pdf",
        "GET",
        u("/reports/r/{}/report.pdf", "report"),
        B1_READ,
        setup=filled,
    ),
    # --- API ----------------------------------------------------------------------------------
    Row(
        "GET /api/v1/report-requests",
        "GET",
        fixed("/api/v1/report-requests?unit=G1"),
        api(G1_READ),
        setup=opened,
    ),
    Row(
        "GET /api/v1/report-requests/{request_id}/rollup",
        "GET",
        u("/api/v1/report-requests/{}/rollup", "request"),
        api(G1_READ),
        setup=sent_up,
    ),
    Row(
        "POST /api/v1/reports/{report_id}/submit",
        "POST",
        u("/api/v1/reports/{}/submit", "report"),
        api(STAFF_ONLY),
        setup=filled,
    ),
    Row(
        "POST /api/v1/reports/{report_id}/approve",
        "POST",
        u("/api/v1/reports/{}/approve", "report"),
        api(APPROVE),
        setup=submitted,
    ),
    Row(
        "POST /api/v1/reports/{report_id}/accept",
        "POST",
        u("/api/v1/reports/{}/accept", "report"),
        api(RECEIVE),
        setup=sent_up,
    ),
    Row(
        "POST /api/v1/reports/{report_id}/return",
        "POST",
        u("/api/v1/reports/{}/return", "report"),
        api(RECEIVE),
        setup=sent_up,
        data={"reason": "Bổ sung số liệu kết nạp"},
    ),
]
