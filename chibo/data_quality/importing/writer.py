"""Writing one chunk of prepared rows: members, their admission events, source keys, raw rows.

Called inside the chunk's transaction by `actions.run_import`. The same invariants as
`chibo.members.actions.admit_member`, in bulk: search and sort names set (by `rows`), status
derived from the admission (and full membership) event written with it, subtree member counts
moved once per unit and chunk (`count_member_change`), one audit event per chunk, not per row.

A new source key whose card number or citizen ID already belongs to another member is imported
as a new member and flagged as a duplicate pair with probability 1 (a person decides; nothing is
merged). When that other member is outside the importer's reach, the pair goes to the committee
above both without a word to the importer (`_flag_pair`). The card number column is unique, so
such a member is stored without the card number: it stays in the raw row, the normalised row and
the `SourceRecord` (`card_number`), and the pair says which number they share.

On PostgreSQL the four big inserts go through `COPY` (ids reserved from the sequences first):
`bulk_create` costs about four times as much per row (bench/RESULTS.md, data-quality import).
"""

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy

from chibo.access.policy import can
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.tree import is_within
from chibo.members.models import EventKind, Member, MemberEvent, MemberStatus
from chibo.org.actions import count_member_changes
from chibo.org.models import OrgUnit

from ..models import ImportBatch, ImportRow, RowOutcome, SourceRecord
from .rows import PreparedRow

# Profile fields a later file may fill or correct on a member it created before. State (unit,
# status, dates of admission) changes only through events, never by re-importing.
UPDATABLE_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_date_precision",
    "citizen_id",
    "phone",
    "email",
    "ethnicity",
    "religion",
    "home_town",
    "permanent_address",
    "general_education",
    "professional_qualification",
    "theory_level",
    "occupation",
)
_NAME_FIELDS = ("search_name", "sort_name")
_REPEATED = gettext_lazy(
    "Mã hồ sơ (hoặc số thẻ) lặp lại một dòng trước trong cùng tệp; dòng này bị bỏ qua."
)


def use_copy() -> bool:
    return connection.vendor == "postgresql"


def write_chunk(*, actor: Any, batch: ImportBatch, rows: Sequence[PreparedRow]) -> Counter[str]:
    """Write `rows` (in file order) and return the count of each outcome."""
    outcomes: dict[int, str] = {}
    member_of: dict[int, int | None] = {}
    chunk_keys: set[str] = set()
    accepted: list[PreparedRow] = []
    for row in rows:
        if row.rejected:
            outcomes[row.number] = RowOutcome.REJECTED
        elif row.source_key in chunk_keys:
            row.add_issue("source_ref", "key.repeated", _REPEATED, "error")
            outcomes[row.number] = RowOutcome.REJECTED
        else:
            chunk_keys.add(row.source_key)
            accepted.append(row)

    known: dict[str, tuple[int, int, int | None]] = {}
    last_rows: dict[str, Any] = {}
    for key, record_id, member_id, last_batch, last_row in _source_records(chunk_keys):
        known[key] = (record_id, member_id, last_batch)
        last_rows[key] = last_row
    _keep_to_the_subtree(batch, accepted, known, last_rows)
    fresh: list[PreparedRow] = []
    again: list[PreparedRow] = []
    for row in accepted:
        seen = known.get(row.source_key)
        if seen is None:
            fresh.append(row)
        elif seen[2] == batch.pk:
            row.add_issue("source_ref", "key.repeated", _REPEATED, "error")
            outcomes[row.number] = RowOutcome.REJECTED
        else:
            again.append(row)

    _update_known(again, known, outcomes, member_of)
    pairs = _create_new(actor, batch, fresh, outcomes, member_of)
    for number, left, right, reason in pairs:
        if _flag_pair(actor, left, right, reason):
            outcomes[number] = RowOutcome.FLAGGED
    _write_sources(batch, fresh, again, known, last_rows, member_of)
    _write_rows(batch, rows, outcomes, member_of)
    counts = Counter(outcomes.values())
    record(
        actor=actor,
        action="data_quality.import_rows",
        target=batch,
        unit=batch.unit,
        changes={
            "rows": [rows[0].number, rows[-1].number] if rows else [],
            **{str(k): v for k, v in sorted(counts.items())},
        },
    )
    return counts


def scoped_source_key(key: str, unit: OrgUnit) -> str:
    """The source key of a row whose plain key already belongs to a record outside the target
    subtree: another ward's "Mã hồ sơ 15" is another person."""
    return f"{key}@{unit.code}"[:160]


