//! Bounded property tests of the whole pipeline: arbitrary input never panics, and every claim's
//! evidence spans index the normalized text on char boundaries, inside the claim's sentence.

use borderwatch_extract::{NormalizeOptions, ReportMeta, extract, read_report};
use borderwatch_gazetteer::Gazetteer;
use proptest::prelude::*;

/// Pieces that steer random text toward the interesting paths: names, triggers, dates, quotes.
const PIECES: &[&str] = &[
    "Iran",
    "Iraq",
    "Bashmagh",
    "باشماق",
    "Rafah",
    "Torkham",
    "the crossing",
    "its borders with Syria",
    " reopened ",
    " closed ",
    " will reopen ",
    " denied closing ",
    " remains open",
    " was not clear when ",
    " would reopen",
    "on Wednesday",
    "since October 15",
    "last week",
    "2017-10-25",
    "\u{201c}",
    "\u{201d}",
    ", ",
    ". ",
    "\n\n",
    "BEIRUT: ",
    " said, according to IRNA",
    " it ",
    "(",
    ")",
    "…",
    "-",
    "'s",
    ", which ",
    " at ",
    "May",
    " allowed through ",
    " allowing ",
    " ended the closure of ",
    "border restrictions",
    "Western Australia",
    " with ",
    "Laos and Cambodia",
    " all border checkpoints",
    " but was shut again",
    " before being closed",
    ", when it was closed",
    " postponed the reopening of ",
    " has yet to reopen",
];

fn check(bytes: &[u8]) {
    let meta = ReportMeta {
        published: "2017-10-25".parse().ok(),
        ..ReportMeta::default()
    };
    let Ok(report) = read_report(bytes, meta, &NormalizeOptions::default()) else {
        return;
    };
    for claim in extract(&report, Gazetteer::builtin()) {
        let e = &claim.evidence;
        let sentence = e.sentence;
        assert!(report.text.get(sentence.start..sentence.end).is_some());
        // The trigger and the mention are the sentence's own; a date or a speaker may come from
        // another sentence of the report that told the same claim (see `Evidence`).
        for span in [Some(e.trigger), e.mention].into_iter().flatten() {
            assert!(
                sentence.start <= span.start && span.end <= sentence.end,
                "span {span:?} outside its sentence"
            );
        }
        for span in [Some(e.trigger), e.mention, e.date, e.speaker]
            .into_iter()
            .flatten()
        {
            assert!(
                report.text.get(span.start..span.end).is_some(),
                "span {span:?} off the text"
            );
        }
        assert!(
            claim.crossing.is_some() != claim.border.is_some(),
            "a claim is about a crossing or a border"
        );
        assert!((0.0..=1.0).contains(&claim.confidence));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn sentences_of_known_pieces_keep_their_spans(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        check(text.as_bytes());
    }
}
