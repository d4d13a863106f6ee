"""Candidate lists, electronic and paper polls, voiding, motions: the rules and the bad input of
issue 12, through the actions."""

from typing import Any

import pytest
from django.db import connection

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed

from .. import queries
from ..actions import lists, motions, paper, polls
from ..models import Ballot, Candidate, Participation, PollState
from .support import build_stage, check_in, election_with_list, open_electronic

pytestmark = [
    pytest.mark.django_db,
    # congresses.add_delegate still calls OrgUnit.get_children() (deprecated in treebeard).
    pytest.mark.filterwarnings("ignore::treebeard.deprecation.RemovedInTreebeard8Warning"),
]

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi", "Phạm Văn Dũng", "Hoàng Thị Em"]
# 4 seats, 5 names: the smallest list with a surplus within 30% (3 seats allow no surplus).
SEATS = 4


@pytest.fixture
def stage(personas):
    return build_stage(personas, delegates=10, present=8)


def res(poll: Any) -> dict[str, Any]:
    assert poll.result is not None
    return dict(poll.result)


def ids(election):
    return [c.pk for c in queries.list_candidates(election)]


# --- candidate lists ---------------------------------------------------------------------------


def test_list_over_30_percent_surplus_is_refused(stage):
    election = lists.create_election(
        actor=stage.organizer, congress_id=stage.congress.pk, title="Bầu Ban Chấp hành", seats=3
    )
    for name in NAMES[:3]:
        lists.add_candidate(actor=stage.organizer, election_id=election.pk, full_name=name)
    with pytest.raises(ValidationFailed) as exc:  # 4 names for 3 seats: 33% > 30%
        lists.add_candidate(actor=stage.organizer, election_id=election.pk, full_name=NAMES[3])
    assert "30%" in exc.value.text() and "190-QĐ/TW" in exc.value.text()
    assert Candidate.objects.filter(election=election).count() == 3


def test_floor_nomination_needs_more_than_30_percent_of_those_present(stage):
    election = lists.create_election(
        actor=stage.organizer, congress_id=stage.congress.pk, title="Bầu Ban Chấp hành", seats=10
    )
    with pytest.raises(ValidationFailed) as exc:  # 8 present: 30% is 2.4, 2 is not more
        lists.nominate_from_floor(
            actor=stage.organizer, election_id=election.pk, full_name="Phạm Dũng", approvals=2
        )
    assert "2/8" in exc.value.text()
    candidate = lists.nominate_from_floor(
        actor=stage.organizer, election_id=election.pk, full_name="Phạm Dũng", approvals=3
    )
    assert (candidate.source, candidate.approvals, candidate.present) == ("floor", 3, 8)


def test_approved_list_is_fixed_and_needs_enough_names(stage):
    election = lists.create_election(
        actor=stage.organizer, congress_id=stage.congress.pk, title="Bầu Ban Chấp hành", seats=2
    )
    lists.add_candidate(actor=stage.organizer, election_id=election.pk, full_name=NAMES[0])
    with pytest.raises(ValidationFailed):
        lists.approve_list(actor=stage.organizer, election_id=election.pk)
    lists.add_candidate(actor=stage.organizer, election_id=election.pk, full_name=NAMES[1])
    lists.approve_list(actor=stage.organizer, election_id=election.pk)
    with pytest.raises(Conflict):
        lists.add_candidate(actor=stage.organizer, election_id=election.pk, full_name=NAMES[2])


def test_lists_need_elections_manage_and_reach(stage, personas):
    with pytest.raises(NotFound):
        lists.create_election(
            actor=personas.outsider, congress_id=stage.congress.pk, title="X", seats=1
        )
    with pytest.raises(Forbidden):
        lists.create_election(
            actor=stage.officers[0], congress_id=stage.congress.pk, title="X", seats=1
        )


# --- electronic polls ----------------------------------------------------------------------


