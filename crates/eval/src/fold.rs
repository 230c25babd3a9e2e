//! SCHEMA.md's name folding and its equal-or-contains rule.
//!
//! Folding, in order: Unicode NFKD without combining marks; lower case; apostrophes removed (so
//! "Qa'im" stays one word) and other punctuation turned to spaces; a leading `al-`/`el-` dropped from
//! each word (so "Bab al-Hawa" and "Bab el-Hawa" meet); generic words dropped (border, crossing, gate,
//! point, terminal, checkpoint, post, "port of entry", and their plurals); then transliteration
//! (kh→k, gh→g, q→k, w→v, ou→u) and doubled letters made single.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Single generic words SCHEMA drops. Plurals are dropped too: "the border crossings" names no more
/// than "the border crossing" does.
const GENERIC: &[&str] = &[
    "border",
    "borders",
    "crossing",
    "crossings",
    "gate",
    "gates",
    "point",
    "points",
    "terminal",
    "terminals",
    "checkpoint",
    "checkpoints",
    "post",
    "posts",
];

/// Minimum number of letters of the contained string for the equal-or-contains rule.
pub const MIN_LETTERS: usize = 4;

/// Folds a crossing name or mention as SCHEMA.md defines. Returns words separated by single spaces.
pub fn fold_name(s: &str) -> String {
    let mut cleaned = String::with_capacity(s.len());
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        if is_apostrophe(c) {
            continue;
        }
        for l in c.to_lowercase() {
            // Keep hyphens for now: `al-` is recognised by its hyphen.
            if l.is_alphanumeric() || l == '-' {
                cleaned.push(l);
            } else {
                cleaned.push(' ');
            }
        }
    }

    let mut words: Vec<&str> = Vec::new();
    for token in cleaned.split_whitespace() {
        let token = token
            .strip_prefix("al-")
            .or_else(|| token.strip_prefix("el-"))
            .unwrap_or(token);
        words.extend(token.split('-').filter(|w| !w.is_empty()));
    }

    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if (w == "port" || w == "ports")
            && words.get(i + 1) == Some(&"of")
            && words.get(i + 2) == Some(&"entry")
        {
            i += 3;
            continue;
        }
        if !GENERIC.contains(&w) {
            kept.push(w);
        }
        i += 1;
    }

    let joined = kept.join(" ");
    let translit = joined
        .replace("kh", "k")
        .replace("gh", "g")
        .replace('q', "k")
        .replace('w', "v")
        .replace("ou", "u");
    undouble(&translit)
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BF}' | '\u{02BE}' | '`'
    )
}

/// Collapses runs of the same letter to one ("Jooseppi" → "josepi"). Digits and spaces are kept.
fn undouble(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c.is_alphabetic() && prev == Some(c) {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Number of letters in a folded string.
pub fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// SCHEMA's rule on two folded names: equal, or one contains the other, where the shorter (contained)
/// one has at least [`MIN_LETTERS`] letters. The minimum applies to equality too, so that two names
/// that fold to almost nothing ("the border" → "the") do not meet.
pub fn folded_names_meet(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    letters(short) >= MIN_LETTERS && long.contains(short)
}

/// The names a gold crossing can be found by: the name itself, each side of an "A–B" name (split on
/// en dash, a hyphen with spaces around it, or "/"), and the mention. Returned folded, empty ones
/// dropped.
pub fn gold_names(crossing: Option<&str>, mention: Option<&str>) -> Vec<String> {
    let mut raw: Vec<&str> = Vec::new();
    if let Some(c) = crossing {
        raw.push(c);
        let sides: Vec<&str> = c
            .split('\u{2013}')
            .flat_map(|p| p.split(" - "))
            .flat_map(|p| p.split('/'))
            .collect();
        if sides.len() > 1 {
            raw.extend(sides);
        }
    }
    if let Some(m) = mention {
        raw.push(m);
    }
    let mut out: Vec<String> = raw
        .into_iter()
        .map(fold_name)
        .filter(|f| !f.is_empty())
        .collect();
    out.dedup();
    out
}

/// True when any of the claim's folded names meets any of the gold's folded names.
pub fn any_meet(claim_names: &[String], gold_names: &[String]) -> bool {
    claim_names
        .iter()
        .any(|c| gold_names.iter().any(|g| folded_names_meet(c, g)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_transliteration_variants_together() {
        assert_eq!(fold_name("Bashmakh"), fold_name("Bashmaq"));
        assert_eq!(fold_name("Bashmagh"), "bashmag");
        assert_eq!(fold_name("Bashmaq"), "bashmak");
        assert_eq!(fold_name("Wagah"), "vagah");
        assert_eq!(fold_name("Ouled"), "uled");
    }

    #[test]
    fn drops_marks_case_and_apostrophes() {
        assert_eq!(fold_name("Röszke"), "roszke");
        assert_eq!(fold_name("HORGOŠ"), "horgos");
        assert_eq!(fold_name("Al-Qa\u{2019}im"), "kaim");
    }

    #[test]
    fn drops_leading_article_per_word_only_with_hyphen() {
        assert_eq!(fold_name("Bab al-Hawa"), fold_name("Bab el-Hawa"));
        assert_eq!(fold_name("Bab al-Hawa"), "bab hava");
        assert_eq!(fold_name("el-Arish"), "arish");
        // "Al" without its hyphen is a word like any other.
        assert_eq!(fold_name("Al Hawa"), "al hava");
        // Only a leading article: "Kalal-Tor" keeps its inner "al-".
        assert_eq!(fold_name("Kalal-Tor"), "kalal tor");
    }

    #[test]
    fn drops_generic_words() {
        assert_eq!(fold_name("the Rafah Border Crossing"), "the rafah");
        assert_eq!(fold_name("San Ysidro Port of Entry"), "san ysidro");
        assert_eq!(fold_name("Mandera border post"), "mandera");
        assert_eq!(fold_name("Chakan Da Bagh crossing point"), "chakan da bag");
        assert_eq!(fold_name("Erez checkpoint terminal gate"), "erez");
        // "port" alone is not generic: the Port of Dover is a name.
        assert_eq!(fold_name("Port of Dover"), "port of dover");
    }

    #[test]
    fn doubles_become_single() {
        assert_eq!(fold_name("Raja-Jooseppi"), "raja josepi");
        assert_eq!(fold_name("Allenby"), "alenby");
        // kh → k then "kk" → "k".
        assert_eq!(fold_name("Makkhu"), "maku");
    }

    #[test]
    fn contains_needs_four_letters() {
        assert!(folded_names_meet("the rafah", "rafah"));
        assert!(folded_names_meet("erez", "erez"));
        assert!(!folded_names_meet("the", "the"));
        assert!(!folded_names_meet("al kaim", "kai"));
        assert!(folded_names_meet("al kaim", "kaim"));
        assert!(!folded_names_meet("", "rafah"));
    }

    #[test]
    fn gold_names_include_sides() {
        let n = gold_names(
            Some("Jaber–Nasib crossing"),
            Some("its only trade crossing"),
        );
        assert!(n.contains(&"jaber".to_string()));
        assert!(n.contains(&"nasib".to_string()));
        assert!(n.contains(&"its only trade".to_string()));
        let n = gold_names(Some("Alpha - Beta / Gamma"), None);
        for s in ["alpha", "beta", "gama"] {
            assert!(n.contains(&s.to_string()), "{s} in {n:?}");
        }
        // A hyphen without spaces is part of the name.
        let n = gold_names(Some("Raja-Jooseppi"), None);
        assert_eq!(n, vec!["raja josepi".to_string()]);
    }
}
