from django.urls import path

from .views import cards, congress, delegates, gate, tablet

app_name = "congresses"

urlpatterns = [
    path("", congress.home, name="home"),
    path("new/", congress.create, name="create"),
    path("tablet-sw.js", tablet.service_worker, name="service_worker"),
    path("cards/organiser/", cards.organiser_card, name="organiser_card"),
    path("cards/delegate/", cards.delegate_card, name="delegate_card"),
    path("<int:pk>/", congress.detail, name="detail"),
    path("<int:pk>/status/", congress.set_status, name="status"),
    path("<int:pk>/sessions/", congress.add_session, name="add_session"),
    path("<int:pk>/committees/", congress.add_committee_member, name="add_committee_member"),
    path(
        "<int:pk>/committees/<int:row>/remove/",
        congress.remove_committee_member,
        name="remove_committee_member",
    ),
    path("<int:pk>/agenda/", congress.add_agenda_item, name="add_agenda_item"),
    path("<int:pk>/current-item/", congress.set_current_item, name="set_current_item"),
    path("<int:pk>/documents/", congress.post_document, name="post_document"),
    path("<int:pk>/delegates/", delegates.delegates, name="delegates"),
    path("<int:pk>/delegates/add/", delegates.add_delegate, name="add_delegate"),
    path("<int:pk>/delegates/allocate/", delegates.allocate, name="allocate"),
    path("<int:pk>/delegates/convene/", delegates.convene, name="convene"),
    path("<int:pk>/delegates/substitute/", delegates.substitute, name="substitute"),
    path(
        "<int:pk>/delegates/<int:delegate>/credentials/",
        delegates.credentials,
        name="credentials",
    ),
    path("<int:pk>/delegates/<int:delegate>/exclusion/", delegates.exclusion, name="exclusion"),
    path("<int:pk>/delegates/<int:delegate>/reissue/", delegates.reissue_badge, name="reissue"),
    path("<int:pk>/badges.pdf", delegates.badges_pdf, name="badges_pdf"),
    path("<int:pk>/requests/<int:request_id>/queue/", delegates.queue_speaker, name="queue"),
    path("<int:pk>/requests/<int:request_id>/move/", delegates.move_speaker, name="move"),
    path(
        "<int:pk>/requests/<int:request_id>/close/", delegates.close_request, name="close_request"
    ),
    path("<int:pk>/gate/", gate.gate_page, name="gate"),
    path("<int:pk>/gate/presence/", gate.presence, name="presence"),
    path("<int:pk>/gate/check-in/", gate.check_in, name="check_in"),
    path("<int:pk>/tablet/", tablet.tablet, name="tablet"),
    path("<int:pk>/tablet/now/", tablet.now, name="tablet_now"),
    path("<int:pk>/tablet/documents/<int:doc>/", tablet.document, name="tablet_document"),
    path("<int:pk>/tablet/requests/", tablet.submit_request, name="submit_request"),
]
