//! Matching claims to gold events and the scores of SCHEMA.md.
//!
//! Per report: claims with the same (crossing key, change) are one claim; gold events each take the
//! first free claim that names the same crossing (or the same border) with the same change, the
//! required events first in gold order, then the optional ones (background, border-wide with no
//! country, group) in gold order, so an optional event never takes the claim a required one needs.
//! Matched events are true positives (optional ones included); unmatched claims are false positives
//! (on a negative report every distinct claim is one); unmatched events are misses unless optional.
//! Status F1 is the same matching with status in place of change. A report whose extraction failed
//! has no claims, so its events count as misses: a failure never improves a score.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use borderwatch_extract::{Change, Claim, Modality, Status};
use serde::Serialize;

use crate::fold::{any_meet, fold_name, gold_names};
use crate::records::{GoldEvent, GoldRecord};

/// One report to score: its gold, its text (for the error listing) and what extraction returned.
#[derive(Clone, Debug)]
pub struct ScoredItem {
    pub gold: GoldRecord,
    /// The report text; the claims' evidence spans are read from it.
    pub text: String,
    pub result: Result<Vec<Claim>, String>,
}

/// True positives, false positives, misses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    pub fn prf(&self) -> Prf {
        Prf::from_counts(*self)
    }
}

/// Precision, recall and F1 with their counts. A ratio with a zero denominator is `None` (JSON null).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

impl Prf {
    pub fn from_counts(c: Counts) -> Prf {
        let precision = ratio(c.tp, c.tp + c.fp);
        let recall = ratio(c.tp, c.tp + c.fn_);
        // F1 from the counts: defined whenever anything was claimed or expected.
        let f1 = ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn_);
        Prf {
            tp: c.tp,
            fp: c.fp,
            fn_: c.fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// Date accuracy over matched events whose gold effective date is an ISO date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DateAccuracy {
    pub eligible: usize,
    pub correct: usize,
    pub accuracy: Option<f64>,
}

/// Unmatched gold events SCHEMA does not count as misses, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub background: usize,
    pub no_countries: usize,
    pub group: usize,
}

/// What an error listing entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A counted gold event no claim matched.
    Miss,
    /// A claim (distinct crossing key and change) no gold event matched.
    FalseAlarm,
    /// An asserted `open` claim where the gold says the crossing or border is not open.
    Dangerous,
    /// Extraction returned an error.
    Failure,
    /// A matched event whose gold ISO date the claim does not give.
    WrongDate,
}

/// One line of the error listing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorEntry {
    pub id: String,
    pub kind: ErrorKind,
    /// The crossing or border, as the gold or the claim names it.
    pub target: Option<String>,
    pub change: Option<Change>,
    pub status: Option<Status>,
    /// The report sentence(s) concerned, or the extraction error.
    pub detail: String,
}

/// All the scores of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub reports: usize,
    pub failures: usize,
    pub gold_events: usize,
    /// Distinct claims (same crossing key and change counted once).
    pub claims: usize,
    /// Unmatched events not counted as misses.
    pub excluded: Excluded,
    /// Of (crossing, change).
    pub change: Prf,
    /// Of (crossing, status).
    pub status: Prf,
    pub date: DateAccuracy,
    pub dangerous: usize,
    /// (crossing, change) counts by change: tp and fn by the gold change, fp by the claim's.
    pub by_change: BTreeMap<Change, Counts>,
    /// (crossing, change) counts for named crossings (`crossing`) and whole borders (`border`).
    pub by_target: BTreeMap<String, Counts>,
    pub errors: Vec<ErrorEntry>,
}

/// Scores extraction results against gold, as SCHEMA.md defines.
pub fn score(items: &[ScoredItem]) -> Scores {
    score_refs(items.iter())
}

/// The scores of some of the items (a half, a file): the same rules over any selection.
pub fn score_refs<'a>(items: impl IntoIterator<Item = &'a ScoredItem>) -> Scores {
    let mut s = Scores::default();
    let mut change = Counts::default();
    let mut status = Counts::default();
    for item in items {
        s.reports += 1;
        score_item(item, &mut s, &mut change, &mut status);
    }
    s.change = change.prf();
    s.status = status.prf();
    s.date.accuracy = ratio(s.date.correct, s.date.eligible);
    s
}

/// A gold event prepared for matching.
struct Gold<'a> {
    ev: &'a GoldEvent,
    names: Vec<String>,
    countries: BTreeSet<String>,
}

