-- The request mix of the load benchmark (see load.sh). Every wrk connection is one user who signs in once (the tokens
-- come from load.sh) and then works without pause:
--   35 %  the village contact reads the village overview        GET  /api/v1/villages/elsloo/overview
--   30 %  the volunteer reads their offers, and accepts the first pending one on the next turn
--                                                                GET  /api/v1/volunteers/me/offers, POST /api/v1/offers/{id}/accept
--   15 %  the volunteer updates their weekly availability        PUT  /api/v1/volunteers/me/availability
--    5 %  the consultant files a request for a circle           POST /api/v1/circles/c-NNNN/requests
--   15 %  the consultant opens a circle                          GET  /api/v1/circles/c-NNNN
-- Filing a request is rarer than reading, as in real use; even so one run files about a thousand requests, where
-- Stein's villages file tens a week.
-- Operations and status codes are counted per thread and summed in done(); wrk's own summary counts only non-2xx/3xx.

local tokens = {
  contact = os.getenv("KRING_TOKEN_CONTACT"),
  consultant = os.getenv("KRING_TOKEN_CONSULTANT"),
}
-- One signed-in volunteer per line ("v-id token"); each volunteer call goes out as one of them, at random.
local volunteers = {}
local token_of = {}
for line in io.lines(os.getenv("KRING_VOLUNTEER_TOKENS")) do
  local id, token = string.match(line, "^(%S+) (%S+)$")
  if id then
    table.insert(volunteers, token)
    token_of[id] = token
  end
end
-- KRING_LOAD_ONLY=overview|offers|availability|request|circle runs one operation alone, to see what each costs.
local only = ({ overview = 1, offers = 36, availability = 66, request = 81, circle = 86 })[os.getenv("KRING_LOAD_ONLY") or ""]
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
    local offer, volunteer = pending_accept[1], pending_accept[2]
    pending_accept = nil
    kinds["accept"] = (kinds["accept"] or 0) + 1
    return wrk.format("POST", "/api/v1/offers/" .. offer .. "/accept", headers(volunteer, false), "")
  end
  local volunteer = volunteers[math.random(#volunteers)]
  local r = only or math.random(100)
  local function count(what) kinds[what] = (kinds[what] or 0) + 1 end
  if r <= 35 then
    count("overview")
    return wrk.format("GET", "/api/v1/villages/elsloo/overview", headers(tokens.contact, false))
  elseif r <= 65 then
    count("offers")
    return wrk.format("GET", "/api/v1/volunteers/me/offers", headers(volunteer, false))
  elseif r <= 80 then
    count("availability")
    local day = days[math.random(7)]
    local from = 8 + math.random(4)
    local body = string.format('{"weekly":[{"day":"%s","from":"%02d:00","to":"%02d:00"},{"day":"monday","from":"09:00","to":"12:00"}],"daysOff":[],"paused":false}',
      day, from, from + 4)
    return wrk.format("PUT", "/api/v1/volunteers/me/availability", headers(volunteer, true), body)
  elseif r <= 85 then
    count("request")
    local start = os.time() + 86400 * math.random(2, 120) + 900 * math.random(0, 40)
    local kind = math.random(2) == 1 and "buddy" or "respite"
    local body = string.format('{"kind":"%s","start":"%s","end":"%s"}', kind, iso(start), iso(start + 3600 * math.random(1, 3)))
    return wrk.format("POST", string.format("/api/v1/circles/c-%04d/requests", math.random(900)), headers(tokens.consultant, true), body)
  else
    count("circle")
    return wrk.format("GET", string.format("/api/v1/circles/c-%04d", math.random(900)), headers(tokens.consultant, false))
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  -- wrk does not say which request a response answers; of the mix only the offers come back as a JSON array.
  if status == 200 and string.sub(body, 1, 1) == "[" then
    -- An offer's id ends in "~" and the volunteer's id; wrk does not say which connection's answer this is.
    local offer = string.match(body, '"id":"([^"]+)","requestId"[^}]*"status":"pending"')
    local volunteer = offer and token_of[string.match(offer, "~(.+)$")]
    if volunteer then pending_accept = { offer, volunteer } end
  end
end

local function report(title, variable)
  local totals = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get(variable)) do totals[key] = (totals[key] or 0) + n end
  end
  local keys = {}
  for key in pairs(totals) do table.insert(keys, key) end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  io.write(title .. ":")
  for _, key in ipairs(keys) do io.write(string.format(" %s %d;", tostring(key), totals[key])) end
  io.write("\n")
end

function done(summary, latency, requests)
  report("requests sent by operation", "kinds")
  report("responses by status", "statuses")
  local e = summary.errors
  io.write(string.format("requests: %d in %.1f s = %.0f/s\n", summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d; non-2xx/3xx: %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
