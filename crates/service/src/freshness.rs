//! How fresh a status is: when a report last supported it, how many days before the day asked that
//! was, and whether that is longer than the crossing's horizon (then the status is *unconfirmed*).
//!
//! Staleness does not change `confidence`. Confidence says how well the sources agree about what
//! happened; age says whether it may still hold. Blending the two into one number would make an old,
//! well-sourced reopening look like a fresh rumour, and hide why. Instead a stale status keeps its
//! confidence and carries `stale: true`, and everything a person reads says "unconfirmed" with the
//! age first: a stale `open` is never shown as a plain open.

use std::collections::BTreeMap;

use borderwatch_extract::Status;
use borderwatch_fusion::Event;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Days without a supporting report after which a status is unconfirmed, unless configured.
pub const DEFAULT_STALE_AFTER_DAYS: u32 = 30;

/// The horizons: a default, and overrides per country (ISO alpha-2) and per crossing (id). A crossing's
/// own horizon wins; else the shorter of its two countries'; else the default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Horizons {
    pub stale_after_days: u32,
    pub countries: BTreeMap<String, u32>,
    pub crossings: BTreeMap<String, u32>,
}

impl Default for Horizons {
    fn default() -> Horizons {
        Horizons::days(DEFAULT_STALE_AFTER_DAYS)
    }
}

impl Horizons {
    /// One horizon for every crossing.
    pub fn days(days: u32) -> Horizons {
        Horizons {
            stale_after_days: days,
            countries: BTreeMap::new(),
            crossings: BTreeMap::new(),
        }
    }

    /// The horizon of a crossing with these countries.
    pub fn for_crossing(&self, id: &str, countries: &[String]) -> u32 {
        if let Some(d) = self.crossings.get(id) {
            return *d;
        }
        // Codes compare without case: a config file may say "iq".
        self.countries
            .iter()
            .filter(|(k, _)| countries.iter().any(|c| c.eq_ignore_ascii_case(k)))
            .map(|(_, d)| *d)
            .min()
            .unwrap_or(self.stale_after_days)
    }

    /// Checks the values, naming the bad one.
    pub fn check(&self) -> Result<(), String> {
        if self.stale_after_days == 0 {
            return Err("stale_after_days must be at least 1".into());
        }
        for (k, v) in self.countries.iter().chain(&self.crossings) {
            if *v == 0 {
                return Err(format!("the horizon of {k:?} must be at least 1 day"));
            }
        }
        for k in self.countries.keys() {
            if k.len() != 2 || !k.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(format!(
                    "{k:?} is not a country code: use ISO 3166-1 alpha-2, e.g. IQ"
                ));
            }
        }
        Ok(())
    }
}

/// Where a status stands in its horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Age {
    /// Confirmed within the first half of the horizon.
    Fresh,
    /// Confirmed within the horizon, but more than half of it ago.
    Ageing,
    /// Not confirmed within the horizon: shown as unconfirmed.
    Stale,
    /// Nothing to confirm: no report speaks of the crossing for that day.
    None,
}

/// The freshness of one status on the day asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Freshness {
    /// The newest day, up to the day asked, that a report supporting the status was published or
    /// dated the event it reports.
    pub last_confirmed: Option<Date>,
    /// Days from `last_confirmed` to the day asked.
    pub age_days: Option<i64>,
    /// True when the status is not confirmed within `stale_after_days` (or has no date at all).
    pub stale: bool,
    pub age: Age,
    pub stale_after_days: u32,
}

/// The newest confirmation of a status on `date`, from the events behind it: each copy's publication
/// date and each event's placement, ignoring anything dated after `date` (a report published later
/// cannot make the status fresher on an earlier day).
pub fn last_confirmed<'e>(behind: impl IntoIterator<Item = &'e Event>, date: Date) -> Option<Date> {
    behind
        .into_iter()
        .flat_map(|e| {
            e.sources
                .iter()
                .flat_map(|s| s.copies.iter().map(|c| c.published))
                .chain(std::iter::once(e.placed))
        })
        .flatten()
        .filter(|d| *d <= date)
        .max()
}

