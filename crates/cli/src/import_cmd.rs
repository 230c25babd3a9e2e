//! `borderwatch import`: reads crossing dumps (UN/LOCODE, Wikidata JSON, OSM GeoJSON, borderwatch CSV),
//! merges them into the user's gazetteer file, and reports what was added, merged and rejected.
//!
//! This module owns the I/O around the pure importers in `borderwatch_gazetteer::import`: reading
//! files, decoding text, finding the user gazetteer file, and writing it atomically (a temporary file
//! in the same directory, then a rename), so an interrupted import never leaves half a file.

use anyhow::{Context, Result, bail};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_gazetteer::import::{self, Format, ImportOutcome, unlocode::Subdivisions};
use std::path::{Path, PathBuf};

/// Arguments of `borderwatch import`.
#[derive(Clone, Debug, clap::Args)]
pub struct ImportArgs {
    /// Files to import, in order (a later file can merge into crossings an earlier one added).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Input format; guessed from each file's contents and name when omitted.
    #[arg(long, value_parser = parse_format)]
    pub format: Option<Format>,

    /// UN/LOCODE subdivision list (`unece-subdivision-codes-*.csv`, Latin-1), to name regions.
    #[arg(long, value_name = "FILE")]
    pub subdivisions: Option<PathBuf>,

    /// The user gazetteer file [default: $XDG_DATA_HOME/borderwatch/gazetteer.toml, or
    /// ~/.local/share/borderwatch/gazetteer.toml].
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Option<PathBuf>,

    /// Report what would change without writing the user gazetteer.
    #[arg(long)]
    pub dry_run: bool,

    /// Print the full outcome (every added, merged and rejected row) as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    Format::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format {s:?}; expected one of {}", names.join(", "))
    })
}

/// The default user gazetteer path: `<data dir>/borderwatch/gazetteer.toml`, where the data dir is
/// `$XDG_DATA_HOME` when set to an absolute path, else `~/.local/share`.
pub fn default_gazetteer_path() -> Result<PathBuf> {
    data_dir().map(|d| d.join("borderwatch").join("gazetteer.toml"))
}

fn data_dir() -> Result<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from)
        && xdg.is_absolute()
    {
        return Ok(xdg);
    }
    match std::env::var_os("HOME").map(PathBuf::from) {
        Some(home) if home.is_absolute() => Ok(home.join(".local").join("share")),
        _ => bail!(
            "cannot find the data directory: neither XDG_DATA_HOME nor HOME is set; pass --gazetteer PATH"
        ),
    }
}