def _keep_to_the_subtree(
    batch: ImportBatch,
    rows: list[PreparedRow],
    known: dict[str, tuple[int, int, int | None]],
    last_rows: dict[str, Any],
) -> None:
    """Source keys are one namespace for the whole tree, but each file speaks for its own
    subtree: a key whose record lies outside the batch's subtree is neither updated (a write
    outside the importer's reach) nor reported as "Cập nhật" (telling the importer that the key
    exists elsewhere, finding 13 of issue 10). Such a row takes the subtree's own key
    (`scoped_source_key`), which a later import of the same file finds again."""
    if not known:
        return
    member_ids = {member_id for _record, member_id, _batch in known.values()}
    paths = dict(Member.objects.filter(pk__in=member_ids).values_list("id", "unit__path"))
    outside = {
        key
        for key, (_record, member_id, _batch) in known.items()
        if not is_within(paths.get(member_id) or "", batch.unit.path)
    }
    if not outside:
        return
    renamed = {key: scoped_source_key(key, batch.unit) for key in outside}
    for key in outside:
        del known[key]
        last_rows.pop(key, None)
    for row in rows:
        if row.source_key in renamed:
            row.source_key = renamed[row.source_key]
    for key, record_id, member_id, last_batch, last_row in _source_records(set(renamed.values())):
        known[key] = (record_id, member_id, last_batch)
        last_rows[key] = last_row


def _any(columns: str, column: str, keys: set[str], extra: str = "", *params: Any) -> list[Any]:
    """Members whose `column` is one of `keys` (PostgreSQL): one array parameter instead of an
    IN list of thousands, which the client-side query formatting parses slowly."""
    if not keys:
        return []
    where = f" AND {extra}" if extra else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM members_member WHERE {column} = ANY(%s){where}",  # noqa: S608
            [sorted(keys), *params],
        )
        return cursor.fetchall()


def _source_records(keys: set[str]) -> list[tuple[str, int, int, int | None, Any]]:
    if not keys:
        return []
    if not use_copy():
        return list(
            SourceRecord.objects.filter(source_key__in=keys).values_list(
                "source_key", "id", "member_id", "last_batch_id", "last_row"
            )
        )
    table = connection.ops.quote_name(SourceRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT source_key, id, member_id, last_batch_id, last_row::text "  # noqa: S608
            f"FROM {table} WHERE source_key = ANY(%s)",
            [sorted(keys)],
        )
        return [(*r[:4], json.loads(r[4]) if r[4] is not None else None) for r in cursor]


def _update_known(
    again: list[PreparedRow],
    known: dict[str, tuple[int, int, int | None]],
    outcomes: dict[int, str],
    member_of: dict[int, int | None],
) -> None:
    if not again:
        return
    members = Member.objects.in_bulk([known[r.source_key][1] for r in again])
    changed: dict[int, Member] = {}
    changed_fields: set[str] = set()
    taken_cards = set(
        Member.objects.filter(
            card_number__in={r.card_number for r in again if r.card_number}
        ).values_list("card_number", flat=True)
    )
    for row in again:
        member = members[known[row.source_key][1]]
        member_of[row.number] = member.pk
        fields = []
        for name in UPDATABLE_FIELDS:
            value = row.fields.get(name)
            # An empty cell never erases what the record already has.
            if value in (None, "") or getattr(member, name) == value:
                continue
            setattr(member, name, value)
            fields.append(name)
            if name == "full_name":
                member.search_name = row.fields["search_name"]
                member.sort_name = row.fields["sort_name"]
                fields += _NAME_FIELDS
        if not member.card_number and row.card_number and row.card_number not in taken_cards:
            member.card_number = row.card_number
            taken_cards.add(row.card_number)
            fields.append("card_number")
        if fields:
            changed[member.pk] = member
            changed_fields.update(fields)
            outcomes[row.number] = RowOutcome.UPDATED
        else:
            outcomes[row.number] = RowOutcome.UNCHANGED
    if changed:
        Member.objects.bulk_update(list(changed.values()), sorted(changed_fields), batch_size=1000)


