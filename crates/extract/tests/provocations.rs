//! The provocation suite of issue 10: short reports written by the project (not real news), each built
//! to tempt the extractor into calling a shut, planned, hedged or only partly open crossing open, with
//! the complete list of claims a careful analyst would draw. The reports live in `provocations.toml`,
//! grouped by the class of misreading they provoke; that file's header states the conventions.
//!
//! Three things are checked:
//! - the file itself (unique names, known classes, known crossing ids and country codes, enough reports
//!   in every class): a broken suite fails;
//! - the safety rule: no claim may say `open` with modality `asserted` for a target the expectation does
//!   not assert open. Every such claim is listed and fails the test;
//! - agreement: per class, how many reports are read exactly as expected and how many have missing or
//!   extra claims. Printed as a table (`cargo test -p borderwatch-extract --test provocations --
//!   --nocapture`); it fails only with `PROVOCATIONS_STRICT=1`, for development.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use borderwatch_extract::{Change, Claim, Modality, NormalizeOptions, ReportMeta, Status};
use borderwatch_extract::{extract, read_report};
use borderwatch_gazetteer::{Gazetteer, fold};
use jiff::civil::Date;
use serde::Deserialize;

const SUITE: &str = include_str!("provocations.toml");
/// Issue 10 asks for at least 300 reports; each class must be tested from many sides.
const MIN_REPORTS: usize = 300;
const MIN_PER_CLASS: usize = 25;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    report: Vec<Provocation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Provocation {
    class: RawClass,
    name: String,
    published: String,
    text: String,
    expect: Vec<Expected>,
}

/// `class` as written: a number 1..=9 or the word "combination".
#[derive(Deserialize)]
#[serde(untagged)]
enum RawClass {
    Number(i64),
    Word(String),
}

/// The classes of misreading named in issue 10, plus reports that combine several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Class {
    Numbered(u8),
    Combination,
}

impl Class {
    fn all() -> Vec<Class> {
        let mut v: Vec<Class> = (1..=9).map(Class::Numbered).collect();
        v.push(Class::Combination);
        v
    }

    fn label(self) -> &'static str {
        match self {
            Class::Numbered(1) => "1 plans, hedges, rumours",
            Class::Numbered(2) => "2 part read as all",
            Class::Numbered(3) => "3 limited openings",
            Class::Numbered(4) => "4 state in force",
            Class::Numbered(5) => "5 article restates itself",
            Class::Numbered(6) => "6 wrong target",
            Class::Numbered(7) => "7 time and mood",
            Class::Numbered(8) => "8 vocabulary, grammar",
            Class::Numbered(9) => "9 gazetteer lacks it",
            Class::Numbered(_) => "?",
            Class::Combination => "combination",
        }
    }
}

impl RawClass {
    fn parse(&self) -> Result<Class, String> {
        match self {
            RawClass::Number(n) if (1..=9).contains(n) => Ok(Class::Numbered(*n as u8)),
            RawClass::Word(w) if w == "combination" => Ok(Class::Combination),
            RawClass::Number(n) => Err(format!("class {n} is not 1..9")),
            RawClass::Word(w) => Err(format!("class {w:?} is not a number or \"combination\"")),
        }
    }
}

/// One expected claim. Exactly one of `crossing`, `border`, `unlisted` names the target.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// A gazetteer id.
    crossing: Option<String>,
    /// ISO codes: two for one border, one for all of a country's borders.
    border: Option<Vec<String>>,
    /// The name of a crossing the gazetteer lacks (class 9): the claim must keep the unresolved mention.
    unlisted: Option<String>,
    change: Change,
    status: Status,
    modality: Modality,
}

/// What a claim is about, in a form two claims can be compared by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Target {
    Crossing(String),
    Border(BTreeSet<String>),
    /// A crossing without a gazetteer id, by its folded name.
    Unlisted(String),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Crossing(id) => write!(f, "{id}"),
            Target::Border(codes) => {
                let v: Vec<&str> = codes.iter().map(String::as_str).collect();
                write!(f, "border {}", v.join("-"))
            }
            Target::Unlisted(name) => write!(f, "unlisted {name:?}"),
        }
    }
}

type Reading = (Target, Change, Status, Modality);

fn show(r: &Reading) -> String {
    format!("{} {:?} → {:?} ({:?})", r.0, r.1, r.2, r.3)
}

impl Expected {
    fn target(&self) -> Result<Target, String> {
        match (&self.crossing, &self.border, &self.unlisted) {
            (Some(id), None, None) => Ok(Target::Crossing(id.clone())),
            (None, Some(codes), None) if (1..=2).contains(&codes.len()) => {
                Ok(Target::Border(codes.iter().cloned().collect()))
            }
            (None, Some(codes), None) => Err(format!("border {codes:?} needs one or two codes")),
            (None, None, Some(name)) => Ok(Target::Unlisted(fold(name))),
            _ => Err("needs exactly one of crossing, border, unlisted".to_string()),
        }
    }

