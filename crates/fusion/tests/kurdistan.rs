//! The October 2017 Iran–Kurdistan Region story, fused from hand-built claims.

mod common;

use borderwatch_extract::{Change, Modality, Status};
use borderwatch_fusion::{ConflictKind, Fusion, Target};
use common::*;
use jiff::civil::date;

#[test]
fn bashmagh_is_open_since_wednesday_on_two_independent_sources() {
    let f = fused(story());
    let s = f.status_at(BASHMAGH, date(2017, 10, 26));
    assert_eq!(s.status, Status::Open);
    assert_eq!(s.since, Some(date(2017, 10, 25)));
    assert_eq!(s.until, None);
    assert_eq!(s.independent_sources, 2, "the two wire copies count once");
    let copies: Vec<&str> = s
        .sources
        .iter()
        .flat_map(|src| src.copies.iter().map(|c| c.report.as_str()))
        .collect();
    assert_eq!(copies, ["r4-wire-a", "r5-wire-b", "r6-independent"]);
    // Every copy's URL is kept.
    assert!(
        s.sources
            .iter()
            .flat_map(|src| &src.copies)
            .all(|c| c.url.is_some())
    );
    assert!(
        !s.contested,
        "the undated background closure must not contest the reopening: {:?}",
        s.conflicts
    );
    assert!(s.confidence > 0.5, "confidence {}", s.confidence);
}

#[test]
fn bashmagh_timeline_goes_unknown_closed_open_with_the_denial_shown() {
    let f = fused(story());
    let tl = f.timeline(BASHMAGH);
    let shape: Vec<_> = tl
        .intervals
        .iter()
        .map(|i| (i.from, i.to, i.status))
        .collect();
    assert_eq!(
        shape,
        [
            (None, Some(date(2017, 10, 15)), Status::Unknown),
            (
                Some(date(2017, 10, 15)),
                Some(date(2017, 10, 25)),
                Status::Closed
            ),
            (Some(date(2017, 10, 25)), None, Status::Open),
        ]
    );
    let closed = &tl.intervals[1];
    assert!(closed.contested);
    assert!(closed.conflicts.iter().any(|c| {
        c.kind == ConflictKind::ClosureDenied
            && c.events
                .iter()
                .any(|e| e.starts_with("border:IQ-IR/denied_closure"))
    }));
    assert_eq!(closed.independent_sources, 2);
    assert!(
        closed.confidence < tl.intervals[2].confidence,
        "a contested closure is less sure than the reopening"
    );
    // The closure bounds both intervals: it ends the unknown and starts the closed one.
    assert_eq!(tl.intervals[0].ended_by, closed.started_by);
    assert_eq!(closed.ended_by, tl.intervals[2].started_by);
    // The wire story's "closed after the referendum" has no date of its own: kept, not placed.
    assert_eq!(tl.unplaced.len(), 1);
    let background = f.event(&tl.unplaced[0]).map(|e| (e.change, e.claims.len()));
    assert_eq!(background, Some((Change::Closed, 2)));
    // The denial does not assert a status; it is listed with the crossing.
    assert!(
        tl.pending
            .iter()
            .any(|id| id.starts_with("border:IQ-IR/denied_closure"))
    );

    let before = f.status_at(BASHMAGH, date(2017, 10, 1));
    assert_eq!((before.status, before.since), (Status::Unknown, None));
    let during = f.status_at(BASHMAGH, date(2017, 10, 20));
    assert_eq!(
        (during.status, during.since, during.until),
        (
            Status::Closed,
            Some(date(2017, 10, 15)),
            Some(date(2017, 10, 25))
        )
    );
    assert!(during.contested);
}

#[test]
fn parviz_khan_and_haji_omaran_stay_closed() {
    let f = fused(story());
    for id in [PARVIZ, HAJI] {
        let s = f.status_at(id, date(2017, 10, 26));
        assert_eq!(
            (s.status, s.since),
            (Status::Closed, Some(date(2017, 10, 15))),
            "{id}"
        );
        let tl = f.timeline(id);
        assert_eq!(
            tl.intervals.len(),
            2,
            "{id}: unknown then closed, {:?}",
            tl.intervals
        );
        // The uncertain "not known when they reopen" keeps supporting the closure.
        assert!(
            tl.intervals[1]
                .supported_by
                .iter()
                .any(|e| e.contains("/extended_closure/")),
            "{id}"
        );
    }
    // Parviz Khan's undated claim in the second closure report joined the closure by publication date.
    let closure = f
        .events_of(&Target::Crossing(PARVIZ.into()))
        .iter()
        .find(|e| e.change == Change::Closed);
    assert_eq!(
        closure.map(|e| (e.claims.len(), e.independent_sources, e.span)),
        Some((2, 2, Some((date(2017, 10, 15), date(2017, 10, 16)))))
    );
}

