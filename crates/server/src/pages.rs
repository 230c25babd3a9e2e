//! The web pages, each with a JSON twin at the same path plus `.json` (`/crossings/ir-iq-bashmagh`
//! and `/crossings/ir-iq-bashmagh.json`), and the Atom feeds. Pages are plain HTML rendered here;
//! `/assets/app.js` only adds zoom, pan and tooltips to the map.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use borderwatch_service::changes::{ChangeFilter, changes, with_evidence};
use borderwatch_service::status::{date_or, word};
use serde::Deserialize;

use crate::api::{AtQuery, PageQuery, report_page};
use crate::feeds;
use crate::html::{
    badge, esc, lang_dir, legend, page, plain, quote, quote_source, run_of, safe_href,
    status_class, timeline_chart, url_part, world_map,
};
use crate::http::{ATOM, ApiError, HTML, Rendered, page_limit, paginate};
use crate::state::AppState;
use crate::views::{self, ChangeQuery, CrossingQuery};

type St = State<Arc<AppState>>;

/// Splits `name.json` into (`name`, true).
fn twin(s: &str) -> (String, bool) {
    match s.strip_suffix(".json") {
        Some(base) => (base.to_string(), true),
        None => (s.to_string(), false),
    }
}

fn as_of_note(a: &views::AsOf) -> String {
    let from = match a.from {
        "?at=" => "the day asked for".to_string(),
        "latest stored date" => "the latest date the stored reports speak of".to_string(),
        _ => "today; no stored report is dated".to_string(),
    };
    format!(
        "<p class=\"asof\">Status on <time>{}</time> ({from}). <a href=\"?at=\">latest</a></p>",
        a.date
    )
}

pub async fn home(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<AtQuery>,
) -> Result<Response, ApiError> {
    render_home(st, uri, headers, q, false).await
}

pub async fn home_json(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<AtQuery>,
) -> Result<Response, ApiError> {
    render_home(st, uri, headers, q, true).await
}

async fn render_home(
    st: Arc<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    q: AtQuery,
    json: bool,
) -> Result<Response, ApiError> {
    st.answer("page", &uri, &headers, move |state, store| {
            let v = views::map_view(state.gaz, &state.config.freshness, store, q.at.as_deref())?;
            if json {
                return Rendered::json(&v);
            }
            let mut body = String::new();
            let _ = write!(
                body,
                "<h1>Border crossings</h1>{}<div class=\"mapbox\">{}<div id=\"tip\" class=\"tip\" hidden></div>\
<div class=\"zoom\"><button type=\"button\" data-zoom=\"in\" aria-label=\"zoom in\">+</button>\
<button type=\"button\" data-zoom=\"out\" aria-label=\"zoom out\">−</button>\
<button type=\"button\" data-zoom=\"reset\" aria-label=\"whole world\">⟲</button></div></div>{}",
                as_of_note(&v.as_of),
                world_map(&v.crossings),
                legend(&v.tally, &state.config.freshness)
            );
            body.push_str(&without_coordinates(&v.crossings));
            if !borderwatch_worldmap::outlines_available() {
                body.push_str("<p class=\"warn\">This build has no country outlines (npm was not reachable when it was built); the markers are still placed by their coordinates.</p>");
            }
            body.push_str("<h2>Recent status changes</h2>");
            body.push_str(&change_table(&v.recent_changes));
            Ok(Rendered::new(HTML, page("Map", "/index.json", &body)))
        })
    .await
}

/// The crossings the map cannot place (no coordinates), listed beside it so that none is silently
/// absent: those with a report by name and status, the rest counted.
fn without_coordinates(rows: &[borderwatch_service::status::StatusRow]) -> String {
    let missing: Vec<_> = rows
        .iter()
        .filter(|r| r.lat.is_none() || r.lon.is_none())
        .collect();
    if missing.is_empty() {
        return String::new();
    }
    let (reported, silent): (Vec<_>, Vec<_>) = missing.into_iter().partition(|r| r.reported);
    let mut out = String::from(
        "<aside class=\"unplaced\" id=\"unplaced\"><h2>Not on the map (no coordinates)</h2>",
    );
    if !reported.is_empty() {
        out.push_str("<ul>");
        for r in &reported {
            let _ = write!(
                out,
                "<li data-id=\"{id}\"><a href=\"/crossings/{id}\">{}</a> <span class=\"muted\">{}</span> {}{}</li>",
                esc(&r.name),
                esc(&r.countries.join("–")),
                badge(r.status.status),
                if r.freshness.stale && r.status.status != borderwatch_extract::Status::Unknown {
                    " <span class=\"badge unconfirmed\">unconfirmed</span>"
                } else {
                    ""
                },
                id = esc(&r.id),
            );
        }
        out.push_str("</ul>");
    }
    if !silent.is_empty() {
        let _ = write!(
            out,
            "<p class=\"muted\">{} more without coordinates, with no report yet: see <a href=\"/crossings\">the list</a>.</p>",
            silent.len()
        );
    }
    out.push_str("</aside>");
    out
}

