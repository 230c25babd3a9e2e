//! The data behind every page and API answer, computed on a read connection. Pages render these as
//! HTML; their JSON twins and the API serialize them as they are, so both always agree.

use borderwatch_extract::{Claim, Status};
use borderwatch_fusion::{Event, Timeline};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::bidi::{Dir, dir_of};
use borderwatch_service::changes::{ChangeFilter, StatusChange, changes};
use borderwatch_service::freshness::Horizons;
use borderwatch_service::plain::{Explanation, explain};
use borderwatch_service::status::{
    CrossingStatus, Mark, StatusRow, crossing_status, language_of, marks_of, statuses, tally,
};
use borderwatch_store::{EventFilter, Store, StoredReport};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::http::ApiError;

/// The day an answer is for, and where that day came from.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct AsOf {
    pub date: Date,
    /// "?at=", "latest stored date", or "today" (an empty store).
    pub from: &'static str,
}

/// `?at=` when given, else the latest date the store speaks of (an archive answers about its own
/// time), else today.
pub fn as_of(store: &dyn Store, at: Option<&str>) -> Result<AsOf, ApiError> {
    if let Some(s) = at.filter(|s| !s.is_empty()) {
        let date: Date = s.parse().map_err(|e| {
            ApiError::bad_request(format!(
                "at={s:?} is not a date: {e}; write it as YYYY-MM-DD"
            ))
        })?;
        return Ok(AsOf { date, from: "?at=" });
    }
    if let Some(date) = store.latest_date()? {
        return Ok(AsOf {
            date,
            from: "latest stored date",
        });
    }
    Ok(AsOf {
        date: jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date(),
        from: "today",
    })
}

/// Filters of the crossing list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CrossingQuery {
    /// ISO 3166-1 alpha-2: crossings with this country on one side.
    pub country: Option<String>,
    /// open, closed, restricted or unknown.
    pub status: Option<String>,
    /// Any name or part of one, in any script.
    pub q: Option<String>,
    pub at: Option<String>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

fn parse_status(s: &str) -> Result<Status, ApiError> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_lowercase())).map_err(|_| {
        ApiError::bad_request(format!(
            "status={s:?} is not a status: use open, closed, restricted or unknown"
        ))
    })
}

/// The crossings a list query asks for, sorted by id, with their status on the day.
pub fn crossing_rows(
    gaz: &Gazetteer,
    horizons: &Horizons,
    store: &dyn Store,
    q: &CrossingQuery,
    date: Date,
) -> Result<Vec<StatusRow>, ApiError> {
    let list = borderwatch_service::listed(gaz, q.q.as_deref(), q.country.as_deref())?;
    let mut rows = statuses(store, &list, date, horizons)?;
    if let Some(s) = q.status.as_deref().filter(|s| !s.is_empty()) {
        let want = parse_status(s)?;
        rows.retain(|r| r.status.status == want);
    }
    Ok(rows)
}

/// Every crossing with its status on the day `at` asks for (the exports).
pub fn every_row(
    gaz: &Gazetteer,
    horizons: &Horizons,
    store: &dyn Store,
    at: Option<&str>,
) -> Result<Vec<StatusRow>, ApiError> {
    let as_of = as_of(store, at)?;
    crossing_rows(gaz, horizons, store, &CrossingQuery::default(), as_of.date)
}

/// The map page's data: every crossing with its status, and the counts per status.
#[derive(Serialize)]
pub struct MapView {
    pub as_of: AsOf,
    pub tally: std::collections::BTreeMap<String, usize>,
    pub crossings: Vec<StatusRow>,
    pub recent_changes: Vec<StatusChange>,
}

pub fn map_view(
    gaz: &Gazetteer,
    horizons: &Horizons,
    store: &dyn Store,
    at: Option<&str>,
) -> Result<MapView, ApiError> {
    let as_of = as_of(store, at)?;
    let crossings = crossing_rows(gaz, horizons, store, &CrossingQuery::default(), as_of.date)?;
    let mut recent_changes = changes(store, gaz, &ChangeFilter::default())?;
    recent_changes.retain(|c| c.date <= as_of.date);
    recent_changes.truncate(12);
    Ok(MapView {
        as_of,
        tally: tally(&crossings),
        crossings,
        recent_changes,
    })
}

/// A crossing page's data.
#[derive(Serialize)]
pub struct CrossingView {
    pub as_of: AsOf,
    /// "Iran (Kurdistan) – Iraq (Kurdistan Region)".
    pub place: String,
    pub aliases: Vec<AliasView>,
    #[serde(flatten)]
    pub status: CrossingStatus,
    /// The status in plain words and why it is what it is: the sentences the page and the CLI show.
    pub why: Explanation,
    pub timeline: Option<Timeline>,
    pub changes: Vec<StatusChange>,
    /// Events that apply here (its own and its borders'), newest first, at most 30.
    pub recent_events: Vec<Event>,
}

#[derive(Serialize)]
pub struct AliasView {
    pub text: String,
    pub lang: String,
}

