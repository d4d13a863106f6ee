"""Duplicate detection over records held in memory or streamed from a query (no Django writes).

`detect_in_records` is the scoring core the tests and the F1 benchmark use: raw records in, scored
pairs (by the records' refs) out. The database path (`chibo.data_quality.duplicates.runs`) feeds
the same `linkage.train_and_predict` from the member table.
"""

# SQL here names local DuckDB tables chosen by this code, never user input.
# ruff: noqa: S608

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from . import REVIEW_THRESHOLD
from .keys import record_keys
from .linkage import (
    LinkageConfig,
    Progress,
    ScoredPair,
    _noop,
    member_config,
    prepare_member_table,
    train_and_predict,
)

_ARROW_SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("name", pa.string()),
        ("birth_date", pa.date32()),
        ("birth_precision", pa.string()),
        ("gender", pa.string()),
        ("citizen_id", pa.string()),
        ("phone", pa.string()),
        ("place", pa.string()),
    ]
)


def connect(
    workdir: str | Path | None = None, *, memory_limit: str = "3GB"
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that spills to `workdir` and stays under `memory_limit`."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    if workdir is not None:
        con.execute(f"SET temp_directory = '{Path(workdir).as_posix()}'")
    return con


def load_key_rows(
    con: duckdb.DuckDBPyConnection, rows: Iterable[Mapping[str, Any]], *, table: str = "raw_keys"
) -> None:
    """Load rows that already have the linkage columns (`unique_id` + keys) in Arrow batches."""
    con.execute(
        f"CREATE OR REPLACE TABLE {table} (unique_id BIGINT, name VARCHAR, birth_date DATE, "
        "birth_precision VARCHAR, gender VARCHAR, citizen_id VARCHAR, phone VARCHAR, "
        "place VARCHAR)"
    )
    batch: list[Mapping[str, Any]] = []

    def flush() -> None:
        arrow_batch = pa.Table.from_pylist(list(batch), schema=_ARROW_SCHEMA)  # noqa: F841
        con.execute(f"INSERT INTO {table} SELECT * FROM arrow_batch")
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= 50_000:
            flush()
    if batch:
        flush()


def detect_in_records(
    records: Iterable[Mapping[str, Any]],
    *,
    ref_key: str = "source_ref",
    threshold: float = REVIEW_THRESHOLD,
    config: LinkageConfig | None = None,
    progress: Progress = _noop,
) -> list[tuple[str, str, float, dict[str, float]]]:
    """Score raw records (canonical template keys) and return (ref, ref, probability, weights)
    for every pair at or above `threshold`."""
    refs: list[str] = []

    def keyed() -> Iterator[dict[str, Any]]:
        for record in records:
            refs.append(str(record[ref_key]))
            yield {"unique_id": len(refs) - 1, **record_keys(record)}

    with tempfile.TemporaryDirectory(prefix="chibo-dedup-") as workdir:
        con = connect(workdir)
        try:
            load_key_rows(con, keyed())
            prepare_member_table(con, "raw_keys", "dq_members")
            pairs: list[ScoredPair] = list(
                train_and_predict(
                    con,
                    "dq_members",
                    config or member_config(),
                    threshold=threshold,
                    progress=progress,
                )
            )
        finally:
            con.close()
    return [(refs[p.left_id], refs[p.right_id], p.match_probability, p.weights) for p in pairs]
