//! The compiled-in outlines, checked as a consumer sees them: through the public API only.
//!
//! These tests need the real data. A build without it (npm missing) compiles an empty set, and then
//! every test here fails with a message saying how to fix the build: CI has npm, so an empty map
//! must never pass silently.

use borderwatch_worldmap::{
    Country, HEIGHT, SOURCE, WIDTH, countries, outlines_available, project, svg_paths,
};

fn require_outlines() -> &'static [Country] {
    assert!(
        outlines_available(),
        "borderwatch-worldmap was built WITHOUT country outlines (npm was missing or failed at build \
         time; see the cargo warning). Fix: `cd crates/worldmap/npm && npm ci`, then rebuild."
    );
    countries()
}

fn by_numeric(numeric: &str) -> &'static Country {
    require_outlines()
        .iter()
        .find(|c| c.numeric == numeric)
        .unwrap_or_else(|| panic!("no country with ISO numeric {numeric:?}"))
}

/// One parsed path: its subpaths (rings), each a list of points, checked for syntax on the way.
fn parse_path(d: &str) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    let mut rest = d;
    while let Some(command) = rest.chars().next() {
        rest = &rest[command.len_utf8()..];
        match command {
            'M' | 'L' => {
                if command == 'M' && open {
                    return Err("M before the previous ring was closed".into());
                }
                if command == 'L' && !open {
                    return Err("L outside a ring".into());
                }
                let end = rest.find(['M', 'L', 'Z']).unwrap_or(rest.len());
                let (x, y) = rest[..end]
                    .split_once(',')
                    .ok_or_else(|| format!("{command} without an x,y pair: {:?}", &rest[..end]))?;
                let x: f64 = x.parse().map_err(|e| format!("x {x:?}: {e}"))?;
                let y: f64 = y.parse().map_err(|e| format!("y {y:?}: {e}"))?;
                if !(0.0..=WIDTH).contains(&x) || !(0.0..=HEIGHT).contains(&y) {
                    return Err(format!("point {x},{y} outside 0..{WIDTH} x 0..{HEIGHT}"));
                }
                if command == 'M' {
                    rings.push(Vec::new());
                    open = true;
                }
                if let Some(ring) = rings.last_mut() {
                    ring.push((x, y));
                }
                rest = &rest[end..];
            }
            'Z' => {
                if !open {
                    return Err("Z without an open ring".into());
                }
                open = false;
            }
            other => return Err(format!("unexpected character {other:?}")),
        }
    }
    if open {
        return Err("the last ring is not closed with Z".into());
    }
    Ok(rings)
}

fn bounding_box(country: &Country) -> (f64, f64, f64, f64) {
    let rings = parse_path(country.path).unwrap_or_else(|e| panic!("{}: {e}", country.name));
    let points = rings.iter().flatten();
    points.fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(x0, y0, x1, y1), &(x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    )
}

fn assert_inside(city: &str, lon: f64, lat: f64, country: &Country) {
    let (x, y) = project(lon, lat);
    let (x0, y0, x1, y1) = bounding_box(country);
    assert!(
        (x0..=x1).contains(&x) && (y0..=y1).contains(&y),
        "{city} projects to ({x:.1}, {y:.1}), outside {}'s box ({x0}, {y0})–({x1}, {y1})",
        country.name
    );
}

/// Even-odd point-in-polygon over every ring of the path.
fn inside_outline((x, y): (f64, f64), country: &Country) -> bool {
    let rings = parse_path(country.path).unwrap_or_else(|e| panic!("{}: {e}", country.name));
    let mut inside = false;
    for ring in &rings {
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) {
                inside = !inside;
            }
        }
    }
    inside
}

#[test]
fn the_world_is_there() {
    let all = require_outlines();
    assert!(all.len() > 150, "only {} countries", all.len());
    assert!(all.iter().all(|c| !c.name.is_empty() && !c.path.is_empty()));
    // Antarctica is left out on purpose (no land crossings; see build.rs).
    assert!(all.iter().all(|c| c.numeric != "010"));
    // Codes identify countries: no two share one.
    let mut codes: Vec<&str> = all
        .iter()
        .map(|c| c.numeric)
        .filter(|n| !n.is_empty())
        .collect();
    let total = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), total, "a numeric code is repeated");
    assert!(
        codes
            .iter()
            .all(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
    );
}

