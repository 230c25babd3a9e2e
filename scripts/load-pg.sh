#!/usr/bin/env bash
# The API served from the shared PostgreSQL store, under load, idle and beside a stream worker that
# ingests. Needs wrk, PostgreSQL and NATS JetStream on 127.0.0.1, and a release build. Figures go in
# BENCHMARKS.md ("Stream workers").
#
#   cargo build --release -p borderwatch
#   cargo run --release -p borderwatch-store --example synthetic -- 30000 > /tmp/syn30k.jsonl
#   scripts/load-pg.sh /tmp/syn30k.jsonl [SECONDS]
#
# The store holds the first 10,000 synthetic reports (stored by a worker); the "during ingest" runs
# publish the next 20,000 and measure while one worker stores and fuses them. Paced load as in
# scripts/load.sh: 22 connections, each waiting 10 ms between requests (about 2,000 requests/s).
set -euo pipefail
cd "$(dirname "$0")/.."
SYN=${1:?give the synthetic JSONL file}
SECS=${2:-20}
B=target/release/borderwatch
PG=${BORDERWATCH_PG_URL:-postgres://postgres@127.0.0.1:5432/test}
NATS=${BORDERWATCH_NATS_URL:-nats://127.0.0.1:4222}
PORT=18081
URL=http://127.0.0.1:$PORT
DIR=$(mktemp -d)
SCHEMA="loadpg_$$"
STREAM="loadpg-$$"
STORE="$PG?schema=$SCHEMA"
trap 'kill $(jobs -p) 2>/dev/null || true; scripts/nats-delete-stream.sh "$NATS" "$STREAM" > /dev/null || true; psql -q "$PG" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null || true; rm -rf "$DIR"' EXIT
head -n 10000 "$SYN" > "$DIR/first.jsonl"
sed -n '10001,30000p' "$SYN" > "$DIR/rest.jsonl"
$B publish --nats "$NATS" --stream "$STREAM" "$DIR/first.jsonl"
$B --store "$STORE" worker --nats "$NATS" --stream "$STREAM" --until-idle
$B --store "$STORE" serve --bind 127.0.0.1:$PORT 2>/dev/null &
for _ in $(seq 100); do curl -sf "$URL/api/openapi.json" > /dev/null && break; sleep 0.1; done
cat > "$DIR/paced.lua" <<'LUA'
function delay() return 10 end
LUA
run() { # name, path
  echo "== $1"
  wrk -t2 -c22 -d"${SECS}s" --latency -s "$DIR/paced.lua" "$URL$2" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
}
for path in /api/crossings/ir-iq-bashmagh /; do run "idle store, paced, $path" "$path"; done
$B publish --nats "$NATS" --stream "$STREAM" "$DIR/rest.jsonl"
$B --store "$STORE" worker --nats "$NATS" --stream "$STREAM" --until-idle > "$DIR/worker.out" 2>&1 &
W=$!
sleep 1
for path in /api/crossings/ir-iq-bashmagh /; do
  run "during a worker's ingest, paced, $path" "$path"
  if kill -0 $W 2>/dev/null; then echo "   (the worker was still storing when wrk ended)"; else echo "   (the worker ENDED before wrk did)"; fi
done
wait $W || true
cat "$DIR/worker.out"
echo "stored: $(psql -qAt "$PG" -c "SELECT count(*) FROM $SCHEMA.reports") reports"
