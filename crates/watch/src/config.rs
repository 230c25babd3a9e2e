//! `sources.toml`: what to follow. The format is documented line by line in `examples/sources.toml`;
//! every error names the file's line.

use std::time::Duration;

use borderwatch_fetch::IpNet;
use serde::Deserialize;
use toml::Spanned;

/// The kinds of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// RSS 2.0, Atom or JSON Feed.
    Feed,
    /// A sitemap or news sitemap (`<urlset>`; a `<sitemapindex>` is read one level deep).
    Sitemap,
    /// An HTML page that lists articles; links matching `link_pattern` are the items.
    Listing,
    /// The GDELT 2.0 update list (`lastupdate.txt`): its export file's rows that can concern a border.
    Gdelt,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feed => "feed",
            Kind::Sitemap => "sitemap",
            Kind::Listing => "listing",
            Kind::Gdelt => "gdelt",
        }
    }
}

/// One source, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub kind: Kind,
    pub url: String,
    pub interval: Duration,
    /// Feed items: use the item's own text (content, else summary) instead of fetching its link.
    pub use_item_text: bool,
    /// Listing pages: a link is an item when its absolute URL contains this text (`*` matches any run).
    pub link_pattern: Option<String>,
    /// The outlet to record when the page does not name one.
    pub outlet: Option<String>,
    /// At most this many new items are read per poll (the rest wait for the next poll).
    pub max_items: usize,
    pub gdelt: GdeltFilter,
}

/// Which GDELT rows can concern a border crossing.
#[derive(Clone, Debug, PartialEq)]
pub struct GdeltFilter {
    /// CAMEO event codes (EventCode, EventBaseCode or EventRootCode) kept whatever the words.
    pub event_codes: Vec<String>,
    /// Words looked for (case-insensitively) in the source URL and the actor and place names.
    pub keywords: Vec<String>,
    /// Also read the mentions file: other articles about the kept events.
    pub mentions: bool,
}

impl Default for GdeltFilter {
    fn default() -> Self {
        GdeltFilter {
            // 191: impose blockade, restrict movement; 163: impose embargo, boycott or sanctions.
            event_codes: vec!["191".into(), "163".into()],
            keywords: ["border", "crossing", "checkpoint", "frontier", "customs"]
                .map(String::from)
                .to_vec(),
            mentions: false,
        }
    }
}

/// The whole file, validated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sources {
    pub sources: Vec<Source>,
    /// Ranges the address guard lets through (see `borderwatch_fetch::Guard`).
    pub allow: Vec<IpNet>,
    pub respect_robots: bool,
}

/// Why a sources file was refused; the message names the line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

const DEFAULT_INTERVAL: Duration = Duration::from_secs(15 * 60);
const MIN_INTERVAL: Duration = Duration::from_secs(60);
const DEFAULT_MAX_ITEMS: usize = 50;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    respect_robots: bool,
    #[serde(default)]
    defaults: RawDefaults,
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    interval: Option<Spanned<String>>,
    max_items: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Spanned<String>,
    kind: Kind,
    url: Spanned<String>,
    interval: Option<Spanned<String>>,
    #[serde(default)]
    use_item_text: bool,
    link_pattern: Option<Spanned<String>>,
    outlet: Option<String>,
    max_items: Option<usize>,
    event_codes: Option<Vec<String>>,
    keywords: Option<Vec<String>>,
    #[serde(default)]
    mentions: bool,
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at.min(text.len()))
        .map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// Parses and validates a sources file; `file` names it in errors.
pub fn parse_sources(text: &str, file: &str) -> Result<Sources, ConfigError> {
    let err = |at: usize, reason: String| ConfigError {
        file: file.to_owned(),
        line: line_of(text, at),
        reason,
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        err(at, e.message().to_owned())
    })?;
    let mut allow = Vec::new();
    for range in &raw.allow {
        let net = parse_range(range.get_ref()).map_err(|reason| err(range.span().start, reason))?;
        allow.push(net);
    }
    let default_interval = match &raw.defaults.interval {
        Some(s) => parse_interval(s.get_ref()).map_err(|r| err(s.span().start, r))?,
        None => DEFAULT_INTERVAL,
    };
    let default_max = raw.defaults.max_items.unwrap_or(DEFAULT_MAX_ITEMS);
    let mut sources: Vec<Source> = Vec::new();
    for spanned in raw.source {
        let at = spanned.span().start;
        let s = spanned.into_inner();
        let name = s.name.get_ref().trim().to_owned();
        if name.is_empty() {
            return Err(err(s.name.span().start, "a source needs a name".into()));
        }
        if sources.iter().any(|o| o.name == name) {
            return Err(err(
                s.name.span().start,
                format!("the name {name:?} is used by an earlier source; names must be unique"),
            ));
        }
        let url = check_url(s.url.get_ref()).map_err(|r| err(s.url.span().start, r))?;
        let interval = match &s.interval {
            Some(i) => parse_interval(i.get_ref()).map_err(|r| err(i.span().start, r))?,
            None => default_interval,
        };
        if s.kind == Kind::Listing && s.link_pattern.is_none() {
            return Err(err(
                at,
                format!(
                    "the listing source {name:?} needs link_pattern (the text article links contain)"
                ),
            ));
        }
        let link_pattern = match s.link_pattern {
            Some(p) if p.get_ref().trim().is_empty() => {
                return Err(err(p.span().start, "link_pattern is empty".into()));
            }
            Some(p) => Some(p.into_inner()),
            None => None,
        };
        let mut gdelt = GdeltFilter::default();
        if let Some(codes) = s.event_codes {
            gdelt.event_codes = codes;
        }
        if let Some(words) = s.keywords {
            gdelt.keywords = words.into_iter().map(|w| w.to_lowercase()).collect();
        }
        gdelt.mentions = s.mentions;
        sources.push(Source {
            name,
            kind: s.kind,
            url,
            interval,
            use_item_text: s.use_item_text,
            link_pattern,
            outlet: s.outlet,
            max_items: s.max_items.unwrap_or(default_max).max(1),
            gdelt,
        });
    }
    Ok(Sources {
        sources,
        allow,
        respect_robots: raw.respect_robots,
    })
}

