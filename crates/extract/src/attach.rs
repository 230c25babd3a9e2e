//! Stage 5: the arguments of a claim — when, for whom, why, and on whose word.
//!
//! Each function looks at one sentence around one trigger and returns what the text says, or nothing.
//! Nothing is guessed: a time the text does not give stays null; a speaker the text does not name is absent.

use crate::Span;
use crate::timex::{Direction, TimeExpr, resolve};
use crate::words::Word;
use crate::{Attribution, Effective, Scope};
use borderwatch_gazetteer::fold as fold_name;
use jiff::civil::Date;

/// Where in the sentence a trigger's time may stand: byte range `[lo, hi)`, minus `exclude` (the cause
/// phrase, whose "last month's vote" is not the change's time).
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub lo: usize,
    pub hi: usize,
    pub exclude: Option<Span>,
}

/// The effective time of a trigger: the time expression nearest it inside `window`, resolved against the
/// publication date in direction `dir` ("until …" always looks ahead).
pub fn effective(
    text: &str,
    times: &[TimeExpr],
    trigger: Span,
    window: Window,
    published: Option<Date>,
    dir: Direction,
) -> (Effective, Option<Span>) {
    let Window { lo, hi, exclude } = window;
    let inside = |t: &&TimeExpr| {
        t.span.start >= lo
            && t.span.end <= hi
            && !exclude.is_some_and(|e| t.span.start >= e.start && t.span.end <= e.end)
    };
    let best = times.iter().filter(inside).min_by_key(|t| {
        // Prefer what follows the trigger ("reopened on Wednesday"), then what precedes it.
        if t.span.start >= trigger.end {
            t.span.start - trigger.end
        } else {
            2 * (trigger.start - t.span.end.min(trigger.start)) + 1
        }
    });
    match best {
        None => (Effective::default(), None),
        Some(t) => {
            // "until Friday" bounds a state from now on: it looks ahead.
            let dir = if t.role == crate::timex::TimeRole::Until {
                Direction::Future
            } else {
                dir
            };
            let resolved = resolve(t.value, published, dir);
            (
                Effective {
                    text: Some(t.span.of(text).to_string()),
                    date: resolved.map(|r| r.0),
                    precision: resolved.map(|r| r.1),
                },
                Some(t.span),
            )
        }
    }
}

/// Who may cross, from the words of the trigger's stretch.
pub fn scope(ws: &[Word]) -> Option<Scope> {
    let mut found: Vec<Scope> = Vec::new();
    for (s, _) in scope_words(ws) {
        if !found.contains(&s) {
            found.push(s);
        }
    }
    // "open again for trade and for travellers": goods and people both pass, so everyone does.
    let goods = found
        .iter()
        .any(|s| matches!(s, Scope::Trucks | Scope::Trade));
    if goods && found.contains(&Scope::Passengers) {
        return Some(Scope::All);
    }
    // Otherwise the first wins: "closed to trucks carrying aid" is about trucks.
    found.first().copied()
}