/// Reads the user gazetteer file; a missing file is an empty gazetteer.
pub fn read_user_file(path: &Path) -> Result<Vec<borderwatch_gazetteer::Crossing>> {
    match std::fs::read_to_string(path) {
        Ok(text) => import::from_toml(&text).with_context(|| format!("reading {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Writes `text` to `path` through a temporary file in the same directory and a rename.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let file_name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, text)
        .with_context(|| format!("writing {}", tmp.display()))
        .and_then(|()| {
            std::fs::rename(&tmp, path)
                .with_context(|| format!("replacing {} with {}", path.display(), tmp.display()))
        });
    if result.is_err() {
        // Best effort: do not leave the temporary file behind; the error above is the one to report.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if bytes.starts_with(b"BZh") || bytes.starts_with(&[0x1f, 0x8b]) {
        bail!(
            "{} is compressed; decompress it first (for example `bzcat FILE > FILE.csv`)",
            path.display()
        );
    }
    Ok(import::decode_utf8_or_latin1(&bytes))
}

/// What one file gave.
#[derive(serde::Serialize)]
struct FileReport {
    file: String,
    format: Format,
    rows: usize,
    #[serde(flatten)]
    outcome: ImportOutcome,
}

/// Runs `borderwatch import`.
pub fn run(args: &ImportArgs) -> Result<()> {
    let user_path = match &args.gazetteer {
        Some(p) => p.clone(),
        None => default_gazetteer_path()?,
    };
    let subdivisions = match &args.subdivisions {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            Some(Subdivisions::parse(&import::decode_latin1(&bytes)))
        }
        None => None,
    };
    let mut user = read_user_file(&user_path)?;
    let builtin = Gazetteer::try_builtin()
        .map_err(|e| anyhow::anyhow!("the built-in gazetteer is invalid: {e}"))?;
    let mut current = builtin
        .extended(user.clone())
        .with_context(|| format!("loading {}", user_path.display()))?;

    let mut reports = Vec::new();
    for path in &args.files {
        let text = read_text(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let format = match args.format {
            Some(f) => f,
            None => Format::guess(&name, &text).with_context(|| {
                format!(
                    "{}: cannot tell the format; pass --format unlocode|wikidata|geojson|csv",
                    path.display()
                )
            })?,
        };
        let parsed = import::parse(format, &text, &current, &name, subdivisions.as_ref())
            .with_context(|| format!("importing {}", path.display()))?;
        let rows = parsed.rows;
        let outcome = import::merge_parsed(&current, parsed);
        // Later files see what earlier ones added; the user file keeps every changed crossing.
        for c in &outcome.crossings {
            match user.iter_mut().find(|u| u.id == c.id) {
                Some(u) => *u = c.clone(),
                None => user.push(c.clone()),
            }
        }
        current = current
            .extended(outcome.crossings.clone())
            .with_context(|| format!("adding the crossings of {}", path.display()))?;
        reports.push(FileReport {
            file: path.display().to_string(),
            format,
            rows,
            outcome,
        });
    }

    let changed = reports.iter().any(|r| !r.outcome.crossings.is_empty());
    if changed && !args.dry_run {
        write_atomically(&user_path, &import::to_toml(&user))?;
    }

    if args.json {
        let doc = serde_json::json!({
            "gazetteer": user_path.display().to_string(),
            "written": changed && !args.dry_run,
            "files": reports,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    for r in &reports {
        print_summary(r);
    }
    match (changed, args.dry_run) {
        (true, true) => println!("dry run: {} not written", user_path.display()),
        (true, false) => println!("wrote {} ({} crossings)", user_path.display(), user.len()),
        (false, _) => println!("nothing changed; {} left as it was", user_path.display()),
    }
    Ok(())
}

/// How many rejected rows are listed by reason before the rest is summarised.
const SHOWN: usize = 10;

fn print_summary(r: &FileReport) {
    let o = &r.outcome;
    println!(
        "{} ({}): {} rows → {} added ({} rows), {} rows merged into {} crossings, {} rejected",
        r.file,
        r.format,
        r.rows,
        o.added.len(),
        o.added_rows(),
        o.merged_rows(),
        o.merged.len(),
        o.rejected.len()
    );
    for a in o.added.iter().take(SHOWN) {
        println!(
            "  + {:<40} {}–{}  {}",
            a.id, a.countries[0], a.countries[1], a.name
        );
    }
    if o.added.len() > SHOWN {
        println!("  + … {} more (--json lists all)", o.added.len() - SHOWN);
    }
    for m in o.merged.iter().take(SHOWN) {
        let mut what = Vec::new();
        if !m.new_aliases.is_empty() {
            what.push(format!("aliases {}", m.new_aliases.join(", ")));
        }
        if !m.new_sources.is_empty() {
            what.push(format!("sources {}", m.new_sources.join(", ")));
        }
        if m.new_coordinates {
            what.push("coordinates".to_string());
        }
        if what.is_empty() {
            what.push("nothing new".to_string());
        }
        println!("  = {:<40} {}", m.id, what.join("; "));
    }
    if o.merged.len() > SHOWN {
        println!("  = … {} more (--json lists all)", o.merged.len() - SHOWN);
    }
    // Group rejections by reason kind so a thousand rows without coordinates read as one line.
    let mut by_kind: Vec<(String, usize, &str)> = Vec::new();
    for rej in &o.rejected {
        let kind = serde_json::to_value(&rej.reason)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
            .unwrap_or_default();
        match by_kind.iter_mut().find(|(k, _, _)| *k == kind) {
            Some(entry) => entry.1 += 1,
            None => by_kind.push((kind, 1, rej.record.as_str())),
        }
    }
    for (kind, n, example) in &by_kind {
        let example_reason = o
            .rejected
            .iter()
            .find(|x| x.record == *example)
            .map(|x| x.reason.to_string())
            .unwrap_or_default();
        println!("  ! {n} × {kind}: e.g. {example}: {example_reason}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!(parse_format("CSV"), Ok(Format::Csv));
        assert!(parse_format("xml").is_err_and(|e| e.contains("unlocode")));
    }

    #[test]
    fn atomic_write_replaces_the_file() {
        let dir = std::env::temp_dir().join(format!("bw-import-test-{}", std::process::id()));
        let path = dir.join("sub").join("gazetteer.toml");
        write_atomically(&path, "one").unwrap_or_else(|e| panic!("{e:#}"));
        write_atomically(&path, "two").unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("two"));
        let leftovers = std::fs::read_dir(path.parent().unwrap_or(&dir))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "temporary file left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_user_file_is_empty() {
        let p = std::env::temp_dir().join("bw-import-test-does-not-exist.toml");
        assert!(read_user_file(&p).is_ok_and(|v| v.is_empty()));
    }
}
