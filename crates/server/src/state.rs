//! What every request handler shares: the gazetteer, a pool of read connections, the one writer,
//! the response cache and the settings.
//!
//! SQLite in WAL mode lets readers run beside one writer, so reads take a pooled connection on
//! tokio's blocking pool and never wait for an ingest; writes go to one thread that owns the write
//! connection and the fusion held between reports ([`borderwatch_service::ingest::Ingester`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use borderwatch_extract::Report;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::ingest::{Ingested, Ingester};
use borderwatch_store::{AnyStore, Store, StoreError, StoreLocation};
use tokio::sync::{Notify, mpsc, oneshot};

use crate::config::Config;
use crate::http::{ApiError, Rendered};

/// Responses kept; past this many the cache starts again empty.
const CACHE_ENTRIES: usize = 4096;

/// How long a cached answer is served without asking the store whether it changed. While a bulk
/// ingest writes a report every millisecond, every answer would otherwise be rendered anew for every
/// request; this bounds the work to one rendering per page per second, and the lag of an answer
/// behind the store to about a second (crossing statuses change over hours, not milliseconds).
pub const MAX_LAG: Duration = Duration::from_secs(1);

pub struct AppState {
    pub gaz: &'static Gazetteer,
    /// The store every connection opens: a SQLite file or the shared PostgreSQL store.
    pub db: StoreLocation,
    pub config: Config,
    readers: Mutex<Vec<AnyStore>>,
    writer: mpsc::Sender<WriteJob>,
    /// Woken after every write, so webhooks go out without waiting for their poll.
    pub wake: Arc<Notify>,
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    entries: HashMap<String, Entry>,
}

struct Entry {
    rendered: Rendered,
    /// The store version it was rendered from.
    version: String,
    /// When it was last rendered or found current; also set when a refresh starts, so that
    /// requests meanwhile are served this entry rather than all rendering at once.
    checked: Instant,
}

struct WriteJob {
    report: Report,
    reply: oneshot::Sender<Result<Ingested, String>>,
}

impl AppState {
    /// Opens the store (migrating it, and refreshing fusion output left stale by a killed writer) and
    /// starts the writer thread.
    pub fn open(
        gaz: &'static Gazetteer,
        db: StoreLocation,
        config: Config,
    ) -> Result<Arc<AppState>, StoreError> {
        let mut store = borderwatch_store::open(&db)?;
        borderwatch_service::up_to_date(&mut *store, gaz).map_err(|e| match e {
            borderwatch_service::Error::Store(s) => s,
            other => StoreError::Corrupt {
                path: db.to_string().into(),
                what: other.to_string(),
            },
        })?;
        let wake = Arc::new(Notify::new());
        let (tx, rx) = mpsc::channel::<WriteJob>(64);
        let writer_wake = wake.clone();
        std::thread::Builder::new()
            .name("borderwatch-writer".into())
            .spawn(move || write_loop(store, gaz, rx, writer_wake))
            .map_err(|e| StoreError::Open {
                path: db.to_string().into(),
                source: Box::new(e),
            })?;
        Ok(Arc::new(AppState {
            gaz,
            db,
            config,
            readers: Mutex::new(Vec::new()),
            writer: tx,
            wake,
            cache: Mutex::new(Cache::default()),
        }))
    }

    fn checkout(&self) -> Result<AnyStore, ApiError> {
        let pooled = self.readers.lock().ok().and_then(|mut p| p.pop());
        match pooled {
            Some(s) => Ok(s),
            None => Ok(borderwatch_store::open(&self.db)?),
        }
    }

    fn checkin(&self, store: AnyStore) {
        if let Ok(mut p) = self.readers.lock()
            && p.len() < 16
        {
            p.push(store);
        }
    }