/// The scope words of a stretch that a preposition or "only" introduces, with their word indices.
fn scope_words(ws: &[Word]) -> Vec<(Scope, usize)> {
    // A scope word counts when a preposition or "only" introduces it within five words ("reopened for
    // trucks", "closed to non-essential travel", "allowing aid into Gaza"), not when it is the
    // subject of another clause ("reopened on Wednesday and trucks crossed").
    let introduced = |k: usize| {
        (k.saturating_sub(5)..k).any(|j| {
            matches!(
                ws[j].lower.as_str(),
                "for"
                    | "to"
                    | "by"
                    | "used"
                    | "only"
                    | "allowing"
                    | "allow"
                    | "allows"
                    | "allowed"
                    | "except"
                    | "but"
                    | "just"
            )
        })
    };
    // "… for cargo, but not for passengers": a group named as left out is not who may cross.
    let left_out = |k: usize| {
        (k.saturating_sub(3)..k).any(|j| matches!(ws[j].lower.as_str(), "not" | "no" | "except"))
    };
    let mut found = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        if left_out(k) {
            continue;
        }
        let next = ws.get(k + 1).map(|w| w.lower.as_str()).unwrap_or("");
        let s = match w.lower.as_str() {
            "humanitarian" | "aid" | "medical" | "patients" | "wounded" | "relief" => {
                Scope::Humanitarian
            }
            "trucks" | "truck" | "lorries" | "lorry" | "cargo" | "freight" | "convoys"
            | "tankers" | "hauliers" => Scope::Trucks,
            "commercial" if matches!(next, "traffic" | "vehicles") => Scope::Trucks,
            "trade" | "goods" | "commerce" | "exports" | "imports" => Scope::Trade,
            "passengers" | "passenger" | "travellers" | "travelers" | "traveller" | "traveler"
            | "pedestrian" | "pedestrians" | "tourists" | "visitors" | "foreigners"
            | "migrants" | "refugees" | "residents" | "nationals" | "citizens" | "people" => {
                Scope::Passengers
            }
            "essential" if k > 0 && ws[k - 1].lower == "non" => Scope::Passengers,
            _ => continue,
        };
        if introduced(k) {
            found.push((s, k));
        }
    }
    found
}

/// "open to travellers", "reopened to people": the people named are everyone who travels, not a
/// group let through while others are kept out. True when every scope word of the stretch is such a
/// word (travellers, people) and no condition is attached ("with proof of vaccination"); then, without
/// "only" or the like, an opening for them is not a restriction. "For pedestrians", "to residents",
/// "for tourists" (not workers or residents) or "for trucks" still are.
pub fn everyone_travelling(ws: &[Word]) -> bool {
    let found = scope_words(ws);
    // "for tourists with proof of vaccination": a condition on who passes keeps it a restriction.
    let conditions = ws.iter().any(|w| {
        matches!(
            w.lower.as_str(),
            "proof"
                | "vaccinated"
                | "vaccination"
                | "vaccine"
                | "test"
                | "tested"
                | "negative"
                | "quarantine"
                | "certificate"
                | "certificates"
                | "condition"
                | "conditions"
                | "requirement"
                | "requirements"
                | "permit"
                | "permits"
                | "visa"
                | "visas"
                | "registered"
                | "essential"
                | "exemption"
                | "exemptions"
                | "approval"
                | "documents"
        )
    });
    !conditions
        && !found.is_empty()
        && found.iter().all(|&(s, k)| {
            s == Scope::Passengers
                && matches!(
                    ws[k].lower.as_str(),
                    // Opening to migrants or refugees lets in those most often kept out: open.
                    "travellers"
                        | "travelers"
                        | "traveller"
                        | "traveler"
                        | "people"
                        | "migrants"
                        | "refugees"
                )
        })
}

/// Words that say only part of the traffic passes: "only", "partially", "but not for passengers",
/// "one lane".
pub fn is_partial(ws: &[Word]) -> bool {
    let but_not = ws
        .windows(2)
        .any(|p| p[0].lower == "but" && p[1].lower == "not");
    let one_lane = ws.windows(2).any(|p| {
        matches!(p[0].lower.as_str(), "one" | "single" | "a")
            && matches!(p[1].lower.as_str(), "lane" | "gate")
    });
    but_not
        || one_lane
        || ws.iter().any(|w| {
            matches!(
                w.lower.as_str(),
                "only"
                    | "partially"
                    | "partly"
                    | "limited"
                    | "exceptionally"
                    | "rare"
                    | "permits"
                    | "permit"
                    | "exemption"
                    | "exemptions"
            )
        })
}

/// What "closed to …" says about who is shut out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosedTo {
    /// Not a closure for a group ("closed to traffic", or no "to" at all).
    Nobody,
    /// Every foreigner ("closed to foreigners", "to foreign nationals", "to tourists"): closed, for
    /// passengers — a foreign truck driver cannot pass either.
    Foreigners,
    /// Some people only ("to non-residents", "to migrants from …", "to non-essential travel"): restricted.
    SomePeople,
}

