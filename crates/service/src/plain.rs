//! The status in plain words: the one place that writes the sentences a person reads, so that the
//! CLI (`borderwatch status`) and the crossing page say the same thing in the same words. Identifiers
//! stay in the JSON; none appears here.
//!
//! - [`headline`]: "open since 2017-10-25 — last confirmed 2017-10-26, 2,525 days ago; unconfirmed …".
//! - [`support`]: how sure, on how many sources, on whose word.
//! - [`conflict`], [`pending`]: a disagreement between sources, a plan or a denial, in a sentence.
//! - [`explain`]: why this status on the day asked: the events that decide it, in order, and those
//!   set aside, each with the reason and its quote.

use borderwatch_extract::{Change, Modality, Status};
use borderwatch_fusion::{Conflict, ConflictKind, Event, Target};
use borderwatch_gazetteer::Gazetteer;
use jiff::civil::Date;
use serde::Serialize;

use crate::bidi;
use crate::freshness::confirmed_words;
use crate::status::{CrossingStatus, Evidence, word};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "15 Oct 2017".
pub fn day(d: Date) -> String {
    let month = MONTHS
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("?");
    format!("{} {month} {}", d.day(), d.year())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn sources(n: usize) -> String {
    plural(n, "source", "sources")
}

/// What an event is about, seen from one crossing's page: "the crossing", "every crossing between
/// Iran and Iraq", "all of Iran's borders".
fn target_words(gaz: &Gazetteer, t: &Target) -> String {
    let name = |c: &str| crate::country_name(gaz, c);
    match t {
        Target::Crossing(_) => "the crossing".into(),
        Target::Border(codes) if codes.len() == 1 => {
            format!("all of {}'s borders", name(&codes[0]))
        }
        Target::Border(codes) => format!(
            "every crossing between {}",
            codes
                .iter()
                .map(|c| name(c))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        Target::Unresolved(m) => format!("\"{}\"", bidi::isolate(m, None)),
    }
}

/// What happened, after the target: "closed", "reopened", "stayed closed".
fn change_words(e: &Event) -> String {
    match e.change {
        Change::Opened => "opened".into(),
        Change::Reopened => "reopened".into(),
        Change::Closed => "closed".into(),
        Change::Restricted => "was restricted".into(),
        Change::ExtendedClosure => "stayed closed".into(),
        Change::DeniedClosure => "was not closed".into(),
        Change::PlannedOpening => "opens".into(),
        Change::PlannedClosure => "closes".into(),
        Change::NoChange => format!("stayed {}", word(&e.status)),
    }
}

/// "Karwan Aziz, a spokesman …", else "a report in Zagros Daily", else "one report". A name in
/// a right-to-left script is isolated ([`bidi::isolate`]), so it does not drag the English words
/// and numbers around it into its own direction; the page turns the isolate into `<bdi>`.
fn who(q: Option<&Evidence>) -> String {
    match q {
        Some(Evidence {
            said_by: Some(s), ..
        }) => bidi::isolate(&mid_sentence(s), None).into_owned(),
        Some(Evidence {
            outlet: Some(o), ..
        }) => format!("a report in {}", bidi::isolate(o, None)),
        _ => "one report".into(),
    }
}

/// Who said it, fit to be a sentence's subject: "A spokesman for …" reads "a spokesman for …" (names
/// keep their capitals), and "Karwan Aziz, a spokesman …" reads "Karwan Aziz (a spokesman …)" so the
/// verb that follows is not taken into the role.
fn mid_sentence(s: &str) -> String {
    let s = match s.split_once(", ") {
        Some((name, role)) => format!("{name} ({role})"),
        None => s.to_string(),
    };
    for article in ["A ", "An ", "The "] {
        if let Some(rest) = s.strip_prefix(article) {
            return format!("{}{rest}", article.to_lowercase());
        }
    }
    s
}

/// The day an event speaks of, in words ("on 15 Oct 2017"), or "on a day no report gives".
fn on(e: &Event) -> String {
    match e.placed.or(e.effective.date) {
        Some(d) => format!("on {}", day(d)),
        None => "on a day no report gives".into(),
    }
}

fn quote_of<'a>(a: &'a CrossingStatus, event: &str) -> Option<&'a Evidence> {
    a.quotes.iter().find(|q| q.event == event)
}

fn event_of<'a>(a: &'a CrossingStatus, id: &str) -> Option<&'a Event> {
    a.events.iter().find(|e| e.id == id)
}

/// "open since 2017-10-25 — last confirmed 2017-10-26, 2,525 days ago; unconfirmed: no report has
/// supported it within 30 days". The status word comes first, as the JSON has it.
pub fn headline(a: &CrossingStatus) -> String {
    let st = &a.status;
    if st.status == Status::Unknown && st.events.is_empty() {
        return "unknown — no report says anything about this crossing for that day".into();
    }
    let since = match st.since {
        Some(d) => format!(" since {d}"),
        None => " since before any report".into(),
    };
    let until = st.until.map(|d| format!(" until {d}")).unwrap_or_default();
    let f = &a.freshness;
    let stale = if f.stale {
        format!(
            "; unconfirmed: no report has supported it within {}",
            plural(
                usize::try_from(f.stale_after_days).unwrap_or(usize::MAX),
                "day",
                "days"
            )
        )
    } else {
        String::new()
    };
    format!(
        "{}{since}{until} — {}{stale}",
        word(&st.status),
        confirmed_words(f)
    )
}

