"""Demo data of the elections module (called by chibo/demo/seed.py, after congresses): on the
ward's congress of 2025-2030, a candidate list still being drawn up (delegates to the city's
congress), an election of the ward committee counted from paper ballots entered by two counting
officers and closed with its minutes, a motion carried by show of hands, and an electronic vote
on the resolution open for the delegates (`dangvien` can vote).

Grant written directly, as seed.py writes the demo accounts' own: `kiemtra` counting_officer on
the ward (the second officer entering the same stack; `bithu` is the first)."""

import random
from collections.abc import Callable
from datetime import date

from chibo.access import policy
from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.congresses.actions import gate
from chibo.congresses.models import Congress, DelegateKind
from chibo.congresses.queries import current_session, present_delegates, seated_delegates
from chibo.elections import queries
from chibo.elections.actions import lists, motions, paper, polls
from chibo.org.models import OrgUnit


def seed_elections(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    ward = OrgUnit.objects.get(code=ward_code)
    congress = Congress.objects.filter(unit=ward).order_by("-term_start").first()
    if congress is None:
        say("Bầu cử: chưa có đại hội của phường, bỏ qua")
        return
    organiser = User.objects.get(username="phuong")
    first = User.objects.get(username="bithu")
    second = User.objects.get(username="kiemtra")
    Grant.objects.get_or_create(user=second, unit=ward, role=Role.COUNTING_OFFICER)
    policy.forget(second)
    rng = random.Random(seed + 12)
    officials = list(
        seated_delegates(congress)
        .filter(kind=DelegateKind.OFFICIAL)
        .select_related("member")
        .order_by("number")
    )
    # Two delegates may share a name; a list holds each name once.
    names = list(dict.fromkeys(d.member.full_name for d in officials))
    # The voting session: the officials arrive at the gate (all but two, who are excused).
    session = current_session(congress)
    if session is not None:
        here = set(present_delegates(congress, session).values_list("pk", flat=True))
        for d in officials[:-2]:
            if d.pk not in here:
                gate.check_in(
                    actor=organiser,
                    congress_id=congress.pk,
                    token=d.badge_token,
                    session_id=session.pk,
                    method="manual",
                    now=session.starts_at,
                )
    say(f"Bầu cử: {len(officials)} đại biểu chính thức")
    if len(names) < 11:
        say("Bầu cử: quá ít đại biểu để lập danh sách 11 người, bỏ qua")
        return

    # The ward committee: 9 seats, 11 names (a surplus of 22%), counted from paper ballots.
    committee = lists.create_election(
        actor=organiser,
        congress_id=congress.pk,
        title="Bầu Ban Chấp hành Đảng bộ phường nhiệm kỳ 2025-2030",
        seats=9,
    )
    for name in names[:10]:
        lists.add_candidate(actor=organiser, election_id=committee.pk, full_name=name)
    present = max(1, present_delegates(congress).count())
    lists.nominate_from_floor(
        actor=organiser,
        election_id=committee.pk,
        full_name=names[10] if len(names) > 10 else "Võ Thị Hồng",
        approvals=present // 2 + 1,
        present=present,
    )
    lists.approve_list(actor=organiser, election_id=committee.pk)
    ballots = max(3, queries.entitled_in_session(congress).count())
    poll = polls.open_poll(
        actor=organiser, election_id=committee.pk, method="paper", ballots_issued=ballots
    )
    stack: list[list[int]] = []
    for number in range(1, ballots + 1):
        if number == ballots:
            stack.append(list(range(1, 12)))  # every name struck: invalid
            continue
        # Each ballot strikes two names, most often the last two on the list; one in ten
        # strikes only one (10 names kept for 9 seats: invalid, as happens).
        one = rng.choice([10, 11, 10, 11, 3, 7])
        two = rng.choice([n for n in (10, 11, 5, 9) if n != one])
        stack.append([one] if number % 10 == 0 else sorted({one, two}))
    for officer in (first, second):
        for number, struck in enumerate(stack, start=1):
            paper.record_paper_entry(actor=officer, poll_id=poll.pk, number=number, struck=struck)
    polls.close_poll(actor=first, poll_id=poll.pk)
    poll.refresh_from_db()
    say(f"Bầu cử: Ban Chấp hành, {ballots} phiếu giấy, {(poll.result or {}).get('status')}")

    # Delegates to the city's congress: the list is still being drawn up.
    delegates = lists.create_election(
        actor=organiser,
        congress_id=congress.pk,
        title="Bầu đại biểu dự Đại hội Đảng bộ Thành phố",
        seats=5,
    )
    for name in names[11:17] or names[:6]:
        lists.add_candidate(actor=organiser, election_id=delegates.pk, full_name=name)

    programme = motions.create_motion(
        actor=organiser, congress_id=congress.pk, title="Thông qua chương trình đại hội"
    )
    entitled = queries.entitled_in_session(congress).count()
    if entitled:
        motions.record_show_of_hands(
            actor=organiser,
            motion_id=programme.pk,
            agree=entitled - min(1, entitled),
            disagree=0,
            abstain=min(1, entitled),
        )
    resolution = motions.create_motion(
        actor=organiser, congress_id=congress.pk, title="Thông qua Nghị quyết Đại hội"
    )
    polls.open_poll(actor=organiser, motion_id=resolution.pk, method="electronic")
