//! End-to-end tests of `borderwatch ingest` and the status it leads to: the real binary on real SQLite
//! files in temp dirs.
//!
//! Covers the October 2017 Iran–Kurdistan Region samples (`samples/kurdistan-2017/`) ingested in several
//! orders, the seed report and `shared/data/news` (skipped, with a note, when `shared/` is absent),
//! idempotence, every kind of input, failures that skip one report, and the default store path.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SAMPLES: &str = "samples/kurdistan-2017/reports.jsonl";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bin(data_home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    // No user gazetteer or store of this machine may leak in.
    cmd.env("XDG_DATA_HOME", data_home);
    cmd.stdin(Stdio::null());
    cmd
}

fn run_in(dir: &Path, db: &Path, args: &[&str]) -> Output {
    let mut cmd = bin(dir);
    cmd.arg("--db").arg(db).args(args);
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    }
}

fn run_stdin(dir: &Path, db: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut cmd = bin(dir);
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => panic!("waiting for borderwatch: {e}"),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json(o: &Output) -> Value {
    match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => panic!(
            "not JSON ({e}): {}\nstderr: {}",
            text(&o.stdout),
            text(&o.stderr)
        ),
    }
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

fn tempdir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(d) = path.parent()
        && let Err(e) = std::fs::create_dir_all(d)
    {
        panic!("{e}");
    }
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
}