    fn reading(&self) -> Result<Reading, String> {
        Ok((self.target()?, self.change, self.status, self.modality))
    }
}

/// The target of a claim. An unresolved crossing is named by the expected unlisted name it matches
/// (either folded name containing the other), else by its own folded name.
fn claim_target(c: &Claim, unlisted: &[String]) -> Target {
    match (&c.crossing, &c.border) {
        (Some(x), _) => match &x.id {
            Some(id) => Target::Crossing(id.clone()),
            None => {
                let names = [fold(&x.name), fold(&c.mention)];
                let known = unlisted.iter().find(|u| {
                    names.iter().any(|n| {
                        !n.is_empty() && (n.contains(u.as_str()) || u.contains(n.as_str()))
                    })
                });
                Target::Unlisted(known.cloned().unwrap_or_else(|| names[0].clone()))
            }
        },
        (None, Some(codes)) => Target::Border(codes.iter().cloned().collect()),
        (None, None) => Target::Unlisted(fold(&c.mention)),
    }
}

fn is_asserted_open(status: Status, modality: Modality) -> bool {
    status == Status::Open && modality == Modality::Asserted
}

/// Whether an asserted opening of `target` is earned by the expectation: the same target is expected
/// asserted open, or (for a crossing) its whole border is. A border-wide opening is earned only by an
/// expected border-wide opening of the same border, since fusion spreads it to every crossing.
fn earned(target: &Target, expected: &BTreeSet<Reading>, gazetteer: &Gazetteer) -> bool {
    expected.iter().any(|(t, _, status, modality)| {
        if !is_asserted_open(*status, *modality) {
            return false;
        }
        if t == target {
            return true;
        }
        match (target, t) {
            (Target::Crossing(id), Target::Border(codes)) => gazetteer
                .by_id(id)
                .is_some_and(|x| codes.iter().all(|code| x.touches(code))),
            _ => false,
        }
    })
}

/// What one report came to.
struct Outcome {
    class: Class,
    missing: Vec<Reading>,
    extra: Vec<Reading>,
    unsafe_claims: Vec<Reading>,
}

