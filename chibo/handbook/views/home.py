"""The handbook's home: next meetings, documents to read, notices (and tasks, once they exist)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from chibo.notifications import queries as notice_queries

from .. import queries, sources
from .common import member_page, page

HOME_MEETINGS = 3
HOME_DOCUMENTS = 5
HOME_NOTICES = 3


@login_required
@require_GET
@member_page("home", status=200)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    member = queries.require_member(user)
    unread_documents = sources.unread_documents(user)
    unread_notices = list(notice_queries.notices_for(user, unread_only=True)[:HOME_NOTICES])
    unread_count = notice_queries.unread_count(user)
    return page(
        request,
        "handbook/home.html",
        "home",
        member=member,
        meetings=sources.upcoming_meetings(user, limit=HOME_MEETINGS),
        documents=unread_documents[:HOME_DOCUMENTS],
        documents_count=len(unread_documents),
        notices=unread_notices,
        unread_count=unread_count,
        open_questions=queries.questions_of(user).count(),
        committee=queries.committee_work(user),
        study=sources.open_study(user),
    )
