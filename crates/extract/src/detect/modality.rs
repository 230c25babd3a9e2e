//! Modality: what the sentence does with a trigger — asserts it, plans it, doubts it, denies it, ties it
//! to a condition, or only talks about it (a call, a demand, an attempt, a habit, a hypothesis: no
//! claim). Each cue is read by a function of its own; `decide` turns the cues and the verb into a
//! change and a modality.

use super::verbs::{alternates, is_habit_adverb, is_manner_adverb};
use super::{Trigger, Verb, lower_at};
use crate::Span;
use crate::doc::Sentence;
use crate::words::Word;
use crate::{Change, Modality};

/// Words that govern an infinitive (or a noun: "authorized the reopening") and make the change a plan.
const PLAN_GOVERNORS: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "decide",
    "decides",
    "decided",
    "agree",
    "agrees",
    "agreed",
    "set",
    "expected",
    "scheduled",
    "supposed",
    "meant",
    "due",
    "intends",
    "intend",
    "intended",
    "going",
    "announce",
    "announces",
    "announced",
    "vow",
    "vows",
    "vowed",
    "pledge",
    "pledges",
    "pledged",
    "promise",
    "promises",
    "promised",
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "ready",
    "prepared",
    "preparing",
    "prepares",
    "authorized",
    "authorised",
    "authorizes",
    "authorises",
    "approved",
    "approves",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "shall",
    "ll",
    "likely",
    "poised",
    "about",
];

/// Words that govern an infinitive and make the change only talked about: no claim.
const TALK_GOVERNORS: &[&str] = &[
    "call",
    "calls",
    "called",
    "calling",
    "urge",
    "urges",
    "urged",
    "urging",
    "ask",
    "asks",
    "asked",
    "asking",
    "demand",
    "demands",
    "demanded",
    "press",
    "pressed",
    "presses",
    "appeal",
    "appeals",
    "appealed",
    "talks",
    "negotiations",
    "negotiate",
    "negotiating",
    "sought",
    "seek",
    "seeks",
    "seeking",
    "try",
    "tries",
    "tried",
    "trying",
    "attempt",
    "attempts",
    "attempted",
    "attempting",
    "effort",
    "efforts",
    "want",
    "wants",
    "wanted",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "wish",
    "needs",
    "need",
    "must",
    "should",
    "pressure",
    "pressured",
    "consider",
    "considers",
    "considering",
    "considered",
    "mull",
    "mulls",
    "discuss",
    "discussed",
    "discussing",
    "discusses",
    "propose",
    "proposes",
    "proposed",
    "proposal",
    "plea",
    "opposes",
    "opposed",
    "oppose",
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "fail",
    "fails",
    "failed",
    "feared",
    "fears",
    "fear",
    "fearful",
    "warns",
    "warned",
    "criteria",
    "allowed",
    "able",
    "unable",
    "wanting",
    "request",
    "requests",
    "requested",
    "lobbied",
    "protest",
    "protests",
    "protested",
    "protesting",
    "condemn",
    "condemns",
    "condemned",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "opposing",
    "require",
    "requires",
    "required",
    "rumours",
    "rumors",
    "rumour",
    "rumor",
    "believing",
    "believed",
    "speculation",
    "idea",
];

/// Words that say the sentence does not assert the change happened.
const UNCERTAIN: &[&str] = &[
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "reportedly",
    "rumoured",
    "rumored",
];

/// Decides the modality and change of the trigger at word `i`, or `None` when the sentence only talks about it.
pub(super) fn judge(sentence: &Sentence, i: usize, verb: Verb, span: Span) -> Option<Trigger> {
    let (text, ws) = (sentence.text, &sentence.words[..]);
    let (clause_start, clause_end) = sentence.clause(i);
    let at = At {
        text,
        ws,
        i,
        clause_start,
        clause_end,
    };
    // "It had been the last crossing still open": a state told in the pluperfect held before what the
    // report tells, and usually no longer holds. Reading it as the state now could call a closed
    // crossing open, so it makes no claim.
    if matches!(verb, Verb::StayOpen | Verb::StateClosed)
        && pluperfect(text, ws, at.clause_start, i)
    {
        return None;
    }
    let cues = Cues::read(&at, verb);
    let (change, modality) = decide(verb, &cues, at.trigger())?;
    // A state phrase that is negated flips: "is not open" describes a closed crossing.
    let verb = if verb == Verb::StayOpen && cues.negated {
        Verb::StateClosed
    } else {
        verb
    };
    Some(Trigger {
        span,
        word: i,
        last_word: i,
        noun: false,
        verb,
        modality,
        change,
        after_closure: false,
        background: false,
        recounted: false,
        passage: false,
    })
}

