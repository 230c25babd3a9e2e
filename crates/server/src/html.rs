//! HTML building blocks: escaping, the page layout, links, status badges, the timeline chart and the
//! world map. Every piece of text from a report, a gazetteer entry or a request goes through [`esc`];
//! URLs from reports become links only when they are http(s) ([`safe_href`]).

use std::fmt::Write;

use borderwatch_extract::Status;
use borderwatch_fusion::Timeline;
use borderwatch_service::bidi;
use borderwatch_service::status::{Evidence, Mark, StatusRow, word};
use jiff::civil::Date;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A URL fit for an `href`: only absolute http(s) URLs; anything else (`javascript:`, `data:`,
/// relative paths from a report) is shown as text, never followed.
pub fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| esc(u))
}

/// Percent-encodes a path segment or query value (ids are plain, but queries come from users).
pub fn url_part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The colour class of a status.
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Open => "open",
        Status::Closed => "closed",
        Status::Restricted => "restricted",
        Status::Unknown => "unknown",
    }
}

pub fn badge(s: Status) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        status_class(s),
        esc(&word(&s))
    )
}

/// A whole page: the layout around `body`, with a link to its JSON twin.
pub fn page(title: &str, json_twin: &str, body: &str) -> Vec<u8> {
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} · borderwatch</title>\
<link rel=\"stylesheet\" href=\"/assets/style.css\">\
<link rel=\"icon\" type=\"image/svg+xml\" href=\"/assets/favicon.svg\">\
<link rel=\"alternate\" type=\"application/json\" href=\"{twin}\">\
<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Status changes\" href=\"/feeds/changes.atom\">\
</head><body>\
<header><a class=\"brand\" href=\"/\">borderwatch</a>\
<nav><a href=\"/\">Map</a><a href=\"/crossings\">Crossings</a><a href=\"/changes\">Changes</a>\
<a href=\"/reports\">Reports</a><a href=\"/api\">API</a></nav>\
<form class=\"search\" action=\"/crossings\" method=\"get\" role=\"search\">\
<input type=\"search\" name=\"q\" placeholder=\"Find a crossing, any name, any script\" aria-label=\"Find a crossing\">\
</form></header><main>{body}</main>\
<footer><a href=\"{twin}\">This page as JSON</a> · \
<a href=\"/feeds/changes.atom\">Atom feed of status changes</a> · \
<a href=\"/api/openapi.json\">OpenAPI</a> · <span class=\"src\">{source}</span></footer>\
<script src=\"/assets/app.js\" defer></script></body></html>\n",
        title = esc(title),
        twin = esc(json_twin),
        source = esc(borderwatch_worldmap::SOURCE),
    );
    out.into_bytes()
}

/// ` lang="fa" dir="rtl"`: the attributes of an element holding report text in `language` —
/// `dir="rtl"` for a right-to-left language, `ltr` for another known one, and only `dir="auto"`
/// (the first letter decides) when the language is unknown. The tag is checked before it is
/// written ([`bidi::valid_language`]) and escaped all the same.
pub fn lang_dir(language: Option<&str>) -> String {
    let dir = bidi::dir_of(language);
    match language.and_then(bidi::valid_language) {
        Some(l) => format!(" lang=\"{}\" dir=\"{}\"", esc(l), dir.as_str()),
        None => format!(" dir=\"{}\"", dir.as_str()),
    }
}

/// Report text inside an English line (a title, an outlet, a speaker's name): escaped, and set
/// apart in a `<bdi>` when it is or may be right to left, so that it neither takes the line's
/// punctuation and numbers into its own direction nor is reordered by them. Text of a
/// left-to-right language with no right-to-left letter is left as it is.
pub fn run_of(text: &str, language: Option<&str>) -> String {
    if bidi::dir_of(language) != bidi::Dir::Rtl && !bidi::has_rtl(text) {
        return esc(text);
    }
    let attrs = match language.and_then(bidi::valid_language) {
        Some(_) => lang_dir(language),
        // `<bdi>` is `dir="auto"` by default.
        None => String::new(),
    };
    format!("<bdi{attrs}>{}</bdi>", esc(text))
}

