//! `borderwatch worker`: pull reports from the JetStream stream, extract their claims, store them
//! and keep the fused events and timelines current, acking each message only after the transaction
//! that stored it has committed (one transaction per pulled batch).
//!
//! Any number of workers can share one stream and one store. Each message goes to one worker (one
//! durable consumer); a worker that dies leaves its unacked messages to be redelivered after the ack
//! wait, and a redelivered report is already stored or is stored now (one row per report id), so
//! redelivery is harmless. Fusion with several workers (ARCHITECTURE.md, "Several workers"): each
//! worker stores reports with the store's dirty flag set; every `--refresh-every` seconds (and when the
//! stream is quiet), a worker that can take the store's refresh lock re-fuses everything while the
//! others go on storing, and a refresh that
//! read before a newer report committed leaves the flag set. Before exiting, a worker refreshes
//! until the store is clean, so the last one out leaves every stored report fused.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Context;
use async_nats::jetstream::{AckKind, Message};
use borderwatch_extract::{Claim, Report, extract, report_id};
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{NewReport, Put, Store, refresh_if_free, refresh_until_clean};
use futures_util::StreamExt;
use serde::Serialize;

use crate::stream::{self, StreamArgs};

/// Extract, store and fuse the reports on the stream.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub stream: StreamArgs,
    /// Exit once the stream is drained: nothing left to deliver and nothing awaiting an ack.
    #[arg(long)]
    pub until_idle: bool,
    /// Messages pulled at once.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub batch: usize,
    /// Seconds before a message a worker took but did not ack goes to another worker (set when
    /// the stream's consumer is first created).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub ack_wait: u64,
    /// Refresh events and timelines at most every this many seconds while reports keep coming (and
    /// whenever the stream goes quiet). A refresh re-fuses every stored report, so refreshing after
    /// every batch would make a long run quadratic; this bounds how far queries lag behind.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    pub refresh_every: f64,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    store: String,
    stream: String,
    new: usize,
    already_seen: usize,
    claims: usize,
    /// Messages that are not a report: terminated, never redelivered.
    rejected: usize,
    refreshes: usize,
    seconds: f64,
    /// Time in each part of the work, for BENCHMARKS.md: pulling and acking (stream), extraction,
    /// storing (database), refreshing (fusion and its writes).
    stream_seconds: f64,
    extract_seconds: f64,
    store_seconds: f64,
    refresh_seconds: f64,
}

