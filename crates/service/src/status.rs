//! A crossing's status on a day: since when, on whose word, where sources disagree. Reads the
//! materialized timeline and event rows (two interval rows and the events they name), so an answer
//! costs the same however long the crossing's history is.

use std::collections::BTreeMap;

use borderwatch_extract::{Claim, Modality, Scope, Span, Status};
use borderwatch_fusion::{Conflict, ConflictKind, Event, Fusion, Interval, StatusAt, Target};
use borderwatch_gazetteer::Crossing;
use borderwatch_store::{EventFilter, Store, status_at, status_in};
use jiff::civil::Date;
use serde::Serialize;

use crate::Error;
use crate::bidi::{Dir, dir_of, isolate, valid_language};
use crate::freshness::{Freshness, Horizons, freshness, last_confirmed};

/// Claims read per event to find speakers and evidence: enough to name them, bounded for big events.
const CLAIMS_PER_EVENT: usize = 20;

/// The date a query answers for: the one given, else the latest date the store speaks of (not the
/// clock, so an archive answers about its own time).
pub fn query_date(store: &dyn Store, at: Option<Date>) -> Result<Date, Error> {
    if let Some(d) = at {
        return Ok(d);
    }
    store
        .latest_date()?
        .ok_or_else(|| Error::NoDate(store.describe()))
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
        // A mention in a right-to-left script is isolated so the line keeps its order.
        Target::Unresolved(m) => format!("unresolved {}", isolate(&format!("{m:?}"), None)),
    };
    let kind = if e.asserted { "" } else { " (not asserted)" };
    format!(
        "{} {}{kind} ({target})",
        word(&e.change),
        date_or(e.placed.or(e.effective.date), "undated")
    )
}

/// "closure denied: closed 2017-10-15 (…) vs …": a conflict in words, naming both events.
pub fn conflict_text(c: &Conflict, events: &[Event]) -> String {
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

/// A part of a quoted sentence that carries the claim, in byte offsets of [`Evidence::sentence`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// "trigger", "mention", "date" or "speaker".
    pub what: &'static str,
}

/// Evidence for one event: a claim's sentence, where it was read, and what in it made the claim.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    pub event: String,
    pub report: String,
    /// The claim's position in its report's list.
    pub claim: usize,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub sentence: String,
    pub speaker: Option<String>,
    /// Who the claim quotes, as far as known: "speaker, role via outlet"; `None` when nobody is named.
    pub said_by: Option<String>,
    /// How the report holds the claim (asserted, planned, denied, …).
    pub modality: Modality,
    /// Whom the claim says the crossing is open or closed to, when it says so.
    pub scope: Option<Scope>,
    /// Sorted by start; they do not overlap.
    pub marks: Vec<Mark>,
    /// The language of the sentence (its report's; ISO 639 code), `None` when unknown.
    pub language: Option<String>,
    /// Its writing direction: `rtl` for Persian, Arabic, Kurdish (Sorani) …, `ltr` for other known
    /// languages, `auto` when the language is unknown (the first letter decides).
    pub dir: Dir,
}

