# Sourced by .ci/run and scripts/bench_national.sh: a throwaway PostgreSQL 15 cluster on a
# private port and socket folder (Debian's postgresql-15; initdb refuses to run as root, so it
# runs as the postgres user). pg_start sets DATABASE_URL; pg_stop removes everything.
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${PG_PORT:-54329}

run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  PG_DIR=$(mktemp -d /tmp/ita-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off ${PG_EXTRA_OPTIONS:-}" \
    start >/dev/null
  run_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ita_portal
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/ita_portal"
  echo "PostgreSQL 15 running on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
