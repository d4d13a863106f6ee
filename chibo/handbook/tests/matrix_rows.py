"""Access-matrix rows of the handbook (/so-tay/ and /api/v1/handbook).

The staff personas (and inspector, leader) have no member record; the `member` persona has one
(a plain member of B1). A login without a member record gets:
- the handbook's home: 200, a page saying the account is not linked to a member record;
- the member's own pages and API operations (record, documents, meetings, my questions): 404
  with the same clear message;
- the secretary's and the committee's pages (corrections inbox, questions inbox, a thread of
  their reach): by their grants, as everywhere.
Rows noted "member" link hq_admin, branch_officer and the outsider to member records of B1 first
(`link_members`); the inspector and the leader stay without one (404).
The PWA files (manifest, service worker, offline page) are public and hold no personal data.
"""

from typing import Any

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

# `link_members` gives the outsider (staff of P2) a member record of B1: its own pages name B1.
OUTSIDER_IN_B1 = ("Chi bộ 1",)


def link_members(ctx: Ctx) -> None:
    from .support import link_member

    for name in ("hq_admin", "branch_officer", "outsider"):
        link_member(ctx.user(name), ctx.p.tree.b1, f"Đảng viên {name}")


def _asker(ctx: Ctx) -> Any:
    from .support import member_with_login

    return member_with_login(ctx.p.tree.b1, username="hoi", name="Lê Văn Hỏi")


# The asker's records (a B1 member): the outsider's inboxes must not list them.
ASKER = (("B1", "Lê Văn Hỏi"), ("B1", "0909000111"), ("B1", "Lịch học nghị quyết"))


def add_request(ctx: Ctx) -> None:
    """A pending correction request of a B1 member (not a persona)."""
    from chibo.handbook.actions import request_correction

    user, _member = _asker(ctx)
    request_correction(actor=user, field="phone", proposed_value="0909000111", note="")


def add_question(ctx: Ctx) -> None:
    from chibo.handbook.actions import ask_question

    user, _member = _asker(ctx)
    ask_question(actor=user, subject="Lịch học nghị quyết", body="Khi nào chi bộ học?")


def add_document(ctx: Ctx) -> None:
    from .support import send_document

    link_members(ctx)
    from chibo.members.models import Member

    send_document(ctx.p.tree.b1, list(Member.objects.filter(user__isnull=False)))


def add_meeting(ctx: Ctx) -> None:
    from .support import plan_meeting

    link_members(ctx)
    plan_meeting(ctx.p.tree.b1)