/// The trigger's place in its sentence, and the look-ups every cue makes.
struct At<'a> {
    text: &'a str,
    ws: &'a [Word<'a>],
    /// The trigger word.
    i: usize,
    /// The trigger's clause, `[clause_start, clause_end)`.
    clause_start: usize,
    clause_end: usize,
}

impl<'a> At<'a> {
    fn word(&self, k: usize) -> &'a str {
        lower_at(self.ws, k)
    }
    /// The word `k` places before the trigger ("" before the sentence).
    fn before(&self, k: usize) -> &'a str {
        lower_at(self.ws, self.i.wrapping_sub(k))
    }
    fn trigger(&self) -> &'a str {
        self.word(self.i)
    }
    /// The text between word `k - 1` and word `k` ("" at the sentence's ends).
    fn gap_before(&self, k: usize) -> &'a str {
        let (Some(a), Some(b)) = (
            k.checked_sub(1).and_then(|p| self.ws.get(p)),
            self.ws.get(k),
        ) else {
            return "";
        };
        self.text.get(a.span.end..b.span.start).unwrap_or("")
    }
    /// The words of the clause before the trigger, nearest first.
    fn clause_back(&self) -> impl Iterator<Item = usize> + use<> {
        (self.clause_start..self.i).rev()
    }
    fn clause_back_has(&self, n: usize, f: impl Fn(&'a str) -> bool) -> bool {
        self.clause_back().take(n).any(|k| f(self.word(k)))
    }
    /// Some word of the clause before the trigger satisfies `f`.
    fn in_clause_before(&self, f: impl Fn(usize) -> bool) -> bool {
        (self.clause_start..self.i).any(f)
    }
    /// The words after the trigger, up to `n` of them.
    fn after(&self, n: usize) -> std::ops::Range<usize> {
        self.i + 1..(self.i + n).min(self.ws.len())
    }
}

/// Everything around a trigger that bears on its modality, each read by a function of its own below.
struct Cues<'a> {
    /// "did not close", "has not reopened", "no longer open".
    negated: bool,
    /// Someone's report, claim or rumour is mentioned before the trigger.
    reported: bool,
    /// "denied closing", "reports that it closed are untrue".
    denied: bool,
    /// "it is unclear when …", "no date has been set for the reopening".
    unclear: bool,
    /// "may close", "could reopen", "reportedly".
    doubtful: bool,
    /// A word of planning that governs the trigger ("plans to", "agreed to", "will").
    plan_governor: Option<&'a str>,
    /// "the planned reopening", "authorised the reopening".
    planned_noun: bool,
    /// The change is only talked about: a call, a demand, a hope, a habit, a hypothesis …
    talk: bool,
    /// "shutting the frontier would hurt", "would have opened".
    hypothetical: bool,
    /// "the latest attempt to reopen has failed".
    failed_attempt: bool,
    /// "declared its frontier shut".
    declared: bool,
    /// "refused to reopen", "failed to open".
    refused: bool,
    /// "postponed the reopening".
    postponed: bool,
    /// "has yet to reopen".
    not_yet: bool,
    /// A plan tied to a condition: "will close the border if attacks continue".
    conditional: bool,
    /// Governed by "will", "would", "shall".
    modal_plan: bool,
    /// Someone is quoted or reported as saying it.
    spoken: bool,
}

