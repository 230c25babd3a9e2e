//! The vocabulary of DESIGN.md as types: reports, claims, evidence.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into the normalized report text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    /// The spanned text. Spans are always made on char boundaries of the text they index.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The state of a crossing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Closed,
    Restricted,
    Unknown,
}

/// What a claim says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Opened,
    Reopened,
    Closed,
    Restricted,
    ExtendedClosure,
    DeniedClosure,
    PlannedOpening,
    PlannedClosure,
    NoChange,
}

/// How the report holds the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Denied,
    Planned,
    Uncertain,
    Conditional,
}

/// Who may cross, when the report says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    All,
    Trucks,
    Passengers,
    Humanitarian,
    Trade,
}

/// How exact an effective date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// A report as extraction sees it: normalized text plus what is known about where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Hex hash of the normalized text: the same text is the same report wherever it came from.
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// The place of the dateline ("BEIRUT:"), if the text opens with one. A place, never a crossing.
    pub dateline: Option<Dateline>,
    /// The report's language (ISO 639 code: "en", "fa", "ckb", …), detected or given; it chooses the
    /// reading rules. `None` when unknown (read as English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Normalized UTF-8 text; every span indexes it.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    pub place: String,
    pub span: Span,
}

/// The crossing a claim is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrossingRef {
    /// Gazetteer id; `None` for a crossing the gazetteer does not know (kept, not dropped).
    pub id: Option<String>,
    pub name: String,
    /// ISO codes of both sides where known (may be empty for an unresolved mention).
    pub countries: Vec<String>,
}

/// When the change takes (took) effect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Effective {
    /// The words of the report ("Wednesday", "since October 15"); `None` when the text gives no time.
    pub text: Option<String>,
    /// Resolved date; `None` when it cannot be resolved without inventing (no publication date, vague text).
    pub date: Option<Date>,
    pub precision: Option<Precision>,
}

/// On whose word.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// Outlets or agencies the statement passed through, nearest the speaker first ("IRIB").
    pub via: Vec<String>,
}

/// Why the claim was made: byte spans into the report text. `trigger` and `mention` lie in `sentence`;
/// `date` and `speaker` may lie in another sentence of the same report, when the report tells the same
/// claim twice and only the other telling dates it or names who said it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: Span,
    pub trigger: Span,
    pub mention: Option<Span>,
    pub date: Option<Span>,
    pub speaker: Option<Span>,
    /// The language of the evidence (the report's), so that pages set its direction and `lang`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One statement of a report about the status of a crossing or a whole border.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The crossing; `None` for a border-wide claim.
    pub crossing: Option<CrossingRef>,
    /// For a border-wide claim: the two countries, or one for all of a country's borders.
    pub border: Option<Vec<String>>,
    /// The words that named the crossing or border.
    pub mention: String,
    pub change: Change,
    pub status: Status,
    pub modality: Modality,
    pub effective: Effective,
    pub scope: Option<Scope>,
    pub attribution: Attribution,
    pub cause: Option<String>,
    pub evidence: Evidence,
    /// 0..1: how sure extraction is that the report makes this claim.
    pub confidence: f32,
}
