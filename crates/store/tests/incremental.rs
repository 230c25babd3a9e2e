//! Incremental fusion in the store: reports written one by one with only the rows they change must
//! leave exactly the rows a refresh from scratch writes, over several loads, starting from a dirty
//! store, and with border-wide claims, denials and near-copies mixed in; a store that moved on since
//! the fusion was loaded refuses the delta and writes nothing.

use borderwatch_extract::{NormalizeOptions, Report, ReportMeta, extract, read_report};
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{
    EventFilter, Incremental, IncrementalPut, Put, Store, StoreError, refresh, synthetic,
};
use jiff::civil::{Date, date};

mod common;

fn report(text: &str, published: Option<Date>, url: &str, outlet: &str) -> Report {
    let meta = ReportMeta {
        url: Some(url.into()),
        outlet: Some(outlet.into()),
        title: None,
        published,
        language: None,
    };
    match read_report(text.as_bytes(), meta, &NormalizeOptions::default()) {
        Ok(r) => r,
        Err(e) => panic!("test report does not read: {e}"),
    }
}

/// Hand-written reports that reach what the synthetic ones do not: group mentions, border-wide
/// closures, a denial, an undated claim and a near-copy on another site.
fn handwritten() -> Vec<Report> {
    vec![
        report(
            "Iran shut its three official border crossings with the Kurdistan region of Iraq on 15 October 2017, at the request of Baghdad, a regional official said.",
            Some(date(2017, 10, 15)),
            "https://alpha.example/1",
            "Alpha",
        ),
        report(
            "Iran's foreign ministry denied on Sunday that the border with the Kurdistan region had been closed.",
            Some(date(2017, 10, 15)),
            "https://beta.example/2",
            "Beta",
        ),
        report(
            "Iran reopened the Bashmagh border crossing on Wednesday, the head of customs said, according to state television.",
            Some(date(2017, 10, 25)),
            "https://gamma.example/3",
            "Gamma",
        ),
        report(
            "Iran reopened the Bashmagh border crossing on Wednesday, the head of customs said, according to state television agency.",
            Some(date(2017, 10, 25)),
            "https://delta.example/4",
            "Delta",
        ),
        report(
            "Iraq closed all of its borders with Iran on 2 March 2020 as the virus spread, the interior ministry said.",
            Some(date(2020, 3, 2)),
            "https://alpha.example/5",
            "Alpha",
        ),
        report(
            "The Mehran crossing reopened to trucks on 20 April 2020, a provincial governor said.",
            Some(date(2020, 4, 21)),
            "https://beta.example/6",
            "Beta",
        ),
        report(
            "The Parviz Khan crossing remains closed, traders said.",
            None,
            "https://gamma.example/7",
            "Gamma",
        ),
    ]
}

fn synthetic_reports(count: usize, seed: u64) -> Vec<Report> {
    synthetic::reports(count, seed)
        .iter()
        .map(|s| report(&s.text, Some(s.published), &s.url, &s.outlet))
        .collect()
}

fn crossings() -> Vec<(String, Vec<String>)> {
    Gazetteer::builtin()
        .crossings()
        .iter()
        .map(|c| (c.id.clone(), c.countries.to_vec()))
        .collect()
}

/// Puts `reports` through one `Incremental` loaded now; returns how many went in with a delta.
fn ingest(store: &mut dyn Store, reports: &[Report]) -> Result<usize, StoreError> {
    let gaz = Gazetteer::builtin();
    let (inc, _) = Incremental::load(store, &crossings())?;
    let Some(mut inc) = inc else {
        panic!("a store with one writer must load");
    };
    let mut fused = 0;
    for r in reports {
        let claims = extract(r, gaz);
        if claims.is_empty() || store.has_report(&r.id)? {
            store.put_report(r, &claims, &Signature::default())?;
            continue;
        }
        match inc.put(store, r, &claims, &Signature::of(&r.text))? {
            IncrementalPut::Fused { put, .. } => {
                assert_eq!(
                    put,
                    Put::New {
                        claims: claims.len()
                    }
                );
                fused += 1;
            }
            IncrementalPut::Stale => panic!("report {} refused on a store with one writer", r.id),
        }
        assert!(
            !store.fusion_state()?.dirty,
            "an incremental put keeps the store clean"
        );
    }
    Ok(fused)
}

/// Every event and timeline as JSON, and every row of every table.
fn fused_json(store: &dyn Store) -> Result<(String, String, String), StoreError> {
    let events = serde_json::to_string(&store.events(&EventFilter::default())?);
    let timelines = serde_json::to_string(&store.timelines()?);
    match (events, timelines) {
        (Ok(e), Ok(t)) => Ok((e, t, store.dump()?)),
        _ => panic!("fused rows do not serialize"),
    }
}

fn assert_equals_refresh(store: &mut dyn Store) -> Result<(), StoreError> {
    let (events, timelines, rows) = fused_json(store)?;
    let w = refresh(store, &crossings())?;
    assert!(w.cleared);
    let (events2, timelines2, rows2) = fused_json(store)?;
    assert!(
        events == events2,
        "events differ from a refresh from scratch"
    );
    assert!(
        timelines == timelines2,
        "timelines differ from a refresh from scratch"
    );
    // Same store, so retrieval stamps match too: every row of every table is the refresh's.
    assert!(rows == rows2, "rows differ from a refresh from scratch");
    assert_eq!(
        w.events_changed, 0,
        "a refresh after incremental puts changes no event"
    );
    Ok(())
}

