//! Reading a report in a language other than English: one mechanism over the language's word classes.
//!
//! English is read by rules grown over the project's life (detect, link, attach, safety). Every other
//! language is read here, by code that knows no word of any language: it asks the language's
//! [`Lexicon`] (`lang/<code>.toml`) whether a word, or a run of words, names a change, a plan, a hedge,
//! a negation, a condition, a group of travellers, a part, a day or a month, and decides with the same
//! rules for every language. Adding a language is adding a file and its tests.
//!
//! The rules lean towards saying less, and lean harder on openings than on closures:
//! - an opening is weakened by a plan, a hedge, a condition, an aim, a negation or a look back
//!   anywhere in its sentence; a closure only by one in its own clause (between commas), so that "X
//!   closed, and officials plan to reopen it" stays a closure and never becomes a planned one (which
//!   would leave the crossing open);
//! - a closure is denied only by a negation inside its verb group ("بسته نشد", "не закрыт"), never by
//!   one elsewhere in the clause;
//! - an opening for some traffic, for part of a crossing, or only, is `restricted`;
//! - a question makes no claim, an aim or a demand makes none, and a dated change after the report's
//!   publication is planned;
//! - only crossings the gazetteer names are targets (or "the crossing" when the report names exactly
//!   one): borders as a whole are not read in these languages yet.
//!
//! Invariant: no I/O, no clock; every claim's evidence spans lie in the report text.

use crate::calendar::Calendar;
use crate::lexicon::{Classified, Lexicon};
use crate::segment::{Sentence, segment};
use crate::timex::Direction;
use crate::{
    Attribution, Change, Claim, CrossingRef, Effective, Evidence, Modality, Precision, Report,
    Scope, Span, Status,
};
use borderwatch_gazetteer::{Gazetteer, NameKind};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use unicode_normalization::char::is_combining_mark;

/// A word of the sentence: its span in the report and the form the lexicon looks it up in.
#[derive(Debug)]
struct Tok {
    span: Span,
    key: String,
}

/// Words are runs of letters, digits and combining marks; joiners stay inside a word (Persian writes
/// "می‌شود" as one word with a zero-width non-joiner), and folding drops them.
fn tokens(text: &str, within: Span) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let part = |c: char| {
        c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '\u{200C}' | '\u{200D}')
    };
    let piece = within.of(text);
    let push = |s: usize, e: usize, out: &mut Vec<Tok>| {
        let key = Lexicon::fold_word(&piece[s..e]);
        if !key.is_empty() {
            out.push(Tok {
                span: Span::new(within.start + s, within.start + e),
                key,
            });
        }
    };
    for (i, c) in piece.char_indices() {
        if part(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(s, piece.len(), &mut out);
    }
    out
}

/// The change words, by class, with what they name.
const CHANGE_CLASSES: &[(&str, Verb)] = &[
    ("reopen", Verb::Reopen),
    ("open", Verb::Open),
    ("close", Verb::Close),
    ("restrict", Verb::Restrict),
    ("remain_closed", Verb::RemainClosed),
    ("remain_open", Verb::RemainOpen),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Open,
    Reopen,
    Close,
    Restrict,
    RemainClosed,
    RemainOpen,
}

impl Verb {
    fn opens(self) -> bool {
        matches!(self, Verb::Open | Verb::Reopen | Verb::RemainOpen)
    }
}

/// A change word found in a sentence: token range `[first, last]`.
#[derive(Debug)]
struct Trigger {
    first: usize,
    last: usize,
    verb: Verb,
}

/// A crossing named in the report, resolved to one gazetteer entry.
#[derive(Clone, Debug)]
struct Named {
    span: Span,
    crossing: usize,
}

/// Reads `report` with the reading rules of `lex`.
pub fn read(report: &Report, gaz: &Gazetteer, lex: &Lexicon) -> Vec<Claim> {
    let text = report.text.as_str();
    let hits = find_names(gaz, text);
    let countries: Vec<&str> = hits
        .iter()
        .filter_map(|h| match &h.kind {
            NameKind::Country(c) => Some(c.as_str()),
            NameKind::Region { country, .. } => Some(country.as_str()),
            NameKind::Crossing(_) => None,
        })
        .collect();
    let named: Vec<Named> = hits
        .iter()
        .filter_map(|h| {
            let NameKind::Crossing(cands) = &h.kind else {
                return None;
            };
            let span = Span::new(h.start, h.end);
            // A weak alias ("the bridge" of a town) names a crossing only beside a crossing noun.
            if h.weak
                && (is_crossing_word(text, span, lex) || !beside_crossing_noun(text, span, lex))
            {
                return None;
            }
            let crossing = match cands.as_slice() {
                [one] => *one,
                many => {
                    // A name several crossings share: the one on a border of a country the report
                    // names, when exactly one is; else no target (never a guess).
                    let fits: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&k| countries.iter().any(|c| gaz.crossings()[k].touches(c)))
                        .collect();
                    match fits.as_slice() {
                        [one] => *one,
                        _ => return None,
                    }
                }
            };
            Some(Named { span, crossing })
        })
        .collect();
    if named.is_empty() {
        return Vec::new();
    }
    // "The crossing" with no name refers to the report's crossing when it names exactly one.
    let only_crossing = {
        let first = named[0].crossing;
        named.iter().all(|n| n.crossing == first).then_some(first)
    };
    let sentences = segment(text);
    let headline = crate::segment::headline(text, &sentences);
    let mut claims = Vec::new();
    for s in &sentences {
        let toks = tokens(text, s.span);
        let in_sentence: Vec<&Named> = named
            .iter()
            .filter(|n| s.span.start <= n.span.start && n.span.end <= s.span.end)
            .collect();
        read_sentence(
            &SentenceCtx {
                text,
                report,
                gaz,
                lex,
                sentence: s,
                toks: &toks,
                named: &in_sentence,
                only_crossing,
            },
            &mut claims,
        );
    }
    // Settled before they are merged: merging keeps the first claim's evidence, and a headline's
    // opening stands only beside the body's telling of it, which merging would fold away.
    let claims = crate::safety::settle(claims, text, &sentences, headline, lex);
    crate::pipeline::merge(claims)
}

