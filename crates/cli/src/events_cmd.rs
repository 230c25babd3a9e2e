//! `borderwatch events`: the fused events (one change at one crossing or border, with its claims,
//! independent sources and conflicts), filtered by date, crossing or country. Reads the materialized rows.

use std::io::Write;

use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{EventFilter, Store};
use jiff::civil::Date;

use crate::status_cmd::{country_code, date_or, describe_event, resolve, up_to_date, word};

/// List fused events.
#[derive(Debug, Clone, clap::Args)]
pub struct EventsArgs {
    /// Only events placed on or after this day (undated events are left out).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<Date>,
    /// Only events that apply to this crossing (its own and its borders'): an id or any name.
    #[arg(long, value_name = "CROSSING")]
    pub crossing: Option<String>,
    /// Only events about a crossing or border of this country (ISO 3166-1 alpha-2).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &EventsArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    up_to_date(store, gaz)?;
    let filter = EventFilter {
        since: args.since,
        crossing: match &args.crossing {
            Some(name) => Some(resolve(gaz, name)?.id.clone()),
            None => None,
        },
        country: match &args.country {
            Some(cc) => Some(country_code(gaz, cc)?),
            None => None,
        },
        last: None,
    };
    let events = store.events(&filter)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &events)?;
        writeln!(out)?;
        return Ok(0);
    }
    if events.is_empty() {
        writeln!(out, "no events match")?;
        return Ok(0);
    }
    for e in &events {
        let mut notes = vec![format!(
            "{} claim{}",
            e.claims.len(),
            if e.claims.len() == 1 { "" } else { "s" }
        )];
        notes.push(format!(
            "{} independent source{}",
            e.independent_sources,
            if e.independent_sources == 1 { "" } else { "s" }
        ));
        if !e.conflicts.is_empty() {
            let kinds: Vec<String> = e.conflicts.iter().map(|c| word(&c.kind)).collect();
            notes.push(format!("conflicts: {}", kinds.join(", ")));
        }
        writeln!(
            out,
            "{:<10}  {:<8} {}  · {}",
            date_or(e.placed, "undated"),
            word(&e.status).to_uppercase(),
            describe_event(e),
            notes.join(" · ")
        )?;
    }
    Ok(0)
}
