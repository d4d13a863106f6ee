"""Access-matrix rows of the elections pages and API (chibo/access/tests/test_matrix.py), with
the optional congress personas (organizer, delegate, counting_officer on G1).

The congress is G1's, in session today; the delegate persona holds a seat and is checked in.
Made: a draft election (candidates), an approved one with an open electronic poll, another with
an open paper poll and entries, a motion not yet voted and one voted by show of hands (closed)."""

from datetime import timedelta

from django.utils import timezone

from chibo.congresses.actions import delegates as delegate_actions
from chibo.congresses.actions import gate, setup
from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn
from chibo.testing.personas import add_congress_personas, make_member

from ..actions import lists, motions, paper, polls

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi", "Phạm Văn Dũng", "Hoàng Thị Em"]


def congress(ctx: Ctx) -> None:
    p = ctx.p
    if p.organizer is None:
        add_congress_personas(p)
    assert p.organizer and p.delegate_record and p.counting_officer
    today = timezone.localdate()
    c = setup.create_congress(
        actor=p.organizer,
        unit=p.tree.g1,
        kind="delegates",
        title="Đại hội Đảng bộ Công ty A",
        term_start=2025,
        term_end=2030,
        starts_on=today,
        ends_on=today + timedelta(days=1),
        cutoff_on=today - timedelta(days=30),
        planned_delegates=4,
    )
    now = timezone.now()
    session = setup.add_session(
        actor=p.organizer,
        congress_id=c.pk,
        kind="official",
        title="Phiên chính thức",
        starts_at=max(now - timedelta(minutes=30), now.replace(hour=0, minute=1)),
        ends_at=now + timedelta(hours=2),
    )
    seat = delegate_actions.add_delegate(
        actor=p.organizer,
        congress_id=c.pk,
        member_id=p.delegate_record.pk,
        kind="official",
        basis="elected",
    )
    for i in range(3):
        m = make_member(p.tree.b1, f"Hồ Văn Bầu Cử {i}", actor=p.hq_admin)
        delegate_actions.add_delegate(
            actor=p.organizer, congress_id=c.pk, member_id=m.pk, kind="official", basis="elected"
        )
    gate.check_in(
        actor=p.organizer, congress_id=c.pk, token=seat.badge_token, session_id=session.pk
    )
    draft = lists.create_election(actor=p.organizer, congress_id=c.pk, title="Bầu mới", seats=4)
    first = lists.add_candidate(actor=p.organizer, election_id=draft.pk, full_name=NAMES[0])
    approved = []
    for title in ("Bầu Ban Chấp hành", "Bầu Ủy ban Kiểm tra"):
        e = lists.create_election(actor=p.organizer, congress_id=c.pk, title=title, seats=4)
        for name in NAMES:
            lists.add_candidate(actor=p.organizer, election_id=e.pk, full_name=name)
        lists.approve_list(actor=p.organizer, election_id=e.pk)
        approved.append(e)
    electronic = polls.open_poll(actor=p.organizer, election_id=approved[0].pk, method="electronic")
    on_paper = polls.open_poll(actor=p.organizer, election_id=approved[1].pk, method="paper")
    paper.record_paper_entry(actor=p.counting_officer, poll_id=on_paper.pk, number=1, struck=[5])
    motion = motions.create_motion(actor=p.organizer, congress_id=c.pk, title="Thông qua quy chế")
    voted = motions.create_motion(
        actor=p.organizer, congress_id=c.pk, title="Thông qua chương trình"
    )
    hands = motions.record_show_of_hands(
        actor=p.organizer, motion_id=voted.pk, agree=1, disagree=0, abstain=0
    )
    ctx.tokens.update(
        congress=c.pk,
        draft=draft.pk,
        candidate=first.pk,
        election=approved[0].pk,
        electronic=electronic.pk,
        paper=on_paper.pk,
        motion=motion.pk,
        closed=hands.pk,
    )


def u(path: str) -> UrlFn:
    return lambda ctx, persona: path.format(**ctx.tokens)


def _e(**kw: int) -> Expect:
    base = {
        "branch_officer": 404,
        "outsider": 404,
        "member": 404,
        "anonymous": LOGIN,
    }
    return Expect(**(base | kw))


VIEW = _e(
    hq_admin=200, inspector=200, leader=200, organizer=200, delegate=403, counting_officer=200
)
POLL_VIEW = _e(
    hq_admin=200, inspector=200, leader=200, organizer=200, delegate=200, counting_officer=200
)
MANAGE_GET = _e(
    hq_admin=200, inspector=403, leader=403, organizer=200, delegate=403, counting_officer=403
)
MANAGE_POST = _e(
    hq_admin=302, inspector=403, leader=403, organizer=302, delegate=403, counting_officer=403
)
COUNT_GET = _e(
    hq_admin=403, inspector=403, leader=403, organizer=403, delegate=403, counting_officer=200
)
COUNT_POST = _e(
    hq_admin=403, inspector=403, leader=403, organizer=403, delegate=403, counting_officer=302
)
VOTE_POST = _e(
    hq_admin=403, inspector=403, leader=403, organizer=403, delegate=302, counting_officer=403
)
EVERYONE = Expect(
    hq_admin=200,
    branch_officer=200,
    outsider=200,
    member=200,
    inspector=200,
    leader=200,
    anonymous=LOGIN,
    organizer=200,
    delegate=200,
    counting_officer=200,
)


def _api(**kw: int) -> Expect:
    return Expect(
        **({"branch_officer": 404, "outsider": 404, "member": 404, "anonymous": A401} | kw)
    )


