//! Events → one crossing's timeline: intervals `[from, to)` with a status, the events that bound them,
//! a confidence and the conflicts that touch them.
//!
//! Rules, in order of precedence:
//! - Only asserted events with a date move the timeline; planned, conditional, uncertain and denied
//!   events are listed as `pending`, undated asserted ones as `unplaced`.
//! - Events take effect in date order. On one date, crossing-level events override border-wide ones;
//!   a later border-wide event applies again (a new border closure closes the crossing too).
//! - Safety: when statuses disagree on one date the most restrictive wins (closed, then restricted,
//!   then open); an open interval whose events conflict with an asserted closure or restriction at
//!   overlapping times becomes `unknown`. Calling a closed crossing open is the worst error.
//! - Before the first event the status is `unknown`.

use std::collections::{BTreeMap, BTreeSet};

use borderwatch_extract::Status;
use jiff::civil::Date;

use crate::events::conflict_between;
use crate::model::{Conflict, ConflictKind, Event, Interval, StatusAt, Target, Timeline};

/// Safety order: higher wins when statuses disagree on one date.
fn restrictiveness(s: Status) -> u8 {
    match s {
        Status::Closed => 3,
        Status::Restricted => 2,
        Status::Open => 1,
        Status::Unknown => 0,
    }
}

fn unknown_since_forever() -> Interval {
    Interval {
        from: None,
        to: None,
        status: Status::Unknown,
        started_by: Vec::new(),
        supported_by: Vec::new(),
        ended_by: Vec::new(),
        independent_sources: 0,
        confidence: 0.0,
        contested: false,
        conflicts: Vec::new(),
    }
}

/// The timeline of a crossing with nothing known about it.
pub(crate) fn empty(crossing: &str) -> Timeline {
    Timeline {
        crossing: crossing.to_string(),
        intervals: vec![unknown_since_forever()],
        pending: Vec::new(),
        unplaced: Vec::new(),
    }
}

/// The timeline of `crossing` from the events that apply to it (any order); `None` when none do.
pub(crate) fn build<'e>(
    crossing: &str,
    applicable: impl IntoIterator<Item = &'e Event>,
) -> Option<Timeline> {
    let by_id: BTreeMap<&str, &Event> =
        applicable.into_iter().map(|e| (e.id.as_str(), e)).collect();
    if by_id.is_empty() {
        return None;
    }
    let mut pending = Vec::new();
    let mut unplaced = Vec::new();
    let mut by_date: BTreeMap<Date, Vec<&Event>> = BTreeMap::new();
    for e in by_id.values() {
        match (e.asserted, e.placed) {
            (false, _) => pending.push(e.id.clone()),
            (true, None) => unplaced.push(e.id.clone()),
            (true, Some(d)) => by_date.entry(d).or_default().push(e),
        }
    }

    // Conflicts: those recorded within each target, plus those across targets (border vs crossing).
    let mut conflicts: BTreeSet<Conflict> = by_id
        .values()
        .flat_map(|e| e.conflicts.iter().cloned())
        .collect();
    let all: Vec<&Event> = by_id.values().copied().collect();
    for (k, a) in all.iter().enumerate() {
        for b in &all[k + 1..] {
            if a.target == b.target {
                continue;
            }
            // A crossing-level status against a border-wide one is an override, not a disagreement.
            let crossing_level = |e: &Event| matches!(e.target, Target::Crossing(_));
            match conflict_between(a, b) {
                Some(ConflictKind::StatusDisagrees) if crossing_level(a) != crossing_level(b) => {}
                Some(kind) => {
                    conflicts.insert(Conflict::new(kind, &a.id, &b.id));
                }
                None => {}
            }
        }
    }

    let mut intervals = vec![unknown_since_forever()];
    for (date, evs) in by_date {
        let crossing_level: Vec<&Event> = evs
            .iter()
            .copied()
            .filter(|e| matches!(e.target, Target::Crossing(_)))
            .collect();
        let chosen = if crossing_level.is_empty() {
            evs
        } else {
            crossing_level
        };
        let Some(resolved) = chosen
            .iter()
            .map(|e| e.status)
            .filter(|s| *s != Status::Unknown)
            .max_by_key(|s| restrictiveness(*s))
        else {
            continue;
        };
        for (k, a) in chosen.iter().enumerate() {
            for b in &chosen[k + 1..] {
                if a.status != b.status
                    && a.status != Status::Unknown
                    && b.status != Status::Unknown
                {
                    conflicts.insert(Conflict::new(ConflictKind::StatusDisagrees, &a.id, &b.id));
                }
            }
        }
        let ids: Vec<String> = chosen.iter().map(|e| e.id.clone()).collect();
        let Some(current) = intervals.last_mut() else {
            continue;
        };
        if current.status == resolved {
            current.supported_by.extend(ids);
        } else {
            current.to = Some(date);
            current.ended_by.clone_from(&ids);
            let mut next = unknown_since_forever();
            next.from = Some(date);
            next.status = resolved;
            next.started_by = ids;
            intervals.push(next);
        }
    }

    for iv in &mut intervals {
        finish(iv, &by_id, &conflicts);
    }
    Some(Timeline {
        crossing: crossing.to_string(),
        intervals,
        pending,
        unplaced,
    })
}