/// The names the gazetteer finds in `text`, and those it finds once a suffix written after an
/// apostrophe is split off: Turkish and other languages write case endings onto a name that way
/// ("Kapıkule'den", "Habur'u"), and the gazetteer's folding joins them into one word. The split copy
/// keeps every byte offset (each apostrophe becomes as many spaces as it has bytes); its names are
/// added where the text's own names do not already lie.
fn find_names(gaz: &Gazetteer, text: &str) -> Vec<borderwatch_gazetteer::NameHit> {
    let mut hits = gaz.find_names(text);
    let apostrophe = |c: char| matches!(c, '\'' | '\u{2019}' | '`' | '\u{00B4}' | '\u{02BC}');
    if !text.contains(apostrophe) {
        return hits;
    }
    let mut split = String::with_capacity(text.len());
    let mut prev_letter = false;
    for c in text.chars() {
        if apostrophe(c) && prev_letter {
            split.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            split.push(c);
        }
        prev_letter = c.is_alphabetic();
    }
    for h in gaz.find_names(&split) {
        if !hits.iter().any(|o| o.start < h.end && h.start < o.end) {
            hits.push(h);
        }
    }
    hits.sort_by_key(|h| h.start);
    hits
}

fn beside_crossing_noun(text: &str, span: Span, lex: &Lexicon) -> bool {
    // About 60 bytes either side, moved onto letter boundaries: in Cyrillic or Arabic script a fixed
    // byte count often falls inside a letter, and that side would go unread.
    let mut from = span.start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = text.get(from..span.start).unwrap_or("");
    let after = text.get(span.end..to).unwrap_or("");
    let near = |piece: &str, from_end: bool| {
        let toks = tokens(piece, Span::new(0, piece.len()));
        let keys: Vec<String> = toks.into_iter().map(|t| t.key).collect();
        // Before the name, its last two words ("the bridge of X", "paso de X"); after it, the noun
        // must follow at once ("X crossing"): a word between is a sentence going on ("Mr X said the
        // crossing …").
        let range: Vec<usize> = if from_end {
            (keys.len().saturating_sub(2)..keys.len()).collect()
        } else {
            (0..keys.len().min(1)).collect()
        };
        range.into_iter().any(|i| {
            lex.match_at("crossing_noun", &lex.classify(&keys), i)
                .is_some()
        })
    };
    near(before, true) || near(after, false)
}

/// Whether a weak alias is, in this language, a word for crossings itself: Russian "Пограничный" is
/// the town opposite Suifenhe and also the adjective of "пограничный пункт" (border post). Such a
/// word beside a crossing noun is that phrase, not the name.
fn is_crossing_word(text: &str, span: Span, lex: &Lexicon) -> bool {
    let keys: Vec<String> = tokens(text, span).into_iter().map(|t| t.key).collect();
    lex.begins("crossing_noun", &lex.classify(&keys), 0)
}

struct SentenceCtx<'a> {
    text: &'a str,
    report: &'a Report,
    gaz: &'a Gazetteer,
    lex: &'a Lexicon,
    sentence: &'a Sentence,
    toks: &'a [Tok],
    named: &'a [&'a Named],
    only_crossing: Option<usize>,
}

impl SentenceCtx<'_> {
    fn keys(&self) -> Vec<String> {
        self.toks.iter().map(|t| t.key.clone()).collect()
    }

    /// Whether token `i` lies inside a crossing's name (its words are not change words).
    fn in_name(&self, i: usize) -> bool {
        let sp = self.toks[i].span;
        self.named
            .iter()
            .any(|n| n.span.start <= sp.start && sp.end <= n.span.end)
    }

    /// Token ranges `[a, b)` of the sentence's clauses: broken at ; : quotes and brackets, at commas,
    /// and before the language's clause words ("but"). Quotes around a crossing's name (Russian
    /// «Верхний Ларс», Turkish "Cilvegözü") mark the name, not a clause: they do not break.
    fn clause_of(&self, keys: &Classified, i: usize) -> (usize, usize) {
        let gap = |k: usize| {
            self.text
                .get(self.toks[k].span.end..self.toks[k + 1].span.start)
                .unwrap_or("")
        };
        const QUOTES: [char; 5] = ['"', '«', '»', '“', '”'];
        let breaks = |k: usize| {
            let g = gap(k);
            let by_name = self.in_name(k) || self.in_name(k + 1);
            g.contains([',', '،', ';', '؛', ':', '(', ')', '—', '–'])
                || (g.contains(QUOTES) && !by_name)
                || self.lex.is_at("clause_break", keys, k + 1)
        };
        let mut a = i;
        while a > 0 && !breaks(a - 1) {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < keys.len() && !breaks(b) {
            b += 1;
        }
        (a, b + 1)
    }
}

