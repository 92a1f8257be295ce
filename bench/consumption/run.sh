#!/usr/bin/env bash
# The local attribute store: our connector against the official @nmshd/runtime 7.0.0 doing the
# same work in the same run (bench.js explains the work and what is measured). Builds nothing.
#   bench/consumption/run.sh [build-dir] [attributes] [repetitions]
# build-dir: a Release build with apps/backbone/backbone and apps/connector/connector
# (default: build/release). Defaults: 10000 own identity attributes, 30 repetitions per query.
# Our processes use SQLite with their defaults (WAL, synchronous=FULL) and log at WARN to files;
# the official runtime keeps LokiJS in memory, as the official Connector does between saves.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build/release}"
attributes="${2:-10000}"
repetitions="${3:-30}"
modules="$root/tests/interop/node_modules"
for bin in backbone connector; do
  [[ -x "$build/apps/$bin/$bin" ]] || { echo "missing $build/apps/$bin/$bin: build it in a Release build first" >&2; exit 1; }
done
command -v node > /dev/null || { echo "missing node" >&2; exit 1; }
[[ -d "$modules/@nmshd/runtime" ]] || { echo "missing $modules: run npm ci in tests/interop" >&2; exit 1; }
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2> /dev/null || true)"
[[ "$build_type" == "Release" ]] || echo "WARNING: $build is a '${build_type:-unknown}' build, not Release" >&2

tmp="$(mktemp -d /tmp/nmshd-bench-consumption.XXXXXX)"
bb_pid=""
cleanup() {
  [[ -n "$bb_pid" ]] && kill "$bb_pid" 2> /dev/null && wait "$bb_pid" 2> /dev/null || true
  if [[ -z "${NMSHD_KEEP_BENCH_DIR:-}" ]]; then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
}
trap cleanup EXIT
mkdir -p "$tmp/connector"

cat > "$tmp/backbone.json" << JSON
{
  "httpServer": { "address": "127.0.0.1", "port": 0 },
  "didDomainName": "localhost",
  "platformClients": [{ "clientId": "bench", "clientSecret": "bench-secret" }],
  "database": { "driver": "sqlite", "folder": "$tmp/backbone", "dbName": "backbone" },
  "authentication": { "jwtLifetimeInSeconds": 3600 },
  "logging": {
    "appenders": { "file": { "type": "file", "filename": "$tmp/backbone.log" } },
    "categories": { "default": { "appenders": ["file"], "level": "WARN" } }
  }
}
JSON
"$build/apps/backbone/backbone" --config "$tmp/backbone.json" > "$tmp/backbone.out" 2> "$tmp/backbone.err" &
bb_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -n 's#^backbone listening on http://127.0.0.1:\([0-9]*\)$#\1#p' "$tmp/backbone.out")"
  [[ -n "$port" ]] && break
  kill -0 "$bb_pid" 2> /dev/null || { cat "$tmp/backbone.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "the backbone did not get ready" >&2; exit 1; }

api_key="bench_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')A1!"
cat > "$tmp/connector.json" << JSON
{
  "transportLibrary": { "baseUrl": "http://localhost:$port", "platformClientId": "bench", "platformClientSecret": "bench-secret" },
  "database": { "driver": "sqlite", "folder": "$tmp/connector", "dbName": "connector" },
  "infrastructure": { "httpServer": { "address": "127.0.0.1", "port": 0,
    "authentication": { "apiKey": { "keys": { "bench": { "key": "$api_key" } } } } } },
  "logging": {
    "appenders": { "file": { "type": "file", "filename": "$tmp/connector.log" } },
    "categories": { "default": { "appenders": ["file"], "level": "WARN" } }
  }
}
JSON
NODE_PATH="$modules" node "$here/bench.js" "$build/apps/connector/connector" "$tmp/connector.json" \
  "http://localhost:$port" bench bench-secret "$tmp" "$attributes" "$repetitions"
