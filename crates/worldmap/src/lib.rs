//! Offline world country outlines for borderwatch's web map.
//!
//! The outlines are Natural Earth 1:110m admin-0 countries, taken at build time from the npm package
//! `world-atlas` (see `build.rs` and README.md) and compiled in as SVG path data in one fixed
//! equirectangular coordinate space (`viewBox="0 0 WIDTH HEIGHT"`). The page that shows them needs no
//! CDN, no tile server and no request beyond the page itself.
//!
//! Invariant: no I/O at run time. Everything here is a pure function of compiled-in data.

mod projection;

pub use projection::{HEIGHT, WIDTH, project};

/// One country's outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// ISO 3166-1 numeric code as the data gives it, zero-padded (`"364"` is Iran, `"004"`
    /// Afghanistan). Empty for the few entries the data gives no code (Kosovo, N. Cyprus,
    /// Somaliland), which are still drawn.
    pub numeric: &'static str,
    /// English short name as the data gives it (`"Côte d'Ivoire"`, `"Dem. Rep. Congo"`).
    pub name: &'static str,
    /// SVG path `d` data in the [`WIDTH`] × [`HEIGHT`] space: absolute `M` and `L` commands only,
    /// coordinates `x,y` with at most one decimal, every ring closed with `Z`.
    pub path: &'static str,
}

// Defines `COUNTRIES` and `OUTLINES_AVAILABLE`; written by build.rs.
include!(concat!(env!("OUT_DIR"), "/countries.rs"));

/// Where the outlines come from, for an attribution line on the page.
pub const SOURCE: &str = concat!(
    "Natural Earth 1:110m admin-0 countries (public domain), from the npm package world-atlas ",
    env!("BORDERWATCH_WORLD_ATLAS_VERSION"),
    "."
);

/// Every country with an outline, in the order of the source data. Antarctica is left out (it has no
/// land border crossings). Empty when [`outlines_available`] is false.
pub fn countries() -> &'static [Country] {
    COUNTRIES
}

/// False when the build could not obtain the data (npm missing or failing) and compiled in an empty
/// set; the build printed a warning saying how to fix it. A page can then say that the map has no
/// outlines instead of showing an empty box without explanation.
pub fn outlines_available() -> bool {
    OUTLINES_AVAILABLE
}

/// All countries as SVG `<path>` elements, each with a `<title>` naming the country (shown as a
/// tooltip by browsers), ready to embed inside an `<svg viewBox="0 0 1000 500">`.
///
/// `class` is put on every path, escaped like the names, so a caller cannot break the markup by
/// accident. The paths carry no `fill-rule`: holes (Lesotho inside South Africa) are wound opposite
/// to their outer ring, so the SVG default `nonzero` renders them correctly.
pub fn svg_paths(class: &str) -> String {
    paths_of(COUNTRIES, class)
}

fn paths_of(countries: &[Country], class: &str) -> String {
    let per_element = class.len() + "<path class=\"\" d=\"\"><title></title></path>".len();
    let capacity = countries
        .iter()
        .map(|c| per_element + c.path.len() + c.name.len() + 8)
        .sum();
    let mut out = String::with_capacity(capacity);
    for c in countries {
        out.push_str("<path class=\"");
        push_escaped(&mut out, class);
        out.push_str("\" d=\"");
        // Path data is digits, '.', ',', 'M', 'L' and 'Z' only: nothing to escape.
        out.push_str(c.path);
        out.push_str("\"><title>");
        push_escaped(&mut out, c.name);
        out.push_str("</title></path>");
    }
    out
}

/// Escapes the five characters that are special in XML text and attributes. `'` becomes `&#39;`
/// rather than `&apos;`, which HTML 4 lacks, so the output is safe in both XML and any HTML.
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_class_are_escaped() {
        let fake = [Country {
            numeric: "999",
            name: "A & <B> \"C\" 'D'",
            path: "M1,2L3,4L5,6Z",
        }];
        let svg = paths_of(&fake, "land\" onclick=\"x");
        assert_eq!(
            svg,
            "<path class=\"land&quot; onclick=&quot;x\" d=\"M1,2L3,4L5,6Z\">\
             <title>A &amp; &lt;B&gt; &quot;C&quot; &#39;D&#39;</title></path>"
        );
    }

    #[test]
    fn no_countries_give_no_markup() {
        assert_eq!(paths_of(&[], "land"), "");
    }

    #[test]
    fn projection_corners_and_centre() {
        assert_eq!(project(-180.0, 90.0), (0.0, 0.0));
        assert_eq!(project(180.0, -90.0), (WIDTH, HEIGHT));
        assert_eq!(project(0.0, 0.0), (WIDTH / 2.0, HEIGHT / 2.0));
        // Same scale on both axes: one degree east moves as far as one degree north.
        let (x0, y0) = project(10.0, 10.0);
        let (x1, y1) = project(11.0, 11.0);
        assert!(((x1 - x0) - (y0 - y1)).abs() < 1e-12);
    }
}
