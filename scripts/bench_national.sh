#!/usr/bin/env bash
# Issue 6's scale benchmark: a throwaway PostgreSQL 15 cluster, the synthetic national dataset
# (7,800 organisations in 77 provinces, 3 fiscal years), then scripts/bench_dashboards.py.
#   scripts/bench_national.sh [--organisations N]
set -euo pipefail
cd "$(dirname "$0")/.."
# its own port, so that it can run beside the CI's cluster (54329)
PG_PORT=${PG_PORT:-54339}
. .ci/postgres.sh
trap pg_stop EXIT
PG_EXTRA_OPTIONS="-c shared_buffers=512MB -c work_mem=32MB" pg_start
export DJANGO_SETTINGS_MODULE=ita_portal.settings_test PYTHAINLP_OFFLINE=1
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py generate_national "$@"
.venv/bin/python manage.py shell -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
.venv/bin/python scripts/bench_dashboards.py
