-- Authenticated message sends. Thread t (one connection) belongs to recipient data.send[t]:
-- POST /api/v2/Messages as the sender with the body the official client produced in setup.js,
-- then GET /api/v2/Messages/{id} as the recipient (what the recipient's sync does; it marks the
-- message received, so the official quota of 20 unreceived messages per sender and recipient is
-- never reached), and again. Samples: "send" (the POST), "receive" (the GET).
dofile(os.getenv("BB_BENCH_LUA_DIR") .. "/wrk_common.lua")

local send_request, recipient_auth, pending, kind, started

function init(args)
  local data = bb_load_data()
  local pair = data.send[((tid or 0) % #data.send) + 1]
  recipient_auth = "Bearer " .. pair.token
  send_request = wrk.format("POST", "/api/v2/Messages",
    { ["Authorization"] = "Bearer " .. data.sender, ["Content-Type"] = "application/json" }, pair.body)
end

function request()
  -- wrk also calls request() once in its main Lua state (to verify it), where init() never ran.
  if not send_request then init({}) end
  started = bb_now_us()
  if pending then
    kind = "receive"
    return wrk.format("GET", "/api/v2/Messages/" .. pending, { ["Authorization"] = recipient_auth })
  end
  kind = "send"
  return send_request
end

function response(status, headers, body)
  local us = bb_now_us() - started
  if kind == "send" then
    pending = nil
    if status == 201 then
      pending = body:match('"id":"(MSG%w+)"')
      bb_sample("send", us)
    else
      bb_count("send_failed_" .. status)
    end
  else
    pending = nil
    if status == 200 then bb_sample("receive", us) else bb_count("receive_failed_" .. status) end
  end
end
