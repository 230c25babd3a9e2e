//! What a page says about itself: outlet, publication date, language.
//!
//! Each field is taken from the most explicit source the page has and says which one it was, so a
//! successor can judge it; nothing is guessed from the clock. A date that cannot be read is `None`,
//! never today.

use dom_query::Document;
use jiff::civil::Date;
use serde_json::Value;

/// Where a field of [`PageMeta`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    JsonLd,
    MetaTag,
    TimeElement,
    Url,
    HtmlLang,
    Detected,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    /// `og:site_name`, else the JSON-LD publisher's name, else the URL's host without `www.`.
    pub outlet: Option<String>,
    /// The day of publication as the page writes it (the date part of its timestamp, in the page's
    /// own offset), with where it was found.
    pub published: Option<(Date, Origin)>,
    /// ISO 639-1 code where known (`en`, `ar`, …), lower case, with where it was found.
    pub language: Option<(String, Origin)>,
}

/// Reads the metadata of `html`; `url` is the page's address when known.
pub fn page_meta(html: &str, url: Option<&str>) -> PageMeta {
    meta_of(&Document::from(crate::text::cap_nesting(html)), url)
}

pub(crate) fn meta_of(doc: &Document, url: Option<&str>) -> PageMeta {
    let json_ld = json_ld_objects(doc);
    PageMeta {
        outlet: outlet(doc, &json_ld, url),
        published: published(doc, &json_ld, url),
        language: language(doc),
    }
}

fn meta_content(doc: &Document, attr: &str, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        doc.select(&format!("meta[{attr}=\"{name}\" i]"))
            .attr("content")
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    })
}

/// Every JSON-LD object of the page, `@graph` members and array items flattened.
fn json_ld_objects(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let Ok(value) = serde_json::from_str::<Value>(node.text().trim()) else {
            continue; // a broken block costs only itself
        };
        let mut todo = vec![value];
        // Bounded: a hostile page could nest arrays deeply; 256 objects are plenty for a news page.
        while let Some(v) = todo.pop() {
            if out.len() >= 256 {
                break;
            }
            match v {
                Value::Array(items) => todo.extend(items),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        todo.push(graph);
                    }
                    out.push(Value::Object(map));
                }
                _ => {}
            }
        }
    }
    out
}

fn outlet(doc: &Document, json_ld: &[Value], url: Option<&str>) -> Option<String> {
    if let Some(name) = meta_content(doc, "property", &["og:site_name"]) {
        return Some(name);
    }
    let publisher = json_ld.iter().find_map(|o| {
        let p = o.get("publisher")?;
        let name = p
            .get("name")
            .or_else(|| p.as_array()?.first()?.get("name"))?;
        name.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    });
    publisher.or_else(|| url.and_then(host_of))
}

/// The host of an http(s) URL, lower case, without a leading `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host
    } else {
        host.split(':').next()?
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

fn published(doc: &Document, json_ld: &[Value], url: Option<&str>) -> Option<(Date, Origin)> {
    let from_json = json_ld.iter().find_map(|o| {
        o.get("datePublished")
            .and_then(Value::as_str)
            .and_then(leading_date)
    });
    if let Some(d) = from_json {
        return Some((d, Origin::JsonLd));
    }
    let from_meta = meta_content(
        doc,
        "property",
        &["article:published_time", "og:published_time"],
    )
    .or_else(|| {
        meta_content(
            doc,
            "name",
            &[
                "article:published_time",
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
            ],
        )
    })
    .or_else(|| meta_content(doc, "itemprop", &["datePublished"]))
    .and_then(|s| leading_date(&s));
    if let Some(d) = from_meta {
        return Some((d, Origin::MetaTag));
    }
    // A <time> marked as the publication date first, then the first <time> of the article.
    let time = ["time[pubdate]", "article time[datetime]", "time[datetime]"]
        .iter()
        .find_map(|sel| {
            doc.select(sel)
                .nodes()
                .iter()
                .find_map(|n| n.attr("datetime").and_then(|d| leading_date(&d)))
        });
    if let Some(d) = time {
        return Some((d, Origin::TimeElement));
    }
    url.and_then(date_in_url).map(|d| (d, Origin::Url))
}

/// The date a timestamp starts with: `2024-03-15`, `2024-03-15T08:00:00+03:00`, `20240315`.
pub fn leading_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        (digits(0..4)?, digits(5..7)?, digits(8..10)?)
    } else {
        (digits(0..4)?, digits(4..6)?, digits(6..8)?)
    };
    // A date beyond the day must not run on into more digits ("202403150" is not a date).
    let end = if b.get(4) == Some(&b'-') { 10 } else { 8 };
    if b.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// A date written in a URL's path: `/2024/03/15/`, `/2024-03-15-`, `/20240315/`.
pub(crate) fn date_in_url(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next()?;
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let is_year = seg.len() == 4 && seg.bytes().all(|c| c.is_ascii_digit());
        if is_year {
            let month = segments.get(i + 1);
            let day = segments.get(i + 2);
            if let (Some(m), Some(d)) = (month, day) {
                let day_digits: String = d.chars().take_while(char::is_ascii_digit).collect();
                if m.len() == 2 && (1..=2).contains(&day_digits.len()) {
                    let text = format!("{seg}-{m}-{day_digits:0>2}");
                    if let Some(date) = leading_date(&text) {
                        return Some(date);
                    }
                }
            }
        }
        // A segment that starts with a whole date: "2024-03-15-gate-closes" or "20240315".
        if let Some(date) = leading_date(seg).filter(|_| seg.len() >= 8) {
            let plausible = (1990..=2100).contains(&date.year());
            if plausible {
                return Some(date);
            }
        }
    }
    None
}

