//! The address guard: which resolved addresses a fetch may connect to.
//!
//! A sources file, a feed item or a redirect can name any host; a host name can resolve to any address.
//! The guard decides on the *address*, after resolution and before a connection, so a name that points
//! at the cloud metadata service or a router on the local network is refused like the address itself.
//! Ranges are refused unless the user allows them explicitly (`--allow 127.0.0.0/8`, `allow = [...]`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

/// Ranges no fetch reaches unless allowed: (range, what it is).
const REFUSED: &[(&str, &str)] = &[
    ("0.0.0.0/8", "the 'this network' range"),
    ("10.0.0.0/8", "a private range (RFC 1918)"),
    ("100.64.0.0/10", "the carrier-grade NAT range (RFC 6598)"),
    ("127.0.0.0/8", "loopback"),
    // Before the link-local range, so the metadata address is named as what it is.
    ("169.254.169.254/32", "the cloud metadata address"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "a private range (RFC 1918)"),
    ("192.0.0.0/24", "the IETF protocol assignments range"),
    ("192.0.2.0/24", "a documentation range"),
    ("192.168.0.0/16", "a private range (RFC 1918)"),
    ("198.18.0.0/15", "the benchmarking range"),
    ("198.51.100.0/24", "a documentation range"),
    ("203.0.113.0/24", "a documentation range"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "a reserved range (and broadcast)"),
    ("::/128", "the unspecified address"),
    ("::1/128", "loopback"),
    ("64:ff9b:1::/48", "a local-use NAT64 range"),
    ("100::/64", "the discard range"),
    ("2001:db8::/32", "a documentation range"),
    ("fc00::/7", "a unique local range (private)"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
    ("fd00:ec2::254/128", "the cloud metadata address"),
];

/// Why the guard refused an address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{ip} is {what} ({range}); allow it with --allow {range} or `allow` in the sources file")]
pub struct Refusal {
    pub ip: IpAddr,
    pub range: String,
    pub what: &'static str,
}

/// Decides whether an address may be connected to.
#[derive(Clone, Debug, Default)]
pub struct Guard {
    allowed: Vec<IpNet>,
}

impl Guard {
    /// A guard that refuses every range in the built-in list except those in `allowed`.
    pub fn new(allowed: Vec<IpNet>) -> Guard {
        Guard { allowed }
    }

    pub fn allowed(&self) -> &[IpNet] {
        &self.allowed
    }

    /// `Ok` when `ip` is public or in an allowed range. An IPv4 address written as IPv6 (mapped,
    /// compatible, 6to4 or NAT64 with the well-known prefix) is judged as the IPv4 address it carries.
    pub fn check(&self, ip: IpAddr) -> Result<(), Refusal> {
        let ip = canonical(ip);
        if self.allowed.iter().any(|net| net.contains(&ip)) {
            return Ok(());
        }
        for (range, what) in REFUSED {
            let Ok(net) = range.parse::<IpNet>() else {
                continue; // the list is constant and tested; never reached
            };
            if net.contains(&ip) {
                return Err(Refusal {
                    ip,
                    range: (*range).to_owned(),
                    what,
                });
            }
        }
        Ok(())
    }
}

/// The IPv4 address an IPv6 address stands for, when it carries one.
fn canonical(ip: IpAddr) -> IpAddr {
    let IpAddr::V6(v6) = ip else { return ip };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return IpAddr::V4(v4);
    }
    let seg = v6.segments();
    let octets = v6.octets();
    let tail = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
    // ::a.b.c.d (deprecated IPv4-compatible), but not :: and ::1 themselves.
    if seg[..6].iter().all(|&s| s == 0) && !matches!(tail.octets(), [0, 0, 0, 0 | 1]) {
        return IpAddr::V4(tail);
    }
    // 64:ff9b::/96, the well-known NAT64 prefix.
    if seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return IpAddr::V4(tail);
    }
    // 2002::/16, 6to4: the IPv4 address is in bits 16..48.
    if seg[0] == 0x2002 {
        return IpAddr::V4(Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5]));
    }
    IpAddr::V6(Ipv6Addr::from(octets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ranges_parse() {
        for (range, _) in REFUSED {
            assert!(range.parse::<IpNet>().is_ok(), "{range}");
        }
    }
}
