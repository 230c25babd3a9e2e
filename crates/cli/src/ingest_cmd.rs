//! `borderwatch ingest`: read reports from files, directories, JSONL and stdin, extract their claims,
//! store each report in its own transaction, and refresh the materialized events and timelines.
//!
//! A report that cannot be read is named with its reason and skipped; the rest go in (exit 3 when any
//! failed). Errors of the store itself stop the run (exit 1): nothing after them could be stored either.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use borderwatch_extract::{NormalizeOptions, Report, ReportMeta, extract, read_report};
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{FusionWrite, Put, Store, refresh};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::civil::Date;
use serde::Serialize;

use crate::extract_cmd::{BatchItem, batch_report};

/// File extensions read when walking a directory; anything else there is skipped.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Store reports and their claims, then refresh events and timelines.
#[derive(Debug, Clone, clap::Args)]
pub struct IngestArgs {
    /// Text or HTML files; directories (read recursively, skipping hidden entries and files not ending
    /// in .txt .text .html .htm .xhtml .jsonl .ndjson); JSON Lines files (.jsonl, .ndjson) of
    /// {id, text, title?, published? (or date), url?, outlet?}; `-` for standard input (JSON Lines when
    /// it starts with `{`, else one report).
    #[arg(required = true, value_name = "PATH|-")]
    pub paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) of plain files and a report on stdin; JSONL lines carry their own.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<Date>,
    /// The outlet of plain files and a report on stdin.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Refuse reports (and JSONL lines) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = NormalizeOptions::default().max_bytes)]
    pub max_bytes: usize,
    /// Refresh events and timelines after every N new reports with claims (and at the end).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub refresh_every: usize,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// No progress bar even on a terminal.
    #[arg(long, short)]
    pub quiet: bool,
}

/// One input that could not be stored, and why.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub input: String,
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub store: String,
    pub new: usize,
    pub already_seen: usize,
    /// Already-seen reports found at a URL not recorded before (kept as one more copy).
    pub new_urls: usize,
    pub failed: Vec<Failure>,
    pub claims: usize,
    /// Events new, gone or different after the run's refreshes (summed over refreshes).
    pub events_changed: usize,
    pub events: usize,
    pub timelines: usize,
    pub refreshes: usize,
    pub seconds: f64,
}

/// Where reports come from.
enum Source {
    File(PathBuf),
    Jsonl(PathBuf),
    Stdin,
}

struct Ingest<'a> {
    store: &'a mut dyn Store,
    gaz: &'a Gazetteer,
    crossings: Vec<(String, Vec<String>)>,
    opts: NormalizeOptions,
    args: &'a IngestArgs,
    summary: Summary,
    /// New reports with claims since the last refresh.
    unfused: usize,
    bar: ProgressBar,
}

pub fn run(args: &IngestArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    let started = Instant::now();
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
    } else {
        let b = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {pos} reports · {per_sec} · {elapsed_precise} · {wide_msg}",
        ) {
            b.set_style(style);
        }
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    };
    let mut ing = Ingest {
        summary: Summary {
            store: store.describe(),
            ..Summary::default()
        },
        store,
        gaz,
        crossings: crate::status_cmd::known_crossings(gaz),
        opts: NormalizeOptions {
            max_bytes: args.max_bytes,
        },
        args,
        unfused: 0,
        bar,
    };
    let mut sources = Vec::new();
    for p in &args.paths {
        collect(p, true, &mut sources, &mut ing.summary.failed);
    }
    for s in sources {
        match s {
            Source::File(p) => ing.file(&p)?,
            Source::Jsonl(p) => ing.jsonl_file(&p)?,
            Source::Stdin => ing.stdin()?,
        }
    }
    // Also repairs a store left dirty by an earlier run that was killed before its refresh.
    if ing.store.fusion_state()?.dirty {
        ing.bar.set_message("fusing");
        ing.refresh()?;
    }
    ing.bar.finish_and_clear();
    let counts = ing.store.counts()?;
    let mut summary = ing.summary;
    summary.events = counts.events as usize;
    summary.timelines = counts.timelines as usize;
    summary.seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &summary)?;
    }
    Ok(if summary.failed.is_empty() { 0 } else { 3 })
}

