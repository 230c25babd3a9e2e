//! Word classes as data: the lexicon a language's reading rules use (`lang/<code>.toml`).
//!
//! The mechanisms that read modality, negation, scope and quantity are written once, in code; what
//! differs between languages is which words fall in each class. So a class is data: a list of lemmas
//! in a file compiled into the binary, expanded here into every inflected form the mechanism will
//! meet. Adding a language adds a file with the same class names and its tests, not a code path.
//!
//! Invariant: no I/O; the files are compiled in and parsed once. A malformed built-in file is a bug
//! caught by this module's tests, never a panic at run time (the class is then empty and logged
//! nowhere: the tests are where it must be caught).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The built-in English lexicon.
const EN: &str = include_str!("../lang/en.toml");

// Every `lang/<code>.toml` but English, found by the build script: `(code, file text)`.
include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// One element of a multi-word entry: a word as written, or a stem (an entry ending in `*`) that
/// matches every word starting with it ("بازگشایی*", "открыл*", "açıl*").
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Word(String),
    Stem(String),
}

impl Piece {
    fn matches(&self, word: &str) -> bool {
        match self {
            Piece::Word(w) => w == word,
            Piece::Stem(s) => word.starts_with(s.as_str()),
        }
    }
}

/// What a lexicon file says about its language besides word classes (the `[language]` table).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguageInfo {
    /// ISO 639 code ("fa", "ckb").
    pub code: String,
    /// English name ("Persian").
    pub name: String,
    /// Written right to left.
    pub rtl: bool,
    /// Clitics written onto the front of a word ("و", "ال"): a word is also looked up without one.
    pub prefixes: Vec<String>,
}

/// One language's word classes, each a set of lower-case word forms.
#[derive(Debug, Default)]
pub struct Lexicon {
    classes: HashMap<String, HashSet<String>>,
    /// Stems (single-word entries ending in `*`), per class.
    stems: HashMap<String, Vec<String>>,
    /// Entries of more than one word, per class, longest first.
    phrases: HashMap<String, Vec<Vec<Piece>>>,
    /// English entries get English inflections; every other language lists its forms or stems, and
    /// its entries and the words looked up are folded (see [`Lexicon::fold_word`]).
    english: bool,
    pub info: LanguageInfo,
}

impl Lexicon {
    /// Parses a lexicon file: tables of `class = ["lemma", "lemma/irregular/forms", …]`. Classes of
    /// every table share one namespace (`[safety] plan` is the class `plan`). A `[language]` table
    /// (code, name, direction, prefixes) describes the language; without one the file is English.
    pub fn parse(src: &str) -> Result<Lexicon, String> {
        let doc: toml::Table = src.parse().map_err(|e| format!("{e}"))?;
        let mut lex = Lexicon::default();
        match doc.get("language") {
            None => lex.english = true,
            Some(toml::Value::Table(t)) => lex.info = language_info(t)?,
            Some(_) => return Err("`language` should be a table".into()),
        }
        for (table, value) in &doc {
            if table == "language" {
                continue;
            }
            let toml::Value::Table(t) = value else {
                return Err(format!("`{table}` should be a table of word classes"));
            };
            for (class, list) in t {
                let toml::Value::Array(items) = list else {
                    return Err(format!("`{table}.{class}` should be a list of words"));
                };
                for item in items {
                    let toml::Value::String(entry) = item else {
                        return Err(format!(
                            "`{table}.{class}` holds a value that is not a word"
                        ));
                    };
                    lex.add(class, entry);
                }
                lex.classes.entry(class.clone()).or_default();
            }
        }
        for list in lex.phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Ok(lex)
    }

    fn add(&mut self, class: &str, entry: &str) {
        if self.english {
            self.classes
                .entry(class.to_owned())
                .or_default()
                .extend(forms(entry));
            return;
        }
        let pieces: Vec<Piece> = entry
            .split_whitespace()
            .filter_map(|w| {
                let (w, stem) = match w.strip_suffix('*') {
                    Some(s) => (s, true),
                    None => (w, false),
                };
                let f = Lexicon::fold_word(w);
                match (f.is_empty(), stem) {
                    (true, _) => None,
                    (false, true) => Some(Piece::Stem(f)),
                    (false, false) => Some(Piece::Word(f)),
                }
            })
            .collect();
        match pieces.as_slice() {
            [] => {}
            [Piece::Word(w)] => {
                self.classes
                    .entry(class.to_owned())
                    .or_default()
                    .insert(w.clone());
            }
            [Piece::Stem(s)] => self
                .stems
                .entry(class.to_owned())
                .or_default()
                .push(s.clone()),
            _ => self
                .phrases
                .entry(class.to_owned())
                .or_default()
                .push(pieces),
        }
    }