impl<'a> Cues<'a> {
    fn read(at: &At<'a>, verb: Verb) -> Cues<'a> {
        let governor = governor(at);
        let plan_governor = plan_governor(at, governor);
        let unclear = unclear(at);
        let hypothetical = hypothetical(at);
        let none_of_it = none_of_it(at);
        let reported = reported(at);
        let modal_plan = governor.is_some_and(|g| matches!(g, "will" | "would" | "shall" | "ll"));
        Cues {
            negated: negated(at),
            reported,
            denied: denied(at, reported),
            unclear,
            doubtful: doubtful(at),
            plan_governor,
            planned_noun: planned_noun(at),
            talk: talk(
                at,
                governor,
                plan_governor,
                unclear,
                hypothetical,
                none_of_it,
            ),
            hypothetical,
            failed_attempt: failed_attempt(at, governor),
            declared: declared(at, verb, governor),
            refused: governor.is_some_and(is_refusal),
            postponed: postponed(at),
            not_yet: (1..=3).any(|k| at.before(k) == "to" && at.before(k + 1) == "yet"),
            conditional: conditional(at) && modal_plan && !unclear && !hypothetical && !none_of_it,
            modal_plan,
            spoken: spoken(at),
        }
    }
}

/// The change and modality the cues make of the verb, or `None` when the sentence only talks about it.
/// The order of the arms is the order of precedence: a condition, then doubt, then what keeps an
/// opening from having happened, then denial, then talk, then plans, then the plain report.
fn decide(verb: Verb, c: &Cues, trigger: &str) -> Option<(Change, Modality)> {
    use Change::*;
    use Verb::*;
    Some(match verb {
        Open | Reopen if c.conditional && !c.negated => (PlannedOpening, Modality::Conditional),
        Close if c.conditional && !c.negated => (PlannedClosure, Modality::Conditional),
        Open | Reopen if c.unclear => (ExtendedClosure, Modality::Uncertain),
        // "denied that the crossing had reopened", "has yet to reopen": still shut.
        Open | Reopen
            if c.refused
                || c.negated
                || c.failed_attempt
                || c.postponed
                || c.denied
                || c.not_yet =>
        {
            (ExtendedClosure, Modality::Asserted)
        }
        Close | StateClosed
            if c.declared
                && !c.negated
                && !c.denied
                && !c.doubtful
                && !c.hypothetical
                && !c.talk =>
        {
            (Closed, Modality::Asserted)
        }
        _ if c.hypothetical => return None,
        Close | Restrict | StateClosed if c.denied => (DeniedClosure, Modality::Denied),
        // "Iran says it has not closed the crossing", "was not closed, contrary to earlier reports":
        // a closure said not to have happened is denied, as with "denied closing".
        Close | StateClosed if c.negated && (c.spoken || c.reported) && !c.modal_plan => {
            (DeniedClosure, Modality::Denied)
        }
        // "Nationals might be able to cross at X with special permission": a hedged permission for
        // some is at most a restriction, told as uncertain.
        Restrict
            if c.doubtful
                && !c.talk
                && !c.negated
                && matches!(trigger, "can" | "able" | "possible") =>
        {
            (Restricted, Modality::Uncertain)
        }
        _ if c.talk || c.doubtful => return None,
        Close if c.negated => return None,
        Restrict if c.negated => return None,
        Open | Reopen if c.plan_governor.is_some() || c.planned_noun => {
            (PlannedOpening, Modality::Planned)
        }
        Close if c.plan_governor.is_some() || c.planned_noun => (PlannedClosure, Modality::Planned),
        Restrict if c.plan_governor.is_some() => (Restricted, Modality::Planned),
        Open => (Opened, Modality::Asserted),
        Reopen => (Reopened, Modality::Asserted),
        Close => (Closed, Modality::Asserted),
        Restrict => (Restricted, Modality::Asserted),
        StayClosed if c.negated => return None,
        StayClosed => (ExtendedClosure, Modality::Asserted),
        StayOpen if c.negated => (NoChange, Modality::Asserted),
        // "would be open on Sunday", "will remain open": a forecast or a promise, not the state now.
        StayOpen if c.modal_plan || c.plan_governor.is_some_and(|g| g != "to") => {
            (NoChange, Modality::Planned)
        }
        StayOpen | StateClosed => (NoChange, Modality::Asserted),
    })
}

/// Negation right before the trigger: "did not close", "has not reopened", "no longer open", "un-".
fn negated(at: &At) -> bool {
    at.clause_back_has(4, |w| {
        matches!(w, "not" | "never" | "t" | "no" | "nor" | "without")
    }) || at.before(1) == "un"
        && at
            .text
            .get(at.ws[at.i].span.start.saturating_sub(1)..at.ws[at.i].span.start)
            == Some("-")
}

/// A report, claim or rumour is mentioned anywhere before the trigger.
fn reported(at: &At) -> bool {
    (0..at.i).any(|k| {
        matches!(
            at.word(k),
            "reports" | "claims" | "rumours" | "rumors" | "reported"
        )
    })
}

/// Denial: "denied closing", "denies that the border was closed", "denied reports of a closure".
/// "Reports that the crossings have been closed are not true": a report, then its denial.
fn denied(at: &At, reported: bool) -> bool {
    let refuted_after = at.after(8).any(|k| {
        matches!(
            at.word(k),
            "untrue" | "false" | "baseless" | "groundless" | "incorrect" | "unfounded"
        ) || (at.word(k) == "true" && matches!(at.word(k - 1), "not" | "t"))
    });
    // "I wouldn't characterize it as closed", "we do not consider it shut": the speaker refuses the
    // word for it.
    let description_refused = at.in_clause_before(|k| {
        matches!(
            at.word(k),
            "characterize" | "characterise" | "describe" | "call" | "consider" | "considering"
        ) && (1..=2).any(|d| matches!(at.word(k.wrapping_sub(d)), "not" | "t" | "never"))
            && at.i - k <= 4
    });
    (reported && refuted_after)
        || description_refused
        || at.in_clause_before(|k| {
            matches!(
                at.word(k),
                "deny" | "denies" | "denied" | "denying" | "dismissed" | "rejected" | "refuted"
            )
        })
}

/// Uncertainty: "it was not clear when … would reopen", "no date has been set for the reopening",
/// "the reopening remains uncertain".
fn unclear(at: &At) -> bool {
    let no_date = at.in_clause_before(|k| {
        at.word(k) == "no"
            && matches!(
                at.word(k + 1),
                "date" | "dates" | "timeline" | "timetable" | "decision" | "indication" | "sign"
            )
    });
    let doubted_after = matches!(at.trigger(), "opening" | "reopening")
        && (at.i + 1..at.clause_end).any(|k| {
            matches!(at.word(k), "uncertain" | "unclear" | "unknown" | "doubtful")
                || (at.word(k) == "doubt" && at.word(k - 1) == "in")
        });
    no_date
        || doubted_after
        || at.in_clause_before(|k| {
            matches!(at.word(k), "unclear" | "uncertain" | "unknown" | "unlikely")
                || (at.word(k) == "clear" && matches!(at.word(k.wrapping_sub(1)), "not" | "t"))
                || (at.word(k) == "known" && matches!(at.word(k.wrapping_sub(1)), "not" | "t"))
        })
}

/// A hedge within three words before the trigger: "may close", "could reopen". "May" capitalised
/// inside a sentence is the month ("which reopened in May, closed again").
fn doubtful(at: &At) -> bool {
    let month_may = |k: usize| k > 0 && at.ws[k].text == "May";
    // "a video claiming Georgia had shut the border", "posts alleging that the gate was closed": an
    // unverified claim governs the clause it introduces, so it reaches past the clause's start.
    let alleged = (at.i.saturating_sub(8)..at.i).any(|k| {
        matches!(
            at.word(k),
            "claiming"
                | "alleging"
                | "allegedly"
                | "purportedly"
                | "purported"
                | "unconfirmed"
                | "unverified"
        )
    });
    alleged
        || at
            .clause_back()
            .take(3)
            .any(|k| UNCERTAIN.contains(&at.word(k)) && !month_may(k))
}

/// The infinitive or auxiliary governing the trigger: "to reopen" (the word before "to", or "to"),
/// "will close", "to be closed", looking back over a few adverbs and auxiliaries.
fn governor<'a>(at: &At<'a>) -> Option<&'a str> {
    for k in 1..=4 {
        let w = at.before(k);
        if matches!(w, "the" | "a" | "an") && at.before(k + 1) == "to" {
            continue;
        }
        if w == "to" {
            let g = at.before(k + 1);
            let g = if g == "be" || g == "been" {
                at.before(k + 2)
            } else {
                g
            };
            return Some(if g.is_empty() { "to" } else { g });
        }
        if matches!(w, "will" | "shall" | "ll" | "would" | "won") {
            return Some(if w == "won" { "will" } else { w });
        }
        if !matches!(
            w,
            "be" | "been"
                | "not"
                | "soon"
                | "also"
                | "then"
                | "gradually"
                | "partially"
                | "fully"
                | "the"
                | "a"
                | "an"
                | "temporarily"
                | "permanently"
                | "only"
                | "again"
                | "immediately"
                | "finally"
                | "now"
                | "reportedly"
        ) {
            return None;
        }
    }
    None
}

