//! Stage 3: what a sentence talks about — crossings and borders.
//!
//! Finds, in one sentence, every mention that a status change can be about:
//! - a crossing the gazetteer knows, by any alias ("Bashmagh", "باشماق", "the Rafah gate");
//! - a crossing it does not know but the text names as one ("the Ledra Street crossing"), kept unresolved;
//! - a whole border, from country names, demonyms and regions around a border word ("closes its borders
//!   with Syria and Iran", "the Iran-Iraq border", "sealed all its land borders");
//! - a group ("the other border points between Iran and the Kurdistan region", "all three crossings");
//! - a reference back ("the crossing", "it") to the last crossing of the paragraph.
//!
//! Pairing mentions with triggers is also here ([`targets_for`]): the object after the trigger first,
//! else the nearest mention before it.
//!
//! [`link`] runs its stages in order over one sentence, each adding to what the earlier ones found
//! (`Found`: mentions, places, the words already taken): `names` (the gazetteer's names, then crossings
//! it does not know), `borders` (groups, references and whole borders around the remaining border
//! words, and which countries a border is between), `implied` (borders told without a border word,
//! exceptions), then `remember` teaches the [`Discourse`] what the sentence named. `discourse` holds
//! what is read across sentences ("it", the page's subject), `pairing` the choice of a trigger's target.

use crate::Span;
use crate::doc::Sentence;
use crate::words::{Word, lower_at};
use borderwatch_gazetteer::{Gazetteer, NameHit, NameKind};

mod borders;
mod discourse;
mod implied;
mod names;
mod pairing;

pub use discourse::{note_subject, page_subject, reference_it};
pub use pairing::targets_for;

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A gazetteer crossing (index into `Gazetteer::crossings`).
    Crossing(usize),
    /// A crossing the gazetteer does not know: its name as written, and the countries named with it.
    Unresolved {
        name: String,
        countries: Vec<String>,
    },
    /// A whole border: two countries, or one for all of its borders.
    Border(Vec<String>),
}

/// How the mention was recognised (for confidence and explanation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    Named,
    Descriptive,
    Group,
    Reference,
    BorderWide,
}

/// A mention in a sentence. One mention may stand for several targets ("its borders with Latvia and
/// Poland", "the other border points …").
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// Word indices (in the sentence) the mention covers, for pairing by distance.
    pub first_word: usize,
    pub last_word: usize,
    pub targets: Vec<Target>,
    pub kind: MentionKind,
    /// The countries of a border-wide mention came only from the sentence's subject, not from words
    /// bound to the border word ("European border closures" in a sentence about Greece).
    pub implicit: bool,
}

impl Mention {
    /// A mention whose countries, if any, are bound to its words (not taken from the sentence's subject).
    fn new(
        span: Span,
        first_word: usize,
        last_word: usize,
        targets: Vec<Target>,
        kind: MentionKind,
    ) -> Mention {
        Mention {
            span,
            first_word,
            last_word,
            targets,
            kind,
            implicit: false,
        }
    }
}

/// What the linker remembers across sentences of one report.
#[derive(Clone, Debug, Default)]
pub struct Discourse {
    /// The last crossing-level targets mentioned in the current paragraph (for "the crossing", "it").
    pub last_crossings: Vec<Target>,
    /// The last border-wide target in the current paragraph (for "the border").
    pub last_border: Option<Target>,
    /// The last country that opened a sentence of this paragraph as its subject (for "its borders").
    pub subject: Option<String>,
    /// The same over the whole report: "our borders" in a quote is the speaker's country, named
    /// paragraphs earlier.
    pub report_subject: Option<String>,
    /// Every gazetteer crossing the report names, in order of first mention (for "the other …" and
    /// for resolving "a crossing between A and B" to the one the report names).
    pub named: Vec<usize>,
    /// Countries the report names, most often named first (for the far side of "the border").
    pub context_countries: Vec<String>,
    /// Gazetteer crossings named so far, up to the end of the sentence being linked, most recent last
    /// (for "all three crossings"). Unlike `named`, a crossing named only later in the report is not
    /// here: a count looks back, and at most over its own sentence ("three crossings: A, B and C").
    pub seen: Vec<usize>,
    /// The country the report is about, as its title names it ("Travel advice: Chad – Land borders",
    /// "Chad shuts its eastern border"): the near side of a border the text names only by its far side.
    pub page_subject: Option<String>,
    /// Countries named in the paragraph's earlier sentences, most recent last (for "its border with
    /// the country").
    pub earlier_countries: Vec<String>,
}

impl Discourse {
    pub fn new_paragraph(&mut self) {
        self.last_crossings.clear();
        self.last_border = None;
        self.subject = None;
        self.earlier_countries.clear();
    }

    /// A new paragraph inside a speaker's answer in a transcript: the crossings in play stay (an
    /// answer's "it" is the crossing the question named); the rest starts afresh.
    pub fn new_turn_paragraph(&mut self) {
        let crossings = std::mem::take(&mut self.last_crossings);
        self.new_paragraph();
        self.last_crossings = crossings;
    }

    /// Remembers the countries a sentence named, for the sentences after it.
    fn note_countries(&mut self, codes: impl IntoIterator<Item = String>) {
        for c in codes {
            self.earlier_countries.retain(|x| *x != c);
            self.earlier_countries.push(c);
        }
    }
}