fn change_table(list: &[borderwatch_service::changes::StatusChange]) -> String {
    if list.is_empty() {
        return "<p class=\"muted\">No status change is known yet.</p>".into();
    }
    let mut out = String::from(
        "<table class=\"list\"><thead><tr><th>Date</th><th>Crossing</th><th>Change</th><th>Sources</th></tr></thead><tbody>",
    );
    for c in list {
        let _ = write!(
            out,
            "<tr><td>{}</td><td><a href=\"/crossings/{}\">{}</a> <span class=\"muted\">{}</span></td><td>{} → {}{}</td><td>{}</td></tr>",
            c.date,
            url_part(&c.crossing),
            esc(&c.name),
            esc(&c.countries.join("–")),
            badge(c.from),
            badge(c.to),
            if c.contested {
                " <span class=\"contested\">contested</span>"
            } else {
                ""
            },
            c.independent_sources
        );
    }
    out.push_str("</tbody></table>");
    out
}

pub async fn crossings(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<CrossingQuery>,
) -> Result<Response, ApiError> {
    render_crossings(st, uri, headers, q, false).await
}

pub async fn crossings_json(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<CrossingQuery>,
) -> Result<Response, ApiError> {
    render_crossings(st, uri, headers, q, true).await
}

async fn render_crossings(
    st: Arc<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    q: CrossingQuery,
    json: bool,
) -> Result<Response, ApiError> {
    st.answer("page", &uri, &headers, move |state, store| {
            let as_of = views::as_of(store, q.at.as_deref())?;
            let rows = views::crossing_rows(state.gaz, &state.config.freshness, store, &q, as_of.date)?;
            let limit = page_limit(q.limit.or(Some(1000)))?;
            let page_rows = paginate(rows, |r| r.id.clone(), q.cursor.as_deref(), limit)?;
            if json {
                return Rendered::json(&serde_json::json!({"as_of": as_of, "items": page_rows.items, "next": page_rows.next}));
            }
            let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
            let mut body = format!(
                "<h1>Crossings</h1>{}<form class=\"filters\" method=\"get\" action=\"/crossings\">\
<label>Name <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"any name, any script\"></label>\
<label>Country <input name=\"country\" value=\"{}\" size=\"3\" placeholder=\"IR\"></label>\
<label>Status <select name=\"status\">",
                as_of_note(&as_of),
                v(&q.q),
                v(&q.country)
            );
            for s in ["", "open", "restricted", "closed", "unknown"] {
                let _ = write!(
                    body,
                    "<option value=\"{s}\"{}>{}</option>",
                    if q.status.as_deref().unwrap_or("") == s { " selected" } else { "" },
                    if s.is_empty() { "any" } else { s }
                );
            }
            body.push_str("</select></label><button type=\"submit\">Filter</button></form>");
            let n = page_rows.items.len();
            let _ = write!(body, "<p class=\"count\">{n} crossing{}</p>", if n == 1 { "" } else { "s" });
            body.push_str("<table class=\"list\" id=\"crossings\"><thead><tr><th>Crossing</th><th>Countries</th><th>Status</th><th>Since</th><th>Sources</th></tr></thead><tbody>");
            for r in &page_rows.items {
                let st = &r.status;
                let _ = write!(
                    body,
                    "<tr data-id=\"{id}\"><td><a href=\"/crossings/{id}\">{}</a></td><td>{}</td><td>{}{}{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&r.name),
                    esc(&r.countries.join("–")),
                    badge(st.status),
                    if st.contested { " <span class=\"contested\">contested</span>" } else { "" },
                    if r.freshness.stale && st.status != borderwatch_extract::Status::Unknown {
                        format!(
                            " <span class=\"badge unconfirmed\">unconfirmed</span> <span class=\"muted\">{}</span>",
                            esc(&borderwatch_service::freshness::confirmed_words(&r.freshness))
                        )
                    } else {
                        String::new()
                    },
                    if r.reported { date_or(st.since, "before any report") } else { String::new() },
                    if r.reported { st.independent_sources.to_string() } else { String::new() },
                    id = esc(&r.id),
                );
            }
            body.push_str("</tbody></table>");
            if let Some(next) = &page_rows.next {
                let _ = write!(body, "<p><a rel=\"next\" href=\"?cursor={}\">Next page</a></p>", esc(next));
            }
            let twin = format!("/crossings.json{}", uri_query(&q));
            Ok(Rendered::new(HTML, page("Crossings", &twin, &body)))
        })
    .await
}