/// "the planned reopening", "plans for the closure", "authorized the reopening of"; "the agreement will
/// bring the reopening of …": a change named by a noun that is the object of a verb in the future has
/// not happened yet.
fn planned_noun(at: &At) -> bool {
    matches!(
        at.before(1),
        "planned" | "proposed" | "scheduled" | "expected"
    ) || matches!(
        at.before(2),
        "plan"
            | "plans"
            | "decision"
            | "authorized"
            | "authorised"
            | "approved"
            | "agreed"
            | "decided"
    ) && at.before(1) == "the"
        || (matches!(
            at.trigger(),
            "opening" | "reopening" | "closure" | "closing" | "shutdown"
        ) && matches!(at.before(1), "the" | "a" | "its")
            && matches!(at.before(3), "will" | "would" | "shall" | "ll"))
}

/// "we are forced to close the border": an obligation told in the present is what the speaker is
/// about to do, a plan; "was forced to close" is done.
fn obliged_now(at: &At, j: usize) -> bool {
    matches!(at.word(j), "forced" | "compelled" | "obliged")
        && matches!(
            at.word(j.wrapping_sub(1)),
            "am" | "is" | "are" | "re" | "m" | "s"
        )
}

fn plans_ahead(w: &str) -> bool {
    PLAN_GOVERNORS.contains(&w) && !matches!(w, "is" | "are" | "was" | "were" | "would")
}

