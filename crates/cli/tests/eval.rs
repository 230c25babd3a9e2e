//! End-to-end tests of `borderwatch eval`'s halves (`--half`) and per-file figures (`--by-file`):
//! the built binary runs as a real process on real temp files. The reports are sentences we wrote
//! for this test. Their ids are chosen for their halves: by `printf '%s' ID | sha256sum`, the first
//! byte is 0x82 for r1 and 0xe4 for r3 (even: dev), 0xdb for r2 and 0x2d for x (odd: held).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Two texts files and two gold files that split the four reports differently, so a breakdown by
/// texts file and one by gold file can be told apart.
struct Corpus {
    _dir: tempfile::TempDir,
    texts: Vec<PathBuf>,
    gold: Vec<PathBuf>,
}

const ONE_LINERS: &str = r#"{"id": "r1", "date": "2026-03-03", "text": "Pakistan closed the Torkham border crossing with Afghanistan on Tuesday after clashes between border guards."}
{"id": "r2", "date": "2026-03-06", "text": "The Wagah border crossing between India and Pakistan reopened on Friday, officials said."}
"#;
const ARTICLES: &str = r#"{"id": "r3", "date": "2026-03-08", "text": "The weather in the capital stayed mild on Sunday.\n\nMarkets were quiet."}
{"id": "x", "date": "2026-03-09", "text": "Hungary closed its border with Serbia at midnight, the interior ministry said.\n\nLorries queued for hours."}
"#;
const GOLD_EVEN: &str = r#"{"id": "r1", "events": [{"crossing": "Torkham", "mention": "Torkham border crossing", "country_a": "PK", "country_b": "AF", "status": "closed", "change": "closed"}]}
{"id": "r3", "events": []}
"#;
const GOLD_ODD: &str = r#"{"id": "r2", "events": [{"crossing": "Wagah–Attari", "mention": "Wagah border crossing", "country_a": "IN", "country_b": "PK", "status": "open", "change": "reopened"}]}
{"id": "x", "events": [{"crossing": null, "mention": "its border with Serbia", "country_a": "HU", "country_b": "RS", "status": "closed", "change": "closed"}]}
"#;

fn corpus() -> Corpus {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("creating a temporary directory: {e}"),
    };
    let write = |name: &str, content: &str| -> PathBuf {
        let p = dir.path().join(name);
        if let Err(e) = std::fs::write(&p, content) {
            panic!("writing {}: {e}", p.display());
        }
        p
    };
    let texts = vec![
        write("one-liners.jsonl", ONE_LINERS),
        write("articles.jsonl", ARTICLES),
    ];
    let gold = vec![
        write("gold-even.jsonl", GOLD_EVEN),
        write("gold-odd.jsonl", GOLD_ODD),
    ];
    Corpus {
        _dir: dir,
        texts,
        gold,
    }
}

fn eval(texts: &[PathBuf], gold: &[PathBuf], extra: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    // A user gazetteer on this machine must not change what the built-in one gives.
    cmd.env(
        "XDG_DATA_HOME",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("clitests-empty-data-home"),
    );
    cmd.stdin(Stdio::null()).arg("eval");
    for t in texts {
        cmd.arg("--texts").arg(t);
    }
    for g in gold {
        cmd.arg("--gold").arg(g);
    }
    cmd.args(extra);
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch eval: {e}"),
    }
}

fn json(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "exit {:?}, stderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&o.stdout)
        ),
    }
}

fn num(v: &Value, path: &str) -> u64 {
    match v.pointer(path).and_then(Value::as_u64) {
        Some(n) => n,
        None => panic!("no number at {path} in {v}"),
    }
}

/// (tp, fp, fn) of (crossing, change).
fn counts(scores: &Value) -> (u64, u64, u64) {
    (
        num(scores, "/change/tp"),
        num(scores, "/change/fp"),
        num(scores, "/change/fn"),
    )
}

/// (part name, reports, (tp, fp, fn)) of each part in a breakdown.
fn parts(v: &Value, key: &str) -> Vec<(String, u64, (u64, u64, u64))> {
    let Some(list) = v.get(key).and_then(Value::as_array) else {
        panic!("no {key} list in {v}");
    };
    list.iter()
        .map(|p| {
            let name = p.get("part").and_then(Value::as_str).unwrap_or("?");
            let scores = &p["scores"];
            (name.to_string(), num(scores, "/reports"), counts(scores))
        })
        .collect()
}

