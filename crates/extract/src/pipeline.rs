//! The whole pass over one report: stages in order, then the report-level merge of claims.

use crate::attach::{self, Speaker};
use crate::detect::{self, Trigger, Verb};
use crate::doc::Sentence;
use crate::link::{self, Discourse, Mention, MentionKind, Target};
use crate::safety::{OpenContext, Verdict, earn_open};
use crate::segment::{Sentence as Segmented, segment};
use crate::timex::Direction;
use crate::words::{Word, words, words_in};
use crate::{Change, Claim, CrossingRef, Evidence, Modality, Report, Scope, Span, Status};
use aho_corasick::AhoCorasick;
use borderwatch_gazetteer::{Gazetteer, NameHit};
use std::sync::OnceLock;

/// Words whose presence makes a sentence worth analysing even without a gazetteer name.
const BORDER_KEYWORDS: &[&str] = &[
    "border",
    "crossing",
    "frontier",
    "checkpoint",
    "port of entry",
    "ports of entry",
    // "reopened to tourists": a country's borders, without the word.
    "tourists",
    "tourism",
    "visitors",
    "foreigners",
];

/// Extracts every claim the report makes, in text order, merged per (target, change).
pub fn extract(report: &Report, gaz: &Gazetteer) -> Vec<Claim> {
    // A report in a language with reading rules of its own is read by them. Every other report is
    // read by the English rules: a detector's mistake on an English report must not silence it, and
    // on a language borderwatch does not read they find little (the watcher stores such reports as
    // "other language" without reading them).
    if let Some(lex) = report
        .language
        .as_deref()
        .and_then(crate::lexicon::for_language)
    {
        return crate::lexical::read(report, gaz, lex);
    }
    let text = report.text.as_str();
    // Cost shape: one automaton pass finds every name; a report with neither a crossing name nor a
    // border word costs that pass and a keyword scan, nothing more.
    let hits = gaz.find_names(text);
    let has_crossing = hits
        .iter()
        .any(|h| matches!(h.kind, borderwatch_gazetteer::NameKind::Crossing(_)));
    if !has_crossing && !contains_keyword(text) {
        return Vec::new();
    }

    let mut disc = Discourse::default();
    // The countries the report names, most named first.
    let mut counts: Vec<(String, usize)> = Vec::new();
    // The title names what the report is about: its countries count too.
    let title_hits = report
        .title
        .as_deref()
        .map(|t| gaz.find_names(t))
        .unwrap_or_default();
    for h in hits.iter().chain(&title_hits) {
        let code = match &h.kind {
            borderwatch_gazetteer::NameKind::Country(c) => c,
            borderwatch_gazetteer::NameKind::Region { country, .. } => country,
            _ => continue,
        };
        match counts.iter_mut().find(|(c, _)| c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    disc.page_subject = report
        .title
        .as_deref()
        .and_then(|t| link::page_subject(t, &title_hits));
    // The country the report is about comes first, however often the text names its neighbours.
    if let Some(p) = &disc.page_subject {
        counts.sort_by_key(|(c, _)| c != p);
    }
    disc.context_countries = counts.into_iter().map(|(c, _)| c).collect();
    // Crossings the report names anywhere: "a border crossing with the Kurdistan region" in the lead
    // resolves to the Bashmagh named three paragraphs later.
    for h in &hits {
        if let borderwatch_gazetteer::NameKind::Crossing(c) = &h.kind
            && let [one] = c.as_slice()
            && !h.weak
            && !disc.named.contains(one)
        {
            disc.named.push(*one);
        }
    }
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut paragraph = usize::MAX;
    let mut hit_i = 0;
    let sentences = segment(text);
    // An article (more than one paragraph) tells its events in the past tense, so a present "is
    // closed" in it describes the state of things; a one-paragraph news item tells its events in the
    // present tense ("closes its borders", "the borders are closed"), so there it is the event.
    let article = sentences
        .iter()
        .any(|s| s.paragraph != sentences[0].paragraph);
    let headline = crate::segment::headline(text, &sentences);
    // Whether the report reads as an official notice: asked only when a claim's reading depends on it
    // (the test reads every word of the report).
    let notice = std::cell::OnceCell::new();
    let urls = url_spans(text);
    let mut furniture_paragraph = usize::MAX;
    let mut furniture_list = false;
    // A briefing transcript: reporters' turns open with "Q". A reporter's turn claims nothing, all
    // of it (its premises are the reporter's, not a source's); and the answers that follow a
    // question, over as many paragraphs as the speaker takes, speak of the crossings it named
    // ("Q … Rafah …" then "MR. X: It remains open for aid"), so the crossings in play carry over
    // until the next "Q".
    let reporter_turn = |s: &Segmented| {
        s.span
            .of(text)
            .strip_prefix('Q')
            .is_some_and(|r| r.starts_with(char::is_whitespace))
    };
    let mut in_reporter_turn = false;
    let mut block = usize::MAX;
    // Whether a reporter has spoken yet: the statement before the first question is prose, whose
    // paragraphs each start afresh.
    let mut questioned = false;
    for sentence in sentences.iter() {
        if sentence.paragraph != paragraph {
            paragraph = sentence.paragraph;
            // The turn lasts its block of lines: in a hard-wrapped transcript a line of the reporter's
            // turn that starts with a capital is a paragraph to the segmenter, but still the
            // reporter's, unless another speaker's label opens it.
            let same_block = std::mem::replace(&mut block, sentence.block) == sentence.block;
            in_reporter_turn = reporter_turn(sentence)
                || (in_reporter_turn
                    && same_block
                    && !crate::segment::opens_turn(sentence.span.of(text)));
            questioned |= in_reporter_turn;
            if questioned && !in_reporter_turn {
                disc.new_turn_paragraph();
            } else {
                disc.new_paragraph();
            }
        }
        let s = sentence.span;
        // The name hits inside this sentence (hits are in text order).
        while hit_i < hits.len() && hits[hit_i].start < s.start {
            hit_i += 1;
        }
        let mut hit_end = hit_i;
        while hit_end < hits.len() && hits[hit_end].end <= s.end {
            hit_end += 1;
        }
        // Names inside a link's address ("…/decided-to-close-salcininkai-…") are not the report's words.
        let s_hits_owned: Vec<NameHit>;
        let mut s_hits = &hits[hit_i..hit_end];
        if urls.iter().any(|u| u.start < s.end && s.start < u.end) {
            s_hits_owned = s_hits
                .iter()
                .filter(|h| !in_any(&urls, h.start))
                .cloned()
                .collect();
            s_hits = &s_hits_owned;
        }
        let s_text = s.of(text);
        // Page furniture ("Read more:", "More on this story:") and the rest of its paragraph are
        // not the report's telling.
        let short_line = s_text.split_whitespace().count() <= 14
            && !s_text.trim_end().ends_with(['.', '!', '?', '"', '”']);
        if furniture_paragraph != paragraph {
            if furniture_list && short_line && furniture_paragraph.saturating_add(1) >= paragraph {
                // The items of a list the label introduced ("More on this story:" and its links).
                furniture_paragraph = paragraph;
            } else if s_text.len() < 400
                // Cheap first: a label ends with a colon, a bar or a dash near the start; a caption
                // of an old picture ends with a bracket.
                && (s_text
                    .get(..s_text.len().min(48))
                    .is_some_and(|h| h.contains([':', '|']) || h.contains(" - "))
                    || s_text.trim_end().trim_end_matches('.').ends_with(')'))
                && crate::safety::is_furniture(text, &words_in(text, s))
            {
                furniture_paragraph = paragraph;
                furniture_list = s_text.trim_end().ends_with(':');
            } else {
                furniture_list = false;
            }
        }
        if furniture_paragraph == paragraph {
            continue;
        }
        let relevant = s_hits
            .iter()
            .any(|h| matches!(h.kind, borderwatch_gazetteer::NameKind::Crossing(_)))
            || contains_keyword(s_text)
            || (mentions_it(s_text) && !disc.last_crossings.is_empty());
        if !relevant {
            // Still learn which country the paragraph is about, for a later "all borders" or "the
            // country's borders" that names none.
            if s_hits
                .iter()
                .any(|h| matches!(h.kind, borderwatch_gazetteer::NameKind::Country(_)))
            {
                let ws: Vec<Word> = words_in(text, s);
                link::note_subject(
                    text,
                    &ws,
                    s_hits,
                    &mut disc,
                    report.dateline.as_ref().map(|d| d.span),
                );
            }
            // Still learn who speaks ("Ali Rezaei, the head of customs, spoke …") so that a later
            // "Rezaei said" can be named in full.
            if has_speech(s_text) {
                let ws: Vec<Word> = words(s_text);
                let (att, _) = attach::attribution(s_text, &ws, &speakers, &[]);
                if let Some(name) = att.speaker
                    && !speakers.iter().any(|sp| sp.name == name)
                {
                    speakers.push(Speaker {
                        name,
                        role: att.role,
                        span: Span::default(),
                    });
                }
            }
            continue;
        }
        let sent = Sentence::read(text, s, &urls);
        let ws = &sent.words[..];
        let earlier_crossings = disc.last_crossings.clone();
        let mentions = link::link(
            &sent,
            s_hits,
            gaz,
            &mut disc,
            report.dateline.as_ref().map(|d| d.span),
        );
        // A question or a reporter's turn in a transcript asserts nothing; the sentence still taught
        // the discourse which crossings and countries are in play.
        if in_reporter_turn || crate::safety::asserts_nothing(text, ws, s) {
            continue;
        }

        let triggers = detect::detect(&sent);
        let place_spans: Vec<Span> = s_hits.iter().map(|h| Span::new(h.start, h.end)).collect();
        let (att, speaker_span) = attach::attribution(text, ws, &speakers, &place_spans);
        if let Some(name) = &att.speaker
            && !speakers.iter().any(|sp| &sp.name == name)
        {
            speakers.push(Speaker {
                name: name.clone(),
                role: att.role.clone(),
                span: speaker_span.unwrap_or_default(),
            });
        }
        if triggers.is_empty() {
            continue;
        }
        for (ti, trig) in triggers.iter().enumerate() {
            if trig.background {
                continue;
            }
            let next_trigger = triggers.get(ti + 1).map(|t| t.word);
            let prev_trigger = ti.checked_sub(1).map(|p| triggers[p].word);
            let mention: Option<Mention> = link::targets_for(
                &sent,
                &mentions,
                (trig.word, trig.last_word),
                prev_trigger,
                next_trigger,
            )
            // A noun trigger needs its target bound to it: "the closure of its borders", "the
            // land border closure", not a border named elsewhere in the sentence.
            .filter(|m| {
                let state = matches!(trig.verb, Verb::StateClosed | Verb::StayOpen);
                // "the opening of a humanitarian corridor through Rafah" reaches a little further:
                // the route named on the way is the crossing's.
                let reach = route_through(ws, trig.last_word, m.first_word)
                    .map_or(5, |prep| prep + 3 - trig.last_word);
                !((trig.noun || state) && m.implicit)
                    && !(trig.noun
                        && (m.first_word > trig.last_word + reach || m.last_word + 5 < trig.word))
            })
            .cloned()
            .or_else(|| {
                link::reference_it(ws, trig.word, &earlier_crossings, &disc.last_crossings)
            });
            // "There are two gates open: Rafah and Kerem Shalom": the list after the colon names what
            // the clause speaks of, in place of a count or a description before it.
            let listed = colon_list(text, ws, &mentions, trig.last_word).filter(|_| {
                !trig.passage
                    && mention
                        .as_ref()
                        .is_none_or(|m| m.kind != MentionKind::Named)
            });
            let Some(mention) = listed.cloned().or(mention) else {
                continue;
            };
            // "except at Wagah, where travellers can cross the border": what a "where" clause says is
            // possible, it says of the place named right before "where".
            let mention = match (trig.word.saturating_sub(6)..trig.word)
                .find(|&k| ws[k].lower == "where")
                .filter(|_| matches!(ws[trig.word].lower.as_str(), "can" | "able" | "possible"))
                .and_then(|w| {
                    mentions
                        .iter()
                        .find(|m| m.kind == MentionKind::Named && m.last_word + 1 == w)
                }) {
                Some(place) => place.clone(),
                None => mention,
            };
            // A place working as usual ("X is operating normally", "X continues to function"): the
            // crossing must be the subject right before the verb group, not a place named further
            // back ("Authorities in Calais said the ferry port was working normally").
            let routine = matches!(ws[trig.word].lower.as_str(), "normally" | "usual")
                || ws[trig.word].lower.starts_with("continu");
            if routine && !(mention.last_word < trig.word && trig.word - mention.last_word <= 6) {
                continue;
            }
            // Traffic through a place: only a crossing named right after "through" is that place,
            // and only traffic that moved, not traffic a purpose or a plan speaks of ("to allow
            // trucks to travel through").
            let purposed = trig.word > 0 && ws[trig.word - 1].lower == "to";
            if trig.passage
                && (purposed
                    || !(mention.kind == MentionKind::Named
                        && mention.first_word > trig.last_word
                        && mention.first_word <= trig.last_word + 2))
            {
                continue;
            }
            let mut about = vec![mention];
            // "the Torkham and Chaman crossings": every crossing of a coordinated list, whichever end
            // of it the trigger reached.
            while let Some(next) = coordinated_after(text, ws, &mentions, about.last()) {
                about.push(next.clone());
            }
            while let Some(prev) = coordinated_before(text, ws, &mentions, about.first()) {
                about.insert(0, prev.clone());
            }
            let (c_lo, c_hi) = sent.clause(trig.word);
            let claim_parts = Parts {
                text,
                ws,
                sentence: s,
                trig,
                lo: prev_trigger.map(|p| p + 1).unwrap_or(0).max(c_lo),
                hi: next_trigger.unwrap_or(ws.len()).min(c_hi),
                next_trigger,
                next_background: triggers
                    .get(ti + 1)
                    .filter(|t| t.background)
                    .map(|t| t.span),
                has_prev_trigger: prev_trigger.is_some(),
                times: sent.times(),
                relatives: &sent.relatives,
                report,
                att: &att,
                speaker_span,
                article,
                notice: &notice,
                s_hits,
            };
            for mention in &about {
                for target in &mention.targets {
                    // A change recounted in passing claims nothing about a whole border.
                    if trig.recounted && matches!(target, Target::Border(_)) {
                        continue;
                    }
                    if let Some(c) = claim_parts.build(gaz, mention, target) {
                        claims.push(c);
                    }
                }
            }
        }
    }
    let claims = drop_dated_history(
        report.published,
        merge(drop_planned_durations(
            text,
            drop_restated_closures(drop_borders_named_by_crossing(claims)),
        )),
    );
    let mut claims = crate::safety::settle(
        claims,
        text,
        &sentences,
        headline,
        crate::lexicon::english(),
    );
    crate::contradiction::deny_by_contradiction(
        &mut claims,
        text,
        &sentences,
        crate::lexicon::english(),
    );
    for c in &mut claims {
        if c.status != Status::Open || c.modality != Modality::Asserted {
            continue;
        }
        let at = sentences.iter().position(|x| x.span == c.evidence.sentence);
        if let Some(i) = at
            && let Some(next) = sentences.get(i + 1)
            && next.paragraph == sentences[i].paragraph
            && crate::safety::limited_after(text, next.span, &c.mention)
        {
            c.status = Status::Restricted;
        }
    }
    claims
}

/// "In September 2023 it stayed closed for nine days": a state told at a time well before the report
/// (two months or more) is history the article recounts, not the state now, and claims nothing. A
/// state that runs up to now from that time ("has been closed since March 2023") keeps its claim,
/// and so does a change (fusion orders changes by their dates).
fn drop_dated_history(published: Option<jiff::civil::Date>, mut claims: Vec<Claim>) -> Vec<Claim> {
    use jiff::ToSpan;
    let Some(limit) = published.and_then(|p| p.checked_sub(60.days()).ok()) else {
        return claims;
    };
    claims.retain(|c| {
        let state = matches!(c.change, Change::ExtendedClosure | Change::NoChange);
        let runs_to_now = c.effective.text.as_deref().is_some_and(|t| {
            let t = t.to_lowercase();
            ["since", "from", "starting", "until", "till", "as of"]
                .iter()
                .any(|w| t.starts_with(w))
        });
        !(state && !runs_to_now && c.effective.date.is_some_and(|d| d < limit))
    });
    claims
}

/// "Israel shut the crossing on Saturday. The crossing remains closed.": a closure and, later in the
/// same report and with no time of its own, the state it left. That is one event told twice, not a
/// closure extended; the closure keeps it. ("… will remain closed until Sunday" has a time of its
/// own: an extension, kept.)
fn drop_restated_closures(mut claims: Vec<Claim>) -> Vec<Claim> {
    let restated = |i: usize, c: &Claim| {
        c.change == Change::ExtendedClosure
            && c.effective.text.is_none()
            && claims[..i].iter().any(|p| {
                p.change == Change::Closed && key(p).0 == key(c).0 && p.modality == c.modality
            })
    };
    let keep: Vec<bool> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| !restated(i, c))
        .collect();
    keep_marked(&mut claims, &keep);
    claims
}

/// "Poland will close the border on Friday. The border will remain closed until further notice.": a
/// closure still ahead and, later, how long it will last. That is the plan told twice, not a closure
/// in force now (the border is still open); the planned closure keeps it. Only a state told in the
/// future ("will remain", "would stay") without a date of its own is the plan's.
fn drop_planned_durations(text: &str, mut claims: Vec<Claim>) -> Vec<Claim> {
    let future = |c: &Claim| {
        text.get(c.evidence.sentence.start..c.evidence.trigger.start)
            .is_some_and(|before| {
                before
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| matches!(w, "will" | "would" | "shall" | "ll"))
            })
    };
    let duration = |i: usize, c: &Claim| {
        c.change == Change::ExtendedClosure
            && c.effective.date.is_none()
            && future(c)
            && claims[..i]
                .iter()
                .any(|p| p.change == Change::PlannedClosure && key(p).0 == key(c).0)
    };
    let keep: Vec<bool> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| !duration(i, c))
        .collect();
    keep_marked(&mut claims, &keep);
    claims
}

