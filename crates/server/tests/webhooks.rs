//! Webhook delivery end to end: the worker runs against a real SQLite file in a temporary directory
//! and POSTs over real HTTP to a small receiver on 127.0.0.1 that records every request. Reports
//! come from the Kurdistan 2017 sample (closures on 2017-10-15, Bashmagh reopening on 2017-10-25).
//!
//! Nothing here asserts timing: the tests wait for the delivery log to reach a state, polling with a
//! generous deadline that only turns a hang into a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use borderwatch_extract::{NormalizeOptions, Report, ReportMeta, read_report};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_server::config::{Webhook, WebhookTiming};
use borderwatch_server::webhooks::{self, ATTEMPT_HEADER, DELIVERY_HEADER, SIGNATURE_HEADER};
use borderwatch_service::changes::{ChangeFilter, changes};
use borderwatch_service::ingest::Ingester;
use borderwatch_store::{Delivery, DeliveryOutcome, PgStore, SqliteStore, Store, StoreLocation};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

const REPORTS: &str = include_str!("../../../samples/kurdistan-2017/reports.jsonl");
const HOOK: &str = "ops";
const SECRET: &str = "webhook-test-secret";
/// Only turns a hung worker into a failed test; the tests finish in well under a second each.
const DEADLINE: Duration = Duration::from_secs(30);

/// The sample reports by id, read as the CLI reads a JSONL batch.
fn sample(ids: &[&str]) -> Vec<Report> {
    let by_id: BTreeMap<String, serde_json::Value> = REPORTS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("sample line is JSON");
            (v["id"].as_str().expect("sample has an id").to_string(), v)
        })
        .collect();
    ids.iter()
        .map(|id| {
            let v = by_id
                .get(*id)
                .unwrap_or_else(|| panic!("no sample report {id}"));
            let text = |k: &str| v[k].as_str().map(str::to_string);
            let meta = ReportMeta {
                url: text("url"),
                outlet: text("outlet"),
                title: text("title"),
                published: text("published").map(|d| d.parse().expect("sample date")),
                language: None,
            };
            let body = text("text").expect("sample has a text");
            read_report(body.as_bytes(), meta, &NormalizeOptions::default())
                .expect("sample report normalizes")
        })
        .collect()
}

const CLOSURE: &[&str] = &["k17-01-closure", "k17-02-denial", "k17-03-queues"];
const REOPENING: &[&str] = &["k17-04-wire-levant", "k17-05-wire-mountain"];

fn ingest(store: &mut dyn Store, ids: &[&str]) {
    let gaz = Gazetteer::builtin();
    let mut ingester = Ingester::new(gaz);
    for report in sample(ids) {
        ingester
            .ingest(store, gaz, &report)
            .unwrap_or_else(|e| panic!("ingesting {}: {e}", report.id));
    }
}

fn change_ids(store: &dyn Store) -> BTreeSet<String> {
    changes(store, Gazetteer::builtin(), &ChangeFilter::default())
        .expect("changes")
        .into_iter()
        .map(|c| c.id)
        .collect()
}

fn settled(store: &dyn Store) -> Option<BTreeSet<String>> {
    store.settled_changes(HOOK).expect("settled changes")
}

/// The log rows of `change` for the test hook, oldest first.
fn log_of(store: &SqliteStore, change: &str) -> Vec<Delivery> {
    let mut rows: Vec<Delivery> = store
        .deliveries(1000)
        .expect("delivery log")
        .into_iter()
        .filter(|d| d.hook == HOOK && d.change == change)
        .collect();
    rows.reverse();
    rows
}

/// One request the receiver got, and what it answered.
#[derive(Clone, Debug)]
struct Seen {
    headers: HeaderMap,
    body: Bytes,
    answered: StatusCode,
}

impl Seen {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("request without a readable {name} header"))
    }

    fn change(&self) -> &str {
        self.header(DELIVERY_HEADER)
    }

    fn attempt(&self) -> u32 {
        self.header(ATTEMPT_HEADER)
            .parse()
            .expect("numeric attempt")
    }
}

