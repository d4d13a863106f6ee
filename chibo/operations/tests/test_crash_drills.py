"""Crash drills: kill -9 of the task worker in the middle of (a) a large distribution, (c) an
import and (b) a duplicate-detection run, and of the web process in the middle of (d) a minutes
signature and (e) a merge of member records; then restart and check that each job finished
exactly once, nothing is half-written and the counts reconcile.

The writer is held inside its transaction by a trigger that sleeps, planted in the drill's own
database only (PostgreSQL: pg_sleep, seen in pg_stat_activity; SQLite: a drill_pause() function
that only the drill settings register, which leaves a marker file while it sleeps), and killed
with SIGKILL there. On both databases.
"""

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .drill import DrillSite, make_site

pytestmark = [
    # Only so that pytest sets its test database up (the drill copies it); the drills never
    # write to it.
    pytest.mark.django_db,
]

SEED = "from chibo.operations.tests import drill_seed\nprint(json.dumps(drill_seed.crash_site()))"
TASKS = "django_tasks_database_dbtaskresult"
WORKER_ID = "drill-worker-1"


def audit_count(site: DrillSite, action: str) -> int:
    return int(site.value("SELECT count(*) FROM audit_auditevent WHERE action = %s", (action,)))


def start_worker(site: DrillSite, log: Path) -> Any:
    return site.start(
        "manage.py",
        "db_worker",
        "--skip-checks",
        "--no-reload",
        "--interval=0.2",
        "--no-startup-delay",
        f"--worker-id={WORKER_ID}",
        log=log,
    )


RESTART = f"""
import django
django.setup()
from django.core.management import call_command
call_command("recover_tasks", worker_id="{WORKER_ID}")
call_command(
    "db_worker", reload=False, interval=0.2, startup_delay=False, worker_id="{WORKER_ID}"
)
"""


def restart_worker(site: DrillSite, log: Path) -> Any:
    """What the worker's service does on start (docs/operations.md): requeue what the dead
    worker left, then run — here in one process, to start Django once."""
    return site.start("-c", RESTART, log=log)


def task_row(site: DrillSite, path_part: str) -> tuple[str, list[str]]:
    status, workers = site.rows(
        f"SELECT status, worker_ids FROM {TASKS} WHERE task_path LIKE %s",  # noqa: S608
        (f"%{path_part}%",),
    )[0]
    return status, workers if isinstance(workers, list) else json.loads(workers)


PAUSED = ("documents_receipt", "data_quality_importrow", "data_quality_duplicatepair")


def paused_writes(site: DrillSite, seed: dict[str, Any]) -> dict[str, str]:
    """Where each worker job is held: PostgreSQL after every INSERT statement into the table;
    SQLite (whose triggers fire per row) at one row of the job's second chunk."""
    if site.vendor == "postgresql":
        return dict.fromkeys(PAUSED, "")
    return {
        "documents_receipt": "NEW.unit_id IN (SELECT id FROM org_orgunit WHERE code = 'X100')",
        "data_quality_importrow": f"NEW.row_number = {seed['chunk_rows'] + 1}",
        "data_quality_duplicatepair": "",
    }


@pytest.fixture(scope="module")
def crash_site(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[DrillSite, dict[str, Any]]]:
    """One seeded drill site for the module (seeding is the slow part): the worker drills use
    its three queued jobs, the web drills its minutes and its duplicate pair."""
    with django_db_blocker.unblock():
        site = make_site(tmp_path_factory.mktemp("crash"))
    try:
        seed = site.python(SEED, timeout=300)
        for table, when in paused_writes(site, seed).items():
            site.pause_after_insert(table, 1.5, when=when)
        yield site, seed
    finally:
        site.drop()


