#!/usr/bin/env bash
# Runs (builds nothing) our crypto calls, the same operations as raw libsodium calls, and
# @nmshd/crypto 2.1.3 on this machine in one go, and prints ops/s with the ratios
# ours/raw libsodium and ours/TS.
#   bench/crypto/run.sh [build-dir] [seconds-per-op]
# build-dir must be a Release build with -DNMSHD_BUILD_BENCH=ON (default: build/release).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build/release}"
seconds="${2:-1}"
bin="$build/bench/crypto/crypto_bench"
[[ -x "$bin" ]] || { echo "missing $bin: build target crypto_bench in a Release build first" >&2; exit 1; }
modules="$root/tests/interop/node_modules"
[[ -d "$modules/@nmshd/crypto" ]] || { echo "missing $modules: run npm ci in tests/interop" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$bin" --benchmark_format=json --benchmark_min_time="$seconds" > "$tmp/cpp.json"
NODE_PATH="$modules" node "$root/bench/crypto/bench.js" "$seconds" > "$tmp/ts.json"

NODE_PATH="$modules" node - "$tmp/cpp.json" "$tmp/ts.json" <<'JS'
const fs = require("fs");
const cpp = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ts = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const ops = {};
for (const b of cpp.benchmarks) {
  const [op, who] = b.name.split("/");
  (ops[op] = ops[op] || {})[who] = b.items_per_second;
}
const fmt = (x) => (x === undefined ? "-" : x >= 100 ? x.toFixed(0) : x.toFixed(2));
const rows = [["operation", "ours ops/s", "raw libsodium ops/s", "@nmshd/crypto ops/s", "ours/raw", "ours/TS"]];
const base = (op) => op.replace("_json", "").replace("_reuse", "");
const rawOf = (op) => ops[op].raw ?? ops[base(op)]?.raw;
for (const op of ["enc_dec_1k", "enc_dec_reuse_1k", "enc_dec_json_1k", "enc_dec_1m", "enc_dec_reuse_1m", "enc_dec_json_1m", "sign", "verify", "password"]) {
  const ours = ops[op].ours;
  const raw = rawOf(op);
  const t = ts[op] ?? ts[base(op)];
  rows.push([op, fmt(ours), fmt(raw) + (ops[op].raw ? "" : op.includes("_json") ? " (no JSON)" : ""), fmt(t),
             raw ? (ours / raw).toFixed(3) : "-", t ? (ours / t).toFixed(1) + "x" : "-"]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join("  "));
console.log("enc_dec = encrypt + decrypt with a random nonce (fresh output buffers); _reuse = the buffer-reusing");
console.log("overloads; _json adds CryptoCipher.toBase64() + CryptoCipher.fromBase64(). TS has no reuse variant, so");
console.log("_reuse rows are compared with TS enc_dec. Raw libsodium writes into preallocated buffers.");
JS