/// The crossing noun a restrictive relative clause ending in the state at `trig` singles out: "the
/// crossings that remain open", "the only crossing with Ecuador that is currently open" (past a
/// "with <country>"). None when the state is no such clause.
fn singled_out(text: &str, ws: &[Word], trig: usize) -> Option<usize> {
    let k = (trig.saturating_sub(4)..trig).find(|&k| {
        matches!(ws[k].lower.as_str(), "that" | "which")
            && k > 0
            && text
                .get(ws[k - 1].span.end..ws[k].span.start)
                .is_some_and(|g| !g.contains(','))
            && ws[k + 1..trig].iter().all(|w| {
                matches!(
                    w.lower.as_str(),
                    "remain"
                        | "remains"
                        | "is"
                        | "are"
                        | "stay"
                        | "stays"
                        | "still"
                        | "currently"
                        | "now"
                )
            })
    })?;
    let head = if k >= 3 && ws[k - 2].lower == "with" {
        k - 3
    } else {
        k - 1
    };
    matches!(
        ws[head].lower.as_str(),
        "crossings"
            | "crossing"
            | "points"
            | "ports"
            | "borders"
            | "checkpoints"
            | "gates"
            | "posts"
    )
    .then_some(head)
}

/// Keeps the claims whose flag in `keep` (same order) is set.
fn keep_marked(claims: &mut Vec<Claim>, keep: &[bool]) {
    let mut keep = keep.iter();
    claims.retain(|_| keep.next().copied().unwrap_or(true));
}

