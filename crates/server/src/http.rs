//! HTTP plumbing shared by the API and the pages: errors as JSON a person can act on, responses with
//! ETags (and 304 on `If-None-Match`), opaque pagination cursors.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// An error answer: a status and a message that says what to do. Rendered as
/// `{"error": {"status": 404, "message": "..."}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<borderwatch_service::Error> for ApiError {
    fn from(e: borderwatch_service::Error) -> ApiError {
        use borderwatch_service::Error as E;
        let status = match &e {
            E::NoSuchCrossing(_) => StatusCode::NOT_FOUND,
            E::Ambiguous { .. } | E::UnknownCountry(_) => StatusCode::BAD_REQUEST,
            E::NoDate(_) => StatusCode::NOT_FOUND,
            E::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::error!("{e}");
        }
        ApiError::new(status, e.to_string())
    }
}

impl From<borderwatch_store::StoreError> for ApiError {
    fn from(e: borderwatch_store::StoreError) -> ApiError {
        tracing::error!("{e}");
        ApiError::internal(e.to_string())
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorInner<'a>,
}
#[derive(Serialize)]
struct ErrorInner<'a> {
    status: u16,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&ErrorBody {
            error: ErrorInner {
                status: self.status.as_u16(),
                message: &self.message,
            },
        })
        .unwrap_or_default();
        let mut r = (self.status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"borderwatch\""),
            );
        }
        r
    }
}

/// A rendered read answer: content type, body and its entity tag.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub content_type: &'static str,
    pub body: axum::body::Bytes,
    pub etag: String,
}

pub const JSON: &str = "application/json";
pub const HTML: &str = "text/html; charset=utf-8";
pub const ATOM: &str = "application/atom+xml; charset=utf-8";
pub const CSV: &str = "text/csv; charset=utf-8";
pub const GEOJSON: &str = "application/geo+json";

impl Rendered {
    pub fn new(content_type: &'static str, body: Vec<u8>) -> Rendered {
        let digest = Sha256::digest(&body);
        let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        Rendered {
            content_type,
            body: body.into(),
            etag: format!("\"{hex}\""),
        }
    }

    pub fn json<T: Serialize>(v: &T) -> Result<Rendered, ApiError> {
        serde_json::to_vec_pretty(v)
            .map(|b| Rendered::new(JSON, b))
            .map_err(|e| ApiError::internal(format!("cannot write JSON: {e}")))
    }

    /// The response for a request with these headers: 304 when its `If-None-Match` names this tag.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let matches = request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == self.etag || t == "*");
        let mut r = if matches {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let mut r = self.body.clone().into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            );
            r
        };
        if let Ok(v) = HeaderValue::from_str(&self.etag) {
            r.headers_mut().insert(header::ETAG, v);
        }
        // Answers change as reports arrive: clients may keep them but must ask again (cheaply, with
        // If-None-Match) before using them.
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        r
    }
}

/// An opaque cursor: the sort key of the last item of a page, hex-encoded so it is safe in a URL
/// and not mistaken for something to edit.
pub fn encode_cursor(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

pub fn decode_cursor(cursor: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "cursor {cursor:?} is not one this server gave; use the `next` value of the previous page, or leave it out for the first page"
        ))
    };
    if !cursor.len().is_multiple_of(2) || cursor.len() > 2048 {
        return Err(bad());
    }
    let bytes: Result<Vec<u8>, _> = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(cursor.get(i..i + 2).unwrap_or("zz"), 16))
        .collect();
    String::from_utf8(bytes.map_err(|_| bad())?).map_err(|_| bad())
}

/// Page size: `limit` when given (1..=1000), else 100.
pub fn page_limit(limit: Option<usize>) -> Result<usize, ApiError> {
    match limit {
        None => Ok(100),
        Some(n) if (1..=1000).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!(
            "limit {n} is out of range: give 1 to 1000"
        ))),
    }
}

/// One page of a list, with the cursor of the next page (`None` on the last one).
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// Cuts the page after `cursor` out of `items` (sorted by `key`).
pub fn paginate<T>(
    items: Vec<T>,
    key: impl Fn(&T) -> String,
    cursor: Option<&str>,
    limit: usize,
) -> Result<Page<T>, ApiError> {
    let after = cursor.map(decode_cursor).transpose()?;
    let mut rest: Vec<T> = items
        .into_iter()
        .filter(|t| after.as_ref().is_none_or(|a| key(t) > *a))
        .collect();
    let next = if rest.len() > limit {
        rest.truncate(limit);
        rest.last().map(|t| encode_cursor(&key(t)))
    } else {
        None
    };
    Ok(Page { items: rest, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        let k = "2017-10-25\u{1f}ir-iq-bashmagh";
        assert_eq!(decode_cursor(&encode_cursor(k)).ok().as_deref(), Some(k));
        assert!(decode_cursor("zz").is_err());
        assert!(decode_cursor("abc").is_err());
    }

    #[test]
    fn pages_follow_each_other() {
        let items: Vec<u32> = (0..25).collect();
        let key = |n: &u32| format!("{n:04}");
        let p1 = paginate(items.clone(), key, None, 10).expect("page");
        assert_eq!(p1.items, (0..10).collect::<Vec<_>>());
        let p2 = paginate(items.clone(), key, p1.next.as_deref(), 10).expect("page");
        assert_eq!(p2.items, (10..20).collect::<Vec<_>>());
        let p3 = paginate(items, key, p2.next.as_deref(), 10).expect("page");
        assert_eq!(p3.items, (20..25).collect::<Vec<_>>());
        assert!(p3.next.is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any cursor text is either one this server could have given or a 400, never a panic.
        #[test]
        fn any_cursor_decodes_or_is_refused(s in "\\PC{0,64}") {
            match decode_cursor(&s) {
                Ok(k) => proptest::prop_assert_eq!(encode_cursor(&k), s.to_ascii_lowercase()),
                Err(e) => proptest::prop_assert_eq!(e.status, StatusCode::BAD_REQUEST),
            }
        }

        #[test]
        fn any_key_round_trips(k in "\\PC{0,64}") {
            proptest::prop_assert_eq!(decode_cursor(&encode_cursor(&k)).ok(), Some(k));
        }
    }
}
