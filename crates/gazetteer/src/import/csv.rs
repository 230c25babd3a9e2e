//! borderwatch's own CSV (the format is documented in [`super`]'s module docs).

use super::csvtext::records;
use super::geo::{other_side, valid_point};
use super::{Format, ImportError, Parsed, Record, RejectReason, Rejected};
use crate::{Alias, Crossing, Gazetteer, Mode, fold};

/// The header line, exactly.
pub const HEADER: &str = "id,name,country_a,country_b,lat,lon,modes,aliases,source";

/// Parses a borderwatch CSV text. `source_name` (usually the file name) is cited as
/// `import:<source_name>` for rows with an empty `source`.
pub fn parse(text: &str, gazetteer: &Gazetteer, source_name: &str) -> Result<Parsed, ImportError> {
    let all = records(text);
    let header_ok = all.first().is_some_and(|r| {
        r.fields
            .as_ref()
            .is_ok_and(|f| f.iter().map(|s| s.trim()).collect::<Vec<_>>().join(",") == HEADER)
    });
    if !header_ok {
        return Err(ImportError::WrongFormat {
            expected: Format::Csv,
            reason: format!("the first line must be the header {HEADER:?}"),
        });
    }
    let mut parsed = Parsed {
        format: Format::Csv,
        rows: all.len() - 1,
        records: Vec::new(),
        rejected: Vec::new(),
    };
    for rec in all.into_iter().skip(1) {
        let label = format!("line {}", rec.line);
        let result = rec
            .fields
            .map_err(RejectReason::Malformed)
            .and_then(|f| row(&f, gazetteer, source_name));
        match result {
            Ok(crossing) => parsed.records.push(Record {
                origins: vec![match crossing.name.as_str() {
                    "" => label,
                    n => format!("{label} ({n})"),
                }],
                crossing,
            }),
            Err(reason) => parsed.rejected.push(Rejected {
                record: label,
                reason,
            }),
        }
    }
    Ok(parsed)
}

fn valid_id(id: &str, a: &str, b: &str) -> bool {
    let prefix = format!("{}-{}-", a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let prefix_rev = format!("{}-{}-", b.to_ascii_lowercase(), a.to_ascii_lowercase());
    (id.starts_with(&prefix) || id.starts_with(&prefix_rev))
        && id.len() > prefix.len()
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

fn row(f: &[String], gazetteer: &Gazetteer, source_name: &str) -> Result<Crossing, RejectReason> {
    if f.len() != 9 {
        return Err(RejectReason::Malformed(format!(
            "{} columns, expected 9",
            f.len()
        )));
    }
    let get = |i: usize| f[i].trim();
    let name = get(1);
    if name.is_empty() {
        return Err(RejectReason::NoName);
    }
    let code = |s: &str| -> Result<String, RejectReason> {
        let c = s.to_ascii_uppercase();
        gazetteer
            .countries()
            .get(&c)
            .map(|_| c.clone())
            .ok_or_else(|| RejectReason::UnknownCountry(s.to_string()))
    };
    let a = code(get(2))?;
    let number = |i: usize, what: &str| -> Result<Option<f64>, RejectReason> {
        match get(i) {
            "" => Ok(None),
            s => s
                .parse::<f64>()
                .map(Some)
                .map_err(|_| RejectReason::Malformed(format!("{what} {s:?} is not a number"))),
        }
    };
    let (lat, lon) = (number(4, "lat")?, number(5, "lon")?);
    match (lat, lon) {
        (Some(la), Some(lo)) if !valid_point(la, lo) => {
            return Err(RejectReason::Malformed(format!(
                "coordinates {la} {lo} out of range"
            )));
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(RejectReason::Malformed(
                "lat and lon go together".to_string(),
            ));
        }
        _ => {}
    }
    let b = match get(3) {
        "" => other_side(gazetteer.countries(), gazetteer.crossings(), &a, lat, lon)?,
        s => code(s)?,
    };
    if a == b {
        return Err(RejectReason::SameCountry(a));
    }
    let id = get(0).to_string();
    if !id.is_empty() && !valid_id(&id, &a, &b) {
        return Err(RejectReason::BadId(id));
    }
    let mut modes = Vec::new();
    for m in get(6).split('|').map(str::trim).filter(|m| !m.is_empty()) {
        let mode = match m.to_ascii_lowercase().as_str() {
            "road" => Mode::Road,
            "rail" => Mode::Rail,
            "pedestrian" => Mode::Pedestrian,
            _ => return Err(RejectReason::Malformed(format!("unknown mode {m:?}"))),
        };
        if !modes.contains(&mode) {
            modes.push(mode);
        }
    }
    let mut aliases = vec![Alias {
        text: name.to_string(),
        lang: "en".to_string(),
        weak: false,
        shared: false,
    }];
    for item in get(7).split('|').map(str::trim).filter(|s| !s.is_empty()) {
        let (weak, item) = match item.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, item),
        };
        let Some((lang, text)) = item.split_once(':') else {
            return Err(RejectReason::Malformed(format!(
                "alias {item:?} is not lang:text"
            )));
        };
        let (lang, text) = (lang.trim(), text.trim());
        let lang_ok = !lang.is_empty()
            && lang.len() <= 12
            && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !lang_ok || text.is_empty() {
            return Err(RejectReason::Malformed(format!(
                "alias {item:?} is not lang:text"
            )));
        }
        match aliases.iter_mut().find(|a| fold(&a.text) == fold(text)) {
            Some(existing) => existing.weak |= weak,
            None => aliases.push(Alias {
                text: text.to_string(),
                lang: lang.to_string(),
                weak,
                shared: false,
            }),
        }
    }
    let mut sources: Vec<String> = get(8)
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if sources.is_empty() {
        sources.push(format!("import:{source_name}"));
    }
    Ok(Crossing {
        id,
        name: name.to_string(),
        countries: [a, b],
        regions: Vec::new(),
        lat,
        lon,
        modes,
        aliases,
        coord_source: lat.map(|_| sources[0].clone()),
        official: true,
        sources,
    })
}
