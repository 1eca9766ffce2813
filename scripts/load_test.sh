#!/usr/bin/env bash
# Issue 11's load test: the production stack (gunicorn, Celery worker and beat, Redis) on
# loopback with DEBUG off, a synthetic dataset, and Locust headless with a bounded number of
# users for a bounded time. Prints throughput, p50/p95 per request type and errors, beside
# /healthz measured in the same run.
#
#   scripts/load_test.sh [--postgres] [--users 200] [--minutes 3] [--organisations 300]
#
# Only 127.0.0.1 is ever addressed. Everything it starts is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=200 MINUTES=3 ORGS=300 POSTGRES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) POSTGRES=1 ;;
    --users) USERS=$2; shift ;;
    --minutes) MINUTES=$2; shift ;;
    --organisations) ORGS=$2; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done

WORK=$(mktemp -d /tmp/ita-load.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$POSTGRES" = 1 ] && pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

# The load tool lives in its own environment (gevent and friends stay out of the portal's).
LOAD_VENV=.venv-load
if [ ! -x "$LOAD_VENV/bin/locust" ]; then
  python3.11 -m venv "$LOAD_VENV"
  "$LOAD_VENV/bin/pip" install -q --disable-pip-version-check -r scripts/load/requirements.lock
fi

export PYTHAINLP_OFFLINE=1 DJANGO_DEBUG=0 ITA_VAR_DIR="$WORK/var"
export SECRET_KEY="load-test-$(head -c 24 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0
export CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
export ITA_PORT=${ITA_PORT:-8765} ITA_REDIS_PORT=${ITA_REDIS_PORT:-6765}
mkdir -p "$ITA_VAR_DIR"
if [ "$POSTGRES" = 1 ]; then
  . .ci/postgres.sh
  PG_PORT=${PG_PORT:-54339} PG_EXTRA_OPTIONS="-c shared_buffers=256MB -c max_connections=200" pg_start
fi
PY=.venv/bin/python
echo "==> data: $ORGS synthetic organisations (${DATABASE_URL:-SQLite in $ITA_VAR_DIR})"
$PY manage.py migrate -v0
$PY manage.py generate_national --organisations "$ORGS" --provinces 3 --measures 16 \
  --years 2567 2568 > "$WORK/generate.log"
$PY manage.py collectstatic --noinput -v0

echo "==> the production stack on 127.0.0.1:$ITA_PORT"
.venv/bin/python manage.py serve > "$WORK/stack.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$ITA_PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$ITA_PORT/healthz" >/dev/null
# accounts and published years, made while the stack runs so that publishing pre-renders its
# documents in the worker as it would for real; the test starts once that queue is empty
REDIS_URL="redis://127.0.0.1:$ITA_REDIS_PORT/0" $PY manage.py load_test_prepare \
  --staff 120 --public 30 --year 2568 --output "$WORK/sessions.json" --wait-renders 600

echo "==> Locust: $USERS users for $MINUTES min"
LOAD_SESSIONS="$WORK/sessions.json" "$LOAD_VENV/bin/locust" -f scripts/load/locustfile.py \
  --headless --host "http://127.0.0.1:$ITA_PORT" -u "$USERS" -r 20 -t "${MINUTES}m" \
  --stop-timeout 30 --csv "$WORK/locust" --only-summary > "$WORK/locust.log" 2>&1 || true
"$LOAD_VENV/bin/python" scripts/load/summary.py "$WORK/locust_stats.csv" \
  "$WORK/locust_failures.csv" "$([ "$POSTGRES" = 1 ] && echo PostgreSQL || echo SQLite)"
