//! OpenStreetMap `barrier=border_control` nodes as a GeoJSON FeatureCollection of Points.
//!
//! Read from each feature's properties: `name` (the canonical name), `name:xx` (an alias in language
//! `xx`), `int_name`, `alt_name`/`old_name` (aliases in no stated language), and the sides from
//! `ISO3166-1`/`ISO3166-1:alpha2`/`country` tags when present (`"IR;IQ"` or one code). With one code
//! the other side is inferred from the point; with none, both sides are (the pair of neighbouring
//! countries whose boxes contain the point). The source is the OSM id (`osm:node/123`) when the
//! feature carries one (`id` or the `@id` property).

use super::geo::{country_pair, valid_point};
use super::{Format, ImportError, Parsed, Record, RejectReason, Rejected};
use crate::{Alias, Crossing, Gazetteer, fold};
use serde_json::Value;

const COUNTRY_KEYS: &[&str] = &["ISO3166-1", "ISO3166-1:alpha2", "country", "addr:country"];

pub fn parse(text: &str, gazetteer: &Gazetteer, source_name: &str) -> Result<Parsed, ImportError> {
    let wrong = |reason: String| ImportError::WrongFormat {
        expected: Format::Geojson,
        reason,
    };
    let root: Value = serde_json::from_str(text).map_err(|e| wrong(format!("not JSON: {e}")))?;
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(wrong(
            "the top level is not a FeatureCollection".to_string(),
        ));
    }
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| wrong("no \"features\" array".to_string()))?;
    let mut parsed = Parsed {
        format: Format::Geojson,
        rows: features.len(),
        records: Vec::new(),
        rejected: Vec::new(),
    };
    for (i, feature) in features.iter().enumerate() {
        let osm_id = osm_id(feature);
        let label = match &osm_id {
            Some(id) => format!("feature {} ({id})", i + 1),
            None => format!("feature {}", i + 1),
        };
        match one(feature, gazetteer, osm_id.as_deref(), source_name) {
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
    Ok(parsed)
}

/// `node/123` from the feature id or its `@id` property; a bare number is taken as a node.
fn osm_id(feature: &Value) -> Option<String> {
    let raw = feature
        .get("id")
        .or_else(|| feature.get("properties").and_then(|p| p.get("@id")))?;
    let s = match raw {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    if s.is_empty() {
        None
    } else if s.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("node/{s}"))
    } else {
        Some(s)
    }
}

fn one(
    feature: &Value,
    gazetteer: &Gazetteer,
    osm_id: Option<&str>,
    source_name: &str,
) -> Result<Crossing, RejectReason> {
    let geometry = feature
        .get("geometry")
        .ok_or_else(|| RejectReason::Malformed("no geometry".to_string()))?;
    if geometry.get("type").and_then(Value::as_str) != Some("Point") {
        return Err(RejectReason::Malformed(
            "geometry is not a Point".to_string(),
        ));
    }
    let coords = geometry
        .get("coordinates")
        .and_then(Value::as_array)
        .ok_or_else(|| RejectReason::Malformed("Point without coordinates".to_string()))?;
    let (Some(lon), Some(lat)) = (
        coords.first().and_then(Value::as_f64),
        coords.get(1).and_then(Value::as_f64),
    ) else {
        return Err(RejectReason::Malformed(
            "coordinates are not [lon, lat] numbers".to_string(),
        ));
    };
    if !valid_point(lat, lon) {
        return Err(RejectReason::Malformed(format!(
            "coordinates {lon} {lat} out of range"
        )));
    }
    let empty = serde_json::Map::new();
    let props = feature
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let text = |key: &str| {
        props
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };

    let mut aliases: Vec<Alias> = Vec::new();
    let mut push = |text: &str, lang: &str| {
        let text = text.trim();
        if !text.is_empty() && !aliases.iter().any(|a| fold(&a.text) == fold(text)) {
            aliases.push(Alias {
                text: text.to_string(),
                lang: lang.to_string(),
                weak: false,
                shared: false,
            });
        }
    };
    let name = text("name")
        .or_else(|| text("name:en"))
        .or_else(|| text("int_name"))
        .ok_or(RejectReason::NoName)?
        .to_string();
    push(
        &name,
        if text("name:en") == Some(name.as_str()) {
            "en"
        } else {
            "und"
        },
    );
    // Sorted keys keep the alias order stable whatever the file's key order.
    let mut keys: Vec<&String> = props.keys().collect();
    keys.sort();
    for key in keys {
        let Some(value) = text(key) else { continue };
        if let Some(lang) = key.strip_prefix("name:") {
            let lang_ok = !lang.is_empty()
                && lang.len() <= 8
                && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if lang_ok {
                push(value, lang);
            }
        } else if key == "int_name" {
            push(value, "en");
        } else if key == "alt_name" || key == "old_name" {
            // OSM separates several values with ';'.
            for v in value.split(';') {
                push(v, "und");
            }
        }
    }

    let mut given: Vec<String> = Vec::new();
    for key in COUNTRY_KEYS {
        if let Some(v) = text(key) {
            for code in v
                .split([';', ',', ' '])
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                let code = code.to_ascii_uppercase();
                if gazetteer.countries().get(&code).is_none() {
                    return Err(RejectReason::UnknownCountry(code));
                }
                if !given.contains(&code) {
                    given.push(code);
                }
            }
        }
    }
    let pair = country_pair(
        gazetteer.countries(),
        gazetteer.crossings(),
        &given,
        lat,
        lon,
    )?;
    let source = match osm_id {
        Some(id) => format!("osm:{id}"),
        None => format!("import:{source_name}"),
    };
    Ok(Crossing {
        id: String::new(),
        name,
        countries: pair,
        regions: Vec::new(),
        lat: Some(lat),
        lon: Some(lon),
        modes: Vec::new(),
        aliases,
        coord_source: Some(source.clone()),
        official: true,
        sources: vec![source],
    })
}