/// Whether any word of `range` is of `class` (multi-word entries too).
fn any_of(lex: &Lexicon, class: &str, keys: &Classified, range: std::ops::Range<usize>) -> bool {
    range
        .into_iter()
        .any(|k| lex.match_at(class, keys, k).is_some())
}

fn read_sentence(cx: &SentenceCtx, out: &mut Vec<Claim>) {
    let lex = cx.lex;
    let words = cx.keys();
    // Every word looked up once, for every class; the rules below ask of these sets.
    let keys = &lex.classify(&words);
    let n = words.len();
    if n == 0 {
        return;
    }
    // A question asserts nothing; nor does a line of page furniture ("Read more:").
    let sentence_text = cx.sentence.span.of(cx.text).trim_end();
    if sentence_text.ends_with(['?', '؟']) || any_of(lex, "question", keys, 0..n) {
        return;
    }
    // A label may take a few words ("Read more:", "اقرأ أيضا:", "İlgili haber:"). Label entries are
    // words or phrases; walk over them for up to four words, looking for the colon or bar after each.
    let mut label_end = false;
    let mut j = 0;
    while j < n.min(4) {
        let Some(len) = lex.match_at("furniture", keys, j) else {
            break;
        };
        j += len;
        if cx
            .text
            .get(cx.toks[j - 1].span.end..)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '|']))
        {
            label_end = true;
            break;
        }
    }
    if label_end {
        return;
    }
    let triggers = find_triggers(cx, keys);
    if triggers.is_empty() {
        return;
    }
    let dates = find_dates(lex, cx.toks, keys);
    let opening_told = triggers.iter().any(|t| t.verb.opens());
    // A closure introduced by "after" in a sentence that tells an opening is that opening's history
    // ("reopened after three weeks of closure"): it makes the opening a reopening, and no claim.
    // Languages with postpositions put the word after the closure (Turkish "kapanmanın ardından"),
    // or on it ("kapatıldıktan"): the closure's words and the two after it are looked at too.
    let history = |t: &Trigger| {
        matches!(t.verb, Verb::Close | Verb::RemainClosed)
            && opening_told
            && (any_of(lex, "after", keys, t.first.saturating_sub(4)..t.first)
                || any_of(lex, "after", keys, t.first..(t.last + 3).min(n)))
    };
    let after_closure = triggers.iter().any(history);
    for t in &triggers {
        if history(t) {
            continue;
        }
        let (ca, cb) = cx.clause_of(keys, t.first);
        let whole = 0..n;
        // Openings are weakened by what the whole sentence says; closures by their own clause.
        let reach = if t.verb.opens() {
            whole.clone()
        } else {
            ca..cb
        };
        let aim = any_of(lex, "aim", keys, reach.clone());
        if aim {
            continue;
        }
        let condition = any_of(lex, "condition", keys, reach.clone());
        let plan =
            any_of(lex, "plan", keys, reach.clone()) || any_of(lex, "future", keys, reach.clone());
        let hedge = any_of(lex, "hedge", keys, reach.clone());
        // Negation: anywhere in its clause for an opening (say less); inside the verb group — the
        // change words and two words either side — for anything else.
        // A word of a crossing's name is not a negation (French "Pas-de-la-Case").
        let verb_group = t.first.saturating_sub(2)..(t.last + 3).min(n);
        let negation_in = |range: std::ops::Range<usize>| {
            range
                .into_iter()
                .any(|k| !cx.in_name(k) && lex.match_at("negation", keys, k).is_some())
        };
        let negated = if t.verb.opens() {
            negation_in(ca..cb) || any_of(lex, "negated", keys, verb_group)
        } else {
            negation_in(verb_group.clone()) || any_of(lex, "negated", keys, verb_group)
        };
        // A look back set off by a comma at the head of the sentence ("L'an dernier, le poste a
        // rouvert", "El año pasado, …") still dates an opening after it: for openings, from the
        // sentence's start to the end of their clause.
        let background_from = if t.verb.opens() { 0 } else { ca };
        let background = any_of(lex, "background", keys, background_from..cb);
        // Who may pass, and how much of the crossing. A crossing's name is not a group of travellers
        // (Persian "بازرگان", the Bazargan crossing, is also "trader").
        let scope_word = |class: &str| {
            (ca..cb).any(|k| !cx.in_name(k) && lex.match_at(class, keys, k).is_some())
        };
        let mut scopes: Vec<Scope> = Vec::new();
        for (class, scope) in [
            ("trucks", Scope::Trucks),
            ("passengers", Scope::Passengers),
            ("humanitarian", Scope::Humanitarian),
            ("trade", Scope::Trade),
        ] {
            if scope_word(class) {
                scopes.push(scope);
            }
        }
        let limited = scope_word("only") || scope_word("partial");
        // The date of the change: the first in its clause, else the first in the sentence.
        let date = dates
            .iter()
            .find(|d| ca <= d.first && d.first < cb)
            .or(dates.first());
        let published = cx.report.published;
        let resolved = date.and_then(|d| d.resolve(published, plan));
        let after_publication = matches!((resolved, published), (Some((d, _)), Some(p)) if d > p);

        // A hedge outranks a plan: "expected to reopen on Sunday" is a planned opening the writer
        // does not vouch for (uncertain), not a schedule.
        let modality = if condition {
            Modality::Conditional
        } else if negated {
            Modality::Denied
        } else if hedge {
            Modality::Uncertain
        } else if plan || after_publication {
            Modality::Planned
        } else {
            Modality::Asserted
        };
        let future = plan || after_publication;
        // An opening is told as done only in a past or perfect form of its verb, where the language
        // lists them (Persian "بازگشایی شد", Turkish "açıldı"): a bare noun or a subjunctive ("to
        // reopen") is not a report that it happened. The form may stand after the change words or,
        // in their clause, up to three words before them: verb-first languages put the past verb and
        // its subject before the verbal noun (Arabic "أعادت السلطات فتح المعبر").
        let past_from = t.first.saturating_sub(3).max(ca);
        let modality = if modality == Modality::Asserted
            && t.verb != Verb::RemainOpen
            && t.verb.opens()
            && lex.has_class("past")
            && !any_of(lex, "past", keys, past_from..(t.last + 4).min(n))
        {
            continue;
        } else {
            modality
        };
        let some_traffic = !scopes.is_empty() || limited;
        // "Again" beside an opening, where the language writes it apart from the verb (Arabic
        // "أعادت السلطات فتح", Kurmanji "dîsa hate vekirin"), makes it a reopening.
        let again = any_of(lex, "again", keys, past_from..(t.last + 4).min(n));
        let verb = if t.verb == Verb::Open && (after_closure || again) {
            Verb::Reopen
        } else {
            t.verb
        };
        let Some((change, status, modality)) = decide(
            verb,
            modality,
            future,
            background,
            some_traffic,
            scopes.len(),
        ) else {
            continue;
        };
        let scope = match scopes.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        for (target, mention) in targets(cx, keys, t) {
            let c = &cx.gaz.crossings()[target];
            let confidence = match modality {
                Modality::Asserted | Modality::Denied => 0.7,
                Modality::Planned => 0.6,
                Modality::Conditional => 0.5,
                Modality::Uncertain => 0.4,
            } - if mention.is_none() { 0.1 } else { 0.0 };
            let mention_span = mention.unwrap_or(cx.toks[t.first].span);
            out.push(Claim {
                crossing: Some(CrossingRef {
                    id: Some(c.id.clone()),
                    name: c.name.clone(),
                    countries: c.countries.to_vec(),
                }),
                border: None,
                mention: mention
                    .map(|m| m.of(cx.text).to_string())
                    .unwrap_or_else(|| {
                        reference_words(cx, keys)
                            .map_or_else(|| c.name.clone(), |s| s.of(cx.text).to_string())
                    }),
                change,
                status,
                modality,
                effective: match (date, resolved) {
                    (Some(d), r) => Effective {
                        text: Some(d.span.of(cx.text).to_string()),
                        date: r.map(|(d, _)| d),
                        precision: r.map(|(_, p)| p),
                    },
                    (None, _) => Effective::default(),
                },
                scope: if some_traffic { scope } else { None },
                attribution: Attribution::default(),
                cause: None,
                evidence: Evidence {
                    sentence: cx.sentence.span,
                    trigger: Span::new(cx.toks[t.first].span.start, cx.toks[t.last].span.end),
                    mention: Some(mention_span),
                    date: date.map(|d| d.span),
                    speaker: None,
                    language: cx.report.language.clone(),
                },
                confidence,
            });
        }
    }
}

