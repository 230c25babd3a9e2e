//! `borderwatch status`: what the status of a crossing (or of every crossing of a country) was on a day,
//! since when, on whose word, and where sources disagree. The answer comes from
//! `borderwatch_service::status` (the server gives the same one); this module prints it, and re-exports
//! the helpers the other query commands share.

use std::io::Write;

use borderwatch_gazetteer::{Crossing, Gazetteer};
use borderwatch_service::bidi;
use borderwatch_service::freshness::{DEFAULT_STALE_AFTER_DAYS, Horizons};
use borderwatch_service::plain::{self, Explanation, Step};
use borderwatch_service::status::{
    CrossingStatus, Evidence, StatusRow, crossing_status, query_date, statuses,
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
    /// Days without a supporting report after which a status is shown as unconfirmed.
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_STALE_AFTER_DAYS, value_parser = clap::value_parser!(u32).range(1..))]
    pub stale_after: u32,
    /// Also say why: the events that decide the status on that day, in order, with their quotes, and
    /// those set aside (plans, denials, border-wide news overridden) with the reason.
    #[arg(long)]
    pub explain: bool,
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
    let horizons = Horizons::days(args.stale_after);
    let answer = crossing_status(store, c, date, date_from, &horizons)?;
    let why = plain::explain(gaz, &answer);
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut v = serde_json::to_value(&answer)?;
        if args.explain
            && let Some(o) = v.as_object_mut()
        {
            o.insert("explanation".into(), serde_json::to_value(&why)?);
        }
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(0);
    }
    print_one(&mut out, gaz, &answer, &why)?;
    if args.explain {
        print_why(&mut out, &answer, &why)?;
    }
    Ok(0)
}

/// A quoted sentence, cut at 240 characters, isolated when it is or may be right to left (see
/// `borderwatch_service::bidi::isolate`): a Persian sentence keeps its own order and leaves the
/// quotation marks, the outlet and the date of the line where they are. The ellipsis of a cut
/// sentence goes inside the isolate, at the end of the sentence's own direction.
pub fn quote(s: &str, language: Option<&str>) -> String {
    let mut shown: String = s.chars().take(240).collect();
    if shown.len() < s.len() {
        shown.push('…');
    }
    format!("\"{}\"", bidi::isolate(&shown, language))
}

