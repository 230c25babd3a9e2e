//! What a source lists: from a fetched feed, sitemap, listing page or GDELT file to the items to read.
//! Pure functions of bytes; a malformed entry is skipped, a malformed document is an error for that
//! source only.

use std::collections::HashSet;
use std::io::Read;

use jiff::civil::Date;
use quick_xml::events::Event;

/// One thing a source lists: an article to read, or (feeds with `use_item_text`) one to take as is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    pub url: String,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// The item's own text (feed content, else summary), HTML or plain.
    pub text: Option<String>,
    /// The feed's own title, for an outlet when the page names none.
    pub channel: Option<String>,
}

/// Why a source's document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("not a feed (RSS, Atom or JSON Feed): {0}")]
    Feed(String),
    #[error("not a sitemap: {0}")]
    Sitemap(String),
    #[error("GDELT: {0}")]
    Gdelt(String),
}

/// The items of an RSS 2.0, Atom or JSON Feed document. Entries without an http(s) link are skipped.
/// feed-rs reads XML with quick-xml, which expands no entity beyond the five predefined ones and
/// character references: no external entity is fetched, no entity bomb grows.
pub fn feed_items(bytes: &[u8], base: &str) -> Result<Vec<Item>, DiscoverError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| DiscoverError::Feed(e.to_string()))?;
    let channel = feed.title.map(|t| t.content.trim().to_owned());
    let items = feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone())
                // RSS items often give only a guid that is the article's URL.
                .or_else(|| Some(entry.id.clone()).filter(|id| id.starts_with("http")))?;
            let url = absolute(base, &link)?;
            let published = entry
                .published
                .or(entry.updated)
                .and_then(|t| borderwatch_reader::leading_date(&t.to_rfc3339()));
            let text = entry
                .content
                .and_then(|c| c.body)
                .or(entry.summary.map(|s| s.content))
                .filter(|t| !t.trim().is_empty());
            Some(Item {
                url,
                title: entry.title.map(|t| t.content.trim().to_owned()),
                published,
                text,
                channel: channel.clone(),
            })
        })
        .collect();
    Ok(items)
}

/// What a sitemap lists: article URLs (with the news sitemap's date and title when given), or, for a
/// sitemap index, the sitemaps it names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SitemapList {
    pub items: Vec<Item>,
    pub sitemaps: Vec<String>,
}

/// Reads a `<urlset>` or `<sitemapindex>`. Entities other than the predefined ones are an error, not
/// expanded.
pub fn sitemap_items(bytes: &[u8], base: &str) -> Result<SitemapList, DiscoverError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut out = SitemapList::default();
    let mut path: Vec<String> = Vec::new();
    let mut current = Item::default();
    let mut saw_root = false;
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| DiscoverError::Sitemap(e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = local(e.name().as_ref());
                if path.is_empty() {
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(DiscoverError::Sitemap(format!(
                            "the root element is <{name}>, not <urlset> or <sitemapindex>"
                        )));
                    }
                    saw_root = true;
                }
                if name == "url" {
                    current = Item::default();
                }
                text.clear();
                path.push(name);
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let text = std::mem::take(&mut text).trim().to_owned();
                let parent = path.last().map(String::as_str);
                match (name.as_str(), parent) {
                    ("loc", Some("url")) => {
                        current.url = absolute(base, &text).unwrap_or_default();
                    }
                    ("loc", Some("sitemap")) => {
                        if let Some(u) = absolute(base, &text) {
                            out.sitemaps.push(u);
                        }
                    }
                    ("publication_date", _) => {
                        current.published = borderwatch_reader::leading_date(&text);
                    }
                    ("lastmod", Some("url")) if current.published.is_none() => {
                        current.published = borderwatch_reader::leading_date(&text);
                    }
                    ("title", _) => current.title = Some(text),
                    ("url", _) if !current.url.is_empty() => {
                        out.items.push(std::mem::take(&mut current));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let piece = t
                    .xml10_content()
                    .map_err(|e| DiscoverError::Sitemap(e.to_string()))?;
                push_bounded(&mut text, &piece);
            }
            Event::GeneralRef(r) => {
                // Character references and the five predefined entities only: anything a DTD
                // defines is refused, never expanded or fetched.
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match r
                        .decode()
                        .map_err(|e| DiscoverError::Sitemap(e.to_string()))?
                        .as_ref()
                    {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(DiscoverError::Sitemap(format!(
                                "the entity &{other}; is not one XML predefines; sitemaps that define entities are not read"
                            )));
                        }
                    },
                };
                push_bounded(&mut text, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(DiscoverError::Sitemap("the document is empty".into()));
    }
    Ok(out)
}

