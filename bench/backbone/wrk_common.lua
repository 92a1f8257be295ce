-- Shared by the wrk scripts of bench/backbone (loaded with dofile): a monotonic clock (LuaJIT ffi),
-- per-thread counters and latency samples per request kind, and done() printing one line
--   WRK_RESULT {"requests":…,"rps":…,"latency_ms":{…},"ops":{<kind>:{count,per_s,p50_ms,…}},"counts":{…}}
-- that run.sh collects. The stateful scripts run one connection per wrk thread (-t N -c N), so a
-- thread's request() and response() strictly alternate and a sample is exactly one request.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bb_timespec;
int clock_gettime(int clk_id, bb_timespec *tp);
]]
local ts = ffi.new("bb_timespec")

function bb_now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

-- Per thread (globals of the thread's Lua state, read by done() through thread:get). Only flat
-- tables: wrk 4.1's thread:get corrupts the Lua stack when it copies a table inside a table (it
-- segfaults), so every kind has its own global array bb_samples_<kind>, listed in bb_kinds.
bb_kinds = {}
counts = {}

function bb_sample(kind, us)
  local name = "bb_samples_" .. kind
  local list = _G[name]
  if not list then
    list = {}
    _G[name] = list
    bb_kinds[#bb_kinds + 1] = kind
  end
  list[#list + 1] = us
end

function bb_count(name)
  counts[name] = (counts[name] or 0) + 1
end

bb_data = nil
function bb_load_data()
  local file = os.getenv("BB_BENCH_DATA")
  if file and file ~= "" then bb_data = dofile(file) end
  return bb_data
end

local threads = {}
local next_tid = 0
function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  threads[#threads + 1] = thread
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  local i = math.floor(p / 100 * (#sorted - 1) + 0.5) + 1
  return sorted[i]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local merged, total = {}, {}
  for _, t in ipairs(threads) do
    for _, kind in ipairs(t:get("bb_kinds") or {}) do
      local m = merged[kind] or {}
      merged[kind] = m
      for _, v in ipairs(t:get("bb_samples_" .. kind) or {}) do m[#m + 1] = v end
    end
    for name, n in pairs(t:get("counts") or {}) do total[name] = (total[name] or 0) + n end
  end
  local ops = {}
  for kind, list in pairs(merged) do
    table.sort(list)
    ops[#ops + 1] = string.format(
      '"%s":{"count":%d,"per_s":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f}',
      kind, #list, #list / seconds, percentile(list, 50) / 1e3, percentile(list, 90) / 1e3,
      percentile(list, 99) / 1e3, percentile(list, 99.9) / 1e3, list[#list] / 1e3)
  end
  local cs = {}
  for name, n in pairs(total) do cs[#cs + 1] = string.format('"%s":%d', name, n) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_s":%.3f,"rps":%.1f,"status_errors":%d,"socket_errors":%d,' ..
    '"latency_ms":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f},"ops":{%s},"counts":{%s}}\n',
    summary.requests, seconds, summary.requests / seconds, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency:percentile(99.9) / 1e3, latency.max / 1e3, table.concat(ops, ","), table.concat(cs, ",")))
end
