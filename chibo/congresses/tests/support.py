"""Helpers of the congress tests: a ward-level congress of delegates on G1 (above B1 and B2) with
a session today, members in both branches, and the delegate persona among the delegates."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.members.models import Member
from chibo.testing.personas import Personas, add_congress_personas, make_member, make_user

from ..actions import delegates as delegate_actions
from ..actions import setup
from ..models import Congress, CongressKind, Delegate, DelegateBasis, DelegateKind, Session


@dataclass
class World:
    p: Personas
    congress: Congress
    session: Session
    members: list[Member] = field(default_factory=list)
    officials: list[Delegate] = field(default_factory=list)
    alternates: list[Delegate] = field(default_factory=list)
    mine: Delegate | None = None  # the delegate persona's seat

    @property
    def organizer(self) -> Any:
        return self.p.organizer


def today_session_times(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or timezone.now()
    return now - timedelta(hours=1), now + timedelta(hours=3)


def make_congress(
    p: Personas,
    *,
    kind: str = CongressKind.DELEGATES,
    planned: int = 6,
    term_start: int = 2025,
    starts_on: date | None = None,
    with_session: bool = True,
) -> tuple[Congress, Session | None]:
    if p.organizer is None:
        add_congress_personas(p)
    day = starts_on or timezone.localdate()
    congress = setup.create_congress(
        actor=p.organizer,
        unit=p.tree.g1,
        kind=kind,
        title="Đại hội Đảng bộ Công ty A lần thứ V",
        term_start=term_start,
        term_end=term_start + 5,
        starts_on=day,
        ends_on=day + timedelta(days=1),
        cutoff_on=day - timedelta(days=30),
        place="Hội trường A",
        planned_delegates=planned if kind == CongressKind.DELEGATES else 0,
    )
    session = None
    if with_session:
        starts, ends = today_session_times()
        session = setup.add_session(
            actor=p.organizer,
            congress_id=congress.pk,
            kind="official",
            title="Phiên chính thức",
            starts_at=starts,
            ends_at=ends,
        )
    return congress, session


def build_world(p: Personas, *, planned: int = 6) -> World:
    """G1's congress of delegates: 4 members in B1, 3 in B2 (plus the delegate persona in B2);
    officials: the delegate persona and two of B1, one more of B2; one alternate per branch."""
    congress, session = make_congress(p, planned=planned)
    assert session is not None
    w = World(p=p, congress=congress, session=session)
    for i in range(4):
        w.members.append(make_member(p.tree.b1, f"Nguyễn Văn B1 Số {i}", actor=p.hq_admin))
    for i in range(3):
        w.members.append(make_member(p.tree.b2, f"Trần Thị B2 Số {i}", actor=p.hq_admin))
    add = delegate_actions.add_delegate
    assert p.delegate_record is not None
    w.mine = add(
        actor=p.organizer,
        congress_id=congress.pk,
        member_id=p.delegate_record.pk,
        kind=DelegateKind.OFFICIAL,
        basis=DelegateBasis.ELECTED,
    )
    w.officials.append(w.mine)
    for m in (w.members[0], w.members[1], w.members[4]):
        w.officials.append(
            add(
                actor=p.organizer,
                congress_id=congress.pk,
                member_id=m.pk,
                kind=DelegateKind.OFFICIAL,
                basis=DelegateBasis.ELECTED,
            )
        )
    for m in (w.members[2], w.members[5]):
        w.alternates.append(
            add(
                actor=p.organizer,
                congress_id=congress.pk,
                member_id=m.pk,
                kind=DelegateKind.ALTERNATE,
                basis=DelegateBasis.ELECTED,
            )
        )
    return w


def login_for(member: Member, username: str, unit: Any, role: str = Role.DELEGATE) -> Any:
    user = make_user(username)
    Grant.objects.create(user=user, unit=unit, role=role)
    member.user = user
    member.save(update_fields=["user"])
    return user
