"""The counting rules (QĐ 190-QĐ/TW, Điều 14, 15 and 30), pinned one by one, and the
`count_ballots` command with the file format of issue 12."""

import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chibo.core.errors import ValidationFailed

from .. import counting, rules
from ..counting import Ballot, CountInput

R = rules.ELECTION_RULES.rule_on(date(2025, 6, 1))
NAMES = ["An", "Bình", "Chi", "Dũng"]


def strike(*kept: str, issued: bool = True, added: tuple[str, ...] = ()) -> Ballot:
    return Ballot(issued=issued, kept=tuple(kept), added=added)


def run(
    ballots: list[Ballot],
    *,
    seats: int = 2,
    candidates: list[str] | None = None,
    congress: str = "delegates",
    convened: int = 10,
    excluded: dict[str, int] | None = None,
    form: str = "strike",
) -> counting.CountResult:
    data = CountInput(
        congress=congress,
        convened=convened,
        excluded=excluded or {},
        seats=seats,
        candidates=tuple(candidates or NAMES[:3]),
        form=form,
        ballots=tuple(ballots),
    )
    return counting.count(data, R)


# --- the dated rule ---------------------------------------------------------------------------


def test_rule_in_force_from_190_and_reaching_back():
    rule = rules.ELECTION_RULES.rule_on(date(2024, 10, 10))
    assert "190-QĐ/TW" in rule.source and "04-HD/TW" in rule.source
    assert rule.valid_from == date(2024, 10, 10) and rule.valid_to is None
    assert rules.ELECTION_RULES.rule_on(date(2024, 10, 9)) is rule  # QĐ 244 had the same figures
    assert rule.max_surplus_percent == 30 and rule.floor_nomination_percent == 30
    assert "Điều 30" in rule.result_source and "Điều 15" in rule.ballot_source


@pytest.mark.parametrize(
    ("seats", "candidates", "allowed"),
    [(10, 13, True), (10, 14, False), (3, 3, True), (3, 4, False), (5, 6, True), (5, 7, False)],
)
def test_surplus_at_most_30_percent(seats, candidates, allowed):
    assert rules.surplus_allowed(seats, candidates, R) is allowed
    assert (candidates <= rules.max_candidates(seats, R)) is allowed


def test_floor_nomination_needs_more_than_30_percent():
    assert not rules.floor_nomination_passes(30, 100, R)
    assert rules.floor_nomination_passes(31, 100, R)
    assert not rules.floor_nomination_passes(3, 10, R)
    assert rules.floor_nomination_passes(4, 10, R)


def test_form_follows_the_surplus():
    assert rules.form_for(1, 1) == rules.AGREE_DISAGREE
    assert rules.form_for(3, 3) == rules.AGREE_DISAGREE
    assert rules.form_for(3, 4) == rules.STRIKE


# --- the base -----------------------------------------------------------------------------------

ALL_EXCLUDED = {
    "absent_with_approval": 1,
    "temporary_transfer": 2,
    "exempt_absent": 3,
    "suspended": 4,
}


def test_base_of_a_congress_of_delegates_excludes_only_the_approved_absent():
    assert rules.base_of("delegates", 100, ALL_EXCLUDED, R) == 99


def test_base_of_a_congress_of_members_excludes_all_four():
    assert rules.base_of("members", 100, ALL_EXCLUDED, R) == 90


def test_percent_and_majority_against_the_base_not_the_valid_ballots():
    # 10 convened, 9 ballots of which 4 invalid: 5 valid. 5 votes is all the valid ballots but
    # exactly half of the base: not elected.
    ballots = [strike("An", "Bình")] * 5 + [strike(issued=False)] * 4
    result = run(ballots, convened=10)
    assert result.valid == 5 and result.invalid == 4 and result.base == 10
    assert result.results[0].votes == 5
    assert result.results[0].percent_of_base == counting.Decimal("50.00")
    assert result.elected == () and result.status == counting.TOO_FEW


