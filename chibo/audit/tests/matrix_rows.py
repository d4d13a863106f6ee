"""Access-matrix rows of the read report (/audit/reads/, its XLSX, GET /api/v1/audit/reads).

The setup logs a read of each marker member (B1, B2, G2) by hq_admin: a persona with audit.view
sees the reads of its reach only, so the out-of-reach markers' names never show (the matrix
checks it). Without audit.view anywhere (branch_officer, member) the report is refused (403,
like the audit log itself). A unit filter outside the reach is 404.
The core audit log's own rows (/audit/, GET /api/v1/audit/events) stay in test_matrix.py.
"""

from chibo.testing.matrix import A401, LOGIN, MARKER_MEMBERS, Ctx, Expect, Row, fixed

REPORT = Expect(
    hq_admin=200,
    branch_officer=403,
    outsider=200,
    member=403,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
)
# G2 is under P2: out of the inspector's and the leader's reach (P1).
OUT_OF_REACH_UNIT = Expect(
    hq_admin=200,
    branch_officer=403,
    outsider=200,
    member=403,
    inspector=404,
    leader=404,
    anonymous=LOGIN,
)


def _api(expect: Expect) -> Expect:
    return Expect(**{**expect.__dict__, "anonymous": A401})


def reads_of_markers(ctx: Ctx) -> None:
    from chibo.audit.recorder import record_read
    from chibo.members.models import Member

    for member in Member.objects.filter(full_name__in=MARKER_MEMBERS.values()).select_related(
        "unit"
    ):
        record_read(actor=ctx.p.hq_admin, target=member, unit=member.unit, reason="profile page")


ROWS: list[Row] = [
    Row("audit/reads/", "GET", fixed("/audit/reads/"), REPORT, setup=reads_of_markers),
    Row(
        "audit/reads/",
        "GET",
        fixed("/audit/reads/?unit=G2&from=01/01/2026&to=31/12/2100"),
        OUT_OF_REACH_UNIT,
        setup=reads_of_markers,
        note="unit G2",
    ),
    Row("audit/reads/xlsx/", "GET", fixed("/audit/reads/xlsx/"), REPORT, setup=reads_of_markers),
    Row(
        "audit/reads/xlsx/",
        "GET",
        fixed("/audit/reads/xlsx/?unit=G2"),
        OUT_OF_REACH_UNIT,
        setup=reads_of_markers,
        note="unit G2",
    ),
    Row(
        "GET /api/v1/audit/reads",
        "GET",
        fixed("/api/v1/audit/reads"),
        _api(REPORT),
        setup=reads_of_markers,
    ),
    Row(
        "GET /api/v1/audit/reads",
        "GET",
        fixed("/api/v1/audit/reads?unit=G2&from=2026-01-01"),
        _api(OUT_OF_REACH_UNIT),
        setup=reads_of_markers,
        note="unit G2",
    ),
]