/// The word of planning that governs the trigger, if any. Only planning words make a governed
/// change a plan; "prompting the authorities to extend" asserts it.
fn plan_governor<'a>(at: &At<'a>, governor: Option<&'a str>) -> Option<&'a str> {
    let i = at.i;
    let mut plan_governor = governor.filter(|g| PLAN_GOVERNORS.contains(g) || *g == "to");
    if plan_governor.is_none()
        && at
            .clause_back()
            .take(4)
            .any(|k| k > 0 && at.word(k) == "to" && obliged_now(at, k - 1))
    {
        plan_governor = Some("forced");
    }
    // "agrees with Syria's president to open …": the planning verb may stand further back.
    // "plans emergency measures, including … closing the border": a gerund inside a plan is planned.
    if plan_governor.is_none() && at.trigger().ends_with("ing") {
        // An "including" list spells out the plan named before it, even when a quoted phrase ends the
        // clause in between ('plans "special steps", including closing the border'): then the look-back
        // runs past the clause start, up to twenty words.
        let including = at.clause_back_has(8, |w| w == "including");
        let from = if including {
            i.saturating_sub(20)
        } else {
            at.clause_start
        };
        plan_governor = (from..i)
            .rev()
            .take(if including { 20 } else { 12 })
            .map(|k| at.word(k))
            .find(|w| matches!(*w, "plan" | "plans" | "planned" | "planning"));
    }
    if plan_governor.is_none() && governor.is_some() {
        plan_governor = at
            .clause_back()
            .take(10)
            .map(|k| at.word(k))
            .find(|w| plans_ahead(w));
    }
    // "agreed to resume flights, reopen two crossings and expand trade": a bare verb that opens a
    // later member of a list still depends on the "agree to" that opened the list, so it is planned
    // as much as the first member. A short time phrase may stand between the planning verb and its
    // "to" ("agreed on Tuesday to resume …").
    if plan_governor.is_none()
        && governor.is_none()
        && matches!(
            at.trigger(),
            "open" | "reopen" | "close" | "shut" | "seal" | "restrict"
        )
        && i > 0
        && (at.clause_start == i || at.before(1) == "and" || at.gap_before(i).contains(','))
    {
        let governs = |j: usize| plans_ahead(at.word(j)) || obliged_now(at, j);
        // "will deploy troops and close the border": a modal that opened the list governs its later
        // members as well, unless it belongs to a relative clause ("who will meet, close …").
        let modal_heads = |k: usize| {
            matches!(at.word(k), "will" | "shall" | "ll" | "would")
                && !(k.saturating_sub(2)..k).any(|j| matches!(at.word(j), "who" | "which" | "that"))
        };
        plan_governor = (i.saturating_sub(15)..i)
            .rev()
            .filter(|&k| k > 0 && (at.word(k) == "to" || modal_heads(k)))
            .filter(|&k| !(k..i).any(|j| at.gap_before(j + 1).contains([';', ':', '(', '"'])))
            .find_map(|k| {
                if at.word(k) != "to" {
                    return Some("will");
                }
                (k.saturating_sub(4)..k)
                    .rev()
                    .find(|&j| governs(j))
                    .map(|j| at.word(j))
            });
    }
    plan_governor
}

