//! `borderwatch watch --publish` on the real binary: a small HTTP server on 127.0.0.1 serves a feed
//! of four articles written for this test (not news), the watcher publishes them to a JetStream stream
//! of the test's own, and `borderwatch worker --until-idle` stores them. The reports and claims must
//! land once, equal to what a plain `watch --once` stores; a second watch publishes nothing; and the
//! watch bookkeeping is kept in the store named on the command line (a PostgreSQL schema of its own
//! when BORDERWATCH_PG_URL is set, else a SQLite file).
//!
//! Needs BORDERWATCH_NATS_URL (`.ci/run` sets it when NATS answers); skipped, saying so, otherwise.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

use borderwatch_store::{PgStore, SqliteStore, Store};

/// (path, `lang` of the page, paragraph). Written for this test; not real news. The last one is in
/// English but its page declares German, so the watcher marks it unread: a worker that read it anyway
/// would find the claim the plain watch does not.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "/news/2017/10/23/shut.html",
        "en",
        "SULAIMANIYA: Iran closed the Bashmagh border crossing with Iraq's Kurdistan Region on Monday, \
         a provincial customs official told reporters.",
    ),
    (
        "/news/2017/10/25/open.html",
        "en",
        "The Bashmagh crossing reopened on Wednesday, traders in the border town said.",
    ),
    (
        "/news/2017/10/27/parviz.html",
        "en",
        "The Parviz Khan crossing with Iran remained closed on Friday, a Kurdish customs official said.",
    ),
    (
        "/news/2017/10/28/labelled.html",
        "de",
        "The Haji Omaran crossing with Iran closed on Saturday, a border official said.",
    ),
];

fn page(lang: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><title>Test article</title>\
         <meta property=\"og:site_name\" content=\"The Test Courier\"></head><body><article>\
         <p>{text}</p><p>Written for the borderwatch tests; not a real news article.</p>\
         </article></body></html>"
    )
}

/// Serves `/feed.xml` and the articles (everything else 404) until the test ends.
fn serve() -> u16 {
    let listener = match TcpListener::bind("127.0.0.1:0") {
        Ok(l) => l,
        Err(e) => panic!("bind: {e}"),
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let items: String = ARTICLES
                .iter()
                .map(|(p, _, _)| {
                    format!(
                        "<item><title>Test</title><link>http://127.0.0.1:{port}{p}</link></item>"
                    )
                })
                .collect();
            let feed = format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Courier</title>{items}\
                 </channel></rss>"
            );
            let (status, ct, body) = match ARTICLES.iter().find(|(p, _, _)| *p == path) {
                Some((_, lang, text)) => ("200 OK", "text/html", page(lang, text)),
                None if path == "/feed.xml" => ("200 OK", "application/rss+xml", feed),
                None => ("404 Not Found", "text/plain", "no".to_owned()),
            };
            let mut s = &stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn run(home: &Path, store: &str, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .env_remove("BORDERWATCH_STORE")
        .args(["--store", store])
        .args(args)
        .output();
    match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run borderwatch: {e}"),
    }
}

/// The JSON a successful command printed.
fn json(out: &Output, what: &str) -> serde_json::Value {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed: {text}");
    match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("{what} printed no JSON ({e}): {text}"),
    }
}

/// Removes the test's stream and schema, whatever the outcome.
struct Cleanup {
    nats: String,
    stream: String,
    pg: Option<(String, String)>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.pg
            && let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
        if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            rt.block_on(async {
                if let Ok(client) = async_nats::connect(self.nats.as_str()).await {
                    let js = async_nats::jetstream::new(client);
                    let _ = js.delete_stream(&self.stream).await;
                }
            });
        }
    }
}