fn uri_query(q: &CrossingQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("q", &q.q),
        ("country", &q.country),
        ("status", &q.status),
        ("at", &q.at),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", url_part(v)));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

pub async fn crossing(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<AtQuery>,
) -> Result<Response, ApiError> {
    let (id, json) = twin(&id);
    st.answer("page", &uri, &headers, move |state, store| {
        let v = views::crossing_view(
            state.gaz,
            &state.config.freshness,
            store,
            &id,
            q.at.as_deref(),
        )?;
        if json {
            return Rendered::json(&v);
        }
        Ok(Rendered::new(
            HTML,
            page(
                &v.status.crossing.name,
                &format!("/crossings/{}.json", url_part(&id)),
                &crossing_body(state.gaz, &v),
            ),
        ))
    })
    .await
}

fn crossing_body(gaz: &borderwatch_gazetteer::Gazetteer, v: &views::CrossingView) -> String {
    let s = &v.status;
    let st = &s.status;
    let c = &s.crossing;
    let mut b = String::new();
    let _ = write!(
        b,
        "<article class=\"crossing\" data-id=\"{}\" data-status=\"{}\" data-stale=\"{}\"><h1>{}</h1><p class=\"place\">{}</p>{}",
        esc(&c.id),
        esc(&word(&st.status)),
        s.freshness.stale,
        esc(&c.name),
        esc(&v.place),
        as_of_note(&v.as_of)
    );
    let stale = s.freshness.stale && st.status != borderwatch_extract::Status::Unknown;
    let _ = write!(
        b,
        "<p class=\"now\"><span class=\"big badge {}{}\" id=\"status\">{}</span>{}</p>\
<p class=\"plain headline\" id=\"headline\">{}</p>",
        status_class(st.status),
        if stale { " stale" } else { "" },
        esc(&word(&st.status)),
        if stale {
            " <span class=\"badge unconfirmed\" id=\"unconfirmed\">unconfirmed</span>"
        } else {
            ""
        },
        plain(&v.why.headline)
    );
    if let Some(w) = &s.for_whom {
        let _ = write!(
            b,
            "<p class=\"forwhom\" id=\"for-whom\">For whom: {}</p>",
            esc(w)
        );
    }
    if let Some(sup) = &v.why.support {
        let _ = write!(
            b,
            "<p class=\"plain word\" id=\"support\">{}</p>",
            plain(sup)
        );
    }
    if !v.why.conflicts.is_empty() {
        b.push_str("<div class=\"conflicts\" id=\"conflicts\"><h2>Sources disagree</h2><ul>");
        for c in &v.why.conflicts {
            let _ = write!(b, "<li class=\"plain\">{}</li>", plain(c));
        }
        b.push_str("</ul></div>");
    }
    if !v.why.pending.is_empty() {
        b.push_str("<h2>Planned, denied or uncertain</h2><ul class=\"pending\" id=\"pending\">");
        for p in &v.why.pending {
            let _ = write!(b, "<li class=\"plain\">{}</li>", plain(p));
        }
        b.push_str("</ul>");
    }
    b.push_str(&why_section(v));
    if !s.evidence.is_empty() {
        b.push_str("<section id=\"evidence\"><h2>Evidence</h2>");
        for ev in &s.evidence {
            let _ = write!(
                b,
                "<figure class=\"evidence\">{}<figcaption>{}</figcaption></figure>",
                quote(&ev.sentence, &ev.marks, ev.language.as_deref()),
                quote_source(ev)
            );
        }
        b.push_str("</section>");
    }
    b.push_str("<section id=\"timeline\"><h2>Timeline</h2>");
    match &v.timeline {
        Some(t) => {
            // The day the current status went past its horizon unconfirmed, if it has.
            let unconfirmed_from = s
                .freshness
                .last_confirmed
                .filter(|_| s.freshness.stale)
                .and_then(|d| {
                    d.checked_add(
                        jiff::Span::new().days(i64::from(s.freshness.stale_after_days) + 1),
                    )
                    .ok()
                });
            b.push_str(&timeline_chart(t, v.as_of.date, unconfirmed_from));
            b.push_str("<ol class=\"intervals\">");
            for iv in t.intervals.iter().rev() {
                let _ = write!(
                    b,
                    "<li>{} {} → {}{}, {} source{}</li>",
                    badge(iv.status),
                    date_or(iv.from, "…"),
                    date_or(iv.to, "now"),
                    if iv.contested {
                        " <span class=\"contested\">contested</span>"
                    } else {
                        ""
                    },
                    iv.independent_sources,
                    if iv.independent_sources == 1 { "" } else { "s" }
                );
            }
            b.push_str("</ol>");
        }
        None => b.push_str("<p class=\"muted\">No report has spoken of this crossing yet.</p>"),
    }
    b.push_str("</section>");
    if !v.recent_events.is_empty() {
        b.push_str("<section><h2>Recent events</h2><ul class=\"events\">");
        for e in &v.recent_events {
            let _ = write!(
                b,
                "<li>{} <span class=\"muted\">({} source{})</span></li>",
                plain(&borderwatch_service::plain::event_line(gaz, e)),
                e.independent_sources,
                if e.independent_sources == 1 { "" } else { "s" }
            );
        }
        b.push_str("</ul></section>");
    }
    let names: Vec<String> = v
        .aliases
        .iter()
        .map(|a| format!("<bdi{}>{}</bdi>", lang_dir(Some(&a.lang)), esc(&a.text)))
        .collect();
    let _ = write!(
        b,
        "<section><h2>Also known as</h2><p class=\"aliases\">{}</p></section>\
<p><a href=\"/feeds/crossings/{id}.atom\">Atom feed of this crossing's changes</a> · <a href=\"/api/crossings/{id}\">API</a></p></article>",
        names.join(" · "),
        id = url_part(&c.id)
    );
    b
}

/// "Why this status": the events that decide it, in order, each with its quote, then those set aside
/// with the reason. The sentences are `borderwatch_service::plain`'s, as `status --explain` prints.
fn why_section(v: &views::CrossingView) -> String {
    let w = &v.why;
    let mut b = format!(
        "<section id=\"why\"><h2>Why this status on <time>{}</time></h2>",
        v.as_of.date
    );
    let step = |b: &mut String, s: &borderwatch_service::plain::Step| {
        let _ = write!(b, "<li><p class=\"plain\">{}</p>", plain(&s.sentence));
        if let Some(r) = &s.reason {
            let _ = write!(b, "<p class=\"reason\">Set aside: {}</p>", plain(r));
        }
        if let Some(q) = &s.quote {
            let _ = write!(
                b,
                "<figure class=\"evidence\">{}<figcaption>{}</figcaption></figure>",
                quote(&q.sentence, &q.marks, q.language.as_deref()),
                quote_source(q)
            );
        }
        b.push_str("</li>");
    };
    if w.decided.is_empty() {
        b.push_str("<p class=\"muted\">No event decides it: no report speaks of this crossing for that day.</p>");
    } else {
        b.push_str("<ol class=\"decided\">");
        for s in &w.decided {
            step(&mut b, s);
        }
        b.push_str("</ol>");
    }
    if !w.set_aside.is_empty() {
        b.push_str("<h3>Set aside</h3><ul class=\"set-aside\">");
        for s in &w.set_aside {
            step(&mut b, s);
        }
        b.push_str("</ul>");
    }
    b.push_str("</section>");
    b
}

pub async fn change_page(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<ChangeQuery>,
) -> Result<Response, ApiError> {
    render_changes(st, uri, headers, q, false).await
}

pub async fn change_page_json(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<ChangeQuery>,
) -> Result<Response, ApiError> {
    render_changes(st, uri, headers, q, true).await
}

async fn render_changes(
    st: Arc<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    q: ChangeQuery,
    json: bool,
) -> Result<Response, ApiError> {
    st.answer("page", &uri, &headers, move |state, store| {
            let limit = page_limit(q.limit.or(Some(200)))?;
            let list = views::change_list(state.gaz, store, &q)?;
            let p = paginate(list, views::change_key, q.cursor.as_deref(), limit)?;
            if json {
                return Rendered::json(&p);
            }
            let mut body = String::from("<h1>Status changes</h1><p>Every time a crossing's status moved, newest first. <a href=\"/feeds/changes.atom\">Atom feed</a></p>");
            body.push_str(&change_table(&p.items));
            if let Some(next) = &p.next {
                let _ = write!(body, "<p><a rel=\"next\" href=\"?cursor={}\">Older changes</a></p>", esc(next));
            }
            Ok(Rendered::new(HTML, page("Changes", "/changes.json", &body)))
        })
    .await
}

pub async fn reports(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    render_reports(st, uri, headers, q, false).await
}

pub async fn reports_json(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    render_reports(st, uri, headers, q, true).await
}

async fn render_reports(
    st: Arc<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    q: PageQuery,
    json: bool,
) -> Result<Response, ApiError> {
    st.answer("page", &uri, &headers, move |_, store| {
            let p = report_page(store, &q)?;
            if json {
                return Rendered::json(&p);
            }
            let mut body = String::from("<h1>Reports</h1><table class=\"list\"><thead><tr><th>Published</th><th>Title</th><th>Outlet</th><th>Claims</th></tr></thead><tbody>");
            for r in &p.items {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td><a href=\"/reports/{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                    date_or(r.published, ""),
                    url_part(&r.id),
                    r.title.as_deref().map(|t| run_of(t, None)).unwrap_or_else(|| "(untitled)".into()),
                    run_of(r.outlet.as_deref().unwrap_or(""), None),
                    r.claims
                );
            }
            body.push_str("</tbody></table>");
            if let Some(next) = &p.next {
                let _ = write!(body, "<p><a rel=\"next\" href=\"?cursor={}\">Older reports</a></p>", esc(next));
            }
            Ok(Rendered::new(HTML, page("Reports", "/reports.json", &body)))
        })
    .await
}

