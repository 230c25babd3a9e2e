#!/usr/bin/env bash
# Scores the blind article set kept in the repository (eval/blind: 40 articles of our own, written
# by an engineer who had not read the extractor; see its README), for the dev half, the held half and
# all reports. The dev half may be read for phenomena (`--half dev --errors`); the held half is
# measured only when a change is finished, like the halves of the development corpus.
#
#   scripts/eval-blind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p borderwatch
echo "== blind articles (eval/blind)"
printf '%-6s %s\n' half "tp    fp    fn      P%      R%     F1%  dangerous"
for half in dev held all; do
    HALF=()
    if [ "$half" != all ]; then
        HALF=(--half "$half")
    fi
    target/release/borderwatch eval --texts eval/blind/articles.jsonl \
        --gold eval/blind/gold-articles.jsonl "${HALF[@]}" |
        awk -v h="$half" '$1 == "crossing+change" { row = sprintf("%-6s %s %5s %5s %7s %7s %7s", h, $2, $3, $4, $5, $6, $7) }
            $1 == "dangerous" { print row "  " $3 }'
done