/// A sentence that names a crossing and the border it lies on, with the same status after, tells one
/// event: "Jordan sealed its border with Syria, closing the Nasib crossing", "a new lane through the
/// Causeway reopens the frontier between the two". The crossing is the precise reading; the
/// border-wide claim would overstate it (every other crossing of that border), so it is dropped. A
/// border claim with another status ("closed the border but kept Nasib open") stays. The crossing
/// claim takes the border claim's time when it has none ("sealed its border on Monday, closing the
/// Nasib crossing").
fn drop_borders_named_by_crossing(mut claims: Vec<Claim>) -> Vec<Claim> {
    let explains = |c: &Claim, b: &Claim| {
        c.evidence.sentence == b.evidence.sentence
            && c.status == b.status
            && b.border.as_ref().is_some_and(|border| {
                border.len() == 2
                    && c.crossing.as_ref().is_some_and(|x| {
                        x.id.is_some() && border.iter().all(|code| x.countries.contains(code))
                    })
            })
    };
    let mut keep = vec![true; claims.len()];
    for b in 0..claims.len() {
        let Some(c) = (0..claims.len()).find(|&c| explains(&claims[c], &claims[b])) else {
            continue;
        };
        keep[b] = false;
        if claims[c].effective.text.is_none() && claims[b].effective.text.is_some() {
            claims[c].effective = claims[b].effective.clone();
            claims[c].evidence.date = claims[b].evidence.date;
        }
    }
    keep_marked(&mut claims, &keep);
    claims
}

