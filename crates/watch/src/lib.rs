//! `borderwatch watch`: follows news sources and ingests each new article once.
//!
//! - [`config`]: `sources.toml`, validated, errors naming the line.
//! - [`discover`]: from a fetched feed, sitemap, listing page or GDELT update to the items it lists
//!   (pure).
//! - [`Watcher`]: polls a source (conditional GET through the guarded [`Fetcher`]), reads every item
//!   not seen before with the project's one HTML reader, and hands the report to a [`Sink`], which
//!   stores it (the CLI's [`StoreSink`], or the server's writer so webhooks fire).
//!
//! Resilience: whatever goes wrong with a source (a 500, a timeout, a feed that is not one, an XML
//! bomb, a page that never ends) is recorded as that source's last error; an item that fails is
//! recorded and tried again on the next polls, up to three times; nothing stops the other sources or
//! the process. What was seen is in the store, so a restart neither refetches nor ingests twice.

pub mod config;
pub mod discover;
mod sink;

use std::sync::Arc;
use std::time::Duration;

use borderwatch_extract::{NormalizeOptions, Report, ReportMeta};
use borderwatch_fetch::{Body, Fetched, Fetcher, Validators};
use borderwatch_store::{ItemOutcome, SeenItem, SourcePoll};
use futures_util::StreamExt;

pub use config::{Kind, Source, Sources, parse_sources};
pub use discover::Item;
pub use sink::{
    Bookkeeping, Ingest, Sink, SinkFuture, StoreSink, WatchLog, blocking, store_unread,
    stored_validators,
};

/// Pages of one source read at once.
const ITEMS_AT_ONCE: usize = 4;
/// Sitemaps of a sitemap index read per poll.
const MAX_CHILD_SITEMAPS: usize = 10;

/// What one poll of one source did.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct PollReport {
    pub source: String,
    /// Why the source itself could not be read this time.
    pub error: Option<String>,
    pub not_modified: bool,
    pub listed: usize,
    /// Items not seen before, read this poll.
    pub new: usize,
    pub reports: usize,
    pub copies: usize,
    pub other_language: usize,
    /// Put on the report stream for workers (`watch --publish`); their claims are not counted.
    pub published: usize,
    pub failed: usize,
    pub claims: usize,
}

/// Called after each item is read (for a progress display).
pub type OnItem = Arc<dyn Fn(&SeenItem) + Send + Sync>;

/// Polls sources and feeds what is new to a [`Sink`].
pub struct Watcher<S: Sink> {
    fetcher: Arc<Fetcher>,
    sink: Arc<S>,
    on_item: Option<OnItem>,
    /// Set when `run` is told to stop: items not yet started are left for the next start.
    stopping: std::sync::atomic::AtomicBool,
}

