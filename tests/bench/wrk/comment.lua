-- POSTs a new, distinct comment on every request (a counter per thread keeps emails and bodies unique).
local counter = 0
local thread_id = 0
local threads = {}
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
init = function(args) thread_id = id or 0 end
request = function()
  counter = counter + 1
  local body = string.format('{"name":"压测市民","email":"bench-%d-%d@example.com","body":"第 %d 号线程的第 %d 条意见：建议把摊位登记办理时限再压缩一天。","publishName":false}',
    thread_id, counter, thread_id, counter)
  return wrk.format("POST", wrk.path, { ["Content-Type"] = "application/json" }, body)
end
-- Prints one machine-readable line with requests/s, p50/p95/p99 latency (ms) and non-2xx/3xx responses.
local errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f requests=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, errors + summary.errors.status))
end
