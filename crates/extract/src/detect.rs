//! Stage 4: change triggers and their modality.
//!
//! A trigger is a word (or short phrase) that states a change of a crossing's status: "reopened", "shut",
//! "sealed", "closure", "remain closed", "denied closing". For each one this stage decides what the
//! sentence does with it: asserts it, plans it, doubts it, denies it, or only talks about it (a call, a
//! demand, an attempt — then there is no claim at all). Targets (which crossing) are the linker's job.

use crate::Span;
use crate::words::Word;
use crate::{Change, Modality};

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

fn lower_at<'a>(ws: &'a [Word], i: usize) -> &'a str {
    ws.get(i).map(|w| w.lower.as_str()).unwrap_or("")
}

/// Adverbs of a habit: a change they go with is what happens now and then, not what happened.
fn is_habit_adverb(w: &str) -> bool {
    matches!(
        w,
        "usually"
            | "often"
            | "regularly"
            | "routinely"
            | "periodically"
            | "occasionally"
            | "sometimes"
            | "typically"
            | "frequently"
            | "seasonally"
    )
}

/// Verbs and adverbs that make "open"/"closed" after them a lasting state: "remains closed", "kept open".
fn is_stay_word(w: &str) -> bool {
    matches!(
        w,
        "remain"
            | "remains"
            | "remained"
            | "stay"
            | "stays"
            | "stayed"
            | "kept"
            | "keep"
            | "keeps"
            | "still"
    )
}

/// An adverb that may stand inside a verb group without changing what it says ("remains officially
/// closed", "is also closed"): one in -ly, or one of a few short ones.
/// Adverbs of degree ("largely", "partly") are not among them: they say how much is closed, and
/// the pipeline reads them as such.
fn is_manner_adverb(w: &str) -> bool {
    (w.len() > 4
        && w.ends_with("ly")
        && !matches!(
            w,
            "only" | "early" | "daily" | "weekly" | "largely" | "mostly" | "partially" | "partly"
        ))
        || w == "also"
}

fn is_border_noun(w: &str) -> bool {
    matches!(w, "border" | "borders" | "frontier" | "frontiers")
}

/// "kept the Oyapock river crossing point open", "will keep its frontier with Norway closed": a form of
/// "keep" (or one of `also`) governs the state word at `i`, with its object in between. The object may
/// be a long name, so the look-back runs up to ten words, but not past a comma or a word that starts
/// another clause or verb phrase ("kept saying that the border would open").
fn kept_before(text: &str, ws: &[Word], i: usize, also: &[&str]) -> bool {
    let mut k = i;
    while k > 0 && i - k < 10 {
        let gap = text.get(ws[k - 1].span.end..ws[k].span.start).unwrap_or("");
        if gap.contains([',', ';', ':']) {
            return false;
        }
        k -= 1;
        let w = lower_at(ws, k);
        if matches!(w, "kept" | "keep" | "keeps" | "keeping") || also.contains(&w) {
            return true;
        }
        if matches!(
            w,
            "that" | "but" | "while" | "would" | "will" | "could" | "should" | "as" | "when"
        ) {
            return false;
        }
    }
    false
}

/// Verbs of traffic moving: before "through" a crossing, they say it lets traffic pass.
fn is_movement(w: &str) -> bool {
    matches!(
        w,
        "get"
            | "gets"
            | "getting"
            | "got"
            | "move"
            | "moves"
            | "moving"
            | "moved"
            | "flow"
            | "flows"
            | "flowing"
            | "flowed"
            | "pass"
            | "passes"
            | "passing"
            | "passed"
            | "enter"
            | "enters"
            | "entering"
            | "entered"
            | "go"
            | "goes"
            | "going"
            | "went"
            | "come"
            | "comes"
            | "coming"
            | "came"
            | "travel"
            | "travels"
            | "travelling"
            | "traveling"
            | "travelled"
            | "traveled"
            | "rolling"
            | "rolled"
            | "diverted"
            | "rerouted"
            | "redirected"
    )
}

/// Verbs of going over a border: what "can" or "possible" says is allowed.
fn is_crossing_verb(w: &str) -> bool {
    matches!(
        w,
        "cross" | "enter" | "exit" | "leave" | "transit" | "travel" | "pass"
    )
}

