//! Crash safety, for real: a child `borderwatch ingest` of 10,000 generated reports is killed with
//! SIGKILL at random moments, several times, then run to completion. Every report must be stored
//! exactly once, and the events and timelines must equal those of an uninterrupted ingest into another
//! file.
//!
//! A second test does the same to incremental ingests (`--fusion incremental`: each report written
//! with the rows it changes, in one transaction) of 2,000 reports, where kills land between and
//! inside those transactions rather than inside refreshes.
//!
//! The kill moments are random (seeded from the clock and printed, so a failure can be replayed with
//! `BORDERWATCH_CRASH_SEED`); the reports are deterministic (`borderwatch_store::synthetic`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use borderwatch_store::{SqliteStore, Store};

const REPORTS: usize = 10_000;
const KILLS: usize = 4;

fn ingest(data_home: &Path, db: &Path, input: &Path, mode: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    cmd.env("XDG_DATA_HOME", data_home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .arg("--db")
        .arg(db)
        // Frequent refreshes, so kills also land inside a refresh transaction.
        .args(["ingest", "--refresh-every", "150"])
        .args(mode)
        .arg(input);
    cmd
}

fn open(db: &Path) -> SqliteStore {
    match SqliteStore::open(db) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn report_ids(db: &Path) -> Vec<String> {
    // A child killed before its first migration left no tables yet: opening the store creates them,
    // as the next ingest would.
    drop(open(db));
    let conn = match rusqlite::Connection::open(db) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let ids = conn
        .prepare("SELECT id FROM reports ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        });
    match ids {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

/// Everything fusion materialized, as JSON: all timelines and all events.
fn fused(db: &Path) -> (String, String) {
    let store = open(db);
    let timelines = store.timelines().map(|t| serde_json::to_string(&t));
    let events = store
        .events(&borderwatch_store::EventFilter::default())
        .map(|e| serde_json::to_string(&e));
    match (timelines, events) {
        (Ok(Ok(t)), Ok(Ok(e))) => (t, e),
        _ => panic!("cannot read fused rows of {}", db.display()),
    }
}

fn seed() -> u64 {
    if let Some(s) = std::env::var("BORDERWATCH_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return s;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7)
}

#[test]
fn killed_ingests_store_every_report_once_and_fuse_like_an_uninterrupted_one() {
    crash_and_compare(REPORTS, &[]);
}

#[test]
fn killed_incremental_ingests_store_every_report_once_and_fuse_like_an_uninterrupted_one() {
    crash_and_compare(2_000, &["--fusion", "incremental"]);
}

/// Kills ingests of `count` synthetic reports (with `mode` arguments) and compares the result with
/// an uninterrupted run's.
fn crash_and_compare(count: usize, mode: &[&str]) {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let input = dir.path().join("reports.jsonl");
    let reports = borderwatch_store::synthetic::reports(count, 2024);
    if let Err(e) = std::fs::write(&input, borderwatch_store::synthetic::jsonl(&reports)) {
        panic!("{e}");
    }

    // The reference: one uninterrupted run.
    let reference = dir.path().join("reference.db");
    let started = Instant::now();
    let out = match ingest(dir.path(), &reference, &input, mode).output() {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full_run = started.elapsed();

    // The crashing one.
    let crashed = dir.path().join("crashed.db");
    let seed = seed();
    eprintln!(
        "crash test: kill delays from seed {seed} (set BORDERWATCH_CRASH_SEED to replay); an uninterrupted run took {full_run:?}"
    );
    let mut rng = seed;
    let mut next = || {
        rng = rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut interrupted = 0;
    let mut stored_after_kills = Vec::new();
    for k in 0..=KILLS {
        // KILLS kills early (50–800 ms), and one late, at 30–90 % of an uninterrupted run, where refreshes fuse thousands of reports.
        let delay = if k < KILLS {
            Duration::from_millis(50 + next() % 751)
        } else {
            full_run.mul_f64(0.3 + (next() % 600) as f64 / 1000.0)
        };
        let mut child = match ingest(dir.path(), &crashed, &input, mode).spawn() {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        std::thread::sleep(delay);
        let still_running = matches!(child.try_wait(), Ok(None));
        // Command::kill sends SIGKILL on Unix: no destructor, no rollback code of ours runs.
        if let Err(e) = child.kill() {
            panic!("kill {k}: {e}");
        }
        let status = match child.wait() {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        if still_running {
            interrupted += 1;
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                assert_eq!(status.signal(), Some(libc::SIGKILL), "kill {k}");
            }
        }
        let n = report_ids(&crashed).len();
        eprintln!("kill {k} after {delay:?}: {n} reports stored");
        if !mode.is_empty() {
            // A report and the rows it changes share one transaction: whenever the kill landed,
            // the store is clean, its rows already those of a refresh.
            assert!(
                matches!(open(&crashed).fusion_state(), Ok(s) if !s.dirty),
                "kill {k} left an incremental store dirty"
            );
        }
        stored_after_kills.push(n);
    }
    assert!(interrupted >= 1, "no kill hit a running ingest");
    assert!(
        stored_after_kills.iter().any(|&n| n < count),
        "the kills must leave the store incomplete: {stored_after_kills:?}"
    );

    // Run to completion.
    let out = match ingest(dir.path(), &crashed, &input, mode).output() {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Every report exactly once.
    let ids = report_ids(&crashed);
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a report stored twice");
    assert_eq!(ids, report_ids(&reference));
    let (a, b) = (open(&crashed), open(&reference));
    match (a.counts(), b.counts()) {
        (Ok(x), Ok(y)) => assert_eq!(x, y),
        _ => panic!("cannot count rows"),
    }
    assert!(matches!(a.fusion_state(), Ok(s) if !s.dirty));

    // Fusion output equal to the uninterrupted run's.
    let (tl_crashed, ev_crashed) = fused(&crashed);
    let (tl_ref, ev_ref) = fused(&reference);
    assert!(tl_ref.len() > 1000, "the reference has timelines");

    assert!(tl_crashed == tl_ref, "timelines differ after crashes");
    assert!(ev_crashed == ev_ref, "events differ after crashes");
}
