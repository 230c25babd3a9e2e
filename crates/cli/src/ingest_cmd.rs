//! `borderwatch ingest`: read reports from files, directories, JSONL and stdin, extract their claims,
//! store each report in its own transaction, and keep the materialized events and timelines current.
//!
//! Two ways to keep them current, chosen per run (`--fusion`): *incremental* loads the fusion of the
//! stored reports once and writes each new report together with only the events and timelines it
//! changes, in the report's own transaction (the store stays clean); *refresh* stores reports with the
//! dirty flag set and re-fuses everything every `--refresh-every` reports and at the end. Incremental
//! costs grow with how many claims a touched crossing already has, a refresh with the whole store, so
//! `auto` starts incremental and switches to refreshes when its measured cost per report exceeds
//! a refresh's share (see BENCHMARKS.md, "Store and ingest").
//!
//! A report that cannot be read is named with its reason and skipped; the rest go in (exit 3 when any
//! failed). Errors of the store itself stop the run (exit 1): nothing after them could be stored either.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::Context;
use borderwatch_extract::{Report, extract};
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{FusionWrite, Incremental, IncrementalPut, Put, Store, refresh};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::inputs::{InputArgs, Sink, collect, count_inputs};

/// Store reports and their claims, then refresh events and timelines.
#[derive(Debug, Clone, clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// When refreshing (not incremental), refresh events and timelines after every N new reports with
    /// claims (and at the end).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub refresh_every: usize,
    /// How to keep events and timelines current: `incremental` writes each report with the rows it
    /// changes; `refresh` re-fuses everything every --refresh-every reports; `auto` starts incremental
    /// and switches to refreshes when those are cheaper per report (large loads).
    #[arg(long, value_enum, default_value_t = FusionMode::Auto)]
    pub fusion: FusionMode,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// No progress bar even on a terminal.
    #[arg(long, short)]
    pub quiet: bool,
}

/// How an ingest keeps fusion output current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FusionMode {
    Auto,
    Incremental,
    Refresh,
}

/// One input that could not be stored, and why.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub input: String,
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub store: String,
    pub new: usize,
    pub already_seen: usize,
    /// Already-seen reports found at a URL not recorded before (kept as one more copy).
    pub new_urls: usize,
    pub failed: Vec<Failure>,
    pub claims: usize,
    /// Events new, gone or different after the run's refreshes (summed over refreshes).
    pub events_changed: usize,
    pub events: usize,
    pub timelines: usize,
    pub refreshes: usize,
    /// Reports written with their fusion delta (incremental) rather than refreshed later.
    pub fused_incrementally: usize,
    pub seconds: f64,
}

/// Where the incremental path stands in a run.
enum Fuser {
    /// Not loaded yet: loading waits for the first new report with claims (re-ingests never pay it).
    Unloaded,
    Live(Box<Incremental>),
    /// Refreshing instead, for the rest of the run.
    Off,
}

/// Cost of a full refresh per stored report with claims, when the store is too small to measure it
/// at load time (measured: 1.16 s for the ~50,000 with claims of 100,000 synthetic reports).
const REFRESH_COST_PER_REPORT: Duration = Duration::from_micros(25);
/// A refresh costs about this many times a load (the same fusion, plus rewriting every row).
const REFRESH_PER_LOAD: f64 = 1.5;
/// Runs of more inputs than this are refreshed in `auto` mode: `Fusion::add` costs grow with the
/// claims a crossing already has (about 23 ms a report in a 100,000-report store, against a 1.5 s
/// refresh), so incremental puts only pay for runs of a few dozen reports.
const SMALL_RUN: usize = 64;

struct Ingest<'a> {
    store: &'a mut dyn Store,
    gaz: &'a Gazetteer,
    crossings: Vec<(String, Vec<String>)>,
    args: &'a IngestArgs,
    summary: Summary,
    /// New reports with claims since the last refresh.
    unfused: usize,
    bar: ProgressBar,
    fuser: Fuser,
    /// Cost of a full refresh per stored report with claims (measured when loading a big store).
    refresh_cost: Duration,
    /// Incremental puts since the load and the time they took.
    spent: (u32, Duration),
}

