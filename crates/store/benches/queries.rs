//! Query latency over a store holding 100,000 reports (`cargo bench -p borderwatch-store`).
//!
//! Builds (once; reused while it exists) a SQLite store of synthetic reports through the library path
//! `borderwatch ingest` takes (read, extract, put one transaction each, refresh), then times what
//! `status` and `timeline` do after parsing their arguments: the store reads and the status
//! computation, without process start-up or printing. Prints medians and 95th percentiles.
//!
//! `BORDERWATCH_BENCH_DB` chooses the file; `BORDERWATCH_BENCH_REPORTS` the number of reports.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use borderwatch_extract::{NormalizeOptions, ReportMeta, extract, read_report};
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{SqliteStore, Store, refresh, status_in, timeline_event_ids};
use jiff::civil::Date;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::var("BORDERWATCH_BENCH_REPORTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let path = std::env::var_os("BORDERWATCH_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("borderwatch-bench-{n}.db")));
    let gaz = Gazetteer::builtin();
    let crossings: Vec<(String, Vec<String>)> = gaz
        .crossings()
        .iter()
        .map(|c| (c.id.clone(), c.countries.to_vec()))
        .collect();
    let mut store = SqliteStore::open(&path)?;
    if store.counts()?.reports < n as u64 {
        println!("building {} with {n} synthetic reports", path.display());
        let reports = borderwatch_store::synthetic::reports(n, 1);
        let opts = NormalizeOptions::default();
        let t = Instant::now();
        for r in &reports {
            let meta = ReportMeta {
                url: Some(r.url.clone()),
                outlet: Some(r.outlet.clone()),
                title: Some(r.title.clone()),
                published: Some(r.published),
                language: None,
            };
            let report = read_report(r.text.as_bytes(), meta, &opts)?;
            let claims = extract(&report, gaz);
            store.put_report(&report, &claims, &Signature::of(&report.text))?;
        }
        let took = t.elapsed();
        println!(
            "library ingest (read + extract + put, one transaction each): {n} reports in {took:.2?} = {:.0} reports/s",
            n as f64 / took.as_secs_f64()
        );
    }
    let t = Instant::now();
    let w = refresh(&mut store, &crossings)?;
    println!(
        "full refresh: {:.2?} ({} events, {} timelines)",
        t.elapsed(),
        w.events,
        w.timelines
    );
    let counts = store.counts()?;
    println!(
        "store: {} reports, {} claims, {} events, {} timelines; file {:.1} MB",
        counts.reports,
        counts.claims,
        counts.events,
        counts.timelines,
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );

    let ids: Vec<String> = store.timelines()?.into_iter().map(|t| t.crossing).collect();
    let start = Date::constant(2016, 1, 1);
    let dates: Vec<Date> = (0..30)
        .filter_map(|k| start.checked_add(jiff::Span::new().days(k * 31)).ok())
        .collect();

    // status CROSSING --at DATE: two interval rows, the events they name, the status.
    let mut status_times = Vec::new();
    for round in 0..20 {
        for (k, id) in ids.iter().enumerate() {
            let date = dates[(k + round) % dates.len()];
            let t = Instant::now();
            if let Some(r) = store.status_rows(id, date)? {
                let mut need: Vec<String> = r
                    .interval
                    .started_by
                    .iter()
                    .chain(&r.interval.supported_by)
                    .chain(&r.pending)
                    .cloned()
                    .collect();
                for iv in std::iter::once(&r.interval).chain(&r.before) {
                    need.extend(iv.conflicts.iter().flat_map(|c| c.events.iter().cloned()));
                }
                let events = store.events_by_id(&need)?;
                std::hint::black_box(status_in(id, &r.interval, date, &events));
            }
            status_times.push(t.elapsed());
        }
    }
    report("status (one crossing, one day)", &mut status_times);

    // status --country: one interval row per crossing of the country.
    let mut country_times = Vec::new();
    let iran: Vec<String> = gaz
        .in_country("IR")
        .into_iter()
        .filter_map(|i| gaz.crossings().get(i).map(|c| c.id.clone()))
        .collect();
    for round in 0..20 {
        let date = dates[round % dates.len()];
        let t = Instant::now();
        for id in &iran {
            if let Some(r) = store.status_rows(id, date)? {
                std::hint::black_box(status_in(id, &r.interval, date, &[]));
            }
        }
        country_times.push(t.elapsed());
    }
    report(
        &format!("status --country IR ({} crossings)", iran.len()),
        &mut country_times,
    );

    // timeline CROSSING: the whole history and every event it names.
    let mut timeline_times = Vec::new();
    for _ in 0..5 {
        for id in &ids {
            let t = Instant::now();
            if let Some(tl) = store.timeline(id)? {
                let events = store.events_by_id(&timeline_event_ids(&tl))?;
                std::hint::black_box((tl.intervals.len(), events.len()));
            }
            timeline_times.push(t.elapsed());
        }
    }
    report("timeline (whole history + its events)", &mut timeline_times);
    Ok(())
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{what}: median {:.1?}, p95 {:.1?}, max {:.1?} over {} queries",
        pick(0.5),
        pick(0.95),
        pick(1.0),
        times.len()
    );
}
