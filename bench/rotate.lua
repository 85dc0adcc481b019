-- wrk: GET a rotating set of paths (one per line in the file named by PATHS_FILE), and print a
-- machine-readable RESULT line: requests/s, p50 and p99 latency in ms, total requests.
-- Each thread formats its requests once: formatting one per request in Lua costs wrk about as
-- much CPU as a fast server spends answering it, and wrk, not the server, becomes the limit.
-- ACCEPT_LANGUAGE, when set, is sent as every request's Accept-Language (a browser's).
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  paths[#paths + 1] = line
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 997)
end

function init(args)
  prepared = {}
  local headers = {}
  local language = os.getenv("ACCEPT_LANGUAGE")
  if language and language ~= "" then
    headers["Accept-Language"] = language
  end
  for i, path in ipairs(paths) do
    prepared[i] = wrk.format("GET", path, headers)
  end
  index = (offset or 0) % #prepared
end

function request()
  index = index + 1
  if index > #prepared then
    index = 1
  end
  return prepared[index]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
