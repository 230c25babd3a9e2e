//! Reads one HTML page the way borderwatch reads every page: a page POSTed, ingested from a file or
//! fetched by `borderwatch watch` goes through this one reader.
//!
//! - [`page_text`]: the readable text and `<title>` of a page or fragment. The document is parsed by
//!   html5ever (through `dom_query`); on a full page whose main content `dom_smoothie` (a port of
//!   readability.js) can find, only that content is read, so navigation, related links, comments and
//!   other furniture are dropped; otherwise the whole body is read, less the elements that are never
//!   article text (scripts, styles, navigation, headers, footers, asides, forms, …).
//! - [`page_meta`]: what a page says about itself: outlet (`og:site_name`, JSON-LD publisher, or the
//!   host), publication date (JSON-LD `datePublished`, `article:published_time` and kin, `<time
//!   datetime>`, a date in the URL), and language (`<html lang>`, `og:locale`, else detected).
//!
//! Invariant: pure; no I/O, no clock. A page is read only up to its thousandth level of nesting (the
//! parser's cost grows with the square of the depth) and the walk over the tree is iterative, so no
//! page costs more than linear time and a bounded stack.

mod meta;
mod text;

pub use meta::{Origin, PageMeta, detect_language, leading_date, page_meta};
pub use text::{PageText, page_text};

/// The readable text, title and metadata of a page, read once.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub text: PageText,
    pub meta: PageMeta,
}

/// Parses `html` once and reads both its text and its metadata. `url` (the page's address, when known)
/// gives the outlet's host and a date written in the path.
pub fn read_page(html: &str, url: Option<&str>) -> Page {
    let doc = dom_query::Document::from(text::cap_nesting(html));
    let meta = meta::meta_of(&doc, url);
    let text = text::text_of(doc, html.len());
    Page { text, meta }
}

/// Every `<a href>` of a page with its text, in document order (for listing pages).
pub fn links(html: &str) -> Vec<(String, String)> {
    let doc = dom_query::Document::from(text::cap_nesting(html));
    doc.select("a[href]")
        .nodes()
        .iter()
        .filter_map(|a| {
            let href = a.attr("href")?.trim().to_owned();
            let text = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
            (!href.is_empty()).then_some((href, text))
        })
        .collect()
}
