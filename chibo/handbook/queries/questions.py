"""The two-way channel: the member's own questions, the committee's inbox, one thread."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, has_perm_anywhere, in_scope, member_of, scope
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound

from ..models import Question, QuestionStatus
from .member import require_member


def questions_of(user: Any) -> QuerySet[Question]:
    member = require_member(user)
    return Question.objects.filter(member=member).order_by("-last_activity_at", "-pk")


def may_answer_questions(user: Any) -> None:
    if not has_perm_anywhere(user, Perm.HANDBOOK_ANSWER):
        raise Forbidden(_("Bạn không có quyền trả lời ý kiến của đảng viên."))


def questions_for_committee(user: Any, *, status: str = "") -> QuerySet[Question]:
    may_answer_questions(user)
    questions = scope(
        user,
        Question.objects.select_related("member", "unit"),
        via="unit",
        perm=Perm.HANDBOOK_ANSWER,
    )
    if status in QuestionStatus.values:
        questions = questions.filter(status=status)
    return questions.order_by("-last_activity_at", "-pk")


def get_question_for_user(user: Any, pk: int) -> tuple[Question, bool]:
    """The question and whether the user answers it as the committee. The member who asked sees
    their own thread; answerers see the threads of their reach; others get 404, or 403 when the
    branch is in their reach but they may not answer."""
    question = Question.objects.select_related("member", "unit").filter(pk=pk).first()
    if question is None:
        raise NotFound(_("Không tìm thấy ý kiến."))
    if can(user, Perm.HANDBOOK_ANSWER, question.unit):
        return question, True
    member = member_of(user)
    if member is not None and question.member_id == member.pk:
        return question, False
    if in_scope(user, question.unit):
        raise Forbidden(_("Bạn không có quyền xem ý kiến này."))
    raise NotFound(_("Không tìm thấy ý kiến."))


def committee_work(user: Any) -> dict[str, int] | None:
    """What waits for the user as secretary or committee member: pending correction requests
    and open questions in their reach (None when they hold neither permission)."""
    from ..models import RequestStatus
    from .requests import corrections_to_decide

    work: dict[str, int] = {}
    if has_perm_anywhere(user, Perm.MEMBERS_MANAGE):
        work["corrections"] = corrections_to_decide(user, status=RequestStatus.PENDING).count()
    if has_perm_anywhere(user, Perm.HANDBOOK_ANSWER):
        work["questions"] = questions_for_committee(user, status=QuestionStatus.OPEN).count()
    return work or None
