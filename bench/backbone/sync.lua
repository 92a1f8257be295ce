-- Full external event sync runs. Thread t (one connection) belongs to recipient data.sync[t]; one
-- cycle is what the official client does for one new message:
--   send      POST /api/v2/Messages                               (the sender: creates the event)
--   start     POST /api/v2/SyncRuns {"type":"ExternalEventSync"}   (recipient, + datawallet header)
--   events    GET  /api/v2/SyncRuns/{id}/ExternalEvents
--   message   GET  /api/v2/Messages/{id}                           (processing MessageReceived)
--   finalize  PUT  /api/v2/SyncRuns/{id}/FinalizeExternalEventSync  (acknowledges the events)
-- Samples per step, and "syncRun" = start .. finalize answered (one complete run).
dofile(os.getenv("BB_BENCH_LUA_DIR") .. "/wrk_common.lua")

local send_request, auth, dw, step, started, run_started, message_id, run_id, event_ids

function init(args)
  local data = bb_load_data()
  local pair = data.sync[((tid or 0) % #data.sync) + 1]
  auth = "Bearer " .. pair.token
  dw = tostring(data.datawalletVersion)
  send_request = wrk.format("POST", "/api/v2/Messages",
    { ["Authorization"] = "Bearer " .. data.sender, ["Content-Type"] = "application/json" }, pair.body)
  step = "send"
end

function request()
  -- wrk also calls request() once in its main Lua state (to verify it), where init() never ran.
  if not step then init({}) end
  started = bb_now_us()
  if step == "send" then return send_request end
  if step == "start" then
    run_started = started
    return wrk.format("POST", "/api/v2/SyncRuns",
      { ["Authorization"] = auth, ["Content-Type"] = "application/json", ["x-supported-datawallet-version"] = dw },
      '{"type":"ExternalEventSync"}')
  end
  if step == "events" then
    return wrk.format("GET", "/api/v2/SyncRuns/" .. run_id .. "/ExternalEvents", { ["Authorization"] = auth })
  end
  if step == "message" then
    return wrk.format("GET", "/api/v2/Messages/" .. message_id, { ["Authorization"] = auth })
  end
  local results = {}
  for i, id in ipairs(event_ids) do results[i] = '{"externalEventId":"' .. id .. '"}' end
  return wrk.format("PUT", "/api/v2/SyncRuns/" .. run_id .. "/FinalizeExternalEventSync",
    { ["Authorization"] = auth, ["Content-Type"] = "application/json", ["x-supported-datawallet-version"] = dw },
    '{"externalEventResults":[' .. table.concat(results, ",") .. '],"datawalletModifications":[]}')
end

local function fail(status)
  bb_count(step .. "_failed_" .. status)
  step = "send"
end

function response(status, headers, body)
  local now = bb_now_us()
  local us = now - started
  if step == "send" then
    message_id = status == 201 and body:match('"id":"(MSG%w+)"')
    if not message_id then return fail(status) end
    bb_sample("send", us)
    step = "start"
  elseif step == "start" then
    run_id = status == 201 and body:match('"id":"(SYR%w+)"')
    if not run_id then return fail(status) end
    bb_sample("start", us)
    step = "events"
  elseif step == "events" then
    if status ~= 200 then return fail(status) end
    event_ids = {}
    for id in body:gmatch('"id":"(SYI%w+)"') do event_ids[#event_ids + 1] = id end
    if #event_ids == 0 then return fail("noEvents") end
    bb_sample("events", us)
    step = "message"
  elseif step == "message" then
    if status ~= 200 then return fail(status) end
    bb_sample("message", us)
    step = "finalize"
  else
    if status ~= 200 then return fail(status) end
    bb_sample("finalize", us)
    bb_sample("syncRun", now - run_started)
    step = "send"
  end
end
