#!/usr/bin/env bash
# Our connector against the official @nmshd/runtime 7.0.0 doing the same work through the same
# backbone in the same run (bench.js explains the work and what is measured). Builds nothing.
#   bench/connector/run.sh [build-dir] [messages] [attachment-bytes] [concurrency]
# build-dir: a Release build with apps/backbone/backbone and apps/connector/connector
# (default: build/release). Defaults: 200 messages each way, 4096-byte attachments, 8 at once.
# Both our processes use SQLite with their defaults (WAL; every commit flushed to disk before it is acknowledged) and log at WARN to files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build/release}"
messages="${2:-200}"
bytes="${3:-4096}"
concurrency="${4:-8}"
modules="$root/tests/interop/node_modules"
for bin in backbone connector; do
  [[ -x "$build/apps/$bin/$bin" ]] || { echo "missing $build/apps/$bin/$bin: build it in a Release build first" >&2; exit 1; }
done
command -v node > /dev/null || { echo "missing node" >&2; exit 1; }
[[ -d "$modules/@nmshd/runtime" ]] || { echo "missing $modules: run npm ci in tests/interop" >&2; exit 1; }
source "$here/../bench_servers.sh"
warn_unless_release "$build"

tmp="$(mktemp -d /tmp/nmshd-bench-connector.XXXXXX)"
bb_pid=""
cleanup() {
  [[ -n "$bb_pid" ]] && kill "$bb_pid" 2> /dev/null && wait "$bb_pid" 2> /dev/null || true
  if [[ -z "${NMSHD_KEEP_BENCH_DIR:-}" ]]; then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
}
trap cleanup EXIT
mkdir -p "$tmp/official"

start_bench_backbone "$build/apps/backbone/backbone" "$tmp" "$tmp/backbone"

write_bench_connector_config "$tmp" "$port"
NODE_PATH="$modules" node "$here/bench.js" "$build/apps/connector/connector" "$tmp/connector.json" \
  "http://localhost:$port" bench bench-secret "$tmp" "$messages" "$bytes" "$concurrency" "$bb_pid"
