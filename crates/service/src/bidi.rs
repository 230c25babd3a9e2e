//! Writing direction of report text shown inside an English line or page: which languages are
//! written right to left, and how to set a run of report text apart so that the Unicode
//! bidirectional algorithm lays it out by its own direction without reordering what surrounds it
//! (a Persian quote in an English sentence keeps the sentence's numbers, punctuation and words in
//! place).
//!
//! Plain text (the terminal, the sentences of [`crate::plain`]) uses the Unicode isolates: RLI
//! (U+2067) for a language known to be right to left, FSI (U+2068, "first strong": the text's first
//! letter decides) when the language is unknown, each closed by PDI (U+2069). Pages use the same
//! decision as `dir="rtl"` / `dir="auto"` and `<bdi>`. An isolate also confines any direction
//! override a report's text carries (U+202E and friends) to that text: PDI closes them.

use std::borrow::Cow;

use serde::Serialize;

/// Right-to-left isolate: the run is right to left whatever its first letter.
pub const RLI: char = '\u{2067}';
/// First-strong isolate: the run's first letter (Latin, Arabic, Hebrew …) sets its direction.
pub const FSI: char = '\u{2068}';
/// Pop directional isolate: closes [`RLI`] or [`FSI`].
pub const PDI: char = '\u{2069}';

/// ISO 639 codes of the languages written right to left by default (Persian, Arabic, Central
/// Kurdish, Urdu, Hebrew, Pashto, and a few more borderwatch may meet: Dari, Yiddish, Sindhi,
/// Uyghur, Dhivehi, Balochi, Southern Kurdish). Kurmanji ("kmr", "ku") is written in Latin script
/// in Turkey and Syria, so it is not listed.
const RTL_LANGUAGES: &[&str] = &[
    "fa", "fas", "per", "prs", "ar", "ara", "ckb", "sdh", "ur", "urd", "he", "heb", "iw", "ps",
    "pus", "yi", "sd", "ug", "dv", "bal",
];

/// Writing direction, as HTML's `dir` attribute names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Ltr,
    Rtl,
    /// Unknown language: the text's first strong letter decides.
    Auto,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
            Dir::Auto => "auto",
        }
    }
}

/// A language tag fit to be shown in a `lang` attribute: BCP 47's letters, digits and hyphens, a
/// primary subtag of 2–8 letters, at most 35 characters. Anything else (a stored value nobody
/// checked) counts as no language rather than being written into a page.
pub fn valid_language(tag: &str) -> Option<&str> {
    let tag = tag.trim();
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    let ok = tag.len() <= 35
        && (2..=8).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(tag)
}

/// Whether a language (ISO 639 code, optionally with a region or script subtag: "fa", "fa-IR",
/// "ar_IQ") is written right to left. A script subtag decides when given ("ku-Arab" is, "az-Latn"
/// is not).
pub fn is_rtl_language(tag: &str) -> bool {
    let Some(tag) = valid_language(tag) else {
        return false;
    };
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    for sub in parts {
        if sub.len() == 4 {
            let script = sub.to_ascii_lowercase();
            return matches!(
                script.as_str(),
                "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg"
            );
        }
    }
    RTL_LANGUAGES.contains(&primary.as_str())
}

/// The direction of text in `language`: right to left for the languages that are, left to right
/// for any other known language, `auto` when the language is unknown.
pub fn dir_of(language: Option<&str>) -> Dir {
    match language.and_then(valid_language) {
        Some(l) if is_rtl_language(l) => Dir::Rtl,
        Some(_) => Dir::Ltr,
        None => Dir::Auto,
    }
}

/// Whether `c` is a letter of a right-to-left script (bidi class R or AL).
fn is_rtl_char(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    matches!(unicode_bidi::bidi_class(c), R | AL)
}

/// Whether the text holds any right-to-left letter.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_rtl_char)
}

/// Whether `c` is one of the explicit directional formatting characters (embeddings, overrides,
/// isolates and their closers), which a report's text may carry and which must not pair with the
/// isolates added here.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Report text (a quote, a speaker's name, an outlet, a title) set apart for a left-to-right line
/// of plain text: an RLI…PDI isolate when its language is right to left, an FSI…PDI one when the
/// language is unknown or left to right but the text holds right-to-left letters, and the text
/// unchanged otherwise (so English output stays byte for byte what it was). Directional controls
/// inside are dropped: they are invisible, and a stray one could pair with the isolate's PDI.
pub fn isolate<'a>(text: &'a str, language: Option<&str>) -> Cow<'a, str> {
    let open = match dir_of(language) {
        Dir::Rtl => RLI,
        _ if has_rtl(text) => FSI,
        _ => return Cow::Borrowed(text),
    };
    let mut out = String::with_capacity(text.len() + 6);
    out.push(open);
    out.extend(text.chars().filter(|c| !is_bidi_control(*c)));
    out.push(PDI);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_language() {
        for rtl in [
            "fa", "ar", "ckb", "ur", "he", "ps", "FA", "fa-IR", "ar_IQ", "ku-Arab",
        ] {
            assert_eq!(dir_of(Some(rtl)), Dir::Rtl, "{rtl}");
        }
        for ltr in ["en", "tr", "ru", "kmr", "ku", "az-Latn", "fa-Latn", "uk"] {
            assert_eq!(dir_of(Some(ltr)), Dir::Ltr, "{ltr}");
        }
        assert_eq!(dir_of(None), Dir::Auto);
        // A value no language tag looks like is no language, never written into a page.
        for bad in [
            "",
            "f",
            "fa\" onmouseover=\"x",
            "<b>",
            "ar ab",
            &"a".repeat(40),
        ] {
            assert_eq!(dir_of(Some(bad)), Dir::Auto, "{bad:?}");
            assert_eq!(valid_language(bad), None, "{bad:?}");
        }
        assert_eq!(Dir::Rtl.as_str(), "rtl");
        assert_eq!(serde_json::to_value(Dir::Auto).ok(), Some("auto".into()));
    }

    #[test]
    fn isolates_set_right_to_left_text_apart() {
        // Sentences written for this test.
        let fa = "گذرگاه باشماق روز دوشنبه بسته شد.";
        assert_eq!(isolate(fa, Some("fa")), format!("\u{2067}{fa}\u{2069}"));
        // Unknown language: the first strong letter decides (FSI), so Persian is still set apart.
        assert_eq!(isolate(fa, None), format!("\u{2068}{fa}\u{2069}"));
        // A Persian quote that starts with a Latin acronym is still right to left when its
        // language is known: RLI, not FSI.
        let acronym = "IRNA: گذرگاه باز شد";
        assert!(isolate(acronym, Some("fa")).starts_with(RLI));
        // English stays as it was, byte for byte; English that names a place in Persian is
        // set apart by its first letter (left to right).
        let en = "The Bashmagh crossing closed on Monday.";
        assert!(matches!(isolate(en, Some("en")), Cow::Borrowed(s) if s == en));
        assert!(matches!(isolate(en, None), Cow::Borrowed(s) if s == en));
        assert_eq!(
            isolate("Traffic at باشماق resumed", Some("en")),
            "\u{2068}Traffic at باشماق resumed\u{2069}"
        );
        // An override smuggled into a report cannot reach past the isolate, nor pair with it.
        assert_eq!(
            isolate("\u{202E}بسته\u{2069}", Some("fa")),
            "\u{2067}بسته\u{2069}"
        );
    }
}
