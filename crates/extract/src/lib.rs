//! Reads one report and extracts what it claims about border crossings, with evidence.
//!
//! The pipeline, one module per stage, each a pure function of its input and the gazetteer:
//!
//! ```text
//! bytes ─► normalize ─► segment ─► link ─► detect ─► attach ─► Vec<Claim>
//! ```
//!
//! Invariant: no I/O, no async, no clock. The publication date comes in with the report; nothing is
//! resolved against "today". Every claim carries byte spans into [`Report::text`].

pub mod attach;
pub mod claim;
pub mod detect;
pub mod link;
pub mod normalize;
pub mod segment;
pub mod timex;

pub use claim::*;
pub use normalize::{NormalizeError, NormalizeOptions};
