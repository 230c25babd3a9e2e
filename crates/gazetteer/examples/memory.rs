//! Resident memory of a gazetteer with N synthetic crossings (default 50,000) on top of nothing else.
//! Linux only (reads /proc/self/status). Run in release:
//!
//! ```sh
//! cargo run --release -p borderwatch-gazetteer --example memory -- 50000
//! ```

// Shared with the bench and the scan example; this one uses only the crossings.
#[allow(dead_code)]
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use borderwatch_gazetteer::{CountryTable, Gazetteer};

/// (resident, peak resident) in KiB, from /proc/self/status.
fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50_000);
    let before = rss_kib();
    let crossings = synthetic::synthetic(n);
    let aliases: usize = crossings.iter().map(|c| c.aliases.len()).sum();
    let data = rss_kib();
    let started = std::time::Instant::now();
    let gaz = match Gazetteer::new(crossings, CountryTable::default()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("cannot build the synthetic gazetteer: {e}");
            std::process::exit(1);
        }
    };
    let built = started.elapsed();
    let after = rss_kib();
    println!("crossings: {n}, aliases: {aliases}, build: {built:.2?}");
    println!("resident before: {} KiB", before.0);
    println!("resident with the crossings as data: {} KiB", data.0);
    println!(
        "resident with the gazetteer built: {} KiB (peak {} KiB)",
        after.0, after.1
    );
    println!("gazetteer alone: {} KiB", after.0.saturating_sub(before.0));
    drop(gaz);
}
