//! Scores broken down by part of a run (the texts or gold file each report came from), so one run
//! reports one-liners, articles, briefings and advisories separately.

use serde::Serialize;

use crate::score::{ScoredItem, Scores, score_refs};

/// The scores of the reports of one part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartScores {
    pub part: String,
    pub scores: Scores,
}

/// Scores each part separately; parts are listed in the order they first appear among the items.
/// `part_of` names the part of an item.
pub fn score_parts(
    items: &[ScoredItem],
    part_of: impl Fn(&ScoredItem) -> String,
) -> Vec<PartScores> {
    let mut parts: Vec<(String, Vec<&ScoredItem>)> = Vec::new();
    for item in items {
        let part = part_of(item);
        match parts.iter_mut().find(|(p, _)| *p == part) {
            Some((_, members)) => members.push(item),
            None => parts.push((part, vec![item])),
        }
    }
    parts
        .into_iter()
        .map(|(part, members)| PartScores {
            part,
            scores: score_refs(members),
        })
        .collect()
}