/// Reads "closed to …" after `at` (the trigger or its object).
pub fn closed_to(ws: &[Word], at: usize) -> ClosedTo {
    if !closed_to_group(ws, at) {
        return ClosedTo::Nobody;
    }
    let rest: Vec<&str> = ws[(at + 1).min(ws.len())..(at + 7).min(ws.len())]
        .iter()
        .map(|w| w.lower.as_str())
        .collect();
    // "shut to trucks and travellers alike": everyone.
    if rest.contains(&"alike") {
        return ClosedTo::Nobody;
    }
    // "closed to travellers", "to all travellers", "to travellers and cargo": the people named are
    // everyone who travels, so the closure is whole ("to passengers" leaves goods moving). A word that qualifies them ("foreign travellers",
    // "travellers from Italy", "travellers without a visa") leaves it a group.
    let to = rest.iter().position(|w| *w == "to");
    let unqualified = to.is_some_and(|t| {
        rest[t + 1..]
            .iter()
            .find(|w| !matches!(**w, "all" | "the"))
            .is_some_and(|w| matches!(*w, "travellers" | "travelers" | "everyone" | "everybody"))
    }) && !rest.iter().any(|w| {
        matches!(
            *w,
            "from" | "who" | "with" | "without" | "except" | "unless" | "not" | "non" | "but"
        )
    });
    if unqualified {
        return ClosedTo::Nobody;
    }
    let every_foreigner = rest
        .iter()
        .any(|w| matches!(*w, "foreigners" | "tourists" | "foreign"))
        && !rest
            .iter()
            .any(|w| matches!(*w, "non" | "from" | "who" | "unless" | "except" | "most"));
    if every_foreigner {
        ClosedTo::Foreigners
    } else {
        ClosedTo::SomePeople
    }
}

/// "closes its borders to non-residents": "to" and a group of people right after `at` (the last word of
/// the trigger or of its object; adverbs aside).
fn closed_to_group(ws: &[Word], at: usize) -> bool {
    let mut k = at + 1;
    while ws.get(k).is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "temporarily" | "largely" | "mostly" | "completely" | "again"
        )
    }) {
        k += 1;
    }
    let end = (k + 1).min(ws.len());
    while k < end {
        if ws[k].lower == "to" {
            let rest: Vec<&str> = ws[k + 1..(k + 5).min(ws.len())]
                .iter()
                .map(|w| w.lower.as_str())
                .collect();
            if rest
                .first()
                .is_some_and(|w| matches!(*w, "traffic" | "vehicles"))
                || rest.starts_with(&["all", "traffic"])
            {
                return false;
            }
            return rest.iter().any(|w| {
                matches!(
                    *w,
                    "foreigners"
                        | "non"
                        | "migrants"
                        | "refugees"
                        | "tourists"
                        | "travellers"
                        | "travelers"
                        | "visitors"
                        | "nationals"
                        | "residents"
                        | "citizens"
                        | "passengers"
                        | "people"
                        | "trucks"
                        | "asylum"
                        | "arrivals"
                        | "foreign"
                )
            });
        }
        k += 1;
    }
    false
}

const CAUSE_CUES: &[&[&str]] = &[
    &["following"],
    &["after"],
    &["due", "to"],
    &["because", "of"],
    &["owing", "to"],
    &["in", "response", "to"],
    &["in", "retaliation", "for"],
    &["in", "protest", "at"],
    &["in", "protest", "against"],
    &["amid"],
    &["over"],
    &["at", "the", "request", "of"],
    &["to", "prevent"],
    &["to", "stop"],
    &["to", "curb"],
    &["to", "contain"],
    &["citing"],
];

