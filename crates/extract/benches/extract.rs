//! Throughput of extraction: the whole path (`read_report` + `extract`) with the built-in gazetteer, and
//! the cheap-to-isolate stages alone (normalize, segment, find_names).
//!
//! Inputs are generated here, deterministically (a fixed-seed LCG), from templates: news-like reports
//! that name crossings from the gazetteer with change triggers, dates, quotes and causes (3–6 KB each),
//! and filler news (sports, markets, weather) that names no crossing and no border word. Two streams
//! are measured: every report about crossings, and 5% about crossings among 95% filler, which is the
//! shape of a real news feed. Before timing, the bench prints what the corpora contain (bytes, claims,
//! reports that take the slow path) so a run that stopped exercising the heavy path shows it.

use std::hint::black_box;

use borderwatch_extract::normalize::normalize;
use borderwatch_extract::segment::segment;
use borderwatch_extract::{NormalizeOptions, ReportMeta, extract, read_report};
use borderwatch_gazetteer::{Crossing, Gazetteer, NameKind};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::{Date, date};

/// Reports per batch, both streams.
const BATCH: usize = 200;
/// One report in this many of the mixed stream is about crossings (5%).
const MIXED_EVERY: usize = 20;

/// A 64-bit LCG: the same seed gives the same corpus on every machine and run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get(self.below(xs.len())).copied().unwrap_or("")
    }
}

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const AGENCIES: &[&str] = &[
    "IRNA",
    "Anadolu",
    "the state news agency",
    "local television",
    "Reuters",
    "AFP",
];
const PEOPLE: &[&str] = &[
    "Karim Haddad",
    "Elena Petrova",
    "Ahmad Rostami",
    "Maria Lopez",
    "Tomas Novak",
    "Leila Nasser",
    "Ravi Kumar",
    "Olga Ivanova",
];
const ROLES: &[&str] = &[
    "the head of customs",
    "a spokesman for the interior ministry",
    "the provincial governor",
    "a senior border official",
    "the deputy transport minister",
];
const CAUSES: &[&str] = &[
    "the independence referendum",
    "clashes near the town",
    "a cholera outbreak",
    "heavy snowfall on the pass",
    "a dispute over customs duties",
    "security concerns",
];
const TRAFFIC: &[&str] = &[
    "trucks",
    "passengers",
    "trade",
    "humanitarian convoys",
    "pedestrians and cars",
];

/// Background sentences for crossing reports: politics and trade around the story, no change trigger.
const CONTEXT: &[&str] = &[
    "Lawmakers in the capital met on {day} to discuss the budget for the coming year.",
    "The ministry of economy said exports of fruit and cement had risen by {n} percent since {month}.",
    "Analysts said the dispute would weigh on the local currency, which lost {n} percent against the dollar.",
    "The governor of the province told reporters that fuel prices had doubled in some markets.",
    "Dozens of drivers said they had waited for {n} days with perishable goods in their lorries.",
    "Officials from both governments are due to meet in {month} to discuss tariffs and transit fees.",
    "Merchants in the bazaar said business had slowed sharply and that prices of flour had climbed.",
    "The United Nations called on all sides to protect civilians and to allow aid to reach those in need.",
    "The parliament speaker said the government would present a new plan to support farmers this week.",
];

/// Filler news: sports, markets, weather and culture. No crossing name and no border word, so such a
/// report should cost one name scan and one keyword scan.
const FILLER: &[&str] = &[
    "The national football team won {n}-{m} on {day} night in front of a crowd of {n}0,000 supporters.",
    "Shares in the largest carmaker rose {n} percent after it reported strong sales for the quarter.",
    "The central bank left its main interest rate unchanged at {n} percent, as most economists had expected.",
    "Forecasters warned of heavy rain and strong winds across the north of the country until {day}.",
    "The striker scored twice in the second half, and the coach praised the young defenders after the match.",
    "Oil prices fell for a {ord} straight session as traders weighed rising inventories in {month}.",
    "The film festival opened on {day} with a drama about three sisters running a bakery in a small town.",
    "Inflation slowed to {n}.{m} percent in {month}, the statistics office said in its monthly release.",
    "The tennis champion withdrew from the tournament with a wrist injury, her agent said on {day}.",
    "A new metro line will carry {n}0,000 commuters a day when it is finished, the city council said.",
    "The finance minister told parliament that tax revenue was ahead of the target for the first half.",
    "Farmers expect a good harvest of wheat and barley this year after a wet spring, the union said.",
    "The orchestra announced a season of {n} concerts, including two new works by local composers.",
    "Unemployment fell to its lowest level in {n} years, helped by hiring in construction and retail.",
    "The cycling race finished in the rain, with the leader keeping her yellow jersey by {n} seconds.",
];
const COUNTRY_FILLER: &[&str] = &[
    "{c1} beat {c2} {n}-{m} in a friendly match played in a packed stadium on {day}.",
    "Exports from {c1} to {c2} reached a record in {month}, the trade ministry in {c1} said.",
    "The prime minister of {c1} will visit {c2} next month for talks on energy and investment.",
];

