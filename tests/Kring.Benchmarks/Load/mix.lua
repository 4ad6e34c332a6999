-- The request mix of the load benchmark (see load.sh). Every wrk connection is one user who signs in once (the tokens
-- come from load.sh) and then works without pause:
--   35 %  the village contact reads the village overview        GET  /api/v1/villages/elsloo/overview
--   25 %  the volunteer reads their offers, and accepts the first pending one on the next turn
--                                                                GET  /api/v1/volunteers/me/offers, POST /api/v1/offers/{id}/accept
--   15 %  the volunteer updates their weekly availability        PUT  /api/v1/volunteers/me/availability
--   15 %  the consultant files a request for a circle           POST /api/v1/circles/c-NNNN/requests
--   10 %  the consultant opens a circle                          GET  /api/v1/circles/c-NNNN
-- Status codes are counted per thread and summed in done(); wrk's own summary counts only non-2xx/3xx.

local tokens = {
  contact = os.getenv("KRING_TOKEN_CONTACT"),
  volunteer = os.getenv("KRING_TOKEN_VOLUNTEER"),
  consultant = os.getenv("KRING_TOKEN_CONSULTANT"),
}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919)
  statuses = {}
  kinds = {}
  pending_accept = nil
  last = nil
end

local function headers(token, json)
  local h = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if json then h["Content-Type"] = "application/json" end
  return h
end

local function iso(t) return os.date("!%Y-%m-%dT%H:%M:%SZ", t) end

local days = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }

function request()
  if pending_accept then
    local offer = pending_accept
    pending_accept = nil
    last = "accept"
    return wrk.format("POST", "/api/v1/offers/" .. offer .. "/accept", headers(tokens.volunteer, false), "")
  end
  local r = math.random(100)
  if r <= 35 then
    last = "overview"
    return wrk.format("GET", "/api/v1/villages/elsloo/overview", headers(tokens.contact, false))
  elseif r <= 60 then
    last = "offers"
    return wrk.format("GET", "/api/v1/volunteers/me/offers", headers(tokens.volunteer, false))
  elseif r <= 75 then
    last = "availability"
    local day = days[math.random(7)]
    local from = 8 + math.random(4)
    local body = string.format('{"weekly":[{"day":"%s","from":"%02d:00","to":"%02d:00"},{"day":"monday","from":"09:00","to":"12:00"}],"daysOff":[],"paused":false}',
      day, from, from + 4)
    return wrk.format("PUT", "/api/v1/volunteers/me/availability", headers(tokens.volunteer, true), body)
  elseif r <= 90 then
    last = "request"
    local start = os.time() + 86400 * math.random(2, 120) + 900 * math.random(0, 40)
    local kind = math.random(2) == 1 and "buddy" or "respite"
    local body = string.format('{"kind":"%s","start":"%s","end":"%s"}', kind, iso(start), iso(start + 3600 * math.random(1, 3)))
    return wrk.format("POST", string.format("/api/v1/circles/c-%04d/requests", math.random(900)), headers(tokens.consultant, true), body)
  else
    last = "circle"
    return wrk.format("GET", string.format("/api/v1/circles/c-%04d", math.random(900)), headers(tokens.consultant, false))
  end
end

function response(status, headers, body)
  local key = last .. " " .. status
  statuses[key] = (statuses[key] or 0) + 1
  if last == "offers" and status == 200 then
    pending_accept = string.match(body, '"id":"([^"]+)","requestId"[^}]*"status":"pending"')
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for key, n in pairs(counts) do totals[key] = (totals[key] or 0) + n end
  end
  local keys = {}
  for key in pairs(totals) do table.insert(keys, key) end
  table.sort(keys)
  io.write("responses by operation and status:\n")
  for _, key in ipairs(keys) do io.write(string.format("  %-22s %d\n", key, totals[key])) end
  local e = summary.errors
  io.write(string.format("requests: %d in %.1f s = %.0f/s\n", summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d; non-2xx/3xx: %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