#[derive(Clone, Copy)]
enum Answers {
    /// 500 to the very first request, 200 to every later one.
    FirstFails,
    AlwaysOk,
    AlwaysFails,
    /// 200 after 300 ms: a delivery stays in flight across many polls of another server.
    SlowOk,
}

struct Receiver {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    server: JoinHandle<()>,
}

impl Receiver {
    async fn start(answers: Answers) -> Receiver {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let log = seen.clone();
        let app = Router::new().route(
            "/hook",
            post(move |headers: HeaderMap, body: Bytes| {
                let log = log.clone();
                async move {
                    if let Answers::SlowOk = answers {
                        tokio::time::sleep(Duration::from_millis(300)).await;
                    }
                    let mut log = log.lock().expect("receiver log");
                    let answered = match answers {
                        Answers::FirstFails if log.is_empty() => StatusCode::INTERNAL_SERVER_ERROR,
                        Answers::AlwaysFails => StatusCode::INTERNAL_SERVER_ERROR,
                        _ => StatusCode::OK,
                    };
                    log.push(Seen {
                        headers,
                        body,
                        answered,
                    });
                    answered
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the receiver");
        let addr = listener.local_addr().expect("receiver address");
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("receiver runs");
        });
        Receiver {
            url: format!("http://{addr}/hook"),
            seen,
            server,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("receiver log").clone()
    }
}

struct Worker {
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl Worker {
    fn start(db: &Path, url: &str) -> Worker {
        let timing = WebhookTiming {
            attempts: 4,
            backoff_ms: 50,
            timeout_ms: 2_000,
            poll_ms: 200,
            dirty_patience_ms: 30_000,
        };
        Worker::start_with(StoreLocation::Sqlite(db.to_path_buf()), url, timing)
    }

    fn start_with(db: StoreLocation, url: &str, timing: WebhookTiming) -> Worker {
        let wake = Arc::new(Notify::new());
        let (stop, shutdown) = watch::channel(false);
        let hook = Webhook {
            name: HOOK.into(),
            url: url.into(),
            secret: SECRET.into(),
            country: None,
        };
        let handle = tokio::spawn(webhooks::run(
            db,
            Gazetteer::builtin(),
            vec![hook],
            timing,
            wake.clone(),
            shutdown,
        ));
        Worker { wake, stop, handle }
    }

    async fn stop(self) {
        self.stop.send(true).expect("worker listens");
        self.handle.await.expect("worker ends cleanly");
    }
}

/// Polls `check` every 20 ms until it gives a value; fails the test after [`DEADLINE`].
async fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let give_up = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < give_up,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn expected_signature(body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

fn open(dir: &tempfile::TempDir) -> (std::path::PathBuf, SqliteStore) {
    let db = dir.path().join("borderwatch.db");
    let store = SqliteStore::open(&db).expect("open the store");
    (db, store)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_change_is_delivered_once_signed_and_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut store) = open(&dir);
    let receiver = Receiver::start(Answers::FirstFails).await;
    let worker = Worker::start(&db, &receiver.url);

    // An empty store: the hook is remembered by its marker row, so its first change is not taken
    // for history.
    let known = wait_for("the hook to be known", || settled(&store)).await;
    assert_eq!(known, BTreeSet::from([webhooks::HOOK_KNOWN.to_string()]));

    ingest(&mut store, CLOSURE);
    worker.wake.notify_one();
    ingest(&mut store, REOPENING);
    worker.wake.notify_one();

    let all = change_ids(&store);
    assert!(
        all.len() >= 4,
        "the sample should give three closures and a reopening, got {all:?}"
    );
    wait_for("every change to be settled", || {
        settled(&store).filter(|s| s.is_superset(&all))
    })
    .await;
    worker.stop().await;
    let seen = receiver.seen();

    // Exactly one 2xx per change, and nothing but the current changes was sent.
    let mut delivered: BTreeMap<&str, usize> = BTreeMap::new();
    for s in seen.iter().filter(|s| s.answered.is_success()) {
        *delivered.entry(s.change()).or_default() += 1;
    }
    assert_eq!(
        delivered
            .keys()
            .map(|k| k.to_string())
            .collect::<BTreeSet<_>>(),
        all
    );
    assert!(
        delivered.values().all(|&n| n == 1),
        "a change was delivered twice: {delivered:?}"
    );

    // First attempts go out oldest change first (by date, then crossing): the closures were
    // stored before the reopening, so no later poll brings an older change.
    let firsts: Vec<(String, String)> = seen
        .iter()
        .filter(|s| s.attempt() == 1)
        .map(|s| {
            let body: serde_json::Value = serde_json::from_slice(&s.body).expect("JSON body");
            (body["date"].to_string(), body["crossing"].to_string())
        })
        .collect();
    assert!(
        firsts.is_sorted(),
        "first attempts out of order: {firsts:?}"
    );
    assert_eq!(firsts.len(), all.len());

    // Every request is signed with the secret over its exact body and says what it carries.
    for s in &seen {
        assert_eq!(s.header(SIGNATURE_HEADER), expected_signature(&s.body));
        assert_eq!(s.header("content-type"), "application/json");
        assert!(s.header("user-agent").starts_with("borderwatch/"));
        let body: serde_json::Value = serde_json::from_slice(&s.body).expect("JSON body");
        assert_eq!(body["type"], "status_change");
        assert_eq!(body["hook"], HOOK);
        assert_eq!(body["id"], s.change());
        for key in ["crossing", "to", "date", "evidence"] {
            assert!(body.get(key).is_some(), "body without {key:?}: {body}");
        }
        assert!(
            body["evidence"].as_array().is_some_and(|e| !e.is_empty()),
            "a change is sent with the sentences behind it: {body}"
        );
    }

    // The first request failed and the same change came back as attempt 2, then went through.
    let first = seen.first().expect("the receiver got requests");
    assert_eq!(first.answered, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(first.attempt(), 1);
    let retried = first.change();
    let retries: Vec<&Seen> = seen.iter().filter(|s| s.change() == retried).collect();
    assert_eq!(retries.len(), 2, "one failure, one retry");
    assert_eq!(retries[1].attempt(), 2);
    assert_eq!(retries[1].answered, StatusCode::OK);
    // Every other change went through on its first attempt.
    assert!(
        seen.iter()
            .filter(|s| s.change() != retried)
            .all(|s| s.attempt() == 1)
    );

    // The log tells the same story.
    let rows = log_of(&store, retried);
    let story: Vec<(DeliveryOutcome, u32, Option<u16>)> = rows
        .iter()
        .map(|d| (d.outcome, d.attempt, d.http_status))
        .collect();
    assert_eq!(
        story,
        [
            (DeliveryOutcome::Failed, 1, Some(500)),
            (DeliveryOutcome::Delivered, 2, Some(200)),
        ]
    );
    for id in &all {
        let last = log_of(&store, id).pop().expect("every change is logged");
        assert_eq!(last.outcome, DeliveryOutcome::Delivered, "change {id}");
    }
    receiver.server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_hook_is_not_sent_history_but_hears_later_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut store) = open(&dir);
    ingest(&mut store, CLOSURE);
    let history = change_ids(&store);
    assert!(!history.is_empty(), "the closure reports make changes");

    let receiver = Receiver::start(Answers::AlwaysOk).await;
    let worker = Worker::start(&db, &receiver.url);
    // Baseline rows are written one by one, so wait for all of them before comparing.
    let baseline = wait_for("the baseline", || {
        settled(&store).filter(|s| s.is_superset(&history))
    })
    .await;
    assert_eq!(baseline, history, "every existing change, and nothing else");
    for id in &history {
        let rows = log_of(&store, id);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].outcome, DeliveryOutcome::Baseline);
        assert_eq!(rows[0].attempt, 0);
    }

    ingest(&mut store, REOPENING);
    worker.wake.notify_one();
    let now = change_ids(&store);
    let fresh: BTreeSet<String> = now.difference(&history).cloned().collect();
    assert!(!fresh.is_empty(), "the reopening is a new change");
    wait_for("the new change to be delivered", || {
        settled(&store).filter(|s| s.is_superset(&now))
    })
    .await;
    worker.stop().await;

    // The history was never sent; the new change was, once. (The worker polled several times
    // while the new change was waiting, so a baseline change would have gone out by now.)
    let sent: Vec<String> = receiver
        .seen()
        .iter()
        .map(|s| s.change().to_string())
        .collect();
    assert_eq!(
        sent.iter().cloned().collect::<BTreeSet<_>>(),
        fresh,
        "sent {sent:?}"
    );
    assert_eq!(sent.len(), fresh.len());
    receiver.server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_receiver_is_given_up_on_after_the_last_attempt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut store) = open(&dir);
    let receiver = Receiver::start(Answers::AlwaysFails).await;
    let worker = Worker::start(&db, &receiver.url);
    wait_for("the hook to be known", || settled(&store)).await;

    ingest(&mut store, &["k17-01-closure"]);
    worker.wake.notify_one();
    let first = change_ids(&store);
    assert!(!first.is_empty());
    let gave_up = |store: &SqliteStore, ids: &BTreeSet<String>| {
        ids.iter().all(|id| {
            log_of(store, id)
                .last()
                .is_some_and(|d| d.outcome == DeliveryOutcome::GaveUp)
        })
    };
    wait_for("giving up on the first changes", || {
        gave_up(&store, &first).then_some(())
    })
    .await;

    // Later changes prove that polls after giving up do not send the given-up changes again: the
    // poll that starts the new deliveries has already seen the GaveUp rows.
    ingest(&mut store, REOPENING);
    worker.wake.notify_one();
    let later: BTreeSet<String> = change_ids(&store).difference(&first).cloned().collect();
    assert!(!later.is_empty());
    wait_for("giving up on the later changes", || {
        gave_up(&store, &later).then_some(())
    })
    .await;
    worker.stop().await;

    let seen = receiver.seen();
    for id in first.iter().chain(&later) {
        let attempts: Vec<u32> = seen
            .iter()
            .filter(|s| s.change() == id)
            .map(Seen::attempt)
            .collect();
        assert_eq!(attempts, [1, 2, 3, 4], "change {id}");
        let story: Vec<(DeliveryOutcome, u32, Option<u16>)> = log_of(&store, id)
            .iter()
            .map(|d| (d.outcome, d.attempt, d.http_status))
            .collect();
        assert_eq!(
            story,
            [
                (DeliveryOutcome::Failed, 1, Some(500)),
                (DeliveryOutcome::Failed, 2, Some(500)),
                (DeliveryOutcome::Failed, 3, Some(500)),
                (DeliveryOutcome::GaveUp, 4, Some(500)),
            ],
            "change {id}"
        );
    }
    assert!(
        seen.iter()
            .all(|s| s.answered == StatusCode::INTERNAL_SERVER_ERROR)
    );
    receiver.server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_errors_are_logged_without_the_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut store) = open(&dir);
    // A port that was free a moment ago and has no listener now: every attempt is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("http://127.0.0.1:{port}/hook?token=do-not-log-me");
    let worker = Worker::start(&db, &url);
    wait_for("the hook to be known", || settled(&store)).await;

