//! Importers for public dumps: UN/LOCODE, Wikidata-derived JSON, OpenStreetMap GeoJSON, borderwatch CSV.
//!
//! This module owns turning other people's crossing lists into [`Crossing`]s and folding them into a
//! gazetteer. It is pure like the rest of the crate: every parser takes text the caller has read and
//! returns values; nothing here opens a file.
//!
//! The flow is `parse → merge`:
//! 1. a format parser ([`unlocode::parse`], [`wikidata::parse`], [`geojson::parse`], [`csv::parse`])
//!    turns a text into [`Parsed`]: candidate [`Record`]s, each remembering the input rows it came from,
//!    and the rows it refused with a [`RejectReason`]. A malformed row rejects that row, not the file;
//!    a text that is not the format at all is an [`ImportError::WrongFormat`].
//! 2. [`merge::merge_parsed`] (or [`merge::merge`] for bare crossings) matches the records against an
//!    existing [`crate::Gazetteer`]: the same place (same border and within 5 km, or an equal folded
//!    alias on the same border) is merged, anything else is added under a fresh id. The
//!    [`ImportOutcome`] accounts for every input row: added + merged + rejected.
//! 3. [`userfile::to_toml`] / [`userfile::from_toml`] keep the user's own gazetteer file.
//!
//! Where a source names only one side of a border (UN/LOCODE rows, many Wikidata points), the other side
//! is guessed from the point: the land neighbour whose (padded) bounding box in `countries.toml` contains
//! it, the one with the nearest box centre when several do. A row without coordinates, or whose point
//! fits no neighbour, is rejected with that reason rather than guessed.
//!
//! # borderwatch CSV
//!
//! borderwatch's own interchange format, read by [`csv::parse`]. UTF-8, comma-separated, fields quoted
//! with `"` when they hold a comma, a quote (doubled) or a line break. The first line is exactly this
//! header:
//!
//! ```text
//! id,name,country_a,country_b,lat,lon,modes,aliases,source
//! ```
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `id` | no | a stable slug (`<cc>-<cc>-<name>`, `[a-z0-9-]`). Empty: generated on import. An id the gazetteer already has updates that crossing. |
//! | `name` | yes | the canonical name |
//! | `country_a` | yes | ISO 3166-1 alpha-2 of one side (`XK`, `PS` allowed) |
//! | `country_b` | no | the other side; empty: inferred from `lat`/`lon` |
//! | `lat`, `lon` | no | WGS84 decimal degrees; both or neither |
//! | `modes` | no | `road`, `rail`, `pedestrian`, joined with `\|` |
//! | `aliases` | no | `lang:text` joined with `\|` (`en:Habur\|tr:Habur Sınır Kapısı`); a leading `~` marks a weak alias (`~en:Penjwen`) |
//! | `source` | no | where the facts come from (`wikidata:Q…`, `unlocode:…`, a URL), joined with `\|`; empty: `import:<file name>` |
//!
//! Example:
//!
//! ```text
//! id,name,country_a,country_b,lat,lon,modes,aliases,source
//! ,Ibrahim Khalil,IQ,TR,37.116,42.369,road,en:Habur|tr:Habur,wikidata:Q5984616
//! ```

pub mod csv;
mod csvtext;
mod geo;
pub mod geojson;
pub mod merge;
pub mod unlocode;
pub mod userfile;
pub mod wikidata;

pub use merge::{Added, ImportOutcome, Merged, merge, merge_parsed};
pub use userfile::{from_toml, to_toml};

use crate::{Crossing, Gazetteer};
use serde::Serialize;

