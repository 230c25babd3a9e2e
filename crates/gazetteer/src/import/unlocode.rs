//! UN/LOCODE: the UNECE code list, as published (no header row) or as the derived border-crossing
//! subset with a header (`change,country,location,…`).
//!
//! Only rows whose function has `B` at position 8 are border crossings; every other row is ignored
//! and not counted. A row is one side of a border only: the other side is inferred from its
//! coordinates (see [`super`]), so rows without coordinates are rejected. Subdivision codes are
//! turned into names when the caller passes the subdivision list ([`Subdivisions::parse`]; that file
//! is Latin-1, see [`super::decode_latin1`]).

use super::csvtext::records;
use super::geo::{other_side, valid_point};
use super::{Format, ImportError, Parsed, Record, RejectReason, Rejected};
use crate::{Alias, Crossing, Gazetteer, Mode, fold};
use std::collections::HashMap;

/// The start of the derived file's header row.
pub const DERIVED_HEADER_START: &str = "change,country,location,name";

/// Subdivision names by (country, code), from `unece-subdivision-codes-*.csv`
/// (`"CH","GR","Graubünden (de)","Canton"`).
#[derive(Clone, Debug, Default)]
pub struct Subdivisions {
    names: HashMap<(String, String), String>,
}

impl Subdivisions {
    /// Reads the subdivision list (already decoded to text). Rows that do not have a country, a code
    /// and a name are skipped: the list only decorates crossings, it never rejects one.
    pub fn parse(text: &str) -> Subdivisions {
        let mut names = HashMap::new();
        for rec in records(text) {
            let Ok(fields) = rec.fields else { continue };
            let (Some(cc), Some(code), Some(name)) = (fields.first(), fields.get(1), fields.get(2))
            else {
                continue;
            };
            let (cc, code, name) = (cc.trim(), code.trim(), strip_language_tag(name.trim()));
            if cc.len() == 2 && !code.is_empty() && !name.is_empty() {
                names.insert((cc.to_string(), code.to_string()), name.to_string());
            }
        }
        Subdivisions { names }
    }

    pub fn get(&self, country: &str, code: &str) -> Option<&str> {
        self.names
            .get(&(country.to_string(), code.to_string()))
            .map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// "Graubünden (de)" → "Graubünden": the list tags names with their language.
fn strip_language_tag(name: &str) -> &str {
    if let Some(open) = name.rfind(" (")
        && name.ends_with(')')
    {
        let tag = &name[open + 2..name.len() - 1];
        if (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase()) {
            return name[..open].trim_end();
        }
    }
    name
}

/// Parses `DDMMN DDDMME` (whole minutes) into decimal (lat, lon).
pub fn parse_coordinates(s: &str) -> Option<(f64, f64)> {
    let mut parts = s.split_whitespace();
    let (lat, lon) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let lat = angle(lat, 2, 'N', 'S')?;
    let lon = angle(lon, 3, 'E', 'W')?;
    valid_point(lat, lon).then_some((lat, lon))
}

fn angle(s: &str, degree_digits: usize, pos: char, neg: char) -> Option<f64> {
    let hemi = s.chars().last()?;
    let digits = &s[..s.len() - hemi.len_utf8()];
    if digits.len() != degree_digits + 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let deg: f64 = digits[..degree_digits].parse().ok()?;
    let min: f64 = digits[degree_digits..].parse().ok()?;
    if min >= 60.0 {
        return None;
    }
    let value = deg + min / 60.0;
    match hemi.to_ascii_uppercase() {
        c if c == pos => Some(value),
        c if c == neg => Some(-value),
        _ => None,
    }
}

/// Parses a UN/LOCODE text (either shape). `subdivisions` names the ISO 3166-2 codes when given.
pub fn parse(
    text: &str,
    gazetteer: &Gazetteer,
    subdivisions: Option<&Subdivisions>,
) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed {
        format: Format::Unlocode,
        rows: 0,
        records: Vec::new(),
        rejected: Vec::new(),
    };
    let mut looks_right = false;
    for (i, rec) in records(text).into_iter().enumerate() {
        let fields = match rec.fields {
            Ok(f) => f,
            Err(e) => {
                parsed.rows += 1;
                parsed.rejected.push(Rejected {
                    record: format!("line {}", rec.line),
                    reason: RejectReason::Malformed(e),
                });
                continue;
            }
        };
        if i == 0 && fields.join(",").starts_with(DERIVED_HEADER_START) {
            looks_right = true;
            continue;
        }
        let cc = fields.get(1).map(|s| s.trim()).unwrap_or("");
        let code_shaped = cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase());
        if fields.len() < 11 || !code_shaped {
            if i == 0 {
                return Err(ImportError::WrongFormat {
                    expected: Format::Unlocode,
                    reason: format!(
                        "line {}: expected 12 columns starting with a change marker and a country code",
                        rec.line
                    ),
                });
            }
            parsed.rows += 1;
            parsed.rejected.push(Rejected {
                record: format!("line {}", rec.line),
                reason: RejectReason::Malformed(format!("{} columns, expected 12", fields.len())),
            });
            continue;
        }
        looks_right = true;
        let function = fields[6].trim();
        // Position 8 of the function code flags a border crossing; nothing else concerns us.
        if function.chars().nth(7) != Some('B') {
            continue;
        }
        parsed.rows += 1;
        let location = fields[2].trim();
        let label = format!("line {} ({cc} {location})", rec.line);
        match row(&fields, gazetteer, subdivisions) {
            Ok(crossing) => parsed.records.push(Record {
                origins: vec![label],
                crossing,
            }),
            Err(reason) => parsed.rejected.push(Rejected {
                record: label,
                reason,
            }),
        }
    }
    if !looks_right {
        return Err(ImportError::WrongFormat {
            expected: Format::Unlocode,
            reason: "no UN/LOCODE row found".to_string(),
        });
    }
    Ok(parsed)
}

