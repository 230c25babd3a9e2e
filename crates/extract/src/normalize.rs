//! Stage 1: bytes → clean UTF-8 text (HTML stripped, charset decoded, dateline found).
//!
//! This module owns everything between the raw bytes of a report and the text that every later span
//! indexes: the size limit, the binary-garbage check, charset detection and decoding, HTML to text,
//! Unicode and white-space cleanup, and finding the dateline. It knows nothing about crossings.
//!
//! HTML is read by `borderwatch-reader` (html5ever, with readability choosing the main content of a
//! full page), the one HTML reader of the project, so a page POSTed, ingested from a file or fetched by
//! `borderwatch watch` is read alike.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::{Dateline, Span};

/// Limits and hints for [`normalize`].
#[derive(Clone, Debug)]
pub struct NormalizeOptions {
    /// Inputs larger than this are refused before any work (default 16 MiB).
    pub max_bytes: usize,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Why an input could not be read as a report. Messages name the reason and what to do.
#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    #[error("the input is empty (no text after removing markup and white space)")]
    Empty,
    #[error(
        "the input is {size} bytes, over the limit of {limit} bytes (raise it with --max-bytes)"
    )]
    TooLarge { size: usize, limit: usize },
    #[error("the input looks binary, not text: {reason}")]
    Binary { reason: String },
}

/// The result of normalization.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalized {
    pub text: String,
    /// The `<title>` of an HTML input.
    pub title: Option<String>,
    pub dateline: Option<Dateline>,
    /// The charset the input was decoded from ("UTF-8", "windows-1256", …).
    pub charset: &'static str,
}

/// Turns the bytes of one report into clean text. See the module docs for what happens, in order.
pub fn normalize(input: &[u8], opts: &NormalizeOptions) -> Result<Normalized, NormalizeError> {
    // Checked first so an oversized input costs nothing beyond what the caller already holds.
    if input.len() > opts.max_bytes {
        return Err(NormalizeError::TooLarge {
            size: input.len(),
            limit: opts.max_bytes,
        });
    }
    let (decoded, charset) = decode(input)?;
    let (body, title) = if looks_like_html(&decoded) {
        let page = borderwatch_reader::page_text(&decoded);
        (Cow::Owned(page.text), page.title)
    } else {
        (decoded, None)
    };
    let text = clean_text(&body);
    if text.is_empty() {
        return Err(NormalizeError::Empty);
    }
    let dateline = find_dateline(&text);
    Ok(Normalized {
        text,
        title,
        dateline,
        charset,
    })
}

// ---------------------------------------------------------------------------------------------
// Binary check and charset decoding
// ---------------------------------------------------------------------------------------------

/// Share of control characters (in tenths) above which an input is taken as binary.
const MAX_CONTROL_TENTHS: usize = 1;
/// chardetng sees at most this much: enough to decide, and it bounds the cost on large inputs.
const DETECT_SAMPLE: usize = 256 * 1024;

/// The text of `input` decoded as [`normalize`] decodes it (BOM, UTF-8, a declared charset, detection),
/// or `None` when it looks binary. For callers that need the text before reading it (a fetched page).
pub fn decode_bytes(input: &[u8]) -> Option<String> {
    decode(input).ok().map(|(text, _)| text.into_owned())
}

fn decode(input: &[u8]) -> Result<(Cow<'_, str>, &'static str), NormalizeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(input) {
        let body = input.get(bom_len..).unwrap_or_default();
        if encoding == encoding_rs::UTF_8 {
            check_binary_bytes(body)?;
            return Ok((String::from_utf8_lossy(body), encoding.name()));
        }
        // UTF-16 is full of NUL bytes by nature, so it is judged after decoding.
        let (text, _) = encoding.decode_without_bom_handling(body);
        check_binary_text(&text)?;
        return Ok((text, encoding.name()));
    }
    check_binary_bytes(input)?;
    if let Ok(text) = std::str::from_utf8(input) {
        return Ok((Cow::Borrowed(text), encoding_rs::UTF_8.name()));
    }
    let encoding = declared_charset(input).unwrap_or_else(|| {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        let sample = input.get(..DETECT_SAMPLE).unwrap_or(input);
        detector.feed(sample, true);
        // Not valid UTF-8 (checked above), so UTF-8 is not a candidate.
        detector.guess(None, Utf8Detection::Deny)
    });
    let (text, _) = encoding.decode_without_bom_handling(input);
    check_binary_text(&text)?;
    Ok((text, encoding.name()))
}

