//! Atom feeds (RFC 4287) of status changes: all of them, a country's, a crossing's. Each entry is one
//! change, its id a tag URI built from the change id so readers never see it twice.

use std::fmt::Write;

use borderwatch_service::changes::ChangeWithEvidence;
use borderwatch_service::status::word;

use crate::html::esc;

/// Entries per feed: the newest changes.
pub const ENTRIES: usize = 50;

/// A feed: its title, its own path (for `rel="self"`), the page it mirrors, and its entries (newest
/// first). `base` is the scheme and host the request came to, e.g. `http://127.0.0.1:8080`.
pub fn atom(
    base: &str,
    title: &str,
    self_path: &str,
    page_path: &str,
    entries: &[ChangeWithEvidence],
) -> String {
    // The feed changes when its newest entry does; an empty feed is as old as the epoch (a fixed
    // date, so the feed's bytes, and its ETag, depend only on its contents).
    let updated = entries
        .iter()
        .map(|e| e.change.date)
        .max()
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
<title>{}</title>\n<id>{}</id>\n<updated>{updated}</updated>\n\
<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
<author><name>borderwatch</name></author>\n<generator>borderwatch</generator>\n",
        esc(title),
        esc(&format!("{base}{self_path}")),
        esc(&format!("{base}{self_path}")),
        esc(&format!("{base}{page_path}")),
    );
    for e in entries {
        let c = &e.change;
        let link = format!("{base}/crossings/{}", c.crossing);
        let headline = format!(
            "{}: {} → {} on {}",
            c.name,
            word(&c.from),
            word(&c.to),
            c.date
        );
        let mut summary = format!(
            "{} ({}) is {} since {}, on {} independent source{}.",
            c.name,
            c.countries.join("–"),
            word(&c.to),
            c.date,
            c.independent_sources,
            if c.independent_sources == 1 { "" } else { "s" }
        );
        if c.contested {
            summary.push_str(" Sources disagree: see the crossing page.");
        }
        if !e.on_the_word_of.is_empty() {
            let _ = write!(summary, " On the word of {}.", e.on_the_word_of.join("; "));
        }
        let mut content = format!("<p>{}</p>", esc(&summary));
        for ev in e.evidence.iter().take(3) {
            let _ = write!(
                content,
                "<blockquote{}>{}</blockquote><p>— {}{}</p>",
                crate::html::lang_dir(ev.language.as_deref()),
                esc(&ev.sentence),
                esc(ev.outlet.as_deref().unwrap_or("unknown outlet")),
                ev.published.map(|d| format!(", {d}")).unwrap_or_default()
            );
        }
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<id>tag:borderwatch,2026:change:{}</id>\n<updated>{}T00:00:00Z</updated>\n\
<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<category term=\"{}\"/>\n<summary>{}</summary>\n\
<content type=\"html\">{}</content>\n</entry>\n",
            esc(&headline),
            esc(&c.id),
            c.date,
            esc(&link),
            esc(&word(&c.to)),
            esc(&summary),
            esc(&content),
        );
    }
    out.push_str("</feed>\n");
    out
}
