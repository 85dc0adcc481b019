-- wrk: POST 100ms webhook events to /hooks/100ms at full speed: each a new event id, joins and
-- leaves of distinct peers in turn (every leave follows its join). Env: HOOK_SECRET, ROOM_ID.
-- Prints a RESULT line: requests/s, then the count of non-200 answers.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("prefix", tostring(counter) .. "-" .. tostring(os.time()))
end

function init(args)
  n = 0
  secret = os.getenv("HOOK_SECRET")
  room = os.getenv("ROOM_ID")
  headers = { ["Content-Type"] = "application/json", ["x-webhook-secret"] = secret }
end

function request()
  n = n + 1
  local peer = prefix .. "-p" .. tostring(math.floor((n + 1) / 2))
  local kind, extra = "peer.join.success", ""
  if n % 2 == 0 then
    kind = "peer.leave.success"
    extra = ',"left_at":"2026-12-06T10:30:00Z","reason":"client request"'
  end
  local body = '{"version":"2.0","id":"' .. prefix .. "-e" .. tostring(n) .. '","type":"' .. kind
    .. '","timestamp":"2026-12-06T10:00:01Z","data":{"peer_id":"' .. peer .. '","room_id":"' .. room
    .. '","room_name":"demo","session_id":"bench-session","user_id":"u-' .. peer
    .. '","user_name":"Bench","role":"guest","joined_at":"2026-12-06T10:00:00.5Z"' .. extra .. '}}'
  return wrk.format("POST", "/hooks/100ms", headers, body)
end

function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %d %d\n", summary.requests / (summary.duration / 1e6), failed,
    summary.requests))
end
