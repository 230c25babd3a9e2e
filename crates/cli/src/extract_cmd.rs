//! `borderwatch extract`: one report (a file or stdin) or a JSONL batch → claims, as a summary or JSON.

use anyhow::{Context, bail};
use borderwatch_extract::{Claim, NormalizeOptions, Report, ReportMeta, extract, read_report};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::bidi::isolate;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

/// Extract border-crossing status claims from a report.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// The report: a text or HTML file, or `-` for standard input.
    #[arg(
        value_name = "FILE|-",
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    pub file: Option<PathBuf>,
    /// A batch: JSON Lines of {id, text, title?, published? (or date), url?, outlet?, language?}; one result line each.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD); relative dates ("Wednesday") are resolved against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<Date>,
    /// Where the report came from.
    #[arg(long)]
    pub url: Option<String>,
    /// The outlet that published it.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Its title.
    #[arg(long)]
    pub title: Option<String>,
    /// Its language (ISO 639 code: en, fa, ar, ckb, kmr, tr, ru, uk, es, fr, pt); detected from the text when left out.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Print JSON: {"report": {...}, "claims": [...]}.
    #[arg(long)]
    pub json: bool,
    /// Refuse reports larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = NormalizeOptions::default().max_bytes)]
    pub max_bytes: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    report: &'a Report,
    claims: &'a [Claim],
}

/// One line of a JSONL batch, in the format of `shared/eval/SCHEMA.md`.
#[derive(Debug, Deserialize)]
pub struct BatchItem {
    pub id: Option<String>,
    pub text: String,
    pub title: Option<String>,
    #[serde(alias = "date")]
    pub published: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// ISO 639 code; detected from the text when absent.
    #[serde(default, alias = "lang")]
    pub language: Option<String>,
}

/// Exit status: 0 everything extracted, 3 some reports of a batch failed (each named on its line).
pub fn run(args: &ExtractArgs, gaz: &Gazetteer) -> anyhow::Result<i32> {
    let opts = NormalizeOptions {
        max_bytes: args.max_bytes,
    };
    if let Some(path) = &args.jsonl {
        return run_batch(path, gaz, &opts);
    }
    let Some(file) = &args.file else {
        bail!("give a FILE, `-` for standard input, or --jsonl FILE")
    };
    let (name, bytes) = read_input(file, opts.max_bytes)?;
    let meta = ReportMeta {
        url: args.url.clone(),
        outlet: args.outlet.clone(),
        title: args.title.clone(),
        published: args.published,
        language: args.lang.clone(),
    };
    let report = read_report(&bytes, meta, &opts)
        .with_context(|| format!("cannot read {name} as a report"))?;
    let claims = extract(&report, gaz);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &Output {
                report: &report,
                claims: &claims,
            },
        )?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &name, &report, &claims)?;
    }
    Ok(0)
}

/// Reads a file or stdin, refusing anything over `max` bytes without reading it all into memory.
fn read_input(file: &Path, max: usize) -> anyhow::Result<(String, Vec<u8>)> {
    if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        if buf.len() > max {
            bail!("standard input is over the limit of {max} bytes (raise it with --max-bytes)");
        }
        return Ok(("standard input".into(), buf));
    }
    let name = file.display().to_string();
    let meta = std::fs::metadata(file).with_context(|| format!("cannot open {name}"))?;
    if meta.is_dir() {
        bail!("{name} is a directory; give a file, or `-` for standard input");
    }
    if meta.len() > max as u64 {
        bail!(
            "{name} is {} bytes, over the limit of {max} bytes (raise it with --max-bytes)",
            meta.len()
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
    Ok((name, bytes))
}

/// Turns one batch line into a report; errors name the reason.
pub fn batch_report(item: &BatchItem, opts: &NormalizeOptions) -> Result<Report, String> {
    let published = match item.published.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => {
            // Accept a timestamp too ("2020-09-01T10:00:00Z"): its day is the publication date.
            let day = s.get(..10).unwrap_or(s);
            Some(
                day.parse::<Date>()
                    .map_err(|e| format!("published {s:?} is not a date (YYYY-MM-DD): {e}"))?,
            )
        }
    };
    let meta = ReportMeta {
        url: item.url.clone(),
        outlet: item.outlet.clone(),
        title: item.title.clone(),
        published,
        language: item.language.clone(),
    };
    read_report(item.text.as_bytes(), meta, opts).map_err(|e| e.to_string())
}

