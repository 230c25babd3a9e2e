//! Stage 4: change triggers and their modality.
//!
//! A trigger is a word (or short phrase) that states a change of a crossing's status: "reopened", "shut",
//! "sealed", "closure", "remain closed", "denied closing". For each one this stage decides what the
//! sentence does with it: asserts it, plans it, doubts it, denies it, or only talks about it (a call, a
//! demand, an attempt — then there is no claim at all). Targets (which crossing) are the linker's job.

use crate::Span;
use crate::doc::Sentence;
use crate::words::lower_at;
use crate::{Change, Modality};

mod modality;
mod sequence;
mod verbs;

use modality::judge;
use sequence::mark_reopenings;
use verbs::{is_movement, is_stay_word, verb_at};

/// The kind of change a trigger word names, before modality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Open,
    Reopen,
    Close,
    Restrict,
    /// "remain closed", "kept shut", "extended the closure".
    StayClosed,
    /// "remains open", "is open" as a state, no change reported.
    StayOpen,
    /// "the now-closed crossing", "is closed" as a background state.
    StateClosed,
}

/// A change stated by the sentence, with how the sentence holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    /// Absolute byte span of the trigger word(s) in the report text.
    pub span: Span,
    /// Index of the trigger's first word in the sentence's word list.
    pub word: usize,
    /// Index of its last word ("shut down", "lifts the closure").
    pub last_word: usize,
    /// A noun ("closure", "reopening") rather than a verb: it needs its target bound to it.
    pub noun: bool,
    pub verb: Verb,
    pub modality: Modality,
    /// The change this amounts to (verb + modality + negation).
    pub change: Change,
    /// The sentence also says the target was closed before ("after having closed it"): an opening is a reopening.
    pub after_closure: bool,
    /// A closure recounted only as the background of a reopening: it bounds the reopening's phrase
    /// (its cause is not the reopening's) but makes no claim of its own.
    pub background: bool,
    /// A change recounted in a phrase that looks back from the sentence's main change ("closed the
    /// bridge days after reopening it", "a week after shutting four crossings"): a claim about a
    /// crossing it names or points to stands, but not one about a whole border, which such a phrase
    /// only reaches through a vague count ("four crossings") and the sentence's subject.
    pub recounted: bool,
    /// Traffic said to pass through a place ("trucks are getting through the Erez crossing"): the
    /// place is open, but only a crossing named right after "through" may be that place.
    pub passage: bool,
}

