//! Changes told in sequence inside one sentence: an opening after a closure is a reopening, the
//! closure its background; a change recounted in a phrase that looks back from the main one
//! ("a week after shutting four crossings") is marked so that it claims nothing about a whole border.

use super::{Trigger, Verb, lower_at};
use crate::words::Word;
use crate::{Change, Modality};

/// Where trigger `b` (after trigger `a`) lies in a phrase that looks back from `a`: the index of the
/// word that opens it ("after", "following", "since"), if any.
///
/// Two shapes: a phrase measured back from the main change ("three years after fighting forced its
/// closure", "a week after shutting four crossings"), which may run a dozen words; and a gerund or a
/// noun right after the opener ("after shutting …", "after a three-year closure"). A comma followed by
/// "and", "but" or "while", or a semicolon, anywhere after the main change ends its sentence part:
/// what follows is a clause of its own.
fn looking_back(text: &str, ws: &[Word], a: usize, b: usize) -> Option<usize> {
    // Checked from the main change on: "closed one on Friday, and a week after that shut four more"
    // tells two changes in order, not one recounted from the other.
    let new_clause = (a + 1..=b).any(|k| {
        let gap = text.get(ws[k - 1].span.end..ws[k].span.start).unwrap_or("");
        gap.contains(';')
            || (gap.contains(',') && matches!(lower_at(ws, k), "and" | "but" | "while" | "whereas"))
    });
    if new_clause {
        return None;
    }
    let opener = |k: usize| matches!(lower_at(ws, k), "after" | "following" | "since");
    let lo = (a + 1).max(b.saturating_sub(12));
    if let Some(k) = (lo..b)
        .rev()
        .find(|&k| opener(k) && crate::timex::measured_back(ws, k))
    {
        return Some(k);
    }
    let b_word = lower_at(ws, b);
    // "reopened it, following a row that resulted in a long closure": a closure named as
    // what the cause after the opener brought about is history, told to explain the main change.
    let caused_noun = matches!(
        b_word,
        "closure" | "closures" | "shutdown" | "shutdowns" | "blockade"
    ) && (b.saturating_sub(5)..b).any(|k| {
        matches!(
            (lower_at(ws, k), lower_at(ws, k + 1)),
            ("led", "to") | ("leading", "to") | ("resulted", "in") | ("resulting", "in")
        )
    });
    if caused_noun && let Some(k) = (lo..b).rev().find(|&k| opener(k)) {
        return Some(k);
    }
    if b_word.ends_with("ing") && b > a + 1 && opener(b - 1) {
        return Some(b - 1);
    }
    (b.saturating_sub(5).max(a + 1)..b).rev().find(|&k| {
        opener(k)
            && matches!(lower_at(ws, k + 1), "a" | "an" | "the" | "its" | "their")
            && matches!(
                b_word,
                "closure" | "closures" | "shutdown" | "shutdowns" | "blockade" | "reopening"
            )
    })
}

/// "opened … after having closed it", "reopens after a three-week shutdown": the opening is a
/// reopening, and the closure is its background, not a separate claim (also far from the opening, in
/// a phrase that measures time back from it: "reopened it, three years after fighting forced its
/// closure"). Any other change told in a phrase looking back from the main change ("closed the crossing
/// on Friday, a week after shutting four others") is marked recounted: see [`Trigger::recounted`].
pub(super) fn mark_reopenings(
    text: &str,
    ws: &[Word],
    relatives: &[(usize, usize)],
    triggers: &mut [Trigger],
) {
    let mut drop = Vec::new();
    let mut recounted = Vec::new();
    for a in 0..triggers.len() {
        let opening = matches!(triggers[a].verb, Verb::Open | Verb::Reopen | Verb::StayOpen);
        for b in 0..triggers.len() {
            let t = &triggers[b];
            if t.word <= triggers[a].word {
                continue;
            }
            // "after having closed it following the referendum": the closure is told as an act of
            // its own and stays a claim.
            let told = lower_at(ws, t.word.wrapping_sub(1)) == "having";
            let back = looking_back(text, ws, triggers[a].word, t.word).is_some()
                && triggers[a].modality == Modality::Asserted;
            if opening && t.verb == Verb::Close {
                // "The pass, which reopened in May, closed again on Monday": an opening inside a
                // relative clause, and the closure the main verb after it. Cue words inside the clause
                // ("which") are not the closure's.
                let from = relatives
                    .iter()
                    .find(|&&(s, e)| s <= triggers[a].word && triggers[a].word <= e && e < t.word)
                    .map_or(triggers[a].word + 1, |&(_, e)| e + 1);
                // "…, only to close again": a comma before the closure ends the phrase that an
                // "after" opened ("reopened after a week-long closure, only to close again").
                let from = (from..t.word)
                    .rev()
                    .find(|&k| {
                        k > 0
                            && text
                                .get(ws[k - 1].span.end..ws[k].span.start)
                                .is_some_and(|g| g.contains(','))
                            && matches!(lower_at(ws, k), "only" | "then" | "before")
                    })
                    .unwrap_or(from);
                // The closure sits in an "after/following/since …" phrase after the opening.
                let intro = back
                    || (from..t.word).rev().take(6).any(|k| {
                        matches!(
                            lower_at(ws, k),
                            "after"
                                | "following"
                                | "since"
                                | "ending"
                                | "ended"
                                | "ends"
                                | "had"
                                | "which"
                        )
                    });
                if intro {
                    // "after a three-week shutdown", "after closing the border last month" and "which
                    // had been closed" only recount it.
                    if !told {
                        drop.push(b);
                    }
                    triggers[a].after_closure = true;
                }
            } else if back && !told {
                recounted.push(b);
            }
        }
    }
    // A state "is open" with a closure earlier in the same sentence reads as a reopening
    // ("our borders … were closed… today the Bashmagh border is open").
    for a in 0..triggers.len() {
        let now = (triggers[a].word.saturating_sub(6)..triggers[a].word)
            .any(|k| matches!(lower_at(ws, k), "today" | "now"));
        if triggers[a].verb == Verb::StayOpen
            && triggers[a].modality == Modality::Asserted
            && now
            && triggers
                .iter()
                .any(|t| t.verb == Verb::Close && t.word < triggers[a].word)
        {
            triggers[a].after_closure = true;
        }
    }
    for t in triggers.iter_mut() {
        if t.after_closure
            && t.modality == Modality::Asserted
            && matches!(t.change, Change::Opened | Change::NoChange)
        {
            t.change = Change::Reopened;
        }
    }
    for b in drop {
        triggers[b].background = true;
    }
    for b in recounted {
        triggers[b].recounted = true;
    }
}
