"""The replica router (chibo/core/replica.py).

The first tests need no replica. The `standby` tests run against a real streaming replica: the
`pytest-replica` job of `make test` starts a primary and its hot standby
(`scripts/replica_pair.sh`) and runs this file with `DATABASE_REPLICA_URL` and
`CHIBO_TEST_REAL_REPLICA=1`; elsewhere they are skipped.
"""

import os
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import dj_database_url
import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from chibo.core import replica
from chibo.org.models import OrgUnit

REAL = bool(os.environ.get("CHIBO_TEST_REAL_REPLICA"))
# The replica alias exists only when DATABASE_REPLICA_URL is set (config/settings/base.py).
DATABASES = ["default", "replica"] if REAL else ["default"]


def _view_names(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _view_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_tolerant_view_exists() -> None:
    names = set(_view_names(get_resolver()))
    assert set(settings.CHIBO_REPLICA_VIEWS) <= names, set(settings.CHIBO_REPLICA_VIEWS) - names


def test_lsn_round_trip_and_order() -> None:
    assert replica.lsn_value("0/16B3748") == 0x16B3748
    assert replica.lsn_value("16/B374D848") == (0x16 << 32) + 0xB374D848
    assert replica.lsn_value("1/0") > replica.lsn_value("0/FFFFFFFF")
    assert replica.lsn_text(replica.lsn_value("16/B374D848")) == "16/B374D848"


def test_router_sends_only_tolerant_reads_outside_transactions_to_the_replica() -> None:
    router = replica.ReplicaRouter()
    assert router.db_for_read(OrgUnit) is None  # no route set: default
    token = replica._route.set(replica.REPLICA)
    try:
        assert router.db_for_read(OrgUnit) == replica.REPLICA
        assert router.db_for_write(OrgUnit) == replica.DEFAULT
    finally:
        replica._route.reset(token)
    assert router.allow_migrate(replica.REPLICA, "org") is False
    assert router.allow_migrate(replica.DEFAULT, "org") is True


@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_the_primary() -> None:
    router = replica.ReplicaRouter()
    token = replica._route.set(replica.REPLICA)
    try:
        with transaction.atomic():
            assert router.db_for_read(OrgUnit) is None
    finally:
        replica._route.reset(token)


def test_without_a_replica_every_request_reads_the_primary(settings) -> None:
    if replica.replica_configured():
        pytest.skip("a replica is configured in this run")
    assert replica.choose_source(None) == replica.DataSource("default", reason="no replica")


# --- against a real streaming replica -------------------------------------------------------


@pytest.fixture
def standby(request: pytest.FixtureRequest) -> Iterator[None]:
    """Point the `replica` alias (a test mirror of default) at the standby's copy of the test
    database, which streaming replication keeps in step with the primary."""
    if not REAL:
        pytest.skip("no streaming replica in this run (make pytest-replica)")
    request.getfixturevalue("audit_truncate_allowed")
    url = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    conn = connections[replica.REPLICA]
    original = conn.settings_dict
    conn.close()
    conn.settings_dict = {
        **connections[replica.DEFAULT].settings_dict,
        "HOST": url["HOST"],
        "PORT": url["PORT"],
    }
    yield
    _replay(resume=True)
    conn.close()
    conn.settings_dict = original


def _replay(*, resume: bool) -> None:
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT pg_wal_replay_resume()" if resume else "SELECT pg_wal_replay_pause()"
        )


def _caught_up(timeout: float = 10.0) -> None:
    target = replica._primary_lsn()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replica._replica_status()[0] >= target:
            return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up")


def _statistics(client: Client, code: str) -> tuple[str, dict[str, Any]]:
    response = client.get(f"/api/v1/units/{code}/statistics")
    assert response.status_code == 200, response.content
    return response["X-Data-Source"], response.json()


def _rename(client: Client, code: str, name: str) -> None:
    response = client.post(
        f"/api/v1/units/{code}/rename",
        {"name": name, "effective_on": date.today().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


@pytest.mark.skipif(not REAL, reason="no streaming replica in this run (make pytest-replica)")
@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_write_then_its_dashboard_reads_the_new_value_while_others_read_the_replica(
    standby: None,
) -> None:
    from chibo.testing.personas import build_personas

    p = build_personas()
    writer, other = Client(), Client()
    writer.force_login(p.hq_admin)
    other.force_login(p.hq_admin)
    _caught_up()
    source, stats = _statistics(other, "P1")
    assert source == "replica"
    old_name = stats["unit_name"]

    _replay(resume=False)  # the replica falls behind from here
    time.sleep(1.2)
    _rename(writer, "P1", "Đảng bộ Phường Mới")
    assert replica.PIN_COOKIE in writer.cookies

    # The writer's own dashboard reads the primary: its write is there.
    source, stats = _statistics(writer, "P1")
    assert (source, stats["unit_name"]) == ("default", "Đảng bộ Phường Mới")
    # Another browser still reads the replica, and is told how old its figures are.
    response = other.get("/api/v1/units/P1/statistics")
    assert response["X-Data-Source"] == "replica"
    assert response.json()["unit_name"] == old_name
    assert float(response["X-Data-Age"]) >= 1.0

    _replay(resume=True)
    _caught_up()
    # Once the replica has replayed the write, the writer reads it from the replica too.
    source, stats = _statistics(writer, "P1")
    assert (source, stats["unit_name"]) == ("replica", "Đảng bộ Phường Mới")


@pytest.mark.skipif(not REAL, reason="no streaming replica in this run (make pytest-replica)")
@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_dashboard_page_says_how_old_the_replicas_figures_are(standby: None) -> None:
    from chibo.testing.personas import build_personas

    p = build_personas()
    client = Client()
    client.force_login(p.hq_admin)
    _caught_up()
    _replay(resume=False)
    time.sleep(1.2)
    OrgUnit.objects.filter(code="P2").update(name="Đảng bộ P2 mới")  # the primary moves ahead
    response = client.get("/members/statistics/P1/")
    assert response.status_code == 200
    assert response["X-Data-Source"] == "replica"
    assert "Số liệu từ bản sao cơ sở dữ liệu, tính đến" in response.content.decode()


@pytest.mark.skipif(not REAL, reason="no streaming replica in this run (make pytest-replica)")
@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_a_replica_too_far_behind_is_skipped(standby: None, settings) -> None:
    from chibo.testing.personas import build_personas

    settings.CHIBO_REPLICA_MAX_LAG = 0.5
    p = build_personas()
    client = Client()
    client.force_login(p.hq_admin)
    _caught_up()
    _replay(resume=False)
    time.sleep(1.0)
    OrgUnit.objects.filter(code="P2").update(name="Đảng bộ P2 mới")
    source, _stats = _statistics(client, "P1")
    assert source == "default"
