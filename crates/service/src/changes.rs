//! Status changes: the moments a crossing's status moved, one per timeline interval that starts on a
//! known date. Feeds list them and webhooks announce them.
//!
//! A change is identified by crossing, date and new status. When later reports move an interval's
//! start (an earlier report dates the closure a day sooner) the change gets a new id: a subscriber
//! hears about the corrected change rather than missing it.

use borderwatch_extract::Status;
use borderwatch_fusion::{Event, Timeline};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::Store;
use jiff::civil::Date;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Error;
use crate::status::{Evidence, evidence_of};

/// One status change of one crossing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusChange {
    /// Stable id: a hash of crossing, date and new status.
    pub id: String,
    pub crossing: String,
    pub name: String,
    pub countries: [String; 2],
    /// The day the new status started.
    pub date: Date,
    pub from: Status,
    pub to: Status,
    /// Until when the new status held; `None` while it still holds.
    pub until: Option<Date>,
    pub independent_sources: usize,
    pub confidence: f32,
    pub contested: bool,
    /// The events that started the new status.
    pub events: Vec<String>,
}

/// The id of a change: 16 hex digits of SHA-256 over crossing, date and status.
pub fn change_id(crossing: &str, date: Date, to: Status) -> String {
    let mut h = Sha256::new();
    h.update(crossing.as_bytes());
    h.update(b"\x1f");
    h.update(date.to_string().as_bytes());
    h.update(b"\x1f");
    h.update(crate::status::word(&to).as_bytes());
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The changes of one timeline, oldest first. The first interval starts from `unknown`.
pub fn changes_of(gaz: &Gazetteer, timeline: &Timeline) -> Vec<StatusChange> {
    let (name, countries) = match gaz.by_id(&timeline.crossing) {
        Some(c) => (c.name.clone(), c.countries.clone()),
        None => (timeline.crossing.clone(), [String::new(), String::new()]),
    };
    let mut out = Vec::new();
    let mut prev = Status::Unknown;
    for iv in &timeline.intervals {
        if let Some(date) = iv.from
            && iv.status != prev
        {
            out.push(StatusChange {
                id: change_id(&timeline.crossing, date, iv.status),
                crossing: timeline.crossing.clone(),
                name: name.clone(),
                countries: countries.clone(),
                date,
                from: prev,
                to: iv.status,
                until: iv.to,
                independent_sources: iv.independent_sources,
                confidence: iv.confidence,
                contested: iv.contested,
                events: iv.started_by.clone(),
            });
        }
        prev = iv.status;
    }
    out
}

/// Which changes to list. Empty: all.
#[derive(Clone, Debug, Default)]
pub struct ChangeFilter {
    pub crossing: Option<String>,
    /// Crossings with this country (upper-case alpha-2) on one side.
    pub country: Option<String>,
}

/// Every change matching `filter`, newest first (then by crossing id), from the stored timelines.
pub fn changes(
    store: &dyn Store,
    gaz: &Gazetteer,
    filter: &ChangeFilter,
) -> Result<Vec<StatusChange>, Error> {
    let timelines = match &filter.crossing {
        Some(id) => store.timeline(id)?.into_iter().collect(),
        None => store.timelines()?,
    };
    let mut out: Vec<StatusChange> = timelines
        .iter()
        .flat_map(|t| changes_of(gaz, t))
        .filter(|c| {
            filter
                .country
                .as_ref()
                .is_none_or(|cc| c.countries.contains(cc))
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(a.crossing.cmp(&b.crossing)));
    Ok(out)
}

/// A change with the evidence behind it: what a feed entry or a webhook carries.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeWithEvidence {
    #[serde(flatten)]
    pub change: StatusChange,
    pub on_the_word_of: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// Adds the quoted evidence of the events that started `change`.
pub fn with_evidence(store: &dyn Store, change: StatusChange) -> Result<ChangeWithEvidence, Error> {
    let events: Vec<Event> = store.events_by_id(&change.events)?;
    let refs: Vec<&Event> = events.iter().collect();
    let (evidence, on_the_word_of) = evidence_of(store, &refs)?;
    Ok(ChangeWithEvidence {
        change,
        on_the_word_of,
        evidence,
    })
}
