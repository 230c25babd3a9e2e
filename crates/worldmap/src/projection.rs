//! The one projection used both by `build.rs` (to turn the outlines into SVG paths) and by the library
//! (to place anything else, such as a crossing marker, on the same map). `build.rs` includes this very
//! file with `#[path]`, so the two can never drift apart.

/// Width of the SVG coordinate space (`viewBox="0 0 WIDTH HEIGHT"`): 360 degrees of longitude.
///
/// 1000 units keeps every coordinate at most four digits before the decimal point, and one decimal
/// (0.1 unit, about 0.036 degrees or 4 km at the equator) is finer than the 1:110m source data, so the
/// paths stay short without visible loss.
pub const WIDTH: f64 = 1000.0;

/// Height of the SVG coordinate space: 180 degrees of latitude at the same scale as [`WIDTH`].
pub const HEIGHT: f64 = 500.0;

/// SVG units per degree, the same along both axes so that shapes are not stretched.
const UNITS_PER_DEGREE: f64 = WIDTH / 360.0;

/// Projects a longitude and latitude (degrees, WGS 84) to SVG coordinates with the equirectangular
/// (plate carrée) projection: `x = (lon + 180) * K`, `y = (90 - lat) * K`, `K = WIDTH / 360`.
///
/// Equirectangular is used because it is trivial to compute identically here and in the page's own
/// script, and the map only needs to show where things are, not true areas. Longitude -180 maps to
/// `x = 0`, +180 to `x = WIDTH`; latitude +90 maps to `y = 0`, -90 to `y = HEIGHT`. Inputs outside
/// those ranges are not clamped: they land outside the viewBox, which is easier to notice than a
/// marker silently pinned to the edge.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    (
        (lon + 180.0) * UNITS_PER_DEGREE,
        (90.0 - lat) * UNITS_PER_DEGREE,
    )
}
