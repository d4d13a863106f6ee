"""The pages and the API end to end: a delegate votes on the page and through the API, officers
enter paper ballots with the keyboard form, the count closes, the minutes and the projector."""

import json

import pytest
from django.test import Client

from ..actions import polls
from ..models import Ballot, PollState
from .support import build_stage, election_with_list, open_electronic

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::treebeard.deprecation.RemovedInTreebeard8Warning"),
]

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi", "Phạm Văn Dũng", "Hoàng Thị Em"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def stage(personas):
    return build_stage(personas, delegates=6, present=5)


def test_electronic_vote_on_the_page_and_the_api_then_results_after_close(stage):
    election = election_with_list(stage, NAMES, seats=4)
    poll = open_electronic(stage, election)
    ids = [c.pk for c in election.candidates.order_by("position")]
    page = client_for(stage.users[0]).get(f"/elections/polls/{poll.pk}/")
    assert page.status_code == 200 and "Gửi phiếu" in page.content.decode()
    sent = client_for(stage.users[0]).post(f"/elections/polls/{poll.pk}/vote", {"kept": ids[:4]})
    assert sent.status_code == 302
    api = client_for(stage.users[1])
    ok = api.post(
        f"/api/v1/polls/{poll.pk}/ballot",
        json.dumps({"kept": ids[:2]}),
        content_type="application/json",
    )
    assert ok.status_code == 201, ok.content
    again = api.post(
        f"/api/v1/polls/{poll.pk}/ballot",
        json.dumps({"kept": ids[:2]}),
        content_type="application/json",
    )
    assert again.status_code == 409
    body = again.json()
    assert "đã bỏ phiếu" in body["detail"] and body["detail_en"]
    absent = client_for(stage.users[5]).post(
        f"/api/v1/polls/{poll.pk}/ballot",
        json.dumps({"kept": ids[:2]}),
        content_type="application/json",
    )
    assert absent.status_code == 403
    forged = api.post(
        "/api/v1/polls/99999/ballot", json.dumps({"kept": ids[:2]}), content_type="application/json"
    )
    assert forged.status_code == 404
    state = api.get(f"/api/v1/polls/{poll.pk}").json()
    assert (state["state"], state["participated"], state["results"]) == ("open", 2, None)
    projector = client_for(stage.organizer).get(
        f"/elections/congress/{stage.congress.pk}/projector/state?format=json"
    )
    assert projector.json()["polls"][0]["results"] is None
    closed = client_for(stage.officers[0]).post(f"/elections/polls/{poll.pk}/close")
    assert closed.status_code == 302
    state = api.get(f"/api/v1/polls/{poll.pk}").json()
    assert state["state"] == "closed" and state["results"]["base"] == 6
    after = api.post(
        f"/api/v1/polls/{poll.pk}/ballot",
        json.dumps({"kept": ids[:2]}),
        content_type="application/json",
    )
    assert after.status_code == 409
    fragment = client_for(stage.organizer).get(
        f"/elections/congress/{stage.congress.pk}/projector/state"
    )
    assert "Nguyễn Văn An" in fragment.content.decode()
    for suffix, kind in (("minutes.docx", "officedocument"), ("minutes.pdf", "pdf")):
        response = client_for(stage.organizer).get(f"/elections/polls/{poll.pk}/{suffix}")
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert response["Cache-Control"] == "private, no-store"


def test_paper_entry_form_and_api(stage):
    names = [f"Ứng Viên Số {i:02d}" for i in range(1, 56)]
    election = election_with_list(stage, names, seats=45)
    pdf = client_for(stage.organizer).get(f"/elections/{election.pk}/ballots.pdf?copies=2")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    poll = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    one, two = (client_for(o) for o in stage.officers[:2])
    page = one.get(f"/elections/polls/{poll.pk}/entry/")
    assert page.status_code == 200 and "Ứng Viên Số 55" in page.content.decode()
    bad = one.post(f"/elections/polls/{poll.pk}/entry/", {"number": "1", "struck": "1 99"})
    assert bad.status_code == 400 and "99" in bad.content.decode()
    assert (
        one.post(
            f"/elections/polls/{poll.pk}/entry/", {"number": "1", "struck": "1-10"}
        ).status_code
        == 302
    )
    api = two.post(
        f"/api/v1/polls/{poll.pk}/paper-entries",
        json.dumps({"number": 1, "struck": list(range(1, 11))}),
        content_type="application/json",
    )
    assert api.status_code == 201 and api.json()["revision"] == 1
    refused = client_for(stage.organizer).post(
        f"/api/v1/polls/{poll.pk}/paper-entries",
        json.dumps({"number": 2, "struck": []}),
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert one.post(f"/elections/polls/{poll.pk}/close").status_code == 302
    poll.refresh_from_db()
    assert poll.state == PollState.CLOSED
    assert poll.result is not None and poll.result["valid"] == 1
    log = one.get(f"/elections/polls/{poll.pk}/entry-log.pdf")
    assert log.status_code == 200 and log.content.startswith(b"%PDF")
    assert Ballot.objects.filter(poll=poll).count() == 0  # paper polls keep no electronic ballot
