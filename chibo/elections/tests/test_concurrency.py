"""One person, one ballot under concurrency: 50 simultaneous submissions from one delegate give
exactly one ballot (PostgreSQL, real threads and connections)."""

import threading

import pytest
from django.db import connection, connections

from chibo.core.errors import Conflict

from ..actions import polls
from ..models import Ballot, Participation
from .support import build_stage, election_with_list, open_electronic

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::treebeard.deprecation.RemovedInTreebeard8Warning"),
    # The per-test flush of a transactional test is a TRUNCATE the audit triggers refuse.
    pytest.mark.usefixtures("audit_truncate_allowed"),
]


def test_fifty_concurrent_ballots_from_one_delegate_make_one(personas):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite writes one at a time)")
    stage = build_stage(personas, delegates=3)
    election = election_with_list(stage, ["An", "Bình", "Chi", "Dũng", "Em"], seats=4)
    poll = open_electronic(stage, election)
    first = election.candidates.order_by("position").first()
    assert first is not None
    user = stage.users[0]
    barrier = threading.Barrier(50)
    outcomes: list[str] = []
    lock = threading.Lock()

    def vote() -> None:
        try:
            barrier.wait()
            polls.cast_ballot(actor=user, poll_id=poll.pk, kept=[first.pk])
            result = "ok"
        except Conflict:
            result = "conflict"
        except Exception as exc:
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=vote) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(outcomes)) == ["conflict", "ok"], outcomes
    assert outcomes.count("ok") == 1
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert Participation.objects.filter(poll=poll).count() == 1
    closed = polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    assert (closed.participated, closed.ballots_counted) == (1, 1)