impl<'a> Gold<'a> {
    fn new(ev: &'a GoldEvent) -> Gold<'a> {
        Gold {
            ev,
            names: gold_names(ev.crossing.as_deref(), ev.mention.as_deref()),
            countries: ev.countries().into_iter().collect(),
        }
    }

    /// Optional events (SCHEMA: background, border-wide with no country, group) are matched after
    /// the required ones; missing them is not a miss.
    fn is_optional(&self) -> bool {
        self.exclusion().is_some()
    }

    /// Why an unmatched event is not a miss, if it is not.
    fn exclusion(&self) -> Option<fn(&mut Excluded)> {
        if self.ev.background {
            Some(|e| e.background += 1)
        } else if self.ev.is_border_wide() && self.countries.is_empty() {
            Some(|e| e.no_countries += 1)
        } else if self.ev.group {
            Some(|e| e.group += 1)
        } else {
            None
        }
    }

    fn target_kind(&self) -> &'static str {
        if self.ev.is_border_wide() {
            "border"
        } else {
            "crossing"
        }
    }

    fn describe(&self) -> String {
        match &self.ev.crossing {
            Some(c) => c.clone(),
            None => describe_border(&self.countries),
        }
    }
}

/// A claim prepared for matching.
struct Prepared<'a> {
    claim: &'a Claim,
    /// Folded names: crossing name, crossing id, mention.
    names: Vec<String>,
    /// For a border-wide claim, its countries.
    border: Option<BTreeSet<String>>,
    key: String,
}

impl<'a> Prepared<'a> {
    fn new(claim: &'a Claim) -> Prepared<'a> {
        let mut names = Vec::new();
        if let Some(c) = &claim.crossing {
            names.push(fold_name(&c.name));
            if let Some(id) = &c.id {
                names.push(fold_name(id));
            }
        }
        names.push(fold_name(&claim.mention));
        names.retain(|n| !n.is_empty());

        let border: Option<BTreeSet<String>> = match (&claim.crossing, &claim.border) {
            (None, Some(b)) => Some(b.iter().map(|c| c.trim().to_ascii_uppercase()).collect()),
            _ => None,
        };
        let key = match (&claim.crossing, &border) {
            (Some(c), _) => match &c.id {
                Some(id) => format!("crossing:{id}"),
                None => format!("crossing:{}", fold_name(&c.name)),
            },
            (None, Some(b)) => {
                format!("border:{}", b.iter().cloned().collect::<Vec<_>>().join("-"))
            }
            (None, None) => format!("mention:{}", fold_name(&claim.mention)),
        };
        Prepared {
            claim,
            names,
            border,
            key,
        }
    }

    /// SCHEMA matching rule 1: the claim is about the gold event's crossing or border.
    fn same_target(&self, g: &Gold) -> bool {
        if g.ev.is_border_wide() {
            self.claim.crossing.is_none()
                && !g.countries.is_empty()
                && self.border.as_ref() == Some(&g.countries)
        } else {
            any_meet(&self.names, &g.names)
        }
    }

    fn target_kind(&self) -> &'static str {
        if self.claim.crossing.is_some() {
            "crossing"
        } else {
            "border"
        }
    }

    fn describe(&self) -> String {
        match (&self.claim.crossing, &self.border) {
            (Some(c), _) => match &c.id {
                Some(id) => format!("{} ({id})", c.name),
                None => format!("{} (not in gazetteer)", c.name),
            },
            (None, Some(b)) => describe_border(b),
            (None, None) => format!("\"{}\" (neither crossing nor border)", self.claim.mention),
        }
    }
}

fn describe_border(countries: &BTreeSet<String>) -> String {
    match countries.len() {
        0 => "border (countries not named)".to_string(),
        1 => format!(
            "all borders of {}",
            countries.iter().next().map(String::as_str).unwrap_or("")
        ),
        _ => format!(
            "border {}",
            countries
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join("\u{2013}")
        ),
    }
}

/// Claims with the same key and label (change or status): one claim. Members keep report order.
struct Group {
    members: Vec<usize>,
}

fn group_by<L: PartialEq + Copy>(claims: &[Prepared], label: impl Fn(&Claim) -> L) -> Vec<Group> {
    let mut groups: Vec<(String, L, Group)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let l = label(c.claim);
        match groups.iter_mut().find(|(k, gl, _)| *k == c.key && *gl == l) {
            Some((_, _, g)) => g.members.push(i),
            None => groups.push((c.key.clone(), l, Group { members: vec![i] })),
        }
    }
    groups.into_iter().map(|(_, _, g)| g).collect()
}