/// Fills `{day}`, `{month}`, `{n}`, `{m}`, `{ord}`, `{c1}`, `{c2}` in a template.
fn fill(rng: &mut Lcg, template: &str, c1: &str, c2: &str) -> String {
    let mut out = template.to_string();
    for (key, value) in [
        ("{day}", rng.pick(WEEKDAYS).to_string()),
        ("{month}", rng.pick(MONTHS).to_string()),
        ("{n}", (2 + rng.below(48)).to_string()),
        ("{m}", rng.below(10).to_string()),
        (
            "{ord}",
            rng.pick(&["second", "third", "fourth", "fifth"])
                .to_string(),
        ),
        ("{c1}", c1.to_string()),
        ("{c2}", c2.to_string()),
    ] {
        out = out.replace(key, &value);
    }
    out
}

/// The English name of a country code, or the code itself.
fn country<'a>(gaz: &'a Gazetteer, code: &'a str) -> &'a str {
    gaz.countries()
        .get(code)
        .map(|c| c.name.as_str())
        .unwrap_or(code)
}

/// Crossings that have a strong English name the linker can find: the canonical name is used as is.
fn usable_crossings(gaz: &Gazetteer) -> Vec<&Crossing> {
    gaz.crossings()
        .iter()
        .filter(|c| c.name.is_ascii() && c.name.len() >= 4)
        .collect()
}

/// One news-like report about 1–3 crossings, between 3 and 6 KB. Paragraphs are lines.
fn crossing_report(rng: &mut Lcg, gaz: &Gazetteer, crossings: &[&Crossing]) -> String {
    let target = 3000 + rng.below(3000);
    let pick = |rng: &mut Lcg| crossings.get(rng.below(crossings.len())).copied();
    let (Some(a), Some(b), Some(c)) = (pick(rng), pick(rng), pick(rng)) else {
        return String::new();
    };
    let (ca, cb) = (country(gaz, &a.countries[0]), country(gaz, &a.countries[1]));
    let person = rng.pick(PEOPLE);
    let role = rng.pick(ROLES);
    let agency = rng.pick(AGENCIES);
    let cause = rng.pick(CAUSES);
    let day = rng.pick(WEEKDAYS);
    let month = rng.pick(MONTHS);
    let traffic = rng.pick(TRAFFIC);
    let n = 2 + rng.below(20);
    let mut paras: Vec<String> = Vec::new();
    if rng.below(2) == 0 {
        paras.push(format!("{} ({agency}) - {ca} reopened the {} border crossing with {cb} on {day}, {n} days after closing it following {cause}.", ca.to_uppercase(), a.name));
    } else {
        paras.push(format!("{ca} reopened the {} border crossing with {cb} on {day}, {n} days after closing it following {cause}.", a.name));
    }
    paras.push(format!(
        "\"As of today the {} border is open to {traffic},\" {person}, {role}, said, according to {agency}.",
        a.name
    ));
    let t = rng.pick(CONTEXT);
    paras.push(fill(rng, t, ca, cb));
    paras.push(format!(
        "The {} crossing between {} and {} was closed on {month} {} because of {}, officials said.",
        b.name,
        country(gaz, &b.countries[0]),
        country(gaz, &b.countries[1]),
        1 + rng.below(28),
        rng.pick(CAUSES)
    ));
    paras.push(format!(
        "It was unclear when the other border points between {ca} and {cb} would reopen, {person} added."
    ));
    let t = rng.pick(CONTEXT);
    paras.push(fill(rng, t, ca, cb));
    paras.push(format!(
        "{} will reopen the {} crossing to {} from {}, the interior ministry said in a statement.",
        country(gaz, &c.countries[0]),
        c.name,
        rng.pick(TRAFFIC),
        rng.pick(WEEKDAYS)
    ));
    paras.push(format!(
        "Trade through {} is worth about USD {} billion a year; the crossing lies about {} km from the nearest city.",
        a.name,
        2 + rng.below(30),
        10 + rng.below(90)
    ));
    paras.push(format!("{cb}'s foreign ministry denied that the {} crossing had been shut, calling the reports false.", b.name));
    let mut text = paras.join("\n");
    // Pad with background paragraphs up to the target size.
    while text.len() < target {
        text.push('\n');
        let (t1, t2) = (rng.pick(CONTEXT), rng.pick(CONTEXT));
        let s1 = fill(rng, t1, ca, cb);
        let s2 = fill(rng, t2, ca, cb);
        text.push_str(&s1);
        text.push(' ');
        text.push_str(&s2);
    }
    text
}

