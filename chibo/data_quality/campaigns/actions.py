"""Writes of the data-cleaning campaign.

- `create_campaign`, `confirm_record`, `fix_member`: a person's acts, authorised and audited.
- `refresh_member_checks`, `snapshot_campaigns`: maintenance of caches (the four tests per member,
  the day's counts per unit), like `members.actions.refresh_member_counts`: they write nothing a
  person decided and can be rerun at any time.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.tree import ancestor_paths
from chibo.members import actions as member_actions
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit

from .. import criteria
from ..models.campaigns import Campaign, CampaignDaily, MemberCheck, RecordConfirmation
from ..models.duplicates import OPEN_PAIR_STATUSES, DuplicatePair

CHECK_BATCH = 2_000
# The member fields the four tests read (loading only these halves the cost of a full run).
CHECKED_FIELDS = (
    "id",
    "unit",
    "status",
    *criteria.READ_FIELDS,
)
NAME_MAX = 200
# A campaign longer than this is a typo in the end date, not a plan.
MAX_CAMPAIGN_DAYS = 730


# --- the check cache ---------------------------------------------------------------------------


def running_campaigns(on: date) -> list[Campaign]:
    return list(
        Campaign.objects.filter(starts_on__lte=on, ends_on__gte=on)
        .select_related("root_unit")
        .order_by("-starts_on", "-id")
    )


def campaign_covering(path: str, campaigns: Iterable[Campaign]) -> Campaign | None:
    """The running campaign that covers a unit: the one with the deepest root, then the latest."""
    best: Campaign | None = None
    for campaign in campaigns:
        root = campaign.root_unit.path
        if path.startswith(root) and (best is None or len(root) > len(best.root_unit.path)):
            best = campaign
    return best


def period_of(campaign: Campaign | None) -> criteria.Period | None:
    if campaign is None:
        return None
    return criteria.Period(campaign.name, campaign.starts_on, campaign.ends_on)


def _open_pairs(member_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    pairs = DuplicatePair.objects.filter(status__in=OPEN_PAIR_STATUSES).filter(
        Q(left_id__in=member_ids) | Q(right_id__in=member_ids)
    )
    wanted = set(member_ids)
    for left, right in pairs.values_list("left_id", "right_id"):
        for side in (left, right):
            if side in wanted:
                counts[side] += 1
    return counts


def _latest_confirmations(member_ids: list[int]) -> dict[int, date]:
    rows = (
        RecordConfirmation.objects.filter(member_id__in=member_ids)
        .values("member_id")
        .annotate(last=Max("confirmed_at"))
    )
    return {r["member_id"]: timezone.localdate(r["last"]) for r in rows}


def _batches(members: QuerySet[Member], size: int) -> Iterator[list[Member]]:
    """Members in primary-key order, a batch at a time (keyset paging: bounded memory)."""
    last = 0
    while True:
        batch = list(members.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def check_rows(
    members: list[Member], *, on: date, campaigns: list[Campaign], now: datetime
) -> list[MemberCheck]:
    ids = [m.pk for m in members]
    pairs = _open_pairs(ids)
    confirmed = _latest_confirmations(ids)
    rows = []
    for member in members:
        path = member.unit.path
        # The cache keeps the reasons in Vietnamese (the language the msgids are written in).
        result = criteria.check_record(
            member,
            open_pairs=pairs.get(member.pk, 0),
            confirmed_on=confirmed.get(member.pk),
            period=period_of(campaign_covering(path, campaigns)),
            today=on,
        )
        rows.append(
            MemberCheck(
                member_id=member.pk,
                unit_id=member.unit_id,
                unit_path=path,
                is_correct=result.correct.passed,
                is_complete=result.complete.passed,
                is_clean=result.clean.passed,
                is_current=result.current.passed,
                confirmed_on=confirmed.get(member.pk),
                reasons=result.reasons_json(),
                checked_at=now,
            )
        )
    return rows


def refresh_member_checks(
    *,
    unit: OrgUnit | None = None,
    member_ids: Iterable[int] | None = None,
    on: date | None = None,
    batch_size: int = CHECK_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute the four tests of the active members of `unit`'s subtree (or of `member_ids`,
    or of everybody) into `MemberCheck`, and drop the rows of members who left the subtree or the
    party. Returns the number of members checked; `progress(done, total)` after each batch."""
    on = on or timezone.localdate()
    now = timezone.now()
    campaigns = running_campaigns(on)
    members = (
        Member.objects.filter(status__in=ACTIVE_STATUSES)
        .select_related("unit")
        .only(*CHECKED_FIELDS, "unit__path")
    )
    stale = MemberCheck.objects.exclude(member__status__in=ACTIVE_STATUSES)
    if unit is not None:
        members = members.filter(unit__path__startswith=unit.path)
        stale = MemberCheck.objects.filter(unit_path__startswith=unit.path).filter(
            ~Q(member__status__in=ACTIVE_STATUSES) | ~Q(member__unit__path__startswith=unit.path)
        )
    if member_ids is not None:
        ids = list(member_ids)
        members = members.filter(pk__in=ids)
        stale = MemberCheck.objects.filter(member_id__in=ids).exclude(
            member__status__in=ACTIVE_STATUSES
        )
    total = members.count()
    done = 0
    stale.delete()
    for batch in _batches(members, batch_size):
        with translation.override("vi"):
            rows = check_rows(batch, on=on, campaigns=campaigns, now=now)
        with transaction.atomic():
            MemberCheck.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["member"],
                update_fields=[
                    "unit",
                    "unit_path",
                    "is_correct",
                    "is_complete",
                    "is_clean",
                    "is_current",
                    "confirmed_on",
                    "reasons",
                    "checked_at",
                ],
            )
        done += len(batch)
        if progress:
            progress(done, total)
    return done