/// A plain sentence of `borderwatch_service::plain`, escaped, with its isolates (RLI, FSI … PDI,
/// around names in a right-to-left script) turned into `<bdi dir="rtl">`, `<bdi>` … `</bdi>`,
/// balanced whatever the text holds.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut open = 0usize;
    for c in esc(s).chars() {
        match c {
            bidi::RLI => {
                out.push_str("<bdi dir=\"rtl\">");
                open += 1;
            }
            bidi::FSI => {
                out.push_str("<bdi>");
                open += 1;
            }
            bidi::PDI if open > 0 => {
                out.push_str("</bdi>");
                open -= 1;
            }
            // The other directional controls (an unpaired PDI, LRI, embeddings, overrides) are
            // dropped: the page sets direction with elements.
            '\u{202A}'..='\u{202E}' | '\u{2066}' | bidi::PDI => {}
            c => out.push(c),
        }
    }
    for _ in 0..open {
        out.push_str("</bdi>");
    }
    out
}

/// A quoted sentence with what carries the claim highlighted (trigger, place, date, speaker), in a
/// `<blockquote>` that carries the sentence's language and direction: a Persian sentence reads right
/// to left, with its marks in place, on an English page.
pub fn quote(s: &str, marks: &[Mark], language: Option<&str>) -> String {
    let mut out = format!("<blockquote class=\"quote\"{}><q>", lang_dir(language));
    let mut at = 0;
    for m in marks {
        let (Some(before), Some(inner)) = (s.get(at..m.start), s.get(m.start..m.end)) else {
            continue;
        };
        out.push_str(&esc(before));
        let _ = write!(
            out,
            "<mark class=\"{}\" title=\"{}\">{}</mark>",
            m.what,
            m.what,
            esc(inner)
        );
        at = m.end;
    }
    out.push_str(&esc(s.get(at..).unwrap_or("")));
    out.push_str("</q></blockquote>");
    out
}

/// Where a quote was read: outlet, date, speaker, link to the report page and to the original.
pub fn quote_source(ev: &Evidence) -> String {
    let mut parts = Vec::new();
    if let Some(sp) = &ev.speaker {
        parts.push(format!(
            "said by <span class=\"speaker\">{}</span>",
            run_of(sp, ev.language.as_deref())
        ));
    }
    let outlet = ev.outlet.as_deref().unwrap_or("unknown outlet");
    // The title is in the report's language; the outlet's name may be in any script.
    let title = ev
        .title
        .as_deref()
        .map(|t| format!(" “{}”", run_of(t, ev.language.as_deref())))
        .unwrap_or_default();
    parts.push(format!(
        "<a href=\"/reports/{}\">{}{title}</a>",
        url_part(&ev.report),
        run_of(outlet, None)
    ));
    if let Some(d) = ev.published {
        parts.push(d.to_string());
    }
    if let Some(u) = &ev.url {
        match safe_href(u) {
            Some(h) => parts.push(format!(
                "<a class=\"original\" href=\"{h}\" rel=\"nofollow noopener\">original</a>"
            )),
            None => parts.push(format!("<span class=\"url\">{}</span>", esc(u))),
        }
    }
    parts.join(" · ")
}

