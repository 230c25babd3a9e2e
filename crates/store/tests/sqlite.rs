//! The SQLite store on real files in temp dirs: idempotent writes, the dirty flag and its generation,
//! materialized output equal to fusion from scratch, status from stored rows equal to fusion's, schema
//! versions, and errors that name the file.

use borderwatch_extract::{NormalizeOptions, Report, ReportMeta, Status, extract, read_report};
use borderwatch_fusion::{Fusion, FusionInput, Signature};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{
    EventFilter, Put, SqliteStore, Store, StoreError, refresh, refresh_if_dirty, status_at,
    status_in, timeline_event_ids,
};
use jiff::civil::{Date, date};

fn report(text: &str, published: Date, url: &str, outlet: &str) -> Report {
    let meta = ReportMeta {
        url: Some(url.into()),
        outlet: Some(outlet.into()),
        title: None,
        published: Some(published),
    };
    match read_report(text.as_bytes(), meta, &NormalizeOptions::default()) {
        Ok(r) => r,
        Err(e) => panic!("test report does not read: {e}"),
    }
}

/// Reports written for this test, with what the extractor reads from each (checked below).
fn reports() -> Vec<Report> {
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

fn crossings() -> Vec<(String, Vec<String>)> {
    Gazetteer::builtin()
        .crossings()
        .iter()
        .map(|c| (c.id.clone(), c.countries.to_vec()))
        .collect()
}

fn open(dir: &tempfile::TempDir) -> SqliteStore {
    match SqliteStore::open(&dir.path().join("sub").join("store.db")) {
        Ok(s) => s,
        Err(e) => panic!("cannot open the test store: {e}"),
    }
}

fn put_all(store: &mut SqliteStore, reports: &[Report]) -> Vec<FusionInput> {
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

#[test]
fn the_test_reports_say_what_the_tests_need() {
    let gaz = Gazetteer::builtin();
    let n: Vec<usize> = reports().iter().map(|r| extract(r, gaz).len()).collect();
    // Three crossings closed; one reopening; one extended closure; the market story says nothing.
    assert_eq!(n, vec![3, 1, 1, 0]);
}

#[test]
fn a_report_is_stored_once_and_a_new_url_is_a_copy() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let mut store = open(&dir);
    let rs = reports();
    put_all(&mut store, &rs);
    let before = store.dump()?;
    let counts = store.counts()?;
    assert_eq!(counts.reports, 4);
    assert_eq!(counts.report_urls, 4);
    assert_eq!(counts.claims, 5);

    // The same report again, even with claims passed, changes nothing.
    let gaz = Gazetteer::builtin();
    let again = store.put_report(&rs[0], &extract(&rs[0], gaz), &Signature::of(&rs[0].text))?;
    assert_eq!(again, Put::Seen { new_url: false });
    assert_eq!(store.dump()?, before);

    // The same text found at another URL is recorded as one more copy, and only that.
    let mut elsewhere = rs[0].clone();
    elsewhere.url = Some("https://mirror.example/a".into());
    assert_eq!(
        store.put_report(&elsewhere, &[], &Signature::default())?,
        Put::Seen { new_url: true }
    );
    let after = store.counts()?;
    assert_eq!(after.report_urls, 5);
    assert_eq!(after.claims, 5);
    let stored = store.report(&rs[0].id)?.map(|r| r.urls).unwrap_or_default();
    assert_eq!(
        stored,
        vec!["https://mirror.example/a", "https://one.example/a"]
    );
    // Copies are counted from the URL rows, and agree with the report's own list; an unknown
    // report is left out.
    let ids = vec![
        rs[0].id.clone(),
        rs[1].id.clone(),
        "no-such-report".to_string(),
    ];
    let n = store.url_counts(&ids)?;
    assert_eq!(n.len(), 2);
    assert_eq!(n.get(&rs[0].id), Some(&2));
    assert_eq!(n.get(&rs[1].id), Some(&1));
    Ok(())
}

#[test]
fn the_dirty_flag_follows_reports_with_claims_and_their_generation() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let mut store = open(&dir);
    assert!(!store.fusion_state()?.dirty);
    let rs = reports();
    // A report without claims cannot change fusion: the store stays clean.
    put_all(&mut store, &rs[3..]);
    assert!(!store.fusion_state()?.dirty);
    put_all(&mut store, &rs[..1]);
    let st = store.fusion_state()?;
    assert!(st.dirty);
    assert_eq!(st.generation, 1);

    // Output built from an older generation is written but leaves the store dirty.
    let (inputs, generation) = store.fusion_inputs()?;
    put_all(&mut store, &rs[1..2]);
    let f = Fusion::fuse_all(Fusion::with_crossings(crossings()), inputs);
    let w = store.write_fusion(&f, generation)?;
    assert!(!w.cleared);
    assert!(store.fusion_state()?.dirty);

    let w = refresh_if_dirty(&mut store, &crossings())?;
    assert!(w.is_some_and(|w| w.cleared));
    assert!(!store.fusion_state()?.dirty);
    assert_eq!(refresh_if_dirty(&mut store, &crossings())?, None);
    Ok(())
}

