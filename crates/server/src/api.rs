//! The JSON API under `/api`, described by `/api/openapi.json`. Reads are cached per store version and
//! carry ETags; `POST /api/reports` needs the bearer token.

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use borderwatch_extract::{NormalizeOptions, ReportMeta, read_report};
use jiff::civil::Date;
use serde::Deserialize;

use crate::http::{ApiError, CSV, GEOJSON, Rendered, encode_cursor, page_limit, paginate};
use crate::state::AppState;
use crate::views::{self, ChangeQuery, CrossingQuery, EventQuery};

/// The OpenAPI document, kept by hand beside the routes (a test checks that they agree).
pub const OPENAPI: &str = include_str!("openapi.json");

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

type St = State<Arc<AppState>>;

pub async fn crossings(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<CrossingQuery>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |state, store| {
        let limit = page_limit(q.limit)?;
        let as_of = views::as_of(store, q.at.as_deref())?;
        let rows = views::crossing_rows(state.gaz, &state.config.freshness, store, &q, as_of.date)?;
        let page = paginate(rows, |r| r.id.clone(), q.cursor.as_deref(), limit)?;
        Rendered::json(&serde_json::json!({
            "as_of": as_of,
            "items": page.items,
            "next": page.next,
        }))
    })
    .await
}

#[derive(Deserialize)]
pub struct AtQuery {
    pub at: Option<String>,
}

pub async fn crossing(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<AtQuery>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |state, store| {
        Rendered::json(&views::crossing_view(
            state.gaz,
            &state.config.freshness,
            store,
            &id,
            q.at.as_deref(),
        )?)
    })
    .await
}

pub async fn crossing_timeline(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |state, store| {
        let c = state.gaz.by_id(&id).ok_or_else(|| {
            ApiError::not_found(format!(
                "no crossing has the id {id:?}; find ids with /api/crossings?q=NAME"
            ))
        })?;
        let timeline = store
            .timeline(&c.id)?
            .unwrap_or_else(|| borderwatch_fusion::Fusion::new().timeline(&c.id));
        let changes = borderwatch_service::changes::changes_of(state.gaz, &timeline);
        Rendered::json(&serde_json::json!({
            "crossing": c.id,
            "name": c.name,
            "timeline": timeline,
            "changes": changes,
        }))
    })
    .await
}

pub async fn events(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<EventQuery>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |state, store| {
        let limit = page_limit(q.limit)?;
        let list = views::events(state.gaz, store, &q)?;
        Rendered::json(&paginate(
            list,
            views::event_key,
            q.cursor.as_deref(),
            limit,
        )?)
    })
    .await
}

pub async fn changes(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<ChangeQuery>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |state, store| {
        let limit = page_limit(q.limit)?;
        let list = views::change_list(state.gaz, store, &q)?;
        Rendered::json(&paginate(
            list,
            views::change_key,
            q.cursor.as_deref(),
            limit,
        )?)
    })
    .await
}

#[derive(Deserialize)]
pub struct PageQuery {
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// A page of stored reports, newest first. The cursor is the sequence number of the last one.
pub fn report_page(
    store: &dyn borderwatch_store::Store,
    q: &PageQuery,
) -> Result<crate::http::Page<borderwatch_store::ReportSummary>, ApiError> {
    let limit = page_limit(q.limit)?;
    let before = match q.cursor.as_deref() {
        Some(c) => Some(crate::http::decode_cursor(c)?.parse::<i64>().map_err(|_| {
            ApiError::bad_request(format!("cursor {c:?} is not one this server gave"))
        })?),
        None => None,
    };
    let mut items = store.reports_page(before, limit + 1)?;
    let next = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|r| encode_cursor(&r.seq.to_string()))
    } else {
        None
    };
    Ok(crate::http::Page { items, next })
}

pub async fn reports(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |_, store| {
        Rendered::json(&report_page(store, &q)?)
    })
    .await
}

pub async fn report(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |_, store| {
        Rendered::json(&views::report_view(store, &id)?)
    })
    .await
}

#[derive(Deserialize)]
pub struct ExportQuery {
    pub at: Option<String>,
    /// CSV only: add the HXL hashtag row under the header.
    #[serde(default)]
    pub hxl: Option<String>,
}

pub async fn export_geojson(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    st.answer("api", &uri, &headers, move |state, store| {
        let rows = views::every_row(state.gaz, &state.config.freshness, store, q.at.as_deref())?;
        let body = serde_json::to_vec(&borderwatch_service::export::geojson(&rows))
            .map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(Rendered::new(GEOJSON, body))
    })
    .await
}

