//! `borderwatch timeline`: a crossing's status history as a terminal chart, one bar per interval
//! (coloured by status on a terminal, letters otherwise), or as JSON. Reads the materialized rows.

use std::io::{IsTerminal, Write};

use borderwatch_extract::Status;
use borderwatch_fusion::{Event, Fusion, Interval, Timeline};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{Store, timeline_event_ids};
use serde::Serialize;

use crate::status_cmd::{date_or, resolve, up_to_date, word};

/// Widest bar, in cells; a bar's length grows with the interval's length in days.
const BAR: usize = 40;
/// Bar of an interval open at one end (before anything is known, or still holding).
const OPEN_BAR: usize = 6;

/// A crossing's status history: one bar per interval.
#[derive(Debug, Clone, clap::Args)]
pub struct TimelineArgs {
    /// A crossing: its id or any of its names, in any script.
    pub crossing: String,
    /// Print JSON: the timeline and the events it names.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    crossing: &'a str,
    name: &'a str,
    timeline: &'a Timeline,
    events: &'a [Event],
}

pub fn run(args: &TimelineArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    up_to_date(store, gaz)?;
    let c = resolve(gaz, &args.crossing)?;
    let stored = store.timeline(&c.id)?;
    let tl = stored
        .clone()
        .unwrap_or_else(|| Fusion::new().timeline(&c.id));
    let events = store.events_by_id(&timeline_event_ids(&tl))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let o = Output {
            crossing: &c.id,
            name: &c.name,
            timeline: &tl,
            events: &events,
        };
        serde_json::to_writer_pretty(&mut out, &o)?;
        writeln!(out)?;
        return Ok(0);
    }
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    writeln!(out, "{} ({}) · {}", c.name, c.id, c.countries.join("–"))?;
    if stored.is_none() {
        writeln!(out, "  no report says anything about this crossing")?;
    }
    let longest = tl
        .intervals
        .iter()
        .filter_map(days)
        .max()
        .unwrap_or(1)
        .max(1);
    for iv in &tl.intervals {
        let len = match days(iv) {
            Some(d) => (d * BAR as i64 / longest).clamp(1, BAR as i64) as usize,
            None => OPEN_BAR,
        };
        let range = format!("{} → {}", date_or(iv.from, "…"), date_or(iv.to, "…"));
        let mut notes = Vec::new();
        if let Some(d) = days(iv) {
            notes.push(format!("{d} d"));
        }
        if iv.independent_sources > 0 {
            notes.push(format!(
                "{} source{}",
                iv.independent_sources,
                if iv.independent_sources == 1 { "" } else { "s" }
            ));
        }
        if iv.contested {
            notes.push("contested".into());
        }
        writeln!(
            out,
            "  {range:<25} {:<8} {} {}",
            word(&iv.status).to_uppercase(),
            bar(iv.status, len, colour),
            notes.join(" · ")
        )?;
    }
    for (label, ids) in [("pending", &tl.pending), ("undated", &tl.unplaced)] {
        for id in ids {
            if let Some(e) = events.iter().find(|e| &e.id == id) {
                writeln!(
                    out,
                    "  {label}: {}",
                    borderwatch_service::plain::event_line(gaz, e)
                )?;
            }
        }
    }
    if !colour {
        writeln!(out, "  (O open · C closed · R restricted · U unknown)")?;
    }
    Ok(0)
}

/// Length of a closed interval in days; `None` when it is open at either end.
fn days(iv: &Interval) -> Option<i64> {
    let (from, to) = (iv.from?, iv.to?);
    let span = from.until(to).ok()?;
    Some(i64::from(span.get_days()).max(1))
}

/// A bar of `len` cells: coloured blocks on a terminal, the status's letter otherwise.
fn bar(status: Status, len: usize, colour: bool) -> String {
    let (letter, ansi) = match status {
        Status::Open => ('O', "32"),
        Status::Closed => ('C', "31"),
        Status::Restricted => ('R', "33"),
        Status::Unknown => ('U', "90"),
    };
    let pad = " ".repeat(BAR.saturating_sub(len));
    if colour {
        format!("\x1b[{ansi}m{}\x1b[0m{pad}", "█".repeat(len))
    } else {
        format!("{}{pad}", letter.to_string().repeat(len))
    }
}