def test_more_than_half_of_the_base_is_elected():
    ballots = [strike("An", "Bình")] * 6 + [strike("Chi")] * 3
    result = run(ballots, convened=11, excluded={"absent_with_approval": 1})
    assert result.base == 10
    assert result.elected == ("An", "Bình") and result.status == counting.COMPLETE


def test_exclusions_change_who_passes_for_members():
    ballots = [strike("An", "Bình")] * 6
    # 14 convened members, 3 excluded → base 11 → 6 passes; as a delegates' congress the same
    # figures give base 14 (only the approved absent count) → 6 does not pass.
    exc = {"temporary_transfer": 1, "exempt_absent": 1, "suspended": 1}
    assert run(ballots, congress="members", convened=14, excluded=exc).elected == ("An", "Bình")
    assert run(ballots, congress="delegates", convened=14, excluded=exc).elected == ()


def test_an_empty_base_is_refused():
    with pytest.raises(ValidationFailed):
        run([], convened=1, excluded={"absent_with_approval": 1})


# --- validity (Điều 15) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ballot", "reason"),
    [
        (strike("An", issued=False), counting.NOT_ISSUED),
        (strike("An", "Bình", "Chi"), counting.TOO_MANY_KEPT),
        (strike(), counting.ALL_STRUCK),
        (strike("An", added=("Giáp",)), counting.NAMES_ADDED),
        (strike("An"), None),
        (strike("An", "Chi"), None),
    ],
)
def test_strike_ballot_validity(ballot, reason):
    assert counting.invalid_reason(ballot, NAMES[:3], 2, "strike") == reason


def test_invalid_ballots_count_for_nobody():
    ballots = [strike("An", "Bình", "Chi"), strike(), strike("An", issued=False), strike("Bình")]
    result = run(ballots)
    assert result.valid == 1 and result.invalid == 3
    assert {r.candidate: r.votes for r in result.results} == {"An": 0, "Bình": 1, "Chi": 0}
    assert result.invalid_by_reason == {
        counting.TOO_MANY_KEPT: 1,
        counting.ALL_STRUCK: 1,
        counting.NOT_ISSUED: 1,
    }


def test_striking_every_name_on_a_list_without_surplus_is_valid():
    marks = {"An": "disagree", "Bình": "disagree"}
    ballot = Ballot(marks=marks)
    assert counting.invalid_reason(ballot, ["An", "Bình"], 2, "agree_disagree") is None


def test_agree_disagree_both_or_none_counts_for_nobody_but_keeps_the_ballot_valid():
    ballots = [
        Ballot(marks={"An": "agree", "Bình": "both", "Chi": "none"}),
        Ballot(marks={"An": "agree", "Bình": "agree", "Chi": "disagree"}),
        Ballot(marks={"An": "disagree", "Bình": "agree", "Chi": "agree"}),
    ]
    result = run(ballots, seats=3, convened=4, form="agree_disagree")
    assert result.valid == 3 and result.invalid == 0
    assert {r.candidate: r.votes for r in result.results} == {"An": 2, "Bình": 2, "Chi": 1}
    assert set(result.elected) == set() and result.status == counting.TOO_FEW
    result = run(ballots, seats=3, convened=3, form="agree_disagree")
    assert set(result.elected) == {"An", "Bình"}


@pytest.mark.parametrize(
    ("mark", "valid"), [("agree", 1), ("disagree", 1), ("both", 0), ("none", 0)]
)
def test_single_candidate_ballot_needs_exactly_one_box(mark, valid):
    result = run(
        [Ballot(marks={"An": mark})], seats=1, candidates=["An"], convened=1, form="agree_disagree"
    )
    assert result.valid == valid


def test_agree_disagree_with_names_added_is_invalid():
    result = run(
        [Ballot(marks={"An": "agree"}, added=("Giáp",))],
        seats=1,
        candidates=["An"],
        convened=1,
        form="agree_disagree",
    )
    assert result.invalid == 1


# --- ranking, ties, too few --------------------------------------------------------------------


