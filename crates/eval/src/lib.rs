//! Scoring extraction against gold annotations, exactly as `shared/eval/SCHEMA.md` says.
//!
//! This crate owns the evaluation format and its rules, nothing else:
//! - [`records`]: the texts and gold JSON Lines files (parsed from strings; the caller reads files) and
//!   joining them by id;
//! - [`fold`]: SCHEMA's own name folding and the equal-or-contains rule (deliberately not the
//!   gazetteer's folding: a figure must mean what SCHEMA says, whatever the gazetteer does);
//! - [`score`]: one-to-one matching of claims to gold events and the scores;
//! - [`split`]: the dev and held halves of a corpus, by a hash of the report id;
//! - [`parts`]: the scores broken down by part of a run (the file a report came from);
//! - [`render`]: the human tables and the error listing.
//!
//! Pure: no I/O, no clock. Extraction is not called here; callers hand in its results.

pub mod fold;
pub mod parts;
pub mod records;
pub mod render;
pub mod score;
pub mod split;

pub use parts::{PartScores, score_parts};
pub use records::{
    EvalError, GoldEvent, GoldRecord, Joined, TextRecord, join, parse_gold, parse_texts,
};
pub use render::{render_errors, render_parts, render_table};
pub use score::{
    Counts, DateAccuracy, ErrorEntry, ErrorKind, Excluded, Prf, ScoredItem, Scores, score,
    score_refs,
};
pub use split::Half;