/// An address range as `--allow` and `allow = [...]` take it: CIDR, or a single address.
pub fn parse_range(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    s.parse::<IpNet>()
        .or_else(|_| s.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{s:?} is not an address range (like 127.0.0.0/8 or fd00::/8)"))
}

fn check_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    let (scheme, rest) = s
        .split_once("://")
        .ok_or_else(|| format!("{s:?} is not a URL (it needs http:// or https://)"))?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("{s:?}: only http and https URLs can be followed"));
    }
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("{s:?} has no host"));
    }
    Ok(s.to_owned())
}

/// `"90s"`, `"15m"`, `"2h"`, or a number of seconds as text. At least a minute: sources are polled
/// politely.
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (num, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not an interval (like \"90s\", \"15m\" or \"2h\")"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        other => return Err(format!("{s:?}: unknown unit {other:?} (use s, m or h)")),
    };
    let d = Duration::from_secs(secs);
    if d < MIN_INTERVAL {
        return Err(format!(
            "{s:?} is shorter than the minimum interval of 60 s"
        ));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file() {
        let text = r#"
allow = ["127.0.0.0/8"]
[defaults]
interval = "10m"

[[source]]
name = "courier"
kind = "feed"
url = "https://courier.example/rss"

[[source]]
name = "ministry"
kind = "listing"
url = "https://ministry.example/notices"
link_pattern = "/notices/2*"
interval = "1h"

[[source]]
name = "gdelt"
kind = "gdelt"
url = "http://data.example/gdeltv2/lastupdate.txt"
keywords = ["Border"]
"#;
        let s = parse_sources(text, "s.toml").expect("valid");
        assert_eq!(s.sources.len(), 3);
        assert_eq!(s.sources[0].interval, Duration::from_secs(600));
        assert_eq!(s.sources[1].interval, Duration::from_secs(3600));
        assert_eq!(s.sources[2].gdelt.keywords, vec!["border".to_string()]);
        assert_eq!(s.allow.len(), 1);
        assert!(s.respect_robots);
    }

    #[test]
    fn the_documented_example_is_valid() {
        let text = include_str!("../../../examples/sources.toml");
        let s = parse_sources(text, "examples/sources.toml").expect("the example parses");
        let kinds: Vec<Kind> = s.sources.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            [Kind::Feed, Kind::Listing, Kind::Sitemap, Kind::Gdelt]
        );
        assert!(s.allow.is_empty(), "the example allows no private range");
    }

    #[test]
    fn errors_name_the_line() {
        let bad_url = "[[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"ftp://x/feed\"\n";
        let e = parse_sources(bad_url, "s.toml").expect_err("bad url");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.to_string().starts_with("s.toml:4: "), "{e}");

        let bad_kind = "[[source]]\nname = \"a\"\nkind = \"telegram\"\nurl = \"http://x/\"\n";
        let e = parse_sources(bad_kind, "s.toml").expect_err("bad kind");
        assert_eq!(e.line, 3, "{e}");

        let dup = "[[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"http://x/\"\n\
                   [[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"http://y/\"\n";
        let e = parse_sources(dup, "s.toml").expect_err("duplicate");
        assert_eq!(e.line, 6, "{e}");

        let fast =
            "[[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"http://x/\"\ninterval = \"5s\"\n";
        let e = parse_sources(fast, "s.toml").expect_err("too fast");
        assert_eq!(e.line, 5, "{e}");

        let range = "allow = [\n  \"10.0.0.0/8\",\n  \"not a range\",\n]\n";
        let e = parse_sources(range, "s.toml").expect_err("range");
        assert_eq!(e.line, 3, "{e}");

        let unknown =
            "[[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"http://x/\"\ncolour = 1\n";
        let e = parse_sources(unknown, "s.toml").expect_err("unknown key");
        assert_eq!(e.line, 5, "{e}");

        let listing = "[[source]]\nname = \"a\"\nkind = \"listing\"\nurl = \"http://x/\"\n";
        let e = parse_sources(listing, "s.toml").expect_err("pattern");
        assert!(e.to_string().contains("link_pattern"), "{e}");
    }
}
