//! Every backend (SQLite on real files in temp dirs; PostgreSQL in a schema of its own when
//! BORDERWATCH_PG_URL is set): idempotent writes, the dirty flag and its generation,
//! materialized output equal to fusion from scratch, status from stored rows equal to fusion's, and
//! reopening.

use borderwatch_extract::{Status, extract};
use borderwatch_fusion::{Fusion, Signature};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{
    Delivery, DeliveryOutcome, EventFilter, NewReport, Put, StoreError, refresh, refresh_if_dirty,
    status_at, status_in, timeline_event_ids,
};
use jiff::civil::date;

mod common;
use common::{crossings, put_all, reports};

#[test]
fn the_test_reports_say_what_the_tests_need() {
    let gaz = Gazetteer::builtin();
    let n: Vec<usize> = reports().iter().map(|r| extract(r, gaz).len()).collect();
    // Three crossings closed; one reopening; one extended closure; the market story says nothing.
    assert_eq!(n, vec![3, 1, 1, 0]);
}

#[test]
fn a_report_is_stored_once_and_a_new_url_is_a_copy() -> Result<(), StoreError> {
    for mut t in common::stores("a_report_is_stored_once_and_a_new_url_is_a_copy") {
        let store = &mut *t.store;
        let rs = reports();
        put_all(store, &rs);
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
    }
    Ok(())
}

#[test]
fn the_dirty_flag_follows_reports_with_claims_and_their_generation() -> Result<(), StoreError> {
    for mut t in common::stores("the_dirty_flag_follows_reports_with_claims_and_their_generation") {
        let store = &mut *t.store;
        assert!(!store.fusion_state()?.dirty);
        let rs = reports();
        // A report without claims cannot change fusion: the store stays clean.
        put_all(store, &rs[3..]);
        assert!(!store.fusion_state()?.dirty);
        put_all(store, &rs[..1]);
        let st = store.fusion_state()?;
        assert!(st.dirty);
        assert_eq!(st.generation, 1);

        // Output built from an older generation is written but leaves the store dirty.
        let (inputs, generation) = store.fusion_inputs()?;
        put_all(store, &rs[1..2]);
        let f = Fusion::fuse_all(Fusion::with_crossings(crossings()), inputs);
        let w = store.write_fusion(&f, generation)?;
        assert!(!w.cleared);
        assert!(store.fusion_state()?.dirty);

        let w = refresh_if_dirty(store, &crossings())?;
        assert!(w.is_some_and(|w| w.cleared));
        assert!(!store.fusion_state()?.dirty);
        assert_eq!(refresh_if_dirty(store, &crossings())?, None);
    }
    Ok(())
}

#[test]
fn materialized_rows_equal_fusion_from_scratch() -> Result<(), StoreError> {
    for mut t in common::stores("materialized_rows_equal_fusion_from_scratch") {
        let store = &mut *t.store;
        let inputs = put_all(store, &reports());
        let w = refresh(store, &crossings())?;
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
        let again = refresh(store, &crossings())?;
        assert_eq!(again.events_changed, 0);
        assert_eq!(again.events, w.events);
    }
    Ok(())
}

#[test]
fn events_filter_by_date_crossing_and_country() -> Result<(), StoreError> {
    for mut t in common::stores("events_filter_by_date_crossing_and_country") {
        let store = &mut *t.store;
        put_all(store, &reports());
        refresh(store, &crossings())?;
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
    }
    Ok(())
}

#[test]
fn fusion_inputs_round_trip() -> Result<(), StoreError> {
    for mut t in common::stores("fusion_inputs_round_trip") {
        let store = &mut *t.store;
        let mut expected = put_all(store, &reports());
        // Reports without claims are not fusion inputs.
        expected.retain(|i| !i.claims.is_empty());
        expected.sort_by(|a, b| a.report.cmp(&b.report));
        let (inputs, generation) = store.fusion_inputs()?;
        assert_eq!(inputs, expected);
        assert_eq!(generation, 3);
    }
    Ok(())
}

#[test]
fn latest_date_is_the_latest_any_report_speaks_of() -> Result<(), StoreError> {
    for mut t in common::stores("latest_date_is_the_latest_any_report_speaks_of") {
        let store = &mut *t.store;
        assert_eq!(store.latest_date()?, None);
        put_all(store, &reports());
        assert_eq!(store.latest_date()?, Some(date(2017, 10, 27)));
    }
    Ok(())
}

#[test]
fn reopening_keeps_the_data() -> Result<(), StoreError> {
    for mut t in common::stores("reopening_keeps_the_data") {
        let store = &mut *t.store;
        put_all(store, &reports());
        refresh(store, &crossings())?;
        let dump = store.dump()?;
        assert!(
            dump.contains("ir-iq-bashmagh"),
            "{}: the dump holds the rows",
            t.backend
        );
        let again = common::reopen(&t);
        assert_eq!(again.dump()?, dump, "{}", t.backend);
    }
    Ok(())
}