S = "elections/"
ROWS: list[Row] = [
    Row(S, "GET", u("/elections/"), EVERYONE, setup=congress),
    Row(
        S + "congress/<int:congress_id>/",
        "GET",
        u("/elections/congress/{congress}/"),
        VIEW,
        setup=congress,
    ),
    Row(
        S + "congress/<int:congress_id>/elections",
        "POST",
        u("/elections/congress/{congress}/elections"),
        MANAGE_POST,
        data={"title": "Bầu đại biểu dự đại hội cấp trên", "seats": "3"},
        setup=congress,
    ),
    Row(
        S + "congress/<int:congress_id>/motions",
        "POST",
        u("/elections/congress/{congress}/motions"),
        MANAGE_POST,
        data={"title": "Thông qua nghị quyết"},
        setup=congress,
    ),
    Row(
        S + "congress/<int:congress_id>/projector/",
        "GET",
        u("/elections/congress/{congress}/projector/"),
        VIEW,
        setup=congress,
    ),
    Row(
        S + "congress/<int:congress_id>/projector/state",
        "GET",
        u("/elections/congress/{congress}/projector/state"),
        VIEW,
        setup=congress,
    ),
    Row(
        S + "motions/<int:motion_id>/hands",
        "POST",
        u("/elections/motions/{motion}/hands"),
        _e(
            hq_admin=302,
            inspector=403,
            leader=403,
            organizer=302,
            delegate=403,
            counting_officer=403,
        ),
        data={"agree": "1", "disagree": "0", "abstain": "0"},
        setup=congress,
    ),
    Row(
        S + "motions/<int:motion_id>/poll",
        "POST",
        u("/elections/motions/{motion}/poll"),
        MANAGE_POST,
        setup=congress,
    ),
    Row(S + "<int:pk>/", "GET", u("/elections/{draft}/"), VIEW, setup=congress),
    Row(
        S + "<int:pk>/candidates",
        "POST",
        u("/elections/{draft}/candidates"),
        MANAGE_POST,
        data={"full_name": "Đỗ Văn Giáp"},
        setup=congress,
    ),
    Row(
        S + "<int:pk>/nominations",
        "POST",
        u("/elections/{draft}/nominations"),
        MANAGE_POST,
        data={"full_name": "Đỗ Văn Giáp", "approvals": "1"},
        setup=congress,
    ),
    Row(
        S + "<int:pk>/candidates/<int:candidate_id>/withdraw",
        "POST",
        u("/elections/{draft}/candidates/{candidate}/withdraw"),
        MANAGE_POST,
        setup=congress,
    ),
    Row(
        S + "<int:pk>/approve", "POST", u("/elections/{draft}/approve"), MANAGE_POST, setup=congress
    ),
    Row(
        S + "<int:pk>/polls",
        "POST",
        u("/elections/{election}/polls"),
        MANAGE_POST,
        data={"method": "paper"},
        setup=congress,
    ),
    Row(
        S + "<int:pk>/ballots.pdf",
        "GET",
        u("/elections/{election}/ballots.pdf"),
        MANAGE_GET,
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/", "GET", u("/elections/polls/{electronic}/"), POLL_VIEW, setup=congress
    ),
    Row(
        S + "polls/<int:pk>/vote",
        "POST",
        u("/elections/polls/{electronic}/vote"),
        VOTE_POST,
        data={"kept": ""},
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/close",
        "POST",
        u("/elections/polls/{electronic}/close"),
        COUNT_POST,
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/void",
        "POST",
        u("/elections/polls/{electronic}/void"),
        COUNT_POST,
        data={"reason": "Mất mạng"},
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/entry/",
        "GET",
        u("/elections/polls/{paper}/entry/"),
        COUNT_GET,
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/entry/",
        "POST",
        u("/elections/polls/{paper}/entry/"),
        COUNT_POST,
        data={"number": "2", "struck": "1 2"},
        setup=congress,
        note="entry",
    ),
    Row(
        S + "polls/<int:pk>/entry-log.pdf",
        "GET",
        u("/elections/polls/{paper}/entry-log.pdf"),
        COUNT_GET,
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/minutes.pdf",
        "GET",
        u("/elections/polls/{closed}/minutes.pdf"),
        POLL_VIEW,
        setup=congress,
    ),
    Row(
        S + "polls/<int:pk>/minutes.docx",
        "GET",
        u("/elections/polls/{closed}/minutes.docx"),
        POLL_VIEW,
        setup=congress,
    ),
    Row(
        "GET /api/v1/polls/{poll_id}",
        "GET",
        u("/api/v1/polls/{electronic}"),
        _api(
            hq_admin=200,
            inspector=200,
            leader=200,
            organizer=200,
            delegate=200,
            counting_officer=200,
        ),
        setup=congress,
    ),
    Row(
        "POST /api/v1/polls/{poll_id}/ballot",
        "POST",
        u("/api/v1/polls/{electronic}/ballot"),
        _api(
            hq_admin=403,
            inspector=403,
            leader=403,
            organizer=403,
            delegate=201,
            counting_officer=403,
        ),
        data={"kept": []},
        setup=congress,
    ),
    Row(
        "POST /api/v1/polls/{poll_id}/paper-entries",
        "POST",
        u("/api/v1/polls/{paper}/paper-entries"),
        _api(
            hq_admin=403,
            inspector=403,
            leader=403,
            organizer=403,
            delegate=403,
            counting_officer=201,
        ),
        data={"number": 2, "struck": [1]},
        setup=congress,
    ),
]