/// Between words `from` and `to` (at most twelve apart), a route that runs through a place: "… a
/// bus lane through …", "… the corridor via …". Returns the word of "through".
fn route_through(ws: &[Word], from: usize, to: usize) -> Option<usize> {
    let lower = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    (from + 1..to.min(from + 12)).find_map(|k| {
        (matches!(
            lower(k),
            "lane" | "lanes" | "corridor" | "corridors" | "route" | "routes"
        ) && matches!(lower(k + 1), "through" | "via" | "across"))
        .then_some(k + 1)
    })
}

/// The crossing mention coordinated right after `prev` ("Torkham and Chaman", "Salla, Vaalimaa and …").
fn coordinated_after<'m>(
    text: &str,
    ws: &[Word],
    mentions: &'m [Mention],
    prev: Option<&Mention>,
) -> Option<&'m Mention> {
    let prev = prev?;
    if !matches!(prev.kind, MentionKind::Named | MentionKind::Descriptive) {
        return None;
    }
    let next = mentions.iter().find(|m| m.first_word > prev.last_word)?;
    if !matches!(next.kind, MentionKind::Named | MentionKind::Descriptive) {
        return None;
    }
    let between_ok = (prev.last_word + 1..next.first_word)
        .all(|k| matches!(ws[k].lower.as_str(), "and" | "or" | "the"));
    let gap = text.get(prev.span.end..next.span.start).unwrap_or("");
    let conjunction =
        (prev.last_word + 1..next.first_word).any(|k| matches!(ws[k].lower.as_str(), "and" | "or"));
    // A comma alone links a list only if the list goes on ("Salla, Vaalimaa and Nuijamaa"); "the
    // crossing with Afghanistan, the Friendship Bridge, is shut" is one crossing named twice.
    let listed = conjunction
        || (gap.contains(',') && coordinated_after(text, ws, mentions, Some(next)).is_some());
    (between_ok && listed && !gap.contains([';', '.', '(', ')', ':'])).then_some(next)
}

/// "Two gates are open: Rafah and Kerem Shalom", "Only one crossing remains open: Medininkai": a list
/// of crossings after a colon that closes the trigger's clause (at most three words after it) and runs
/// to the end of the sentence. Returns the list's first mention.
fn colon_list<'m>(
    text: &str,
    ws: &[Word],
    mentions: &'m [Mention],
    trig_last: usize,
) -> Option<&'m Mention> {
    let gap = |k: usize| text.get(ws[k].span.end..ws.get(k + 1)?.span.start);
    let colon = (trig_last..(trig_last + 4).min(ws.len().saturating_sub(1)))
        .find(|&k| gap(k).is_some_and(|g| g.contains(':')))?;
    if (trig_last..colon).any(|k| gap(k).is_some_and(|g| g.contains([',', ';', '(', '"']))) {
        return None;
    }
    let first = mentions.iter().find(|m| m.first_word > colon)?;
    if !matches!(first.kind, MentionKind::Named | MentionKind::Descriptive)
        || (colon + 1..first.first_word).any(|k| ws[k].lower != "the")
    {
        return None;
    }
    let mut last = first;
    loop {
        // "Medininkai-Kamenny Log": one crossing by its two sides' names.
        let same = mentions
            .iter()
            .find(|m| m.first_word == last.last_word + 1 && m.targets == last.targets);
        match coordinated_after(text, ws, mentions, Some(last)).or(same) {
            Some(next) => last = next,
            None => break,
        }
    }
    (last.last_word + 1 == ws.len()).then_some(first)
}

/// The crossing mention coordinated right before `next` ("Bashmagh, Parviz Khan and Haji Omaran").
fn coordinated_before<'m>(
    text: &str,
    ws: &[Word],
    mentions: &'m [Mention],
    next: Option<&Mention>,
) -> Option<&'m Mention> {
    let next = next?;
    let prev = mentions
        .iter()
        .rev()
        .find(|m| m.last_word < next.first_word)?;
    coordinated_after(text, ws, mentions, Some(prev))
        .filter(|m| m.first_word == next.first_word)
        .map(|_| prev)
}

/// The web addresses in `text` ("https://…", "www.…"), each to the first space or closing bracket.
fn url_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p))
        .min()
    {
        let start = from + k;
        let len = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"' | '<'))
            .unwrap_or(text.len() - start);
        out.push(Span::new(start, start + len));
        from = start + len.max(1);
        // Stay on a char boundary.
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

fn in_any(spans: &[Span], at: usize) -> bool {
    spans.iter().any(|s| s.start <= at && at < s.end)
}

/// The register of official notices (travel advice, a border agency's page) against the news: a
/// report of several paragraphs that never tells who said what and never dates anything to a day of
/// the news cycle ("said", "according to", "yesterday", "on Monday") speaks in standing states. There
/// a closure that carries no date of its own ("Finland has closed its crossings with Russia") is the
/// state in force, and an opening for some traffic only ("was opened for aid agencies only") is the
/// restriction in force, which is how a notice's reader takes it; in the news the same words tell an
/// event (a closure; an opening, with status restricted). Decided by the whole report, never by one
/// sentence.
fn reads_as_notice(text: &str) -> bool {
    let lex = crate::lexicon::english();
    let wanted = lex.mask(&["narration", "news_day"]);
    // Every word of the report is looked at: one buffer for its lower case, one lookup for both classes.
    let mut key = String::new();
    !text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            key.clear();
            key.extend(w.chars().flat_map(char::to_lowercase));
            lex.is_any(&wanted, &key)
        })
}

