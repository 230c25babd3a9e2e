//! `serve --watch`: the watcher inside the server, and the `/sources` page with its JSON twin.
//!
//! Reports the watcher reads go through the server's one writer ([`AppState::ingest`]), exactly like a
//! POSTed report, so the fusion stays incremental and webhooks are woken at once. The watch
//! bookkeeping (items seen, polls) is written on a connection of its own: those rows are read by no
//! other part of the server but `/sources`, which reads them uncached.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use borderwatch_extract::Report;
use borderwatch_fetch::Fetcher;
use borderwatch_store::{StoreError, WatchStore};
use borderwatch_watch::{
    Bookkeeping, Ingest, PollReport, Sink, SinkFuture, Source, WatchLog, Watcher,
};

use crate::html::{esc, page, safe_href};
use crate::http::{ApiError, HTML, Rendered};
use crate::state::AppState;

/// What `serve --watch` follows.
#[derive(Clone)]
pub struct Watching {
    pub sources: Vec<Source>,
    pub fetcher: Arc<Fetcher>,
}

impl std::fmt::Debug for Watching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watching")
            .field("sources", &self.sources.len())
            .finish()
    }
}

/// The server's side of watching.
pub struct ServerSink {
    state: Arc<AppState>,
    log: WatchLog<Box<dyn WatchStore>>,
}

impl ServerSink {
    /// The watcher's bookkeeping goes to the served store (SQLite or PostgreSQL), on a connection of
    /// its own.
    pub fn open(state: Arc<AppState>) -> Result<ServerSink, StoreError> {
        let log = borderwatch_watch::blocking(|| borderwatch_store::open_watch(&state.db))?;
        Ok(ServerSink {
            state,
            log: WatchLog::new(log),
        })
    }
}

impl Sink for ServerSink {
    fn ingest(&self, report: Report, read: bool) -> SinkFuture<'_> {
        Box::pin(async move {
            if !read {
                return self
                    .log
                    .with(|log| borderwatch_watch::store_unread(&mut **log, &report));
            }
            let done = self
                .state
                .ingest(report)
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok(match done.outcome {
                borderwatch_store::Put::New { claims } => Ingest::New { claims },
                borderwatch_store::Put::Seen { .. } => Ingest::Copy,
            })
        })
    }

    fn log(&self) -> &dyn Bookkeeping {
        &self.log
    }
}

/// Runs the watcher until `stop` turns true.
pub async fn run(
    state: Arc<AppState>,
    watching: Watching,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let sink = Arc::new(ServerSink::open(state)?);
    let watcher = Arc::new(Watcher::new(watching.fetcher, sink));
    let on_poll: Arc<dyn Fn(&PollReport) + Send + Sync> = Arc::new(|r: &PollReport| {
        if let Some(e) = &r.error {
            tracing::warn!(source = %r.source, error = %e, "source not read");
        }
    });
    watcher.run(watching.sources, stop, on_poll).await;
    Ok(())
}

type St = State<Arc<AppState>>;

pub async fn sources_page(State(st): St, headers: HeaderMap) -> Result<Response, ApiError> {
    render(st, headers, false).await
}

pub async fn sources_json(State(st): St, headers: HeaderMap) -> Result<Response, ApiError> {
    render(st, headers, true).await
}

/// Read uncached: a poll that brought nothing new changes these rows but not the store's version.
async fn render(st: Arc<AppState>, headers: HeaderMap, json: bool) -> Result<Response, ApiError> {
    let db = st.db.clone();
    let all = tokio::task::spawn_blocking(move || {
        borderwatch_store::open_watch(&db)
            .and_then(|log| log.sources())
            .map_err(|e| ApiError::internal(e.to_string()))
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    let rendered = st
        .read(move |_, _store| {
            if json {
                return Rendered::json(&all);
            }
            let mut body = String::from(
                "<h1>Sources</h1><p>What <code>borderwatch watch</code> follows.</p>\
                 <table class=\"list\"><thead><tr><th>Source</th><th>Kind</th><th>Last fetch</th>\
                 <th>Last success</th><th>Items seen</th><th>Reports made</th><th>Claims found</th>\
                 <th>Published (claims found by workers)</th><th>Last error</th></tr></thead><tbody>",
            );
            for s in &all {
                let name = match safe_href(&s.url) {
                    Some(href) => format!("<a href=\"{href}\">{}</a>", esc(&s.name)),
                    None => esc(&s.name),
                };
                let _ = write!(
                    body,
                    "<tr><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&s.kind),
                    esc(s.last_fetch.as_deref().unwrap_or("never")),
                    esc(s.last_success.as_deref().unwrap_or("never")),
                    s.items_seen,
                    s.reports_made,
                    s.claims_found,
                    s.reports_published,
                    esc(s.last_error.as_deref().unwrap_or("")),
                );
            }
            body.push_str("</tbody></table>");
            Ok(Rendered::new(HTML, page("Sources", "/sources.json", &body)))
        })
        .await?;
    Ok(rendered.respond(&headers))
}
