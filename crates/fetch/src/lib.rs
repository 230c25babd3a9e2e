//! Fetching for `borderwatch watch`: safe, polite and bounded.
//!
//! - Safe: every address a request would connect to passes the [`Guard`] first — the addresses a
//!   host name resolves to (through an injectable [`Resolver`], so tests stub DNS), an address written
//!   in the URL, and the same again at every redirect, which is followed by this crate, not by the HTTP
//!   client. No proxy from the environment is used (it would connect elsewhere than the guard judged).
//! - Polite: robots.txt respected by default, one request at a time per host (configurable) with a
//!   minimum interval between them, a User-Agent that names borderwatch, conditional GET (ETag,
//!   Last-Modified), retries with exponential backoff and jitter.
//! - Bounded: a timeout on connect and on the whole request, a body size cap counted on the decoded
//!   (gunzipped, un-brotlied) bytes, a bounded number of redirects.
//!
//! Invariant: a connection is made only to an address the guard accepted.

mod guard;
mod resolve;
pub mod robots;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use guard::{Guard, Refusal};
pub use ipnet::IpNet;
use resolve::GuardedResolver;
pub use resolve::{Resolver, StaticResolver, SystemResolver};
use robots::Robots;
use tokio::sync::Semaphore;
use url::Url;

/// What a fetch may do. [`FetchOptions::default`] is what `borderwatch watch` uses.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    pub user_agent: String,
    /// The product token matched against robots.txt groups.
    pub robots_token: String,
    pub respect_robots: bool,
    pub connect_timeout: Duration,
    /// For the whole request, body included: a page that never ends costs this much at most.
    pub timeout: Duration,
    /// Decoded body bytes beyond which a response is refused.
    pub max_body: usize,
    pub max_redirects: usize,
    /// Requests to one host at once.
    pub per_host_concurrency: usize,
    /// Minimum time between the starts of two requests to one host.
    pub per_host_interval: Duration,
    /// Further attempts after a network error, a timeout, a 429 or a 5xx.
    pub retries: u32,
    /// The first backoff; each retry doubles it, and up to half of it again is added at random.
    pub backoff: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: concat!(
                "borderwatch/",
                env!("CARGO_PKG_VERSION"),
                " (border crossing status monitor; reads news about land border crossings)"
            )
            .to_owned(),
            robots_token: "borderwatch".to_owned(),
            respect_robots: true,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body: 8 * 1024 * 1024,
            max_redirects: 5,
            per_host_concurrency: 2,
            per_host_interval: Duration::from_millis(500),
            retries: 2,
            backoff: Duration::from_millis(500),
        }
    }
}

/// Validators from the last fetch of a URL, sent back so an unchanged resource costs a 304.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    /// 304: the resource is unchanged since the validators were given.
    NotModified,
    Body(Body),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    /// The URL after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub bytes: Vec<u8>,
}

impl Body {
    /// The `charset` parameter of the Content-Type header, when there is one.
    pub fn charset(&self) -> Option<&str> {
        let ct = self.content_type.as_deref()?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"'))
        })
    }
}

/// Why a fetch failed. Every message names the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a fetchable URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{url}: refused by the address guard: {refusal}")]
    Refused { url: String, refusal: Refusal },
    #[error("{url}: robots.txt of the site disallows borderwatch here")]
    Robots { url: String },
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: the body is over the limit of {limit} bytes")]
    TooLarge { url: String, limit: usize },
    #[error("{url}: no answer within {secs} s")]
    Timeout { url: String, secs: u64 },
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects { url: String, limit: usize },
    #[error("{url}: {reason}")]
    Network { url: String, reason: String },
}

impl FetchError {
    /// Whether trying again later may succeed (the source is kept; the item is retried next poll).
    fn retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout { .. } | FetchError::Network { .. } => true,
            _ => false,
        }
    }
}

/// Per-host pacing: a semaphore for concurrency and the earliest start of the next request.
struct HostSlot {
    permits: Semaphore,
    next_start: tokio::sync::Mutex<Instant>,
}

/// The fetcher. Cheap to share behind an `Arc`; all state is inside.
pub struct Fetcher {
    client: reqwest::Client,
    guard: Arc<Guard>,
    resolver: Arc<dyn Resolver>,
    opts: FetchOptions,
    hosts: Mutex<HashMap<String, Arc<HostSlot>>>,
    robots: tokio::sync::Mutex<HashMap<String, Arc<Robots>>>,
}