/// The charset an HTML page declares in its first KiB (`<meta charset=…>` or `content="…; charset=…"`),
/// when it is a usable single- or multi-byte charset. A declared UTF-8 is ignored: the bytes already
/// failed to be UTF-8, so the declaration is wrong.
fn declared_charset(input: &[u8]) -> Option<&'static Encoding> {
    let head = input.get(..1024).unwrap_or(input);
    let lower = head.to_ascii_lowercase();
    let at = find_bytes(&lower, b"charset=")? + b"charset=".len();
    let rest = lower.get(at..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label(rest.get(..end)?)?;
    let unusable = encoding == encoding_rs::UTF_8
        || encoding == encoding_rs::UTF_16LE
        || encoding == encoding_rs::UTF_16BE
        || encoding == encoding_rs::REPLACEMENT
        || encoding == encoding_rs::X_USER_DEFINED;
    (!unusable).then_some(encoding)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// C0 controls other than tab, newline, vertical tab, form feed and carriage return, plus DEL.
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1F | 0x7F)
}

fn check_binary_bytes(bytes: &[u8]) -> Result<(), NormalizeError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(NormalizeError::Binary {
            reason: format!("it contains NUL bytes (the first at byte {at})"),
        });
    }
    let controls = bytes.iter().filter(|&&b| is_binary_control(b)).count();
    control_share_check(controls, bytes.len())
}

fn check_binary_text(text: &str) -> Result<(), NormalizeError> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    let mut replacements = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            return Err(NormalizeError::Binary {
                reason: "it decodes to text with NUL characters".into(),
            });
        }
        if u8::try_from(c).is_ok_and(is_binary_control) {
            controls += 1;
        } else if c == char::REPLACEMENT_CHARACTER {
            replacements += 1;
        }
    }
    if replacements * 10 > chars * MAX_CONTROL_TENTHS {
        return Err(NormalizeError::Binary {
            reason: format!("{replacements} of its {chars} characters could not be decoded"),
        });
    }
    control_share_check(controls, chars)
}