/// The cause of a change: a cue phrase ("following …", "due to …", "at Baghdad's request") inside
/// `[lo, hi)` words, up to the next comma, quote or mention. Returns the cause text and its span.
pub fn cause(
    text: &str,
    ws: &[Word],
    lo: usize,
    hi: usize,
    stop_at: &[usize],
) -> Option<(String, Span)> {
    let hi = hi.min(ws.len());
    for k in lo..hi {
        // "at Baghdad's request"
        if ws[k].lower == "at"
            && k + 3 < hi
            && ws[k + 2].lower == "s"
            && ws[k + 3].lower == "request"
        {
            let span = Span::new(ws[k].span.start, ws[k + 3].span.end);
            return Some((span.of(text).to_string(), span));
        }
        let Some(cue) = CAUSE_CUES.iter().find(|cue| {
            cue.iter()
                .enumerate()
                .all(|(j, c)| ws.get(k + j).is_some_and(|w| w.lower == *c))
        }) else {
            continue;
        };
        let start = k + cue.len();
        if start >= hi {
            continue;
        }
        // "three years after fighting forced its closure", "a week after shutting …": a phrase that
        // measures time back from the change dates it; it does not say why it happened.
        if matches!(*cue, ["after"] | ["following"]) && crate::timex::measured_back(ws, k) {
            continue;
        }
        // "after almost three years", "after more than three months of closure": a length of time.
        if matches!(*cue, ["after"] | ["following"])
            && matches!(
                ws[start].lower.as_str(),
                "almost" | "nearly" | "about" | "around" | "roughly" | "more" | "over" | "some"
            )
            && (start + 1..(start + 4).min(hi)).any(|j| is_time_word(ws.get(j)))
        {
            continue;
        }
        let first = ws[start].lower.as_str();
        // "after 10 days", "after having closed it", "over the weekend": times and clauses, not causes.
        if first.chars().next().is_some_and(|c| c.is_ascii_digit())
            || matches!(first, "having" | "being" | "a" | "an" | "the" if cue == &["after"] && is_time_word(ws.get(start + 1)))
            || matches!(
                first,
                "having"
                    | "being"
                    | "it"
                    | "they"
                    | "days"
                    | "weeks"
                    | "months"
                    | "hours"
                    | "years"
                    | "midnight"
                    | "dark"
            )
            || (cue == &["over"]
                && !matches!(
                    first,
                    "the" | "a" | "concerns" | "fears" | "security" | "its" | "their"
                ))
        {
            continue;
        }
        let mut end = start;
        while end + 1 < hi && end + 1 - start < 12 {
            let gap = &text[ws[end].span.end..ws[end + 1].span.start];
            // "to halt the spread of the virus on March 20": the time is the change's, not the cause's.
            let time_follows = matches!(
                ws[end + 1].lower.as_str(),
                "on" | "in" | "since" | "until" | "from"
            ) && ws
                .get(end + 2)
                .is_some_and(|w| crate::timex::starts_time(&w.lower));
            if gap.contains([',', ';', ':', '"', '“', '”', '(', ')'])
                || gap.contains('.')
                || stop_at.contains(&(end + 1))
                || time_follows
            {
                break;
            }
            end += 1;
        }
        let span = Span::new(ws[start].span.start, ws[end].span.end);
        let words_in = end + 1 - start;
        if words_in == 1 && matches!(first, "the" | "a" | "its" | "their") {
            continue;
        }
        return Some((
            span.of(text).to_string(),
            Span::new(ws[k].span.start, ws[end].span.end),
        ));
    }
    None
}

fn is_time_word(w: Option<&Word>) -> bool {
    w.is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "week" | "weeks" | "day" | "days" | "month" | "months" | "year" | "years" | "hours"
        )
    })
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "announces",
    "stated",
    "states",
    "added",
    "declared",
    "declares",
    "confirmed",
    "confirms",
    "reported",
    "reports",
    "tweeted",
    "wrote",
    "explained",
    "noted",
    "insisted",
    "denied",
    "denies",
    "claimed",
    "claims",
    "spoke",
    "speaking",
    "tells",
];

/// A speaker found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    pub name: String,
    pub role: Option<String>,
    pub span: Span,
}

