#!/usr/bin/env bash
# HTTP benchmark of the cached combined dashboard query, next to a bare Hummingbird handler
# that returns the same bytes (docs/performance.md reports its output). The query is measured
# twice: with the whole-response cache (the default) and without it (`--no-response-cache`:
# every request executed over the cached upstream answers).
#
#   bash scripts/bench-http.sh                       # in-process cache
#   REDIS_URL=redis://127.0.0.1:6379 bash scripts/bench-http.sh   # shared Redis cache
#
# Both servers run on loopback; wrk loads them from a second process, alternating the two for
# ROUNDS rounds of DURATION each so that both see the same machine noise. It also counts the
# upstream calls of 100 dashboard refreshes with the cache and without it (cache TTL 0).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
REDIS_URL=${REDIS_URL:-}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
bash scripts/ensure-deps.sh
swift build -c release >&2
BIN=.build/release
WORK=$(mktemp -d /tmp/hyperpage-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1$2" >/dev/null && return 0; sleep 0.2; done; echo "server on $1 did not start" >&2; exit 1; }
post() { curl -sf -H 'content-type: application/json' --data-binary @"$WORK/request.json" "http://127.0.0.1:$1/graphql"; }
upstream_calls() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '/^hyperpage_upstream_requests_total\{/ { s += $NF } END { print s + 0 }'
}
start_demo() { # port, extra args...
  local port=$1; shift
  "$BIN/hyperpage" demo --port "$port" "$@" 2>"$WORK/demo-$port.log" &
  PIDS+=($!)
  wait_ready "$port" /healthz
}

"$BIN/hyperpage" demo --print-query > "$WORK/query.graphql"
python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "operationName": "Dashboard"}))' \
  "$WORK/query.graphql" > "$WORK/request.json"
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/request.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA

# Upstream calls of 100 refreshes, cached and uncached.
CACHED=$(free_port); UNCACHED=$(free_port)
if [ -n "$REDIS_URL" ]; then start_demo "$CACHED" --redis-url "$REDIS_URL"; else start_demo "$CACHED"; fi
start_demo "$UNCACHED" --cache-ttl 0s
for port in "$CACHED" "$UNCACHED"; do
  for _ in $(seq 100); do post "$port" >/dev/null; done
done
calls_cached=$(upstream_calls "$CACHED"); calls_uncached=$(upstream_calls "$UNCACHED")
kill "${PIDS[1]}"; unset 'PIDS[1]'
EXECUTED=$(free_port)
if [ -n "$REDIS_URL" ]; then start_demo "$EXECUTED" --no-response-cache --redis-url "$REDIS_URL"; else start_demo "$EXECUTED" --no-response-cache; fi
post "$EXECUTED" >/dev/null

# The bare handler answers with the cached query's exact bytes.
post "$CACHED" > "$WORK/body.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(1 if d.get("errors") else 0)' "$WORK/body.json" \
  || { echo "the dashboard query answered with errors" >&2; cat "$WORK/body.json" >&2; exit 1; }
BARE=$(free_port)
"$BIN/hyperpage-bare" --port "$BARE" --body "$WORK/body.json" & PIDS+=($!)
wait_ready "$BARE" /graphql

run_wrk() { # label port round
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "http://127.0.0.1:$2/graphql" > "$WORK/wrk.txt"
  python3 - "$1" "$3" "$WORK/wrk.txt" <<'PY'
import re, sys
label, rnd, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(\w+)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
pct = {p: ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M)}
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{label}\t{rnd}\t{rps:.0f}\t{pct['50']:.2f}\t{pct['90']:.2f}\t{pct['99']:.2f}\t{errors.group(1) if errors else 0}")
PY
}

echo "body bytes: $(wc -c < "$WORK/body.json"), cache: $([ -n "$REDIS_URL" ] && echo "redis" || echo "in-process"), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds"
printf 'server\tround\treq/s\tp50 ms\tp90 ms\tp99 ms\tnon-2xx\n' | tee "$WORK/results.tsv"
wrk -t1 -c4 -d2s -s "$WORK/post.lua" "http://127.0.0.1:$CACHED/graphql" >/dev/null  # warm-up
wrk -t1 -c4 -d2s -s "$WORK/post.lua" "http://127.0.0.1:$EXECUTED/graphql" >/dev/null
wrk -t1 -c4 -d2s -s "$WORK/post.lua" "http://127.0.0.1:$BARE/graphql" >/dev/null
for r in $(seq "$ROUNDS"); do
  run_wrk hyperpage "$CACHED" "$r" | tee -a "$WORK/results.tsv"
  run_wrk executed "$EXECUTED" "$r" | tee -a "$WORK/results.tsv"
  run_wrk bare "$BARE" "$r" | tee -a "$WORK/results.tsv"
done
python3 - "$WORK/results.tsv" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
med = {}
for name in ("hyperpage", "executed", "bare"):
    med[name] = statistics.median(float(r[2]) for r in rows if r[0] == name)
print(f"median req/s: hyperpage {med['hyperpage']:.0f}, bare {med['bare']:.0f}, ratio {med['hyperpage']/med['bare']:.2f}")
print(f"without the response cache (every request executed): {med['executed']:.0f}, ratio {med['executed']/med['bare']:.3f}")
PY
echo "upstream calls per 100 dashboard refreshes: cached $calls_cached, uncached $calls_uncached, saved $((calls_uncached - calls_cached))"