/// Parses `text` as `format`. `source_name` (usually the file name) is cited as `import:<name>` where a
/// row has no source of its own; `subdivisions` only serves UN/LOCODE.
pub fn parse(
    format: Format,
    text: &str,
    gazetteer: &Gazetteer,
    source_name: &str,
    subdivisions: Option<&unlocode::Subdivisions>,
) -> Result<Parsed, ImportError> {
    match format {
        Format::Unlocode => unlocode::parse(text, gazetteer, subdivisions),
        Format::Wikidata => wikidata::parse(text, gazetteer),
        Format::Geojson => geojson::parse(text, gazetteer, source_name),
        Format::Csv => csv::parse(text, gazetteer, source_name),
    }
}

/// The input formats the importers read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// UN/LOCODE code list (no header) or its derived border-crossing subset (with header).
    Unlocode,
    /// The `border-reference-points.json` shape: `{retrieved, source, points: [...]}`.
    Wikidata,
    /// A GeoJSON FeatureCollection of OpenStreetMap `barrier=border_control` points.
    Geojson,
    /// borderwatch's own CSV (see the module docs).
    Csv,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Unlocode,
        Format::Wikidata,
        Format::Geojson,
        Format::Csv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Unlocode => "unlocode",
            Format::Wikidata => "wikidata",
            Format::Geojson => "geojson",
            Format::Csv => "csv",
        }
    }

    /// Parses a format name as given on a command line.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Guesses the format from a file name and the start of its text; `None` when nothing fits.
    /// Content wins over the extension: a `.json` file may hold either JSON shape.
    pub fn guess(file_name: &str, text: &str) -> Option<Format> {
        let head: String = text
            .trim_start_matches('\u{feff}')
            .chars()
            .take(4096)
            .collect();
        let trimmed = head.trim_start();
        if trimmed.starts_with('{') {
            if head.contains("\"FeatureCollection\"") || head.contains("\"features\"") {
                return Some(Format::Geojson);
            }
            if head.contains("\"points\"") {
                return Some(Format::Wikidata);
            }
        }
        let first_line = trimmed.lines().next().unwrap_or("").trim();
        if first_line == csv::HEADER {
            return Some(Format::Csv);
        }
        if first_line.starts_with(unlocode::DERIVED_HEADER_START)
            || looks_like_unlocode_row(first_line)
        {
            return Some(Format::Unlocode);
        }
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".geojson") {
            Some(Format::Geojson)
        } else if lower.contains("locode") {
            Some(Format::Unlocode)
        } else if lower.ends_with(".json") {
            Some(Format::Wikidata)
        } else if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else {
            None
        }
    }
}

/// A UN/LOCODE code-list line starts with the change marker (often empty) and a quoted or bare
/// two-letter country: `,"AD",` or `+,FR,`.
fn looks_like_unlocode_row(line: &str) -> bool {
    let fields: Vec<&str> = line.splitn(4, ',').collect();
    fields.len() >= 3 && {
        let cc = fields[1].trim_matches('"');
        fields[0].trim_matches('"').chars().count() <= 1
            && cc.len() == 2
            && cc.bytes().all(|b| b.is_ascii_uppercase())
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A whole input that cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The text is not the expected format at all.
    #[error("not a {expected} file: {reason}")]
    WrongFormat { expected: Format, reason: String },
    /// The user gazetteer file could not be read back.
    #[error("user gazetteer file: {0}")]
    UserFile(String),
}

/// Why one input row was refused. Rows are refused one by one; the rest of the file goes on.
#[derive(Clone, Debug, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RejectReason {
    #[error("malformed row: {0}")]
    Malformed(String),
    #[error("a tripoint, not a crossing")]
    Tripoint,
    #[error("an inland custom house (one country only), not a border crossing")]
    InlandCustomHouse,
    #[error("{0:?} is a historical state, not a current country")]
    HistoricalState(String),
    #[error("unknown country {0:?}")]
    UnknownCountry(String),
    #[error("{0} countries given ({1}): cannot tell which border")]
    TooManyCountries(usize, String),
    #[error("no coordinates, so the other side of the border cannot be inferred")]
    NoCoordinates,
    #[error("the point lies outside {0}'s bounding box")]
    OutsideCountry(String),
    #[error("no neighbour of {0} has the point in its bounding box")]
    NoNeighbourFits(String),
    #[error("no country given and no pair of neighbours contains the point")]
    NoCountry,
    #[error("both sides are {0}")]
    SameCountry(String),
    #[error("no name")]
    NoName,
    #[error("invalid id {0:?}: use lower-case [a-z0-9-] starting with the two country codes")]
    BadId(String),
}

