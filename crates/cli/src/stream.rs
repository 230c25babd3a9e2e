//! The JetStream stream of reports shared by `publish`, `watch --publish` and `worker`: its name, its subjects, and
//! the durable consumer the workers share.
//!
//! A report travels as the JSON of the normalized [`borderwatch_extract::Report`] on the subject
//! `STREAM.SOURCE` (the outlet, made a subject token), with the report id as the message id (and, from
//! `watch --publish`, an [`UNREAD`] header when its language is not one the extractor reads), so the
//! stream itself drops a report published twice within its duplicate window; a copy published later
//! is harmless anyway (the store keeps one report per id and records the new URL). Workers share one
//! durable pull consumer with explicit acks: each message goes to one worker, and a message a worker
//! took but did not ack (it died) goes to another after the ack wait.

use std::time::Duration;

use anyhow::Context;
use async_nats::jetstream::context::PublishAckFuture;
use async_nats::jetstream::message::PublishMessage;
use async_nats::jetstream::{self, consumer, stream};
use borderwatch_extract::Report;

/// The stream's name unless `--stream` says otherwise.
pub const DEFAULT_STREAM: &str = "borderwatch-reports";
/// The durable consumer every worker of a stream pulls from.
pub const CONSUMER: &str = "borderwatch-workers";
/// How long the stream drops a message whose id it has seen (JetStream's own de-duplication).
const DUPLICATE_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// Options every stream command shares.
#[derive(Debug, Clone, clap::Args)]
pub struct StreamArgs {
    /// The NATS server [env: BORDERWATCH_NATS_URL; default nats://127.0.0.1:4222].
    #[arg(long, value_name = "URL")]
    pub nats: Option<String>,
    /// The JetStream stream of reports; several deployments (and tests) can share one NATS server
    /// under different names.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_STREAM)]
    pub stream: String,
}

impl StreamArgs {
    pub fn url(&self) -> String {
        self.nats
            .clone()
            .or_else(|| {
                std::env::var("BORDERWATCH_NATS_URL")
                    .ok()
                    .filter(|u| !u.is_empty())
            })
            .unwrap_or_else(|| "nats://127.0.0.1:4222".into())
    }
}

/// A stream name NATS accepts and that makes a clean subject prefix.
fn check_name(name: &str) -> anyhow::Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    anyhow::ensure!(
        ok,
        "--stream {name:?}: use letters, digits, '-' and '_' (at most 64)"
    );
    Ok(())
}

/// The subject a report from `outlet` is published on.
pub fn subject(stream: &str, outlet: Option<&str>) -> String {
    let token: String = outlet
        .unwrap_or("unknown")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let token = if token.is_empty() {
        "unknown".to_string()
    } else {
        token
    };
    format!("{stream}.{token}")
}

/// The header of a report to be stored unread: `watch` found it in a language the extractor does
/// not read. Workers store it without claims, as `watch` itself would.
pub const UNREAD: &str = "Borderwatch-Unread";

/// Sends `report` on its outlet's subject with its id as the message id (so the stream drops it when
/// the same text was published within the duplicate window); the returned future is the stream's
/// ack. `read: false` marks it [`UNREAD`].
pub async fn send_report(
    js: &jetstream::Context,
    stream: &str,
    report: &Report,
    read: bool,
) -> anyhow::Result<PublishAckFuture> {
    let payload = serde_json::to_vec(report)
        .with_context(|| format!("report {} cannot be written", report.id))?;
    let mut message = PublishMessage::build()
        .payload(payload.into())
        .message_id(&report.id);
    if !read {
        message = message.header(UNREAD, "1");
    }
    js.send_publish(subject(stream, report.outlet.as_deref()), message)
        .await
        .map_err(|e| anyhow::anyhow!("publishing report {}: {e}", report.id))
}

/// Whether a message's report is to be read (it is, unless marked [`UNREAD`]).
pub fn to_read(m: &jetstream::Message) -> bool {
    m.headers
        .as_ref()
        .and_then(|h| h.get(UNREAD))
        .is_none_or(|v| v.as_str() != "1")
}

/// Connects and makes sure the stream exists (creating it, file-backed, when missing).
pub async fn open(args: &StreamArgs) -> anyhow::Result<(jetstream::Context, stream::Stream)> {
    check_name(&args.stream)?;
    let url = args.url();
    let client = async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(5))
        .connect(url.as_str())
        .await
        // The client's message already names the cause; a context chain would repeat it.
        .map_err(|e| anyhow::anyhow!("connecting to NATS at {url}: {e}"))?;
    let js = jetstream::new(client);
    let stream = js
        .get_or_create_stream(stream::Config {
            name: args.stream.clone(),
            subjects: vec![format!("{}.>", args.stream)],
            storage: stream::StorageType::File,
            duplicate_window: DUPLICATE_WINDOW,
            ..Default::default()
        })
        .await
        .with_context(|| format!("opening the JetStream stream {} at {url}", args.stream))?;
    Ok((js, stream))
}

/// The durable consumer the workers share, created on first use.
pub async fn workers(
    stream: &stream::Stream,
    ack_wait: Duration,
) -> anyhow::Result<consumer::PullConsumer> {
    stream
        .get_or_create_consumer(
            CONSUMER,
            consumer::pull::Config {
                durable_name: Some(CONSUMER.into()),
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait,
                // A message that keeps failing (a store error every time) is retried, not lost;
                // a message that cannot be read at all is terminated by the worker instead.
                max_deliver: -1,
                ..Default::default()
            },
        )
        .await
        .with_context(|| format!("opening the consumer {CONSUMER}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_one_token_per_source() {
        assert_eq!(
            subject("s", Some("Rudaw English")),
            "s.rudaw_english".to_string()
        );
        assert_eq!(subject("s", Some("a.b>*")), "s.a_b__");
        assert_eq!(subject("s", None), "s.unknown");
        assert_eq!(subject("s", Some("")), "s.unknown");
        assert!(check_name("a.b").is_err());
        assert!(check_name("borderwatch-reports").is_ok());
    }
}