pub fn crossing_view(
    gaz: &Gazetteer,
    horizons: &Horizons,
    store: &dyn Store,
    id: &str,
    at: Option<&str>,
) -> Result<CrossingView, ApiError> {
    let c = gaz.by_id(id).ok_or_else(|| {
        ApiError::not_found(format!(
            "no crossing has the id {id:?}; find ids with /api/crossings?q=NAME"
        ))
    })?;
    let as_of = as_of(store, at)?;
    let status = crossing_status(store, c, as_of.date, as_of.from, horizons)?;
    let why = explain(gaz, &status);
    let timeline = store.timeline(&c.id)?;
    let changes = timeline
        .as_ref()
        .map(|t| {
            let mut v = borderwatch_service::changes::changes_of(gaz, t);
            v.reverse();
            v
        })
        .unwrap_or_default();
    let mut recent_events = store.events(&EventFilter {
        crossing: Some(c.id.clone()),
        last: Some(30),
        ..EventFilter::default()
    })?;
    recent_events.reverse();
    Ok(CrossingView {
        as_of,
        place: borderwatch_service::place(gaz, c),
        aliases: c
            .aliases
            .iter()
            .map(|a| AliasView {
                text: a.text.clone(),
                lang: a.lang.clone(),
            })
            .collect(),
        status,
        why,
        timeline,
        changes,
        recent_events,
    })
}

/// A claim as a report page shows it: the claim and its marks inside the sentence.
#[derive(Serialize)]
pub struct ClaimView {
    pub index: usize,
    #[serde(flatten)]
    pub claim: Claim,
    /// The sentence the claim was read from.
    pub sentence: String,
    pub marks: Vec<Mark>,
    /// The sentence's language (the claim's evidence's), checked, and its writing direction.
    pub language: Option<String>,
    pub dir: Dir,
}

#[derive(Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub report: StoredReport,
    pub claims: Vec<ClaimView>,
    /// The report's language as its claims give it (the page sets the title's and the text's
    /// direction from it); not serialized, the claims carry it.
    #[serde(skip)]
    pub language: Option<String>,
}

pub fn report_view(store: &dyn Store, id: &str) -> Result<ReportView, ApiError> {
    let report = store.report(id)?.ok_or_else(|| {
        ApiError::not_found(format!(
            "no report has the id {id:?}; list reports with /api/reports"
        ))
    })?;
    let claims = store
        .claims_of(id)?
        .into_iter()
        .enumerate()
        .map(|(index, claim)| {
            let language = language_of(&claim);
            ClaimView {
                index,
                sentence: claim.evidence.sentence.of(&report.text).to_string(),
                marks: marks_of(&claim),
                dir: dir_of(language.as_deref()),
                language,
                claim,
            }
        })
        .collect::<Vec<_>>();
    let language = claims.iter().find_map(|c| c.language.clone());
    Ok(ReportView {
        report,
        claims,
        language,
    })
}

/// The `crossing` (any name; resolved to its id) and `country` (validated code) query parameters;
/// empty values count as absent.
fn place_filters(
    gaz: &Gazetteer,
    crossing: Option<&str>,
    country: Option<&str>,
) -> Result<(Option<String>, Option<String>), ApiError> {
    let crossing = match crossing.filter(|s| !s.is_empty()) {
        Some(name) => Some(borderwatch_service::resolve(gaz, name)?.id.clone()),
        None => None,
    };
    let country = country
        .filter(|s| !s.is_empty())
        .map(|cc| borderwatch_service::country_code(gaz, cc))
        .transpose()?;
    Ok((crossing, country))
}

/// Filters of the event list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EventQuery {
    pub since: Option<String>,
    pub crossing: Option<String>,
    pub country: Option<String>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

pub fn events(gaz: &Gazetteer, store: &dyn Store, q: &EventQuery) -> Result<Vec<Event>, ApiError> {
    let since = q
        .since
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<Date>().map_err(|e| {
                ApiError::bad_request(format!("since={s:?} is not a date: {e}; write YYYY-MM-DD"))
            })
        })
        .transpose()?;
    let (crossing, country) = place_filters(gaz, q.crossing.as_deref(), q.country.as_deref())?;
    Ok(store.events(&EventFilter {
        since,
        crossing,
        country,
        last: None,
    })?)
}

/// The sort key events are paginated by: placement date (undated last), then id.
pub fn event_key(e: &Event) -> String {
    format!(
        "{}\u{1f}{}",
        e.placed
            .map(|d| d.to_string())
            .unwrap_or_else(|| "~".into()),
        e.id
    )
}

/// Filters of the change list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ChangeQuery {
    pub crossing: Option<String>,
    pub country: Option<String>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

pub fn change_list(
    gaz: &Gazetteer,
    store: &dyn Store,
    q: &ChangeQuery,
) -> Result<Vec<StatusChange>, ApiError> {
    let (crossing, country) = place_filters(gaz, q.crossing.as_deref(), q.country.as_deref())?;
    Ok(changes(store, gaz, &ChangeFilter { crossing, country })?)
}

/// Changes are listed newest first: the key sorts that way (dates inverted digit by digit).
pub fn change_key(c: &StatusChange) -> String {
    let inverted: String = c
        .date
        .to_string()
        .chars()
        .map(|ch| match ch.to_digit(10) {
            Some(d) => char::from_digit(9 - d, 10).unwrap_or('0'),
            None => ch,
        })
        .collect();
    format!("{inverted}\u{1f}{}", c.crossing)
}
