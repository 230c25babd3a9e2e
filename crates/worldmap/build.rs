//! Compiles the world's country outlines into the crate as SVG path data.
//!
//! The data is Natural Earth 1:110m admin-0 countries, as TopoJSON, from the npm package
//! `world-atlas` pinned by `npm/package-lock.json`. If `npm/node_modules` does not hold the pinned
//! version, this script runs `npm ci` there, so a clean clone builds with a plain `cargo build`.
//!
//! A missing or failing npm must not break the build of a server whose main job is text extraction:
//! the script then prints a `cargo::warning` that says how to fix it and generates an empty outline set
//! (`OUTLINES_AVAILABLE = false`), which the tests refuse loudly.
//!
//! Output: `$OUT_DIR/countries.rs` (`COUNTRIES` and `OUTLINES_AVAILABLE`) and the `rustc-env`
//! variable `BORDERWATCH_WORLD_ATLAS_VERSION` (the version the lock pins).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

// The library includes the same file, so the paths and `project()` share one projection.
#[path = "src/projection.rs"]
mod projection;

/// The npm package and the file of it that we read.
const PACKAGE: &str = "world-atlas";
const DATA_FILE: &str = "countries-110m.json";

/// Dropped on purpose: Antarctica (ISO 3166-1 numeric 010) has no land border crossings, and in an
/// equirectangular projection it becomes a band across the whole bottom of the map whose outline
/// runs along the antimeridian and the pole; it would cost bytes and draw attention to nothing.
const SKIPPED_IDS: &[&str] = &["010"];

/// Simplification: a point closer than this (in tenths of an SVG unit, per axis) to the previously
/// kept point is dropped. 0 keeps every point that survives rounding to 0.1 unit; the 1:110m data
/// is already simplified and the output stays well under the size budget (see README.md).
const MIN_STEP_TENTHS: i32 = 0;

/// Longitudes within this distance of ±180 are treated as lying on the antimeridian.
const ANTIMERIDIAN_EPS: f64 = 1e-9;

fn main() {
    if let Err(e) = run() {
        // Only failures unrelated to npm (e.g. an unwritable OUT_DIR) end up here; they are real
        // build failures.
        eprintln!("borderwatch-worldmap build.rs: {e}");
        std::process::exit(1);
    }
}

/// One country as it will be written into the generated source.
struct Country {
    numeric: String,
    name: String,
    path: String,
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env("OUT_DIR")?);
    let npm_dir = manifest.join("npm");
    let lock_path = npm_dir.join("package-lock.json");
    let package_dir = npm_dir.join("node_modules").join(PACKAGE);
    let data_path = package_dir.join(DATA_FILE);

    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/projection.rs");
    println!(
        "cargo::rerun-if-changed={}",
        npm_dir.join("package.json").display()
    );
    println!("cargo::rerun-if-changed={}", lock_path.display());

    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("reading {}: {e}", lock_path.display()));
    let pinned = lock
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|text| pinned_version(text));
    let version_for_source = pinned
        .clone()
        .unwrap_or_else(|_| "(version unknown)".to_owned());
    println!("cargo::rustc-env=BORDERWATCH_WORLD_ATLAS_VERSION={version_for_source}");

    let marker = out_dir.join("npm-ci-failed-for-lock");
    let outcome = pinned.and_then(|version| {
        let lock_text = lock.as_deref().unwrap_or_default();
        ensure_installed(&npm_dir, &package_dir, &version, lock_text, &marker)?;
        let text = std::fs::read_to_string(&data_path)
            .map_err(|e| format!("reading {}: {e}", data_path.display()))?;
        let topology: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not valid JSON: {e}", data_path.display()))?;
        countries(&topology).map_err(|e| format!("{}: {e}", data_path.display()))
    });

    let (countries, available) = match outcome {
        Ok(countries) => {
            println!("cargo::rerun-if-changed={}", data_path.display());
            println!(
                "cargo::rerun-if-changed={}",
                package_dir.join("package.json").display()
            );
            (countries, true)
        }
        Err(reason) => {
            println!(
                "cargo::warning=borderwatch-worldmap: the web map will have no country outlines: {reason}"
            );
            println!(
                "cargo::warning=to fix it, install Node.js and npm, run `cd crates/worldmap/npm && npm ci` \
                 (the npm registry must be reachable), then rebuild"
            );
            // Watching the whole npm directory (not the missing data file, which would make cargo rerun
            // this script on every build) picks up the fix: `npm ci` creates node_modules.
            println!("cargo::rerun-if-changed={}", npm_dir.display());
            (Vec::new(), false)
        }
    };

    let source = generate(&countries, available, &version_for_source)?;
    let target = out_dir.join("countries.rs");
    std::fs::write(&target, source).map_err(|e| format!("writing {}: {e}", target.display()))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|e| format!("environment variable {name}: {e}"))
}

