-- A sign-up storm: each thread sends its share of TOTAL sign-ups (distinct emails), then stops.
local counter = 0
local thread_id = 0
local threads = {}
local total = tonumber(os.getenv("TOTAL") or "2000")
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
init = function(args) thread_id = id or 0 end
request = function()
  counter = counter + 1
  local body = string.format('{"name":"报名者","email":"storm-%d-%d@example.com","wantsToSpeak":false}', thread_id, counter)
  return wrk.format("POST", wrk.path, { ["Content-Type"] = "application/json" }, body)
end
local answered = 0
response = function(status, headers, body)
  answered = answered + 1
  if answered >= total / tonumber(os.getenv("THREADS") or "2") then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d p50=%.2f p95=%.2f p99=%.2f\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