/// One filler report of 1.5–6 KB about anything but borders.
fn filler_report(rng: &mut Lcg, gaz: &Gazetteer) -> String {
    let target = 1500 + rng.below(4500);
    let countries = &gaz.countries().countries;
    let mut text = String::new();
    while text.len() < target {
        if !text.is_empty() {
            text.push('\n');
        }
        for i in 0..3 {
            if i > 0 {
                text.push(' ');
            }
            let sentence = if rng.below(5) == 0 {
                let c1 = countries
                    .get(rng.below(countries.len()))
                    .map(|c| c.name.as_str())
                    .unwrap_or("");
                let c2 = countries
                    .get(rng.below(countries.len()))
                    .map(|c| c.name.as_str())
                    .unwrap_or("");
                let t = rng.pick(COUNTRY_FILLER);
                fill(rng, t, c1, c2)
            } else {
                let t = rng.pick(FILLER);
                fill(rng, t, "", "")
            };
            text.push_str(&sentence);
        }
    }
    text
}

/// A report's raw bytes and its publication date.
struct Input {
    bytes: Vec<u8>,
    published: Date,
}

fn published(rng: &mut Lcg) -> Date {
    let month = 1 + rng.below(12) as i8;
    let day = 1 + rng.below(28) as i8;
    date(2017 + rng.below(6) as i16, month, day)
}

/// Crossing news in every language read by word classes: the sentences of `tests/lang/*.toml`
/// (written by the project), joined into reports of about the size of the generated English ones, so
/// that detection, the lexical reader and its dates are measured on text naming crossings.
fn other_language_reports() -> Vec<Input> {
    #[derive(serde::Deserialize)]
    struct Suite {
        report: Vec<Case>,
    }
    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lang");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Some(suite) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| toml::from_str::<Suite>(&t).ok())
        else {
            eprintln!("{}: not read", path.display());
            continue;
        };
        for chunk in suite.report.chunks(12) {
            let text: Vec<&str> = chunk.iter().map(|c| c.text.trim()).collect();
            out.push(Input {
                bytes: text.join("\n\n").into_bytes(),
                published: date(2024, 3, 6),
            });
        }
    }
    out
}

/// `BATCH` reports; report `i` is about crossings when `every` is not 0 and divides `i`.
fn corpus(gaz: &Gazetteer, seed: u64, every: usize) -> Vec<Input> {
    let crossings = usable_crossings(gaz);
    let mut rng = Lcg(seed);
    (0..BATCH)
        .map(|i| {
            let text = if every != 0 && i % every == 0 {
                crossing_report(&mut rng, gaz, &crossings)
            } else {
                filler_report(&mut rng, gaz)
            };
            Input {
                bytes: text.into_bytes(),
                published: published(&mut rng),
            }
        })
        .collect()
}

fn total_bytes(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.bytes.len() as u64).sum()
}

