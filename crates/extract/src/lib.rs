//! Reads one report and extracts what it claims about border crossings, with evidence.
//!
//! The pipeline, one module per stage, each a pure function of its input and the gazetteer:
//!
//! ```text
//! bytes ─► normalize ─► segment ─► link ─► detect ─► attach ─► Vec<Claim>
//! ```
//!
//! [`read_report`] does the first step (bytes to a [`Report`]); [`extract`] the rest.
//!
//! Invariant: no I/O, no async, no clock. The publication date comes in with the report; nothing is
//! resolved against "today". Every claim carries byte spans into [`Report::text`].

pub mod attach;
pub mod calendar;
pub mod claim;
pub mod detect;
pub mod lexical;
pub mod lexicon;
pub mod link;
pub mod normalize;
mod pipeline;
pub mod safety;
pub mod segment;
pub mod timex;
pub mod words;

pub use claim::*;
pub use lexicon::{languages_read, reads_language};
pub use normalize::{NormalizeError, NormalizeOptions, Normalized};
pub use pipeline::extract;

use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// What is known about a report besides its bytes.
#[derive(Clone, Debug, Default)]
pub struct ReportMeta {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// The report's language when the caller knows it (`--lang`, the page's `<html lang>`); else it is
    /// detected from the text.
    pub language: Option<String>,
}

/// Normalizes `bytes` and wraps them as a [`Report`] whose id is the hash of the normalized text.
pub fn read_report(
    bytes: &[u8],
    meta: ReportMeta,
    opts: &NormalizeOptions,
) -> Result<Report, NormalizeError> {
    let n = normalize::normalize(bytes, opts)?;
    Ok(Report {
        id: report_id(&n.text),
        url: meta.url,
        outlet: meta.outlet,
        title: meta.title.or(n.title),
        published: meta.published,
        dateline: n.dateline,
        language: meta.language.or_else(|| detect_language(&n.text)),
        text: n.text,
    })
}

/// The report's language, detected — unless its letters are (nearly) all ASCII, which no language
/// borderwatch reads but English is written in. The detector costs far more than extraction on a
/// report without a crossing, and English text is most of the stream; a plain-ASCII text is left
/// `None` (not detected), which is read as English.
fn detect_language(text: &str) -> Option<String> {
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    let (mut letters, mut other) = (0usize, 0usize);
    for c in head.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        other += usize::from(!c.is_ascii());
    }
    // One letter in a hundred beyond ASCII: a name with an accent does not reach it; any text in
    // Arabic or Cyrillic script, Turkish or Kurmanji does.
    if other * 100 < letters {
        return None;
    }
    borderwatch_reader::detect_language(text)
}

/// The id of a report: the first 16 bytes of the SHA-256 of its normalized text, in hex. The same text
/// is the same report wherever it was found.
pub fn report_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
