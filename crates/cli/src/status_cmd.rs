//! `borderwatch status`: what the status of a crossing (or of every crossing of a country) was on a day,
//! since when, on whose word, and where sources disagree. Reads the materialized timeline and event
//! rows; it also holds the helpers the other query commands share (naming a crossing, opening the
//! store up to date).

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::{Context, bail};
use borderwatch_extract::Status;
use borderwatch_fusion::{Conflict, ConflictKind, Event, Fusion, Interval, StatusAt, Target};
use borderwatch_gazetteer::{Crossing, Gazetteer};
use borderwatch_store::{Store, refresh_if_dirty, status_at, status_in};
use jiff::civil::Date;
use serde::Serialize;

/// Claims read per event to find speakers and evidence: enough to name them, bounded for big events.
const CLAIMS_PER_EVENT: usize = 20;

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

/// The gazetteer's crossings as fusion takes them, so border-wide claims reach crossings no report
/// names.
pub fn known_crossings(gaz: &Gazetteer) -> Vec<(String, Vec<String>)> {
    gaz.crossings()
        .iter()
        .map(|c| (c.id.clone(), c.countries.to_vec()))
        .collect()
}

/// Makes the materialized rows current before a query: a writer killed before its refresh left the
/// store dirty, and the answer must equal that of an uninterrupted run.
pub fn up_to_date(store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<()> {
    refresh_if_dirty(store, &known_crossings(gaz))
        .with_context(|| format!("refreshing events and timelines of {}", store.describe()))?;
    Ok(())
}

/// The crossing a user named: an id, an alias (any script), else the single search hit. An ambiguous
/// name is an error that lists the candidates.
pub fn resolve<'g>(gaz: &'g Gazetteer, name: &str) -> anyhow::Result<&'g Crossing> {
    let hits = crate::names::find(gaz, name);
    match hits.as_slice() {
        [] => bail!(
            "no crossing is named {name:?}; `borderwatch crossings {name}` searches the names"
        ),
        [one] => gaz
            .crossings()
            .get(*one)
            .with_context(|| format!("gazetteer index {one} out of range")),
        many => {
            let list: Vec<String> = many
                .iter()
                .take(20)
                .filter_map(|&i| gaz.crossings().get(i))
                .map(|c| format!("  {:<28} {} ({})", c.id, c.name, c.countries.join("–")))
                .collect();
            let more = if many.len() > 20 {
                format!("\n  … and {} more", many.len() - 20)
            } else {
                String::new()
            };
            bail!(
                "{name:?} names {} crossings; give one of these ids:\n{}{more}",
                many.len(),
                list.join("\n")
            )
        }
    }
}

/// A validated country code, upper case.
pub fn country_code(gaz: &Gazetteer, cc: &str) -> anyhow::Result<String> {
    let cc = cc.trim().to_uppercase();
    if gaz.countries().get(&cc).is_none() {
        bail!("unknown country code {cc:?}: use an ISO 3166-1 alpha-2 code such as IR, IQ, TR");
    }
    Ok(cc)
}

/// The date a query answers for: the one given, else the latest date the store speaks of.
fn query_date(store: &dyn Store, at: Option<Date>) -> anyhow::Result<Date> {
    if let Some(d) = at {
        return Ok(d);
    }
    match store.latest_date()? {
        Some(d) => Ok(d),
        None => bail!(
            "the store {} holds no dated report, so there is no default date; ingest reports or pass --at YYYY-MM-DD",
            store.describe()
        ),
    }
}

/// Lower-case name of a status or change, as in the JSON vocabulary.
pub fn word<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".into(),
    }
}

pub fn date_or(d: Option<Date>, none: &str) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| none.into())
}

/// "closed 2017-10-15 (border IQ–IR)": an event in a few words.
pub fn describe_event(e: &Event) -> String {
    let target = match &e.target {
        Target::Crossing(id) => id.clone(),
        Target::Border(codes) if codes.len() == 1 => format!("all borders of {}", codes[0]),
        Target::Border(codes) => format!("border {}", codes.join("–")),
        Target::Unresolved(m) => format!("unresolved {m:?}"),
    };
    let kind = if e.asserted { "" } else { " (not asserted)" };
    format!(
        "{} {}{kind} ({target})",
        word(&e.change),
        date_or(e.placed.or(e.effective.date), "undated")
    )
}

