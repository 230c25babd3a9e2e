//! What only the PostgreSQL store has: several connections writing at once, its schema version, the
//! schema named in the URL, and errors that name the server. Skipped, saying so, without
//! BORDERWATCH_PG_URL.

use borderwatch_extract::extract;
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{PgStore, Put, Store, StoreError, refresh, synthetic};

mod common;
use common::{crossings, report};

fn url_or_skip(test: &str) -> Option<String> {
    let url = common::pg_url();
    if url.is_none() {
        println!("{test}: skipped: BORDERWATCH_PG_URL is not set");
    }
    url
}

#[test]
fn writers_on_several_connections_store_each_report_once() -> Result<(), StoreError> {
    let Some(url) = url_or_skip("writers_on_several_connections") else {
        return Ok(());
    };
    let stores = common::stores("writers_on_several_connections");
    let Some(t) = stores.iter().find(|t| t.backend == "postgres") else {
        panic!("a PostgreSQL store was opened from {url}");
    };
    let gaz = Gazetteer::builtin();
    let reports: Vec<_> = synthetic::reports(200, 5)
        .iter()
        .map(|s| report(&s.text, s.published, &s.url, &s.outlet))
        .collect();
    // Four connections put the same reports at once, each in its own order.
    let outcomes: Vec<Vec<Put>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|k| {
                let location = t.location.clone();
                let reports = &reports;
                scope.spawn(move || {
                    let mut store = match PgStore::open(&location) {
                        Ok(s) => s,
                        Err(e) => panic!("connection {k}: {e}"),
                    };
                    let mut order: Vec<_> = reports.iter().collect();
                    order.rotate_left(k * 50);
                    order
                        .into_iter()
                        .map(|r| {
                            let claims = extract(r, gaz);
                            match store.put_report(r, &claims, &Signature::of(&r.text)) {
                                Ok(p) => p,
                                Err(e) => panic!("connection {k}, report {}: {e}", r.id),
                            }
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(v) => v,
                Err(_) => panic!("a writer thread panicked"),
            })
            .collect()
    });
    let new = outcomes
        .iter()
        .flatten()
        .filter(|p| matches!(p, Put::New { .. }))
        .count();
    let mut ids: Vec<&str> = reports.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(new, ids.len(), "every distinct report is new exactly once");
    let store = common::reopen(t);
    assert_eq!(store.counts()?.reports, ids.len() as u64);
    // Every report with claims bumped the generation once.
    let with_claims = ids
        .iter()
        .filter_map(|id| reports.iter().find(|r| r.id == *id))
        .filter(|r| !extract(r, gaz).is_empty())
        .count();
    assert_eq!(store.fusion_state()?.generation, with_claims as i64);
    Ok(())
}

#[test]
fn the_same_data_reads_the_same_from_both_backends() -> Result<(), StoreError> {
    if url_or_skip("the_same_data_reads_the_same").is_none() {
        return Ok(());
    }
    let gaz = Gazetteer::builtin();
    let reports: Vec<_> = synthetic::reports(300, 9)
        .iter()
        .map(|s| report(&s.text, s.published, &s.url, &s.outlet))
        .collect();
    let mut answers = Vec::new();
    for mut t in common::stores("the_same_data_reads_the_same") {
        let store = &mut *t.store;
        for r in &reports {
            store.put_report(r, &extract(r, gaz), &Signature::of(&r.text))?;
        }
        refresh(store, &crossings())?;
        let day = jiff::civil::date(2021, 6, 1);
        answers.push((
            t.backend,
            store.counts()?,
            serde_json::to_string(&store.timelines()?).unwrap_or_default(),
            serde_json::to_string(&store.events(&Default::default())?).unwrap_or_default(),
            serde_json::to_string(&store.intervals_at(day)?).unwrap_or_default(),
            store.latest_date()?,
            store.fusion_inputs()?,
        ));
    }
    assert_eq!(answers.len(), 2);
    let (a, b) = (&answers[0], &answers[1]);
    assert!(a.1.events > 0 && a.1.timelines > 0, "{:?}", a.1);
    assert_eq!(a.1, b.1, "row counts");
    assert!(a.2 == b.2, "timelines differ between sqlite and postgres");
    assert!(a.3 == b.3, "events differ between sqlite and postgres");
    assert!(a.4 == b.4, "statuses on one day differ");
    assert_eq!(a.5, b.5);
    assert_eq!(a.6, b.6, "fusion inputs");
    Ok(())
}

#[test]
fn a_newer_schema_and_a_bad_server_are_named_errors() {
    let Some(url) = url_or_skip("a_newer_schema_and_a_bad_server") else {
        return;
    };
    let schema = common::fresh_schema("newer");
    let location = common::with_schema(&url, &schema);
    match PgStore::open(&location) {
        Ok(s) => drop(s),
        Err(e) => panic!("{e}"),
    }
    let bump = postgres::Client::connect(&url, postgres::NoTls).and_then(|mut c| {
        c.batch_execute(&format!(
            "INSERT INTO {schema}.schema_version (version) VALUES (99)"
        ))
    });
    if let Err(e) = bump {
        panic!("{e}");
    }
    match PgStore::open(&location) {
        Err(e @ StoreError::NewerSchema { .. }) => {
            assert!(e.to_string().contains(&schema), "{e}")
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a newer schema opened"),
    }
    if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
    }

    // A schema name that is not a plain name is refused before anything is sent.
    let msg = match PgStore::open(&format!("{url}?schema=a;b")) {
        Ok(_) => panic!("a bad schema name was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("plain name"), "{msg}");
    // Nothing listens on port 1: the error names the server, without a password.
    let msg = match PgStore::open("postgres://someone:secret@127.0.0.1:1/test") {
        Ok(_) => panic!("a closed port opened"),
        Err(e) => format!("{e:#}"),
    };
    assert!(msg.contains("127.0.0.1:1"), "{msg}");
    assert!(!msg.contains("secret"), "{msg}");
}
