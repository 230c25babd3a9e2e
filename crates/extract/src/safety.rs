//! The last word on an asserted opening: an `open` must be earned.
//!
//! The worst thing borderwatch can do is call a closed crossing open. The stages before this one read
//! modality word by word, and a wording they have not met lets an aim, a plan, a question or a partial
//! opening through as a plain "opened". This stage does not try to read the sentence better; it asks,
//! of every claim that would assert `open`, whether the sentence has earned it: a completed, unhedged,
//! unconditional, unrestricted opening of that very target. Each test below is one phenomenon, read
//! through word classes of the language's lexicon ([`crate::lexicon`]), not through wordings:
//!
//! - a question, or a reporter's turn in a transcript ("Q"), asserts nothing;
//! - a condition or a subordinate time ("if", "once", "until") asserts nothing;
//! - a hedge ("reportedly", "appears") does not vouch for it;
//! - negation or "not yet" before the change: it did not happen;
//! - a modal ("will", "could") or a governing word of planning ("agreed to", "committed to
//!   reopening", "ensure that … is open") makes a plan; one of wanting, trying, urging or needing
//!   ("aim to", "working to get … open", "desire to see … open") makes no claim;
//! - a date after publication makes a plan;
//! - a recounted earlier opening ("had reopened", "initially") is background, not the state now;
//! - part of a group or of a crossing ("one of its crossings", "some lanes at") is not all of it;
//! - an opening for some traffic only (trucks, aid, pedestrians, some hours, one direction) is
//!   `restricted`.
//!
//! Invariant: this stage only ever weakens a claim (open → restricted, asserted → planned, or no
//! claim); it never makes or strengthens one. It is applied in `pipeline` to every claim with status
//! `open` and modality `asserted`, after every other stage.

use crate::Span;
use crate::lexicon::english;
use crate::words::Word;
use jiff::civil::Date;

/// What the sentence around one would-be asserted opening looks like.
pub struct OpenContext<'a> {
    /// The report text; word spans index it.
    pub text: &'a str,
    /// The sentence's words.
    pub ws: &'a [Word<'a>],
    /// The sentence's span.
    pub sentence: Span,
    /// The trigger's first and last word.
    pub trigger: (usize, usize),
    /// The target's mention, first and last word, when it lies in this sentence.
    pub mention: Option<(usize, usize)>,
    /// The mention is a whole border or a group, not one named crossing.
    pub group: bool,
    pub published: Option<Date>,
    pub effective: Option<Date>,
    /// The report is an article (more than one paragraph): a pluperfect there recounts history; in a
    /// one-paragraph news item it is the news itself ("had recently reopened the border").
    pub article: bool,
    /// The sentence tells another change before this one ("sealed the checkpoint, hours after it had
    /// opened"): a look-back phrase then recounts history rather than telling the news.
    pub after_other_change: bool,
}

/// What becomes of the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Earned: an asserted opening stands.
    Keep,
    /// Open for some traffic only: status `restricted`.
    Restricted(Reason),
    /// Not done yet: a planned opening (status closed until it happens).
    Planned(Reason),
    /// The sentence asserts no opening at all.
    NoClaim(Reason),
}

/// Why an opening was not earned (for tests and explanations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Question,
    Condition,
    Hedge,
    Negation,
    Modal,
    Governed,
    Aimed,
    FutureDate,
    Background,
    Partial,
    Limited,
}

/// A word that names a time a present-tense change can look ahead to ("reopens on Friday", "opens
/// next week", "reopens in March"); "for the first time since 1998" is not one.
fn ahead_word(w: &str) -> bool {
    matches!(w, "tomorrow" | "tonight" | "next")
        || (w != "may" && w != "mar" && crate::timex::names_day_or_month(w))
}

/// A sentence that asserts nothing about anything: a question, or a reporter's turn in a briefing
/// transcript ("Q Is the crossing open?"). Applies to every claim, not only openings.
pub fn asserts_nothing(text: &str, ws: &[Word], sentence: Span) -> bool {
    let s = sentence.of(text).trim_end();
    let s = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    s.ends_with('?') || ws.first().is_some_and(|w| w.text == "Q" && ws.len() > 1)
}