fn language(doc: &Document) -> Option<(String, Origin)> {
    let declared = doc
        .select("html")
        .attr("lang")
        .map(|l| (l.to_string(), Origin::HtmlLang))
        .or_else(|| {
            meta_content(doc, "http-equiv", &["content-language"]).map(|l| (l, Origin::MetaTag))
        })
        .or_else(|| meta_content(doc, "property", &["og:locale"]).map(|l| (l, Origin::MetaTag)));
    if let Some((tag, origin)) = declared {
        let primary: String = tag
            .trim()
            .split(['-', '_', ',', ' '])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Some((primary, origin));
        }
    }
    None
}

/// The language of `text` by its letters, when the detector is confident; ISO 639-1 where there is
/// one, else the ISO 639-3 code.
pub fn detect_language(text: &str) -> Option<String> {
    // The first 4 KiB decide; more costs time and changes nothing on a news article.
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end)?;
    // The detector knows no Kurdish: it calls Sorani Persian or Arabic and Kurmanji Turkish or
    // another Latin-script language. Letters each variety has and its neighbours lack decide first.
    if let Some(kurdish) = kurdish_by_letters(head) {
        return Some(kurdish.to_owned());
    }
    let info = whatlang::detect(head)?;
    // A short text leaves the detector unsure; its guess still stands when the script is not Latin:
    // the choice is then among the few languages of that script (Persian or Arabic, Russian or
    // Ukrainian), and no English text is written in it.
    if !info.is_reliable() && info.script() == whatlang::Script::Latin {
        return None;
    }
    let code = info.lang().code();
    let two = ISO_639_3_TO_1
        .iter()
        .find(|(three, _)| *three == code)
        .map(|&(_, two)| two);
    Some(two.unwrap_or(code).to_owned())
}

/// Sorani (`ckb`) or Kurmanji (`kmr`) when the text's letters say so. Sorani writes ڕ ڵ ێ ۆ ە, which
/// Persian and Arabic do not; Kurmanji writes ê, î, û often, and Turkish (its nearest Latin-script
/// neighbour for the detector) hardly ever. One letter in a hundred is the bar: a loan word or a name
/// does not reach it.
fn kurdish_by_letters(text: &str) -> Option<&'static str> {
    let (mut letters, mut sorani, mut arabic_script, mut kurmanji, mut latin) =
        (0usize, 0, 0, 0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c {
            'ڕ' | 'ڵ' | 'ێ' | 'ۆ' | 'ە' => sorani += 1,
            'ê' | 'î' | 'û' | 'Ê' | 'Î' | 'Û' => kurmanji += 1,
            _ => {}
        }
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic_script += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
    }
    if letters < 20 {
        return None;
    }
    if arabic_script * 2 > letters && sorani * 100 >= arabic_script {
        return Some("ckb");
    }
    if latin * 2 > letters && kurmanji * 100 >= latin {
        return Some("kmr");
    }
    None
}

const ISO_639_3_TO_1: &[(&str, &str)] = &[
    ("eng", "en"),
    ("ara", "ar"),
    ("pes", "fa"),
    ("tur", "tr"),
    ("rus", "ru"),
    ("ukr", "uk"),
    ("fra", "fr"),
    ("deu", "de"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("nld", "nl"),
    ("pol", "pl"),
    ("ell", "el"),
    ("heb", "he"),
    ("hin", "hi"),
    ("urd", "ur"),
    ("cmn", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("aze", "az"),
    ("kat", "ka"),
    ("hye", "hy"),
    ("srp", "sr"),
    ("hrv", "hr"),
    ("bul", "bg"),
    ("ron", "ro"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("mkd", "mk"),
    ("bel", "be"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("tha", "th"),
    ("ind", "id"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("dan", "da"),
    ("nob", "nb"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences written for this test, one per language.
    #[test]
    fn kurdish_is_told_from_its_neighbours_by_its_letters() {
        let d = |s: &str| detect_language(s);
        assert_eq!(
            d("دەروازەی سنووری باشماق دوای سێ مانگ داخستن دووبارە کرایەوە و بازرگانان دەتوانن کاڵا بگوازنەوە.").as_deref(),
            Some("ckb")
        );
        assert_eq!(
            d("Deriyê sînorî yê Îbrahîm Xelîl piştî sê rojan dîsa hate vekirin û bazirgan dikarin derbas bibin.").as_deref(),
            Some("kmr")
        );
        assert_eq!(
            d("گذرگاه مرزی باشماق پس از سه ماه تعطیلی دوباره بازگشایی شد و کامیون‌ها از آن عبور کردند.").as_deref(),
            Some("fa")
        );
        assert_eq!(
            d("Habur sınır kapısı üç günlük aradan sonra yeniden açıldı ve tırlar geçişe başladı.")
                .as_deref(),
            Some("tr")
        );
    }

    #[test]
    fn dates_in_urls() {
        let d = |s| date_in_url(s).map(|d| d.to_string());
        assert_eq!(
            d("https://x.example/news/2024/03/15/gate-shut").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(
            d("https://x.example/2024-03-15-gate-shut").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(
            d("https://x.example/a/20240315/b").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(d("https://x.example/2024/99/15/x"), None);
        assert_eq!(d("https://x.example/story/12345678901"), None);
        assert_eq!(d("https://x.example/about"), None);
    }

    #[test]
    fn leading_dates() {
        assert_eq!(
            leading_date("2017-10-25T08:00:00+03:00").map(|d| d.to_string()),
            Some("2017-10-25".into())
        );
        assert_eq!(leading_date("2017-13-25"), None);
        assert_eq!(leading_date("Oct 25"), None);
        assert_eq!(leading_date(""), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.Example.org:8443/a").as_deref(),
            Some("example.org")
        );
        assert_eq!(host_of("no scheme"), None);
    }
}