/// On whose word: the person who "said" it (with the role in apposition), and the outlets it came
/// through ("according to the … (IRIB) news agency", "state media reported").
/// `places` are the spans of the sentence's gazetteer names (crossings, countries, regions): a name
/// there is a place, not a speaker ("traders in Penjwen said", "the ministry on Sunday denied").
pub fn attribution(
    text: &str,
    ws: &[Word],
    known: &[Speaker],
    places: &[Span],
) -> (Attribution, Option<Span>) {
    let not_a_name = |s: usize, e: usize| {
        let span = Span::new(ws[s].span.start, ws[e].span.end);
        places
            .iter()
            .any(|p| p.start < span.end && span.start < p.end)
            || (s..=e).all(|k| crate::timex::starts_time(&ws[k].lower))
    };
    let mut att = Attribution::default();
    let mut speaker_span = None;
    let cap = |k: usize| {
        ws.get(k)
            .is_some_and(|w| w.text.chars().next().is_some_and(|c| c.is_uppercase()))
    };
    let gap = |a: usize, b: usize| -> &str {
        match (ws.get(a), ws.get(b)) {
            (Some(x), Some(y)) if x.span.end <= y.span.start => &text[x.span.end..y.span.start],
            _ => "",
        }
    };

    // The first unnamed speaker ("a spokeswoman for the border guard said"), kept in case no named
    // one follows.
    let mut unnamed: Option<Span> = None;
    for (k, w) in ws.iter().enumerate() {
        if !SPEECH_VERBS.contains(&w.lower.as_str()) {
            continue;
        }
        if unnamed.is_none() {
            unnamed = unnamed_speaker(text, ws, k);
        }
        // "NAME, the ROLE, said": walk back over the appositive between commas.
        let mut name_end = k.checked_sub(1);
        let mut role = None;
        if k > 0 && gap(k - 1, k).trim() == "," {
            // find the comma that opens the appositive
            let mut a = k - 1;
            while a > 0 && gap(a - 1, a).trim() != "," && k - a < 14 {
                a -= 1;
            }
            if a > 0 && gap(a - 1, a).trim() == "," && cap(a - 1) {
                let r = Span::new(ws[a].span.start, ws[k - 1].span.end).of(text);
                role = Some(r.trim_start_matches("the ").to_string());
                name_end = Some(a - 1);
            }
        }
        // The name: up to four capitalised words ending at `name_end`.
        if let Some(e) =
            name_end.filter(|&e| cap(e) && !gap(e, e + 1).contains(['"', '“', '”', '.']))
        {
            let mut s = e;
            while s > 0
                && cap(s - 1)
                && e - s < 3
                && !gap(s - 1, s).contains([',', '"', '“', '”', '.'])
            {
                s -= 1;
            }
            if !matches!(
                ws[s].lower.as_str(),
                "the" | "he" | "she" | "it" | "they" | "officials" | "police"
            ) && !not_a_name(s, e)
            {
                let span = Span::new(ws[s].span.start, ws[e].span.end);
                let (name, role) = complete_name(span.of(text).to_string(), role, known);
                att.speaker = Some(name);
                att.role = role;
                speaker_span = Some(span);
                break;
            }
        }
        // "said NAME, the ROLE"
        let mut e = k + 1;
        while e < ws.len() && cap(e) && e - k <= 4 && !gap(e - 1, e).contains([',', '.']) {
            e += 1;
        }
        if e > k + 1 && !not_a_name(k + 1, e - 1) {
            let span = Span::new(ws[k + 1].span.start, ws[e - 1].span.end);
            let (name, role) = complete_name(span.of(text).to_string(), None, known);
            att.speaker = Some(name);
            att.role = role;
            speaker_span = Some(span);
            break;
        }
    }

    // Nobody named: the role of who spoke is still on whose word the report tells it.
    if att.speaker.is_none()
        && let Some(u) = unnamed
    {
        att.role = Some(u.of(text).to_string());
        speaker_span = Some(u);
    }

    // "according to the Islamic Republic of Iran Broadcasting (IRIB) news agency", "according to IRIB".
    for k in 0..ws.len() {
        if ws[k].lower == "according" && ws.get(k + 1).is_some_and(|w| w.lower == "to") {
            let mut s = k + 2;
            if ws.get(s).is_some_and(|w| w.lower == "the") {
                s += 1;
            }
            let mut e = s;
            while e < ws.len()
                && (cap(e) || matches!(ws[e].lower.as_str(), "of" | "and"))
                && e - s < 10
                && (e == s || !gap(e - 1, e).contains(['(', ',', '.']))
            {
                e += 1;
            }
            if e > s {
                let phrase = Span::new(ws[s].span.start, ws[e - 1].span.end);
                let after = &text[phrase.end..];
                // Prefer an acronym in brackets right after the name.
                let acronym = after
                    .trim_start()
                    .strip_prefix('(')
                    .and_then(|r| r.split_once(')'))
                    .map(|(a, _)| a.trim());
                let via = match acronym {
                    Some(a) if !a.is_empty() && a.len() <= 12 => a.to_string(),
                    _ => phrase.of(text).to_string(),
                };
                if att.speaker.is_none()
                    && phrase.of(text).split_whitespace().count() <= 3
                    && acronym.is_none()
                {
                    // "according to Bakhshi": a person, not an outlet, when it matches a known speaker.
                    if let Some(sp) = known
                        .iter()
                        .find(|sp| fold_name(&sp.name).contains(&fold_name(phrase.of(text))))
                    {
                        att.speaker = Some(sp.name.clone());
                        att.role = sp.role.clone();
                        continue;
                    }
                }
                if !att.via.contains(&via) {
                    att.via.push(via);
                }
            }
        }
    }
    // "Iranian state media reported", "state television said".
    for k in 0..ws.len() {
        if ws[k].lower == "state"
            && ws.get(k + 1).is_some_and(|w| {
                matches!(
                    w.lower.as_str(),
                    "media" | "television" | "tv" | "radio" | "news"
                )
            })
        {
            let s = if k > 0 && cap(k - 1) { k - 1 } else { k };
            let via = Span::new(ws[s].span.start, ws[k + 1].span.end)
                .of(text)
                .to_string();
            if !att.via.contains(&via) {
                att.via.push(via);
            }
        }
    }
    (att, speaker_span)
}

