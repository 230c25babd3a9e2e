#!/usr/bin/env bash
# Stream workers end to end on this machine: NATS JetStream (127.0.0.1:4222) and PostgreSQL
# (127.0.0.1:5432, database test) must answer. Figures go in BENCHMARKS.md ("Stream workers").
#
#   cargo build --release -p borderwatch
#   cargo run --release -p borderwatch-store --example synthetic -- 30000 > /tmp/syn30k.jsonl
#   scripts/scale.sh /tmp/syn30k.jsonl [REPORTS]      # WORKERS="2 1" to run the other order
#
# For 1 and then 2 workers: publish REPORTS synthetic reports (default 10,000) to a fresh stream, then
# time the workers (`--until-idle`) draining it into a fresh schema; each worker prints where its time
# went. Every stream and schema it makes is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SYN=${1:?give the synthetic JSONL file}
N=${2:-10000}
B=target/release/borderwatch
PG=${BORDERWATCH_PG_URL:-postgres://postgres@127.0.0.1:5432/test}
NATS=${BORDERWATCH_NATS_URL:-nats://127.0.0.1:4222}
DIR=$(mktemp -d)
STREAMS=()
SCHEMAS=()
cleanup() {
  scripts/nats-delete-stream.sh "$NATS" "${STREAMS[@]}" > /dev/null || true
  for s in "${SCHEMAS[@]}"; do psql -q "$PG" -c "DROP SCHEMA IF EXISTS $s CASCADE" 2>/dev/null || true; done
  rm -rf "$DIR"
}
trap cleanup EXIT
head -n "$N" "$SYN" > "$DIR/in.jsonl"
for workers in ${WORKERS:-1 2}; do
  tag="scale_${workers}_$$"
  stream="scale-${workers}-$$"
  SCHEMAS+=("$tag")
  STREAMS+=("$stream")
  $B publish --nats "$NATS" --stream "$stream" "$DIR/in.jsonl"
  store="$PG?schema=$tag"
  # Create the schema first, so workers do not race to migrate it inside the timing.
  $B --store "$store" status --country IR > /dev/null 2>&1 || true
  start=$(date +%s.%N)
  pids=()
  for w in $(seq "$workers"); do
    /usr/bin/time -f "worker $w: %e s wall, %U s user, %S s sys, %M KB" \
      $B --store "$store" worker --nats "$NATS" --stream "$stream" --until-idle > "$DIR/w$w.out" 2> "$DIR/w$w.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  stored=$(psql -qAt "$PG" -c "SELECT count(*) FROM $tag.reports")
  echo "== $workers worker(s): $stored reports in $(echo "$end - $start" | bc) s"
  for w in $(seq "$workers"); do cat "$DIR/w$w.out" "$DIR/w$w.err"; done
done
