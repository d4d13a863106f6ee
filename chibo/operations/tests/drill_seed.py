"""The crash drills' data, made through the actions in a process on the drill database:
`python -c "…drill_seed.crash_site()"` prints what the drills need as JSON."""

import io
from datetime import date
from typing import Any

# Rows of the import drill: two chunks of the import task (CHUNK_ROWS each), so the worker can
# die with the first committed and the second half-written.
EXTRA_ROWS = 100


def crash_site() -> dict[str, Any]:
    from chibo.access import actions as access_actions
    from chibo.core.text import fold, sort_text
    from chibo.data_quality.duplicates import actions as duplicates
    from chibo.data_quality.importing import actions as importing
    from chibo.data_quality.tests.import_support import csv_bytes, person
    from chibo.documents.distribution import actions as distribution
    from chibo.documents.tests.distribution_support import make_document
    from chibo.meetings import actions as meetings
    from chibo.meetings.tests.support import hold, plan_meeting
    from chibo.org.models import OrgUnit, UnitKind
    from chibo.testing.personas import build_personas, make_member

    personas = build_personas()
    actor = personas.hq_admin
    tree = personas.tree

    # A subtree of more than one distribution chunk: extra branches, a member in every tenth.
    extra_units = distribution.UNITS_PER_CHUNK + 10
    for n in range(extra_units):
        g1 = OrgUnit.objects.get(pk=tree.g1.pk)
        name = f"Chi bộ Diễn tập {n:03d}"
        unit = g1.add_child(
            code=f"X{n:03d}",
            name=name,
            search_name=fold(name),
            sort_name=sort_text(name),
            kind=UnitKind.BRANCH,
            founded_on=date(2025, 7, 1),
        )
        if n % 10 == 0:
            make_member(unit, f"Đảng Viên Diễn Tập {n:03d}")

    # Three same-name pairs in G2 for duplicate detection (a small list: exact rules).
    for name in ("Trần Văn Trùng", "Lê Thị Lặp", "Phạm Văn Đôi"):
        make_member(tree.g2, name)
        make_member(tree.g2, name)

    # (d) minutes ready to sign; (e) a pair to merge.
    meeting = hold(actor, plan_meeting(actor, tree.b1))
    meetings.save_minutes(
        actor=actor,
        meeting_id=meeting.pk,
        content="Chi bộ kiểm điểm công tác tháng.",
        conclusions="Thống nhất phương hướng tháng tới.",
    )
    left = make_member(tree.b2, "Hoàng Thị Hợp")
    right = make_member(tree.b2, "Hoàng Thị Hợp Nhất")
    pair = duplicates.flag_duplicate_pair(
        actor=actor, left=left, right=right, probability=0.99, reason={"drill": True}
    )
    _token, raw_token = access_actions.create_token(actor=actor, owner=actor, name="drill")

    # The three worker jobs, queued in this order: (a) a distribution of the whole tree,
    # (c) an import, (b) a duplicate-detection run of P2.
    document = make_document(tree.hcm)
    sent = distribution.distribute_document(
        actor=actor, document_id=document.pk, unit=tree.hcm, background=True
    )
    rows = [
        person(f"R{n:05d}", f"Nguyễn Thị Nhập {n:05d}", unit="B1", phone="")
        for n in range(importing.CHUNK_ROWS + EXTRA_ROWS)
    ]
    data = csv_bytes(rows)
    batch = importing.upload_import(
        actor=actor, unit=tree.b1, file_name="drill.csv", stream=io.BytesIO(data), size=len(data)
    )
    importing.queue_import(actor=actor, batch=batch)
    run = duplicates.start_detection_run(actor=actor, unit=tree.p2)
    from chibo.data_quality.duplicates.tasks import detect_duplicates_task

    detect_duplicates_task.enqueue(run.pk, actor.pk)
    return {
        "distribution": sent.pk,
        "document": document.pk,
        "units_per_chunk": distribution.UNITS_PER_CHUNK,
        "batch": batch.pk,
        "import_rows": len(rows),
        "chunk_rows": importing.CHUNK_ROWS,
        "run": run.pk,
        "meeting": meeting.pk,
        "pair": pair.pk,
        "left": left.pk,
        "right": right.pk,
        "token": raw_token,
    }