/// The text of one element is kept up to 8 KiB (a URL or a title; more is not a sitemap's).
fn push_bounded(text: &mut String, piece: &str) {
    const MAX: usize = 8192;
    if text.len() + piece.len() <= MAX {
        text.push_str(piece);
    }
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    name.rsplit(':').next().unwrap_or_default().to_owned()
}

/// The links of a listing page whose absolute URL matches `pattern` (`*` matches any run), each once,
/// in page order.
pub fn listing_items(html: &str, base: &str, pattern: &str) -> Vec<Item> {
    let mut seen = HashSet::new();
    borderwatch_reader::links(html)
        .into_iter()
        .filter_map(|(href, text)| {
            let url = absolute(base, &href)?;
            let url = url.split('#').next().unwrap_or_default().to_owned();
            (glob_contains(pattern, &url) && seen.insert(url.clone())).then(|| Item {
                url,
                title: (!text.is_empty()).then_some(text),
                ..Item::default()
            })
        })
        .collect()
}

/// Whether `text` contains `pattern`, where `*` in the pattern matches any run of characters.
fn glob_contains(pattern: &str, text: &str) -> bool {
    let mut at = 0usize;
    for part in pattern.split('*').filter(|p| !p.is_empty()) {
        match text.get(at..).and_then(|t| t.find(part)) {
            Some(p) => at += p + part.len(),
            None => return false,
        }
    }
    true
}

/// `href` made absolute against `base`, when it is http(s).
pub fn absolute(base: &str, href: &str) -> Option<String> {
    let joined = match url::Url::parse(base) {
        Ok(b) => b.join(href.trim()).ok()?,
        Err(_) => url::Url::parse(href.trim()).ok()?,
    };
    matches!(joined.scheme(), "http" | "https").then(|| joined.to_string())
}

// ---------------------------------------------------------------------------------------------
// GDELT 2.0
// ---------------------------------------------------------------------------------------------

/// The files of one 15-minute GDELT update, from `lastupdate.txt` (`size md5 url` per line).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GdeltUpdate {
    pub export: Option<String>,
    pub mentions: Option<String>,
}

pub fn gdelt_update_list(text: &str) -> Result<GdeltUpdate, DiscoverError> {
    let mut update = GdeltUpdate::default();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_size, _md5, url] = fields[..] else {
            return Err(DiscoverError::Gdelt(format!(
                "line {} of the update list is not `size md5 url`",
                n + 1
            )));
        };
        let lower = url.to_ascii_lowercase();
        if lower.ends_with(".export.csv.zip") {
            update.export = Some(url.to_owned());
        } else if lower.ends_with(".mentions.csv.zip") {
            update.mentions = Some(url.to_owned());
        }
    }
    if update.export.is_none() {
        return Err(DiscoverError::Gdelt(
            "the update list names no export file".into(),
        ));
    }
    Ok(update)
}

/// Unzipped GDELT files larger than this are refused (a 15-minute export is about 1 MB).
pub const MAX_GDELT_UNZIPPED: u64 = 64 * 1024 * 1024;

/// The first member of a zip file, read up to [`MAX_GDELT_UNZIPPED`] bytes.
pub fn unzip_first(bytes: &[u8]) -> Result<Vec<u8>, DiscoverError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DiscoverError::Gdelt(format!("not a zip file: {e}")))?;
    let member = archive
        .by_index(0)
        .map_err(|e| DiscoverError::Gdelt(format!("the zip file has no readable member: {e}")))?;
    let mut out = Vec::new();
    member
        .take(MAX_GDELT_UNZIPPED + 1)
        .read_to_end(&mut out)
        .map_err(|e| DiscoverError::Gdelt(format!("cannot unzip: {e}")))?;
    if out.len() as u64 > MAX_GDELT_UNZIPPED {
        return Err(DiscoverError::Gdelt(format!(
            "the unzipped file is over {MAX_GDELT_UNZIPPED} bytes"
        )));
    }
    Ok(out)
}

/// Columns of the Events 2.0 export (0-based, from the codebook's column list).
mod col {
    pub const GLOBALEVENTID: usize = 0;
    pub const SQLDATE: usize = 1;
    pub const ACTOR1NAME: usize = 6;
    pub const ACTOR2NAME: usize = 16;
    pub const EVENTCODE: usize = 26;
    pub const EVENTBASECODE: usize = 27;
    pub const EVENTROOTCODE: usize = 28;
    pub const ACTOR1GEO_FULLNAME: usize = 36;
    pub const ACTOR2GEO_FULLNAME: usize = 44;
    pub const ACTIONGEO_FULLNAME: usize = 52;
    pub const SOURCEURL: usize = 60;
    pub const COUNT: usize = 61;
    // Mentions 2.0.
    pub const MENTION_TYPE: usize = 3;
    pub const MENTION_IDENTIFIER: usize = 5;
}

