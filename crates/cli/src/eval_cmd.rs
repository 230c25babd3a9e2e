//! `borderwatch eval`: reads texts and gold files, runs the extraction it is given on every report
//! that has both, and prints the scores of `shared/eval/SCHEMA.md` (table or JSON, optionally with
//! the error listing, the dev or held half, the figures by file). The scoring itself lives in
//! `borderwatch-eval`; this module owns only the I/O.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use borderwatch_eval::{
    EvalError, Half, PartScores, ScoredItem, Scores, TextRecord, join, parse_gold, parse_texts,
    render_errors, render_parts, render_table, score, score_parts,
};
use borderwatch_extract::normalize::normalize;
use borderwatch_extract::{Claim, NormalizeOptions};
use serde::Serialize;

/// Score extraction against gold annotations.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Texts file (JSON Lines: id, text, published or date, …). Repeatable.
    #[arg(long = "texts", value_name = "T.jsonl", required = true)]
    pub texts: Vec<PathBuf>,
    /// Gold file (JSON Lines: id, events). Repeatable; joined with the texts by id.
    #[arg(long = "gold", value_name = "G.jsonl", required = true)]
    pub gold: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list misses, false alarms, dangerous errors and failures with their sentences.
    #[arg(long)]
    pub errors: bool,
    /// Score only the first N joined reports (in gold order; after --half).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Score one half of the reports: `dev` (first byte of the SHA-256 of the id even), the half to
    /// develop on, or `held` (odd), measured only when a change is finished. Default: all reports.
    #[arg(long, value_enum, value_name = "HALF")]
    pub half: Option<HalfArg>,
    /// Also give the headline figures of each texts file and each gold file.
    #[arg(long)]
    pub by_file: bool,
}

/// `--half`: the halves of `borderwatch_eval::split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HalfArg {
    Dev,
    Held,
}

impl From<HalfArg> for Half {
    fn from(h: HalfArg) -> Half {
        match h {
            HalfArg::Dev => Half::Dev,
            HalfArg::Held => Half::Held,
        }
    }
}

#[derive(Serialize)]
struct Output<'a> {
    /// The half scored, or null for all reports.
    half: Option<Half>,
    /// Reports with both text and gold, before --half and --limit.
    joined_reports: usize,
    scores: &'a Scores,
    /// With --by-file: the figures of each texts file and each gold file (errors listed in `scores`).
    #[serde(skip_serializing_if = "Option::is_none")]
    by_texts_file: Option<&'a [PartScores]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by_gold_file: Option<&'a [PartScores]>,
    gold_without_text: &'a [String],
    text_without_gold: &'a [String],
    duplicate_ids: &'a [String],
}