def recheck_member(member: Member) -> None:
    """After a change made through this module: the member's row is current at once."""
    refresh_member_checks(member_ids=[member.pk])


# --- daily snapshots ---------------------------------------------------------------------------


def counts_by_unit(campaign: Campaign) -> dict[str, dict[str, int]]:
    """Counts per unit path of the campaign's subtree, each unit counting its whole subtree: one
    GROUP BY on the member's own unit, then rolled up the tree in memory (paths are prefixes)."""
    confirmed = Q(confirmed_on__gte=campaign.starts_on, confirmed_on__lte=campaign.ends_on)
    own = (
        MemberCheck.objects.filter(unit_path__startswith=campaign.root_unit.path)
        .values("unit_path")
        .annotate(**aggregates(confirmed))
    )
    root_len = len(campaign.root_unit.path)
    totals: dict[str, dict[str, int]] = {}
    for row in own:
        path = str(row["unit_path"])
        for line in ancestor_paths(path, include_self=True):
            if len(line) < root_len:
                continue
            bucket = totals.setdefault(line, dict.fromkeys(COUNT_KEYS, 0))
            for key in COUNT_KEYS:
                bucket[key] += int(row[key])  # type: ignore[literal-required]
    return totals


COUNT_KEYS = ("total", "correct", "complete", "clean", "current", "all_four")


def aggregates(confirmed: Q) -> dict[str, Any]:
    """Count expressions of the dashboard, "sống" measured against one campaign's dates."""
    return {
        "total": Count("id"),
        "correct": Count("id", filter=Q(is_correct=True)),
        "complete": Count("id", filter=Q(is_complete=True)),
        "clean": Count("id", filter=Q(is_clean=True)),
        "current": Count("id", filter=confirmed),
        "all_four": Count(
            "id", filter=Q(is_correct=True, is_complete=True, is_clean=True) & confirmed
        ),
    }


def daily_fields(counts: dict[str, int]) -> dict[str, int]:
    """Counts as `CampaignDaily` stores them (`correct` -> `correct_count`...)."""
    return {key if key == "total" else f"{key}_count": value for key, value in counts.items()}


def snapshot_campaign(campaign: Campaign, *, on: date) -> int:
    """Write the day's counts of every unit of the campaign's subtree (replacing that day's)."""
    totals = counts_by_unit(campaign)
    units = dict(OrgUnit.objects.filter(path__in=list(totals)).values_list("path", "pk"))
    rows = [
        CampaignDaily(campaign=campaign, unit_id=units[path], day=on, **daily_fields(counts))
        for path, counts in totals.items()
        if path in units
    ]
    with transaction.atomic():
        CampaignDaily.objects.filter(campaign=campaign, day=on).delete()
        CampaignDaily.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def snapshot_campaigns(*, on: date | None = None) -> int:
    """The day's counts of every campaign running on `on` (the daily task and command)."""
    on = on or timezone.localdate()
    return sum(snapshot_campaign(c, on=on) for c in running_campaigns(on))


# --- a person's acts ---------------------------------------------------------------------------


def create_campaign(
    *, actor: Any, root_unit: OrgUnit, name: str, starts_on: date, ends_on: date
) -> Campaign:
    require(actor, Perm.DATA_QUALITY_MANAGE, root_unit)
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed(_("Nhập tên đợt."), field="name")
    if len(name) > NAME_MAX:
        raise ValidationFailed(_("Tên đợt quá dài."), field="name")
    if ends_on < starts_on:
        raise ValidationFailed(_("Ngày kết thúc phải sau ngày bắt đầu."), field="ends_on")
    if (ends_on - starts_on).days > MAX_CAMPAIGN_DAYS:
        raise ValidationFailed(_("Một đợt kéo dài tối đa 2 năm."), field="ends_on")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name,
            root_unit=root_unit,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        record(
            actor=actor,
            action="data_quality.create_campaign",
            target=campaign,
            unit=root_unit,
            changes={
                "name": name,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
            },
        )
        from .tasks import refresh_checks

        unit_id = root_unit.pk
        transaction.on_commit(lambda: refresh_checks.enqueue(unit_id))
    return campaign


def confirm_record(*, actor: Any, member: Member, on: date | None = None) -> RecordConfirmation:
    """The branch confirms that the member's record is current ("sống") in the running campaign
    that covers the member. Confirming again in the same campaign changes nothing."""
    require(actor, Perm.DATA_QUALITY_MANAGE, member.unit)
    on = on or timezone.localdate()
    if member.status not in ACTIVE_STATUSES:
        raise Conflict(_("Chỉ xác nhận hồ sơ của đảng viên đang sinh hoạt."))
    campaign = campaign_covering(member.unit.path, running_campaigns(on))
    if campaign is None:
        raise Conflict(_("Không có đợt làm sạch dữ liệu nào đang diễn ra cho chi bộ này."))
    with transaction.atomic():
        confirmation, created = RecordConfirmation.objects.get_or_create(
            campaign=campaign,
            member=member,
            defaults={"confirmed_by": actor, "confirmed_at": timezone.now()},
        )
        if created:
            record(
                actor=actor,
                action="data_quality.confirm_record",
                target=member,
                unit=member.unit,
                changes={"campaign": campaign.pk},
            )
        recheck_member(member)
    return confirmation


def fix_member(*, actor: Any, member: Member, changes: dict[str, Any]) -> Member:
    """Edit the failing fields of a record from the campaign pages: the registry's own action
    (`members.actions.update_member`, with its rules and audit), then the record is re-checked."""
    require(actor, Perm.DATA_QUALITY_MANAGE, member.unit)
    with transaction.atomic():
        if changes:
            member = member_actions.update_member(actor=actor, member=member, changes=changes)
        recheck_member(member)
    return member
