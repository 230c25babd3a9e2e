//! Geometry and country guesses shared by the importers: distances, bounding boxes, and inferring the
//! other side of a border from a point.
//!
//! The boxes in `countries.toml` are rough and padded, so these are guesses for sources that name one
//! side only; a point that fits nothing is refused rather than forced onto a border.

use super::RejectReason;
use crate::{Country, CountryTable, Crossing, fold};

/// Great-circle distance in kilometres.
pub(crate) fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6371.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().min(1.0).asin()
}

pub(crate) fn valid_point(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
}

fn contains(c: &Country, lat: f64, lon: f64) -> bool {
    let [min_lon, min_lat, max_lon, max_lat] = c.bbox;
    (min_lon..=max_lon).contains(&lon) && (min_lat..=max_lat).contains(&lat)
}

fn centre_km(c: &Country, lat: f64, lon: f64) -> f64 {
    let [min_lon, min_lat, max_lon, max_lat] = c.bbox;
    distance_km(
        lat,
        lon,
        (min_lat + max_lat) / 2.0,
        (min_lon + max_lon) / 2.0,
    )
}

/// Known crossings within this distance of a point vote for its border.
pub(crate) const HINT_KM: f64 = 150.0;

/// The other side of a border point that a source puts in `country`: among the neighbours whose box
/// contains the point, the one with a known crossing (in `known`) nearest to the point, if one lies
/// within [`HINT_KM`]; otherwise the one with the nearest box centre. The boxes alone are a weak
/// guide where a huge neighbour's box covers everything (Russia's covers all of Finland), which is
/// why known crossings come first.
pub(crate) fn other_side(
    table: &CountryTable,
    known: &[Crossing],
    country: &str,
    lat: Option<f64>,
    lon: Option<f64>,
) -> Result<String, RejectReason> {
    let own = table
        .get(country)
        .ok_or_else(|| RejectReason::UnknownCountry(country.to_string()))?;
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(RejectReason::NoCoordinates);
    };
    if !contains(own, lat, lon) {
        return Err(RejectReason::OutsideCountry(country.to_string()));
    }
    let candidates: Vec<&Country> = own
        .neighbours
        .iter()
        .filter_map(|n| table.get(n))
        .filter(|n| contains(n, lat, lon))
        .collect();
    if candidates.len() > 1 {
        let hinted = known
            .iter()
            .filter_map(|c| {
                let other = if c.countries[0] == country {
                    &c.countries[1]
                } else if c.countries[1] == country {
                    &c.countries[0]
                } else {
                    return None;
                };
                let d = distance_km(lat, lon, c.lat?, c.lon?);
                (d < HINT_KM && candidates.iter().any(|n| &n.code == other)).then_some((d, other))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, other)) = hinted {
            return Ok(other.clone());
        }
    }
    candidates
        .into_iter()
        .map(|n| (centre_km(n, lat, lon), n))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.code.clone())
        .ok_or_else(|| RejectReason::NoNeighbourFits(country.to_string()))
}

/// Both sides of a border point that names no country: the border of the nearest known crossing
/// within [`HINT_KM`] whose two boxes contain the point; otherwise the pair of neighbours whose boxes
/// both contain it, the pair with the nearest box centres when several do.
/// The two sides of a crossing at (`lat`, `lon`) whose source names `given` countries: two as given,
/// one completed by [`other_side`], none guessed by [`both_sides`]; more than two is refused.
pub(crate) fn country_pair(
    table: &CountryTable,
    known: &[Crossing],
    given: &[String],
    lat: f64,
    lon: f64,
) -> Result<[String; 2], RejectReason> {
    match given {
        [] => both_sides(table, known, lat, lon),
        [a] => Ok([
            a.clone(),
            other_side(table, known, a, Some(lat), Some(lon))?,
        ]),
        [a, b] => Ok([a.clone(), b.clone()]),
        _ => Err(RejectReason::TooManyCountries(
            given.len(),
            given.join(", "),
        )),
    }
}

pub(crate) fn both_sides(
    table: &CountryTable,
    known: &[Crossing],
    lat: f64,
    lon: f64,
) -> Result<[String; 2], RejectReason> {
    let inside: Vec<&Country> = table
        .countries
        .iter()
        .filter(|c| contains(c, lat, lon))
        .collect();
    let hinted = known
        .iter()
        .filter(|c| {
            c.countries
                .iter()
                .all(|cc| inside.iter().any(|i| &i.code == cc))
        })
        .filter_map(|c| Some((distance_km(lat, lon, c.lat?, c.lon?), c)))
        .filter(|(d, _)| *d < HINT_KM)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, c)) = hinted {
        return Ok(c.countries.clone());
    }
    let mut best: Option<(f64, [String; 2])> = None;
    for (i, a) in inside.iter().enumerate() {
        for b in &inside[i + 1..] {
            if !a.neighbours.contains(&b.code) {
                continue;
            }
            let d = centre_km(a, lat, lon) + centre_km(b, lat, lon);
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, [a.code.clone(), b.code.clone()]));
            }
        }
    }
    best.map(|(_, pair)| pair).ok_or(RejectReason::NoCountry)
}

/// Names of states that no longer exist; a point tagged with one is history, not a crossing.
const HISTORICAL: &[&str] = &[
    "Ottoman Empire",
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Mandatory Palestine",
    "British Mandate of Palestine",
    "Czechoslovakia",
    "East Germany",
    "West Germany",
    "United Arab Republic",
    "Persian Empire",
    "Russian Empire",
    "Austria-Hungary",
];

/// Maps an English country (or region) name to its ISO code through the country table: names,
/// aliases, and the regions that stand for a side of a border (West Bank, Gaza Strip → PS).
pub(crate) fn country_code(table: &CountryTable, name: &str) -> Result<String, RejectReason> {
    let key = fold(name);
    if key.is_empty() {
        return Err(RejectReason::UnknownCountry(name.to_string()));
    }
    if HISTORICAL.iter().any(|h| fold(h) == key) {
        return Err(RejectReason::HistoricalState(name.to_string()));
    }
    let upper = name.trim();
    if upper.len() == 2 && table.get(upper).is_some() {
        return Ok(upper.to_string());
    }
    for c in &table.countries {
        if fold(&c.name) == key || c.aliases.iter().any(|a| fold(a) == key) {
            return Ok(c.code.clone());
        }
    }
    for r in &table.regions {
        if fold(&r.name) == key || r.aliases.iter().any(|a| fold(a) == key) {
            return Ok(r.country.clone());
        }
    }
    Err(RejectReason::UnknownCountry(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_plausible() {
        // One degree of latitude is about 111 km.
        let d = distance_km(35.0, 46.0, 36.0, 46.0);
        assert!((d - 111.2).abs() < 0.5, "{d}");
        assert!(distance_km(10.0, 10.0, 10.0, 10.0) < 1e-9);
    }

    #[test]
    fn rejects_out_of_range_points() {
        assert!(valid_point(35.6, 46.0));
        assert!(!valid_point(95.0, 46.0));
        assert!(!valid_point(f64::NAN, 46.0));
    }
}
