//! The `borderwatch` command line. Each subcommand lives in its own module; this file parses arguments,
//! loads the gazetteer once, and turns errors into messages and exit codes.

mod crossings_cmd;
mod eval_cmd;
mod extract_cmd;

use anyhow::Context;
use borderwatch_gazetteer::Gazetteer;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// borderwatch: is a border crossing open right now, since when, for whom, and on whose word.
#[derive(Debug, Parser)]
#[command(name = "borderwatch", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract border-crossing status claims from a report (or a JSONL batch).
    Extract(extract_cmd::ExtractArgs),
    /// Score extraction against gold annotations (shared/eval/SCHEMA.md).
    Eval(eval_cmd::EvalArgs),
    /// List and search the crossings borderwatch knows; --stats for the coverage report.
    Crossings(crossings_cmd::CrossingsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("borderwatch: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let gaz = Gazetteer::builtin();
    match cli.command {
        Command::Extract(args) => extract_cmd::run(&args, gaz),
        Command::Eval(args) => {
            let opts = borderwatch_extract::NormalizeOptions::default();
            let extract = |t: &borderwatch_eval::TextRecord| {
                let item = extract_cmd::BatchItem {
                    id: Some(t.id.clone()),
                    text: t.text.clone(),
                    title: t.title.clone(),
                    published: t.published.clone(),
                    url: t.url.clone(),
                    outlet: t.outlet.clone(),
                };
                let report = extract_cmd::batch_report(&item, &opts)?;
                Ok(borderwatch_extract::extract(&report, gaz))
            };
            eval_cmd::run(&args, &extract).context("eval")?;
            Ok(0)
        }
        Command::Crossings(args) => crossings_cmd::run(&args, gaz),
    }
}
