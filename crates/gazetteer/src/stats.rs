//! The coverage report: crossings per country pair, aliases per script.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub crossings: usize,
    pub aliases: usize,
    /// "IQ-IR" (codes sorted) → number of crossings.
    pub per_pair: BTreeMap<String, usize>,
    /// Unicode script name ("Latin", "Arabic", "Cyrillic", "Han", "Hebrew", …) → number of aliases.
    pub per_script: BTreeMap<String, usize>,
    /// ISO code → number of crossings touching it.
    pub per_country: BTreeMap<String, usize>,
}

/// The Unicode script of `c`, from a small range table covering the scripts border names are written
/// in; `"Other"` for the rest. Good enough for a coverage report and for telling which scripts write
/// words without spaces; not a full Script property.
pub fn script_of(c: char) -> &'static str {
    let u = c as u32;
    SCRIPTS
        .iter()
        .find(|(lo, hi, _)| (*lo..=*hi).contains(&u))
        .map_or("Other", |(_, _, name)| name)
}

/// Scripts written without spaces between words, where a name can stand inside a longer letter run.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(
        script_of(c),
        "Han" | "Hiragana" | "Katakana" | "Thai" | "Lao" | "Khmer" | "Myanmar"
    )
}

/// Script of the first letter of `s` (`"None"` when it has no letter or digit).
pub fn script_of_text(s: &str) -> &'static str {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .map_or("None", script_of)
}

static SCRIPTS: &[(u32, u32, &str)] = &[
    (0x0030, 0x0039, "Common"),
    (0x0041, 0x005A, "Latin"),
    (0x0061, 0x007A, "Latin"),
    (0x00AA, 0x00AA, "Latin"),
    (0x00BA, 0x00BA, "Latin"),
    (0x00C0, 0x024F, "Latin"),
    (0x0250, 0x02AF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x1C90, 0x1CBF, "Georgian"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x2C00, 0x2C5F, "Glagolitic"),
    (0x2D00, 0x2D2F, "Georgian"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3130, 0x318F, "Hangul"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF21, 0xFF3A, "Latin"),
    (0xFF41, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9F, "Katakana"),
    (0x20000, 0x3134F, "Han"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_sample_names() {
        assert_eq!(script_of_text("Bashmagh"), "Latin");
        assert_eq!(script_of_text("باشماق"), "Arabic");
        assert_eq!(script_of_text("Верхний Ларс"), "Cyrillic");
        assert_eq!(script_of_text("霍尔果斯"), "Han");
        assert_eq!(script_of_text("ארז"), "Hebrew");
        assert_eq!(script_of_text("ზემო ლარსი"), "Georgian");
        assert_eq!(script_of_text("Բագրատաշեն"), "Armenian");
        assert_eq!(script_of_text("ด่านอรัญประเทศ"), "Thai");
        assert_eq!(script_of_text("अटारी"), "Devanagari");
        assert_eq!(script_of_text("বেনাপোল"), "Bengali");
        assert_eq!(script_of_text("판문점"), "Hangul");
        assert_eq!(script_of_text("Κήποι"), "Greek");
        assert_eq!(script_of_text("(Çağ)"), "Latin");
        assert_eq!(script_of_text("--"), "None");
        assert!(is_unspaced_script('口'));
        assert!(!is_unspaced_script('a'));
    }
}