def test_worker_killed_in_distribution_import_and_detection(crash_site, tmp_path):
    site, seed = crash_site
    log = tmp_path / "worker.log"
    members_in_tree = site.value(
        "SELECT count(*) FROM members_member WHERE status IN ('probationary', 'full')"
    )

    # (a) Distribution: killed with the first chunk of units committed, the second held.
    worker = start_worker(site, log)
    site.wait_for(
        "the distribution's second chunk",
        lambda: (
            site.value(
                "SELECT units_done FROM documents_distribution WHERE id = %s",
                (seed["distribution"],),
            )
            >= seed["units_per_chunk"]
            and site.paused()
        ),
    )
    site.kill(worker)
    site.after_kill()
    status, done = site.rows(
        "SELECT status, units_done FROM documents_distribution WHERE id = %s",
        (seed["distribution"],),
    )[0]
    assert status == "running" and done == seed["units_per_chunk"]
    assert task_row(site, "materialise_distribution")[0] == "RUNNING"  # left behind

    # (c) Import: restarted, the distribution finishes, then the import is killed likewise.
    worker = restart_worker(site, log)
    site.wait_for(
        "the import's second chunk",
        lambda: (
            site.value(
                "SELECT checkpoint FROM data_quality_importbatch WHERE id = %s", (seed["batch"],)
            )
            >= seed["chunk_rows"]
            and site.paused()
        ),
    )
    site.kill(worker)
    site.after_kill()
    assert site.value(
        "SELECT status FROM data_quality_importbatch WHERE id = %s", (seed["batch"],)
    ) == ("running")

    # (b) Detection: restarted, the import finishes, then detection is killed while storing.
    worker = restart_worker(site, log)
    site.wait_for(
        "detection storing its pairs",
        lambda: (
            site.value("SELECT stage FROM data_quality_detectionrun WHERE id = %s", (seed["run"],))
            == "store"
            and site.paused()
        ),
        timeout=90,
    )
    site.kill(worker)
    site.after_kill()
    assert (
        site.value(
            "SELECT count(*) FROM data_quality_duplicatepair WHERE run_id = %s", (seed["run"],)
        )
        == 0
    )

    for table in PAUSED:
        site.remove_pause(table)
    worker = restart_worker(site, log)
    site.wait_for(
        "every task to finish",
        lambda: (
            site.value(f"SELECT count(*) FROM {TASKS} WHERE status <> 'SUCCESSFUL'")  # noqa: S608
            == 0
        ),
        timeout=90,
    )
    site.kill(worker)

    # (a) once: one receipt per active member of the tree, one notice per login, one event.
    status, recipients, done, total = site.rows(
        "SELECT status, recipient_count, units_done, units_total FROM documents_distribution "
        "WHERE id = %s",
        (seed["distribution"],),
    )[0]
    receipts = site.value(
        "SELECT count(*) FROM documents_receipt WHERE distribution_id = %s", (seed["distribution"],)
    )
    assert (status, done) == ("done", total)
    assert recipients == receipts == members_in_tree
    assert (
        site.value(
            "SELECT count(*) FROM (SELECT member_id FROM documents_receipt WHERE document_id = %s "
            "GROUP BY member_id HAVING count(*) > 1) twice",
            (seed["document"],),
        )
        == 0
    )
    assert (
        site.value(
            "SELECT count(*) FROM (SELECT user_id FROM notifications_notice WHERE url LIKE %s "
            "GROUP BY user_id HAVING count(*) > 1) twice",
            (f"%/{seed['document']}/%",),
        )
        == 0
    )
    assert audit_count(site, "documents.distribute") == 1
    assert task_row(site, "materialise_distribution") == ("SUCCESSFUL", [WORKER_ID] * 2)

    # (c) once: every row imported once, the counts add up, one finishing event.
    status, checkpoint, created, updated, unchanged, flagged, rejected = site.rows(
        "SELECT status, checkpoint, created_count, updated_count, unchanged_count, "
        "flagged_count, rejected_count FROM data_quality_importbatch WHERE id = %s",
        (seed["batch"],),
    )[0]
    assert status == "done" and checkpoint >= seed["import_rows"]
    assert created + updated + unchanged + flagged + rejected == seed["import_rows"]
    assert (
        site.value(
            "SELECT count(*) FROM data_quality_importrow WHERE batch_id = %s", (seed["batch"],)
        )
        == seed["import_rows"]
    )
    assert (
        site.value("SELECT count(*) FROM members_member WHERE full_name LIKE 'Nguyễn Thị Nhập %%'")
        == created
    )
    assert audit_count(site, "data_quality.finish_import") == 1
    assert task_row(site, "run_import") == ("SUCCESSFUL", [WORKER_ID] * 2)  # killed, then done

    # (b) once: the run finished, its three pairs stored once, one event.
    status, pairs = site.rows(
        "SELECT status, pairs_count FROM data_quality_detectionrun WHERE id = %s", (seed["run"],)
    )[0]
    assert (status, pairs) == ("finished", 3)
    assert (
        site.value(
            "SELECT count(*) FROM data_quality_duplicatepair WHERE run_id = %s", (seed["run"],)
        )
        == 3
    )
    assert audit_count(site, "data_quality.detect_duplicates") == 1
    assert task_row(site, "detect_duplicates") == ("SUCCESSFUL", [WORKER_ID] * 2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_web(site: DrillSite, log: Path) -> tuple[Any, str]:
    port = free_port()
    process = site.start(
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        "--timeout=120",
        log=log,
    )
    base = f"http://127.0.0.1:{port}"
    site.wait_for("gunicorn", lambda: _answers(base), timeout=60, every=0.3)
    return process, base


def _answers(base: str) -> bool:
    try:
        httpx.get(f"{base}/api/v1/openapi.json", timeout=30)
    except httpx.HTTPError:
        return False
    return True


def post_in_background(url: str, token: str, body: dict[str, Any]) -> Any:
    import threading

    result: dict[str, Any] = {}

    def send() -> None:
        try:
            result["response"] = httpx.post(
                url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
            )
        except httpx.HTTPError as exc:
            result["error"] = exc

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread, result


def test_web_process_killed_in_signature_and_merge(crash_site, tmp_path):
    site, seed = crash_site
    token = seed["token"]
    log = tmp_path / "web.log"
    cases = [
        (
            "meetings.sign_minutes",
            f"/api/v1/meetings/{seed['meeting']}/minutes/sign",
            {"as_role": "chair"},
        ),
        (
            "data_quality.merge_members",
            f"/api/v1/data-quality/duplicates/{seed['pair']}/merge",
            {"survivor": "left"},
        ),
    ]
    web, base = start_web(site, log)
    for action, path, body in cases:
        before = site.value("SELECT count(*) FROM audit_auditevent")
        # Held inside the action's transaction at its last write, the audit event.
        site.pause_after_insert("audit_auditevent", 60, when=f"NEW.action = '{action}'")
        thread, result = post_in_background(base + path, token, body)
        site.wait_for(f"{action} inside its transaction", site.paused)
        site.kill(web)
        site.after_kill()
        thread.join(timeout=30)
        assert "response" not in result  # the client saw the connection drop, no answer
        site.remove_pause("audit_auditevent")
        # Nothing of it was kept.
        assert site.value("SELECT count(*) FROM audit_auditevent") == before
        if action == "meetings.sign_minutes":
            assert (
                site.value(
                    "SELECT count(*) FROM meetings_minutes WHERE meeting_id = %s "
                    "AND chair_signed_at IS NOT NULL",
                    (seed["meeting"],),
                )
                == 0
            )
        else:
            assert site.value("SELECT count(*) FROM data_quality_membermerge") == 0
            assert site.rows(
                "SELECT status FROM members_member WHERE id IN (%s, %s) ORDER BY id",
                (seed["left"], seed["right"]),
            ) == [("full",), ("full",)]
        # Restarted, the retry succeeds once; a second retry is refused, nothing doubles.
        web, base = start_web(site, log)
        headers = {"Authorization": f"Bearer {token}"}
        first = httpx.post(base + path, json=body, headers=headers, timeout=60)
        assert first.status_code == 200, first.text
        again = httpx.post(base + path, json=body, headers=headers, timeout=60)
        assert again.status_code == 409, again.text
        assert audit_count(site, action) == 1
    site.kill(web)
    assert site.value("SELECT count(*) FROM data_quality_membermerge") == 1
    assert site.rows(
        "SELECT status FROM members_member WHERE id IN (%s, %s) ORDER BY id",
        (seed["left"], seed["right"]),
    ) == [("full",), ("merged",)]
