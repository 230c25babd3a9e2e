//! Arbitrary names, texts and spans never make folding or scoring panic, and the counts stay whole.

use borderwatch_eval::fold::fold_name;
use borderwatch_eval::{GoldEvent, GoldRecord, ScoredItem, render_errors, render_table, score};
use borderwatch_extract::{
    Attribution, Change, Claim, CrossingRef, Effective, Evidence, Modality, Span, Status,
};
use proptest::prelude::*;

fn claim(name: String, mention: String, border: bool, start: usize, end: usize) -> Claim {
    Claim {
        crossing: (!border).then(|| CrossingRef {
            id: None,
            name,
            countries: vec![],
        }),
        border: border.then(|| vec!["IQ".to_string()]),
        mention,
        change: Change::Closed,
        status: Status::Open,
        modality: Modality::Asserted,
        effective: Effective::default(),
        scope: None,
        attribution: Attribution::default(),
        cause: None,
        evidence: Evidence {
            sentence: Span::new(start, end),
            ..Evidence::default()
        },
        confidence: 0.5,
    }
}

proptest! {
    #[test]
    fn fold_never_panics(s in "\\PC{0,40}") {
        let f = fold_name(&s);
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' '));
    }

    #[test]
    fn score_never_panics(
        text in "\\PC{0,80}",
        gold_name in proptest::option::of("\\PC{0,20}"),
        mention in "\\PC{0,20}",
        claim_name in "\\PC{0,20}",
        border in any::<bool>(),
        start in 0usize..200,
        len in 0usize..200,
    ) {
        let ev = GoldEvent {
            crossing: gold_name,
            mention: Some(mention.clone()),
            country_a: Some("IQ".into()),
            country_b: None,
            status: Status::Closed,
            change: Change::Closed,
            effective_date: Some(text.chars().take(10).collect()),
            scope: None,
            attributed_to: None,
            cause: None,
            background: false,
            group: false,
        };
        let item = ScoredItem {
            gold: GoldRecord { id: "p".into(), events: vec![ev] },
            text,
            result: Ok(vec![claim(claim_name, mention, border, start, start + len)]),
        };
        let s = score(&[item]);
        // One gold event is either found or missed; one distinct claim either matches or is a false alarm.
        prop_assert_eq!(s.change.tp + s.change.fn_, 1);
        prop_assert_eq!(s.change.tp + s.change.fp, 1);
        let _ = render_table(&s);
        let _ = render_errors(&s);
    }
}
