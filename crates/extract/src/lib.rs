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
mod contradiction;
pub mod detect;
pub mod doc;
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
    if mostly_ascii_letters(text) {
        return None;
    }
    borderwatch_reader::detect_language(text)
}

/// Whether fewer than one letter in a hundred of the text's first 4 KiB is beyond ASCII: a name with
/// an accent, or curly quotes and dashes (not letters), do not reach it; any text in Arabic or Cyrillic
/// script, Turkish or Kurmanji does. This runs on every report, so it reads bytes: a pure-ASCII head
/// is settled by one vectorised check, and only the non-ASCII characters are decoded.
fn mostly_ascii_letters(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text.as_bytes()[..end];
    if head.is_ascii() {
        return true;
    }
    let ascii_letters = head.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let mut other_letters = 0;
    let mut rest = &text[..end];
    while let Some(k) = rest.bytes().position(|b| !b.is_ascii()) {
        let mut chars = rest[k..].chars();
        other_letters += usize::from(chars.next().is_some_and(char::is_alphabetic));
        rest = chars.as_str();
    }
    other_letters * 100 < ascii_letters + other_letters
}

/// The id of a report: the first 16 bytes of the SHA-256 of its normalized text, in hex. The same text
/// is the same report wherever it was found.
pub fn report_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::mostly_ascii_letters;

    #[test]
    fn english_with_typography_and_names_is_mostly_ascii() {
        assert!(mostly_ascii_letters("Plain text, nothing else."));
        // Curly quotes and dashes are not letters; one accented name in a long sentence is under 1%.
        assert!(mostly_ascii_letters(
            "“The bridge to Ciudad Juárez reopened on Monday,” officials said — and trucks moved again \
             through the gate after a week in which the queue grew to several kilometres long."
        ));
        assert!(mostly_ascii_letters(""));
    }

    #[test]
    fn other_scripts_and_turkish_are_not() {
        assert!(!mostly_ascii_letters("مرز باشماق بازگشایی شد"));
        assert!(!mostly_ascii_letters("Пункт пропуска Верхний Ларс закрыт"));
        assert!(!mostly_ascii_letters(
            "Kapıköy sınır kapısı yeniden açıldı ve tırlar geçiş yaptı"
        ));
    }

    #[test]
    fn a_multibyte_letter_across_the_4_kib_mark_is_handled() {
        // 4095 ASCII bytes, then a two-byte letter straddling byte 4096: the head ends before it.
        let text = format!("{}ş{}", "a".repeat(4095), "ş".repeat(50));
        assert!(mostly_ascii_letters(&text));
        let text = format!("{}{}", "ş".repeat(2100), "a");
        assert!(!mostly_ascii_letters(&text));
    }
}
