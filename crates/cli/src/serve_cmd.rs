//! `borderwatch serve` (the store over HTTP) and `borderwatch demo` (bundled sample reports in a
//! temporary store, served).

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use borderwatch_extract::NormalizeOptions;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_server::{Config, ServeOptions};
use borderwatch_service::ingest::Ingester;

use crate::extract_cmd::{BatchItem, batch_report};

/// Serve the store: web map, crossing pages, JSON API, Atom feeds, exports, webhooks.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Addresses beyond loopback need a token (BORDERWATCH_TOKEN or the config
    /// file) or --insecure-public.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub bind: SocketAddr,
    /// The config file (token, body limit, webhooks)
    /// [default: $XDG_CONFIG_HOME/borderwatch/config.toml or ~/.config/borderwatch/config.toml, if present].
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Listen beyond loopback without a token: pages and reads are open to anyone who can reach the
    /// port, and writing stays disabled.
    #[arg(long)]
    pub insecure_public: bool,
    /// Also follow news sources while serving (--sources FILE, --feed URL): the whole monitor in
    /// one process; new reports fire webhooks at once.
    #[arg(long)]
    pub watch: bool,
    #[command(flatten)]
    pub from: crate::watch_cmd::SourceArgs,
}

/// Reads the config file (the named one, else the default one if it exists) and the token from
/// the environment.
fn load_config(path: Option<&Path>) -> anyhow::Result<Config> {
    let config = match path {
        Some(p) => Config::load(p, true)?,
        None => match borderwatch_server::config::default_path() {
            Some(p) => Config::load(&p, false)?,
            None => Config::default(),
        },
    };
    config
        .with_env_token(std::env::var("BORDERWATCH_TOKEN").ok())
        .map_err(anyhow::Error::msg)
}

/// Sends the server's log (store errors, webhook deliveries, refusals) to standard error: `info` and
/// above by default, `RUST_LOG` to choose (`RUST_LOG=borderwatch_server=debug`).
pub fn init_log() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second call (tests that run two servers in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

pub fn serve(
    args: &ServeArgs,
    location: borderwatch_store::StoreLocation,
    gaz: &'static Gazetteer,
) -> anyhow::Result<i32> {
    init_log();
    let config = load_config(args.config.as_deref())?;
    let writes = config.token.is_some();
    let hooks = config.webhooks.len();
    if !args.watch && (args.from.sources.is_some() || !args.from.feeds.is_empty()) {
        anyhow::bail!("--sources and --feed follow sources only with --watch");
    }
    let watch = if args.watch {
        let sources = crate::watch_cmd::load_sources(&args.from)?;
        let fetcher = crate::watch_cmd::fetcher(&sources)?;
        Some(borderwatch_server::watching::Watching {
            sources: sources.sources,
            fetcher,
        })
    } else {
        None
    };
    let opts = ServeOptions {
        db: location.clone(),
        bind: args.bind,
        insecure_public: args.insecure_public,
        config,
        watch,
    };
    borderwatch_server::serve_until_ctrl_c(gaz, opts, |addr| {
        announce(addr, &location, writes, hooks);
    })?;
    Ok(0)
}

fn announce(
    addr: SocketAddr,
    store: &borderwatch_store::StoreLocation,
    writes: bool,
    hooks: usize,
) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "serving {store} at http://{addr}/");
    let _ = writeln!(
        err,
        "  writing: {}",
        if writes {
            "POST /api/reports with the bearer token"
        } else {
            "disabled (no token set)"
        }
    );
    if hooks > 0 {
        let _ = writeln!(err, "  webhooks: {hooks}");
    }
    let _ = writeln!(err, "  Ctrl-C to stop");
}

/// Serve a demo: bundled sample reports (written by borderwatch's engineers, not news) in a temporary
/// store.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub bind: SocketAddr,
    /// Keep the demo store in this file instead of a temporary one (it is created or added to).
    #[arg(long, value_name = "PATH")]
    pub keep: Option<PathBuf>,
}

