# What the bench scripts share (sourced, not run): our backbone started on a free loopback port,
# and a connector configuration pointing at it. Both on SQLite with their defaults (WAL,
# every commit flushed to disk before it is acknowledged), logging at WARN to files under the bench's temp dir.

# Sets build_type (the CMake build type of <build-dir>, for the report) and warns when it is not
# Release (numbers of a Debug build mean little).
warn_unless_release() {
  build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$1/CMakeCache.txt" 2> /dev/null || true)"
  [[ "$build_type" == "Release" ]] || echo "WARNING: $1 is a '${build_type:-unknown}' build, not Release" >&2
}

# start_bench_backbone <backbone-binary> <tmp-dir> <data-folder>: starts it with the platform client
# bench/bench-secret; sets bb_pid (for the caller's cleanup) and port; exits when it does not get ready.
start_bench_backbone() {
  local bin="$1" dir="$2" data="$3"
  cat > "$dir/backbone.json" << JSON
{
  "httpServer": { "address": "127.0.0.1", "port": 0 },
  "didDomainName": "localhost",
  "platformClients": [{ "clientId": "bench", "clientSecret": "bench-secret" }],
  "database": { "driver": "sqlite", "folder": "$data", "dbName": "backbone" },
  "authentication": { "jwtLifetimeInSeconds": 3600 },
  "logging": {
    "appenders": { "file": { "type": "file", "filename": "$dir/backbone.log" } },
    "categories": { "default": { "appenders": ["file"], "level": "WARN" } }
  }
}
JSON
  "$bin" --config "$dir/backbone.json" > "$dir/backbone.out" 2> "$dir/backbone.err" &
  bb_pid=$!
  port=""
  for _ in $(seq 1 300); do
    port="$(sed -n 's#^backbone listening on http://127.0.0.1:\([0-9]*\)$#\1#p' "$dir/backbone.out")"
    [[ -n "$port" ]] && return 0
    kill -0 "$bb_pid" 2> /dev/null || { cat "$dir/backbone.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "the backbone did not get ready" >&2
  cat "$dir/backbone.err" >&2
  exit 1
}

# write_bench_connector_config <tmp-dir> <backbone-port>: $tmp-dir/connector.json for a connector on
# that backbone with its database in <tmp-dir>/connector and a random API key, set as api_key.
write_bench_connector_config() {
  local dir="$1" backbone_port="$2"
  mkdir -p "$dir/connector"
  api_key="bench_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')A1!"
  cat > "$dir/connector.json" << JSON
{
  "transportLibrary": { "baseUrl": "http://localhost:$backbone_port", "platformClientId": "bench", "platformClientSecret": "bench-secret" },
  "database": { "driver": "sqlite", "folder": "$dir/connector", "dbName": "connector" },
  "infrastructure": { "httpServer": { "address": "127.0.0.1", "port": 0,
    "authentication": { "apiKey": { "keys": { "bench": { "key": "$api_key" } } } } } },
  "logging": {
    "appenders": { "file": { "type": "file", "filename": "$dir/connector.log" } },
    "categories": { "default": { "appenders": ["file"], "level": "WARN" } }
  }
}
JSON
}