fn run_batch(path: &Path, gaz: &Gazetteer, opts: &NormalizeOptions) -> anyhow::Result<i32> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {name} line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Result<BatchItem, String> = serde_json::from_str(&line)
            .map_err(|e| format!("line {} is not a report object: {e}", n + 1));
        let id = item
            .as_ref()
            .ok()
            .and_then(|i| i.id.clone())
            .unwrap_or_else(|| format!("line {}", n + 1));
        let result = item.and_then(|i| batch_report(&i, opts));
        match result {
            Ok(report) => {
                let claims = extract(&report, gaz);
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": id, "report": report, "claims": claims}),
                )?;
            }
            Err(e) => {
                failed += 1;
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": id, "error": format!("{name}: {id}: {e}")}),
                )?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("borderwatch: {failed} report(s) of {name} failed; see their error lines");
        return Ok(3);
    }
    Ok(0)
}

fn print_summary(
    out: &mut impl Write,
    name: &str,
    report: &Report,
    claims: &[Claim],
) -> anyhow::Result<()> {
    let published = report
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "date unknown".into());
    writeln!(
        out,
        "{name} · report {} · published {published}",
        &report.id[..12]
    )?;
    if let Some(d) = &report.dateline {
        writeln!(out, "dateline: {}", d.place)?;
    }
    if claims.is_empty() {
        writeln!(out, "no claims about border crossings")?;
        return Ok(());
    }
    for c in claims {
        let target = match (&c.crossing, &c.border) {
            (Some(x), _) => match &x.id {
                Some(id) => format!("{} ({id})", x.name),
                None => format!(
                    "{} (not in gazetteer{})",
                    isolate(&x.name, None),
                    if x.countries.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", x.countries.join("–"))
                    }
                ),
            },
            (None, Some(b)) if b.len() == 1 => format!("all borders of {}", b[0]),
            (None, Some(b)) => format!("{} border", b.join("–")),
            (None, None) => "?".into(),
        };
        let change = serde_json::to_value(c.change)?;
        let status = serde_json::to_value(c.status)?;
        let modality = serde_json::to_value(c.modality)?;
        writeln!(
            out,
            "\n  {:<18} {target}",
            format!(
                "{} → {}",
                change.as_str().unwrap_or("?"),
                status.as_str().unwrap_or("?").to_uppercase()
            )
        )?;
        // Words of the report inside our line keep their own direction (see `status_cmd::quote`).
        let lang = c.evidence.language.as_deref();
        let when = match (&c.effective.text, c.effective.date) {
            (_, Some(d)) => format!(
                "{d} ({})",
                isolate(c.effective.text.as_deref().unwrap_or(""), lang)
            ),
            (Some(t), None) => format!("\"{}\" (date not resolved)", isolate(t, lang)),
            (None, None) => "not stated".into(),
        };
        writeln!(
            out,
            "    when: {when} · {} · confidence {:.2}",
            modality.as_str().unwrap_or("?"),
            c.confidence
        )?;
        if let Some(s) = c.scope {
            writeln!(
                out,
                "    scope: {}",
                serde_json::to_value(s)?.as_str().unwrap_or("?")
            )?;
        }
        if let Some(cause) = &c.cause {
            writeln!(out, "    cause: {}", isolate(cause, lang))?;
        }
        let a = &c.attribution;
        if a.speaker.is_some() || !a.via.is_empty() {
            let mut who = a.speaker.clone().unwrap_or_default();
            if let Some(r) = &a.role {
                who = format!("{who}, {r}");
            }
            if !a.via.is_empty() {
                who = format!("{who} via {}", a.via.join(", ")).trim().to_string();
            }
            writeln!(out, "    on the word of: {}", isolate(&who, None))?;
        }
        let sentence = c.evidence.sentence.of(&report.text);
        writeln!(
            out,
            "    {}",
            crate::status_cmd::quote(sentence, c.evidence.language.as_deref())
        )?;
    }
    Ok(())
}