impl Fetcher {
    pub fn new(
        opts: FetchOptions,
        guard: Guard,
        resolver: Arc<dyn Resolver>,
    ) -> Result<Fetcher, FetchError> {
        let guard = Arc::new(guard);
        let client = reqwest::Client::builder()
            .user_agent(opts.user_agent.clone())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .gzip(true)
            .brotli(true)
            .dns_resolver(Arc::new(GuardedResolver::new(
                guard.clone(),
                resolver.clone(),
            )))
            .build()
            .map_err(|e| FetchError::Network {
                url: String::new(),
                reason: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(Fetcher {
            client,
            guard,
            resolver,
            opts,
            hosts: Mutex::new(HashMap::new()),
            robots: tokio::sync::Mutex::new(HashMap::new()),
        })
    }

    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// GETs `url`, following redirects (each checked by the guard and robots.txt), retrying what may
    /// succeed later. With `validators`, an unchanged resource gives [`Fetched::NotModified`].
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut attempt = 0u32;
        loop {
            match self.get_once(url, validators).await {
                Err(e) if e.retryable() && attempt < self.opts.retries => {
                    let base = self.opts.backoff.saturating_mul(1 << attempt.min(10));
                    let jitter = base.mul_f64(fastrand::f64() * 0.5);
                    tracing::debug!(url, attempt, error = %e, "retrying after backoff");
                    tokio::time::sleep(base + jitter).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn get_once(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut current = self.checked_url(url).await?;
        for _ in 0..=self.opts.max_redirects {
            if self.opts.respect_robots && !self.robots_allow(&current).await {
                return Err(FetchError::Robots {
                    url: current.to_string(),
                });
            }
            let response = self.send(&current, validators).await?;
            let status = response.status();
            if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
                let Some(location) = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                else {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status: status.as_u16(),
                    });
                };
                let next = current.join(location).map_err(|e| FetchError::BadUrl {
                    url: location.to_owned(),
                    reason: format!("redirect from {current}: {e}"),
                })?;
                current = self.checked_url(next.as_str()).await?;
                continue;
            }
            if status == reqwest::StatusCode::NOT_MODIFIED {
                return Ok(Fetched::NotModified);
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    url: current.to_string(),
                    status: status.as_u16(),
                });
            }
            return self.read_body(current, response).await.map(Fetched::Body);
        }
        Err(FetchError::TooManyRedirects {
            url: url.to_owned(),
            limit: self.opts.max_redirects,
        })
    }

    /// Parses `url` and refuses what the guard would refuse before any connection: other schemes,
    /// an address written in the URL, and a host name whose every address is refused.
    async fn checked_url(&self, url: &str) -> Result<Url, FetchError> {
        let bad = |reason: String| FetchError::BadUrl {
            url: url.to_owned(),
            reason,
        };
        let parsed = Url::parse(url).map_err(|e| bad(e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(bad(format!(
                "the scheme {:?} is not http or https",
                parsed.scheme()
            )));
        }
        let refused = |refusal| FetchError::Refused {
            url: url.to_owned(),
            refusal,
        };
        match parsed.host() {
            None => return Err(bad("it has no host".into())),
            Some(url::Host::Ipv4(ip)) => self.guard.check(ip.into()).map_err(refused)?,
            Some(url::Host::Ipv6(ip)) => self.guard.check(ip.into()).map_err(refused)?,
            Some(url::Host::Domain(name)) => {
                // Decided here too (not only in the client's resolver) so the refusal names the
                // range rather than arriving as a connection error.
                let port = parsed.port_or_known_default().unwrap_or(80);
                let addrs =
                    self.resolver
                        .resolve(name, port)
                        .await
                        .map_err(|e| FetchError::Network {
                            url: url.to_owned(),
                            reason: format!("cannot resolve {name}: {e}"),
                        })?;
                let mut first_refusal = None;
                let any_ok = addrs.iter().any(|a| match self.guard.check(*a) {
                    Ok(()) => true,
                    Err(r) => {
                        first_refusal.get_or_insert(r);
                        false
                    }
                });
                if !any_ok {
                    return Err(match first_refusal {
                        Some(r) => refused(r),
                        None => FetchError::Network {
                            url: url.to_owned(),
                            reason: format!("{name} resolves to no address"),
                        },
                    });
                }
            }
        }
        Ok(parsed)
    }

    async fn send(
        &self,
        url: &Url,
        validators: &Validators,
    ) -> Result<reqwest::Response, FetchError> {
        let host = url.host_str().unwrap_or_default().to_owned();
        let slot = self.slot(&host);
        let _permit = slot
            .permits
            .acquire()
            .await
            .map_err(|_| FetchError::Network {
                url: url.to_string(),
                reason: "the fetcher is shutting down".into(),
            })?;
        {
            let mut next = slot.next_start.lock().await;
            let now = Instant::now();
            if *next > now {
                tokio::time::sleep(*next - now).await;
            }
            *next = Instant::now() + self.opts.per_host_interval;
        }
        let mut request = self.client.get(url.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &validators.last_modified {
            request = request.header(reqwest::header::IF_MODIFIED_SINCE, lm);
        }
        request.send().await.map_err(|e| self.network_error(url, e))
    }

    fn network_error(&self, url: &Url, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            return FetchError::Timeout {
                url: url.to_string(),
                secs: self.opts.timeout.as_secs(),
            };
        }
        // The guard's refusal travels inside the connect error; bring it out whole.
        let mut source: Option<&dyn std::error::Error> = Some(&e);
        while let Some(s) = source {
            if let Some(refusal) = s.downcast_ref::<Refusal>() {
                return FetchError::Refused {
                    url: url.to_string(),
                    refusal: refusal.clone(),
                };
            }
            source = s.source();
        }
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            reason.push_str(": ");
            reason.push_str(&s.to_string());
            source = s.source();
        }
        FetchError::Network {
            url: url.to_string(),
            reason,
        }
    }

