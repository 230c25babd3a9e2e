//! Stage 2: text → paragraphs and sentences.
//!
//! This module owns sentence boundaries. Every line is a paragraph (news text often puts one paragraph
//! on a line), except that a line that leaves its sentence open and a next line that starts in lower
//! case are one (hard-wrapped text); inside it, a sentence ends at `.` `!` `?` `…` `۔` `؟` (and any closing quotes or brackets
//! right after) when white space and a plausible sentence start follow. Abbreviations, initials,
//! decimals and ellipses before lower case do not end a sentence. Spans exclude surrounding white
//! space, lie on char boundaries, and together cover every non-space character exactly once.

use crate::Span;

/// A sentence and the paragraph it belongs to (paragraph index counts from 0 in text order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// The block of lines (between blank lines) the paragraph lies in, counting from 0. A block holds
    /// several paragraphs when its lines stand one paragraph each (news), or when a hard-wrapped line
    /// starts with a capital (a transcript); a speaker's turn lasts its block.
    pub block: usize,
}

/// Words that end with a period without ending the sentence (compared as written, or in capitals).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Gens", "Maj", "Lt", "Col", "Capt", "Sgt", "Cpl",
    "Pvt", "Adm", "Brig", "Cmdr", "Gov", "Sen", "Rep", "Pres", "Rev", "Hon", "Jr", "Sr", "St",
    "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "No", "Nos", "Inc", "Ltd", "Co", "Corp", "vs", "etc", "approx", "cf", "e.g", "i.e",
    "U.S", "U.N", "U.K", "E.U", "a.m", "p.m",
];

/// The span of a report's headline: an article's first paragraph when it is one short line without a
/// closing stop, and another paragraph follows.
pub fn headline(text: &str, sentences: &[Sentence]) -> Option<Span> {
    let article = sentences
        .iter()
        .any(|s| s.paragraph != sentences[0].paragraph);
    sentences
        .first()
        .filter(|h| {
            let t = h.span.of(text).trim_end();
            article
                && sentences.get(1).is_some_and(|n| n.paragraph != h.paragraph)
                && t.split_whitespace().count() <= 14
                && !t.ends_with(['.', '!', '?', '"', '”', '؟'])
        })
        .map(|h| h.span)
}

/// Splits normalized text into sentences; abbreviations ("Maj. Gen.", "U.S.", "Sept. 25") do not split.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0usize;
    let mut line_start = 0usize;
    // A paragraph being gathered: its byte range in `text`. Hard-wrapped text (transcripts, Markdown,
    // e-mail) breaks lines inside sentences: a line that does not end a sentence, followed at once by
    // a line that starts in lower case, goes on the same paragraph ("… intend to\nreopen the bridge").
    let mut open: Option<(usize, usize)> = None;
    let mut block = 0usize;
    let flush = |range: Option<(usize, usize)>,
                 paragraph: &mut usize,
                 block: usize,
                 out: &mut Vec<Sentence>| {
        if let Some((a, b)) = range
            && let Some(piece) = text.get(a..b)
        {
            split_paragraph(piece, a, (*paragraph, block), out);
            *paragraph += 1;
        }
    };
    for line in text.split('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if open.is_some() {
                flush(open.take(), &mut paragraph, block, &mut sentences);
                block += 1;
            }
        } else {
            // `trim` only removes white space, so the offsets are on char boundaries.
            let start = line_start + (line.len() - line.trim_start().len());
            let end = start + trimmed.len();
            open = match open {
                Some((a, b)) if continues(text.get(a..b).unwrap_or(""), trimmed) => Some((a, end)),
                prev => {
                    flush(prev, &mut paragraph, block, &mut sentences);
                    Some((start, end))
                }
            };
        }
        line_start += line.len() + 1;
    }
    flush(open.take(), &mut paragraph, block, &mut sentences);
    sentences
}

