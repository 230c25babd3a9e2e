//! Stage 3 of linking: groups, references and whole borders around the border words and crossing nouns
//! that no name has taken ("the other border points", "all three crossings", "its borders with Syria
//! and Iran", "the crossing"), and the sides of a border: which countries a border word is between.

use super::names::resolve_unnamed;
use super::*;

/// Stage 3: a mention for every border word or crossing noun no name has taken.
pub(super) fn border_words(
    text: &str,
    ws: &[Word],
    gaz: &Gazetteer,
    disc: &Discourse,
    found: &mut Found,
) {
    for i in 0..ws.len() {
        if found.used[i] {
            continue;
        }
        let Some(head) = Head::at(ws, found, i) else {
            continue;
        };
        let cx = Cx {
            text,
            ws,
            gaz,
            disc,
            found,
        };
        if let Some(m) = mention_for(&cx, head) {
            found.mentions.push(m);
        }
    }
}

/// What stage 3 reads while it looks at one border word: the sentence, the gazetteer, the discourse
/// and what the earlier stages (and the earlier words) found.
struct Cx<'a> {
    text: &'a str,
    ws: &'a [Word<'a>],
    gaz: &'a Gazetteer,
    disc: &'a Discourse,
    found: &'a Found,
}

impl Cx<'_> {
    fn lower(&self, i: usize) -> &str {
        self.ws.get(i).map(|w| w.lower.as_str()).unwrap_or("")
    }
}

/// A border word or crossing noun that can head a mention, and how the words before it quantify it.
#[derive(Clone, Copy)]
struct Head<'a> {
    i: usize,
    w: &'a str,
    prev_w: &'a str,
    /// "border", "borders", "frontier".
    border: bool,
    /// "crossings", "border points", "all crossings".
    plural_crossings: bool,
    /// "the crossing", "the border post", "a crossing at Kato Pyrgos".
    singular_crossing: bool,
    /// "every", "each", "all", "all but".
    quantified: bool,
}

impl<'a> Head<'a> {
    /// The head at word `i`, or `None` when the word heads no mention: not a border word or crossing
    /// noun, the first half of "border crossing", an adjective ("border town", "cross-border"), or a
    /// sea or air border.
    fn at(ws: &'a [Word], found: &Found, i: usize) -> Option<Head<'a>> {
        let lower = |i: usize| lower_at(ws, i);
        let (mentions, used) = (&found.mentions, &found.used);
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
            return None;
        }
        // "open up extra crossings with Jordan", "more checkpoints": unnamed crossings to come,
        // not the whole border; read as the border, a claim would spread to every crossing on it.
        if plural_crossings
            && !quantified
            && matches!(prev_w, "additional" | "more" | "new" | "extra" | "further")
        {
            return None;
        }
        // Skip "border" used as the first half of "border crossing(s)/points": the noun after carries it.
        // Not in "border crossing rules": the rules are the border's, and the border word carries them.
        if border
            && is_crossing_noun(lower(i + 1))
            && !is_measure_noun(lower(i + 2))
            && !used.get(i + 1).copied().unwrap_or(true)
        {
            return None;
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
            return None;
        }
        if border && lower(i.wrapping_sub(1)) == "cross" {
            return None;
        }
        // Sea and air borders are not land crossings ("maritime borders"), unless land is named too
        // ("its sea, air and land borders alike").
        if matches!(prev_w, "maritime" | "sea" | "air" | "aerial")
            && !(i.saturating_sub(5)..i).any(|k| lower(k) == "land")
        {
            return None;
        }
        Some(Head {
            i,
            w,
            prev_w,
            border,
            plural_crossings,
            singular_crossing,
            quantified,
        })
    }
}

/// The words a head's mention spans and the countries bound to it.
struct Phrase<'a> {
    head: &'a Head<'a>,
    start: usize,
    last_word: usize,
    span: Span,
    /// "the other border points".
    has_other: bool,
    /// "all three crossings".
    count: Option<usize>,
    sides: &'a Sides,
}

