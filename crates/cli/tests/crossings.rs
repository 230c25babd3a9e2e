//! End-to-end tests of `borderwatch crossings`: the built binary runs as a real process.
//!
//! The expected Iranian land crossings below are written from geography, not read from the gazetteer, so
//! a crossing dropped from the data (or filed under the wrong border) fails here.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use unicode_normalization::UnicodeNormalization;

/// A data directory with no user gazetteer in it, so only the built-in gazetteer is seen.
fn no_user_data() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("clitests-empty-data-home")
}

fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", no_user_data())
        .args(args)
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    }
}

fn ok_stdout(args: &[&str]) -> String {
    let o = run(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "borderwatch {args:?}: exit {:?}\n{err}",
        o.status.code()
    );
    assert!(!err.contains("panicked"), "{err}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_list(args: &[&str]) -> Vec<Value> {
    let out = ok_stdout(args);
    match serde_json::from_str::<Value>(&out) {
        Ok(Value::Array(a)) => a,
        Ok(other) => panic!("borderwatch {args:?}: expected a JSON array, got {other}"),
        Err(e) => panic!("borderwatch {args:?}: not JSON ({e}):\n{out}"),
    }
}

/// Lower case, no diacritics, no spaces or punctuation; Turkish dotless ı as i.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ı' { 'i' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn countries(c: &Value) -> BTreeSet<String> {
    c["countries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

fn folded_names(c: &Value) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = c["aliases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["text"].as_str().map(fold))
        .collect();
    if let Some(n) = c["name"].as_str() {
        names.insert(fold(n));
    }
    names
}

/// Every official land crossing of Iran with Iraq, Turkey, Afghanistan, Pakistan, Armenia, Azerbaijan and
/// Turkmenistan that borderwatch must know: (neighbour, spellings on either side of the line).
const IRAN_CROSSINGS: &[(&str, &[&str])] = &[
    ("IQ", &["Bashmagh", "Bashmaq", "Bashmakh"]),
    (
        "IQ",
        &["Parviz Khan", "Parvizkhan", "Parwezkhan", "Parwiz Khan"],
    ),
    (
        "IQ",
        &["Haji Omaran", "Hajji Omaran", "Haj Omaran", "Tamarchin"],
    ),
    ("IQ", &["Mehran", "Zurbatiyah", "Zurbatiya"]),
    ("IQ", &["Shalamcheh", "Shalamcha", "Shalamche"]),
    (
        "IQ",
        &["Chazabeh", "Chazzabeh", "Chazabe", "Al-Sheeb", "Sheeb"],
    ),
    (
        "IQ",
        &["Khosravi", "Mundhiriya", "Munthiriya", "Al-Mundhiriya"],
    ),
    ("TR", &["Bazargan", "Gürbulak"]),
    ("TR", &["Razi", "Kapıköy"]),
    ("TR", &["Serow", "Sero", "Esendere"]),
    (
        "AF",
        &["Dogharoun", "Dogharun", "Islam Qala", "Islam Qaleh"],
    ),
    ("AF", &["Milak", "Zaranj"]),
    ("PK", &["Mirjaveh", "Taftan"]),
    ("AM", &["Agarak", "Norduz", "Nordooz", "Nurduz"]),
    ("AZ", &["Astara"]),
    ("AZ", &["Jolfa", "Julfa", "Culfa"]),
    ("AZ", &["Bilasuvar", "Bileh Savar", "Bilesuvar"]),
    ("AZ", &["Poldasht", "Shahtakhti", "Şahtaxtı"]),
    ("TM", &["Sarakhs", "Saragt"]),
    ("TM", &["Bajgiran", "Gaudan", "Howdan"]),
    ("TM", &["Lotfabad", "Artyk"]),
    ("TM", &["Incheh Borun", "Inche Borun", "Akyayla", "Etrek"]),
];

#[test]
fn iran_lists_every_official_land_crossing() {
    let list = json_list(&["crossings", "--country", "IR", "--json"]);
    assert!(!list.is_empty(), "no crossing of IR at all");
    for c in &list {
        assert!(
            countries(c).contains("IR"),
            "--country IR listed a crossing not on Iran's border: {}",
            c["id"]
        );
    }
    let mut missing = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (neighbour, spellings) in IRAN_CROSSINGS {
        let want: BTreeSet<String> = spellings.iter().map(|s| fold(s)).collect();
        let found = list.iter().find(|c| {
            let cc = countries(c);
            cc.contains(*neighbour) && folded_names(c).iter().any(|n| want.contains(n))
        });
        match found {
            None => {
                // Say whether the name is there under another border, which is a different bug.
                let elsewhere: Vec<String> = list
                    .iter()
                    .filter(|c| folded_names(c).iter().any(|n| want.contains(n)))
                    .map(|c| format!("{} {:?}", c["id"], countries(c)))
                    .collect();
                missing.push(format!(
                    "IR–{neighbour} {}{}",
                    spellings[0],
                    if elsewhere.is_empty() {
                        String::new()
                    } else {
                        format!(" (found on another border: {})", elsewhere.join(", "))
                    }
                ));
            }
            Some(c) => {
                let id = c["id"].as_str().unwrap_or("?").to_string();
                // Two expected crossings must not fold onto one record.
                if let Some(prev) = seen.insert(id.clone(), spellings[0]) {
                    missing.push(format!(
                        "{} and {} are the same record {id}",
                        prev, spellings[0]
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "crossings of Iran missing from `crossings --country IR`:\n- {}",
        missing.join("\n- ")
    );
}

#[test]
fn country_code_is_case_insensitive_and_unknown_codes_are_refused() {
    let upper = json_list(&["crossings", "--country", "IR", "--json"]);
    let lower = json_list(&["crossings", "--country", "ir", "--json"]);
    assert_eq!(upper, lower);
    let o = run(&["crossings", "--country", "XQ"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("XQ") && !err.contains("panicked"), "{err}");
}

#[test]
fn bashmagh_is_found_in_every_spelling() {
    for q in [
        "Bashmagh",
        "Bashmaq",
        "Bashmakh",
        "bashmaq",
        "BASHMAGH",
        "باشماق",
    ] {
        let list = json_list(&["crossings", q, "--json"]);
        let ids: Vec<&str> = list.iter().filter_map(|c| c["id"].as_str()).collect();
        assert!(
            ids.contains(&"ir-iq-bashmagh"),
            "`crossings {q}` gives {ids:?}, not ir-iq-bashmagh"
        );
        assert_eq!(
            ids.first(),
            Some(&"ir-iq-bashmagh"),
            "`crossings {q}` should rank Bashmagh first: {ids:?}"
        );
    }
    // The human listing too.
    let out = ok_stdout(&["crossings", "باشماق"]);
    assert!(out.contains("ir-iq-bashmagh"), "{out}");
}

#[test]
fn a_query_that_matches_nothing_says_so() {
    let o = run(&["crossings", "Zzyzxqwv"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("no crossing matches"), "{out}");
    assert_eq!(
        json_list(&["crossings", "Zzyzxqwv", "--json"]),
        Vec::<Value>::new()
    );
}

/// Rows of the Markdown table under the heading that contains `heading`: (first cell, number).
fn table_rows(md: &str, heading: &str) -> Vec<(String, usize)> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in md.lines() {
        if line.starts_with("## ") {
            inside = line.to_lowercase().contains(heading);
            continue;
        }
        if !inside
            || !line.starts_with('|')
            || line.starts_with("|---")
            || line.starts_with("| ---")
        {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if let [key, n] = cells[..]
            && let Ok(n) = n.parse::<usize>()
        {
            rows.push((key.to_string(), n));
        }
    }
    rows
}

#[test]
fn stats_is_a_markdown_coverage_report() {
    let md = ok_stdout(&["crossings", "--stats"]);
    assert!(md.starts_with("# "), "no top heading:\n{md}");
    for needle in ["## ", "|---|---|"] {
        assert!(md.contains(needle), "no {needle:?} in:\n{md}");
    }

    let scripts = table_rows(&md, "script");
    let script: BTreeMap<&str, usize> = scripts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    for s in ["Latin", "Arabic", "Cyrillic"] {
        assert!(
            script.get(s).is_some_and(|&n| n > 0),
            "per-script table has no {s} aliases: {scripts:?}"
        );
    }

    let pairs = table_rows(&md, "pair");
    assert!(pairs.len() > 10, "per-pair table too small: {pairs:?}");
    // The per-pair numbers must agree with what `crossings --country IR` lists.
    let list = json_list(&["crossings", "--country", "IR", "--json"]);
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for c in &list {
        let cc: Vec<String> = countries(c).into_iter().collect();
        *expected.entry(cc.join("-")).or_default() += 1;
    }
    let mut reported: BTreeMap<String, usize> = BTreeMap::new();
    for (pair, n) in &pairs {
        let mut cc: Vec<&str> = pair
            .split(['-', '–', ' ', '/'])
            .filter(|s| s.len() == 2)
            .collect();
        cc.sort_unstable();
        if cc.contains(&"IR") {
            *reported.entry(cc.join("-")).or_default() += n;
        }
    }
    assert_eq!(
        reported, expected,
        "--stats per-pair counts for Iran disagree with `crossings --country IR`"
    );
    for pair in [
        "AF-IR", "AM-IR", "AZ-IR", "IQ-IR", "IR-PK", "IR-TM", "IR-TR",
    ] {
        assert!(
            reported.contains_key(pair),
            "no {pair} row in the per-pair table"
        );
    }

    // The JSON form carries the same counts.
    let out = ok_stdout(&["crossings", "--stats", "--json"]);
    let v: Value = match serde_json::from_str(&out) {
        Ok(v) => v,
        Err(e) => panic!("--stats --json is not JSON ({e})"),
    };
    assert_eq!(
        v["per_script"]["Arabic"].as_u64(),
        script.get("Arabic").map(|&n| n as u64)
    );
}