#[test]
fn the_closure_event_keeps_every_claim_and_its_best_date() {
    let f = fused(story());
    let events = f.events_of(&Target::Crossing(BASHMAGH.into()));
    let closure = events
        .iter()
        .find(|e| e.change == Change::Closed && e.placed.is_some());
    let Some(closure) = closure else {
        panic!("no placed closure in {events:?}")
    };
    // Two reports, two dates a day apart: one event; 15 October is the earlier of two equally supported.
    assert_eq!(closure.claims.len(), 2);
    assert_eq!(closure.effective.date, Some(date(2017, 10, 15)));
    let reopen = events.iter().find(|e| e.change == Change::Reopened);
    assert_eq!(
        reopen.map(|e| (e.claims.len(), e.independent_sources)),
        Some((3, 2))
    );
}

#[test]
fn border_wide_claims_reach_every_crossing_on_that_border_only() {
    let f = fused(story());
    let s = f.status_at(ALQAIM, date(2017, 10, 20));
    assert_eq!(
        (s.status, s.since),
        (Status::Closed, Some(date(2017, 10, 19)))
    );
    assert!(
        s.confidence < 0.5,
        "border-wide evidence alone is weaker: {}",
        s.confidence
    );
    assert_eq!(
        f.status_at(GURBULAK, date(2017, 10, 20)).status,
        Status::Open
    );
    // Mehran: no report says anything asserted about it; a plan is listed but does not move the timeline.
    let mehran = f.timeline(MEHRAN);
    assert_eq!(mehran.intervals.len(), 1);
    assert_eq!(mehran.intervals[0].status, Status::Unknown);
    assert!(
        mehran
            .pending
            .iter()
            .any(|e| e.contains("/planned_opening/"))
    );
    assert_eq!(
        f.status_at(MEHRAN, date(2017, 11, 5)).status,
        Status::Unknown
    );
    // A crossing nobody mentions and no border claim covers.
    assert_eq!(
        f.status_at("xx-yy-nowhere", date(2017, 10, 20)).status,
        Status::Unknown
    );
}

#[test]
fn a_crossing_level_event_overrides_a_border_wide_one_from_its_date_on() {
    let mut inputs = story();
    // On the day of the border-wide closure, a report on the crossing itself decides for it.
    inputs.push(report(
        "r10-alqaim-open",
        Some(date(2017, 10, 19)),
        "desertdispatch",
        "The Al Qaim crossing stayed open for returning families despite the border closure.",
        vec![at(
            ALQAIM,
            Change::NoChange,
            Status::Open,
            Modality::Asserted,
            Some(date(2017, 10, 19)),
        )],
    ));
    // A later border-wide closure applies to the crossing again.
    inputs.push(report(
        "r11-iq-sy-again",
        Some(date(2017, 10, 28)),
        "desertdispatch",
        "Iraq sealed the whole frontier with Syria again on Saturday as fighting spread.",
        vec![border(
            &["IQ", "SY"],
            Change::Closed,
            Status::Closed,
            Modality::Asserted,
            Some(date(2017, 10, 28)),
        )],
    ));
    let f = fused(inputs);
    let tl = f.timeline(ALQAIM);
    let shape: Vec<_> = tl.intervals.iter().map(|i| (i.from, i.status)).collect();
    assert_eq!(
        shape,
        [
            (None, Status::Unknown),
            (Some(date(2017, 10, 19)), Status::Open),
            (Some(date(2017, 10, 28)), Status::Closed)
        ]
    );
    assert_eq!(
        tl.intervals[1].started_by.len(),
        1,
        "the overridden border event is not behind the open status"
    );
    assert!(!tl.intervals[1].contested, "an override is not a conflict");
}

#[test]
fn open_and_closed_on_the_same_day_is_closed_and_flagged() {
    let inputs = vec![
        report(
            "a",
            Some(date(2020, 3, 2)),
            "one",
            "The gate was open this morning and cars crossed freely, witnesses said.",
            vec![at(
                BASHMAGH,
                Change::NoChange,
                Status::Open,
                Modality::Asserted,
                Some(date(2020, 3, 2)),
            )],
        ),
        report(
            "b",
            Some(date(2020, 3, 2)),
            "two",
            "Guards turned everyone back at the gate today on orders from the capital.",
            vec![at(
                BASHMAGH,
                Change::Closed,
                Status::Closed,
                Modality::Asserted,
                Some(date(2020, 3, 2)),
            )],
        ),
    ];
    let f = fused(inputs);
    let s = f.status_at(BASHMAGH, date(2020, 3, 3));
    assert_eq!(s.status, Status::Closed);
    assert!(s.contested);
    assert!(
        s.conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::StatusDisagrees)
    );
    // Both events record the conflict too.
    for e in f.events_of(&Target::Crossing(BASHMAGH.into())) {
        assert_eq!(e.conflicts.len(), 1, "{}", e.id);
    }
}

