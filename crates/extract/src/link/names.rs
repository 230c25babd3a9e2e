//! Stages 1 and 2 of linking: the names in a sentence — crossings, countries and regions the gazetteer
//! knows, and crossings it does not know but the text names as one ("the Ledra Street crossing").

use super::*;

/// Stage 1: the gazetteer's names in the sentence — crossings (a weak alias only beside a border word
/// or in a list of crossing names), countries that can be a side of a border, and regions.
pub(super) fn gazetteer_names(
    text: &str,
    ws: &[Word],
    hits: &[NameHit],
    gaz: &Gazetteer,
    disc: &mut Discourse,
    dateline: Option<Span>,
    found: &mut Found,
) {
    let lower = |i: usize| lower_at(ws, i);
    let Found {
        mentions,
        places,
        used,
        states,
    } = found;
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
    for p in places.iter() {
        for u in &mut used[p.first_word..=p.last_word] {
            *u = true;
        }
    }
}

/// Stage 2: crossings the gazetteer does not know — capitalised words right before a crossing noun.
pub(super) fn unnamed_crossings(
    text: &str,
    ws: &[Word],
    gaz: &Gazetteer,
    disc: &mut Discourse,
    found: &mut Found,
) {
    let lower = |i: usize| lower_at(ws, i);
    let Found {
        mentions,
        places,
        used,
        ..
    } = found;
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
        // A name cut short by a place word before it ("Jordan River crossings": "Jordan" is the
        // country) is not a name of its own; and a plural head unresolved ("… crossings") is a
        // group, not one crossing: neither makes a crossing the gazetteer lacks.
        let cut = first > 0
            && used[first - 1]
            && ws[first - 1]
                .text
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && text
                .get(ws[first - 1].span.end..ws[first].span.start)
                .is_some_and(|g| g.trim().is_empty());
        if first < j {
            let name = text[ws[first].span.start..ws[j - 1].span.end].to_string();
            let countries = near_countries(places, first, i);
            let resolved = resolve_unnamed(gaz, disc, &countries, None);
            if resolved.is_none() && (cut || head == "crossings") {
                i += 1;
                continue;
            }
            let target = resolved.unwrap_or(Target::Unresolved { name, countries });
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

/// The country name at words `fw..=lw` stands for the country, a possible side of a border: not a
/// group of people or an outlet ("Syrian refugees", "Iranian state media"), nor a state named after its
/// country ("Western Australia").
pub(super) fn is_country_side(text: &str, ws: &[Word], fw: usize, lw: usize) -> bool {
    let lower = |i: usize| lower_at(ws, i);
    let adjacent = ws.get(lw + 1).is_some_and(|n| {
        text.get(ws[lw].span.end..n.span.start)
            .is_some_and(|g| g.trim().is_empty())
    });
    let people = adjacent && people_or_outlet(lower(lw + 1), lower(lw + 2));
    // "the Jordan River", "the Jordan Valley", "the Niger Delta": a feature named after the country
    // (capitalised, right after it) is a place of its own, not the country.
    let feature = adjacent
        && ws
            .get(lw + 1)
            .is_some_and(|n| n.text.starts_with(char::is_uppercase))
        && matches!(
            lower(lw + 1),
            "river"
                | "valley"
                | "delta"
                | "basin"
                | "canal"
                | "lake"
                | "sea"
                | "bay"
                | "street"
                | "avenue"
                | "road"
                | "highway"
                | "rift"
                | "mountains"
                | "plateau"
        );
    !people && !feature && !state_of_country(ws, fw)
}

/// The country name at word `fw` is part of a state's name: "Western Australia", "New Mexico".
pub(super) fn state_of_country(ws: &[Word], fw: usize) -> bool {
    let lower = |i: usize| lower_at(ws, i);
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

/// Countries named within a few words before a crossing noun ("the Gaza–Egypt border crossing").
pub(super) fn near_countries(places: &[Place], first: usize, head: usize) -> Vec<String> {
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
pub(super) fn resolve_unnamed(
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
pub(super) fn choose_candidate(
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
