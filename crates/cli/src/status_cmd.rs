//! `borderwatch status`: what the status of a crossing (or of every crossing of a country) was on a day,
//! since when, on whose word, and where sources disagree. The answer comes from
//! `borderwatch_service::status` (the server gives the same one); this module prints it, and re-exports
//! the helpers the other query commands share.

use std::collections::BTreeSet;
use std::io::Write;

use borderwatch_extract::Status;
use borderwatch_gazetteer::{Crossing, Gazetteer};
use borderwatch_service::status::{
    CrossingStatus, StatusRow, conflict_text, crossing_status, query_date, statuses,
};
use borderwatch_store::Store;
use jiff::civil::Date;

pub use borderwatch_service::status::{date_or, describe_event, word};

/// What the status of a crossing was on a day, since when, and on whose word.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    /// A crossing: its id or any of its names, in any script ("bashmagh", "باشماق").
    #[arg(conflicts_with = "country")]
    pub crossing: Option<String>,
    /// Every crossing with this country (ISO 3166-1 alpha-2) on one side.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// The day to answer for [default: the latest date any stored report speaks of — its publication
    /// date or a date it gives — not today's date, so an archive answers about its own time].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub at: Option<Date>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Makes the materialized rows current before a query (see `borderwatch_service::up_to_date`).
pub fn up_to_date(store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<()> {
    borderwatch_service::up_to_date(store, gaz).map_err(anyhow::Error::from)
}

/// The crossing a user named; an ambiguous name is an error listing the candidates.
pub fn resolve<'g>(gaz: &'g Gazetteer, name: &str) -> anyhow::Result<&'g Crossing> {
    borderwatch_service::resolve(gaz, name).map_err(anyhow::Error::from)
}

/// A validated country code, upper case.
pub fn country_code(gaz: &Gazetteer, cc: &str) -> anyhow::Result<String> {
    borderwatch_service::country_code(gaz, cc).map_err(anyhow::Error::from)
}

pub fn run(args: &StatusArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    up_to_date(store, gaz)?;
    let date = query_date(store, args.at)?;
    let date_from = if args.at.is_some() {
        "--at"
    } else {
        "latest stored date"
    };
    match (&args.crossing, &args.country) {
        (Some(name), _) => one(args, store, gaz, resolve(gaz, name)?, date, date_from),
        (None, Some(cc)) => {
            let cc = country_code(gaz, cc)?;
            let list: Vec<&Crossing> = gaz
                .in_country(&cc)
                .into_iter()
                .filter_map(|i| gaz.crossings().get(i))
                .collect();
            many(args, store, &list, date)
        }
        (None, None) => {
            // Every crossing something is known about.
            let list: Vec<&Crossing> = store
                .timelines()?
                .iter()
                .filter_map(|t| gaz.by_id(&t.crossing))
                .collect();
            many(args, store, &list, date)
        }
    }
}

fn one(
    args: &StatusArgs,
    store: &dyn Store,
    gaz: &Gazetteer,
    c: &Crossing,
    date: Date,
    date_from: &'static str,
) -> anyhow::Result<i32> {
    let answer = crossing_status(store, c, date, date_from)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
        return Ok(0);
    }
    print_one(&mut out, gaz, &answer)?;
    Ok(0)
}

fn quote(s: &str) -> String {
    let shown: String = s.chars().take(240).collect();
    if shown.len() < s.len() {
        format!("\"{shown}…\"")
    } else {
        format!("\"{shown}\"")
    }
}

fn print_one(out: &mut impl Write, gaz: &Gazetteer, a: &CrossingStatus) -> anyhow::Result<()> {
    let st = &a.status;
    let since = match st.since {
        Some(d) => format!(" since {d}"),
        None => String::new(),
    };
    let until = match st.until {
        Some(d) => format!(" until {d}"),
        None => String::new(),
    };
    let crossing = gaz.by_id(&a.crossing.id);
    let where_ = crossing
        .map(|c| borderwatch_service::place(gaz, c))
        .unwrap_or_default();
    writeln!(
        out,
        "{} ({}) · {where_}\n  {}{since}{until}   (on {}, {})",
        a.crossing.name,
        a.crossing.id,
        word(&st.status).to_uppercase(),
        st.date,
        a.date_from
    )?;
    if st.status == Status::Unknown && st.events.is_empty() {
        writeln!(
            out,
            "  no report says anything about this crossing for that day"
        )?;
    }
    if let Some(w) = &a.for_whom {
        writeln!(out, "  for whom: {w}")?;
    }
    if st.independent_sources > 0 {
        let who = if a.on_the_word_of.is_empty() {
            "the reports (no speaker named)".to_string()
        } else {
            a.on_the_word_of
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        };
        writeln!(
            out,
            "  on the word of: {who} — {} independent source{} ({} cop{}) · confidence {:.2}",
            st.independent_sources,
            if st.independent_sources == 1 { "" } else { "s" },
            a.copies,
            if a.copies == 1 { "y" } else { "ies" },
            st.confidence
        )?;
    }
    for c in &st.conflicts {
        writeln!(out, "  CONTESTED — {}", conflict_text(c, &a.events))?;
    }
    if let Some(b) = &a.before {
        let contested: BTreeSet<String> = b
            .conflicts
            .iter()
            .map(|c| conflict_text(c, &a.events))
            .collect();
        writeln!(
            out,
            "  before: {} {} → {}{}",
            word(&b.status).to_uppercase(),
            date_or(b.from, "…"),
            date_or(b.to, "…"),
            if contested.is_empty() {
                String::new()
            } else {
                format!(
                    " (contested: {})",
                    contested.into_iter().collect::<Vec<_>>().join("; ")
                )
            }
        )?;
    }
    for e in &a.pending {
        writeln!(out, "  pending: {}", describe_event(e))?;
    }
    for ev in a.evidence.iter().take(3) {
        let from = [
            ev.outlet.clone(),
            ev.published.map(|d| d.to_string()),
            ev.url.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        writeln!(out, "  {} — {from}", quote(&ev.sentence))?;
    }
    Ok(())
}

fn many(
    args: &StatusArgs,
    store: &dyn Store,
    list: &[&Crossing],
    date: Date,
) -> anyhow::Result<i32> {
    let rows: Vec<StatusRow> = statuses(store, list, date)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(0);
    }
    if rows.is_empty() {
        writeln!(
            out,
            "no crossing known for that; try `borderwatch crossings`"
        )?;
        return Ok(0);
    }
    writeln!(out, "status on {date}")?;
    for r in &rows {
        let st = &r.status;
        let detail = if !r.reported {
            "no report".to_string()
        } else {
            let since = match st.since {
                Some(d) => format!("since {d}"),
                None => "since before any report".into(),
            };
            let src = format!(
                "{} source{}",
                st.independent_sources,
                if st.independent_sources == 1 { "" } else { "s" }
            );
            format!(
                "{since:<24} {src:<10}{}",
                if st.contested { "  contested" } else { "" }
            )
        };
        writeln!(
            out,
            "  {:<10} {:<24} {detail}",
            word(&st.status).to_uppercase(),
            r.name
        )?;
    }
    Ok(0)
}
