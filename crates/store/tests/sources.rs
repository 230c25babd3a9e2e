//! The watch bookkeeping on every backend (a real SQLite file; PostgreSQL in a schema of its own when
//! BORDERWATCH_PG_URL is set): items done or to retry, polls, counts, and all of it surviving a
//! reopen.

use borderwatch_store::sources::MAX_ITEM_ATTEMPTS;
use borderwatch_store::{ItemOutcome, SeenItem, SourcePoll};

mod common;

fn item(url: &str, outcome: ItemOutcome, claims: usize) -> SeenItem {
    SeenItem {
        url: url.into(),
        source: "courier".into(),
        outcome,
        report: (outcome == ItemOutcome::Report).then(|| "abc".into()),
        claims,
        language: Some("en".into()),
        error: (outcome == ItemOutcome::Failed).then(|| "HTTP status 500".into()),
    }
}

fn poll(at: &str, error: Option<&str>, etag: Option<&str>) -> SourcePoll {
    SourcePoll {
        name: "courier".into(),
        kind: "feed".into(),
        url: "http://127.0.0.1/feed".into(),
        at: at.into(),
        error: error.map(str::to_owned),
        etag: etag.map(str::to_owned),
        last_modified: None,
    }
}

#[test]
fn items_and_polls_are_kept_across_a_reopen() {
    for t in common::stores("items_and_polls_are_kept_across_a_reopen") {
        let backend = t.backend;
        let mut store = common::reopen_watch(&t);
        store
            .record_poll(&poll("2026-01-01T00:00:00Z", None, Some("\"e1\"")))
            .expect("poll");
        store
            .record_item(
                &item("http://a/1", ItemOutcome::Report, 2),
                "2026-01-01T00:00:01Z",
            )
            .expect("item");
        store
            .record_item(
                &item("http://a/2", ItemOutcome::Copy, 0),
                "2026-01-01T00:00:01Z",
            )
            .expect("item");
        store
            .record_item(
                &item("http://a/3", ItemOutcome::Failed, 0),
                "2026-01-01T00:00:01Z",
            )
            .expect("item");
        store
            .record_poll(&poll("2026-01-01T00:15:00Z", Some("HTTP status 500"), None))
            .expect("poll");
        store
            .record_item(
                &item("http://a/5", ItemOutcome::Published, 0),
                "2026-01-01T00:15:01Z",
            )
            .expect("item");
        drop(store);
        let mut store = common::reopen_watch(&t);
        assert!(store.item_done("http://a/1").expect("done"), "{backend}");
        assert!(store.item_done("http://a/2").expect("done"), "{backend}");
        assert!(
            store.item_done("http://a/5").expect("published: done"),
            "{backend}"
        );
        assert!(
            !store.item_done("http://a/3").expect("failed once: retry"),
            "{backend}"
        );
        assert!(
            !store.item_done("http://a/4").expect("never seen"),
            "{backend}"
        );
        for _ in 1..MAX_ITEM_ATTEMPTS {
            store
                .record_item(
                    &item("http://a/3", ItemOutcome::Failed, 0),
                    "2026-01-01T00:30:00Z",
                )
                .expect("retry");
        }
        assert!(
            store.item_done("http://a/3").expect("given up"),
            "{backend}"
        );

        let sources = store.sources().expect("sources");
        assert_eq!(sources.len(), 1, "{backend}");
        let s = &sources[0];
        assert_eq!(s.items_seen, 4, "{backend}");
        assert_eq!(s.reports_made, 1, "{backend}");
        assert_eq!(s.reports_published, 1, "{backend}");
        assert_eq!(s.claims_found, 2, "{backend}");
        assert_eq!(s.items_failed, 1, "{backend}");
        assert_eq!(s.other_language, 0, "{backend}");
        assert_eq!(s.last_fetch.as_deref(), Some("2026-01-01T00:15:00Z"));
        // A failed poll keeps the last success and the validators of the last good one.
        assert_eq!(s.last_success.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(s.last_error.as_deref(), Some("HTTP status 500"));
        assert_eq!(s.etag.as_deref(), Some("\"e1\""));
    }
}

/// Both backends list sources in byte order of their names, with the counts of each apart.
#[test]
fn sources_are_listed_by_name_with_their_own_counts() {
    for t in common::stores("sources_are_listed_by_name_with_their_own_counts") {
        let backend = t.backend;
        let mut store = common::reopen_watch(&t);
        for name in ["b-wire", "B-wire", "a-courier"] {
            let mut p = poll("2026-01-02T00:00:00Z", None, None);
            p.name = name.into();
            store.record_poll(&p).expect("poll");
        }
        let mut one = item("http://b/1", ItemOutcome::OtherLanguage, 0);
        one.source = "b-wire".into();
        store
            .record_item(&one, "2026-01-02T00:00:01Z")
            .expect("item");
        let names: Vec<(String, u64, u64)> = store
            .sources()
            .expect("sources")
            .into_iter()
            .map(|s| (s.name, s.items_seen, s.other_language))
            .collect();
        assert_eq!(
            names,
            vec![
                ("B-wire".to_string(), 0, 0),
                ("a-courier".to_string(), 0, 0),
                ("b-wire".to_string(), 1, 1),
            ],
            "{backend}"
        );
    }
}