pub fn run(args: &IngestArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    let started = Instant::now();
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
    } else {
        let b = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {pos} reports · {per_sec} · {elapsed_precise} · {wide_msg}",
        ) {
            b.set_style(style);
        }
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    };
    let mut ing = Ingest {
        summary: Summary {
            store: store.describe(),
            ..Summary::default()
        },
        store,
        gaz,
        crossings: borderwatch_service::known_crossings(gaz),
        args,
        unfused: 0,
        bar,
        fuser: Fuser::Unloaded,
        refresh_cost: REFRESH_COST_PER_REPORT,
        spent: (0, Duration::ZERO),
    };
    let mut sources = Vec::new();
    for p in &args.input.paths {
        collect(p, true, &mut sources, &mut ing.summary.failed);
    }
    let incremental = match args.fusion {
        FusionMode::Incremental => true,
        FusionMode::Refresh => false,
        // Standard input cannot be counted ahead: the cost guard in `judge` decides there.
        FusionMode::Auto => count_inputs(&sources, SMALL_RUN + 1).is_none_or(|n| n <= SMALL_RUN),
    };
    if !incremental {
        ing.fuser = Fuser::Off;
    }
    let reader = args.input.reader();
    for s in &sources {
        reader.read(s, &mut ing)?;
    }
    // Also repairs a store left dirty by an earlier run that was killed before its refresh.
    if ing.store.fusion_state()?.dirty {
        ing.bar.set_message("fusing");
        ing.refresh()?;
    }
    ing.bar.finish_and_clear();
    let counts = ing.store.counts()?;
    let mut summary = ing.summary;
    summary.events = counts.events as usize;
    summary.timelines = counts.timelines as usize;
    summary.seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &summary)?;
    }
    Ok(if summary.failed.is_empty() { 0 } else { 3 })
}

impl Sink for Ingest<'_> {
    fn report(&mut self, name: &str, report: Report) -> anyhow::Result<()> {
        self.store_report(name, report)
    }

    /// Records a failed input; the run goes on (hence `Ok`).
    fn fail(&mut self, input: String, reason: String) -> anyhow::Result<()> {
        self.summary.failed.push(Failure { input, reason });
        self.bar.inc(1);
        Ok(())
    }
}

