//! Fuses claims from many reports into events and per-crossing status timelines.
//!
//! This crate owns the judgement of borderwatch: which claims describe the same change, how many
//! independent sources stand behind it, where sources disagree, and what the status of a crossing was
//! on a given day. It is pure: no I/O, no async, no clock; the store feeds it and serves its output.
//!
//! ```text
//! FusionInput (report + claims) ─► events per target ─► timeline per crossing ─► status_at
//! ```
//!
//! - [`signature`]: MinHash near-duplicate test; copies of one wire story count as one source.
//! - [`events`]: claims of the same change at the same target with compatible dates form an [`Event`];
//!   conflicts (closure vs denial, open vs closed) are recorded on both events.
//! - [`timeline`]: events → intervals `[from, to)` per crossing (see that module for the rules).
//!
//! Targets are a crossing id, a border (sorted country codes) or an unresolved mention. Border-wide
//! events are expanded to the crossings on that border only when a timeline is built, so the crossing
//! list (the gazetteer's, given to [`Fusion::with_crossings`], plus crossings named by claims) can grow
//! without refusing anything.
//!
//! Dates: a claim without an effective date is placed at its report's publication date, unless the
//! same report dates a different status for the same target (then it is background, kept but not
//! placed). A claim with neither date is kept in an undated event and cannot place a timeline change.
//!
//! Determinism: all state lives in sorted maps, events are rebuilt per target from the set of its
//! claims, and every tie is broken by a stable key, so any input order gives the same result.
//! [`Fusion::add`] rebuilds only the targets and crossings a report touches, and equals
//! [`Fusion::fuse_all`] on the same reports.

pub mod events;
pub mod model;
pub mod signature;
pub mod timeline;

use std::collections::{BTreeMap, BTreeSet};

use borderwatch_extract::Status;
use jiff::civil::Date;

pub use model::*;
pub use signature::{SAME_SOURCE, Signature, similarity};

/// A report held by fusion, with what placing its claims needs.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub input: FusionInput,
    /// Per target, the statuses this report's asserted, dated claims give it.
    pub dated: BTreeMap<Target, BTreeSet<Status>>,
}

impl Stored {
    fn new(input: FusionInput) -> Stored {
        let mut dated: BTreeMap<Target, BTreeSet<Status>> = BTreeMap::new();
        for c in &input.claims {
            if c.effective.date.is_some() && events::asserts(c) {
                dated.entry(Target::of(c)).or_default().insert(c.status);
            }
        }
        Stored { input, dated }
    }

    fn is_background(&self, target: &Target, claim: &borderwatch_extract::Claim) -> bool {
        claim.effective.date.is_none()
            && self
                .dated
                .get(target)
                .is_some_and(|s| s.iter().any(|st| *st != claim.status))
    }
}

/// What one [`Fusion::add`] changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// Targets whose events were rebuilt.
    pub targets: Vec<Target>,
    /// Crossings whose timelines were rebuilt.
    pub crossings: Vec<String>,
}

/// The fused state of every report added so far.
#[derive(Clone, Debug, Default)]
pub struct Fusion {
    reports: BTreeMap<String, Stored>,
    by_target: BTreeMap<Target, BTreeSet<ClaimRef>>,
    events: BTreeMap<Target, Vec<Event>>,
    /// Countries of crossings given by the caller (the gazetteer): authoritative.
    known: BTreeMap<String, Vec<String>>,
    /// Countries of crossings as claims name them, for crossings the caller did not give.
    claimed: BTreeMap<String, BTreeSet<String>>,
    timelines: BTreeMap<String, Timeline>,
}

impl Fusion {
    pub fn new() -> Fusion {
        Fusion::default()
    }

    /// A fusion that knows these crossings (id, country codes), so border-wide claims reach them even
    /// when no report names them.
    pub fn with_crossings<I, S>(crossings: I) -> Fusion
    where
        I: IntoIterator<Item = (S, Vec<String>)>,
        S: Into<String>,
    {
        let mut f = Fusion::default();
        for (id, countries) in crossings {
            let mut cs: Vec<String> = countries.iter().map(|c| c.trim().to_uppercase()).collect();
            cs.sort();
            cs.dedup();
            f.known.insert(id.into(), cs);
        }
        f
    }

    /// Fuses all `inputs` at once into a fusion that knows `base`'s crossings. A report id seen twice
    /// keeps the later input, as repeated [`Fusion::add`] would.
    pub fn fuse_all(base: Fusion, inputs: impl IntoIterator<Item = FusionInput>) -> Fusion {
        let mut f = Fusion {
            known: base.known,
            ..Fusion::default()
        };
        for input in inputs {
            f.forget(&input.report);
            f.remember(input);
        }
        let targets: Vec<Target> = f.by_target.keys().cloned().collect();
        for t in &targets {
            f.rebuild_target(t);
        }
        for c in f.crossing_ids() {
            f.rebuild_timeline(&c);
        }
        f
    }

    /// Adds one report and rebuilds only the targets and crossings it touches. Adding a report that is
    /// already held unchanged does nothing; a changed report with a known id replaces the old one.
    pub fn add(&mut self, input: FusionInput) -> Touched {
        if self
            .reports
            .get(&input.report)
            .is_some_and(|s| s.input == input)
        {
            return Touched::default();
        }
        let mut targets: BTreeSet<Target> = self.forget(&input.report);
        targets.extend(self.remember(input));
        for t in &targets {
            self.rebuild_target(t);
        }
        let mut crossings: BTreeSet<String> = BTreeSet::new();
        for t in &targets {
            match t {
                Target::Crossing(id) => {
                    crossings.insert(id.clone());
                }
                Target::Border(_) => {
                    crossings.extend(
                        self.crossing_ids()
                            .into_iter()
                            .filter(|c| t.covers(c, &self.countries_of(c))),
                    );
                }
                Target::Unresolved(_) => {}
            }
        }
        for c in &crossings {
            self.rebuild_timeline(c);
        }
        Touched {
            targets: targets.into_iter().collect(),
            crossings: crossings.into_iter().collect(),
        }
    }