/// The version of `world-atlas` that `package-lock.json` pins.
fn pinned_version(lock: &str) -> Result<String, String> {
    let lock: Value = serde_json::from_str(lock)
        .map_err(|e| format!("npm/package-lock.json is not JSON: {e}"))?;
    lock.pointer(&format!("/packages/node_modules~1{PACKAGE}/version"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("npm/package-lock.json does not pin {PACKAGE}"))
}

/// Makes sure `node_modules` holds the pinned version, running `npm ci` if it does not.
///
/// A failed `npm ci` is remembered in `marker` (with the lock it failed for) so that the next build
/// does not try again: `npm ci` touches the npm directory, which this script then watches, and
/// without the marker every build would wait on the network again. A changed lock, a manual
/// `npm ci` or `cargo clean` lifts it.
fn ensure_installed(
    npm_dir: &Path,
    package_dir: &Path,
    version: &str,
    lock_text: &str,
    marker: &Path,
) -> Result<(), String> {
    let installed = installed_version(package_dir);
    if installed.as_deref() == Some(version) && package_dir.join(DATA_FILE).is_file() {
        return Ok(());
    }
    let why = match &installed {
        Some(other) => format!("{PACKAGE} {other} is installed but the lock pins {version}"),
        None => format!(
            "{PACKAGE} is not installed in {}",
            npm_dir.join("node_modules").display()
        ),
    };
    if std::fs::read_to_string(marker).is_ok_and(|failed_for| failed_for == lock_text) {
        return Err(format!(
            "{why}, and `npm ci` already failed in an earlier build with this package-lock.json"
        ));
    }

    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    // Output is captured, never passed through: cargo reads this script's stdout as instructions.
    let result = Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(npm_dir)
        .output();
    let failure = match result {
        Err(e) => format!("{why}, and npm could not be started ({e})"),
        Ok(output) if !output.status.success() => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
            let tail = last[last.len().saturating_sub(3)..].join(" | ");
            format!("{why}, and `npm ci` failed ({}): {tail}", output.status)
        }
        Ok(_) => {
            let _ = std::fs::remove_file(marker);
            return match installed_version(package_dir) {
                Some(v) if v == version => Ok(()),
                other => Err(format!(
                    "`npm ci` succeeded but installed {PACKAGE} {other:?}, not {version}"
                )),
            };
        }
    };
    // Best effort: if the marker cannot be written the only cost is another attempt next build.
    let _ = std::fs::write(marker, lock_text);
    Err(failure)
}

fn installed_version(package_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(package_dir.join("package.json")).ok()?;
    let manifest: Value = serde_json::from_str(&text).ok()?;
    manifest.get("version")?.as_str().map(str::to_owned)
}

