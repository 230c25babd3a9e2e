//! End-to-end tests of `borderwatch status`, `timeline` and `events` over a real SQLite store holding
//! the Kurdistan 2017 samples: naming crossings in any script, ambiguity, country lists, the default
//! date, event filters, and a store left dirty by a killed writer.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Fixture {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Fixture {
    /// A store with the samples ingested.
    fn new() -> Fixture {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let db = dir.path().join("q.db");
        let f = Fixture { dir, db };
        let samples = workspace().join("samples/kurdistan-2017/reports.jsonl");
        let o = f.run(&["ingest", &samples.to_string_lossy()]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        f
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
        cmd.env("XDG_DATA_HOME", self.dir.path())
            .stdin(Stdio::null())
            .arg("--db")
            .arg(&self.db)
            .args(args);
        match cmd.output() {
            Ok(o) => o,
            Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
        }
    }

    fn json(&self, args: &[&str]) -> Value {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        match serde_json::from_slice(&o.stdout) {
            Ok(v) => v,
            Err(e) => panic!("{args:?} printed no JSON ({e}): {}", text(&o.stdout)),
        }
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_crossing_is_named_by_id_or_any_alias_in_any_script() {
    let f = Fixture::new();
    for name in [
        "ir-iq-bashmagh",
        "Bashmagh",
        "BASHMAQ",
        "bashmakh",
        "باشماق",
    ] {
        let v = f.json(&["status", name, "--at", "2017-10-26", "--json"]);
        assert_eq!(v["crossing"]["id"], "ir-iq-bashmagh", "{name}");
        assert_eq!(v["status"]["status"], "open", "{name}");
    }
}

#[test]
fn an_ambiguous_or_unknown_name_lists_candidates_and_exits_1() {
    let f = Fixture::new();
    let o = f.run(&["status", "ir-iq"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("crossings; give one of these ids"), "{err}");
    assert!(
        err.contains("ir-iq-bashmagh") && err.contains("ir-iq-mehran"),
        "{err}"
    );

    let o = f.run(&["timeline", "no such place anywhere"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("no crossing is named"),
        "{}",
        text(&o.stderr)
    );

    let o = f.run(&["events", "--country", "XX"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("unknown country code"));
}

#[test]
fn status_of_a_country_lists_every_crossing_with_unknown_where_nothing_is_known() {
    let f = Fixture::new();
    let v = f.json(&["status", "--country", "ir", "--at", "2017-10-26", "--json"]);
    let rows = v.as_array().cloned().unwrap_or_default();
    let status = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .map(|r| r["status"]["status"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(status("ir-iq-bashmagh").as_deref(), Some("open"));
    assert_eq!(status("ir-iq-parviz-khan").as_deref(), Some("closed"));
    assert_eq!(status("ir-iq-haji-omaran").as_deref(), Some("closed"));
    assert_eq!(status("ir-iq-mehran").as_deref(), Some("unknown"));
    assert_eq!(status("tr-iq-habur"), None, "Habur is not Iran's");

    let o = f.run(&["status", "--country", "IR", "--at", "2017-10-26"]);
    let out = text(&o.stdout);
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(name))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("Bashmagh").trim_start().starts_with("OPEN"), "{out}");
    assert!(line("Parviz Khan").contains("since 2017-10-15"), "{out}");
    assert!(line("Parviz Khan").contains("contested"), "{out}");
    assert!(line("Mehran").trim_start().starts_with("UNKNOWN"), "{out}");
    assert!(line("Mehran").contains("since before any report"), "{out}");
    assert!(line("Sayran Ban").contains("no report"), "{out}");
}

#[test]
fn the_default_date_is_the_latest_the_store_speaks_of_not_today() {
    let f = Fixture::new();
    let v = f.json(&["status", "bashmagh", "--json"]);
    // The Mehran sample (published 2017-11-05) is the latest date in the store.
    assert_eq!(v["status"]["date"], "2017-11-05");
    assert_eq!(v["date_from"], "latest stored date");
    let v = f.json(&["status", "bashmagh", "--at", "2017-10-20", "--json"]);
    assert_eq!(v["status"]["status"], "closed");
    assert_eq!(v["date_from"], "--at");
    let v = f.json(&["status", "bashmagh", "--at", "2017-10-01", "--json"]);
    assert_eq!(
        v["status"]["status"], "unknown",
        "nothing known before the closure"
    );
}

#[test]
fn events_filter_by_date_crossing_and_country() {
    let f = Fixture::new();
    let all = f.json(&["events", "--json"]);
    let all = all.as_array().cloned().unwrap_or_default();
    assert!(all.len() >= 10, "{}", all.len());

    let since = f.json(&[
        "events",
        "--since",
        "2017-10-25",
        "--crossing",
        "bashmagh",
        "--json",
    ]);
    let changes: Vec<&str> = since
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["change"].as_str()).collect())
        .unwrap_or_default();
    assert!(changes.contains(&"reopened"), "{changes:?}");
    assert!(!changes.contains(&"closed"), "{changes:?}");
    let wire = since
        .as_array()
        .and_then(|a| a.iter().find(|e| e["change"] == "reopened"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(wire["independent_sources"], 2, "{wire:#}");
    let copies: usize = wire["sources"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|x| x["copies"].as_array().map_or(0, Vec::len))
                .sum()
        })
        .unwrap_or(0);
    assert_eq!(copies, 3, "every copy kept: {wire:#}");

    let turkey = f.json(&["events", "--country", "TR", "--json"]);
    let targets: Vec<String> = turkey
        .as_array()
        .map(|a| a.iter().map(|e| e["target"].to_string()).collect())
        .unwrap_or_default();
    assert_eq!(targets.len(), 1, "{targets:?}");
    assert!(targets[0].contains("tr-iq-habur"));

    let o = f.run(&["events", "--crossing", "parviz khan"]);
    let out = text(&o.stdout);
    assert!(out.contains("closure_denied"), "{out}");
    assert!(out.contains("denied_closure"), "{out}");
}

#[test]
fn a_query_repairs_a_store_left_dirty_by_a_killed_writer() {
    let f = Fixture::new();
    let before = f.json(&["timeline", "bashmagh", "--json"]);
    // What a writer killed between storing reports and refreshing leaves: stale rows, dirty flag set.
    match rusqlite_exec(
        &f.db,
        "DELETE FROM timelines; DELETE FROM events; UPDATE fusion_state SET dirty = 1;",
    ) {
        Ok(()) => {}
        Err(e) => panic!("{e}"),
    }
    let after = f.json(&["timeline", "bashmagh", "--json"]);
    assert_eq!(before, after);
    let v = f.json(&["status", "bashmagh", "--at", "2017-10-26", "--json"]);
    assert_eq!(v["status"]["status"], "open");
}

fn rusqlite_exec(db: &Path, sql: &str) -> Result<(), rusqlite::Error> {
    rusqlite::Connection::open(db)?.execute_batch(sql)
}

#[test]
fn an_empty_store_has_no_default_date() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let db = dir.path().join("empty.db");
    let o = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", dir.path())
        .arg("--db")
        .arg(&db)
        .args(["status", "bashmagh"])
        .output();
    let o = match o {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("no dated report") && err.contains("empty.db"),
        "{err}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", dir.path())
        .arg("--db")
        .arg(&db)
        .args(["status", "bashmagh", "--at", "2020-01-01", "--json"])
        .output();
    let o = match o {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("\"unknown\""));
}
