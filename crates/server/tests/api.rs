//! The HTTP API and pages end to end: a real server on 127.0.0.1 (port 0) over a real SQLite file,
//! loaded with the Kurdistan 2017 sample reports (written for borderwatch; Bashmagh closes on
//! 2017-10-15 and reopens on 2017-10-25), queried with a real HTTP client.

use std::net::SocketAddr;
use std::time::Duration;

use borderwatch_extract::{NormalizeOptions, ReportMeta, read_report};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_server::{Config, ServeOptions};
use borderwatch_service::ingest::Ingester;
use borderwatch_store::SqliteStore;
use reqwest::StatusCode;
use serde_json::Value;

const REPORTS: &str = include_str!("../../../samples/kurdistan-2017/reports.jsonl");
const TOKEN: &str = "test-token-0123456789abcdef";

struct Server {
    base: String,
    db: std::path::PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.await.expect("server task").expect("server ran");
        }
    }
}

/// Stores the sample reports in a new store file; returns its directory and path.
fn sample_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("api.db");
    let gaz = Gazetteer::builtin();
    let mut store = SqliteStore::open(&db).expect("store");
    let mut ingester = Ingester::new(gaz);
    for line in REPORTS.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("sample line is JSON");
        let s = |k: &str| v[k].as_str().map(str::to_string);
        let meta = ReportMeta {
            url: s("url"),
            outlet: s("outlet"),
            title: s("title"),
            published: s("published").map(|d| d.parse().expect("date")),
            language: None,
        };
        let report = read_report(
            s("text").expect("text").as_bytes(),
            meta,
            &NormalizeOptions::default(),
        )
        .expect("sample reads");
        ingester.ingest(&mut store, gaz, &report).expect("ingest");
    }
    (dir, db)
}

