from django.urls import URLPattern, URLResolver, path

from .views import congress, election, poll, projector

app_name = "elections"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", congress.home, name="home"),
    path("congress/<int:congress_id>/", congress.congress, name="congress"),
    path("congress/<int:congress_id>/elections", congress.create_election, name="create_election"),
    path("congress/<int:congress_id>/motions", congress.create_motion, name="create_motion"),
    path("congress/<int:congress_id>/projector/", projector.page, name="projector"),
    path("congress/<int:congress_id>/projector/state", projector.state, name="projector_state"),
    path("motions/<int:motion_id>/hands", congress.show_of_hands, name="show_of_hands"),
    path("motions/<int:motion_id>/poll", poll.open_motion_poll, name="open_motion_poll"),
    path("<int:pk>/", election.detail, name="election"),
    path("<int:pk>/candidates", election.add_candidate, name="add_candidate"),
    path("<int:pk>/nominations", election.nominate, name="nominate"),
    path("<int:pk>/candidates/<int:candidate_id>/withdraw", election.withdraw, name="withdraw"),
    path("<int:pk>/approve", election.approve, name="approve"),
    path("<int:pk>/polls", election.open_poll, name="open_poll"),
    path("<int:pk>/ballots.pdf", election.ballot_pdf, name="ballot_pdf"),
    path("polls/<int:pk>/", poll.detail, name="poll"),
    path("polls/<int:pk>/vote", poll.vote, name="vote"),
    path("polls/<int:pk>/close", poll.close, name="close"),
    path("polls/<int:pk>/void", poll.void, name="void"),
    path("polls/<int:pk>/entry/", poll.entry, name="entry"),
    path("polls/<int:pk>/entry-log.pdf", poll.entry_log, name="entry_log"),
    path("polls/<int:pk>/minutes.pdf", poll.minutes_pdf, name="minutes_pdf"),
    path("polls/<int:pk>/minutes.docx", poll.minutes_docx, name="minutes_docx"),
]
