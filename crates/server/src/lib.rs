//! borderwatch over HTTP: a JSON API described by an OpenAPI document, web pages (a world map, a
//! crossing list, crossing pages with evidence and timeline) each with a JSON twin, Atom feeds of
//! status changes, exports, and webhooks — all served from one binary that needs nothing from the
//! network: styles, script and country outlines are compiled in.
//!
//! - [`serve`]: binds (loopback unless told otherwise, and never beyond it without a token unless
//!   `insecure_public`), starts the webhook worker, and serves until Ctrl-C.
//! - [`router`]: the routes, for tests that want the app without a socket.
//! - [`state`]: the read pool, the writer thread and the response cache.
//!
//! Invariant: handlers never block the async runtime: store work runs on the blocking pool (reads)
//! or the writer thread (writes). Every text from a report is escaped before it reaches a page.

pub mod api;
pub mod config;
pub mod feeds;
pub mod html;
pub mod http;
pub mod pages;
pub mod state;
pub mod views;
pub mod watching;
pub mod webhooks;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use borderwatch_gazetteer::Gazetteer;

pub use config::Config;
pub use state::AppState;

/// Content-Security-Policy of every answer: scripts and styles only from this server, no inline
/// script, no plugins, no framing. A second wall behind escaping: even a tag that slipped through
/// could not run.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Every route. `/api/...` answers JSON; pages answer HTML with a `.json` twin.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/index.json", get(pages::home_json))
        .route("/crossings", get(pages::crossings))
        .route("/crossings.json", get(pages::crossings_json))
        .route("/crossings/{id}", get(pages::crossing))
        .route("/changes", get(pages::change_page))
        .route("/changes.json", get(pages::change_page_json))
        .route("/reports", get(pages::reports))
        .route("/reports.json", get(pages::reports_json))
        .route("/reports/{id}", get(pages::report))
        .route("/sources", get(watching::sources_page))
        .route("/sources.json", get(watching::sources_json))
        .route("/feeds/changes.atom", get(pages::feed_all))
        .route("/feeds/countries/{name}", get(pages::feed_country))
        .route("/feeds/crossings/{name}", get(pages::feed_crossing))
        .route("/assets/{name}", get(pages::asset))
        .route("/favicon.ico", get(pages::favicon))
        .route("/api", get(pages::api_index))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/crossings", get(api::crossings))
        .route("/api/crossings/{id}", get(api::crossing))
        .route("/api/crossings/{id}/timeline", get(api::crossing_timeline))
        .route("/api/events", get(api::events))
        .route("/api/changes", get(api::changes))
        .route("/api/reports", get(api::reports).post(api::post_report))
        .route("/api/reports/{id}", get(api::report))
        .route("/api/export/crossings.geojson", get(api::export_geojson))
        .route("/api/export/crossings.csv", get(api::export_csv))
        .route("/api/webhooks/deliveries", get(api::deliveries))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(html_errors))
        .layer(axum::middleware::map_response(security_headers))
        .layer(axum::middleware::from_fn(access_log))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> Response {
    http::ApiError::not_found(format!(
        "nothing is at {}; the map is at /, the API is listed at /api",
        uri.path()
    ))
    .into_response()
}

/// One line per request at `debug` (`RUST_LOG=borderwatch_server=debug`); server errors at `warn`.
async fn access_log(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = std::time::Instant::now();
    let r = next.run(req).await;
    let status = r.status().as_u16();
    if r.status().is_server_error() {
        tracing::warn!("{method} {path} {status} in {:?}", started.elapsed());
    } else {
        tracing::debug!("{method} {path} {status} in {:?}", started.elapsed());
    }
    r
}

/// A browser asking for a page (Accept: text/html) gets an error as a page, with the same status and
/// message; the API, JSON twins and feeds keep JSON errors, and so does any client that does not ask
/// for HTML.
async fn html_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path().to_owned();
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let r = next.run(req).await;
    let is_page = !(path.starts_with("/api/")
        || path.ends_with(".json")
        || path.ends_with(".atom")
        || path.starts_with("/assets/"));
    if !(wants_html && is_page && (r.status().is_client_error() || r.status().is_server_error())) {
        return r;
    }
    let status = r.status();
    let bytes = axum::body::to_bytes(r.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let message = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| status.to_string());
    let body = html::page(
        status.canonical_reason().unwrap_or("Error"),
        "/api",
        &format!(
            "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">The map</a> · <a href=\"/crossings\">All crossings</a></p>",
            status.as_u16(),
            html::esc(&message)
        ),
    );
    (status, [(header::CONTENT_TYPE, http::HTML)], body).into_response()
}

