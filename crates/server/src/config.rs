//! The server's configuration file (TOML) and the settings it holds: the API token, the body limit,
//! and the webhooks. `BORDERWATCH_TOKEN` in the environment overrides the file's token.
//!
//! ```toml
//! token = "a long random string"       # bearer token for POST /api/reports
//! max_body_bytes = 2000000             # larger POST bodies get 413
//!
//! [[webhook]]
//! name = "ops"                          # names the webhook in the delivery log
//! url = "https://example.org/hooks/borderwatch"
//! secret = "shared secret"              # HMAC-SHA256 key for the signature header
//! # country = "IQ"                      # only changes at crossings of this country
//!
//! [freshness]
//! stale_after_days = 30                 # a status unconfirmed this long is shown as unconfirmed
//! countries = { IQ = 14 }               # per country (the shorter of a crossing's two wins)
//! crossings = { "ir-iq-bashmagh" = 7 }  # per crossing (wins over its countries)
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use borderwatch_service::freshness::Horizons;
use serde::Deserialize;

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// One webhook: where status changes are POSTed and the key they are signed with.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    pub name: String,
    pub url: String,
    pub secret: String,
    /// Only changes at crossings with this country (ISO alpha-2) on one side.
    #[serde(default)]
    pub country: Option<String>,
}

/// How webhook deliveries are retried and how often the store is checked for changes made by other
/// processes (a `borderwatch ingest` next to the server).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookTiming {
    /// Attempts per change and webhook, the first included.
    pub attempts: u32,
    /// Wait before the second attempt; each further wait doubles.
    pub backoff_ms: u64,
    /// Per-attempt timeout.
    pub timeout_ms: u64,
    /// How often to look for changes written by other processes.
    pub poll_ms: u64,
    /// How long to wait for a dirty store to be refreshed before sending the changes its rows hold
    /// anyway. A bulk ingest refreshes soon; stream workers writing all the time may keep the store
    /// dirty for good, and its rows are still a whole, consistent fusion (of a slightly older
    /// snapshot), so changes must not wait for a clean moment that may never come.
    pub dirty_patience_ms: u64,
}

impl Default for WebhookTiming {
    fn default() -> WebhookTiming {
        WebhookTiming {
            attempts: 6,
            backoff_ms: 2_000,
            timeout_ms: 10_000,
            poll_ms: 10_000,
            dirty_patience_ms: 30_000,
        }
    }
}

impl WebhookTiming {
    pub fn backoff(&self, attempt: u32) -> Duration {
        // attempt 1 failed → wait backoff_ms; attempt 2 failed → twice that; capped at an hour.
        let factor = 1u64 << attempt.saturating_sub(1).min(16);
        Duration::from_millis(self.backoff_ms.saturating_mul(factor).min(3_600_000))
    }
}

/// The default body limit for `POST /api/reports`: 2 MB of JSON.
pub const DEFAULT_MAX_BODY: usize = 2_000_000;

/// Everything the config file may set.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub token: Option<String>,
    pub max_body_bytes: usize,
    #[serde(rename = "webhook")]
    pub webhooks: Vec<Webhook>,
    pub webhook_timing: WebhookTiming,
    /// After how many days without a supporting report a status is shown as unconfirmed.
    pub freshness: Horizons,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            token: None,
            max_body_bytes: DEFAULT_MAX_BODY,
            webhooks: Vec::new(),
            webhook_timing: WebhookTiming::default(),
            freshness: Horizons::default(),
        }
    }
}

