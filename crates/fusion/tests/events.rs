//! Event grouping: date windows and source counting on larger sets.

mod common;

use borderwatch_extract::{Change, Modality, Status};
use borderwatch_fusion::Target;
use common::*;
use jiff::civil::date;

const WIRE: &str = "Customs officers at the crossing stopped all outgoing freight on Monday after a \
    dispute over transit fees, leaving dozens of lorries parked along the highway, a spokesman for \
    the drivers' union said, adding that talks with the ministry were expected later in the week.";

#[test]
fn thirty_copies_of_a_wire_story_and_five_own_reports_are_six_sources() {
    let d = date(2022, 3, 7);
    let claim = || {
        vec![at(
            BASHMAGH,
            Change::Closed,
            Status::Closed,
            Modality::Asserted,
            Some(d),
        )]
    };
    let mut inputs: Vec<_> = (0..30)
        .map(|k| {
            report(
                &format!("copy{k:02}"),
                Some(d),
                &format!("site{k}"),
                &format!("Site {k} headline\n{WIRE}\nSite {k} footer"),
                claim(),
            )
        })
        .collect();
    let own = [
        "Our reporter at the gate saw guards lowering the barrier and turning back a fuel tanker.",
        "Exporters of dried fruit complained that their cargo would spoil if the halt lasted long.",
        "The provincial governor called the closure temporary and blamed the neighbouring side.",
        "Satellite images showed a queue of vehicles stretching several kilometres from the post.",
        "A trade association estimated the daily loss at several million dollars for local firms.",
    ];
    for (k, text) in own.iter().enumerate() {
        inputs.push(report(
            &format!("own{k}"),
            Some(d),
            "independent",
            text,
            claim(),
        ));
    }
    let f = fused(inputs);
    let events = f.events_of(&Target::Crossing(BASHMAGH.into()));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].claims.len(), 35);
    assert_eq!(events[0].independent_sources, 6);
    let biggest = events[0].sources.iter().map(|s| s.copies.len()).max();
    assert_eq!(biggest, Some(30), "every copy kept");
}

#[test]
fn daily_reports_of_a_long_closure_make_few_day_events_that_support_one_interval() {
    let inputs: Vec<_> = (1..=8)
        .map(|day| {
            let d = date(2022, 4, day);
            report(
                &format!("day{day}"),
                Some(d),
                "daily",
                &format!("Day {day}: the gate is still shut, drivers said."),
                vec![at(
                    PARVIZ,
                    Change::ExtendedClosure,
                    Status::Closed,
                    Modality::Asserted,
                    Some(d),
                )],
            )
        })
        .collect();
    let f = fused(inputs);
    let spans: Vec<_> = f
        .events_of(&Target::Crossing(PARVIZ.into()))
        .iter()
        .map(|e| e.span)
        .collect();
    assert_eq!(
        spans,
        [
            Some((date(2022, 4, 1), date(2022, 4, 4))),
            Some((date(2022, 4, 5), date(2022, 4, 8)))
        ]
    );
    let tl = f.timeline(PARVIZ);
    assert_eq!(tl.intervals.len(), 2);
    assert_eq!(tl.intervals[1].status, Status::Closed);
    assert_eq!(tl.intervals[1].supported_by.len(), 1);
}
