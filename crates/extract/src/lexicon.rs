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

use std::collections::HashMap;
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

/// The most classes a lexicon may have: each is one bit of a word's class set.
const MAX_CLASSES: usize = 128;

/// A set of classes, one bit per class id.
type ClassSet = u128;

/// A set of classes of one lexicon, asked of a word at once ([`Lexicon::mask`], [`Lexicon::is_any`]).
#[derive(Clone, Copy, Debug)]
pub struct ClassMask(ClassSet);

/// One language's word classes.
///
/// Lookups are the reader's hot path (every rule asks of every word it looks at), so a class is not
/// stored as a set of words: each word form maps to the set of classes it belongs to, as bits, and a
/// stem to its classes the same way. Asking "is this word a plan word?" is then one lookup of the
/// class name and one of the word (plus one per stem length in languages that use stems), and a
/// sentence's words can be looked up once for every class ([`Lexicon::classify`]).
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Class name → its bit.
    ids: HashMap<String, u32>,
    /// Single-word entries: the classes of each word form and stem.
    words: WordTable,
    /// Entries of more than one word, per class id, longest first.
    phrases: Vec<Vec<Vec<Piece>>>,
    /// The first words of those entries: a phrase of a class is tried only at a word it can start.
    phrase_heads: WordTable,
    /// The classes with at least one entry.
    filled: ClassSet,
    /// English entries get English inflections; every other language lists its forms or stems, and
    /// its entries and the words looked up are folded (see [`Lexicon::fold_word`]).
    english: bool,
    pub info: LanguageInfo,
}

/// Word forms and stems, each with the set of classes it stands for.
#[derive(Debug, Default)]
struct WordTable {
    /// Lower-case (English) or folded word form → classes.
    forms: HashMap<String, ClassSet>,
    /// Stems (entries ending in `*`) → classes.
    stems: HashMap<String, ClassSet>,
    /// The byte lengths of the stems, ascending: a word is looked up by its prefixes of these lengths.
    stem_lens: Vec<usize>,
}

impl WordTable {
    fn add(&mut self, piece: &Piece, bit: ClassSet) {
        match piece {
            Piece::Word(w) => *self.forms.entry(w.clone()).or_default() |= bit,
            Piece::Stem(s) => {
                if let Err(at) = self.stem_lens.binary_search(&s.len()) {
                    self.stem_lens.insert(at, s.len());
                }
                *self.stems.entry(s.clone()).or_default() |= bit;
            }
        }
    }

    /// The classes of `word` as written: its form, or a stem it starts with.
    fn lookup(&self, word: &str) -> ClassSet {
        let mut set = self.forms.get(word).copied().unwrap_or(0);
        for &len in &self.stem_lens {
            if len > word.len() {
                break;
            }
            if let Some(stem) = word.get(..len)
                && let Some(bits) = self.stems.get(stem)
            {
                set |= bits;
            }
        }
        set
    }

    fn all(&self) -> ClassSet {
        self.forms
            .values()
            .chain(self.stems.values())
            .fold(0, |a, s| a | s)
    }
}

/// The words of a sentence with the classes each belongs to, looked up once for all classes.
pub struct Classified<'k> {
    keys: &'k [String],
    sets: Vec<ClassSet>,
    /// Per word, the classes with a multi-word entry that may start there.
    heads: Vec<ClassSet>,
}

