//! Name resolution, injectable so tests stub it, and the guard applied to what it returns.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use crate::guard::Guard;

/// The addresses a host name resolves to.
pub type Resolution<'a> = Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send + 'a>>;

/// Resolves host names. [`SystemResolver`] asks the system; [`StaticResolver`] answers from a table.
pub trait Resolver: Send + Sync {
    fn resolve<'a>(&'a self, host: &'a str, port: u16) -> Resolution<'a>;
}

/// The system's resolver (getaddrinfo, through tokio).
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemResolver;

impl Resolver for SystemResolver {
    fn resolve<'a>(&'a self, host: &'a str, port: u16) -> Resolution<'a> {
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host, port)).await?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

/// A fixed table of names: for tests, and for pinning a name to an address.
#[derive(Clone, Debug, Default)]
pub struct StaticResolver {
    table: HashMap<String, Vec<IpAddr>>,
}

impl StaticResolver {
    pub fn new() -> StaticResolver {
        StaticResolver::default()
    }

    pub fn with(mut self, host: &str, addrs: &[IpAddr]) -> StaticResolver {
        self.table.insert(host.to_ascii_lowercase(), addrs.to_vec());
        self
    }
}

impl Resolver for StaticResolver {
    fn resolve<'a>(&'a self, host: &'a str, _port: u16) -> Resolution<'a> {
        let found = self.table.get(&host.to_ascii_lowercase()).cloned();
        Box::pin(async move {
            found.ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("{host} is not in the resolver's table"),
                )
            })
        })
    }
}

/// The HTTP client's resolver: resolves through the injected [`Resolver`] and hands the client only
/// the addresses the guard accepts, so the client cannot connect anywhere else, even when a name
/// resolves differently between our own check and the connection.
pub(crate) struct GuardedResolver {
    guard: Arc<Guard>,
    inner: Arc<dyn Resolver>,
}

impl GuardedResolver {
    pub(crate) fn new(guard: Arc<Guard>, inner: Arc<dyn Resolver>) -> GuardedResolver {
        GuardedResolver { guard, inner }
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let guard = self.guard.clone();
        let inner = self.inner.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs = inner.resolve(&host, 0).await?;
            let mut refusal = None;
            let accepted: Vec<SocketAddr> = addrs
                .into_iter()
                .filter(|ip| match guard.check(*ip) {
                    Ok(()) => true,
                    Err(r) => {
                        refusal.get_or_insert(r);
                        false
                    }
                })
                .map(|ip| SocketAddr::new(ip, 0))
                .collect();
            if accepted.is_empty() {
                let err: Box<dyn std::error::Error + Send + Sync> = match refusal {
                    Some(r) => Box::new(r),
                    None => format!("{host} resolves to no address").into(),
                };
                return Err(err);
            }
            let addrs: reqwest::dns::Addrs = Box::new(accepted.into_iter());
            Ok(addrs)
        })
    }
}