/// Cheap test for a speech verb before running attribution on a sentence that names no crossing.
fn has_speech(text: &str) -> bool {
    [
        " said",
        " says",
        " told",
        " spoke",
        "according to",
        " announced",
    ]
    .iter()
    .any(|v| text.contains(v))
}

/// The sentence has the pronoun "it" (or "its"), which may point back to a crossing.
fn mentions_it(text: &str) -> bool {
    let mut prev_demonstrative = false;
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.eq_ignore_ascii_case("it") || w.eq_ignore_ascii_case("its") {
            return true;
        }
        // "that has been reopened": a demonstrative subject of a passive (`link::reference_it`).
        let auxiliary = ["has", "had", "have", "was", "is"]
            .iter()
            .any(|a| w.eq_ignore_ascii_case(a));
        if prev_demonstrative && auxiliary {
            return true;
        }
        prev_demonstrative = w.eq_ignore_ascii_case("that") || w.eq_ignore_ascii_case("this");
    }
    false
}

/// One case-insensitive automaton over the border keywords, built once: a report without a crossing
/// name costs the name pass and this one scan (a handful of patterns, so its prefilter skips fast).
fn keywords() -> Option<&'static AhoCorasick> {
    static KEYWORDS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    KEYWORDS
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(BORDER_KEYWORDS)
                .ok()
        })
        .as_ref()
}

fn contains_keyword(text: &str) -> bool {
    match keywords() {
        Some(ac) => ac.is_match(text),
        // The automaton cannot fail to build on these fixed patterns; scan plainly if it ever did.
        None => {
            let bytes = text.as_bytes();
            BORDER_KEYWORDS.iter().any(|k| {
                bytes
                    .windows(k.len())
                    .any(|w| w.eq_ignore_ascii_case(k.as_bytes()))
            })
        }
    }
}

/// Everything one claim is built from.
struct Parts<'a> {
    text: &'a str,
    ws: &'a [Word<'a>],
    sentence: Span,
    trig: &'a Trigger,
    /// The trigger's stretch of the sentence, in words: from after the previous trigger to the next one.
    lo: usize,
    hi: usize,
    next_trigger: Option<usize>,
    /// The span of the next trigger when it is only background (a closure a reopening recounts).
    next_background: Option<Span>,
    has_prev_trigger: bool,
    times: &'a [crate::timex::TimeExpr],
    /// Relative clauses of the sentence (word ranges, see [`crate::words::relative_clauses`]).
    relatives: &'a [(usize, usize)],
    report: &'a Report,
    att: &'a crate::Attribution,
    speaker_span: Option<Span>,
    /// The report has more than one paragraph (see [`extract`]).
    article: bool,
    /// The report reads as an official notice (see [`reads_as_notice`]), decided on first use.
    notice: &'a std::cell::OnceCell<bool>,
    #[allow(dead_code)]
    s_hits: &'a [NameHit],
}