/// The whole path for one batch; returns the number of claims so nothing is optimised away.
fn run_batch(inputs: &[Input], gaz: &Gazetteer, opts: &NormalizeOptions) -> usize {
    let mut claims = 0;
    for input in inputs {
        let meta = ReportMeta {
            published: Some(input.published),
            ..ReportMeta::default()
        };
        // An input the generator got wrong is counted out, not a panic; `describe` reports errors.
        if let Ok(report) = read_report(&input.bytes, meta, opts) {
            claims += extract(&report, gaz).len();
        }
    }
    claims
}

/// Prints what a corpus holds, so a generator that drifted away from the heavy path is visible.
fn describe(name: &str, inputs: &[Input], gaz: &Gazetteer, opts: &NormalizeOptions) {
    let mut errors = 0;
    let mut with_claims = 0;
    let mut with_crossing_name = 0;
    let mut claims = 0;
    for input in inputs {
        let meta = ReportMeta {
            published: Some(input.published),
            ..ReportMeta::default()
        };
        match read_report(&input.bytes, meta, opts) {
            Ok(report) => {
                let c = extract(&report, gaz);
                claims += c.len();
                with_claims += usize::from(!c.is_empty());
                let named = gaz
                    .find_names(&report.text)
                    .iter()
                    .any(|h| matches!(h.kind, NameKind::Crossing(_)));
                with_crossing_name += usize::from(named);
            }
            Err(_) => errors += 1,
        }
    }
    eprintln!(
        "corpus {name}: {} reports, {} bytes (mean {} B), {claims} claims, {with_claims} reports with claims, \
         {with_crossing_name} naming a crossing, {errors} unreadable",
        inputs.len(),
        total_bytes(inputs),
        total_bytes(inputs) / inputs.len().max(1) as u64
    );
}

fn benches(c: &mut Criterion) {
    let gaz = Gazetteer::builtin();
    let opts = NormalizeOptions::default();
    let crossing = corpus(gaz, 0x00b0_7de7, 1);
    let mixed = corpus(gaz, 0x5eed_0005, MIXED_EVERY);
    let filler = corpus(gaz, 0xf111_e700, 0);
    describe("crossing_reports", &crossing, gaz, &opts);
    describe("mixed_5pct", &mixed, gaz, &opts);
    describe("filler_only", &filler, gaz, &opts);

    let foreign = other_language_reports();
    describe("other_languages", &foreign, gaz, &opts);

    let mut whole = c.benchmark_group("extract");
    for (name, inputs) in [
        ("crossing_reports", &crossing),
        ("mixed_5pct", &mixed),
        ("filler_only", &filler),
        ("other_languages", &foreign),
    ] {
        whole.throughput(Throughput::Bytes(total_bytes(inputs)));
        whole.bench_with_input(
            BenchmarkId::new("read_report+extract", name),
            inputs,
            |b, inputs| b.iter(|| black_box(run_batch(inputs, gaz, &opts))),
        );
    }
    whole.finish();

    // Stages alone, on the normalized texts where the stage takes text.
    let texts = |inputs: &[Input]| -> Vec<String> {
        inputs
            .iter()
            .filter_map(|i| normalize(&i.bytes, &opts).ok())
            .map(|n| n.text)
            .collect()
    };
    let crossing_texts = texts(&crossing);
    let filler_texts = texts(&filler);
    let mut stages = c.benchmark_group("stages");
    stages.throughput(Throughput::Bytes(total_bytes(&crossing)));
    stages.bench_function("normalize/crossing_reports", |b| {
        b.iter(|| {
            crossing
                .iter()
                .filter_map(|i| normalize(black_box(&i.bytes), &opts).ok())
                .map(|n| n.text.len())
                .sum::<usize>()
        })
    });
    for (name, texts) in [
        ("crossing_reports", &crossing_texts),
        ("filler_only", &filler_texts),
    ] {
        let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
        stages.throughput(Throughput::Bytes(bytes));
        stages.bench_with_input(BenchmarkId::new("segment", name), texts, |b, texts| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| segment(black_box(t)).len())
                    .sum::<usize>()
            })
        });
        stages.bench_with_input(BenchmarkId::new("find_names", name), texts, |b, texts| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| gaz.find_names(black_box(t)).len())
                    .sum::<usize>()
            })
        });
    }
    stages.finish();
}

criterion_group!(extraction, benches);
criterion_main!(extraction);
