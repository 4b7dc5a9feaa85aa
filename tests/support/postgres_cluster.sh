# Sourced by tests that need a real PostgreSQL server: Debian's binaries make a throwaway
# cluster in a temporary directory, listening on a free loopback port only, trusted for the
# local user `gradepost`, and stopped on exit. initdb refuses to run as root, so as root the
# cluster belongs to `nobody`.
#
#   start_postgres            sets $postgres_url (postgresql://gradepost@127.0.0.1:PORT/postgres)
#   create_database NAME      an empty database on it; prints its URL
#   stop_postgres             called by the sourcing script's exit trap

postgres_dir=""
postgres_bin=""
postgres_port=""
postgres_url=""

_as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  postgres_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$postgres_bin/initdb" ] || { echo "FAIL: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
  postgres_dir=$(mktemp -d /tmp/gradepost-pg-XXXXXX)
  chmod 0755 "$postgres_dir"
  [ "$(id -u)" -eq 0 ] && chown nobody "$postgres_dir"
  postgres_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  _as_cluster_owner "$postgres_bin/initdb" -D "$postgres_dir/data" -U gradepost --auth=trust \
    --encoding=UTF8 --no-sync >"$postgres_dir/initdb.log" 2>&1 ||
    { cat "$postgres_dir/initdb.log" >&2; exit 1; }
  # Durability of the server itself is not under test: no fsync keeps the tests fast.
  _as_cluster_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $postgres_port -k $postgres_dir -c fsync=off -c full_page_writes=off -c max_connections=50" \
    start >/dev/null ||
    { cat "$postgres_dir/server.log" >&2; exit 1; }
  postgres_url="postgresql://gradepost@127.0.0.1:$postgres_port/postgres"
}

create_database() {
  "$postgres_bin/createdb" -h 127.0.0.1 -p "$postgres_port" -U gradepost "$1"
  echo "postgresql://gradepost@127.0.0.1:$postgres_port/$1"
}

# psql_query URL SQL: one value per line, no headers.
psql_query() {
  "$postgres_bin/psql" -X -q -A -t -d "$1" -c "$2"
}

stop_postgres() {
  [ -n "$postgres_dir" ] || return 0
  _as_cluster_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$postgres_dir"
  postgres_dir=""
}
