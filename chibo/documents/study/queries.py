"""Reads of study campaigns: lists for staff and members, the member's quiz, results per unit."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    get_for_user,
    member_of,
    reach_paths,
    require,
    scope_with_ancestors,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.core.tree import ancestor_paths, is_within, related
from chibo.org.models import OrgUnit

from ..distribution.queries import unit_counts
from ..distribution.rates import RateRow
from ..models import (
    Document,
    Quiz,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    StudyCampaign,
    StudyMaterial,
    StudyParticipant,
    StudySession,
)
from .quiz import attempts_left


def campaigns_for(user: Any, unit: OrgUnit | None = None) -> QuerySet[StudyCampaign]:
    """Campaigns a staff user follows: those opened in their reach (documents.view) and those
    opened above it that cover it. With `unit` (checked by the caller): the campaigns covering
    that unit or opened inside it."""
    campaigns = StudyCampaign.objects.select_related("unit").order_by("-starts_on", "-pk")
    if unit is None:
        return scope_with_ancestors(user, campaigns, perm=Perm.DOCUMENTS_VIEW)
    return campaigns.filter(
        Q(unit__path__startswith=unit.path) | Q(unit__path__in=ancestor_paths(unit.path))
    )


def unit_for_campaigns(user: Any, code: str) -> OrgUnit:
    return unit_for_user(user, code, Perm.DOCUMENTS_VIEW)


def unit_to_manage(user: Any, code: str) -> OrgUnit:
    """A unit where the user may open a campaign (404 out of reach, 403 without the right)."""
    return unit_for_user(user, code, Perm.DOCUMENTS_MANAGE)


def get_campaign_for_staff(user: Any, pk: int) -> StudyCampaign:
    """404 unless the campaign is opened in the user's reach or above it (it covers them); 403
    there without documents.view (a participant who is no staff)."""
    return get_for_user(
        user,
        StudyCampaign.objects.select_related("unit"),
        pk,
        Perm.DOCUMENTS_VIEW,
        with_ancestors=True,
        not_found=_("Không tìm thấy đợt học tập."),
    )


def can_follow(user: Any, campaign: StudyCampaign) -> bool:
    return campaigns_for(user).filter(pk=campaign.pk).exists()


def campaign_rates_unit(user: Any, campaign: StudyCampaign, code: str | None) -> OrgUnit:
    """The unit whose results are shown: the code given, else the campaign's unit when the user
    reaches it, else the top of the user's reach under it."""
    if code:
        unit = unit_for_campaigns(user, code)
    else:
        own = campaign.unit.path
        tops = [p for p in reach_paths(user, Perm.DOCUMENTS_VIEW) if related(p, own)]
        paths = sorted(own if is_within(own, p) else p for p in tops)
        if not paths:
            raise NotFound(_("Không tìm thấy đơn vị."))
        unit = OrgUnit.objects.get(path=paths[0])
        require(user, Perm.DOCUMENTS_VIEW, unit)
    return unit


@dataclass
class CampaignRates:
    campaign: StudyCampaign
    unit: OrgUnit
    total: int
    passed: int
    rows: list[RateRow]
    own: RateRow | None

    @property
    def percent(self) -> float:
        return round(self.passed * 100 / self.total, 1) if self.total else 0.0


def campaign_rates(user: Any, campaign: StudyCampaign, unit: OrgUnit) -> CampaignRates:
    rows, own, total, passed = unit_counts(
        StudyParticipant, "campaign_id", campaign.pk, "passed_at", unit
    )
    return CampaignRates(campaign, unit, total, passed, rows, own)


def not_passed(user: Any, campaign: StudyCampaign, unit: OrgUnit) -> QuerySet[StudyParticipant]:
    require(user, Perm.DOCUMENTS_VIEW, unit)
    return (
        StudyParticipant.objects.filter(
            campaign=campaign, unit__path__startswith=unit.path, passed_at__isnull=True
        )
        .select_related("member", "unit")
        .order_by("unit__sort_name", "unit__path", "member__sort_name", "member_id")
    )


# --- the member's side -------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberCampaign:
    campaign: StudyCampaign
    participant: StudyParticipant
    has_quiz: bool

    @property
    def done(self) -> bool:
        return self.participant.passed_at is not None


