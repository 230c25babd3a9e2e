//! Folds or scans the matching bench's 1 MB filler text N times: for profilers, and for counting
//! cycles (`perf stat -e cycles:u,instructions:u`) on a shared machine where wall-clock medians swing
//! with the load. Build time is included, so compare runs of equal N.
//!
//! ```sh
//! cargo run --release -p borderwatch-gazetteer --example scan -- find builtin 200
//! cargo run --release -p borderwatch-gazetteer --example scan -- fold builtin 200
//! cargo run --release -p borderwatch-gazetteer --example scan -- find 50k 200
//! ```

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use borderwatch_gazetteer::{CountryTable, Folded, Gazetteer, fold_into};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("find", String::as_str);
    let which = args.get(1).map_or("builtin", String::as_str);
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100);

    let (gaz, seed) = if which == "50k" {
        match Gazetteer::new(synthetic::synthetic(50_000), CountryTable::default()) {
            Ok(g) => (g, 2),
            Err(e) => {
                eprintln!("cannot build the synthetic gazetteer: {e}");
                std::process::exit(1);
            }
        }
    } else {
        let b = Gazetteer::builtin();
        match Gazetteer::new(b.crossings().to_vec(), b.countries().clone()) {
            Ok(g) => (g, 1),
            Err(e) => {
                eprintln!("cannot build the built-in gazetteer: {e}");
                std::process::exit(1);
            }
        }
    };
    let names: Vec<String> = gaz
        .crossings()
        .iter()
        .flat_map(|c| c.aliases.iter().map(|a| a.text.clone()))
        .collect();
    let text = synthetic::filler(&names, seed);
    let mut buf = Folded::default();
    let started = std::time::Instant::now();
    let mut count = 0;
    for _ in 0..n {
        count += match what {
            "fold" => {
                fold_into(&text, &mut buf);
                buf.text.len()
            }
            _ => gaz.find_names_with(&text, &mut buf).len(),
        };
    }
    let secs = started.elapsed().as_secs_f64();
    let mib = (text.len() * n) as f64 / (1024.0 * 1024.0);
    println!(
        "{what} {which}: {n} × {} bytes, {count} results, {:.1} MiB/s wall",
        text.len(),
        mib / secs
    );
}