fn source_line(ev: &Evidence) -> String {
    let from = [
        ev.outlet
            .as_deref()
            .map(|o| bidi::isolate(o, None).into_owned()),
        ev.published.map(|d| d.to_string()),
        ev.url.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    format!("{} — {from}", quote(&ev.sentence, ev.language.as_deref()))
}

/// The answer in the sentences of `borderwatch_service::plain`, the crossing page's words.
fn print_one(
    out: &mut impl Write,
    gaz: &Gazetteer,
    a: &CrossingStatus,
    why: &Explanation,
) -> anyhow::Result<()> {
    let crossing = gaz.by_id(&a.crossing.id);
    let where_ = crossing
        .map(|c| borderwatch_service::place(gaz, c))
        .unwrap_or_default();
    writeln!(
        out,
        "{} ({}) · {where_}   (on {}, {})",
        a.crossing.name, a.crossing.id, a.status.date, a.date_from
    )?;
    writeln!(out, "  {}", why.headline)?;
    if let Some(w) = &a.for_whom {
        writeln!(out, "  for whom: {w}")?;
    }
    if let Some(s) = &why.support {
        writeln!(out, "  {s}")?;
    }
    for c in &why.conflicts {
        writeln!(out, "  sources disagree: {c}")?;
    }
    for p in &why.pending {
        writeln!(out, "  {p}")?;
    }
    if let Some(b) = &a.before {
        writeln!(
            out,
            "  before: {} {} → {}",
            word(&b.status),
            date_or(b.from, "…"),
            date_or(b.to, "…"),
        )?;
    }
    if !a.evidence.is_empty() {
        writeln!(out, "  evidence:")?;
    }
    for ev in a.evidence.iter().take(3) {
        writeln!(out, "    {}", source_line(ev))?;
    }
    Ok(())
}

fn print_step(out: &mut impl Write, mark: &str, s: &Step) -> anyhow::Result<()> {
    writeln!(out, "    {mark} {}", s.sentence)?;
    if let Some(r) = &s.reason {
        writeln!(out, "       set aside: {r}")?;
    }
    if let Some(q) = &s.quote {
        writeln!(out, "       {}", source_line(q))?;
    }
    Ok(())
}

/// `--explain`: the events that decide the status, then those set aside.
fn print_why(out: &mut impl Write, a: &CrossingStatus, why: &Explanation) -> anyhow::Result<()> {
    writeln!(out, "  why this status on {}:", a.status.date)?;
    if why.decided.is_empty() {
        writeln!(
            out,
            "    no event decides it: no report speaks of this crossing for that day"
        )?;
    }
    for (k, s) in why.decided.iter().enumerate() {
        print_step(out, &format!("{}.", k + 1), s)?;
    }
    if !why.set_aside.is_empty() {
        writeln!(out, "  set aside:")?;
    }
    for s in &why.set_aside {
        print_step(out, "-", s)?;
    }
    Ok(())
}

fn many(
    args: &StatusArgs,
    store: &dyn Store,
    list: &[&Crossing],
    date: Date,
) -> anyhow::Result<i32> {
    let rows: Vec<StatusRow> = statuses(store, list, date, &Horizons::days(args.stale_after))?;
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
            let fresh = if r.freshness.stale {
                format!(
                    "  unconfirmed, {}",
                    borderwatch_service::freshness::confirmed_words(&r.freshness)
                )
            } else {
                String::new()
            };
            format!(
                "{since:<24} {src:<10}{}{fresh}",
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

#[cfg(test)]
mod tests {
    use super::*;
    use borderwatch_extract::Modality;

    fn evidence(sentence: &str, language: Option<&str>, outlet: &str) -> Evidence {
        Evidence {
            event: "e".into(),
            report: "r".into(),
            claim: 0,
            outlet: Some(outlet.into()),
            url: None,
            title: None,
            published: Some(jiff::civil::date(2024, 10, 3)),
            sentence: sentence.into(),
            speaker: None,
            said_by: None,
            modality: Modality::Asserted,
            scope: None,
            marks: Vec::new(),
            language: language.map(str::to_string),
            dir: bidi::dir_of(language),
        }
    }

    /// Sentences written for this test.
    #[test]
    fn right_to_left_evidence_is_isolated_in_the_line() {
        let fa = "گذرگاه باشماق روز ۱۰ مهر بسته شد.";
        assert_eq!(
            source_line(&evidence(fa, Some("fa"), "IRNA")),
            format!("\"\u{2067}{fa}\u{2069}\" — IRNA, 2024-10-03")
        );
        // Language unknown: a first-strong isolate, so Persian is still set apart.
        assert_eq!(
            source_line(&evidence(fa, None, "IRNA")),
            format!("\"\u{2068}{fa}\u{2069}\" — IRNA, 2024-10-03")
        );
        // An outlet named in Arabic script is isolated too, so the date stays after it.
        assert_eq!(
            source_line(&evidence("The crossing closed.", Some("en"), "کوردستان ۲۴")),
            "\"The crossing closed.\" — \u{2068}کوردستان ۲۴\u{2069}, 2024-10-03"
        );
        // A long sentence is cut inside the isolate.
        let long = "بسته ".repeat(60);
        let line = source_line(&evidence(&long, Some("ar"), "X"));
        assert!(line.starts_with("\"\u{2067}بسته"), "{line}");
        assert!(line.contains("…\u{2069}\" — X"), "{line}");
    }

    #[test]
    fn english_evidence_is_printed_as_it_was() {
        let en = "The Bashmagh crossing closed on Monday.";
        assert_eq!(
            source_line(&evidence(en, Some("en"), "Zagros Daily")),
            format!("\"{en}\" — Zagros Daily, 2024-10-03")
        );
        assert_eq!(
            source_line(&evidence(en, None, "Zagros Daily")),
            format!("\"{en}\" — Zagros Daily, 2024-10-03")
        );
    }
}
