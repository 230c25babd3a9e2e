//! `borderwatch watch` (follow news sources and ingest what is new) and `borderwatch sources` (what
//! was followed, and how it went).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use borderwatch_fetch::{FetchOptions, Fetcher, Guard, SystemResolver};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{SeenItem, SourceLog, SqliteStore};
use borderwatch_watch::config::parse_range;
use borderwatch_watch::{PollReport, Sources, StoreSink, Watcher};

/// Follow news sources: feeds, sitemaps, listing pages, the GDELT stream.
#[derive(Debug, Clone, clap::Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub from: SourceArgs,
    /// Poll every source once, ingest what is new, print a summary and exit
    /// (exit code 3 when a source could not be read).
    #[arg(long)]
    pub once: bool,
    /// With --once: the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Where the sources to follow come from (shared by `watch` and `serve --watch`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SourceArgs {
    /// The sources file (format: examples/sources.toml).
    #[arg(long, value_name = "FILE")]
    pub sources: Option<PathBuf>,
    /// A feed (RSS, Atom or JSON Feed) to follow, besides the file's sources; repeatable.
    #[arg(long = "feed", value_name = "URL")]
    pub feeds: Vec<String>,
    /// An address range fetching may reach although it is private, loopback or link-local
    /// (e.g. 127.0.0.0/8 for a feed on this machine); repeatable.
    #[arg(long = "allow", value_name = "CIDR")]
    pub allow: Vec<String>,
    /// Do not read robots.txt (only for your own sites).
    #[arg(long)]
    pub ignore_robots: bool,
}

/// The sources to follow: the file's, then one per `--feed`.
pub fn load_sources(args: &SourceArgs) -> anyhow::Result<Sources> {
    let mut sources = match &args.sources {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the sources file {}", path.display()))?;
            borderwatch_watch::parse_sources(&text, &path.display().to_string())?
        }
        None => Sources {
            respect_robots: true,
            ..Sources::default()
        },
    };
    for url in &args.feeds {
        // Validated like a file's source, so a bad URL gets the same message.
        let one = format!("[[source]]\nname = {url:?}\nkind = \"feed\"\nurl = {url:?}\n");
        let parsed = borderwatch_watch::parse_sources(&one, "--feed")
            .map_err(|e| anyhow::anyhow!("--feed {url}: {}", e.reason))?;
        sources.sources.extend(parsed.sources);
    }
    for range in &args.allow {
        sources
            .allow
            .push(parse_range(range).map_err(|e| anyhow::anyhow!("--allow: {e}"))?);
    }
    if args.ignore_robots {
        sources.respect_robots = false;
    }
    if sources.sources.is_empty() {
        anyhow::bail!("nothing to watch: give --sources FILE or --feed URL");
    }
    Ok(sources)
}

/// The fetcher the sources ask for.
pub fn fetcher(sources: &Sources) -> anyhow::Result<Arc<Fetcher>> {
    let opts = FetchOptions {
        respect_robots: sources.respect_robots,
        ..FetchOptions::default()
    };
    let guard = Guard::new(sources.allow.clone());
    Ok(Arc::new(Fetcher::new(
        opts,
        guard,
        Arc::new(SystemResolver),
    )?))
}

pub fn run(args: &WatchArgs, store: SqliteStore, gaz: &'static Gazetteer) -> anyhow::Result<i32> {
    crate::serve_cmd::init_log();
    let sources = load_sources(&args.from)?;
    let fetcher = fetcher(&sources)?;
    let sink = Arc::new(StoreSink::new(store, gaz));
    let progress = progress_bar();
    let mut watcher = Watcher::new(fetcher, sink.clone());
    if let Some(bar) = &progress {
        let bar = bar.clone();
        watcher = watcher.with_progress(Arc::new(move |item: &SeenItem| {
            bar.inc(1);
            bar.set_message(format!("{}: {}", item.source, item.url));
        }));
    }
    let watcher = Arc::new(watcher);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    if args.once {
        let reports = rt.block_on(watcher.poll_all(&sources.sources));
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        print_summary(&reports, args.json)?;
        let failed = reports.iter().any(|r| r.error.is_some());
        return Ok(if failed { 3 } else { 0 });
    }
    eprintln!(
        "borderwatch: watching {} source(s); Ctrl-C or SIGTERM stops after the polls in flight",
        sources.sources.len()
    );
    rt.block_on(async {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let bar = progress.clone();
        let on_poll: Arc<dyn Fn(&PollReport) + Send + Sync> =
            Arc::new(move |r: &PollReport| match &bar {
                Some(bar) => bar.println(summary_line(r)),
                None => eprintln!("{}", summary_line(r)),
            });
        let running = tokio::spawn(watcher.run(sources.sources.clone(), stop_rx, on_poll));
        borderwatch_server::stop_signal().await;
        eprintln!("borderwatch: stopping; finishing the polls in flight");
        let _ = stop_tx.send(true);
        let _ = running.await;
    });
    Ok(0)
}

/// A spinner counting the items read, on a terminal only (a first run of many sources reads hundreds
/// of articles at a polite pace).
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos} item(s) read · {msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

fn summary_line(r: &PollReport) -> String {
    match &r.error {
        Some(e) => format!("{}: not read: {e}", r.source),
        None if r.not_modified => format!("{}: unchanged (304)", r.source),
        None => format!(
            "{}: {} listed, {} new: {} report(s), {} copy(ies), {} in another language, {} failed; {} claim(s)",
            r.source, r.listed, r.new, r.reports, r.copies, r.other_language, r.failed, r.claims
        ),
    }
}

fn print_summary(reports: &[PollReport], json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, reports)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        return Ok(());
    }
    for r in reports {
        std::io::Write::write_all(&mut out, format!("{}\n", summary_line(r)).as_bytes())?;
    }
    Ok(())
}

/// List the sources watch has followed, with their last fetch, success and error and their counts.
#[derive(Debug, Clone, clap::Args)]
pub struct SourcesArgs {
    #[arg(long)]
    pub json: bool,
}

pub fn sources(args: &SourcesArgs, store: &SqliteStore) -> anyhow::Result<i32> {
    let all = store.sources()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &all)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        return Ok(0);
    }
    if all.is_empty() {
        std::io::Write::write_all(
            &mut out,
            b"no sources followed yet (borderwatch watch --sources FILE)\n",
        )?;
        return Ok(0);
    }
    for s in &all {
        let text = format!(
            "{} ({}) {}\n  last fetch: {} · last success: {}\n  items seen {} · reports made {} · claims found {} · failed {} · other language {}\n{}",
            s.name,
            s.kind,
            s.url,
            s.last_fetch.as_deref().unwrap_or("never"),
            s.last_success.as_deref().unwrap_or("never"),
            s.items_seen,
            s.reports_made,
            s.claims_found,
            s.items_failed,
            s.other_language,
            s.last_error
                .as_ref()
                .map(|e| format!("  last error: {e}\n"))
                .unwrap_or_default(),
        );
        std::io::Write::write_all(&mut out, text.as_bytes())?;
    }
    Ok(0)
}
