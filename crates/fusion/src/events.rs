//! Claims → events for one target, and the conflicts between those events.
//!
//! Claims are grouped by (change, status after, asserted or not). Within a group, claims with an
//! effective date are taken in date order, and each event holds the dates within [`TOLERANCE_DAYS`] of
//! its first date; the next date starts a new event. This depends only on the set of dates, never on
//! input order, and keeps an event a few days wide even when daily reports of a long closure follow
//! each other (they become successive events that support one interval of the timeline). A claim
//! without an effective date then joins the nearest such event whose date range, widened by the
//! tolerance, holds its report's publication date; the rest are grouped the same way by publication
//! date; claims with neither date form one undated event. Every claim is kept.
//!
//! Sources: the event's reports are grouped into clusters of near-duplicates (single linkage at
//! [`SAME_SOURCE`]). Candidate pairs come from banding the MinHash signatures (locality-sensitive
//! hashing), so a popular event costs about linear time instead of comparing every pair of reports.

use std::collections::{BTreeMap, HashMap};

use borderwatch_extract::{Change, Claim, Modality, Precision, Status};
use jiff::civil::Date;

use crate::Stored;
use crate::model::{ClaimRef, Conflict, ConflictKind, Copy, Event, EventDate, Source, Target};
use crate::signature::SAME_SOURCE;

/// Dates this close are one event: reports of one change often disagree by a day or two.
pub const TOLERANCE_DAYS: i64 = 3;
/// Signature rows per LSH band: 128 rows make 32 bands.
const BAND_ROWS: usize = 4;

/// One claim with what fusion needs to know about it.
pub(crate) struct Item<'a> {
    pub key: ClaimRef,
    pub claim: &'a Claim,
    pub report: &'a Stored,
    /// An undated claim whose report dates a different status for the same target: it describes the
    /// state before the report's news ("closed after the referendum" in a reopening story), so it is
    /// not placed at the publication date.
    pub background: bool,
}

impl Item<'_> {
    fn effective(&self) -> Option<Date> {
        self.claim.effective.date
    }
    fn published(&self) -> Option<Date> {
        self.report.input.published
    }
    /// The date this claim can put on a timeline.
    fn placement(&self) -> Option<Date> {
        self.effective().or(if self.background {
            None
        } else {
            self.published()
        })
    }
}

/// True when the claim asserts a status. An `uncertain` extended closure ("unclear when it will
/// reopen") still asserts that the crossing is closed: the doubt is about the reopening, and reading
/// it as closed errs on the safe side.
pub(crate) fn asserts(claim: &Claim) -> bool {
    claim.modality == Modality::Asserted
        || (claim.change == Change::ExtendedClosure && claim.modality == Modality::Uncertain)
}

/// Whole days between two dates, unsigned; huge when jiff cannot say (cannot happen for civil dates).
pub(crate) fn days_apart(a: Date, b: Date) -> i64 {
    a.until(b)
        .map(|s| i64::from(s.get_days()).abs())
        .unwrap_or(i64::MAX)
}

/// Days between two date ranges; 0 when they overlap.
fn gap(a: (Date, Date), b: (Date, Date)) -> i64 {
    if a.1 < b.0 {
        days_apart(a.1, b.0)
    } else if b.1 < a.0 {
        days_apart(b.1, a.0)
    } else {
        0
    }
}

/// The events of one target, sorted by first date then id, with their conflicts.
pub(crate) fn build(target: &Target, items: Vec<Item<'_>>) -> Vec<Event> {
    let mut groups: BTreeMap<(Change, Status, bool), Vec<Item<'_>>> = BTreeMap::new();
    for item in items {
        let key = (item.claim.change, item.claim.status, asserts(item.claim));
        groups.entry(key).or_default().push(item);
    }
    let mut events = Vec::new();
    for ((change, status, asserted), group) in groups {
        for (tag, first, members) in cluster(group) {
            let first = first.map(|d| d.to_string()).unwrap_or_default();
            let id = format!(
                "{target}/{}/{}/{}/{tag}{first}",
                change_name(change),
                status_name(status),
                if asserted { "asserted" } else { "reported" }
            );
            events.push(make_event(
                id,
                target.clone(),
                change,
                status,
                asserted,
                &members,
            ));
        }
    }
    add_conflicts(&mut events);
    events.sort_by(|a, b| (a.span.map(|s| s.0), &a.id).cmp(&(b.span.map(|s| s.0), &b.id)));
    events
}

type Cluster<'a> = (char, Option<Date>, Vec<Item<'a>>);

