//! Stages 4 and 5 of linking: borders the sentence implies without a border word ("Israel shut Gaza",
//! "reopened to tourists"), and the exceptions that take a crossing out of a list ("all crossings
//! except Torkham").

use super::*;

/// Stage 4: a place as the object of a closing verb.
pub(super) fn places_as_objects(ws: &[Word], found: &mut Found) {
    let lower = |i: usize| lower_at(ws, i);
    let Found {
        mentions,
        places,
        used,
        ..
    } = found;
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
}

/// Stage 5: a country closed or reopened "to tourists".
pub(super) fn closed_to_visitors(text: &str, ws: &[Word], disc: &Discourse, found: &mut Found) {
    let lower = |i: usize| lower_at(ws, i);
    let Found {
        mentions, places, ..
    } = found;
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
}

/// A crossing named as an exception claims nothing.
pub(super) fn drop_exceptions(ws: &[Word], mentions: &mut Vec<Mention>) {
    let lower = |i: usize| lower_at(ws, i);
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
}