/// The bundled sample reports: JSON Lines written for borderwatch, labelled as samples.
const SAMPLES: &[(&str, &str)] = &[
    (
        "samples/kurdistan-2017/reports.jsonl",
        include_str!("../../../samples/kurdistan-2017/reports.jsonl"),
    ),
    (
        "samples/demo/reports.jsonl",
        include_str!("../../../samples/demo/reports.jsonl"),
    ),
    // One article per language read natively, so the map shows evidence in the original script.
    (
        "samples/languages/ar-nasib-reopens.jsonl",
        include_str!("../../../samples/languages/ar-nasib-reopens.jsonl"),
    ),
    (
        "samples/languages/kmr-semalka-reopens.jsonl",
        include_str!("../../../samples/languages/kmr-semalka-reopens.jsonl"),
    ),
    (
        "samples/languages/fa.jsonl",
        include_str!("../../../samples/languages/fa.jsonl"),
    ),
    (
        "samples/languages/ckb.jsonl",
        include_str!("../../../samples/languages/ckb.jsonl"),
    ),
    (
        "samples/languages/tr.jsonl",
        include_str!("../../../samples/languages/tr.jsonl"),
    ),
    (
        "samples/languages/ru.jsonl",
        include_str!("../../../samples/languages/ru.jsonl"),
    ),
    (
        "samples/languages/uk.jsonl",
        include_str!("../../../samples/languages/uk.jsonl"),
    ),
    (
        "samples/languages/es.jsonl",
        include_str!("../../../samples/languages/es.jsonl"),
    ),
    (
        "samples/languages/fr.jsonl",
        include_str!("../../../samples/languages/fr.jsonl"),
    ),
    (
        "samples/languages/pt.jsonl",
        include_str!("../../../samples/languages/pt.jsonl"),
    ),
];

/// Stores the bundled samples in the store at `db`; returns (reports, claims).
pub fn load_samples(db: &Path, gaz: &Gazetteer) -> anyhow::Result<(usize, usize)> {
    let mut store = borderwatch_store::SqliteStore::open(db)?;
    let mut ingester = Ingester::new(gaz);
    let opts = NormalizeOptions::default();
    let (mut reports, mut claims) = (0, 0);
    for (name, text) in SAMPLES {
        for (k, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let item: BatchItem = serde_json::from_str(line)
                .with_context(|| format!("{name} line {}: not a report", k + 1))?;
            let report = batch_report(&item, &opts)
                .map_err(|e| anyhow::anyhow!("{name} line {}: {e}", k + 1))?;
            let done = ingester
                .ingest(&mut store, gaz, &report)
                .with_context(|| format!("storing {name} line {}", k + 1))?;
            reports += 1;
            claims += done.claims.len();
        }
    }
    Ok((reports, claims))
}

pub fn demo(args: &DemoArgs, gaz: &'static Gazetteer) -> anyhow::Result<i32> {
    init_log();
    let dir = tempfile::tempdir().context("creating a temporary directory for the demo store")?;
    let db = args
        .keep
        .clone()
        .unwrap_or_else(|| dir.path().join("demo.db"));
    // A fresh token each run: the demo accepts POST /api/reports from whoever reads the terminal.
    let token = random_token();
    let config = Config {
        token: Some(token.clone()),
        ..Config::default()
    };
    // Listen before loading the samples, so a busy port is reported at once.
    let listener = borderwatch_server::listen(&args.bind, &config, false)?;
    let (reports, claims) = load_samples(&db, gaz)?;
    let opts = ServeOptions {
        db: borderwatch_store::StoreLocation::Sqlite(db.clone()),
        bind: args.bind,
        insecure_public: false,
        config,
        watch: None,
    };
    borderwatch_server::serve_until_ctrl_c_on(gaz, opts, listener, |addr| {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "borderwatch demo: {reports} sample reports ({claims} claims; written for the demo, not news) in {}",
            db.display()
        );
        let _ = writeln!(err, "  token for POST /api/reports: {token}");
        let _ = writeln!(err, "  Ctrl-C to stop");
        // The address goes to standard output, alone on its line, for scripts and tests.
        println!("http://{addr}/");
        let _ = std::io::stdout().flush();
    })?;
    drop(dir);
    Ok(0)
}

/// 32 hex digits from the operating system's random source.
fn random_token() -> String {
    use std::io::Read;
    let mut b = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut b));
    if read.is_err() {
        // No /dev/urandom: fall back to the clock and the process id, still unguessable enough for a
        // loopback demo.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        b = (t ^ (u128::from(std::process::id()) << 64)).to_le_bytes();
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}