/// Decodes the `countries` object of the topology into projected SVG paths.
fn countries(topology: &Value) -> Result<Vec<Country>, String> {
    let arcs = decode_arcs(topology)?;
    let geometries = topology
        .pointer("/objects/countries/geometries")
        .and_then(Value::as_array)
        .ok_or("no objects.countries.geometries array")?;

    let mut out = Vec::with_capacity(geometries.len());
    for (i, geometry) in geometries.iter().enumerate() {
        let name = geometry
            .pointer("/properties/name")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("geometry #{i} has no properties.name"))?;
        // Three entries (Kosovo, N. Cyprus, Somaliland) have no ISO 3166-1 numeric code in the data.
        let numeric = match geometry.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => format!("{:0>3}", n.to_string()),
            _ => String::new(),
        };
        if SKIPPED_IDS.contains(&numeric.as_str()) {
            continue;
        }
        let context = |e: String| format!("geometry #{i} ({name}): {e}");
        let polygons: Vec<&Value> = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => match geometry.get("arcs") {
                Some(rings) => vec![rings],
                None => return Err(context("no arcs".to_owned())),
            },
            Some("MultiPolygon") => geometry
                .get("arcs")
                .and_then(Value::as_array)
                .ok_or_else(|| context("no arcs array".to_owned()))?
                .iter()
                .collect(),
            // TopoJSON allows null geometries; there is nothing to draw.
            None | Some("null") => continue,
            Some(other) => return Err(context(format!("unexpected geometry type {other}"))),
        };

        let mut path = String::new();
        for polygon in polygons {
            let rings = polygon
                .as_array()
                .ok_or_else(|| context("a polygon is not an array of rings".to_owned()))?;
            for ring in rings {
                let lonlat = fix_antimeridian(assemble_ring(ring, &arcs).map_err(context)?);
                let pieces = split_at_antimeridian(lonlat).unwrap_or_else(|whole| {
                    println!(
                        "cargo::warning=borderwatch-worldmap: a ring of {name} crosses the \
                         antimeridian an odd number of times (it encircles a pole) and may draw a \
                         line across the map"
                    );
                    vec![whole]
                });
                for piece in pieces {
                    write_ring(&mut path, &project_ring(&piece));
                }
            }
        }
        if !path.is_empty() {
            out.push(Country {
                numeric,
                name: name.to_owned(),
                path,
            });
        }
    }
    Ok(out)
}

/// Decodes every arc to absolute longitude/latitude: a quantized topology stores integer deltas to
/// be summed and then scaled and translated by `transform`; an unquantized one stores positions.
fn decode_arcs(topology: &Value) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let transform = match topology.get("transform") {
        Some(t) => {
            let pair = |key: &str| -> Result<[f64; 2], String> {
                let v = t.get(key).and_then(Value::as_array);
                match v
                    .map(|a| a.iter().map(Value::as_f64).collect::<Vec<_>>())
                    .as_deref()
                {
                    Some([Some(a), Some(b)]) => Ok([*a, *b]),
                    _ => Err(format!("transform.{key} is not two numbers")),
                }
            };
            Some((pair("scale")?, pair("translate")?))
        }
        None => None,
    };
    let arcs = topology
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or("no arcs array")?;
    arcs.iter()
        .enumerate()
        .map(|(i, arc)| {
            let positions = arc
                .as_array()
                .ok_or_else(|| format!("arc {i} is not an array"))?;
            let mut sum = [0.0_f64; 2];
            positions
                .iter()
                .map(|p| {
                    let xy = match p.as_array().map(|a| a.as_slice()) {
                        Some([x, y, ..]) => x.as_f64().zip(y.as_f64()),
                        _ => None,
                    };
                    let [x, y] = xy
                        .map(|(x, y)| [x, y])
                        .ok_or_else(|| format!("arc {i} has a bad position"))?;
                    Ok(match transform {
                        Some((scale, translate)) => {
                            sum = [sum[0] + x, sum[1] + y];
                            [
                                sum[0] * scale[0] + translate[0],
                                sum[1] * scale[1] + translate[1],
                            ]
                        }
                        None => [x, y],
                    })
                })
                .collect()
        })
        .collect()
}