/// A sentence that opens with a label of page furniture or of text that is not the report's own
/// telling ("Read more:", "Photo caption:", "Editor's note:", "More on this story:", "WATCH:"): it and
/// the rest of its paragraph make no claim.
pub fn is_furniture(text: &str, ws: &[Word]) -> bool {
    let lex = english();
    // A caption marked as an old picture: "… (archive).", "(file photo)".
    if let (Some(first), Some(last)) = (ws.first(), ws.last()) {
        let tail = text
            .get(first.span.start..)
            .and_then(|t| t.get(..(last.span.end - first.span.start + 3).min(t.len())))
            .unwrap_or("")
            .to_lowercase();
        if [
            "(archive)",
            "(file)",
            "(file photo)",
            "(archive photo)",
            "(photo)",
        ]
        .iter()
        .any(|m| tail.trim_end_matches(['.', ' ']).ends_with(m))
        {
            return true;
        }
    }
    let Some(first) = ws.first() else {
        return false;
    };
    if !lex.is("furniture", &first.lower) {
        return false;
    }
    // Every word of the label is a furniture word ("More on this story", "Editor's note"), and the
    // label ends with a colon (or a bar or dash) within its first five words, or is the whole line.
    let label = |n: usize| ws[..n].iter().all(|w| lex.is("furniture", &w.lower));
    let last = ws.last().map_or(0, |w| w.span.end);
    if ws.len() <= 5
        && text
            .get(last..)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        && label(ws.len())
    {
        return true;
    }
    (1..ws.len().min(6)).any(|k| {
        text.get(ws[k - 1].span.end..ws[k].span.start)
            .is_some_and(|g| g.contains(':') || g.contains(" - ") || g.contains('|'))
            && label(k)
    })
}