/// The change, status and modality a change word comes to, or nothing when the sentence only
/// talks about it. `future`: the change is planned or dated later; `background`: told as a look
/// back; `some_traffic`: for some travellers or goods, or only part of the crossing; `groups`: how
/// many groups of travellers are named.
fn decide(
    verb: Verb,
    modality: Modality,
    future: bool,
    background: bool,
    some_traffic: bool,
    groups: usize,
) -> Option<(Change, Status, Modality)> {
    use Modality::*;
    let opened = if verb == Verb::Reopen {
        Change::Reopened
    } else {
        Change::Opened
    };
    let open_status = if some_traffic {
        Status::Restricted
    } else {
        Status::Open
    };
    Some(match (verb, modality) {
        // An opening recounted as background is no news of today: say nothing.
        (Verb::Open | Verb::Reopen, _) if background && modality == Asserted => return None,
        (Verb::Open | Verb::Reopen, Asserted) => (opened, open_status, Asserted),
        (Verb::Open | Verb::Reopen, Planned | Conditional) => {
            (Change::PlannedOpening, Status::Closed, modality)
        }
        (Verb::Open | Verb::Reopen, Uncertain) if future => {
            (Change::PlannedOpening, Status::Closed, Uncertain)
        }
        (Verb::Open | Verb::Reopen, Uncertain) => (opened, open_status, Uncertain),
        // "did not reopen": the crossing stays shut.
        (Verb::Open | Verb::Reopen, Denied) => (Change::ExtendedClosure, Status::Closed, Asserted),
        // "closed to trucks" while others pass is a restriction; closed to two groups or more is
        // closed to the traffic that matters.
        (Verb::Close, Asserted) if some_traffic && groups == 1 => {
            (Change::Restricted, Status::Restricted, Asserted)
        }
        (Verb::Close, Asserted) => (Change::Closed, Status::Closed, Asserted),
        (Verb::Close, Planned | Conditional) => (Change::PlannedClosure, Status::Open, modality),
        (Verb::Close, Uncertain) if future => (Change::PlannedClosure, Status::Open, Uncertain),
        (Verb::Close, Uncertain) => (Change::Closed, Status::Closed, Uncertain),
        (Verb::Close, Denied) => (Change::DeniedClosure, Status::Open, Denied),
        (Verb::Restrict, Denied) => return None,
        (Verb::Restrict, m) => (Change::Restricted, Status::Restricted, m),
        (Verb::RemainClosed, Denied) => return None,
        (Verb::RemainClosed, Conditional) => return None,
        // A limit in force ("still closed to trucks"): the crossing stays restricted, as "closed to
        // trucks" restricts it.
        (Verb::RemainClosed, m) if some_traffic && groups == 1 => (
            Change::ExtendedClosure,
            Status::Restricted,
            if m == Uncertain { Uncertain } else { Asserted },
        ),
        (Verb::RemainClosed, m) => (
            Change::ExtendedClosure,
            Status::Closed,
            if m == Uncertain { Uncertain } else { Asserted },
        ),
        // Open only to some ("open only to aid convoys"): a limit in force.
        (Verb::RemainOpen, Asserted) if some_traffic => {
            (Change::ExtendedClosure, Status::Restricted, Asserted)
        }
        (Verb::RemainOpen, Asserted) => (Change::NoChange, Status::Open, Asserted),
        (Verb::RemainOpen, _) => return None,
    })
}