    /// The form a word of a language other than English is looked up in: the gazetteer's folding
    /// (lower case, no diacritics or tatweel, Arabic and Persian letter variants as one, no joiners),
    /// without the spaces folding puts for punctuation inside a word.
    pub fn fold_word(word: &str) -> String {
        let mut f = borderwatch_gazetteer::fold(word);
        f.retain(|c| c != ' ');
        f
    }

    /// The form this lexicon looks `word` up in: lower case for English, folded for the others.
    pub fn key(&self, word: &str) -> String {
        if self.english {
            word.to_lowercase()
        } else {
            Lexicon::fold_word(word)
        }
    }

    /// Whether `word` (lower case for English, [`Lexicon::fold_word`]ed otherwise) is a form of a word
    /// of `class`: one of its forms, a word starting with one of its stems, or either after one
    /// clitic prefix.
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.is_exactly(class, word)
            || self.info.prefixes.iter().any(|p| {
                word.strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.chars().count() >= 2 && self.is_exactly(class, rest))
            })
    }

    fn is_exactly(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|s| s.contains(word))
            || self
                .stems
                .get(class)
                .is_some_and(|ss| ss.iter().any(|s| word.starts_with(s.as_str())))
    }

    /// The longest entry of `class` that starts at `words[i]`, in words: a multi-word entry whose
    /// pieces match the words in order, else 1 when the word itself is of the class.
    pub fn match_at(&self, class: &str, words: &[String], i: usize) -> Option<usize> {
        let phrase = self.phrases.get(class).and_then(|list| {
            list.iter().find_map(|p| {
                let fits = p.iter().enumerate().all(|(k, piece)| {
                    words.get(i + k).is_some_and(|w| {
                        piece.matches(w)
                            || self.info.prefixes.iter().any(|pre| {
                                k == 0
                                    && w.strip_prefix(pre.as_str())
                                        .is_some_and(|rest| piece.matches(rest))
                            })
                    })
                });
                fits.then_some(p.len())
            })
        });
        phrase.or_else(|| words.get(i).filter(|w| self.is(class, w)).map(|_| 1))
    }

    /// Whether the lexicon has words in `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.classes.get(class).is_some_and(|s| !s.is_empty())
            || self.stems.get(class).is_some_and(|s| !s.is_empty())
            || self.phrases.get(class).is_some_and(|s| !s.is_empty())
    }

    /// The class names, for tests.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }
}

fn language_info(t: &toml::Table) -> Result<LanguageInfo, String> {
    let text = |k: &str| match t.get(k) {
        Some(toml::Value::String(s)) => Ok(s.clone()),
        _ => Err(format!("`language.{k}` should be a string")),
    };
    let prefixes = match t.get("prefixes") {
        None => Vec::new(),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                toml::Value::String(s) => Ok(Lexicon::fold_word(s)),
                _ => Err("`language.prefixes` should be a list of strings".to_string()),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err("`language.prefixes` should be a list of strings".into()),
    };
    let direction = text("direction")?;
    if direction != "rtl" && direction != "ltr" {
        return Err(format!(
            "`language.direction` is {direction:?}; write \"rtl\" or \"ltr\""
        ));
    }
    Ok(LanguageInfo {
        code: text("code")?,
        name: text("name")?,
        rtl: direction == "rtl",
        prefixes,
    })
}

/// The English lexicon, parsed once.
pub fn english() -> &'static Lexicon {
    static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
    EN_LEX.get_or_init(|| Lexicon::parse(EN).unwrap_or_default())
}

/// The lexicons of the languages other than English, parsed once; a file that does not parse is
/// left out (this module's tests fail on it).
fn others() -> &'static [Lexicon] {
    static OTHERS: OnceLock<Vec<Lexicon>> = OnceLock::new();
    OTHERS.get_or_init(|| {
        LANGUAGES
            .iter()
            .filter_map(|(_, src)| Lexicon::parse(src).ok())
            .collect()
    })
}

/// The reading rules for a language other than English, by ISO 639 code; `None` when borderwatch
/// does not read it (English is read by its own rules: see [`crate::extract`]).
pub fn for_language(code: &str) -> Option<&'static Lexicon> {
    others().iter().find(|l| l.info.code == code)
}

/// Whether borderwatch reads reports in this language.
pub fn reads_language(code: &str) -> bool {
    code == "en" || for_language(code).is_some()
}

/// The codes of every language read, English first.
pub fn languages_read() -> Vec<&'static str> {
    std::iter::once("en")
        .chain(others().iter().map(|l| l.info.code.as_str()))
        .collect()
}