/// A horizontal chart of a timeline: one bar per interval, coloured by status, with the dates where
/// the status changed. It spans the dated changes with some room on both sides rather than reaching to
/// `today` (the day the page answers for): a crossing whose last change is years old would otherwise
/// show its history as a sliver. The last bar runs to the edge, labelled with `today`. From
/// `unconfirmed_from` (the first day past the horizon without a supporting report) the last bar is
/// drawn faded, so an old open is not shown as current green up to today.
pub fn timeline_chart(t: &Timeline, today: Date, unconfirmed_from: Option<Date>) -> String {
    const W: f64 = 900.0;
    const H: f64 = 80.0;
    let unconfirmed_from = unconfirmed_from.filter(|d| *d <= today);
    let dated: Vec<Date> = t
        .intervals
        .iter()
        .flat_map(|iv| [iv.from, iv.to])
        .chain(std::iter::once(unconfirmed_from))
        .flatten()
        .collect();
    let Some(first) = dated.iter().min().copied() else {
        return "<p class=\"muted\">No dated event yet: nothing to chart.</p>".into();
    };
    let last_change = dated.iter().max().copied().unwrap_or(first);
    // Room before the first change (so "unknown before" shows as a stub) and after the last one.
    let pad = i64::from((last_change - first).get_days().max(20) / 8);
    let start = first
        .checked_sub(jiff::Span::new().days(pad))
        .unwrap_or(first);
    let end = last_change
        .checked_add(jiff::Span::new().days(pad * 3))
        .unwrap_or(last_change)
        .min(today.max(last_change));
    let span_days = f64::from((end - start).get_days().max(1));
    let x = |d: Date| ((d - start).get_days() as f64 / span_days * W).clamp(0.0, W);
    // Where the last label of each of the two label rows ends, to keep labels from overlapping.
    let mut row_end = [f64::NEG_INFINITY; 2];
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"status timeline\">"
    );
    for iv in &t.intervals {
        let x0 = iv.from.map(x).unwrap_or(0.0);
        let x1 = iv.to.map(x).unwrap_or(W);
        let label = format!(
            "{} from {} to {}",
            word(&iv.status),
            iv.from
                .map(|d| d.to_string())
                .unwrap_or_else(|| "the start".into()),
            iv.to.map(|d| d.to_string()).unwrap_or_else(|| "now".into())
        );
        let _ = write!(
            svg,
            "<rect class=\"bar {}{}\" x=\"{x0:.1}\" y=\"8\" width=\"{:.1}\" height=\"28\"><title>{}</title></rect>",
            status_class(iv.status),
            if iv.contested { " contested" } else { "" },
            (x1 - x0).max(1.0),
            esc(&label)
        );
        if let Some(f) = iv.from {
            // A date label takes the first of two rows with room for it (a label is about 70 units
            // wide); when neither has room, the change keeps its tick and its date stays in the bar's
            // tooltip and the list under the chart.
            let xf = x(f);
            match (0..2).find(|&r| xf - row_end[r] >= 75.0) {
                Some(row) => {
                    row_end[row] = xf;
                    let _ = write!(
                        svg,
                        "<line class=\"tick\" x1=\"{xf:.1}\" x2=\"{xf:.1}\" y1=\"4\" y2=\"{}\"/><text class=\"date\" x=\"{xf:.1}\" y=\"{}\">{f}</text>",
                        44 + row * 16,
                        58 + row * 16,
                    );
                }
                None => {
                    let _ = write!(
                        svg,
                        "<line class=\"tick\" x1=\"{xf:.1}\" x2=\"{xf:.1}\" y1=\"4\" y2=\"44\"/>"
                    );
                }
            }
        }
    }
    if let Some(u) = unconfirmed_from {
        let xu = x(u);
        let _ = write!(
            svg,
            "<rect class=\"bar stale\" x=\"{xu:.1}\" y=\"8\" width=\"{:.1}\" height=\"28\"><title>unconfirmed from {u}: no report within the horizon</title></rect>",
            (W - xu).max(1.0)
        );
    }
    if end < today {
        let _ = write!(
            svg,
            "<text class=\"date end\" x=\"{W}\" y=\"30\">→ {today}</text>"
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The world map: country outlines with a marker per crossing that has coordinates, coloured by
/// status. Markers are links to the crossing pages (the map works without JavaScript; the script
/// adds zoom, pan and a tooltip). Known statuses are drawn last, on top of the grey unknowns.
pub fn world_map(rows: &[StatusRow]) -> String {
    let mut svg = format!(
        "<svg id=\"map\" class=\"map\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"world map of border crossings\">\
<rect class=\"sea\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/><g class=\"land\">{}</g><g class=\"markers\">",
        borderwatch_worldmap::WIDTH,
        borderwatch_worldmap::HEIGHT,
        borderwatch_worldmap::WIDTH,
        borderwatch_worldmap::HEIGHT,
        borderwatch_worldmap::svg_paths("country"),
    );
    let stale = |r: &StatusRow| r.freshness.stale && r.status.status != Status::Unknown;
    let mut ordered: Vec<&StatusRow> = rows.iter().collect();
    // Unknown first, then unconfirmed, then current statuses on top.
    ordered.sort_by_key(|r| (r.status.status != Status::Unknown, !stale(r), r.id.clone()));
    for r in ordered {
        let (Some(lat), Some(lon)) = (r.lat, r.lon) else {
            continue;
        };
        let (cx, cy) = borderwatch_worldmap::project(lon, lat);
        let st = r.status.status;
        let (faded, note) = if stale(r) {
            (
                " stale",
                format!(
                    ", unconfirmed: {}",
                    borderwatch_service::freshness::confirmed_words(&r.freshness)
                ),
            )
        } else {
            ("", String::new())
        };
        let _ = write!(
            svg,
            "<a href=\"/crossings/{id}\" class=\"marker {cls}{faded}\" data-id=\"{id}\" data-name=\"{name}\" data-status=\"{status}\" data-stale=\"{is_stale}\">\
<circle cx=\"{cx:.2}\" cy=\"{cy:.2}\" r=\"{r}\"/><title>{name} — {status}{note}</title></a>",
            id = esc(&r.id),
            cls = status_class(st),
            name = esc(&r.name),
            status = esc(&word(&st)),
            is_stale = stale(r),
            note = esc(&note),
            r = if st == Status::Unknown { 1.2 } else { 2.4 },
        );
    }
    svg.push_str("</g></svg>");
    svg
}

/// The map's legend, with how many crossings have each status; known statuses no report has
/// confirmed within their horizon are counted apart as unconfirmed (faded markers).
pub fn legend(
    tally: &std::collections::BTreeMap<String, usize>,
    horizons: &borderwatch_service::freshness::Horizons,
) -> String {
    let mut out = String::from("<ul class=\"legend\">");
    for s in [
        Status::Open,
        Status::Restricted,
        Status::Closed,
        Status::Unknown,
    ] {
        let w = word(&s);
        let _ = write!(
            out,
            "<li><span class=\"dot {}\"></span>{} <span class=\"n\">{}</span></li>",
            status_class(s),
            esc(&w),
            tally.get(&w).copied().unwrap_or(0)
        );
    }
    let within = if horizons.countries.is_empty() && horizons.crossings.is_empty() {
        format!("{} days", horizons.stale_after_days)
    } else {
        format!(
            "{} days or the crossing's own horizon",
            horizons.stale_after_days
        )
    };
    let _ = write!(
        out,
        "<li class=\"unconfirmed\"><span class=\"dot unconfirmed\"></span>unconfirmed <span class=\"muted\">(open, restricted or closed, but no report within {}; faded)</span> <span class=\"n\">{}</span></li>",
        esc(&within),
        tally
            .get(borderwatch_service::status::UNCONFIRMED)
            .copied()
            .unwrap_or(0)
    );
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_labels_never_overlap() {
        use borderwatch_fusion::Interval;
        let day = |d: i64| {
            jiff::civil::date(2020, 1, 1)
                .checked_add(jiff::Span::new().days(d))
                .expect("date")
        };
        // Forty changes a day or two apart: far more than fit as labels.
        let intervals: Vec<Interval> = (0..40)
            .map(|k| Interval {
                from: (k > 0).then(|| day(k * 2)),
                to: (k < 39).then(|| day(k * 2 + 2)),
                status: if k % 2 == 0 {
                    Status::Closed
                } else {
                    Status::Open
                },
                started_by: Vec::new(),
                supported_by: Vec::new(),
                ended_by: Vec::new(),
                independent_sources: 1,
                confidence: 0.5,
                contested: false,
                conflicts: Vec::new(),
            })
            .collect();
        let t = Timeline {
            crossing: "x".into(),
            intervals,
            pending: Vec::new(),
            unplaced: Vec::new(),
        };
        let svg = timeline_chart(&t, day(100), None);
        assert_eq!(
            svg.matches("<rect class=\"bar").count(),
            40,
            "a bar per interval"
        );
        assert_eq!(
            svg.matches("class=\"tick\"").count(),
            39,
            "a tick per change"
        );
        // Labels per row (by y), left to right, at least a label's width apart.
        let mut rows: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
        for part in svg.split("<text class=\"date\" x=\"").skip(1) {
            let x: f64 = part
                .split('"')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("x");
            let y = part
                .split("y=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .expect("y");
            rows.entry(y).or_default().push(x);
        }
        assert!(!rows.is_empty());
        for xs in rows.values() {
            assert!(xs.windows(2).all(|w| w[1] - w[0] >= 75.0), "{xs:?}");
        }
    }

    #[test]
    fn a_stale_status_is_a_faded_marker_counted_as_unconfirmed() {
        use borderwatch_service::freshness::{Horizons, freshness};
        use borderwatch_service::status::tally;
        let day = jiff::civil::date(2024, 9, 24);
        let row = |id: &str, confirmed: jiff::civil::Date| {
            let status = borderwatch_fusion::StatusAt {
                crossing: id.into(),
                date: day,
                status: Status::Open,
                since: Some(confirmed),
                until: None,
                events: vec!["e".into()],
                sources: Vec::new(),
                independent_sources: 1,
                confidence: 0.5,
                contested: false,
                conflicts: Vec::new(),
            };
            StatusRow {
                id: id.into(),
                name: id.into(),
                countries: ["IR".into(), "IQ".into()],
                lat: Some(35.0),
                lon: Some(45.0),
                reported: true,
                freshness: freshness(Status::Open, Some(confirmed), day, 30),
                status,
            }
        };
        let rows = [
            row("old", jiff::civil::date(2017, 10, 26)),
            row("new", jiff::civil::date(2024, 9, 20)),
        ];
        let svg = world_map(&rows);
        assert!(
            svg.contains("class=\"marker open stale\" data-id=\"old\""),
            "{svg}"
        );
        assert!(
            svg.contains("class=\"marker open\" data-id=\"new\""),
            "{svg}"
        );
        assert!(svg.contains("unconfirmed: last confirmed 2017-10-26, 2,525 days ago"));
        // The current one is drawn after (on top of) the stale one.
        assert!(svg.find("data-id=\"old\"") < svg.find("data-id=\"new\""));
        let t = tally(&rows);
        assert_eq!((t["open"], t["unconfirmed"]), (1, 1));
        let l = legend(&t, &Horizons::default());
        assert!(l.contains("dot unconfirmed"), "{l}");
        assert!(l.contains("no report within 30 days"), "{l}");
    }

    /// A Persian sentence written for this test, with its trigger ("بسته شد", closed) marked.
    #[test]
    fn a_quote_carries_its_language_and_direction() {
        let s = "گذرگاه باشماق روز ۱۰ مهر بسته شد.";
        let t = s.find("بسته").expect("trigger");
        let marks = [Mark {
            start: t,
            end: t + "بسته شد".len(),
            what: "trigger",
        }];
        let q = quote(s, &marks, Some("fa"));
        assert!(
            q.starts_with("<blockquote class=\"quote\" lang=\"fa\" dir=\"rtl\"><q>"),
            "{q}"
        );
        assert!(
            q.contains("<mark class=\"trigger\" title=\"trigger\">بسته شد</mark>"),
            "{q}"
        );
        assert!(q.ends_with("</q></blockquote>"), "{q}");
        for (lang, attrs) in [
            (Some("ar"), " lang=\"ar\" dir=\"rtl\""),
            (Some("ckb"), " lang=\"ckb\" dir=\"rtl\""),
            (Some("ur"), " lang=\"ur\" dir=\"rtl\""),
            (Some("he"), " lang=\"he\" dir=\"rtl\""),
            (Some("ps"), " lang=\"ps\" dir=\"rtl\""),
            (Some("en"), " lang=\"en\" dir=\"ltr\""),
            (Some("tr"), " lang=\"tr\" dir=\"ltr\""),
            (None, " dir=\"auto\""),
            // A stored value that is no language tag is never written into the page.
            (Some("fa\" onclick=\"x"), " dir=\"auto\""),
        ] {
            assert_eq!(lang_dir(lang), attrs, "{lang:?}");
        }
    }

    #[test]
    fn report_text_in_an_english_line_is_isolated() {
        assert_eq!(run_of("Zagros Daily", None), "Zagros Daily");
        assert_eq!(run_of("A <b>", Some("en")), "A &lt;b&gt;");
        assert_eq!(
            run_of("خبرگزاری <x>", None),
            "<bdi>خبرگزاری &lt;x&gt;</bdi>"
        );
        assert_eq!(
            run_of("IRNA ۲", Some("fa")),
            "<bdi lang=\"fa\" dir=\"rtl\">IRNA ۲</bdi>"
        );
        // The isolates of the plain sentences become <bdi>, balanced whatever the text holds.
        assert_eq!(
            plain("On 3 Oct \u{2068}فرهاد <x>\u{2069} said (1 source)."),
            "On 3 Oct <bdi>فرهاد &lt;x&gt;</bdi> said (1 source)."
        );
        assert_eq!(
            plain("\u{2067}a\u{2069}\u{2069} \u{202E}b \u{2068}c"),
            "<bdi dir=\"rtl\">a</bdi> b <bdi>c</bdi>"
        );
        assert_eq!(
            plain("no isolates & <tags>"),
            "no isolates &amp; &lt;tags&gt;"
        );
    }

    #[test]
    fn escapes_and_refuses_script_urls() {
        assert_eq!(
            esc("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" JavaScript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
        assert_eq!(safe_href("https://a.example/x y"), None);
        assert_eq!(
            safe_href("https://a.example/?a=1&b=\"2\"").as_deref(),
            Some("https://a.example/?a=1&amp;b=&quot;2&quot;")
        );
        assert_eq!(url_part("ir-iq bash/ü"), "ir-iq%20bash%2F%C3%BC");
    }
}