/// "Confidence 0.75: 2 independent sources (3 copies), on the word of Farhad Rostami, …."
pub fn support(a: &CrossingStatus) -> Option<String> {
    let st = &a.status;
    if st.independent_sources == 0 {
        return None;
    }
    let word_of = if a.on_the_word_of.is_empty() {
        "no speaker is named".to_string()
    } else {
        format!(
            "on the word of {}",
            a.on_the_word_of
                .iter()
                .take(3)
                .map(|w| bidi::isolate(w, None).into_owned())
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    Some(format!(
        "Confidence {:.2}: {} ({}), {word_of}.",
        st.confidence,
        plural(
            st.independent_sources,
            "independent source",
            "independent sources"
        ),
        plural(a.copies, "copy", "copies"),
    ))
}

/// "On 15 Oct 2017 Karwan Aziz said every crossing between Iran and Iraq closed; Iran's foreign
/// ministry denied it the same day (1 source each)."
pub fn conflict(gaz: &Gazetteer, a: &CrossingStatus, c: &Conflict) -> String {
    let (Some(x), Some(y)) = (event_of(a, &c.events[0]), event_of(a, &c.events[1])) else {
        return "Sources disagree about this crossing (the events are no longer stored).".into();
    };
    // The claim first, the denial (or the later telling) second.
    let (first, second) = if x.asserted || !y.asserted {
        (x, y)
    } else {
        (y, x)
    };
    let when = |a: &Event, b: &Event| match (a.placed, b.placed) {
        (Some(p), Some(q)) if p == q => "the same day".to_string(),
        _ => on(b),
    };
    let counts = if first.independent_sources == second.independent_sources {
        format!("{} each", sources(first.independent_sources))
    } else {
        format!(
            "{} and {}",
            sources(first.independent_sources),
            sources(second.independent_sources)
        )
    };
    let opening = format!(
        "On {} {} said {} {}",
        on(first).trim_start_matches("on "),
        who(quote_of(a, &first.id)),
        target_words(gaz, &first.target),
        change_words(first)
    );
    match c.kind {
        ConflictKind::ClosureDenied => format!(
            "{opening}; {} denied it {} ({counts}).",
            who(quote_of(a, &second.id)),
            when(first, second)
        ),
        ConflictKind::StatusDisagrees => format!(
            "{opening}; {} said {} {} {} ({counts}).",
            who(quote_of(a, &second.id)),
            target_words(gaz, &second.target),
            change_words(second),
            when(first, second)
        ),
    }
}

/// A plan, a denial or an uncertain report, in a sentence: "Planned: the crossing opens on
/// 3 Nov 2017, announced by … (1 source)."
pub fn pending(gaz: &Gazetteer, a: &CrossingStatus, e: &Event) -> String {
    let q = quote_of(a, &e.id);
    let modality = q.map(|q| q.modality);
    let target = target_words(gaz, &e.target);
    let told = q
        .and_then(|q| q.published)
        .map(|d| format!(" on {}", day(d)))
        .unwrap_or_default();
    let n = sources(e.independent_sources);
    match (e.change, modality) {
        (Change::DeniedClosure, _) | (_, Some(Modality::Denied)) => format!(
            "Denied: {} said{told} that {target} was not closed ({n}).",
            who(q)
        ),
        (Change::PlannedOpening | Change::PlannedClosure, _) | (_, Some(Modality::Planned)) => {
            // A planned change names where it goes; a plan told with another verb ("will reopen",
            // modality planned) carries the status it would bring.
            let to = match (e.change, e.status) {
                (Change::PlannedOpening, _) => "to open",
                (Change::PlannedClosure, _) => "to close",
                (_, Status::Open) => "to open",
                (_, Status::Closed) => "to close",
                (_, Status::Restricted) => "to be restricted",
                (_, Status::Unknown) => "to change",
            };
            format!(
                "Planned: {target} {to} {}, announced by {}{told} ({n}).",
                on(e),
                who(q)
            )
        }
        (_, Some(Modality::Conditional)) => format!(
            "Conditional: {} said{told} {target} {} if a condition is met ({n}).",
            who(q),
            change_words(e)
        ),
        _ => format!(
            "Uncertain: {} said{told} {target} may have {} ({n}).",
            who(q),
            change_words(e)
        ),
    }
}

/// One event in the explanation, with its quote.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub event: String,
    /// What happened, in words.
    pub sentence: String,
    /// Why it was set aside; `None` for the events that decide the status.
    pub reason: Option<String>,
    pub quote: Option<Evidence>,
}

/// Why the status is what it is on the day asked.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub headline: String,
    pub support: Option<String>,
    /// Disagreements about the current status, then about the one before it.
    pub conflicts: Vec<String>,
    /// Plans, denials and uncertain reports that apply here.
    pub pending: Vec<String>,
    /// The events that decide the status on the day asked, oldest first.
    pub decided: Vec<Step>,
    /// Events that apply here but do not decide it, each with the reason.
    pub set_aside: Vec<Step>,
}