pub async fn export_csv(
    State(st): St,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let hxl = match q.hxl.as_deref() {
        None | Some("0" | "false" | "no") => false,
        Some("" | "1" | "true" | "yes") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "hxl={other:?}: give hxl=true or leave it out"
            )));
        }
    };
    st.answer("api", &uri, &headers, move |state, store| {
        let rows = views::every_row(state.gaz, &state.config.freshness, store, q.at.as_deref())?;
        Ok(Rendered::new(
            CSV,
            borderwatch_service::export::csv(&rows, hxl).into_bytes(),
        ))
    })
    .await
}

/// Checks `Authorization: Bearer <token>` against the configured token, in constant time.
pub fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writing is disabled: this server has no token; start it with BORDERWATCH_TOKEN set (or `token` in the config file)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(given) = given else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this needs the API token: send the header `Authorization: Bearer <token>`",
        ));
    };
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let diff = a
        .iter()
        .zip(b)
        .fold(a.len() ^ b.len(), |acc, (x, y)| acc | usize::from(x ^ y));
    if diff != 0 {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "the API token is wrong: check BORDERWATCH_TOKEN or the config file's `token`",
        ));
    }
    Ok(())
}

/// A report as `POST /api/reports` takes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    /// YYYY-MM-DD, or an RFC 3339 time whose date is taken.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    /// The report's language (ISO 639 code); detected from the text when absent.
    #[serde(default)]
    pub language: Option<String>,
}

fn published_date(s: &str) -> Result<Date, ApiError> {
    let head = s.get(..10).unwrap_or(s);
    head.parse::<Date>().map_err(|e| {
        ApiError::bad_request(format!(
            "published {s:?} is not a date: {e}; write YYYY-MM-DD or an RFC 3339 time"
        ))
    })
}

pub async fn post_report(State(st): St, req: Request) -> Result<Response, ApiError> {
    authorize(&st, req.headers())?;
    let limit = st.config.max_body_bytes;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is over the limit of {limit} bytes; send a shorter report or raise max_body_bytes in the config file"
            ),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the report as JSON with `Content-Type: application/json`: {\"title\", \"text\", \"published\", \"url\", \"outlet\"}",
        ));
    }
    let body: Body = req.into_body();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())?;
    let new: NewReport = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not a report: {e}; send {{\"text\": \"...\", \"title\"?, \"published\"?: \"YYYY-MM-DD\", \"url\"?, \"outlet\"?}}"
        ))
    })?;
    if new.text.trim().is_empty() {
        return Err(ApiError::bad_request(
            "text is empty: send the report's text",
        ));
    }
    if let Some(u) = &new.url
        && crate::html::safe_href(u).is_none()
    {
        return Err(ApiError::bad_request(format!(
            "url {u:?} is not an http(s) URL: give the address the report was read at, or leave it out"
        )));
    }
    let meta = ReportMeta {
        url: new.url.clone(),
        outlet: new.outlet.clone(),
        title: new.title.clone(),
        published: new.published.as_deref().map(published_date).transpose()?,
        language: new.language.clone(),
    };
    let opts = NormalizeOptions { max_bytes: limit };
    let report = read_report(new.text.as_bytes(), meta, &opts)
        .map_err(|e| ApiError::bad_request(format!("the report cannot be read: {e}")))?;
    let ingested = st.ingest(report).await?;
    tracing::info!(
        "POST /api/reports: report {} {:?}, {} claims, {} events changed",
        ingested.report,
        ingested.outcome,
        ingested.claims.len(),
        ingested.events_changed
    );
    let status = match ingested.outcome {
        borderwatch_store::Put::New { .. } => StatusCode::CREATED,
        borderwatch_store::Put::Seen { .. } => StatusCode::OK,
    };
    let mut r = (status, Json(&ingested)).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("/api/reports/{}", ingested.report)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

#[derive(Deserialize)]
pub struct LimitQuery {
    pub limit: Option<usize>,
}

/// The webhook delivery log (newest first); it names the webhooks, so it needs the token.
pub async fn deliveries(
    State(st): St,
    headers: HeaderMap,
    Query(q): Query<LimitQuery>,
) -> Result<Response, ApiError> {
    authorize(&st, &headers)?;
    let limit = page_limit(q.limit)?;
    let mut log = st
        .read(move |_, store| Ok(borderwatch_store::Store::deliveries(store, limit)?))
        .await?;
    // "This webhook is known" markers are bookkeeping, not deliveries.
    log.retain(|d| d.change != crate::webhooks::HOOK_KNOWN);
    Ok(Json(serde_json::json!({ "items": log })).into_response())
}
