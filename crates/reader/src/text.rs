//! The readable text of a page: main content chosen by readability when there is enough of it,
//! otherwise the whole body less furniture; block structure kept as blank lines.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, ParsePolicy, Readability};

/// The text of a page as the report's body, before the caller's own white-space cleanup.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageText {
    /// Paragraphs separated by blank lines, lines by newlines; entities decoded. Runs of white space
    /// inside a paragraph are left for the caller to collapse.
    pub text: String,
    /// The page's `<title>`, white space collapsed.
    pub title: Option<String>,
    /// True when readability found the main content and only that was read.
    pub main_content: bool,
}

/// Below this many characters of body text a page is read whole: readability needs a page's worth of
/// text to tell the article from the rest (its own default threshold is the same).
const MAIN_CONTENT_MIN_CHARS: usize = 500;
/// Readability is not run on pages with more elements than this (it scores every element); such pages
/// are read whole, less furniture.
const MAX_ELEMENTS_FOR_READABILITY: usize = 20_000;

/// Reads the text and title of `html` (a whole page or a fragment).
pub fn page_text(html: &str) -> PageText {
    text_of(Document::from(cap_nesting(html)), html.len())
}

pub(crate) fn text_of(doc: Document, source_len: usize) -> PageText {
    let title = title_of(&doc);
    let whole = walk(&doc.root(), source_len / 2);
    if whole.chars().count() < MAIN_CONTENT_MIN_CHARS {
        return PageText {
            text: whole,
            title,
            main_content: false,
        };
    }
    let cfg = Config {
        max_elements_to_parse: MAX_ELEMENTS_FOR_READABILITY,
        ..Config::default()
    };
    let main = Readability::with_document(doc, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse_with_policy(ParsePolicy::Strict).ok())
        .map(|article| {
            let content = Document::fragment(article.content);
            walk(&content.root(), source_len / 2)
        });
    match main {
        // Readability may keep only a teaser of a page whose article it did not recognise; a main
        // text much shorter than the threshold is not trusted over the whole body.
        Some(text) if text.chars().count() >= MAIN_CONTENT_MIN_CHARS / 2 => PageText {
            text,
            title,
            main_content: true,
        },
        _ => PageText {
            text: whole,
            title,
            main_content: false,
        },
    }
}

/// The first `<title>` that is not an SVG image's title.
fn title_of(doc: &Document) -> Option<String> {
    let titles = doc.select("title");
    titles
        .nodes()
        .iter()
        .find(|n| {
            !n.ancestors_it(None)
                .any(|a| a.node_name().is_some_and(|name| name.as_ref() == "svg"))
        })
        .map(|n| collapse(&n.text()))
        .filter(|t| !t.is_empty())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "iframe", "textarea", "xmp", "noembed", "noframes",
    "template", "nav", "header", "footer", "aside", "form", "svg", "math", "select", "button",
    "object", "embed", "canvas", "audio", "video", "dialog",
];
/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
];
/// Elements that end a line but not a paragraph.
const LINES: &[&str] = &["br", "tr", "td", "th"];
/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
];
/// Words in a class or id that mark furniture: comment threads, related links, sharing buttons,
/// newsletter boxes, cookie banners, advertisements. Matched as whole words of the attribute.
const FURNITURE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "advertisement",
    "ads",
    "promo",
    "sidebar",
    "menu",
    "subscribe",
    "paywall",
    "popup",
    "modal",
];

fn is_furniture(node: &NodeRef, name: &str) -> bool {
    if DROPPED.contains(&name) {
        return true;
    }
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    // The page's own containers are never furniture, whatever their class says.
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    let words_of = |v: Option<String>| -> bool {
        v.is_some_and(|v| {
            v.to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| FURNITURE_WORDS.contains(&w))
        })
    };
    words_of(node.class().map(|c| c.to_string())) || words_of(node.id_attr().map(|i| i.to_string()))
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave { name: String, pre: bool },
}

/// The text under `root`, in document order, without recursion.
fn walk(root: &NodeRef, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity.min(1 << 20));
    let mut pre_depth = 0usize;
    let mut stack: Vec<Step> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { name, pre } => {
                if pre {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                // A <br> is one line break, not one at each end.
                if name != "br" {
                    push_break(&mut out, &name);
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    push_text(&mut out, &node.text(), pre_depth > 0);
                    continue;
                }
                if !node.is_element() && !node.is_document() && !node.is_fragment() {
                    continue; // comments, doctypes, processing instructions
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if node.is_element() && is_furniture(&node, &name) {
                    continue;
                }
                let pre = name == "pre";
                if pre {
                    pre_depth += 1;
                }
                push_break(&mut out, &name);
                stack.push(Step::Leave { name, pre });
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    out
}

fn push_break(out: &mut String, name: &str) {
    if BLOCKS.contains(&name) {
        out.push_str("\n\n");
    } else if LINES.contains(&name) {
        out.push('\n');
    }
}

/// A text node: outside `<pre>`, a line break in running text is only white space.
fn push_text(out: &mut String, text: &str, pre: bool) {
    if pre || !text.contains(['\n', '\r']) {
        out.push_str(text);
    } else {
        out.extend(
            text.chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
    }
}

/// Open elements beyond which the rest of a page is not read. The HTML parser checks the stack of open
/// elements for most tags, so its cost grows with the square of the nesting depth; real pages stay
/// far below a few hundred levels, a hostile one may open a million.
pub(crate) const MAX_NESTING: usize = 1000;

/// Elements that never count as open: void elements, and those whose end tag pages often leave out
/// (the parser closes them itself, so they do not deepen the tree).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rp", "rt", "image", "param", "keygen",
];
/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// `html` up to the tag that would open element number [`MAX_NESTING`] + 1, by one linear scan that
/// estimates the depth from start and end tags.
pub(crate) fn cap_nesting(html: &str) -> &str {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|r| r.iter().position(|&b| b == b'<'))
    {
        let at = i + off;
        let rest = bytes.get(at + 1..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i = find(bytes, at + 4, b"-->").map_or(bytes.len(), |p| p + 3);
            continue;
        }
        let (closing, name_from) = match rest.first() {
            Some(b'/') => (true, at + 2),
            Some(b) if b.is_ascii_alphabetic() => (false, at + 1),
            _ => {
                i = at + 1;
                continue;
            }
        };
        let name_len = bytes
            .get(name_from..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let name = html
            .get(name_from..name_from + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        i = name_from + name_len;
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end_tag = format!("</{name}");
            let lower_from = i;
            // Case-insensitive search for the end tag, a window at a time.
            i = find_ci(bytes, lower_from, end_tag.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        depth += 1;
        if depth > MAX_NESTING {
            return html.get(..at).unwrap_or_default();
        }
    }
    html
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}
