//! The fetcher against real HTTP servers on 127.0.0.1, and the guard against every range the issue
//! names. Host names are resolved by a stub table, so no test resolves or connects to anything else.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body as AxumBody;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use borderwatch_fetch::{
    FetchError, FetchOptions, Fetched, Fetcher, Guard, IpNet, StaticResolver, Validators,
};

const REFUSED: &[&str] = &[
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "100.64.0.1",
    "169.254.169.254",
    "::1",
    "fd00::1",
    "127.0.0.1",
];

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

fn fast_opts() -> FetchOptions {
    FetchOptions {
        per_host_interval: Duration::ZERO,
        backoff: Duration::from_millis(10),
        timeout: Duration::from_secs(2),
        ..FetchOptions::default()
    }
}

fn resolver() -> StaticResolver {
    let mut r = StaticResolver::new().with("local.test", &["127.0.0.1".parse().expect("ip")]);
    for (i, ip) in REFUSED.iter().enumerate() {
        r = r.with(&format!("evil{i}.test"), &[ip.parse().expect("ip")]);
    }
    r
}

fn loopback_fetcher(opts: FetchOptions) -> Fetcher {
    let allow: IpNet = "127.0.0.0/8".parse().expect("net");
    Fetcher::new(opts, Guard::new(vec![allow]), Arc::new(resolver())).expect("fetcher")
}

fn url_of(ip: &str) -> String {
    if ip.contains(':') {
        format!("http://[{ip}]/feed")
    } else {
        format!("http://{ip}/feed")
    }
}

#[tokio::test]
async fn guard_refuses_private_loopback_link_local_cgnat_and_metadata() {
    let fetcher = Fetcher::new(fast_opts(), Guard::default(), Arc::new(resolver())).expect("f");
    for ip in REFUSED {
        let err = fetcher.get(&url_of(ip), &Validators::default()).await;
        assert!(
            matches!(err, Err(FetchError::Refused { .. })),
            "{ip}: {err:?}"
        );
    }
    // The same through a host name that resolves to each (resolution stubbed, nothing connected).
    for (i, ip) in REFUSED.iter().enumerate() {
        let url = format!("http://evil{i}.test/feed");
        let err = fetcher.get(&url, &Validators::default()).await;
        match err {
            Err(FetchError::Refused { refusal, .. }) => {
                assert_eq!(refusal.ip, ip.parse::<IpAddr>().expect("ip"));
            }
            other => panic!("{url}: {other:?}"),
        }
    }
    // IPv4 written as IPv6 is judged as the IPv4 address.
    let err = fetcher
        .get("http://[::ffff:10.0.0.1]/", &Validators::default())
        .await;
    assert!(matches!(err, Err(FetchError::Refused { .. })), "{err:?}");
    // Public addresses pass the guard (checked without connecting).
    let guard = Guard::default();
    assert!(guard.check("93.184.216.34".parse().expect("ip")).is_ok());
    assert!(guard.check("2606:4700::1111".parse().expect("ip")).is_ok());
    // An allowed range is allowed, and only it.
    let guard = Guard::new(vec!["10.1.0.0/16".parse().expect("net")]);
    assert!(guard.check("10.1.2.3".parse().expect("ip")).is_ok());
    assert!(guard.check("10.2.2.3".parse().expect("ip")).is_err());
}

#[tokio::test]
async fn redirects_are_checked_by_the_guard_at_every_hop() {
    let app = Router::new()
        .route(
            "/to-private",
            get(|| async { (StatusCode::FOUND, [(header::LOCATION, "http://10.0.0.1/x")]) }),
        )
        .route(
            "/to-metadata-name",
            get(|| async {
                (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, "http://evil4.test/latest/meta-data/")],
                )
            }),
        )
        .route(
            "/to-ok",
            get(|| async { (StatusCode::FOUND, [(header::LOCATION, "/ok")]) }),
        )
        .route("/ok", get(|| async { "fine" }))
        .route(
            "/loop",
            get(|| async { (StatusCode::FOUND, [(header::LOCATION, "/loop")]) }),
        );
    let addr = serve(app).await;
    let fetcher = loopback_fetcher(fast_opts());
    let v = Validators::default();
    let err = fetcher.get(&format!("http://{addr}/to-private"), &v).await;
    assert!(matches!(err, Err(FetchError::Refused { .. })), "{err:?}");
    let err = fetcher
        .get(&format!("http://{addr}/to-metadata-name"), &v)
        .await;
    match err {
        Err(FetchError::Refused { refusal, .. }) => {
            assert_eq!(refusal.ip.to_string(), "169.254.169.254");
            assert!(refusal.to_string().contains("metadata"), "{refusal}");
        }
        other => panic!("{other:?}"),
    }
    match fetcher.get(&format!("http://{addr}/to-ok"), &v).await {
        Ok(Fetched::Body(b)) => {
            assert_eq!(b.bytes, b"fine");
            assert!(b.url.ends_with("/ok"));
        }
        other => panic!("{other:?}"),
    }
    let err = fetcher.get(&format!("http://{addr}/loop"), &v).await;
    assert!(
        matches!(err, Err(FetchError::TooManyRedirects { .. })),
        "{err:?}"
    );
    // A host name that resolves to loopback, allowed by --allow 127.0.0.0/8.
    let url = format!("http://local.test:{}/ok", addr.port());
    assert!(matches!(fetcher.get(&url, &v).await, Ok(Fetched::Body(_))));
}

