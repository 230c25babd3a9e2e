//! The data fusion takes and gives: inputs per report, targets, events, conflicts, timelines.

use std::fmt;

use borderwatch_extract::{Change, Claim, Precision, Report, Status};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::signature::Signature;

/// One report as fusion sees it: where it came from, its near-duplicate signature and its claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FusionInput {
    /// Report id (hash of the normalized text): the same id is the same report.
    pub report: String,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub signature: Signature,
    pub claims: Vec<Claim>,
}

impl FusionInput {
    /// The input for an extracted report: its metadata, the signature of its text and its claims.
    pub fn from_report(report: &Report, claims: Vec<Claim>) -> FusionInput {
        FusionInput {
            report: report.id.clone(),
            published: report.published,
            url: report.url.clone(),
            outlet: report.outlet.clone(),
            signature: Signature::of(&report.text),
            claims,
        }
    }
}

/// What a claim or an event is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A gazetteer crossing, by id.
    Crossing(String),
    /// A whole border: the sorted, upper-case country codes (one code: all of that country's borders).
    Border(Vec<String>),
    /// A mention the gazetteer could not resolve (folded to lower case). Kept in events; never on a
    /// timeline, since it names no known crossing.
    Unresolved(String),
}

impl Target {
    /// The target of a claim: its crossing id, else its border, else its unresolved mention.
    pub fn of(claim: &Claim) -> Target {
        if let Some(c) = &claim.crossing {
            return match &c.id {
                Some(id) => Target::Crossing(id.clone()),
                None => Target::Unresolved(c.name.to_lowercase()),
            };
        }
        if let Some(border) = &claim.border {
            let mut codes: Vec<String> = border
                .iter()
                .map(|c| c.trim().to_uppercase())
                .filter(|c| !c.is_empty())
                .collect();
            codes.sort();
            codes.dedup();
            if !codes.is_empty() {
                return Target::Border(codes);
            }
        }
        Target::Unresolved(claim.mention.to_lowercase())
    }

    /// True when an event about this target applies to a crossing with the given countries.
    pub(crate) fn covers(&self, crossing: &str, countries: &[String]) -> bool {
        match self {
            Target::Crossing(id) => id == crossing,
            Target::Border(codes) => codes.iter().all(|c| countries.contains(c)),
            Target::Unresolved(_) => false,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Crossing(id) => write!(f, "crossing:{id}"),
            Target::Border(codes) => write!(f, "border:{}", codes.join("-")),
            Target::Unresolved(name) => write!(f, "unresolved:{name}"),
        }
    }
}

/// A claim by position: the report and the index of the claim in its list.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ClaimRef {
    pub report: String,
    pub index: usize,
}

/// One report carrying a source's story.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Copy {
    pub report: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
}

/// An independent source: a cluster of near-identical reports, every copy kept.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    /// Sorted by report id; never empty.
    pub copies: Vec<Copy>,
}

/// The best-supported effective date of an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub date: Option<Date>,
    pub precision: Option<Precision>,
}

/// Why two events disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A closure was claimed and denied for overlapping times.
    ClosureDenied,
    /// Different statuses were asserted for overlapping times.
    StatusDisagrees,
}

/// A disagreement between events, recorded and shown, never resolved silently.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The ids of the two events, sorted.
    pub events: [String; 2],
}

impl Conflict {
    pub(crate) fn new(kind: ConflictKind, a: &str, b: &str) -> Conflict {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        Conflict {
            kind,
            events: [a.to_string(), b.to_string()],
        }
    }
}

/// Claims of one change at one target with compatible dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id built from target, change, status, kind and first date: the same claims give the same id.
    pub id: String,
    pub target: Target,
    pub change: Change,
    /// The status the claims say holds after the change.
    pub status: Status,
    /// True when the claims assert the change (modality `asserted`); planned, conditional, uncertain and
    /// denied claims form events that are listed but do not move a timeline.
    pub asserted: bool,
    /// Best-supported effective date (most independent sources, then finest precision, then earliest).
    pub effective: EventDate,
    /// Where the event sits on a timeline: the effective date, else the earliest publication date of
    /// its placeable claims; `None` when no claim can be dated.
    pub placed: Option<Date>,
    /// First and last date its claims speak of (effective or placeable publication date).
    pub span: Option<(Date, Date)>,
    /// Every claim, sorted.
    pub claims: Vec<ClaimRef>,
    /// Clusters of near-duplicate reports, sorted.
    pub sources: Vec<Source>,
    /// `sources.len()`: copies of one wire story count once.
    pub independent_sources: usize,
    /// Conflicts with other events of the same target, sorted.
    pub conflicts: Vec<Conflict>,
}

/// One stretch of a crossing's timeline, `[from, to)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// `None`: since before anything is known.
    pub from: Option<Date>,
    /// `None`: still holds.
    pub to: Option<Date>,
    pub status: Status,
    /// Events placed at `from` (all of them, including any that disagreed).
    pub started_by: Vec<String>,
    /// Later events inside the interval that assert the same status.
    pub supported_by: Vec<String>,
    /// Events placed at `to`.
    pub ended_by: Vec<String>,
    /// Most independent sources of one event behind this status.
    pub independent_sources: usize,
    /// 0..1: rises with independent sources, falls with conflicts and with border-wide-only evidence.
    pub confidence: f32,
    /// True when any conflict touches the interval's events.
    pub contested: bool,
    pub conflicts: Vec<Conflict>,
}

/// The status history of one crossing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub crossing: String,
    /// Consecutive, in date order; the first starts at `None` (unknown before the first event).
    pub intervals: Vec<Interval>,
    /// Planned, conditional, uncertain or denied events that apply here: listed, not on the timeline.
    pub pending: Vec<String>,
    /// Asserted events that apply here but have no date to place them at.
    pub unplaced: Vec<String>,
}

/// The answer to "what is the status of this crossing on this day, since when, on whose word".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusAt {
    pub crossing: String,
    pub date: Date,
    pub status: Status,
    /// Start of the interval; `None` for unknown since forever.
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Events behind the status (those that started or support the interval).
    pub events: Vec<String>,
    /// Their sources, each copy with its URL.
    pub sources: Vec<Source>,
    pub independent_sources: usize,
    pub confidence: f32,
    pub contested: bool,
    pub conflicts: Vec<Conflict>,
}