impl Config {
    /// Reads a config file; a missing file at the *default* path is an empty config, a missing file
    /// the user named is an error.
    pub fn load(path: &Path, named: bool) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if !named && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses and checks a config text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let c: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        c.check()?;
        Ok(c)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(t) = &self.token
            && t.trim().len() < 16
        {
            return Err("token must be at least 16 characters".into());
        }
        if self.max_body_bytes < 1024 {
            return Err("max_body_bytes must be at least 1024".into());
        }
        let mut names = std::collections::BTreeSet::new();
        for w in &self.webhooks {
            if !names.insert(&w.name) {
                return Err(format!("two webhooks are named {:?}", w.name));
            }
            if !(w.url.starts_with("http://") || w.url.starts_with("https://")) {
                return Err(format!(
                    "webhook {:?}: url must start with http:// or https://",
                    w.name
                ));
            }
            if w.secret.len() < 8 {
                return Err(format!(
                    "webhook {:?}: secret must be at least 8 characters",
                    w.name
                ));
            }
        }
        self.freshness
            .check()
            .map_err(|e| format!("[freshness]: {e}"))?;
        if self.webhook_timing.attempts == 0 {
            return Err("webhook_timing.attempts must be at least 1".into());
        }
        Ok(())
    }

    /// Applies `BORDERWATCH_TOKEN` (when set and not empty) over the file's token.
    pub fn with_env_token(mut self, env: Option<String>) -> Result<Config, String> {
        if let Some(t) = env.filter(|t| !t.is_empty()) {
            if t.trim().len() < 16 {
                return Err("BORDERWATCH_TOKEN must be at least 16 characters".into());
            }
            self.token = Some(t);
        }
        Ok(self)
    }
}

/// The default config file: `$XDG_CONFIG_HOME/borderwatch/config.toml`, else
/// `~/.config/borderwatch/config.toml`; `None` when neither variable is set.
pub fn default_path() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from)
        && x.is_absolute()
    {
        return Some(x.join("borderwatch").join("config.toml"));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    home.is_absolute()
        .then(|| home.join(".config").join("borderwatch").join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_webhooks_and_rejects_bad_ones() {
        let c = Config::parse(
            "token = \"0123456789abcdef\"\n[[webhook]]\nname = \"a\"\nurl = \"http://127.0.0.1:9/x\"\nsecret = \"s3cret-key\"\n",
        )
        .expect("valid");
        assert_eq!(c.webhooks.len(), 1);
        assert_eq!(c.max_body_bytes, DEFAULT_MAX_BODY);
        let bad = Config::parse(
            "[[webhook]]\nname = \"a\"\nurl = \"ftp://x\"\nsecret = \"s3cret-key\"\n",
        );
        assert!(bad.unwrap_err().contains("http://"));
        assert!(
            Config::parse("token = \"short\"")
                .unwrap_err()
                .contains("16")
        );
        assert!(
            Config::parse("tokn = \"x\"")
                .unwrap_err()
                .contains("unknown field")
        );
    }

    #[test]
    fn freshness_horizons_per_country_and_crossing() {
        let c = Config::parse(
            "[freshness]\nstale_after_days = 20\ncountries = { IQ = 14 }\ncrossings = { \"ir-iq-bashmagh\" = 7 }\n",
        )
        .expect("valid");
        assert_eq!(c.freshness.stale_after_days, 20);
        assert_eq!(
            c.freshness
                .for_crossing("ir-iq-bashmagh", &["IR".into(), "IQ".into()]),
            7
        );
        assert_eq!(Config::default().freshness.stale_after_days, 30);
        assert!(
            Config::parse("[freshness]\nstale_after_days = 0")
                .unwrap_err()
                .contains("at least 1")
        );
    }

    #[test]
    fn backoff_doubles() {
        let t = WebhookTiming {
            backoff_ms: 100,
            ..WebhookTiming::default()
        };
        assert_eq!(t.backoff(1), Duration::from_millis(100));
        assert_eq!(t.backoff(3), Duration::from_millis(400));
    }

    proptest::proptest! {
        /// Any text is a config or an error message, never a panic.
        #[test]
        fn any_text_parses_or_is_refused(s in "\\PC{0,200}") {
            let _ = Config::parse(&s);
        }
    }
}