/// Decides whether an asserted opening is earned.
pub fn earn_open(ctx: &OpenContext) -> Verdict {
    let lex = english();
    let ws = ctx.ws;
    let (t0, t1) = ctx.trigger;
    if t0 >= ws.len() {
        return Verdict::Keep;
    }
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let gap = |k: usize| {
        // The text between word k-1 and word k.
        if k == 0 || k >= ws.len() {
            return "";
        }
        ctx.text
            .get(ws[k - 1].span.end..ws[k].span.start)
            .unwrap_or("")
    };
    // A dash between a word and its repetition ("open for — for aid") is a speaker's restart, not a
    // break in the sentence.
    let restart = |k: usize| k > 0 && lower(k) == lower(k - 1);
    let hard_break = |k: usize| {
        gap(k).contains([';', ':', '(', ')', '“', '”', '"'])
            || (gap(k).contains(['—', '–']) && !restart(k))
    };

    if asserts_nothing(ctx.text, ws, ctx.sentence) {
        return Verdict::NoClaim(Reason::Question);
    }

    // The stretch the trigger's own clause reaches back over: to the sentence start or a hard break,
    // at most fourteen words.
    let mut start = t0;
    while start > 0 && t0 - start < 14 && !hard_break(start) {
        start -= 1;
    }
    let back: Vec<usize> = (start..t0).rev().collect();
    // The words right before the trigger that belong to its verb group ("has not yet been fully").
    let adverb = |w: &str| {
        matches!(
            w,
            "be" | "been"
                | "being"
                | "fully"
                | "partially"
                | "partly"
                | "soon"
                | "also"
                | "again"
                | "then"
                | "quickly"
                | "immediately"
                | "gradually"
                | "temporarily"
                | "finally"
                | "now"
                | "back"
                | "officially"
                | "formally"
                | "re"
        )
    };
    let mut g = t0;
    while g > start && adverb(lower(g - 1)) {
        g -= 1;
    }
    // The word that governs the verb group, if any: "to", a modal, an auxiliary, a preposition.
    let head = g
        .checked_sub(1)
        .filter(|&k| k >= start)
        .map(lower)
        .unwrap_or("");

    // A condition or subordinate time opening the trigger's clause.
    if back
        .iter()
        .take(8)
        .take_while(|&&k| !gap(k + 1).contains(','))
        .any(|&k| lex.is("condition", lower(k)))
        || back.iter().take(3).any(|&k| lex.is("condition", lower(k)))
    {
        return Verdict::NoClaim(Reason::Condition);
    }
    // "Officially, the crossing reopened": a sentence that opens on what is only so on paper.
    if ws.len() > 1
        && matches!(
            lower(0),
            "officially" | "nominally" | "formally" | "theoretically"
        )
        && gap(1).contains(',')
    {
        return Verdict::NoClaim(Reason::Hedge);
    }
    // A hedge after the change in the same sentence: "…, according to unconfirmed reports".
    if (t1 + 1..ws.len()).any(|k| lex.is("hedge", lower(k))) {
        return Verdict::NoClaim(Reason::Hedge);
    }
    // A change in a clause that looks back from another ("hours after it had opened", "since it
    // reopened"): background to the sentence's own event.
    // In a one-paragraph news item with no other change ("Thousands crossed following its opening
    // by Egypt") the phrase is the news itself.
    if (ctx.article || ctx.after_other_change)
        && back
            .iter()
            .take(3)
            .take_while(|&&k| !gap(k + 1).contains(','))
            .any(|&k| matches!(lower(k), "after" | "since" | "before" | "following"))
    {
        return Verdict::NoClaim(Reason::Background);
    }
    // A hedge anywhere before the trigger in its clause, or "said to have reopened".
    if back.iter().any(|&k| lex.is("hedge", lower(k)))
        || (head == "to" && matches!(lower(g.wrapping_sub(2)), "said" | "believed" | "thought"))
    {
        return Verdict::NoClaim(Reason::Hedge);
    }
    // Negation inside the verb group or right before it: "did not reopen", "has yet to reopen", "no
    // longer open", "failed to reopen", "ruled out reopening".
    if back
        .iter()
        .take(5)
        .take_while(|&&k| !gap(k + 1).contains(','))
        .any(|&k| {
            let w = lower(k);
            lex.is("negation", w)
                && !(w == "no" && lower(k + 1) == "sooner")
                // "yet" is a negation only in "yet to"; "Yet the crossing reopened" is a conjunction.
                && (w != "yet" || lower(k + 1) == "to")
        })
    {
        return Verdict::NoClaim(Reason::Negation);
    }
    // A modal governs the verb group: "will reopen", "could open", "would be open".
    if lex.is("modal_plan", head) {
        return Verdict::Planned(Reason::Modal);
    }
    if lex.is("modal_doubt", head) {
        return Verdict::NoClaim(Reason::Modal);
    }

    // Is the trigger a finite report ("reopened", "is open") or a non-finite form that some other word
    // governs ("to reopen", "reopening", "get it open", "see it back open")?
    let trig = lower(t0);
    let nominal = matches!(
        trig,
        "opening" | "reopening" | "reopenings" | "openings" | "resumption" | "lifting"
    ) || (trig.ends_with("ing")
        && !matches!(head, "is" | "are" | "was" | "were" | "been" | "s"));
    let infinitive = head == "to";
    // "get the crossing open", "see Rafah back open": a small clause under a verb. ("We got it open"
    // is done, and "have reopened" is a perfect, not a small clause.)
    let small_clause = trig == "open"
        && back.iter().take(8).any(|&k| {
            matches!(
                lower(k),
                "get" | "getting" | "see" | "seeing" | "make" | "making"
            )
        });
    let bare = matches!(trig, "open" | "reopen") && lex.is("plan", head);
    let non_finite = nominal || infinitive || small_clause || bare;

    // The nearest governing word of a class, looking back over the clause.
    let governor = back
        .iter()
        .copied()
        .find(|&k| lex.is("plan", lower(k)) || lex.is("aim", lower(k)) || lex.is("done", lower(k)));
    if let Some(k) = governor {
        let w = lower(k);
        // A comma between a governor and a finite trigger ends the governor's reach: "After talks,
        // the crossing reopened".
        let comma_between = (k + 1..=g).any(|j| gap(j).contains(','));
        // "ensure that the crossing is back open", "hope that it reopens": a that-clause under a word
        // of planning or wanting is not a report either.
        let that_clause = (k + 1..t0).any(|j| lower(j) == "that");
        let reaches = non_finite || (that_clause && !comma_between && lex.is("that_clause", w));
        if reaches && !lex.is("done", w) {
            if lex.is("aim", w) {
                return Verdict::NoClaim(Reason::Aimed);
            }
            return Verdict::Planned(Reason::Governed);
        }
    }
    // A word that puts the change off or calls it off, before it in its clause ("suspended the order
    // that had lifted the closure") or after a noun ("the reopening … has been postponed").
    if back.iter().take(8).any(|&k| lex.is("put_off", lower(k))) {
        return Verdict::NoClaim(Reason::Negation);
    }
    if nominal {
        // What the sentence says of the change named by a noun: "A reopening is imminent", "awaits
        // approval", "has been approved in principle", "has been postponed".
        let ahead = (t1 + 1..ws.len())
            .take(12)
            .take_while(|&k| !hard_break(k))
            .map(lower);
        for w in ahead {
            if lex.is("put_off", w) || lex.is("aim", w) || lex.is("negation", w) {
                return Verdict::NoClaim(Reason::Aimed);
            }
            if lex.is("plan", w) || lex.is("modal_plan", w) {
                return Verdict::Planned(Reason::Governed);
            }
        }
    }
    // A present-tense change with a time ahead of it ("It reopens on Friday"): news tells what is
    // coming in the present; a plan.
    if trig.ends_with('s')
        && !trig.ends_with("ss")
        && (t1 + 1..ws.len()).take(6).any(|k| ahead_word(lower(k)))
    {
        return Verdict::Planned(Reason::FutureDate);
    }
    // "X to reopen on Monday" in a headline: an infinitive with no governor is a plan.
    if infinitive && governor.is_none() {
        return Verdict::Planned(Reason::Governed);
    }
    // A date after publication.
    if let (Some(e), Some(p)) = (ctx.effective, ctx.published)
        && e > p
    {
        return Verdict::Planned(Reason::FutureDate);
    }
    // A recounted earlier opening: the pluperfect ("had reopened"), or "initially", "previously".
    if back.iter().take(4).any(|&k| {
        (lower(k) == "had" && ctx.article) || (lex.is("background", lower(k)) && lower(k) != "once")
    }) {
        return Verdict::NoClaim(Reason::Background);
    }

    // Part of something: a quantifier before the mention ("one of its three crossings", "two of the
    // four checkpoints", "some lanes at", "part of the port").
    if let Some((m0, _)) = ctx.mention {
        for k in (m0.saturating_sub(4)..m0).rev() {
            let w = lower(k);
            // A number counts only as "one of", "two of": "the two crossings" are both.
            let number = matches!(w, "one" | "two" | "three" | "four" | "five" | "six");
            if (lex.is("partial", w) && (!number || lower(k + 1) == "of")) || lex.is("part", w) {
                return Verdict::Restricted(Reason::Partial);
            }
            // Traffic of one kind as the subject: "Coal exports through X resumed".
            if lex.is("limited", w) && !lex.is("everyone", w) && m0 < t0 {
                return Verdict::Restricted(Reason::Limited);
            }
        }
    }
    // What moves through, named inside the verb phrase: "getting aid through Rafah" is aid only.
    // Hours that were lengthened ("extended its hours") are more opening, not a limit.
    let lengthened = |k: usize| lower(k) == "hours" && lower(t0).starts_with("extend");
    if (t0 + 1..t1)
        .any(|k| lex.is("limited", lower(k)) && !lex.is("everyone", lower(k)) && !lengthened(k))
    {
        return Verdict::Restricted(Reason::Limited);
    }
    // "a partial reopening", "partially reopened".
    if back.iter().take(2).any(|&k| lex.is("part", lower(k))) {
        return Verdict::Restricted(Reason::Partial);
    }
    // "reopened its crossings, except Salla": an exception leaves the group not wholly open.
    if ctx.group
        && (t1 + 1..ws.len()).any(|k| {
            matches!(lower(k), "except" | "excluding")
                || (lower(k) == "apart" && lower(k + 1) == "from")
                || (lower(k) == "other" && lower(k + 1) == "than")
        })
    {
        return Verdict::Restricted(Reason::Partial);
    }
    // "Although the gate reopened, lorries will not move until Friday", "…, but lorries still need a
    // certificate": a concession that keeps some traffic out.
    let concessive = back
        .iter()
        .any(|&k| matches!(lower(k), "although" | "though"))
        || (t1 + 1..ws.len())
            .any(|k| matches!(lower(k), "but" | "although" | "though" | "however"));
    if concessive {
        let later: Vec<&str> = (t1 + 1..ws.len()).map(lower).collect();
        // "…, but lorries still need a certificate", "…, but people may not cross": some traffic,
        // or people at large, held back.
        let some_traffic = later.iter().any(|w| {
            (lex.is("limited", w) && !lex.is("everyone", w))
                || matches!(
                    *w,
                    "people" | "passengers" | "travellers" | "travelers" | "cars" | "vehicles"
                )
        });
        let held = later.iter().any(|w| {
            lex.is("negation", w) || matches!(*w, "still" | "need" | "needs" | "remain" | "remains")
        });
        if some_traffic && held {
            return Verdict::Restricted(Reason::Limited);
        }
    }

    // Limited openings: "reopened for trucks", "open to pedestrians only", "opened for aid", "for
    // four hours a day", "in one direction". The scope is read after the trigger (and its object), up
    // to a clause break, and must be introduced by "for", "to", "only" or "in".
    let after_end = ((t1 + 1)..ws.len())
        .take(14)
        // A comma ends the scope: "reopened on Wednesday, traders in the town said" names no one let
        // through.
        .take_while(|&k| {
            !hard_break(k)
                && !gap(k).contains(',')
                && !matches!(lower(k), "but" | "while" | "after")
        })
        .last()
        .map_or(t1 + 1, |k| k + 1);
    // "open on the way in": one direction.
    // Spoken: "open for stuff getting in", "for people going out": what moves one way only.
    let one_way = (t1 + 1..after_end).any(|k| {
        (lower(k) == "way" && lower(k - 1) == "the" && matches!(lower(k + 1), "in" | "out"))
            || (matches!(
                lower(k),
                "getting" | "coming" | "going" | "moving" | "heading" | "flowing"
            ) && matches!(lower(k + 1), "in" | "out" | "into" | "inside"))
    });
    let mut limited = one_way;
    let mut everyone = false;
    for k in t1 + 1..after_end {
        let w = lower(k);
        let introduced = (k.saturating_sub(4)..k).any(|j| {
            matches!(
                lower(j),
                "for" | "to" | "only" | "in" | "except" | "solely" | "exclusively"
            )
        });
        if !introduced {
            continue;
        }
        if lex.is("everyone", w) && !lex.is("limited", lower(k.wrapping_sub(1))) {
            everyone = true;
        } else if lex.is("limited", w) {
            limited = true;
        }
    }
    // "only" right before the trigger or its group: "only opened for", "opened only".
    let only = back.iter().take(2).any(|&k| lower(k) == "only") || lower(t1 + 1) == "only";
    if limited && (!everyone || only) {
        return Verdict::Restricted(Reason::Limited);
    }
    Verdict::Keep
}