async fn start(config: Config) -> Server {
    let (dir, db) = sample_store();
    let (addr_tx, addr_rx) = tokio::sync::oneshot::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let opts = ServeOptions {
        db: borderwatch_store::StoreLocation::Sqlite(db.clone()),
        bind: "127.0.0.1:0".parse().expect("addr"),
        insecure_public: false,
        config,
        watch: None,
    };
    let task = tokio::spawn(async move {
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
    let addr = tokio::time::timeout(Duration::from_secs(30), addr_rx)
        .await
        .expect("server starts in time")
        .expect("server reports its address");
    Server {
        base: format!("http://{addr}"),
        db,
        stop: Some(stop_tx),
        task: Some(task),
        _dir: dir,
    }
}

fn with_token() -> Config {
    Config {
        token: Some(TOKEN.into()),
        max_body_bytes: 4096,
        ..Config::default()
    }
}

async fn get(base: &str, path: &str) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let r = reqwest::get(format!("{base}{path}"))
        .await
        .expect("request");
    let status = r.status();
    let headers = r.headers().clone();
    (status, headers, r.text().await.expect("body"))
}

async fn get_json(base: &str, path: &str) -> Value {
    let (status, headers, body) = get(base, path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    assert!(
        headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .contains("json"),
        "GET {path} is JSON"
    );
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}"))
}

/// An error answer: its status and its message, which must be a sentence a person can act on.
async fn expect_error(r: reqwest::Response, status: StatusCode) -> String {
    assert_eq!(r.status(), status);
    let body = r.text().await.expect("body");
    let v: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("error is JSON: {body}"));
    assert_eq!(v["error"]["status"], status.as_u16());
    let msg = v["error"]["message"].as_str().expect("message").to_string();
    assert!(msg.len() > 20, "message says what to do: {msg}");
    msg
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crossings_list_filters_and_pages() {
    let s = start(Config::default()).await;
    let all = get_json(&s.base, "/api/crossings?limit=1000").await;
    let n = all["items"].as_array().expect("items").len();
    assert!(n > 500, "every gazetteer crossing is listed: {n}");
    // Answers default to the latest day the reports speak of (the Mehran sample, 2017-11-05).
    assert_eq!(all["as_of"]["date"], "2017-11-05");
    assert_eq!(all["as_of"]["from"], "latest stored date");

    // Pages follow each other without overlap and end.
    let mut seen = Vec::new();
    let mut path = "/api/crossings?country=IR&limit=7".to_string();
    loop {
        let p = get_json(&s.base, &path).await;
        for it in p["items"].as_array().expect("items") {
            seen.push(it["id"].as_str().expect("id").to_string());
        }
        match p["next"].as_str() {
            Some(c) => path = format!("/api/crossings?country=IR&limit=7&cursor={c}"),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "ids come sorted, once each");
    assert!(
        seen.len() > 7
            && seen
                .iter()
                .all(|id| id.starts_with("ir-") || id.contains("-ir-"))
    );

    // Filters: status, and names in any script.
    let open = get_json(&s.base, "/api/crossings?status=open&country=IQ").await;
    let ids: Vec<&str> = open["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(ids.contains(&"ir-iq-bashmagh"), "{ids:?}");
    assert!(
        !ids.contains(&"ir-iq-parviz-khan"),
        "Parviz Khan stays closed: {ids:?}"
    );
    let q = get_json(
        &s.base,
        "/api/crossings?q=%D8%A8%D8%A7%D8%B4%D9%85%D8%A7%D9%82",
    )
    .await;
    assert_eq!(
        q["items"][0]["id"], "ir-iq-bashmagh",
        "باشماق finds Bashmagh"
    );

    // Bad parameters: 400 with a message.
    for bad in [
        "/api/crossings?status=ajar",
        "/api/crossings?country=QQ",
        "/api/crossings?limit=0",
        "/api/crossings?cursor=zz",
        "/api/crossings?at=yesterday",
    ] {
        let r = reqwest::get(format!("{}{bad}", s.base))
            .await
            .expect("request");
        expect_error(r, StatusCode::BAD_REQUEST).await;
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crossing_status_timeline_and_etags() {
    let s = start(Config::default()).await;
    let b = get_json(&s.base, "/api/crossings/ir-iq-bashmagh").await;
    assert_eq!(b["status"]["status"], "open");
    assert_eq!(
        b["for_whom"],
        Value::Null,
        "the reopening names no group of traffic"
    );
    assert_eq!(b["status"]["since"], "2017-10-25");
    assert_eq!(b["status"]["independent_sources"], 2);
    let ev = &b["evidence"][0];
    let sentence = ev["sentence"].as_str().expect("sentence");
    assert!(sentence.contains("reopened"), "{sentence}");
    assert!(
        ev["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://"))
    );
    // The marks are spans of the sentence: the trigger mark covers the word that made the claim.
    let trigger = ev["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .find(|m| m["what"] == "trigger")
        .expect("a trigger mark");
    let (a, z) = (
        trigger["start"].as_u64().expect("start") as usize,
        trigger["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(sentence.get(a..z), Some("reopened"));

    // On an earlier day it was closed.
    let before = get_json(&s.base, "/api/crossings/ir-iq-bashmagh?at=2017-10-20").await;
    assert_eq!(before["status"]["status"], "closed");

    let t = get_json(&s.base, "/api/crossings/ir-iq-bashmagh/timeline").await;
    let statuses: Vec<&str> = t["timeline"]["intervals"]
        .as_array()
        .expect("intervals")
        .iter()
        .filter_map(|i| i["status"].as_str())
        .collect();
    assert_eq!(statuses, ["unknown", "closed", "open"]);
    assert_eq!(t["changes"].as_array().map(Vec::len), Some(2));

    // Unknown crossing: 404 with a hint.
    let r = reqwest::get(format!("{}/api/crossings/xx-yy-nowhere", s.base))
        .await
        .expect("request");
    let msg = expect_error(r, StatusCode::NOT_FOUND).await;
    assert!(msg.contains("/api/crossings?q="), "{msg}");
    let r = reqwest::get(format!("{}/crossings/xx-yy-nowhere", s.base))
        .await
        .expect("request");
    expect_error(r, StatusCode::NOT_FOUND).await;
    // A browser asking for the page gets the same error as a page.
    let r = reqwest::Client::new()
        .get(format!("{}/crossings/xx-yy-nowhere", s.base))
        .header(reqwest::header::ACCEPT, "text/html,application/xhtml+xml")
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let page = r.text().await.expect("body");
    assert!(
        page.starts_with("<!doctype html>") && page.contains("no crossing has the id"),
        "{page}"
    );

    // ETag and If-None-Match.
    let (_, headers, _) = get(&s.base, "/api/crossings/ir-iq-bashmagh").await;
    let etag = headers[reqwest::header::ETAG]
        .to_str()
        .expect("etag")
        .to_string();
    let client = reqwest::Client::new();
    let r = client
        .get(format!("{}/api/crossings/ir-iq-bashmagh", s.base))
        .header(reqwest::header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    let r = client
        .get(format!("{}/api/crossings/ir-iq-bashmagh", s.base))
        .header(reqwest::header::IF_NONE_MATCH, "\"something-else\"")
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::OK);

    // The page's JSON twin says what the API says.
    let twin = get_json(&s.base, "/crossings/ir-iq-bashmagh.json").await;
    assert_eq!(twin["status"], b["status"]);
    let (status, _, html) = get(&s.base, "/crossings/ir-iq-bashmagh").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/crossings/ir-iq-bashmagh.json\""));
    assert!(html.contains("<mark class=\"trigger\""));

    // Every page names its twin, and the twin is JSON about the same thing.
    let home = get_json(&s.base, "/index.json").await;
    assert_eq!(home["tally"]["open"].as_u64().map(|n| n >= 1), Some(true));
    assert!(home["crossings"].as_array().is_some_and(|c| c.len() > 500));
    let list = get_json(&s.base, "/crossings.json?status=closed").await;
    assert!(
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["status"]["status"] == "closed")
    );
    let changes = get_json(&s.base, "/changes.json").await;
    assert!(changes["items"].as_array().is_some_and(|c| c.len() >= 6));
    let reports = get_json(&s.base, "/reports.json").await;
    let first = reports["items"][0]["id"]
        .as_str()
        .expect("a report id")
        .to_string();
    let one = get_json(&s.base, &format!("/reports/{first}.json")).await;
    assert_eq!(one["id"], Value::from(first.as_str()));
    for (page, twin) in [
        ("/", "/index.json"),
        ("/changes", "/changes.json"),
        ("/reports", "/reports.json"),
    ] {
        let (status, _, html) = get(&s.base, page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            html.contains(&format!("href=\"{twin}\"")),
            "{page} links its twin"
        );
    }
    let (status, _, api) = get(&s.base, "/api").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        api.contains("/api/crossings/{id}/timeline"),
        "the API page lists the paths"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_changes_reports_exports_and_feeds() {
    let s = start(Config::default()).await;
    let ev = get_json(&s.base, "/api/events?crossing=bashmagh").await;
    let items = ev["items"].as_array().expect("items");
    assert!(items.iter().any(|e| e["change"] == "reopened"));
    let since = get_json(&s.base, "/api/events?since=2017-10-20&country=IQ").await;
    assert!(
        since["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|e| e["placed"].as_str().is_some_and(|d| d >= "2017-10-20"))
    );
    let r = reqwest::get(format!("{}/api/events?since=last-week", s.base))
        .await
        .expect("request");
    expect_error(r, StatusCode::BAD_REQUEST).await;

    let ch = get_json(&s.base, "/api/changes?country=IQ").await;
    let dates: Vec<&str> = ch["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["date"].as_str())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let ch = get_json(&s.base, "/api/changes?crossing=bashmagh").await;
    let first = &ch["items"][0];
    assert_eq!(first["crossing"], "ir-iq-bashmagh", "{first}");
    assert_eq!(
        (&first["from"], &first["to"], &first["date"]),
        (
            &Value::from("closed"),
            &Value::from("open"),
            &Value::from("2017-10-25")
        )
    );

    // Reports: a page without text, then one report with its claims and their evidence spans.
    let list = get_json(&s.base, "/api/reports?limit=3").await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(3));
    let next = list["next"].as_str().expect("a next page");
    let page2 = get_json(&s.base, &format!("/api/reports?limit=3&cursor={next}")).await;
    assert_ne!(page2["items"][0]["id"], list["items"][0]["id"]);
    let with_claims = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .chain(page2["items"].as_array().expect("items"))
        .find(|r| r["claims"].as_u64().unwrap_or(0) > 0)
        .expect("a report with claims");
    let id = with_claims["id"].as_str().expect("id");
    let rep = get_json(&s.base, &format!("/api/reports/{id}")).await;
    let text = rep["text"].as_str().expect("text");
    let claim = &rep["claims"][0];
    let span = &claim["evidence"]["sentence"];
    let (a, z) = (
        span["start"].as_u64().expect("start") as usize,
        span["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(text.get(a..z), claim["sentence"].as_str());
    let r = reqwest::get(format!("{}/api/reports/0000", s.base))
        .await
        .expect("request");
    expect_error(r, StatusCode::NOT_FOUND).await;

    // Exports.
    let geo = get_json(&s.base, "/api/export/crossings.geojson").await;
    assert_eq!(geo["type"], "FeatureCollection");
    let bash = geo["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["id"] == "ir-iq-bashmagh")
        .expect("Bashmagh exported");
    assert_eq!(bash["properties"]["status"], "open");
    let c = bash["geometry"]["coordinates"]
        .as_array()
        .expect("coordinates");
    assert!(
        c[0].as_f64().is_some_and(|lon| (45.0..47.0).contains(&lon)),
        "lon first"
    );
    let (_, headers, csv) = get(&s.base, "/api/export/crossings.csv?hxl=true").await;
    assert!(
        headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    let mut lines = csv.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("id,name,")));
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("#loc+id,#loc+name,"))
    );
    assert!(csv.lines().any(
        |l| l.starts_with("ir-iq-bashmagh,Bashmagh,IR,IQ,") && l.contains(",open,2017-10-25,")
    ));

    // Atom feeds parse as Atom, with one entry per change.
    for (path, min) in [
        ("/feeds/changes.atom", 6),
        ("/feeds/countries/IQ.atom", 6),
        ("/feeds/crossings/ir-iq-bashmagh.atom", 2),
    ] {
        let (status, headers, body) = get(&s.base, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            headers[reqwest::header::CONTENT_TYPE]
                .to_str()
                .unwrap_or("")
                .starts_with("application/atom+xml")
        );
        let feed = feed_rs::parser::parse(body.as_bytes())
            .unwrap_or_else(|e| panic!("{path} is a feed: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert!(
            feed.entries.len() >= min,
            "{path}: {} entries",
            feed.entries.len()
        );
        let ids: std::collections::BTreeSet<&str> =
            feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), feed.entries.len(), "entry ids are unique");
    }
    let r = reqwest::get(format!("{}/feeds/crossings/xx-yy-nowhere.atom", s.base))
        .await
        .expect("request");
    expect_error(r, StatusCode::NOT_FOUND).await;
    s.stop().await;
}

fn post(
    base: &str,
    body: impl Into<reqwest::Body>,
    token: Option<&str>,
) -> reqwest::RequestBuilder {
    let mut r = reqwest::Client::new()
        .post(format!("{base}/api/reports"))
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posting_reports_needs_the_token_and_checks_the_body() {
    let s = start(with_token()).await;
    let report = serde_json::json!({
        "title": "Haji Omaran reopens (sample)",
        "text": "ERBIL: Iran reopened the Haji Omaran crossing on Monday, a border official said. (Sample written for borderwatch tests.)",
        "published": "2017-11-06",
        "url": "https://sample.example/haji-omaran",
        "outlet": "Test Wire (sample)"
    })
    .to_string();

    let r = post(&s.base, report.clone(), None)
        .send()
        .await
        .expect("request");
    let msg = expect_error(r, StatusCode::UNAUTHORIZED).await;
    assert!(msg.contains("Authorization: Bearer"), "{msg}");
    let r = post(&s.base, report.clone(), Some("wrong-token-wrong-token"))
        .send()
        .await
        .expect("request");
    expect_error(r, StatusCode::UNAUTHORIZED).await;

    let big = serde_json::json!({"text": "x".repeat(10_000)}).to_string();
    let r = post(&s.base, big, Some(TOKEN))
        .send()
        .await
        .expect("request");
    let msg = expect_error(r, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(msg.contains("4096"), "{msg}");

    let r = post(&s.base, "{\"text\": \"unterminated", Some(TOKEN))
        .send()
        .await
        .expect("request");
    let msg = expect_error(r, StatusCode::BAD_REQUEST).await;
    assert!(msg.contains("line 1"), "says where: {msg}");
    let r = post(&s.base, "{\"txet\": \"typo\"}", Some(TOKEN))
        .send()
        .await
        .expect("request");
    let msg = expect_error(r, StatusCode::BAD_REQUEST).await;
    assert!(msg.contains("txet"), "names the unknown field: {msg}");
    let r = post(
        &s.base,
        "{\"text\": \"x\", \"url\": \"javascript:alert(1)\"}",
        Some(TOKEN),
    )
    .send()
    .await
    .expect("request");
    expect_error(r, StatusCode::BAD_REQUEST).await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/reports", s.base))
        .bearer_auth(TOKEN)
        .body(report.clone())
        .send()
        .await
        .expect("request");
    expect_error(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;

    // A good report: 201 with the claims it made, and the crossing's status moves.
    let before = get_json(&s.base, "/api/crossings/ir-iq-haji-omaran").await;
    assert_eq!(before["status"]["status"], "closed");
    let r = post(&s.base, report.clone(), Some(TOKEN))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = serde_json::from_str(&r.text().await.expect("body")).expect("JSON");
    assert_eq!(v["outcome"]["outcome"], "new");
    let claim = &v["claims"][0];
    assert_eq!(claim["crossing"]["id"], "ir-iq-haji-omaran");
    assert_eq!(claim["status"], "open");
    let after = get_json(&s.base, "/api/crossings/ir-iq-haji-omaran").await;
    assert_eq!(after["status"]["status"], "open");
    assert_eq!(after["status"]["since"], "2017-11-06");
    // The same report again changes nothing and gives the stored claims back.
    let r = post(&s.base, report, Some(TOKEN))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = serde_json::from_str(&r.text().await.expect("body")).expect("JSON");
    assert_eq!(v["outcome"]["outcome"], "seen");
    assert_eq!(v["claims"][0]["crossing"]["id"], "ir-iq-haji-omaran");

    // The delivery log needs the token too.
    let r = reqwest::get(format!("{}/api/webhooks/deliveries", s.base))
        .await
        .expect("request");
    expect_error(r, StatusCode::UNAUTHORIZED).await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_writing_is_disabled() {
    let s = start(Config::default()).await;
    let r = post(&s.base, "{\"text\": \"x\"}", Some(TOKEN))
        .send()
        .await
        .expect("request");
    let msg = expect_error(r, StatusCode::FORBIDDEN).await;
    assert!(msg.contains("BORDERWATCH_TOKEN"), "{msg}");
    s.stop().await;
}

#[test]
fn binding_beyond_loopback_needs_a_token_or_consent() {
    let public: SocketAddr = "0.0.0.0:8080".parse().expect("addr");
    let local: SocketAddr = "127.0.0.1:8080".parse().expect("addr");
    let err = borderwatch_server::check_bind(&public, &Config::default(), false)
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("BORDERWATCH_TOKEN") && err.contains("--insecure-public"),
        "{err}"
    );
    assert!(borderwatch_server::check_bind(&public, &with_token(), false).is_ok());
    assert!(borderwatch_server::check_bind(&public, &Config::default(), true).is_ok());
    assert!(borderwatch_server::check_bind(&local, &Config::default(), false).is_ok());
}

/// Every page a report's words reach, after posting a report full of markup and script links.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_text_is_inert_everywhere() {
    let s = start(with_token()).await;
    let evil = serde_json::json!({
        "title": "<script>alert('title')</script><img src=x onerror=alert(1)>",
        "text": "Iran closed the Bashmagh crossing on Friday, <script>alert('text')</script> an official said. <a href=\"javascript:alert('link')\">read more</a> javascript:alert('bare')",
        "published": "2017-10-27",
        "outlet": "<b onmouseover=alert(2)>Evil Outlet</b>",
        "url": "https://evil.example/\"><script>alert(3)</script>"
    })
    .to_string();
    let r = post(&s.base, evil.clone(), Some(TOKEN))
        .send()
        .await
        .expect("request");
    let r = if r.status() == StatusCode::BAD_REQUEST {
        // The URL was refused (it is not a plain http URL): post it without one.
        let mut v: Value = serde_json::from_str(&evil).expect("JSON");
        v.as_object_mut().expect("object").remove("url");
        post(&s.base, v.to_string(), Some(TOKEN))
            .send()
            .await
            .expect("request")
    } else {
        r
    };
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = serde_json::from_str(&r.text().await.expect("body")).expect("JSON");
    let id = v["report"].as_str().expect("id").to_string();
    assert!(
        !v["claims"].as_array().expect("claims").is_empty(),
        "the report makes a claim"
    );

    let pages = [
        "/".to_string(),
        "/crossings".into(),
        "/crossings?q=%3Cscript%3E".into(),
        "/crossings/ir-iq-bashmagh".into(),
        "/changes".into(),
        "/reports".into(),
        format!("/reports/{id}"),
        "/feeds/changes.atom".into(),
        "/feeds/crossings/ir-iq-bashmagh.atom".into(),
    ];
    let mut saw_title = false;
    for p in &pages {
        let (status, headers, body) = get(&s.base, p).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        let lower = body.to_lowercase();
        assert!(
            !lower.contains("<script>alert"),
            "{p} carries a live script tag"
        );
        assert!(!lower.contains("<img src=x"), "{p} carries a live img tag");
        assert!(
            !lower.contains("<b onmouseover"),
            "{p} carries a live handler"
        );
        assert!(
            !lower.contains("href=\"javascript:"),
            "{p} links to javascript:"
        );
        // The only scripts are the server's own.
        for (k, _) in lower.match_indices("<script") {
            assert!(
                lower[k..].starts_with("<script src=\"/assets/app.js\""),
                "{p}: unexpected script at {k}"
            );
        }
        saw_title |= body.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;");
        if headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
        {
            let csp = headers["content-security-policy"].to_str().expect("csp");
            assert!(csp.contains("script-src 'self'"), "{p}: {csp}");
        }
    }
    assert!(saw_title, "the title is shown, escaped, as text");
    // JSON keeps the words as they were sent: it is data, not markup.
    let rep = get_json(&s.base, &format!("/api/reports/{id}")).await;
    assert_eq!(
        rep["title"],
        "<script>alert('title')</script><img src=x onerror=alert(1)>"
    );
    s.stop().await;
}

/// The OpenAPI document and the router agree: every /api route registered in lib.rs is documented,
/// and every documented path answers (something other than the router's 404).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_matches_the_routes() {
    let s = start(Config::default()).await;
    let doc = get_json(&s.base, "/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: std::collections::BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    let source = include_str!("../src/lib.rs");
    let routed: std::collections::BTreeSet<String> = source
        .match_indices(".route(\"/api/")
        .map(|(k, m)| {
            let rest = &source[k + m.len() - "/api/".len()..];
            rest[..rest.find('"').expect("closing quote")].to_string()
        })
        .collect();
    assert!(routed.len() >= 10, "{routed:?}");
    assert_eq!(routed, documented);
    for path in &documented {
        let concrete = path.replace("{id}", "ir-iq-bashmagh");
        let r = reqwest::get(format!("{}{concrete}", s.base))
            .await
            .expect("request");
        let status = r.status();
        let body = r.text().await.expect("body");
        // The report route 404s for a crossing id with the report's own message, not the router's.
        assert!(
            !body.contains("nothing is at"),
            "{path} is documented but not routed ({status})"
        );
    }
    s.stop().await;
}

/// The documented shapes of a crossing in a list and of one crossing's answer match what the server
/// sends, both ways: every required property is sent, every property sent is documented. This keeps
/// the freshness fields (`last_confirmed`, `age_days`, `stale`) in the document as in the answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_schemas_match_the_answers() {
    let s = start(Config::default()).await;
    let doc = get_json(&s.base, "/api/openapi.json").await;
    let check = |schema: &str, v: &Value| {
        let sch = &doc["components"]["schemas"][schema];
        let props = sch["properties"].as_object().expect("properties");
        let sent = v.as_object().expect("an object");
        for req in sch["required"].as_array().expect("required") {
            let req = req.as_str().expect("name");
            assert!(
                sent.contains_key(req),
                "{schema}: {req} is required but not sent"
            );
        }
        for k in sent.keys() {
            assert!(
                props.contains_key(k),
                "{schema}: {k} is sent but not documented"
            );
        }
        for k in ["last_confirmed", "age_days", "stale"] {
            assert!(
                sch["required"]
                    .as_array()
                    .expect("required")
                    .iter()
                    .any(|r| r == k),
                "{schema} lacks {k}"
            );
        }
    };
    let list = get_json(&s.base, "/api/crossings?limit=1000").await;
    let items = list["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for item in items {
        check("CrossingRow", item);
    }
    let one = get_json(&s.base, "/api/crossings/ir-iq-bashmagh?at=2017-10-26").await;
    check("CrossingDetail", &one);
    assert_eq!(one["last_confirmed"], "2017-10-26");
    assert_eq!(one["age_days"], 0);
    assert_eq!(one["stale"], false);
    // The same status asked years later: unchanged, but stale, and the list says the same.
    let later = get_json(&s.base, "/api/crossings/ir-iq-bashmagh?at=2024-09-24").await;
    assert_eq!(later["status"]["status"], "open");
    assert_eq!(
        (later["age_days"].as_i64(), later["stale"].as_bool()),
        (Some(2525), Some(true))
    );
    let row = get_json(&s.base, "/api/crossings?q=bashmagh&at=2024-09-24").await;
    assert_eq!(row["items"][0]["stale"], true);
    assert_eq!(row["items"][0]["last_confirmed"], "2017-10-26");
    s.stop().await;
}

/// The server wires webhooks to writes: a configured webhook hears about a change a POSTed report
/// makes (once, signed), and not about the history that was there when it was configured.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_posted_report_reaches_the_webhook() {
    use axum::routing::post as route_post;
    use hmac::Mac;
    type Seen = std::sync::Arc<std::sync::Mutex<Vec<(String, String, Vec<u8>)>>>;
    let seen: Seen = Default::default();
    let rec = seen.clone();
    let receiver = axum::Router::new().route(
        "/hook",
        route_post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let rec = rec.clone();
                async move {
                    let h = |k: &str| {
                        headers
                            .get(k)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string()
                    };
                    if let Ok(mut r) = rec.lock() {
                        r.push((
                            h(borderwatch_server::webhooks::DELIVERY_HEADER),
                            h(borderwatch_server::webhooks::SIGNATURE_HEADER),
                            body.to_vec(),
                        ));
                    }
                    axum::http::StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let hook_addr = listener.local_addr().expect("addr");
    let receiver_task = tokio::spawn(async move {
        let _ = axum::serve(listener, receiver).await;
    });

    let secret = "posted-report-secret";
    let mut config = with_token();
    config.webhooks = vec![borderwatch_server::config::Webhook {
        name: "e2e".into(),
        url: format!("http://{hook_addr}/hook"),
        secret: secret.into(),
        country: None,
    }];
    config.webhook_timing.poll_ms = 100;
    config.webhook_timing.backoff_ms = 50;
    let s = start(config).await;
    let report = serde_json::json!({
        "text": "ERBIL: Iran reopened the Parviz Khan crossing on Monday, a border official said. (Sample written for borderwatch tests.)",
        "published": "2017-11-06",
    })
    .to_string();
    // Wait until the webhook's baseline is logged: only then is the history known not to be news.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let client = reqwest::Client::new();
    loop {
        let log = client
            .get(format!("{}/api/webhooks/deliveries", s.base))
            .bearer_auth(TOKEN)
            .send()
            .await
            .expect("request");
        let v: Value = serde_json::from_str(&log.text().await.expect("body")).expect("JSON");
        if v["items"].as_array().is_some_and(|i| !i.is_empty()) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no baseline logged");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let r = post(&s.base, report, Some(TOKEN))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::CREATED);
    let got = loop {
        let got = seen.lock().map(|g| g.clone()).unwrap_or_default();
        if !got.is_empty() {
            break got;
        }
        assert!(std::time::Instant::now() < deadline, "no delivery");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // Give a duplicate the chance to show up before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = seen.lock().map(|g| g.clone()).unwrap_or(got);
    assert_eq!(got.len(), 1, "one delivery for the one new change");
    let (id, sig, body) = &got[0];
    let v: Value = serde_json::from_slice(body).expect("JSON body");
    assert_eq!(v["crossing"], "ir-iq-parviz-khan");
    assert_eq!(
        (&v["from"], &v["to"]),
        (&Value::from("closed"), &Value::from("open"))
    );
    assert_eq!(v["id"], Value::from(id.as_str()));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(body);
    let want: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sig, &format!("sha256={want}"));
    s.stop().await;
    receiver_task.abort();
}

/// A report another process writes (a `borderwatch ingest` beside the server) shows in the answers
/// within about a second (the cache's `MAX_LAG`), without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_by_another_process_show_up() {
    let s = start(Config::default()).await;
    let before = get_json(&s.base, "/api/crossings/ir-iq-haji-omaran").await;
    assert_eq!(before["status"]["status"], "closed");
    let (_, _, page) = get(&s.base, "/crossings/ir-iq-haji-omaran").await;
    assert!(page.contains("data-status=\"closed\""));
    let db = s.db.clone();
    tokio::task::spawn_blocking(move || {
        let gaz = Gazetteer::builtin();
        let mut store = SqliteStore::open(&db).expect("second connection");
        let meta = ReportMeta {
            url: None,
            outlet: Some("Other Process Wire (sample)".into()),
            title: None,
            published: Some("2017-11-07".parse().expect("date")),
            language: None,
        };
        let text = "ERBIL: Iran reopened the Haji Omaran crossing on Tuesday, officials said. (Sample written for borderwatch tests.)";
        let report = read_report(text.as_bytes(), meta, &NormalizeOptions::default()).expect("reads");
        Ingester::new(gaz).ingest(&mut store, gaz, &report).expect("ingest");
    })
    .await
    .expect("writer task");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let now = get_json(&s.base, "/api/crossings/ir-iq-haji-omaran").await;
        let (_, _, page) = get(&s.base, "/crossings/ir-iq-haji-omaran").await;
        if now["status"]["status"] == "open" && page.contains("data-status=\"open\"") {
            assert_eq!(now["status"]["since"], "2017-11-07");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the other writer's report never showed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.stop().await;
}

/// Garbage bodies of every kind get a 4xx with a JSON message, never a 5xx or a dropped connection,
/// and leave the store as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_posts_are_refused_cleanly() {
    let s = start(with_token()).await;
    let before = get_json(&s.base, "/api/reports?limit=1000").await;
    let mut bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{}".to_vec(),
        b"{\"text\": 12}".to_vec(),
        b"{\"text\": \"   \"}".to_vec(),
        b"{\"text\": \"x\", \"published\": \"2017-02-30\"}".to_vec(),
        b"{\"text\": \"x\", \"published\": \"\xff\xfe\"}".to_vec(),
        format!("{}{}", "[".repeat(3000), "]".repeat(3000)).into_bytes(),
        b"{\"text\": \"\\ud800\"}".to_vec(),
    ];
    // Deterministic noise: a small linear congruential generator, so a failure can be replayed.
    let mut x: u64 = 0x2017_1025;
    for n in 0..60 {
        let mut b = Vec::new();
        for _ in 0..(n * 13 % 200) {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            b.push((x >> 56) as u8);
        }
        if n % 3 == 0 {
            b.splice(0..0, b"{\"text\": \"".iter().copied());
        }
        bodies.push(b);
    }
    for body in bodies {
        let shown = String::from_utf8_lossy(&body[..body.len().min(40)]).into_owned();
        let r = post(&s.base, body, Some(TOKEN))
            .send()
            .await
            .expect("request");
        let status = r.status();
        assert!(status.is_client_error(), "{shown:?} got {status}");
        let text = r.text().await.expect("body");
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{shown:?}: {text}"));
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let after = get_json(&s.base, "/api/reports?limit=1000").await;
    assert_eq!(before["items"], after["items"], "nothing was stored");
    s.stop().await;
}
