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

use crate::Span;
use crate::words::Word;
use borderwatch_gazetteer::{Gazetteer, NameHit, NameKind};

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

fn is_crossing_noun(w: &str) -> bool {
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

/// Country mentions that name a group of people or an outlet, not a side of a border.
fn people_or_outlet(next: &str, next2: &str) -> bool {
    if next == "state" {
        return matches!(
            next2,
            "media" | "television" | "tv" | "radio" | "news" | "agency" | "broadcaster"
        );
    }
    matches!(
        next,
        "citizens"
            | "nationals"
            | "residents"
            | "travellers"
            | "travelers"
            | "tourists"
            | "visitors"
            | "migrants"
            | "refugees"
            | "passport"
            | "passports"
            | "media"
            | "news"
            | "agency"
            | "press"
            | "television"
            | "tv"
            | "newspaper"
            | "students"
            | "workers"
            | "pilgrims"
            | "embassy"
            | "backed"
            | "born"
            | "made"
            | "registered"
            | "plated"
            | "people"
            | "nationality"
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

/// For each hit: whether it is a crossing's weak alias standing in a list of crossing names ("Progreso,
/// Roma and Eagle Pass", "Roma, Progreso") with at least one name that is not weak. A list of crossings
/// is as good a context as a border word beside the name: "Roma" alone is a people, in that list it is
/// the Texas port. Members are joined by a comma, "and" or "or" and nothing else.
fn weak_names_in_lists(text: &str, hits: &[NameHit]) -> Vec<bool> {
    let is_crossing = |h: &NameHit| matches!(h.kind, NameKind::Crossing(_));
    let joined = |a: &NameHit, b: &NameHit| {
        text.get(a.end..b.start).is_some_and(|gap| {
            let words: Vec<&str> = gap
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .collect();
            (gap.contains(',') || !words.is_empty())
                && words.len() <= 1
                && words.iter().all(|w| matches!(*w, "and" | "or"))
        })
    };
    let mut out = vec![false; hits.len()];
    let mut start = 0;
    while start < hits.len() {
        // The run of crossing names joined one to the next.
        let mut end = start + 1;
        if is_crossing(&hits[start]) {
            while end < hits.len() && is_crossing(&hits[end]) && joined(&hits[end - 1], &hits[end])
            {
                end += 1;
            }
        }
        let run = &hits[start..end];
        if run.len() > 1 && run.iter().any(|h| !h.weak) {
            for (k, h) in run.iter().enumerate() {
                out[start + k] = h.weak;
            }
        }
        start = end;
    }
    out
}

fn word_range(ws: &[Word], span: Span) -> Option<(usize, usize)> {
    let first = ws.iter().position(|w| w.span.end > span.start)?;
    let last = ws.iter().rposition(|w| w.span.start < span.end)?;
    (first <= last).then_some((first, last))
}

/// Links the mentions of one sentence. `ws`: the sentence's words; `hits`: gazetteer names in the
/// sentence (absolute spans); `dateline`: span of the dateline place, never a crossing.
pub fn link(
    text: &str,
    ws: &[Word],
    hits: &[NameHit],
    gaz: &Gazetteer,
    disc: &mut Discourse,
    dateline: Option<Span>,
) -> Vec<Mention> {
    let lower = |i: usize| ws.get(i).map(|w| w.lower.as_str()).unwrap_or("");
    let mut mentions: Vec<Mention> = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    let mut used = vec![false; ws.len()];
    // Where a state named after its country ("Western Australia") is named: not a side of a border.
    let mut states: Vec<usize> = Vec::new();

    let listed_with_strong = weak_names_in_lists(text, hits);
    // 1. Gazetteer names: crossings, countries, regions.
    for (hit_index, h) in hits.iter().enumerate() {
        if dateline.is_some_and(|d| h.start < d.end && d.start < h.end) {
            continue;
        }
        let Some((fw, lw)) = word_range(ws, Span::new(h.start, h.end)) else {
            continue;
        };
        match &h.kind {
            NameKind::Crossing(cands) => {
                let near_border_word = (lw + 1..=(lw + 2).min(ws.len().saturating_sub(1)))
                    .chain(fw.saturating_sub(2)..fw)
                    .any(|k| is_border_word(lower(k)) || is_crossing_noun(lower(k)));
                if h.weak && !near_border_word && !listed_with_strong[hit_index] {
                    continue;
                }
                // "the city of Ruili": the town, not its crossing.
                if fw >= 2
                    && lower(fw - 1) == "of"
                    && matches!(
                        lower(fw - 2),
                        "city" | "town" | "village" | "district" | "province" | "governorate"
                    )
                {
                    continue;
                }
                // "the Panmunjom Declaration", "Rafah city": the name is part of another thing's name.
                if matches!(
                    lower(lw + 1),
                    "declaration"
                        | "agreement"
                        | "accord"
                        | "accords"
                        | "treaty"
                        | "talks"
                        | "summit"
                        | "meeting"
                        | "process"
                        | "protocol"
                        | "village"
                        | "town"
                        | "city"
                        | "refugee"
                        | "camp"
                        | "district"
                        | "governorate"
                        | "province"
                        | "municipality"
                        | "airport"
                        | "station"
                        | "hospital"
                        | "university"
                        | "massacre"
                        | "attack"
                        | "bombing"
                        | "offensive"
                        | "operation"
                        | "incident"
                        | "mosque"
                        | "river"
                        | "dam"
                        | "suburb"
                        | "residents"
                        | "area"
                        | "county"
                ) {
                    continue;
                }
                let Some(idx) = choose_candidate(cands, gaz, hits, disc) else {
                    continue;
                };
                // Extend the span over a following "border crossing"/"gate" so the mention reads whole.
                let mut last = lw;
                while last + 1 < ws.len()
                    && (is_border_word(lower(last + 1)) || is_crossing_noun(lower(last + 1)))
                {
                    last += 1;
                }
                for u in &mut used[fw..=last] {
                    *u = true;
                }
                if !disc.named.contains(&idx) {
                    disc.named.push(idx);
                }
                disc.seen.retain(|&k| k != idx);
                disc.seen.push(idx);
                mentions.push(Mention {
                    span: Span::new(ws[fw].span.start, ws[last].span.end),
                    first_word: fw,
                    last_word: last,
                    targets: vec![Target::Crossing(idx)],
                    kind: MentionKind::Named,
                    implicit: false,
                });
            }
            NameKind::Country(code) => {
                if state_of_country(ws, fw) {
                    states.push(fw);
                } else if is_country_side(text, ws, fw, lw) {
                    places.push(Place {
                        code: code.clone(),
                        region: None,
                        first_word: fw,
                        last_word: lw,
                    });
                }
            }
            NameKind::Region { name, country } => {
                places.push(Place {
                    code: country.clone(),
                    region: Some(name.clone()),
                    first_word: fw,
                    last_word: lw,
                });
            }
        }
    }
    // "US" in capitals is the United States; folded, it would be the pronoun "us", so the gazetteer
    // leaves it out and it is recognised here, case-sensitively.
    for (k, w) in ws.iter().enumerate() {
        if w.text == "US" && !places.iter().any(|p| p.first_word <= k && k <= p.last_word) {
            places.push(Place {
                code: "US".into(),
                region: None,
                first_word: k,
                last_word: k,
            });
        }
    }
    places.sort_by_key(|p| p.first_word);
    for p in &places {
        for u in &mut used[p.first_word..=p.last_word] {
            *u = true;
        }
    }

    // 2. Crossings the gazetteer does not know: capitalised words right before a crossing noun.
    let mut i = 0;
    while i < ws.len() {
        let head = lower(i);
        let is_head = (head == "crossing" || head == "crossings")
            || (matches!(head, "post" | "point" | "gate" | "checkpoint" | "terminal")
                && is_border_word(lower(i.wrapping_sub(1))));
        if !is_head || used[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        if j > 0 && is_border_word(lower(j - 1)) {
            j -= 1;
        }
        let mut first = j;
        while first > 0
            && !used[first - 1]
            && ws[first - 1]
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
            && first + 4 > j
        {
            first -= 1;
        }
        // Drop sentence-initial function words that are capitalised only by position.
        while first < j
            && matches!(
                lower(first),
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "this"
                    | "that"
                    | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "several"
                    | "some"
                    | "many"
                    | "both"
                    | "all"
                    | "most"
                    | "other"
                    | "new"
                    // Generic words capitalised only by position ("Land border crossings between …").
                    | "land"
                    | "road"
                    | "rail"
                    | "main"
                    | "key"
                    | "major"
                    | "international"
                    | "official"
                    | "remaining"
                    | "nearby"
                    | "only"
                    | "these"
                    | "those"
                    | "such"
                    | "no"
                    | "any"
                    | "every"
                    | "each"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "commercial"
                    | "pedestrian"
                    | "cargo"
            )
        {
            first += 1;
        }
        if first < j {
            let name = text[ws[first].span.start..ws[j - 1].span.end].to_string();
            let countries = near_countries(&places, first, i);
            let target = resolve_unnamed(gaz, disc, &countries, None)
                .unwrap_or(Target::Unresolved { name, countries });
            for u in &mut used[first..=i] {
                *u = true;
            }
            mentions.push(Mention {
                span: Span::new(ws[first].span.start, ws[i].span.end),
                first_word: first,
                last_word: i,
                targets: vec![target],
                kind: MentionKind::Descriptive,
                implicit: false,
            });
        }
        i += 1;
    }

    // 3. Groups, references and whole borders around the remaining border words and crossing nouns.
    let subject = places
        .iter()
        .find(|p| p.region.is_none())
        .map(|p| p.code.clone());
    for i in 0..ws.len() {
        if used[i] {
            continue;
        }
        let w = lower(i);
        let border = is_border_word(w);
        let prev_w = lower(i.wrapping_sub(1));
        // "every crossing", "all crossings", "all but the northernmost crossing": the whole border.
        let all_but = (i.saturating_sub(5)..i).any(|k| lower(k) == "all" && lower(k + 1) == "but");
        let quantified = matches!(prev_w, "every" | "each" | "all") || all_but;
        let plural_crossings = matches!(w, "crossings" | "checkpoints")
            || matches!(w, "points" | "posts" | "gates")
                && (is_border_word(prev_w)
                    || matches!(
                        prev_w,
                        "crossing" | "entry" | "three" | "two" | "four" | "other" | "all" | "land"
                    ))
            || (quantified && matches!(w, "crossing" | "checkpoint" | "border"));
        let singular_crossing = !quantified
            && matches!(
                w,
                "crossing" | "checkpoint" | "gate" | "terminal" | "post" | "point"
            )
            && (prev_w == "the" || is_border_word(prev_w));
        // "a crossing at Kato Pyrgos", "a briefly closed checkpoint in Kuznica": an indefinite
        // crossing that the words after it place at a named crossing, or, for "a crossing at", at a
        // capitalised name the gazetteer does not know. ("A checkpoint in Kabul" is not: a checkpoint
        // needs a gazetteer crossing after it to be a border crossing.)
        let named_at = |k: usize| {
            mentions
                .iter()
                .any(|m| m.kind == MentionKind::Named && m.first_word == k)
        };
        let capital_free = |k: usize| {
            !used.get(k).copied().unwrap_or(true)
                && ws[k].text.chars().next().is_some_and(char::is_uppercase)
        };
        let placed_crossing = !quantified
            && !singular_crossing
            && match (w, lower(i + 1)) {
                ("crossing", "at") => {
                    named_at(i + 2)
                        || (!used.get(i + 2).copied().unwrap_or(true)
                            && ws[i + 2]
                                .text
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase))
                }
                ("crossing" | "checkpoint", "at" | "in" | "near") => named_at(i + 2),
                // "a crossing called Zikim", "a checkpoint known as Gate 96": the name it is given.
                ("crossing" | "checkpoint" | "gate" | "post" | "point", "called" | "named") => {
                    named_at(i + 2) || capital_free(i + 2)
                }
                ("crossing" | "checkpoint" | "gate" | "post" | "point", "known")
                    if lower(i + 2) == "as" =>
                {
                    named_at(i + 3) || capital_free(i + 3)
                }
                _ => false,
            };
        let singular_crossing = singular_crossing || placed_crossing;
        if !(border || plural_crossings || singular_crossing) {
            continue;
        }
        // Skip "border" used as the first half of "border crossing(s)/points": the noun after carries it.
        // Not in "border crossing rules": the rules are the border's, and the border word carries them.
        if border
            && is_crossing_noun(lower(i + 1))
            && !is_measure_noun(lower(i + 2))
            && !used.get(i + 1).copied().unwrap_or(true)
        {
            continue;
        }
        // Skip adjectival uses: "cross-border trade", "border town", "border guards".
        if border
            && matches!(
                lower(i + 1),
                "town"
                    | "towns"
                    | "city"
                    | "guards"
                    | "guard"
                    | "police"
                    | "area"
                    | "areas"
                    | "region"
                    | "regions"
                    | "village"
                    | "villages"
                    | "province"
                    | "provinces"
                    | "trade"
                    | "fence"
                    | "wall"
                    | "security"
                    | "troops"
                    | "forces"
                    | "clashes"
                    | "dispute"
                    | "disputes"
                    | "control"
                    | "controls"
                    | "officials"
                    | "agency"
                    | "service"
                    | "zone"
                    | "zones"
                    | "patrol"
                    | "patrols"
                    | "line"
                    | "tensions"
            )
        {
            continue;
        }
        if border && lower(i.wrapping_sub(1)) == "cross" {
            continue;
        }
        // Sea and air borders are not land crossings ("maritime borders"), unless land is named too
        // ("its sea, air and land borders alike").
        if matches!(prev_w, "maritime" | "sea" | "air" | "aerial")
            && !(i.saturating_sub(5)..i).any(|k| lower(k) == "land")
        {
            continue;
        }
        let mut start = i;
        while start > 0
            && (is_border_word(lower(start - 1))
                || matches!(
                    lower(start - 1),
                    "the"
                        | "its"
                        | "their"
                        | "our"
                        | "all"
                        | "land"
                        | "other"
                        | "three"
                        | "two"
                        | "four"
                        | "common"
                        | "shared"
                        | "southern"
                        | "northern"
                        | "eastern"
                        | "western"
                        | "main"
                        | "external"
                        | "international"
                        | "every"
                        | "both"
                        | "key"
                        | "only"
                ))
        {
            start -= 1;
        }
        let has_other = (start..i).any(|k| lower(k) == "other");
        let count = (start..i).find_map(|k| match lower(k) {
            "two" => Some(2),
            "three" => Some(3),
            "four" => Some(4),
            _ => None,
        });

        // Countries bound to this border word.
        let are_neighbours = |a: &str, b: &str| {
            gaz.countries()
                .get(a)
                .is_some_and(|c| c.neighbours.iter().any(|n| n == b))
        };
        let first_person = (i.saturating_sub(4)..i).any(|k| matches!(lower(k), "our" | "we"));
        // "Western Australia … close its borders": "its" is the state's, so neither the paragraph's
        // country nor any other stands in for it.
        let state_before = states.iter().any(|&s| s < i);
        let discourse_subject = if state_before {
            None
        } else if first_person {
            disc.report_subject.as_deref()
        } else {
            disc.subject.as_deref()
        };
        let page_subject = disc.page_subject.as_deref().filter(|_| !state_before);
        let sides = sides_of(
            text,
            ws,
            &places,
            i,
            Known {
                paragraph: discourse_subject,
                page: page_subject,
                earlier: &disc.earlier_countries,
            },
            gaz,
            &disc.context_countries,
        );
        // A bare "checkpoints" is as often a police or army post as a border crossing: it counts only
        // with its border named ("border checkpoints", "checkpoints with Syria", "its checkpoints").
        if w == "checkpoints" && !is_border_word(prev_w) && sides.implicit {
            continue;
        }
        // "the border", "the border crossings" after a border this sentence already named: that one,
        // not the sentence's subject ("reopens its border with Haiti after closing the border").
        if prev_w == "the"
            && (sides.implicit || sides.codes.is_empty())
            && (border || plural_crossings)
            && let Some(m) = mentions
                .iter()
                .rev()
                .find(|m| m.last_word < i && m.kind == MentionKind::BorderWide)
                .cloned()
        {
            mentions.push(Mention {
                span: Span::new(ws[start].span.start, ws[i].span.end),
                first_word: start,
                last_word: i,
                targets: m.targets,
                kind: MentionKind::Reference,
                implicit: false,
            });
            continue;
        }
        let region = sides.region.clone();
        // The mention reads whole: "the Gaza–Egypt border crossing", not "border crossing".
        let start = sides.first_word.map_or(start, |f| f.min(start));
        let span = Span::new(ws[start].span.start, ws[sides.last_word.max(i)].span.end);
        let last_word = sides.last_word.max(i);

        let at_place = |mentions: &[Mention], at: usize, unresolved: bool| {
            place_after(
                text,
                ws,
                &used,
                mentions,
                (start, span.start),
                at,
                &sides.codes,
                unresolved,
            )
        };
        // "reopened its border with Somalia at Mandera": one point of the border, not all of it. The
        // place is the crossing (the gazetteer's, else kept unresolved); claiming the whole border
        // would call its other crossings open or shut on this report's word.
        if border
            && matches!(w, "border" | "frontier")
            && lower(last_word + 1) == "at"
            && ws.get(last_word + 2).is_some_and(|p| {
                !crate::timex::starts_time(&p.lower)
                    && !matches!(
                        p.lower.as_str(),
                        "christmas" | "easter" | "eid" | "ramadan" | "nowruz" | "new"
                    )
            })
            && let Some(m) = at_place(&mentions, last_word + 2, true)
        {
            mentions.push(m);
            continue;
        }

        if singular_crossing || (w == "crossing" && !quantified) {
            // "the shuttered frontier crossing near Kapikule", "its crossing point with Bulgaria at
            // Kulata", "a crossing at Ledra Street": the place named right after it.
            let after_last = sides.last_word.max(i) + 1;
            // "… called Zikim", "… known as Zikim": the name it is given.
            let name_at = match (lower(after_last), lower(after_last + 1)) {
                ("called" | "named", _) => Some(after_last + 1),
                ("known", "as") => Some(after_last + 2),
                _ => None,
            };
            if let Some(at) = name_at
                && let Some(m) = at_place(&mentions, at, true)
            {
                mentions.push(m);
                continue;
            }
            if matches!(lower(after_last), "near" | "at" | "in" | "of")
                && let Some(m) = at_place(&mentions, after_last + 1, lower(after_last) != "of")
            {
                mentions.push(m);
                continue;
            }
            if sides.codes.len() < 2 {
                // "the crossing", "the border post": back to the last crossing named before it in this
                // sentence, else in the paragraph.
                let earlier_here = mentions
                    .iter()
                    .rev()
                    .find(|m| {
                        m.last_word < i
                            && matches!(m.kind, MentionKind::Named | MentionKind::Descriptive)
                    })
                    .and_then(|m| m.targets.first().cloned());
                if let Some(t) = earlier_here
                    .or_else(|| disc.last_crossings.last().cloned())
                    .filter(|_| singular_crossing)
                {
                    mentions.push(Mention::new(
                        span,
                        start,
                        last_word,
                        vec![t],
                        MentionKind::Reference,
                    ));
                }
                continue;
            }
            // "a border crossing with the Kurdistan region of Iraq": the crossing the report names there.
            if let Some(t) = resolve_unnamed(gaz, disc, &sides.codes, region.as_deref()) {
                mentions.push(Mention::new(
                    span,
                    start,
                    last_word,
                    vec![t],
                    MentionKind::Reference,
                ));
            } else {
                mentions.push(Mention {
                    span,
                    first_word: start,
                    last_word,
                    targets: vec![Target::Unresolved {
                        name: span.of(text).to_string(),
                        countries: sides.codes.clone(),
                    }],
                    kind: MentionKind::Descriptive,
                    implicit: false,
                });
            }
            continue;
        }
        // A region that stands for a set of crossings ("the Kurdistan region"): one target per crossing.
        let group_region = region.as_deref().filter(|r| {
            gaz.countries()
                .regions
                .iter()
                .any(|x| x.name == *r && x.group_of_crossings)
        });
        if let (Some(region), [a, b]) = (group_region, sides.codes.as_slice()) {
            let mut idxs: Vec<usize> = gaz
                .on_border(a, b)
                .into_iter()
                .filter(|&k| gaz.crossings()[k].regions.iter().any(|r| r == region))
                .collect();
            if has_other {
                idxs.retain(|k| !disc.named.contains(k));
            }
            // A group means the official crossings when the border has any.
            if idxs.iter().any(|&k| gaz.crossings()[k].official) {
                idxs.retain(|&k| gaz.crossings()[k].official);
            }
            if !idxs.is_empty() {
                mentions.push(Mention::new(
                    span,
                    start,
                    last_word,
                    idxs.into_iter().map(Target::Crossing).collect(),
                    MentionKind::Group,
                ));
                continue;
            }
        }
        if let Some(n) = count.filter(|_| !border || plural_crossings) {
            // "all three crossings": the last n crossings named so far on the border this sentence is
            // about. Only so far: "a week after shutting four crossings" is not the crossing the next
            // sentence names. Only on this border: a name elsewhere in the report (or one matched by
            // accident) on another border, let alone another continent, is not one of the n.
            let on_this_border = |k: usize| {
                let c = &gaz.crossings()[k];
                let fits = |codes: &[String]| match codes {
                    [a, b, ..] => c.on_border(a, b),
                    [a] => c.touches(a),
                    [] => true,
                };
                if !sides.pairs.is_empty() {
                    sides.pairs.iter().any(|p| fits(p))
                } else if !sides.codes.is_empty() {
                    fits(&sides.codes)
                } else {
                    // No country bound to the words: the countries the report names.
                    disc.context_countries.is_empty()
                        || disc.context_countries.iter().any(|cc| c.touches(cc))
                }
            };
            let mut named: Vec<Target> = disc
                .seen
                .iter()
                .rev()
                .copied()
                .filter(|&k| on_this_border(k))
                .take(n)
                .map(Target::Crossing)
                .collect();
            named.reverse();
            if named.len() == n {
                mentions.push(Mention::new(
                    span,
                    start,
                    last_word,
                    named,
                    MentionKind::Group,
                ));
                continue;
            }
        }
        if sides.codes.is_empty() {
            if prev_w == "the" && (plural_crossings || matches!(w, "borders")) {
                // "the checkpoints", "the border crossings": the paragraph's last border or crossings.
                if let Some(t) = disc.last_border.clone() {
                    mentions.push(Mention::new(
                        span,
                        start,
                        last_word,
                        vec![t],
                        MentionKind::Reference,
                    ));
                } else if !disc.last_crossings.is_empty() {
                    let targets = disc.last_crossings.clone();
                    mentions.push(Mention::new(
                        span,
                        start,
                        last_word,
                        targets,
                        MentionKind::Reference,
                    ));
                }
                continue;
            }
            // "the border" with nothing before it to point back to: the border the whole report is
            // about, when the two countries it names most are neighbours.
            let report_border = || {
                let first = disc.context_countries.first()?;
                let far = disc
                    .context_countries
                    .iter()
                    .skip(1)
                    .find(|c| are_neighbours(first, c))?;
                Some(Target::Border(vec![first.clone(), far.clone()]))
            };
            if border
                && lower(i.wrapping_sub(1)) == "the"
                && w == "border"
                && let Some(t) = disc
                    .last_border
                    .clone()
                    .or_else(|| disc.last_crossings.last().cloned())
                    .or_else(report_border)
            {
                mentions.push(Mention::new(
                    span,
                    start,
                    last_word,
                    vec![t],
                    MentionKind::Reference,
                ));
            }
            continue;
        }
        if sides.near_side_unknown {
            continue;
        }
        let targets: Vec<Target> = if sides.pairs.is_empty() {
            vec![Target::Border(sides.codes.clone())]
        } else {
            sides
                .pairs
                .iter()
                .map(|p| Target::Border(p.clone()))
                .collect()
        };
        mentions.push(Mention {
            span,
            first_word: start,
            last_word,
            targets,
            kind: MentionKind::BorderWide,
            implicit: sides.implicit,
        });
    }

    // 4. A place as the object of a closing verb stands for its crossings: "Israel shut Gaza for the
    // weekend", "Egypt seals off Gaza", "Turkey reopens Syria's …" is not this (the noun follows).
    for k in 0..ws.len() {
        if !matches!(
            lower(k),
            "seal"
                | "seals"
                | "sealed"
                | "sealing"
                | "shut"
                | "shuts"
                | "shutting"
                | "reopen"
                | "reopens"
                | "reopened"
        ) {
            continue;
        }
        let mut o = k + 1;
        while matches!(lower(o), "off" | "down" | "the") {
            o += 1;
        }
        let Some(obj) = places.iter().find(|p| p.first_word == o) else {
            continue;
        };
        // "Syria's border": a possessive belongs to the border noun after it, handled above.
        if lower(obj.last_word + 1) == "s" || used.get(obj.last_word + 1).copied().unwrap_or(false)
        {
            continue;
        }
        if mentions
            .iter()
            .any(|m| m.first_word <= obj.first_word && obj.first_word <= m.last_word)
        {
            continue;
        }
        let subject = places
            .iter()
            .rev()
            .find(|p| p.last_word < k && p.code != obj.code)
            .map(|p| p.code.clone());
        let codes: Vec<String> = subject
            .into_iter()
            .chain(std::iter::once(obj.code.clone()))
            .collect();
        mentions.push(Mention {
            span: Span::new(ws[obj.first_word].span.start, ws[obj.last_word].span.end),
            first_word: obj.first_word,
            last_word: obj.last_word,
            targets: vec![Target::Border(codes)],
            kind: MentionKind::BorderWide,
            implicit: false,
        });
    }

    // 5. A country that "reopened to tourists" or "closed to foreign visitors" opened or closed its
    // borders to them, though no border word is written.
    for k in 0..ws.len() {
        if !matches!(
            lower(k),
            "reopened"
                | "reopens"
                | "reopen"
                | "opened"
                | "opens"
                | "closed"
                | "closes"
                | "shut"
                | "shuts"
        ) || lower(k + 1) != "to"
        {
            continue;
        }
        let visitors = (k + 2..(k + 5).min(ws.len())).any(|j| {
            matches!(
                lower(j),
                "tourists" | "tourism" | "visitors" | "travellers" | "travelers" | "foreigners"
            )
        });
        if !visitors
            || mentions
                .iter()
                .any(|m| m.first_word <= k + 4 && k <= m.last_word)
        {
            continue;
        }
        let (start, _) = crate::words::clause_bounds(text, ws, k);
        // A crossing or border named before the verb is what was closed to them ("The crossing with
        // Afghanistan, the Friendship Bridge, is closed to foreigners"), not a country's every border.
        if mentions
            .iter()
            .any(|m| m.first_word >= start && m.last_word < k)
        {
            continue;
        }
        let subject = places
            .iter()
            .rev()
            .find(|p| {
                p.last_word < k
                    && p.first_word >= start
                    && p.region.is_none()
                    && !object_of_preposition(ws, p.first_word)
            })
            .map(|p| p.code.clone())
            .or_else(|| {
                let the_country =
                    (start..k).any(|j| lower(j) == "country" && lower(j.wrapping_sub(1)) == "the");
                the_country.then(|| disc.subject.clone()).flatten()
            });
        let Some(subject) = subject else { continue };
        mentions.push(Mention::new(
            ws[k].span,
            k,
            k,
            vec![Target::Border(vec![subject])],
            MentionKind::BorderWide,
        ));
    }

    // "All crossings except Torkham were reopened", "except for Torkham, …": the crossing named as the
    // exception is the one the change did not reach. No claim at all: the sentence does not say what
    // it is, and taking it as the list's change would call a shut crossing open.
    mentions.retain(|m| {
        let mut k = m.first_word;
        while k > 0 && lower(k - 1) == "the" {
            k -= 1;
        }
        let (a, b) = (lower(k.wrapping_sub(2)), lower(k.wrapping_sub(1)));
        !(matches!(b, "except" | "excluding" | "save")
            || matches!(
                (a, b),
                ("except", "for")
                    | ("apart", "from")
                    | ("other", "than")
                    | ("but", "not")
                    | ("exception", "of")
            ))
    });
    // "it" right after or before a trigger verb refers to the paragraph's last crossing; handled by the
    // caller through `reference_it`, which needs trigger positions.
    mentions.sort_by_key(|m| (m.first_word, m.last_word));
    for m in &mentions {
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
    mentions
}

/// The crossing that a place named right after a crossing or border word stands for, the place starting
/// at word `at`: a gazetteer crossing named there ("… near Kapikule"), else, when `unresolved` allows it,
/// up to three capitalised words kept as an unresolved crossing with `countries` ("… at Ledra Street").
/// `from` is the mention's first word and its byte start.
#[allow(clippy::too_many_arguments)]
fn place_after(
    text: &str,
    ws: &[Word],
    used: &[bool],
    mentions: &[Mention],
    from: (usize, usize),
    at: usize,
    countries: &[String],
    unresolved: bool,
) -> Option<Mention> {
    let (first_word, start) = from;
    if let Some(named) = mentions
        .iter()
        .find(|m| m.kind == MentionKind::Named && m.first_word == at)
    {
        return Some(Mention {
            span: Span::new(start, named.span.end),
            first_word,
            last_word: named.last_word,
            targets: named.targets.clone(),
            kind: MentionKind::Reference,
            implicit: false,
        });
    }
    let capital = |k: usize| {
        k < ws.len() && !used[k] && ws[k].text.chars().next().is_some_and(char::is_uppercase)
    };
    if !unresolved || !capital(at) {
        return None;
    }
    let mut e = at;
    while e < at + 2 && capital(e + 1) {
        e += 1;
    }
    Some(Mention {
        span: Span::new(start, ws[e].span.end),
        first_word,
        last_word: e,
        targets: vec![Target::Unresolved {
            name: Span::new(ws[at].span.start, ws[e].span.end)
                .of(text)
                .to_string(),
            countries: countries.to_vec(),
        }],
        kind: MentionKind::Descriptive,
        implicit: false,
    })
}

/// The country name at words `fw..=lw` stands for the country, a possible side of a border: not a
/// group of people or an outlet ("Syrian refugees", "Iranian state media"), nor a state named after its
/// country ("Western Australia").
fn is_country_side(text: &str, ws: &[Word], fw: usize, lw: usize) -> bool {
    let lower = |i: usize| ws.get(i).map(|w| w.lower.as_str()).unwrap_or("");
    let adjacent = ws.get(lw + 1).is_some_and(|n| {
        text.get(ws[lw].span.end..n.span.start)
            .is_some_and(|g| g.trim().is_empty())
    });
    let people = adjacent && people_or_outlet(lower(lw + 1), lower(lw + 2));
    !people && !state_of_country(ws, fw)
}

/// The country name at word `fw` is part of a state's name: "Western Australia", "New Mexico".
fn state_of_country(ws: &[Word], fw: usize) -> bool {
    let lower = |i: usize| ws.get(i).map(|w| w.lower.as_str()).unwrap_or("");
    fw > 0
        && matches!(
            lower(fw - 1),
            "south"
                | "north"
                | "west"
                | "east"
                | "western"
                | "eastern"
                | "northern"
                | "southern"
                | "central"
                | "new"
        )
        && ws[fw - 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Learns the subject of a sentence that is not otherwise analysed (it has no border word): "Chile ends
/// its curfew. Yet international borders stay shut." The later sentence's borders are those of the
/// country the paragraph is about. Only a country in subject position counts (within the sentence's
/// first four words: "Chile ends", "Units of the Malian army"); a country named further on ("the worst
/// storm in Haiti's history") is not what the paragraph is about. Only
/// the paragraph's subject is learned: a quote's "our borders" keeps to a country that a sentence about
/// borders named. `ws`: the sentence's words with absolute spans; `hits`: its gazetteer names.
pub fn note_subject(
    text: &str,
    ws: &[Word],
    hits: &[NameHit],
    disc: &mut Discourse,
    dateline: Option<Span>,
) {
    let first = hits.iter().find_map(|h| {
        if dateline.is_some_and(|d| h.start < d.end && d.start < h.end) {
            return None;
        }
        let NameKind::Country(code) = &h.kind else {
            return None;
        };
        let (fw, lw) = word_range(ws, Span::new(h.start, h.end))?;
        (fw <= 3 && is_country_side(text, ws, fw, lw)).then(|| code.clone())
    });
    if let Some(code) = first {
        disc.subject = Some(code);
    }
    disc.note_countries(hits.iter().filter_map(|h| match &h.kind {
        NameKind::Country(c) if !dateline.is_some_and(|d| h.start < d.end && d.start < h.end) => {
            Some(c.clone())
        }
        _ => None,
    }));
}

/// The country a report's title says the report is about: the country that opens the title's head
/// ("Chad shuts its eastern border", "Pakistan reopens Torkham border with Afghanistan"), the head
/// being what follows a label ("Travel advice: Chad – Land borders"); a label that is only a country's
/// name ("Chad: borders stay shut") is the subject itself. A country named later in the head, or after
/// a preposition ("Border with Chad closes"), is not what the report is about; neither is a group of
/// people ("Syrian refugees …").
pub fn page_subject(title: &str, hits: &[NameHit]) -> Option<String> {
    let country = |h: &NameHit| match &h.kind {
        NameKind::Country(c) => Some(c.clone()),
        _ => None,
    };
    let colon = title.find(':');
    if let Some(c) = colon
        && let Some(h) = hits.iter().find(|h| h.end <= c)
        && title.get(..h.start).is_some_and(|g| g.trim().is_empty())
        && title.get(h.end..c).is_some_and(|g| g.trim().is_empty())
    {
        return country(h);
    }
    let from = colon.map_or(0, |c| c + 1);
    let head = title.get(from..)?;
    let ws = crate::words::words(head);
    let h = hits.iter().find(|h| h.start >= from)?;
    let code = country(h)?;
    let (fw, lw) = word_range(&ws, Span::new(h.start - from, h.end - from))?;
    let after_preposition = fw > 0 && is_preposition(&ws[fw - 1].lower);
    (fw <= 2 && !after_preposition && is_country_side(head, &ws, fw, lw)).then_some(code)
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

/// Countries named within a few words before a crossing noun ("the Gaza–Egypt border crossing").
fn near_countries(places: &[Place], first: usize, head: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in places {
        if p.last_word + 4 >= first && p.first_word <= head && !out.contains(&p.code) {
            out.push(p.code.clone());
        }
    }
    out
}

/// A crossing mentioned without its name: the report's named crossing on that border, when there is
/// exactly one; else the border's only crossing in the gazetteer.
fn resolve_unnamed(
    gaz: &Gazetteer,
    disc: &Discourse,
    codes: &[String],
    region: Option<&str>,
) -> Option<Target> {
    let [a, b] = codes else { return None };
    let mut on: Vec<usize> = gaz.on_border(a, b);
    if let Some(r) = region {
        on.retain(|&k| gaz.crossings()[k].regions.iter().any(|x| x == r));
    }
    let named: Vec<usize> = disc
        .named
        .iter()
        .copied()
        .filter(|k| on.contains(k))
        .collect();
    match (named.as_slice(), on.as_slice()) {
        ([one], _) => Some(Target::Crossing(*one)),
        ([], [only]) => Some(Target::Crossing(*only)),
        _ => None,
    }
}

/// Resolves a shared alias by the countries the report names; `None` only if there are no candidates.
fn choose_candidate(
    cands: &[usize],
    gaz: &Gazetteer,
    hits: &[NameHit],
    disc: &Discourse,
) -> Option<usize> {
    if cands.len() <= 1 {
        return cands.first().copied();
    }
    let named_countries: Vec<&str> = hits
        .iter()
        .filter_map(|h| match &h.kind {
            NameKind::Country(c) => Some(c.as_str()),
            NameKind::Region { country, .. } => Some(country.as_str()),
            _ => None,
        })
        .chain(disc.subject.as_deref())
        .collect();
    cands.iter().copied().max_by_key(|&k| {
        let c = &gaz.crossings()[k];
        let score = c
            .countries
            .iter()
            .filter(|cc| named_countries.contains(&cc.as_str()))
            .count();
        (score, std::cmp::Reverse(k))
    })
}

/// The sides a border word is bound to.
#[derive(Debug, Default)]
struct Sides {
    /// All countries bound to the border word (subject first).
    codes: Vec<String>,
    /// Explicit pairs when the subject borders several countries ("with Latvia, Lithuania and Poland").
    pairs: Vec<Vec<String>>,
    /// A region named as one side.
    region: Option<String>,
    last_word: usize,
    /// The countries came only from the subject of the sentence.
    implicit: bool,
    /// The first word of the places bound right before the border word ("Gaza–Egypt border").
    first_word: Option<usize>,
    /// The countries are far sides of a border whose near side the sentence does not name ("closed
    /// borders with Latvia and Estonia"): no border-wide target.
    near_side_unknown: bool,
}

/// The subject countries of the clause before word `i`: the first country after the last clause
/// opener ("that", "as", "after", …), with the countries coordinated with it ("Macedonia, Serbia, Croatia
/// and Slovenia shut their borders").
fn subjects_before(text: &str, ws: &[Word], places: &[Place], i: usize) -> Vec<String> {
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let mut start = 0;
    for k in 0..i {
        let gap_breaks = k > 0
            && text
                .get(ws[k - 1].span.end..ws[k].span.start)
                .is_some_and(|g| g.contains([';', ':']));
        if gap_breaks
            || matches!(
                lower(k),
                // Not "which"/"who": a relative clause rarely holds the main subject ("… Nepal
                // counts new infections, which were first found in Tibet, leading …").
                "that"
                    | "as"
                    | "after"
                    | "when"
                    | "while"
                    | "because"
                    | "since"
                    | "claims"
                    | "says"
                    | "said"
            )
        {
            // Only a clause opener that has a country after it (before the border word) moves the start.
            if places
                .iter()
                .any(|p| p.first_word > k && p.last_word < i && p.region.is_none())
            {
                start = if gap_breaks { k } else { k + 1 };
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let Some(first) = places
        .iter()
        .find(|p| p.first_word >= start && p.last_word < i)
    else {
        return out;
    };
    out.push(first.code.clone());
    let mut last = first.last_word;
    loop {
        let mut k = last + 1;
        let gap_comma = ws.get(k).is_some_and(|w| {
            text.get(ws[last].span.end..w.span.start)
                .is_some_and(|g| g.trim() == ",")
        });
        while matches!(lower(k), "and" | "or") {
            k += 1;
        }
        if k == last + 1 && !gap_comma {
            break;
        }
        match places.iter().find(|p| p.first_word == k && p.last_word < i) {
            Some(p) => {
                if !out.contains(&p.code) {
                    out.push(p.code.clone());
                }
                last = p.last_word;
            }
            None => break,
        }
    }
    out
}

/// What the discourse knows of countries a sentence does not name.
#[derive(Clone, Copy)]
struct Known<'a> {
    /// The paragraph's subject.
    paragraph: Option<&'a str>,
    /// The report's subject, from its title.
    page: Option<&'a str>,
    /// Countries the paragraph's earlier sentences named, most recent last.
    earlier: &'a [String],
}

fn sides_of(
    text: &str,
    ws: &[Word],
    places: &[Place],
    i: usize,
    known: Known<'_>,
    gaz: &Gazetteer,
    context_countries: &[String],
) -> Sides {
    let Known {
        paragraph: discourse_subject,
        page: page_subject,
        earlier,
    } = known;
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let neighbours = |a: &str, b: &str| {
        gaz.countries()
            .get(a)
            .is_some_and(|c| c.neighbours.iter().any(|n| n == b))
    };
    // A country with a single land neighbour: the far side of any of its borders is a gazetteer fact.
    let only_neighbour = |a: &str| match gaz.countries().get(a).map(|c| c.neighbours.as_slice()) {
        Some([one]) => Some(one.clone()),
        _ => None,
    };
    // A place covering word k ("the US" starts at "the", but the list walk skips "the").
    let place_at = |k: usize| {
        places
            .iter()
            .find(|p| p.first_word <= k && k <= p.last_word)
    };
    let mut out = Sides {
        last_word: i,
        ..Sides::default()
    };
    let mut region = None;
    let push = |v: &mut Vec<String>, c: &str| {
        if !v.iter().any(|x| x == c) {
            v.push(c.to_string());
        }
    };

    // After the border word: "with A, B and C", "between A and B", "of A".
    let mut after: Vec<String> = Vec::new();
    let mut k = i + 1;
    // allow "border crossings with", "borders points between", "border crossing rules in"
    while k < ws.len() && is_crossing_noun(lower(k)) {
        k += 1;
    }
    if is_measure_noun(lower(k)) {
        k += 1;
    }
    // "its land frontier and common airspace with Peru", "frontiers it shares with Mali"
    if matches!(lower(k), "it" | "they") && matches!(lower(k + 1), "shares" | "share" | "shared") {
        k += 2;
    } else if lower(k) == "and" && (k + 1..k + 4).any(|j| lower(j) == "with") {
        k = (k + 1..k + 4).find(|&j| lower(j) == "with").unwrap_or(k);
    }
    let prep = lower(k);
    let prep_at = k;
    let between = prep == "between";
    // "to"/"in" introduce a side only when a place follows ("closed to Americans", "borders in Australia").
    let introduces_side = match prep {
        "with" | "between" | "of" | "into" => true,
        // "All border crossings from Syria": the crossings of the border with Syria.
        "to" | "in" | "from" => is_place_next(places, k + 1, ws),
        _ => false,
    };
    if introduces_side {
        k += 1;
        loop {
            while matches!(
                lower(k),
                "the"
                    | "and"
                    | "or"
                    | "its"
                    | "neighbouring"
                    | "neighboring"
                    | "countries"
                    | "nations"
                    | "states"
            ) {
                k += 1;
            }
            let Some(p) = place_at(k) else { break };
            push(&mut after, &p.code);
            if p.region.is_some() {
                region = p.region.clone();
            }
            out.last_word = p.last_word;
            k = p.last_word + 1;
            // "Iraq's Kurdistan Region": the region, owned by the country before it.
            if lower(k) == "s"
                && let Some(q) = place_at(k + 1).filter(|q| q.region.is_some() && q.code == p.code)
            {
                region = q.region.clone();
                out.last_word = q.last_word;
                k = q.last_word + 1;
            }
            // "the Kurdistan region of Iraq": the region's country follows.
            if lower(k) == "of"
                && place_at(k + 1).is_some()
                && let Some(q) = place_at(k + 1)
            {
                out.last_word = q.last_word;
                k = q.last_word + 1;
            }
            if !matches!(lower(k), "and" | "or" | "the")
                && text
                    .get(
                        ws[out.last_word].span.end
                            ..ws.get(k)
                                .map(|w| w.span.start)
                                .unwrap_or(ws[out.last_word].span.end),
                    )
                    .is_none_or(|g| g.trim() != ",")
            {
                break;
            }
        }
    }

    // Right before the border word: "the Iran-Iraq border", "the Syrian border", "Gaza border crossings",
    // "Egypt's border".
    let mut before: Vec<String> = Vec::new();
    let mut k = i;
    while k > 0 {
        let w = lower(k - 1);
        if matches!(
            w,
            "the"
                | "its"
                | "their"
                | "land"
                | "all"
                | "common"
                | "shared"
                | "s"
                | "border"
                | "southern"
                | "northern"
                | "eastern"
                | "western"
                | "main"
                | "other"
                | "three"
                | "two"
        ) {
            k -= 1;
            continue;
        }
        if let Some(p) = places.iter().find(|p| p.last_word == k - 1) {
            if !before.contains(&p.code) {
                before.insert(0, p.code.clone());
            }
            out.first_word = Some(p.first_word);
            if p.region.is_some() {
                region = p.region.clone();
            }
            k = p.first_word;
            continue;
        }
        break;
    }

    let possessive = (i.saturating_sub(4)..i)
        .any(|k| matches!(lower(k), "its" | "their" | "our" | "his" | "her"))
        || (i.saturating_sub(4)..i).any(|k| lower(k) == "country" && lower(k + 1) == "s");
    let bound = |c: &String| after.contains(c) || before.contains(c);
    let mut subjects: Vec<String> = subjects_before(text, ws, places, i)
        .into_iter()
        .filter(|c| !bound(c))
        .collect();
    // "… caused Norway closing its frontiers": "its" is the nearest country before it.
    if possessive {
        // Only a country right before "<verb> its" ("Norway closing its frontiers"), not one that is the
        // object of an earlier preposition ("… and Moldova, while keeping its frontier").
        let its_at = (i.saturating_sub(4)..i).find(|&k| matches!(lower(k), "its" | "their"));
        if let Some(p) = places.iter().rev().find(|p| {
            its_at.is_some_and(|t| p.last_word + 2 == t) && p.region.is_none() && !bound(&p.code)
        }) && subjects.len() <= 1
            && subjects.first() != Some(&p.code)
        {
            subjects = vec![p.code.clone()];
        }
    }
    // "close all borders", "its borders", "the country's borders" with no country in the sentence: the
    // country the paragraph is about.
    // "international borders", "all borders": every border of a country, which the paragraph names.
    let all_borders = (i.saturating_sub(4)..i)
        .any(|k| lower(k) == "all" || lower(k) == "international")
        && lower(i) == "borders";
    // A border named only by its far side ("the borders with Libya and Sudan remain closed"): the near
    // side is the country the paragraph is about, else the one the report is about, whichever borders
    // every far side named; a subject that borders none of them is no near side of these borders.
    let borders_all = |c: &str| !after.is_empty() && after.iter().all(|a| neighbours(c, a));
    let near = [discourse_subject, page_subject]
        .into_iter()
        .flatten()
        .find(|c| !bound(&c.to_string()) && borders_all(c));
    if subjects.is_empty() && (possessive || all_borders || !after.is_empty()) {
        subjects.extend(
            near.or(discourse_subject)
                .or(page_subject.filter(|_| after.is_empty()))
                .map(str::to_string)
                .filter(|c| !bound(c)),
        );
    }

    if prep == "in" && after.len() >= 2 {
        // "Frontiers in Chile and Argentina": each country's own borders.
        out.pairs = after.iter().map(|a| vec![a.clone()]).collect();
        out.codes = after;
    } else if between && after.len() >= 2 {
        out.codes = after;
    } else if between
        && after.is_empty()
        && let Some((two, last)) = the_two_countries(ws, places, prep_at)
    {
        out.codes = two;
        out.last_word = last;
    } else if !after.is_empty() {
        let sides: Vec<String> = match before.first() {
            Some(b) => vec![b.clone()],
            None => subjects.clone(),
        };
        for s in &sides {
            for a in &after {
                out.pairs.push(vec![s.clone(), a.clone()]);
            }
            push(&mut out.codes, s);
        }
        for a in after {
            push(&mut out.codes, &a);
        }
        if sides.is_empty() {
            if possessive && out.codes.len() == 1 {
                // "shuts its border with Chile", the near side unnamed: the one border with Chile, its
                // near side left blank (as the annotations write it), not invented.
                out.pairs = vec![out.codes.clone()];
            } else if prep == "in" {
                // "tightens border rules in Slovakia": the country's own borders.
                out.pairs = vec![out.codes.clone()];
            } else {
                // "would shut borders with Latvia and Estonia", "reopened frontiers with Norway", and
                // no near side named: the named countries are far sides of borders whose near side is
                // unknown. Neither all of their borders nor their borders with each other is what the
                // sentence says: no border-wide claim (the countries still place a counted group).
                out.pairs = out.codes.iter().map(|c| vec![c.clone()]).collect();
                out.near_side_unknown = true;
            }
        }
    } else if before.len() >= 2 {
        out.codes = before;
    } else if before.len() == 1 {
        match subjects.first() {
            Some(s) => out.codes = vec![s.clone(), before[0].clone()],
            None => out.codes = before,
        }
    } else if !subjects.is_empty() && far_side_unnamed(ws, prep_at) {
        // "Ghana and Togo sealed their frontier with that nation": the far side is a country the
        // sentence points to without naming it. Neither the two subjects' common border nor all of
        // their borders is what the sentence says. It is the country an earlier sentence of the
        // paragraph named, the latest that borders every subject ("Peru and Colombia close their
        // borders with the country": one border each); else it is not invented: no border.
        if let Some(far) = earlier
            .iter()
            .rev()
            .find(|c| !subjects.contains(c) && subjects.iter().all(|s| neighbours(s, c)))
        {
            out.pairs = subjects
                .iter()
                .map(|s| vec![s.clone(), far.clone()])
                .collect();
            out.codes = subjects.clone();
            out.codes.push(far.clone());
            out.last_word = prep_at + 2;
        }
    } else if !subjects.is_empty() {
        let their = (i.saturating_sub(3)..i).any(|k| lower(k) == "their");
        let common = (i.saturating_sub(3)..i)
            .any(|k| matches!(lower(k), "common" | "shared" | "mutual"))
            // Two neighbours closing "their borders" or "all border checkpoints": the one border they
            // share, not every border of each.
            || ((their || !possessive)
                && subjects.len() == 2
                && neighbours(&subjects[0], &subjects[1]));
        if common && subjects.len() == 2 {
            out.codes = subjects;
        } else {
            out.pairs = subjects.iter().map(|s| vec![s.clone()]).collect();
            out.codes = subjects;
        }
        out.implicit = !possessive;
    }
    if out.pairs.len() <= 1 {
        out.pairs.clear();
        out.codes.truncate(2);
    }
    // "a shut border", "the Jordanian border", "close two border crossings" with one country known:
    // a singular border is one border, so its far side is the neighbour the sentence names, else the
    // one the report names most. "Its borders" (plural) stays all of the country's borders.
    // "Border restrictions", "border rules": the noun in front of a measure speaks of the country's
    // borders at large, not of one of them.
    let measure_noun = is_measure_noun(lower(i + 1))
        || matches!(lower(i + 1), "closure" | "closures")
        || (is_crossing_noun(lower(i + 1)) && is_measure_noun(lower(i + 2)));
    let one_border = lower(i) != "borders"
        && !measure_noun
        && !(i.saturating_sub(4)..i).any(|k| lower(k) == "all");
    if one_border && out.codes.len() == 1 && out.pairs.is_empty() {
        let s = out.codes[0].clone();
        let in_sentence = places
            .iter()
            .map(|p| &p.code)
            .find(|c| **c != s && neighbours(&s, c));
        let far = in_sentence
            .or_else(|| {
                context_countries
                    .iter()
                    .find(|c| **c != s && neighbours(&s, c))
            })
            .cloned()
            .or_else(|| only_neighbour(&s));
        match far {
            Some(far) => out.codes.push(far),
            // One of several borders, and no word says which ("Pakistan closed the border"): claiming all
            // of them would overstate the sentence, and picking one would invent it. A border "with"
            // something the gazetteer does not know ("with Spain" said of an unnamed government, "with
            // the north") still names its one known side, as the annotations do.
            None if !introduces_side && matches!(lower(i), "border" | "frontier") => {
                out.codes.clear()
            }
            None => {}
        }
    }
    out.region = region;
    out
}

/// "between the two countries", "between both countries" (the words after "between" at `prep_at`):
/// the two countries the sentence named before, when it named exactly two. "A and B said coaches run
/// again to the crossings between both countries" is the A–B border.
/// Returns the two codes and the index of the phrase's last word ("countries").
fn the_two_countries(
    ws: &[Word],
    places: &[Place],
    prep_at: usize,
) -> Option<(Vec<String>, usize)> {
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let countries_word = |k: usize| matches!(lower(k), "countries" | "nations");
    let last = if lower(prep_at + 1) == "the"
        && lower(prep_at + 2) == "two"
        && countries_word(prep_at + 3)
    {
        prep_at + 3
    } else if lower(prep_at + 1) == "both" && countries_word(prep_at + 2) {
        prep_at + 2
    } else {
        return None;
    };
    let mut codes: Vec<String> = Vec::new();
    for p in places
        .iter()
        .filter(|p| p.last_word < prep_at && p.region.is_none())
    {
        if !codes.contains(&p.code) {
            codes.push(p.code.clone());
        }
    }
    (codes.len() == 2).then_some((codes, last))
}

/// "… border with the country", "… with that nation": a "with" at `prep_at` whose object is a country
/// the sentence does not name. "With its neighbours" is not this: it names every border.
fn far_side_unnamed(ws: &[Word], prep_at: usize) -> bool {
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    lower(prep_at) == "with"
        && matches!(lower(prep_at + 1), "the" | "that" | "this")
        && matches!(
            lower(prep_at + 2),
            "country" | "nation" | "state" | "kingdom" | "republic"
        )
}

fn is_place_next(places: &[Place], k: usize, ws: &[Word]) -> bool {
    let mut k = k;
    while ws.get(k).is_some_and(|w| w.lower == "the") {
        k += 1;
    }
    places.iter().any(|p| p.first_word == k)
}

/// A bare "it" next to a trigger ("closed it", "it was closed", "it reopened"): the paragraph's last crossing.
/// `earlier` are the paragraph's crossings before this sentence: "it" in "advises that it has reopened
/// communications over Panmunjom" is the ministry, not the crossing named later in the same sentence.
/// `current` adds this sentence's crossings for an "it" in object position ("days after reopening it").
pub fn reference_it(
    ws: &[Word],
    trigger_word: usize,
    earlier: &[Target],
    current: &[Target],
) -> Option<Mention> {
    let near = [
        trigger_word + 1,
        trigger_word.wrapping_sub(1),
        trigger_word.wrapping_sub(2),
        trigger_word.wrapping_sub(3),
    ];
    for k in near {
        let possessive = ws.get(k).is_some_and(|w| w.lower == "its");
        // "The crossing was open until Monday, when it was closed": an "it" opening a second clause
        // of the sentence is the crossing the first one named.
        let second_clause = k > 0
            && ws.get(k - 1).is_some_and(|w| {
                matches!(
                    w.lower.as_str(),
                    "when" | "and" | "but" | "then" | "until" | "before"
                )
            });
        let pool = if k == trigger_word + 1 || possessive || second_clause {
            current
        } else {
            earlier
        };
        let Some(t) = pool.last().cloned() else {
            continue;
        };
        if ws
            .get(k)
            .is_some_and(|w| w.lower == "it" || (w.lower == "its" && k + 1 == trigger_word))
        {
            return Some(Mention::new(
                ws[k].span,
                k,
                k,
                vec![t],
                MentionKind::Reference,
            ));
        }
    }
    None
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

fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "this"
            | "last"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "tonight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "weekend"
            | "down"
            | "off"
            | "up"
            | "again"
            | "temporarily"
            | "permanently"
            | "indefinitely"
            | "partially"
            | "fully"
            | "briefly"
            | "gradually"
            | "immediately"
            | "now"
            | "also"
            | "completely"
            | "effectively"
            | "formally"
            | "officially"
            | "abruptly"
            | "finally"
            | "once"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "quickly"
    )
}

/// The mention a trigger is about: its object (the first mention after it, reachable without a
/// preposition), else — when the verb has no other object, or is passive — its subject (the nearest
/// mention before it, after the previous trigger). A named crossing right after a generic object
/// ("two border posts at Chakan Da Bagh") is preferred to it.
pub fn targets_for<'m>(
    text: &str,
    mentions: &'m [Mention],
    ws: &[Word],
    trigger: (usize, usize),
    prev_trigger: Option<usize>,
    next_trigger: Option<usize>,
    relatives: &[(usize, usize)],
) -> Option<&'m Mention> {
    let (tw, tl) = trigger;
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    if let Some(m) = mentions
        .iter()
        .find(|m| m.first_word <= tl && tw <= m.last_word)
    {
        return Some(m);
    }
    let limit = next_trigger.unwrap_or(usize::MAX);
    let clause_break = |a: usize, b: usize| {
        (a..b).any(|k| {
            k + 1 < ws.len()
                && text
                    .get(ws[k].span.end..ws[k + 1].span.start)
                    .is_some_and(|g| g.contains([';', ':', '(', '"', '“', '”']))
        })
    };
    // A preposition after "traffic"/"movement" still leads to the crossing: "halted traffic at the
    // crossing", "suspended movement through Rafah".
    let flow_noun = |k: usize| {
        k > 0
            && matches!(
                lower(k - 1),
                "traffic"
                    | "movement"
                    | "operations"
                    | "trade"
                    | "passage"
                    | "crossings"
                    | "work"
                    | "transit"
                    | "shipments"
                    | "deliveries"
                    | "exports"
                    | "imports"
                    | "cargo"
                    | "supplies"
                    | "service"
                    | "services"
                    | "use"
                    | "breach"
                    | "breaches"
                    // "a new bus lane through the Causeway", "a corridor via Rafah".
                    | "lane"
                    | "lanes"
                    | "corridor"
                    | "corridors"
                    | "route"
                    | "routes"
                    // What blocked a crossing: "removed the barricades at the crossing".
                    | "barricade"
                    | "barricades"
                    | "roadblock"
                    | "roadblocks"
                    | "blockade"
                    // "can cross at Taba", "able to enter via the bridge": a verb of going over
                    // names its crossing after a preposition.
                    | "cross"
                    | "enter"
                    | "exit"
            )
    };
    let comma_after = |k: usize| {
        k + 1 < ws.len()
            && text
                .get(ws[k].span.end..ws[k + 1].span.start)
                .is_some_and(|g| g.contains(','))
    };
    // A time phrase between the verb's object and the place does not stop the reach: "stopped
    // traffic on Friday evening at the bridge" (the preposition after the time word still leads on).
    let after_time_word = |k: usize| {
        k > 0
            && matches!(
                lower(k - 1),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "night"
                    | "morning"
                    | "evening"
                    | "afternoon"
                    | "today"
                    | "yesterday"
                    | "tonight"
                    | "weekend"
            )
    };
    let reachable = |m: &Mention| {
        !(tl + 1..m.first_word)
            .any(|k| is_preposition(lower(k)) && !flow_noun(k) && !after_time_word(k))
            && !clause_break(tl, m.first_word)
            && !comma_after(tl)
    };
    let mut after = mentions.iter().find(|m| {
        m.first_word > tl && m.first_word < limit && m.first_word <= tl + 12 && reachable(m)
    });
    if let Some(a) =
        after.filter(|a| matches!(a.kind, MentionKind::BorderWide | MentionKind::Reference))
        && let Some(named) = mentions.iter().find(|m| {
            m.kind == MentionKind::Named
                && m.first_word > a.last_word
                && m.first_word <= a.last_word + 4
                && m.first_word < limit
        })
    {
        after = Some(named);
    }
    let mut k = tl + 1;
    while is_adverb(lower(k)) {
        k += 1;
    }
    // A comma right after the verb ends it: "…would reopen, a customs official said".
    let has_object = k < ws.len()
        && !is_preposition(lower(k))
        && !clause_break(tl, k)
        && !comma_after(k - 1)
        && !matches!(lower(k), "and" | "but" | "or");
    // "reopened on Monday but was closed again", "opened for an hour before being shut": a verb with
    // no subject of its own shares the one of the verb before it.
    let elliptic = {
        let mut k = tw;
        while k > 0
            && matches!(
                lower(k - 1),
                "was"
                    | "were"
                    | "is"
                    | "are"
                    | "has"
                    | "have"
                    | "had"
                    | "been"
                    | "be"
                    | "being"
                    | "then"
                    | "quickly"
                    | "soon"
            )
        {
            k -= 1;
        }
        k > 0
            && k < tw
            && (matches!(lower(k - 1), "but" | "and" | "then")
                || (lower(k - 1) == "before" && lower(k) == "being"))
        // "…, only to close again"
        || (lower(tw.wrapping_sub(1)) == "to" && lower(tw.wrapping_sub(2)) == "only")
    };
    let floor = if elliptic {
        0
    } else {
        prev_trigger.map(|p| p + 1).unwrap_or(0)
    };

    // "is heavily restricted", "was largely closed", "is also closed": the adverb stands between.
    let mut p = tw;
    while p > 1
        && ((lower(p - 1).ends_with("ly") && lower(p - 1).len() > 4) || lower(p - 1) == "also")
    {
        p -= 1;
    }
    let prev = p.checked_sub(1).map(lower).unwrap_or("");
    let passive = matches!(
        prev,
        "is" | "are"
            | "was"
            | "were"
            | "been"
            | "be"
            | "being"
            | "remain"
            | "remains"
            | "remained"
            | "stays"
            | "stay"
            | "stayed"
            | "now"
            | "still"
    );
    // A passive's subject stands in its own clause: not across ", and" ("… toward the Iranian border,
    // and checkpoints around the city were closed").
    let new_clause_between = |m: &Mention| {
        (m.last_word + 1..tw).any(|k| {
            matches!(lower(k), "and" | "but" | "while" | "whereas")
                && text
                    .get(ws[k - 1].span.end..ws[k].span.start)
                    .is_some_and(|g| g.contains(','))
        })
    };
    // "… shut its frontiers in April, with flights still limited": a "with" clause has a subject of
    // its own, which a state after it describes.
    // The clause has no verb of its own ("with X still restricted"); "the crossing with Iraq remains
    // open" is a plain sentence.
    let verbless = matches!(prev, "still" | "now");
    let with_clause_between =
        |m: &Mention| verbless && (m.last_word + 1..tw).any(|k| lower(k) == "with");
    let before = mentions.iter().rfind(|m| {
        m.last_word < tw
            && m.first_word >= floor
            && m.last_word + 15 >= tw
            && !(passive && new_clause_between(m))
            && !with_clause_between(m)
    });
    // "The Ambassador Bridge, the busiest link on the Canada–US frontier, is shut": the named
    // subject, not the border in the apposition.
    let before = match before {
        Some(b) if b.kind != MentionKind::Named => mentions
            .iter()
            .find(|m| {
                m.kind == MentionKind::Named
                    && m.last_word < b.first_word
                    && m.first_word >= floor
                    && !clause_break(m.last_word, tw)
            })
            .or(Some(b)),
        other => other,
    };
    // "The Peace Bridge, a span a few miles from the Rainbow Bridge, will reopen": a name inside an
    // apposition (a comma and an article after the subject's name, a comma before the verb) only
    // describes the subject; the verb belongs to the name the apposition follows.
    let gap_has_comma = |k: usize| {
        k > 0
            && k < ws.len()
            && text
                .get(ws[k - 1].span.end..ws[k].span.start)
                .is_some_and(|g| g.contains(','))
    };
    // An apposition may be long ("a walkway terminal at the edge of a suburb of a Californian city,"):
    // the subject before it stays within reach for up to 30 words.
    let appositive_subject = |inner: Option<usize>| {
        mentions.iter().find(|m| {
            let inner_from = inner.unwrap_or(m.last_word + 2);
            m.kind == MentionKind::Named
                && m.first_word >= floor
                && m.last_word + 1 < inner_from
                && m.last_word + 30 >= tw
                && gap_has_comma(m.last_word + 1)
                && matches!(lower(m.last_word + 1), "a" | "an" | "the")
                && (inner_from..=tw).any(gap_has_comma)
                && !clause_break(m.last_word, tw)
        })
    };
    let before = match before {
        Some(b) if b.kind == MentionKind::Named => {
            appositive_subject(Some(b.first_word)).or(Some(b))
        }
        Some(b) => Some(b),
        None => appositive_subject(None),
    };
    // "The pass, which closed in December, reopened on Monday": a verb right after a relative clause
    // is the main verb, and its subject stands before the clause (the previous trigger, inside the
    // clause, does not bound it).
    let after_relative = relatives.iter().find(|&&(_, e)| {
        e < tw
            && tw <= e + 4
            && !mentions
                .iter()
                .any(|m| m.first_word > e && m.last_word < tw)
    });
    let before = match after_relative {
        Some(&(s, _)) => mentions
            .iter()
            .rfind(|m| m.last_word < s && m.last_word + 15 >= s)
            .or(before),
        None => before,
    };

    if passive {
        return before.or(after);
    }
    // "The land port at Benapole resumed operations": an object that is the crossing's own traffic
    // leaves the subject as what changed.
    let flow_object = matches!(
        lower(k),
        "operations" | "traffic" | "services" | "service" | "work" | "trade" | "movement"
    );
    // "has opened another crossing in the north, a crossing called Zikim": an unnamed crossing as the
    // object, named by an apposition after a comma.
    let mut o = k;
    while matches!(
        lower(o),
        "yet" | "a" | "an" | "another" | "new" | "one" | "second" | "third"
    ) {
        o += 1;
    }
    let renamed = || {
        mentions.iter().find(|m| {
            let opens = if matches!(lower(m.first_word.wrapping_sub(1)), "a" | "an" | "the") {
                m.first_word - 1
            } else {
                m.first_word
            };
            m.first_word > o
                && m.first_word <= o + 15
                && m.first_word < limit
                && matches!(
                    m.kind,
                    MentionKind::Named | MentionKind::Reference | MentionKind::Descriptive
                )
                && gap_has_comma(opens)
                && !clause_break(o, m.first_word)
        })
    };
    if has_object && !flow_object {
        after.or_else(|| {
            matches!(lower(o), "crossing" | "gate" | "checkpoint")
                .then(renamed)
                .flatten()
        })
    } else {
        after.or(before)
    }
}