pub async fn report(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (id, json) = twin(&id);
    st.answer("page", &uri, &headers, move |_, store| {
            let v = views::report_view(store, &id)?;
            if json {
                return Rendered::json(&v);
            }
            let rep = &v.report;
            let title = rep.title.clone().unwrap_or_else(|| "(untitled report)".into());
            // The title and the text are in the report's language; an untitled report's heading
            // is ours, in English.
            let lang = v.language.as_deref();
            let title_attrs = match &rep.title {
                Some(t) if lang.is_some() || borderwatch_service::bidi::has_rtl(t) => lang_dir(lang),
                _ => String::new(),
            };
            let mut b = format!("<article class=\"report\"><h1{title_attrs}>{}</h1><p class=\"meta\">", esc(&title));
            let mut meta = Vec::new();
            if let Some(o) = &rep.outlet { meta.push(run_of(o, None)); }
            if let Some(d) = rep.published { meta.push(d.to_string()); }
            for u in &rep.urls {
                meta.push(match safe_href(u) {
                    Some(h) => format!("<a href=\"{h}\" rel=\"nofollow noopener\">{}</a>", esc(u)),
                    None => format!("<span class=\"url\">{}</span>", esc(u)),
                });
            }
            meta.push(format!("first seen {}", esc(&rep.retrieved)));
            b.push_str(&meta.join(" · "));
            b.push_str("</p>");
            let _ = write!(b, "<h2>Claims ({})</h2>", v.claims.len());
            if v.claims.is_empty() {
                b.push_str("<p class=\"muted\">This report makes no claim about a crossing's status.</p>");
            }
            for c in &v.claims {
                let target = match &c.claim.crossing {
                    Some(x) => match &x.id {
                        Some(id) => format!("<a href=\"/crossings/{}\">{}</a>", url_part(id), esc(&x.name)),
                        None => esc(&x.name),
                    },
                    None => esc(&format!("border {}", c.claim.border.clone().unwrap_or_default().join("–"))),
                };
                let _ = write!(
                    b,
                    "<figure class=\"evidence\"><figcaption>{target}: {} {} ({}){}</figcaption>{}</figure>",
                    esc(&word(&c.claim.change)),
                    badge(c.claim.status),
                    esc(&word(&c.claim.modality)),
                    c.claim.effective.date.map(|d| format!(", effective {d}")).unwrap_or_default(),
                    quote(&c.sentence, &c.marks, c.language.as_deref())
                );
            }
            let _ = write!(b, "<h2>Text</h2><div class=\"text\"{}>{}</div></article>", lang_dir(lang), esc(&rep.text).replace('\n', "<br>"));
            Ok(Rendered::new(HTML, page(&title, &format!("/reports/{}.json", url_part(&id)), &b)))
        })
    .await
}

