//! Freshness and plain words over a real SQLite store built from reports written for this test (in
//! our own words; they are not news): the same store asked on several days gives a fresh, an ageing
//! and a stale status with the right `last_confirmed`, and the sentences name what happened.

use borderwatch_extract::{NormalizeOptions, ReportMeta, Status, read_report};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::freshness::{Age, Horizons};
use borderwatch_service::ingest::Ingester;
use borderwatch_service::plain;
use borderwatch_service::status::{CrossingStatus, crossing_status, statuses, tally};
use borderwatch_store::SqliteStore;
use jiff::civil::{Date, date};

/// (published, url, text): written for this test.
const REPORTS: &[(&str, &str, &str)] = &[
    (
        "2020-03-01",
        "https://a.example/1",
        "SULAIMANIYA: Iran closed the Bashmagh border crossing with Iraq's Kurdistan Region on Sunday, a customs officer said.",
    ),
    (
        "2020-03-10",
        "https://b.example/2",
        "PENJWEN: The Bashmagh crossing remained closed on Tuesday, lorry drivers waiting at the gate said.",
    ),
];

fn store_with(reports: &[(&str, &str, &str)]) -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = SqliteStore::open(&dir.path().join("f.db")).expect("store");
    let gaz = Gazetteer::builtin();
    let mut ingester = Ingester::new(gaz);
    for (published, url, text) in reports {
        let meta = ReportMeta {
            url: Some(url.to_string()),
            outlet: Some("Test Wire (written for the test)".into()),
            title: None,
            published: Some(published.parse().expect("date")),
            language: None,
        };
        let report =
            read_report(text.as_bytes(), meta, &NormalizeOptions::default()).expect("reads");
        ingester.ingest(&mut store, gaz, &report).expect("ingest");
    }
    (dir, store)
}

fn ask(store: &SqliteStore, on: Date, horizons: &Horizons) -> CrossingStatus {
    let gaz = Gazetteer::builtin();
    let c = gaz.by_id("ir-iq-bashmagh").expect("bashmagh");
    crossing_status(store, c, on, "--at", horizons).expect("status")
}

#[test]
fn one_store_asked_on_several_days() {
    let (_dir, store) = store_with(REPORTS);
    let h = Horizons::default();
    // Before the second report: confirmed by the first one only.
    let a = ask(&store, date(2020, 3, 5), &h);
    assert_eq!(a.status.status, Status::Closed);
    assert_eq!(a.freshness.last_confirmed, Some(date(2020, 3, 1)));
    assert_eq!(
        (a.freshness.age_days, a.freshness.age),
        (Some(4), Age::Fresh)
    );

    let a = ask(&store, date(2020, 3, 12), &h);
    assert_eq!(a.freshness.last_confirmed, Some(date(2020, 3, 10)));
    assert_eq!(
        (a.freshness.age_days, a.freshness.age),
        (Some(2), Age::Fresh)
    );
    assert!(!a.freshness.stale);

    let a = ask(&store, date(2020, 3, 30), &h);
    assert_eq!(
        (a.freshness.age_days, a.freshness.age),
        (Some(20), Age::Ageing)
    );
    assert!(!a.freshness.stale);

    let a = ask(&store, date(2020, 4, 20), &h);
    assert_eq!(a.status.status, Status::Closed, "stale is not a new status");
    assert_eq!(
        (a.freshness.age_days, a.freshness.age),
        (Some(41), Age::Stale)
    );
    assert!(a.freshness.stale);
    assert_eq!(
        plain::headline(&a),
        "closed since 2020-03-01 — last confirmed 2020-03-10, 41 days ago; unconfirmed: no report has supported it within 30 days"
    );

    // A longer horizon for Iraq makes the same answer current again; the crossing's own wins.
    let mut long = Horizons::default();
    long.countries.insert("IQ".into(), 60);
    assert!(!ask(&store, date(2020, 4, 20), &long).freshness.stale);
    long.crossings.insert("ir-iq-bashmagh".into(), 7);
    assert!(ask(&store, date(2020, 4, 20), &long).freshness.stale);

    // The list gives the same freshness, and the legend counts the stale one as unconfirmed.
    let gaz = Gazetteer::builtin();
    let c = gaz.by_id("ir-iq-bashmagh").expect("bashmagh");
    let rows = statuses(&store, &[c], date(2020, 4, 20), &h).expect("rows");
    assert_eq!(rows[0].freshness, a.freshness);
    let t = tally(&rows);
    assert_eq!((t["unconfirmed"], t["closed"]), (1, 0));
    let rows = statuses(&store, &[c], date(2020, 3, 12), &h).expect("rows");
    assert_eq!(tally(&rows)["closed"], 1);
}

#[test]
fn a_copy_at_another_url_counts_as_a_copy() {
    let (_dir, store) = store_with(&[
        REPORTS[0],
        ("2020-03-01", "https://mirror.example/1", REPORTS[0].2),
    ]);
    let a = ask(&store, date(2020, 3, 2), &Horizons::default());
    assert_eq!(a.status.independent_sources, 1);
    assert_eq!(a.copies, 2);
}

#[test]
fn a_crossing_nobody_reported_is_neither_fresh_nor_stale() {
    let (_dir, store) = store_with(REPORTS);
    let gaz = Gazetteer::builtin();
    let c = gaz
        .by_id("tr-iq-habur")
        .or_else(|| gaz.crossings().iter().find(|c| c.id != "ir-iq-bashmagh"))
        .expect("another");
    let a = crossing_status(&store, c, date(2020, 4, 20), "--at", &Horizons::default())
        .expect("status");
    assert_eq!(a.freshness.age, Age::None);
    assert!(!a.freshness.stale);
    assert_eq!(a.freshness.last_confirmed, None);
}