/// The change words of the sentence, longest first at each word, never inside a crossing's name.
fn find_triggers(cx: &SentenceCtx, keys: &Classified) -> Vec<Trigger> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        if cx.in_name(i) {
            i += 1;
            continue;
        }
        let best = CHANGE_CLASSES
            .iter()
            .filter_map(|(class, verb)| cx.lex.match_at(class, keys, i).map(|len| (len, *verb)))
            .max_by_key(|(len, _)| *len);
        match best {
            Some((len, verb)) => {
                out.push(Trigger {
                    first: i,
                    last: i + len - 1,
                    verb,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The crossings a change word is about, with the words that named each (`None`: "the crossing",
/// resolved to the report's only crossing). The crossings named in the change's clause; else the one
/// nearest it in the sentence; else the report's only crossing when the sentence says "the crossing".
fn targets(cx: &SentenceCtx, keys: &Classified, t: &Trigger) -> Vec<(usize, Option<Span>)> {
    let (ca, cb) = cx.clause_of(keys, t.first);
    let clause = Span::new(cx.toks[ca].span.start, cx.toks[cb - 1].span.end);
    let mut out: Vec<(usize, Option<Span>)> = Vec::new();
    for n in cx.named {
        if clause.start <= n.span.start
            && n.span.end <= clause.end
            && !out.iter().any(|(k, _)| *k == n.crossing)
        {
            out.push((n.crossing, Some(n.span)));
        }
    }
    if out.is_empty() {
        let at = cx.toks[t.first].span.start;
        if let Some(n) = cx.named.iter().min_by_key(|n| n.span.start.abs_diff(at)) {
            out.push((n.crossing, Some(n.span)));
        }
    }
    if out.is_empty()
        && let Some(only) = cx.only_crossing
        && reference_words(cx, keys).is_some()
    {
        out.push((only, None));
    }
    out
}

/// The words of the sentence that refer to a crossing without naming it ("the crossing").
fn reference_words(cx: &SentenceCtx, keys: &Classified) -> Option<Span> {
    (0..keys.len()).find_map(|k| {
        cx.lex
            .match_at("crossing_noun", keys, k)
            .map(|len| Span::new(cx.toks[k].span.start, cx.toks[k + len - 1].span.end))
    })
}

/// A time the sentence gives: from token `first`, over `span`.
#[derive(Debug)]
struct DateWords {
    first: usize,
    span: Span,
    value: DateValue,
}

#[derive(Clone, Copy, Debug)]
enum DateValue {
    /// Days from publication: today 0, yesterday -1.
    Offset(i32),
    Weekday(Weekday),
    /// A day of a month of a calendar, with the year when given.
    Day {
        calendar: Calendar,
        month: u8,
        day: u8,
        year: Option<i32>,
    },
}

const OFFSETS: &[(&str, i32)] = &[
    ("today", 0),
    ("yesterday", -1),
    ("day_before_yesterday", -2),
    ("tomorrow", 1),
    ("day_after_tomorrow", 2),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// Month classes per calendar, in order.
const MONTHS: [(Calendar, [&str; 12]); 3] = [
    (Calendar::Gregorian, GREGORIAN_MONTHS),
    (
        Calendar::SolarHijri,
        [
            "farvardin",
            "ordibehesht",
            "khordad",
            "tir",
            "mordad",
            "shahrivar",
            "mehr",
            "aban",
            "azar",
            "dey",
            "bahman",
            "esfand",
        ],
    ),
    (
        Calendar::Hijri,
        [
            "muharram",
            "safar",
            "rabi_al_awwal",
            "rabi_al_thani",
            "jumada_al_awwal",
            "jumada_al_thani",
            "rajab",
            "shaban",
            "ramadan",
            "shawwal",
            "dhu_al_qadah",
            "dhu_al_hijjah",
        ],
    ),
];

const GREGORIAN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A number written in any script's digits ("۱۵", "١٥", "15"), with letters after it dropped
/// (Kurmanji "15ê"; Turkish "15'inde" is split at the apostrophe already).
fn number(key: &str) -> Option<i32> {
    let digits = key
        .char_indices()
        .find(|(_, c)| !c.is_numeric())
        .map_or(key, |(i, _)| &key[..i]);
    if digits.len() < key.len() && !key[digits.len()..].chars().all(char::is_alphabetic) {
        return None;
    }
    crate::calendar::parse_number(digits).and_then(|n| i32::try_from(n).ok())
}

fn month_at(lex: &Lexicon, keys: &Classified, k: usize) -> Option<(Calendar, u8, usize)> {
    MONTHS.iter().find_map(|(calendar, classes)| {
        classes.iter().enumerate().find_map(|(m, class)| {
            lex.match_at(class, keys, k)
                .map(|len| (*calendar, m as u8 + 1, len))
        })
    })
}

fn find_dates(lex: &Lexicon, toks: &[Tok], keys: &Classified) -> Vec<DateWords> {
    let mut out = Vec::new();
    let span = |a: usize, b: usize| Span::new(toks[a].span.start, toks[b].span.end);
    let year_at = |k: usize| {
        keys.get(k)
            .and_then(|w| number(w))
            .filter(|y| (1300..=2200).contains(y))
    };
    let mut k = 0;
    while k < keys.len() {
        if let Some((class, off)) = OFFSETS
            .iter()
            .find_map(|(c, o)| lex.match_at(c, keys, k).map(|len| ((len, *o), ())))
            .map(|(x, ())| x)
        {
            out.push(DateWords {
                first: k,
                span: span(k, k + class - 1),
                value: DateValue::Offset(off),
            });
            k += class;
            continue;
        }
        if let Some((len, wd)) = WEEKDAYS
            .iter()
            .find_map(|(c, w)| lex.match_at(c, keys, k).map(|len| (len, *w)))
        {
            out.push(DateWords {
                first: k,
                span: span(k, k + len - 1),
                value: DateValue::Weekday(wd),
            });
            k += len;
            continue;
        }
        // "15 March [2024]" or "March 15[, 2024]".
        let day_first = number(&keys[k])
            .filter(|d| (1..=31).contains(d))
            .and_then(|d| month_at(lex, keys, k + 1).map(|(c, m, len)| (d, c, m, k + len)));
        let month_first = month_at(lex, keys, k).and_then(|(c, m, len)| {
            keys.get(k + len)
                .and_then(|w| number(w))
                .filter(|d| (1..=31).contains(d))
                .map(|d| (d, c, m, k + len))
        });
        if let Some((day, calendar, month, last)) = day_first.or(month_first) {
            let year = year_at(last + 1);
            let end = if year.is_some() { last + 1 } else { last };
            out.push(DateWords {
                first: k,
                span: span(k, end),
                value: DateValue::Day {
                    calendar,
                    month,
                    day: day as u8,
                    year,
                },
            });
            k = end + 1;
            continue;
        }
        k += 1;
    }
    out
}

impl DateWords {
    /// The day this names, against the publication date: a weekday or a day without a year is the
    /// latest such day not after publication, or for a planned change the next one from it.
    fn resolve(&self, published: Option<Date>, ahead: bool) -> Option<(Date, Precision)> {
        match self.value {
            DateValue::Offset(o) => published?
                .checked_add(o.days())
                .ok()
                .map(|d| (d, Precision::Day)),
            DateValue::Weekday(w) => {
                let p = published?;
                let d = if ahead {
                    p.nth_weekday(1, w).ok()?
                } else if p.weekday() == w {
                    p
                } else {
                    p.nth_weekday(-1, w).ok()?
                };
                Some((d, Precision::Day))
            }
            DateValue::Day {
                calendar,
                month,
                day,
                year,
            } => crate::calendar::resolve_month(
                calendar,
                month,
                Some(day),
                year,
                published,
                if ahead {
                    Direction::Future
                } else {
                    Direction::Past
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up language, so that these tests check the mechanism and no real language's words.
    const TOY: &str = r#"
[language]
code = "xx"
name = "Toy"
direction = "ltr"
prefixes = []
[change]
reopen = ["reopenz"]
close = ["shutz"]
[modality]
plan = ["plannz"]
hedge = ["maybz"]
after = ["aftz"]
past = ["reopenz"]
[reference]
furniture = ["relatz", "newz"]
"#;

    fn read_toy(text: &str) -> Vec<(Change, Modality)> {
        let lex = Lexicon::parse(TOY).expect("the toy lexicon parses");
        let report = Report {
            id: "toy".into(),
            url: None,
            outlet: None,
            title: None,
            published: Date::new(2024, 3, 6).ok(),
            dateline: None,
            language: Some("xx".into()),
            text: text.into(),
        };
        read(&report, Gazetteer::builtin(), &lex)
            .into_iter()
            .map(|c| (c.change, c.modality))
            .collect()
    }

    #[test]
    fn a_hedge_outweighs_a_plan() {
        assert_eq!(
            read_toy("Kapikule plannz reopenz."),
            [(Change::PlannedOpening, Modality::Planned)]
        );
        assert_eq!(
            read_toy("Kapikule maybz plannz reopenz."),
            [(Change::PlannedOpening, Modality::Uncertain)]
        );
    }

    #[test]
    fn a_suffix_after_an_apostrophe_leaves_the_name_found() {
        assert_eq!(
            read_toy("Kapikule'den shutz."),
            [(Change::Closed, Modality::Asserted)]
        );
        assert_eq!(
            read_toy("Kapikule\u{2019}den shutz."),
            [(Change::Closed, Modality::Asserted)]
        );
        // The name's own spelling still wins where it has an apostrophe of its own.
        let text = "Al-Ra'i shutz.";
        let names = find_names(Gazetteer::builtin(), text);
        assert!(
            names.iter().any(|h| h.end == "Al-Ra'i".len()) && names.len() == 1,
            "{names:?}"
        );
    }

    #[test]
    fn quotes_around_a_name_do_not_cut_it_from_its_clause() {
        let lex = Lexicon::parse(TOY).expect("the toy lexicon parses");
        let report = Report {
            id: "toy".into(),
            url: None,
            outlet: None,
            title: None,
            published: None,
            dateline: None,
            language: Some("xx".into()),
            text: "«Kapikule» reopenz, Habur shutz.".into(),
        };
        let got: Vec<(String, Change)> = read(&report, Gazetteer::builtin(), &lex)
            .into_iter()
            .filter_map(|c| Some((c.crossing?.id?, c.change)))
            .collect();
        assert_eq!(
            got,
            [
                ("tr-bg-kapikule".to_string(), Change::Reopened),
                ("tr-iq-habur".to_string(), Change::Closed)
            ]
        );
    }

    #[test]
    fn a_headline_opening_told_again_in_the_body_stands() {
        assert_eq!(
            read_toy("Kapikule reopenz\n\nKapikule reopenz."),
            [(Change::Reopened, Modality::Asserted)]
        );
        // Alone, a headline's opening does not.
        assert_eq!(read_toy("Kapikule reopenz\n\nNothing more."), []);
    }

    #[test]
    fn a_label_of_several_furniture_words_is_page_furniture() {
        assert_eq!(read_toy("relatz newz: Kapikule shutz"), []);
        assert_eq!(read_toy("relatz: Kapikule shutz"), []);
        assert_eq!(
            read_toy("relatz newz Kapikule shutz"),
            [(Change::Closed, Modality::Asserted)]
        );
    }

    #[test]
    fn an_after_word_following_a_closure_makes_it_history() {
        // Postposition order: "[closure] after, reopened".
        assert_eq!(
            read_toy("Kapikule shutz aftz reopenz."),
            [(Change::Reopened, Modality::Asserted)]
        );
        // Far from the after-word, the closure is news of its own.
        let got = read_toy("Kapikule shutz one two three reopenz aftz.");
        assert!(
            got.contains(&(Change::Closed, Modality::Asserted)),
            "{got:?}"
        );
    }

    #[test]
    fn numbers_in_every_script() {
        assert_eq!(number("15"), Some(15));
        assert_eq!(number("۱۵"), Some(15));
        assert_eq!(number("١٥"), Some(15));
        assert_eq!(number("15ê"), Some(15));
        assert_eq!(number("ê15"), None);
        assert_eq!(number("15-"), None);
        assert_eq!(number("99999999999999"), None);
    }

    /// Persian dates written for this test, in the Solar Hijri and Gregorian calendars.
    #[test]
    fn dates_in_three_calendars_resolve_against_publication() {
        let lex = crate::lexicon::for_language("fa").expect("Persian rules are built in");
        let day = |text: &str, published: &str, ahead: bool| {
            let toks = tokens(text, Span::new(0, text.len()));
            let keys: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
            let dates = find_dates(lex, &toks, &lex.classify(&keys));
            let d = dates.first().expect("a date is found");
            d.resolve(published.parse().ok(), ahead)
                .map(|(d, _)| d.to_string())
        };
        // 15 Farvardin 1403 is 3 April 2024, with or without its year.
        assert_eq!(
            day("۱۵ فروردین ۱۴۰۳", "2024-04-05", false).as_deref(),
            Some("2024-04-03")
        );
        assert_eq!(
            day("۱۵ فروردین", "2024-04-05", false).as_deref(),
            Some("2024-04-03")
        );
        assert_eq!(
            day("15 مارس", "2024-04-05", false).as_deref(),
            Some("2024-03-15")
        );
        // 1 Ramadan 1445 is 11 March 2024 (Umm al-Qura).
        assert_eq!(
            day("۱ رمضان ۱۴۴۵", "2024-04-05", false).as_deref(),
            Some("2024-03-11")
        );
        assert_eq!(
            day("دیروز", "2024-04-05", false).as_deref(),
            Some("2024-04-04")
        );
        // A weekday looks back for a report, ahead for a plan (5 April 2024 was a Friday).
        assert_eq!(
            day("دوشنبه", "2024-04-05", false).as_deref(),
            Some("2024-04-01")
        );
        assert_eq!(
            day("دوشنبه", "2024-04-05", true).as_deref(),
            Some("2024-04-08")
        );
    }

    #[test]
    fn tokens_keep_joiners_and_marks_inside_words() {
        let text = "گذرگاه بازگشایی می‌شود، فَتَحَ";
        let toks = tokens(text, Span::new(0, text.len()));
        let got: Vec<&str> = toks.iter().map(|t| t.span.of(text)).collect();
        assert_eq!(got, ["گذرگاه", "بازگشایی", "می‌شود", "فَتَحَ"]);
        assert_eq!(toks[2].key, Lexicon::fold_word("میشود"));
    }

    /// A made-up language, so that the rules are tested apart from any real lexicon.
    const TEST_LEXICON: &str = r#"
[language]
code = "xx"
name = "Test"
direction = "ltr"
prefixes = []
[change]
open = ["opn*"]
close = ["shut"]
[scope]
trucks = ["trucks"]
trade = ["bazargan"]
[modality]
past = ["did"]
again = ["anew"]
hedge = ["maybe"]
plan = ["soon"]
[reference]
furniture = ["read", "more"]
"#;

    fn read_test(text: &str) -> Vec<(Change, Status, Modality)> {
        let lex = Lexicon::parse(TEST_LEXICON).expect("the test lexicon parses");
        let report = Report {
            id: String::new(),
            url: None,
            outlet: None,
            title: None,
            published: Some(jiff::civil::date(2024, 3, 6)),
            dateline: None,
            language: Some("xx".into()),
            text: text.into(),
        };
        read(&report, Gazetteer::builtin(), &lex)
            .into_iter()
            .map(|c| (c.change, c.status, c.modality))
            .collect()
    }

    #[test]
    fn a_past_form_counts_before_the_change_words_in_their_clause_only() {
        let opened = vec![(Change::Opened, Status::Open, Modality::Asserted)];
        assert_eq!(read_test("officials opn Bashmagh did."), opened);
        assert_eq!(read_test("did officials there opn Bashmagh."), opened);
        assert_eq!(read_test("officials opn Bashmagh."), []);
        assert_eq!(read_test("did they, officials opn Bashmagh."), []);
        assert_eq!(read_test("did they say that officials opn Bashmagh."), []);
    }

    #[test]
    fn again_beside_an_opening_makes_it_a_reopening() {
        assert_eq!(
            read_test("anew officials did opn Bashmagh."),
            [(Change::Reopened, Status::Open, Modality::Asserted)]
        );
        assert_eq!(
            read_test("anew, officials did opn Bashmagh."),
            [(Change::Opened, Status::Open, Modality::Asserted)],
            "only in the opening's clause"
        );
    }

    #[test]
    fn a_hedged_plan_is_uncertain() {
        assert_eq!(
            read_test("maybe officials opn Bashmagh soon."),
            [(Change::PlannedOpening, Status::Closed, Modality::Uncertain)]
        );
        assert_eq!(
            read_test("officials opn Bashmagh soon."),
            [(Change::PlannedOpening, Status::Closed, Modality::Planned)]
        );
    }

    #[test]
    fn a_label_of_several_words_is_furniture() {
        assert_eq!(read_test("read more: officials did opn Bashmagh."), []);
        assert_eq!(read_test("more | officials did opn Bashmagh."), []);
        assert_eq!(
            read_test("read more, officials did opn Bashmagh.").len(),
            1,
            "a label ends with a colon or a bar"
        );
    }

    #[test]
    fn a_crossing_name_is_not_a_group_of_travellers() {
        // "Bazargan" (the Gürbulak crossing's Iranian side) is a word of the test's trade class: the
        // closure is of trucks alone, a restriction, not of two groups (a closure).
        assert_eq!(
            read_test("Trucks shut at the Bazargan border."),
            [(Change::Restricted, Status::Restricted, Modality::Asserted)]
        );
    }

    #[test]
    fn an_opening_is_never_upgraded_by_what_weakens_it() {
        use Modality::*;
        for m in [Planned, Conditional, Uncertain, Denied] {
            for future in [false, true] {
                for background in [false, true] {
                    let got = decide(Verb::Reopen, m, future, background, false, 0);
                    assert!(
                        got.is_none_or(|(_, s, m)| !(s == Status::Open && m == Asserted)),
                        "{m:?} future={future} background={background} → {got:?}"
                    );
                }
            }
        }
        assert_eq!(
            decide(Verb::Reopen, Asserted, false, true, false, 0),
            None,
            "a recounted opening says nothing"
        );
        assert_eq!(
            decide(Verb::Open, Asserted, false, false, true, 1).map(|x| x.1),
            Some(Status::Restricted)
        );
        // A limit in force, told as a closure for one group or an opening for some.
        let limit = Some((Change::ExtendedClosure, Status::Restricted, Asserted));
        assert_eq!(
            decide(Verb::RemainClosed, Asserted, false, false, true, 1),
            limit
        );
        assert_eq!(
            decide(Verb::RemainOpen, Asserted, false, false, true, 1),
            limit
        );
        assert_eq!(
            decide(Verb::RemainClosed, Asserted, false, false, true, 2).map(|x| x.1),
            Some(Status::Closed)
        );
    }
}
