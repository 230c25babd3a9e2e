//! `borderwatch watch` (follow news sources and ingest what is new, or with `--publish` put it on the
//! report stream for workers) and `borderwatch sources` (what was followed, and how it went).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use borderwatch_extract::Report;
use borderwatch_fetch::{FetchOptions, Fetcher, Guard, SystemResolver};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{PgStore, SeenItem, SourceLog, SqliteStore, StoreLocation, WatchStore};
use borderwatch_watch::config::parse_range;
use borderwatch_watch::{
    Bookkeeping, Ingest, PollReport, Sink, SinkFuture, Sources, StoreSink, WatchLog, Watcher,
};

use crate::stream::{self, StreamArgs};

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
    /// Put each new report on the JetStream stream for `borderwatch worker` instead of storing it
    /// here; what was followed and seen is still kept in the store (--store or --db).
    #[arg(long)]
    pub publish: bool,
    /// With --publish: the NATS server and the stream.
    #[command(flatten)]
    pub stream: StreamArgs,
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

pub fn run(
    args: &WatchArgs,
    location: StoreLocation,
    gaz: &'static Gazetteer,
) -> anyhow::Result<i32> {
    crate::serve_cmd::init_log();
    if !args.publish && (args.stream.nats.is_some() || args.stream.stream != stream::DEFAULT_STREAM)
    {
        anyhow::bail!(
            "--nats and --stream name the stream `watch --publish` publishes to; add --publish"
        );
    }
    let sources = load_sources(&args.from)?;
    let fetcher = fetcher(&sources)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let opened = |loc: &StoreLocation| format!("opening the store {loc}");
    if args.publish {
        let (js, _) = rt.block_on(stream::open(&args.stream))?;
        let log = borderwatch_store::open_watch(&location).with_context(|| opened(&location))?;
        let sink = PublishSink {
            js,
            stream: args.stream.stream.clone(),
            log: WatchLog::new(log),
        };
        return watch_with(args, &sources, fetcher, Arc::new(sink), &rt);
    }
    match &location {
        StoreLocation::Sqlite(path) => {
            let store = SqliteStore::open(path).with_context(|| opened(&location))?;
            watch_with(
                args,
                &sources,
                fetcher,
                Arc::new(StoreSink::new(store, gaz)),
                &rt,
            )
        }
        StoreLocation::Postgres(url) => {
            let store = PgStore::open(url).with_context(|| opened(&location))?;
            watch_with(
                args,
                &sources,
                fetcher,
                Arc::new(StoreSink::new(store, gaz)),
                &rt,
            )
        }
    }
}

/// Polls `sources` into `sink`: once, or until a signal.
fn watch_with<S: Sink + 'static>(
    args: &WatchArgs,
    sources: &Sources,
    fetcher: Arc<Fetcher>,
    sink: Arc<S>,
    rt: &tokio::runtime::Runtime,
) -> anyhow::Result<i32> {
    let progress = progress_bar();
    let mut watcher = Watcher::new(fetcher, sink);
    if let Some(bar) = &progress {
        let bar = bar.clone();
        watcher = watcher.with_progress(Arc::new(move |item: &SeenItem| {
            bar.inc(1);
            bar.set_message(format!("{}: {}", item.source, item.url));
        }));
    }
    let watcher = Arc::new(watcher);
    let publishing = args.publish;
    if args.once {
        let reports = rt.block_on(watcher.poll_all(&sources.sources));
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        print_summary(&reports, args.json, publishing)?;
        let failed = reports.iter().any(|r| r.error.is_some());
        return Ok(if failed { 3 } else { 0 });
    }
    eprintln!(
        "borderwatch: watching {} source(s){}; Ctrl-C or SIGTERM stops after the polls in flight",
        sources.sources.len(),
        if publishing {
            format!(", publishing to the stream {}", args.stream.stream)
        } else {
            String::new()
        }
    );
    rt.block_on(async {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let bar = progress.clone();
        let on_poll: Arc<dyn Fn(&PollReport) + Send + Sync> =
            Arc::new(move |r: &PollReport| match &bar {
                Some(bar) => bar.println(summary_line(r, publishing)),
                None => eprintln!("{}", summary_line(r, publishing)),
            });
        let running = tokio::spawn(watcher.run(sources.sources.clone(), stop_rx, on_poll));
        borderwatch_server::stop_signal().await;
        eprintln!("borderwatch: stopping; finishing the polls in flight");
        let _ = stop_tx.send(true);
        let _ = running.await;
    });
    Ok(0)
}

/// `watch --publish`: each new report goes on the stream (as `publish` sends it) for workers to
/// extract, store and fuse; what was followed and seen is kept in the store named on the command line.
struct PublishSink {
    js: async_nats::jetstream::Context,
    stream: String,
    log: WatchLog<Box<dyn WatchStore>>,
}

impl Sink for PublishSink {
    fn ingest(&self, report: Report, read: bool) -> SinkFuture<'_> {
        Box::pin(async move {
            let ack = stream::send_report(&self.js, &self.stream, &report, read)
                .await
                .map_err(|e| format!("{e:#}"))?
                .await
                .map_err(|e| format!("the stream did not take report {}: {e}", report.id))?;
            // A duplicate is the same text published within the stream's window (from another URL,
            // or by `publish`): a copy, as the store would call it.
            Ok(if ack.duplicate {
                Ingest::Copy
            } else {
                Ingest::Published
            })
        })
    }

    fn log(&self) -> &dyn Bookkeeping {
        &self.log
    }
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

fn summary_line(r: &PollReport, publishing: bool) -> String {
    match &r.error {
        Some(e) => format!("{}: not read: {e}", r.source),
        None if r.not_modified => format!("{}: unchanged (304)", r.source),
        None if publishing => format!(
            "{}: {} listed, {} new: {} published to the stream (claims are found by the workers), \
             {} already on the stream, {} in another language (published to be stored unread), {} failed",
            r.source, r.listed, r.new, r.published, r.copies, r.other_language, r.failed
        ),
        None => format!(
            "{}: {} listed, {} new: {} report(s), {} copy(ies), {} in another language, {} failed; {} claim(s)",
            r.source, r.listed, r.new, r.reports, r.copies, r.other_language, r.failed, r.claims
        ),
    }
}

fn print_summary(reports: &[PollReport], json: bool, publishing: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, reports)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        return Ok(());
    }
    for r in reports {
        let line = summary_line(r, publishing);
        std::io::Write::write_all(&mut out, format!("{line}\n").as_bytes())?;
    }
    Ok(())
}

/// List the sources watch has followed, with their last fetch, success and error and their counts.
#[derive(Debug, Clone, clap::Args)]
pub struct SourcesArgs {
    #[arg(long)]
    pub json: bool,
}

pub fn sources(args: &SourcesArgs, store: &dyn SourceLog) -> anyhow::Result<i32> {
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
            "{} ({}) {}\n  last fetch: {} · last success: {}\n  items seen {} · reports made {} · claims found {} · failed {} · other language {}\n{}{}",
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
            if s.reports_published > 0 {
                format!(
                    "  published to the stream {} (their claims are found by the workers and not counted here)\n",
                    s.reports_published
                )
            } else {
                String::new()
            },
            s.last_error
                .as_ref()
                .map(|e| format!("  last error: {e}\n"))
                .unwrap_or_default(),
        );
        std::io::Write::write_all(&mut out, text.as_bytes())?;
    }
    Ok(0)
}
