#!/usr/bin/env bash
# Measures our backbone with wrk and, in the same run, a static nginx answer as the ceiling of this
# machine. Builds nothing.
#   bench/backbone/run.sh [build-dir] [seconds-per-run] [connections] [pairs]
# build-dir: a Release build that has apps/backbone/backbone (default: build/release).
# connections: wrk connections for the stateless scenarios (default 32, 2 wrk threads);
# pairs: sender/recipient pairs = wrk threads = connections of the stateful ones (default 16).
#
# Scenarios (each against ours, then with identical requests against nginx):
#   version     GET /api/v2/Version
#   challenges  anonymous POST /api/v2/Challenges {}                              (simple.lua)
#   send        POST /api/v2/Messages as the sender (body produced by the official client),
#               then GET /api/v2/Messages/{id} as the recipient                  (send.lua)
#   sync        send, POST /SyncRuns, GET …/ExternalEvents, GET /Messages/{id},
#               PUT …/FinalizeExternalEventSync                                  (sync.lua)
# The backbone runs on SQLite with its defaults (WAL, group commit: every acknowledged write is
# durable), logging at WARN to a file, access tokens valid for an hour. setup.js creates the
# identities and relationships with the official @nmshd/runtime 7.0.0 first. nginx answers every
# path with a real answer of ours captured in setup.js (return <status> '<body>'), on a free
# loopback port, and is stopped afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build/release}"
seconds="${2:-10}"
connections="${3:-32}"
pairs="${4:-16}"
bin="$build/apps/backbone/backbone"
modules="$root/tests/interop/node_modules"

[[ -x "$bin" ]] || { echo "missing $bin: build target backbone in a Release build first" >&2; exit 1; }
for tool in wrk nginx node; do
  command -v "$tool" > /dev/null || { echo "missing $tool (apt-get install wrk nginx nodejs)" >&2; exit 1; }
done
[[ -d "$modules/@nmshd/runtime" ]] || { echo "missing $modules: run npm ci in tests/interop" >&2; exit 1; }
source "$here/../bench_servers.sh"
warn_unless_release "$build"

