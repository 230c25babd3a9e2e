//! Measures the time from an item appearing on a local feed to its webhook arriving, through the same
//! path as `serve --watch`: feed fetched (conditional GET), article fetched and read, extracted,
//! stored and fused by the server's writer, the change signed and POSTed to a receiver. Everything
//! runs on 127.0.0.1. The poll interval is excluded: each item is added, then one poll is started at
//! once. Each article, written here, flips Bashmagh's status on a new day, so each makes one change.
//!
//! Run: `cargo run --release -p borderwatch-server --example watch_latency [-- ITEMS]` (default 100).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use borderwatch_fetch::{FetchOptions, Fetcher, Guard, SystemResolver};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_server::config::{Config, Webhook, WebhookTiming};
use borderwatch_server::state::AppState;
use borderwatch_server::watching::ServerSink;
use borderwatch_watch::{Watcher, parse_sources};

type Items = Arc<Mutex<Vec<(String, String)>>>;

/// Words for a paragraph that differs from item to item: without it the articles would be near
/// copies of each other, which fusion rightly counts as one source and one event.
const WORDS: &[&str] = &[
    "grain", "prices", "rose", "in", "the", "valley", "markets", "while", "farmers", "waited",
    "for", "rain", "teachers", "met", "at", "town", "hall", "football", "club", "won", "its",
    "match", "weather", "stayed", "cold", "river", "levels", "fell", "bakery", "opened", "new",
    "shop", "school", "buses", "ran", "late", "hospital", "hired", "nurses", "festival", "drew",
    "crowds", "museum", "showed", "old", "maps", "library", "lent", "books", "council", "debated",
    "budget",
];

fn filler(n: usize) -> String {
    let mut x = (n as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..40)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[((x >> 33) as usize) % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn article(n: usize) -> String {
    // Two weeks apart: fusion groups claims of one change at one crossing that are close in time.
    let day = jiff::civil::date(2000, 1, 1) + jiff::Span::new().days(14 * n as i64);
    let verb = if n.is_multiple_of(2) {
        "closed"
    } else {
        "reopened"
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Bashmagh {n}</title>\
         <meta property=\"article:published_time\" content=\"{day}T08:00:00Z\"></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><p>Iran {verb} the Bashmagh border crossing with \
         Iraq's Kurdistan Region today, customs official number {n} said.</p>\
         <p>In other news, {}.</p>\
         <p>Written for the borderwatch latency benchmark; not a news article.</p></article></body></html>",
        filler(n)
    )
}

async fn feed(State(items): State<Items>) -> impl IntoResponse {
    let mut out =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title>");
    for (title, link) in items.lock().expect("items").iter().rev().take(50) {
        out.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link></item>"
        ));
    }
    out.push_str("</channel></rss>");
    ([(header::CONTENT_TYPE, "application/rss+xml")], out)
}

async fn page(Path(n): Path<usize>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html")], article(n))
}

async fn listen(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

#[tokio::main]
async fn main() {
    let n_items: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let items: Items = Arc::default();
    let site = Router::new()
        .route("/feed.xml", get(feed))
        .route("/a/{n}", get(page))
        .with_state(items.clone());
    let site_addr = listen(site).await;
    let received = Arc::new(tokio::sync::Notify::new());
    let count = Arc::new(Mutex::new(0usize));
    let (r, c) = (received.clone(), count.clone());
    let receiver = Router::new().route(
        "/hook",
        post(move || {
            let (r, c) = (r.clone(), c.clone());
            async move {
                *c.lock().expect("count") += 1;
                r.notify_one();
                StatusCode::OK
            }
        }),
    );
    let hook_addr = listen(receiver).await;

    let dir = tempfile::tempdir().expect("tempdir");
    let db = borderwatch_store::StoreLocation::Sqlite(dir.path().join("bench.db"));
    let hooks = vec![Webhook {
        name: "bench".into(),
        url: format!("http://{hook_addr}/hook"),
        secret: "bench-secret".into(),
        country: None,
    }];
    let timing = WebhookTiming {
        attempts: 3,
        backoff_ms: 50,
        timeout_ms: 2_000,
        poll_ms: 600_000,
        ..WebhookTiming::default()
    };
    let config = Config {
        webhooks: hooks.clone(),
        webhook_timing: timing.clone(),
        ..Config::default()
    };
    let gaz = Gazetteer::builtin();
    let state = AppState::open(gaz, db.clone(), config).expect("state");
    let (_stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(borderwatch_server::webhooks::run(
        db.clone(),
        gaz,
        hooks,
        timing,
        state.wake.clone(),
        stop_rx,
    ));
    let sink = Arc::new(ServerSink::open(state).expect("sink"));
    let opts = FetchOptions {
        per_host_interval: Duration::ZERO,
        ..FetchOptions::default()
    };
    let guard = Guard::new(vec!["127.0.0.0/8".parse().expect("range")]);
    let fetcher = Arc::new(Fetcher::new(opts, guard, Arc::new(SystemResolver)).expect("fetcher"));
    let watcher = Watcher::new(fetcher, sink);
    let text = format!(
        "[[source]]\nname = \"bench\"\nkind = \"feed\"\nurl = \"http://{site_addr}/feed.xml\"\n"
    );
    let source = parse_sources(&text, "bench")
        .expect("sources")
        .sources
        .remove(0);

    let mut times = Vec::with_capacity(n_items);
    for n in 0..n_items {
        let before = *count.lock().expect("count");
        items
            .lock()
            .expect("items")
            .push((format!("Item {n}"), format!("http://{site_addr}/a/{n}")));
        let start = Instant::now();
        let report = watcher.poll(&source).await;
        if std::env::var_os("BENCH_VERBOSE").is_some() {
            eprintln!("polled {n}: {report:?}");
        }
        assert_eq!(report.reports, 1, "item {n}: {report:?}");
        while *count.lock().expect("count") == before {
            let _ = tokio::time::timeout(Duration::from_secs(10), received.notified()).await;
        }
        times.push(start.elapsed());
        if std::env::var_os("BENCH_VERBOSE").is_some() {
            eprintln!("item {n}: {:?} {report:?}", start.elapsed());
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "items {}: median {:.1} ms, p99 {:.1} ms, min {:.1} ms, max {:.1} ms (poll interval excluded)",
        times.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
}
