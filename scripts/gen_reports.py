#!/usr/bin/env python3
"""Writes N synthetic news reports as JSONL for `borderwatch extract --jsonl` (whole-process timing).

Same shape as crates/extract/benches/extract.rs: one report in EVERY names crossings from the built-in
gazetteer (reopened / closed / unclear / planned / denied, dates, quotes; 3-6 KB), the rest is filler
news (sports, markets, weather) with no crossing and no border word. Deterministic (seeded).
Usage: gen_reports.py REPO_ROOT N EVERY > out.jsonl   (EVERY=20 gives 5% crossing reports)
"""
import glob, json, random, sys, tomllib

repo, n, every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20171025)
crossings = []
for path in sorted(glob.glob(f"{repo}/crates/gazetteer/data/crossings/*.toml")):
    with open(path, "rb") as f:
        crossings += [c for c in tomllib.load(f).get("crossing", []) if c["name"].isascii() and len(c["name"]) >= 4]
with open(f"{repo}/crates/gazetteer/data/countries.toml", "rb") as f:
    countries = {c["code"]: c["name"] for c in tomllib.load(f)["country"]}
names = list(countries.values())

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
AGENCIES = ["IRNA", "Anadolu", "the state news agency", "local television", "Reuters", "AFP"]
PEOPLE = ["Karim Haddad", "Elena Petrova", "Ahmad Rostami", "Maria Lopez", "Tomas Novak", "Leila Nasser"]
ROLES = ["the head of customs", "a spokesman for the interior ministry", "the provincial governor",
         "a senior border official"]
CAUSES = ["the independence referendum", "clashes near the town", "a cholera outbreak",
          "heavy snowfall on the pass", "a dispute over customs duties", "security concerns"]
TRAFFIC = ["trucks", "passengers", "trade", "humanitarian convoys", "pedestrians and cars"]
CONTEXT = [
    "Lawmakers in the capital met on {day} to discuss the budget for the coming year.",
    "The ministry of economy said exports of fruit and cement had risen by {n} percent since {month}.",
    "Analysts said the dispute would weigh on the local currency, which lost {n} percent against the dollar.",
    "Dozens of drivers said they had waited for {n} days with perishable goods in their lorries.",
    "Merchants in the bazaar said business had slowed sharply and that prices of flour had climbed.",
    "The United Nations called on all sides to protect civilians and to allow aid to reach those in need.",
]
FILLER = [
    "The national football team won {n}-{m} on {day} night in front of a crowd of {n}0,000 supporters.",
    "Shares in the largest carmaker rose {n} percent after it reported strong sales for the quarter.",
    "The central bank left its main interest rate unchanged at {n} percent, as most economists had expected.",
    "Forecasters warned of heavy rain and strong winds across the north of the country until {day}.",
    "Inflation slowed to {n}.{m} percent in {month}, the statistics office said in its monthly release.",
    "The film festival opened on {day} with a drama about three sisters running a bakery in a small town.",
    "Unemployment fell to its lowest level in {n} years, helped by hiring in construction and retail.",
    "Farmers expect a good harvest of wheat and barley this year after a wet spring, the union said.",
    "{c1} beat {c2} {n}-{m} in a friendly match played in a packed stadium on {day}.",
    "Exports from {c1} to {c2} reached a record in {month}, the trade ministry in {c1} said.",
]

def fill(t, c1="", c2=""):
    return t.format(day=rng.choice(WEEKDAYS), month=rng.choice(MONTHS), n=rng.randint(2, 49),
                    m=rng.randint(0, 9), c1=c1 or rng.choice(names), c2=c2 or rng.choice(names))

def crossing_report():
    a, b, c = (rng.choice(crossings) for _ in range(3))
    ca, cb = countries.get(a["countries"][0], "?"), countries.get(a["countries"][1], "?")
    person, agency = rng.choice(PEOPLE), rng.choice(AGENCIES)
    paras = [
        f"{ca} reopened the {a['name']} border crossing with {cb} on {rng.choice(WEEKDAYS)}, "
        f"{rng.randint(2, 21)} days after closing it following {rng.choice(CAUSES)}.",
        f"\"As of today the {a['name']} border is open to {rng.choice(TRAFFIC)},\" {person}, "
        f"{rng.choice(ROLES)}, said, according to {agency}.",
        fill(rng.choice(CONTEXT), ca, cb),
        f"The {b['name']} crossing was closed on {rng.choice(MONTHS)} {rng.randint(1, 28)} because of "
        f"{rng.choice(CAUSES)}, officials said.",
        f"It was unclear when the other border points between {ca} and {cb} would reopen, {person} added.",
        f"{countries.get(c['countries'][0], '?')} will reopen the {c['name']} crossing to {rng.choice(TRAFFIC)} "
        f"from {rng.choice(WEEKDAYS)}, the interior ministry said in a statement.",
        f"{cb}'s foreign ministry denied that the {b['name']} crossing had been shut.",
    ]
    target, text = rng.randint(3000, 6000), "\n".join(paras)
    while len(text) < target:
        text += "\n" + fill(rng.choice(CONTEXT), ca, cb) + " " + fill(rng.choice(CONTEXT), ca, cb)
    return text

def filler_report():
    target, text = rng.randint(1500, 6000), ""
    while len(text) < target:
        text += ("\n" if text else "") + " ".join(fill(rng.choice(FILLER)) for _ in range(3))
    return text

for i in range(n):
    text = crossing_report() if i % every == 0 else filler_report()
    day = f"{rng.randint(2017, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    print(json.dumps({"id": f"r{i:05d}", "text": text, "published": day, "outlet": "synthetic"}, ensure_ascii=False))
