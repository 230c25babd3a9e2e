//! Reading reports from what a user names: text or HTML files, directories, JSON Lines files and
//! standard input, each report normalized (`read_report`) and handed to a [`Sink`] with a label that
//! names where it came from. `ingest` stores what it reads; `publish` puts it on the stream.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::Context;
use borderwatch_extract::{NormalizeOptions, Report, ReportMeta, read_report};
use jiff::civil::Date;

use crate::extract_cmd::{BatchItem, batch_report};
use crate::ingest_cmd::Failure;

/// File extensions read when walking a directory; anything else there is skipped.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Which reports to read, and the metadata of those that carry none: what `ingest` and `publish` take.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Text or HTML files; directories (read recursively, skipping hidden entries and files not ending
    /// in .txt .text .html .htm .xhtml .jsonl .ndjson); JSON Lines files (.jsonl, .ndjson) of
    /// {id, text, title?, published? (or date), url?, outlet?, language?}; `-` for standard input (JSON Lines when
    /// it starts with `{`, else one report).
    #[arg(required = true, value_name = "PATH|-")]
    pub paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) of plain files and a report on stdin; JSONL lines carry their own.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<Date>,
    /// The outlet of plain files and a report on stdin.
    #[arg(long)]
    pub outlet: Option<String>,
    /// The language (ISO 639 code) of plain files and a report on stdin; detected when left out.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Refuse reports (and JSONL lines) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = NormalizeOptions::default().max_bytes)]
    pub max_bytes: usize,
}

impl InputArgs {
    pub fn reader(&self) -> Reader {
        Reader {
            opts: NormalizeOptions {
                max_bytes: self.max_bytes,
            },
            published: self.published,
            outlet: self.outlet.clone(),
            language: self.lang.clone(),
        }
    }
}

/// What receives the reports read: one call per report, or per input that could not be read.
pub trait Sink {
    fn report(&mut self, name: &str, report: Report) -> anyhow::Result<()>;
    /// An input that could not be read, and why; returning `Ok` goes on with the next.
    fn fail(&mut self, input: String, reason: String) -> anyhow::Result<()>;
}

/// Where reports come from.
pub enum Source {
    File(PathBuf),
    Jsonl(PathBuf),
    Stdin,
}

/// How to read reports: the limits, and the metadata of plain files and stdin (JSONL lines carry
/// their own).
pub struct Reader {
    pub opts: NormalizeOptions,
    pub published: Option<Date>,
    pub outlet: Option<String>,
    pub language: Option<String>,
}

impl Reader {
    /// Reads every report of `source` into `sink`.
    pub fn read(&self, source: &Source, sink: &mut dyn Sink) -> anyhow::Result<()> {
        match source {
            Source::File(p) => self.file(sink, p),
            Source::Jsonl(p) => self.jsonl_file(sink, p),
            Source::Stdin => self.stdin(sink),
        }
    }

    fn file(&self, sink: &mut dyn Sink, path: &Path) -> anyhow::Result<()> {
        let name = path.display().to_string();
        let max = self.opts.max_bytes;
        let bytes = match std::fs::metadata(path) {
            Err(e) => return sink.fail(name, format!("cannot open: {e}")),
            Ok(m) if m.len() > max as u64 => {
                let reason = format!(
                    "{} bytes, over the limit of {max} bytes (raise it with --max-bytes)",
                    m.len()
                );
                return sink.fail(name, reason);
            }
            Ok(_) => match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => return sink.fail(name, format!("cannot read: {e}")),
            },
        };
        self.plain(sink, name, &bytes)
    }

    /// One report from raw bytes, with the command line's metadata.
    fn plain(&self, sink: &mut dyn Sink, name: String, bytes: &[u8]) -> anyhow::Result<()> {
        let meta = ReportMeta {
            url: None,
            outlet: self.outlet.clone(),
            title: None,
            published: self.published,
            language: self.language.clone(),
        };
        match read_report(bytes, meta, &self.opts) {
            Ok(report) => sink.report(&name, report),
            Err(e) => sink.fail(name, e.to_string()),
        }
    }

    fn stdin(&self, sink: &mut dyn Sink) -> anyhow::Result<()> {
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
            return self.jsonl(sink, "standard input", &mut reader);
        }
        let max = self.opts.max_bytes;
        let mut buf = Vec::new();
        (&mut reader)
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        if buf.len() > max {
            let reason = format!("over the limit of {max} bytes (raise it with --max-bytes)");
            return sink.fail("standard input".into(), reason);
        }
        self.plain(sink, "standard input".into(), &buf)
    }

    fn jsonl_file(&self, sink: &mut dyn Sink, path: &Path) -> anyhow::Result<()> {
        let name = path.display().to_string();
        match std::fs::File::open(path) {
            Ok(f) => self.jsonl(sink, &name, &mut BufReader::new(f)),
            Err(e) => sink.fail(name, format!("cannot open: {e}")),
        }
    }

    fn jsonl(
        &self,
        sink: &mut dyn Sink,
        name: &str,
        reader: &mut impl BufRead,
    ) -> anyhow::Result<()> {
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
                let mut rest = Vec::new();
                loop {
                    rest.clear();
                    let more = reader
                        .by_ref()
                        .take(64 * 1024)
                        .read_until(b'\n', &mut rest)
                        .with_context(|| format!("reading {name} line {n}"))?;
                    if more == 0 || rest.last() == Some(&b'\n') {
                        break;
                    }
                }
                let reason = format!(
                    "the line is over {limit} bytes (raise the report limit with --max-bytes)"
                );
                sink.fail(format!("{name} line {n}"), reason)?;
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
                Ok(report) => sink.report(&label, report)?,
                Err(reason) => sink.fail(label, reason)?,
            }
        }
    }
}

/// How many reports `sources` hold, counting no further than `limit` (a JSONL line is a report);
/// `None` when standard input is among them or a file cannot be read (it fails later, with its reason).
pub fn count_inputs(sources: &[Source], limit: usize) -> Option<usize> {
    let mut n = 0usize;
    for s in sources {
        if n >= limit {
            break;
        }
        match s {
            Source::File(_) => n += 1,
            Source::Stdin => return None,
            Source::Jsonl(p) => {
                let mut reader = BufReader::new(std::fs::File::open(p).ok()?);
                let mut line = Vec::new();
                while n < limit {
                    line.clear();
                    // Lines are read in bounded pieces: only their count matters here.
                    match reader.by_ref().take(64 * 1024).read_until(b'\n', &mut line) {
                        Ok(0) => break,
                        Ok(_) if line.last() != Some(&b'\n') && line.len() == 64 * 1024 => {}
                        Ok(_) if line.iter().all(u8::is_ascii_whitespace) => {}
                        Ok(_) => n += 1,
                        Err(_) => return None,
                    }
                }
            }
        }
    }
    Some(n)
}

/// Expands one command-line path into sources; unreadable directories become failures.
pub fn collect(path: &Path, named: bool, out: &mut Vec<Source>, failed: &mut Vec<Failure>) {
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
