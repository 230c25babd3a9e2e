//! `borderwatch publish PATH…`: read reports as `ingest` reads them and put each on the JetStream
//! stream, for workers to extract, store and fuse. Nothing is extracted or stored here.

use std::io::Write;

use anyhow::Context;
use borderwatch_extract::Report;
use serde::Serialize;

use crate::ingest_cmd::Failure;
use crate::inputs::{InputArgs, Sink, collect};
use crate::stream::{self, StreamArgs};

/// Put reports on the stream for `borderwatch worker`.
#[derive(Debug, Clone, clap::Args)]
pub struct PublishArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub stream: StreamArgs,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    stream: String,
    published: usize,
    /// Dropped by the stream: a message with this report id was published within its window.
    duplicates: usize,
    failed: Vec<Failure>,
}

/// Publishes as it reads; acks are awaited in groups so the server works while reading goes on.
struct Publisher<'a> {
    rt: &'a tokio::runtime::Runtime,
    js: async_nats::jetstream::Context,
    stream: String,
    pending: Vec<(String, async_nats::jetstream::context::PublishAckFuture)>,
    summary: Summary,
}

/// How many publishes may await their acks at once.
const IN_FLIGHT: usize = 256;

impl Publisher<'_> {
    fn settle(&mut self) -> anyhow::Result<()> {
        for (label, ack) in std::mem::take(&mut self.pending) {
            match self.rt.block_on(ack.into_future()) {
                Ok(a) if a.duplicate => self.summary.duplicates += 1,
                Ok(_) => self.summary.published += 1,
                Err(e) => anyhow::bail!("the stream did not take {label}: {e}"),
            }
        }
        Ok(())
    }
}

impl Sink for Publisher<'_> {
    fn report(&mut self, name: &str, report: Report) -> anyhow::Result<()> {
        let ack = self
            .rt
            .block_on(stream::send_report(&self.js, &self.stream, &report, true))
            .with_context(|| format!("publishing {name}"))?;
        self.pending.push((name.to_string(), ack));
        if self.pending.len() >= IN_FLIGHT {
            self.settle()?;
        }
        Ok(())
    }

    fn fail(&mut self, input: String, reason: String) -> anyhow::Result<()> {
        self.summary.failed.push(Failure { input, reason });
        Ok(())
    }
}

pub fn run(args: &PublishArgs) -> anyhow::Result<i32> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (js, _) = rt.block_on(stream::open(&args.stream))?;
    let mut publisher = Publisher {
        rt: &rt,
        js,
        stream: args.stream.stream.clone(),
        pending: Vec::new(),
        summary: Summary {
            stream: args.stream.stream.clone(),
            ..Summary::default()
        },
    };
    let mut sources = Vec::new();
    for p in &args.input.paths {
        collect(p, true, &mut sources, &mut publisher.summary.failed);
    }
    let reader = args.input.reader();
    for s in &sources {
        reader.read(s, &mut publisher)?;
    }
    publisher.settle()?;
    let summary = publisher.summary;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} published to {}, {} already on the stream, {} failed",
            summary.published,
            summary.stream,
            summary.duplicates,
            summary.failed.len()
        )?;
        for f in &summary.failed {
            writeln!(out, "  failed: {}: {}", f.input, f.reason)?;
        }
    }
    Ok(if summary.failed.is_empty() { 0 } else { 3 })
}