/// Words that make a border-wide mention, or follow a name to make it a crossing.
fn is_border_word(w: &str) -> bool {
    matches!(w, "border" | "borders" | "frontier" | "frontiers")
}

/// A measure taken at a border: "border restrictions", "border crossing rules".
fn is_measure_noun(w: &str) -> bool {
    matches!(w, "restrictions" | "rules" | "measures")
}

pub(crate) fn is_crossing_noun(w: &str) -> bool {
    matches!(
        w,
        "crossing"
            | "crossings"
            | "checkpoint"
            | "checkpoints"
            | "gate"
            | "gates"
            | "terminal"
            | "terminals"
            | "post"
            | "posts"
            | "point"
            | "points"
            | "bridge"
            | "bridges"
            | "port"
            | "ports"
            | "crossroads"
    )
}

/// A country or region name found in the sentence.
#[derive(Clone, Debug)]
struct Place {
    code: String,
    region: Option<String>,
    first_word: usize,
    last_word: usize,
}

fn word_range(ws: &[Word], span: Span) -> Option<(usize, usize)> {
    let first = ws.iter().position(|w| w.span.end > span.start)?;
    let last = ws.iter().rposition(|w| w.span.start < span.end)?;
    (first <= last).then_some((first, last))
}

/// Links the mentions of one sentence. `hits`: gazetteer names in the sentence (absolute spans);
/// `dateline`: span of the dateline place, never a crossing.
pub fn link(
    sentence: &Sentence,
    hits: &[NameHit],
    gaz: &Gazetteer,
    disc: &mut Discourse,
    dateline: Option<Span>,
) -> Vec<Mention> {
    let (text, ws) = (sentence.text, &sentence.words[..]);
    let mut found = Found {
        used: vec![false; ws.len()],
        ..Found::default()
    };
    names::gazetteer_names(text, ws, hits, gaz, disc, dateline, &mut found);
    names::unnamed_crossings(text, ws, gaz, disc, &mut found);
    let subject = found
        .places
        .iter()
        .find(|p| p.region.is_none())
        .map(|p| p.code.clone());
    borders::border_words(text, ws, gaz, disc, &mut found);
    implied::places_as_objects(ws, &mut found);
    implied::closed_to_visitors(text, ws, disc, &mut found);
    implied::drop_exceptions(ws, &mut found.mentions);
    remember(ws, disc, &mut found, &subject);
    found.mentions
}

/// Sorts the sentence's mentions and teaches the discourse what the sentence named: its crossings and
/// border (for "the crossing", "it", "the border"), its countries, and its subject.
fn remember(ws: &[Word], disc: &mut Discourse, found: &mut Found, subject: &Option<String>) {
    let Found {
        mentions, places, ..
    } = found;
    // "it" right after or before a trigger verb refers to the paragraph's last crossing; handled by the
    // caller through `reference_it`, which needs trigger positions.
    mentions.sort_by_key(|m| (m.first_word, m.last_word));
    for m in mentions.iter() {
        for t in &m.targets {
            match t {
                Target::Border(_) => disc.last_border = Some(t.clone()),
                _ => {
                    disc.last_crossings.retain(|x| x != t);
                    disc.last_crossings.push(t.clone());
                }
            }
        }
    }
    disc.note_countries(
        places
            .iter()
            .filter(|p| p.region.is_none())
            .map(|p| p.code.clone()),
    );
    // The sentence's subject: its first country that is not the object of a preposition ("Since
    // 2023, the border with Sudan has been closed" is not about Sudan's side).
    if let Some(first) = places
        .iter()
        .find(|p| !object_of_preposition(ws, p.first_word))
        .filter(|p| p.first_word <= 2 || subject.is_some())
    {
        disc.subject = Some(first.code.clone());
        disc.report_subject = Some(first.code.clone());
    }
}

/// What the stages of [`link`] have found in the sentence so far.
#[derive(Default)]
struct Found {
    mentions: Vec<Mention>,
    /// Country and region names that can be a side of a border, in word order.
    places: Vec<Place>,
    /// Words already part of a mention or a place.
    used: Vec<bool>,
    /// Where a state named after its country ("Western Australia") is named: not a side of a border.
    states: Vec<usize>,
}

/// The place at words `fw..` is the object of a preposition ("the border with Sudan", "crossings
/// from Syria"): not the subject of its sentence.
fn object_of_preposition(ws: &[Word], fw: usize) -> bool {
    let mut k = fw;
    while k > 0 && ws[k - 1].lower == "the" {
        k -= 1;
    }
    k > 0
        && matches!(
            ws[k - 1].lower.as_str(),
            "with" | "from" | "between" | "into" | "to" | "toward" | "towards"
        )
}

/// Words that, between a trigger and a mention, show the mention is not the trigger's object
/// ("closes markets on the border", "opened fire at the crossing").
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "on" | "at"
            | "in"
            | "near"
            | "along"
            | "to"
            | "from"
            | "into"
            | "over"
            | "across"
            | "for"
            | "by"
            | "through"
            | "via"
            | "toward"
            | "towards"
            | "after"
            | "before"
            | "during"
            | "since"
            | "with"
            | "under"
            | "against"
            | "amid"
            | "while"
            | "as"
            | "than"
            | "because"
            | "despite"
            | "following"
            // "kept the crossing shut until further notice": a time, not the verb's object.
            | "until"
            | "till"
            | "pending"
    )
}
