"""Elections and their candidate lists (QĐ 190-QĐ/TW, Điều 14)."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.congresses import queries as congresses
from chibo.core.errors import Conflict, NotFound, ValidationFailed

from ..models import Candidate, CandidateSource, Election
from ..rules import floor_nomination_passes, max_candidates, surplus_allowed
from .common import election_for_write, election_rules


def create_election(*, actor: Any, congress_id: int, title: str, seats: int) -> Election:
    congress = congresses.get_congress_for_user(actor, congress_id, Perm.ELECTIONS_MANAGE)
    require(actor, Perm.ELECTIONS_MANAGE, congress.unit)
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(_("Nhập tên cuộc bầu cử."), field="title")
    if seats < 1:
        raise ValidationFailed(_("Số lượng cần bầu phải ít nhất là 1."), field="seats")
    with transaction.atomic():
        election = Election.objects.create(
            congress=congress, unit=congress.unit, title=title, seats=seats
        )
        record(
            actor=actor,
            action="elections.create_election",
            target=election,
            unit=congress.unit,
            changes={"title": [None, title], "seats": [None, seats]},
        )
    return election


def _require_draft(election: Election) -> None:
    if election.approved_at:
        raise Conflict(_("Danh sách bầu cử đã được đại hội thông qua; không sửa được nữa."))


def _check_surplus(election: Election, count: int) -> None:
    rules = election_rules(election.congress)
    if not surplus_allowed(election.seats, count, rules):
        raise ValidationFailed(
            _(
                "Danh sách vượt quá số dư 30%%: cần bầu %(seats)s người thì danh sách có tối đa "
                "%(most)s người (%(source)s). Đại hội phải quyết định rút bớt tên trước."
            ),
            field="full_name",
            seats=election.seats,
            most=max_candidates(election.seats, rules),
            source=rules.list_source,
        )


def _add(election: Election, full_name: str, source: str, **extra: Any) -> Candidate:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationFailed(_("Nhập họ và tên người ứng cử."), field="full_name")
    current = Candidate.objects.filter(election=election, withdrawn=False)
    if current.filter(full_name__iexact=full_name).exists():
        raise Conflict(_("Tên này đã có trong danh sách."), field="full_name")
    _check_surplus(election, current.count() + 1)
    last = Candidate.objects.filter(election=election).aggregate(n=Max("position"))["n"] or 0
    return Candidate.objects.create(
        election=election, full_name=full_name, position=last + 1, source=source, **extra
    )


def add_candidate(*, actor: Any, election_id: int, full_name: str) -> Candidate:
    """A name the convening committee nominates (refused past the 30% surplus)."""
    with transaction.atomic():
        election = election_for_write(actor, election_id, lock=True)
        _require_draft(election)
        candidate = _add(election, full_name, CandidateSource.COMMITTEE)
        record(
            actor=actor,
            action="elections.add_candidate",
            target=election,
            unit=election.unit,
            changes={"candidate": [None, candidate.full_name]},
        )
    return candidate


def nominate_from_floor(
    *, actor: Any, election_id: int, full_name: str, approvals: int, present: int | None = None
) -> Candidate:
    """A floor nomination joins only when more than 30% of the delegates present agree."""
    with transaction.atomic():
        election = election_for_write(actor, election_id, lock=True)
        _require_draft(election)
        if present is None:
            present = congresses.present_delegates(election.congress).count()
        if present < 1:
            raise ValidationFailed(
                _("Chưa có đại biểu nào điểm danh; chưa biểu quyết được."), field="approvals"
            )
        if approvals < 0 or approvals > present:
            raise ValidationFailed(
                _("Số đồng ý phải từ 0 đến %(present)s (số đại biểu có mặt)."),
                field="approvals",
                present=present,
            )
        rules = election_rules(election.congress)
        if not floor_nomination_passes(approvals, present, rules):
            raise ValidationFailed(
                _(
                    "Chỉ %(approvals)s/%(present)s đại biểu đồng ý: cần hơn 30%% số đại biểu "
                    "có mặt mới đưa vào danh sách (%(source)s)."
                ),
                field="approvals",
                approvals=approvals,
                present=present,
                source=rules.list_source,
            )
        candidate = _add(
            election, full_name, CandidateSource.FLOOR, approvals=approvals, present=present
        )
        record(
            actor=actor,
            action="elections.nominate_from_floor",
            target=election,
            unit=election.unit,
            changes={"candidate": [None, candidate.full_name], "approvals": [None, approvals]},
        )
    return candidate


def withdraw_candidate(*, actor: Any, candidate_id: int) -> Candidate:
    candidate = Candidate.objects.select_related("election").filter(pk=candidate_id).first()
    if candidate is None:
        raise NotFound(_("Không tìm thấy người ứng cử."))
    with transaction.atomic():
        election = election_for_write(actor, candidate.election_id, lock=True)
        _require_draft(election)
        candidate.withdrawn = True
        candidate.save(update_fields=["withdrawn"])
        record(
            actor=actor,
            action="elections.withdraw_candidate",
            target=election,
            unit=election.unit,
            changes={"candidate": [candidate.full_name, None]},
        )
    return candidate


def approve_list(*, actor: Any, election_id: int) -> Election:
    """The congress approved the list: it is fixed and the ballots can be printed."""
    with transaction.atomic():
        election = election_for_write(actor, election_id, lock=True)
        _require_draft(election)
        count = Candidate.objects.filter(election=election, withdrawn=False).count()
        if count < election.seats:
            raise ValidationFailed(
                _("Danh sách có %(count)s người, ít hơn số lượng cần bầu (%(seats)s)."),
                count=count,
                seats=election.seats,
            )
        _check_surplus(election, count)
        election.approved_at = timezone.now()
        election.save(update_fields=["approved_at"])
        record(
            actor=actor,
            action="elections.approve_list",
            target=election,
            unit=election.unit,
            changes={"candidates": [None, count]},
        )
    return election