/// One refused input row: which one, and why.
#[derive(Clone, Debug, PartialEq, Serialize, thiserror::Error)]
#[error("{record}: {reason}")]
pub struct Rejected {
    /// The input row as a person finds it: `line 12 (AF TKH)`, `Q1528463 (Bab al-Hawa)`, `feature 3`.
    pub record: String,
    pub reason: RejectReason,
}

/// A candidate crossing and the input rows it was built from (several when a parser clustered points).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    pub origins: Vec<String>,
    pub crossing: Crossing,
}

/// What a parser made of one text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parsed {
    pub format: Format,
    /// Number of input rows considered (for UN/LOCODE: border-crossing rows only). Every one of them
    /// ends up in exactly one record's `origins` or in `rejected`.
    pub rows: usize,
    pub records: Vec<Record>,
    pub rejected: Vec<Rejected>,
}

/// Decodes Latin-1 (ISO 8859-1) bytes: every byte is the code point of the same value. The UN/LOCODE
/// subdivision file is mostly Latin-1.
pub fn decode_latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// UTF-8 when the bytes are valid UTF-8, Latin-1 otherwise (for files, like UN/LOCODE's, whose
/// encoding varies between editions).
pub fn decode_utf8_or_latin1(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
        Err(_) => decode_latin1(bytes),
    }
}

/// A lower-case ASCII slug of a name: diacritics dropped, anything else non-alphanumeric to `-`.
/// Empty when the name has no Latin letters or digits.
pub(crate) fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ı' => 'i',
            'ø' | 'Ø' => 'o',
            'ł' | 'Ł' => 'l',
            'đ' | 'Đ' => 'd',
            'ß' => 's',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_drops_diacritics_and_punctuation() {
        assert_eq!(slug("Kapıköy – Razi"), "kapikoy-razi");
        assert_eq!(slug("  Hörbranz (Bregenz) "), "horbranz-bregenz");
        assert_eq!(slug("باشماق"), "");
    }

    #[test]
    fn latin1_decodes_high_bytes() {
        assert_eq!(decode_latin1(b"Graub\xfcnden"), "Graubünden");
        assert_eq!(decode_utf8_or_latin1("Graubünden".as_bytes()), "Graubünden");
        assert_eq!(decode_utf8_or_latin1(b"Neuch\xe2tel"), "Neuchâtel");
    }

    #[test]
    fn guesses_formats_from_content_first() {
        assert_eq!(
            Format::guess("x.json", "{\"type\":\"FeatureCollection\",\"features\":[]}"),
            Some(Format::Geojson)
        );
        assert_eq!(
            Format::guess("x.txt", "{\"retrieved\":\"2026\",\"points\":[]}"),
            Some(Format::Wikidata)
        );
        assert_eq!(
            Format::guess(
                "a.txt",
                "id,name,country_a,country_b,lat,lon,modes,aliases,source\n"
            ),
            Some(Format::Csv)
        );
        assert_eq!(
            Format::guess("a.txt", ",\"AD\",,\".ANDORRA\",,,,,,,,\n"),
            Some(Format::Unlocode)
        );
        assert_eq!(
            Format::guess("b.csv", "change,country,location,name\n"),
            Some(Format::Unlocode)
        );
        assert_eq!(Format::guess("notes.txt", "hello"), None);
        assert_eq!(Format::from_name("GeoJSON"), Some(Format::Geojson));
        assert_eq!(Format::from_name("xml"), None);
    }
}
