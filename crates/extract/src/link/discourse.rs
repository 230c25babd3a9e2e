//! What linking carries from sentence to sentence: the subject of a sentence that is not otherwise
//! analysed, the page's subject from its title, and "it" pointing back to the paragraph's crossing.

use super::names::is_country_side;
use super::*;

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
    // "We were told that that has been opened", "This was reopened on Monday": a demonstrative
    // standing as the subject of a passive change at the head of its clause points back like "it"
    // to the paragraph's last crossing. After a noun it is a relative pronoun ("the road that was
    // closed"), and as an object ("got this opened") it is as often an arrangement as a place.
    let passive = |k: usize| {
        ws.get(k).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "has" | "have" | "had" | "was" | "is" | "s" | "been" | "being"
            )
        })
    };
    let k = (1..=3).map(|d| trigger_word.wrapping_sub(d)).find(|&k| {
        ws.get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "that" | "this"))
    })?;
    let heads_clause = k == 0
        || ws
            .get(k - 1)
            .is_some_and(|w| matches!(w.lower.as_str(), "that" | "and" | "but" | "so" | "now"));
    let participle = ws
        .get(trigger_word)
        .is_some_and(|w| w.lower.ends_with("ed") || w.lower == "shut");
    if heads_clause && participle && (k + 1..trigger_word).all(passive) {
        let t = earlier.last().cloned()?;
        return Some(Mention::new(
            ws[k].span,
            k,
            k,
            vec![t],
            MentionKind::Reference,
        ));
    }
    None
}
