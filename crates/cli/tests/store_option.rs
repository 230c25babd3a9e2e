//! `--store` names a store on every command that reads or writes one: `sqlite:PATH` is `--db PATH`,
//! `BORDERWATCH_STORE` stands in for the option, and `postgres://…` (when BORDERWATCH_PG_URL names a
//! server; skipped, saying so, otherwise) answers exactly as SQLite does over the same reports.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn run(home: &Path, env_store: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    cmd.env("XDG_DATA_HOME", home)
        .env_remove("BORDERWATCH_STORE")
        .stdin(Stdio::null())
        .args(args);
    if let Some(s) = env_store {
        cmd.env("BORDERWATCH_STORE", s);
    }
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    }
}

fn ok(o: Output, what: &str) -> String {
    assert_eq!(o.status.code(), Some(0), "{what}: {}", text(&o.stderr));
    text(&o.stdout)
}

/// What the query commands print about the samples, through `store_args` (or the environment).
fn answers(home: &Path, env_store: Option<&str>, store_args: &[&str]) -> Vec<String> {
    let samples = workspace().join("samples/kurdistan-2017/reports.jsonl");
    let samples = samples.to_string_lossy();
    let with = |rest: &[&str]| -> Vec<String> {
        store_args
            .iter()
            .chain(rest)
            .map(|s| s.to_string())
            .collect()
    };
    let go = |rest: &[&str]| {
        let args = with(rest);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(run(home, env_store, &args), &rest.join(" "))
    };
    go(&["ingest", "-q", &samples]);
    vec![
        go(&["status", "bashmagh", "--at", "2017-10-26", "--json"]),
        go(&["status", "--country", "IQ", "--at", "2017-10-20"]),
        go(&["timeline", "bashmagh", "--json"]),
        go(&["events", "--json"]),
        go(&["export", "--format", "csv", "--at", "2017-10-26"]),
    ]
}

#[test]
fn sqlite_path_db_and_the_environment_name_the_same_store() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let a = dir.path().join("a.db");
    let by_db = answers(dir.path(), None, &["--db", &a.to_string_lossy()]);
    assert!(by_db[0].contains("\"open\""), "{}", by_db[0]);
    let b = format!("sqlite:{}", dir.path().join("b.db").display());
    let by_store = answers(dir.path(), None, &["--store", &b]);
    assert_eq!(by_db, by_store);
    let c = format!("sqlite:{}", dir.path().join("c.db").display());
    let by_env = answers(dir.path(), Some(&c), &[]);
    assert_eq!(by_db, by_env);
    assert!(
        dir.path().join("c.db").exists(),
        "BORDERWATCH_STORE was used"
    );
}

#[test]
fn bad_store_names_are_usage_errors_that_say_why() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let o = run(dir.path(), None, &["--store", "/tmp/x.db", "status"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("sqlite:PATH"),
        "{}",
        text(&o.stderr)
    );
    let o = run(dir.path(), Some("mysql://x"), &["status"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("BORDERWATCH_STORE"),
        "{}",
        text(&o.stderr)
    );
    let o = run(
        dir.path(),
        None,
        &["--store", "sqlite:/tmp/a.db", "--db", "/tmp/b.db", "status"],
    );
    assert_eq!(o.status.code(), Some(2), "--store and --db together");
}

#[test]
fn a_postgres_store_answers_as_sqlite_does() {
    let Some(url) = std::env::var("BORDERWATCH_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        println!("a_postgres_store_answers_as_sqlite_does: skipped: BORDERWATCH_PG_URL is not set");
        return;
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let schema = format!("t_cli_store_{}", std::process::id());
    let sep = if url.contains('?') { '&' } else { '?' };
    let pg = format!("{url}{sep}schema={schema}");
    let a = dir.path().join("a.db");
    let sqlite = answers(dir.path(), None, &["--db", &a.to_string_lossy()]);
    let postgres = answers(dir.path(), None, &["--store", &pg]);
    if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
    for (s, p) in sqlite.iter().zip(&postgres) {
        assert_eq!(s, p);
    }
}