/// The mention headed by `head`: a border this sentence already named, one point of a border, a
/// crossing noun resolved to a crossing, a group, a reference back, or a border-wide mention.
fn mention_for(cx: &Cx, head: Head) -> Option<Mention> {
    let (text, ws, gaz, disc) = (cx.text, cx.ws, cx.gaz, cx.disc);
    let lower = |i: usize| cx.lower(i);
    let Found {
        mentions,
        places,
        states,
        ..
    } = cx.found;
    let Head {
        i,
        w,
        prev_w,
        border,
        plural_crossings,
        singular_crossing,
        quantified,
    } = head;
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
    // "our borders", "we will close the border": the speaker's. "We" may stand a few verbs back
    // ("we are forced to deploy troops, put the army on alert and close the border"), when it is
    // the nearest subject pronoun.
    let first_person = (i.saturating_sub(4)..i).any(|k| lower(k) == "our")
        || (i.saturating_sub(24)..i)
            .rev()
            .find(|&k| matches!(lower(k), "we" | "they" | "he" | "she" | "i"))
            .is_some_and(|k| lower(k) == "we");
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
        places,
        i,
        Known {
            paragraph: discourse_subject,
            page: page_subject,
            earlier: &disc.earlier_countries,
            first_person,
        },
        gaz,
        &disc.context_countries,
    );
    // A bare "checkpoints" is as often a police or army post as a border crossing: it counts only
    // with its border named ("border checkpoints", "checkpoints with Syria", "its checkpoints").
    if w == "checkpoints" && !is_border_word(prev_w) && sides.implicit {
        return None;
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
        return Some(Mention {
            span: Span::new(ws[start].span.start, ws[i].span.end),
            first_word: start,
            last_word: i,
            targets: m.targets,
            kind: MentionKind::Reference,
            implicit: false,
        });
    }
    // The mention reads whole: "the Gaza–Egypt border crossing", not "border crossing".
    let start = sides.first_word.map_or(start, |f| f.min(start));
    let span = Span::new(ws[start].span.start, ws[sides.last_word.max(i)].span.end);
    let last_word = sides.last_word.max(i);

    let phrase = Phrase {
        head: &head,
        start,
        last_word,
        span,
        has_other,
        count,
        sides: &sides,
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
        && let Some(m) = at_place(cx, &phrase, last_word + 2, true)
    {
        return Some(m);
    }

    if singular_crossing || (w == "crossing" && !quantified) {
        return crossing_mention(cx, &phrase);
    }
    if let Some(m) = group_mention(cx, &phrase) {
        return Some(m);
    }
    if sides.codes.is_empty() {
        return unbound_mention(cx, &phrase);
    }
    if sides.near_side_unknown {
        return None;
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
    Some(Mention {
        span,
        first_word: start,
        last_word,
        targets,
        kind: MentionKind::BorderWide,
        implicit: sides.implicit,
    })
}

/// The place named right after the phrase, from word `at` (see [`place_after`]).
fn at_place(cx: &Cx, p: &Phrase, at: usize, unresolved: bool) -> Option<Mention> {
    place_after(
        cx.text,
        cx.ws,
        &cx.found.used,
        &cx.found.mentions,
        (p.start, p.span.start),
        at,
        &p.sides.codes,
        unresolved,
    )
}

/// A crossing noun ("the crossing", "a border post near X", "a crossing called Y"): the place named
/// after it, else the crossing named before it, else the one crossing of the border it names.
fn crossing_mention(cx: &Cx, p: &Phrase) -> Option<Mention> {
    let Phrase {
        head,
        start,
        last_word,
        span,
        sides,
        ..
    } = *p;
    let Head {
        i,
        singular_crossing,
        ..
    } = *head;
    let (text, gaz, disc) = (cx.text, cx.gaz, cx.disc);
    let lower = |i: usize| cx.lower(i);
    let mentions = &cx.found.mentions;
    let region = sides.region.clone();
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
        && let Some(m) = at_place(cx, p, at, true)
    {
        return Some(m);
    }
    if matches!(lower(after_last), "near" | "at" | "in" | "of")
        && let Some(m) = at_place(cx, p, after_last + 1, lower(after_last) != "of")
    {
        return Some(m);
    }
    if sides.codes.len() < 2 {
        // "the crossing", "the border post": back to the last crossing named before it in this
        // sentence, else in the paragraph.
        let earlier_here = mentions
            .iter()
            .rev()
            .find(|m| {
                m.last_word < i && matches!(m.kind, MentionKind::Named | MentionKind::Descriptive)
            })
            .and_then(|m| m.targets.first().cloned());
        return earlier_here
            .or_else(|| disc.last_crossings.last().cloned())
            .filter(|_| singular_crossing)
            .map(|t| Mention::new(span, start, last_word, vec![t], MentionKind::Reference));
    }
    let reference =
        |t: Target| Mention::new(span, start, last_word, vec![t], MentionKind::Reference);
    // "a border crossing with the Kurdistan region of Iraq": the crossing the report names there.
    if let Some(t) = resolve_unnamed(gaz, disc, &sides.codes, region.as_deref()) {
        return Some(reference(t));
    }
    // "the crossing" with its countries taken from the sentence around it ("Israel's liaison body
    // said the crossing would resume operations"), and no crossing of those countries named: the
    // crossing the report last named, else none — a bare definite noun phrase names no crossing of
    // its own, so it never makes a new one.
    let bare = (start..=last_word).all(|k| {
        matches!(lower(k), "the" | "this" | "that")
            || is_border_word(lower(k))
            || is_crossing_noun(lower(k))
    });
    if bare {
        return disc
            .seen
            .last()
            .map(|&g| reference(Target::Crossing(g)))
            .filter(|_| singular_crossing);
    }
    Some(Mention {
        span,
        first_word: start,
        last_word,
        targets: vec![Target::Unresolved {
            name: span.of(text).to_string(),
            countries: sides.codes.clone(),
        }],
        kind: MentionKind::Descriptive,
        implicit: false,
    })
}

/// A group: a region that stands for a set of crossings ("the other border points with the Kurdistan
/// region"), or a count of crossings named so far ("all three crossings").
fn group_mention(cx: &Cx, p: &Phrase) -> Option<Mention> {
    let Phrase {
        head,
        start,
        last_word,
        span,
        has_other,
        count,
        sides,
    } = *p;
    let Head {
        border,
        plural_crossings,
        ..
    } = *head;
    let (gaz, disc) = (cx.gaz, cx.disc);
    let region = sides.region.clone();
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
            return Some(Mention::new(
                span,
                start,
                last_word,
                idxs.into_iter().map(Target::Crossing).collect(),
                MentionKind::Group,
            ));
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
            return Some(Mention::new(
                span,
                start,
                last_word,
                named,
                MentionKind::Group,
            ));
        }
    }
    None
}

