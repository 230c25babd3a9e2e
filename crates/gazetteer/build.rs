//! Compiles the built-in data into the crate: every `data/crossings/*.toml` (sorted by name) and
//! `data/countries.toml`, as `(file name, contents)` pairs, so errors can name the file they come from.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    if let Err(e) = run() {
        // A build script reports failure by exiting non-zero; the message tells which file is at fault.
        eprintln!("borderwatch-gazetteer build.rs: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest =
        std::env::var("CARGO_MANIFEST_DIR").map_err(|e| format!("CARGO_MANIFEST_DIR: {e}"))?;
    let data = Path::new(&manifest).join("data");
    let dir = data.join("crossings");
    println!("cargo::rerun-if-changed={}", dir.display());

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();

    let mut out = String::from(
        "/// `(file name, contents)` of every built-in crossings file, sorted by name.\n",
    );
    out.push_str("pub(crate) static CROSSING_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("non-UTF-8 file name {}", path.display()))?;
        let abs = path
            .to_str()
            .ok_or_else(|| format!("non-UTF-8 path {}", path.display()))?;
        writeln!(out, "    ({name:?}, include_str!({abs:?})),").map_err(|e| e.to_string())?;
    }
    out.push_str("];\n");

    let countries = data.join("countries.toml");
    println!("cargo::rerun-if-changed={}", countries.display());
    let abs = countries
        .to_str()
        .ok_or_else(|| format!("non-UTF-8 path {}", countries.display()))?;
    writeln!(
        out,
        "/// `(file name, contents)` of the country table.\npub(crate) static COUNTRIES_FILE: (&str, &str) = (\"countries.toml\", include_str!({abs:?}));"
    )
    .map_err(|e| e.to_string())?;

    let out_dir = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    let target = Path::new(&out_dir).join("builtin_data.rs");
    std::fs::write(&target, out).map_err(|e| format!("writing {}: {e}", target.display()))
}
