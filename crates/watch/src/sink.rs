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
    /// Handed on to be read and stored elsewhere (the report stream of `watch --publish`): its
    /// claims are not known here.
    Published,
}

pub type SinkFuture<'a> = Pin<Box<dyn Future<Output = Result<Ingest, String>> + Send + 'a>>;

/// Where a watcher's reports go, and its bookkeeping.
pub trait Sink: Send + Sync {
    /// Stores (or hands on) `report`; it is to be read (its claims extracted) only when `read`.
    fn ingest(&self, report: Report, read: bool) -> SinkFuture<'_>;
    /// The log of sources and items the watcher keeps (every sink keeps it in a store: [`WatchLog`]).
    fn log(&self) -> &dyn Bookkeeping;
}

/// A watcher's bookkeeping: which items were read, and each source's last poll. Errors are logged,
/// not returned: losing one record costs at most one more fetch of that item, never a report.
pub trait Bookkeeping: Send + Sync {
    fn item_done(&self, url: &str) -> bool;
    fn record_item(&self, item: &SeenItem, at: &str);
    fn record_poll(&self, poll: &SourcePoll);
    /// The validators the last successful poll of `source` got.
    fn validators(&self, source: &str) -> Validators;
}

/// Runs synchronous store work from async code. The PostgreSQL client runs a small runtime of its
/// own, which tokio refuses to start on a runtime thread: on a multi-threaded runtime the work leaves
/// the runtime in place (`block_in_place`), on a single-threaded one it runs on a thread of its own.
pub fn blocking<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Err(_) => f(),
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        Ok(_) => std::thread::scope(|s| match s.spawn(f).join() {
            Ok(v) => v,
            Err(panic) => std::panic::resume_unwind(panic),
        }),
    }
}

/// The bookkeeping half of a sink: a store's [`SourceLog`] behind a lock, called through
/// [`blocking`], its errors logged.
pub struct WatchLog<S> {
    store: Mutex<S>,
}

impl<S: SourceLog + Send> WatchLog<S> {
    pub fn new(store: S) -> WatchLog<S> {
        WatchLog {
            store: Mutex::new(store),
        }
    }

    /// Runs `f` on the store.
    pub fn with<T: Send>(&self, f: impl FnOnce(&mut S) -> T + Send) -> T {
        blocking(|| {
            let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        })
    }
}

impl<S: SourceLog + Send> Bookkeeping for WatchLog<S> {
    fn item_done(&self, url: &str) -> bool {
        self.with(|s| s.item_done(url)).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "reading watch state");
            false
        })
    }

    fn record_item(&self, item: &SeenItem, at: &str) {
        if let Err(e) = self.with(|s| s.record_item(item, at)) {
            tracing::warn!(error = %e, url = %item.url, "recording a watched item");
        }
    }

    fn record_poll(&self, poll: &SourcePoll) {
        if let Err(e) = self.with(|s| s.record_poll(poll)) {
            tracing::warn!(error = %e, source = %poll.name, "recording a poll");
        }
    }

    fn validators(&self, source: &str) -> Validators {
        self.with(|s| stored_validators(s, source))
    }
}

/// A sink over one store, extracting and fusing each report as `borderwatch ingest` does.
pub struct StoreSink<S> {
    gaz: &'static Gazetteer,
    ingester: Mutex<Ingester>,
    log: WatchLog<S>,
}

impl<S: Store + SourceLog + Send> StoreSink<S> {
    pub fn new(store: S, gaz: &'static Gazetteer) -> StoreSink<S> {
        StoreSink {
            gaz,
            ingester: Mutex::new(Ingester::new(gaz)),
            log: WatchLog::new(store),
        }
    }

    /// Runs `f` on the store (for summaries after a run).
    pub fn with_store<T: Send>(&self, f: impl FnOnce(&mut S) -> T + Send) -> T {
        self.log.with(f)
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
        // The store is synchronous and a write takes milliseconds: done here, under the locks
        // (the ingester's first, then the store's, as nothing else takes both).
        let mut ingester = self.ingester.lock().unwrap_or_else(|p| p.into_inner());
        let ingester = &mut *ingester;
        let result = self.log.with(|store| {
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
        });
        Box::pin(async move { result })
    }

    fn log(&self) -> &dyn Bookkeeping {
        &self.log
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