#[test]
fn an_open_whose_evidence_overlaps_a_closure_becomes_unknown() {
    // Reopening reported for the 10th and 12th; a closure asserted for the 11th: the open stretch is
    // contested by an asserted closure inside it, so it is not shown as open.
    let inputs = vec![
        report(
            "a",
            Some(date(2020, 5, 10)),
            "one",
            "Reopened today, the gate let trucks through.",
            vec![at(
                BASHMAGH,
                Change::Reopened,
                Status::Open,
                Modality::Asserted,
                Some(date(2020, 5, 10)),
            )],
        ),
        report(
            "b",
            Some(date(2020, 5, 12)),
            "two",
            "Since Tuesday the crossing has been working again.",
            vec![at(
                BASHMAGH,
                Change::Reopened,
                Status::Open,
                Modality::Asserted,
                Some(date(2020, 5, 12)),
            )],
        ),
        report(
            "c",
            Some(date(2020, 5, 11)),
            "three",
            "Soldiers shut the crossing on Monday.",
            vec![at(
                BASHMAGH,
                Change::Closed,
                Status::Closed,
                Modality::Asserted,
                Some(date(2020, 5, 11)),
            )],
        ),
    ];
    let f = fused(inputs);
    for day in 10..=14 {
        let s = f.status_at(BASHMAGH, date(2020, 5, day));
        assert_ne!(s.status, Status::Open, "day {day}: {s:?}");
    }
}

#[test]
fn a_denial_of_the_same_crossing_conflicts_at_event_level() {
    let inputs = vec![
        report(
            "a",
            Some(date(2017, 10, 15)),
            "one",
            "The crossing was closed on Sunday.",
            vec![at(
                BASHMAGH,
                Change::Closed,
                Status::Closed,
                Modality::Asserted,
                Some(date(2017, 10, 15)),
            )],
        ),
        report(
            "b",
            Some(date(2017, 10, 16)),
            "two",
            "The ministry denied the crossing was closed.",
            vec![at(
                BASHMAGH,
                Change::DeniedClosure,
                Status::Open,
                Modality::Denied,
                None,
            )],
        ),
    ];
    let f = fused(inputs);
    let events = f.events_of(&Target::Crossing(BASHMAGH.into()));
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| {
        e.conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::ClosureDenied)
    }));
    // Safety: the denial does not reopen anything.
    assert_eq!(
        f.status_at(BASHMAGH, date(2017, 10, 17)).status,
        Status::Closed
    );
}

#[test]
fn claims_without_any_date_are_kept_but_place_nothing() {
    let inputs = vec![report(
        "a",
        None,
        "one",
        "The crossing is closed, an official said.",
        vec![at(
            BASHMAGH,
            Change::Closed,
            Status::Closed,
            Modality::Asserted,
            None,
        )],
    )];
    let f = fused(inputs);
    let events = f.events_of(&Target::Crossing(BASHMAGH.into()));
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].placed, events[0].span), (None, None));
    let tl = f.timeline(BASHMAGH);
    assert_eq!(tl.unplaced, [events[0].id.clone()]);
    assert_eq!(tl.intervals.len(), 1);
    assert_eq!(tl.intervals[0].status, Status::Unknown);
}

#[test]
fn adding_a_report_again_changes_nothing() {
    let mut f = Fusion::with_crossings(crossings());
    for input in story() {
        assert!(!f.add(input).targets.is_empty());
    }
    let before: Vec<_> = f.events().cloned().collect();
    for input in story() {
        assert_eq!(f.add(input), Default::default());
    }
    assert_eq!(f.events().cloned().collect::<Vec<_>>(), before);
    assert_eq!(f.report_count(), 9);
}

#[test]
fn add_reports_only_what_it_touched() {
    let mut f = Fusion::with_crossings(crossings());
    let mut story = story();
    let gurbulak = story.remove(6);
    for input in story {
        f.add(input);
    }
    let touched = f.add(gurbulak);
    assert_eq!(touched.crossings, [GURBULAK]);
    assert_eq!(touched.targets, [Target::Crossing(GURBULAK.into())]);
    // A border-wide claim touches every known crossing on that border.
    let t = f.add(report(
        "z",
        Some(date(2017, 11, 2)),
        "x",
        "Iran closed all crossings with Iraq.",
        vec![border(
            &["IQ", "IR"],
            Change::Closed,
            Status::Closed,
            Modality::Asserted,
            Some(date(2017, 11, 2)),
        )],
    ));
    assert_eq!(t.crossings, [BASHMAGH, HAJI, MEHRAN, PARVIZ]);
}