/// A border word with no country bound to it: "the checkpoints" and "the border crossings" point back
/// to the paragraph's border or crossings; "the border" to the paragraph's border or crossing, else the
/// border the report is about.
fn unbound_mention(cx: &Cx, p: &Phrase) -> Option<Mention> {
    let Phrase {
        head,
        start,
        last_word,
        span,
        ..
    } = *p;
    let Head {
        i,
        w,
        prev_w,
        border,
        plural_crossings,
        ..
    } = *head;
    let (gaz, disc) = (cx.gaz, cx.disc);
    let lower = |i: usize| cx.lower(i);
    let are_neighbours = |a: &str, b: &str| {
        gaz.countries()
            .get(a)
            .is_some_and(|c| c.neighbours.iter().any(|n| n == b))
    };
    if prev_w == "the" && (plural_crossings || matches!(w, "borders")) {
        // "the checkpoints", "the border crossings": the paragraph's last border or crossings.
        if let Some(t) = disc.last_border.clone() {
            return Some(Mention::new(
                span,
                start,
                last_word,
                vec![t],
                MentionKind::Reference,
            ));
        } else if !disc.last_crossings.is_empty() {
            let targets = disc.last_crossings.clone();
            return Some(Mention::new(
                span,
                start,
                last_word,
                targets,
                MentionKind::Reference,
            ));
        }
        return None;
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
        return Some(Mention::new(
            span,
            start,
            last_word,
            vec![t],
            MentionKind::Reference,
        ));
    }
    None
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
    /// The border word is in a speaker's first person ("we will close the border with …"): the
    /// speaker's country, which the report names, is its near side.
    first_person: bool,
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
        first_person,
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
    // "the state border on the west, primarily with Lithuania and Poland", "the frontier in the
    // north, mainly with Chad": a side of the country, then the neighbours it faces there.
    if let Some(with_at) = with_after_direction(ws, k) {
        k = with_at;
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
    // "The Nordic countries, except Sweden, reopened …": a country named as an exception is the one
    // the change leaves out, never a side of it.
    let excepted: Vec<&str> = places
        .iter()
        .filter(|p| {
            let w = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
            let b1 = p.first_word.wrapping_sub(1);
            let b2 = p.first_word.wrapping_sub(2);
            matches!(w(b1), "except" | "excluding")
                || (w(b1) == "for" && w(b2) == "except")
                || (w(b1) == "not" && w(b2) == "but")
        })
        .map(|p| p.code.as_str())
        .collect();
    let mut subjects: Vec<String> = subjects_before(text, ws, places, i)
        .into_iter()
        .filter(|c| !bound(c) && !excepted.contains(&c.as_str()))
        .collect();
    // "… caused Norway closing its frontiers": "its" is the nearest country before it.
    if possessive {
        // Only a country right before "<verb> its" ("Norway closing its frontiers"), not one that is the
        // object of an earlier preposition ("… and Moldova, while keeping its frontier").
        let its_at = (i.saturating_sub(4)..i).find(|&k| matches!(lower(k), "its" | "their"));
        if let Some(p) = places.iter().rev().find(|p| {
            its_at.is_some_and(|t| p.last_word + 2 == t)
                && p.region.is_none()
                && !bound(&p.code)
                && !excepted.contains(&p.code.as_str())
        }) && subjects.len() <= 1
            && subjects.first() != Some(&p.code)
        {
            subjects = vec![p.code.clone()];
        }
    }
    // "The other Scandinavian countries reopened their borders with Sweden": a named group of
    // countries is the near side, each member that borders every far side. Never the far side's own
    // borders, nor a country the paragraph named: when no member fits, no border-wide claim.
    let group = country_group_before(ws, i);
    if subjects.is_empty()
        && before.is_empty()
        && !after.is_empty()
        && let Some(members) = group
    {
        subjects = members
            .iter()
            .filter(|m| {
                !after.iter().any(|a| a == *m)
                    && !excepted.contains(m)
                    && after.iter().all(|a| neighbours(m, a))
            })
            .map(|m| m.to_string())
            .collect();
    }
    // "Host countries, including Lebanon and Jordan, kept their borders open": the listed countries
    // are examples of a group; each is a near side on its own, never of a border they share.
    let examples = !subjects.is_empty()
        && places
            .iter()
            .find(|p| p.code == subjects[0] && p.last_word < i)
            .is_some_and(|p| introduces_examples(ws, p.first_word));
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
    // A speaker's "we" is the country the report is about, which is not always the paragraph's:
    // any country the report names will do, the most named first, if it borders every far side.
    let speakers_country = context_countries
        .iter()
        .map(String::as_str)
        .filter(|_| first_person);
    let near = [discourse_subject, page_subject]
        .into_iter()
        .flatten()
        .chain(speakers_country)
        .find(|c| !bound(&c.to_string()) && borders_all(c));
    if subjects.is_empty() && group.is_none() && (possessive || all_borders || !after.is_empty()) {
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
            if possessive && out.codes.len() == 1 && group.is_none() && excepted.is_empty() {
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
    } else if examples {
        // The far side: a country the sentence names that borders every member, else the one the
        // report names most that does; else it is not invented and nothing is claimed.
        let borders_each =
            |c: &String| !subjects.contains(c) && subjects.iter().all(|s| neighbours(s, c));
        let far = places
            .iter()
            .map(|p| &p.code)
            .find(|c| borders_each(c))
            .or_else(|| context_countries.iter().find(|c| borders_each(c)))
            .cloned();
        out.pairs = subjects
            .iter()
            .map(|s| {
                let mut pair = vec![s.clone()];
                pair.extend(far.clone());
                pair
            })
            .collect();
        out.codes = subjects.clone();
        out.codes.extend(far.clone());
        out.near_side_unknown = far.is_none();
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

/// Named groups of countries and their members: "the Baltic states", "other Nordic countries".
const COUNTRY_GROUPS: &[(&str, &[&str])] = &[
    ("scandinavian", &["DK", "NO", "SE"]),
    ("nordic", &["DK", "FI", "IS", "NO", "SE"]),
    ("baltic", &["EE", "LV", "LT"]),
    ("benelux", &["BE", "NL", "LU"]),
    ("gulf", &["AE", "BH", "KW", "OM", "QA", "SA"]),
];

/// The members of a group of countries named in the few words before the border word `i`, the
/// group's adjective followed by a word for countries ("the other Scandinavian countries have …
/// their borders"). A bare adjective ("Baltic ports", "the Gulf of Aqaba") is no group.
fn country_group_before(ws: &[Word], i: usize) -> Option<&'static [&'static str]> {
    (i.saturating_sub(10)..i).rev().find_map(|k| {
        let next = ws.get(k + 1).map(|w| w.lower.as_str()).unwrap_or("");
        if !matches!(
            next,
            "countries" | "states" | "nations" | "neighbours" | "neighbors" | "governments"
        ) {
            return None;
        }
        COUNTRY_GROUPS
            .iter()
            .find(|(name, _)| ws[k].lower == *name)
            .map(|(_, members)| *members)
    })
}

/// The list starting at word `at` gives examples of a group named before it: "host countries,
/// including Lebanon and Jordan", "neighbours such as Chad", "several states, among them Peru".
fn introduces_examples(ws: &[Word], at: usize) -> bool {
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let Some(p) = at.checked_sub(1) else {
        return false;
    };
    let intro = match lower(p) {
        "including" | "like" => Some(p),
        "as" if lower(p.wrapping_sub(1)) == "such" => p.checked_sub(1),
        "them" if lower(p.wrapping_sub(1)) == "among" => p.checked_sub(1),
        _ => None,
    };
    intro.is_some_and(|q| {
        (q.saturating_sub(3)..q).any(|k| {
            matches!(
                lower(k),
                "countries" | "states" | "nations" | "neighbours" | "neighbors" | "governments"
            )
        })
    })
}

/// "on the west, primarily with …", "in the north, mainly with …", ", notably with …": the word
/// `k` right after a border word opens a side of the country and a focusing adverb; the index of the
/// "with" that names the neighbours, if one follows within a few words.
fn with_after_direction(ws: &[Word], k: usize) -> Option<usize> {
    let lower = |j: usize| ws.get(j).map(|w| w.lower.as_str()).unwrap_or("");
    let mut j = k;
    if matches!(lower(j), "on" | "in" | "to") {
        j += 1;
        if lower(j) == "the" {
            j += 1;
        }
        if !matches!(
            lower(j),
            "west"
                | "east"
                | "north"
                | "south"
                | "northwest"
                | "northeast"
                | "southwest"
                | "southeast"
        ) {
            return None;
        }
        j += 1;
    }
    let adverb = matches!(
        lower(j),
        "primarily" | "mainly" | "chiefly" | "mostly" | "notably" | "especially" | "particularly"
    );
    if adverb {
        j += 1;
    }
    (j > k && lower(j) == "with").then_some(j)
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