def test_more_passing_than_seats_highest_votes_win():
    ballots = [strike("An", "Bình")] * 4 + [strike("An", "Chi")] * 3 + [strike("Bình", "Chi")] * 2
    result = run(ballots, convened=9)  # An 7, Bình 6, Chi 5: all pass (> 4.5)
    assert [r.candidate for r in result.results] == ["An", "Bình", "Chi"]
    assert result.elected == ("An", "Bình") and result.status == counting.COMPLETE


def test_tie_at_the_last_seat_is_reported_not_decided():
    ballots = [strike("An", "Bình")] * 5 + [strike("An", "Chi")] * 5 + [strike("Bình", "Chi")] * 2
    result = run(ballots, convened=12)  # An 10, Bình 7, Chi 7, all > 6
    assert result.status == counting.TIE
    assert result.elected == ("An",)
    assert result.tied == ("Bình", "Chi")


def test_a_tie_among_those_below_the_majority_is_no_tie():
    ballots = [strike("An", "Bình")] * 7 + [strike("Chi")] * 3
    result = run(ballots, convened=12)  # An 7, Bình 7 pass; Chi 3 not
    assert result.status == counting.COMPLETE and result.elected == ("An", "Bình")


def test_a_tie_for_a_single_seat():
    result = run(
        [strike("An")] * 6 + [strike("Bình")] * 6,
        seats=1,
        candidates=["An", "Bình"],
        convened=12,
    )
    # Neither has more than half of 12.
    assert result.status == counting.TOO_FEW and result.tied == ()
    result = run(
        [strike("An")] * 6 + [strike("Bình")] * 6, seats=1, candidates=["An", "Bình"], convened=11
    )
    assert result.status == counting.TIE and result.elected == () and result.tied == ("An", "Bình")


def test_next_steps_are_named_for_each_status():
    assert set(counting.NEXT_STEPS) == {counting.COMPLETE, counting.TIE, counting.TOO_FEW}


# --- properties ---------------------------------------------------------------------------------

ballot_st = st.builds(
    Ballot,
    issued=st.booleans(),
    kept=st.lists(st.sampled_from(NAMES), unique=True, max_size=4).map(tuple),
    added=st.lists(st.just("X"), max_size=1).map(tuple),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ballots=st.lists(ballot_st, max_size=40),
    seats=st.integers(min_value=1, max_value=3),
    convened=st.integers(min_value=1, max_value=60),
    absent=st.integers(min_value=0, max_value=5),
)
def test_count_properties(ballots, seats, convened, absent):
    candidates = NAMES[: min(4, seats + 1)]
    ballots = [
        Ballot(b.issued, tuple(k for k in b.kept if k in candidates), b.added) for b in ballots
    ]
    if convened - absent <= 0:
        return
    result = run(
        ballots,
        seats=seats,
        candidates=candidates,
        convened=convened,
        excluded={"absent_with_approval": absent},
    )
    assert result.valid + result.invalid == len(ballots)
    assert result.base == convened - absent
    assert len(result.elected) <= seats
    votes = {r.candidate: r.votes for r in result.results}
    assert all(v <= result.valid for v in votes.values())
    for name in result.elected:
        assert votes[name] * 2 > result.base
    # Complete: every candidate left out has fewer votes than everyone elected.
    if result.status == counting.COMPLETE:
        assert len(result.elected) == seats
        left_out = [n for n in candidates if n not in result.elected]
        assert all(votes[n] < min(votes[e] for e in result.elected) for n in left_out)
    if result.status == counting.TOO_FEW:
        passing = {n for n in candidates if votes[n] * 2 > result.base}
        assert passing == set(result.elected) and len(passing) < seats
    if result.status == counting.TIE:
        assert len(result.tied) >= 2 and len(result.elected) + len(result.tied) > seats
    # The order of the ballots never changes the result.
    again = run(
        list(reversed(ballots)),
        seats=seats,
        candidates=candidates,
        convened=convened,
        excluded={"absent_with_approval": absent},
    )
    assert again == result


# --- the command ------------------------------------------------------------------------------


def _file(tmp_path, data: dict[str, Any]) -> str:
    path = tmp_path / "count.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