/// Fills sources, conflicts, confidence, and applies the open-but-contested safety rule.
fn finish(iv: &mut Interval, by_id: &BTreeMap<&str, &Event>, conflicts: &BTreeSet<Conflict>) {
    let ids: BTreeSet<&str> = iv
        .started_by
        .iter()
        .chain(&iv.supported_by)
        .map(String::as_str)
        .collect();
    let behind: Vec<&Event> = ids
        .iter()
        .filter_map(|id| by_id.get(id).copied())
        .filter(|e| e.status == iv.status)
        .collect();
    iv.independent_sources = behind
        .iter()
        .map(|e| e.independent_sources)
        .max()
        .unwrap_or(0);
    iv.conflicts = conflicts
        .iter()
        .filter(|c| c.events.iter().any(|id| ids.contains(id.as_str())))
        .cloned()
        .collect();
    iv.contested = !iv.conflicts.is_empty();
    if iv.independent_sources > 0 {
        let n = i32::try_from(iv.independent_sources).unwrap_or(i32::MAX);
        let mut c = 1.0 - 0.5f32.powi(n);
        if iv.contested {
            c *= 0.5;
        }
        // Evidence about the whole border says less about one crossing than a report naming it.
        if behind
            .iter()
            .all(|e| !matches!(e.target, Target::Crossing(_)))
        {
            c *= 0.8;
        }
        iv.confidence = c;
    }
    if iv.status == Status::Open
        && iv
            .conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::StatusDisagrees)
    {
        iv.status = Status::Unknown;
    }
}

/// The interval of `timeline` holding `date`, with the events and sources behind it.
pub(crate) fn status_at(
    timeline: &Timeline,
    date: Date,
    events: &BTreeMap<&str, &Event>,
) -> StatusAt {
    let holds =
        |iv: &&Interval| iv.from.is_none_or(|f| f <= date) && iv.to.is_none_or(|t| date < t);
    let fallback = unknown_since_forever();
    let iv = timeline.intervals.iter().find(holds).unwrap_or(&fallback);
    status_in(&timeline.crossing, iv, date, |id| events.get(id).copied())
}

/// The status that interval `iv` of `crossing`'s timeline gives on `date`, with the sources of the
/// events behind it. `event` finds an event by id; one it cannot find only loses its sources (the store
/// calls this with the events it read for the interval).
pub fn status_in<'e>(
    crossing: &str,
    iv: &Interval,
    date: Date,
    event: impl Fn(&str) -> Option<&'e Event>,
) -> StatusAt {
    let ids: Vec<String> = iv
        .started_by
        .iter()
        .chain(&iv.supported_by)
        .cloned()
        .collect();
    let mut sources: Vec<_> = ids
        .iter()
        .filter_map(|id| event(id))
        .flat_map(|e| e.sources.iter().cloned())
        .collect();
    sources.sort();
    sources.dedup();
    StatusAt {
        crossing: crossing.to_string(),
        date,
        status: iv.status,
        since: iv.from,
        until: iv.to,
        events: ids,
        sources,
        independent_sources: iv.independent_sources,
        confidence: iv.confidence,
        contested: iv.contested,
        conflicts: iv.conflicts.clone(),
    }
}