/// Splits one group into events: `e` clusters by effective date, `p` by publication date, `u` undated.
fn cluster(group: Vec<Item<'_>>) -> Vec<Cluster<'_>> {
    let (mut dated, rest): (Vec<_>, Vec<_>) =
        group.into_iter().partition(|i| i.effective().is_some());
    let (mut by_pub, undated): (Vec<_>, Vec<_>) =
        rest.into_iter().partition(|i| i.published().is_some());
    dated.sort_by(|a, b| (a.effective(), &a.key).cmp(&(b.effective(), &b.key)));
    by_pub.sort_by(|a, b| (a.published(), &a.key).cmp(&(b.published(), &b.key)));

    let mut out: Vec<(Date, Date, Cluster<'_>)> = Vec::new();
    for item in dated {
        let Some(d) = item.effective() else { continue };
        match out.last_mut() {
            Some((lo, hi, (_, _, members))) if days_apart(*lo, d) <= TOLERANCE_DAYS => {
                *hi = d;
                members.push(item);
            }
            _ => out.push((d, d, ('e', Some(d), vec![item]))),
        }
    }
    // Joining never widens a range, so which undated claim comes first cannot change the outcome.
    let mut leftovers = Vec::new();
    for item in by_pub {
        let Some(p) = item.published() else { continue };
        let best = out
            .iter()
            .enumerate()
            .map(|(k, (lo, hi, _))| (gap((*lo, *hi), (p, p)), k))
            .filter(|(g, _)| *g <= TOLERANCE_DAYS)
            .min();
        match best.and_then(|(_, k)| out.get_mut(k)) {
            Some((_, _, (_, _, members))) => members.push(item),
            None => leftovers.push(item),
        }
    }
    let mut by_pub_clusters: Vec<(Date, Date, Cluster<'_>)> = Vec::new();
    for item in leftovers {
        let Some(p) = item.published() else { continue };
        match by_pub_clusters.last_mut() {
            Some((lo, hi, (_, _, members))) if days_apart(*lo, p) <= TOLERANCE_DAYS => {
                *hi = p;
                members.push(item);
            }
            _ => by_pub_clusters.push((p, p, ('p', Some(p), vec![item]))),
        }
    }
    let mut clusters: Vec<Cluster<'_>> = out
        .into_iter()
        .chain(by_pub_clusters)
        .map(|(_, _, c)| c)
        .collect();
    if !undated.is_empty() {
        clusters.push(('u', None, undated));
    }
    clusters
}

fn make_event(
    id: String,
    target: Target,
    change: Change,
    status: Status,
    asserted: bool,
    members: &[Item<'_>],
) -> Event {
    let mut claims: Vec<ClaimRef> = members.iter().map(|i| i.key.clone()).collect();
    claims.sort();

    // Distinct reports, sorted by id, then grouped into near-duplicate clusters (union-find).
    let mut reports: BTreeMap<&str, &Stored> = BTreeMap::new();
    for m in members {
        reports.insert(m.key.report.as_str(), m.report);
    }
    let list: Vec<(&str, &Stored)> = reports.into_iter().collect();
    let mut parent = near_duplicate_clusters(&list);
    let mut cluster_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut grouped: BTreeMap<usize, Vec<Copy>> = BTreeMap::new();
    for (k, (rid, stored)) in list.iter().enumerate() {
        let r = root(&mut parent, k);
        cluster_of.insert(rid, r);
        grouped.entry(r).or_default().push(Copy {
            report: rid.to_string(),
            url: stored.input.url.clone(),
            outlet: stored.input.outlet.clone(),
            published: stored.input.published,
        });
    }
    let mut sources: Vec<Source> = grouped
        .into_values()
        .map(|copies| Source { copies })
        .collect();
    sources.sort();

    // Best date: the one most independent sources give, then the finest precision, then the earliest.
    let mut per_date: BTreeMap<Date, (Vec<usize>, Option<Precision>)> = BTreeMap::new();
    for m in members {
        if let Some(d) = m.effective() {
            let entry = per_date.entry(d).or_default();
            let c = cluster_of.get(m.key.report.as_str()).copied();
            if let Some(c) = c.filter(|c| !entry.0.contains(c)) {
                entry.0.push(c);
            }
            entry.1 = finer(entry.1, m.claim.effective.precision);
        }
    }
    let effective = per_date
        .iter()
        .min_by_key(|(d, (clusters, p))| {
            (std::cmp::Reverse(clusters.len()), precision_rank(*p), **d)
        })
        .map(|(d, (_, p))| EventDate {
            date: Some(*d),
            precision: *p,
        })
        .unwrap_or_default();

    let placements: Vec<Date> = members.iter().filter_map(Item::placement).collect();
    let span = placements
        .iter()
        .min()
        .zip(placements.iter().max())
        .map(|(a, b)| (*a, *b));
    let placed = effective.date.or(span.map(|s| s.0));
    Event {
        id,
        target,
        change,
        status,
        asserted,
        effective,
        placed,
        span,
        claims,
        independent_sources: sources.len(),
        sources,
        conflicts: Vec::new(),
    }
}

/// Union-find over `list` joining reports at least [`SAME_SOURCE`] similar. Candidates share one band
/// of [`BAND_ROWS`] signature rows; a pair at similarity 0.8 shares none with probability about 5e-8.
fn near_duplicate_clusters(list: &[(&str, &Stored)]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..list.len()).collect();
    let join = |parent: &mut [usize], a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb
            && list[a]
                .1
                .input
                .signature
                .similarity(&list[b].1.input.signature)
                >= SAME_SOURCE
        {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    // Most events have a handful of reports: comparing every pair is cheaper than banding.
    if list.len() <= 16 {
        for a in 0..list.len() {
            for b in a + 1..list.len() {
                join(&mut parent, a, b);
            }
        }
        return parent;
    }
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (k, (_, stored)) in list.iter().enumerate() {
        for (band, rows) in stored
            .input
            .signature
            .minima()
            .chunks(BAND_ROWS)
            .enumerate()
        {
            let h = rows.iter().fold(band as u64, |acc, r| {
                acc.rotate_left(17) ^ r.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            });
            buckets.entry((band, h)).or_default().push(k);
        }
    }
    // Components do not depend on the order pairs are tried in; the smaller index stays root so that
    // cluster labels follow report id order.
    for members in buckets.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                join(&mut parent, a, b);
            }
        }
    }
    parent
}

fn root(parent: &mut [usize], mut k: usize) -> usize {
    while parent[k] != k {
        parent[k] = parent[parent[k]];
        k = parent[k];
    }
    k
}

fn precision_rank(p: Option<Precision>) -> u8 {
    match p {
        Some(Precision::Day) => 0,
        Some(Precision::Week) => 1,
        Some(Precision::Month) => 2,
        Some(Precision::Year) => 3,
        None => 4,
    }
}

fn finer(a: Option<Precision>, b: Option<Precision>) -> Option<Precision> {
    if precision_rank(b) < precision_rank(a) {
        b
    } else {
        a
    }
}

/// The conflict between two events, if any. Used within a target here and across targets (a
/// border-wide denial against a crossing's closure) when a timeline is built.
pub(crate) fn conflict_between(a: &Event, b: &Event) -> Option<ConflictKind> {
    let (sa, sb) = (a.span?, b.span?);
    let is_closure = |e: &Event| e.asserted && e.status == Status::Closed;
    let is_denial = |e: &Event| e.change == Change::DeniedClosure;
    if (is_closure(a) && is_denial(b) || is_closure(b) && is_denial(a))
        && gap(sa, sb) <= TOLERANCE_DAYS
    {
        return Some(ConflictKind::ClosureDenied);
    }
    let known = |s: Status| s != Status::Unknown;
    if a.asserted
        && b.asserted
        && a.status != b.status
        && known(a.status)
        && known(b.status)
        && gap(sa, sb) == 0
    {
        return Some(ConflictKind::StatusDisagrees);
    }
    None
}

fn add_conflicts(events: &mut [Event]) {
    let mut found: Vec<(usize, usize, Conflict)> = Vec::new();
    for a in 0..events.len() {
        for b in a + 1..events.len() {
            if let Some(kind) = conflict_between(&events[a], &events[b]) {
                found.push((a, b, Conflict::new(kind, &events[a].id, &events[b].id)));
            }
        }
    }
    for (a, b, c) in found {
        events[a].conflicts.push(c.clone());
        events[b].conflicts.push(c);
    }
    for e in events.iter_mut() {
        e.conflicts.sort();
        e.conflicts.dedup();
    }
}

pub(crate) fn change_name(c: Change) -> &'static str {
    match c {
        Change::Opened => "opened",
        Change::Reopened => "reopened",
        Change::Closed => "closed",
        Change::Restricted => "restricted",
        Change::ExtendedClosure => "extended_closure",
        Change::DeniedClosure => "denied_closure",
        Change::PlannedOpening => "planned_opening",
        Change::PlannedClosure => "planned_closure",
        Change::NoChange => "no_change",
    }
}

pub(crate) fn status_name(s: Status) -> &'static str {
    match s {
        Status::Open => "open",
        Status::Closed => "closed",
        Status::Restricted => "restricted",
        Status::Unknown => "unknown",
    }
}
