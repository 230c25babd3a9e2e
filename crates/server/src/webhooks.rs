//! Webhook delivery: every status change (see `borderwatch_service::changes`) is POSTed as JSON to
//! each configured webhook, signed, retried with backoff, and every attempt is written to the store's
//! delivery log.
//!
//! # What a receiver gets
//!
//! One POST per change and webhook. The body is the change with its evidence
//! (`ChangeWithEvidence`: `id`, `crossing`, `name`, `countries`, `date`, `from`, `to`, `until`,
//! `independent_sources`, `confidence`, `contested`, `events`, `on_the_word_of`, `evidence`) plus
//! `"type": "status_change"` and `"hook": <the webhook's name>`. Headers:
//!
//! - [`SIGNATURE_HEADER`]: `sha256=` and the lowercase hex HMAC-SHA256 of the exact body bytes, keyed
//!   with the webhook's secret ([`signature`]). Receivers should recompute it before trusting the body.
//! - [`DELIVERY_HEADER`]: the change id. Delivery is *at least once* (see below), so receivers should
//!   use this id to drop repeats.
//! - [`ATTEMPT_HEADER`]: 1 for the first attempt, 2 for the first retry, and so on.
//! - `User-Agent: borderwatch/<version>` and `Content-Type: application/json`.
//!
//! Any 2xx answer counts as delivered. Any other status (redirects included: they are not followed,
//! because following one would turn the POST into a GET to a place the operator did not configure),
//! a timeout or a connection error is a failed attempt; the next one follows after
//! `WebhookTiming::backoff(attempt)`. After `attempts` attempts the last one is logged as `GaveUp`
//! and the change is never sent to that webhook again.
//!
//! # Order
//!
//! Per webhook, first attempts go out oldest change first (by date, then crossing id), one after the
//! other: a change's first attempt waits until the previous change's first attempt has an answer.
//! Retries run on their own, so a failing change never holds up the others, and therefore a retried
//! change can arrive *after* a later one. Receivers that care about order should sort by `date`.
//! Different webhooks do not wait for each other.
//!
//! # Which changes are sent: the delivery log is the memory
//!
//! The log (one row per attempt) tells which changes a webhook needs nothing more for: those with a
//! `Delivered`, `GaveUp` or `Baseline` row (`Store::settled_changes`). A webhook the log has never
//! seen is *new*: every change that exists when it is first seen is logged as `Baseline` (attempt 0,
//! never sent), so adding a webhook to a store with years of history does not flood it. Only changes
//! that appear afterwards are sent.
//!
//! A new webhook at a store with no changes yet (a fresh server) would leave no row and so would
//! still look new when its first change arrives, which would then be swallowed as baseline. To
//! remember it, the worker logs one `Baseline` row whose change id is [`HOOK_KNOWN`] (the empty
//! string, which no change id can be). That row, like any settled row, simply means "this webhook is
//! known"; it is written only when there was no change to baseline.
//!
//! Because the log is the memory, delivery is at least once, not exactly once: if the process stops
//! (or the log write fails) after a receiver answered 2xx but before the `Delivered` row is written,
//! the change is sent again later. A change whose retries were cut short by a restart goes on with
//! the next attempt after its backoff (`Store::last_failed_attempts`), not at attempt 1. A change id
//! that fusion later corrects (an earlier report moves the date) is a new change and is sent again
//! under its new id, as `changes` documents.
//!
//! # Several servers over one store
//!
//! Every server over a shared (PostgreSQL) store runs this worker with the same webhooks. Before a
//! delivery starts, the server claims (webhook, change) in the store (`Store::claim_delivery`, a row
//! with an owner and a lease of twice the timeout plus 2 s) and renews the claim before every
//! further attempt; a server that does not get the claim skips the change. So each change goes out
//! from one server, and if that server stops, another takes the delivery over once the lease ran
//! out, going on from the logged attempts.
//!
//! A dirty store (reports stored, not fused yet) is waited for, up to `dirty_patience_ms` (30 s by
//! default): a bulk ingest refreshes soon, and its intermediate rows would only be corrected. Past
//! that, the changes its rows hold are sent anyway: stream workers writing all the time can keep a
//! store dirty for good, and its rows are always one whole fusion of an earlier snapshot.
//!
//! # How it runs
//!
//! [`run`] is one tokio task. It looks for work at start, whenever `wake` is notified (the server
//! does so after storing a report; use `notify_one`, which keeps the wake-up if the worker is busy),
//! and every `poll_ms` (for reports stored by other processes). Store calls are synchronous, so they
//! run on tokio's blocking pool over one SQLite connection that the worker opens itself. Each
//! delivery is its own task; the worker remembers which (webhook, change) pairs are in flight so a
//! poll during a backoff does not start the same delivery twice. A store error is logged with
//! `tracing::warn!` and the work is retried at the next poll; nothing in here panics on bad input.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::changes::{
    ChangeFilter, ChangeWithEvidence, StatusChange, changes, with_evidence,
};
use borderwatch_store::{AnyStore, Delivery, DeliveryOutcome, Store, StoreError, StoreLocation};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::{Notify, oneshot, watch};
use tokio::task::JoinSet;

