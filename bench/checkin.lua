-- wrk script: each request is a new check-in (a unique client_id) by one of the demo cadres at
-- their village, with a device time a few seconds ago. Env: ZX_COOKIE, ZX_CSRF, ZX_PEOPLE (a file
-- of "person_id village_code latitude longitude" lines).
local counter = 0
local people = {}
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("ZX_PEOPLE")) do
    local p, v, lat, lon = line:match("(%d+) (%d+) ([%d%.%-]+) ([%d%.%-]+)")
    if p then table.insert(people, {p, v, lat, lon}) end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = os.getenv("ZX_COOKIE")
  wrk.headers["X-CSRF-Token"] = os.getenv("ZX_CSRF")
end

function request()
  counter = counter + 1
  local p = people[(counter % #people) + 1]
  local body = string.format(
    '{"client_id":"bench-%d-%d-%d","person_id":%s,"village_code":"%s","device_time":%d,"latitude":%s,"longitude":%s,"accuracy_m":12}',
    tid, os.time(), counter, p[1], p[2], os.time() - 5, p[3], p[4])
  return wrk.format(nil, "/api/v1/checkins", nil, body)
end

local created, other = 0, 0
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("requests %d, errors %d (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
