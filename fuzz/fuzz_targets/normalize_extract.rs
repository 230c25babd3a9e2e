//! Arbitrary bytes through the first stages of extraction: nothing may panic, and every span
//! must index the normalized text on char boundaries.
#![no_main]

use borderwatch_extract::{NormalizeOptions, ReportMeta, extract, read_report};
use borderwatch_gazetteer::Gazetteer;
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
    // The whole pipeline: every claim's spans index the text on char boundaries.
    let meta = ReportMeta {
        published: "2017-10-25".parse().ok(),
        ..ReportMeta::default()
    };
    if let Ok(report) = read_report(data, meta, &opts) {
        for claim in extract(&report, Gazetteer::builtin()) {
            let e = &claim.evidence;
            for span in [Some(e.sentence), Some(e.trigger), e.mention, e.date, e.speaker]
                .into_iter()
                .flatten()
            {
                assert!(report.text.get(span.start..span.end).is_some(), "claim span off the text");
            }
        }
    }
});