/// The change is only talked about, not reported: a description ("the last state to reopen"), a
/// plan that does not exist, a subordinate clause or a habit, a hypothesis, a demand, a fear, an
/// "if", a gerund that did not happen, or a governing word of talk ("urged … to reopen").
fn talk(
    at: &At,
    governor: Option<&str>,
    plan_governor: Option<&str>,
    unclear: bool,
    hypothetical: bool,
    none_of_it: bool,
) -> bool {
    // "criticised Chile's plan to reopen the pass": the plan is reported, whatever one thinks of it.
    let lexical_plan = governor.is_some_and(|g| {
        PLAN_GOVERNORS.contains(&g)
            && !matches!(
                g,
                "is" | "are" | "was" | "were" | "will" | "would" | "shall" | "ll" | "to"
            )
    });
    descriptive_infinitive(at, plan_governor)
        || none_of_it
        || subordinate_or_habit(at)
        || hypothetical
        || demanded_noun(at)
        || (talked_in_clause(at, governor) && !lexical_plan)
        || gerund_not_done(at)
        || talked_about(at)
        || wished(at)
        || governor.is_some_and(|g| TALK_GOVERNORS.contains(&g))
        || at.clause_back().take(4).any(|k| {
            let w = at.word(k);
            TALK_GOVERNORS.contains(&w)
                && !is_refusal(w)
                && !asked_adjunct(at, k)
                && !talk_settled(at, k)
        })
        || at.clause_back_has(4, |w| matches!(w, "if" | "unless")) && !unclear
}

/// The talk word at `k` is the subject of a verb of outcome before the trigger: "Protests ended
/// with the reopening of …", "talks led to the reopening": the talk is over and the change is what it
/// ended in, not what was talked about. (A plan or hedge after the outcome verb — "ended with a
/// promise to reopen" — is judged on its own.)
fn talk_settled(at: &At, k: usize) -> bool {
    (k + 1..at.i.min(k + 9)).any(|j| {
        matches!(
            (at.word(j), at.word(j + 1)),
            (
                "end" | "ends" | "ended" | "concluded" | "concludes",
                "with" | "in"
            ) | ("led" | "leads", "to")
                | ("resulted" | "results" | "culminated" | "culminates", "in")
        )
    })
}

/// "refused to reopen", "failed to open": governors of talk that still say something happened.
fn is_refusal(w: &str) -> bool {
    matches!(
        w,
        "refuse" | "refuses" | "refused" | "refusing" | "fail" | "fails" | "failed"
    )
}

/// "the final state on the continent to reopen to visitors": a description, not a change.
/// ", only to close again" is not that: it tells what happened next.
fn descriptive_infinitive(at: &At, plan_governor: Option<&str>) -> bool {
    let only_to_next = at.before(1) == "to"
        && at.before(2) == "only"
        && at.i >= 3
        && at.gap_before(at.i - 2).contains(',');
    at.before(1) == "to"
        && !only_to_next
        && (2..=8).any(|k| matches!(at.before(k), "last" | "first" | "only"))
        && plan_governor.is_none_or(|g| g == "to")
}

/// "when the port reopens", "once the crossing opens", "usually opens": not a report that it did.
fn subordinate_or_habit(at: &At) -> bool {
    let i = at.i;
    // "… opened for an hour before being shut again": a later change told in sequence. "Open until
    // Monday, when it was closed": "when" after a named time tells what happened then. Either starts
    // the change's own phrase: words before it are not looked at.
    // "… before it was halted again" likewise: "again" marks a change that followed.
    let again = at.word(i + 1) == "again";
    let told_in_sequence = |k: usize| {
        let w = at.word(k);
        (w == "before" && (at.word(k + 1) == "being" || again))
            || (w == "when"
                && k > 0
                && crate::timex::starts_time(at.word(k - 1))
                && at.gap_before(k).contains(','))
    };
    let own_start = at
        .clause_back()
        .take(5)
        .find(|&k| told_in_sequence(k))
        .map_or(at.clause_start, |k| k + 1);
    let before = (own_start..i).rev().take(5).any(|k| {
        let w = at.word(k);
        matches!(
            w,
            "when" | "once" | "whether" | "normally" | "until" | "before"
        ) || is_habit_adverb(w)
    });
    // "close the passes regularly in winter": a habit adverb after the verb, in its own clause, makes
    // it a habit too.
    before
        || (i + 1..at.clause_end.min(i + 12)).any(|k| is_habit_adverb(at.word(k)))
        || alternates(at.ws, i)
}