/// Nouns that make a phrase a speaker without a name: a person by office, or the body speaking.
fn is_speaker_noun(w: &str) -> bool {
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokespeople"
            | "official"
            | "officials"
            | "officer"
            | "officers"
            | "minister"
            | "ministers"
            | "ministry"
            | "source"
            | "sources"
            | "diplomat"
            | "diplomats"
            | "governor"
            | "mayor"
            | "commander"
            | "chief"
            | "head"
            | "director"
            | "ambassador"
            | "envoy"
            | "representative"
            | "guard"
            | "guards"
            | "police"
            | "authorities"
            | "army"
            | "military"
            | "government"
            | "agency"
            | "service"
            | "administration"
            | "office"
    )
}

/// The phrase naming an unnamed speaker of the speech verb at `k`: "…, a spokeswoman for the Polish
/// border guard said", "…, said an official at the crossing", "the interior minister said". It starts
/// with an article, stands between the verb and a comma, quote or the sentence edge, and holds a
/// speaker noun. A trailing time ("the ministry on Sunday denied") is not part of it.
fn unnamed_speaker(text: &str, ws: &[Word], k: usize) -> Option<Span> {
    let breaks = |a: usize, b: usize| {
        text.get(ws[a].span.end..ws[b].span.start)
            .is_some_and(|g| g.contains([',', ';', ':', '"', '“', '”', '(', ')', '.']))
    };
    let is_article = |i: usize| matches!(ws[i].lower.as_str(), "a" | "an" | "the");
    let phrase = |s: usize, e: usize| -> Option<Span> {
        // Drop a trailing time: "on Sunday", "yesterday".
        let mut e = e;
        while e > s && crate::timex::starts_time(&ws[e].lower) {
            e -= 1;
            if e > s && matches!(ws[e].lower.as_str(), "on" | "last" | "this") {
                e -= 1;
            }
        }
        let ok = is_article(s)
            && e > s
            && e - s < 10
            && (s + 1..=e).any(|i| is_speaker_noun(&ws[i].lower));
        ok.then(|| Span::new(ws[s].span.start, ws[e].span.end))
    };
    // Before the verb: back to the last break.
    if k > 0 {
        let mut s = k - 1;
        while s > 0 && !breaks(s - 1, s) && k - s < 11 {
            s -= 1;
        }
        if (s == 0 || breaks(s - 1, s))
            && let Some(p) = phrase(s, k - 1)
        {
            return Some(p);
        }
    }
    // After the verb: "said an official at the crossing."
    if k + 1 < ws.len() && !breaks(k, k + 1) {
        let s = k + 1;
        let mut e = s;
        while e + 1 < ws.len() && !breaks(e, e + 1) && e - s < 10 {
            e += 1;
        }
        let ends = e + 1 == ws.len() || breaks(e, e + 1);
        if ends {
            return phrase(s, e);
        }
    }
    None
}