async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The store: a SQLite file, or the shared PostgreSQL store several servers can serve at once.
    pub db: borderwatch_store::StoreLocation,
    pub bind: SocketAddr,
    /// Listen beyond loopback without a token (reads are open then, and writing is disabled).
    pub insecure_public: bool,
    pub config: Config,
    /// Sources to follow while serving (`serve --watch`).
    pub watch: Option<watching::Watching>,
}

/// Why `serve` refuses an address: beyond loopback, anyone who reaches the port could write reports
/// with no token set.
pub fn check_bind(bind: &SocketAddr, config: &Config, insecure_public: bool) -> anyhow::Result<()> {
    if bind.ip().is_loopback() || config.token.is_some() || insecure_public {
        return Ok(());
    }
    anyhow::bail!(
        "refusing to listen on {bind}: it is reachable beyond this machine and no API token is configured, so the server could not tell who may write. Set BORDERWATCH_TOKEN (or `token` in the config file), or pass --insecure-public to serve read-only pages to anyone who can reach it, or bind 127.0.0.1"
    )
}

/// Checks `bind` (see [`check_bind`]) and listens on it: a caller with slow work before serving (the
/// demo loads its samples) binds first, so a busy port is reported before that work, not after.
pub fn listen(
    bind: &SocketAddr,
    config: &Config,
    insecure_public: bool,
) -> anyhow::Result<std::net::TcpListener> {
    check_bind(bind, config, insecure_public)?;
    let listener = std::net::TcpListener::bind(bind).with_context(|| {
        format!(
            "cannot listen on {bind} (another server on that port? --bind 127.0.0.1:0 picks a free one)"
        )
    })?;
    listener
        .set_nonblocking(true)
        .with_context(|| format!("setting up the socket on {bind}"))?;
    Ok(listener)
}

/// Serves until Ctrl-C (or `shutdown` resolves). `ready` is called with the bound address (useful
/// with port 0) once the socket listens.
pub async fn serve(
    gaz: &'static Gazetteer,
    opts: ServeOptions,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let listener = listen(&opts.bind, &opts.config, opts.insecure_public)?;
    serve_on(gaz, opts, listener, ready, shutdown).await
}

/// [`serve`] on a socket already listening (from [`listen`]).
pub async fn serve_on(
    gaz: &'static Gazetteer,
    opts: ServeOptions,
    listener: std::net::TcpListener,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // Opening may connect to PostgreSQL, whose blocking client must not run on the async runtime.
    let (db, config) = (opts.db.clone(), opts.config.clone());
    let state = tokio::task::spawn_blocking(move || AppState::open(gaz, db, config))
        .await
        .context("opening the store")?
        .with_context(|| format!("opening the store {}", opts.db))?;
    let listener = tokio::net::TcpListener::from_std(listener)
        .with_context(|| format!("listening on {}", opts.bind))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let watcher = opts.watch.clone().map(|w| {
        let (state, stop) = (state.clone(), stop_rx.clone());
        tokio::spawn(async move {
            if let Err(e) = watching::run(state, w, stop).await {
                tracing::error!(error = %e, "the watcher could not start");
            }
        })
    });
    let worker = if opts.config.webhooks.is_empty() {
        None
    } else {
        Some(tokio::spawn(webhooks::run(
            opts.db.clone(),
            gaz,
            opts.config.webhooks.clone(),
            opts.config.webhook_timing.clone(),
            state.wake.clone(),
            stop_rx,
        )))
    };
    ready(addr);
    let app = router(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving")?;
    let _ = stop_tx.send(true);
    if let Some(w) = worker {
        let _ = w.await;
    }
    // Polls in flight finish (bounded by their timeouts); unread items wait for the next start.
    if let Some(w) = watcher {
        let _ = w.await;
    }
    Ok(())
}

/// [`serve`] on a runtime of its own until Ctrl-C or SIGTERM: for the command line, which is not async.
pub fn serve_until_ctrl_c(
    gaz: &'static Gazetteer,
    opts: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let listener = listen(&opts.bind, &opts.config, opts.insecure_public)?;
    serve_until_ctrl_c_on(gaz, opts, listener, ready)
}

/// [`serve_until_ctrl_c`] on a socket already listening (from [`listen`]).
pub fn serve_until_ctrl_c_on(
    gaz: &'static Gazetteer,
    opts: ServeOptions,
    listener: std::net::TcpListener,
    ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("borderwatch-http")
        .build()
        .context("starting the async runtime")?;
    rt.block_on(serve_on(gaz, opts, listener, ready, stop_signal()))
}

/// Resolves on Ctrl-C or SIGTERM (how systemd stops a service). A handler that cannot be installed
/// leaves the other one, or serving until killed.
pub async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