fn sample_lines() -> Vec<String> {
    let path = workspace().join(SAMPLES);
    match std::fs::read_to_string(&path) {
        Ok(s) => s.lines().map(str::to_string).collect(),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

/// A deterministic shuffle (Fisher–Yates over SplitMix64), so a failing order can be replayed.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut s = seed;
    let mut next = || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut v = items.to_vec();
    for i in (1..v.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

fn status_json(dir: &Path, db: &Path, crossing: &str, at: &str) -> Value {
    let o = run_in(dir, db, &["status", crossing, "--at", at, "--json"]);
    ok(&o);
    json(&o)
}

fn timeline_statuses(dir: &Path, db: &Path, crossing: &str) -> Vec<String> {
    let o = run_in(dir, db, &["timeline", crossing, "--json"]);
    ok(&o);
    json(&o)["timeline"]["intervals"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|iv| iv["status"].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The story as the issue tells it, whatever order the reports arrive in: Bashmagh open since the
/// 25th on two independent sources (the two wire copies count once, three copies in all), the other
/// two closed, the closure/denial conflict shown, and the same timelines for every order.
#[test]
fn the_kurdistan_samples_tell_the_same_story_in_any_order() {
    let lines = sample_lines();
    assert!(lines.len() >= 8, "at least 8 sample reports");
    let mut first_timelines: Option<String> = None;
    for seed in 1..=6u64 {
        let dir = tempdir();
        let db = dir.path().join("k.db");
        let order = shuffled(&lines, seed);
        // Two runs of ingest, so both the store's idempotence and incremental arrival are exercised.
        let (a, b) = order.split_at(order.len() / 2);
        for (k, part) in [a, b].iter().enumerate() {
            let f = dir.path().join(format!("part{k}.jsonl"));
            write(&f, (part.join("\n") + "\n").as_bytes());
            ok(&run_in(dir.path(), &db, &["ingest", &f.to_string_lossy()]));
        }

        let b = status_json(dir.path(), &db, "bashmagh", "2017-10-26");
        let st = &b["status"];
        assert_eq!(st["status"], "open", "seed {seed}: {b:#}");
        assert_eq!(st["since"], "2017-10-25", "seed {seed}");
        assert_eq!(
            st["independent_sources"], 2,
            "seed {seed}: copies count once"
        );
        assert_eq!(
            b["copies"], 3,
            "seed {seed}: two wire copies and the traders' report"
        );
        let before = &b["before"];
        assert_eq!(before["status"], "closed", "seed {seed}: {b:#}");
        assert_eq!(before["from"], "2017-10-15", "seed {seed}");
        let kinds: Vec<&str> = before["conflicts"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c["kind"].as_str()).collect())
            .unwrap_or_default();
        assert!(kinds.contains(&"closure_denied"), "seed {seed}: {before:#}");

        for other in ["parviz khan", "haji omaran"] {
            let s = status_json(dir.path(), &db, other, "2017-10-26");
            assert_eq!(
                s["status"]["status"], "closed",
                "seed {seed}: {other}: {s:#}"
            );
            assert_eq!(s["status"]["since"], "2017-10-15", "seed {seed}: {other}");
        }
        assert_eq!(
            timeline_statuses(dir.path(), &db, "bashmagh"),
            vec!["unknown", "closed", "open"],
            "seed {seed}"
        );

        // A distractor on another border stays its own story.
        let h = status_json(dir.path(), &db, "habur", "2017-10-26");
        assert_eq!(h["status"]["status"], "open");
        let m = status_json(dir.path(), &db, "mehran", "2017-10-26");
        assert_eq!(
            m["status"]["status"], "unknown",
            "Mehran is not one of the three"
        );

        // Every order gives the same timelines, byte for byte.
        let mut all = String::new();
        for c in ["bashmagh", "parviz khan", "haji omaran", "habur", "torkham"] {
            let o = run_in(dir.path(), &db, &["timeline", c, "--json"]);
            ok(&o);
            all.push_str(&text(&o.stdout));
        }
        match &first_timelines {
            None => first_timelines = Some(all),
            Some(f) => assert_eq!(f, &all, "seed {seed} gives other timelines"),
        }
    }
}

#[test]
fn status_and_timeline_read_well_for_people() {
    let dir = tempdir();
    let db = dir.path().join("k.db");
    let samples = workspace().join(SAMPLES);
    ok(&run_in(
        dir.path(),
        &db,
        &["ingest", &samples.to_string_lossy()],
    ));
    let o = run_in(
        dir.path(),
        &db,
        &["status", "bashmagh", "--at", "2017-10-26"],
    );
    ok(&o);
    let out = text(&o.stdout);
    assert!(
        out.contains("open since 2017-10-25 — last confirmed 2017-10-26, the day asked"),
        "{out}"
    );
    assert!(out.contains("2 independent sources (3 copies)"), "{out}");
    assert!(out.contains("Farhad Rostami"), "on whose word: {out}");
    assert!(
        out.contains("before: closed 2017-10-15 → 2017-10-25"),
        "{out}"
    );
    // The closure before, and its denial, told in a sentence.
    assert!(
        out.contains("sources disagree: On 15 Oct 2017 Karwan Aziz (a spokesman for the region's border authority) said the crossing closed; a spokesman for Iran's foreign ministry denied it the same day (1 source each)."),
        "{out}"
    );
    // The quoted evidence is the reopening's sentence ("… is open again" is the same reopening,
    // told twice in one report, so one claim with the first telling's sentence).
    assert!(
        out.contains("\"SULAIMANIYA: Iran reopened the Bashmagh border crossing"),
        "evidence quoted: {out}"
    );

    let o = run_in(dir.path(), &db, &["timeline", "bashmagh"]);
    ok(&o);
    let out = text(&o.stdout);
    // Not a terminal: plain letters, closed before open.
    let closed = out.find("CLOSED   CCC");
    let open = out.find("OPEN     OOO");
    assert!(
        closed.is_some() && open.is_some() && closed < open,
        "closed → open: {out}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "no colour codes off a terminal: {out}"
    );
}

/// The seed report of DESIGN.md, ingested alone.
#[test]
fn the_seed_report_reopens_bashmagh() {
    let seed = workspace().join("../shared/seeds/000_955540bc62cec1cb.txt");
    if !seed.exists() {
        eprintln!(
            "skipped: {} is absent (shared/ is not beside the workspace)",
            seed.display()
        );
        return;
    }
    let dir = tempdir();
    let db = dir.path().join("seed.db");
    let o = run_in(
        dir.path(),
        &db,
        &[
            "ingest",
            &seed.to_string_lossy(),
            "--published",
            "2017-10-25",
            "--json",
        ],
    );
    ok(&o);
    let s = json(&o);
    assert_eq!(s["new"], 1);
    assert!(s["claims"].as_u64().unwrap_or(0) >= 3, "{s:#}");
    let b = status_json(dir.path(), &db, "bashmagh", "2017-10-26");
    assert_eq!(b["status"]["status"], "open", "{b:#}");
    assert_eq!(b["status"]["since"], "2017-10-25");
    let who = b["on_the_word_of"].to_string();
    assert!(who.contains("Bakhshi"), "{who}");
    for other in ["parviz khan", "haji omaran"] {
        let s = status_json(dir.path(), &db, other, "2017-10-26");
        assert_eq!(s["status"]["status"], "closed", "{other}: {s:#}");
    }
}

fn dump(db: &Path) -> String {
    match borderwatch_store::SqliteStore::open(db).and_then(|s| s.dump()) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn ingesting_the_same_input_twice_adds_nothing() {
    let dir = tempdir();
    let db = dir.path().join("twice.db");
    let samples = workspace().join(SAMPLES).to_string_lossy().into_owned();
    let first = run_in(dir.path(), &db, &["ingest", &samples, "--json"]);
    ok(&first);
    let first = json(&first);
    assert_eq!(first["new"], 10);
    assert!(first["events_changed"].as_u64().unwrap_or(0) > 0);
    let before = dump(&db);
    let second = run_in(dir.path(), &db, &["ingest", &samples, "--json"]);
    ok(&second);
    let second = json(&second);
    assert_eq!(second["new"], 0);
    assert_eq!(second["already_seen"], 10);
    assert_eq!(second["claims"], 0);
    assert_eq!(second["events_changed"], 0);
    assert_eq!(dump(&db), before);
}

#[test]
fn ingesting_shared_news_twice_adds_nothing() {
    let news = workspace().join("../shared/data/news");
    if !news.is_dir() {
        eprintln!("skipped: {} is absent", news.display());
        return;
    }
    let dir = tempdir();
    let db = dir.path().join("news.db");
    let news = news.to_string_lossy().into_owned();
    let first = run_in(dir.path(), &db, &["ingest", &news, "--json"]);
    // Gold files in that directory are annotations, not reports: they fail, named, and the rest go in.
    assert!(
        matches!(first.status.code(), Some(0 | 3)),
        "{}",
        text(&first.stderr)
    );
    let first = json(&first);
    assert!(first["new"].as_u64().unwrap_or(0) > 100, "{first:#}");
    let before = dump(&db);
    let second = run_in(dir.path(), &db, &["ingest", &news, "--json"]);
    let second = json(&second);
    assert_eq!(second["new"], 0);
    assert_eq!(second["claims"], 0);
    assert_eq!(second["events_changed"], 0);
    assert_eq!(
        second["already_seen"],
        first["new"].as_u64().unwrap_or(0) + first["already_seen"].as_u64().unwrap_or(0)
    );
    assert_eq!(dump(&db), before);
}

#[test]
fn every_kind_of_input_and_failures_that_skip_one_report() {
    let dir = tempdir();
    let db = dir.path().join("kinds.db");
    let input = dir.path().join("in");
    write(
        &input.join("a.txt"),
        b"The Torkham border crossing reopened on 21 March 2017, officials said.",
    );
    write(
        &input.join("sub/b.html"),
        b"<html><head><title>Kapikule</title></head><body><p>The Kapikule border crossing was closed on 3 March 2017, officials said.</p></body></html>",
    );
    // Skipped: hidden, and not text by its extension.
    write(
        &input.join(".hidden.txt"),
        b"The Habur crossing was closed on 1 March 2017.",
    );
    write(&input.join("picture.png"), b"\x89PNG\r\n\x1a\n");
    // Failures: empty, binary, a bad JSONL line among good ones.
    write(&input.join("empty.txt"), b"   \n");
    write(
        &input.join("binary.txt"),
        &[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 0, 0],
    );
    write(
        &input.join("batch.jsonl"),
        concat!(
            r#"{"id": "one", "text": "The Mehran crossing was closed on 2 March 2017, officials said.", "published": "2017-03-02", "url": "https://x.example/1"}"#,
            "\n",
            r#"{"id": "two", "title": "no text"}"#,
            "\n\n",
            r#"{"id": "three", "text": "Markets were busy.", "date": "not a date"}"#,
            "\n",
        )
        .as_bytes(),
    );
    let o = run_in(
        dir.path(),
        &db,
        &[
            "ingest",
            &input.to_string_lossy(),
            "--published",
            "2017-03-05",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let s = json(&o);
    assert_eq!(s["new"], 3, "{s:#}");
    let failed = s["failed"].as_array().cloned().unwrap_or_default();
    let inputs: Vec<String> = failed
        .iter()
        .map(|f| f["input"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(failed.len(), 4, "{s:#}");
    assert!(
        inputs.iter().any(|i| i.ends_with("empty.txt")),
        "{inputs:?}"
    );
    assert!(
        inputs.iter().any(|i| i.ends_with("binary.txt")),
        "{inputs:?}"
    );
    assert!(
        inputs.iter().any(|i| i.contains("batch.jsonl line 2")),
        "{inputs:?}"
    );
    assert!(
        inputs
            .iter()
            .any(|i| i.contains("batch.jsonl line 4 (three)")),
        "{inputs:?}"
    );
    let reasons = s["failed"].to_string();
    assert!(
        reasons.contains("empty") && reasons.contains("binary"),
        "{reasons}"
    );
    assert!(reasons.contains("missing field"), "{reasons}");
    assert!(reasons.contains("not a date"), "{reasons}");

    // The human summary names them too.
    let o = run_in(dir.path(), &db, &["ingest", &input.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(3));
    let out = text(&o.stdout);
    assert!(out.contains("0 new, 3 already seen, 4 failed"), "{out}");
    assert!(out.contains("empty.txt:"), "{out}");

    // A single report and a JSONL batch on standard input.
    let o = run_stdin(
        dir.path(),
        &db,
        &["ingest", "-", "--published", "2017-03-10", "--json"],
        b"The Habur border crossing reopened on 9 March 2017, customs officials said.",
    );
    ok(&o);
    assert_eq!(json(&o)["new"], 1);
    let o = run_stdin(
        dir.path(),
        &db,
        &["ingest", "-", "--json"],
        b"\n  {\"text\": \"The Sunauli crossing was closed on 4 March 2017.\", \"published\": \"2017-03-04\"}\n{\"text\": \"The Raxaul crossing was closed on 4 March 2017.\", \"published\": \"2017-03-04\"}\n",
    );
    ok(&o);
    assert_eq!(json(&o)["new"], 2);

    // Oversized input is refused by the limit, named.
    let big = dir.path().join("big.txt");
    write(&big, &vec![b'a'; 5000]);
    let o = run_in(
        dir.path(),
        &db,
        &["ingest", &big.to_string_lossy(), "--max-bytes", "1000"],
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(text(&o.stdout).contains("over the limit of 1000 bytes"));

    let t = run_in(
        dir.path(),
        &db,
        &["status", "kapikule", "--at", "2017-03-06", "--json"],
    );
    ok(&t);
    assert_eq!(json(&t)["status"]["status"], "closed");
}

#[test]
fn the_default_store_lives_in_the_user_data_dir() {
    let dir = tempdir();
    let mut cmd = bin(dir.path());
    cmd.args(["ingest", "-", "--published", "2017-03-22"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(b"The Torkham border crossing reopened on 21 March 2017.");
    }
    match child.wait_with_output() {
        Ok(o) => ok(&o),
        Err(e) => panic!("{e}"),
    }
    assert!(dir.path().join("borderwatch/borderwatch.db").is_file());
    let o = match bin(dir.path())
        .args(["status", "torkham", "--json"])
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    ok(&o);
    let v = json(&o);
    assert_eq!(v["status"]["status"], "open");
    assert_eq!(v["date_from"], "latest stored date");
    assert_eq!(v["status"]["date"], "2017-03-22");
}

#[test]
fn a_store_that_is_not_a_database_is_an_error_naming_it() {
    let dir = tempdir();
    let db = dir.path().join("not-a-db.db");
    write(&db, &vec![b'z'; 2048]);
    let o = run_in(dir.path(), &db, &["status", "bashmagh"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("not-a-db.db"),
        "{}",
        text(&o.stderr)
    );
}

/// Events and timelines as the JSON a user reads, from the store's own rows.
fn fused_rows(db: &Path) -> (String, String) {
    use borderwatch_store::Store;
    let store = match borderwatch_store::SqliteStore::open(db) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let events = store
        .events(&borderwatch_store::EventFilter::default())
        .map(|e| serde_json::to_string(&e));
    let timelines = store.timelines().map(|t| serde_json::to_string(&t));
    match (events, timelines) {
        (Ok(Ok(e)), Ok(Ok(t))) => (e, t),
        _ => panic!("cannot read the fused rows of {}", db.display()),
    }
}

/// Reports ingested a few at a time, each written with only the rows it changes, leave the events
/// and timelines a refresh from scratch of the same store writes; a refresh-mode run into another
/// store agrees too.
#[test]
fn incremental_ingests_equal_a_refresh_from_scratch() {
    let dir = tempdir();
    let db = dir.path().join("inc.db");
    let mut lines = sample_lines();
    lines.extend(
        borderwatch_store::synthetic::jsonl(&borderwatch_store::synthetic::reports(400, 5))
            .lines()
            .map(str::to_string),
    );
    let lines = shuffled(&lines, 42);
    let mut fused = 0;
    for (k, chunk) in lines.chunks(70).enumerate() {
        let path = dir.path().join(format!("batch{k}.jsonl"));
        write(&path, chunk.join("\n").as_bytes());
        let p = path.to_string_lossy().into_owned();
        let o = run_in(
            dir.path(),
            &db,
            &["ingest", "--fusion", "incremental", &p, "--json"],
        );
        ok(&o);
        let s = json(&o);
        assert_eq!(s["refreshes"], 0, "batch {k}: {s:#}");
        fused += s["fused_incrementally"].as_u64().unwrap_or(0);
    }
    assert!(fused > 150, "{fused} reports fused incrementally");
    let incremental = fused_rows(&db);

    // Mark the store dirty, as a writer killed before its refresh would: the next run refreshes it
    // from scratch, and must find nothing to change.
    match rusqlite::Connection::open(&db)
        .and_then(|c| c.execute("UPDATE fusion_state SET dirty = 1", []))
    {
        Ok(1) => {}
        other => panic!("cannot mark the store dirty: {other:?}"),
    }
    let empty = dir.path().join("empty.jsonl");
    write(&empty, b"");
    let o = run_in(
        dir.path(),
        &db,
        &["ingest", &empty.to_string_lossy(), "--json"],
    );
    ok(&o);
    let s = json(&o);
    assert_eq!(s["refreshes"], 1, "{s:#}");
    assert_eq!(s["events_changed"], 0, "{s:#}");
    let refreshed = fused_rows(&db);
    assert!(incremental.0 == refreshed.0, "events differ from a refresh");
    assert!(
        incremental.1 == refreshed.1,
        "timelines differ from a refresh"
    );

    let all = dir.path().join("all.jsonl");
    write(&all, lines.join("\n").as_bytes());
    let bulk = dir.path().join("bulk.db");
    let o = run_in(
        dir.path(),
        &bulk,
        &[
            "ingest",
            "--fusion",
            "refresh",
            &all.to_string_lossy(),
            "--json",
        ],
    );
    ok(&o);
    assert_eq!(json(&o)["fused_incrementally"], 0);
    assert!(fused_rows(&bulk) == incremental, "refresh mode disagrees");
}