#[tokio::test]
async fn conditional_get_gives_not_modified() {
    async fn feed(headers: HeaderMap) -> Response {
        if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| v == "\"v1\"")
        {
            return StatusCode::NOT_MODIFIED.into_response();
        }
        ([(header::ETAG, "\"v1\"")], "<rss/>").into_response()
    }
    let addr = serve(Router::new().route("/feed", get(feed))).await;
    let fetcher = loopback_fetcher(fast_opts());
    let url = format!("http://{addr}/feed");
    let first = match fetcher.get(&url, &Validators::default()).await {
        Ok(Fetched::Body(b)) => b,
        other => panic!("{other:?}"),
    };
    assert_eq!(first.validators.etag.as_deref(), Some("\"v1\""));
    let second = fetcher.get(&url, &first.validators).await;
    assert!(matches!(second, Ok(Fetched::NotModified)), "{second:?}");
}

#[tokio::test]
async fn oversized_and_endless_bodies_are_cut_off() {
    let app = Router::new()
        .route("/big", get(|| async { "x".repeat(10_000) }))
        .route(
            "/endless",
            get(|| async {
                let chunks = futures_util::stream::repeat_with(|| {
                    Ok::<_, std::io::Error>(axum::body::Bytes::from_static(&[b'y'; 1024]))
                });
                AxumBody::from_stream(chunks)
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                "late"
            }),
        );
    let addr = serve(app).await;
    let opts = FetchOptions {
        max_body: 4096,
        timeout: Duration::from_millis(500),
        retries: 0,
        ..fast_opts()
    };
    let fetcher = loopback_fetcher(opts);
    let v = Validators::default();
    let err = fetcher.get(&format!("http://{addr}/big"), &v).await;
    assert!(matches!(err, Err(FetchError::TooLarge { .. })), "{err:?}");
    let err = fetcher.get(&format!("http://{addr}/endless"), &v).await;
    assert!(matches!(err, Err(FetchError::TooLarge { .. })), "{err:?}");
    let err = fetcher.get(&format!("http://{addr}/slow"), &v).await;
    assert!(matches!(err, Err(FetchError::Timeout { .. })), "{err:?}");
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff() {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = Router::new().route(
        "/flaky",
        get(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < 2 {
                    (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response()
                } else {
                    "ok".into_response()
                }
            }
        }),
    );
    let addr = serve(app).await;
    let fetcher = loopback_fetcher(fast_opts());
    let got = fetcher
        .get(&format!("http://{addr}/flaky"), &Validators::default())
        .await;
    assert!(matches!(got, Ok(Fetched::Body(_))), "{got:?}");
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    // A 404 is not retried.
    let got = fetcher
        .get(&format!("http://{addr}/missing"), &Validators::default())
        .await;
    assert!(
        matches!(got, Err(FetchError::Status { status: 404, .. })),
        "{got:?}"
    );
}

#[tokio::test]
async fn robots_txt_is_respected_and_names_borderwatch() {
    async fn robots() -> &'static str {
        "User-agent: *\nDisallow: /\n\nUser-agent: borderwatch\nDisallow: /private/\n"
    }
    async fn echo_agent(headers: HeaderMap) -> String {
        headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
    let app = Router::new()
        .route("/robots.txt", get(robots))
        .route("/private/page", get(|| async { "secret" }))
        .route("/news/page", get(echo_agent));
    let addr = serve(app).await;
    let fetcher = loopback_fetcher(fast_opts());
    let v = Validators::default();
    let err = fetcher
        .get(&format!("http://{addr}/private/page"), &v)
        .await;
    assert!(matches!(err, Err(FetchError::Robots { .. })), "{err:?}");
    match fetcher.get(&format!("http://{addr}/news/page"), &v).await {
        Ok(Fetched::Body(b)) => {
            let agent = String::from_utf8_lossy(&b.bytes).to_string();
            assert!(agent.starts_with("borderwatch/"), "{agent}");
        }
        other => panic!("{other:?}"),
    }
    // Robots off: the page is fetched.
    let fetcher = loopback_fetcher(FetchOptions {
        respect_robots: false,
        ..fast_opts()
    });
    assert!(matches!(
        fetcher
            .get(&format!("http://{addr}/private/page"), &v)
            .await,
        Ok(Fetched::Body(_))
    ));
}
