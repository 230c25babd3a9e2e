//! Which words name a change: the trigger vocabulary of English (verbs, nouns, state phrases, idioms,
//! possibility and permission), before any judgement of what the sentence does with them.

use super::{Verb, lower_at};
use crate::words::Word;

/// Adverbs of a habit: a change they go with is what happens now and then, not what happened.
pub(super) fn is_habit_adverb(w: &str) -> bool {
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
            | "intermittently"
            | "sporadically"
            | "irregularly"
    )
}

/// "opens and closes", "closes and reopens": a change coordinated with its opposite in one verb group
/// tells what a place does now and then (a habit), not one change.
pub(super) fn alternates(ws: &[Word], i: usize) -> bool {
    let direction = |w: &str| {
        if matches!(w, "open" | "opens" | "reopen" | "reopens") {
            1
        } else if matches!(w, "close" | "closes" | "shut" | "shuts") {
            -1
        } else {
            0
        }
    };
    let here = direction(lower_at(ws, i));
    let or_and = |k: usize| matches!(lower_at(ws, k), "and" | "or");
    here != 0
        && ((or_and(i + 1) && direction(lower_at(ws, i + 2)) == -here)
            || (i >= 2 && or_and(i - 1) && direction(lower_at(ws, i - 2)) == -here))
}

/// Verbs and adverbs that make "open"/"closed" after them a lasting state: "remains closed", "kept open".
pub(super) fn is_stay_word(w: &str) -> bool {
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
pub(super) fn is_manner_adverb(w: &str) -> bool {
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
pub(super) fn is_movement(w: &str) -> bool {
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
pub(super) fn verb_at(text: &str, ws: &[Word], i: usize) -> Option<(Verb, usize)> {
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
            // "open up more crossings", "opened up the Rafah gate": the particle is part of the verb
            // when a crossing word, or a name, is its object. Without one ("opened up about his
            // losses", "open up the economy") it is another sense, left out below.
            if next == "up" {
                let crossing_object = (i + 2..(i + 6).min(ws.len())).any(|k| {
                    is_border_noun(lower_at(ws, k))
                        || crate::link::is_crossing_noun(lower_at(ws, k))
                });
                let name_k = if lower_at(ws, i + 2) == "the" {
                    i + 3
                } else {
                    i + 2
                };
                let named = ws
                    .get(name_k)
                    .is_some_and(|n| n.text.chars().next().is_some_and(char::is_uppercase));
                if crossing_object || named {
                    return Some((Verb::Open, i + 1));
                }
            }
            // "We'll open it up to questions", "opened it up for debate": a pronoun between verb and
            // particle is the floor or a topic far more often than a place; no claim.
            if matches!(next, "it" | "this" | "that" | "them") && lower_at(ws, i + 2) == "up" {
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
            // blocked by farmers"), also after a modal or "continue to" ("… continue to be suspended").
            let back = if matches!(
                lower_at(ws, i.wrapping_sub(1)),
                "is" | "are" | "was" | "were" | "been" | "be"
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