#[test]
fn incremental_puts_leave_the_rows_of_a_refresh_from_scratch() -> Result<(), StoreError> {
    // Each backend: one store fed incrementally, another in reverse order with one refresh.
    let others = common::stores("incremental_other");
    for (mut t, mut o) in common::stores("incremental_puts").into_iter().zip(others) {
        incremental_equals_refresh(&mut *t.store, &mut *o.store)?;
    }
    Ok(())
}

fn incremental_equals_refresh(
    store: &mut dyn Store,
    other: &mut dyn Store,
) -> Result<(), StoreError> {
    let mut all = handwritten();
    all.extend(synthetic_reports(900, 11));
    // Three runs, each loading the fusion afresh from what the previous one stored.
    let mut fused = 0;
    for chunk in all.chunks(330) {
        fused += ingest(store, chunk)?;
        assert_equals_refresh(store)?;
    }
    assert!(fused > 400, "{fused} reports fused incrementally");
    let timelines = store.timelines()?;
    assert!(timelines.len() >= 20, "{} timelines", timelines.len());
    // The border-wide closure reached a crossing no report names, and the timeline shows it.
    assert!(
        store
            .events(&EventFilter {
                country: Some("IQ".into()),
                ..EventFilter::default()
            })?
            .iter()
            .any(|e| e.id.starts_with("border:")),
        "a border-wide event"
    );

    // The same reports in another order, refreshed only at the end, give the same fused rows.
    let mut reversed = all.clone();
    reversed.reverse();
    let gaz = Gazetteer::builtin();
    for r in &reversed {
        other.put_report(r, &extract(r, gaz), &Signature::of(&r.text))?;
    }
    refresh(other, &crossings())?;
    let (e1, t1, _) = fused_json(store)?;
    let (e2, t2, _) = fused_json(other)?;
    assert!(e1 == e2 && t1 == t2, "incremental and bulk orders disagree");

    // intervals_at reads, for every crossing at once, the interval status_rows reads for one.
    for day in [
        date(2015, 1, 1),
        date(2017, 10, 20),
        date(2019, 6, 1),
        date(2030, 1, 1),
    ] {
        let all = store.intervals_at(day)?;
        assert_eq!(
            all.len(),
            timelines.len(),
            "every timeline has an interval on {day}"
        );
        for t in &timelines {
            let one = store.status_rows(&t.crossing, day)?.map(|r| r.interval);
            assert_eq!(
                all.get(&t.crossing),
                one.as_ref(),
                "{} on {day}",
                t.crossing
            );
        }
    }
    Ok(())
}

#[test]
fn loading_a_dirty_store_refreshes_it_first() -> Result<(), StoreError> {
    for mut t in common::stores("loading_a_dirty_stor") {
        let store = &mut *t.store;
        let gaz = Gazetteer::builtin();
        let reports = handwritten();
        // What an older binary, or one killed before its refresh, leaves: reports, no fusion output.
        for r in &reports[..4] {
            store.put_report(r, &extract(r, gaz), &Signature::of(&r.text))?;
        }
        assert!(store.fusion_state()?.dirty);
        assert_eq!(store.counts()?.events, 0);
        let (inc, wrote) = Incremental::load(store, &crossings())?;
        assert!(inc.is_some());
        assert!(wrote.is_some_and(|w| w.cleared && w.events > 0));
        drop(inc);
        ingest(store, &reports[4..])?;
        assert_equals_refresh(store)?;
    }
    Ok(())
}

#[test]
fn a_store_that_moved_on_refuses_the_delta() -> Result<(), StoreError> {
    for mut t in common::stores("a_store_that_moved_o") {
        let store = &mut *t.store;
        let gaz = Gazetteer::builtin();
        let reports = handwritten();
        let (inc, _) = Incremental::load(store, &crossings())?;
        let Some(mut inc) = inc else {
            panic!("an empty store loads");
        };
        // Another writer stores a report the ordinary way: the store is dirty at a newer generation.
        store.put_report(
            &reports[0],
            &extract(&reports[0], gaz),
            &Signature::of(&reports[0].text),
        )?;
        let before = store.dump()?;
        let r = &reports[2];
        let put = inc.put(store, r, &extract(r, gaz), &Signature::of(&r.text))?;
        assert_eq!(put, IncrementalPut::Stale);
        assert_eq!(store.dump()?, before, "a refused delta writes nothing");
        assert!(!store.has_report(&r.id)?);

        // A refresh whose inputs were read before an incremental put must not clear the flag over it.
        refresh(store, &crossings())?;
        let (inputs, generation) = store.fusion_inputs()?;
        let (inc, _) = Incremental::load(store, &crossings())?;
        let Some(mut inc) = inc else {
            panic!("a clean store loads");
        };
        let r = &reports[4];
        let put = inc.put(store, r, &extract(r, gaz), &Signature::of(&r.text))?;
        assert!(matches!(put, IncrementalPut::Fused { .. }));
        let stale = borderwatch_fusion::Fusion::fuse_all(
            borderwatch_fusion::Fusion::with_crossings(crossings()),
            inputs,
        );
        let w = store.write_fusion(&stale, generation)?;
        assert!(!w.cleared);
        assert!(
            store.fusion_state()?.dirty,
            "stale output marks the store dirty"
        );
        // And the incremental writer, whose rows were just overwritten, is refused from now on.
        let r = &reports[5];
        let put = inc.put(store, r, &extract(r, gaz), &Signature::of(&r.text))?;
        assert_eq!(put, IncrementalPut::Stale);
    }
    Ok(())
}