fn control_share_check(controls: usize, total: usize) -> Result<(), NormalizeError> {
    if controls > 0 && controls * 10 > total * MAX_CONTROL_TENTHS {
        let percent = controls * 100 / total.max(1);
        return Err(NormalizeError::Binary {
            reason: format!("{percent}% of it is control characters"),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// Tags that count as evidence of HTML when a page has no doctype.
const KNOWN_TAGS: &[&str] = &[
    "a", "article", "b", "body", "br", "div", "em", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "html", "i", "img", "li", "link", "main", "meta", "nav", "ol", "p", "script",
    "section", "span", "strong", "style", "table", "td", "title", "tr", "ul",
];
/// Whether the text is an HTML document or fragment, judged by its content alone.
fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = start
        .as_bytes()
        .get(..14)
        .unwrap_or(start.as_bytes())
        .to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return true;
    }
    // Otherwise: known tags at a density no plain prose has (at least two, one per 2 KiB or more).
    let sample = text.as_bytes().get(..64 * 1024).unwrap_or(text.as_bytes());
    let mut tags = 0usize;
    for (i, _) in sample.iter().enumerate().filter(|&(_, &b)| b == b'<') {
        let rest = sample.get(i + 1..).unwrap_or_default();
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let after = rest.get(name_len).copied();
        let closes = matches!(after, Some(b'>' | b' ' | b'/' | b'\n' | b'\t' | b'\r'));
        let name = rest.get(..name_len).unwrap_or_default();
        if closes
            && KNOWN_TAGS
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
        {
            tags += 1;
        }
    }
    tags >= 2 && tags * 2048 >= sample.len()
}

// ---------------------------------------------------------------------------------------------
// Text cleanup
// ---------------------------------------------------------------------------------------------

/// What cleanup does with one character.
#[derive(PartialEq)]
enum CharClass {
    Keep,
    /// Horizontal white space: runs collapse to one ASCII space.
    Space,
    /// Invisible or control characters (zero-width, bidi controls, soft hyphen, C0/C1 controls).
    Drop,
}

fn classify(c: char) -> CharClass {
    match c {
        ' '
        | '\t'
        | '\u{a0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200a}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}' => CharClass::Space,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}' => CharClass::Drop,
        _ => CharClass::Keep,
    }
}

/// Newlines to `\n`, invisible characters out, horizontal space collapsed, lines trimmed, at most one
/// blank line in a row, NFC. Clean lines are copied whole, which keeps plain text fast.
fn clean_text(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut any = false;
    let mut blank_pending = false;
    let mut pos = 0usize;
    while pos < bytes.len() {
        let (end, next, clean) = scan_line(bytes, pos);
        let line = s.get(pos..end).unwrap_or_default();
        let undo = out.len();
        if any {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        let content = out.len();
        if clean {
            out.push_str(line);
        } else {
            push_clean_line(&mut out, line);
        }
        if out.len() == content {
            out.truncate(undo);
            blank_pending = any;
        } else {
            any = true;
            blank_pending = false;
        }
        pos = next;
    }
    if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// Bytes `scan_line` must look at: ASCII controls, space, DEL, and the lead bytes of the
/// non-ASCII characters cleanup touches (see `classify`). Every other byte is plain text.
const NOTABLE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x21 {
        table[b] = true;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// Finds the end of the line starting at `start`: (end of line, start of the next, whether the line
/// needs no cleanup at all). Line breaks: LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029.
fn scan_line(bytes: &[u8], start: usize) -> (usize, usize, bool) {
    let mut clean = true;
    let mut prev_space = true; // a leading space makes the line unclean
    let mut j = start;
    loop {
        // Most bytes are plain text: skip them in a tight loop.
        let rest = bytes.get(j..).unwrap_or_default();
        let plain = rest
            .iter()
            .take_while(|&&b| !NOTABLE[usize::from(b)])
            .count();
        if plain > 0 {
            prev_space = false;
            j += plain;
        }
        let Some(&b) = bytes.get(j) else { break };
        let at = |k: usize| bytes.get(j + k).copied().unwrap_or(0);
        match b {
            b'\n' | b'\x0b' | b'\x0c' => return (j, j + 1, clean && !prev_space),
            b'\r' => return (j, j + 1 + usize::from(at(1) == b'\n'), clean && !prev_space),
            0xC2 if at(1) == 0x85 => return (j, j + 2, clean && !prev_space),
            0xE2 if at(1) == 0x80 && matches!(at(2), 0xA8 | 0xA9) => {
                return (j, j + 3, clean && !prev_space);
            }
            b' ' => {
                clean &= !prev_space;
                prev_space = true;
            }
            0x00..=0x1F | 0x7F => clean = false,
            // Lead bytes of the only non-ASCII characters cleanup touches (see `classify`).
            0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let hit = match b {
                    0xC2 => matches!(at(1), 0x80..=0xA0 | 0xAD),
                    0xD8 => at(1) == 0x9C,
                    0xE1 => (at(1), at(2)) == (0x9A, 0x80) || (at(1), at(2)) == (0xA0, 0x8E),
                    0xE2 => {
                        matches!((at(1), at(2)), (0x80, 0x80..=0x8F | 0xA8..=0xAF) | (0x81, 0x9F..=0xAF))
                    }
                    0xE3 => (at(1), at(2)) == (0x80, 0x80),
                    _ => (at(1), at(2)) == (0xBB, 0xBF),
                };
                clean &= !hit;
                prev_space = false;
            }
            _ => prev_space = false,
        }
        j += 1;
    }
    (bytes.len(), bytes.len(), clean && !prev_space)
}

fn push_clean_line(out: &mut String, line: &str) {
    let start = out.len();
    let mut space = false;
    for c in line.chars() {
        match classify(c) {
            CharClass::Keep => {
                if space && out.len() > start {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
            CharClass::Space => space = true,
            CharClass::Drop => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dateline
// ---------------------------------------------------------------------------------------------

/// Lower-case words that may join the capitalised words of a place name ("Bab al-Hawa", "Rio de Janeiro").
const PLACE_JOINERS: &[&str] = &[
    "al", "el", "ad", "as", "ash", "de", "da", "do", "du", "di", "la", "le", "of", "upon", "sur",
    "am", "an", "del", "des", "bin", "ibn",
];
/// Capitalised words that open a text with a colon but are labels, not places.
const NOT_PLACES: &[&str] = &[
    "Update",
    "Updated",
    "Note",
    "Editor",
    "Breaking",
    "Exclusive",
    "Watch",
    "Read",
    "Analysis",
    "Opinion",
    "Photo",
    "Photos",
    "Video",
    "Live",
    "Warning",
    "Correction",
    "Comment",
    "Summary",
    "Advisory",
    "Alert",
    "Source",
    "Sources",
    "By",
    "Q",
    "A",
];
/// News agencies: a text that opens with one of these ("AP - …") names its source, not a place.
const AGENCIES: &[&str] = &[
    "AP",
    "AFP",
    "Reuters",
    "CNN",
    "UPI",
    "AFX",
    "DPA",
    "ANSA",
    "EFE",
    "PTI",
    "IANS",
    "TASS",
    "RIA",
    "BBC",
    "Xinhua",
    "IRNA",
    "IRIB",
    "WAM",
    "KUNA",
    "SPA",
    "SANA",
    "ANI",
    "Bloomberg",
    "NNA",
];
/// A dateline lives in the first few words; nothing past this many bytes is examined.
const DATELINE_WINDOW: usize = 200;

/// Finds a leading dateline ("BEIRUT:", "BEIRUT (Reuters) -", "KABUL, Afghanistan (CNN) --",
/// "ISTANBUL — ", "Beirut, Oct 25 (AFP) -"). A bare "(CNN) --" is an agency marker: no dateline.
fn find_dateline(text: &str) -> Option<Dateline> {
    let window_end = (0..=DATELINE_WINDOW.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let head = text.get(..window_end)?;
    let head = head.split('\n').next().unwrap_or(head);
    let (place_end, words, all_caps) = place_words(head)?;
    let place = head.get(..place_end)?;
    if AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(place)) {
        return None;
    }
    let mut rest = head.get(place_end..)?;
    let mut qualified = false;
    // Up to two ", Qualifier" parts: a country or region, a date.
    for _ in 0..2 {
        let Some(after_comma) = rest.strip_prefix(", ") else {
            break;
        };
        let len = qualifier_len(after_comma)?;
        rest = after_comma.get(len..)?;
        qualified = true;
    }
    let mut agency = false;
    let trimmed = rest.trim_start_matches(' ');
    if let Some(inner) = trimmed.strip_prefix('(') {
        let close = inner.find(')')?;
        if close == 0 || close > 40 {
            return None;
        }
        rest = inner.get(close + 1..)?;
        agency = true;
    }
    let terminator = dateline_terminator(rest)?;
    let strong = agency || qualified || all_caps;
    let accepted = match terminator {
        Terminator::Colon => strong || (words == 1 && !NOT_PLACES.contains(&place)),
        Terminator::Dash => strong || words <= 2,
    };
    accepted.then(|| Dateline {
        place: place.to_owned(),
        span: Span::new(0, place_end),
    })
}

/// One to four capitalised words at the start: (end of the place, capitalised words, all in capitals).
fn place_words(head: &str) -> Option<(usize, usize, bool)> {
    let mut pos = 0usize;
    let mut end = 0usize;
    let mut capitalised = 0usize;
    let mut all_caps = true;
    loop {
        let rest = head.get(pos..)?;
        let word_len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
            .map_or(rest.len(), |(i, _)| i);
        let word = rest.get(..word_len)?;
        let first = word.chars().next();
        if first.is_some_and(char::is_uppercase) {
            capitalised += 1;
            if capitalised > 4 {
                return None;
            }
            all_caps &= !word.chars().any(char::is_lowercase);
            end = pos + word_len;
        } else if capitalised == 0
            || !PLACE_JOINERS
                .iter()
                .any(|j| word.split('-').next() == Some(*j))
        {
            break;
        } else if word.contains('-') {
            // "al-Hawa": the joiner carries the capitalised word with it.
            end = pos + word_len;
        }
        // Only a single space continues a place name.
        if head.get(pos + word_len..)?.starts_with(' ') && word_len > 0 {
            pos += word_len + 1;
        } else {
            break;
        }
    }
    let place = head.get(..end)?;
    (capitalised > 0 && place.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some((
        end,
        capitalised,
        all_caps,
    ))
}

/// The length of a dateline qualifier such as "Afghanistan", "Oct 25", "Oct. 25, 2017" or "D.C.":
/// up to four words, each starting with a capital letter or a digit.
fn qualifier_len(s: &str) -> Option<usize> {
    let mut pos = 0usize;
    let mut words = 0usize;
    while words < 4 {
        let rest = s.get(pos..)?;
        let first = rest.chars().next()?;
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            break;
        }
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '\'')))
            .map_or(rest.len(), |(i, _)| i);
        pos += len;
        words += 1;
        if s.get(pos..)?.starts_with(' ')
            && s.get(pos + 1..)?
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        {
            pos += 1;
        } else {
            break;
        }
    }
    (words > 0).then_some(pos)
}

enum Terminator {
    Colon,
    Dash,
}

/// A colon, or a dash ("-", "--", "—", "–") after optional spaces, followed by white space or the end.
fn dateline_terminator(rest: &str) -> Option<Terminator> {
    let followed_by_space = |s: &str| s.is_empty() || s.starts_with(char::is_whitespace);
    if let Some(after) = rest.strip_prefix(':') {
        return followed_by_space(after).then_some(Terminator::Colon);
    }
    let trimmed = rest.trim_start_matches(' ');
    let dashes = trimmed
        .chars()
        .take_while(|c| matches!(c, '-' | '—' | '–' | '―'))
        .map(char::len_utf8)
        .sum::<usize>();
    if dashes == 0 || dashes > 6 {
        return None;
    }
    followed_by_space(trimmed.get(dashes..)?).then_some(Terminator::Dash)
}
