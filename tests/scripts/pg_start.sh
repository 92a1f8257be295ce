#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server (Debian package) on a free loopback port for the tests.
# Writes the connection URI to <dir>/uri. Runs the server as the 'postgres' OS user (initdb refuses root).
set -euo pipefail
dir=$1
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
"$(dirname "$0")/pg_stop.sh" "$dir" || true
rm -rf "$dir"
mkdir -p "$dir"
run() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir"; fi
port=$("$(dirname "$0")/free_port.sh")
run "$bin/initdb" -D "$dir/data" -A trust -U nmshd --encoding=UTF8 >"$dir/initdb.log"
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null
echo "postgresql://nmshd@127.0.0.1:$port/postgres" >"$dir/uri"
echo "PostgreSQL ready: $(cat "$dir/uri")"