ISSUE_EXAMPLE = {
    "congress": "members",
    "convened": 12,
    "excluded": {
        "absent_with_approval": 1,
        "temporary_transfer": 1,
        "exempt_absent": 0,
        "suspended": 0,
    },
    "seats": 2,
    "candidates": ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi"],
    "form": "strike",
    "ballots": [{"issued": True, "kept": ["Nguyễn Văn An", "Trần Thị Bình"], "added": []}] * 6
    + [{"issued": True, "kept": ["Lê Văn Chi"], "added": []}] * 3
    + [{"issued": False, "kept": ["Lê Văn Chi"], "added": []}]
    + [{"issued": True, "kept": [], "added": []}],
}


def test_count_ballots_command_prints_exactly_the_issue_output(tmp_path):
    out, err = StringIO(), StringIO()
    call_command(
        "count_ballots",
        _file(tmp_path, ISSUE_EXAMPLE),
        "--on",
        "2025-06-01",
        stdout=out,
        stderr=err,
    )
    result = json.loads(out.getvalue())
    assert result == {
        "valid": 9,
        "invalid": 2,
        "base": 10,
        "results": [
            {"candidate": "Nguyễn Văn An", "votes": 6, "percent_of_base": 60.0},
            {"candidate": "Trần Thị Bình", "votes": 6, "percent_of_base": 60.0},
            {"candidate": "Lê Văn Chi", "votes": 3, "percent_of_base": 30.0},
        ],
        "elected": ["Nguyễn Văn An", "Trần Thị Bình"],
        "status": "complete",
        "tied": [],
    }
    assert err.getvalue() == ""


def test_count_ballots_agree_disagree_file(tmp_path):
    data = {
        "congress": "delegates",
        "convened": 5,
        "excluded": {},
        "seats": 1,
        "candidates": ["Nguyễn Văn An"],
        "form": "agree_disagree",
        "ballots": [{"issued": True, "marks": {"Nguyễn Văn An": "agree"}}] * 3
        + [{"issued": True, "marks": {"Nguyễn Văn An": "both"}}]
        + [{"issued": True, "marks": {"Nguyễn Văn An": "disagree"}}],
    }
    out = StringIO()
    call_command("count_ballots", _file(tmp_path, data), stdout=out, stderr=StringIO())
    result = json.loads(out.getvalue())
    assert (result["valid"], result["invalid"], result["elected"]) == (4, 1, ["Nguyễn Văn An"])


def test_count_ballots_reports_a_tie_and_what_comes_next(tmp_path):
    data = dict(ISSUE_EXAMPLE, seats=1)
    data["ballots"] = [{"issued": True, "kept": ["Nguyễn Văn An"]}] * 6 + [
        {"issued": True, "kept": ["Trần Thị Bình"]}
    ] * 6
    data["convened"] = 13
    out, err = StringIO(), StringIO()
    call_command("count_ballots", _file(tmp_path, data), stdout=out, stderr=err)
    result = json.loads(out.getvalue())
    assert result["status"] == "tie" and result["elected"] == []
    assert result["tied"] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert "bằng phiếu" in err.getvalue()


def test_a_written_in_name_in_kept_is_a_name_added(tmp_path):
    data = dict(ISSUE_EXAMPLE, ballots=[{"issued": True, "kept": ["Nguyễn Văn An", "Giáp"]}])
    out = StringIO()
    call_command("count_ballots", _file(tmp_path, data), stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["invalid"] == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"congress": "party"}, "congress"),
        ({"convened": -1}, "convened"),
        ({"seats": 0}, "cần bầu"),
        ({"form": "agree_disagree"}, "số dư"),
        ({"candidates": ["A", "A", "B"]}, "trùng"),
        ({"ballots": "many"}, "ballots"),
        ({"excluded": {"holiday": 1}}, "excluded"),
    ],
)
def test_count_ballots_refuses_bad_files_clearly(tmp_path, change, words):
    with pytest.raises(CommandError) as exc:
        call_command(
            "count_ballots", _file(tmp_path, dict(ISSUE_EXAMPLE, **change)), stdout=StringIO()
        )
    assert words in str(exc.value)


def test_count_ballots_refuses_what_is_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        call_command("count_ballots", str(path), stdout=StringIO())