#[test]
fn a_batch_stores_what_one_by_one_stores() -> Result<(), StoreError> {
    let gaz = Gazetteer::builtin();
    let rs = reports();
    let extracted: Vec<_> = rs
        .iter()
        .map(|r| (extract(r, gaz), Signature::of(&r.text)))
        .collect();
    let mut copy = rs[1].clone();
    copy.url = Some("https://mirror.example/b".into());
    let no_signature = Signature::default();
    for (mut one, mut batched) in common::stores("batch_one_by_one")
        .into_iter()
        .zip(common::stores("batch_batched"))
    {
        let (one, batched) = (&mut *one.store, &mut *batched.store);
        put_all(one, &rs[..1]);
        put_all(batched, &rs[..1]);
        // Already stored, new, new, a copy of one stored earlier in the same batch.
        let mut batch: Vec<NewReport<'_>> = rs
            .iter()
            .zip(&extracted)
            .map(|(report, (claims, signature))| NewReport {
                report,
                claims,
                signature,
            })
            .collect();
        batch.push(NewReport {
            report: &copy,
            claims: &[],
            signature: &no_signature,
        });
        let puts = batched.put_reports(&batch)?;
        let singly: Vec<Put> = batch
            .iter()
            .map(|n| one.put_report(n.report, n.claims, n.signature))
            .collect::<Result<_, _>>()?;
        assert_eq!(puts, singly);
        assert_eq!(puts[0], Put::Seen { new_url: false });
        assert_eq!(puts[4], Put::Seen { new_url: true });
        assert_eq!(batched.counts()?, one.counts()?);
        assert_eq!(batched.fusion_state()?, one.fusion_state()?);
        assert_eq!(batched.fusion_inputs()?, one.fusion_inputs()?);
    }
    Ok(())
}

#[test]
fn a_delivery_has_one_owner_until_its_claim_runs_out() -> Result<(), StoreError> {
    for mut t in common::stores("delivery_claims") {
        let store = &mut *t.store;
        assert!(store.claim_delivery("h", "c1", "a", 1_000, 2_000)?);
        assert!(
            !store.claim_delivery("h", "c1", "b", 1_500, 2_500)?,
            "{}",
            t.backend
        );
        assert!(
            store.claim_delivery("h", "c1", "a", 1_900, 3_000)?,
            "the owner renews"
        );
        assert!(
            store.claim_delivery("h", "c2", "b", 1_900, 3_000)?,
            "another change"
        );
        assert!(
            store.claim_delivery("other", "c1", "b", 1_900, 3_000)?,
            "another hook"
        );
        assert!(!store.claim_delivery("h", "c1", "b", 2_999, 4_000)?);
        assert!(
            store.claim_delivery("h", "c1", "b", 3_001, 4_000)?,
            "ran out: taken over"
        );
        assert!(
            !store.claim_delivery("h", "c1", "a", 3_500, 5_000)?,
            "the old owner lost it"
        );

        let row = |change: &str, attempt, outcome| Delivery {
            hook: "h".into(),
            change: change.into(),
            attempt,
            at: format!("2026-12-07T10:00:0{attempt}Z"),
            outcome,
            http_status: Some(500),
            error: None,
        };
        store.record_deliveries(&[
            row("c1", 1, DeliveryOutcome::Failed),
            row("c1", 2, DeliveryOutcome::Failed),
            row("c2", 1, DeliveryOutcome::Delivered),
        ])?;
        let last = store.last_failed_attempts("h")?;
        assert_eq!(
            last.into_iter().collect::<Vec<_>>(),
            vec![("c1".to_string(), (2, "2026-12-07T10:00:02Z".to_string()))],
            "{}",
            t.backend
        );
    }
    Ok(())
}

/// A report's language and its evidence's are stored (migration 5) and read back: the report's in
/// `StoredReport`, the claims equal to those written; a report without one reads back without one.
#[test]
fn report_and_evidence_languages_round_trip() -> Result<(), StoreError> {
    for mut t in common::stores("report_and_evidence_languages_round_trip") {
        let store = &mut *t.store;
        let gaz = Gazetteer::builtin();
        let rs = reports();
        // Claims read from the English text, then labelled: the store keeps whatever language it is
        // given (a report labelled Sorani would be read by the Sorani rules and claim nothing here).
        let mut claims = extract(&rs[0], gaz);
        let mut tagged = rs[0].clone();
        tagged.language = Some("ckb".into());
        assert!(!claims.is_empty());
        for c in &mut claims {
            c.evidence.language = Some("ckb".into());
        }
        store.put_report(&tagged, &claims, &Signature::of(&tagged.text))?;
        let plain = &rs[1];
        let plain_claims = extract(plain, gaz);
        store.put_report(plain, &plain_claims, &Signature::of(&plain.text))?;

        let back = store.report(&tagged.id)?;
        assert_eq!(
            back.as_ref().and_then(|r| r.language.as_deref()),
            Some("ckb"),
            "{}",
            t.backend
        );
        assert_eq!(store.claims_of(&tagged.id)?, claims, "{}", t.backend);
        let back = store.report(&plain.id)?;
        assert_eq!(
            back.as_ref().map(|r| r.language.clone()),
            Some(plain.language.clone()),
            "{}",
            t.backend
        );
        assert_eq!(store.claims_of(&plain.id)?, plain_claims, "{}", t.backend);
        // The column itself holds the evidence language: one mention in each claim row more than
        // its JSON has.
        let dump = store.dump()?;
        let rows: Vec<&str> = dump
            .lines()
            .filter(|l| l.starts_with("claims") && l.contains(tagged.id.as_str()))
            .collect();
        assert_eq!(rows.len(), claims.len(), "{}", t.backend);
        for (row, c) in rows.iter().zip(&claims) {
            let in_json = serde_json::to_string(c)
                .unwrap_or_default()
                .matches("ckb")
                .count();
            assert_eq!(
                row.matches("ckb").count(),
                in_json + 1,
                "{}: {row}",
                t.backend
            );
        }
    }
    Ok(())
}