/// Joins a ring's arcs (index `~i`, i.e. negative, means arc `i` reversed); consecutive arcs share
/// their end point, which is kept once.
fn assemble_ring(ring: &Value, arcs: &[Vec<[f64; 2]>]) -> Result<Vec<[f64; 2]>, String> {
    let indexes = ring
        .as_array()
        .ok_or("a ring is not an array of arc indexes")?;
    let mut points: Vec<[f64; 2]> = Vec::new();
    for index in indexes {
        let index = index.as_i64().ok_or("an arc index is not an integer")?;
        let (arc_no, reversed) = if index >= 0 {
            (index, false)
        } else {
            (!index, true)
        };
        let arc = usize::try_from(arc_no)
            .ok()
            .and_then(|n| arcs.get(n))
            .ok_or_else(|| format!("arc index {index} is out of range"))?;
        points.pop();
        if reversed {
            points.extend(arc.iter().rev());
        } else {
            points.extend(arc.iter());
        }
    }
    Ok(points)
}

/// Puts points that lie on the antimeridian on the same side as their neighbours.
///
/// world-atlas cuts rings at the antimeridian, but some cut points are written as -180 where the
/// ring lies east of it (Russia's Chukotka coast, one of Fiji's islands), and vice versa. On a
/// sphere that is the same place; on a flat map it draws a line across the whole world. A run of
/// points at ±180 whose neighbours before and after are on the same side is moved to that side; a
/// run between points on different sides (a ring that really goes around the world) is left alone.
fn fix_antimeridian(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let n = ring.len();
    let on_line = |p: &[f64; 2]| (p[0].abs() - 180.0).abs() <= ANTIMERIDIAN_EPS;
    if n == 0 || ring.iter().all(on_line) || !ring.iter().any(on_line) {
        return ring;
    }
    let original = ring.clone();
    for i in 0..n {
        if !on_line(&original[i]) {
            continue;
        }
        let before = (1..n)
            .map(|k| &original[(i + n - k) % n])
            .find(|p| !on_line(p));
        let after = (1..n).map(|k| &original[(i + k) % n]).find(|p| !on_line(p));
        match (before, after) {
            (Some(b), Some(a)) if b[0].signum() == a[0].signum() => {
                ring[i][0] = 180.0 * b[0].signum();
            }
            _ => {}
        }
    }
    ring
}

/// Splits a ring that crosses the antimeridian into the part east of it and the part west of it.
///
/// After [`fix_antimeridian`] most rings in world-atlas 110m lie on one side, but one of Fiji's
/// islands is a single ring that straddles ±180. Every segment whose longitude jumps by more than
/// 180 degrees is taken to cross the antimeridian (a short hop on the sphere); it is cut at the
/// crossing latitude, and the pieces on each side are joined in ring order, so each side's outline
/// runs along the map edge where it was cut. A ring with no such segment is returned as is; one with
/// an odd number of them goes around a pole and cannot be cut this way: it is returned in `Err`.
fn split_at_antimeridian(ring: Vec<[f64; 2]>) -> Result<Vec<Vec<[f64; 2]>>, Vec<[f64; 2]>> {
    let mut open = ring;
    if open.len() > 1 && open.first() == open.last() {
        open.pop();
    }
    let n = open.len();
    let crosses = |i: usize| (open[(i + 1) % n][0] - open[i][0]).abs() > 180.0;
    let crossings: Vec<usize> = (0..n).filter(|&i| crosses(i)).collect();
    if crossings.is_empty() {
        return Ok(vec![open]);
    }
    if crossings.len() % 2 == 1 {
        return Err(open);
    }

    // Start just after a crossing so that each piece is contiguous; pieces alternate sides.
    let start = (crossings[0] + 1) % n;
    let mut pieces: Vec<Vec<[f64; 2]>> = vec![Vec::new()];
    for k in 0..n {
        let i = (start + k) % n;
        let a = open[i];
        if let Some(piece) = pieces.last_mut() {
            piece.push(a);
        }
        if crosses(i) {
            let b = open[(i + 1) % n];
            let side = a[0].signum();
            // Unwrap b's longitude onto a's side, then interpolate the latitude at ±180.
            let b_lon = b[0] + 360.0 * side;
            let span = b_lon - a[0];
            // A segment along the line itself (180 to -180 at one latitude) has no span.
            let lat = if span.abs() < ANTIMERIDIAN_EPS {
                a[1]
            } else {
                a[1] + (180.0 * side - a[0]) / span * (b[1] - a[1])
            };
            if let Some(piece) = pieces.last_mut() {
                piece.push([180.0 * side, lat]);
            }
            pieces.push(vec![[-180.0 * side, lat]]);
        }
    }
    // The walk ends on the crossing it started after, which opened a piece holding only the point
    // where the first piece enters: move that point to the front of the first piece.
    let entry = pieces.pop().unwrap_or_default();
    if let Some(first) = pieces.first_mut() {
        first.splice(0..0, entry);
    }

    let mut sides = [Vec::new(), Vec::new()];
    for (k, piece) in pieces.into_iter().enumerate() {
        sides[k % 2].extend(piece);
    }
    Ok(sides.into_iter().filter(|s| !s.is_empty()).collect())
}