pub fn run(args: &WorkerArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    let started = Instant::now();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (_, js_stream) = rt.block_on(stream::open(&args.stream))?;
    let mut consumer = rt.block_on(stream::workers(
        &js_stream,
        Duration::from_secs(args.ack_wait.max(1)),
    ))?;
    let crossings = borderwatch_service::known_crossings(gaz);
    let mut s = Summary {
        store: store.describe(),
        stream: args.stream.stream.clone(),
        ..Summary::default()
    };
    let batch = args.batch.clamp(1, 10_000);
    let refresh_every = Duration::from_secs_f64(args.refresh_every.clamp(0.0, 86_400.0));
    let mut last_refresh = Instant::now();
    loop {
        let t = Instant::now();
        let messages: Vec<Message> = rt
            .block_on(async {
                let mut got = Vec::new();
                let mut fetched = consumer
                    .fetch()
                    .max_messages(batch)
                    .expires(Duration::from_secs(1))
                    .messages()
                    .await?;
                while let Some(m) = fetched.next().await {
                    got.push(m?);
                }
                Ok::<_, async_nats::Error>(got)
            })
            .map_err(|e| anyhow::anyhow!("pulling from {}: {e}", args.stream.stream))?;
        s.stream_seconds += t.elapsed().as_secs_f64();
        if messages.is_empty() {
            if args.until_idle {
                let info = rt
                    .block_on(consumer.info())
                    .map_err(|e| anyhow::anyhow!("reading the consumer's state: {e}"))?;
                if info.num_pending == 0 && info.num_ack_pending == 0 {
                    break;
                }
            }
            // Quiet stream: use the pause to fuse what is stored.
            refresh_timed(store, &crossings, &mut s)?;
            last_refresh = Instant::now();
            continue;
        }
        let mut acks = Vec::with_capacity(messages.len());
        let mut reports = Vec::with_capacity(messages.len());
        for m in &messages {
            match decode(m) {
                Ok(report) => {
                    reports.push((report, stream::to_read(m)));
                    acks.push(AckKind::Ack);
                }
                Err(why) => {
                    eprintln!(
                        "borderwatch worker: a message on {} is not a report ({why}); terminated",
                        m.subject
                    );
                    s.rejected += 1;
                    acks.push(AckKind::Term);
                }
            }
        }
        store_batch(store, gaz, &reports, &mut s)?;
        // Only now, after the batch's transaction committed: a crash before this point means
        // redelivery, and redelivery finds the reports stored.
        let t = Instant::now();
        for (m, ack) in messages.iter().zip(acks) {
            rt.block_on(m.double_ack_with(ack))
                .map_err(|e| anyhow::anyhow!("acking a message: {e}"))?;
        }
        s.stream_seconds += t.elapsed().as_secs_f64();
        if last_refresh.elapsed() >= refresh_every {
            refresh_timed(store, &crossings, &mut s)?;
            last_refresh = Instant::now();
        }
    }
    let t = Instant::now();
    s.refreshes += refresh_until_clean(store, &crossings)?;
    s.refresh_seconds += t.elapsed().as_secs_f64();
    s.seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{}: {} new, {} already stored, {} rejected, {} claims, {} refreshes, {:.1} s \
             (stream {:.1} s, extraction {:.1} s, store {:.1} s, fusion {:.1} s)",
            s.store,
            s.new,
            s.already_seen,
            s.rejected,
            s.claims,
            s.refreshes,
            s.seconds,
            s.stream_seconds,
            s.extract_seconds,
            s.store_seconds,
            s.refresh_seconds
        )?;
    }
    Ok(0)
}

/// A report from a message, refused when its id is not the hash of its text (the id is what makes
/// redelivery and duplicates harmless, so it must be the one `read_report` gives).
fn decode(m: &Message) -> Result<Report, String> {
    let report: Report = serde_json::from_slice(&m.payload).map_err(|e| e.to_string())?;
    let id = report_id(&report.text);
    if id != report.id {
        return Err(format!("its id {} is not its text's ({id})", report.id));
    }
    Ok(report)
}

/// Extracts the claims of `reports` (those to be read) and stores them all in one transaction. A
/// report already stored (a redelivery, a copy) changes nothing but may record a new URL.
fn store_batch(
    store: &mut dyn Store,
    gaz: &Gazetteer,
    reports: &[(Report, bool)],
    s: &mut Summary,
) -> anyhow::Result<()> {
    if reports.is_empty() {
        return Ok(());
    }
    let t = Instant::now();
    let extracted: Vec<(Vec<Claim>, Signature)> = reports
        .iter()
        .map(|(r, read)| {
            let claims = if *read { extract(r, gaz) } else { Vec::new() };
            // Only fusion reads signatures, and only of reports with claims.
            let signature = if claims.is_empty() {
                Signature::default()
            } else {
                Signature::of(&r.text)
            };
            (claims, signature)
        })
        .collect();
    s.extract_seconds += t.elapsed().as_secs_f64();
    let batch: Vec<NewReport<'_>> = reports
        .iter()
        .zip(&extracted)
        .map(|((report, _), (claims, signature))| NewReport {
            report,
            claims,
            signature,
        })
        .collect();
    let t = Instant::now();
    let puts = store
        .put_reports(&batch)
        .with_context(|| format!("storing {} reports", batch.len()))?;
    s.store_seconds += t.elapsed().as_secs_f64();
    for put in puts {
        match put {
            Put::New { claims } => {
                s.new += 1;
                s.claims += claims;
            }
            Put::Seen { .. } => s.already_seen += 1,
        }
    }
    Ok(())
}

fn refresh_timed(
    store: &mut dyn Store,
    crossings: &borderwatch_store::KnownCrossings,
    s: &mut Summary,
) -> anyhow::Result<()> {
    let t = Instant::now();
    if refresh_if_free(store, crossings)?.is_some() {
        s.refreshes += 1;
    }
    s.refresh_seconds += t.elapsed().as_secs_f64();
    Ok(())
}
