//! Any input order gives the same events and timelines; adding reports one by one equals fusing all.

mod common;

use borderwatch_fusion::{Event, Fusion, FusionInput, Timeline};
use common::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn snapshot(f: &Fusion) -> (Vec<Event>, BTreeMap<String, Timeline>) {
    (f.events().cloned().collect(), f.timelines().clone())
}

fn incremental(inputs: Vec<FusionInput>) -> Fusion {
    let mut f = Fusion::with_crossings(crossings());
    for input in inputs {
        f.add(input);
    }
    f
}

#[test]
fn reversed_order_gives_the_same_result() {
    let mut reversed = story();
    reversed.reverse();
    assert_eq!(snapshot(&fused(story())), snapshot(&fused(reversed)));
}

#[test]
fn incremental_equals_batch_in_story_order() {
    let batch = fused(story());
    let inc = incremental(story());
    assert_eq!(snapshot(&inc), snapshot(&batch));
    assert!(!batch.timelines().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_order_gives_the_same_events_and_timelines(order in Just(story()).prop_shuffle()) {
        let expected = snapshot(&fused(story()));
        prop_assert_eq!(&snapshot(&fused(order.clone())), &expected);
        prop_assert_eq!(&snapshot(&incremental(order)), &expected);
    }

    /// Random claims on a few crossings and borders: order never matters, and incremental equals batch.
    #[test]
    fn random_claims_fuse_the_same_in_any_order(
        specs in prop::collection::vec(
            (0usize..4, 0usize..9, 0usize..4, 0usize..5, prop::option::of(0i8..20), prop::option::of(0i8..20), 0usize..3),
            1..14,
        ),
        seed in any::<u64>(),
    ) {
        let inputs = random_inputs(&specs);
        let expected = snapshot(&fused(inputs.clone()));
        let mut shuffled = inputs;
        shuffle(&mut shuffled, seed);
        prop_assert_eq!(&snapshot(&fused(shuffled.clone())), &expected);
        prop_assert_eq!(&snapshot(&incremental(shuffled)), &expected);
    }
}

type Spec = (usize, usize, usize, usize, Option<i8>, Option<i8>, usize);

fn random_inputs(specs: &[Spec]) -> Vec<FusionInput> {
    use borderwatch_extract::{Change::*, Modality::*, Status};
    let changes = [
        Opened,
        Reopened,
        Closed,
        Restricted,
        ExtendedClosure,
        DeniedClosure,
        PlannedOpening,
        PlannedClosure,
        NoChange,
    ];
    let statuses = [
        Status::Open,
        Status::Closed,
        Status::Restricted,
        Status::Unknown,
    ];
    let modalities = [Asserted, Denied, Planned, Uncertain, Conditional];
    // Three texts so that some reports are copies of each other.
    let texts = [
        "The crossing closed on orders of the governor and trucks were sent back to the city depot.",
        "Trade resumed through the gate as customs officers returned to work after the holiday.",
        "Officials said the border would stay shut until further notice because of the unrest.",
    ];
    let day = |d: i8| {
        jiff::civil::date(2021, 6, 1)
            .checked_add(jiff::Span::new().days(i64::from(d)))
            .ok()
    };
    specs
        .iter()
        .enumerate()
        .map(
            |(k, &(target, change, status, modality, eff, published, text))| {
                let (c, s, m) = (changes[change], statuses[status], modalities[modality]);
                let when = eff.and_then(day);
                let claim = match target {
                    0 => at(BASHMAGH, c, s, m, when),
                    1 => at(PARVIZ, c, s, m, when),
                    2 => border(&["IR", "IQ"], c, s, m, when),
                    _ => border(&["IQ"], c, s, m, when),
                };
                // Two claims per report on some reports, so background placement is exercised.
                let mut claims = vec![claim];
                if k % 3 == 0 {
                    claims.push(at(BASHMAGH, Closed, Status::Closed, Asserted, None));
                }
                report(
                    &format!("rep{k:02}"),
                    published.and_then(day),
                    "outlet",
                    texts[text],
                    claims,
                )
            },
        )
        .collect()
}

/// A small deterministic Fisher–Yates shuffle driven by `seed`.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = (seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}
