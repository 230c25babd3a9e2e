//! A local news site on 127.0.0.1 for the watch tests: feeds, a sitemap, a listing page, article
//! pages, GDELT files, and every way a source can fail. All texts are written for these tests.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// What the site serves; tests change it between polls.
#[derive(Default)]
pub struct Site {
    /// path → (content type, body)
    pub files: HashMap<String, (String, Vec<u8>)>,
    /// Paths answered with an ETag, and 304 when it matches.
    pub etags: HashMap<String, String>,
    /// Requests per path.
    pub hits: HashMap<String, usize>,
}

pub type Shared = Arc<Mutex<Site>>;

pub fn article(title: &str, date: &str, sentence: &str) -> String {
    let mut menu = String::new();
    for i in 0..40 {
        menu.push_str(&format!(
            "<li><a href=\"/section/{i}\">Section {i}</a></li>"
        ));
    }
    format!(
        r##"<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="The Test Courier">
<meta property="article:published_time" content="{date}T09:00:00+03:00">
<script>var tracking = "ignored";</script></head><body>
<header><nav><ul>{menu}</ul></nav></header>
<article><h1>{title}</h1><p>{sentence}</p>
<p>This page was written for the borderwatch tests; it is not a real news article.</p></article>
<footer>Footer text</footer></body></html>"##
    )
}

pub fn rss(items: &[(&str, &str)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Test Courier</title>\
         <link>http://courier.test/</link><description>test feed</description>",
    );
    for (title, link) in items {
        out.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link><guid>{link}</guid>\
             <pubDate>Mon, 23 Oct 2017 08:00:00 GMT</pubDate></item>"
        ));
    }
    out.push_str("</channel></rss>");
    out
}

async fn serve_path(
    State(site): State<Shared>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/{path}");
    if path == "/endless" {
        let chunks = futures_util::stream::repeat_with(|| {
            Ok::<_, std::io::Error>(axum::body::Bytes::from_static(&[b'<'; 4096]))
        });
        return (
            [(header::CONTENT_TYPE, "application/rss+xml")],
            Body::from_stream(chunks),
        )
            .into_response();
    }
    if path == "/slow" {
        *site
            .lock()
            .expect("site lock")
            .hits
            .entry(path.clone())
            .or_default() += 1;
        tokio::time::sleep(Duration::from_secs(30)).await;
        return "late".into_response();
    }
    answer(&site, &path, &headers)
}

fn answer(site: &Shared, path: &str, headers: &HeaderMap) -> Response {
    let mut site = site.lock().expect("site lock");
    *site.hits.entry(path.to_owned()).or_default() += 1;
    if path == "/broken" {
        return (StatusCode::INTERNAL_SERVER_ERROR, "oops").into_response();
    }
    let Some((ct, body)) = site.files.get(path).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if let Some(tag) = site.etags.get(path) {
        if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| v.as_bytes() == tag.as_bytes())
        {
            return StatusCode::NOT_MODIFIED.into_response();
        }
        return (
            [(header::CONTENT_TYPE, ct), (header::ETAG, tag.clone())],
            body,
        )
            .into_response();
    }
    ([(header::CONTENT_TYPE, ct)], body).into_response()
}

pub async fn start(site: Shared) -> SocketAddr {
    let app = Router::new()
        .route("/{*path}", get(serve_path))
        .with_state(site);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

pub fn put(site: &Shared, path: &str, ct: &str, body: impl Into<Vec<u8>>) {
    site.lock()
        .expect("site lock")
        .files
        .insert(path.into(), (ct.into(), body.into()));
}

pub fn hits(site: &Shared, path: &str) -> usize {
    site.lock()
        .expect("site lock")
        .hits
        .get(path)
        .copied()
        .unwrap_or(0)
}
