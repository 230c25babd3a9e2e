//! Prints synthetic reports as JSON Lines, for benchmarking `borderwatch ingest`:
//! `cargo run --release -p borderwatch-store --example synthetic -- COUNT [SEED] > reports.jsonl`.

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let reports = borderwatch_store::synthetic::reports(count, seed);
    std::io::stdout()
        .lock()
        .write_all(borderwatch_store::synthetic::jsonl(&reports).as_bytes())
}