use crate::config::{Webhook, WebhookTiming};

/// Header carrying `sha256=<lowercase hex HMAC-SHA256 of the body>`.
pub const SIGNATURE_HEADER: &str = "X-Borderwatch-Signature";
/// Header carrying the change id, the same on every attempt: the receiver's key for dropping repeats.
pub const DELIVERY_HEADER: &str = "X-Borderwatch-Delivery";
/// Header carrying the attempt number, 1 for the first.
pub const ATTEMPT_HEADER: &str = "X-Borderwatch-Attempt";

/// The change id of the `Baseline` row that marks a webhook as known when it had no change to
/// baseline (see the module docs). Change ids are hex digests, never empty.
pub const HOOK_KNOWN: &str = "";

/// `User-Agent` of every delivery.
const USER_AGENT: &str = concat!("borderwatch/", env!("CARGO_PKG_VERSION"));

/// A `poll_ms` below this is raised to it, so a zero in the config cannot turn the worker into a
/// busy loop over the store.
const MIN_POLL: Duration = Duration::from_millis(20);

/// `"sha256="` + lowercase hex of HMAC-SHA256(`secret`, `body`): the value of [`SIGNATURE_HEADER`].
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length (long keys are hashed, short ones padded), so this constructor
    // cannot fail whatever the configured secret is.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC-SHA256 takes keys of any length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(7 + 2 * digest.len());
    out.push_str("sha256=");
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Why one poll (or part of it) could not be done. Logged, then retried at the next poll.
#[derive(Debug, thiserror::Error)]
enum PollError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Service(#[from] borderwatch_service::Error),
    #[error("cannot encode change {change} as JSON: {source}")]
    Encode {
        change: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("the blocking store task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
}

/// What the worker and its delivery tasks share: the store connection (opened on first use and
/// reopened after a failed open) and the timing.
struct Shared {
    db: StoreLocation,
    store: Mutex<Option<AnyStore>>,
    timing: WebhookTiming,
    /// This process, as the owner of the deliveries it claims in the store.
    owner: String,
    /// Since when the polls have found the store dirty (see `WebhookTiming::dirty_patience_ms`).
    dirty_since: Mutex<Option<std::time::Instant>>,
}

impl Shared {
    /// How long a claim lasts: one attempt's timeout twice over and 2 s, so the owner logs
    /// the outcome well before another server may take the delivery over. Renewed before every
    /// attempt.
    fn lease_ms(&self) -> i64 {
        (self.timing.timeout_ms.saturating_mul(2)).saturating_add(2_000) as i64
    }

    /// Claims (or renews) `change` for this process; false when another server delivers it.
    fn claim(&self, store: &mut dyn Store, hook: &str, change: &str) -> Result<bool, StoreError> {
        let now = now_ms();
        store.claim_delivery(hook, change, &self.owner, now, now + self.lease_ms())
    }
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// A name for this server process that no other one shares: host, process id, start time.
fn owner_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    format!(
        "{host}/{}/{}",
        std::process::id(),
        jiff::Timestamp::now().as_nanosecond()
    )
}

impl Shared {
    /// Runs `f` on the store, opening it first if needed. Blocking: call from the blocking pool.
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> Result<T, PollError>,
    ) -> Result<T, PollError> {
        // A panic while the lock was held leaves a connection that is still usable: SQLite rolls
        // back any open transaction, so the poison flag carries no information here.
        let mut slot = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let store = match slot.take() {
            Some(s) => s,
            None => borderwatch_store::open(&self.db)?,
        };
        f(&mut **slot.insert(store))
    }
}

/// One delivery to start: a change a webhook has not settled, that is not in flight, and that this
/// process has claimed.
struct Job {
    /// Index into the worker's webhooks.
    hook: usize,
    change: String,
    /// 1, or the attempt after the last one logged (a delivery cut short by a restart, or left by a
    /// server that stopped, goes on where it was).
    first_attempt: u32,
    /// Not before this time: the backoff after the last logged attempt.
    not_before: Option<jiff::Timestamp>,
    /// The exact bytes sent (and signed) on every attempt.
    body: Arc<[u8]>,
}

/// Delivers status changes to `hooks` until `shutdown` turns true (or its sender is dropped, which
/// leaves no way to ever stop the worker otherwise). See the module docs for what is sent, when,
/// and how the delivery log is used. Deliveries in flight at shutdown are abandoned; those not yet
/// logged as delivered are sent again by the next run.
pub async fn run(
    db: StoreLocation,
    gaz: &'static Gazetteer,
    hooks: Vec<Webhook>,
    timing: WebhookTiming,
    wake: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
) {
    if hooks.is_empty() {
        wait_for_shutdown(&mut shutdown).await;
        return;
    }
    let client = match reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(Duration::from_millis(timing.timeout_ms.max(1)))
        .connect_timeout(Duration::from_millis(timing.timeout_ms.max(1)))
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("webhooks disabled: cannot build the HTTP client: {e}");
            wait_for_shutdown(&mut shutdown).await;
            return;
        }
    };
    let poll_every = Duration::from_millis(timing.poll_ms).max(MIN_POLL);
    let shared = Arc::new(Shared {
        db,
        store: Mutex::new(None),
        timing,
        owner: owner_id(),
        dirty_since: Mutex::new(None),
    });
    let hooks: Arc<[Arc<Webhook>]> = hooks.into_iter().map(Arc::new).collect();

    let mut tasks: JoinSet<()> = JoinSet::new();
    // (webhook name, change id) of every delivery task still running, by task id. An entry goes
    // only when the task has ended, i.e. after it logged its last attempt, and only here between
    // polls; so a poll that does not see a pair in flight sees its final row in the log.
    let mut in_flight: HashMap<tokio::task::Id, (String, String)> = HashMap::new();
    // Per webhook, the "first attempt answered" signal of the newest delivery task: the next
    // delivery's first attempt waits for it, which keeps first attempts in order.
    let mut last_first: HashMap<String, oneshot::Receiver<()>> = HashMap::new();

    loop {
        if *shutdown.borrow() {
            break;
        }
        let busy: HashSet<(String, String)> = in_flight.values().cloned().collect();
        match poll(shared.clone(), gaz, hooks.clone(), busy).await {
            Ok(jobs) => {
                for job in jobs {
                    let Some(hook) = hooks.get(job.hook).cloned() else {
                        continue;
                    };
                    let (done_tx, done_rx) = oneshot::channel();
                    let ahead = last_first.insert(hook.name.clone(), done_rx);
                    let key = (hook.name.clone(), job.change.clone());
                    let handle = tasks.spawn(deliver(
                        client.clone(),
                        shared.clone(),
                        hook,
                        job,
                        ahead,
                        done_tx,
                    ));
                    in_flight.insert(handle.id(), key);
                }
            }
            Err(e) => tracing::warn!("webhooks: will retry at the next poll: {e}"),
        }

        let deadline = tokio::time::Instant::now() + poll_every;
        let stop = loop {
            tokio::select! {
                biased;
                changed = shutdown.changed() => {
                    if changed.is_err() || *shutdown.borrow() {
                        break true;
                    }
                }
                Some(ended) = tasks.join_next_with_id() => {
                    let id = match ended {
                        Ok((id, ())) => id,
                        Err(e) => {
                            tracing::warn!("webhooks: a delivery task ended abnormally: {e}");
                            e.id()
                        }
                    };
                    in_flight.remove(&id);
                }
                _ = wake.notified() => break false,
                _ = tokio::time::sleep_until(deadline) => break false,
            }
        };
        if stop {
            break;
        }
    }
    tasks.shutdown().await;
}

