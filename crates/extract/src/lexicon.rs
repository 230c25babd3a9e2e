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

/// One language's word classes, each a set of lower-case word forms.
#[derive(Debug, Default)]
pub struct Lexicon {
    classes: HashMap<String, HashSet<String>>,
}

impl Lexicon {
    /// Parses a lexicon file: tables of `class = ["lemma", "lemma/irregular/forms", …]`. Classes of
    /// every table share one namespace (`[safety] plan` is the class `plan`).
    pub fn parse(src: &str) -> Result<Lexicon, String> {
        let doc: toml::Table = src.parse().map_err(|e| format!("{e}"))?;
        let mut classes: HashMap<String, HashSet<String>> = HashMap::new();
        for (table, value) in &doc {
            let toml::Value::Table(t) = value else {
                return Err(format!("`{table}` should be a table of word classes"));
            };
            for (class, list) in t {
                let toml::Value::Array(items) = list else {
                    return Err(format!("`{table}.{class}` should be a list of words"));
                };
                let set = classes.entry(class.clone()).or_default();
                for item in items {
                    let toml::Value::String(entry) = item else {
                        return Err(format!(
                            "`{table}.{class}` holds a value that is not a word"
                        ));
                    };
                    set.extend(forms(entry));
                }
            }
        }
        Ok(Lexicon { classes })
    }

    /// Whether `word` (lower case) is a form of a word of `class`.
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|s| s.contains(word))
    }

    /// The class names, for tests.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }
}

/// The English lexicon, parsed once.
pub fn english() -> &'static Lexicon {
    static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
    EN_LEX.get_or_init(|| Lexicon::parse(EN).unwrap_or_default())
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
    fn a_malformed_file_is_an_error_not_a_panic() {
        assert!(Lexicon::parse("[safety]\nplan = 3").is_err());
        assert!(Lexicon::parse("plan = [\"x\"]").is_err());
        assert!(Lexicon::parse("[safety]\nplan = [1]").is_err());
        assert!(Lexicon::parse("not toml at all [").is_err());
    }
}
