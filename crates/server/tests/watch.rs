//! `serve --watch` end to end: a feed on a local site (127.0.0.1) gets a new item; within one poll
//! the article is read, its status change is stored and a signed webhook arrives at a local
//! receiver; `/sources` and `/sources.json` show the source. The article is written for this test.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};
use borderwatch_fetch::{FetchOptions, Fetcher, Guard, SystemResolver};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_server::ServeOptions;
use borderwatch_server::config::{Config, Webhook, WebhookTiming};
use borderwatch_server::watching::Watching;
use borderwatch_server::webhooks::SIGNATURE_HEADER;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const SECRET: &str = "watch-test-secret";
const DEADLINE: Duration = Duration::from_secs(30);

const ARTICLE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Gate shut</title></head><body>\
    <nav><a href=\"/\">Home</a></nav><article><p>SULAIMANIYA: Iran closed the Bashmagh border \
    crossing with Iraq's Kurdistan Region on Monday, a provincial customs official told reporters.</p>\
    <p>Written for the borderwatch tests; not a real news article.</p></article></body></html>";

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

fn signature(body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).expect("key");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_feed_item_becomes_a_status_and_a_signed_webhook_within_one_poll() {
    // The news site.
    let site = Router::new()
        .route(
            "/feed.xml",
            get(|headers: HeaderMap| async move {
                let host = headers
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                (
                    [(header::CONTENT_TYPE, "application/rss+xml")],
                    format!(
                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Courier</title>\
                         <item><title>Gate shut</title><link>http://{host}/news/2017/10/23/shut.html</link></item>\
                         </channel></rss>"
                    ),
                )
            }),
        )
        .route(
            "/news/2017/10/23/shut.html",
            get(|| async { ([(header::CONTENT_TYPE, "text/html")], ARTICLE) }),
        );
    let site_addr = listen(site).await;
    // The webhook receiver.
    let seen: Arc<Mutex<Vec<(HeaderMap, Bytes)>>> = Arc::default();
    let log = seen.clone();
    let receiver = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let log = log.clone();
            async move {
                log.lock().expect("log").push((headers, body));
                StatusCode::OK
            }
        }),
    );
    let hook_addr = listen(receiver).await;

    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        webhooks: vec![Webhook {
            name: "ops".into(),
            url: format!("http://{hook_addr}/hook"),
            secret: SECRET.into(),
            country: None,
        }],
        // A long poll: the delivery must come from the writer's wake-up, not from the poll.
        webhook_timing: WebhookTiming {
            attempts: 3,
            backoff_ms: 50,
            timeout_ms: 2_000,
            poll_ms: 600_000,
            ..WebhookTiming::default()
        },
        ..Config::default()
    };
    let text = format!(
        "[[source]]\nname = \"courier\"\nkind = \"feed\"\nurl = \"http://{site_addr}/feed.xml\"\n"
    );
    let sources = borderwatch_watch::parse_sources(&text, "test").expect("sources");
    let fetch_opts = FetchOptions {
        per_host_interval: Duration::ZERO,
        ..FetchOptions::default()
    };
    let guard = Guard::new(vec!["127.0.0.0/8".parse().expect("range")]);
    let fetcher =
        Arc::new(Fetcher::new(fetch_opts, guard, Arc::new(SystemResolver)).expect("fetcher"));
    let opts = ServeOptions {
        db: borderwatch_store::StoreLocation::Sqlite(dir.path().join("w.db")),
        bind: "127.0.0.1:0".parse().expect("bind"),
        insecure_public: false,
        config,
        watch: Some(Watching {
            sources: sources.sources,
            fetcher,
        }),
    };
    let (addr_tx, addr_rx) = tokio::sync::oneshot::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        borderwatch_server::serve(
            Gazetteer::builtin(),
            opts,
            move |a| {
                let _ = addr_tx.send(a);
            },
            async move {
                let _ = stop_rx.await;
            },
        )
        .await
    });
    let addr = addr_rx.await.expect("server address");

    let give_up = tokio::time::Instant::now() + DEADLINE;
    let (headers, body) = loop {
        if let Some(first) = seen.lock().expect("log").first().cloned() {
            break first;
        }
        assert!(tokio::time::Instant::now() < give_up, "no webhook arrived");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let sig = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(sig, signature(&body));
    let change: serde_json::Value = serde_json::from_slice(&body).expect("json body");
    assert!(
        change.to_string().contains("ir-iq-bashmagh"),
        "the change is Bashmagh's: {change}"
    );

    let client = reqwest::Client::new();
    let json = client
        .get(format!("http://{addr}/sources.json"))
        .send()
        .await
        .expect("GET /sources.json")
        .text()
        .await
        .expect("body");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json[0]["name"], "courier", "{json}");
    assert_eq!(json[0]["reports_made"], 1, "{json}");
    let html = client
        .get(format!("http://{addr}/sources"))
        .send()
        .await
        .expect("GET /sources")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("courier") && html.contains("/sources.json"),
        "{html}"
    );

    let _ = stop_tx.send(());
    server
        .await
        .expect("server task")
        .expect("server ends cleanly");
}