def _last(model_path: str, template: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from django.apps import apps

        model = apps.get_model(model_path)
        return template.format(model.objects.order_by("-pk").values_list("pk", flat=True)[0])

    return url


REQUEST = _last("handbook.CorrectionRequest", "{}")
QUESTION = "handbook.Question"
DOCUMENT = "documents.Document"
MEETING = "meetings.Meeting"
CORRECTION = {"field": "phone", "proposed_value": "0903999888", "note": "Số mới"}
ASK = {"subject": "Đóng đảng phí", "body": "Mức đảng phí năm nay thế nào?"}

ROWS: list[Row] = [
    # --- pages ---------------------------------------------------------------------------------
    Row(
        "so-tay/",
        "GET",
        fixed("/so-tay/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        note="no member record",
    ),
    Row(
        "so-tay/",
        "GET",
        fixed("/so-tay/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=link_members,
        note="member",
        allow=OUTSIDER_IN_B1,
    ),
    Row(
        "so-tay/ho-so/",
        "GET",
        fixed("/so-tay/ho-so/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="no member record",
    ),
    Row(
        "so-tay/ho-so/",
        "GET",
        fixed("/so-tay/ho-so/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=link_members,
        note="member",
        allow=OUTSIDER_IN_B1,
    ),
    # The member's download of everything held about them (logged; private, no-store).
    Row(
        "so-tay/ho-so/du-lieu.json",
        "GET",
        fixed("/so-tay/ho-so/du-lieu.json"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="no member record",
    ),
    Row(
        "so-tay/ho-so/du-lieu.json",
        "GET",
        fixed("/so-tay/ho-so/du-lieu.json"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=link_members,
        note="member",
        allow=OUTSIDER_IN_B1,
    ),
    # The member's download of everything held about them (logged; private, no-store).
    Row(
        "so-tay/ho-so/du-lieu.pdf",
        "GET",
        fixed("/so-tay/ho-so/du-lieu.pdf"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="no member record",
    ),
    Row(
        "so-tay/ho-so/du-lieu.pdf",
        "GET",
        fixed("/so-tay/ho-so/du-lieu.pdf"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=link_members,
        note="member",
        allow=OUTSIDER_IN_B1,
    ),
    Row(
        "so-tay/ho-so/yeu-cau-sua/",
        "POST",
        fixed("/so-tay/ho-so/yeu-cau-sua/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        data=CORRECTION,
        note="no member record",
    ),
    Row(
        "so-tay/ho-so/yeu-cau-sua/",
        "POST",
        fixed("/so-tay/ho-so/yeu-cau-sua/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        data=CORRECTION,
        setup=link_members,
        note="member",
    ),
    # Deciding needs members.manage on the member's branch (outsider: P2 only).
    Row(
        "so-tay/yeu-cau/",
        "GET",
        fixed("/so-tay/yeu-cau/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_request,
        markers=ASKER,
    ),
    Row(
        "so-tay/yeu-cau/<int:pk>/chap-nhan/",
        "POST",
        _last("handbook.CorrectionRequest", "/so-tay/yeu-cau/{}/chap-nhan/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_request,
    ),
    Row(
        "so-tay/yeu-cau/<int:pk>/tu-choi/",
        "POST",
        _last("handbook.CorrectionRequest", "/so-tay/yeu-cau/{}/tu-choi/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"reason": "Không có căn cứ"},
        setup=add_request,
    ),
    Row(
        "so-tay/van-ban/",
        "GET",
        fixed("/so-tay/van-ban/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="no member record",
    ),
    Row(
        "so-tay/van-ban/",
        "GET",
        fixed("/so-tay/van-ban/?q=chi+bo"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_document,
        note="member",
    ),
    Row(
        "so-tay/van-ban/<int:pk>/",
        "GET",
        _last(DOCUMENT, "/so-tay/van-ban/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_document,
        note="sent to the member",
    ),
    Row(
        "so-tay/van-ban/<int:pk>/",
        "GET",
        _last(DOCUMENT, "/so-tay/van-ban/{}/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=lambda ctx: _send_to_others(ctx),
        note="not sent to the user",
    ),
    Row(
        "so-tay/van-ban/<int:pk>/luu/",
        "POST",
        _last(DOCUMENT, "/so-tay/van-ban/{}/luu/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_document,
    ),
    Row(
        "so-tay/van-ban/<int:pk>/tep/<int:file_id>/",
        "GET",
        _last(DOCUMENT, "/so-tay/van-ban/{}/tep/999999/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_document,
        note="no such file",
    ),
    Row(
        "so-tay/lich-hop/",
        "GET",
        fixed("/so-tay/lich-hop/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_meeting,
    ),
    Row(
        "so-tay/lich-hop/<int:pk>/",
        "GET",
        _last(MEETING, "/so-tay/lich-hop/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_meeting,
    ),
    Row(
        "so-tay/lich-hop/<int:pk>/lich.ics",
        "GET",
        _last(MEETING, "/so-tay/lich-hop/{}/lich.ics"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=add_meeting,
        allow=OUTSIDER_IN_B1,
    ),
    # A wrong code is refused with a message on the meeting page (redirect), nothing written.
    Row(
        "so-tay/lich-hop/<int:pk>/diem-danh/",
        "POST",
        _last(MEETING, "/so-tay/lich-hop/{}/diem-danh/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        data={"t": "wrong"},
        setup=add_meeting,
    ),
    Row(
        "so-tay/y-kien/",
        "GET",
        fixed("/so-tay/y-kien/"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        note="no member record",
    ),
    Row(
        "so-tay/y-kien/gui/",
        "POST",
        fixed("/so-tay/y-kien/gui/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=302,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        data=ASK,
        setup=link_members,
        note="member",
    ),
    Row(
        "so-tay/y-kien/hop-thu/",
        "GET",
        fixed("/so-tay/y-kien/hop-thu/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_question,
        markers=ASKER,
    ),
    Row(
        "so-tay/y-kien/<int:pk>/",
        "GET",
        _last(QUESTION, "/so-tay/y-kien/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_question,
    ),
    Row(
        "so-tay/y-kien/<int:pk>/tra-loi/",
        "POST",
        _last(QUESTION, "/so-tay/y-kien/{}/tra-loi/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"body": "Thứ Năm tuần sau."},
        setup=add_question,
    ),
    Row(
        "so-tay/thong-bao/",
        "GET",
        fixed("/so-tay/thong-bao/"),
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
        "so-tay/sw.js",
        "GET",
        fixed("/so-tay/sw.js"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=200,
        ),
    ),
    Row(
        "so-tay/manifest.webmanifest",
        "GET",
        fixed("/so-tay/manifest.webmanifest"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=200,
        ),
    ),
    Row(
        "so-tay/offline/",
        "GET",
        fixed("/so-tay/offline/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=200,
        ),
    ),
    # --- API -----------------------------------------------------------------------------------
    Row(
        "GET /api/v1/handbook/home",
        "GET",
        fixed("/api/v1/handbook/home"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        note="no member record",
    ),
    Row(
        "GET /api/v1/handbook/home",
        "GET",
        fixed("/api/v1/handbook/home"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=add_meeting,
        note="member",
        allow=OUTSIDER_IN_B1,
    ),
    # The member's library (issue 17): every document sent to them; a login without a member
    # record gets 404, as on the handbook's other own operations.
    Row(
        "GET /api/v1/handbook/documents",
        "GET",
        fixed("/api/v1/handbook/documents?q=&unread=false&bookmarked=false"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=add_document,
        allow=OUTSIDER_IN_B1,
    ),
    Row(
        "GET /api/v1/handbook/record",
        "GET",
        fixed("/api/v1/handbook/record"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=link_members,
        allow=OUTSIDER_IN_B1,
    ),
    Row(
        "GET /api/v1/handbook/corrections",
        "GET",
        fixed("/api/v1/handbook/corrections"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
    ),
    Row(
        "POST /api/v1/handbook/corrections",
        "POST",
        fixed("/api/v1/handbook/corrections"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=201,
            member=201,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        data=CORRECTION,
        setup=link_members,
    ),
    Row(
        "POST /api/v1/handbook/corrections/{request_id}/accept",
        "POST",
        _last("handbook.CorrectionRequest", "/api/v1/handbook/corrections/{}/accept"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=add_request,
    ),
    Row(
        "POST /api/v1/handbook/corrections/{request_id}/reject",
        "POST",
        _last("handbook.CorrectionRequest", "/api/v1/handbook/corrections/{}/reject"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"reason": "Không có căn cứ"},
        setup=add_request,
    ),
    Row(
        "GET /api/v1/handbook/questions",
        "GET",
        fixed("/api/v1/handbook/questions"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=link_members,
    ),
    Row(
        "POST /api/v1/handbook/questions",
        "POST",
        fixed("/api/v1/handbook/questions"),
        Expect(
            hq_admin=404,
            branch_officer=404,
            outsider=404,
            member=201,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        data=ASK,
        note="no member record",
    ),
    Row(
        "POST /api/v1/handbook/questions",
        "POST",
        fixed("/api/v1/handbook/questions"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=201,
            member=201,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        data=ASK,
        setup=link_members,
        note="member",
    ),
    Row(
        "GET /api/v1/handbook/questions/{question_id}",
        "GET",
        _last(QUESTION, "/api/v1/handbook/questions/{}"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=add_question,
    ),
    Row(
        "POST /api/v1/handbook/questions/{question_id}/replies",
        "POST",
        _last(QUESTION, "/api/v1/handbook/questions/{}/replies"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"body": "Thứ Năm tuần sau."},
        setup=add_question,
    ),
]


def _send_to_others(ctx: Ctx) -> None:
    from .support import member_with_login, send_document

    _user, member = member_with_login(ctx.p.tree.b1, username="khac", name="Phạm Thị Khác")
    send_document(ctx.p.tree.b1, [member])
