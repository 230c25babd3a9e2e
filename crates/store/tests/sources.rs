//! The watch bookkeeping in a real SQLite file: items done or to retry, polls, counts, and all of it
//! surviving a reopen.

use borderwatch_store::sources::MAX_ITEM_ATTEMPTS;
use borderwatch_store::{ItemOutcome, SeenItem, SourceLog, SourcePoll, SqliteStore};

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
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.db");
    {
        let mut store = SqliteStore::open(&path).expect("open");
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
    }
    let mut store = SqliteStore::open(&path).expect("reopen");
    assert!(store.item_done("http://a/1").expect("done"));
    assert!(store.item_done("http://a/2").expect("done"));
    assert!(!store.item_done("http://a/3").expect("failed once: retry"));
    assert!(!store.item_done("http://a/4").expect("never seen"));
    for _ in 1..MAX_ITEM_ATTEMPTS {
        store
            .record_item(
                &item("http://a/3", ItemOutcome::Failed, 0),
                "2026-01-01T00:30:00Z",
            )
            .expect("retry");
    }
    assert!(store.item_done("http://a/3").expect("given up"));

    let sources = store.sources().expect("sources");
    assert_eq!(sources.len(), 1);
    let s = &sources[0];
    assert_eq!(s.items_seen, 3);
    assert_eq!(s.reports_made, 1);
    assert_eq!(s.claims_found, 2);
    assert_eq!(s.items_failed, 1);
    assert_eq!(s.last_fetch.as_deref(), Some("2026-01-01T00:15:00Z"));
    // A failed poll keeps the last success and the validators of the last good one.
    assert_eq!(s.last_success.as_deref(), Some("2026-01-01T00:00:00Z"));
    assert_eq!(s.last_error.as_deref(), Some("HTTP status 500"));
    assert_eq!(s.etag.as_deref(), Some("\"e1\""));
}