/// The report takes back or contradicts an asserted opening, so it is not earned:
///
/// - a later sentence of the same paragraph retracts what was reported ("The agency withdrew the
///   report", "The ministry corrected him"): an opening told before it is dropped;
/// - the report also holds the same target closed, kept closed or only partly open, and does not
///   date the opening after that state: the report contradicts itself, and the opening gives way
///   (dropped against a closure, `restricted` against a restriction). A closure told in the same
///   sentence as the opening is the history it ends ("reopened on Wednesday after closing it"), not
///   a contradiction.
///
/// - a headline's opening that the body does not tell again (a headline drops the qualifications).
///
/// `sentences` are the report's sentences (for what follows a claim's sentence); `headline` the span
/// of the report's headline line, if it opens with one.
pub fn settle(
    claims: Vec<crate::Claim>,
    text: &str,
    sentences: &[crate::segment::Sentence],
    headline: Option<Span>,
    lex: &crate::lexicon::Lexicon,
) -> Vec<crate::Claim> {
    // A sentence after `at`, in the same paragraph, with a word that takes something back. Read only
    // for reports that assert an opening, so the cost stays off the common path.
    let retracted_after = |at: Span| {
        let Some(i) = sentences.iter().position(|s| s.span == at) else {
            return false;
        };
        sentences[i + 1..]
            .iter()
            .take_while(|s| s.paragraph == sentences[i].paragraph)
            .any(|s| {
                s.span
                    .of(text)
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| lex.is("retraction", &lex.key(w)))
            })
    };
    use crate::{Change, Modality, Status};
    let target = |c: &crate::Claim| crate::pipeline::key(c).0;
    let open = |c: &crate::Claim| c.status == Status::Open && c.modality == Modality::Asserted;
    let mut out: Vec<crate::Claim> = Vec::with_capacity(claims.len());
    for (i, c) in claims.iter().enumerate() {
        if !open(c) {
            out.push(c.clone());
            continue;
        }
        if retracted_after(c.evidence.sentence) {
            continue;
        }
        let t = target(c);
        // A headline compresses and drops the qualifications: its opening stands only when the body
        // tells something of the same target.
        if headline == Some(c.evidence.sentence)
            && !claims
                .iter()
                .any(|o| target(o) == t && o.evidence.sentence != c.evidence.sentence)
        {
            continue;
        }
        let mut verdict = Some(c.clone());
        for (j, o) in claims.iter().enumerate() {
            // A planned opening of the same target says it is not open yet, as a closure does.
            let planned = o.modality == Modality::Planned && o.change == Change::PlannedOpening;
            if i == j || target(o) != t || (o.modality != Modality::Asserted && !planned) {
                continue;
            }
            let against = match o.status {
                Status::Closed => true,
                Status::Restricted => false,
                _ => continue,
            };
            // Same sentence: a closure there is the history the opening ends ("reopened on
            // Wednesday after closing it"); a state there still holds ("…; La Mesilla stays shut").
            // A state told in the pluperfect there ("which had been closed since March") is the
            // history too.
            let pluperfect = text
                .get(o.evidence.sentence.start..o.evidence.trigger.start)
                .is_some_and(|before| {
                    let tail: Vec<&str> = before.split_whitespace().rev().take(3).collect();
                    tail.iter().any(|w| w.eq_ignore_ascii_case("had"))
                });
            if o.evidence.sentence == c.evidence.sentence
                && (o.change == Change::Closed || pluperfect)
            {
                continue;
            }
            // Dated after the other: the opening is the later news. A state in force ("has been
            // closed since Friday", "remains shut") holds at the report's time, whatever its start.
            let state = matches!(o.change, Change::ExtendedClosure | Change::NoChange);
            if let (Some(a), Some(b)) = (c.effective.date, o.effective.date)
                && a > b
                && !state
            {
                continue;
            }
            if against {
                verdict = None;
                break;
            }
            if let Some(v) = verdict.as_mut() {
                v.status = Status::Restricted;
            }
        }
        out.extend(verdict);
    }
    out
}

