//! The user gazetteer file: the crossings a user imported, kept as TOML in the same shape as the
//! built-in `data/crossings/*.toml` (`[[crossing]]` tables, aliases as `"lang:text"`, weak and shared
//! aliases listed again in `weak_aliases` / `shared_aliases`), so an entry can be moved into the
//! curated data as it is.

use super::ImportError;
use crate::crossing::{is_official, official_default};
use crate::{Alias, Crossing, Mode};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct File {
    #[serde(default)]
    crossing: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    id: String,
    name: String,
    countries: [String; 2],
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    modes: Vec<Mode>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    weak_aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    shared_aliases: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    coord_source: Option<String>,
    #[serde(default = "official_default", skip_serializing_if = "is_official")]
    official: bool,
}

fn tagged(a: &Alias) -> String {
    format!("{}:{}", a.lang, a.text)
}

/// Writes crossings as a user gazetteer TOML text.
pub fn to_toml(crossings: &[Crossing]) -> String {
    let file = File {
        crossing: crossings
            .iter()
            .map(|c| Entry {
                id: c.id.clone(),
                name: c.name.clone(),
                countries: c.countries.clone(),
                regions: c.regions.clone(),
                lat: c.lat,
                lon: c.lon,
                modes: c.modes.clone(),
                aliases: c.aliases.iter().map(tagged).collect(),
                weak_aliases: c.aliases.iter().filter(|a| a.weak).map(tagged).collect(),
                shared_aliases: c.aliases.iter().filter(|a| a.shared).map(tagged).collect(),
                sources: c.sources.clone(),
                coord_source: c.coord_source.clone(),
                official: c.official,
            })
            .collect(),
    };
    let body = toml::to_string(&file).unwrap_or_else(|e| {
        // Every field is a string, number or list of them, so serialization cannot fail; if it ever
        // does, an empty file is safer than a panic, and the comment says why.
        format!("# could not serialize: {e}\n")
    });
    format!(
        "# borderwatch user gazetteer: crossings added by `borderwatch import`.\n\
         # Same shape as the built-in data/crossings/*.toml; edit with care.\n\n{body}"
    )
}

/// Reads a user gazetteer TOML text. An alias without a `lang:` prefix is taken as English.
pub fn from_toml(text: &str) -> Result<Vec<Crossing>, ImportError> {
    let file: File = toml::from_str(text).map_err(|e| ImportError::UserFile(e.to_string()))?;
    let mut out = Vec::with_capacity(file.crossing.len());
    for e in file.crossing {
        let split = |s: &str| match s.split_once(':') {
            Some((lang, text))
                if !lang.is_empty()
                    && lang.len() <= 12
                    && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                (lang.to_string(), text.to_string())
            }
            _ => ("en".to_string(), s.to_string()),
        };
        let mut aliases: Vec<Alias> = Vec::new();
        for s in e
            .aliases
            .iter()
            .chain(&e.weak_aliases)
            .chain(&e.shared_aliases)
        {
            let (lang, text) = split(s);
            if !aliases.iter().any(|a| a.lang == lang && a.text == text) {
                aliases.push(Alias {
                    weak: e.weak_aliases.contains(s),
                    shared: e.shared_aliases.contains(s),
                    lang,
                    text,
                });
            }
        }
        if e.sources.is_empty() {
            return Err(ImportError::UserFile(format!(
                "crossing {:?} has no source",
                e.id
            )));
        }
        out.push(Crossing {
            id: e.id,
            name: e.name,
            countries: e.countries,
            regions: e.regions,
            lat: e.lat,
            lon: e.lon,
            modes: e.modes,
            aliases,
            sources: e.sources,
            coord_source: e.coord_source,
            official: e.official,
        });
    }
    Ok(out)
}
