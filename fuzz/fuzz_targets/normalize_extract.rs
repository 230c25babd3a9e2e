//! Arbitrary bytes through the first stages of extraction: nothing may panic, and every span
//! must index the normalized text on char boundaries.
#![no_main]

use borderwatch_extract::NormalizeOptions;
use borderwatch_extract::normalize::normalize;
use borderwatch_extract::segment::segment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small limit keeps each run fast; the limit check itself is exercised by inputs above it.
    let opts = NormalizeOptions {
        max_bytes: 256 * 1024,
    };
    let Ok(normalized) = normalize(data, &opts) else {
        return;
    };
    let text = &normalized.text;
    if let Some(dateline) = &normalized.dateline {
        assert_eq!(
            text.get(dateline.span.start..dateline.span.end),
            Some(dateline.place.as_str())
        );
    }
    let mut last_end = 0;
    for sentence in segment(text) {
        let (start, end) = (sentence.span.start, sentence.span.end);
        assert!(
            last_end <= start && start < end,
            "sentence spans out of order or empty"
        );
        assert!(
            text.get(start..end).is_some(),
            "sentence span not on char boundaries"
        );
        last_end = end;
    }
    // The extract call (report → claims) is added here once the pipeline is wired.
});