/// The API index: the OpenAPI document's paths as a page.
pub async fn api_index() -> Response {
    let doc: serde_json::Value = serde_json::from_str(crate::api::OPENAPI).unwrap_or_default();
    let mut b = String::from(
        "<h1>API</h1><p>JSON over HTTP, described by <a href=\"/api/openapi.json\">/api/openapi.json</a> (OpenAPI 3.1). Every page also has a JSON twin: add <code>.json</code> to its path.</p><table class=\"list\"><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>",
    );
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for (path, ops) in paths {
            for (method, op) in ops.as_object().into_iter().flatten() {
                let _ = write!(
                    b,
                    "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                    esc(&method.to_uppercase()),
                    esc(path),
                    esc(op.get("summary").and_then(|s| s.as_str()).unwrap_or(""))
                );
            }
        }
    }
    b.push_str("</tbody></table>");
    let body = page("API", "/api/openapi.json", &b);
    ([(header::CONTENT_TYPE, HTML)], body).into_response()
}

#[derive(Deserialize)]
pub struct FeedPath {
    pub name: String,
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

async fn feed(
    st: Arc<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    filter: ChangeFilter,
    title: String,
    page_path: String,
) -> Result<Response, ApiError> {
    let base = base_url(&headers);
    let self_path = uri.path().to_string();
    let r = st
        .cached(format!("feed {base} {self_path}"), move |state, store| {
            let mut list = changes(store, state.gaz, &filter)?;
            list.truncate(feeds::ENTRIES);
            let entries = list
                .into_iter()
                .map(|c| with_evidence(store, c))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Rendered::new(
                ATOM,
                feeds::atom(&base, &title, &self_path, &page_path, &entries).into_bytes(),
            ))
        })
        .await?;
    Ok(r.respond(&headers))
}