async fn wait_for_shutdown(shutdown: &mut watch::Receiver<bool>) {
    while !*shutdown.borrow_and_update() {
        if shutdown.changed().await.is_err() {
            return;
        }
    }
}

/// Reads the changes and the log on the blocking pool: baselines new webhooks and returns the
/// deliveries to start, per webhook oldest first. One webhook's error does not stop the others.
async fn poll(
    shared: Arc<Shared>,
    gaz: &'static Gazetteer,
    hooks: Arc<[Arc<Webhook>]>,
    busy: HashSet<(String, String)>,
) -> Result<Vec<Job>, PollError> {
    tokio::task::spawn_blocking(move || {
        shared.with_store(|store| {
            // A dirty store is mid-way through a bulk ingest (whose refresh follows) or was left so by
            // a killed writer (refreshed when the server or the next ingest starts). Refreshing here
            // would re-fuse everything every poll, racing the ingest: wait for clean rows instead.
            if store.fusion_state()?.dirty {
                let mut since = shared
                    .dirty_since
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                let started = *since.get_or_insert_with(std::time::Instant::now);
                let patience = Duration::from_millis(shared.timing.dirty_patience_ms);
                if started.elapsed() < patience {
                    tracing::debug!(
                        "the store is being written in bulk; webhooks wait for its refresh"
                    );
                    return Ok(Vec::new());
                }
                // Dirty for longer than that: stream workers keep it so. Its rows are the last
                // refresh's, a whole fusion: send what they hold.
            } else {
                *shared
                    .dirty_since
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = None;
            }
            // Every hook looks at the same changes: read them once, oldest first.
            let mut all = changes(store, gaz, &ChangeFilter::default())?;
            all.sort_by(|a, b| {
                a.date
                    .cmp(&b.date)
                    .then_with(|| a.crossing.cmp(&b.crossing))
            });
            let mut jobs = Vec::new();
            for (i, hook) in hooks.iter().enumerate() {
                match poll_hook(store, &shared, &all, i, hook, &busy) {
                    Ok(mut more) => jobs.append(&mut more),
                    Err(e) => {
                        tracing::warn!("webhook {:?}: will retry at the next poll: {e}", hook.name)
                    }
                }
            }
            Ok(jobs)
        })
    })
    .await?
}