    async fn read_body(
        &self,
        url: Url,
        mut response: reqwest::Response,
    ) -> Result<Body, FetchError> {
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            limit: self.opts.max_body,
        };
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let validators = Validators {
            etag: header(reqwest::header::ETAG),
            last_modified: header(reqwest::header::LAST_MODIFIED),
        };
        let status = response.status().as_u16();
        // A declared length over the cap is refused before reading (after decoding it may be larger
        // still, which the count below catches).
        if response
            .content_length()
            .is_some_and(|n| n > self.opts.max_body as u64)
        {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.network_error(&url, e))?
        {
            if bytes.len() + chunk.len() > self.opts.max_body {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Body {
            url: url.to_string(),
            status,
            content_type,
            validators,
            bytes,
        })
    }

    fn slot(&self, host: &str) -> Arc<HostSlot> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts
            .entry(host.to_owned())
            .or_insert_with(|| {
                Arc::new(HostSlot {
                    permits: Semaphore::new(self.opts.per_host_concurrency.max(1)),
                    next_start: tokio::sync::Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// Whether the site's robots.txt lets us fetch `url`. Read once per origin and kept. A missing
    /// robots.txt (4xx) allows everything; one that cannot be fetched now (5xx, network) allows this
    /// fetch and is asked again next time.
    async fn robots_allow(&self, url: &Url) -> bool {
        let origin = url.origin().ascii_serialization();
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if let Some(r) = self.robots.lock().await.get(&origin) {
            return r.allows(&path);
        }
        let robots_url = format!("{origin}/robots.txt");
        let rules = match Box::pin(self.robots_fetch(&robots_url)).await {
            Ok(body) => Some(Robots::parse(
                &String::from_utf8_lossy(&body),
                &self.opts.robots_token,
            )),
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                Some(Robots::allow_all())
            }
            Err(FetchError::Refused { .. } | FetchError::BadUrl { .. }) => {
                Some(Robots::allow_all())
            }
            Err(e) => {
                tracing::debug!(%robots_url, error = %e, "robots.txt not readable now");
                None
            }
        };
        match rules {
            Some(r) => {
                let allowed = r.allows(&path);
                self.robots.lock().await.insert(origin, Arc::new(r));
                allowed
            }
            None => true,
        }
    }

    /// robots.txt itself: same guard and limits, redirects followed, no robots check of its own.
    async fn robots_fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        let mut current = self.checked_url(url).await?;
        for _ in 0..=self.opts.max_redirects {
            let response = self.send(&current, &Validators::default()).await?;
            let status = response.status();
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| current.join(l).ok());
                let Some(next) = next else {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status: status.as_u16(),
                    });
                };
                current = self.checked_url(next.as_str()).await?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    url: current.to_string(),
                    status: status.as_u16(),
                });
            }
            let mut body = self.read_body(current, response).await?.bytes;
            body.truncate(robots::MAX_ROBOTS_BYTES);
            return Ok(body);
        }
        Err(FetchError::TooManyRedirects {
            url: url.to_owned(),
            limit: self.opts.max_redirects,
        })
    }
}