pub async fn feed_all(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    feed(
        st,
        uri,
        headers,
        ChangeFilter::default(),
        "borderwatch: status changes".into(),
        "/changes".into(),
    )
    .await
}

pub async fn feed_country(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let cc = name
        .strip_suffix(".atom")
        .ok_or_else(|| ApiError::not_found("feeds end in .atom: /feeds/countries/IQ.atom"))?;
    let cc = borderwatch_service::country_code(st.gaz, cc)?;
    let title = format!(
        "borderwatch: status changes at crossings of {}",
        borderwatch_service::country_name(st.gaz, &cc)
    );
    let page_path = format!("/crossings?country={cc}");
    feed(
        st,
        uri,
        headers,
        ChangeFilter {
            crossing: None,
            country: Some(cc),
        },
        title,
        page_path,
    )
    .await
}

pub async fn feed_crossing(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let id = name.strip_suffix(".atom").ok_or_else(|| {
        ApiError::not_found("feeds end in .atom: /feeds/crossings/ir-iq-bashmagh.atom")
    })?;
    let c = st.gaz.by_id(id).ok_or_else(|| {
        ApiError::not_found(format!(
            "no crossing has the id {id:?}; find ids with /api/crossings?q=NAME"
        ))
    })?;
    let title = format!("borderwatch: status changes at {}", c.name);
    let page_path = format!("/crossings/{}", c.id);
    let filter = ChangeFilter {
        crossing: Some(c.id.clone()),
        country: None,
    };
    feed(st, uri, headers, filter, title, page_path).await
}

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");
const FAVICON: &str = include_str!("../assets/favicon.svg");

/// Browsers ask for `/favicon.ico` on their own: the SVG icon answers there too.
pub async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        FAVICON,
    )
        .into_response()
}

pub async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (ct, body) = match name.as_str() {
        "style.css" => ("text/css; charset=utf-8", STYLE),
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT),
        "favicon.svg" => ("image/svg+xml", FAVICON),
        _ => return Err(ApiError::not_found(format!("no asset is named {name:?}"))),
    };
    Ok((
        [
            (header::CONTENT_TYPE, ct),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response())
}