/// "shutting the frontier would hurt local farmers": a gerund that is only a hypothesis; "would have
/// opened borders": a counterfactual.
fn hypothetical(at: &At) -> bool {
    (at.trigger().ends_with("ing")
        && at
            .after(11)
            .any(|k| matches!(at.word(k), "would" | "could" | "might")))
        || (at.before(1) == "have"
            && matches!(at.before(2), "would" | "could" | "might" | "should"))
}

/// "calls for … the sustained opening of …": a demand, however far the verb is.
fn demanded_noun(at: &At) -> bool {
    matches!(
        at.trigger(),
        "opening" | "reopening" | "closure" | "closing" | "lifting"
    ) && (0..at.i).any(|k| {
        matches!(
            at.word(k),
            "calls" | "call" | "called" | "calling" | "demands" | "demanded" | "urges" | "urged"
        ) && at.word(k + 1) == "for"
            || matches!(at.word(k), "demands" | "demanded" | "urges" | "urged")
    })
}

/// A bare or governed verb ("close", "to open", "would be closed") anywhere after a demand, a fear or
/// an "if" in its clause is only talked about: "they urge the neighbours to stop the fighting …, open
/// the road"; "worried the gate would be shut"; "if, in theory, Austria were to close".
fn talked_in_clause(at: &At, governor: Option<&str>) -> bool {
    let t = at.trigger();
    let bare = !t.ends_with("ed") && !t.ends_with('s') || governor.is_some();
    bare && at.in_clause_before(|k| {
        let w = at.word(k);
        (TALK_GOVERNORS.contains(&w)
            && !is_refusal(w)
            && !asked_adjunct(at, k)
            && !talk_settled(at, k))
            || matches!(
                w,
                "if" | "unless" | "hypothetically" | "demand" | "demands" | "call"
            )
    })
}

/// "at the President's urging", "at the request of Egypt": the word of asking at `k` only names who
/// asked for what the main verb tells ("at Cairo's request, Israel agreed to reopen it"); it does
/// not govern that verb.
fn asked_adjunct(at: &At, k: usize) -> bool {
    let possessor = |w: &str| matches!(w, "the" | "s" | "his" | "her" | "their" | "its" | "our");
    matches!(
        at.word(k),
        "urging" | "request" | "behest" | "insistence" | "invitation" | "suggestion" | "demand"
    ) && (possessor(at.word(k.wrapping_sub(1)))
        || matches!(at.word(k.wrapping_sub(1)), "my" | "your"))
        && (2..=5).any(|d| {
            k >= d
                && at.word(k - d) == "at"
                // Only a possessor in between ("at the Egyptian President's urging"), so that
                // "rallied at the crossing, urging Cairo to reopen it" keeps its urging.
                && (k - d + 1..k).all(|m| {
                    at.ws[m].text.chars().next().is_some_and(char::is_uppercase)
                        || possessor(at.word(m))
                })
        })
}

/// "they would like the gate to be opened", "we'd really love to see it open": a wish, though
/// "would" alone makes a plan.
fn wished(at: &At) -> bool {
    at.in_clause_before(|k| {
        matches!(at.word(k), "like" | "love" | "prefer")
            && (matches!(at.word(k.wrapping_sub(1)), "would" | "d")
                || (is_manner_adverb(at.word(k.wrapping_sub(1)))
                    && matches!(at.word(k.wrapping_sub(2)), "would" | "d")))
    })
}

/// "spoke about reopening the bridge", "talked about the opening of the gate": an opening that is
/// the topic of talk is not told as done.
fn talked_about(at: &At) -> bool {
    matches!(at.trigger(), "opening" | "reopening")
        && (at.before(1) == "about"
            || (matches!(at.before(1), "the" | "a" | "its" | "their") && at.before(2) == "about"))
}

/// "no instruction that the gate would be shut", "no sign that …": a plan that does not exist.
fn none_of_it(at: &At) -> bool {
    at.in_clause_before(|k| {
        at.word(k) == "no"
            && matches!(
                at.word(k + 1),
                "orders"
                    | "order"
                    | "signals"
                    | "signal"
                    | "sign"
                    | "signs"
                    | "indication"
                    | "plans"
                    | "plan"
                    | "decision"
                    | "intention"
            )
    })
}

