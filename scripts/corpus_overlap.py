#!/usr/bin/env python3
# Guard against copying: ../shared/data/news must never be quoted in the repository (tests and
# comments use sentences of our own). Run from the repository root: python3 scripts/corpus_overlap.py [N]
# (default 6); it prints every line of a tracked .rs or .md file sharing a run of N words with the corpus.
# Short shared runs of common phrasing ("its borders with Syria and ...") are expected; whole clauses are not.
# Lists lines of tracked .rs/.md files that share a run of N words with the shared news corpus.
# With --diff, only the lines the working tree adds against HEAD are checked (use N=5 there: new
# test sentences and comments should not share even five words in a row with the corpus).
import json,glob,re,subprocess,sys
args=[a for a in sys.argv[1:] if a!='--diff']
N=int(args[0]) if args else 6
grams=set()
def words(t): return re.findall(r"[a-z0-9']+", t.lower())
for f in glob.glob('../shared/data/news/*.jsonl'):
    for line in open(f):
        try: d=json.loads(line)
        except: continue
        for k in ('text','title'):
            t=d.get(k)
            if isinstance(t,str):
                w=words(t)
                for i in range(len(w)-N+1): grams.add(tuple(w[i:i+N]))
if '--diff' in sys.argv:
    diff=subprocess.check_output(['git','diff','-U0','HEAD'],text=True)
    f='?'
    for line in diff.split('\n'):
        if line.startswith('+++ '): f=line[6:]
        elif line.startswith('+') and f.endswith(('.rs','.md')):
            w=words(line)
            if any(tuple(w[i:i+N]) in grams for i in range(len(w)-N+1)):
                print(f"{f}: {line[1:].strip()[:150]}")
    sys.exit(0)
files=subprocess.check_output(['git','ls-files'],text=True).split()
for f in files:
    if not f.endswith(('.rs','.md')): continue
    for ln,line in enumerate(open(f).read().split('\n'),1):
        w=words(line)
        if any(tuple(w[i:i+N]) in grams for i in range(len(w)-N+1)):
            print(f"{f}:{ln}: {line.strip()[:150]}")