/// One-to-one greedy matching: required events first, then optional ones, each in gold order.
/// Returns, per gold event (in gold order), the matched group and the member claim that matched.
fn match_greedy<L: PartialEq>(
    gold: &[Gold],
    claims: &[Prepared],
    groups: &[Group],
    gold_label: impl Fn(&GoldEvent) -> L,
    claim_label: impl Fn(&Claim) -> L,
) -> Vec<Option<(usize, usize)>> {
    let mut used = vec![false; groups.len()];
    let mut matched = vec![None; gold.len()];
    // A stable sort keeps gold order within the required and within the optional events.
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| gold[i].is_optional());
    for i in order {
        let g = &gold[i];
        let want = gold_label(g.ev);
        for (gi, group) in groups.iter().enumerate() {
            if used[gi] {
                continue;
            }
            let hit = group
                .members
                .iter()
                .copied()
                .find(|&ci| claim_label(claims[ci].claim) == want && claims[ci].same_target(g));
            if let Some(ci) = hit {
                used[gi] = true;
                matched[i] = Some((gi, ci));
                break;
            }
        }
    }
    matched
}

fn score_item(item: &ScoredItem, s: &mut Scores, change: &mut Counts, status: &mut Counts) {
    let id = &item.gold.id;
    let gold: Vec<Gold> = item.gold.events.iter().map(Gold::new).collect();
    s.gold_events += gold.len();

    let raw_claims: &[Claim] = match &item.result {
        Ok(c) => c,
        Err(e) => {
            s.failures += 1;
            s.errors.push(ErrorEntry {
                id: id.clone(),
                kind: ErrorKind::Failure,
                target: None,
                change: None,
                status: None,
                detail: e.clone(),
            });
            &[]
        }
    };
    let claims: Vec<Prepared> = raw_claims.iter().map(Prepared::new).collect();

    // (crossing, change)
    let groups = group_by(&claims, |c| c.change);
    s.claims += groups.len();
    let matched = match_greedy(&gold, &claims, &groups, |g| g.change, |c| c.change);
    let mut group_used = vec![false; groups.len()];
    for (g, m) in gold.iter().zip(&matched) {
        match m {
            Some((gi, ci)) => {
                group_used[*gi] = true;
                change.tp += 1;
                s.by_change.entry(g.ev.change).or_default().tp += 1;
                s.by_target.entry(g.target_kind().into()).or_default().tp += 1;
                if let Some(d) = g.ev.iso_effective_date() {
                    s.date.eligible += 1;
                    let got = claims[*ci].claim.effective.date;
                    if got == Some(d) {
                        s.date.correct += 1;
                    } else {
                        let said = match (&claims[*ci].claim.effective.text, got) {
                            (_, Some(date)) => date.to_string(),
                            (Some(t), None) => format!("\"{t}\" unresolved"),
                            (None, None) => "no date".into(),
                        };
                        s.errors.push(ErrorEntry {
                            id: id.clone(),
                            kind: ErrorKind::WrongDate,
                            target: Some(g.describe()),
                            change: Some(g.ev.change),
                            status: Some(g.ev.status),
                            detail: format!(
                                "gold {d}, claim {said}: {}",
                                claim_context(&item.text, claims[*ci].claim)
                            ),
                        });
                    }
                }
            }
            None => match g.exclusion() {
                Some(count) => count(&mut s.excluded),
                None => {
                    change.fn_ += 1;
                    s.by_change.entry(g.ev.change).or_default().fn_ += 1;
                    s.by_target.entry(g.target_kind().into()).or_default().fn_ += 1;
                    s.errors.push(ErrorEntry {
                        id: id.clone(),
                        kind: ErrorKind::Miss,
                        target: Some(g.describe()),
                        change: Some(g.ev.change),
                        status: Some(g.ev.status),
                        detail: miss_context(&item.text, g.ev),
                    });
                }
            },
        }
    }
    for (group, used) in groups.iter().zip(&group_used) {
        if *used {
            continue;
        }
        let Some(first) = group.members.first().map(|&i| &claims[i]) else {
            continue;
        };
        change.fp += 1;
        s.by_change.entry(first.claim.change).or_default().fp += 1;
        s.by_target
            .entry(first.target_kind().into())
            .or_default()
            .fp += 1;
        s.errors.push(ErrorEntry {
            id: id.clone(),
            kind: ErrorKind::FalseAlarm,
            target: Some(first.describe()),
            change: Some(first.claim.change),
            status: Some(first.claim.status),
            detail: claim_context(&item.text, first.claim),
        });
    }

    // (crossing, status): the same rules with status in place of change.
    let sgroups = group_by(&claims, |c| c.status);
    let smatched = match_greedy(&gold, &claims, &sgroups, |g| g.status, |c| c.status);
    status.tp += smatched.iter().flatten().count();
    status.fp += sgroups.len() - smatched.iter().flatten().count();
    status.fn_ += gold
        .iter()
        .zip(&smatched)
        .filter(|(g, m)| m.is_none() && g.exclusion().is_none())
        .count();

    // Dangerous: an asserted open claim where every gold event on that target says something else.
    let mut seen: HashSet<&str> = HashSet::new();
    for c in &claims {
        if c.claim.status != Status::Open || c.claim.modality != Modality::Asserted {
            continue;
        }
        let about: Vec<&Gold> = gold.iter().filter(|g| c.same_target(g)).collect();
        if about.is_empty() || about.iter().any(|g| g.ev.status == Status::Open) {
            continue;
        }
        if !seen.insert(c.key.as_str()) {
            continue;
        }
        s.dangerous += 1;
        s.errors.push(ErrorEntry {
            id: id.clone(),
            kind: ErrorKind::Dangerous,
            target: Some(c.describe()),
            change: Some(c.claim.change),
            status: Some(c.claim.status),
            detail: claim_context(&item.text, c.claim),
        });
    }
}

