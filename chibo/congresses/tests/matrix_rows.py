"""Access-matrix rows of the congress pages and API (chibo/access/tests/test_matrix.py), with the
optional congress personas (organizer, delegate, counting_officer on G1; chibo/testing/matrix.py),
which `test_matrix_congress_roles.py` runs.

The congress is G1's (a grassroots committee above B1 and B2), in session today."""

from datetime import timedelta

from django.utils import timezone

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed
from chibo.testing.personas import add_congress_personas, make_member

from ..actions import agenda, documents, floor, setup
from ..actions import delegates as delegate_actions
from ..models import CongressStatus, Delegate, DelegateBasis, DelegateKind

BADGE = "MATRIXBADGE2"
# The ids the last setup made, for the form data of the rows (the matrix's `Row.data` is a plain
# dict, posted as is; `LazyData` fills "{name}" placeholders from here when the client reads it).
_MADE: dict[str, object] = {}


class LazyData(dict[str, object]):
    def items(self):
        return [
            (k, v.format(**_MADE) if isinstance(v, str) and "{" in v else v)
            for k, v in super().items()
        ]


def congress(ctx: Ctx) -> None:
    p = ctx.p
    if p.organizer is None:
        add_congress_personas(p)
    today = timezone.localdate()
    c = setup.create_congress(
        actor=p.organizer,
        unit=p.tree.g1,
        kind="delegates",
        title="Đại hội Đảng bộ Công ty A",
        term_start=2025,
        term_end=2030,
        starts_on=today,
        ends_on=today + timedelta(days=1),
        cutoff_on=today - timedelta(days=30),
        planned_delegates=5,
    )
    now = timezone.now()
    session = setup.add_session(
        actor=p.organizer,
        congress_id=c.pk,
        kind="official",
        title="Phiên chính thức",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
    )
    b1 = [make_member(p.tree.b1, f"Hồ Văn Đại Biểu {i}", actor=p.hq_admin) for i in range(3)]
    add = delegate_actions.add_delegate
    mine = add(
        actor=p.organizer,
        congress_id=c.pk,
        member_id=p.delegate_record.pk,  # type: ignore[union-attr]
        kind=DelegateKind.OFFICIAL,
        basis=DelegateBasis.ELECTED,
    )
    official = add(
        actor=p.organizer, congress_id=c.pk, member_id=b1[0].pk, kind="official", basis="elected"
    )
    alternate = add(
        actor=p.organizer, congress_id=c.pk, member_id=b1[1].pk, kind="alternate", basis="elected"
    )
    Delegate.objects.filter(pk=official.pk).update(badge_token=BADGE)
    row = setup.add_committee_member(
        actor=p.organizer, congress_id=c.pk, committee="counting", delegate_id=mine.pk, role="head"
    )
    setup.set_congress_status(actor=p.organizer, congress_id=c.pk, status=CongressStatus.IN_SESSION)
    item = agenda.add_agenda_item(
        actor=p.organizer, congress_id=c.pk, title="Khai mạc", session_id=session.pk
    )
    doc = documents.post_document(
        actor=p.organizer, congress_id=c.pk, title="Dự thảo báo cáo", body="Nội dung"
    )
    speak = floor.submit_request(
        actor=p.delegate, delegate=mine, kind="speak", text="Xin phát biểu về nhân sự"
    )
    ctx.tokens.update(
        congress=c.pk,
        session=session.pk,
        official=official.pk,
        alternate=alternate.pk,
        free_member=b1[2].pk,
        committee_row=row.pk,
        item=item.pk,
        document=doc.pk,
        request=speak.pk,
    )
    _MADE.clear()
    _MADE.update(ctx.tokens, today=today.strftime("%d/%m/%Y"))


