#!/usr/bin/env bash
# Times `make demo` on a fresh clone: the first start (install included) and a second start.
#
#   bench/demo_time.sh                 # cold: empty uv and npm caches (downloads everything)
#   WARM=1 bench/demo_time.sh          # warm: the machine's usual uv and npm caches
#
# "Ready" = http://$HOST/ answers any HTTP status (the home page redirects to the login page).
# Each start is bounded (LIMIT_FIRST, LIMIT_SECOND seconds); the server is stopped after each.
set -euo pipefail

SRC=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}
DEST=${DEST:-/tmp/chibo-demo-bench}
HOST=${HOST:-127.0.0.1:8001}
LIMIT_FIRST=${LIMIT_FIRST:-900}
LIMIT_SECOND=${LIMIT_SECOND:-120}
OUT=${OUT:-$SRC/bench/out}
mkdir -p "$OUT"
REPORT=$OUT/demo_time.txt

say() { echo "[$(date +%T)] $*" | tee -a "$REPORT"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if curl -s -o /dev/null --max-time 2 "http://$HOST/"; then
  echo "Something already answers at http://$HOST/; choose another HOST=." >&2
  exit 2
fi

: > "$REPORT"
say "source $SRC (HEAD $(git -C "$SRC" rev-parse --short HEAD)), clone $DEST, HOST=$HOST"
rm -rf "$DEST" "$DEST-cache"
git clone -q "$SRC" "$DEST"
if [ "${WARM:-0}" = "1" ]; then
  say "caches: warm (the machine's uv and npm caches)"
else
  mkdir -p "$DEST-cache"
  export UV_CACHE_DIR=$DEST-cache/uv npm_config_cache=$DEST-cache/npm PIP_NO_CACHE_DIR=1
  say "caches: cold (empty UV_CACHE_DIR and npm cache under $DEST-cache)"
fi
# The clone must not inherit a database from the caller's environment: the demo uses SQLite.
unset DATABASE_URL

DEMO_PID=""
stop_demo() {
  if [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null; then
    kill -TERM -- "-$DEMO_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$DEMO_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$DEMO_PID" 2>/dev/null || true
  fi
  DEMO_PID=""
}
trap stop_demo EXIT

# start_and_time <label> <limit seconds> <log file>: prints the seconds until ready, or fails.
start_and_time() {
  local label=$1 limit=$2 log=$3 t0 code
  t0=$(now)
  # Own process group (setsid) so that make, its children and runserver stop together.
  (cd "$DEST" && exec setsid make demo HOST="$HOST") > "$log" 2>&1 &
  DEMO_PID=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$HOST/" || true)
    if [ "$code" != "000" ]; then
      say "$label: ready (HTTP $code) after $(elapsed "$t0" "$(now)") s"
      return 0
    fi
    if ! kill -0 "$DEMO_PID" 2>/dev/null; then
      say "$label: FAILED after $(elapsed "$t0" "$(now)") s; make exited. Last lines of $log:"
      tail -n 15 "$log" | tee -a "$REPORT"
      return 1
    fi
    if [ "$(elapsed "$t0" "$(now)" | cut -d. -f1)" -ge "$limit" ]; then
      say "$label: NOT READY within $limit s. Last lines of $log:"
      tail -n 15 "$log" | tee -a "$REPORT"
      return 1
    fi
    sleep 0.25
  done
}

status=0
if start_and_time "first start (fresh clone, install included)" "$LIMIT_FIRST" "$OUT/demo_first.log"; then
  stop_demo
  start_and_time "second start" "$LIMIT_SECOND" "$OUT/demo_second.log" || status=1
else
  status=1
fi
stop_demo
say "done (exit $status); logs in $OUT/demo_first.log and $OUT/demo_second.log"
exit $status
