#!/usr/bin/env bash
# Load test of `borderwatch serve` on loopback with wrk, with and without an ingest running beside it.
# Figures go in BENCHMARKS.md ("Server under load"). Needs wrk (Debian package) and a release build.
#
#   cargo build --release -p borderwatch
#   cargo run --release -p borderwatch-store --example synthetic -- 30000 > /tmp/syn30k.jsonl
#   scripts/load.sh /tmp/syn30k.jsonl [SECONDS]
#
# The store holds the demo samples and the first 10,000 synthetic reports; the "during ingest" runs
# ingest the next reports (as a second process, the way `borderwatch ingest` runs beside a server)
# while wrk measures. Two load shapes: closed loop (as fast as 16 connections go) and paced (about
# 2,000 requests/s: 22 connections, each waiting 10 ms between requests; wrk has no fixed-rate mode).
set -euo pipefail
cd "$(dirname "$0")/.."
SYN=${1:?give the synthetic JSONL file}
SECS=${2:-20}
B=target/release/borderwatch
PORT=18080
URL=http://127.0.0.1:$PORT
DIR=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$DIR"' EXIT
head -n 10000 "$SYN" > "$DIR/first.jsonl"
tail -n +10001 "$SYN" > "$DIR/rest.jsonl"
$B --db "$DIR/l.db" ingest -q samples/kurdistan-2017 samples/demo "$DIR/first.jsonl" > /dev/null
BORDERWATCH_TOKEN=load-test-token-0123456789 $B --db "$DIR/l.db" serve --bind 127.0.0.1:$PORT 2>/dev/null &
for _ in $(seq 100); do curl -sf "$URL/api/openapi.json" > /dev/null && break; sleep 0.1; done
cat > "$DIR/paced.lua" <<'LUA'
function delay() return 10 end
LUA
run() { # name, url, extra wrk args
  echo "== $1"
  wrk -t2 -c"${3:-16}" -d"${SECS}s" --latency ${4:-} "$2" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
}
cat > "$DIR/miss.lua" <<'LUA'
-- A new query string each request: a new cache key, so every answer is rendered (the cost a cache
-- miss pays).
local n = 0
request = function() n = n + 1; return wrk.format(nil, wrk.path .. "?n=" .. n) end
LUA
for path in /api/crossings/ir-iq-bashmagh /; do
  run "idle store, every request a cache miss, $path" "$URL$path" 4 "-s $DIR/miss.lua"
done
for path in /api/crossings/ir-iq-bashmagh /; do
  run "idle store, closed loop, $path" "$URL$path" 16
  run "idle store, paced ~2000/s, $path" "$URL$path" 22 "-s $DIR/paced.lua"
done
for path in /api/crossings/ir-iq-bashmagh /; do
  for shape in closed paced; do
    # Each run goes on where the last one was stopped (stored reports are skipped quickly).
    $B --db "$DIR/l.db" ingest -q --fusion incremental "$DIR/rest.jsonl" > "$DIR/ing.out" 2>&1 &
    ING=$!
    sleep 2
    if [ $shape = closed ]; then
      run "during ingest, closed loop, $path" "$URL$path" 16
    else
      run "during ingest, paced ~2000/s, $path" "$URL$path" 22 "-s $DIR/paced.lua"
    fi
    if kill -0 $ING 2>/dev/null; then echo "   (the ingest was still running when wrk ended)"; else echo "   (the ingest ENDED before wrk did)"; fi
    kill $ING 2>/dev/null || true; wait $ING 2>/dev/null || true
    echo "   store: $(sqlite3 "$DIR/l.db" 'select count(*) from reports' 2>/dev/null || echo '?') reports"
  done
done