/// The freshness of `status`, last confirmed on `confirmed`, asked on `date`, with a horizon of
/// `horizon` days.
pub fn freshness(status: Status, confirmed: Option<Date>, date: Date, horizon: u32) -> Freshness {
    let age_days = confirmed.map(|c| i64::from((date - c).get_days()));
    let age = match (status, age_days) {
        (Status::Unknown, None) => Age::None,
        // A status with no date to confirm it cannot be shown as current.
        (_, None) => Age::Stale,
        (_, Some(a)) if a > i64::from(horizon) => Age::Stale,
        (_, Some(a)) if a * 2 > i64::from(horizon) => Age::Ageing,
        (_, Some(_)) => Age::Fresh,
    };
    Freshness {
        last_confirmed: confirmed,
        age_days,
        stale: age == Age::Stale,
        age,
        stale_after_days: horizon,
    }
}

/// "2,525": a count with thousands separated, for sentences.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// "last confirmed 2017-10-26, 2,525 days ago" (or "today", "1 day ago"); "never confirmed by a
/// dated report" when there is no date.
pub fn confirmed_words(f: &Freshness) -> String {
    match (f.last_confirmed, f.age_days) {
        (Some(d), Some(0)) => format!("last confirmed {d}, the day asked"),
        (Some(d), Some(1)) => format!("last confirmed {d}, 1 day ago"),
        (Some(d), Some(a)) => format!("last confirmed {d}, {} days ago", thousands(a)),
        _ => "never confirmed by a dated report".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ages_against_the_horizon() {
        let on = date(2017, 10, 26);
        let f = |d| freshness(Status::Open, Some(on), d, 30);
        assert_eq!(f(date(2017, 10, 26)).age, Age::Fresh);
        assert_eq!(f(date(2017, 11, 10)).age, Age::Fresh, "15 days: half");
        assert_eq!(f(date(2017, 11, 11)).age, Age::Ageing);
        assert_eq!(f(date(2017, 11, 25)).age, Age::Ageing, "30 days: still in");
        let stale = f(date(2017, 11, 26));
        assert_eq!(
            (stale.age, stale.stale, stale.age_days),
            (Age::Stale, true, Some(31))
        );
        assert_eq!(freshness(Status::Unknown, None, on, 30).age, Age::None);
        assert!(freshness(Status::Closed, None, on, 30).stale);
    }

    #[test]
    fn horizons_prefer_the_crossing_then_the_stricter_country() {
        let mut h = Horizons::days(30);
        h.countries.insert("IQ".into(), 10);
        h.countries.insert("IR".into(), 20);
        h.crossings.insert("ir-iq-bashmagh".into(), 60);
        let ir_iq = ["IR".to_string(), "IQ".to_string()];
        assert_eq!(h.for_crossing("ir-iq-bashmagh", &ir_iq), 60);
        assert_eq!(h.for_crossing("ir-iq-parviz-khan", &ir_iq), 10);
        assert_eq!(h.for_crossing("tr-sy-x", &["TR".into(), "SY".into()]), 30);
        h.countries.insert("sy".into(), 5);
        assert_eq!(h.for_crossing("tr-sy-x", &["TR".into(), "SY".into()]), 5);
        assert!(h.check().is_ok());
        h.countries.insert("Iraq".into(), 3);
        assert!(h.check().unwrap_err().contains("Iraq"));
    }

    #[test]
    fn words_for_the_age() {
        assert_eq!(thousands(2525), "2,525");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        let f = freshness(
            Status::Open,
            Some(date(2017, 10, 26)),
            date(2024, 9, 24),
            30,
        );
        assert_eq!(
            confirmed_words(&f),
            "last confirmed 2017-10-26, 2,525 days ago"
        );
    }
}