/// "The Jaber crossing has reopened. Jordanian nationals may use it to return home.": who may pass,
/// told in the sentence after the opening. `next` is the sentence that follows the opening's sentence
/// in its paragraph; when it speaks of the crossing ("it", "the crossing", its name) in words of
/// permission ("may", "can", "only", "allowed") for some traffic only, the opening is `restricted`.
pub fn limited_after(text: &str, next: Span, mention: &str) -> bool {
    let lex = english();
    let s = next.of(text);
    let ws = crate::words::words(s);
    let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
    let refers = lower.iter().any(|w| {
        matches!(
            *w,
            "it" | "crossing" | "crossings" | "border" | "post" | "gate"
        )
    }) || (!mention.is_empty() && s.contains(mention));
    let permission = lower.iter().any(|w| {
        matches!(
            *w,
            "may" | "can" | "only" | "allowed" | "permitted" | "authorised" | "authorized"
        )
    });
    let some = lower
        .iter()
        .any(|w| lex.is("limited", w) && !lex.is("everyone", w) && *w != "only");
    refers && permission && some
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn whole(text: &str) -> Span {
        Span::new(0, text.len())
    }

    #[test]
    fn questions_and_reporters_turns_assert_nothing() {
        for t in [
            "Will the Torkham crossing reopen this week?",
            "Is the bridge open or not?\"",
            "Q And the crossing at Rafah, is it open now",
        ] {
            assert!(asserts_nothing(t, &words(t), whole(t)), "{t}");
        }
        let t = "The Torkham crossing reopened on Monday.";
        assert!(!asserts_nothing(t, &words(t), whole(t)));
    }

    #[test]
    fn furniture_labels_are_recognised_and_prose_is_not() {
        for t in [
            "Read more: Torkham reopens after a week",
            "Photo caption: lorries at the gate",
            "More on this story:",
            "WATCH | Queues at the bridge",
            "Cars queue at the bridge, open again after the storm (archive).",
        ] {
            assert!(is_furniture(t, &words(t)), "{t}");
        }
        for t in [
            "Read the statement in full, the ministry said.",
            "More trucks crossed: about forty an hour.",
            "The crossing reopened: traders cheered.",
        ] {
            assert!(!is_furniture(t, &words(t)), "{t}");
        }
    }

    #[test]
    fn who_may_pass_in_the_next_sentence_limits_the_opening() {
        let t = "Nationals may use the crossing to return home.";
        assert!(limited_after(t, whole(t), "Jaber"));
        let t = "Traffic is heavy at the crossing this morning.";
        assert!(!limited_after(t, whole(t), "Jaber"));
    }
}
