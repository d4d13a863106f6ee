"""A congress of delegates of G1 (the personas tree) under way today, with delegates who have
logins, made through the congresses actions; helpers to check delegates in and run polls."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.roles import Role
from chibo.congresses.actions import delegates as delegate_actions
from chibo.congresses.actions import gate, setup
from chibo.congresses.models import Congress, Delegate, Session
from chibo.testing.personas import make_member, make_user

from ..actions import lists, polls


@dataclass
class Stage:
    congress: Congress
    session: Session
    organizer: Any  # elections.manage + congresses.manage on G1
    officers: list[Any]  # counting officers on G1
    delegates: list[Delegate] = field(default_factory=list)
    users: list[Any] = field(default_factory=list)


def build_stage(personas: Any, *, delegates: int = 10, present: int | None = None) -> Stage:
    tree = personas.tree
    organizer = make_user("g1_to_chuc", (tree.g1, Role.CONGRESS_ORGANIZER))
    officers = [
        make_user(f"g1_kiem_phieu_{i}", (tree.g1, Role.COUNTING_OFFICER)) for i in (1, 2, 3)
    ]
    today = timezone.localdate()
    congress = setup.create_congress(
        actor=organizer,
        unit=tree.g1,
        kind="delegates",
        title="Đại hội Đảng bộ Công ty A nhiệm kỳ 2025-2030",
        term_start=2025,
        term_end=2030,
        starts_on=today,
        ends_on=today + timedelta(days=1),
        cutoff_on=today - timedelta(days=30),
        planned_delegates=delegates,
    )
    now = timezone.now()
    session = setup.add_session(
        actor=organizer,
        congress_id=congress.pk,
        kind="official",
        title="Phiên chính thức",
        starts_at=max(
            now - timedelta(minutes=30),
            timezone.make_aware(datetime.combine(today, time.min)),
        ),
        ends_at=now + timedelta(hours=3),
    )
    stage = Stage(congress=congress, session=session, organizer=organizer, officers=officers)
    for i in range(delegates):
        unit = tree.b1 if i % 2 else tree.b2
        user = make_user(f"dai_bieu_{i}", (unit, Role.DELEGATE))
        member = make_member(unit, f"Đại Biểu Số {i:03d}", user=user, actor=personas.hq_admin)
        delegate = delegate_actions.add_delegate(
            actor=organizer,
            congress_id=congress.pk,
            member_id=member.pk,
            kind="official",
            basis="elected",
        )
        stage.delegates.append(delegate)
        stage.users.append(user)
    for delegate in stage.delegates[: delegates if present is None else present]:
        check_in(stage, delegate)
    return stage


def check_in(stage: Stage, delegate: Delegate) -> None:
    gate.check_in(
        actor=stage.organizer,
        congress_id=stage.congress.pk,
        token=delegate.badge_token,
        session_id=stage.session.pk,
    )


def election_with_list(stage: Stage, names: list[str], seats: int) -> Any:
    election = lists.create_election(
        actor=stage.organizer, congress_id=stage.congress.pk, title="Bầu Ban Chấp hành", seats=seats
    )
    for name in names:
        lists.add_candidate(actor=stage.organizer, election_id=election.pk, full_name=name)
    lists.approve_list(actor=stage.organizer, election_id=election.pk)
    return election


def open_electronic(stage: Stage, election: Any) -> Any:
    return polls.open_poll(actor=stage.organizer, election_id=election.pk, method="electronic")