fn conflict_text(c: &Conflict, events: &[Event]) -> String {
    let find = |id: &str| {
        events
            .iter()
            .find(|e| e.id == id)
            .map(describe_event)
            .unwrap_or_else(|| id.to_string())
    };
    let kind = match c.kind {
        ConflictKind::ClosureDenied => "closure denied",
        ConflictKind::StatusDisagrees => "statuses disagree",
    };
    format!("{kind}: {} vs {}", find(&c.events[0]), find(&c.events[1]))
}

/// Evidence for one event: a claim's sentence and where it was read.
#[derive(Debug, Serialize)]
pub struct Evidence {
    pub event: String,
    pub report: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub sentence: String,
    pub speaker: Option<String>,
}

#[derive(Debug, Serialize)]
struct CrossingInfo<'a> {
    id: &'a str,
    name: &'a str,
    countries: &'a [String; 2],
    regions: &'a [String],
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    crossing: CrossingInfo<'a>,
    /// Where the date came from: "--at" or "latest stored date".
    date_from: &'static str,
    status: StatusAt,
    /// Reports carrying the sources behind the status, counting every URL a copy was seen at.
    copies: usize,
    /// Who the claims behind the status quote, most frequent first.
    on_the_word_of: Vec<String>,
    before: Option<&'a Interval>,
    /// Planned, conditional, uncertain or denied events that apply here.
    pending: Vec<&'a Event>,
    evidence: Vec<Evidence>,
    events: &'a [Event],
}

pub fn run(args: &StatusArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    up_to_date(store, gaz)?;
    let date = query_date(store, args.at)?;
    match (&args.crossing, &args.country) {
        (Some(name), _) => one(args, store, gaz, resolve(gaz, name)?, date),
        (None, Some(cc)) => {
            let cc = country_code(gaz, cc)?;
            let list: Vec<&Crossing> = gaz
                .in_country(&cc)
                .into_iter()
                .filter_map(|i| gaz.crossings().get(i))
                .collect();
            many(args, store, list, date)
        }
        (None, None) => {
            // Every crossing something is known about.
            let list: Vec<&Crossing> = store
                .timelines()?
                .iter()
                .filter_map(|t| gaz.by_id(&t.crossing))
                .collect();
            many(args, store, list, date)
        }
    }
}

fn one(
    args: &StatusArgs,
    store: &dyn Store,
    gaz: &Gazetteer,
    c: &Crossing,
    date: Date,
) -> anyhow::Result<i32> {
    // Two interval rows and the events they name: fast however long the crossing's history is.
    let rows = store.status_rows(&c.id, date)?;
    let (st, before, events) = match &rows {
        Some(r) => {
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
            (
                status_in(&c.id, &r.interval, date, &events),
                r.before.as_ref(),
                events,
            )
        }
        None => (
            status_at(&Fusion::new().timeline(&c.id), date, &[]),
            None,
            Vec::new(),
        ),
    };
    let behind: Vec<&Event> = events
        .iter()
        .filter(|e| st.events.contains(&e.id))
        .collect();
    let (evidence, speakers) = evidence_of(store, &behind)?;
    let mut copies = 0usize;
    for s in &st.sources {
        for copy in &s.copies {
            let urls = store
                .report(&copy.report)?
                .map(|r| r.urls.len())
                .unwrap_or(0);
            copies += urls.max(1);
        }
    }
    let pending: Vec<&Event> = rows
        .as_ref()
        .map(|r| {
            events
                .iter()
                .filter(|e| r.pending.contains(&e.id))
                .collect()
        })
        .unwrap_or_default();
    let answer = Answer {
        crossing: CrossingInfo {
            id: &c.id,
            name: &c.name,
            countries: &c.countries,
            regions: &c.regions,
        },
        date_from: if args.at.is_some() {
            "--at"
        } else {
            "latest stored date"
        },
        status: st,
        copies,
        on_the_word_of: speakers,
        before,
        pending,
        evidence,
        events: &events,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
        return Ok(0);
    }
    print_one(&mut out, gaz, &answer)?;
    Ok(0)
}