    /// Number of reports held.
    pub fn report_count(&self) -> usize {
        self.reports.len()
    }

    /// Every event, by target then date.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.values().flatten()
    }

    /// The events about one target (not expanded: a crossing's list omits border-wide events).
    pub fn events_of(&self, target: &Target) -> &[Event] {
        self.events.get(target).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The events that apply to a crossing: its own and those of the borders it lies on.
    pub fn events_for_crossing(&self, crossing: &str) -> Vec<&Event> {
        let countries = self.countries_of(crossing);
        let own = self
            .events
            .get(&Target::Crossing(crossing.to_string()))
            .into_iter()
            .flatten();
        // Targets sort crossings < borders < unresolved, so this range is exactly the borders.
        let borders = self
            .events
            .range(Target::Border(Vec::new())..Target::Unresolved(String::new()))
            .filter(|(t, _)| t.covers(crossing, &countries))
            .flat_map(|(_, evs)| evs);
        own.chain(borders).collect()
    }

    /// One event by id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events().find(|e| e.id == id)
    }

    /// Timelines of every crossing that has at least one applicable event.
    pub fn timelines(&self) -> &BTreeMap<String, Timeline> {
        &self.timelines
    }

    /// The timeline of a crossing; a single `unknown` interval when nothing applies to it.
    pub fn timeline(&self, crossing: &str) -> Timeline {
        self.timelines
            .get(crossing)
            .cloned()
            .unwrap_or_else(|| timeline::empty(crossing))
    }

    /// Status of a crossing on a day: since when, until when, the events and sources behind it.
    pub fn status_at(&self, crossing: &str, date: Date) -> StatusAt {
        let Some(tl) = self.timelines.get(crossing) else {
            return timeline::status_at(&timeline::empty(crossing), date, &BTreeMap::new());
        };
        let events = self.events_for_crossing(crossing);
        let by_id: BTreeMap<&str, &Event> =
            events.into_iter().map(|e| (e.id.as_str(), e)).collect();
        timeline::status_at(tl, date, &by_id)
    }

    /// Country codes of a crossing: the caller's, else those its claims name (sorted).
    pub fn countries_of(&self, crossing: &str) -> Vec<String> {
        match self.known.get(crossing) {
            Some(cs) => cs.clone(),
            None => self
                .claimed
                .get(crossing)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default(),
        }
    }

    /// Removes a report's claims; returns the targets they were about.
    fn forget(&mut self, report: &str) -> BTreeSet<Target> {
        let mut targets = BTreeSet::new();
        let Some(old) = self.reports.remove(report) else {
            return targets;
        };
        for (index, claim) in old.input.claims.iter().enumerate() {
            let t = Target::of(claim);
            if let Some(set) = self.by_target.get_mut(&t) {
                set.remove(&ClaimRef {
                    report: report.to_string(),
                    index,
                });
                if set.is_empty() {
                    self.by_target.remove(&t);
                }
            }
            targets.insert(t);
        }
        targets
    }

    /// Stores a report's claims under their targets; returns those targets.
    fn remember(&mut self, input: FusionInput) -> BTreeSet<Target> {
        let mut targets = BTreeSet::new();
        for (index, claim) in input.claims.iter().enumerate() {
            let t = Target::of(claim);
            if let (Target::Crossing(id), Some(c)) = (&t, &claim.crossing) {
                let set = self.claimed.entry(id.clone()).or_default();
                set.extend(
                    c.countries
                        .iter()
                        .map(|s| s.trim().to_uppercase())
                        .filter(|s| !s.is_empty()),
                );
            }
            self.by_target
                .entry(t.clone())
                .or_default()
                .insert(ClaimRef {
                    report: input.report.clone(),
                    index,
                });
            targets.insert(t);
        }
        self.reports
            .insert(input.report.clone(), Stored::new(input));
        targets
    }

    fn rebuild_target(&mut self, target: &Target) {
        let Some(refs) = self.by_target.get(target) else {
            self.events.remove(target);
            return;
        };
        let items: Vec<events::Item<'_>> = refs
            .iter()
            .filter_map(|r| {
                let report = self.reports.get(&r.report)?;
                let claim = report.input.claims.get(r.index)?;
                let background = report.is_background(target, claim);
                Some(events::Item {
                    key: r.clone(),
                    claim,
                    report,
                    background,
                })
            })
            .collect();
        let built = events::build(target, items);
        if built.is_empty() {
            self.events.remove(target);
        } else {
            self.events.insert(target.clone(), built);
        }
    }

    fn rebuild_timeline(&mut self, crossing: &str) {
        let built = timeline::build(crossing, self.events_for_crossing(crossing));
        match built {
            Some(tl) => {
                self.timelines.insert(crossing.to_string(), tl);
            }
            None => {
                self.timelines.remove(crossing);
            }
        }
    }

    /// Every crossing fusion knows of: given by the caller, named by a claim, or a claim's target.
    fn crossing_ids(&self) -> Vec<String> {
        let mut ids: BTreeSet<String> = self.known.keys().cloned().collect();
        ids.extend(self.claimed.keys().cloned());
        ids.extend(self.by_target.keys().filter_map(|t| match t {
            Target::Crossing(id) => Some(id.clone()),
            _ => None,
        }));
        ids.into_iter().collect()
    }
}