/// Reads as its words, as looked up ([`Lexicon::key`]).
impl std::ops::Deref for Classified<'_> {
    type Target = [String];

    fn deref(&self) -> &[String] {
        self.keys
    }
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
                let id = lex.id_or_insert(class)?;
                for item in items {
                    let toml::Value::String(entry) = item else {
                        return Err(format!(
                            "`{table}.{class}` holds a value that is not a word"
                        ));
                    };
                    lex.add(id, entry);
                }
            }
        }
        for list in &mut lex.phrases {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        lex.filled = lex.words.all() | lex.phrase_heads.all();
        Ok(lex)
    }

    fn id_or_insert(&mut self, class: &str) -> Result<u32, String> {
        if let Some(&id) = self.ids.get(class) {
            return Ok(id);
        }
        if self.ids.len() == MAX_CLASSES {
            return Err(format!(
                "more than {MAX_CLASSES} word classes (at `{class}`): merge some"
            ));
        }
        let id = self.ids.len() as u32;
        self.ids.insert(class.to_owned(), id);
        self.phrases.push(Vec::new());
        Ok(id)
    }

    fn add(&mut self, id: u32, entry: &str) {
        let bit: ClassSet = 1 << id;
        if self.english {
            for form in forms(entry) {
                self.words.add(&Piece::Word(form), bit);
            }
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
            [one] => self.words.add(one, bit),
            [head, ..] => {
                self.phrase_heads.add(head, bit);
                self.phrases[id as usize].push(pieces);
            }
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

    /// The classes of `word` (lower case for English, [`Lexicon::fold_word`]ed otherwise) in `table`:
    /// as written, or after one clitic prefix.
    fn classes_in(&self, table: &WordTable, word: &str) -> ClassSet {
        let mut set = table.lookup(word);
        for p in &self.info.prefixes {
            if let Some(rest) = word.strip_prefix(p.as_str())
                && rest.chars().count() >= 2
            {
                set |= table.lookup(rest);
            }
        }
        set
    }

    /// Whether `word` (lower case for English, [`Lexicon::fold_word`]ed otherwise) is a form of a word
    /// of `class`: one of its forms, a word starting with one of its stems, or either after one
    /// clitic prefix.
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.ids
            .get(class)
            .is_some_and(|&id| self.classes_in(&self.words, word) & (1 << id) != 0)
    }

    /// Whether `word` (as for [`Lexicon::is`]) is a form of a word of any of `classes`: one lookup
    /// for them all, for a scan that asks the same question of every word of a text.
    pub fn is_any(&self, classes: &ClassMask, word: &str) -> bool {
        self.classes_in(&self.words, word) & classes.0 != 0
    }

    /// The classes named, for [`Lexicon::is_any`]; a name the lexicon lacks adds nothing.
    pub fn mask(&self, classes: &[&str]) -> ClassMask {
        ClassMask(
            classes
                .iter()
                .filter_map(|c| self.ids.get(*c))
                .fold(0, |m, &id| m | (1 << id)),
        )
    }

    /// Looks every word of a sentence up once, for every class.
    pub fn classify<'k>(&self, keys: &'k [String]) -> Classified<'k> {
        Classified {
            keys,
            sets: keys
                .iter()
                .map(|k| self.classes_in(&self.words, k))
                .collect(),
            heads: keys
                .iter()
                .map(|k| self.classes_in(&self.phrase_heads, k))
                .collect(),
        }
    }

    /// Whether word `i` is of `class` by itself (multi-word entries are not looked at).
    pub fn is_at(&self, class: &str, words: &Classified, i: usize) -> bool {
        self.ids
            .get(class)
            .is_some_and(|&id| words.sets.get(i).is_some_and(|&set| set & (1 << id) != 0))
    }

    /// Whether word `i` is of `class` or begins one of its multi-word entries.
    pub fn begins(&self, class: &str, words: &Classified, i: usize) -> bool {
        self.ids.get(class).is_some_and(|&id| {
            let bit: ClassSet = 1 << id;
            words.sets.get(i).is_some_and(|&s| s & bit != 0)
                || words.heads.get(i).is_some_and(|&h| h & bit != 0)
        })
    }

    /// The longest entry of `class` that starts at word `i`, in words: a multi-word entry whose
    /// pieces match the words in order, else 1 when the word itself is of the class.
    pub fn match_at(&self, class: &str, words: &Classified, i: usize) -> Option<usize> {
        let &id = self.ids.get(class)?;
        let bit: ClassSet = 1 << id;
        let keys = words.keys;
        let may_start = words.heads.get(i).is_some_and(|&h| h & bit != 0);
        let phrases = if may_start {
            self.phrases[id as usize].as_slice()
        } else {
            &[]
        };
        let phrase = phrases.iter().find_map(|p| {
            let fits = p.iter().enumerate().all(|(k, piece)| {
                keys.get(i + k).is_some_and(|w| {
                    piece.matches(w)
                        || self.info.prefixes.iter().any(|pre| {
                            k == 0
                                && w.strip_prefix(pre.as_str())
                                    .is_some_and(|rest| piece.matches(rest))
                        })
                })
            });
            fits.then_some(p.len())
        });
        phrase.or_else(|| words.sets.get(i).filter(|&&set| set & bit != 0).map(|_| 1))
    }

    /// Whether the lexicon has words in `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.ids
            .get(class)
            .is_some_and(|&id| self.filled & (1 << id) != 0)
    }

    /// The class names, for tests.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        self.ids.keys().map(String::as_str)
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
        let at = |s: &str, i: usize| lex.match_at("open", &lex.classify(&w(s)), i);
        assert_eq!(at("بازگشایی", 0), Some(1));
        assert_eq!(at("بازگشایی‌ها", 0), Some(1));
        assert_eq!(at("گذرگاه باز شد", 1), Some(2));
        assert_eq!(at("گذرگاه باز نشد", 1), None);
        assert_eq!(at("گذرگاه", 1), None);
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