#[test]
fn materialized_rows_equal_fusion_from_scratch() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let mut store = open(&dir);
    let inputs = put_all(&mut store, &reports());
    let w = refresh(&mut store, &crossings())?;
    let fusion = Fusion::fuse_all(Fusion::with_crossings(crossings()), inputs);
    assert_eq!(w.events, fusion.events().count());
    assert_eq!(
        w.events_changed, w.events,
        "all events are new in an empty store"
    );

    let stored = store.timelines()?;
    let expected: Vec<_> = fusion.timelines().values().cloned().collect();
    assert_eq!(stored, expected);
    assert!(
        stored.iter().any(|t| t.crossing == "ir-iq-bashmagh"),
        "bashmagh has a timeline"
    );

    // The status read from stored rows is fusion's, on days before, inside and after each change.
    for tl in &stored {
        let events = store.events_by_id(&timeline_event_ids(tl))?;
        for d in [
            date(2017, 10, 1),
            date(2017, 10, 15),
            date(2017, 10, 20),
            date(2017, 10, 25),
            date(2017, 12, 1),
        ] {
            let expected = fusion.status_at(&tl.crossing, d);
            assert_eq!(
                status_at(tl, d, &events),
                expected,
                "{} on {d}",
                tl.crossing
            );
            // The same answer from the two interval rows a status query reads.
            let rows = store.status_rows(&tl.crossing, d)?;
            let via_rows = rows.map(|r| status_in(&tl.crossing, &r.interval, d, &events));
            assert_eq!(via_rows, Some(expected), "{} on {d} via rows", tl.crossing);
        }
    }
    assert_eq!(store.status_rows("tr-iq-habur", date(2017, 10, 26))?, None);
    let bashmagh = store
        .timeline("ir-iq-bashmagh")?
        .map(|t| status_at(&t, date(2017, 10, 26), &[]).status);
    assert_eq!(bashmagh, Some(Status::Open));

    // A second refresh with nothing new changes no event.
    let again = refresh(&mut store, &crossings())?;
    assert_eq!(again.events_changed, 0);
    assert_eq!(again.events, w.events);
    Ok(())
}

#[test]
fn events_filter_by_date_crossing_and_country() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let mut store = open(&dir);
    put_all(&mut store, &reports());
    refresh(&mut store, &crossings())?;
    let all = store.events(&EventFilter::default())?;
    assert!(all.len() >= 5, "{} events", all.len());
    let since = store.events(&EventFilter {
        since: Some(date(2017, 10, 20)),
        ..EventFilter::default()
    })?;
    assert!(!since.is_empty() && since.len() < all.len());
    assert!(since.iter().all(|e| e.placed >= Some(date(2017, 10, 20))));
    assert_eq!(store.status_rows("tr-iq-habur", date(2017, 10, 26))?, None);
    let bashmagh = store.events(&EventFilter {
        crossing: Some("ir-iq-bashmagh".into()),
        ..EventFilter::default()
    })?;
    assert_eq!(bashmagh.len(), 2, "closed and reopened");
    // `last` keeps the newest, in the same order as the whole list.
    let newest = store.events(&EventFilter {
        crossing: Some("ir-iq-bashmagh".into()),
        last: Some(1),
        ..EventFilter::default()
    })?;
    assert_eq!(newest.as_slice(), &bashmagh[1..]);
    let two_of_all = store.events(&EventFilter {
        last: Some(2),
        ..EventFilter::default()
    })?;
    assert_eq!(two_of_all.as_slice(), &all[all.len() - 2..]);
    let turkey = store.events(&EventFilter {
        country: Some("tr".into()),
        ..EventFilter::default()
    })?;
    assert!(turkey.is_empty());
    let iran = store.events(&EventFilter {
        country: Some("IR".into()),
        ..EventFilter::default()
    })?;
    assert_eq!(iran.len(), all.len());
    Ok(())
}

#[test]
fn fusion_inputs_round_trip() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let mut store = open(&dir);
    let mut expected = put_all(&mut store, &reports());
    // Reports without claims are not fusion inputs.
    expected.retain(|i| !i.claims.is_empty());
    expected.sort_by(|a, b| a.report.cmp(&b.report));
    let (inputs, generation) = store.fusion_inputs()?;
    assert_eq!(inputs, expected);
    assert_eq!(generation, 3);
    Ok(())
}

#[test]
fn latest_date_is_the_latest_any_report_speaks_of() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let mut store = open(&dir);
    assert_eq!(store.latest_date()?, None);
    put_all(&mut store, &reports());
    assert_eq!(store.latest_date()?, Some(date(2017, 10, 27)));
    Ok(())
}

#[test]
fn reopening_keeps_data_and_schema() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let dump = {
        let mut store = open(&dir);
        put_all(&mut store, &reports());
        refresh(&mut store, &crossings())?;
        store.dump()?
    };
    let store = open(&dir);
    assert_eq!(store.dump()?, dump);
    assert!(dump.starts_with("schema_version\tInteger(1)\n"));
    Ok(())
}

#[test]
fn errors_name_the_file() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    // Not a database.
    let junk = dir.path().join("junk.db");
    if let Err(e) = std::fs::write(&junk, vec![b'x'; 4096]) {
        panic!("{e}");
    }
    let msg = match SqliteStore::open(&junk) {
        Ok(_) => panic!("a junk file opened as a store"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("junk.db"), "{msg}");

    // A directory.
    let msg = match SqliteStore::open(dir.path()) {
        Ok(_) => panic!("a directory opened as a store"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("directory"), "{msg}");

    // A store written by a newer borderwatch.
    let newer = dir.path().join("newer.db");
    match SqliteStore::open(&newer) {
        Ok(s) => drop(s),
        Err(e) => panic!("{e}"),
    }
    match rusqlite_bump(&newer) {
        Ok(()) => {}
        Err(e) => panic!("{e}"),
    }
    match SqliteStore::open(&newer) {
        Err(e @ StoreError::NewerSchema { .. }) => {
            assert!(e.to_string().contains("newer.db"), "{e}")
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a newer schema opened"),
    }
}

/// Marks a store as written by a future schema version, through SQLite itself.
fn rusqlite_bump(path: &std::path::Path) -> Result<(), rusqlite::Error> {
    let conn = rusqlite::Connection::open(path)?;
    conn.execute("INSERT INTO schema_version (version) VALUES (99)", [])?;
    Ok(())
}