/// The work for one webhook, from every change (oldest first) narrowed to the webhook's country.
fn poll_hook(
    store: &mut dyn Store,
    shared: &Shared,
    all: &[StatusChange],
    index: usize,
    hook: &Webhook,
    busy: &HashSet<(String, String)>,
) -> Result<Vec<Job>, PollError> {
    let country = hook.country.as_ref().map(|c| c.trim().to_uppercase());
    let list: Vec<StatusChange> = all
        .iter()
        .filter(|c| country.as_ref().is_none_or(|cc| c.countries.contains(cc)))
        .cloned()
        .collect();

    let Some(settled) = store.settled_changes(&hook.name)? else {
        let at = now();
        let ids: Vec<&str> = if list.is_empty() {
            vec![HOOK_KNOWN]
        } else {
            list.iter().map(|c| c.id.as_str()).collect()
        };
        let rows: Vec<Delivery> = ids
            .iter()
            .map(|id| Delivery {
                hook: hook.name.clone(),
                change: (*id).to_string(),
                attempt: 0,
                at: at.clone(),
                outcome: DeliveryOutcome::Baseline,
                http_status: None,
                error: None,
            })
            .collect();
        store.record_deliveries(&rows)?;
        tracing::info!(
            "webhook {:?} is new: {} existing change(s) logged as baseline, not sent",
            hook.name,
            list.len()
        );
        return Ok(Vec::new());
    };

    let failed = store.last_failed_attempts(&hook.name)?;
    let attempts = shared.timing.attempts.max(1);
    let mut jobs = Vec::new();
    for change in list {
        if settled.contains(&change.id) || busy.contains(&(hook.name.clone(), change.id.clone())) {
            continue;
        }
        // Another server over the same store may be delivering it: one sender per change.
        if !shared.claim(store, &hook.name, &change.id)? {
            continue;
        }
        let id = change.id.clone();
        let (first_attempt, not_before) = match failed.get(&id) {
            None => (1, None),
            Some((last, at)) => {
                let wait = shared.timing.backoff(*last);
                let after = at
                    .parse::<jiff::Timestamp>()
                    .ok()
                    .and_then(|t| jiff::SignedDuration::try_from(wait).ok().map(|w| (t, w)))
                    .and_then(|(t, w)| t.checked_add(w).ok());
                ((*last + 1).min(attempts), after)
            }
        };
        // One change that cannot be prepared must not hold up the webhook's others; it is tried
        // again at the next poll.
        let body = with_evidence(store, change)
            .map_err(PollError::from)
            .and_then(|full| {
                payload(&full, &hook.name).map_err(|source| PollError::Encode {
                    change: id.clone(),
                    source,
                })
            });
        match body {
            Ok(body) => jobs.push(Job {
                hook: index,
                change: id,
                first_attempt,
                not_before,
                body: body.into(),
            }),
            Err(e) => tracing::warn!(
                "webhook {:?}: change {id} not sent, will retry at the next poll: {e}",
                hook.name
            ),
        }
    }
    Ok(jobs)
}

