//! Where a watcher's reports and bookkeeping go.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use borderwatch_extract::Report;
use borderwatch_fetch::Validators;
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::ingest::Ingester;
use borderwatch_store::{Put, SeenItem, SourceLog, SourcePoll, Store};

/// What storing one report did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ingest {
    /// A new report; `claims` found in it (0 when stored unread).
    New { claims: usize },
    /// Its text was already stored: recorded as a copy at this URL.
    Copy,
}

pub type SinkFuture<'a> = Pin<Box<dyn Future<Output = Result<Ingest, String>> + Send + 'a>>;

/// The store side of watching. Bookkeeping errors are logged, not returned: losing one record costs
/// at most one more fetch of that item, never a report.
pub trait Sink: Send + Sync {
    /// Stores `report`; reads it (extracts its claims) only when `read`.
    fn ingest(&self, report: Report, read: bool) -> SinkFuture<'_>;
    fn item_done(&self, url: &str) -> bool;
    fn record_item(&self, item: &SeenItem, at: &str);
    fn record_poll(&self, poll: &SourcePoll);
    /// The validators the last successful poll of `source` got.
    fn validators(&self, source: &str) -> Validators;
}

/// A sink over one store, extracting and fusing each report as `borderwatch ingest` does.
pub struct StoreSink<S> {
    gaz: &'static Gazetteer,
    inner: Mutex<(S, Ingester)>,
}

impl<S: Store + SourceLog + Send> StoreSink<S> {
    pub fn new(store: S, gaz: &'static Gazetteer) -> StoreSink<S> {
        StoreSink {
            gaz,
            inner: Mutex::new((store, Ingester::new(gaz))),
        }
    }

    /// Runs `f` on the store (for summaries after a run).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut S) -> T) -> T {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard.0)
    }
}

/// Stores `report` without reading it (a language the extractor does not read).
pub fn store_unread(store: &mut dyn Store, report: &Report) -> Result<Ingest, String> {
    match store.put_report(report, &[], &Signature::default()) {
        Ok(Put::New { .. }) => Ok(Ingest::New { claims: 0 }),
        Ok(Put::Seen { .. }) => Ok(Ingest::Copy),
        Err(e) => Err(e.to_string()),
    }
}

impl<S: Store + SourceLog + Send> Sink for StoreSink<S> {
    fn ingest(&self, report: Report, read: bool) -> SinkFuture<'_> {
        // The store is synchronous and a write takes milliseconds: done here, under the lock.
        let result = {
            let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            let (store, ingester) = &mut *guard;
            if read {
                ingester
                    .ingest(store, self.gaz, &report)
                    .map(|done| match done.outcome {
                        Put::New { claims } => Ingest::New { claims },
                        Put::Seen { .. } => Ingest::Copy,
                    })
                    .map_err(|e| e.to_string())
            } else {
                store_unread(store, &report)
            }
        };
        Box::pin(async move { result })
    }

    fn item_done(&self, url: &str) -> bool {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.0.item_done(url).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "reading watch state");
            false
        })
    }

    fn record_item(&self, item: &SeenItem, at: &str) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = guard.0.record_item(item, at) {
            tracing::warn!(error = %e, url = %item.url, "recording a watched item");
        }
    }

    fn record_poll(&self, poll: &SourcePoll) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = guard.0.record_poll(poll) {
            tracing::warn!(error = %e, source = %poll.name, "recording a poll");
        }
    }

    fn validators(&self, source: &str) -> Validators {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        stored_validators(&guard.0, source)
    }
}

/// The validators of the last poll of `source`, when it succeeded (a failed poll sends none, so the
/// next one reads the whole document).
pub fn stored_validators(log: &dyn SourceLog, source: &str) -> Validators {
    log.sources()
        .ok()
        .and_then(|all| all.into_iter().find(|s| s.name == source))
        .filter(|s| s.last_error.is_none())
        .map(|s| Validators {
            etag: s.etag,
            last_modified: s.last_modified,
        })
        .unwrap_or_default()
}
