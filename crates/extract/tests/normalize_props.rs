//! Property tests: normalize and segment never panic, and every span they return is sound.

use borderwatch_extract::normalize::normalize;
use borderwatch_extract::segment::segment;
use borderwatch_extract::{NormalizeOptions, Span};
use proptest::prelude::*;

/// Spans lie inside the text, on char boundaries, in order, without overlap, trimmed, and together
/// hold every non-space character of the text.
fn check_segments(text: &str) -> Result<(), TestCaseError> {
    let segs = segment(text);
    let mut last_end = 0usize;
    let mut covered = 0usize;
    for s in &segs {
        let Span { start, end } = s.span;
        prop_assert!(
            start < end && end <= text.len(),
            "span {start}..{end} outside {}",
            text.len()
        );
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        prop_assert!(start >= last_end, "overlap or disorder at {start}");
        let piece = s.span.of(text);
        prop_assert_eq!(piece, piece.trim());
        covered += piece.chars().filter(|c| !c.is_whitespace()).count();
        last_end = end;
    }
    prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    Ok(())
}

/// Strings made of the characters segmentation and cleanup care about.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Gen.", "U.S.", " ", "  ", "\n", "\n\n", ".", "...", "?", "!", "\"", "”", "’", ")", "A",
        "b", "1.5", "۔", "؟", "مرز", "\u{200b}", "\u{202e}", "e\u{301}", "\t", "\r\n", "<p>",
        "</p>", "<script>", "&amp;", "&#0;", "BEIRUT", ":", " (AFP) -", ", Oct 25", "—", "\u{a0}",
        "\u{2028}", "é",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn normalize_then_segment_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(n) = normalize(&bytes, &NormalizeOptions::default()) {
            prop_assert!(!n.text.is_empty());
            if let Some(d) = &n.dateline {
                prop_assert!(n.text.get(d.span.start..d.span.end) == Some(d.place.as_str()));
            }
            check_segments(&n.text)?;
        }
    }

    #[test]
    fn segment_spans_are_sound_on_any_string(text in any::<String>()) {
        check_segments(&text)?;
    }

    #[test]
    fn tricky_texts_normalize_and_segment_soundly(text in tricky_text()) {
        check_segments(&text)?;
        if let Ok(n) = normalize(text.as_bytes(), &NormalizeOptions::default()) {
            // Normalized text is trimmed, has no CR, no tabs, no double blank lines.
            prop_assert_eq!(n.text.trim(), n.text.as_str());
            prop_assert!(!n.text.contains('\r') && !n.text.contains('\t') && !n.text.contains("\n\n\n"));
            prop_assert!(!n.text.contains("  "));
            if let Some(d) = &n.dateline {
                prop_assert!(n.text.get(d.span.start..d.span.end) == Some(d.place.as_str()));
            }
            check_segments(&n.text)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Cleanup is idempotent on plain text: normalized text normalizes to itself.
    #[test]
    fn normalizing_plain_text_twice_changes_nothing(text in tricky_text()) {
        let plain = text.replace('<', "");
        if let Ok(once) = normalize(plain.as_bytes(), &NormalizeOptions::default()) {
            let twice = normalize(once.text.as_bytes(), &NormalizeOptions::default());
            prop_assert_eq!(twice.ok().map(|n| n.text), Some(once.text));
        }
    }
}
