"""Access-matrix rows of the handbook (/so-tay/ and /api/v1/handbook).

The personas hold staff grants and have no member record. A login without a member record gets:
- the handbook's home: 200, a page saying the account is not linked to a member record;
- the member's own pages and API operations (record, documents, meetings, my questions): 404
  with the same clear message;
- the secretary's and the committee's pages (corrections inbox, questions inbox, a thread of
  their reach): by their grants, as everywhere.
Rows noted "member" link each persona to a member record of B1 first (`link_members`).
The PWA files (manifest, service worker, offline page) are public and hold no personal data.
"""

from typing import Any

from chibo.testing.matrix import A401, LOGIN, Ctx, Row, UrlFn, fixed

NO_MEMBER = (404, 404, 404, LOGIN)
NO_MEMBER_API = (404, 404, 404, A401)
PUBLIC = (200, 200, 200, 200)


def link_members(ctx: Ctx) -> None:
    from .support import link_member

    for name in ("hq_admin", "branch_officer", "outsider"):
        link_member(ctx.user(name), ctx.p.tree.b1, f"Đảng viên {name}")


def _asker(ctx: Ctx) -> Any:
    from .support import member_with_login

    return member_with_login(ctx.p.tree.b1, username="hoi", name="Lê Văn Hỏi")


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
    Row("so-tay/", "GET", fixed("/so-tay/"), (200, 200, 200, LOGIN), note="no member record"),
    Row(
        "so-tay/",
        "GET",
        fixed("/so-tay/"),
        (200, 200, 200, LOGIN),
        setup=link_members,
        note="member",
    ),
    Row("so-tay/ho-so/", "GET", fixed("/so-tay/ho-so/"), NO_MEMBER, note="no member record"),
    Row(
        "so-tay/ho-so/",
        "GET",
        fixed("/so-tay/ho-so/"),
        (200, 200, 200, LOGIN),
        setup=link_members,
        note="member",
    ),
    Row(
        "so-tay/ho-so/yeu-cau-sua/",
        "POST",
        fixed("/so-tay/ho-so/yeu-cau-sua/"),
        NO_MEMBER,
        data=CORRECTION,
        note="no member record",
    ),
    Row(
        "so-tay/ho-so/yeu-cau-sua/",
        "POST",
        fixed("/so-tay/ho-so/yeu-cau-sua/"),
        (302, 302, 302, LOGIN),
        data=CORRECTION,
        setup=link_members,
        note="member",
    ),
    # Deciding needs members.manage on the member's branch (outsider: P2 only).
    Row(
        "so-tay/yeu-cau/",
        "GET",
        fixed("/so-tay/yeu-cau/"),
        (200, 200, 200, LOGIN),
        setup=add_request,
    ),
    Row(
        "so-tay/yeu-cau/<int:pk>/chap-nhan/",
        "POST",
        _last("handbook.CorrectionRequest", "/so-tay/yeu-cau/{}/chap-nhan/"),
        (302, 302, 404, LOGIN),
        setup=add_request,
    ),
    Row(
        "so-tay/yeu-cau/<int:pk>/tu-choi/",
        "POST",
        _last("handbook.CorrectionRequest", "/so-tay/yeu-cau/{}/tu-choi/"),
        (302, 302, 404, LOGIN),
        data={"reason": "Không có căn cứ"},
        setup=add_request,
    ),
    Row("so-tay/van-ban/", "GET", fixed("/so-tay/van-ban/"), NO_MEMBER, note="no member record"),
    Row(
        "so-tay/van-ban/",
        "GET",
        fixed("/so-tay/van-ban/?q=chi+bo"),
        (200, 200, 200, LOGIN),
        setup=add_document,
        note="member",
    ),
    Row(
        "so-tay/van-ban/<int:pk>/",
        "GET",
        _last(DOCUMENT, "/so-tay/van-ban/{}/"),
        (200, 200, 200, LOGIN),
        setup=add_document,
        note="sent to the member",
    ),
    Row(
        "so-tay/van-ban/<int:pk>/",
        "GET",
        _last(DOCUMENT, "/so-tay/van-ban/{}/"),
        NO_MEMBER,
        setup=lambda ctx: _send_to_others(ctx),
        note="not sent to the user",
    ),
    Row(
        "so-tay/van-ban/<int:pk>/luu/",
        "POST",
        _last(DOCUMENT, "/so-tay/van-ban/{}/luu/"),
        (302, 302, 302, LOGIN),
        setup=add_document,
    ),
    Row(
        "so-tay/van-ban/<int:pk>/tep/<int:file_id>/",
        "GET",
        _last(DOCUMENT, "/so-tay/van-ban/{}/tep/999999/"),
        (404, 404, 404, LOGIN),
        setup=add_document,
        note="no such file",
    ),
    Row(
        "so-tay/lich-hop/",
        "GET",
        fixed("/so-tay/lich-hop/"),
        (200, 200, 200, LOGIN),
        setup=add_meeting,
    ),
    Row(
        "so-tay/lich-hop/<int:pk>/",
        "GET",
        _last(MEETING, "/so-tay/lich-hop/{}/"),
        (200, 200, 200, LOGIN),
        setup=add_meeting,
    ),
    Row(
        "so-tay/lich-hop/<int:pk>/lich.ics",
        "GET",
        _last(MEETING, "/so-tay/lich-hop/{}/lich.ics"),
        (200, 200, 200, LOGIN),
        setup=add_meeting,
    ),
    # A wrong code is refused with a message on the meeting page (redirect), nothing written.
    Row(
        "so-tay/lich-hop/<int:pk>/diem-danh/",
        "POST",
        _last(MEETING, "/so-tay/lich-hop/{}/diem-danh/"),
        (302, 302, 302, LOGIN),
        data={"t": "wrong"},
        setup=add_meeting,
    ),
    Row("so-tay/y-kien/", "GET", fixed("/so-tay/y-kien/"), NO_MEMBER, note="no member record"),
    Row(
        "so-tay/y-kien/gui/",
        "POST",
        fixed("/so-tay/y-kien/gui/"),
        (302, 302, 302, LOGIN),
        data=ASK,
        setup=link_members,
        note="member",
    ),
    Row(
        "so-tay/y-kien/hop-thu/",
        "GET",
        fixed("/so-tay/y-kien/hop-thu/"),
        (200, 200, 200, LOGIN),
        setup=add_question,
    ),
    Row(
        "so-tay/y-kien/<int:pk>/",
        "GET",
        _last(QUESTION, "/so-tay/y-kien/{}/"),
        (200, 200, 404, LOGIN),
        setup=add_question,
    ),
    Row(
        "so-tay/y-kien/<int:pk>/tra-loi/",
        "POST",
        _last(QUESTION, "/so-tay/y-kien/{}/tra-loi/"),
        (302, 302, 404, LOGIN),
        data={"body": "Thứ Năm tuần sau."},
        setup=add_question,
    ),
    Row("so-tay/thong-bao/", "GET", fixed("/so-tay/thong-bao/"), (200, 200, 200, LOGIN)),
    Row("so-tay/sw.js", "GET", fixed("/so-tay/sw.js"), PUBLIC),
    Row("so-tay/manifest.webmanifest", "GET", fixed("/so-tay/manifest.webmanifest"), PUBLIC),
    Row("so-tay/offline/", "GET", fixed("/so-tay/offline/"), PUBLIC),
    # --- API -----------------------------------------------------------------------------------
    Row(
        "GET /api/v1/handbook/home",
        "GET",
        fixed("/api/v1/handbook/home"),
        NO_MEMBER_API,
        note="no member record",
    ),
    Row(
        "GET /api/v1/handbook/home",
        "GET",
        fixed("/api/v1/handbook/home"),
        (200, 200, 200, A401),
        setup=add_meeting,
        note="member",
    ),
    Row(
        "GET /api/v1/handbook/record",
        "GET",
        fixed("/api/v1/handbook/record"),
        (200, 200, 200, A401),
        setup=link_members,
    ),
    Row(
        "GET /api/v1/handbook/corrections",
        "GET",
        fixed("/api/v1/handbook/corrections"),
        NO_MEMBER_API,
    ),
    Row(
        "POST /api/v1/handbook/corrections",
        "POST",
        fixed("/api/v1/handbook/corrections"),
        (201, 201, 201, A401),
        data=CORRECTION,
        setup=link_members,
    ),
    Row(
        "POST /api/v1/handbook/corrections/{request_id}/accept",
        "POST",
        _last("handbook.CorrectionRequest", "/api/v1/handbook/corrections/{}/accept"),
        (200, 200, 404, A401),
        setup=add_request,
    ),
    Row(
        "POST /api/v1/handbook/corrections/{request_id}/reject",
        "POST",
        _last("handbook.CorrectionRequest", "/api/v1/handbook/corrections/{}/reject"),
        (200, 200, 404, A401),
        data={"reason": "Không có căn cứ"},
        setup=add_request,
    ),
    Row(
        "GET /api/v1/handbook/questions",
        "GET",
        fixed("/api/v1/handbook/questions"),
        (200, 200, 200, A401),
        setup=link_members,
    ),
    Row(
        "POST /api/v1/handbook/questions",
        "POST",
        fixed("/api/v1/handbook/questions"),
        NO_MEMBER_API,
        data=ASK,
        note="no member record",
    ),
    Row(
        "POST /api/v1/handbook/questions",
        "POST",
        fixed("/api/v1/handbook/questions"),
        (201, 201, 201, A401),
        data=ASK,
        setup=link_members,
        note="member",
    ),
    Row(
        "GET /api/v1/handbook/questions/{question_id}",
        "GET",
        _last(QUESTION, "/api/v1/handbook/questions/{}"),
        (200, 200, 404, A401),
        setup=add_question,
    ),
    Row(
        "POST /api/v1/handbook/questions/{question_id}/replies",
        "POST",
        _last(QUESTION, "/api/v1/handbook/questions/{}/replies"),
        (201, 201, 404, A401),
        data={"body": "Thứ Năm tuần sau."},
        setup=add_question,
    ),
]


def _send_to_others(ctx: Ctx) -> None:
    from .support import member_with_login, send_document

    _user, member = member_with_login(ctx.p.tree.b1, username="khac", name="Phạm Thị Khác")
    send_document(ctx.p.tree.b1, [member])