/// "On 25 Oct 2017 Farhad Rostami said the crossing reopened (2 sources)."
pub fn event_sentence(gaz: &Gazetteer, a: &CrossingStatus, e: &Event) -> String {
    let on = on(e);
    let mut on = on.chars();
    let first = on
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default();
    format!(
        "{first}{} {} said {} {} ({}).",
        on.as_str(),
        who(quote_of(a, &e.id)),
        target_words(gaz, &e.target),
        change_words(e),
        sources(e.independent_sources)
    )
}

/// An event in a list, without its quote: "25 Oct 2017: the crossing reopened"; what is not asserted
/// says so ("15 Oct 2017: denied that the crossing was closed").
pub fn event_line(gaz: &Gazetteer, e: &Event) -> String {
    let when = e
        .placed
        .or(e.effective.date)
        .map(day)
        .unwrap_or_else(|| "undated".into());
    let target = target_words(gaz, &e.target);
    let what = match (e.asserted, e.change) {
        (_, Change::DeniedClosure) => format!("denied that {target} was closed"),
        (_, Change::PlannedOpening) => format!("planned: {target} to open"),
        (_, Change::PlannedClosure) => format!("planned: {target} to close"),
        (true, _) => format!("{target} {}", change_words(e)),
        (false, _) => format!("{target} {} (not confirmed as done)", change_words(e)),
    };
    format!("{when}: {what}")
}

/// Why this status: see [`Explanation`].
pub fn explain(gaz: &Gazetteer, a: &CrossingStatus) -> Explanation {
    let st = &a.status;
    let step = |e: &Event, reason: Option<String>| Step {
        event: e.id.clone(),
        sentence: event_sentence(gaz, a, e),
        reason,
        quote: quote_of(a, &e.id).cloned(),
    };
    let mut decided: Vec<&Event> = st
        .events
        .iter()
        .filter_map(|id| event_of(a, id))
        .filter(|e| e.placed.is_none_or(|p| p <= st.date))
        .collect();
    decided.sort_by(|x, y| x.placed.cmp(&y.placed).then(x.id.cmp(&y.id)));
    let mut set_aside: Vec<Step> = Vec::new();
    for e in &a.pending {
        // A plan or a denial reads as itself, not as a change that happened.
        let told = Step {
            sentence: pending(gaz, a, e),
            ..step(e, None)
        };
        let reason = match (e.change, quote_of(a, &e.id).map(|q| q.modality)) {
            (Change::DeniedClosure, _) | (_, Some(Modality::Denied)) => {
                "a denial does not set a status; it marks the closure it denies as contested"
            }
            (Change::PlannedOpening | Change::PlannedClosure, _) | (_, Some(Modality::Planned)) => {
                "a plan changes nothing until a report says it happened"
            }
            _ => "the report was not sure, or made it depend on a condition",
        };
        set_aside.push(Step {
            reason: Some(reason.into()),
            ..told
        });
    }
    for e in &a.overridden {
        set_aside.push(step(
            e,
            Some(
                "it is about the whole border; on that day a report about this crossing itself \
                 decides"
                    .into(),
            ),
        ));
    }
    for c in &st.conflicts {
        for id in &c.events {
            let listed = st.events.contains(id) || set_aside.iter().any(|s| &s.event == id);
            if let Some(e) = event_of(a, id).filter(|_| !listed) {
                set_aside.push(step(
                    e,
                    Some(
                        "it disagrees with the events above; where sources disagree the safer \
                         status is kept"
                            .into(),
                    ),
                ));
            }
        }
    }
    let before = a.before.iter().flat_map(|b| b.conflicts.iter());
    Explanation {
        headline: headline(a),
        support: support(a),
        conflicts: st
            .conflicts
            .iter()
            .chain(before)
            .map(|c| conflict(gaz, a, c))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        pending: a.pending.iter().map(|e| pending(gaz, a, e)).collect(),
        decided: decided.into_iter().map(|e| step(e, None)).collect(),
        set_aside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_people_write_them() {
        assert_eq!(day(jiff::civil::date(2017, 10, 15)), "15 Oct 2017");
        assert_eq!(day(jiff::civil::date(2024, 1, 3)), "3 Jan 2024");
        assert_eq!(mid_sentence("A spokesman for X"), "a spokesman for X");
        assert_eq!(mid_sentence("Anwar Ali"), "Anwar Ali");
        assert_eq!(
            mid_sentence("Karwan Aziz, a spokesman via IRNA"),
            "Karwan Aziz (a spokesman via IRNA)"
        );
    }
}