def u(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(**ctx.tokens)


STAFF_GET = Expect(
    hq_admin=200,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
    organizer=200,
    delegate=403,
    counting_officer=200,
)
MANAGE_GET = Expect(
    hq_admin=200,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
    organizer=200,
    delegate=403,
    counting_officer=403,
)
MANAGE_POST = Expect(
    hq_admin=302,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
    organizer=302,
    delegate=403,
    counting_officer=403,
)
TABLET_GET = Expect(
    hq_admin=403,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
    organizer=403,
    delegate=200,
    counting_officer=403,
)
TABLET_POST = Expect(
    hq_admin=403,
    branch_officer=404,
    outsider=404,
    member=404,
    inspector=403,
    leader=403,
    anonymous=LOGIN,
    organizer=403,
    delegate=302,
    counting_officer=403,
)
EVERY_LOGIN = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=200,
    member=200,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
    organizer=200,
    delegate=200,
    counting_officer=200,
)


def _post(endpoint: str, path: str, data: dict[str, object] | None = None) -> Row:
    return Row(
        f"congresses/{endpoint}",
        "POST",
        u(path),
        MANAGE_POST,
        data=LazyData(data or {}),
        setup=congress,
    )


ROWS = [
    Row("congresses/", "GET", fixed("/congresses/"), EVERY_LOGIN, setup=congress),
    Row(
        "congresses/new/",
        "POST",
        fixed("/congresses/new/"),
        MANAGE_POST,
        data={
            "unit": "G1",
            "kind": "members",
            "title": "Đại hội nhiệm kỳ sau",
            "term_start": 2030,
            "term_end": 2035,
            "starts_on": "01/06/2030",
            "ends_on": "01/06/2030",
            "cutoff_on": "01/05/2030",
        },
        setup=congress,
    ),
    Row(
        "congresses/tablet-sw.js",
        "GET",
        fixed("/congresses/tablet-sw.js"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=200,
            organizer=200,
            delegate=200,
            counting_officer=200,
        ),
    ),
    Row(
        "congresses/cards/organiser/",
        "GET",
        fixed("/congresses/cards/organiser/"),
        EVERY_LOGIN,
        setup=congress,
    ),
    Row(
        "congresses/cards/delegate/",
        "GET",
        fixed("/congresses/cards/delegate/"),
        EVERY_LOGIN,
        setup=congress,
    ),
    Row(
        "congresses/<int:pk>/",
        "GET",
        u("/congresses/{congress}/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
            organizer=200,
            delegate=302,  # to their tablet pages
            counting_officer=200,
        ),
        setup=congress,
    ),
    _post("<int:pk>/status/", "/congresses/{congress}/status/", {"status": "closed"}),
    _post(
        "<int:pk>/sessions/",
        "/congresses/{congress}/sessions/",
        {
            "kind": "official",
            "title": "Phiên 2",
            "day": "{today}",
            "start": "13:30",
            "end": "17:00",
        },
    ),
    _post(
        "<int:pk>/committees/",
        "/congresses/{congress}/committees/",
        {"committee": "presidium", "delegate": "{official}", "role": "member"},
    ),
    _post(
        "<int:pk>/committees/<int:row>/remove/",
        "/congresses/{congress}/committees/{committee_row}/remove/",
    ),
    _post(
        "<int:pk>/agenda/",
        "/congresses/{congress}/agenda/",
        {"title": "Báo cáo chính trị", "duration_minutes": 30},
    ),
    _post("<int:pk>/current-item/", "/congresses/{congress}/current-item/", {"item": "{item}"}),
    _post(
        "<int:pk>/documents/",
        "/congresses/{congress}/documents/",
        {"title": "Chương trình", "body": "1. Khai mạc"},
    ),
    Row(
        "congresses/<int:pk>/delegates/",
        "GET",
        u("/congresses/{congress}/delegates/"),
        STAFF_GET,
        setup=congress,
    ),
    _post(
        "<int:pk>/delegates/add/",
        "/congresses/{congress}/delegates/add/",
        {"member": "{free_member}", "kind": "alternate", "basis": "elected"},
    ),
    _post("<int:pk>/delegates/allocate/", "/congresses/{congress}/delegates/allocate/"),
    _post("<int:pk>/delegates/convene/", "/congresses/{congress}/delegates/convene/"),
    _post(
        "<int:pk>/delegates/substitute/",
        "/congresses/{congress}/delegates/substitute/",
        {"official": "{official}", "alternate": "{alternate}", "reason": "Ốm"},
    ),
    _post(
        "<int:pk>/delegates/<int:delegate>/credentials/",
        "/congresses/{congress}/delegates/{official}/credentials/",
        {"status": "accepted"},
    ),
    _post(
        "<int:pk>/delegates/<int:delegate>/exclusion/",
        "/congresses/{congress}/delegates/{alternate}/exclusion/",
        {"exclusion": "absent_with_approval", "exclusion_note": "Công văn 1"},
    ),
    _post(
        "<int:pk>/delegates/<int:delegate>/reissue/",
        "/congresses/{congress}/delegates/{official}/reissue/",
    ),
    Row(
        "congresses/<int:pk>/badges.pdf",
        "GET",
        u("/congresses/{congress}/badges.pdf"),
        MANAGE_GET,
        setup=congress,
    ),
    _post(
        "<int:pk>/requests/<int:request_id>/queue/",
        "/congresses/{congress}/requests/{request}/queue/",
    ),
    _post(
        "<int:pk>/requests/<int:request_id>/move/",
        "/congresses/{congress}/requests/{request}/move/",
        {"direction": "up"},
    ),
    _post(
        "<int:pk>/requests/<int:request_id>/close/",
        "/congresses/{congress}/requests/{request}/close/",
        {"status": "declined"},
    ),
    Row(
        "congresses/<int:pk>/gate/",
        "GET",
        u("/congresses/{congress}/gate/"),
        MANAGE_GET,
        setup=congress,
    ),
    Row(
        "congresses/<int:pk>/gate/presence/",
        "GET",
        u("/congresses/{congress}/gate/presence/"),
        MANAGE_GET,
        setup=congress,
    ),
    _post("<int:pk>/gate/check-in/", "/congresses/{congress}/gate/check-in/", {"token": BADGE}),
    Row(
        "congresses/<int:pk>/tablet/",
        "GET",
        u("/congresses/{congress}/tablet/"),
        TABLET_GET,
        setup=congress,
    ),
    Row(
        "congresses/<int:pk>/tablet/now/",
        "GET",
        u("/congresses/{congress}/tablet/now/"),
        TABLET_GET,
        setup=congress,
    ),
    Row(
        "congresses/<int:pk>/tablet/documents/<int:doc>/",
        "GET",
        u("/congresses/{congress}/tablet/documents/{document}/"),
        TABLET_GET,
        setup=congress,
    ),
    Row(
        "congresses/<int:pk>/tablet/requests/",
        "POST",
        u("/congresses/{congress}/tablet/requests/"),
        TABLET_POST,
        data={"kind": "question", "text": "Xin hỏi về ngân sách"},
        setup=congress,
    ),
    Row(
        "GET /api/v1/congresses",
        "GET",
        fixed("/api/v1/congresses?unit=G1"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=A401,
            organizer=200,
            delegate=403,
            counting_officer=200,
        ),
        setup=congress,
    ),
    Row(
        "GET /api/v1/congresses",
        "GET",
        fixed("/api/v1/congresses"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
            organizer=200,
            delegate=200,
            counting_officer=200,
        ),
        setup=congress,
        note="without a unit: only what the caller reaches",
    ),
    Row(
        "GET /api/v1/congresses/{congress_id}",
        "GET",
        u("/api/v1/congresses/{congress}"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=200,
            leader=200,
            anonymous=A401,
            organizer=200,
            delegate=403,
            counting_officer=200,
        ),
        setup=congress,
    ),
    Row(
        "POST /api/v1/congresses/{congress_id}/check-in",
        "POST",
        u("/api/v1/congresses/{congress}/check-in"),
        Expect(
            hq_admin=201,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=A401,
            organizer=201,
            delegate=403,
            counting_officer=403,
        ),
        data={"token": BADGE},
        setup=congress,
    ),
]