    ingest(&mut store, &["k17-01-closure"]);
    worker.wake.notify_one();
    let ids = change_ids(&store);
    assert!(!ids.is_empty());
    wait_for("giving up", || {
        ids.iter()
            .all(|id| {
                log_of(&store, id)
                    .last()
                    .is_some_and(|d| d.outcome == DeliveryOutcome::GaveUp)
            })
            .then_some(())
    })
    .await;
    worker.stop().await;

    for id in &ids {
        let rows = log_of(&store, id);
        assert_eq!(rows.len(), 4, "change {id}: {rows:?}");
        for row in rows {
            assert_eq!(row.http_status, None);
            let error = row.error.expect("a failed connection says why");
            assert!(!error.is_empty());
            assert!(!error.contains("do-not-log-me"), "the URL leaked: {error}");
        }
    }
}

/// The attempt numbers the receiver saw, per change, in the order it saw them.
fn attempts_by_change(seen: &[Seen]) -> BTreeMap<String, Vec<u32>> {
    let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for r in seen {
        out.entry(r.change().to_string())
            .or_default()
            .push(r.attempt());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_worker_goes_on_with_the_next_attempt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut store) = open(&dir);
    let receiver = Receiver::start(Answers::AlwaysFails).await;
    // Backoffs long enough to stop the worker between attempts; a short timeout, so the stopped
    // worker's claims (twice the timeout plus 2 s) run out soon.
    let timing = WebhookTiming {
        attempts: 4,
        backoff_ms: 400,
        timeout_ms: 300,
        poll_ms: 50,
        dirty_patience_ms: 30_000,
    };
    let location = StoreLocation::Sqlite(db.clone());
    let worker = Worker::start_with(location.clone(), &receiver.url, timing.clone());
    wait_for("the new hook's baseline", || settled(&store)).await;
    ingest(&mut store, CLOSURE);
    let changes = change_ids(&store);
    assert!(!changes.is_empty());
    wait_for("a first failed attempt", || {
        receiver
            .seen()
            .iter()
            .any(|r| r.attempt() == 1)
            .then_some(())
    })
    .await;
    worker.stop().await;
    let before = receiver.seen().len();
    let worker = Worker::start_with(location, &receiver.url, timing);
    wait_for("every change given up on", || {
        settled(&store).filter(|s| changes.is_subset(s))
    })
    .await;
    worker.stop().await;
    assert!(
        receiver.seen().len() > before,
        "the second worker sent the rest"
    );
    for (change, attempts) in attempts_by_change(&receiver.seen()) {
        assert_eq!(
            attempts,
            vec![1, 2, 3, 4],
            "change {change}: every attempt once, in order, across the restart"
        );
    }
}

