"""Writes about duplicate members: flag a pair, decide it, merge two records, undo a merge."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.core.tree import ancestor_paths, is_within
from chibo.members.actions import (
    EDITABLE_FIELDS,
    SENSITIVE_FIELDS,
    record_merge_of_records,
    undo_merge_of_records,
)
from chibo.members.models import Member, MemberStatus
from chibo.org.models import OrgUnit

from ..models.duplicates import DetectionRun, DuplicatePair, MemberMerge, PairStatus, RunStatus
from . import FLAG_THRESHOLD, REVIEW_THRESHOLD

if TYPE_CHECKING:
    # Splink, DuckDB and pyarrow take ~1 s to import: only detection needs them, so every web
    # worker and command does not pay for them at start-up.
    from .linkage import Progress, ScoredPair


def _user(actor: Any) -> Any:
    """The actor as a stored user: None for the command-line operator."""
    return actor if getattr(actor, "pk", None) else None


def status_for(probability: float) -> PairStatus:
    return PairStatus.FLAGGED if probability >= FLAG_THRESHOLD else PairStatus.REVIEW


def _ordered(left: Member, right: Member) -> tuple[Member, Member]:
    if left.pk == right.pk:
        raise ValidationFailed(_("Không thể ghép một hồ sơ với chính nó."))
    return (left, right) if left.pk < right.pk else (right, left)


def flag_duplicate_pair(
    *,
    actor: Any,
    left: Member,
    right: Member,
    probability: float,
    reason: dict[str, Any],
) -> DuplicatePair:
    """Record that two members may be the same person (the importer calls it with probability 1
    for a shared card number or citizen ID). An existing open pair keeps the higher probability;
    a pair a person already decided stays decided."""
    require(actor, Perm.DATA_QUALITY_MANAGE, left.unit)
    require(actor, Perm.DATA_QUALITY_MANAGE, right.unit)
    _check_probability(probability)
    left, right = _ordered(left, right)
    with transaction.atomic():
        pair, decided = _save_pair(left, right, probability, reason)
        if decided:
            return pair
        record(
            actor=actor,
            action="data_quality.flag_duplicate_pair",
            target=pair,
            unit=left.unit,
            changes={
                "left": left.pk,
                "right": right.pk,
                "match_probability": probability,
                "status": pair.status,
            },
        )
    return pair


def refer_duplicate_pair(
    *,
    actor: Any,
    record_in_reach: Member,
    other: Member,
    probability: float,
    reason: dict[str, Any],
) -> DuplicatePair:
    """Record a possible duplicate between a record the actor manages and one outside its reach,
    for the committee that holds both: the pair waits in the review queue of the lowest unit
    whose subtree holds both records (`pairs_for` shows a pair to whoever reaches both), and its
    audit event belongs to that unit, so nothing of `other` reaches the actor (finding 13 of
    issue 10: an import must not tell whether a citizen ID is used outside the importer's reach).
    """
    require(actor, Perm.DATA_QUALITY_MANAGE, record_in_reach.unit)
    _check_probability(probability)
    committee = lowest_common_unit(record_in_reach.unit, other.unit)
    left, right = _ordered(record_in_reach, other)
    with transaction.atomic():
        pair, decided = _save_pair(left, right, probability, reason)
        if decided:
            return pair
        record(
            actor=actor,
            action="data_quality.refer_duplicate_pair",
            target=pair,
            unit=committee,
            changes={
                "left": left.pk,
                "right": right.pk,
                "match_probability": probability,
                "status": pair.status,
            },
        )
    return pair


def lowest_common_unit(a: OrgUnit, b: OrgUnit) -> OrgUnit | None:
    """The lowest unit whose subtree holds both units (None when they share no root)."""
    shared = [p for p in ancestor_paths(a.path, include_self=True) if is_within(b.path, p)]
    if not shared:
        return None
    if shared[-1] == a.path:
        return a
    return OrgUnit.objects.filter(path=shared[-1]).first()


def _check_probability(probability: float) -> None:
    if not 0.0 <= probability <= 1.0:
        raise ValidationFailed(_("Xác suất phải từ 0 đến 1."), field="probability")
    if probability < REVIEW_THRESHOLD:
        raise ValidationFailed(_("Xác suất quá thấp để ghi nhận nghi trùng."), field="probability")


def _save_pair(
    left: Member, right: Member, probability: float, reason: dict[str, Any]
) -> tuple[DuplicatePair, bool]:
    """The pair, created or raised to `probability`; True with it when a person already decided
    it (it then stays as decided)."""
    pair, created = DuplicatePair.objects.select_for_update().get_or_create(
        left=left,
        right=right,
        defaults={
            "match_probability": probability,
            "reason": reason,
            "status": status_for(probability),
        },
    )
    if created:
        return pair, False
    if pair.status not in (PairStatus.FLAGGED, PairStatus.REVIEW):
        return pair, True
    if probability > pair.match_probability:
        pair.match_probability = probability
        pair.status = status_for(probability)
    pair.reason = {**pair.reason, **reason}
    pair.save(update_fields=["match_probability", "status", "reason"])
    return pair, False


def decide_pair(*, actor: Any, pair: DuplicatePair, decision: str) -> DuplicatePair:
    """A person's decision on a suggested pair: "not_duplicate" or "confirmed_duplicate"
    (to be merged). Merging itself is `merge_members`."""
    if decision not in (PairStatus.NOT_DUPLICATE, PairStatus.CONFIRMED):
        raise ValidationFailed(_("Quyết định không hợp lệ."), field="decision")
    require(actor, Perm.DATA_QUALITY_MANAGE, pair.left.unit)
    require(actor, Perm.DATA_QUALITY_MANAGE, pair.right.unit)
    with transaction.atomic():
        pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.status == PairStatus.MERGED:
            raise Conflict(_("Cặp hồ sơ này đã được gộp."))
        before = pair.status
        pair.status = decision
        pair.decided_by = _user(actor)
        pair.decided_at = timezone.now()
        pair.save(update_fields=["status", "decided_by", "decided_at"])
        record(
            actor=actor,
            action="data_quality.decide_pair",
            target=pair,
            unit=pair.left.unit,
            changes={"status": [before, pair.status]},
        )
    return pair


# ---------------------------------------------------------------------------------------------
# Merge and undo

# Profile fields a person chooses between, side by side (state fields come from events): the
# editable profile fields plus the admission dates, which a merge may take from either record.
MERGE_FIELDS = (
    *(name for name in EDITABLE_FIELDS if name != "sponsors"),
    "admitted_on",
    "admission_ceremony_on",
    "sponsors",
)
# Chosen together with the field they derive from.
_DERIVED = {
    "full_name": ("search_name", "sort_name"),
    "birth_date": ("birth_date_precision",),
    "permanent_admin_code": ("permanent_admin_scheme",),
    "current_admin_code": ("current_admin_scheme",),
}


def member_snapshot(member: Member) -> dict[str, Any]:
    """Every stored column of a member, JSON-ready (dates as ISO text)."""
    data: dict[str, Any] = {}
    for field in Member._meta.concrete_fields:
        value = field.value_from_object(member)
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif hasattr(value, "name") and not isinstance(value, str):  # FieldFile
            value = value.name or ""
        data[field.attname] = value
    return data


def _restore(member: Member, snapshot: dict[str, Any]) -> None:
    for field in Member._meta.concrete_fields:
        if field.primary_key or field.attname not in snapshot:
            continue
        value = snapshot[field.attname]
        if value is not None and isinstance(field, models.DateField):
            value = field.to_python(value)
        setattr(member, field.attname, value)


# Written by `chibo.members.actions` with their events, never restored from a snapshot.
_STATE_COLUMNS = frozenset({"status", "merged_into_id"})


def _masked(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: ["***", "***"] if k in SENSITIVE_FIELDS else v for k, v in changes.items()}


def _linked_rows() -> list[tuple[type[models.Model], str]]:
    """Rows of other tables that belong to a member record and follow it into the survivor:
    the raw import rows and the source system's keys."""
    from ..models.imports import ImportRow, SourceRecord

    return [(ImportRow, "member"), (SourceRecord, "member")]


def merge_members(
    *,
    actor: Any,
    survivor: Member,
    absorbed: Member,
    choices: dict[str, str],
    pair: DuplicatePair | None = None,
) -> MemberMerge:
    """Merge `absorbed` into `survivor`: for each field in `choices` ("survivor"/"absorbed")
    keep the chosen value. The absorbed record stays, marked "merged" (with its own event
    history), and its raw import rows and source keys now point to the survivor. Undo with
    `undo_merge`."""
    if survivor.pk == absorbed.pk:
        raise ValidationFailed(_("Không thể gộp một hồ sơ với chính nó."))
    require(actor, Perm.DATA_QUALITY_MANAGE, survivor.unit)
    require(actor, Perm.DATA_QUALITY_MANAGE, absorbed.unit)
    unknown = set(choices) - set(MERGE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Trường không hợp lệ: %(f)s"), f=", ".join(sorted(unknown)))
    if set(choices.values()) - {"survivor", "absorbed"}:
        raise ValidationFailed(_("Mỗi trường chọn giá trị của một trong hai hồ sơ."))
    taken = {name for name, side in choices.items() if side == "absorbed"}
    if taken & SENSITIVE_FIELDS and not can(actor, Perm.MEMBERS_VIEW_SENSITIVE, survivor.unit):
        raise Forbidden(_("Bạn không có quyền sửa số CCCD."))
    with transaction.atomic():
        locked = {
            m.pk: m
            for m in Member.objects.select_for_update().filter(pk__in=[survivor.pk, absorbed.pk])
        }
        survivor, absorbed = locked[survivor.pk], locked[absorbed.pk]
        for member in (survivor, absorbed):
            if member.status == MemberStatus.MERGED:
                raise Conflict(_("Hồ sơ %(name)s đã được gộp trước đó."), name=member.full_name)
        if pair is not None:
            pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
            if {pair.left_id, pair.right_id} != {survivor.pk, absorbed.pk}:
                raise ValidationFailed(_("Cặp hồ sơ không khớp với hai hồ sơ được gộp."))
            if pair.status in (PairStatus.MERGED, PairStatus.NOT_DUPLICATE):
                raise Conflict(_("Cặp hồ sơ này đã được quyết định."))
        survivor_before = member_snapshot(survivor)
        absorbed_before = member_snapshot(absorbed)
        # Columns with a unique constraint leave the absorbed record before the survivor takes
        # them; a login moves to the survivor when it has none.
        fields = set(taken)
        for name in taken:
            fields.update(_DERIVED.get(name, ()))
        if "card_number" in taken:
            survivor.card_number, absorbed.card_number = absorbed.card_number, None
        if absorbed.user_id and not survivor.user_id:
            survivor.user_id, absorbed.user_id = absorbed.user_id, None
        for name in fields - {"card_number"}:
            setattr(survivor, name, getattr(absorbed, name))
        absorbed.save()
        survivor.save()
        # The change of state ("merged" into the survivor) is the members module's dated event.
        record_merge_of_records(
            actor=actor, absorbed=absorbed, survivor=survivor, on=timezone.localdate()
        )
        moved: dict[str, list[int]] = {}
        for model, fk in _linked_rows():
            ids = list(model._default_manager.filter(**{fk: absorbed}).values_list("pk", flat=True))
            if ids:
                model._default_manager.filter(pk__in=ids).update(**{fk: survivor})
                moved[f"{model._meta.label_lower}.{fk}"] = ids
        merge = MemberMerge.objects.create(
            pair=pair,
            survivor=survivor,
            absorbed=absorbed,
            choices=choices,
            survivor_before=survivor_before,
            absorbed_before=absorbed_before,
            survivor_after=member_snapshot(survivor),
            moved=moved,
            merged_by=_user(actor),
            pair_status_before=pair.status if pair else "",
        )
        if pair is not None:
            pair.status = PairStatus.MERGED
            pair.decided_by = _user(actor)
            pair.decided_at = timezone.now()
            pair.save(update_fields=["status", "decided_by", "decided_at"])
        changed = {
            k: [survivor_before.get(k), v]
            for k, v in member_snapshot(survivor).items()
            if survivor_before.get(k) != v
        }
        record(
            actor=actor,
            action="data_quality.merge_members",
            target=survivor,
            unit=survivor.unit,
            changes={
                **_masked(changed),
                "absorbed": absorbed.pk,
                "merge": merge.pk,
                "moved": {k: len(v) for k, v in moved.items()},
            },
        )
        record(
            actor=actor,
            action="data_quality.merged_into",
            target=absorbed,
            unit=absorbed.unit,
            changes={"status": [absorbed_before["status"], absorbed.status], "into": survivor.pk},
        )
    return merge


def undo_merge(*, actor: Any, merge: MemberMerge) -> MemberMerge:
    """Give both records back exactly as they were before the merge. Refused when the survivor
    was changed or merged again since: undoing would lose that later work."""
    require(actor, Perm.DATA_QUALITY_MANAGE, merge.survivor.unit)
    require(actor, Perm.DATA_QUALITY_MANAGE, merge.absorbed.unit)
    with transaction.atomic():
        merge = MemberMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise Conflict(_("Lần gộp này đã được hoàn tác."))
        locked = {
            m.pk: m
            for m in Member.objects.select_for_update().filter(
                pk__in=[merge.survivor_id, merge.absorbed_id]
            )
        }
        survivor, absorbed = locked[merge.survivor_id], locked[merge.absorbed_id]
        later = (
            MemberMerge.objects.filter(undone_at__isnull=True, pk__gt=merge.pk)
            .filter(models.Q(survivor=survivor) | models.Q(absorbed=survivor))
            .exists()
        )
        if later or member_snapshot(survivor) != merge.survivor_after:
            raise Conflict(
                _("Hồ sơ đã thay đổi sau khi gộp; không thể hoàn tác mà không mất thay đổi.")
            )
        if absorbed.status != MemberStatus.MERGED or absorbed.merged_into_id != survivor.pk:
            raise Conflict(_("Hồ sơ bị gộp đã thay đổi; không thể hoàn tác."))
        # The survivor first: it gives back the unique values (card number, login) it took.
        _restore(survivor, merge.survivor_before)
        survivor.save()
        # The status comes back through the members module's undo event, the rest as it was.
        _restore(
            absorbed,
            {k: v for k, v in merge.absorbed_before.items() if k not in _STATE_COLUMNS},
        )
        absorbed.save()
        undo_merge_of_records(
            actor=actor,
            absorbed=absorbed,
            survivor=survivor,
            on=timezone.localdate(),
            merge_id=merge.pk,
            status_before=merge.absorbed_before.get("status"),
        )
        for model, fk in _linked_rows():
            ids = merge.moved.get(f"{model._meta.label_lower}.{fk}", [])
            if ids:
                model._default_manager.filter(pk__in=ids, **{fk: survivor}).update(**{fk: absorbed})
        if merge.pair_id:
            DuplicatePair.objects.filter(pk=merge.pair_id).update(
                status=merge.pair_status_before or PairStatus.CONFIRMED,
                decided_by=None,
                decided_at=None,
            )
        merge.undone_at = timezone.now()
        merge.undone_by = _user(actor)
        merge.save(update_fields=["undone_at", "undone_by"])
        record(
            actor=actor,
            action="data_quality.undo_merge",
            target=survivor,
            unit=survivor.unit,
            changes={"merge": merge.pk, "absorbed": absorbed.pk},
        )
    return merge


# ---------------------------------------------------------------------------------------------
# Detection


def start_detection_run(*, actor: Any, unit: OrgUnit) -> DetectionRun:
    """A run record for the UI to poll; the work is `detect_duplicates` in a background task."""
    require(actor, Perm.DATA_QUALITY_MANAGE, unit)
    if DetectionRun.objects.filter(unit=unit, status=RunStatus.RUNNING).exists():
        raise Conflict(_("Đang có một lần dò trùng chạy cho đơn vị này."))
    with transaction.atomic():
        run = DetectionRun.objects.create(unit=unit, started_by=_user(actor), stage="queued")
        record(actor=actor, action="data_quality.start_detection", target=run, unit=unit)
    return run


def detect_duplicates(
    *,
    actor: Any,
    unit: OrgUnit,
    run: DetectionRun | None = None,
    progress: Progress | None = None,
    threshold: float = REVIEW_THRESHOLD,
) -> tuple[DetectionRun, list[ScoredPair]]:
    """Find likely duplicate members in the unit's subtree and store the pairs (≥ threshold) in
    the review queue. `actor=None` is the server's operator on the command line. Returns the run
    and the scored pairs (member ids). Pairs a person already decided are left as decided."""
    from . import source
    from .detect import connect
    from .linkage import exact_pairs, member_config, prepare_member_table, train_and_predict

    if actor is not None:
        require(actor, Perm.DATA_QUALITY_MANAGE, unit)
    if run is None:
        run = DetectionRun.objects.create(unit=unit, started_by=_user(actor))
    config = member_config()
    run.params = {
        "threshold": threshold,
        "flag_threshold": FLAG_THRESHOLD,
        "blocking_rules": [
            r.get_blocking_rule("duckdb").blocking_rule_sql for r in config.prediction_rules
        ],
    }
    run.status = RunStatus.RUNNING
    run.save(update_fields=["params", "status"])

    def report(stage: str, percent: int) -> None:
        DetectionRun.objects.filter(pk=run.pk).update(stage=stage, progress=percent)
        if progress is not None:
            progress(stage, percent)

    try:
        with tempfile.TemporaryDirectory(prefix="chibo-dedup-") as tmp:
            con = connect(tmp)
            try:
                report("load", 2)
                count = source.load_members(con, unit, Path(tmp))
                source.derive_member_keys(con, "raw_members", "member_keys")
                prepare_member_table(con, "member_keys", "dq_members")
                report("keys", 8)
                if count >= MIN_RECORDS_FOR_MODEL:
                    pairs = list(
                        train_and_predict(
                            con, "dq_members", config, threshold=threshold, progress=report
                        )
                    )
                else:
                    pairs = exact_pairs(con, "dq_members")

            finally:
                con.close()
        report("store", 95)
        flagged, review = _store_pairs(run, pairs)
    except Exception as exc:
        DetectionRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    run.status = RunStatus.FINISHED
    run.finished_at = timezone.now()
    run.members_count = count
    run.pairs_count = len(pairs)
    run.flagged_count = flagged
    run.review_count = review
    run.stage, run.progress = "done", 100
    run.save()
    record(
        actor=actor,
        action="data_quality.detect_duplicates",
        target=run,
        unit=unit,
        changes={"members": count, "pairs": len(pairs), "flagged": flagged, "review": review},
    )
    return run, pairs


# Below this, a subtree is too small to train a model on: exact keys only (linkage.exact_pairs).
MIN_RECORDS_FOR_MODEL = 50


def _store_pairs(run: DetectionRun, pairs: list[ScoredPair]) -> tuple[int, int]:
    """Insert new pairs; refresh the open ones; leave decided pairs alone. Returns the numbers
    of flagged and review pairs written."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return _store_pairs_by_copy(run, pairs)
    existing: dict[tuple[int, int], tuple[int, str]] = {}
    ids = sorted({p.left_id for p in pairs} | {p.right_id for p in pairs})
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for left, right, pk, status in DuplicatePair.objects.filter(left_id__in=chunk).values_list(
            "left_id", "right_id", "id", "status"
        ):
            existing[(left, right)] = (pk, status)
    fresh: list[DuplicatePair] = []
    updated: list[DuplicatePair] = []
    flagged = review = 0
    for p in pairs:
        left, right = sorted((int(p.left_id), int(p.right_id)))
        status = status_for(p.match_probability)
        reason = p.reason()
        found = existing.get((left, right))
        if found is None:
            fresh.append(
                DuplicatePair(
                    left_id=left,
                    right_id=right,
                    match_probability=p.match_probability,
                    reason=reason,
                    status=status,
                    run=run,
                )
            )
        elif found[1] in (PairStatus.FLAGGED, PairStatus.REVIEW):
            updated.append(
                DuplicatePair(
                    pk=found[0],
                    match_probability=p.match_probability,
                    reason=reason,
                    status=status,
                    run=run,
                )
            )
        else:
            continue
        if status == PairStatus.FLAGGED:
            flagged += 1
        else:
            review += 1
    with transaction.atomic():
        DuplicatePair.objects.bulk_create(fresh, batch_size=2000)
        _refresh_open_pairs(updated)
    return flagged, review


def _refresh_open_pairs(pairs: list[DuplicatePair]) -> None:
    DuplicatePair.objects.bulk_update(
        pairs, ["match_probability", "reason", "status", "run"], batch_size=500
    )


_STAGE_PAIRS = """
CREATE TEMPORARY TABLE dq_pairs_in (
    left_id bigint, right_id bigint, probability double precision, status varchar(20),
    reason jsonb
) ON COMMIT DROP
"""
_MERGE_PAIRS = """
INSERT INTO {table} (left_id, right_id, match_probability, reason, status, run_id, found_at)
SELECT left_id, right_id, probability, reason, status, %s, now() FROM dq_pairs_in
ON CONFLICT (left_id, right_id) DO UPDATE SET
    match_probability = EXCLUDED.match_probability, reason = EXCLUDED.reason,
    status = EXCLUDED.status, run_id = EXCLUDED.run_id
WHERE {table}.status IN ('flagged', 'review')
"""
_DECIDED = """
SELECT i.status, count(*) FROM dq_pairs_in i
JOIN {table} p ON p.left_id = i.left_id AND p.right_id = i.right_id
WHERE p.status NOT IN ('flagged', 'review') GROUP BY i.status
"""


def _store_pairs_by_copy(run: DetectionRun, pairs: list[ScoredPair]) -> tuple[int, int]:
    """PostgreSQL: COPY the pairs into a temporary table and merge them with one INSERT … ON
    CONFLICT (160,000 pairs in seconds, where the ORM path takes minutes)."""
    from django.db import connection

    table = DuplicatePair._meta.db_table
    rows = []
    totals = {PairStatus.FLAGGED: 0, PairStatus.REVIEW: 0}
    for p in pairs:
        left, right = sorted((int(p.left_id), int(p.right_id)))
        status = status_for(p.match_probability)
        totals[status] += 1
        rows.append((left, right, p.match_probability, str(status.value), json.dumps(p.reason())))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS dq_pairs_in")
        cursor.execute(_STAGE_PAIRS)
        # COPY's own text format, row by row (psycopg escapes): a stream between databases,
        # not a file anyone opens.
        with cursor.copy("COPY dq_pairs_in FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(_DECIDED.format(table=table))
        for status, n in cursor.fetchall():
            totals[status] -= n
        cursor.execute(_MERGE_PAIRS.format(table=table), [run.pk])
        cursor.execute("DROP TABLE dq_pairs_in")
    return totals[PairStatus.FLAGGED], totals[PairStatus.REVIEW]