/// Longest context quoted in the error listing, in chars.
const CONTEXT_CHARS: usize = 400;
/// Text quoted when nothing better is found, in chars.
const FALLBACK_CHARS: usize = 200;

/// The sentence(s) around the gold event's mention, found by (ASCII case-insensitive) search for the
/// mention, then the crossing name and its sides; else the start of the text.
fn miss_context(text: &str, ev: &GoldEvent) -> String {
    let mut needles: Vec<&str> = Vec::new();
    needles.extend(ev.mention.as_deref());
    if let Some(c) = ev.crossing.as_deref() {
        needles.push(c);
        needles.extend(
            c.split('\u{2013}')
                .flat_map(|p| p.split(" - "))
                .flat_map(|p| p.split('/')),
        );
    }
    let lower = text.to_ascii_lowercase();
    for n in needles {
        let n = n.trim();
        if n.chars().count() < 3 {
            continue;
        }
        if let Some(pos) = lower.find(&n.to_ascii_lowercase()) {
            return sentence_around(text, pos, pos + n.len());
        }
    }
    clip(text, FALLBACK_CHARS)
}

/// The claim's evidence sentence; if the span does not fit the text (spans index extraction's
/// normalized text, which may differ from the text given here), the sentence around the mention.
fn claim_context(text: &str, claim: &Claim) -> String {
    let mention = claim.mention.trim();
    let sentence = claim.evidence.sentence.of(text).trim();
    let fits = mention.is_empty()
        || sentence
            .to_ascii_lowercase()
            .contains(&mention.to_ascii_lowercase());
    if !sentence.is_empty() && fits {
        return clip(sentence, CONTEXT_CHARS);
    }
    if !mention.is_empty()
        && let Some(pos) = text
            .to_ascii_lowercase()
            .find(&mention.to_ascii_lowercase())
    {
        return sentence_around(text, pos, pos + mention.len());
    }
    if !sentence.is_empty() {
        return clip(sentence, CONTEXT_CHARS);
    }
    format!("(no evidence sentence; mention \"{mention}\")")
}

/// Expands `[start, end)` to the enclosing sentence: back to just after a `.`, `!`, `?` followed by
/// whitespace or a line break, forward to the next such end.
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let bytes = text.as_bytes();
    let is_end = |i: usize| {
        matches!(bytes.get(i), Some(b'.' | b'!' | b'?'))
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
    };
    let mut from = start.min(bytes.len());
    while from > 0 && !(bytes[from - 1] == b'\n' || (from >= 2 && is_end(from - 2))) {
        from -= 1;
    }
    let mut to = end.min(bytes.len());
    while to < bytes.len() && bytes[to] != b'\n' && !is_end(to) {
        to += 1;
    }
    if to < bytes.len() && bytes[to] != b'\n' {
        to += 1; // keep the full stop
    }
    // The bounds sit next to ASCII bytes or at the ends, so they are char boundaries; `get` guards
    // anyway.
    let s = text.get(from..to).unwrap_or(text);
    clip(s.trim(), CONTEXT_CHARS)
}

fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
