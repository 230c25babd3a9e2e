#!/usr/bin/env bash
# The evaluation EVALUATION.md quotes: builds release, then scores every development corpus, for the
# dev half, the held half and all reports, one headline row per corpus (named by its gold file):
#
#   gold.jsonl             one-liners   wcep.jsonl + agnews.jsonl
#   gold-articles.jsonl    articles     cnn-articles.jsonl + dailymail-articles.jsonl
#   gold-wh.jsonl          briefings    wh-briefings.jsonl
#   gold-advisories.jsonl  advisories   advisories.jsonl
#
# and a last row for one-liners and articles together (the 490-report development corpus).
# Each row: reports, (crossing, change) tp fp fn P% R% F1%, status F1%, dangerous errors, failures.
# The halves are `borderwatch eval --half dev|held` (first byte of SHA-256 of the report id even: dev,
# odd: held); develop on dev, measure held only when a change is finished.
#
#   scripts/eval-all.sh             # corpus in ../shared/data/news beside the workspace
#   NEWS=/path/to/news scripts/eval-all.sh
#
# Without the corpus (it is not in the repository) the script says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
NEWS=${NEWS:-../shared/data/news}
if [ ! -d "$NEWS" ]; then
    echo "eval-all: no corpus at $NEWS (set NEWS to its folder); nothing evaluated."
    exit 0
fi
FILES=(wcep.jsonl agnews.jsonl cnn-articles.jsonl dailymail-articles.jsonl wh-briefings.jsonl
    advisories.jsonl gold.jsonl gold-articles.jsonl gold-wh.jsonl gold-advisories.jsonl)
for f in "${FILES[@]}"; do
    if [ ! -f "$NEWS/$f" ]; then
        echo "eval-all: $NEWS has no $f; nothing evaluated."
        exit 0
    fi
done

cargo build --release --quiet -p borderwatch
ARGS=()
for f in "${FILES[@]}"; do
    case $f in
    gold*) ARGS+=(--gold "$NEWS/$f") ;;
    *) ARGS+=(--texts "$NEWS/$f") ;;
    esac
done

# The development corpus of the issue's targets: one-liners and articles together.
DEV_CORPUS=()
for f in wcep.jsonl agnews.jsonl cnn-articles.jsonl dailymail-articles.jsonl; do
    DEV_CORPUS+=(--texts "$NEWS/$f")
done
DEV_CORPUS+=(--gold "$NEWS/gold.jsonl" --gold "$NEWS/gold-articles.jsonl")

for half in dev held all; do
    HALF=()
    if [ "$half" != all ]; then
        HALF=(--half "$half")
    fi
    echo "== $half"
    # The last section of the table: one row per gold file, then the whole run.
    target/release/borderwatch eval "${ARGS[@]}" --by-file "${HALF[@]}" | sed -n '/^by gold file/,$p'
    # Then one-liners and articles scored together (the figures of the 490-report corpus).
    target/release/borderwatch eval "${DEV_CORPUS[@]}" --by-file "${HALF[@]}" |
        awk '/^by gold file/ { s = 1 } s && $1 == "all" {
            printf "%-21s %7s %5s %5s %5s %7s %7s %7s %10s %9s %8s\n", "one-liners+articles",
                $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'
    echo
done

# The blind article set kept in the repository.
scripts/eval-blind.sh
