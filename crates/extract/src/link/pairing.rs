//! Pairing a trigger with the mention it is about: its object first, else its subject.

use super::*;

fn is_adverb(w: &str) -> bool {
    crate::timex::is_day_word(w)
        || matches!(
            w,
            "this"
                | "last"
                | "week"
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
    sentence: &Sentence,
    mentions: &'m [Mention],
    trigger: (usize, usize),
    prev_trigger: Option<usize>,
    next_trigger: Option<usize>,
) -> Option<&'m Mention> {
    let (text, ws, relatives) = (sentence.text, &sentence.words[..], &sentence.relatives[..]);
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
                    | "operation"
                    // "longer hours at the Nogales port": the hours are the port's.
                    | "hours"
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
            && (crate::timex::is_day_word(lower(k - 1))
                || matches!(lower(k - 1), "today" | "yesterday"))
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
