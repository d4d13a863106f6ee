"""`manage.py find_duplicates --unit CODE [--export pairs.csv] [--threshold 0.5]`

Finds likely duplicate member records in the subtree of unit CODE with the Splink model
(chibo.data_quality.duplicates), stores the pairs in the review queue (≥ 0.99 flagged, 0.5 to 0.99
to review; pairs already decided stay decided) and, with `--export`, writes
`left_ref,right_ref,match_probability`: refs are the source's `Mã hồ sơ` where the record came
from an import with one, else the member id as "CBS-<id>" (the refs `export_members` writes).
Nothing is merged: a person decides in the queue.
"""

import itertools
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.core.errors import DomainError
from chibo.data_quality.duplicates import REVIEW_THRESHOLD, actions, source
from chibo.data_quality.importing.cli import CommandLineActor, unit_by_code

_STAGES = {
    "load": "đọc hồ sơ / reading records",
    "keys": "chuẩn hóa khóa / keys",
    "prior": "ước lượng tỉ lệ trùng / prior",
    "u": "ước lượng u / u by sampling",
    "em": "huấn luyện EM / EM training",
    "predict": "so khớp cặp / scoring pairs",
    "collect": "đọc kết quả / collecting",
    "store": "lưu hàng đợi / storing the queue",
    "done": "xong / done",
}


class Command(BaseCommand):
    help = "Tìm hồ sơ đảng viên nghi trùng / Find likely duplicate member records"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị / unit code")
        parser.add_argument(
            "--export", metavar="FILE", help="CSV: left_ref,right_ref,match_probability"
        )
        parser.add_argument("--threshold", type=float, default=REVIEW_THRESHOLD)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        quiet = options["no_progress"]
        err: TextIO = getattr(self.stderr, "_out", sys.stderr)

        stages: dict[str, float] = {}
        cpu: dict[str, float] = {}

        def progress(stage: str, percent: int) -> None:
            stages.setdefault(stage, time.monotonic() - started)
            cpu.setdefault(stage, time.process_time())
            if quiet:
                return
            filled = percent * 30 // 100
            label = _STAGES.get(stage, stage)
            err.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {percent:3d}% "
                f"{time.monotonic() - started:5.1f} s {label:<36}"
            )
            err.flush()

        try:
            unit = unit_by_code(options["unit"])
            actor = CommandLineActor.for_command("find_duplicates")
            run, pairs = actions.detect_duplicates(
                actor=actor, unit=unit, progress=progress, threshold=options["threshold"]
            )
        except DomainError as exc:
            raise CommandError(exc.text()) from exc
        if options["export"]:
            stages["export"] = time.monotonic() - started
            cpu["export"] = time.process_time()
            ids = {int(p.left_id) for p in pairs} | {int(p.right_id) for p in pairs}
            refs = source.refs_for(ids)
            rows = []
            for p in sorted(pairs, key=lambda p: -p.match_probability):
                left, right = sorted((int(p.left_id), int(p.right_id)))
                rows.append((refs[left], refs[right], p.match_probability))
            source.write_pairs_csv(Path(options["export"]), rows)
        if not quiet:
            err.write("\n")
            stages["end"] = time.monotonic() - started
            cpu["end"] = time.process_time()
            marks = sorted(stages.items(), key=lambda kv: kv[1])
            # Wall clock and this process's CPU time (DuckDB's threads included).
            spans = [
                f"{stage} {end - begin:.1f} s (cpu {cpu[nxt] - cpu[stage]:.1f} s)"
                for (stage, begin), (nxt, end) in itertools.pairwise(marks)
            ]
            err.write("giai đoạn / stages: " + ", ".join(spans) + "\n")
        self.stdout.write(
            f"{run.members_count} hồ sơ, {run.pairs_count} cặp nghi trùng "
            f"({run.flagged_count} gần như chắc chắn, {run.review_count} cần xem xét) "
            f"trong {time.monotonic() - started:.1f} s"
            + (f"; đã ghi {options['export']}" if options["export"] else "")
        )
