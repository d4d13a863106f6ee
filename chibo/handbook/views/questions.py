"""The two-way channel: a member writes to the branch committee, the committee answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import has_perm_anywhere
from chibo.access.roles import Perm
from chibo.core.errors import ValidationFailed

from .. import actions, queries
from ..forms import QuestionForm, ReplyForm
from ..models import QuestionStatus
from .common import member_page, page

INBOX_LIMIT = 200


def _mine(request: HttpRequest, form: QuestionForm, status: int = 200) -> HttpResponse:
    member = queries.require_member(request.user)
    return page(
        request,
        "handbook/questions.html",
        "questions",
        status=status,
        member=member,
        questions=list(queries.questions_of(request.user)[:100]),
        form=form,
        answers=has_perm_anywhere(request.user, Perm.HANDBOOK_ANSWER),
    )


@login_required
@require_GET
@member_page("questions")
def questions(request: HttpRequest) -> HttpResponse:
    return _mine(request, QuestionForm())


@login_required
@require_POST
@member_page("questions")
def ask(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question = actions.ask_question(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            messages.success(request, _("Đã gửi ý kiến tới chi ủy."))
            return redirect("handbook:question", pk=question.pk)
    return _mine(request, form, status=400)


def _thread(request: HttpRequest, pk: int, form: ReplyForm, status: int = 200) -> HttpResponse:
    question, as_committee = queries.get_question_for_user(request.user, pk)
    return page(
        request,
        "handbook/question.html",
        "questions",
        status=status,
        question=question,
        replies=list(question.replies.all()),
        as_committee=as_committee,
        form=form,
    )


@login_required
@require_GET
def question(request: HttpRequest, pk: int) -> HttpResponse:
    return _thread(request, pk, ReplyForm())


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    question, as_committee = queries.get_question_for_user(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            actions.reply_to_question(
                actor=request.user,
                question=question,
                body=form.cleaned_data["body"],
                as_committee=as_committee,
            )
        except ValidationFailed as exc:
            form.add_error("body", exc.text())
        else:
            messages.success(request, _("Đã gửi."))
            return redirect("handbook:question", pk=pk)
    return _thread(request, pk, form, status=400)


@login_required
@require_GET
def committee_inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai", QuestionStatus.OPEN)
    if status not in QuestionStatus.values:
        status = QuestionStatus.OPEN
    return page(
        request,
        "handbook/questions_inbox.html",
        "questions",
        questions=list(queries.questions_for_committee(request.user, status=status)[:INBOX_LIMIT]),
        current_status=status,
        statuses=QuestionStatus.choices,
    )
