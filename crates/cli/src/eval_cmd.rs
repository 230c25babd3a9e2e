//! `borderwatch eval`: reads texts and gold files, runs the extraction it is given on every report
//! that has both, and prints the scores of `shared/eval/SCHEMA.md` (table or JSON, optionally with
//! the error listing). The scoring itself lives in `borderwatch-eval`; this module owns only the I/O.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use anyhow::{Context, bail};
use borderwatch_eval::{
    GoldRecord, ScoredItem, Scores, TextRecord, join, parse_gold, parse_texts, render_errors,
    render_table, score,
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
    /// Score only the first N joined reports (in gold order).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Serialize)]
struct Output<'a> {
    scores: &'a Scores,
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
    let mut texts: Vec<TextRecord> = Vec::new();
    for path in &args.texts {
        let name = path.display().to_string();
        let content =
            std::fs::read_to_string(path).with_context(|| format!("reading texts {name}"))?;
        texts.extend(parse_texts(&name, &content)?);
    }
    let mut gold: Vec<GoldRecord> = Vec::new();
    for path in &args.gold {
        let name = path.display().to_string();
        let content =
            std::fs::read_to_string(path).with_context(|| format!("reading gold {name}"))?;
        gold.extend(parse_gold(&name, &content)?);
    }

    let mut joined = join(texts, gold);
    report_unjoined("gold without text (not scored)", &joined.gold_without_text);
    report_unjoined("text without gold (not scored)", &joined.text_without_gold);
    report_unjoined(
        "ids given more than once (first kept)",
        &joined.duplicate_ids,
    );
    if let Some(n) = args.limit {
        joined.items.truncate(n);
    }
    if joined.items.is_empty() {
        bail!("no report has both a text and a gold record: check that --texts and --gold match");
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
    if args.json {
        let out = Output {
            scores: &scores,
            gold_without_text: &joined.gold_without_text,
            text_without_gold: &joined.text_without_gold,
            duplicate_ids: &joined.duplicate_ids,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if args.errors {
            print!("{}", render_errors(&scores));
        }
        print!("{}", render_table(&scores));
    }
    Ok(())
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
