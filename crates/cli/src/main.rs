//! The `borderwatch` command line. Each subcommand lives in its own module; this file parses arguments,
//! loads the gazetteer once, and turns errors into messages and exit codes.

mod crossings_cmd;
mod eval_cmd;
mod events_cmd;
mod export_cmd;
mod extract_cmd;
mod import_cmd;
mod ingest_cmd;
mod inputs;
mod publish_cmd;
mod serve_cmd;
mod status_cmd;
mod store_arg;
mod stream;
mod timeline_cmd;
mod watch_cmd;
mod worker_cmd;

use anyhow::Context;
use borderwatch_gazetteer::Gazetteer;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// borderwatch: is a border crossing open right now, since when, for whom, and on whose word.
#[derive(Debug, Parser)]
#[command(name = "borderwatch", version, about, long_about = None)]
struct Cli {
    /// The user gazetteer that extends the built-in one (written by `borderwatch import`)
    /// [default: $XDG_DATA_HOME/borderwatch/gazetteer.toml or ~/.local/share/borderwatch/gazetteer.toml].
    #[arg(long, global = true, value_name = "PATH")]
    gazetteer: Option<std::path::PathBuf>,
    /// The SQLite store file for ingest, status, timeline, events, export and serve; short for
    /// --store sqlite:PATH [default: $BORDERWATCH_STORE, else $XDG_DATA_HOME/borderwatch/borderwatch.db
    /// or ~/.local/share/borderwatch/borderwatch.db].
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "store")]
    db: Option<std::path::PathBuf>,
    /// The store: sqlite:PATH, or postgres://[USER@]HOST[:PORT]/DATABASE[?schema=NAME] for the shared
    /// store [env: BORDERWATCH_STORE].
    #[arg(long, global = true, value_name = "STORE")]
    store: Option<String>,
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
    /// Load public dumps (UN/LOCODE, Wikidata JSON, OSM GeoJSON, CSV) into the user gazetteer.
    Import(import_cmd::ImportArgs),
    /// Store reports (files, directories, JSONL, stdin) with their claims; refresh events and timelines.
    Ingest(ingest_cmd::IngestArgs),
    /// Status of a crossing (or of a country's crossings) on a day: since when, on whose word, conflicts.
    Status(status_cmd::StatusArgs),
    /// A crossing's status history as a chart, one bar per interval.
    Timeline(timeline_cmd::TimelineArgs),
    /// List fused events, by date, crossing or country.
    Events(events_cmd::EventsArgs),
    /// Every crossing with its status as GeoJSON or CSV (optionally with HXL hashtags).
    Export(export_cmd::ExportArgs),
    /// Put reports on the JetStream stream for workers (what ingest reads, not stored here).
    Publish(publish_cmd::PublishArgs),
    /// Pull reports from the JetStream stream: extract, store and fuse them (several may run at once).
    Worker(worker_cmd::WorkerArgs),
    /// Serve the store over HTTP: web map, crossing pages, JSON API, Atom feeds, webhooks.
    Serve(serve_cmd::ServeArgs),
    /// Serve bundled sample reports from a temporary store and print the address.
    Demo(serve_cmd::DemoArgs),
    /// Follow news sources (feeds, sitemaps, listing pages, GDELT) and ingest what is new (or, with
    /// --publish, put it on the stream for workers).
    Watch(watch_cmd::WatchArgs),
    /// The sources watch has followed: last fetch, success and error, items, reports and claims.
    Sources(watch_cmd::SourcesArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        // The reader went away (`borderwatch status | head`): nothing left to say, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("borderwatch: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The built-in gazetteer, extended by the user gazetteer when there is one.
/// It lives as long as the process, like the built-in one, hence the leak.
fn load_gazetteer(path: Option<&std::path::Path>) -> anyhow::Result<&'static Gazetteer> {
    let builtin = Gazetteer::builtin();
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => match import_cmd::default_gazetteer_path() {
            Ok(p) => p,
            Err(_) => return Ok(builtin),
        },
    };
    let extra = import_cmd::read_user_file(&path)?;
    if extra.is_empty() {
        return Ok(builtin);
    }
    let gaz = builtin.extended(extra).with_context(|| {
        format!(
            "the user gazetteer {} does not fit the built-in one",
            path.display()
        )
    })?;
    Ok(Box::leak(Box::new(gaz)))
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    if let Command::Import(args) = &cli.command {
        import_cmd::run(args)?;
        return Ok(0);
    }
    let gaz = load_gazetteer(cli.gazetteer.as_deref())?;
    let open_store = || store_arg::open(cli.store.as_deref(), cli.db.as_deref());
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
                    language: None,
                };
                let report = extract_cmd::batch_report(&item, &opts)?;
                Ok(borderwatch_extract::extract(&report, gaz))
            };
            eval_cmd::run(&args, &extract).context("eval")?;
            Ok(0)
        }
        Command::Crossings(args) => crossings_cmd::run(&args, gaz),
        Command::Ingest(args) => ingest_cmd::run(&args, &mut *open_store()?, gaz),
        Command::Status(args) => status_cmd::run(&args, &mut *open_store()?, gaz),
        Command::Timeline(args) => timeline_cmd::run(&args, &mut *open_store()?, gaz),
        Command::Events(args) => events_cmd::run(&args, &mut *open_store()?, gaz),
        Command::Publish(args) => publish_cmd::run(&args),
        Command::Worker(args) => worker_cmd::run(&args, &mut *open_store()?, gaz),
        Command::Export(args) => export_cmd::run(&args, &mut *open_store()?, gaz),
        Command::Serve(args) => {
            let location = store_arg::location(cli.store.as_deref(), cli.db.as_deref())?;
            serve_cmd::serve(&args, location, gaz)
        }
        Command::Demo(args) => serve_cmd::demo(&args, gaz),
        Command::Watch(args) => watch_cmd::run(
            &args,
            store_arg::location(cli.store.as_deref(), cli.db.as_deref())?,
            gaz,
        ),
        Command::Sources(args) => watch_cmd::sources(
            &args,
            &*store_arg::open_watch(cli.store.as_deref(), cli.db.as_deref())?,
        ),
        Command::Import(_) => unreachable!("handled above"),
    }
}