/// The marks of a claim's evidence inside its sentence, relative to the sentence start.
pub fn marks_of(claim: &Claim) -> Vec<Mark> {
    let s = claim.evidence.sentence;
    let e = &claim.evidence;
    let mut marks: Vec<Mark> = [
        (Some(e.trigger), "trigger"),
        (e.mention, "mention"),
        (e.date, "date"),
        (e.speaker, "speaker"),
    ]
    .into_iter()
    .filter_map(|(span, what)| span.map(|sp: Span| (sp, what)))
    .filter(|(sp, _)| !sp.is_empty() && sp.start >= s.start && sp.end <= s.end)
    .map(|(sp, what)| Mark {
        start: sp.start - s.start,
        end: sp.end - s.start,
        what,
    })
    .collect();
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    // Keep the first of overlapping marks: a page can only highlight each byte once.
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

/// The language a claim's evidence is written in (its report's), when it is a valid tag.
pub fn language_of(claim: &Claim) -> Option<String> {
    claim
        .evidence
        .language
        .as_deref()
        .and_then(valid_language)
        .map(str::to_string)
}

/// Who a claim quotes: "speaker, role via outlet" as far as known; empty when nobody is named.
fn speaker_of(claim: &Claim) -> String {
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
    who
}

/// The quoted sentences behind events (best-supported event first, one quote each, preferring a
/// claim that names its speaker) and the speakers they name, most frequent first.
pub fn evidence_of(
    store: &dyn Store,
    events: &[&Event],
) -> Result<(Vec<Evidence>, Vec<String>), Error> {
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
            let who = speaker_of(&claim);
            let said_by = Some(who.clone()).filter(|w| !w.is_empty());
            if !who.is_empty() {
                match speakers.iter_mut().find(|(_, w)| *w == who) {
                    Some((n, _)) => *n += 1,
                    None => speakers.push((1, who)),
                }
            }
            let named = claim.attribution.speaker.is_some();
            if quoted && !named {
                continue;
            }
            let Some(report) = store.report(&at.report)? else {
                continue;
            };
            let language = language_of(&claim);
            let ev = Evidence {
                event: e.id.clone(),
                report: report.id.clone(),
                claim: at.index,
                outlet: report.outlet.clone(),
                url: report.url.clone(),
                title: report.title.clone(),
                published: report.published,
                sentence: claim.evidence.sentence.of(&report.text).to_string(),
                speaker: claim.attribution.speaker.clone(),
                said_by,
                modality: claim.modality,
                scope: claim.scope,
                marks: marks_of(&claim),
                dir: dir_of(language.as_deref()),
                language,
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

/// The crossing an answer is about, as the gazetteer has it.
#[derive(Clone, Debug, Serialize)]
pub struct CrossingInfo {
    pub id: String,
    pub name: String,
    pub countries: [String; 2],
    pub regions: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl CrossingInfo {
    pub fn of(c: &Crossing) -> CrossingInfo {
        CrossingInfo {
            id: c.id.clone(),
            name: c.name.clone(),
            countries: c.countries.clone(),
            regions: c.regions.clone(),
            lat: c.lat,
            lon: c.lon,
        }
    }
}

/// What the status of one crossing was on a day, since when, and on whose word.
#[derive(Clone, Debug, Serialize)]
pub struct CrossingStatus {
    pub crossing: CrossingInfo,
    /// Where the date came from: the caller's words ("--at", "?at=", "latest stored date").
    pub date_from: &'static str,
    pub status: StatusAt,
    /// When the status was last confirmed, its age on the day asked, and whether it is stale.
    #[serde(flatten)]
    pub freshness: Freshness,
    /// Reports carrying the sources behind the status, counting every URL a copy was seen at.
    pub copies: usize,
    /// Who the claims behind the status quote, most frequent first.
    pub on_the_word_of: Vec<String>,
    /// For whom, in words ("open only to humanitarian aid"), when the evidence behind the status
    /// says; `None` when it does not (the status then applies to all traffic as far as is known).
    pub for_whom: Option<String>,
    /// The interval before the current one.
    pub before: Option<Interval>,
    /// Planned, conditional, uncertain or denied events that apply here.
    pub pending: Vec<Event>,
    pub evidence: Vec<Evidence>,
    /// Border-wide events placed inside the current interval, up to the day asked, that did not
    /// decide it: on their day a report about the crossing itself did.
    pub overridden: Vec<Event>,
    /// One quote for every event named here (behind the status, in conflicts, pending, overridden),
    /// for the sentences of [`crate::plain`].
    pub quotes: Vec<Evidence>,
    /// Every event named above (behind the status, in conflicts, pending, overridden).
    pub events: Vec<Event>,
}

/// The status of crossing `c` on `date`, with its evidence and its freshness against `horizons`.
pub fn crossing_status(
    store: &dyn Store,
    c: &Crossing,
    date: Date,
    date_from: &'static str,
    horizons: &Horizons,
) -> Result<CrossingStatus, Error> {
    let rows = store.status_rows(&c.id, date)?;
    let (status, before, mut events, pending_ids) = match rows {
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
                r.before,
                events,
                r.pending,
            )
        }
        None => (
            status_at(&Fusion::new().timeline(&c.id), date, &[]),
            None,
            Vec::new(),
            Vec::new(),
        ),
    };
    let behind: Vec<&Event> = events
        .iter()
        .filter(|e| status.events.contains(&e.id))
        .collect();
    let (evidence, on_the_word_of) = evidence_of(store, &behind)?;
    let confirmed = last_confirmed(behind.iter().copied(), date);
    let horizon = horizons.for_crossing(&c.id, &c.countries);
    let freshness = freshness(status.status, confirmed, date, horizon);
    let copies = count_copies(store, &status)?;
    let overridden = overridden(store, &c.id, &status)?;
    events.extend(overridden.iter().cloned());
    let all: Vec<&Event> = events.iter().collect();
    let (quotes, _) = evidence_of(store, &all)?;
    let pending = events
        .iter()
        .filter(|e| pending_ids.contains(&e.id))
        .cloned()
        .collect();
    let for_whom = for_whom(status.status, &evidence);
    Ok(CrossingStatus {
        crossing: CrossingInfo::of(c),
        date_from,
        status,
        freshness,
        copies,
        on_the_word_of,
        for_whom,
        before,
        pending,
        evidence,
        overridden,
        quotes,
        events,
    })
}

/// Reports carrying the sources behind `status`, each counted once per URL it was seen at (read
/// from the URL rows, not the report texts).
fn count_copies(store: &dyn Store, status: &StatusAt) -> Result<usize, Error> {
    let reports: Vec<String> = status
        .sources
        .iter()
        .flat_map(|s| s.copies.iter().map(|c| c.report.clone()))
        .collect();
    let urls = store.url_counts(&reports)?;
    Ok(reports
        .iter()
        .map(|r| urls.get(r).copied().unwrap_or(0).max(1))
        .sum())
}

/// Asserted border-wide events placed in the interval holding the day asked (up to that day) that
/// are not behind it: fusion let the crossing's own report of that day decide instead.
fn overridden(store: &dyn Store, crossing: &str, status: &StatusAt) -> Result<Vec<Event>, Error> {
    if status.events.is_empty() {
        return Ok(Vec::new());
    }
    let list = store.events(&EventFilter {
        since: status.since,
        crossing: Some(crossing.to_string()),
        ..EventFilter::default()
    })?;
    Ok(list
        .into_iter()
        .filter(|e| {
            e.asserted
                && matches!(e.target, Target::Border(_))
                && e.placed.is_some_and(|p| p <= status.date)
                && !status.events.contains(&e.id)
        })
        .collect())
}

/// "open only to humanitarian aid": the scope the evidence gives, in words fitting `status`. The
/// best-supported evidence that names a scope other than all traffic decides.
pub fn for_whom(status: Status, evidence: &[Evidence]) -> Option<String> {
    let scope = evidence
        .iter()
        .filter_map(|e| e.scope)
        .find(|s| *s != Scope::All)?;
    let who = match scope {
        Scope::All => return None,
        Scope::Trucks => "trucks",
        Scope::Passengers => "passengers",
        Scope::Humanitarian => "humanitarian aid",
        Scope::Trade => "trade",
    };
    Some(match status {
        Status::Restricted => format!("open only to {who}"),
        Status::Open => format!("open to {who}"),
        Status::Closed => format!("closed to {who}"),
        Status::Unknown => return None,
    })
}

/// One crossing in a list: its status on the day, without evidence.
#[derive(Clone, Debug, Serialize)]
pub struct StatusRow {
    pub id: String,
    pub name: String,
    pub countries: [String; 2],
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// False when no report says anything about the crossing (its status is then `unknown`).
    pub reported: bool,
    pub status: StatusAt,
    /// When the status was last confirmed, its age on the day asked, and whether it is stale.
    #[serde(flatten)]
    pub freshness: Freshness,
}

/// The status of each crossing in `list` on `date`, with its freshness against `horizons` (one read
/// of every crossing's interval on that day, then of the events behind the listed ones, for the day
/// each was last confirmed).
pub fn statuses(
    store: &dyn Store,
    list: &[&Crossing],
    date: Date,
    horizons: &Horizons,
) -> Result<Vec<StatusRow>, Error> {
    let holding = store.intervals_at(date)?;
    let ids: Vec<String> = list
        .iter()
        .filter_map(|c| holding.get(&c.id))
        .flat_map(|iv| iv.started_by.iter().chain(&iv.supported_by).cloned())
        .collect();
    let events = store.events_by_id(&ids)?;
    let mut rows = Vec::with_capacity(list.len());
    for c in list {
        let (reported, status) = match holding.get(&c.id) {
            Some(iv) => (true, status_in(&c.id, iv, date, &[])),
            None => (false, status_at(&Fusion::new().timeline(&c.id), date, &[])),
        };
        let behind = events.iter().filter(|e| status.events.contains(&e.id));
        let freshness = freshness(
            status.status,
            last_confirmed(behind, date),
            date,
            horizons.for_crossing(&c.id, &c.countries),
        );
        rows.push(StatusRow {
            id: c.id.clone(),
            name: c.name.clone(),
            countries: c.countries.clone(),
            lat: c.lat,
            lon: c.lon,
            reported,
            status,
            freshness,
        });
    }
    Ok(rows)
}

/// The key of [`tally`] for known statuses no report has confirmed within their horizon.
pub const UNCONFIRMED: &str = "unconfirmed";

/// How many crossings have each status, for legends and summaries. A known status that is stale
/// counts as [`UNCONFIRMED`], not under its status: the legend must not count it as current.
pub fn tally(rows: &[StatusRow]) -> BTreeMap<String, usize> {
    let mut t: BTreeMap<String, usize> = [Status::Open, Status::Closed, Status::Restricted]
        .iter()
        .chain(std::iter::once(&Status::Unknown))
        .map(|s| (word(s), 0))
        .chain(std::iter::once((UNCONFIRMED.to_string(), 0)))
        .collect();
    for r in rows {
        let key = if r.freshness.stale && r.status.status != Status::Unknown {
            UNCONFIRMED.to_string()
        } else {
            word(&r.status.status)
        };
        *t.entry(key).or_default() += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(scope: Option<Scope>) -> Evidence {
        Evidence {
            event: String::new(),
            report: String::new(),
            claim: 0,
            outlet: None,
            url: None,
            title: None,
            published: None,
            sentence: String::new(),
            speaker: None,
            said_by: None,
            modality: Modality::Asserted,
            scope,
            marks: Vec::new(),
            language: None,
            dir: Dir::Auto,
        }
    }

    #[test]
    fn for_whom_follows_the_status() {
        let aid = [ev(None), ev(Some(Scope::Humanitarian))];
        assert_eq!(
            for_whom(Status::Restricted, &aid).as_deref(),
            Some("open only to humanitarian aid")
        );
        assert_eq!(
            for_whom(Status::Closed, &[ev(Some(Scope::Trucks))]).as_deref(),
            Some("closed to trucks")
        );
        assert_eq!(for_whom(Status::Open, &[ev(Some(Scope::All))]), None);
        assert_eq!(for_whom(Status::Unknown, &aid), None);
    }
}