#[test]
fn iran_and_iraq_exist_and_contain_their_capitals() {
    let iran = by_numeric("364");
    let iraq = by_numeric("368");
    assert_eq!(iran.name, "Iran");
    assert_eq!(iraq.name, "Iraq");
    assert!(!iran.path.is_empty() && !iraq.path.is_empty());
    assert_inside("Baghdad", 44.4, 33.3, iraq);
    assert_inside("Tehran", 51.4, 35.7, iran);
    // The boxes overlap (Iran reaches west of Baghdad's longitude), so also test the outlines
    // themselves: each capital is inside its own country and not inside the other.
    for (city, lon, lat, home, other) in [
        ("Baghdad", 44.4, 33.3, iraq, iran),
        ("Tehran", 51.4, 35.7, iran, iraq),
    ] {
        let p = project(lon, lat);
        assert!(
            inside_outline(p, home),
            "{city} is not inside {}'s outline",
            home.name
        );
        assert!(
            !inside_outline(p, other),
            "{city} is inside {}'s outline",
            other.name
        );
    }
}

#[test]
fn every_path_parses_within_the_view_box() {
    for c in require_outlines() {
        let rings =
            parse_path(c.path).unwrap_or_else(|e| panic!("{} ({}): {e}", c.name, c.numeric));
        assert!(!rings.is_empty(), "{} has no ring", c.name);
        for ring in &rings {
            assert!(
                ring.len() >= 3,
                "{} has a ring of {} points",
                c.name,
                ring.len()
            );
            for pair in ring.windows(2) {
                assert_ne!(
                    pair[0], pair[1],
                    "{} repeats the point {:?}",
                    c.name, pair[0]
                );
            }
        }
    }
}

#[test]
fn no_outline_jumps_across_the_antimeridian() {
    // A segment spanning half the map can only be a ring wrapped around ±180 drawn flat.
    for c in require_outlines() {
        for ring in parse_path(c.path).unwrap_or_else(|e| panic!("{}: {e}", c.name)) {
            let closed = ring.iter().zip(ring.iter().cycle().skip(1));
            for (a, b) in closed {
                assert!(
                    (a.0 - b.0).abs() < WIDTH / 2.0,
                    "{} has a segment from {a:?} to {b:?}",
                    c.name
                );
            }
        }
    }
    // Russia and Fiji do reach both edges of the map (their rings are cut at ±180).
    for numeric in ["643", "242"] {
        let (x0, _, x1, _) = bounding_box(by_numeric(numeric));
        assert!(x0 < 1.0 && x1 > WIDTH - 1.0, "{numeric} spans {x0}..{x1}");
    }
}

#[test]
fn svg_paths_holds_every_country_with_escaped_names() {
    let all = require_outlines();
    let svg = svg_paths("country");
    assert_eq!(
        svg.matches("<path class=\"country\" d=\"").count(),
        all.len()
    );
    assert_eq!(svg.matches("</title></path>").count(), all.len());
    // Côte d'Ivoire is the one name in the data with an apostrophe.
    assert!(
        svg.contains("<title>Côte d&#39;Ivoire</title>"),
        "apostrophe not escaped"
    );
    assert!(!svg.contains("d'Ivoire"));
    let iran = by_numeric("364");
    assert!(svg.contains(&format!("d=\"{}\"><title>Iran</title>", iran.path)));
}

#[test]
fn source_names_the_data_and_the_pinned_version() {
    let lock = include_str!("../npm/package-lock.json");
    let pinned = lock
        .split("\"node_modules/world-atlas\"")
        .nth(1)
        .and_then(|rest| rest.split("\"version\": \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("package-lock.json does not pin world-atlas"));
    assert!(SOURCE.contains("Natural Earth"), "{SOURCE}");
    assert!(
        SOURCE.contains(&format!("world-atlas {pinned}")),
        "{SOURCE} vs lock {pinned}"
    );
}
