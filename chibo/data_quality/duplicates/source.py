"""Stream a subtree's member records into DuckDB for duplicate detection (reads only).

On PostgreSQL the rows leave the database through `COPY … TO STDOUT` into a temporary CSV file
that DuckDB reads; elsewhere they come through `values_list` in chunks. Either way memory stays
bounded and the comparison keys are derived in DuckDB by one SQL statement (`MEMBER_KEYS_SQL`),
which follows the normalisation rules of `keys.record_keys` (a test holds them together).
"""

# SQL here names local tables and columns chosen by this code, never user input.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from django.db import connection

from chibo.core.spreadsheets import csv_writer
from chibo.members.models import Member, MemberStatus
from chibo.org.models import OrgUnit

from .keys import OLD_MOBILE_PREFIXES

RAW_COLUMNS = (
    "id",
    "search_name",
    "birth_date",
    "birth_date_precision",
    "gender",
    "citizen_id",
    "phone",
    "home_town",
)
_RAW_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("search_name", pa.string()),
        ("birth_date", pa.date32()),
        ("birth_date_precision", pa.string()),
        ("gender", pa.string()),
        ("citizen_id", pa.string()),
        ("phone", pa.string()),
        ("home_town", pa.string()),
    ]
)
_CREATE_RAW = (
    "CREATE OR REPLACE TABLE {table} (id BIGINT, search_name VARCHAR, birth_date DATE, "
    "birth_date_precision VARCHAR, gender VARCHAR, citizen_id VARCHAR, phone VARCHAR, "
    "home_town VARCHAR)"
)


def _fold_sql(expr: str) -> str:
    """chibo.core.text.fold in DuckDB SQL: NFC, đ/Đ/Ð → d, marks removed, lower, single spaces."""
    replaced = f"replace(replace(replace(replace(nfc_normalize({expr}), 'Đ', 'd'), 'đ', 'd'), 'Ð', 'd'), 'ð', 'd')"  # noqa: E501
    return f"trim(regexp_replace(lower(strip_accents({replaced})), '\\s+', ' ', 'g'))"


def _phone_sql(expr: str) -> str:
    """normalize_phone in SQL: digits; +84/84/0084 to 0; the 2018 renumbering."""
    digits = f"regexp_replace(coalesce({expr}, ''), '[^0-9]', '', 'g')"
    local = (
        f"CASE WHEN starts_with({digits}, '0084') THEN '0' || substr({digits}, 5) "
        f"WHEN starts_with({digits}, '84') AND length({digits}) IN (11, 12) "
        f"THEN '0' || substr({digits}, 3) "
        f"WHEN length({digits}) IN (9, 10) AND NOT starts_with({digits}, '0') "
        f"THEN '0' || {digits} ELSE {digits} END"
    )
    cases = " ".join(
        f"WHEN length(p) = 11 AND starts_with(p, '{old}') THEN '{new}' || substr(p, 5)"
        for old, new in OLD_MOBILE_PREFIXES.items()
    )
    renumbered = f"(SELECT CASE {cases} ELSE p END FROM (SELECT {local} AS p))"
    return renumbered


MEMBER_KEYS_SQL = """
CREATE OR REPLACE TABLE {target} AS
SELECT
    id AS unique_id,
    {name} AS name,
    birth_date,
    coalesce(NULLIF(birth_date_precision, ''), 'day') AS birth_precision,
    NULLIF(gender, '') AS gender,
    CASE WHEN length(regexp_replace(coalesce(citizen_id, ''), '[^0-9]', '', 'g')) IN (9, 12)
         THEN regexp_replace(citizen_id, '[^0-9]', '', 'g') END AS citizen_id,
    CASE WHEN length(ph) = 10 THEN ph END AS phone,
    NULLIF({place}, '') AS place
FROM (SELECT *, {phone} AS ph FROM {source})
"""


def derive_member_keys(con: duckdb.DuckDBPyConnection, source: str, target: str) -> None:
    con.execute(
        MEMBER_KEYS_SQL.format(
            target=target,
            source=source,
            name=_fold_sql("search_name"),
            place=_fold_sql("home_town"),
            phone=_phone_sql("phone"),
        )
    )


