//! Every crossing with its status, for other tools: GeoJSON (RFC 7946) for maps, CSV for sheets,
//! optionally with an HXL hashtag row (the Humanitarian Exchange Language convention: a second header
//! row of tags such as `#geo+lat` that humanitarian tools read).

use serde_json::{Value, json};

use crate::status::{StatusRow, word};

/// The CSV columns, with their HXL tags.
const COLUMNS: &[(&str, &str)] = &[
    ("id", "#loc+id"),
    ("name", "#loc+name"),
    ("country_a", "#country+code+side1"),
    ("country_b", "#country+code+side2"),
    ("lat", "#geo+lat"),
    ("lon", "#geo+lon"),
    ("status", "#status+access"),
    ("since", "#date+start"),
    ("until", "#date+end"),
    ("as_of", "#date+reported"),
    ("reported", "#status+reported"),
    ("independent_sources", "#meta+sources+num"),
    ("confidence", "#meta+confidence"),
    ("contested", "#status+contested"),
    ("last_confirmed", "#date+confirmed"),
    ("age_days", "#meta+age+num"),
    ("stale", "#status+stale"),
];

fn fields(r: &StatusRow) -> Vec<String> {
    let st = &r.status;
    let opt = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let coord = |v: Option<f64>| v.map(|v| format!("{v:.5}")).unwrap_or_default();
    vec![
        r.id.clone(),
        r.name.clone(),
        r.countries[0].clone(),
        r.countries[1].clone(),
        coord(r.lat),
        coord(r.lon),
        word(&st.status),
        opt(st.since),
        opt(st.until),
        st.date.to_string(),
        r.reported.to_string(),
        st.independent_sources.to_string(),
        format!("{:.2}", st.confidence),
        st.contested.to_string(),
        opt(r.freshness.last_confirmed),
        r.freshness
            .age_days
            .map(|a| a.to_string())
            .unwrap_or_default(),
        r.freshness.stale.to_string(),
    ]
}

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). A leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so a spreadsheet shows a crossing's name instead of running it as
/// a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.parse::<f64>().is_err()) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The rows as CSV with a header row (and the HXL tag row under it when `hxl`), CRLF line ends.
pub fn csv(rows: &[StatusRow], hxl: bool) -> String {
    let mut out = String::new();
    let line = |out: &mut String, cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, COLUMNS.iter().map(|c| c.0.to_string()).collect());
    if hxl {
        line(&mut out, COLUMNS.iter().map(|c| c.1.to_string()).collect());
    }
    for r in rows {
        line(&mut out, fields(r));
    }
    out
}

/// The rows as a GeoJSON FeatureCollection: a Point per crossing with coordinates, `null` geometry
/// for those the gazetteer has none for (RFC 7946 §3.2 allows it), so no crossing is left out.
pub fn geojson(rows: &[StatusRow]) -> Value {
    let features: Vec<Value> = rows
        .iter()
        .map(|r| {
            let geometry = match (r.lon, r.lat) {
                (Some(lon), Some(lat)) => json!({"type": "Point", "coordinates": [lon, lat]}),
                _ => Value::Null,
            };
            let st = &r.status;
            json!({
                "type": "Feature",
                "id": r.id,
                "geometry": geometry,
                "properties": {
                    "name": r.name,
                    "countries": r.countries,
                    "status": word(&st.status),
                    "since": st.since,
                    "until": st.until,
                    "as_of": st.date,
                    "reported": r.reported,
                    "independent_sources": st.independent_sources,
                    "confidence": st.confidence,
                    "contested": st.contested,
                    "last_confirmed": r.freshness.last_confirmed,
                    "age_days": r.freshness.age_days,
                    "stale": r.freshness.stale,
                }
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-12.5"), "-12.5");
        assert_eq!(csv_field("-x"), "'-x");
    }
}