def _create_new(
    actor: Any,
    batch: ImportBatch,
    fresh: list[PreparedRow],
    outcomes: dict[int, str],
    member_of: dict[int, int | None],
) -> list[tuple[int, int, int, dict[str, str]]]:
    """Create the members of new source keys; return the (row number, existing member, new
    member, reason) pairs to flag."""
    if not fresh:
        return []
    cards = {r.card_number for r in fresh if r.card_number}
    citizen_ids = {r.fields["citizen_id"] for r in fresh if r.fields["citizen_id"]}
    merged = getattr(MemberStatus, "MERGED", "merged")
    if use_copy():
        owner_of_card = dict(_any("card_number, id", "card_number", cards))
        holders = _any("citizen_id, id", "citizen_id", citizen_ids, "status <> %s", merged)
    else:
        owner_of_card = dict(
            Member.objects.filter(card_number__in=cards).values_list("card_number", "id")
        )
        holders = list(
            Member.objects.filter(citizen_id__in=citizen_ids)
            .exclude(status=merged)
            .values_list("citizen_id", "id")
        )
    holders_of_id: dict[str, list[int]] = defaultdict(list)
    for citizen_id, member_id in holders:
        holders_of_id[citizen_id].append(member_id)

    new_card_of: dict[str, int] = {}
    fresh_cards: set[str] = set()
    members: list[dict[str, Any]] = []
    for row in fresh:
        card = row.card_number
        # The card number column is unique: a second holder is stored without it (module doc).
        free = bool(card) and card not in owner_of_card and card not in fresh_cards
        fresh_cards.add(card)
        members.append(
            {
                **row.fields,
                "unit_id": row.unit_id,
                "status": row.status,
                "card_number": card if free else None,
            }
        )
    ids = _insert(Member, members, with_ids=True)

    pairs: list[tuple[int, int, int, dict[str, str]]] = []
    for row, member_id in zip(fresh, ids, strict=True):
        member_of[row.number] = member_id
        outcomes[row.number] = RowOutcome.CREATED
        card = row.card_number
        citizen_id = row.fields["citizen_id"]
        partners: dict[int, dict[str, str]] = {}
        if card:
            other = owner_of_card.get(card) or new_card_of.get(card)
            if other and other != member_id:
                partners.setdefault(other, {})["card_number"] = card
            new_card_of.setdefault(card, member_id)
            owner_of_card.setdefault(card, member_id)
        if citizen_id:
            for other in holders_of_id.get(citizen_id, []):
                partners.setdefault(other, {})["citizen_id"] = "***"
            holders_of_id[citizen_id].append(member_id)
        for other, reason in partners.items():
            pairs.append(
                (row.number, other, member_id, {"rule": "import_shared_identifier", **reason})
            )

    events: list[dict[str, Any]] = []
    now = timezone.now()
    today = timezone.localdate()
    actor_id = getattr(actor, "pk", None)
    per_unit: Counter[int] = Counter()
    for row, member_id in zip(fresh, ids, strict=True):
        per_unit[row.unit_id or 0] += 1
        admitted, full = row.fields["admitted_on"], row.fields["full_member_on"]
        details = {"source": "import", "batch": batch.pk}
        if admitted is None:
            # No admission date: the record as the old register carried it over, a dated event
            # the fold knows, so a recompute keeps the unit and status it was created with.
            events.append(
                {
                    "member_id": member_id,
                    "kind": EventKind.RECORD_OPENED,
                    "effective_on": today,
                    "to_unit_id": row.unit_id,
                    "details": {**details, "status": row.status},
                    "recorded_at": now,
                    "recorded_by_id": actor_id,
                }
            )
            continue
        events.append(
            {
                "member_id": member_id,
                "kind": EventKind.ADMISSION,
                "effective_on": admitted,
                "to_unit_id": row.unit_id,
                "details": {**details, "ceremony_on": None},
                "recorded_at": now,
                "recorded_by_id": actor_id,
            }
        )
        if full is not None:
            events.append(
                {
                    "member_id": member_id,
                    "kind": EventKind.FULL_MEMBERSHIP,
                    "effective_on": max(full, admitted),
                    "details": {**details, "full_from": full.isoformat()},
                    "recorded_at": now,
                    "recorded_by_id": actor_id,
                }
            )
    _insert(MemberEvent, events)
    paths = dict(OrgUnit.objects.filter(pk__in=list(per_unit)).values_list("id", "path"))
    count_member_changes({paths[pk]: n for pk, n in per_unit.items() if pk in paths})
    return pairs


class EncodedJson(str):
    """JSON already encoded as text: COPY sends it as it is (no Jsonb adaptation)."""


_NO_ISSUES = EncodedJson("[]")


def _raw(row: PreparedRow, copy: bool) -> Any:
    return EncodedJson(row.encoded[0]) if row.encoded and copy else row.raw


def _normalized(row: PreparedRow, copy: bool) -> Any:
    return EncodedJson(row.encoded[1]) if row.encoded and copy else row.normalized