def campaigns_for_member(user: Any, *, document: Document | None = None) -> list[MemberCampaign]:
    """The study campaigns the user's member record is called to (newest first)."""
    member = member_of(user)
    if member is None:
        return []
    participants = StudyParticipant.objects.filter(member=member).select_related("campaign")
    if document is not None:
        participants = participants.filter(campaign__documents=document)
    rows = list(participants.order_by("-campaign__starts_on", "-campaign_id"))
    with_quiz = set(
        Quiz.objects.filter(campaign_id__in=[p.campaign_id for p in rows]).values_list(
            "campaign_id", flat=True
        )
    )
    return [MemberCampaign(p.campaign, p, p.campaign_id in with_quiz) for p in rows]


def participant_for_member(user: Any, campaign_id: int) -> StudyParticipant:
    member = member_of(user)
    participant = (
        StudyParticipant.objects.select_related("campaign", "campaign__unit")
        .filter(campaign_id=campaign_id, member=member)
        .first()
        if member is not None
        else None
    )
    if participant is None:
        raise NotFound(_("Không tìm thấy đợt học tập."))
    return participant


def quiz_of(campaign: StudyCampaign) -> Quiz | None:
    return Quiz.objects.filter(campaign=campaign).first()


@dataclass(frozen=True)
class ShownQuestion:
    number: int
    question: QuizQuestion
    options: list[QuizOption]
    chosen: int | None = None
    correct: int | None = None  # filled only on a submitted attempt's review


def attempt_questions(attempt: QuizAttempt, *, review: bool = False) -> list[ShownQuestion]:
    """The attempt's questions and options in the order its layout drew them."""
    layout = [(int(q), [int(o) for o in opts]) for q, opts in attempt.layout]
    questions = QuizQuestion.objects.in_bulk([q for q, _o in layout])
    options = QuizOption.objects.in_bulk([o for _q, opts in layout for o in opts])
    answers = {int(k): v for k, v in (attempt.answers or {}).items()}
    shown = []
    for number, (qid, option_ids) in enumerate(layout, start=1):
        opts = [options[o] for o in option_ids if o in options]
        correct = next((o.pk for o in opts if o.is_correct), None) if review else None
        shown.append(ShownQuestion(number, questions[qid], opts, answers.get(qid), correct))
    return shown


def attempt_for_member(user: Any, attempt_id: int) -> QuizAttempt:
    member = member_of(user)
    attempt = (
        QuizAttempt.objects.select_related("participant__campaign")
        .filter(pk=attempt_id, participant__member=member)
        .first()
        if member is not None
        else None
    )
    if attempt is None:
        raise NotFound(_("Không tìm thấy bài làm."))
    return attempt


def attempts_of(participant: StudyParticipant) -> list[QuizAttempt]:
    return list(participant.quiz_attempts.order_by("-started_at", "-pk"))


def open_attempt(participant: StudyParticipant) -> QuizAttempt | None:
    return participant.quiz_attempts.filter(submitted_at__isnull=True).first()


def remaining_attempts(participant: StudyParticipant, quiz: Quiz) -> int | None:
    return attempts_left(participant.attempts, quiz.max_attempts)


def sessions_for_participant(participant: StudyParticipant) -> list[StudySession]:
    """The campaign's sessions the participant attends: those held by their unit or above it."""
    return list(
        participant.campaign.sessions.select_related("unit").filter(
            unit__path__in=ancestor_paths(participant.unit.path, include_self=True)
        )
    )


def campaign_documents(campaign: StudyCampaign) -> list[Document]:
    return list(campaign.documents.filter(classified=False).order_by("-issued_on"))


def material_for_user(user: Any, campaign_id: int, material_id: int) -> StudyMaterial:
    """A stored material of a campaign the user is called to or follows as staff."""
    try:
        campaign = participant_for_member(user, campaign_id).campaign
    except NotFound:
        campaign = get_campaign_for_staff(user, campaign_id)
    material = StudyMaterial.objects.filter(
        campaign=campaign, pk=material_id, stored_name__gt=""
    ).first()
    if material is None:
        raise NotFound(_("Không tìm thấy tài liệu."))
    return material