def members_of(unit: OrgUnit) -> Any:
    """The subtree's records that take part in detection: merged records do not."""
    return (
        Member.objects.filter(unit__path__startswith=unit.path)
        .exclude(status=MemberStatus.MERGED)
        .order_by("id")
    )


def _iter_chunks(unit: OrgUnit, chunk_size: int) -> Iterator[list[tuple[Any, ...]]]:
    rows = members_of(unit).values_list(*RAW_COLUMNS).iterator(chunk_size=chunk_size)
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def load_members(
    con: duckdb.DuckDBPyConnection,
    unit: OrgUnit,
    workdir: Path,
    *,
    table: str = "raw_members",
    chunk_size: int = 50_000,
) -> int:
    """Copy the subtree's member rows into DuckDB table `table`; returns how many."""
    con.execute(_CREATE_RAW.format(table=table))
    if connection.vendor == "postgresql":
        return _load_by_copy(con, unit, workdir, table)
    count = 0
    for chunk in _iter_chunks(unit, chunk_size):
        columns = list(zip(*chunk, strict=True))
        arrow_chunk = pa.Table.from_arrays(  # noqa: F841 (read by DuckDB by name)
            [pa.array(col, type=_RAW_SCHEMA.field(i).type) for i, col in enumerate(columns)],
            schema=_RAW_SCHEMA,
        )
        con.execute(f"INSERT INTO {table} SELECT * FROM arrow_chunk")
        count += len(chunk)
    return count


def _load_by_copy(con: duckdb.DuckDBPyConnection, unit: OrgUnit, workdir: Path, table: str) -> int:
    queryset = members_of(unit).values_list(*RAW_COLUMNS)
    sql, params = queryset.query.sql_with_params()
    path = workdir / "members.csv"
    with connection.cursor() as cursor:
        # psycopg 3: server-side parameters are not allowed in COPY; mogrify inlines them safely.
        inner = cursor.mogrify(sql, params)
        with (
            path.open("wb") as out,
            cursor.copy(f"COPY ({inner}) TO STDOUT WITH (FORMAT csv)") as copy,
        ):
            for data in copy:
                out.write(data)
    if path.stat().st_size:
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_csv(?, header = false, auto_detect = false, "
            "delim = ',', quote = '\"', escape = '\"', columns = {"
            "'id': 'BIGINT', 'search_name': 'VARCHAR', 'birth_date': 'DATE', "
            "'birth_date_precision': 'VARCHAR', 'gender': 'VARCHAR', 'citizen_id': 'VARCHAR', "
            "'phone': 'VARCHAR', 'home_town': 'VARCHAR'})",
            [str(path)],
        )
    path.unlink()
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def write_pairs_csv(path: Path, rows: list[tuple[str, str, float]]) -> None:
    """The pairs for people to open: through the one spreadsheet writer, so a source ref such as
    "=HYPERLINK(…)" never reaches a spreadsheet as a formula."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv_writer(out)
        writer.writerow(["left_ref", "right_ref", "match_probability"])
        for left, right, probability in rows:
            writer.writerow([left, right, f"{probability:.6f}"])


def refs_for(member_ids: set[int]) -> dict[int, str]:
    """Each member's ref as `export_members` writes it: the source's `Mã hồ sơ` (the first
    imported) where an import brought one, else "CBS-<member id>" (the prefix keeps a member id
    from reading as some source's numeric `Mã hồ sơ`)."""
    from ..models.imports import SourceRecord

    refs: dict[int, str] = {}
    ordered = sorted(member_ids)
    for start in range(0, len(ordered), 5000):
        rows = (
            SourceRecord.objects.filter(
                member_id__in=ordered[start : start + 5000], source_key__startswith="ref:"
            )
            .order_by("id")
            .values_list("member_id", "source_key")
        )
        for member_id, key in rows:
            refs.setdefault(member_id, key.removeprefix("ref:"))
    return {pk: refs.get(pk, f"CBS-{pk}") for pk in ordered}
