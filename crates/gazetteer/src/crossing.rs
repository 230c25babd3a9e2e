//! The data model of one crossing, as stored in `data/crossings/*.toml`.

use serde::{Deserialize, Serialize};

/// A stable slug such as `ir-iq-bashmagh`. Never reused for another place.
pub type CrossingId = String;

/// How a crossing can be crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Road,
    Rail,
    Pedestrian,
}

/// One name of a crossing in one language or script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub text: String,
    /// BCP-47 language code (`en`, `fa`, `ar`, `ckb`, …).
    pub lang: String,
    /// A weak alias (a town's name, a common word) names the crossing only beside a border word.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weak: bool,
    /// Knowingly shared with another crossing; the linker resolves it by context.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
}

/// A land border crossing (or port of entry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    pub id: CrossingId,
    pub name: String,
    /// ISO 3166-1 alpha-2 codes of the two sides.
    pub countries: [String; 2],
    /// Province or region on each side, in the order of `countries`; empty when not known.
    #[serde(default)]
    pub regions: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(default)]
    pub modes: Vec<Mode>,
    /// Every name, the canonical one included.
    pub aliases: Vec<Alias>,
    /// Where the facts came from: `wikidata:Q…`, `unlocode:XXYYY`, `curated`, `import:<file>`.
    pub sources: Vec<String>,
    #[serde(default)]
    pub coord_source: Option<String>,
    /// False for local or informal crossing points (seasonal trade points, crossings for residents
    /// only): they are known and matched, but a group mention ("the other border points") means the
    /// official ones when there are any.
    #[serde(default = "official_default", skip_serializing_if = "is_official")]
    pub official: bool,
}

/// Serde default: a crossing is official unless its data says otherwise.
pub fn official_default() -> bool {
    true
}

/// Serde skip test: only the exception (`official = false`) is written out.
pub fn is_official(official: &bool) -> bool {
    *official
}

impl Crossing {
    /// True when this crossing lies on the border between `a` and `b` (in either order).
    pub fn on_border(&self, a: &str, b: &str) -> bool {
        (self.countries[0] == a && self.countries[1] == b)
            || (self.countries[0] == b && self.countries[1] == a)
    }

    /// True when one side of this crossing is `country`.
    pub fn touches(&self, country: &str) -> bool {
        self.countries.iter().any(|c| c == country)
    }
}

/// One `[[crossing]]` table as written in `data/crossings/*.toml` (see `data/README.md`): aliases are
/// `"lang:text"` strings, and weak/shared flags come as separate lists.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCrossing {
    id: String,
    name: String,
    countries: [String; 2],
    #[serde(default)]
    regions: Vec<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    #[serde(default)]
    modes: Vec<Mode>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    weak_aliases: Vec<String>,
    #[serde(default)]
    shared_aliases: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    coord_source: Option<String>,
    #[serde(default = "official_default")]
    official: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    crossing: Vec<toml::Spanned<RawCrossing>>,
}

/// Why a crossings file could not be read. `line` is 1-based.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataFileError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Parses one crossings file (`{ crossing = [ ... ] }` in TOML) into [`Crossing`]s. `file` names it
/// in errors. The canonical `name` becomes the first alias (lang `en`); an entry of `weak_aliases`
/// or `shared_aliases` flags the alias of the same text, and is added as an alias when not listed.
pub fn parse_crossings_toml(file: &str, text: &str) -> Result<Vec<Crossing>, DataFileError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| DataFileError {
        file: file.to_string(),
        line: e.span().map_or(0, |s| line_at(text, s.start)),
        message: one_line(&e.to_string()),
    })?;
    raw.crossing
        .into_iter()
        .map(|spanned| {
            let line = line_at(text, spanned.span().start);
            convert(spanned.into_inner()).map_err(|message| DataFileError {
                file: file.to_string(),
                line,
                message,
            })
        })
        .collect()
}

/// 1-based line of byte `pos` in `text`.
fn line_at(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The toml error's own text repeats the offending source lines; keep the first line (the reason).
fn one_line(s: &str) -> String {
    let mut lines = s.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("").trim();
    // The reason follows the code excerpt, on a line starting with `|` and carets, e.g. "  | ^ expected".
    let reason = s
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('|'))
        .unwrap_or("")
        .trim();
    if reason.is_empty() || reason == first {
        first.to_string()
    } else {
        format!("{first} {reason}")
    }
}