impl Parts<'_> {
    /// The past day a sentence says its words were spoken, when it opens with it: "On Monday,
    /// officials said …", "Yesterday the ministry announced …". Resolved against publication.
    fn speech_day(&self, times: &[crate::timex::TimeExpr]) -> Option<jiff::civil::Date> {
        use crate::timex::TimeValue;
        let published = self.report.published?;
        let ws = self.ws;
        let first = times.iter().find(|t| {
            ws.iter()
                .take(3)
                .any(|w| w.span.start <= t.span.start && t.span.start < w.span.end)
                && matches!(
                    t.value,
                    TimeValue::Weekday { .. } | TimeValue::DayOffset(-1)
                )
        })?;
        let said = ws.iter().any(|w| {
            w.span.start > first.span.end
                && w.span.start < self.trig.span.start
                && matches!(
                    w.lower.as_str(),
                    "said" | "announced" | "told" | "stated" | "confirmed" | "added"
                )
        });
        if !said {
            return None;
        }
        crate::timex::resolve(first.value, Some(published), Direction::Past)
            .map(|(d, _)| d)
            .filter(|d| *d < published)
    }

    /// The trigger's stretch has a start time ("from Monday", "starting March 16").
    fn starts_later(&self) -> bool {
        self.times.iter().any(|t| {
            t.role == crate::timex::TimeRole::From
                && t.span.start >= self.trig.span.end
                && t.span.start < self.sentence.end
        })
    }

    fn build(&self, gaz: &Gazetteer, mention: &Mention, target: &Target) -> Option<Claim> {
        let trig = self.trig;
        let ws = self.ws;
        // Who may cross is often said at the end of the sentence, past a bracket ("opened … (LoC) …
        // for earthquake relief"): scope looks up to the next trigger, not just to the clause's end.
        // A semicolon ends it: "reopened for pedestrians; cargo traffic remains suspended" names no
        // second group let through.
        let semicolon = (trig.last_word + 1..ws.len()).find(|&k| {
            self.text
                .get(ws[k - 1].span.end..ws[k].span.start)
                .is_some_and(|g| g.contains(';'))
        });
        let scope_end = self
            .next_trigger
            .unwrap_or(ws.len())
            .min(semicolon.unwrap_or(ws.len()))
            .min(ws.len());
        let scope_words = &ws[self.lo.min(scope_end)..scope_end];
        // A state told as what travellers may do ("travellers can cross the border") speaks of the
        // place where they cross; of a whole border it says too little to claim anything.
        if matches!(ws[trig.word].lower.as_str(), "can" | "able" | "possible")
            && matches!(target, Target::Border(_))
        {
            return None;
        }
        // "delays at the crossings that remain open": a state in a relative clause that singles out
        // an unnamed noun says which ones are meant, not that a target changed or stays so (a named
        // one keeps it: "the Rafah crossing that remains open").
        if let Some(head) = singled_out(self.text, ws, trig.word)
            && (mention.kind != MentionKind::Named
                || !(mention.first_word..=mention.last_word).contains(&head))
        {
            return None;
        }
        // "Access to parts of the border is restricted": the land along a border, not its crossings.
        if matches!(target, Target::Border(_)) {
            let mut k = mention.first_word;
            while k > 0
                && matches!(
                    ws[k - 1].lower.as_str(),
                    "the" | "its" | "parts" | "part" | "of" | "areas" | "some" | "sections"
                )
            {
                k -= 1;
            }
            if k >= 2 && ws[k - 1].lower == "to" && ws[k - 2].lower == "access" {
                return None;
            }
        }
        let mut change = trig.change;
        let mut scope = attach::scope(scope_words);
        // "closed to non-residents" is a restriction; "closed to foreigners" a closure for passengers.
        // The "to" stands right after the trigger or its object.
        let to_at = if mention.first_word > trig.last_word {
            mention.last_word
        } else {
            trig.last_word
        };
        if change == Change::Closed && !self.starts_later() {
            match attach::closed_to(ws, to_at) {
                attach::ClosedTo::Nobody => {}
                attach::ClosedTo::Foreigners => scope = Some(Scope::Passengers),
                attach::ClosedTo::SomePeople => {
                    change = Change::Restricted;
                    scope = scope.or(Some(Scope::Passengers));
                }
            }
        }
        // The same for a state: "has kept its borders closed to arrivals from Britain" holds a
        // restriction, not a closure to everyone. One crossing kept closed to foreigners is one too
        // (the notices' reading: its own nationals and goods pass); a whole country's borders closed
        // to foreigners keep the news convention above (an entry ban: closed).
        let kept_out = attach::closed_to(ws, to_at);
        let closed_to_some = matches!(change, Change::NoChange | Change::ExtendedClosure)
            && matches!(trig.verb, Verb::StateClosed | Verb::StayClosed)
            && (kept_out == attach::ClosedTo::SomePeople
                || (kept_out == attach::ClosedTo::Foreigners
                    && !matches!(target, Target::Border(_))));
        if closed_to_some {
            scope = scope.or(Some(Scope::Passengers));
        }
        // An opening for some traffic only ("for trucks", "to vaccinated travellers") is a restriction;
        // one "to travellers" or "to visitors", without "only", lets everyone who travels through.
        let everyone = scope == Some(Scope::Passengers) && attach::everyone_travelling(scope_words);
        // "coaches resume services to the crossings": one service runs again, which says the crossing
        // lets that service through, not that it is open to everyone.
        let service_only = ws[trig.word].lower.starts_with("resum")
            && ws
                .get(trig.word + 1)
                .is_some_and(|w| matches!(w.lower.as_str(), "service" | "services"));
        // The adverb right before the trigger ("fully reopened", "largely closed") says how much.
        let degree = trig
            .word
            .checked_sub(1)
            .map(|k| ws[k].lower.as_str())
            .unwrap_or("");
        let fully = degree == "fully" && !scope_words.iter().any(|w| w.lower == "only");
        let partial = !fully
            && (attach::is_partial(scope_words)
                || service_only
                || (scope.is_some_and(|s| s != Scope::All) && !everyone));
        // "mostly shut to visitors from abroad", "partially closed": some traffic still passes.
        let partly_closed = matches!(degree, "largely" | "mostly" | "partially" | "partly");
        if partly_closed && change == Change::Closed {
            change = Change::Restricted;
        }
        let status = match change {
            Change::ExtendedClosure | Change::NoChange
                if (partly_closed || closed_to_some) && trig.verb != Verb::StayOpen =>
            {
                Status::Restricted
            }
            Change::Opened | Change::Reopened if partial => Status::Restricted,
            Change::Opened | Change::Reopened => Status::Open,
            Change::Closed | Change::ExtendedClosure => Status::Closed,
            Change::Restricted => Status::Restricted,
            Change::DeniedClosure => Status::Open,
            Change::PlannedOpening => Status::Closed,
            Change::PlannedClosure => Status::Open,
            Change::NoChange => match trig.verb {
                Verb::StayOpen if partial => Status::Restricted,
                Verb::StayOpen => Status::Open,
                _ => Status::Closed,
            },
        };
        let cause_stop: Vec<usize> = vec![mention.first_word];
        // "reopened … after a three-year closure": a cue phrase that runs straight into a closure told
        // as background names that closure, not why the crossing reopened.
        let into_background = |c: &(String, Span)| {
            self.next_background.is_some_and(|b| {
                self.text
                    .get(c.1.end..b.start)
                    .is_some_and(|g| g.trim().is_empty())
            })
        };
        let cause = attach::cause(self.text, ws, trig.word + 1, self.hi, &cause_stop)
            .filter(|c| !into_background(c))
            .or_else(|| attach::cause(self.text, ws, self.lo, trig.word, &cause_stop));
        // "from Sunday", "starting next week": a start date, looked for ahead of publication.
        let from_time = self.times.iter().any(|t| {
            t.role == crate::timex::TimeRole::From
                && t.span.start >= trig.span.end
                && t.span.start < self.sentence.end
        });
        // "announces the reopening of the post in April": an announced change with a date ahead of
        // publication is a plan.
        let announced = trig.noun
            && trig.word >= 2
            && matches!(
                ws[trig.word - 2].lower.as_str(),
                "announces" | "announced" | "announce" | "announcing"
            );
        let from_time = from_time || announced;
        let dir = if matches!(trig.modality, Modality::Planned | Modality::Conditional) || from_time
        {
            Direction::Future
        } else {
            Direction::Past
        };
        // With an earlier change in the sentence, a time before this trigger belongs to that one
        // ("opened it on Wednesday after having closed it …").
        let lo_b = if self.has_prev_trigger {
            trig.span.start
        } else {
            ws.get(self.lo)
                .map(|w| w.span.start)
                .unwrap_or(self.sentence.start)
        };
        let hi_b = ws
            .get(self.hi.saturating_sub(1))
            .map(|w| w.span.end)
            .unwrap_or(self.sentence.end)
            .max(trig.span.end);
        // "The pass, which usually shuts in December, will stay open": a time inside a relative clause
        // is that clause's, not the main verb's (and the other way round).
        let clause_of = |at: usize| {
            self.relatives
                .iter()
                .find(|&&(s, e)| ws[s].span.start <= at && at < ws[e].span.end)
        };
        let own_clause = clause_of(trig.span.start);
        let mut times: Vec<crate::timex::TimeExpr> = self
            .times
            .iter()
            .filter(|t| clause_of(t.span.start) == own_clause)
            .cloned()
            .collect();
        // "X announced the closure of its border until 30 November": a change that starts a state
        // happens on its own day; an "until" only bounds the state it leaves, so it is never the
        // change's date (nor, ahead of publication, a reason to call the change a plan).
        if matches!(change, Change::Closed | Change::Opened | Change::Reopened) {
            times.retain(|t| t.role != crate::timex::TimeRole::Until);
        }
        // "On Monday, officials said Rafah would close on Tuesday": a plan told on a past day looks
        // ahead from that day, not from publication. The anchor is a weekday or "yesterday" opening
        // the sentence, before a verb of saying.
        let anchor = (dir == Direction::Future)
            .then(|| self.speech_day(&times))
            .flatten();
        let cause_span = cause.as_ref().map(|c| c.1);
        let effective_from = |base: Option<jiff::civil::Date>, dir: Direction| {
            attach::effective(
                self.text,
                &times,
                trig.span,
                attach::Window {
                    lo: lo_b,
                    hi: hi_b,
                    exclude: cause_span,
                },
                base,
                dir,
            )
        };
        let (effective, date_span) = effective_from(anchor.or(self.report.published), dir);
        // A change reported in the present tense with a start date still ahead is a plan.
        let mut modality = trig.modality;
        if modality == Modality::Asserted
            && from_time
            && let (Some(d), Some(p)) = (effective.date, self.report.published)
            && d > p
        {
            modality = Modality::Planned;
            change = match change {
                Change::Opened | Change::Reopened => Change::PlannedOpening,
                Change::Closed => Change::PlannedClosure,
                other => other,
            };
        }
        let status = if modality == Modality::Planned && status_is_after(change) {
            planned_status(change, status)
        } else {
            status
        };
        // "… with the Jordanian border closed": an absolute phrase describes a state. A determiner may
        // stand between "with" and the mention, which starts at the place name.
        let mut before_mention = mention.first_word;
        while before_mention > 0
            && matches!(
                ws[before_mention - 1].lower.as_str(),
                "the" | "its" | "their" | "both"
            )
        {
            before_mention -= 1;
        }
        if trig.verb == Verb::Close
            && mention.last_word < trig.word
            && before_mention > 0
            && ws[before_mention - 1].lower == "with"
            && modality == Modality::Asserted
        {
            change = Change::NoChange;
        }
        // "has been closed since March": a state that holds, not a change reported now.
        // "It's been closed": the contracted "has" is the word "s" before "been". The pluperfect
        // ("the gate had been shut for a week") recounts a closure that held before the time
        // told, not one in force now: a background closure. Under a past verb of saying it is the
        // speaker's present perfect told in reported speech ("X had been closed since Sunday,
        // customs staff said" = "X has been closed since Sunday"): the closure in force.
        let reported_speech = ws.iter().any(|w| {
            matches!(
                w.lower.as_str(),
                "said" | "told" | "reported" | "stated" | "added" | "confirmed"
            )
        });
        let perfect = (trig.word.saturating_sub(3)..trig.word).any(|k| {
            matches!(ws[k].lower.as_str(), "has" | "have")
                || (ws[k].lower == "had" && reported_speech)
                || (ws[k].lower == "s" && ws.get(k + 1).is_some_and(|w| w.lower == "been"))
        });
        // "since March", or a duration: "for months", "for two weeks". Fronted too, when no other
        // change comes first: "Since 2023, the border has been closed".
        let since = self.times.iter().any(|t| {
            t.role == crate::timex::TimeRole::Since
                && (t.span.start >= trig.span.end || !self.has_prev_trigger)
                && t.span.start < self.sentence.end
        }) || (trig.last_word + 1..ws.len().min(trig.last_word + 12))
            .chain((!self.has_prev_trigger).then_some(0))
            .any(|k| {
                ws[k].lower == "since"
                    && ws
                        .get(k + 1)
                        .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
            })
            || (trig.last_word + 1..ws.len().min(trig.last_word + 12)).any(|k| {
                ws[k].lower == "for"
                    && ws.get(k + 1).is_some_and(|w| {
                        matches!(w.lower.as_str(), "months" | "weeks" | "years" | "days")
                        // "for a significant period", "for some time", "for a long time".
                        || (matches!(w.lower.as_str(), "a" | "some" | "several" | "many")
                            && ws[k + 2..ws.len().min(k + 5)].iter().any(|x| {
                                matches!(
                                    x.lower.as_str(),
                                    "period" | "time" | "while" | "months" | "weeks" | "years"
                                        | "days" | "decades"
                                )
                            }))
                    })
            });
        // A closure in force, told as a state: "The Rafah crossing is closed." in an article, "is
        // currently closed", "are still shut", "continue to be suspended", "has been closed since
        // March". Not a closure reported now but the state it left: an extended closure. (In a
        // one-paragraph news item a bare present "the borders are closed" is the event itself.)
        let lower_at = |k: usize| ws.get(k).map(|w| w.lower.as_str()).unwrap_or("");
        let mut aux = trig.word;
        while aux > 0
            && matches!(
                lower_at(aux - 1),
                "currently" | "still" | "now" | "all" | "officially"
            )
        {
            aux -= 1;
        }
        let copula = aux > 0 && matches!(lower_at(aux - 1), "is" | "are");
        let adverb = aux < trig.word;
        let continued = aux >= 3
            && lower_at(aux - 1) == "be"
            && lower_at(aux - 2) == "to"
            && matches!(lower_at(aux - 3), "continue" | "continues" | "continued");
        let state_word = matches!(
            ws[trig.word].lower.as_str(),
            "closed" | "shut" | "sealed" | "suspended"
        );
        let present_state = trig.verb == Verb::Close
            && state_word
            && ((copula && (self.article || adverb)) || continued)
            && !self.starts_later();
        if present_state && change == Change::Closed && modality == Modality::Asserted {
            change = Change::ExtendedClosure;
        }
        if perfect
            && since
            && matches!(change, Change::Closed | Change::Restricted)
            && modality == Modality::Asserted
        {
            change = if change == Change::Closed {
                Change::ExtendedClosure
            } else {
                Change::NoChange
            };
        }
        // "closed daily from 9 pm to 6 am", "closed at night", "closed to vehicles but open to
        // pedestrians": a closure for some hours or some traffic only is a restriction.
        if matches!(
            change,
            Change::Closed | Change::ExtendedClosure | Change::NoChange
        ) && status == Status::Closed
            && modality == Modality::Asserted
        {
            let lex = crate::lexicon::english();
            let after: Vec<&str> = ws[(trig.last_word + 1).min(ws.len())..]
                .iter()
                .take(14)
                .map(|w| w.lower.as_str())
                .collect();
            // "at night", "every evening" are habits; "on Monday night" is one time.
            let part_time = after.iter().take(8).any(|w| lex.is("part_time", w))
                || after.windows(2).take(8).any(|p| {
                    matches!(p[0], "at" | "every" | "each")
                        && matches!(p[1], "night" | "nights" | "evening" | "weekend")
                });
            let open_to_some = after
                .windows(2)
                .any(|p| matches!(p[0], "but" | "yet" | "while") && p[1] == "open");
            if part_time || open_to_some {
                change = Change::Restricted;
            }
        }
        let status = if change == Change::Restricted && modality == Modality::Asserted {
            Status::Restricted
        } else {
            status
        };
        let (crossing, border) = match target {
            Target::Crossing(k) => {
                let c = &gaz.crossings()[*k];
                (
                    Some(CrossingRef {
                        id: Some(c.id.clone()),
                        name: c.name.clone(),
                        countries: c.countries.to_vec(),
                    }),
                    None,
                )
            }
            Target::Unresolved { name, countries } => (
                Some(CrossingRef {
                    id: None,
                    name: name.clone(),
                    countries: countries.clone(),
                }),
                None,
            ),
            Target::Border(codes) if codes.is_empty() => return None,
            Target::Border(codes) => (None, Some(codes.clone())),
        };
        let mut confidence: f32 = match mention.kind {
            MentionKind::Named => 0.8,
            MentionKind::Group | MentionKind::Reference => 0.65,
            MentionKind::Descriptive => 0.6,
            MentionKind::BorderWide => 0.6,
        };
        if trig.modality == Modality::Uncertain {
            confidence -= 0.15;
        }
        if self.att.speaker.is_some() || !self.att.via.is_empty() {
            confidence += 0.1;
        }
        let mut claim = Claim {
            crossing,
            border,
            mention: mention.span.of(self.text).to_string(),
            change,
            status,
            modality,
            effective,
            scope,
            attribution: self.att.clone(),
            cause: cause.map(|c| c.0),
            evidence: Evidence {
                sentence: self.sentence,
                trigger: trig.span,
                mention: Some(mention.span),
                date: date_span,
                speaker: self.speaker_span,
                language: self.report.language.clone(),
            },
            confidence: confidence.clamp(0.0, 1.0),
        };
        // The last word on an asserted opening (see `safety`): it must be earned. An opening for some
        // traffic only is an opening too: a plan or an aim to open "for aid" is no more done.
        let opening = claim.status == Status::Open
            || (claim.status == Status::Restricted
                && matches!(
                    claim.change,
                    Change::Opened | Change::Reopened | Change::NoChange
                ));
        if opening && claim.modality == Modality::Asserted {
            let in_sentence = mention.span.start >= self.sentence.start
                && mention.span.end <= self.sentence.end
                && !mention.implicit;
            let ctx = OpenContext {
                text: self.text,
                ws,
                sentence: self.sentence,
                trigger: (trig.word, trig.last_word),
                mention: in_sentence.then_some((mention.first_word, mention.last_word)),
                group: matches!(mention.kind, MentionKind::Group | MentionKind::BorderWide)
                    || matches!(target, Target::Border(_)),
                published: self.report.published,
                effective: claim.effective.date,
                article: self.article,
                after_other_change: self.has_prev_trigger,
            };
            match earn_open(&ctx) {
                Verdict::Keep => {}
                Verdict::Restricted(_) => claim.status = Status::Restricted,
                Verdict::Planned(_) => {
                    claim.change = Change::PlannedOpening;
                    claim.status = Status::Closed;
                    claim.modality = Modality::Planned;
                    // The time was read as a past one ("Jordan to reopen Nasib on Sunday" read as an
                    // opening done last Sunday): a plan's weekday lies ahead.
                    if let (Some(d), Some(p)) = (claim.effective.date, self.report.published)
                        && d < p
                    {
                        let (ahead, date_span) = effective_from(Some(p), Direction::Future);
                        if ahead.date.is_some_and(|a| a >= p) {
                            claim.effective = ahead;
                            claim.evidence.date = date_span;
                        }
                    }
                }
                Verdict::NoClaim(_) => return None,
            }
        }
        // The notice's register (see `reads_as_notice`): an undated closure is the state in force; an
        // opening for some traffic only is the restriction in force. (A limit kept in force, "remains
        // closed to foreigners", stays an extended closure with status restricted in both registers.)
        if claim.modality == Modality::Asserted
            && matches!(
                claim.change,
                Change::Closed | Change::Opened | Change::Reopened
            )
            && self.article
            && *self.notice.get_or_init(|| reads_as_notice(self.text))
        {
            if claim.change == Change::Closed && claim.effective.text.is_none() {
                claim.change = Change::ExtendedClosure;
            } else if claim.status == Status::Restricted
                && matches!(claim.change, Change::Opened | Change::Reopened)
            {
                claim.change = Change::Restricted;
            }
        }
        Some(claim)
    }
}

