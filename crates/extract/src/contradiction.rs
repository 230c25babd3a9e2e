//! Denial by contradiction: a closure announced or threatened in a report, and later in the same
//! report someone says the border is (still) open, against it ("But the border guards said every
//! checkpoint remained open"; "'The border is open, we have no signal that it will be closed'").
//! The later state is not news of its own: it denies the closure, so it is `denied_closure`.
//!
//! The pass only relabels a state of openness the report already asserts: it never makes an open
//! claim, and a denial is weaker than an asserted open (modality `denied`).

use crate::lexicon::Lexicon;
use crate::segment::Sentence;
use crate::{Change, Claim, Modality, Status};

/// Whether two claims speak of the same border or crossing, or one of a whole country's borders and
/// the other of one of them ("all of Belarus's borders" against "the border with Poland").
fn overlaps(a: &Claim, b: &Claim) -> bool {
    match (&a.crossing, &b.crossing, &a.border, &b.border) {
        (Some(x), Some(y), _, _) => x.id.is_some() && x.id == y.id,
        (None, None, Some(x), Some(y)) => {
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            !short.is_empty() && short.iter().all(|c| long.contains(c))
        }
        // A crossing on a border the closure named.
        (Some(x), None, _, Some(b)) | (None, Some(x), Some(b), _) => {
            !b.is_empty() && b.iter().all(|c| x.countries.contains(c))
        }
        _ => false,
    }
}

/// The sentence sets itself against what came before: it opens with a word of contrast ("But",
/// "However"), or it says there is no sign, order or plan of a closure ("no signals that the border
/// is to be closed"), which a closure word after a negation tells.
fn against_before(text: &str, sentence: &Sentence, lex: &Lexicon) -> bool {
    let ws = crate::words::words(sentence.span.of(text));
    let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
    if lower.first().is_some_and(|w| lex.is("contrast", w)) {
        return true;
    }
    lower.iter().enumerate().any(|(k, w)| {
        *w == "no"
            && lower[k + 1..]
                .iter()
                .take(8)
                .any(|x| x.starts_with("clos") || x.starts_with("shut") || x.starts_with("seal"))
    })
}

/// Relabels each asserted state of openness that a report tells after a planned closure of the same
/// target, set against it (see [`against_before`]), as a denied closure.
pub fn deny_by_contradiction(
    claims: &mut [Claim],
    text: &str,
    sentences: &[Sentence],
    lex: &Lexicon,
) {
    let plans: Vec<Claim> = claims
        .iter()
        // A closure set for a time ahead ("from Monday") is not denied by the border being open now.
        .filter(|p| p.change == Change::PlannedClosure && p.effective.text.is_none())
        .cloned()
        .collect();
    if plans.is_empty() {
        return;
    }
    for c in claims.iter_mut() {
        if c.change != Change::NoChange
            || c.status != Status::Open
            || c.modality != Modality::Asserted
        {
            continue;
        }
        let told_after = |p: &Claim| p.evidence.sentence.start < c.evidence.sentence.start;
        if !plans.iter().any(|p| told_after(p) && overlaps(p, c)) {
            continue;
        }
        let Some(sentence) = sentences.iter().find(|s| s.span == c.evidence.sentence) else {
            continue;
        };
        if against_before(text, sentence, lex) {
            c.change = Change::DeniedClosure;
            c.modality = Modality::Denied;
        }
    }
}