/// Whether `next` (a trimmed line) carries on the sentence that `prev` (the paragraph so far) leaves
/// open: `prev` ends without a sentence-ending mark and `next` starts with a lower-case letter.
fn continues(prev: &str, next: &str) -> bool {
    !ends_sentence_line(prev.trim_end()) && next.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Whether a line starts with a speaker's label: a reporter's "Q" (then white space, ':' or '.'), or
/// a label in capitals ending in a colon ("MS. JEAN-PIERRE:", "SENIOR ADMINISTRATION OFFICIAL:",
/// "A:").
pub fn opens_turn(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix('Q')
        && rest.starts_with(|c: char| c.is_whitespace() || c == ':' || c == '.')
    {
        return true;
    }
    let Some((label, _)) = line.split_once(':') else {
        return false;
    };
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && label.chars().count() <= 60
        && label.chars().all(|c| {
            c.is_uppercase() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’' | '(' | ')')
        })
}

/// Whether a trimmed line ends with a sentence end (or a colon or semicolon), closing quotes aside.
fn ends_sentence_line(line: &str) -> bool {
    line.trim_end_matches(is_closer)
        .chars()
        .last()
        .is_some_and(|c| is_terminator(c) || matches!(c, ':' | ';'))
}

/// Splits one trimmed paragraph (starting at byte `base` of the text) into sentences.
fn split_paragraph(para: &str, base: usize, at: (usize, usize), out: &mut Vec<Sentence>) {
    let bytes = para.as_bytes();
    let mut sentence_start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        // Only these bytes can start a terminator ('.', '!', '?', or the lead byte of '…' '‼' '۔' '؟'
        // …); none is a UTF-8 continuation byte, so a hit is always on a char boundary.
        if !matches!(bytes[i], b'.' | b'!' | b'?' | 0xE2 | 0xD8 | 0xDB) {
            i += 1;
            continue;
        }
        let tail = para.get(i..).unwrap_or_default();
        let c = tail.chars().next().unwrap_or(' ');
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // The run of terminators ("?!", "..."), then closing quotes and brackets.
        let mut end = i;
        let mut only_period = true;
        let mut run_len = 0usize;
        for d in tail.chars().take_while(|&d| is_terminator(d)) {
            only_period &= d == '.';
            run_len += 1;
            end += d.len_utf8();
        }
        let closers = para
            .get(end..)
            .unwrap_or_default()
            .chars()
            .take_while(|&d| is_closer(d));
        end += closers.map(char::len_utf8).sum::<usize>();
        let terminator_at = i;
        i = end;
        let rest = para.get(end..).unwrap_or_default();
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            // No white space follows ("1.5", "example.com"), or the paragraph ends here anyway.
            continue;
        }
        let single_period = only_period && run_len == 1;
        if single_period
            && !ends_sentence_word(para.get(sentence_start..terminator_at).unwrap_or_default())
        {
            continue;
        }
        let arabic = matches!(c, '۔' | '؟');
        if !starts_sentence(after_space, arabic) {
            continue;
        }
        push(out, para, base, (sentence_start, end), at);
        sentence_start = para.len() - after_space.len();
    }
    push(out, para, base, (sentence_start, para.len()), at);
}

/// Pushes the trimmed piece `start..end` of a paragraph; `at` is its (paragraph, block).
fn push(
    out: &mut Vec<Sentence>,
    para: &str,
    base: usize,
    (start, end): (usize, usize),
    (paragraph, block): (usize, usize),
) {
    let Some(piece) = para.get(start..end) else {
        return;
    };
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let s = base + start + lead;
    out.push(Sentence {
        span: Span::new(s, s + trimmed.len()),
        paragraph,
        block,
    });
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '۔' | '؟' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '(' | '[' | '¿' | '¡'
    )
}

/// Whether the text after a terminator and white space can begin a new sentence. After an Arabic
/// full stop or question mark anything but a lower-case letter does.
fn starts_sentence(after: &str, arabic: bool) -> bool {
    let Some(first) = after.chars().next() else {
        return false;
    };
    if arabic {
        return !first.is_lowercase();
    }
    // Scripts without case (Arabic, Persian, Hebrew…) have no capital to look for.
    let uncased_letter = first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase();
    first.is_uppercase() || first.is_ascii_digit() || is_opener(first) || uncased_letter
}

/// Whether a single period after this sentence-so-far ends the sentence, judging by the last word:
/// not after an abbreviation, an initial ("J."), or dotted initials ("D.C.").
fn ends_sentence_word(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before.get(word_start..).unwrap_or_default();
    if word.is_empty() {
        return true;
    }
    // Same letters in capitals ("GEN."), compared without allocating.
    let in_capitals =
        |a: &str| a.len() == word.len() && a.chars().flat_map(char::to_uppercase).eq(word.chars());
    if ABBREVIATIONS.iter().any(|a| *a == word || in_capitals(a)) {
        return false;
    }
    // "J" in "J. Smith", "D.C" in "D.C.": every dot-separated part is one letter, one of them a capital.
    let parts_single = word.split('.').all(|p| p.chars().count() == 1);
    let has_capital = word.chars().any(char::is_uppercase);
    !(parts_single && has_capital)
}