/// Runs the evaluation. `extract` is the extraction under test; an `Err` (or a panic) on a report
/// counts as a failure of that report, not of the run.
pub fn run(
    args: &EvalArgs,
    extract: &dyn Fn(&TextRecord) -> Result<Vec<Claim>, String>,
) -> anyhow::Result<()> {
    let (texts, text_file) = read_all(&args.texts, "texts", parse_texts, |t| &t.id)?;
    let (gold, gold_file) = read_all(&args.gold, "gold", parse_gold, |g| &g.id)?;

    let mut joined = join(texts, gold);
    report_unjoined("gold without text (not scored)", &joined.gold_without_text);
    report_unjoined("text without gold (not scored)", &joined.text_without_gold);
    report_unjoined(
        "ids given more than once (first kept)",
        &joined.duplicate_ids,
    );
    let joined_reports = joined.items.len();
    if joined_reports == 0 {
        bail!("no report has both a text and a gold record: check that --texts and --gold match");
    }
    let half = args.half.map(Half::from);
    if let Some(h) = half {
        joined.items.retain(|(t, _)| Half::of(&t.id) == h);
        if joined.items.is_empty() {
            bail!(
                "none of the {joined_reports} joined reports is in the {} half",
                h.name()
            );
        }
    }
    if let Some(n) = args.limit {
        joined.items.truncate(n);
    }

    let items: Vec<ScoredItem> = joined
        .items
        .into_iter()
        .map(|(text, gold)| {
            // A panicking extractor is a bug to report on that report, not a reason to lose the run.
            let result = catch_unwind(AssertUnwindSafe(|| extract(&text))).unwrap_or_else(|p| {
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                Err(format!("extract panicked: {msg}"))
            });
            ScoredItem {
                gold,
                text: display_text(text.text),
                result,
            }
        })
        .collect();

    let mut scores = score(&items);
    if !args.errors {
        scores.errors.clear();
    }
    let by_file = |files: &HashMap<String, String>| {
        let mut parts = score_parts(&items, |i| {
            files.get(&i.gold.id).cloned().unwrap_or_default()
        });
        // The error listing belongs to the whole run; repeating it per file would double it.
        parts.iter_mut().for_each(|p| p.scores.errors.clear());
        parts
    };
    let (by_texts_file, by_gold_file) = if args.by_file {
        (Some(by_file(&text_file)), Some(by_file(&gold_file)))
    } else {
        (None, None)
    };
    if args.json {
        let out = Output {
            half,
            joined_reports,
            scores: &scores,
            by_texts_file: by_texts_file.as_deref(),
            by_gold_file: by_gold_file.as_deref(),
            gold_without_text: &joined.gold_without_text,
            text_without_gold: &joined.text_without_gold,
            duplicate_ids: &joined.duplicate_ids,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if args.errors {
            print!("{}", render_errors(&scores));
        }
        if let Some(h) = half {
            println!(
                "half {}: {} of {} joined reports (first byte of SHA-256 of the id {})",
                h.name(),
                scores.reports,
                joined_reports,
                match h {
                    Half::Dev => "even",
                    Half::Held => "odd",
                }
            );
        }
        print!("{}", render_table(&scores));
        for (title, parts) in [
            ("by texts file", &by_texts_file),
            ("by gold file", &by_gold_file),
        ] {
            if let Some(parts) = parts {
                println!();
                print!("{}", render_parts(title, parts, &scores));
            }
        }
    }
    Ok(())
}

/// Reads and parses every file of one kind (`what`: texts or gold). Returns the records and, for
/// --by-file, the label of the file each id came from (the first, as `join` keeps the first).
fn read_all<R>(
    paths: &[PathBuf],
    what: &str,
    parse: fn(&str, &str) -> Result<Vec<R>, EvalError>,
    id_of: fn(&R) -> &str,
) -> anyhow::Result<(Vec<R>, HashMap<String, String>)> {
    let mut records = Vec::new();
    let mut file_of: HashMap<String, String> = HashMap::new();
    for (path, label) in paths.iter().zip(file_labels(paths)) {
        let name = path.display().to_string();
        let content =
            std::fs::read_to_string(path).with_context(|| format!("reading {what} {name}"))?;
        let parsed = parse(&name, &content)?;
        for r in &parsed {
            file_of
                .entry(id_of(r).to_string())
                .or_insert_with(|| label.clone());
        }
        records.extend(parsed);
    }
    Ok((records, file_of))
}

/// A label per file for --by-file: the file name, or the whole path when two files share a name.
fn file_labels(paths: &[PathBuf]) -> Vec<String> {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let names: Vec<String> = paths.iter().map(|p| name(p)).collect();
    let unique = names
        .iter()
        .all(|n| names.iter().filter(|m| *m == n).count() == 1);
    if unique {
        names
    } else {
        paths.iter().map(|p| p.display().to_string()).collect()
    }
}

/// The text the claims' evidence spans index: extraction's normalized text (white space and Unicode
/// cleaned up), so that the error listing quotes the right sentence. Falls back to the raw text when
/// normalization refuses it (that report is then a failure anyway).
fn display_text(raw: String) -> String {
    match normalize(raw.as_bytes(), &NormalizeOptions::default()) {
        Ok(n) => n.text,
        Err(_) => raw,
    }
}

/// Names unjoined ids on stderr (the first few; the count always).
fn report_unjoined(what: &str, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    const SHOWN: usize = 10;
    let shown: Vec<&str> = ids.iter().take(SHOWN).map(String::as_str).collect();
    let more = if ids.len() > SHOWN { ", …" } else { "" };
    eprintln!("warning: {} {what}: {}{more}", ids.len(), shown.join(", "));
}
