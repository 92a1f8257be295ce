-- One fixed request, wrk's fast path (no request()/response() in Lua): BB_METHOD (default GET),
-- BB_BODY (sent as application/json when set). The URL comes from the command line.
dofile(os.getenv("BB_BENCH_LUA_DIR") .. "/wrk_common.lua")
wrk.method = os.getenv("BB_METHOD") or "GET"
local body = os.getenv("BB_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
