"""Demo data of the member handbook: the demo accounts with a member record are linked to it,
and `dangvien` finds notices, a question answered by the branch secretary and a pending request
to correct their record. Goes through the handbook's actions (audited, notices sent)."""

from collections.abc import Callable

from django.db import transaction

from chibo.access.models import User
from chibo.core.text import fold
from chibo.handbook import actions as handbook_actions
from chibo.handbook.models import Question
from chibo.members.models import Member
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind

from .plan import DEMO_ACCOUNTS

MEMBER_USERNAME = "dangvien"
SECRETARY_USERNAME = "bithu"

NOTICES = (
    (
        NoticeKind.MEETING,
        "Sinh hoạt chi bộ thường kỳ tháng này",
        "Đề nghị đồng chí dự đầy đủ, đúng giờ; tài liệu đã đăng trên sổ tay.",
        "/so-tay/lich-hop/",
    ),
    (
        NoticeKind.DOCUMENT,
        "Văn bản mới cần nghiên cứu",
        "Chi ủy đề nghị đảng viên đọc văn bản trước buổi sinh hoạt.",
        "/so-tay/van-ban/",
    ),
    (
        NoticeKind.GENERAL,
        "Nhắc đóng đảng phí quý này",
        "Đảng viên đóng đảng phí cho đồng chí thủ quỹ chi bộ trước ngày 10.",
        "",
    ),
)


def link_account_members(branch_code: str) -> dict[str, Member]:
    """The demo accounts planned with a member record get it linked to their login
    (Member.user), so the handbook and self check-in work for them."""
    linked: dict[str, Member] = {}
    for account in DEMO_ACCOUNTS:
        if not account.has_member_record:
            continue
        user = User.objects.filter(username=account.username).first()
        # Compared folded: the data-cleaning demo deliberately dirties some names' spelling.
        member = next(
            (
                m
                for m in Member.objects.filter(unit__code=branch_code).order_by("pk")
                if fold(m.full_name) == fold(account.full_name)
            ),
            None,
        )
        if user is None or member is None:
            continue
        if member.user_id != user.pk:
            Member.objects.filter(user=user).exclude(pk=member.pk).update(user=None)
            member.user = user
            member.save(update_fields=["user"])
        linked[account.username] = member
    return linked


def seed_handbook(*, branch_code: str, say: Callable[[str], None] | None = None) -> None:
    """Idempotent enough for the demo: runs once, on the fresh database `seed_demo` builds."""
    say = say or (lambda _message: None)
    with transaction.atomic():
        linked = link_account_members(branch_code)
        member_user = User.objects.filter(username=MEMBER_USERNAME).first()
        secretary = User.objects.filter(username=SECRETARY_USERNAME).first()
        if member_user is None or MEMBER_USERNAME not in linked:
            return
        say("Sổ tay đảng viên: thông báo, ý kiến, đề nghị sửa hồ sơ")
        for kind, title, body, url in NOTICES:
            notify(
                recipients=[member_user], kind=kind, title=title, body=body, url=url, email=False
            )
        if Question.objects.filter(asked_by=member_user).exists():
            return
        question = handbook_actions.ask_question(
            actor=member_user,
            subject="Thời gian học tập nghị quyết mới",
            body=(
                "Đề nghị chi ủy cho biết khi nào chi bộ tổ chức học tập, quán triệt nghị quyết "
                "mới, để tôi sắp xếp công việc ở cơ quan."
            ),
        )
        if secretary is not None:
            handbook_actions.reply_to_question(
                actor=secretary,
                question=question,
                body=(
                    "Chi bộ lồng ghép học tập trong buổi sinh hoạt chuyên đề quý này; tài liệu "
                    "đã gửi trên sổ tay, đồng chí đọc trước giúp."
                ),
                as_committee=True,
            )
        handbook_actions.ask_question(
            actor=member_user,
            subject="Góp ý về giờ sinh hoạt",
            body="Đề nghị chi bộ cân nhắc họp sau 18 giờ để đảng viên đi làm xa kịp dự.",
        )
        handbook_actions.request_correction(
            actor=member_user,
            field="phone",
            proposed_value="0912 345 678",
            note="Tôi đã đổi số điện thoại từ tháng trước.",
        )