def test_electronic_poll_counts_against_the_base_and_publishes_checked_counts(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a, b, c, d, e = ids(election)
    choices = [[a, b, c, d]] * 6 + [[a, b, c, e]] + [[e]]
    for user, kept in zip(stage.users, choices, strict=False):
        polls.cast_ballot(actor=user, poll_id=poll.pk, kept=kept)
    status = queries.poll_status(poll)
    assert (status["entitled"], status["participated"], status["results"]) == (8, 8, None)
    closed = polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    assert (closed.entitled, closed.participated, closed.ballots_counted) == (8, 8, 8)
    result = res(closed)
    # 10 official delegates convened, none excluded: base 10 (not the 8 ballots).
    assert result["base"] == 10 and result["valid"] == 8
    votes = {r["name"]: r["votes"] for r in result["results"]}
    assert votes == {NAMES[0]: 7, NAMES[1]: 7, NAMES[2]: 7, NAMES[3]: 6, NAMES[4]: 2}
    assert result["elected"] == [str(a), str(b), str(c), str(d)]
    assert result["status"] == "complete"
    assert queries.poll_status(closed)["results"]["base"] == 10


def test_second_ballot_is_refused_and_the_count_stays(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a, b = ids(election)[:2]
    polls.cast_ballot(actor=stage.users[0], poll_id=poll.pk, kept=[a])
    with pytest.raises(Conflict) as exc:
        polls.cast_ballot(actor=stage.users[0], poll_id=poll.pk, kept=[b])
    assert "đã bỏ phiếu" in exc.value.text()
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert Participation.objects.filter(poll=poll).count() == 1


def test_absent_and_unentitled_delegates_and_strangers_are_refused(stage, personas):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a = ids(election)[0]
    with pytest.raises(Forbidden) as exc:  # delegate 9 never checked in
        polls.cast_ballot(actor=stage.users[9], poll_id=poll.pk, kept=[a])
    assert "điểm danh" in exc.value.text()
    with pytest.raises(Forbidden):  # not a delegate at all
        polls.cast_ballot(actor=personas.hq_admin, poll_id=poll.pk, kept=[a])
    assert Ballot.objects.filter(poll=poll).count() == 0
    check_in(stage, stage.delegates[9])  # arrives: may vote now
    polls.cast_ballot(actor=stage.users[9], poll_id=poll.pk, kept=[a])
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_ballot_after_closing_is_refused(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a = ids(election)[0]
    polls.cast_ballot(actor=stage.users[0], poll_id=poll.pk, kept=[a])
    polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    with pytest.raises(Conflict) as exc:
        polls.cast_ballot(actor=stage.users[1], poll_id=poll.pk, kept=[a])
    assert "kết thúc" in exc.value.text()
    poll.refresh_from_db()
    assert poll.ballots_counted == 1 and Ballot.objects.filter(poll=poll).count() == 1


def test_forged_poll_id_and_foreign_names_are_refused(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a, b, c, d, e = ids(election)
    for forged in (poll.pk + 999, "abc", -1):
        with pytest.raises(NotFound):
            polls.cast_ballot(actor=stage.users[0], poll_id=forged, kept=[a])
    with pytest.raises(ValidationFailed):
        polls.cast_ballot(actor=stage.users[0], poll_id=poll.pk, kept=[a, 987654])
    with pytest.raises(ValidationFailed) as exc:
        polls.cast_ballot(actor=stage.users[0], poll_id=poll.pk, kept=[a, b, c, d, e])
    assert "tối đa 4" in exc.value.text()
    assert Ballot.objects.filter(poll=poll).count() == 0


def test_only_the_counting_committee_closes(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    with pytest.raises(Forbidden):
        polls.close_poll(actor=stage.organizer, poll_id=poll.pk)


def test_a_tie_at_the_last_seat_opens_a_second_round_among_the_tied(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a, b, c, d, e = ids(election)
    # Each ballot strikes one name: An once, Bình once, Chi, Dũng and Em twice each.
    left_out = [a, b, c, c, d, d, e, e]
    for user, out in zip(stage.users[:8], left_out, strict=True):
        polls.cast_ballot(
            actor=user, poll_id=poll.pk, kept=[x for x in (a, b, c, d, e) if x != out]
        )
    closed = polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    # Base 10: everyone has more than 5; An 7, Bình 7, then Chi, Dũng, Em 6 each for 2 seats.
    assert res(closed)["status"] == "tie"
    assert res(closed)["elected"] == [str(a), str(b)]
    assert res(closed)["tied"] == [str(c), str(d), str(e)]
    second = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    assert (second.round, second.seats, second.candidate_ids) == (2, 2, [c, d, e])
    assert [x.pk for x in queries.ballot_candidates(second)] == [c, d, e]


def test_too_few_elected_is_reported(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a, b, c, d, e = ids(election)
    for i, user in enumerate(stage.users[:8]):
        polls.cast_ballot(actor=user, poll_id=poll.pk, kept=[a, b, c] if i < 6 else [d, e])
    closed = polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    assert res(closed)["status"] == "too_few"
    assert res(closed)["elected"] == [str(a), str(b), str(c)]
    second = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="electronic")
    assert (second.round, second.seats, second.candidate_ids) == (2, 1, [d, e])


# --- secrecy ----------------------------------------------------------------------------------


def test_ballots_cannot_be_linked_to_voters(stage):
    """No column ties a ballot to a person or a moment; ids are random; after the close the order
    of the rows (and on PostgreSQL the writing transaction) says nothing about who voted when;
    the audit log holds the poll's state changes only."""
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}
    assert ballot_fields == {"id", "poll", "choice"}
    participation_fields = {f.name for f in Participation._meta.get_fields()}
    assert participation_fields == {"id", "poll", "delegate"}
    for model in (Ballot, Participation):
        assert model._meta.pk.get_internal_type() == "UUIDField"
        assert not any(
            f.get_internal_type() in ("DateTimeField", "DateField") for f in model._meta.fields
        )
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a, b, c = ids(election)[:3]
    # Eight voters in a known order, each with a ballot that tells them apart.
    distinct = [[a], [b], [c], [a, b], [a, c], [b, c], [], [a]]
    for user, kept in zip(stage.users[:8], distinct, strict=True):
        polls.cast_ballot(actor=user, poll_id=poll.pk, kept=kept)
    before = [str(i) for i in Ballot.objects.filter(poll=poll).values_list("id", flat=True)]
    polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    after = list(Ballot.objects.filter(poll=poll).values_list("id", "choice"))
    assert not {str(i) for i, _c in after} & set(before)  # every id replaced
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = Ballot._meta.db_table
            cursor.execute(f"SELECT DISTINCT xmin::text FROM {table} WHERE poll_id = %s", [poll.pk])  # noqa: S608
            assert len(cursor.fetchall()) == 1  # all written by the closing transaction
    # Nothing in the audit log but the poll's own changes; no delegate, no ballot.
    events = AuditEvent.objects.filter(target_type__startswith="elections.")
    assert set(events.values_list("action", flat=True)) <= {
        "elections.create_election",
        "elections.add_candidate",
        "elections.approve_list",
        "elections.open_poll",
        "elections.close_poll",
    }
    assert not AuditEvent.objects.filter(target_type="elections.ballot").exists()
    assert not AuditEvent.objects.filter(target_type="elections.participation").exists()


def test_the_box_is_shaken_at_close(stage):
    """After the close the stored order (by table order and by id) is not the order of the
    votes: with eight different ballots, a false failure has a chance of 1 in 8!."""
    election = election_with_list(stage, NAMES, seats=SEATS)
    a, b, c = ids(election)[:3]
    poll = open_electronic(stage, election)
    order = [[a], [b], [c], [a, b], [a, c], [b, c], [], [a, b, c]]
    for user, kept in zip(stage.users[:8], order, strict=True):
        polls.cast_ballot(actor=user, poll_id=poll.pk, kept=kept)
    polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    rows = Ballot.objects.filter(poll=poll)
    stored = [sorted(ch["kept"]) for ch in rows.values_list("choice", flat=True)]
    by_id = [sorted(ch["kept"]) for ch in rows.order_by("pk").values_list("choice", flat=True)]
    assert sorted(stored) == sorted(sorted(k) for k in order)
    assert stored != [sorted(k) for k in order] or by_id != [sorted(k) for k in order]


# --- voiding ---------------------------------------------------------------------------------


def test_voiding_records_the_reason_reveals_nothing_and_reruns_on_paper(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = open_electronic(stage, election)
    a = ids(election)[0]
    for user in stage.users[:3]:
        polls.cast_ballot(actor=user, poll_id=poll.pk, kept=[a])
    with pytest.raises(ValidationFailed):
        polls.void_poll(actor=stage.officers[0], poll_id=poll.pk, reason="  ")
    polls.void_poll(actor=stage.officers[0], poll_id=poll.pk, reason="Mất kết nối mạng")
    poll.refresh_from_db()
    assert poll.state == PollState.VOIDED and poll.void_reason == "Mất kết nối mạng"
    assert poll.result is None and poll.participated is None
    assert not Ballot.objects.filter(poll=poll).exists()
    assert not Participation.objects.filter(poll=poll).exists()
    status = queries.poll_status(poll)
    assert status["results"] is None and status["participated"] is None
    event = AuditEvent.objects.get(action="elections.void_poll")
    assert "Mất kết nối mạng" in str(event.changes) and "3" not in str(event.changes)
    with pytest.raises(Conflict):  # never half electronic, half paper: the re-run is paper
        polls.open_poll(actor=stage.organizer, election_id=election.pk, method="electronic")
    rerun = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    assert rerun.round == 1 and rerun.method == "paper"
    with pytest.raises(Conflict):  # a paper poll takes no electronic ballot
        polls.cast_ballot(actor=stage.users[5], poll_id=rerun.pk, kept=[a])


# --- paper ballots --------------------------------------------------------------------------


def test_paper_entries_are_reconciled_before_the_count_closes(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = polls.open_poll(
        actor=stage.organizer, election_id=election.pk, method="paper", ballots_issued=8
    )
    one, two = stage.officers[:2]
    # six strike Em, one strikes Dũng, one strikes every name (invalid: the list has a surplus).
    stack = [[5]] * 6 + [[4]] + [[1, 2, 3, 4, 5]]
    for number, struck in enumerate(stack, start=1):
        paper.record_paper_entry(actor=one, poll_id=poll.pk, number=number, struck=struck)
    with pytest.raises(Conflict):  # one officer is not enough
        polls.close_poll(actor=one, poll_id=poll.pk)
    for number, struck in enumerate(stack, start=1):
        wrong = [3] if number == 4 else struck
        paper.record_paper_entry(actor=two, poll_id=poll.pk, number=number, struck=wrong)
    rec = queries.reconciliation(poll)
    assert [r["number"] for r in rec["disagreements"]] == [4]
    with pytest.raises(Conflict) as exc:
        polls.close_poll(actor=one, poll_id=poll.pk)
    assert "1 phiếu" in exc.value.text()
    paper.record_paper_entry(actor=two, poll_id=poll.pk, number=4, struck=[5])  # correction
    assert queries.reconciliation(poll)["disagreements"] == []
    assert queries.entry_log(poll).count() == 17  # every revision kept
    closed = polls.close_poll(actor=one, poll_id=poll.pk)
    result = res(closed)
    assert (result["valid"], result["invalid"], result["base"]) == (7, 1, 10)
    assert result["invalid_by_reason"] == {"all_struck": 1}
    votes = {r["name"]: r["votes"] for r in result["results"]}
    assert votes == {NAMES[0]: 7, NAMES[1]: 7, NAMES[2]: 7, NAMES[3]: 6, NAMES[4]: 1}
    assert result["status"] == "complete"


def test_paper_entry_bad_input(stage):
    election = election_with_list(stage, NAMES, seats=SEATS)
    poll = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    with pytest.raises(ValidationFailed):
        paper.record_paper_entry(actor=stage.officers[0], poll_id=poll.pk, number=1, struck=[6])
    with pytest.raises(ValidationFailed):
        paper.parse_positions("1 x", 3)
    assert paper.parse_positions("3, 1-2", 55) == [1, 2, 3]
    with pytest.raises(Forbidden):
        paper.record_paper_entry(actor=stage.organizer, poll_id=poll.pk, number=1, struck=[1])


def test_paper_agree_disagree_for_a_single_candidate(stage):
    election = election_with_list(stage, [NAMES[0]], seats=1)
    poll = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    assert poll.form == "agree_disagree"
    # ballots: 6 agree, 1 disagree (struck), 1 both/none (unmarked → invalid for one name).
    entries: list[tuple[list[int], list[int]]] = [([], [])] * 6 + [([1], [])] + [([], [1])]
    for officer in stage.officers[:2]:
        for number, (struck, unmarked) in enumerate(entries, start=1):
            paper.record_paper_entry(
                actor=officer, poll_id=poll.pk, number=number, struck=struck, unmarked=unmarked
            )
    result = res(polls.close_poll(actor=stage.officers[0], poll_id=poll.pk))
    assert (result["valid"], result["invalid"]) == (7, 1)
    assert result["results"][0]["votes"] == 6 and result["status"] == "complete"


# --- motions --------------------------------------------------------------------------------


def test_motion_by_show_of_hands(stage):
    motion = motions.create_motion(
        actor=stage.organizer, congress_id=stage.congress.pk, title="Thông qua chương trình"
    )
    with pytest.raises(ValidationFailed):  # 9 hands, 8 present
        motions.record_show_of_hands(
            actor=stage.organizer, motion_id=motion.pk, agree=7, disagree=1, abstain=1
        )
    poll = motions.record_show_of_hands(
        actor=stage.organizer, motion_id=motion.pk, agree=6, disagree=1, abstain=1
    )
    assert res(poll)["passed"] is True and res(poll)["base"] == 10
    with pytest.raises(Conflict):
        motions.record_show_of_hands(
            actor=stage.organizer, motion_id=motion.pk, agree=6, disagree=1, abstain=1
        )


def test_motion_electronically(stage):
    motion = motions.create_motion(
        actor=stage.organizer, congress_id=stage.congress.pk, title="Thông qua nghị quyết"
    )
    poll = polls.open_poll(actor=stage.organizer, motion_id=motion.pk, method="electronic")
    answers = ["agree"] * 5 + ["disagree", "abstain", "agree"]
    for user, answer in zip(stage.users, answers, strict=False):
        polls.cast_ballot(actor=user, poll_id=poll.pk, answer=answer)
    with pytest.raises(ValidationFailed):
        polls.cast_ballot(actor=stage.users[7], poll_id=poll.pk, answer="maybe")
    result = res(polls.close_poll(actor=stage.officers[0], poll_id=poll.pk))
    assert (result["agree"], result["disagree"], result["abstain"]) == (6, 1, 1)
    assert result["passed"] is True