/// Expands one command-line path into sources; unreadable directories become failures.
fn collect(path: &Path, named: bool, out: &mut Vec<Source>, failed: &mut Vec<Failure>) {
    if path.as_os_str() == "-" {
        out.push(Source::Stdin);
        return;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // Symlinks are not followed into directories, so a link loop cannot make the walk endless.
    let meta = if named {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    let meta = match meta {
        Ok(m) => m,
        Err(e) => {
            failed.push(Failure {
                input: path.display().to_string(),
                reason: format!("cannot open: {e}"),
            });
            return;
        }
    };
    if meta.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(rd) => rd,
            Err(e) => {
                failed.push(Failure {
                    input: path.display().to_string(),
                    reason: format!("cannot list the directory: {e}"),
                });
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        // Sorted, so a run's order (and its summary) is the same on every file system.
        children.sort();
        for c in children {
            collect(&c, false, out, failed);
        }
        return;
    }
    if JSONL_EXTENSIONS.contains(&ext.as_str()) {
        out.push(Source::Jsonl(path.to_path_buf()));
    } else if named || (meta.is_file() && TEXT_EXTENSIONS.contains(&ext.as_str())) {
        out.push(Source::File(path.to_path_buf()));
    }
}

impl Ingest<'_> {
    /// Records a failed input; the run goes on (hence `Ok`).
    fn fail(&mut self, input: String, reason: String) -> anyhow::Result<()> {
        self.summary.failed.push(Failure { input, reason });
        self.bar.inc(1);
        Ok(())
    }

    fn file(&mut self, path: &Path) -> anyhow::Result<()> {
        let name = path.display().to_string();
        let max = self.opts.max_bytes;
        let bytes = match std::fs::metadata(path) {
            Err(e) => return self.fail(name, format!("cannot open: {e}")),
            Ok(m) if m.len() > max as u64 => {
                let reason = format!(
                    "{} bytes, over the limit of {max} bytes (raise it with --max-bytes)",
                    m.len()
                );
                return self.fail(name, reason);
            }
            Ok(_) => match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => return self.fail(name, format!("cannot read: {e}")),
            },
        };
        self.plain(name, &bytes)
    }

    /// One report from raw bytes, with the command line's metadata.
    fn plain(&mut self, name: String, bytes: &[u8]) -> anyhow::Result<()> {
        let meta = ReportMeta {
            url: None,
            outlet: self.args.outlet.clone(),
            title: None,
            published: self.args.published,
        };
        match read_report(bytes, meta, &self.opts) {
            Ok(report) => self.report(&name, report),
            Err(e) => self.fail(name, e.to_string()),
        }
    }

    fn stdin(&mut self) -> anyhow::Result<()> {
        let stdin = std::io::stdin();
        let mut reader = BufReader::new(stdin.lock());
        let starts_with_brace = {
            let mut found = None;
            // Skip leading white space to see whether the input is a JSONL batch.
            while found.is_none() {
                let buf = reader.fill_buf().context("reading standard input")?;
                if buf.is_empty() {
                    break;
                }
                let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
                if skip < buf.len() {
                    found = Some(buf[skip] == b'{');
                }
                reader.consume(skip);
            }
            found.unwrap_or(false)
        };
        if starts_with_brace {
            return self.jsonl("standard input", &mut reader);
        }
        let max = self.opts.max_bytes;
        let mut buf = Vec::new();
        (&mut reader)
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        if buf.len() > max {
            let reason = format!("over the limit of {max} bytes (raise it with --max-bytes)");
            return self.fail("standard input".into(), reason);
        }
        self.plain("standard input".into(), &buf)
    }

    fn jsonl_file(&mut self, path: &Path) -> anyhow::Result<()> {
        let name = path.display().to_string();
        match std::fs::File::open(path) {
            Ok(f) => self.jsonl(&name, &mut BufReader::new(f)),
            Err(e) => self.fail(name, format!("cannot open: {e}")),
        }
    }

    fn jsonl(&mut self, name: &str, reader: &mut impl BufRead) -> anyhow::Result<()> {
        // A line may hold a report as large as --max-bytes, escaped: allow some room for JSON.
        let limit = self
            .opts
            .max_bytes
            .saturating_mul(2)
            .saturating_add(64 * 1024);
        let mut line = Vec::new();
        let mut n = 0usize;
        loop {
            line.clear();
            n += 1;
            let read = reader
                .by_ref()
                .take(limit as u64 + 1)
                .read_until(b'\n', &mut line)
                .with_context(|| format!("reading {name} line {n}"))?;
            if read == 0 {
                return Ok(());
            }
            if line.len() > limit && line.last() != Some(&b'\n') {
                // Skip the rest of the oversized line without holding it.
                let mut sink = Vec::new();
                loop {
                    sink.clear();
                    let more = reader
                        .by_ref()
                        .take(64 * 1024)
                        .read_until(b'\n', &mut sink)
                        .with_context(|| format!("reading {name} line {n}"))?;
                    if more == 0 || sink.last() == Some(&b'\n') {
                        break;
                    }
                }
                let reason = format!(
                    "the line is over {limit} bytes (raise the report limit with --max-bytes)"
                );
                self.fail(format!("{name} line {n}"), reason)?;
                continue;
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let item: Result<BatchItem, String> = serde_json::from_slice(&line)
                .map_err(|e| format!("not a report object ({{id, text, ...}}): {e}"));
            let label = match item.as_ref().ok().and_then(|i| i.id.clone()) {
                Some(id) => format!("{name} line {n} ({id})"),
                None => format!("{name} line {n}"),
            };
            match item.and_then(|i| batch_report(&i, &self.opts)) {
                Ok(report) => self.report(&label, report)?,
                Err(reason) => self.fail(label, reason)?,
            }
        }
    }

    /// Extracts and stores one report; a report already stored is not extracted again.
    fn report(&mut self, name: &str, report: Report) -> anyhow::Result<()> {
        let put = if self.store.has_report(&report.id)? {
            self.store.put_report(&report, &[], &Signature::default())?
        } else {
            let claims = extract(&report, self.gaz);
            // Only fusion reads signatures, and only of reports with claims: skip the MinHash otherwise.
            let signature = if claims.is_empty() {
                Signature::default()
            } else {
                Signature::of(&report.text)
            };
            self.store
                .put_report(&report, &claims, &signature)
                .with_context(|| format!("storing {name}"))?
        };
        match put {
            Put::New { claims } => {
                self.summary.new += 1;
                self.summary.claims += claims;
                if claims > 0 {
                    self.unfused += 1;
                }
            }
            Put::Seen { new_url } => {
                self.summary.already_seen += 1;
                self.summary.new_urls += usize::from(new_url);
            }
        }
        self.bar.inc(1);
        if self.args.refresh_every > 0 && self.unfused >= self.args.refresh_every {
            self.bar.set_message("fusing");
            self.refresh()?;
            self.bar.set_message("");
        }
        Ok(())
    }

    fn refresh(&mut self) -> anyhow::Result<FusionWrite> {
        let w = refresh(self.store, &self.crossings).context("refreshing events and timelines")?;
        self.summary.events_changed += w.events_changed;
        self.summary.refreshes += 1;
        self.unfused = 0;
        Ok(w)
    }
}

fn print_summary(out: &mut impl Write, s: &Summary) -> anyhow::Result<()> {
    writeln!(out, "ingested into {} in {:.1} s", s.store, s.seconds)?;
    let urls = if s.new_urls > 0 {
        format!(" ({} at a new URL, kept as copies)", s.new_urls)
    } else {
        String::new()
    };
    writeln!(
        out,
        "  reports: {} new, {} already seen{urls}, {} failed",
        s.new,
        s.already_seen,
        s.failed.len()
    )?;
    writeln!(out, "  claims stored: {}", s.claims)?;
    writeln!(
        out,
        "  events changed: {} (store now holds {} events, {} crossing timelines)",
        s.events_changed, s.events, s.timelines
    )?;
    const SHOWN: usize = 50;
    if !s.failed.is_empty() {
        writeln!(out, "  failed:")?;
        for f in s.failed.iter().take(SHOWN) {
            writeln!(out, "    {}: {}", f.input, f.reason)?;
        }
        if s.failed.len() > SHOWN {
            writeln!(
                out,
                "    … and {} more (--json lists every one)",
                s.failed.len() - SHOWN
            )?;
        }
    }
    Ok(())
}