/// The JSON body for `change`: the change with its evidence, `"type": "status_change"` and the
/// webhook's name, so one receiver URL can serve several webhooks and later event types.
fn payload(change: &ChangeWithEvidence, hook: &str) -> Result<Vec<u8>, serde_json::Error> {
    let mut value = serde_json::to_value(change)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("type".into(), "status_change".into());
        object.insert("hook".into(), hook.into());
    }
    serde_json::to_vec(&value)
}

/// One delivery: attempts until a 2xx answer or `attempts` attempts, logging each one. `ahead` is
/// the previous delivery's "first attempt answered" signal for this webhook (a dropped sender also
/// releases it); `first_done` is this delivery's.
async fn deliver(
    client: reqwest::Client,
    shared: Arc<Shared>,
    hook: Arc<Webhook>,
    job: Job,
    ahead: Option<oneshot::Receiver<()>>,
    first_done: oneshot::Sender<()>,
) {
    if let Some(ahead) = ahead {
        // Err only means the previous task ended without signalling: nothing to wait for then.
        let _ = ahead.await;
    }
    let mut first_done = Some(first_done);
    if job.first_attempt > 1 {
        // A retry goes on: it holds up no first attempt.
        if let Some(tx) = first_done.take() {
            let _ = tx.send(());
        }
    }
    if let Some(at) = job.not_before {
        let wait = at.duration_since(jiff::Timestamp::now());
        if let Ok(wait) = Duration::try_from(wait) {
            tokio::time::sleep(wait).await;
        }
    }
    let sign = signature(&hook.secret, &job.body);
    let attempts = shared.timing.attempts.max(1);
    for attempt in job.first_attempt..=attempts {
        // The claim taken at the poll covers the first attempt; later ones renew it, and stop if
        // another server took the delivery over meanwhile (this one stalled past its lease).
        if attempt > job.first_attempt && !renew(&shared, &hook.name, &job.change).await {
            return;
        }
        let answer = client
            .post(&hook.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, &sign)
            .header(DELIVERY_HEADER, &job.change)
            .header(ATTEMPT_HEADER, attempt.to_string())
            .body(reqwest::Body::from(job.body.to_vec()))
            .send()
            .await;
        let last = attempt == attempts;
        let failed = if last {
            DeliveryOutcome::GaveUp
        } else {
            DeliveryOutcome::Failed
        };
        let (outcome, http_status, error) = match answer {
            Ok(resp) if resp.status().is_success() => (
                DeliveryOutcome::Delivered,
                Some(resp.status().as_u16()),
                None,
            ),
            Ok(resp) => (failed, Some(resp.status().as_u16()), None),
            Err(e) => (failed, None, Some(describe(e, shared.timing.timeout_ms))),
        };
        match outcome {
            DeliveryOutcome::Delivered => tracing::debug!(
                "webhook {:?}: change {} delivered (attempt {attempt})",
                hook.name,
                job.change
            ),
            DeliveryOutcome::GaveUp => tracing::warn!(
                "webhook {:?}: gave up on change {} after {attempt} attempt(s): {}",
                hook.name,
                job.change,
                failure_text(http_status, error.as_deref())
            ),
            _ => tracing::info!(
                "webhook {:?}: change {} attempt {attempt} failed ({}), retrying",
                hook.name,
                job.change,
                failure_text(http_status, error.as_deref())
            ),
        }
        let row = Delivery {
            hook: hook.name.clone(),
            change: job.change.clone(),
            attempt,
            at: now(),
            outcome,
            http_status,
            error,
        };
        log_delivery(&shared, row).await;
        if let Some(tx) = first_done.take() {
            let _ = tx.send(());
        }
        if outcome.settled() {
            return;
        }
        tokio::time::sleep(shared.timing.backoff(attempt)).await;
    }
}

