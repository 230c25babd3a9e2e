//! Several machines' worth of workers, for real: 5,000 generated reports are published to a JetStream
//! stream and three `borderwatch worker` processes store and fuse them into one PostgreSQL store.
//! One worker is SIGKILLed mid-stream (its unacked messages go to the others after the ack wait);
//! another is stopped and started again. Every report must be stored once, every event exist once,
//! and every timeline and event equal, row by row, those of a single `borderwatch ingest` of the same
//! reports into SQLite.
//!
//! Needs BORDERWATCH_PG_URL and BORDERWATCH_NATS_URL (`.ci/run` sets them when the servers answer);
//! skipped, saying so, otherwise. The test uses a stream and a schema of its own and removes both.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use borderwatch_store::{EventFilter, PgStore, SqliteStore, Store};

const REPORTS: usize = 5_000;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn borderwatch(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    cmd.env("XDG_DATA_HOME", home)
        .env_remove("BORDERWATCH_STORE")
        .stdin(Stdio::null());
    cmd
}

fn worker(home: &Path, store: &str, nats: &str, stream: &str) -> Child {
    let spawned = borderwatch(home)
        .args([
            "--store", store, "worker", "--nats", nats, "--stream", stream,
        ])
        .args(["--until-idle", "--ack-wait", "3", "--batch", "50"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    match spawned {
        Ok(c) => c,
        Err(e) => panic!("cannot start a worker: {e}"),
    }
}

fn stored(store: &str) -> u64 {
    match PgStore::open(store).and_then(|s| s.counts()) {
        Ok(c) => c.reports,
        Err(e) => panic!("{e}"),
    }
}

fn wait_for(store: &str, at_least: u64, deadline: Instant) {
    while stored(store) < at_least {
        assert!(
            Instant::now() < deadline,
            "workers stalled below {at_least} reports"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn finish(child: Child, what: &str) -> String {
    match child.wait_with_output() {
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.success(), "{what} failed: {err}");
            String::from_utf8_lossy(&o.stdout).into_owned()
        }
        Err(e) => panic!("{what}: {e}"),
    }
}

fn fused(
    store: &dyn Store,
) -> (
    Vec<borderwatch_fusion::Timeline>,
    Vec<borderwatch_fusion::Event>,
) {
    match (store.timelines(), store.events(&EventFilter::default())) {
        (Ok(t), Ok(e)) => (t, e),
        (Err(e), _) | (_, Err(e)) => panic!("{e}"),
    }
}

/// Removes the test's stream and schema, whatever the outcome.
struct Cleanup {
    pg: String,
    schema: String,
    nats: String,
    stream: String,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.pg, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
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

/// A test's own place: a temporary home with `count` generated reports (seed `seed`) as JSONL, and a
/// schema and a stream of its own (removed when the `Cleanup` drops). `None`, having said why, when
/// PostgreSQL or NATS is not configured.
struct Setup {
    dir: tempfile::TempDir,
    cleanup: Cleanup,
    /// The store URL, with the test's schema.
    store: String,
    nats: String,
    input: std::path::PathBuf,
}

fn setup(test: &str, count: usize, seed: u64) -> Option<Setup> {
    let (Some(pg), Some(nats)) = (env("BORDERWATCH_PG_URL"), env("BORDERWATCH_NATS_URL")) else {
        println!(
            "{test}: skipped: needs BORDERWATCH_PG_URL and BORDERWATCH_NATS_URL (PostgreSQL and NATS JetStream)"
        );
        return None;
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let id = std::process::id();
    let cleanup = Cleanup {
        pg: pg.clone(),
        schema: format!("t_{test}_{id}"),
        nats: nats.clone(),
        stream: format!("t-{test}-{id}"),
    };
    let sep = if pg.contains('?') { '&' } else { '?' };
    let store = format!("{pg}{sep}schema={}", cleanup.schema);
    let input = dir.path().join("reports.jsonl");
    let reports = borderwatch_store::synthetic::reports(count, seed);
    if let Err(e) = std::fs::write(&input, borderwatch_store::synthetic::jsonl(&reports)) {
        panic!("{e}");
    }
    Some(Setup {
        dir,
        cleanup,
        store,
        nats,
        input,
    })
}

#[test]
fn three_workers_one_killed_one_restarted_fuse_like_one_sqlite_ingest() {
    let Some(t) = setup("workers", REPORTS, 14) else {
        return;
    };
    let (home, store, nats, input) = (t.dir.path(), &t.store, &t.nats, &t.input);
    let stream = t.cleanup.stream.as_str();
    let published = borderwatch(home)
        .args(["publish", "--nats", nats, "--stream", stream, "--json"])
        .arg(input)
        .output();
    let published = match published {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => panic!("publish failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("{e}"),
    };
    let summary: serde_json::Value = serde_json::from_str(&published).unwrap_or_default();
    let distinct = summary["published"].as_u64().unwrap_or(0);
    assert!(distinct > 4_000, "{published}");

    // The store is created by the first worker; make it exist before anyone polls it.
    drop(PgStore::open(store).map_err(|e| panic!("{e}")));
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut killed = worker(home, store, nats, stream);
    let mut restarted = worker(home, store, nats, stream);
    let steady = worker(home, store, nats, stream);

    wait_for(store, distinct / 5, deadline);
    if let Err(e) = killed.kill() {
        panic!("cannot SIGKILL a worker: {e}");
    }
    let _ = killed.wait();
    println!("killed one worker at {} reports", stored(store));

    wait_for(store, distinct / 2, deadline);
    // Stopped the hard way too (the worker has no signal handler), then started again.
    if let Err(e) = restarted.kill() {
        panic!("{e}");
    }
    let _ = restarted.wait();
    println!(
        "stopped another at {} reports; starting it again",
        stored(store)
    );
    let again = worker(home, store, nats, stream);

    let a = finish(steady, "the steady worker");
    let b = finish(again, "the restarted worker");
    println!("{a}{b}");

    // The single-process reference: the same reports into SQLite.
    let db = home.join("reference.db");
    let o = borderwatch(home)
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q"])
        .arg(input)
        .output();
    match o {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!("ingest failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("{e}"),
    }
    let reference = match SqliteStore::open(&db) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let shared = match PgStore::open(store) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let state = shared.fusion_state().map_err(|e| panic!("{e}")).ok();
    assert_eq!(
        state.map(|s| s.dirty),
        Some(false),
        "the last worker out left it fused"
    );
    let (rc, sc) = match (reference.counts(), shared.counts()) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => panic!("{e}"),
    };
    assert_eq!(sc.reports, distinct, "every report stored once");
    assert_eq!(
        sc, rc,
        "row counts (reports, copies, claims, events, timelines)"
    );
    let (rt, re) = fused(&reference);
    let (st, se) = fused(&shared);
    assert!(
        rt.len() > 10 && re.len() > 100,
        "{} timelines, {} events",
        rt.len(),
        re.len()
    );
    assert_eq!(st.len(), rt.len());
    for (s, r) in st.iter().zip(&rt) {
        assert!(
            s == r,
            "the timeline of {} differs from the SQLite run",
            r.crossing
        );
    }
    assert_eq!(se.len(), re.len());
    for (s, r) in se.iter().zip(&re) {
        assert!(s == r, "event {} differs from the SQLite run", r.id);
    }
    drop(t);
}

/// What a worker killed after its commit but before its ack leaves behind is exactly this: reports on
/// the stream that are already stored. Draining them must change no row. A message that is not a
/// report (or whose id is not its text's) is terminated, not retried forever, and changes nothing.
#[test]
fn redelivered_reports_and_malformed_messages_change_nothing() {
    let Some(t) = setup("redelivery", 300, 3) else {
        return;
    };
    let (home, store, nats, input) = (t.dir.path(), &t.store, &t.nats, &t.input);
    // Stored first, as by a worker whose acks never arrived.
    let o = borderwatch(home)
        .args(["--store", store, "ingest", "-q"])
        .arg(input)
        .output();
    assert!(o.as_ref().is_ok_and(|o| o.status.success()), "{o:?}");
    let shared = PgStore::open(store).map_err(|e| panic!("{e}")).ok();
    let Some(shared) = shared else { return };
    let before = shared.dump().map_err(|e| panic!("{e}")).ok();

    let o = borderwatch(home)
        .args(["publish", "--nats", nats, "--stream", &t.cleanup.stream])
        .arg(input)
        .output();
    assert!(o.as_ref().is_ok_and(|o| o.status.success()), "{o:?}");
    // Two messages that are not reports: junk, and a report whose id is not its text's hash.
    let forged = serde_json::json!({
        "id": "00000000000000000000000000000000",
        "url": null, "outlet": null, "title": null, "published": null, "dateline": null,
        "text": "The Habur crossing closed on Monday, officials said."
    });
    let sent = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
        .and_then(|rt| {
            rt.block_on(async {
                let client = async_nats::connect(nats.as_str())
                    .await
                    .map_err(|e| e.to_string())?;
                let js = async_nats::jetstream::new(client);
                for body in [b"not json".to_vec(), forged.to_string().into_bytes()] {
                    js.publish(format!("{}.junk", t.cleanup.stream), body.into())
                        .await
                        .map_err(|e| e.to_string())?
                        .await
                        .map_err(|e| e.to_string())?;
                }
                Ok::<_, String>(())
            })
        });
    assert_eq!(sent, Ok(()));

    let out = borderwatch(home)
        .args([
            "--store",
            store,
            "worker",
            "--nats",
            nats,
            "--stream",
            &t.cleanup.stream,
        ])
        .args(["--until-idle", "--json"])
        .output();
    let out = match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => panic!("worker failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("{e}"),
    };
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(summary["new"], 0, "{out}");
    assert_eq!(summary["rejected"], 2, "{out}");
    assert!(summary["already_seen"].as_u64().unwrap_or(0) > 250, "{out}");
    assert_eq!(shared.dump().ok(), before, "redelivery changed the store");
    drop(t);
}