/// "Bakshi" after "Jahangir Bakhshi, the head of customs": the same person, named in full.
fn complete_name(
    name: String,
    role: Option<String>,
    known: &[Speaker],
) -> (String, Option<String>) {
    let folded = fold_name(&name);
    for sp in known.iter().rev() {
        let full = fold_name(&sp.name);
        let last = full.rsplit(' ').next().unwrap_or("");
        if full == folded || (!folded.contains(' ') && last == folded) {
            return (sp.name.clone(), role.or_else(|| sp.role.clone()));
        }
    }
    (name, role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    #[test]
    fn speaker_role_and_agency() {
        let s = "\u{201c}The border is open,\u{201d} Jahangir Bakhshi, the head of customs, said, according to the Islamic Republic of Iran Broadcasting (IRIB) news agency.";
        let ws = words(s);
        let (att, span) = attribution(s, &ws, &[], &[]);
        assert_eq!(att.speaker.as_deref(), Some("Jahangir Bakhshi"));
        assert_eq!(att.role.as_deref(), Some("head of customs"));
        assert_eq!(att.via, ["IRIB"]);
        assert_eq!(span.unwrap().of(s), "Jahangir Bakhshi");
    }

    #[test]
    fn a_surname_later_is_the_same_speaker() {
        let known = vec![Speaker {
            name: "Jahangir Bakhshi".into(),
            role: Some("head of customs".into()),
            span: Span::default(),
        }];
        let s = "Bakshi said on Wednesday that it was not clear.";
        let (att, _) = attribution(s, &words(s), &known, &[]);
        assert_eq!(att.speaker.as_deref(), Some("Jahangir Bakhshi"));
        assert_eq!(att.role.as_deref(), Some("head of customs"));
    }

    #[test]
    fn places_and_days_are_not_speakers() {
        let s = "Traders in Penjwen said the queues were long.";
        let ws = words(s);
        let penjwen = s
            .find("Penjwen")
            .map(|a| Span::new(a, a + 7))
            .unwrap_or_default();
        let (att, _) = attribution(s, &ws, &[], &[penjwen]);
        assert_eq!(att.speaker, None);
        let s = "The ministry on Sunday denied it.";
        let (att, _) = attribution(s, &words(s), &[], &[]);
        assert_eq!(att.speaker, None);
    }

    #[test]
    fn state_media_is_a_channel() {
        let s = "Iran opened the crossing, Iranian state media reported.";
        let (att, _) = attribution(s, &words(s), &[], &[]);
        assert_eq!(att.via, ["Iranian state media"]);
        assert_eq!(att.speaker, None);
    }

    #[test]
    fn causes() {
        let s = "Iraq closed the crossing at Baghdad's request.";
        let ws = words(s);
        assert_eq!(
            cause(s, &ws, 0, ws.len(), &[]).unwrap().0,
            "at Baghdad's request"
        );
        let s = "Kazakhstan shut the border due to coronavirus, officials said.";
        let ws = words(s);
        assert_eq!(cause(s, &ws, 0, ws.len(), &[]).unwrap().0, "coronavirus");
        let s = "The gate reopened after 10 days.";
        let ws = words(s);
        assert_eq!(cause(s, &ws, 0, ws.len(), &[]), None);
        for s in [
            "The gate reopened after almost three years.",
            "The gate reopened three years after fighting forced its closure.",
        ] {
            let ws = words(s);
            assert_eq!(cause(s, &ws, 0, ws.len(), &[]), None, "{s}");
        }
        let s = "The gate was shut for hours after an exchange of fire.";
        let ws = words(s);
        assert_eq!(
            cause(s, &ws, 0, ws.len(), &[]).unwrap().0,
            "an exchange of fire"
        );
        let s = "Iran closed it following the referendum on independence.";
        let ws = words(s);
        assert_eq!(
            cause(s, &ws, 0, ws.len(), &[]).unwrap().0,
            "the referendum on independence"
        );
    }

    #[test]
    fn scopes() {
        let sc = |s: &str| scope(&words(s));
        assert_eq!(sc("reopened for trucks carrying aid"), Some(Scope::Trucks));
        assert_eq!(
            sc("opened for humanitarian cases"),
            Some(Scope::Humanitarian)
        );
        assert_eq!(
            sc("closed to non-essential travel"),
            Some(Scope::Passengers)
        );
        assert_eq!(sc("closed the border"), None);
        // Goods and people together: everyone.
        assert_eq!(
            sc("open again for trade and for travellers"),
            Some(Scope::All)
        );
        // A scope word must be introduced: here trucks are the subject of another clause.
        assert_eq!(sc("reopened on Wednesday and trucks crossed"), None);
        assert_eq!(
            closed_to(&words("shut to trucks and travellers alike"), 0),
            ClosedTo::Nobody
        );
        assert!(closed_to_group(
            &words("closes its borders to foreigners"),
            2
        ));
        assert!(!closed_to_group(
            &words("closes the crossing to all traffic"),
            2
        ));
        assert!(!closed_to_group(
            &words("closed in response to refugees"),
            0
        ));
    }

    #[test]
    fn unnamed_speakers_are_kept_by_role() {
        let role = |s: &str| attribution(s, &words(s), &[], &[]).0;
        let a = role("The post closed on Monday, a spokeswoman for the border guard said.");
        assert_eq!(a.speaker, None);
        assert_eq!(
            a.role.as_deref(),
            Some("a spokeswoman for the border guard")
        );
        let a = role("The post closed, said an official at the crossing.");
        assert_eq!(a.role.as_deref(), Some("an official at the crossing"));
        let a = role("The ministry on Sunday denied it.");
        assert_eq!(a.role.as_deref(), Some("The ministry"));
        // No speaker noun, no role: "the crossing said" is not a speaker.
        assert_eq!(
            role("Traders at the crossing said the queues were long.").role,
            None
        );
        // A name wins.
        let a = role("The post closed, Jan Kowal, a spokesman for the guard, said.");
        assert_eq!(a.speaker.as_deref(), Some("Jan Kowal"));
        assert_eq!(a.role.as_deref(), Some("a spokesman for the guard"));
    }

    #[test]
    fn travellers_in_general_are_everyone() {
        assert!(everyone_travelling(&words("open to travellers for now")));
        assert!(!everyone_travelling(&words(
            "open to travellers with a negative test"
        )));
        assert!(!everyone_travelling(&words("open to residents")));
        assert!(!everyone_travelling(&words(
            "open to trucks and travellers"
        )));
        assert!(!everyone_travelling(&words("open on Monday")));
    }
}