/// "away from shutting", "the idea of closing": a gerund that did not happen.
fn gerund_not_done(at: &At) -> bool {
    at.trigger().ends_with("ing")
        && matches!(
            at.before(1),
            "from" | "against" | "of" | "avoid" | "avoided"
        )
}

/// "the latest attempt to reopen the crossing has failed": a failed attempt to open leaves it closed.
fn failed_attempt(at: &At, governor: Option<&str>) -> bool {
    governor.is_some_and(|g| {
        matches!(
            g,
            "effort" | "efforts" | "attempt" | "attempts" | "bid" | "bids"
        )
    }) && at.after(12).any(|k| {
        matches!(at.word(k), "failed" | "collapsed" | "faltered")
            && !matches!(at.word(k - 1), "not" | "never")
    })
}

/// "declared its frontier shut", "declared that the frontier is to be shut": the declaration is the
/// act, not a plan for one; a date still ahead makes it a plan later (in the pipeline).
fn declared(at: &At, verb: Verb, governor: Option<&str>) -> bool {
    matches!(verb, Verb::Close | Verb::StateClosed)
        && at.in_clause_before(|k| {
            matches!(
                at.word(k),
                "declare" | "declares" | "declared" | "declaring"
            )
        })
        && governor.is_none_or(|g| matches!(g, "is" | "are" | "to"))
}

/// "postponed the reopening", "the reopening was delayed", "called off the opening": an opening put
/// off keeps the crossing shut. Reading the noun alone would call a closed crossing open.
fn postponed(at: &At) -> bool {
    let put_off = |w: &str| {
        matches!(
            w,
            "postpone"
                | "postpones"
                | "postponed"
                | "postponing"
                | "delay"
                | "delays"
                | "delayed"
                | "delaying"
                | "suspend"
                | "suspends"
                | "suspended"
                | "suspending"
                | "cancel"
                | "cancels"
                | "cancelled"
                | "canceled"
                | "cancelling"
                | "shelved"
                | "scrapped"
                | "deferred"
                | "defers"
                | "halted"
                | "halts"
                | "froze"
                | "frozen"
        ) || w == "off" // "called off", "put off"
    };
    matches!(at.trigger(), "opening" | "reopening" | "reopenings")
        && (at.clause_back_has(4, put_off)
            || at
                .after(10)
                .take_while(|&k| !at.gap_before(k).contains([',', ';', ':']))
                .any(|k| {
                    put_off(at.word(k))
                        && matches!(
                            at.word(k - 1),
                            "was"
                                | "were"
                                | "been"
                                | "be"
                                | "is"
                                | "has"
                                | "had"
                                | "called"
                                | "put"
                        )
                }))
}

/// An "if", "unless" or "provided" before the trigger in its clause or anywhere after it: with a
/// stated plan (will, would, shall) it makes the plan conditional ("Syria will close the border if
/// attacks continue"); a bare "if" without a plan is talk.
fn conditional(at: &At) -> bool {
    (at.clause_start..at.i)
        .chain(at.i + 1..at.ws.len())
        .any(|k| matches!(at.word(k), "if" | "unless" | "provided"))
}

/// Someone is quoted or reported as saying it ("says", "officials said", "contrary to reports").
fn spoken(at: &At) -> bool {
    (0..at.ws.len()).any(|k| {
        matches!(
            at.word(k),
            "says" | "said" | "say" | "insisted" | "insists" | "stated" | "states" | "contrary"
        )
    })
}

/// The verb phrase governing word `i` is a pluperfect ("had been", "had remained"): looking back from
/// `i` to the clause start, "had" comes before any other finite verb, comma or time word that would
/// start a phrase of its own ("…, which had been closed, is now open").
pub(super) fn pluperfect(text: &str, ws: &[Word], clause_start: usize, i: usize) -> bool {
    let mut k = i;
    while k > clause_start && i - k < 12 {
        let gap = text.get(ws[k - 1].span.end..ws[k].span.start).unwrap_or("");
        if gap.contains([',', ';', ':']) {
            return false;
        }
        k -= 1;
        match lower_at(ws, k) {
            "had" => {
                return matches!(
                    lower_at(ws, k + 1),
                    "been" | "remained" | "stayed" | "kept" | "left" | "long" | "always"
                );
            }
            "is" | "are" | "was" | "were" | "has" | "have" | "will" | "would" | "now" | "today"
            | "remains" | "stays" => return false,
            _ => {}
        }
    }
    false
}