/// The quoted sentences behind events (best-supported event first) and the speakers they name.
fn evidence_of(
    store: &dyn Store,
    events: &[&Event],
) -> anyhow::Result<(Vec<Evidence>, Vec<String>)> {
    let mut ordered: Vec<&Event> = events.to_vec();
    ordered.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(a.id.cmp(&b.id))
    });
    let mut evidence = Vec::new();
    let mut speakers: Vec<(usize, String)> = Vec::new();
    for e in ordered {
        let mut quoted = false;
        for at in e.claims.iter().take(CLAIMS_PER_EVENT) {
            let Some(claim) = store.claim(at)? else {
                continue;
            };
            let a = &claim.attribution;
            let mut who = a.speaker.clone().unwrap_or_default();
            if let Some(r) = &a.role {
                who = if who.is_empty() {
                    r.clone()
                } else {
                    format!("{who}, {r}")
                };
            }
            if !a.via.is_empty() {
                who = format!("{who} via {}", a.via.join(", ")).trim().to_string();
            }
            if !who.is_empty() {
                match speakers.iter_mut().find(|(_, w)| *w == who) {
                    Some((n, _)) => *n += 1,
                    None => speakers.push((1, who.clone())),
                }
            }
            // One quote per event, preferring a claim that names its speaker.
            if quoted && a.speaker.is_none() {
                continue;
            }
            let Some(report) = store.report(&at.report)? else {
                continue;
            };
            let sentence = claim.evidence.sentence.of(&report.text).to_string();
            let ev = Evidence {
                event: e.id.clone(),
                report: report.id.clone(),
                outlet: report.outlet.clone(),
                url: report.url.clone(),
                published: report.published,
                sentence,
                speaker: a.speaker.clone(),
            };
            if !quoted {
                evidence.push(ev);
                quoted = true;
            } else if let Some(last) = evidence.last_mut().filter(|l| l.speaker.is_none()) {
                *last = ev;
            }
        }
    }
    // Most frequent first; ties in order of appearance (stable sort).
    speakers.sort_by_key(|s| std::cmp::Reverse(s.0));
    Ok((evidence, speakers.into_iter().map(|(_, w)| w).collect()))
}

fn place(gaz: &Gazetteer, c: &Crossing) -> String {
    let side = |k: usize| {
        let code = &c.countries[k];
        let name = gaz
            .countries()
            .get(code)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| code.clone());
        match c.regions.get(k).filter(|r| !r.is_empty()) {
            Some(r) => format!("{name} ({r})"),
            None => name,
        }
    };
    format!("{} – {}", side(0), side(1))
}

fn quote(s: &str) -> String {
    let shown: String = s.chars().take(240).collect();
    if shown.len() < s.len() {
        format!("\"{shown}…\"")
    } else {
        format!("\"{shown}\"")
    }
}

fn print_one(out: &mut impl Write, gaz: &Gazetteer, a: &Answer<'_>) -> anyhow::Result<()> {
    let st = &a.status;
    let since = match st.since {
        Some(d) => format!(" since {d}"),
        None => String::new(),
    };
    let until = match st.until {
        Some(d) => format!(" until {d}"),
        None => String::new(),
    };
    let crossing = gaz.by_id(a.crossing.id);
    let where_ = crossing.map(|c| place(gaz, c)).unwrap_or_default();
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
        writeln!(out, "  CONTESTED — {}", conflict_text(c, a.events))?;
    }
    if let Some(b) = a.before {
        let contested: BTreeSet<String> = b
            .conflicts
            .iter()
            .map(|c| conflict_text(c, a.events))
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

#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    status: StatusAt,
}

fn many(
    args: &StatusArgs,
    store: &dyn Store,
    list: Vec<&Crossing>,
    date: Date,
) -> anyhow::Result<i32> {
    let mut rows = Vec::with_capacity(list.len());
    let mut known = BTreeSet::new();
    for c in list {
        let st = match store.status_rows(&c.id, date)? {
            Some(r) => {
                known.insert(c.id.as_str());
                status_in(&c.id, &r.interval, date, &[])
            }
            None => status_at(&Fusion::new().timeline(&c.id), date, &[]),
        };
        rows.push(Row {
            id: &c.id,
            name: &c.name,
            status: st,
        });
    }
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
        let detail = if !known.contains(r.id) {
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