    /// Runs `f` on a pooled read connection, on the blocking pool.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState, &dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = state.checkout()?;
            let out = f(&state, &*store);
            state.checkin(store);
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("a read task failed: {e}")))?
    }

    /// A read answer: from the cache when it was checked against the store less than [`MAX_LAG`]
    /// ago, else rendered by `f` on the blocking pool (and kept). An entry past its lag is still
    /// answered at once while one background task checks it against the store and renders it anew
    /// if the store changed (stale-while-revalidate): a reader never waits for a rendering unless
    /// the page was never rendered.
    pub async fn cached<F>(self: &Arc<Self>, key: String, f: F) -> Result<Rendered, ApiError>
    where
        F: FnOnce(&AppState, &dyn Store) -> Result<Rendered, ApiError> + Send + 'static,
    {
        let stale = match self.cache.lock() {
            Ok(mut c) => match c.entries.get_mut(&key) {
                Some(e) if e.checked.elapsed() < MAX_LAG => return Ok(e.rendered.clone()),
                Some(e) => {
                    // This request refreshes it; the others meanwhile take the entry as it is.
                    e.checked = Instant::now();
                    Some(e.rendered.clone())
                }
                None => None,
            },
            Err(_) => None,
        };
        let me = self.clone();
        let render = async move {
            me.read(move |state, store| state.revalidate(store, key, f))
                .await
        };
        match stale {
            Some(r) => {
                tokio::spawn(async move {
                    if let Err(e) = render.await {
                        tracing::warn!("refreshing a cached answer: {}", e.message);
                    }
                });
                Ok(r)
            }
            None => render.await,
        }
    }

    /// Checks the entry for `key` against the store's version, rendering it anew when it changed.
    fn revalidate<F>(&self, store: &dyn Store, key: String, f: F) -> Result<Rendered, ApiError>
    where
        F: FnOnce(&AppState, &dyn Store) -> Result<Rendered, ApiError>,
    {
        let version = store.version()?;
        if let Ok(mut c) = self.cache.lock()
            && let Some(e) = c.entries.get_mut(&key)
            && e.version == version
        {
            e.checked = Instant::now();
            return Ok(e.rendered.clone());
        }
        let rendered = f(self, store)?;
        if let Ok(mut c) = self.cache.lock() {
            if c.entries.len() >= CACHE_ENTRIES {
                c.entries.clear();
            }
            c.entries.insert(
                key,
                Entry {
                    rendered: rendered.clone(),
                    version,
                    checked: Instant::now(),
                },
            );
        }
        Ok(rendered)
    }

    /// The response to a read request: its cached rendering (see [`AppState::cached`]), or 304 when
    /// the client's `If-None-Match` names it. `kind` keeps pages and API answers of one path apart.
    pub async fn answer<F>(
        self: &Arc<Self>,
        kind: &str,
        uri: &axum::http::Uri,
        headers: &axum::http::HeaderMap,
        f: F,
    ) -> Result<axum::response::Response, ApiError>
    where
        F: FnOnce(&AppState, &dyn Store) -> Result<Rendered, ApiError> + Send + 'static,
    {
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
        let r = self.cached(format!("{kind} {path}"), f).await?;
        Ok(r.respond(headers))
    }

    /// Ingests one report through the writer thread. The cache is emptied after it, so whoever
    /// posted a report reads its effect at once (the lag of [`MAX_LAG`] is for other writers).
    pub async fn ingest(&self, report: Report) -> Result<Ingested, ApiError> {
        let (reply, answer) = oneshot::channel();
        self.writer
            .send(WriteJob { report, reply })
            .await
            .map_err(|_| ApiError::internal("the writer has stopped; restart the server"))?;
        let done = answer
            .await
            .map_err(|_| ApiError::internal("the writer stopped while storing the report"))?
            .map_err(ApiError::internal);
        if let Ok(mut c) = self.cache.lock() {
            c.entries.clear();
        }
        done
    }
}

fn write_loop(
    mut store: AnyStore,
    gaz: &'static Gazetteer,
    mut jobs: mpsc::Receiver<WriteJob>,
    wake: Arc<Notify>,
) {
    let mut ingester = Ingester::new(gaz);
    while let Some(job) = jobs.blocking_recv() {
        let result = ingester
            .ingest(&mut *store, gaz, &job.report)
            .map_err(|e| e.to_string());
        if let Err(e) = &result {
            tracing::error!("storing report {}: {e}", job.report.id);
        }
        // The requester may have gone (client hung up): the report is stored all the same.
        let _ = job.reply.send(result);
        wake.notify_one();
    }
}