fn row(
    fields: &[String],
    gazetteer: &Gazetteer,
    subdivisions: Option<&Subdivisions>,
) -> Result<Crossing, RejectReason> {
    let cc = fields[1].trim();
    let location = fields[2].trim();
    let name = fields[3].trim();
    let plain = fields[4].trim();
    let subdivision = fields[5].trim();
    let function = fields[6].trim();
    if location.is_empty() {
        return Err(RejectReason::Malformed("no location code".to_string()));
    }
    if name.is_empty() {
        return Err(RejectReason::NoName);
    }
    let coords = fields[10].trim();
    let point = if coords.is_empty() {
        None
    } else {
        Some(parse_coordinates(coords).ok_or_else(|| {
            RejectReason::Malformed(format!("coordinates {coords:?} are not DDMMN DDDMME"))
        })?)
    };
    let other = other_side(
        gazetteer.countries(),
        gazetteer.crossings(),
        cc,
        point.map(|p| p.0),
        point.map(|p| p.1),
    )?;
    let mut aliases = vec![Alias {
        text: name.to_string(),
        lang: "und".to_string(),
        weak: false,
        shared: false,
    }];
    if !plain.is_empty() && fold(plain) != fold(name) {
        aliases.push(Alias {
            text: plain.to_string(),
            lang: "und".to_string(),
            weak: false,
            shared: false,
        });
    }
    let mut modes = Vec::new();
    // Function positions: 2 = rail, 3 = road.
    if function.chars().nth(1) == Some('2') {
        modes.push(Mode::Rail);
    }
    if function.chars().nth(2) == Some('3') {
        modes.push(Mode::Road);
    }
    let region = subdivisions
        .filter(|_| !subdivision.is_empty())
        .and_then(|s| s.get(cc, subdivision));
    let source = format!("unlocode:{cc}{location}");
    Ok(Crossing {
        id: String::new(),
        name: name.to_string(),
        countries: [cc.to_string(), other],
        regions: region
            .map(|r| vec![r.to_string(), String::new()])
            .unwrap_or_default(),
        lat: point.map(|p| p.0),
        lon: point.map(|p| p.1),
        modes,
        aliases,
        coord_source: point.map(|_| source.clone()),
        official: true,
        sources: vec![source],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_convert_minutes_and_hemispheres() {
        let (lat, lon) = parse_coordinates("4233N 00144E").unwrap_or_default();
        assert!((lat - 42.55).abs() < 1e-9 && (lon - (1.0 + 44.0 / 60.0)).abs() < 1e-9);
        let (lat, lon) = parse_coordinates("3330S 07030W").unwrap_or_default();
        assert!((lat + 33.5).abs() < 1e-9 && (lon + 70.5).abs() < 1e-9);
        assert_eq!(parse_coordinates("4299N 00144E"), None);
        assert_eq!(parse_coordinates("4233X 00144E"), None);
        assert_eq!(parse_coordinates("423N 00144E"), None);
        assert_eq!(parse_coordinates(""), None);
        assert_eq!(parse_coordinates("9500N 00144E"), None);
    }

    #[test]
    fn language_tags_are_stripped_from_subdivision_names() {
        assert_eq!(strip_language_tag("Graubünden (de)"), "Graubünden");
        assert_eq!(
            strip_language_tag("Saint Kitts (Nevis)"),
            "Saint Kitts (Nevis)"
        );
        let subs =
            Subdivisions::parse("\"CH\",\"GR\",\"Graub\u{fc}nden (de)\",\"Canton\"\nbroken\n");
        assert_eq!(subs.get("CH", "GR"), Some("Graubünden"));
        assert_eq!(subs.len(), 1);
    }
}