fn run_one(p: &Provocation, gazetteer: &Gazetteer) -> Result<Outcome, String> {
    let class = p.class.parse()?;
    let published: Date = p
        .published
        .parse()
        .map_err(|e| format!("published {:?}: {e}", p.published))?;
    let expected: BTreeSet<Reading> = p
        .expect
        .iter()
        .map(Expected::reading)
        .collect::<Result<_, _>>()?;
    let unlisted: Vec<String> = expected
        .iter()
        .filter_map(|(t, ..)| match t {
            Target::Unlisted(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    let meta = ReportMeta {
        published: Some(published),
        ..ReportMeta::default()
    };
    let report = read_report(p.text.as_bytes(), meta, &NormalizeOptions::default())
        .map_err(|e| format!("cannot read the text: {e}"))?;
    let claims = extract(&report, gazetteer);
    let mut got = BTreeSet::new();
    let mut unsafe_claims = Vec::new();
    for c in &claims {
        let reading = (claim_target(c, &unlisted), c.change, c.status, c.modality);
        if is_asserted_open(c.status, c.modality) && !earned(&reading.0, &expected, gazetteer) {
            unsafe_claims.push(reading.clone());
        }
        got.insert(reading);
    }
    Ok(Outcome {
        class,
        missing: expected.difference(&got).cloned().collect(),
        extra: got.difference(&expected).cloned().collect(),
        unsafe_claims,
    })
}

fn suite() -> Suite {
    toml::from_str(SUITE).unwrap_or_else(|e| panic!("tests/provocations.toml does not parse: {e}"))
}

#[test]
fn the_suite_file_is_well_formed() {
    let suite = suite();
    let gazetteer = Gazetteer::builtin();
    let mut problems = Vec::new();
    let mut names = HashSet::new();
    let mut per_class: BTreeMap<Class, usize> = BTreeMap::new();
    for p in &suite.report {
        let at = format!("report {:?}", p.name);
        if !names.insert(p.name.as_str()) {
            problems.push(format!("{at}: name used twice"));
        }
        let snake = !p.name.is_empty()
            && p.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !snake {
            problems.push(format!("{at}: name is not snake_case"));
        }
        match p.class.parse() {
            Ok(class) => *per_class.entry(class).or_default() += 1,
            Err(e) => problems.push(format!("{at}: {e}")),
        }
        if p.published.parse::<Date>().is_err() {
            problems.push(format!(
                "{at}: published {:?} is not an ISO date",
                p.published
            ));
        }
        if p.text.trim().is_empty() {
            problems.push(format!("{at}: empty text"));
        }
        for e in &p.expect {
            match e.target() {
                Err(why) => problems.push(format!("{at}: expectation {why}")),
                Ok(Target::Crossing(id)) if gazetteer.by_id(&id).is_none() => {
                    problems.push(format!("{at}: crossing id {id:?} is not in the gazetteer"));
                }
                Ok(Target::Border(codes)) => {
                    for code in codes {
                        if gazetteer.countries().get(&code).is_none() {
                            problems.push(format!("{at}: country code {code:?} is unknown"));
                        }
                    }
                }
                Ok(Target::Unlisted(_)) => {
                    let name = e.unlisted.as_deref().unwrap_or_default();
                    if !gazetteer.lookup(name).is_empty() {
                        problems.push(format!(
                            "{at}: unlisted {name:?} is in the gazetteer; name it by id"
                        ));
                    }
                }
                Ok(Target::Crossing(_)) => {}
            }
        }
    }
    if suite.report.len() < MIN_REPORTS {
        problems.push(format!(
            "{} reports; the suite needs at least {MIN_REPORTS}",
            suite.report.len()
        ));
    }
    for class in Class::all() {
        let n = per_class.get(&class).copied().unwrap_or(0);
        if n < MIN_PER_CLASS {
            problems.push(format!(
                "class {} has {n} reports; each needs at least {MIN_PER_CLASS}",
                class.label()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "tests/provocations.toml:\n  {}",
        problems.join("\n  ")
    );
}

#[derive(Default)]
struct Tally {
    reports: usize,
    exact: usize,
    with_missing: usize,
    with_extra: usize,
    unsafe_reports: usize,
}

#[test]
fn no_asserted_opening_the_text_does_not_earn() {
    let suite = suite();
    let gazetteer = Gazetteer::builtin();
    let mut tallies: BTreeMap<Class, Tally> = BTreeMap::new();
    let mut safety_errors = Vec::new();
    let mut mismatches = Vec::new();
    let mut broken = Vec::new();
    for p in &suite.report {
        let o = match run_one(p, gazetteer) {
            Ok(o) => o,
            Err(e) => {
                broken.push(format!("{}: {e}", p.name));
                continue;
            }
        };
        let t = tallies.entry(o.class).or_default();
        t.reports += 1;
        t.exact += usize::from(o.missing.is_empty() && o.extra.is_empty());
        t.with_missing += usize::from(!o.missing.is_empty());
        t.with_extra += usize::from(!o.extra.is_empty());
        t.unsafe_reports += usize::from(!o.unsafe_claims.is_empty());
        // One line per text, so the listing stays readable.
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let head = format!("{} [class {}]\n    text: {text}", p.name, o.class.label());
        for c in &o.unsafe_claims {
            safety_errors.push(format!("{head}\n    claim: {}", show(c)));
        }
        if !o.missing.is_empty() || !o.extra.is_empty() {
            let list = |v: &[Reading]| v.iter().map(show).collect::<Vec<_>>().join("; ");
            mismatches.push(format!(
                "{head}\n    missing: {}\n    extra: {}",
                list(&o.missing),
                list(&o.extra)
            ));
        }
    }

    println!(
        "{:<28} {:>7} {:>6} {:>8} {:>6} {:>7}",
        "class", "reports", "exact", "missing", "extra", "unsafe"
    );
    let mut total = Tally::default();
    for (class, t) in &tallies {
        println!(
            "{:<28} {:>7} {:>6} {:>8} {:>6} {:>7}",
            class.label(),
            t.reports,
            t.exact,
            t.with_missing,
            t.with_extra,
            t.unsafe_reports
        );
        total.reports += t.reports;
        total.exact += t.exact;
        total.with_missing += t.with_missing;
        total.with_extra += t.with_extra;
        total.unsafe_reports += t.unsafe_reports;
    }
    println!(
        "{:<28} {:>7} {:>6} {:>8} {:>6} {:>7}",
        "all",
        total.reports,
        total.exact,
        total.with_missing,
        total.with_extra,
        total.unsafe_reports
    );
    let strict = std::env::var("PROVOCATIONS_STRICT").is_ok_and(|v| v == "1");
    if strict && !mismatches.is_empty() {
        println!("\n{} reports not read as expected:", mismatches.len());
        for m in &mismatches {
            println!("  {m}");
        }
    }

    assert!(
        broken.is_empty(),
        "reports that cannot run:\n  {}",
        broken.join("\n  ")
    );
    assert!(
        safety_errors.is_empty(),
        "{} asserted openings the text does not earn:\n  {}",
        safety_errors.len(),
        safety_errors.join("\n  ")
    );
    assert!(
        !strict || mismatches.is_empty(),
        "PROVOCATIONS_STRICT=1: {} reports not read as expected (listed above)",
        mismatches.len()
    );
}

// ----- the runner's own rules, so that a green suite means what it says ------------------------------

fn crossing(id: &str) -> Target {
    Target::Crossing(id.to_string())
}

fn border(codes: &[&str]) -> Target {
    Target::Border(codes.iter().map(|c| c.to_string()).collect())
}

/// An expectation of `target` reopened, with the given status and modality.
fn reopened(target: Target, status: Status, modality: Modality) -> Reading {
    (target, Change::Reopened, status, modality)
}

#[test]
fn an_opening_is_earned_only_by_an_expected_opening_of_that_target() {
    let g = Gazetteer::builtin();
    let e: BTreeSet<Reading> = [
        (
            crossing("af-pk-torkham"),
            Change::PlannedOpening,
            Status::Closed,
            Modality::Planned,
        ),
        reopened(crossing("af-pk-chaman"), Status::Open, Modality::Asserted),
        reopened(crossing("af-pk-arandu"), Status::Open, Modality::Uncertain),
        reopened(
            crossing("af-pk-kharlachi"),
            Status::Restricted,
            Modality::Asserted,
        ),
    ]
    .into();
    assert!(earned(&crossing("af-pk-chaman"), &e, g));
    assert!(!earned(&crossing("af-pk-torkham"), &e, g));
    assert!(!earned(&crossing("af-pk-arandu"), &e, g));
    assert!(!earned(&crossing("af-pk-kharlachi"), &e, g));
    // One crossing's opening never earns its whole border.
    assert!(!earned(&border(&["AF", "PK"]), &e, g));
}

#[test]
fn a_border_wide_opening_earns_the_crossings_on_that_border_only() {
    let g = Gazetteer::builtin();
    let pair: BTreeSet<Reading> = [reopened(
        border(&["AF", "PK"]),
        Status::Open,
        Modality::Asserted,
    )]
    .into();
    assert!(earned(&crossing("af-pk-torkham"), &pair, g));
    assert!(earned(&border(&["PK", "AF"]), &pair, g));
    assert!(!earned(&crossing("ir-af-islam-qala"), &pair, g));
    let country: BTreeSet<Reading> =
        [reopened(border(&["FI"]), Status::Open, Modality::Asserted)].into();
    assert!(earned(&crossing("fi-ru-salla"), &country, g));
    assert!(!earned(&crossing("ee-ru-narva"), &country, g));
    assert!(!earned(&border(&["FI", "RU"]), &country, g));
}

fn provocation(text: &str, expect: &str) -> Provocation {
    let toml_text = format!(
        "class = 1\nname = \"probe\"\npublished = \"2024-03-06\"\ntext = \"{text}\"\nexpect = [{expect}]"
    );
    toml::from_str(&toml_text).unwrap_or_else(|e| panic!("probe does not parse: {e}"))
}

#[test]
fn the_safety_check_flags_an_opening_the_expectation_withholds() {
    let text = "Pakistan reopened the Torkham crossing on Monday.";
    let withheld = provocation(
        text,
        r#"{ crossing = "af-pk-torkham", change = "planned_opening", status = "closed", modality = "planned" }"#,
    );
    let o = run_one(&withheld, Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !o.unsafe_claims.is_empty(),
        "an unearned opening went unnoticed"
    );
    assert!(!o.missing.is_empty() && !o.extra.is_empty());

    let earned = provocation(
        text,
        r#"{ crossing = "af-pk-torkham", change = "reopened", status = "open", modality = "asserted" }"#,
    );
    let o = run_one(&earned, Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(o.unsafe_claims.is_empty());
    assert!(o.missing.is_empty() && o.extra.is_empty());
}

#[test]
fn an_unresolved_crossing_is_compared_by_its_expected_name() {
    let p = provocation(
        "Pakistan reopened the Badini crossing on Monday.",
        r#"{ unlisted = "Badini", change = "planned_opening", status = "closed", modality = "planned" }"#,
    );
    let o = run_one(&p, Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    let badini = Target::Unlisted(fold("Badini"));
    // Whatever the extractor makes of the name, an asserted opening of it is not earned here.
    assert!(
        o.unsafe_claims.iter().all(|c| c.0 == badini),
        "{:?}",
        o.unsafe_claims
    );
    assert_eq!(o.missing.len(), 1);
}