def _issues(row: PreparedRow, copy: bool) -> Any:
    if not row.encoded or not copy:
        return row.issues
    return EncodedJson(json.dumps(row.issues, ensure_ascii=False)) if row.issues else _NO_ISSUES


def _write_sources(
    batch: ImportBatch,
    fresh: list[PreparedRow],
    again: list[PreparedRow],
    known: dict[str, tuple[int, int, int | None]],
    last_rows: dict[str, Any],
    member_of: dict[int, int | None],
) -> None:
    copy = use_copy()
    _insert(
        SourceRecord,
        [
            {
                "source_key": row.source_key,
                "member_id": member_of[row.number],
                "card_number": row.card_number,
                "last_batch_id": batch.pk,
                "last_row": _raw(row, copy),
            }
            for row in fresh
        ],
    )
    if not again:
        return
    SourceRecord.objects.filter(pk__in=[known[row.source_key][0] for row in again]).update(
        last_batch=batch
    )
    changed = [
        SourceRecord(pk=known[row.source_key][0], last_row=row.raw, card_number=row.card_number)
        for row in again
        if last_rows.get(row.source_key) != row.raw
    ]
    if changed:
        SourceRecord.objects.bulk_update(changed, ["last_row", "card_number"], batch_size=1000)


def _write_rows(
    batch: ImportBatch,
    rows: Sequence[PreparedRow],
    outcomes: dict[int, str],
    member_of: dict[int, int | None],
) -> None:
    copy = use_copy()
    _insert(
        ImportRow,
        [
            {
                "batch_id": batch.pk,
                "row_number": row.number,
                "raw": _raw(row, copy),
                "normalized": _normalized(row, copy),
                "issues": _issues(row, copy),
                "outcome": outcomes[row.number],
                "member_id": member_of.get(row.number),
            }
            for row in rows
        ],
    )


def _flag_pair(actor: Any, other_id: int, new_id: int, reason: dict[str, str]) -> bool:
    """Flag the pair of a new member and the record it shares an identifier with, through the
    duplicates module. True when the importer manages both records: the row then says "nghi
    trùng". A record outside that reach is never told to the importer (finding 13 of issue 10):
    the pair goes quietly to the review queue of the committee above both, and the row reads as
    if there were no match (same outcome, same counts, no note)."""
    from chibo.data_quality.duplicates.actions import flag_duplicate_pair, refer_duplicate_pair

    pair = Member.objects.select_related("unit").in_bulk([other_id, new_id])
    other, new = pair[other_id], pair[new_id]
    if can(actor, Perm.DATA_QUALITY_MANAGE, other.unit):
        flag_duplicate_pair(actor=actor, left=other, right=new, probability=1.0, reason=reason)
        return True
    refer_duplicate_pair(
        actor=actor, record_in_reach=new, other=other, probability=1.0, reason=reason
    )
    return False


# --- inserts --------------------------------------------------------------------------------------


def _insert(model: type[Model], rows: list[dict[str, Any]], *, with_ids: bool = False) -> list[int]:
    """Insert rows given as {attname: value} (the other columns take their defaults); with
    `with_ids`, return their primary keys in order (reserved from the sequence on PostgreSQL)."""
    if not rows:
        return []
    if not use_copy():
        objects = [model(**row) for row in rows]
        model._default_manager.bulk_create(objects, batch_size=1000)
        return [obj.pk for obj in objects]
    ids = _reserve_ids(model, len(rows)) if with_ids else []
    _copy(model, rows, ids)
    return ids


def _reserve_ids(model: type[Model], count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [r[0] for r in cursor.fetchall()]


def _copy(model: type[Model], rows: list[dict[str, Any]], ids: list[int]) -> None:
    """COPY the rows into the model's table (psycopg 3): every concrete column, the field's
    default where the row has no value, JSON as jsonb. No model instance is built: at a million
    rows their construction costs more than the COPY itself."""
    from psycopg.types.json import Jsonb

    fields = [f for f in model._meta.concrete_fields if ids or not f.primary_key]
    names = [f.attname for f in fields]
    defaults = [None if f.primary_key else f.get_default() for f in fields]
    json_columns = [i for i, f in enumerate(fields) if f.get_internal_type() == "JSONField"]
    columns_defaults = list(zip(names, defaults, strict=True))
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        write_row = copy.write_row
        for index, row in enumerate(rows):
            get = row.get
            values = [get(name, default) for name, default in columns_defaults]
            for i in json_columns:
                value = values[i]
                if value is not None and type(value) is not EncodedJson:
                    values[i] = Jsonb(value)
            if ids:
                values[0] = ids[index]
            write_row(values)