/// Every form of a lexicon entry: the lemma, the forms written after slashes, and the regular English
/// inflections of the lemma (plural or third person, past, gerund). Forms that are not words of the
/// language ("dues") do no harm: a class is only asked about words the text holds.
fn forms(entry: &str) -> Vec<String> {
    let mut parts = entry.split('/').map(|p| p.trim().to_lowercase());
    let Some(lemma) = parts.next().filter(|l| !l.is_empty()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = parts.filter(|p| !p.is_empty()).collect();
    // Only single words inflect; a hyphenated entry stays as written.
    if lemma.chars().all(|c| c.is_alphabetic()) && lemma.chars().count() > 2 {
        let last = lemma.chars().last().unwrap_or(' ');
        let before_last = lemma.chars().rev().nth(1).unwrap_or(' ');
        let vowel = |c: char| "aeiou".contains(c);
        let stem_y = lemma.strip_suffix('y').filter(|_| !vowel(before_last));
        // Plural or third person.
        out.push(
            if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
                format!("{lemma}es")
            } else if let Some(stem) = stem_y {
                format!("{stem}ies")
            } else {
                format!("{lemma}s")
            },
        );
        // Past and participle.
        out.push(if last == 'e' {
            format!("{lemma}d")
        } else if let Some(stem) = stem_y {
            format!("{stem}ied")
        } else {
            format!("{lemma}ed")
        });
        // Gerund.
        out.push(if last == 'e' && !lemma.ends_with("ee") {
            format!("{}ing", &lemma[..lemma.len() - 1])
        } else {
            format!("{lemma}ing")
        });
    }
    out.push(lemma);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_english_file_parses_with_every_class_the_reader_uses() {
        let lex = Lexicon::parse(EN).expect("lang/en.toml parses");
        for class in [
            "plan",
            "aim",
            "done",
            "condition",
            "hedge",
            "negation",
            "modal_plan",
            "modal_doubt",
            "background",
            "partial",
            "limited",
            "everyone",
        ] {
            assert!(
                lex.class_names().any(|c| c == class),
                "class {class} missing from lang/en.toml"
            );
        }
    }

    #[test]
    fn a_lemma_brings_its_regular_and_written_forms() {
        let lex = english();
        for w in ["aim", "aims", "aimed", "aiming"] {
            assert!(lex.is("aim", w), "{w}");
        }
        for w in [
            "commit",
            "commits",
            "committed",
            "committing",
            "prepared",
            "preparing",
        ] {
            assert!(lex.is("plan", w), "{w}");
        }
        for w in ["try", "tries", "tried", "trying", "sought", "lobbied"] {
            assert!(lex.is("aim", w), "{w}");
        }
        assert!(!lex.is("plan", "reopened"));
        assert!(!lex.is("nonexistent-class", "aim"));
    }

    #[test]
    fn every_built_in_language_file_parses_and_names_itself() {
        for (code, src) in LANGUAGES {
            let lex = Lexicon::parse(src).unwrap_or_else(|e| panic!("lang/{code}.toml: {e}"));
            assert_eq!(&lex.info.code, code, "lang/{code}.toml names another code");
            for class in [
                "open",
                "reopen",
                "close",
                "negation",
                "plan",
                "aim",
                "condition",
                "hedge",
            ] {
                assert!(
                    lex.class_names().any(|c| c == class),
                    "class {class} missing from lang/{code}.toml"
                );
            }
            assert!(for_language(code).is_some());
        }
    }

    #[test]
    fn stems_phrases_and_prefixes_match_as_written() {
        let lex = Lexicon::parse(
            "[language]\ncode = \"xx\"\nname = \"Test\"\ndirection = \"rtl\"\nprefixes = [\"و\"]\n\
             [change]\nopen = [\"بازگشایی*\", \"باز شد\", \"فتح\"]\n",
        )
        .expect("parses");
        let w = |s: &str| s.split(' ').map(Lexicon::fold_word).collect::<Vec<_>>();
        assert_eq!(lex.match_at("open", &w("بازگشایی"), 0), Some(1));
        assert_eq!(lex.match_at("open", &w("بازگشایی‌ها"), 0), Some(1));
        assert_eq!(lex.match_at("open", &w("گذرگاه باز شد"), 1), Some(2));
        assert_eq!(lex.match_at("open", &w("گذرگاه باز نشد"), 1), None);
        assert!(lex.is("open", &Lexicon::fold_word("وفتح")));
        assert!(!lex.is("open", &Lexicon::fold_word("فتحت")));
        assert!(!lex.is("close", &Lexicon::fold_word("فتح")));
    }

    #[test]
    fn a_malformed_file_is_an_error_not_a_panic() {
        assert!(
            Lexicon::parse("[language]\ncode = \"xx\"\nname = \"X\"\ndirection = \"up\"").is_err()
        );
        assert!(Lexicon::parse("language = 3").is_err());
        assert!(Lexicon::parse("[safety]\nplan = 3").is_err());
        assert!(Lexicon::parse("plan = [\"x\"]").is_err());
        assert!(Lexicon::parse("[safety]\nplan = [1]").is_err());
        assert!(Lexicon::parse("not toml at all [").is_err());
    }
}