/// Finds the triggers of one sentence.
pub fn detect(sentence: &Sentence) -> Vec<Trigger> {
    let (text, ws, relatives) = (sentence.text, &sentence.words[..], &sentence.relatives[..]);
    let mut out: Vec<Trigger> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((verb, last)) = verb_at(text, ws, i) else {
            i += 1;
            continue;
        };
        // "remain closed", "kept open": the evidence reads as the whole phrase.
        let first = if matches!(verb, Verb::StayClosed | Verb::StayOpen)
            && i > 0
            && is_stay_word(lower_at(ws, i - 1))
            && lower_at(ws, i - 1) != "still"
        {
            i - 1
        } else {
            i
        };
        // Traffic through a place: the movement verb before "through" carries the modality ("to
        // allow trucks to travel through" is a purpose, not a report).
        let passage = matches!(ws[i].lower.as_str(), "through" | "via");
        let (first, at) = if passage {
            let v = if is_movement(lower_at(ws, i.wrapping_sub(1))) {
                i - 1
            } else {
                i.saturating_sub(2)
            };
            (v, v)
        } else {
            (first, i)
        };
        let span = Span::new(ws[first].span.start, ws[last].span.end);
        if let Some(mut t) = judge(sentence, at, verb, span) {
            t.last_word = last;
            t.passage = passage;
            t.noun = matches!(
                ws[i].lower.as_str(),
                "closure"
                    | "closures"
                    | "opening"
                    | "reopening"
                    | "reopenings"
                    | "shutdown"
                    | "shutdowns"
                    | "blockade"
                    | "blockades"
                    | "restriction"
                    | "restrictions"
                    | "suspension"
            );
            out.push(t);
        }
        i = last + 1;
    }
    mark_reopenings(text, ws, relatives, &mut out);
    // "… lifts its closure, allowing aid through the crossing": the gerund says what the opening
    // lets through; it is that opening (for those it names), not a restriction of its own.
    for k in 1..out.len() {
        if lower_at(ws, out[k].word) == "allowing"
            && let Some(p) = out[..k]
                .iter()
                .rev()
                .find(|p| matches!(p.verb, Verb::Open | Verb::Reopen) && !p.background)
                .cloned()
        {
            out[k].verb = p.verb;
            out[k].change = p.change;
            out[k].modality = p.modality;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(s: &str) -> Vec<(Change, Modality)> {
        detect(&Sentence::whole(s))
            .into_iter()
            .filter(|t| !t.background)
            .map(|t| (t.change, t.modality))
            .collect()
    }

    #[test]
    fn every_change_type() {
        use Change::*;
        use Modality::*;
        assert_eq!(
            changes("Egypt opened the new gate on Monday."),
            [(Opened, Asserted)]
        );
        assert_eq!(
            changes("Turkey reopened the crossing."),
            [(Reopened, Asserted)]
        );
        assert_eq!(
            changes("Officials re-opened the post."),
            [(Reopened, Asserted)]
        );
        assert_eq!(changes("Pakistan shut the border."), [(Closed, Asserted)]);
        assert_eq!(changes("Troops sealed the frontier."), [(Closed, Asserted)]);
        assert_eq!(
            changes("Guards halted traffic at the bridge."),
            [(Closed, Asserted)]
        );
        assert_eq!(
            changes("The ministry restricted the crossing to trucks."),
            [(Restricted, Asserted)]
        );
        assert_eq!(
            changes("The crossing will remain closed."),
            [(ExtendedClosure, Asserted)]
        );
        assert_eq!(
            changes("Iran denied closing the border."),
            [(DeniedClosure, Denied)]
        );
        assert_eq!(
            changes("The gate will reopen next week."),
            [(PlannedOpening, Planned)]
        );
        assert_eq!(
            changes("The post is to be closed from Monday."),
            [(PlannedClosure, Planned)]
        );
        assert_eq!(
            changes("The crossing remains open."),
            [(NoChange, Asserted)]
        );
        assert_eq!(
            changes("Migrants gathered at the now-closed crossing."),
            [(NoChange, Asserted)]
        );
    }

    #[test]
    fn uncertainty_and_negation() {
        use Change::*;
        assert_eq!(
            changes("It was not clear when the other border points would reopen."),
            [(ExtendedClosure, Modality::Uncertain)]
        );
        assert_eq!(
            changes("The crossing has not reopened."),
            [(ExtendedClosure, Modality::Asserted)]
        );
        assert!(changes("The army did not close the border.").is_empty());
        assert!(changes("Analysts said the crossing may close.").is_empty());
        // A plan on a condition is a conditional plan; a condition without a plan says nothing.
        assert_eq!(
            changes("If talks fail, Syria will close the border."),
            [(Change::PlannedClosure, Modality::Conditional)]
        );
        assert_eq!(
            changes("Iran would reopen the crossing if the fighting stopped."),
            [(Change::PlannedOpening, Modality::Conditional)]
        );
        assert!(changes("If the crossing closes, prices rise.").is_empty());
    }

    #[test]
    fn reports_called_untrue_are_denials() {
        let s = "Reports that the crossings have been closed are not true, a spokesman said.";
        assert_eq!(changes(s), [(Change::DeniedClosure, Modality::Denied)]);
        assert_eq!(
            changes("Bashmagh is open again."),
            [(Change::Reopened, Modality::Asserted)]
        );
    }

    #[test]
    fn calls_and_attempts_are_not_claims() {
        assert!(changes("The UN urged Egypt to open the crossing.").is_empty());
        assert!(changes("Aid groups called for the reopening of the border.").is_empty());
        assert!(changes("Officials are in talks to reopen the border.").is_empty());
        assert!(changes("Police tried to seal the border.").is_empty());
        assert!(changes("Shops close to the border were looted.").is_empty());
    }

    #[test]
    fn an_opening_after_a_closure_is_a_reopening() {
        // A closure told as an act of its own stays a claim; one only recounted does not.
        let s =
            "Iran opened a border crossing Wednesday after having closed it following the vote.";
        assert_eq!(
            changes(s),
            [
                (Change::Reopened, Modality::Asserted),
                (Change::Closed, Modality::Asserted)
            ]
        );
        let s = "Israel reopens the crossing after a three-week shutdown.";
        assert_eq!(changes(s), [(Change::Reopened, Modality::Asserted)]);
        let s = "Peru reopens its pass, which had been shut since the spring.";
        assert_eq!(changes(s), [(Change::Reopened, Modality::Asserted)]);
        let s = "our borders were closed... today the Bashmagh border is open";
        let got = changes(s);
        assert_eq!(
            got,
            [
                (Change::Closed, Modality::Asserted),
                (Change::Reopened, Modality::Asserted)
            ]
        );
    }

    #[test]
    fn a_change_recounted_after_the_main_one_is_marked() {
        let s = "Finland closed the crossing on Friday, a week after shutting four others.";
        let ts = detect(&Sentence::whole(s));
        assert_eq!(ts.len(), 2);
        assert!(!ts[0].recounted && !ts[0].background);
        assert!(ts[1].recounted && !ts[1].background);
        // A clause of its own after ", and" is not recounted.
        let s = "Finland closed one crossing on Friday, and a week after that it shut four others.";
        assert!(detect(&Sentence::whole(s)).iter().all(|t| !t.recounted));
        // A closure years back from a reopening is its background, however far from "after".
        let s = "Jordan reopened the crossing, three years after fighting on the far side forced its closure.";
        assert_eq!(changes(s), [(Change::Reopened, Modality::Asserted)]);
    }

    #[test]
    fn keep_governs_a_state_across_a_long_object() {
        assert_eq!(
            changes("Ankara kept the Bab al-Hawa frontier crossing point open."),
            [(Change::NoChange, Modality::Asserted)]
        );
        assert_eq!(
            changes("Finland will keep its border with Russia closed until further notice."),
            [(Change::ExtendedClosure, Modality::Asserted)]
        );
        // "kept saying that it would open": the opening is not kept.
        assert!(
            changes("He kept saying that the crossing would open.")
                .iter()
                .all(|c| c.0 != Change::NoChange)
        );
    }

    #[test]
    fn a_pluperfect_state_is_no_claim() {
        assert!(changes("It had been the last crossing on the border still open.").is_empty());
        assert!(changes("The post had remained open to lorries.").is_empty());
        // A present state after a pluperfect clause stands.
        assert_eq!(
            changes("The post, which had been shut, is still open."),
            [
                (Change::Closed, Modality::Asserted),
                (Change::NoChange, Modality::Asserted)
            ]
        );
    }
}