/// Renews this process's claim on a delivery; false (logged) when it is lost or cannot be read.
async fn renew(shared: &Arc<Shared>, hook: &str, change: &str) -> bool {
    let (s, h, c) = (shared.clone(), hook.to_string(), change.to_string());
    let result =
        tokio::task::spawn_blocking(move || s.with_store(|st| Ok(s.claim(st, &h, &c)?))).await;
    match result {
        Ok(Ok(true)) => true,
        Ok(Ok(false)) => {
            tracing::info!("webhook {hook:?}: change {change} is delivered by another server now");
            false
        }
        Ok(Err(e)) => {
            tracing::warn!("webhook {hook:?}: cannot renew the claim on change {change}: {e}");
            false
        }
        Err(e) => {
            tracing::warn!("webhook {hook:?}: cannot renew the claim on change {change}: {e}");
            false
        }
    }
}

/// Appends one row to the delivery log. A failure is only logged: for a final row it means the
/// change is sent again at the next poll (at least once), for a `Failed` row only the log is short.
async fn log_delivery(shared: &Arc<Shared>, row: Delivery) {
    let what = format!(
        "webhook {:?}: cannot log attempt {} of change {}",
        row.hook, row.attempt, row.change
    );
    let shared = shared.clone();
    let result = tokio::task::spawn_blocking(move || {
        shared.with_store(|s| Ok(s.record_deliveries(std::slice::from_ref(&row))?))
    })
    .await;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!("{what}: {e}"),
        Err(e) => tracing::warn!("{what}: {e}"),
    }
}

/// The error text logged for a failed attempt: the error and its causes, without the URL (webhook
/// URLs often carry a token, and the log is served by the API).
fn describe(e: reqwest::Error, timeout_ms: u64) -> String {
    if e.is_timeout() {
        return format!("no answer within {timeout_ms} ms");
    }
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

fn failure_text(http_status: Option<u16>, error: Option<&str>) -> String {
    match (http_status, error) {
        (Some(s), _) => format!("HTTP {s}"),
        (None, Some(e)) => e.to_string(),
        (None, None) => "no answer".to_string(),
    }
}

/// Now, RFC 3339 in UTC, for the log's `at`.
fn now() -> String {
    jiff::Timestamp::now().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_hmac() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn failure_text_prefers_the_status() {
        assert_eq!(failure_text(Some(503), Some("x")), "HTTP 503");
        assert_eq!(failure_text(None, Some("refused")), "refused");
    }
}