/// Work on the shared store, run on the blocking pool.
type StoreJob = Box<dyn FnOnce(&mut PgStore) -> Option<BTreeSet<String>> + Send>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_over_one_postgres_store_send_each_change_once() {
    let Some(url) = std::env::var("BORDERWATCH_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        println!("two_servers_over_one_postgres_store: skipped: BORDERWATCH_PG_URL is not set");
        return;
    };
    let schema = format!("t_two_servers_{}", std::process::id());
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = StoreLocation::Postgres(format!("{url}{sep}schema={schema}"));
    let receiver = Receiver::start(Answers::SlowOk).await;
    let hook = Webhook {
        name: HOOK.into(),
        url: receiver.url.clone(),
        secret: SECRET.into(),
        country: None,
    };
    let config = borderwatch_server::Config {
        webhooks: vec![hook],
        webhook_timing: WebhookTiming {
            attempts: 4,
            backoff_ms: 50,
            timeout_ms: 2_000,
            // Both poll often, so they race for every change.
            poll_ms: 20,
            dirty_patience_ms: 30_000,
        },
        ..borderwatch_server::Config::default()
    };
    let mut servers = Vec::new();
    for _ in 0..2 {
        let (addr_tx, addr_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let opts = borderwatch_server::ServeOptions {
            db: location.clone(),
            bind: "127.0.0.1:0".parse().expect("addr"),
            insecure_public: false,
            config: config.clone(),
            watch: None,
        };
        let task = tokio::spawn(borderwatch_server::serve(
            Gazetteer::builtin(),
            opts,
            move |a| {
                let _ = addr_tx.send(a);
            },
            async move {
                let _ = stop_rx.await;
            },
        ));
        let _addr: std::net::SocketAddr = tokio::time::timeout(DEADLINE, addr_rx)
            .await
            .expect("server starts in time")
            .expect("server reports its address");
        servers.push((stop_tx, task));
    }
    let loc = location.clone();
    let store = tokio::task::spawn_blocking(move || match &loc {
        StoreLocation::Postgres(u) => PgStore::open(u).expect("the shared store"),
        StoreLocation::Sqlite(_) => unreachable!("a PostgreSQL location"),
    })
    .await
    .expect("open");
    let store = Arc::new(Mutex::new(store));
    let blocking = |f: StoreJob| {
        let store = store.clone();
        async move {
            tokio::task::spawn_blocking(move || f(&mut store.lock().expect("store")))
                .await
                .expect("store task")
        }
    };
    // Both servers know the hook before any change exists; then the changes arrive.
    let give_up = tokio::time::Instant::now() + DEADLINE;
    while blocking(Box::new(|s: &mut PgStore| settled(s)))
        .await
        .is_none()
    {
        assert!(tokio::time::Instant::now() < give_up, "no baseline");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let changes = blocking(Box::new(|s: &mut PgStore| {
        ingest(s, CLOSURE);
        ingest(s, REOPENING);
        Some(change_ids(s))
    }))
    .await
    .unwrap_or_default();
    assert!(changes.len() >= 4, "{changes:?}");
    loop {
        let c = changes.clone();
        let done = blocking(Box::new(move |s: &mut PgStore| {
            settled(s).filter(|got| c.is_subset(got))
        }))
        .await;
        if done.is_some() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < give_up,
            "not every change was delivered"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // More polls by both servers: nothing may go out again.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (stop, task) in servers {
        let _ = stop.send(());
        let _ = task.await;
    }
    let seen = receiver.seen();
    let by_change = attempts_by_change(&seen);
    assert_eq!(
        by_change.keys().cloned().collect::<BTreeSet<_>>(),
        changes,
        "every change reached the receiver"
    );
    for (change, attempts) in &by_change {
        assert_eq!(attempts, &vec![1], "change {change} was sent once");
    }
    tokio::task::spawn_blocking(move || {
        drop(store);
        if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    })
    .await
    .expect("cleanup");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_stays_dirty_still_has_its_changes_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut store) = open(&dir);
    let receiver = Receiver::start(Answers::AlwaysOk).await;
    // The hook is known before any change exists, as if a server had run all along.
    store
        .record_deliveries(&[Delivery {
            hook: HOOK.into(),
            change: webhooks::HOOK_KNOWN.into(),
            attempt: 0,
            at: "2026-12-07T00:00:00Z".into(),
            outcome: DeliveryOutcome::Baseline,
            http_status: None,
            error: None,
        }])
        .expect("log");
    // What stream workers leave: the closure stored and fused, then a newer report stored and not
    // fused yet, so the store is dirty; with workers writing all the time it may never be clean.
    let gaz = Gazetteer::builtin();
    for r in sample(CLOSURE) {
        let claims = borderwatch_extract::extract(&r, gaz);
        store
            .put_report(&r, &claims, &borderwatch_fusion::Signature::of(&r.text))
            .expect("put");
    }
    borderwatch_store::refresh(&mut store, &borderwatch_service::known_crossings(gaz))
        .expect("refresh");
    let closure_changes = change_ids(&store);
    assert!(!closure_changes.is_empty());
    for r in sample(&REOPENING[..1]) {
        let claims = borderwatch_extract::extract(&r, gaz);
        store
            .put_report(&r, &claims, &borderwatch_fusion::Signature::of(&r.text))
            .expect("put");
    }
    assert!(store.fusion_state().expect("state").dirty);
    let timing = WebhookTiming {
        attempts: 4,
        backoff_ms: 50,
        timeout_ms: 2_000,
        poll_ms: 50,
        dirty_patience_ms: 300,
    };
    let worker = Worker::start_with(StoreLocation::Sqlite(db.clone()), &receiver.url, timing);
    wait_for("the fused changes delivered from a dirty store", || {
        settled(&store).filter(|s| closure_changes.is_subset(s))
    })
    .await;
    worker.stop().await;
    assert!(
        store.fusion_state().expect("state").dirty,
        "nobody refreshed it"
    );
    let sent: BTreeSet<String> = receiver
        .seen()
        .iter()
        .map(|r| r.change().to_string())
        .collect();
    assert_eq!(sent, closure_changes);
}