fn sum(parts: &[(String, u64, (u64, u64, u64))]) -> (u64, u64, u64) {
    parts
        .iter()
        .fold((0, 0, 0), |a, (_, _, c)| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
}

#[test]
fn by_file_gives_each_texts_and_gold_file_its_own_figures() {
    let c = corpus();
    let v = json(&eval(&c.texts, &c.gold, &["--json", "--by-file"]));
    assert_eq!(v["half"], Value::Null);
    assert_eq!(num(&v, "/joined_reports"), 4);
    assert_eq!(num(&v, "/scores/reports"), 4);
    let whole = counts(&v["scores"]);
    assert!(whole.0 >= 1, "the closure of Torkham is found: {whole:?}");

    let by_texts = parts(&v, "by_texts_file");
    let names: Vec<(&str, u64)> = by_texts.iter().map(|(n, r, _)| (n.as_str(), *r)).collect();
    assert_eq!(names, [("one-liners.jsonl", 2), ("articles.jsonl", 2)]);
    assert_eq!(sum(&by_texts), whole);

    // Gold files come in gold order: r1 (gold-even) is the first joined report.
    let by_gold = parts(&v, "by_gold_file");
    let names: Vec<(&str, u64)> = by_gold.iter().map(|(n, r, _)| (n.as_str(), *r)).collect();
    assert_eq!(names, [("gold-even.jsonl", 2), ("gold-odd.jsonl", 2)]);
    assert_eq!(sum(&by_gold), whole);

    // Without --by-file the JSON carries no breakdown.
    let v = json(&eval(&c.texts, &c.gold, &["--json"]));
    assert!(v.get("by_texts_file").is_none() && v.get("by_gold_file").is_none());

    // The table prints one row per file and the whole run.
    let o = eval(&c.texts, &c.gold, &["--by-file"]);
    assert!(o.status.success());
    let table = String::from_utf8_lossy(&o.stdout);
    for line_start in [
        "by texts file",
        "one-liners.jsonl",
        "articles.jsonl",
        "by gold file",
        "gold-even.jsonl",
        "gold-odd.jsonl",
        "all",
    ] {
        assert!(
            table.lines().any(|l| l.starts_with(line_start)),
            "no line starting {line_start:?} in:\n{table}"
        );
    }
}

#[test]
fn the_halves_partition_the_reports_by_id() {
    let c = corpus();
    let all = json(&eval(&c.texts, &c.gold, &["--json"]));
    let dev = json(&eval(
        &c.texts,
        &c.gold,
        &["--json", "--half", "dev", "--by-file"],
    ));
    let held = json(&eval(&c.texts, &c.gold, &["--json", "--half", "held"]));
    assert_eq!(dev["half"], "dev");
    assert_eq!(held["half"], "held");
    assert_eq!(num(&dev, "/joined_reports"), 4);
    assert_eq!(num(&dev, "/scores/reports"), 2);
    assert_eq!(num(&held, "/scores/reports"), 2);
    // r1 and r3 are dev: gold-even.jsonl only, one report from each texts file.
    let names: Vec<(String, u64)> = parts(&dev, "by_gold_file")
        .into_iter()
        .map(|(n, r, _)| (n, r))
        .collect();
    assert_eq!(names, [("gold-even.jsonl".to_string(), 2)]);
    assert_eq!(parts(&dev, "by_texts_file").len(), 2);
    // Each report is scored in exactly one half, so the counts add up.
    let (d, h, a) = (
        counts(&dev["scores"]),
        counts(&held["scores"]),
        counts(&all["scores"]),
    );
    assert_eq!((d.0 + h.0, d.1 + h.1, d.2 + h.2), a);
    assert_eq!(
        num(&dev, "/scores/gold_events") + num(&held, "/scores/gold_events"),
        3
    );

    let o = eval(&c.texts, &c.gold, &["--half", "held"]);
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(
        table.starts_with("half held: 2 of 4 joined reports"),
        "{table}"
    );
}

#[test]
fn a_bad_or_empty_half_is_a_clear_error() {
    let c = corpus();
    let o = eval(&c.texts, &c.gold, &["--half", "odd"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("dev") && err.contains("held"), "{err}");

    // Only the dev reports' gold: the held half of them is empty, and the command says so.
    let o = eval(&c.texts, &c.gold[..1], &["--half", "held"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("none of the 2 joined reports is in the held half"),
        "{err}"
    );
}