fn status_is_after(change: Change) -> bool {
    matches!(change, Change::PlannedOpening | Change::PlannedClosure)
}

/// The status now of a crossing with a planned change: closed before a planned opening, open before a
/// planned closure (the convention of the gold annotations, and the honest reading of "will reopen").
fn planned_status(change: Change, status: Status) -> Status {
    match change {
        Change::PlannedOpening => Status::Closed,
        Change::PlannedClosure => Status::Open,
        _ => status,
    }
}

/// The key two claims of one report share when they say the same thing about the same place.
pub(crate) fn key(c: &Claim) -> (String, Change) {
    let target = match (&c.crossing, &c.border) {
        (Some(x), _) => {
            x.id.clone()
                .unwrap_or_else(|| format!("?{}", x.name.to_lowercase()))
        }
        (None, Some(b)) => {
            let mut b = b.clone();
            b.sort();
            b.join("-")
        }
        (None, None) => String::new(),
    };
    (target, c.change)
}

/// One claim per (target, change) in a report: the first keeps its evidence, and later ones fill in what
/// it lacks (a date, a speaker, a cause, a scope).
pub(crate) fn merge(claims: Vec<Claim>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for c in claims {
        let k = key(&c);
        if let Some(prev) = out.iter_mut().find(|p| key(p) == k) {
            // One opening told twice, once with its limit ("Libya reopens border crossing" over "…
            // reopened the crossing on Sunday, but only to trucks"): the limit is part of the event,
            // so the telling that states it is the evidence, whichever came first.
            if prev.status == Status::Open
                && c.status == Status::Restricted
                && prev.modality == c.modality
            {
                prev.status = c.status;
                prev.evidence = c.evidence.clone();
                prev.mention = c.mention.clone();
            }
            if prev.effective.date.is_none() && c.effective.date.is_some() {
                prev.effective = c.effective.clone();
                prev.evidence.date = c.evidence.date;
            }
            if prev.attribution.speaker.is_none() && c.attribution.speaker.is_some() {
                // A named speaker outranks an unnamed channel: take the statement's attribution whole.
                prev.attribution = c.attribution.clone();
                prev.evidence.speaker = c.evidence.speaker;
            } else if prev.attribution.speaker.is_none() {
                if prev.attribution.via.is_empty() {
                    prev.attribution.via = c.attribution.via.clone();
                }
                // An unnamed speaker ("a spokeswoman for the border guard") is better than none.
                if prev.attribution.role.is_none() {
                    prev.attribution.role = c.attribution.role.clone();
                }
            }
            if prev.cause.is_none() {
                prev.cause = c.cause.clone();
            }
            if prev.scope.is_none() {
                prev.scope = c.scope;
            }
            prev.confidence = prev.confidence.max(c.confidence);
        } else {
            out.push(c);
        }
    }
    out
}