impl<S: Sink + 'static> Watcher<S> {
    pub fn new(fetcher: Arc<Fetcher>, sink: Arc<S>) -> Watcher<S> {
        Watcher {
            fetcher,
            sink,
            on_item: None,
            stopping: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Calls `f` after each item is read and recorded.
    pub fn with_progress(mut self, f: OnItem) -> Watcher<S> {
        self.on_item = Some(f);
        self
    }

    /// Polls every source once, all at once, and reports on each (in the order given).
    pub async fn poll_all(&self, sources: &[Source]) -> Vec<PollReport> {
        futures_util::future::join_all(sources.iter().map(|s| self.poll(s))).await
    }

    /// Follows every source on its own interval until `stop` turns true. A poll in progress when it
    /// does is finished (its fetches are bounded by their timeouts); items it did not reach are read
    /// on the next start.
    pub async fn run(
        self: Arc<Self>,
        sources: Vec<Source>,
        mut stop: tokio::sync::watch::Receiver<bool>,
        on_poll: Arc<dyn Fn(&PollReport) + Send + Sync>,
    ) {
        let mut tasks = tokio::task::JoinSet::new();
        for source in sources {
            let me = self.clone();
            let mut stop = stop.clone();
            let on_poll = on_poll.clone();
            tasks.spawn(async move {
                loop {
                    let report = me.poll(&source).await;
                    on_poll(&report);
                    tokio::select! {
                        _ = tokio::time::sleep(source.interval) => {}
                        _ = stop.wait_for(|s| *s) => break,
                    }
                    if *stop.borrow() {
                        break;
                    }
                }
            });
        }
        let _ = stop.wait_for(|s| *s).await;
        self.stopping
            .store(true, std::sync::atomic::Ordering::SeqCst);
        while tasks.join_next().await.is_some() {}
    }

    /// One poll of one source. Never fails: what went wrong is in the report and the store.
    pub async fn poll(&self, source: &Source) -> PollReport {
        let mut report = PollReport {
            source: source.name.clone(),
            ..PollReport::default()
        };
        let validators = self.sink.log().validators(&source.name);
        let at = now();
        let mut poll = SourcePoll {
            name: source.name.clone(),
            kind: source.kind.as_str().to_owned(),
            url: source.url.clone(),
            at,
            error: None,
            etag: None,
            last_modified: None,
        };
        let listed = match self.fetcher.get(&source.url, &validators).await {
            Ok(Fetched::NotModified) => {
                report.not_modified = true;
                Ok(Vec::new())
            }
            Ok(Fetched::Body(body)) => {
                poll.etag = body.validators.etag.clone();
                poll.last_modified = body.validators.last_modified.clone();
                self.list(source, &body).await
            }
            Err(e) => Err(e.to_string()),
        };
        let items = match listed {
            Ok(items) => items,
            Err(e) => {
                tracing::warn!(source = %source.name, error = %e, "source not read");
                // Validators of a body that could not be read must not turn the next poll into a 304.
                poll.etag = None;
                poll.last_modified = None;
                poll.error = Some(e.clone());
                report.error = Some(e);
                self.sink.log().record_poll(&poll);
                return report;
            }
        };
        report.listed = items.len();
        let fresh: Vec<Item> = items
            .into_iter()
            .filter(|i| !self.sink.log().item_done(&i.url))
            .take(source.max_items)
            .collect();
        report.new = fresh.len();
        let outcomes: Vec<SeenItem> = futures_util::stream::iter(fresh)
            .map(|item| self.read_and_ingest(source, item))
            .buffer_unordered(ITEMS_AT_ONCE)
            .filter_map(|seen| async move { seen })
            .collect()
            .await;
        for seen in &outcomes {
            match seen.outcome {
                ItemOutcome::Report => report.reports += 1,
                ItemOutcome::Copy => report.copies += 1,
                ItemOutcome::OtherLanguage => report.other_language += 1,
                ItemOutcome::Published => report.published += 1,
                ItemOutcome::Failed => report.failed += 1,
            }
            report.claims += seen.claims;
        }
        self.sink.log().record_poll(&poll);
        tracing::info!(
            source = %source.name,
            listed = report.listed,
            new = report.new,
            reports = report.reports,
            failed = report.failed,
            not_modified = report.not_modified,
            "polled"
        );
        report
    }

    /// The items a fetched source document lists.
    async fn list(&self, source: &Source, body: &Body) -> Result<Vec<Item>, String> {
        let base = body.url.as_str();
        match source.kind {
            Kind::Feed => discover::feed_items(&body.bytes, base).map_err(|e| e.to_string()),
            Kind::Sitemap => {
                let list = discover::sitemap_items(&body.bytes, base).map_err(|e| e.to_string())?;
                let mut items = list.items;
                for child in list.sitemaps.iter().take(MAX_CHILD_SITEMAPS) {
                    match self.fetcher.get(child, &Validators::default()).await {
                        Ok(Fetched::Body(b)) => match discover::sitemap_items(&b.bytes, &b.url) {
                            Ok(l) => items.extend(l.items),
                            Err(e) => tracing::warn!(%child, error = %e, "sitemap skipped"),
                        },
                        Ok(Fetched::NotModified) => {}
                        Err(e) => tracing::warn!(%child, error = %e, "sitemap skipped"),
                    }
                }
                Ok(items)
            }
            Kind::Listing => {
                let html = decode(body);
                let pattern = source.link_pattern.as_deref().unwrap_or("/");
                Ok(discover::listing_items(&html, base, pattern))
            }
            Kind::Gdelt => self.gdelt_items(source, body).await,
        }
    }

    async fn gdelt_items(&self, source: &Source, body: &Body) -> Result<Vec<Item>, String> {
        let update = discover::gdelt_update_list(&String::from_utf8_lossy(&body.bytes))
            .map_err(|e| e.to_string())?;
        let fetch_zip = |url: String| async move {
            match self.fetcher.get(&url, &Validators::default()).await {
                Ok(Fetched::Body(b)) => discover::unzip_first(&b.bytes).map_err(|e| e.to_string()),
                Ok(Fetched::NotModified) => Err(format!("{url}: unexpected 304")),
                Err(e) => Err(e.to_string()),
            }
        };
        let export_url = update.export.unwrap_or_default();
        let csv = fetch_zip(export_url.clone()).await?;
        let rows = discover::gdelt_export_rows(&csv, &source.gdelt);
        tracing::info!(
            source = %source.name,
            file = %export_url,
            rows = rows.rows,
            kept = rows.items.len(),
            malformed = rows.malformed,
            "GDELT export filtered"
        );
        let mut items = rows.items;
        if source.gdelt.mentions
            && let Some(m) = update.mentions
        {
            match fetch_zip(m.clone()).await {
                Ok(csv) => {
                    let known: std::collections::HashSet<String> =
                        items.iter().map(|i| i.url.clone()).collect();
                    items.extend(
                        discover::gdelt_mention_items(&csv, &rows.events)
                            .into_iter()
                            .filter(|i| !known.contains(&i.url)),
                    );
                }
                Err(e) => tracing::warn!(file = %m, error = %e, "GDELT mentions skipped"),
            }
        }
        Ok(items)
    }

    /// Reads and stores one item; `None` when stopping began before it started (it is read on the
    /// next start, since nothing about it was recorded).
    async fn read_and_ingest(&self, source: &Source, item: Item) -> Option<SeenItem> {
        if self.stopping.load(std::sync::atomic::Ordering::SeqCst) {
            return None;
        }
        let mut seen = SeenItem {
            url: item.url.clone(),
            source: source.name.clone(),
            outcome: ItemOutcome::Failed,
            report: None,
            claims: 0,
            language: None,
            error: None,
        };
        let read = self.read_item(source, &item).await;
        match read {
            Err(e) => {
                tracing::debug!(url = %item.url, error = %e, "item not read");
                seen.error = Some(e);
            }
            Ok((report, language)) => {
                let readable = language
                    .as_deref()
                    .is_none_or(borderwatch_extract::reads_language);
                seen.language = language;
                seen.report = Some(report.id.clone());
                match self.sink.ingest(report, readable).await {
                    Ok(Ingest::New { claims }) => {
                        seen.outcome = if readable {
                            ItemOutcome::Report
                        } else {
                            ItemOutcome::OtherLanguage
                        };
                        seen.claims = claims;
                    }
                    Ok(Ingest::Copy) => seen.outcome = ItemOutcome::Copy,
                    Ok(Ingest::Published) => {
                        seen.outcome = if readable {
                            ItemOutcome::Published
                        } else {
                            ItemOutcome::OtherLanguage
                        };
                    }
                    Err(e) => seen.error = Some(e),
                }
            }
        }
        self.sink.log().record_item(&seen, &now());
        if let Some(f) = &self.on_item {
            f(&seen);
        }
        Some(seen)
    }

    /// The report an item makes, with its language when known.
    async fn read_item(
        &self,
        source: &Source,
        item: &Item,
    ) -> Result<(Report, Option<String>), String> {
        let opts = NormalizeOptions::default();
        if source.use_item_text
            && let Some(text) = &item.text
        {
            let meta = ReportMeta {
                url: Some(item.url.clone()),
                outlet: source.outlet.clone().or(item.channel.clone()),
                title: item.title.clone(),
                published: item.published,
                language: None,
            };
            let report = borderwatch_extract::read_report(text.as_bytes(), meta, &opts)
                .map_err(|e| format!("{}: {e}", item.url))?;
            let language = report.language.clone();
            return Ok((report, language));
        }
        let body = match self.fetcher.get(&item.url, &Validators::default()).await {
            Ok(Fetched::Body(b)) => b,
            Ok(Fetched::NotModified) => return Err(format!("{}: unexpected 304", item.url)),
            Err(e) => return Err(e.to_string()),
        };
        if let Some(ct) = &body.content_type {
            let ct = ct.to_ascii_lowercase();
            let textual = ct.starts_with("text/") || ct.contains("html") || ct.contains("xml");
            if !textual {
                return Err(format!("{}: not a page (Content-Type {ct})", body.url));
            }
        }
        let html = decode(&body);
        let page = borderwatch_reader::page_meta(&html, Some(&body.url));
        let meta = ReportMeta {
            url: Some(body.url.clone()),
            outlet: page
                .outlet
                .or(source.outlet.clone())
                .or(item.channel.clone()),
            title: item.title.clone(),
            published: page.published.map(|(d, _)| d).or(item.published),
            language: page.language.map(|(l, _)| l),
        };
        let report = borderwatch_extract::read_report(html.as_bytes(), meta, &opts)
            .map_err(|e| format!("{}: {e}", body.url))?;
        let language = report.language.clone();
        Ok((report, language))
    }
}

/// The body as text: the charset of the Content-Type header when it names one, else as the bytes
/// declare or look (UTF-8, a `<meta charset>`, detection — done by normalize on the bytes).
fn decode(body: &Body) -> String {
    if let Some(enc) = body
        .charset()
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        && std::str::from_utf8(&body.bytes).is_err()
    {
        let (text, _, _) = enc.decode(&body.bytes);
        return text.into_owned();
    }
    borderwatch_extract::normalize::decode_bytes(&body.bytes)
        .unwrap_or_else(|| String::from_utf8_lossy(&body.bytes).into_owned())
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// The default interval between polls when a source gives none and `--feed` adds one.
pub const FEED_INTERVAL: Duration = Duration::from_secs(15 * 60);