impl Ingest<'_> {
    /// Extracts and stores one report; a report already stored is not extracted again.
    fn store_report(&mut self, name: &str, report: Report) -> anyhow::Result<()> {
        let put = if self.store.has_report(&report.id)? {
            self.store.put_report(&report, &[], &Signature::default())?
        } else {
            let claims = extract(&report, self.gaz);
            // Only fusion reads signatures, and only of reports with claims: skip the MinHash otherwise.
            let signature = if claims.is_empty() {
                Signature::default()
            } else {
                Signature::of(&report.text)
            };
            if claims.is_empty() {
                self.store
                    .put_report(&report, &claims, &signature)
                    .with_context(|| format!("storing {name}"))?
            } else {
                self.put_with_claims(name, &report, &claims, &signature)?
            }
        };
        match put {
            Put::New { claims } => {
                self.summary.new += 1;
                self.summary.claims += claims;
                if claims > 0 && matches!(self.fuser, Fuser::Off) {
                    self.unfused += 1;
                }
            }
            Put::Seen { new_url } => {
                self.summary.already_seen += 1;
                self.summary.new_urls += usize::from(new_url);
            }
        }
        self.bar.inc(1);
        if self.args.refresh_every > 0 && self.unfused >= self.args.refresh_every {
            self.bar.set_message("fusing");
            self.refresh()?;
            self.bar.set_message("");
        }
        Ok(())
    }

    /// Stores a new report with claims: with its fusion delta while the incremental path is on, else
    /// the ordinary way (dirty, refreshed later).
    fn put_with_claims(
        &mut self,
        name: &str,
        report: &Report,
        claims: &[borderwatch_extract::Claim],
        signature: &Signature,
    ) -> anyhow::Result<Put> {
        if matches!(self.fuser, Fuser::Unloaded) {
            self.bar.set_message("loading fusion");
            let started = Instant::now();
            let (inc, wrote) = Incremental::load(self.store, &self.crossings)
                .context("loading the fusion of the stored reports")?;
            if let Some(w) = wrote {
                self.summary.events_changed += w.events_changed;
                self.summary.refreshes += 1;
            }
            self.fuser = match inc {
                Some(inc) => {
                    let n = inc.fusion().report_count();
                    // Loading is a refresh without the writes.
                    if n >= 1000 {
                        self.refresh_cost = started.elapsed().mul_f64(REFRESH_PER_LOAD / n as f64);
                    }
                    Fuser::Live(Box::new(inc))
                }
                None => Fuser::Off,
            };
            self.bar.set_message("");
        }
        if let Fuser::Live(inc) = &mut self.fuser {
            let started = Instant::now();
            match inc
                .put(self.store, report, claims, signature)
                .with_context(|| format!("storing {name} with its events and timelines"))?
            {
                IncrementalPut::Fused {
                    put,
                    events_changed,
                } => {
                    self.summary.events_changed += events_changed;
                    self.summary.fused_incrementally += 1;
                    let stored = inc.fusion().report_count();
                    self.judge(started.elapsed(), stored);
                    return Ok(put);
                }
                // Another writer moved the store on: its next refresh includes this report.
                IncrementalPut::Stale => self.fuser = Fuser::Off,
            }
        }
        self.store
            .put_report(report, claims, signature)
            .with_context(|| format!("storing {name}"))
    }

    /// In `auto` mode, turns the incremental path off once it has cost as much as a refresh while
    /// costing more per report than a refresh's share (a refresh every `--refresh-every` reports):
    /// a long run from a stream then pays at most about one refresh for having started incremental.
    fn judge(&mut self, took: Duration, stored: usize) {
        if self.args.fusion != FusionMode::Auto || self.args.refresh_every == 0 {
            return;
        }
        self.spent.0 += 1;
        self.spent.1 += took;
        let per_report = self.spent.1 / self.spent.0;
        let refresh = self.refresh_cost.mul_f64(stored as f64);
        let share = refresh.div_f64(self.args.refresh_every as f64);
        if per_report > share && self.spent.1 > refresh {
            self.fuser = Fuser::Off;
        }
    }

    fn refresh(&mut self) -> anyhow::Result<FusionWrite> {
        let w = refresh(self.store, &self.crossings).context("refreshing events and timelines")?;
        self.summary.events_changed += w.events_changed;
        self.summary.refreshes += 1;
        self.unfused = 0;
        Ok(w)
    }
}

fn print_summary(out: &mut impl Write, s: &Summary) -> anyhow::Result<()> {
    writeln!(out, "ingested into {} in {:.1} s", s.store, s.seconds)?;
    let urls = if s.new_urls > 0 {
        format!(" ({} at a new URL, kept as copies)", s.new_urls)
    } else {
        String::new()
    };
    writeln!(
        out,
        "  reports: {} new, {} already seen{urls}, {} failed",
        s.new,
        s.already_seen,
        s.failed.len()
    )?;
    writeln!(out, "  claims stored: {}", s.claims)?;
    writeln!(
        out,
        "  events changed: {} (store now holds {} events, {} crossing timelines)",
        s.events_changed, s.events, s.timelines
    )?;
    const SHOWN: usize = 50;
    if !s.failed.is_empty() {
        writeln!(out, "  failed:")?;
        for f in s.failed.iter().take(SHOWN) {
            writeln!(out, "    {}: {}", f.input, f.reason)?;
        }
        if s.failed.len() > SHOWN {
            writeln!(
                out,
                "    … and {} more (--json lists every one)",
                s.failed.len() - SHOWN
            )?;
        }
    }
    Ok(())
}