fn open(store: &str) -> Box<dyn Store> {
    let opened: Result<Box<dyn Store>, _> = match store.strip_prefix("sqlite:") {
        Some(path) => SqliteStore::open(Path::new(path)).map(|s| Box::new(s) as _),
        None => PgStore::open(store).map(|s| Box::new(s) as _),
    };
    match opened {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// Every stored report id with its language and its claims as JSON, sorted.
fn reports_and_claims(store: &dyn Store) -> Vec<(String, Option<String>, Vec<String>)> {
    let page = match store.reports_page(None, 100) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let mut out: Vec<(String, Option<String>, Vec<String>)> = page
        .into_iter()
        .map(|r| {
            let claims = match store.claims_of(&r.id) {
                Ok(c) => c,
                Err(e) => panic!("{e}"),
            };
            let claims = claims
                .iter()
                .map(|c| serde_json::to_string(c).unwrap_or_default())
                .collect();
            let language = match store.report(&r.id) {
                Ok(stored) => stored.and_then(|s| s.language),
                Err(e) => panic!("{e}"),
            };
            (r.id, language, claims)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn watch_publish_feeds_workers_once_and_keeps_its_log_in_the_store() {
    let test = "watch_publish";
    let Some(nats) = env("BORDERWATCH_NATS_URL") else {
        println!("{test}: skipped: needs BORDERWATCH_NATS_URL (NATS JetStream)");
        return;
    };
    let port = serve();
    let feed = format!("http://127.0.0.1:{port}/feed.xml");
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let home = dir.path();
    let id = std::process::id();
    let mut cleanup = Cleanup {
        nats: nats.clone(),
        stream: format!("t-{test}-{id}"),
        pg: None,
    };
    let store = match env("BORDERWATCH_PG_URL") {
        Some(pg) => {
            let schema = format!("t_{test}_{id}");
            let sep = if pg.contains('?') { '&' } else { '?' };
            let url = format!("{pg}{sep}schema={schema}");
            cleanup.pg = Some((pg, schema));
            url
        }
        None => {
            println!("{test}: BORDERWATCH_PG_URL is not set: the log and the reports go to SQLite");
            format!("sqlite:{}", home.join("shared.db").display())
        }
    };
    let stream = cleanup.stream.clone();
    let watch = |store: &str| {
        run(
            home,
            store,
            &[
                "watch",
                "--feed",
                &feed,
                "--allow",
                "127.0.0.0/8",
                "--once",
                "--json",
                "--publish",
                "--nats",
                &nats,
                "--stream",
                &stream,
            ],
        )
    };
    let work = || {
        run(
            home,
            &store,
            &[
                "worker",
                "--nats",
                &nats,
                "--stream",
                &stream,
                "--until-idle",
                "--json",
            ],
        )
    };

    let polls = json(&watch(&store), "watch --publish");
    let p = &polls[0];
    assert_eq!(
        (
            &p["new"],
            &p["published"],
            &p["other_language"],
            &p["reports"],
            &p["failed"]
        ),
        (&4.into(), &3.into(), &1.into(), &0.into(), &0.into()),
        "{polls}"
    );
    // Published, not stored: the store holds the log only, until a worker runs.
    assert_eq!(open(&store).counts().map(|c| c.reports).ok(), Some(0));

    let done = json(&work(), "worker");
    assert_eq!(done["new"], 4, "{done}");
    assert_eq!(done["rejected"], 0, "{done}");

    // The reference: a plain watch of the same feed into a SQLite store of its own.
    let reference = format!("sqlite:{}", home.join("reference.db").display());
    let direct = json(
        &run(
            home,
            &reference,
            &[
                "watch",
                "--feed",
                &feed,
                "--allow",
                "127.0.0.0/8",
                "--once",
                "--json",
            ],
        ),
        "watch",
    );
    assert_eq!(direct[0]["reports"], 3, "{direct}");
    let expected = reports_and_claims(&*open(&reference));
    let claims: usize = expected.iter().map(|(_, _, c)| c.len()).sum();
    assert!(claims >= 3, "the test articles make claims: {expected:?}");
    assert_eq!(done["claims"], claims, "{done}");
    assert_eq!(reports_and_claims(&*open(&store)), expected);
    // The unread one is stored without claims, as the plain watch stores it, and the language of
    // its page travels on the stream to the store.
    assert!(
        expected
            .iter()
            .any(|(_, l, c)| c.is_empty() && l.as_deref() == Some("de")),
        "{expected:?}"
    );

    // Nothing is published twice: the log says every item is done.
    let again = json(&watch(&store), "a second watch --publish");
    assert_eq!(
        (&again[0]["new"], &again[0]["published"]),
        (&0.into(), &0.into()),
        "{again}"
    );
    let idle = json(&work(), "a second worker");
    assert_eq!(
        (&idle["new"], &idle["already_seen"]),
        (&0.into(), &0.into()),
        "{idle}"
    );

    // A watcher with a log of its own publishes the same texts again; the stream drops them.
    let fresh = format!("sqlite:{}", home.join("fresh-log.db").display());
    let dup = json(&watch(&fresh), "watch --publish with a fresh log");
    assert_eq!(
        (&dup[0]["published"], &dup[0]["copies"]),
        (&0.into(), &4.into()),
        "{dup}"
    );
    assert_eq!(reports_and_claims(&*open(&store)), expected);

    // `sources` reads the log from the store and says the claims are the workers' to count.
    let sources = json(&run(home, &store, &["sources", "--json"]), "sources");
    let s = &sources[0];
    assert_eq!(
        (
            &s["items_seen"],
            &s["reports_published"],
            &s["other_language"],
            &s["claims_found"],
            &s["reports_made"]
        ),
        (&4.into(), &3.into(), &1.into(), &0.into(), &0.into()),
        "{sources}"
    );
    let text = run(home, &store, &["sources"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("published to the stream 3 (their claims are found by the workers"),
        "{text}"
    );
    drop(cleanup);
}
