//! Opening a fresh store of each backend for a test: SQLite in a temporary directory always, and
//! PostgreSQL in a schema of its own when `BORDERWATCH_PG_URL` names a server (so tests run in
//! parallel on one server); without it the PostgreSQL half of each test prints that it was skipped.

#![allow(dead_code)] // each test file uses part of this

use std::sync::atomic::{AtomicUsize, Ordering};

use borderwatch_extract::{NormalizeOptions, Report, ReportMeta, extract, read_report};
use borderwatch_fusion::{FusionInput, Signature};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{PgStore, Put, SqliteStore, Store, StoreLocation, WatchStore};
use jiff::civil::{Date, date};

/// A store under test and what removes it afterwards.
pub struct TestStore {
    pub store: Box<dyn Store>,
    pub backend: &'static str,
    /// How to open this same store again (a file path or a URL with its schema).
    pub location: String,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.schema {
            // Best effort: a schema left behind by a crashed test holds only test rows.
            if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

pub fn pg_url() -> Option<String> {
    std::env::var("BORDERWATCH_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A schema name no other test (of this or another process) uses.
pub fn fresh_schema(test: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let clean: String = test
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    format!("t_{clean}_{}_{n}_{nanos}", std::process::id())
}

/// A URL with `schema` set, for `PgStore::open`.
pub fn with_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}schema={schema}")
}

/// One fresh SQLite store, and one fresh PostgreSQL store when a server is configured.
pub fn stores(test: &str) -> Vec<TestStore> {
    let mut out = Vec::new();
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temporary directory: {e}"),
    };
    let path = dir.path().join("sub").join("store.db");
    let store = match SqliteStore::open(&path) {
        Ok(s) => s,
        Err(e) => panic!("cannot open the test store: {e}"),
    };
    out.push(TestStore {
        store: Box::new(store),
        backend: "sqlite",
        location: path.display().to_string(),
        _dir: Some(dir),
        schema: None,
    });
    match pg_url() {
        None => println!(
            "{test}: PostgreSQL part skipped: BORDERWATCH_PG_URL is not set (e.g. postgres://postgres@127.0.0.1/test)"
        ),
        Some(url) => {
            let schema = fresh_schema(test);
            let location = with_schema(&url, &schema);
            let store = match PgStore::open(&location) {
                Ok(s) => s,
                Err(e) => panic!("BORDERWATCH_PG_URL is set but the store does not open: {e}"),
            };
            out.push(TestStore {
                store: Box::new(store),
                backend: "postgres",
                location,
                _dir: None,
                schema: Some((url, schema)),
            });
        }
    }
    out
}

/// Opens the store at `location` again (another connection to the same data).
pub fn reopen(t: &TestStore) -> Box<dyn Store> {
    let opened: Result<Box<dyn Store>, _> = match t.backend {
        "sqlite" => SqliteStore::open(std::path::Path::new(&t.location)).map(|s| Box::new(s) as _),
        _ => PgStore::open(&t.location).map(|s| Box::new(s) as _),
    };
    match opened {
        Ok(s) => s,
        Err(e) => panic!("cannot reopen {}: {e}", t.location),
    }
}

/// Opens the store of `t` again for watching (its `SourceLog` too).
pub fn reopen_watch(t: &TestStore) -> Box<dyn WatchStore> {
    let location = match t.backend {
        "sqlite" => StoreLocation::Sqlite(t.location.clone().into()),
        _ => StoreLocation::Postgres(t.location.clone()),
    };
    match borderwatch_store::open_watch(&location) {
        Ok(s) => s,
        Err(e) => panic!("cannot reopen {} for watching: {e}", t.location),
    }
}

pub fn report(text: &str, published: Date, url: &str, outlet: &str) -> Report {
    let meta = ReportMeta {
        url: Some(url.into()),
        outlet: Some(outlet.into()),
        title: None,
        published: Some(published),
        language: None,
    };
    match read_report(text.as_bytes(), meta, &NormalizeOptions::default()) {
        Ok(r) => r,
        Err(e) => panic!("test report does not read: {e}"),
    }
}

/// Reports written for this test, with what the extractor reads from each (checked below).
pub fn reports() -> Vec<Report> {
    vec![
        report(
            "Iran closed its three official border crossings with the Kurdistan region of Iraq on Sunday, a spokesman for the region's border authority said.",
            date(2017, 10, 15),
            "https://one.example/a",
            "One",
        ),
        report(
            "The Bashmagh crossing reopened on Wednesday, traders in the border town said.",
            date(2017, 10, 26),
            "https://two.example/b",
            "Two",
        ),
        report(
            "The Parviz Khan crossing with Iran remained closed on Friday, a Kurdish customs official said.",
            date(2017, 10, 27),
            "https://three.example/c",
            "Three",
        ),
        report(
            "Markets in Sulaimaniya were busy on Thursday as traders prepared for winter.",
            date(2017, 10, 26),
            "https://four.example/d",
            "Four",
        ),
    ]
}

pub fn crossings() -> Vec<(String, Vec<String>)> {
    Gazetteer::builtin()
        .crossings()
        .iter()
        .map(|c| (c.id.clone(), c.countries.to_vec()))
        .collect()
}

pub fn put_all(store: &mut dyn Store, reports: &[Report]) -> Vec<FusionInput> {
    let gaz = Gazetteer::builtin();
    let mut inputs = Vec::new();
    for r in reports {
        let claims = extract(r, gaz);
        let sig = Signature::of(&r.text);
        match store.put_report(r, &claims, &sig) {
            Ok(Put::New { claims: n }) => assert_eq!(n, claims.len()),
            other => panic!("first put of {} gave {other:?}", r.id),
        }
        inputs.push(FusionInput::from_report(r, claims));
    }
    inputs
}