/// The rows of an Events export that can concern a border crossing, as items (SOURCEURL, with
/// SQLDATE as the date), and the ids of their events. Rows without 61 fields are skipped and counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GdeltRows {
    pub items: Vec<Item>,
    pub events: HashSet<String>,
    pub rows: usize,
    pub malformed: usize,
}

pub fn gdelt_export_rows(csv: &[u8], filter: &crate::config::GdeltFilter) -> GdeltRows {
    let text = String::from_utf8_lossy(csv);
    let mut out = GdeltRows::default();
    let mut urls = HashSet::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        out.rows += 1;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != col::COUNT {
            out.malformed += 1;
            continue;
        }
        let code_hit = [col::EVENTCODE, col::EVENTBASECODE, col::EVENTROOTCODE]
            .iter()
            .any(|&c| filter.event_codes.iter().any(|code| code == f[c]));
        let word_hit = || {
            [
                col::SOURCEURL,
                col::ACTOR1NAME,
                col::ACTOR2NAME,
                col::ACTOR1GEO_FULLNAME,
                col::ACTOR2GEO_FULLNAME,
                col::ACTIONGEO_FULLNAME,
            ]
            .iter()
            .any(|&c| {
                let field = f[c].to_lowercase();
                filter.keywords.iter().any(|k| field.contains(k.as_str()))
            })
        };
        if !(code_hit || word_hit()) {
            continue;
        }
        out.events.insert(f[col::GLOBALEVENTID].to_owned());
        let url = f[col::SOURCEURL].trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) || !urls.insert(url) {
            continue;
        }
        out.items.push(Item {
            url: url.to_owned(),
            published: borderwatch_reader::leading_date(f[col::SQLDATE]),
            ..Item::default()
        });
    }
    out
}

/// The web articles of a Mentions file that mention one of `events`.
pub fn gdelt_mention_items(csv: &[u8], events: &HashSet<String>) -> Vec<Item> {
    let text = String::from_utf8_lossy(csv);
    let mut seen = HashSet::new();
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let web = f.get(col::MENTION_TYPE) == Some(&"1");
            let url = f.get(col::MENTION_IDENTIFIER)?.trim();
            let wanted = events.contains(*f.first()?);
            (web && wanted && url.starts_with("http") && seen.insert(url.to_owned())).then(|| {
                Item {
                    url: url.to_owned(),
                    ..Item::default()
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_contains("/news/", "https://x/news/a"));
        assert!(glob_contains(
            "/notices/2*/gate",
            "https://x/notices/2024/03/gate-1"
        ));
        assert!(!glob_contains("/notices/2*/gate", "https://x/about/gate"));
    }

    #[test]
    fn entities_are_never_expanded_nor_fetched() {
        let mut bomb =
            String::from("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">");
        for i in 1..10 {
            let prev = if i == 1 {
                "a".to_string()
            } else {
                format!("a{}", i - 1)
            };
            bomb.push_str(&format!(
                "<!ENTITY a{i} \"{}\">",
                format!("&{prev};").repeat(10)
            ));
        }
        bomb.push_str(
            "<!ENTITY ext SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>t</title>\
             <item><title>&a9;&ext;</title><link>https://x.example/a</link></item></channel></rss>",
        );
        let items = feed_items(bomb.as_bytes(), "https://x.example/").expect("parsed, unexpanded");
        assert_eq!(items.len(), 1);
        let title = items[0].title.clone().unwrap_or_default();
        assert!(
            title.len() < 64,
            "an entity was expanded: {} bytes",
            title.len()
        );
        assert!(!title.contains("root:"), "an external entity was read");
        // Sitemaps refuse any entity a DTD defines.
        let sitemap = "<?xml version=\"1.0\"?><!DOCTYPE u [<!ENTITY a \"x\">]>\
            <urlset><url><loc>https://x.example/&a;</loc></url></urlset>";
        assert!(sitemap_items(sitemap.as_bytes(), "https://x.example/").is_err());
    }

    #[test]
    fn update_list() {
        let text = "1 a http://h/20240101000000.export.CSV.zip\n\
                    2 b http://h/20240101000000.mentions.CSV.zip\n\
                    3 c http://h/20240101000000.gkg.csv.zip\n";
        let u = gdelt_update_list(text).expect("valid");
        assert_eq!(
            u.export.as_deref(),
            Some("http://h/20240101000000.export.CSV.zip")
        );
        assert!(u.mentions.is_some());
        assert!(gdelt_update_list("garbage line\n").is_err());
        assert!(gdelt_update_list("").is_err());
    }
}
