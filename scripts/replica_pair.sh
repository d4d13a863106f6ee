#!/usr/bin/env bash
# A PostgreSQL primary and its streaming replica of our own, for the replica tests and benchmarks
# (chibo/core/replica.py, docs/scaling.md). The system cluster on 5432 is left alone: this makes a
# throw-away primary on $PRIMARY_PORT (wal_level=replica, replication allowed from 127.0.0.1) and a
# hot standby on $REPLICA_PORT cloned from it with pg_basebackup, streaming.
#
#   scripts/replica_pair.sh start    # (re)create both, wait until the standby streams
#   scripts/replica_pair.sh stop     # stop both (the data directories stay until the next start)
#   scripts/replica_pair.sh status
set -euo pipefail
cmd=${1:-start}
BASE=${CHIBO_REPLICA_DIR:-/var/tmp/chibo-replica}
PRIMARY_PORT=${CHIBO_PRIMARY_PORT:-5434}
REPLICA_PORT=${CHIBO_REPLICA_PORT:-5435}
FSYNC=${CHIBO_REPLICA_FSYNC:-off}  # tests: off; a benchmark that measures the primary sets "on"
BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ctl() { as_pg "$BIN/pg_ctl" -D "$1" "${@:2}"; }
running() { [ -f "$1/postmaster.pid" ] && ctl "$1" status >/dev/null 2>&1; }

stop() {
    for d in "$BASE/replica" "$BASE/primary"; do
        if running "$d"; then ctl "$d" stop -m fast -w >/dev/null; fi
    done
}

case "$cmd" in
start)
    stop
    rm -rf "$BASE"
    mkdir -p "$BASE"
    [ "$(id -u)" = 0 ] && chown postgres: "$BASE"
    as_pg "$BIN/initdb" -D "$BASE/primary" -U postgres -A trust --no-sync -E UTF8 \
        --locale=C.UTF-8 >/dev/null
    cat >>"$BASE/primary/postgresql.conf" <<CONF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$BASE'
wal_level = replica
max_wal_senders = 4
wal_keep_size = '256MB'
fsync = $FSYNC
full_page_writes = $FSYNC
max_connections = 200
CONF
    echo "host replication all 127.0.0.1/32 trust" >>"$BASE/primary/pg_hba.conf"
    ctl "$BASE/primary" start -w -l "$BASE/primary.log" >/dev/null
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
        -D "$BASE/replica" -R -X stream -c fast
    cat >>"$BASE/replica/postgresql.auto.conf" <<CONF
port = $REPLICA_PORT
hot_standby = on
CONF
    ctl "$BASE/replica" start -w -l "$BASE/replica.log" >/dev/null
    for _ in $(seq 1 30); do
        state=$(as_pg "$BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc \
            "select state from pg_stat_replication" 2>/dev/null || true)
        [ "$state" = "streaming" ] && { echo "primary :$PRIMARY_PORT, replica :$REPLICA_PORT streaming"; exit 0; }
        sleep 1
    done
    echo "the replica did not start streaming; see $BASE/replica.log" >&2
    exit 1
    ;;
stop) stop ;;
status)
    for d in primary replica; do
        if running "$BASE/$d"; then echo "$d: running"; else echo "$d: stopped"; fi
    done
    ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