tmp="$(mktemp -d /tmp/nmshd-bench-backbone.XXXXXX)"
bb_pid=""
ng_pid=""
cleanup() {
  [[ -n "$bb_pid" ]] && kill "$bb_pid" 2> /dev/null && wait "$bb_pid" 2> /dev/null || true
  [[ -n "$ng_pid" ]] && kill "$ng_pid" 2> /dev/null && wait "$ng_pid" 2> /dev/null || true
  if [[ -z "${NMSHD_KEEP_BENCH_DIR:-}" ]]; then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
}
trap cleanup EXIT

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
wait_for_port() {
  for _ in $(seq 1 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0
    sleep 0.1
  done
  return 1
}

# --- our backbone ------------------------------------------------------------------------------
start_bench_backbone "$bin" "$tmp" "$tmp/data"

NODE_PATH="$modules" node "$here/setup.js" "http://localhost:$port" bench bench-secret "$pairs" "$pairs" "$tmp/data.lua"

# --- nginx with our answers as static ones -------------------------------------------------------
nginx_port="$(free_port)"
mkdir -p "$tmp/nginx/logs"
NODE_PATH="$modules" node - "$tmp/data.lua.answers.json" "$nginx_port" "$tmp/nginx" "$(id -un)" > "$tmp/nginx/nginx.conf" << 'JS'
const fs = require("fs");
const [file, port, prefix, user] = process.argv.slice(2);
const a = JSON.parse(fs.readFileSync(file, "utf8"));
const ret = (answer) => {
  if (/['\\$]/.test(answer.body)) throw new Error(`cannot put this body into an nginx string: ${answer.body.slice(0, 80)}`);
  return `return ${answer.status} '${answer.body}';`;
};
console.log(`user ${user};
worker_processes auto;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  keepalive_requests 100000000;
  default_type "application/json; charset=utf-8";
  server {
    listen 127.0.0.1:${port};
    location = /api/v2/Version { ${ret(a.version)} }
    location = /api/v2/Challenges { ${ret(a.challenge)} }
    location = /api/v2/Messages { ${ret(a.messagePost)} }
    location ^~ /api/v2/Messages/ { ${ret(a.messageGet)} }
    location = /api/v2/SyncRuns { ${ret(a.syncStart)} }
    location ~ ^/api/v2/SyncRuns/[^/]+/ExternalEvents$ { ${ret(a.syncEvents)} }
    location ~ ^/api/v2/SyncRuns/[^/]+/FinalizeExternalEventSync$ { ${ret(a.syncFinalize)} }
  }
}`);
JS
nginx -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx/nginx.conf" &
ng_pid=$!
wait_for_port "$nginx_port" || { echo "nginx did not start" >&2; cat "$tmp/nginx/logs/error.log" >&2; exit 1; }

# --- wrk -----------------------------------------------------------------------------------------
run_wrk() { # label target-port script threads connections method body path
  local label="$1" target="$2" script="$3" threads="$4" conns="$5" method="$6" body="$7" path="$8"
  BB_BENCH_LUA_DIR="$here" BB_BENCH_DATA="$tmp/data.lua" BB_METHOD="$method" BB_BODY="$body" \
    wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s --latency -s "$here/$script" \
    "http://127.0.0.1:$target$path" > "$tmp/$label.txt" 2>&1 || { cat "$tmp/$label.txt" >&2; exit 1; }
  local line
  line="$(sed -n 's/^WRK_RESULT //p' "$tmp/$label.txt")"
  [[ -n "$line" ]] || { cat "$tmp/$label.txt" >&2; exit 1; }
  echo "{\"label\":\"$label\",\"result\":$line}" >> "$tmp/results.jsonl"
  echo "  $label done" >&2
}
echo "wrk: ${seconds}s per run; version/challenges -t2 -c$connections; send/sync -t$pairs -c$pairs (one connection per pair)" >&2
for target in ours nginx; do
  [[ "$target" == "ours" ]] && tport="$port" || tport="$nginx_port"
  run_wrk "version.$target" "$tport" simple.lua 2 "$connections" GET "" /api/v2/Version
done
for target in ours nginx; do
  [[ "$target" == "ours" ]] && tport="$port" || tport="$nginx_port"
  run_wrk "challenges.$target" "$tport" simple.lua 2 "$connections" POST "{}" /api/v2/Challenges
done
for scenario in send sync; do
  for target in ours nginx; do
    [[ "$target" == "ours" ]] && tport="$port" || tport="$nginx_port"
    run_wrk "$scenario.$target" "$tport" "$scenario.lua" "$pairs" "$pairs" GET "" /
  done
done
kill "$ng_pid" && wait "$ng_pid" 2> /dev/null || true
ng_pid=""

# --- report --------------------------------------------------------------------------------------
db_bytes="$(du -cb "$tmp/data" | tail -1 | cut -f1)"
node - "$tmp/results.jsonl" "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$build_type" "$db_bytes" << 'JS'
const fs = require("fs");
const [file, cpus, model, buildType, dbBytes] = process.argv.slice(2);
const runs = Object.fromEntries(fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l)).map((r) => [r.label, r.result]));
const f = (x, d = 0) => (x === undefined ? "-" : x.toFixed(d));
console.log(`backbone bench: ${cpus} CPUs (${model}), ${buildType} build, SQLite with every acknowledged write flushed, wrk and servers on the same machine`);
console.log(`database after the run: ${(dbBytes / 1048576).toFixed(1)} MiB\n`);
// wrk's own percentiles (the simple rows) are corrected for coordinated omission: wrk adds a
// synthetic sample for every request a stalled connection could not send (so they are what a client
// sending at a fixed rate would see). The stateful rows are raw per-request times measured in Lua.
const rows = [["scenario", "unit", "ours /s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "nginx /s", "nginx p50", "nginx p99", "share", "failed ours/nginx"]];
const errs = (r) => {
  const failed = Object.entries(r.counts).filter(([k]) => k.includes("failed")).reduce((s, [, n]) => s + n, 0);
  return r.status_errors + r.socket_errors + failed;
};
const add = (name, unit, ours, nginx, pick) => {
  const o = pick(ours), n = pick(nginx);
  rows.push([name, unit, f(o.rate), f(o.p50, 2), f(o.p90, 2), f(o.p99, 2), f(o.p999, 2), f(o.max, 1), f(n.rate), f(n.p50, 2), f(n.p99, 2),
             `${((o.rate / n.rate) * 100).toFixed(1)}%`, `${errs(ours)}/${errs(nginx)}`]);
};
const whole = (r) => ({ rate: r.rps, p50: r.latency_ms.p50, p90: r.latency_ms.p90, p99: r.latency_ms.p99, p999: r.latency_ms.p999, max: r.latency_ms.max });
const op = (kind) => (r) => {
  const o = r.ops[kind] ?? {};
  return { rate: o.per_s, p50: o.p50_ms, p90: o.p90_ms, p99: o.p99_ms, p999: o.p999_ms, max: o.max_ms };
};
add("GET /Version (wrk*)", "requests", runs["version.ours"], runs["version.nginx"], whole);
add("POST /Challenges (wrk*)", "requests", runs["challenges.ours"], runs["challenges.nginx"], whole);
add("message send + receive", "requests", runs["send.ours"], runs["send.nginx"], (r) => ({ ...whole(r), p50: undefined, p90: undefined, p99: undefined, p999: undefined, max: undefined }));
add("  POST /Messages", "sends", runs["send.ours"], runs["send.nginx"], op("send"));
add("  GET /Messages/{id}", "receives", runs["send.ours"], runs["send.nginx"], op("receive"));
add("sync cycle", "requests", runs["sync.ours"], runs["sync.nginx"], (r) => ({ ...whole(r), p50: undefined, p90: undefined, p99: undefined, p999: undefined, max: undefined }));
add("  full sync run", "runs", runs["sync.ours"], runs["sync.nginx"], op("syncRun"));
for (const k of ["send", "start", "events", "message", "finalize"]) add(`    ${k}`, "requests", runs["sync.ours"], runs["sync.nginx"], op(k));
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
console.log("* wrk's percentiles, corrected for coordinated omission; the other rows: raw times per request, measured in Lua.");
console.log("  full sync run = POST /SyncRuns .. finalize answered (start, events, message, finalize); a cycle adds the send.");
const v = runs["version.ours"].rps / runs["version.nginx"].rps;
console.log(`\ntargets: Version >= 50% of nginx: ${(v * 100).toFixed(1)}% ${v >= 0.5 ? "met" : "NOT met"}; ` +
  `challenges >= 20000/s: ${f(runs["challenges.ours"].rps)} ${runs["challenges.ours"].rps >= 20000 ? "met" : "NOT met"}; ` +
  `message sends >= 5000/s: ${f(runs["send.ours"].ops.send?.per_s)} ${(runs["send.ours"].ops.send?.per_s ?? 0) >= 5000 ? "met" : "NOT met"}`);
const failures = Object.entries(runs).flatMap(([label, r]) => Object.entries(r.counts).map(([k, n]) => `${label}: ${k} x${n}`));
if (failures.length) console.log(`failed requests: ${failures.join(", ")}`);
JS