fn convert(r: RawCrossing) -> Result<Crossing, String> {
    let ctx = |m: String| format!("crossing {:?}: {m}", r.id);
    if r.name.trim().is_empty() {
        return Err(ctx("empty name".into()));
    }
    let mut aliases = vec![Alias {
        text: r.name.clone(),
        lang: "en".into(),
        weak: false,
        shared: false,
    }];
    for entry in &r.aliases {
        let (lang, text) = split_alias(entry).map_err(ctx)?;
        if !aliases.iter().any(|a| a.lang == lang && a.text == text) {
            aliases.push(Alias {
                text: text.into(),
                lang: lang.into(),
                weak: false,
                shared: false,
            });
        }
    }
    for (list, shared) in [(&r.weak_aliases, false), (&r.shared_aliases, true)] {
        for entry in list {
            let (lang, text) = split_alias(entry).map_err(ctx)?;
            let alias = match aliases.iter_mut().find(|a| a.text == text) {
                Some(a) => a,
                None => {
                    aliases.push(Alias {
                        text: text.into(),
                        lang: lang.into(),
                        weak: false,
                        shared: false,
                    });
                    let last = aliases.len() - 1;
                    &mut aliases[last]
                }
            };
            if shared {
                alias.shared = true;
            } else {
                alias.weak = true;
            }
        }
    }
    Ok(Crossing {
        id: r.id,
        name: r.name,
        countries: r.countries,
        regions: r.regions,
        lat: r.lat,
        lon: r.lon,
        modes: r.modes,
        aliases,
        sources: r.sources,
        coord_source: r.coord_source,
        official: r.official,
    })
}

/// Splits `"lang:text"` at the first colon; the language is a BCP-47-like tag (letters, digits, `-`).
fn split_alias(entry: &str) -> Result<(&str, &str), String> {
    let (lang, text) = entry
        .split_once(':')
        .ok_or_else(|| format!("alias {entry:?} is not \"lang:text\""))?;
    let lang_ok = !lang.is_empty()
        && lang.len() <= 12
        && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !lang_ok {
        return Err(format!("alias {entry:?}: bad language tag {lang:?}"));
    }
    if text.trim().is_empty() {
        return Err(format!("alias {entry:?} has no text"));
    }
    Ok((lang, text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[crossing]]
id = "aa-bb-one"
name = "One"
countries = ["AA", "BB"]
lat = 1.0
lon = 2.0
modes = ["road", "rail"]
aliases = ["en:Uno", "ar:واحد", "en:Town"]
weak_aliases = ["en:Town"]
shared_aliases = ["en:Twin"]
sources = ["curated"]
"#;

    #[test]
    fn converts_aliases_and_flags() {
        let got = parse_crossings_toml("sample.toml", SAMPLE);
        let Ok(v) = got else {
            panic!("parse failed: {got:?}");
        };
        assert_eq!(v.len(), 1);
        let c = &v[0];
        assert_eq!(c.modes, vec![Mode::Road, Mode::Rail]);
        let texts: Vec<(&str, &str, bool, bool)> = c
            .aliases
            .iter()
            .map(|a| (a.lang.as_str(), a.text.as_str(), a.weak, a.shared))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("en", "One", false, false),
                ("en", "Uno", false, false),
                ("ar", "واحد", false, false),
                ("en", "Town", true, false),
                ("en", "Twin", false, true),
            ]
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = SAMPLE.replace("\"en:Uno\"", "\"Uno\"");
        let err = parse_crossings_toml("x.toml", &bad).err();
        let Some(err) = err else {
            panic!("bad alias accepted");
        };
        assert_eq!(err.file, "x.toml");
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("aa-bb-one"), "{err}");

        let bad = SAMPLE.replace("lat = 1.0", "lat = \"north\"");
        let err = parse_crossings_toml("y.toml", &bad).err();
        let Some(err) = err else {
            panic!("string latitude accepted");
        };
        assert_eq!(err.line, 6, "{err}");

        let bad = SAMPLE.replace("modes =", "mode =");
        assert!(parse_crossings_toml("z.toml", &bad).is_err());
    }
}