/// A state told as what travellers may do, as official notices tell it: "Crossing at Taba is possible
/// at this time", "travellers can cross the border at Wagah", "visitors are able to enter at X". The
/// crossing is open (no change): `StayOpen` at "possible", "can" or "able", up to the crossing verb.
/// Who may do it decides how much: everyone who travels, or the reader ("you", "travellers",
/// "visitors"), says open; a group ("nationals", "aid workers"), "only" or a special permission says
/// restricted. Anything else ("drivers can cross", "it can take hours") is no trigger. Hedges, negation,
/// conditions and questions are the judge's and the safety stage's to weigh.
fn possibility(text: &str, ws: &[Word], i: usize) -> Option<(Verb, usize)> {
    let w = lower_at(ws, i);
    let clause = crate::words::clause_bounds(text, ws, i);
    // The words after the trigger in its clause: a special permission makes it a restriction.
    let permission = (i + 1..clause.1).any(|k| {
        matches!(
            lower_at(ws, k),
            "special"
                | "permission"
                | "authorisation"
                | "authorization"
                | "exemption"
                | "exemptions"
        )
    });
    let only_before = (clause.0..i)
        .rev()
        .take(3)
        .any(|k| lower_at(ws, k) == "only");
    // "You can cross at X once it reopens", "… when the queues clear": a permission tied to a
    // condition or a later time, anywhere in the sentence, says nothing of now.
    let lex = crate::lexicon::english();
    if (i + 1..ws.len()).any(|k| {
        let w = lower_at(ws, k);
        lex.is("condition", w) || matches!(w, "when" | "whenever" | "after" | "soon")
    }) {
        return None;
    }
    match w {
        // "Crossing at Taba is possible", "It is possible to cross at Taba".
        "possible" => {
            let mut k = i;
            while k > clause.0
                && matches!(
                    lower_at(ws, k - 1),
                    "currently" | "now" | "still" | "only" | "also" | "not"
                )
            {
                k -= 1;
            }
            if k == 0 || !matches!(lower_at(ws, k - 1), "is" | "are") {
                return None;
            }
            let subject = (clause.0..k).any(|j| {
                matches!(
                    lower_at(ws, j),
                    "crossing" | "crossings" | "entry" | "exit" | "travel" | "passage" | "transit"
                )
            });
            let infinitive = lower_at(ws, i + 1) == "to" && is_crossing_verb(lower_at(ws, i + 2));
            if !(subject || infinitive) {
                return None;
            }
            let last = if infinitive { i + 2 } else { i };
            let verb = if only_before || permission {
                Verb::Restrict
            } else {
                Verb::StayOpen
            };
            Some((verb, last))
        }
        // "travellers can cross", "you can still enter", "visitors are able to cross".
        "can" | "able" => {
            let mut v = i + 1;
            if w == "able" {
                if lower_at(ws, v) != "to" {
                    return None;
                }
                v += 1;
            }
            while matches!(lower_at(ws, v), "still" | "now" | "also" | "currently") {
                v += 1;
            }
            if !is_crossing_verb(lower_at(ws, v)) {
                return None;
            }
            // The subject: the nearest word before the verb group, in the clause.
            let mut k = i;
            while k > clause.0
                && matches!(
                    lower_at(ws, k - 1),
                    "be" | "are"
                        | "is"
                        | "may"
                        | "might"
                        | "could"
                        | "still"
                        | "now"
                        | "also"
                        | "currently"
                        | "only"
                        | "generally"
                )
            {
                k -= 1;
            }
            let subject = if k > clause.0 {
                lower_at(ws, k - 1)
            } else {
                ""
            };
            let everyone = matches!(
                subject,
                "you"
                    | "travellers"
                    | "travelers"
                    | "visitors"
                    | "tourists"
                    | "foreigners"
                    | "people"
                    | "everyone"
                    | "passengers"
            );
            let group = lex.is("limited", subject) && !everyone;
            if group || ((only_before || permission) && everyone) {
                Some((Verb::Restrict, v))
            } else if everyone {
                Some((Verb::StayOpen, v))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Reads the trigger verb at word `i`, if any: (verb, index of the last word of the trigger).
fn verb_at(text: &str, ws: &[Word], i: usize) -> Option<(Verb, usize)> {
    let w = lower_at(ws, i);
    let next = lower_at(ws, i + 1);
    let joined_by_hyphen = |a: usize| {
        ws.get(a + 1)
            .is_some_and(|n| text.get(ws[a].span.end..n.span.start) == Some("-"))
    };
    // "re-open", "re-opened"
    if w == "re" && joined_by_hyphen(i) && next.starts_with("open") {
        return Some((Verb::Reopen, i + 1));
    }
    // "trucks are getting through the crossing", "aid flowed via Rafah": traffic passing through a
    // place says it is open (no change). The movement verb stands one or two words before.
    if matches!(w, "through" | "via") {
        let moves = (1..=2).any(|k| is_movement(lower_at(ws, i.wrapping_sub(k))));
        return moves.then_some((Verb::StayOpen, i));
    }
    // "is operating normally", "traffic was as busy as usual", "continues to operate", "continued
    // its work": the place works as before, so it is open (no change).
    let working = |k: usize| {
        matches!(
            lower_at(ws, k),
            "operating"
                | "operate"
                | "operated"
                | "operates"
                | "functioning"
                | "function"
                | "functions"
                | "working"
                | "work"
                | "works"
                | "running"
                | "busy"
                | "open"
        )
    };
    if w == "normally" && (1..=2).any(|k| working(i.wrapping_sub(k))) {
        return Some((Verb::StayOpen, i));
    }
    if w == "usual"
        && lower_at(ws, i.wrapping_sub(1)) == "as"
        && (2..=4).any(|k| working(i.wrapping_sub(k)))
    {
        return Some((Verb::StayOpen, i));
    }
    if matches!(w, "continue" | "continues" | "continued" | "continuing")
        && ((next == "to" && working(i + 2))
            || (matches!(next, "its" | "their")
                && matches!(lower_at(ws, i + 2), "work" | "operations")))
    {
        return Some((Verb::StayOpen, i + 2));
    }
    if let Some(found) = possibility(text, ws, i) {
        return Some(found);
    }
    let v = match w {
        "reopen" | "reopens" | "reopened" | "reopening" | "reopenings" => Verb::Reopen,
        "open" | "opens" | "opened" | "opening" => {
            // "now-closed"/"long-closed" style compounds are states; "open" as an adjective after
            // "is/are/was/remain" is a state too.
            let prev = lower_at(ws, i.wrapping_sub(1));
            // "an open-ended closure", "open-air market": the first half of a compound.
            if w == "open" && joined_by_hyphen(i) && next != "again" {
                return None;
            }
            // "opened fire", "opened talks", "an open letter", "opening hours": other senses of the word.
            if matches!(
                next,
                "fire"
                    | "hours"
                    | "times"
                    | "talks"
                    | "negotiations"
                    | "investigation"
                    | "probe"
                    | "inquiry"
                    | "case"
                    | "dialogue"
                    | "embassy"
                    | "consulate"
                    | "office"
                    | "offices"
                    | "bank"
                    | "account"
                    | "door"
                    | "doors"
                    | "way"
                    | "season"
                    | "trial"
                    | "ceremony"
                    | "letter"
                    | "air"
                    | "area"
                    | "areas"
                    | "field"
                    | "fields"
                    | "sea"
                    | "market"
                    | "markets"
                    | "source"
                    | "secret"
                    | "question"
                    | "up"
            ) || matches!(prev, "an" | "a" | "in" | "tunnel" | "the" if w == "open")
            {
                return None;
            }
            // The noun "opening" names a change only with a determiner or an "of" after it, or a date
            // before it ("its 2 March opening", "the March opening").
            let month = |m: &str| {
                matches!(
                    m,
                    "january"
                        | "february"
                        | "march"
                        | "april"
                        | "may"
                        | "june"
                        | "july"
                        | "august"
                        | "september"
                        | "october"
                        | "november"
                        | "december"
                )
            };
            let prev2w = lower_at(ws, i.wrapping_sub(2));
            let dated = month(prev)
                || (prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty() && month(prev2w));
            if w == "opening"
                && !dated
                && !matches!(
                    prev,
                    "the"
                        | "its"
                        | "an"
                        | "first"
                        | "official"
                        | "partial"
                        | "planned"
                        | "temporary"
                        | "full"
                        | "rare"
                        | "second"
                        | "gradual"
                        | "sustained"
                        | "permanent"
                        | "scheduled"
                )
                && !matches!(next, "of" | "the" | "its" | "a" | "all")
            {
                return None;
            }
            let kept_open =
                w == "open" && kept_before(text, ws, i, &["leaving", "leave", "leaves", "left"]);
            let prev2 = lower_at(ws, i.wrapping_sub(2));
            // "is open again": open after being shut.
            if w == "open" && next == "again" {
                return Some((Verb::Reopen, i + 1));
            }
            // "is to open", "are to open": an infinitive, not the adjective of a state.
            let infinitive = prev == "to";
            // "there are two gates open", "there's one crossing open": a state, told by "there is".
            let there_is = (i.saturating_sub(5)..i).any(|k| {
                lower_at(ws, k) == "there"
                    && matches!(lower_at(ws, k + 1), "s" | "is" | "are" | "was" | "were")
            });
            if kept_open
                || (there_is && w == "open")
                || (!infinitive
                    && (matches!(
                        prev,
                        "is" | "are"
                            | "was"
                            | "were"
                            | "be"
                            | "been"
                            | "being"
                            | "fully"
                            | "partially"
                            | "partly"
                    ) || is_stay_word(prev)
                        || matches!(
                            prev2,
                            "remain"
                                | "remains"
                                | "remained"
                                | "is"
                                | "are"
                                | "was"
                                | "were"
                                | "still"
                        )))
                    && w == "open"
            {
                Verb::StayOpen
            } else {
                Verb::Open
            }
        }
        "close" | "closes" | "closed" | "closing" | "closure" | "closures" | "shut" | "shuts"
        | "shutting" | "shutdown" | "shutdowns" | "seal" | "seals" | "sealed" | "sealing"
        | "blockade" | "blockaded" | "blockades" | "blockading" => {
            // "close to the border" is proximity, not closure.
            if w == "close" && matches!(next, "to" | "by" | "ties" | "ally" | "allies") {
                return None;
            }
            if w == "closed" || w == "shut" || w == "sealed" {
                let prev = lower_at(ws, i.wrapping_sub(1));
                // "remains closed", and with an adverb between: "remains officially closed", "stays
                // also shut".
                if is_stay_word(prev)
                    || (is_manner_adverb(prev) && is_stay_word(lower_at(ws, i.wrapping_sub(2))))
                {
                    return Some((Verb::StayClosed, i));
                }
                // "the now-closed crossing", "its long-closed border", "the closed border", "still closed",
                // "a temporarily closed checkpoint"
                let prev2 = lower_at(ws, i.wrapping_sub(2));
                if matches!(
                    prev,
                    "now" | "long" | "already" | "the" | "a" | "its" | "their" | "still"
                ) || prev2 == "still"
                    || (matches!(prev2, "a" | "the" | "its") && prev.ends_with("ly"))
                {
                    let before2 = lower_at(ws, i.wrapping_sub(2));
                    if matches!(
                        before2,
                        "maintain" | "maintains" | "maintained" | "keep" | "keeps" | "kept"
                    ) {
                        return Some((Verb::StayClosed, i));
                    }
                    return Some((Verb::StateClosed, i));
                }
            }
            if w == "shut" && next == "down" {
                return Some((Verb::Close, i + 1));
            }
            // "closed borders and blockades": an adjective before the border noun is a state, unless an
            // auxiliary makes it a verb ("has closed borders").
            if matches!(w, "closed" | "shut" | "sealed")
                && matches!(
                    next,
                    "borders" | "border" | "crossings" | "crossing" | "frontiers"
                )
            {
                let prev = lower_at(ws, i.wrapping_sub(1));
                if !matches!(
                    prev,
                    "has"
                        | "have"
                        | "had"
                        | "and"
                        | "also"
                        | "then"
                        | "it"
                        | "they"
                        | "which"
                        | "who"
                ) && (i == 0
                    || !ws[i - 1]
                        .text
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase))
                {
                    return Some((Verb::StateClosed, i));
                }
            }
            // "has had its borders closed": holding a state, not a change.
            if matches!(w, "closed" | "shut" | "sealed")
                && (i.saturating_sub(5)..i).any(|k| {
                    lower_at(ws, k) == "had"
                        && matches!(lower_at(ws, k + 1), "its" | "their" | "the")
                })
            {
                return Some((Verb::StateClosed, i));
            }
            // "kept the Rafah crossing shut": keep … closed, with the object in between.
            if matches!(w, "closed" | "shut" | "sealed") && kept_before(text, ws, i, &[]) {
                return Some((Verb::StayClosed, i));
            }
            Verb::Close
        }
        // "reduced opening hours", "cut the crossing's hours": fewer hours is a restriction.
        "reduce" | "reduces" | "reduced" | "reducing" | "shorten" | "shortens" | "shortened"
        | "cut" | "cuts"
            if (i + 1..(i + 5).min(ws.len())).any(|k| lower_at(ws, k) == "hours") =>
        {
            let k = (i + 1..(i + 5).min(ws.len()))
                .find(|&k| lower_at(ws, k) == "hours")
                .unwrap_or(i);
            return Some((Verb::Restrict, k));
        }
        // "halted traffic", "blocked the border crossings", "suspended crossings": a closure only when
        // what stops is traffic or a crossing ("to halt the spread of the virus" is not).
        "block" | "blocks" | "blocked" | "blocking" | "halt" | "halts" | "halted" | "halting"
        | "suspend" | "suspends" | "suspended" | "suspending" | "suspension" => {
            // A passive's subject may stand far before it ("The mountain road, the one way in for …, was
            // blocked by farmers").
            let back = if matches!(
                lower_at(ws, i.wrapping_sub(1)),
                "is" | "are" | "was" | "were" | "been"
            ) {
                20
            } else {
                3
            };
            let about_traffic = (i.saturating_sub(back)..(i + 5).min(ws.len())).any(|k| {
                let w = lower_at(ws, k);
                matches!(
                    w,
                    "traffic"
                        | "crossings"
                        | "crossing"
                        | "movement"
                        | "entry"
                        | "passage"
                        | "transit"
                        | "trade"
                        | "operations"
                        | "checkpoint"
                        | "checkpoints"
                        | "gate"
                        | "bridge"
                        | "road"
                        | "roads"
                        | "corridor"
                        | "highway"
                        | "pass"
                        | "route"
                ) || is_border_noun(w)
            });
            if !about_traffic {
                return None;
            }
            Verb::Close
        }
        // Stopping all traffic at a crossing closes it; stopping one kind of goods through it (wheat
        // supplies, exports) leaves the rest moving: a restriction. The object must follow within
        // three words ("stop the spread", "a bus stop" are neither).
        "stop" | "stops" | "stopped" | "stopping" => {
            let object = (i + 1..(i + 4).min(ws.len())).map(|k| lower_at(ws, k));
            let mut verb = None;
            for w in object {
                if matches!(
                    w,
                    "shipments" | "deliveries" | "exports" | "imports" | "cargo" | "supplies"
                ) {
                    verb = Some(Verb::Restrict);
                    break;
                }
                if matches!(
                    w,
                    "traffic" | "crossings" | "movement" | "passage" | "transit" | "all"
                ) {
                    verb = Some(Verb::Close);
                    break;
                }
            }
            verb?
        }
        // "Only aid lorries are allowed through the crossing": what is let through names who may cross,
        // a restriction (never a plain opening: the words say nothing of everyone else). The trigger
        // runs to the preposition, so the crossing after it is the verb's object.
        "allowed" | "permitted" | "allow" | "allows" | "allowing" | "permit" | "permits" => {
            // "allowed through", "allowed 50 lorries through": the preposition within a few words,
            // with no clause break before it.
            let k = (i + 1..(i + 6).min(ws.len())).find(|&k| {
                matches!(lower_at(ws, k), "through" | "via" | "across")
                    || text
                        .get(ws[k - 1].span.end..ws[k].span.start)
                        .is_some_and(|g| g.contains([',', ';', ':']))
            })?;
            if !matches!(lower_at(ws, k), "through" | "via" | "across") {
                return None;
            }
            return Some((Verb::Restrict, k));
        }
        // "denies entry to cars registered in X", "refused entry to foreigners": a class of travellers
        // kept out while others pass is a restriction. Only the active verb with a group after "to";
        // "was denied entry" tells of one person turned back.
        "deny" | "denies" | "denied" | "denying" | "refuse" | "refuses" | "refused"
        | "refusing"
            if next == "entry"
                && lower_at(ws, i + 2) == "to"
                && (i + 3..(i + 7).min(ws.len())).any(|k| {
                    matches!(
                        lower_at(ws, k),
                        "cars"
                            | "vehicles"
                            | "trucks"
                            | "lorries"
                            | "foreigners"
                            | "travellers"
                            | "travelers"
                            | "nationals"
                            | "citizens"
                            | "migrants"
                            | "tourists"
                            | "visitors"
                            | "residents"
                            | "people"
                            | "passengers"
                            | "refugees"
                    )
                }) =>
        {
            return Some((Verb::Restrict, i + 1));
        }
        // A crossing set aside ("reserved for") some travellers is closed to the others: restricted.
        "reserved" | "reserve" | "reserves"
            if next == "for" || (next == "only" && lower_at(ws, i + 2) == "for") =>
        {
            Verb::Restrict
        }
        "restricted"
            if matches!(
                next,
                "area" | "areas" | "zone" | "zones" | "military" | "access"
            ) =>
        {
            return None;
        }
        "limited" if matches!(lower_at(ws, i.wrapping_sub(1)), "a" | "an" | "") => return None,
        "restrict" | "restricts" | "restricted" | "restricting" | "restriction"
        | "restrictions" | "limit" | "limits" | "limited" | "limiting" | "tighten" | "tightens"
        | "toughen" | "toughens" | "toughened" | "toughening" | "tightened" | "tightening" => {
            Verb::Restrict
        }
        // "ended its closure of the crossing", "ending a three-week shutdown": a reopening.
        "end" | "ends" | "ended" | "ending" => {
            let k = (i + 1..(i + 5).min(ws.len())).find(|&k| {
                matches!(
                    lower_at(ws, k),
                    "closure" | "closures" | "blockade" | "siege" | "shutdown"
                )
            })?;
            return Some((Verb::Reopen, k));
        }
        "lift" | "lifts" | "lifted" | "lifting" | "ease" | "eases" | "eased" | "easing" => {
            // "lifts the closure/blockade" reopens; "eases restrictions" restricts less (still restricted).
            let k = (i + 1..(i + 5).min(ws.len())).find(|&k| {
                matches!(
                    lower_at(ws, k),
                    "closure"
                        | "closures"
                        | "blockade"
                        | "ban"
                        | "siege"
                        | "restrictions"
                        | "lockdown"
                )
            })?;
            if matches!(
                lower_at(ws, k),
                "closure" | "closures" | "blockade" | "ban" | "siege"
            ) {
                // The object is part of the trigger: "lifts its closure" is one reopening, not a closure.
                return Some((Verb::Reopen, k));
            }
            return None;
        }
        // "protesters removed the barricades", "ended with crews clearing the roadblocks": taking away
        // what blocked a crossing ends its closure. Only a removal told as done: one in progress or
        // begun ("were removing", "began clearing") has not reopened anything yet.
        "remove" | "removes" | "removed" | "removing" | "dismantle" | "dismantles"
        | "dismantled" | "dismantling" | "clear" | "clears" | "cleared" | "clearing" => {
            let k = (i + 1..(i + 6).min(ws.len())).find(|&k| {
                matches!(
                    lower_at(ws, k),
                    "barricade" | "barricades" | "roadblock" | "roadblocks" | "blockade"
                )
            })?;
            let in_progress = (1..=2).any(|b| {
                matches!(
                    lower_at(ws, i.wrapping_sub(b)),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "be"
                        | "been"
                        | "began"
                        | "begin"
                        | "begins"
                        | "started"
                        | "start"
                        | "starts"
                        | "continue"
                        | "continued"
                        | "continues"
                )
            });
            // "the barricades that blocked the crossing", "vehicles used to block it": the blocking
            // told after the instrument is the closure the removal ends, not a closure of its own;
            // the trigger runs through it, so its object is the removal's target.
            let mut last = k;
            for j in k + 1..(k + 7).min(ws.len()) {
                let w = lower_at(ws, j);
                if ["block", "clos", "seal", "shut"]
                    .iter()
                    .any(|stem| w.starts_with(stem))
                {
                    last = j;
                    break;
                }
                if !matches!(
                    w,
                    "that"
                        | "which"
                        | "had"
                        | "have"
                        | "were"
                        | "been"
                        | "used"
                        | "to"
                        | "set"
                        | "put"
                        | "up"
                        | "and"
                        | "vehicles"
                        | "tractors"
                        | "trucks"
                        | "tents"
                ) {
                    break;
                }
            }
            return (!in_progress).then_some((Verb::Reopen, last));
        }
        "extend" | "extends" | "extended" | "extending" | "prolong" | "prolongs" | "prolonged" => {
            let closure = (i + 1..(i + 5).min(ws.len())).find(|&k| {
                matches!(
                    lower_at(ws, k),
                    "closure" | "closures" | "shutdown" | "lockdown" | "ban"
                )
            });
            if let Some(k) = closure {
                return Some((Verb::StayClosed, k));
            }
            // "extended their hours", "extended hours at the port": a place that stays open longer is
            // open (no change). The hours follow within three words, with nothing of closing between.
            let k = (i + 1..(i + 4).min(ws.len())).find(|&k| {
                matches!(lower_at(ws, k), "hours" | "opening")
                    && (lower_at(ws, k) == "hours" || lower_at(ws, k + 1) == "hours")
            })?;
            let k = if lower_at(ws, k) == "opening" {
                k + 1
            } else {
                k
            };
            // "hours of operation": the phrase is one object, so what follows is no second one.
            let k = if lower_at(ws, k + 1) == "of"
                && matches!(
                    lower_at(ws, k + 2),
                    "operation" | "operations" | "service" | "business" | "work"
                ) {
                k + 2
            } else {
                k
            };
            return Some((Verb::StayOpen, k));
        }
        // "authorised the use of the crossing": permitting passage through a crossing opens it (for
        // whatever the permission covers). The trigger runs to "use", so the "of" after it still
        // leads to the crossing.
        "authorize" | "authorizes" | "authorized" | "authorizing" | "authorise" | "authorises"
        | "authorised" | "authorising" => {
            let k = (i + 1..(i + 5).min(ws.len()))
                .find(|&k| lower_at(ws, k) == "use" && lower_at(ws, k + 1) == "of")?;
            return Some((Verb::Open, k));
        }
        // "traffic resumed at the crossing" reopens it; "services resume" or "talks resumed" do not.
        "resume" | "resumes" | "resumed" | "resuming" => {
            // "coaches resume services to the border crossings": after a service noun the crossing may
            // stand a word or two further on.
            let service = matches!(lower_at(ws, i + 1), "service" | "services");
            let reach = if service { 6 } else { 4 };
            let about_traffic = (i.saturating_sub(3)..(i + reach).min(ws.len())).any(|k| {
                matches!(
                    lower_at(ws, k),
                    "traffic" | "crossings" | "crossing" | "movement" | "passage" | "operations"
                )
            });
            if !about_traffic {
                return None;
            }
            Verb::Reopen
        }
        _ => return None,
    };
    Some((v, i))
}

/// Finds the triggers of one sentence. `ws` are the sentence's words (spans absolute), `text` the report
/// text, `relatives` the sentence's relative clauses ([`crate::words::relative_clauses`]).
pub fn detect(text: &str, ws: &[Word], relatives: &[(usize, usize)]) -> Vec<Trigger> {
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
        if let Some(mut t) = judge(text, ws, at, verb, span) {
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

/// Decides the modality and change of the trigger at word `i`, or `None` when the sentence only talks about it.
fn judge(text: &str, ws: &[Word], i: usize, verb: Verb, span: Span) -> Option<Trigger> {
    let before = |k: usize| lower_at(ws, i.wrapping_sub(k));
    let clause_start = clause_start(text, ws, i);
    // "It had been the last crossing still open": a state told in the pluperfect held before what the
    // report tells, and usually no longer holds. Reading it as the state now could call a closed
    // crossing open, so it makes no claim.
    if matches!(verb, Verb::StayOpen | Verb::StateClosed) && pluperfect(text, ws, clause_start, i) {
        return None;
    }
    let window: Vec<&str> = (clause_start..i)
        .rev()
        .take(6)
        .map(|k| lower_at(ws, k))
        .collect();

    // Negation right before the trigger: "did not close", "has not reopened", "no longer open".
    let negated = window
        .iter()
        .take(4)
        .any(|w| matches!(*w, "not" | "never" | "t" | "no" | "nor" | "without"))
        || before(1) == "un"
            && text.get(ws[i].span.start.saturating_sub(1)..ws[i].span.start) == Some("-");

    // Denial: "denied closing", "denies that the border was closed", "denied reports of a closure".
    // "Reports that the crossings have been closed are not true": a report, then its denial.
    let reported = (0..i).any(|k| {
        matches!(
            lower_at(ws, k),
            "reports" | "claims" | "rumours" | "rumors" | "reported"
        )
    });
    let refuted_after = (i + 1..(i + 8).min(ws.len())).any(|k| {
        matches!(
            lower_at(ws, k),
            "untrue" | "false" | "baseless" | "groundless" | "incorrect" | "unfounded"
        ) || (lower_at(ws, k) == "true" && matches!(lower_at(ws, k - 1), "not" | "t"))
    });
    let denied = (reported && refuted_after)
        || (clause_start..i).any(|k| {
            matches!(
                lower_at(ws, k),
                "deny" | "denies" | "denied" | "denying" | "dismissed" | "rejected" | "refuted"
            )
        });

    // Uncertainty: "it was not clear when … would reopen", "may close", "no date has been set for the
    // reopening", "the reopening remains uncertain".
    let no_date = (clause_start..i).any(|k| {
        lower_at(ws, k) == "no"
            && matches!(
                lower_at(ws, k + 1),
                "date" | "dates" | "timeline" | "timetable" | "decision" | "indication" | "sign"
            )
    });
    let doubted_after = matches!(lower_at(ws, i), "opening" | "reopening")
        && (i + 1..crate::words::clause_bounds(text, ws, i).1).any(|k| {
            matches!(
                lower_at(ws, k),
                "uncertain" | "unclear" | "unknown" | "doubtful"
            ) || (lower_at(ws, k) == "doubt" && lower_at(ws, k - 1) == "in")
        });
    let unclear = no_date
        || doubted_after
        || (clause_start..i).any(|k| {
            matches!(
                lower_at(ws, k),
                "unclear" | "uncertain" | "unknown" | "unlikely"
            ) || (lower_at(ws, k) == "clear"
                && matches!(lower_at(ws, k.wrapping_sub(1)), "not" | "t"))
                || (lower_at(ws, k) == "known"
                    && matches!(lower_at(ws, k.wrapping_sub(1)), "not" | "t"))
        });
    // "May" capitalised inside a sentence is the month ("which reopened in May, closed again").
    let month_may = |k: usize| k > 0 && ws[k].text == "May";
    let doubtful = (clause_start..i)
        .rev()
        .take(3)
        .any(|k| UNCERTAIN.contains(&lower_at(ws, k)) && !month_may(k));

    // Infinitive or auxiliary: "to reopen", "will close", "to be closed".
    let mut governor: Option<&str> = None;
    for k in 1..=4 {
        let w = before(k);
        if matches!(w, "the" | "a" | "an") && before(k + 1) == "to" {
            continue;
        }
        if w == "to" {
            let g = before(k + 1);
            let g = if g == "be" || g == "been" {
                before(k + 2)
            } else {
                g
            };
            governor = Some(if g.is_empty() { "to" } else { g });
            break;
        }
        if matches!(w, "will" | "shall" | "ll" | "would" | "won") {
            governor = Some(if w == "won" { "will" } else { w });
            break;
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
            break;
        }
    }
    // "the planned reopening", "plans for the closure", "authorized the reopening of"
    let planned_noun = matches!(before(1), "planned" | "proposed" | "scheduled" | "expected")
        || matches!(
            before(2),
            "plan"
                | "plans"
                | "decision"
                | "authorized"
                | "authorised"
                | "approved"
                | "agreed"
                | "decided"
        ) && before(1) == "the"
        // "the agreement will bring the reopening of …": a change named by a noun that is the object
        // of a verb in the future has not happened yet.
        || (matches!(
            ws[i].lower.as_str(),
            "opening" | "reopening" | "closure" | "closing" | "shutdown"
        ) && matches!(before(1), "the" | "a" | "its")
            && matches!(before(3), "will" | "would" | "shall" | "ll"));
    // Only planning words make a governed change a plan; "prompting the authorities to extend" asserts it.
    let mut plan_governor = governor.filter(|g| PLAN_GOVERNORS.contains(g) || *g == "to");
    // "we are forced to close the border": an obligation told in the present is what the speaker is
    // about to do, a plan; "was forced to close" is done.
    let obliged_now = |j: usize| {
        matches!(lower_at(ws, j), "forced" | "compelled" | "obliged")
            && matches!(
                lower_at(ws, j.wrapping_sub(1)),
                "am" | "is" | "are" | "re" | "m" | "s"
            )
    };
    if plan_governor.is_none()
        && (clause_start..i)
            .rev()
            .take(4)
            .any(|k| k > 0 && lower_at(ws, k) == "to" && obliged_now(k - 1))
    {
        plan_governor = Some("forced");
    }
    // "agrees with Syria's president to open …": the planning verb may stand further back.
    // "plans emergency measures, including … closing the border": a gerund inside a plan is planned.
    if plan_governor.is_none() && ws[i].lower.ends_with("ing") {
        // An "including" list spells out the plan named before it, even when a quoted phrase ends the
        // clause in between ('plans "special steps", including closing the border'): then the look-back
        // runs past the clause start, up to twenty words.
        let including = (clause_start..i)
            .rev()
            .take(8)
            .any(|k| lower_at(ws, k) == "including");
        let from = if including {
            i.saturating_sub(20)
        } else {
            clause_start
        };
        plan_governor = (from..i)
            .rev()
            .take(if including { 20 } else { 12 })
            .map(|k| lower_at(ws, k))
            .find(|w| matches!(*w, "plan" | "plans" | "planned" | "planning"));
    }
    if plan_governor.is_none() && governor.is_some() {
        plan_governor = (clause_start..i)
            .rev()
            .take(10)
            .map(|k| lower_at(ws, k))
            .find(|w| {
                PLAN_GOVERNORS.contains(w) && !matches!(*w, "is" | "are" | "was" | "were" | "would")
            });
    }
    // "agreed to resume flights, reopen two crossings and expand trade": a bare verb that opens a
    // later member of a list still depends on the "agree to" that opened the list, so it is planned
    // as much as the first member. A short time phrase may stand between the planning verb and its
    // "to" ("agreed on Tuesday to resume …").
    if plan_governor.is_none()
        && governor.is_none()
        && matches!(
            ws[i].lower.as_str(),
            "open" | "reopen" | "close" | "shut" | "seal" | "restrict"
        )
        && i > 0
        && (clause_start == i
            || before(1) == "and"
            || text
                .get(ws[i - 1].span.end..ws[i].span.start)
                .is_some_and(|g| g.contains(',')))
    {
        let governs = |j: usize| {
            (PLAN_GOVERNORS.contains(&lower_at(ws, j))
                && !matches!(lower_at(ws, j), "is" | "are" | "was" | "were" | "would"))
                || obliged_now(j)
        };
        // "will deploy troops and close the border": a modal that opened the list governs its later
        // members as well, unless it belongs to a relative clause ("who will meet, close …").
        let modal_heads = |k: usize| {
            matches!(lower_at(ws, k), "will" | "shall" | "ll" | "would")
                && !(k.saturating_sub(2)..k)
                    .any(|j| matches!(lower_at(ws, j), "who" | "which" | "that"))
        };
        plan_governor = (i.saturating_sub(15)..i)
            .rev()
            .filter(|&k| k > 0 && (lower_at(ws, k) == "to" || modal_heads(k)))
            .filter(|&k| {
                !(k..i).any(|j| {
                    text.get(ws[j].span.end..ws[j + 1].span.start)
                        .is_some_and(|g| g.contains([';', ':', '(', '"']))
                })
            })
            .find_map(|k| {
                if lower_at(ws, k) != "to" {
                    return Some("will");
                }
                (k.saturating_sub(4)..k)
                    .rev()
                    .find(|&j| governs(j))
                    .map(|j| lower_at(ws, j))
            });
    }
    // "the final state on the continent to reopen to visitors": a description, not a change.
    // ", only to close again" is not that: it tells what happened next.
    let only_to_next = before(1) == "to"
        && before(2) == "only"
        && i >= 3
        && text
            .get(ws[i - 3].span.end..ws[i - 2].span.start)
            .is_some_and(|g| g.contains(','));
    let descriptive_infinitive = before(1) == "to"
        && !only_to_next
        && (2..=8).any(|k| matches!(before(k), "last" | "first" | "only"))
        && plan_governor.is_none_or(|g| g == "to");

    // "when the port reopens", "once the crossing opens", "usually opens": not a report that it did.
    // "… opened for an hour before being shut again": a later change told in sequence. "Open until
    // Monday, when it was closed": "when" after a named time tells what happened then. Either starts
    // the change's own phrase: words before it are not looked at.
    // "… before it was halted again" likewise: "again" marks a change that followed.
    let again = lower_at(ws, i + 1) == "again";
    let told_in_sequence = |k: usize| {
        let w = lower_at(ws, k);
        (w == "before" && (lower_at(ws, k + 1) == "being" || again))
            || (w == "when"
                && k > 0
                && crate::timex::starts_time(lower_at(ws, k - 1))
                && text
                    .get(ws[k - 1].span.end..ws[k].span.start)
                    .is_some_and(|g| g.contains(',')))
    };
    let own_start = (clause_start..i)
        .rev()
        .take(5)
        .find(|&k| told_in_sequence(k))
        .map_or(clause_start, |k| k + 1);
    let subordinate_or_habit = (own_start..i).rev().take(5).any(|k| {
        let w = lower_at(ws, k);
        matches!(
            w,
            "when" | "once" | "whether" | "normally" | "until" | "before"
        ) || is_habit_adverb(w)
    });
    // "close the passes regularly in winter": a habit adverb after the verb, in its own clause, makes
    // it a habit too.
    let (_, clause_end) = crate::words::clause_bounds(text, ws, i);
    let habit_after = (i + 1..clause_end.min(i + 12)).any(|k| is_habit_adverb(lower_at(ws, k)));
    let subordinate_or_habit = subordinate_or_habit || habit_after;
    // "shutting the frontier would hurt local farmers": a gerund that is only a hypothesis.
    let hypothetical = (ws[i].lower.ends_with("ing")
        && (i + 1..(i + 11).min(ws.len()))
            .any(|k| matches!(lower_at(ws, k), "would" | "could" | "might")))
        // "would have opened borders": a counterfactual.
        || (before(1) == "have" && matches!(before(2), "would" | "could" | "might" | "should"));
    // "calls for … the sustained opening of …": a demand, however far the verb is.
    let demanded_noun = matches!(
        ws[i].lower.as_str(),
        "opening" | "reopening" | "closure" | "closing" | "lifting"
    ) && (0..i).any(|k| {
        matches!(
            lower_at(ws, k),
            "calls" | "call" | "called" | "calling" | "demands" | "demanded" | "urges" | "urged"
        ) && lower_at(ws, k + 1) == "for"
            || matches!(lower_at(ws, k), "demands" | "demanded" | "urges" | "urged")
    });
    // A bare or governed verb ("close", "to open", "would be closed") anywhere after a demand, a fear or
    // an "if" in its clause is only talked about: "they urge the neighbours to stop the fighting …, open
    // the road"; "worried the gate would be shut"; "if, in theory, Austria were to close".
    let bare = !ws[i].lower.ends_with("ed") && !ws[i].lower.ends_with('s') || governor.is_some();
    let talked_in_clause = bare
        && (clause_start..i).any(|k| {
            let w = lower_at(ws, k);
            (TALK_GOVERNORS.contains(&w)
                && !matches!(
                    w,
                    "refuse" | "refuses" | "refused" | "refusing" | "fail" | "fails" | "failed"
                ))
                || matches!(
                    w,
                    "if" | "unless" | "hypothetically" | "demand" | "demands" | "call"
                )
        });
    // "no instruction that the gate would be shut", "no sign that …": a plan that does not exist.
    let none_of_it = (clause_start..i).any(|k| {
        lower_at(ws, k) == "no"
            && matches!(
                lower_at(ws, k + 1),
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
    });
    // "away from shutting", "the idea of closing": a gerund that did not happen.
    let gerund_not_done = ws[i].lower.ends_with("ing")
        && matches!(before(1), "from" | "against" | "of" | "avoid" | "avoided");
    // "criticised Chile's plan to reopen the pass": the plan is reported, whatever one thinks of it.
    let lexical_plan = governor.is_some_and(|g| {
        PLAN_GOVERNORS.contains(&g)
            && !matches!(
                g,
                "is" | "are" | "was" | "were" | "will" | "would" | "shall" | "ll" | "to"
            )
    });
    let talk = descriptive_infinitive
        || none_of_it
        || subordinate_or_habit
        || hypothetical
        || demanded_noun
        || (talked_in_clause && !lexical_plan)
        || gerund_not_done
        || governor.is_some_and(|g| TALK_GOVERNORS.contains(&g))
        || window.iter().take(4).any(|w| {
            TALK_GOVERNORS.contains(w)
                && !matches!(
                    *w,
                    "refuse" | "refuses" | "refused" | "refusing" | "fail" | "fails" | "failed"
                )
        })
        || window.iter().take(4).any(|w| matches!(*w, "if" | "unless")) && !unclear;
    // "the latest attempt to reopen the crossing has failed": a failed attempt to open leaves it closed.
    let failed_attempt = governor.is_some_and(|g| {
        matches!(
            g,
            "effort" | "efforts" | "attempt" | "attempts" | "bid" | "bids"
        )
    }) && (i + 1..(i + 12).min(ws.len())).any(|k| {
        matches!(lower_at(ws, k), "failed" | "collapsed" | "faltered")
            && !matches!(lower_at(ws, k - 1), "not" | "never")
    });
    // "declared its frontier shut", "declared that the frontier is to be shut": the declaration is the
    // act, not a plan for one; a date still ahead makes it a plan later (in the pipeline).
    let declared = matches!(verb, Verb::Close | Verb::StateClosed)
        && (clause_start..i).any(|k| {
            matches!(
                lower_at(ws, k),
                "declare" | "declares" | "declared" | "declaring"
            )
        })
        && governor.is_none_or(|g| matches!(g, "is" | "are" | "to"));
    let refused = governor.is_some_and(|g| {
        matches!(
            g,
            "refuse" | "refuses" | "refused" | "refusing" | "fail" | "fails" | "failed"
        )
    });
    // "postponed the reopening", "the reopening was delayed", "called off the opening": an opening put
    // off keeps the crossing shut. Reading the noun alone would call a closed crossing open.
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
    // "has yet to reopen", "is yet to be reopened".
    let not_yet = (1..=3).any(|k| before(k) == "to" && before(k + 1) == "yet");
    let opening_noun = matches!(lower_at(ws, i), "opening" | "reopening" | "reopenings");
    let postponed = opening_noun
        && ((clause_start..i)
            .rev()
            .take(4)
            .any(|k| put_off(lower_at(ws, k)))
            || (i + 1..(i + 10).min(ws.len()))
                .take_while(|&k| {
                    !text
                        .get(ws[k - 1].span.end..ws[k].span.start)
                        .is_some_and(|g| g.contains([',', ';', ':']))
                })
                .any(|k| {
                    put_off(lower_at(ws, k))
                        && matches!(
                            lower_at(ws, k - 1),
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
                }));

    use Change::*;
    use Verb::*;
    // A plan on a condition: "Syria will close the border if attacks continue", "if talks fail, Iran
    // would reopen the crossing". Only a stated plan (will, would, shall) with an if/unless clause
    // before or after it; a bare "if" without a plan is talk.
    let condition = (clause_start..i)
        .chain(i + 1..ws.len())
        .any(|k| matches!(lower_at(ws, k), "if" | "unless" | "provided"));
    let modal_plan = governor.is_some_and(|g| matches!(g, "will" | "would" | "shall" | "ll"));
    // Someone is quoted or reported as saying it ("says", "officials said", "contrary to reports").
    let spoken = (0..ws.len()).any(|k| {
        matches!(
            lower_at(ws, k),
            "says" | "said" | "say" | "insisted" | "insists" | "stated" | "states" | "contrary"
        )
    });
    let conditional = condition && modal_plan && !unclear && !hypothetical && !none_of_it;

    let (change, modality) = match verb {
        Open | Reopen if conditional && !negated => (PlannedOpening, Modality::Conditional),
        Close if conditional && !negated => (PlannedClosure, Modality::Conditional),
        Open | Reopen if unclear => (ExtendedClosure, Modality::Uncertain),
        // "denied that the crossing had reopened", "has yet to reopen": still shut.
        Open | Reopen if refused || negated || failed_attempt || postponed || denied || not_yet => {
            (ExtendedClosure, Modality::Asserted)
        }
        Close | StateClosed
            if declared && !negated && !denied && !doubtful && !hypothetical && !talk =>
        {
            (Closed, Modality::Asserted)
        }
        _ if hypothetical => return None,
        Close | Restrict | StateClosed if denied => (DeniedClosure, Modality::Denied),
        // "Iran says it has not closed the crossing", "was not closed, contrary to earlier reports":
        // a closure said not to have happened is denied, as with "denied closing".
        Close | StateClosed if negated && (spoken || reported) && !modal_plan => {
            (DeniedClosure, Modality::Denied)
        }
        // "Nationals might be able to cross at X with special permission": a hedged permission for
        // some is at most a restriction, told as uncertain.
        Restrict
            if doubtful
                && !talk
                && !negated
                && matches!(lower_at(ws, i), "can" | "able" | "possible") =>
        {
            (Restricted, Modality::Uncertain)
        }
        _ if talk || doubtful => return None,
        Close if negated => return None,
        Restrict if negated => return None,
        Open | Reopen if plan_governor.is_some() || planned_noun => {
            (PlannedOpening, Modality::Planned)
        }
        Close if plan_governor.is_some() || planned_noun => (PlannedClosure, Modality::Planned),
        Restrict if plan_governor.is_some() => (Restricted, Modality::Planned),
        Open => (Opened, Modality::Asserted),
        Reopen => (Reopened, Modality::Asserted),
        Close => (Closed, Modality::Asserted),
        Restrict => (Restricted, Modality::Asserted),
        StayClosed if negated => return None,
        StayClosed => (ExtendedClosure, Modality::Asserted),
        StayOpen if negated => (NoChange, Modality::Asserted),
        // "would be open on Sunday", "will remain open": a forecast or a promise, not the state now.
        StayOpen if modal_plan || plan_governor.is_some_and(|g| g != "to") => {
            (NoChange, Modality::Planned)
        }
        StayOpen | StateClosed => (NoChange, Modality::Asserted),
    };
    // A state phrase that is negated flips: "is not open" describes a closed crossing.
    let verb = if verb == StayOpen && negated {
        StateClosed
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

/// The verb phrase governing word `i` is a pluperfect ("had been", "had remained"): looking back from
/// `i` to the clause start, "had" comes before any other finite verb, comma or time word that would
/// start a phrase of its own ("…, which had been closed, is now open").
fn pluperfect(text: &str, ws: &[Word], clause_start: usize, i: usize) -> bool {
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

fn clause_start(text: &str, ws: &[Word], i: usize) -> usize {
    crate::words::clause_bounds(text, ws, i).0
}

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
fn mark_reopenings(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn changes(s: &str) -> Vec<(Change, Modality)> {
        let ws = words(s);
        detect(s, &ws, &crate::words::relative_clauses(s, &ws))
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
        let ws = words(s);
        let ts = detect(s, &ws, &crate::words::relative_clauses(s, &ws));
        assert_eq!(ts.len(), 2);
        assert!(!ts[0].recounted && !ts[0].background);
        assert!(ts[1].recounted && !ts[1].background);
        // A clause of its own after ", and" is not recounted.
        let s = "Finland closed one crossing on Friday, and a week after that it shut four others.";
        let ws = words(s);
        assert!(
            detect(s, &ws, &crate::words::relative_clauses(s, &ws))
                .iter()
                .all(|t| !t.recounted)
        );
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