/// Projects, rounds to tenths of a unit (kept as integers so that equality is exact), drops repeated
/// points and points within `MIN_STEP_TENTHS` of the previous one, and drops the closing point (the
/// path's `Z` closes the ring). Rings left with fewer than three points are dropped.
fn project_ring(ring: &[[f64; 2]]) -> Vec<[i32; 2]> {
    let max = [
        (projection::WIDTH * 10.0) as i32,
        (projection::HEIGHT * 10.0) as i32,
    ];
    let mut out: Vec<[i32; 2]> = Vec::with_capacity(ring.len());
    for &[lon, lat] in ring {
        let (x, y) = projection::project(lon, lat);
        let p = [
            ((x * 10.0).round() as i32).clamp(0, max[0]),
            ((y * 10.0).round() as i32).clamp(0, max[1]),
        ];
        if let Some(last) = out.last() {
            let (dx, dy) = ((p[0] - last[0]).abs(), (p[1] - last[1]).abs());
            if (dx == 0 && dy == 0) || (dx < MIN_STEP_TENTHS && dy < MIN_STEP_TENTHS) {
                continue;
            }
        }
        out.push(p);
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    if out.len() < 3 {
        out.clear();
    }
    out
}

/// Appends one ring as `M x,y L x,y … Z` (absolute commands; an explicit `L` per point costs no
/// more than a separator and keeps the data trivial to parse).
fn write_ring(path: &mut String, points: &[[i32; 2]]) {
    for (k, p) in points.iter().enumerate() {
        path.push(if k == 0 { 'M' } else { 'L' });
        write_tenths(path, p[0]);
        path.push(',');
        write_tenths(path, p[1]);
    }
    if !points.is_empty() {
        path.push('Z');
    }
}

/// Writes a non-negative number of tenths as a decimal without a useless `.0`.
fn write_tenths(out: &mut String, tenths: i32) {
    let _ = write!(out, "{}", tenths / 10);
    if tenths % 10 != 0 {
        let _ = write!(out, ".{}", tenths % 10);
    }
}

fn generate(countries: &[Country], available: bool, version: &str) -> Result<String, String> {
    let mut s = String::new();
    let fmt = |e: std::fmt::Error| format!("formatting the generated source: {e}");
    writeln!(
        s,
        "// Generated by build.rs from {PACKAGE} {version} {DATA_FILE}. Do not edit.\n"
    )
    .map_err(fmt)?;
    writeln!(s, "static COUNTRIES: &[Country] = &[").map_err(fmt)?;
    for c in countries {
        // `{:?}` of a `str` is a valid Rust string literal.
        writeln!(
            s,
            "    Country {{ numeric: {:?}, name: {:?}, path: {:?} }},",
            c.numeric, c.name, c.path
        )
        .map_err(fmt)?;
    }
    writeln!(s, "];\n\nconst OUTLINES_AVAILABLE: bool = {available};").map_err(fmt)?;
    Ok(s)
}
