//! The PostgreSQL backend: the shared store for several workers and servers.
//!
//! It runs the statements of [`crate::sql`] (the ones SQLite runs) over one connection per store
//! value, through the `postgres` crate: `tokio-postgres` behind a blocking client that owns a small
//! runtime, so the synchronous [`Store`] trait and its callers stay as they are. Prepared statements
//! are cached per connection.
//!
//! Concurrency: every write transaction first locks the one `fusion_state` row (`SELECT … FOR
//! UPDATE`), so writers are serialized exactly as SQLite's `BEGIN IMMEDIATE` serializes them, and the
//! generation/dirty bookkeeping means the same thing on both backends; readers are never blocked
//! (MVCC). Reading fusion inputs is one `REPEATABLE READ` snapshot, so the reports, claims and
//! generation it returns belong together.
//!
//! A store lives in a schema of the database: `public` by default, or the one named by a `schema=NAME`
//! parameter of the URL (`postgres://host/db?schema=NAME`), created when missing. Tests use one schema
//! each, so they run in parallel on one server; deployments can share a database the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use borderwatch_extract::{Claim, Report};
use borderwatch_fusion::{ClaimRef, Event, Fusion, FusionInput, Interval, Signature, Timeline};
use jiff::civil::Date;
use postgres::types::ToSql;
use postgres::{Client, IsolationLevel, NoTls, Row, Statement, Transaction};

use crate::rows::{self, FusionRows};
use crate::sources::{self, SeenItem, SourceLog, SourcePoll, SourceSummary};
use crate::sql::{self, Stmt, Value};
use crate::{
    Counts, Delivery, DeliveryOutcome, EventFilter, FusionDelta, FusionState, FusionWrite,
    NewReport, Put, ReportSummary, StatusRows, Store, StoreError, StoredReport,
};

/// Schema migrations, applied in order; the number of a migration is its position + 1, matching
/// SQLite's numbering. Never edit a released one: append a new one. Keys and dates are `COLLATE "C"`
/// so they sort and compare byte-wise, as SQLite does: ISO dates compare as text, ids list alike.
const MIGRATIONS: &[&str] = &[
    // 1: reports, copies, claims, materialized fusion output, fusion bookkeeping.
    r#"CREATE TABLE reports (
        seq BIGSERIAL UNIQUE,
        id TEXT COLLATE "C" PRIMARY KEY,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT COLLATE "C",
        retrieved TEXT NOT NULL,
        text TEXT NOT NULL,
        signature BYTEA NOT NULL,
        n_claims BIGINT NOT NULL
    );
    CREATE INDEX reports_with_claims ON reports(id) WHERE n_claims > 0;
    CREATE TABLE report_urls (
        report TEXT COLLATE "C" NOT NULL REFERENCES reports(id),
        url TEXT COLLATE "C" NOT NULL,
        seen TEXT NOT NULL,
        PRIMARY KEY (report, url)
    );
    CREATE TABLE claims (
        report TEXT COLLATE "C" NOT NULL REFERENCES reports(id),
        idx BIGINT NOT NULL,
        crossing TEXT,
        border TEXT,
        change TEXT NOT NULL,
        effective TEXT COLLATE "C",
        json TEXT NOT NULL,
        PRIMARY KEY (report, idx)
    );
    CREATE TABLE events (
        id TEXT COLLATE "C" PRIMARY KEY,
        target TEXT NOT NULL,
        placed TEXT COLLATE "C",
        json TEXT NOT NULL
    );
    CREATE INDEX events_placed ON events(placed);
    CREATE TABLE event_crossings (
        crossing TEXT COLLATE "C" NOT NULL,
        event TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (crossing, event)
    );
    CREATE TABLE event_countries (
        country TEXT COLLATE "C" NOT NULL,
        event TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (country, event)
    );
    CREATE TABLE timelines (
        crossing TEXT COLLATE "C" PRIMARY KEY,
        pending TEXT NOT NULL,
        json TEXT NOT NULL
    );
    CREATE TABLE intervals (
        crossing TEXT COLLATE "C" NOT NULL,
        idx BIGINT NOT NULL,
        date_from TEXT COLLATE "C",
        json TEXT NOT NULL,
        PRIMARY KEY (crossing, idx)
    );
    CREATE INDEX intervals_from ON intervals(crossing, date_from);
    CREATE TABLE fusion_state (
        id BIGINT PRIMARY KEY CHECK (id = 1),
        dirty BOOLEAN NOT NULL,
        generation BIGINT NOT NULL,
        latest_date TEXT COLLATE "C"
    );
    INSERT INTO fusion_state (id, dirty, generation, latest_date) VALUES (1, false, 0, NULL);"#,
    // 2: the webhook delivery log (one row per attempt, and baseline rows for a new webhook).
    "CREATE TABLE webhook_log (
        seq BIGSERIAL PRIMARY KEY,
        hook TEXT NOT NULL,
        change TEXT NOT NULL,
        attempt BIGINT NOT NULL,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        http_status BIGINT,
        error TEXT
    );
    CREATE INDEX webhook_log_hook ON webhook_log(hook, change);",
    // 3: who is delivering a change to a webhook, until when (several servers on one store).
    r#"CREATE TABLE webhook_claims (
        hook TEXT COLLATE "C" NOT NULL,
        change TEXT COLLATE "C" NOT NULL,
        owner TEXT NOT NULL,
        until BIGINT NOT NULL,
        PRIMARY KEY (hook, change)
    );"#,
    // 4: what `borderwatch watch` followed and saw (see sources.rs).
    crate::sources::PG_MIGRATION,
    // 5: report and evidence languages.
    sql::LANGUAGE_MIGRATION,
];

/// The schema version this code writes.
pub const PG_SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const LOCK_STATE: &str = "SELECT dirty, generation FROM fusion_state WHERE id = 1 FOR UPDATE";
const FUSION_STATE: &str = "SELECT dirty, generation FROM fusion_state WHERE id = 1";
const BOOKKEEPING: &str = "UPDATE fusion_state SET
     dirty = dirty OR ($1 AND $3),
     generation = generation + CASE WHEN $1 THEN 1 ELSE 0 END,
     latest_date = CASE WHEN latest_date IS NULL OR $2 > latest_date THEN $2 ELSE latest_date END
     WHERE id = 1";
const EVENTS: &str = "SELECT id, json FROM events e
     WHERE ($1::text IS NULL OR e.placed >= $1)
       AND ($2::text IS NULL OR e.id IN (SELECT event FROM event_crossings WHERE crossing = $2))
       AND ($3::text IS NULL OR e.id IN (SELECT event FROM event_countries WHERE country = $3))
     ORDER BY e.placed IS NULL DESC, e.placed DESC, e.id DESC
     LIMIT $4";
const VERSION: &str = "SELECT generation, dirty, (SELECT coalesce(max(seq), 0) FROM reports)
     FROM fusion_state WHERE id = 1";
const REPORTS_PAGE: &str =
    "SELECT seq, id, url, outlet, title, published, retrieved, n_claims FROM reports
     WHERE seq < $1 ORDER BY seq DESC LIMIT $2";

const REFRESH_TRY_LOCK: &str =
    "SELECT pg_try_advisory_lock(hashtext('borderwatch-refresh:' || current_schema()))";
const REFRESH_UNLOCK: &str =
    "SELECT pg_advisory_unlock(hashtext('borderwatch-refresh:' || current_schema()))";

/// The shared store: one PostgreSQL connection.
pub struct PgStore {
    inner: Mutex<Inner>,
    name: String,
}

struct Inner {
    client: ClientSlot,
    cache: HashMap<&'static str, Statement>,
}

/// The connection, taken out only when the store is dropped (see `Drop for PgStore`).
struct ClientSlot(Option<Client>);

impl std::ops::Deref for ClientSlot {
    type Target = Client;
    fn deref(&self) -> &Client {
        // Only `drop` empties the slot, and nothing uses the store after that.
        self.0
            .as_ref()
            .expect("the connection is taken only when the store is dropped")
    }
}

impl std::ops::DerefMut for ClientSlot {
    fn deref_mut(&mut self) -> &mut Client {
        self.0
            .as_mut()
            .expect("the connection is taken only when the store is dropped")
    }
}

impl Drop for PgStore {
    /// Closing the blocking client runs a small runtime of its own, which tokio refuses inside an
    /// async context (a server dropping its pool on a runtime thread): close it on a plain thread
    /// there.
    fn drop(&mut self) {
        let inner = self.inner.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some(client) = inner.client.0.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            let _ = std::thread::Builder::new()
                .name("borderwatch-pg-close".into())
                .spawn(move || drop(client));
        }
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("name", &self.name).finish()
    }
}

/// A connection string split into what `tokio-postgres` reads and the schema this crate adds.
fn split_schema(url: &str) -> Result<(String, String), String> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), "public".into()));
    };
    let mut schema = None;
    let mut rest = Vec::new();
    for kv in query.split('&') {
        match kv.strip_prefix("schema=") {
            Some(s) => schema = Some(s.to_string()),
            None => rest.push(kv),
        }
    }
    let schema = schema.unwrap_or_else(|| "public".into());
    // The name is spliced into SQL (identifiers cannot be parameters): letters, digits, '_' only.
    let valid = !schema.is_empty()
        && schema.len() <= 63
        && schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !schema.as_bytes()[0].is_ascii_digit();
    if !valid {
        return Err(format!(
            "schema {schema:?} is not a plain name (lower-case letters, digits and '_', not starting with a digit)"
        ));
    }
    let base = if rest.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((base, schema))
}

/// A name for messages: the server, database, user and schema, never a password.
fn describe_config(config: &postgres::Config, schema: &str) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(h) => h.clone(),
            postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("");
    let db = config.get_dbname().unwrap_or("");
    let at = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    format!("postgres://{at}{host}:{port}/{db} (schema {schema})")
}

fn pg_params(values: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    values
        .iter()
        .map(|v| match v {
            Value::Text(t) => t as &(dyn ToSql + Sync),
            Value::Int(n) => n as &(dyn ToSql + Sync),
            Value::Blob(b) => b as &(dyn ToSql + Sync),
        })
        .collect()
}

/// Prepares `sql` (in the shared `?N` form or already `$N`) once per connection.
fn prepared(
    cache: &mut HashMap<&'static str, Statement>,
    client: &mut impl postgres::GenericClient,
    sql: &'static str,
) -> Result<Statement, postgres::Error> {
    if let Some(s) = cache.get(sql) {
        return Ok(s.clone());
    }
    let st = client.prepare(&sql::to_pg(sql))?;
    cache.insert(sql, st.clone());
    Ok(st)
}

fn run(
    cache: &mut HashMap<&'static str, Statement>,
    tx: &mut Transaction<'_>,
    stmts: &[Stmt],
) -> Result<(), postgres::Error> {
    for s in stmts {
        let st = prepared(cache, tx, s.sql)?;
        tx.execute(&st, &pg_params(&s.params))?;
    }
    Ok(())
}

impl PgStore {
    /// Connects to the server at `url` (`postgres://user@host:port/db`, optionally `?schema=NAME`) and
    /// migrates the store's schema, creating it when missing. Several processes may open one store at
    /// once: migrations take an advisory lock.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let shown = url.split('?').next().unwrap_or(url).to_string();
        let open_err = |name: &str, e: Box<dyn std::error::Error + Send + Sync>| StoreError::Open {
            path: PathBuf::from(name),
            source: e,
        };
        let (base, schema) = split_schema(url).map_err(|e| open_err(&shown, e.into()))?;
        let config: postgres::Config = base
            .parse()
            .map_err(|e: postgres::Error| open_err(&shown, Box::new(e)))?;
        let name = describe_config(&config, &schema);
        let client = config
            .connect(NoTls)
            .map_err(|e| open_err(&name, detail(&e).into()))?;
        let store = PgStore {
            inner: Mutex::new(Inner {
                client: ClientSlot(Some(client)),
                cache: HashMap::new(),
            }),
            name,
        };
        store.migrate(&schema)?;
        Ok(store)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves a connection that is still usable; the transaction
        // it held was rolled back when its guard dropped.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn db(&self, what: impl Into<String>) -> impl FnOnce(postgres::Error) -> StoreError + '_ {
        let what = what.into();
        move |source| StoreError::Server {
            store: self.name.clone(),
            what,
            detail: detail(&source),
            source,
        }
    }

    fn corrupt(&self, what: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: PathBuf::from(&self.name),
            what: what.into(),
        }
    }

    fn migrate(&self, schema: &str) -> Result<(), StoreError> {
        let mut inner = self.lock();
        let c = &mut inner.client;
        let err = |what: &str| self.db(format!("migrating the schema: {what}"));
        // One migrator at a time per schema; the lock goes with the session if this one dies.
        let key = format!("borderwatch-migrate:{schema}");
        c.execute("SELECT pg_advisory_lock(hashtext($1))", &[&key])
            .map_err(err("taking the migration lock"))?;
        let result = (|| {
            c.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema};
                 CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);"
            ))
            .map_err(err("creating the schema"))?;
            let found: i64 = c
                .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])
                .and_then(|r| r.try_get(0))
                .map_err(err("reading the schema version"))?;
            if found > PG_SCHEMA_VERSION {
                return Err(StoreError::NewerSchema {
                    path: PathBuf::from(&self.name),
                    found,
                    known: PG_SCHEMA_VERSION,
                });
            }
            for (k, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
                let version = k as i64 + 1;
                let what = format!("applying migration {version}");
                let mut tx = c.transaction().map_err(err(&what))?;
                tx.batch_execute(migration).map_err(err(&what))?;
                tx.execute(
                    "INSERT INTO schema_version (version) VALUES ($1)",
                    &[&version],
                )
                .map_err(err(&what))?;
                tx.commit().map_err(err(&what))?;
            }
            Ok(())
        })();
        let unlocked = c
            .execute("SELECT pg_advisory_unlock(hashtext($1))", &[&key])
            .map_err(err("releasing the migration lock"));
        result.and(unlocked.map(|_| ()))
    }

    /// Runs one read with a cached statement.
    fn query(
        &self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
        what: impl Into<String>,
    ) -> Result<Vec<Row>, StoreError> {
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        prepared(cache, &mut **client, sql)
            .and_then(|st| client.query(&st, params))
            .map_err(self.db(what))
    }

    fn get<'a, T: postgres::types::FromSql<'a>>(
        &self,
        row: &'a Row,
        idx: usize,
        what: &str,
    ) -> Result<T, StoreError> {
        row.try_get(idx).map_err(self.db(what.to_string()))
    }

    fn date_col(&self, s: Option<String>, what: &str) -> Result<Option<Date>, StoreError> {
        rows::date_col(s, what).map_err(|w| self.corrupt(w))
    }

    fn parse_json<T: serde::de::DeserializeOwned>(
        &self,
        json: &str,
        what: &str,
    ) -> Result<T, StoreError> {
        rows::parse_json(json, what).map_err(|w| self.corrupt(w))
    }

    /// Takes the write lock (the `fusion_state` row) in `tx`: (dirty, generation).
    fn lock_state(
        cache: &mut HashMap<&'static str, Statement>,
        tx: &mut Transaction<'_>,
    ) -> Result<(bool, i64), postgres::Error> {
        let st = prepared(cache, tx, LOCK_STATE)?;
        let row = tx.query_one(&st, &[])?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }

    fn is_stored(
        cache: &mut HashMap<&'static str, Statement>,
        tx: &mut Transaction<'_>,
        id: &str,
    ) -> Result<bool, postgres::Error> {
        let st = prepared(cache, tx, sql::REPORT_EXISTS)?;
        Ok(tx.query_opt(&st, &[&id])?.is_some())
    }

    /// Inserts a report not stored yet and its bookkeeping, inside `tx`.
    fn insert_report(
        &self,
        cache: &mut HashMap<&'static str, Statement>,
        tx: &mut Transaction<'_>,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
        mark_dirty: bool,
    ) -> Result<(), StoreError> {
        let row = rows::report_row(report, claims, signature).map_err(|w| self.corrupt(w))?;
        let now = jiff::Timestamp::now().to_string();
        let what = format!("storing report {}", report.id);
        run(cache, tx, &sql::insert_report(report, &row, &now)).map_err(self.db(&what))?;
        let has_claims = !claims.is_empty();
        prepared(cache, tx, BOOKKEEPING)
            .and_then(|st| tx.execute(&st, &[&has_claims, &row.latest, &mark_dirty]))
            .map_err(self.db(what))?;
        Ok(())
    }
}

/// The server's own words when it gave any (the error's Display is only "db error"), else the
/// error with its causes ("error connecting to server: Connection refused (os error 111)").
fn detail(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.to_string();
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

impl Store for PgStore {
    fn describe(&self) -> String {
        self.name.clone()
    }

    fn try_lock_refresh(&self) -> Result<bool, StoreError> {
        // A session lock, keyed by the schema: held across the refresh's read and write
        // transactions, and released by the server if this process dies.
        let rows = self.query(REFRESH_TRY_LOCK, &[], "taking the refresh lock")?;
        match rows.first() {
            Some(r) => self.get(r, 0, "taking the refresh lock"),
            None => Ok(false),
        }
    }

    fn unlock_refresh(&self) -> Result<(), StoreError> {
        self.query(REFRESH_UNLOCK, &[], "releasing the refresh lock")
            .map(|_| ())
    }

    fn dump(&self) -> Result<String, StoreError> {
        const TABLES: &[(&str, &str)] = &[
            ("schema_version", "version"),
            ("reports", "id"),
            ("report_urls", "report, url"),
            ("claims", "report, idx"),
            ("events", "id"),
            ("event_crossings", "crossing, event"),
            ("event_countries", "country, event"),
            ("timelines", "crossing"),
            ("intervals", "crossing, idx"),
            ("fusion_state", "id"),
            ("webhook_log", "seq"),
        ];
        let mut guard = self.lock();
        let mut out = String::new();
        for (table, order) in TABLES {
            let what = format!("dumping {table}");
            // A row cast to text is PostgreSQL's own rendering of every column.
            let rows = guard
                .client
                .query(
                    &format!("SELECT t::text FROM {table} t ORDER BY {order}"),
                    &[],
                )
                .map_err(self.db(&what))?;
            for r in rows {
                let line: String = r.try_get(0).map_err(self.db(&what))?;
                out.push_str(table);
                out.push('\t');
                out.push_str(&line);
                out.push('\n');
            }
        }
        Ok(out)
    }

    fn has_report(&self, id: &str) -> Result<bool, StoreError> {
        let rows = self.query(
            sql::REPORT_EXISTS,
            &[&id],
            format!("looking up report {id}"),
        )?;
        Ok(!rows.is_empty())
    }

    fn put_report(
        &mut self,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
    ) -> Result<Put, StoreError> {
        let one = NewReport {
            report,
            claims,
            signature,
        };
        let mut puts = self.put_reports(&[one])?;
        puts.pop()
            .ok_or_else(|| self.corrupt(format!("storing report {} gave no outcome", report.id)))
    }

    fn put_reports(&mut self, batch: &[NewReport<'_>]) -> Result<Vec<Put>, StoreError> {
        let what = match batch {
            [one] => format!("storing report {}", one.report.id),
            _ => format!("storing a batch of {} reports", batch.len()),
        };
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        let mut tx = client.transaction().map_err(self.db(&what))?;
        // The write lock first, so two writers cannot both see "new".
        Self::lock_state(cache, &mut tx).map_err(self.db(&what))?;
        let mut puts = Vec::with_capacity(batch.len());
        for n in batch {
            let report = n.report;
            if Self::is_stored(cache, &mut tx, &report.id).map_err(self.db(&what))? {
                let mut new_url = false;
                if let Some(url) = &report.url {
                    let now = jiff::Timestamp::now().to_string();
                    let st = prepared(cache, &mut tx, sql::INSERT_URL).map_err(self.db(&what))?;
                    new_url = tx
                        .execute(&st, &[&report.id, url, &now])
                        .map_err(self.db(&what))?
                        > 0;
                }
                puts.push(Put::Seen { new_url });
            } else {
                self.insert_report(cache, &mut tx, report, n.claims, n.signature, true)?;
                puts.push(Put::New {
                    claims: n.claims.len(),
                });
            }
        }
        tx.commit().map_err(self.db(&what))?;
        Ok(puts)
    }

    fn fusion_state(&self) -> Result<FusionState, StoreError> {
        let rows = self.query(FUSION_STATE, &[], "reading the fusion state")?;
        let Some(r) = rows.first() else {
            return Err(self.corrupt("the fusion_state row is missing"));
        };
        Ok(FusionState {
            dirty: self.get(r, 0, "reading the fusion state")?,
            generation: self.get(r, 1, "reading the fusion state")?,
        })
    }

    fn fusion_inputs(&self) -> Result<(Vec<FusionInput>, i64), StoreError> {
        let what = "reading reports for fusion";
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        // One snapshot: the reports, claims and generation belong together.
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(self.db(what))?;
        let st = prepared(cache, &mut tx, FUSION_STATE).map_err(self.db(what))?;
        let generation: i64 = tx
            .query_one(&st, &[])
            .and_then(|r| r.try_get(1))
            .map_err(self.db(what))?;
        let mut claims: HashMap<String, Vec<(i64, String)>> = HashMap::new();
        let st = prepared(cache, &mut tx, sql::ALL_CLAIMS).map_err(self.db(what))?;
        for r in tx.query(&st, &[]).map_err(self.db(what))? {
            let report: String = self.get(&r, 0, what)?;
            claims
                .entry(report)
                .or_default()
                .push((self.get(&r, 1, what)?, self.get(&r, 2, what)?));
        }
        let st = prepared(cache, &mut tx, sql::FUSION_REPORTS).map_err(self.db(what))?;
        let reports = tx.query(&st, &[]).map_err(self.db(what))?;
        tx.commit().map_err(self.db(what))?;
        drop(guard);
        let mut inputs = Vec::with_capacity(reports.len());
        for r in reports {
            let id: String = self.get(&r, 0, what)?;
            let input = rows::fusion_input(
                id.clone(),
                self.get(&r, 1, what)?,
                self.get(&r, 2, what)?,
                self.get(&r, 3, what)?,
                self.get::<&[u8]>(&r, 4, what)?,
                claims.remove(&id).unwrap_or_default(),
            )
            .map_err(|w| self.corrupt(w))?;
            inputs.push(input);
        }
        Ok((inputs, generation))
    }

    fn write_fusion(
        &mut self,
        fusion: &Fusion,
        generation: i64,
    ) -> Result<FusionWrite, StoreError> {
        let what = "writing events and timelines";
        let rows = FusionRows::of(fusion).map_err(|w| self.corrupt(w))?;
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        let db = |e| StoreError::Server {
            store: self.name.clone(),
            what: what.into(),
            detail: detail(&e),
            source: e,
        };
        let mut tx = client.transaction().map_err(db)?;
        Self::lock_state(cache, &mut tx).map_err(db)?;
        let mut old: HashMap<String, String> = HashMap::new();
        for r in tx.query(sql::OLD_EVENTS, &[]).map_err(db)? {
            old.insert(r.try_get(0).map_err(db)?, r.try_get(1).map_err(db)?);
        }
        for clear in sql::CLEAR_FUSION {
            tx.execute(*clear, &[]).map_err(db)?;
        }
        let out_changed = rows.events_changed(old);
        // Whole columns as arrays: one round trip per table instead of one per row.
        let col = |f: &dyn Fn(usize) -> Option<String>, n: usize| -> Vec<Option<String>> {
            (0..n).map(f).collect()
        };
        let ev = &rows.events;
        tx.execute(
            "INSERT INTO events (id, target, placed, json)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])",
            &[
                &col(&|i| Some(ev[i].id.clone()), ev.len()),
                &col(&|i| Some(ev[i].target.clone()), ev.len()),
                &col(&|i| ev[i].placed.clone(), ev.len()),
                &col(&|i| Some(ev[i].json.clone()), ev.len()),
            ],
        )
        .map_err(db)?;
        let (countries, country_events): (Vec<String>, Vec<String>) = ev
            .iter()
            .flat_map(|e| e.countries.iter().map(|c| (c.clone(), e.id.clone())))
            .unzip();
        tx.execute(
            "INSERT INTO event_countries (country, event)
             SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
            &[&countries, &country_events],
        )
        .map_err(db)?;
        let tl = &rows.timelines;
        tx.execute(
            "INSERT INTO timelines (crossing, pending, json)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
            &[
                &col(&|i| Some(tl[i].crossing.clone()), tl.len()),
                &col(&|i| Some(tl[i].pending.clone()), tl.len()),
                &col(&|i| Some(tl[i].json.clone()), tl.len()),
            ],
        )
        .map_err(db)?;
        let iv = &rows.intervals;
        let idx: Vec<i64> = iv.iter().map(|r| r.idx).collect();
        tx.execute(
            "INSERT INTO intervals (crossing, idx, date_from, json)
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[])",
            &[
                &col(&|i| Some(iv[i].crossing.clone()), iv.len()),
                &idx,
                &col(&|i| iv[i].from.clone(), iv.len()),
                &col(&|i| Some(iv[i].json.clone()), iv.len()),
            ],
        )
        .map_err(db)?;
        let (ce_crossings, ce_events): (Vec<String>, Vec<String>) =
            rows.event_crossings.iter().cloned().unzip();
        tx.execute(
            "INSERT INTO event_crossings (crossing, event)
             SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
            &[&ce_crossings, &ce_events],
        )
        .map_err(db)?;
        // Output from a stale snapshot sets the flag: an incremental writer may have kept it clear
        // while this refresh read, and its rows were just replaced.
        let dirty: bool = tx
            .query_one(
                "UPDATE fusion_state SET dirty = (generation <> $1) WHERE id = 1 RETURNING dirty",
                &[&generation],
            )
            .and_then(|r| r.try_get(0))
            .map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(FusionWrite {
            events_changed: out_changed,
            events: rows.events.len(),
            timelines: rows.timelines.len(),
            cleared: !dirty,
        })
    }

    fn put_report_fused(
        &mut self,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
        delta: &FusionDelta,
        generation: i64,
    ) -> Result<Option<Put>, StoreError> {
        let what = format!("storing report {} with its fusion output", report.id);
        let stmts = sql::delta(delta).map_err(|w| self.corrupt(w))?;
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        let mut tx = client.transaction().map_err(self.db(&what))?;
        let (dirty, now_generation) = Self::lock_state(cache, &mut tx).map_err(self.db(&what))?;
        let known = Self::is_stored(cache, &mut tx, &report.id).map_err(self.db(&what))?;
        if dirty || now_generation != generation || known {
            // Dropping the transaction rolls it back: nothing was written.
            return Ok(None);
        }
        self.insert_report(cache, &mut tx, report, claims, signature, false)?;
        run(cache, &mut tx, &stmts).map_err(self.db(&what))?;
        tx.commit().map_err(self.db(&what))?;
        Ok(Some(Put::New {
            claims: claims.len(),
        }))
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let what = "counting rows";
        let rows = self.query(sql::COUNTS, &[], what)?;
        let Some(r) = rows.first() else {
            return Ok(Counts::default());
        };
        let n = |i| self.get::<i64>(r, i, what).map(|n| n.max(0) as u64);
        Ok(Counts {
            reports: n(0)?,
            report_urls: n(1)?,
            claims: n(2)?,
            events: n(3)?,
            timelines: n(4)?,
        })
    }

    fn timeline(&self, crossing: &str) -> Result<Option<Timeline>, StoreError> {
        let what = format!("the timeline of {crossing}");
        let rows = self.query(sql::TIMELINE, &[&crossing], format!("reading {what}"))?;
        match rows.first() {
            None => Ok(None),
            Some(r) => {
                let json: String = self.get(r, 0, &what)?;
                self.parse_json(&json, &what).map(Some)
            }
        }
    }

    fn status_rows(&self, crossing: &str, date: Date) -> Result<Option<StatusRows>, StoreError> {
        let what = format!("the timeline of {crossing}");
        let pending = self.query(sql::PENDING, &[&crossing], format!("reading {what}"))?;
        let Some(pending) = pending.first() else {
            return Ok(None);
        };
        let pending: String = self.get(pending, 0, &what)?;
        let rows = self.query(
            sql::STATUS_INTERVALS,
            &[&crossing, &date.to_string()],
            format!("reading the status of {crossing}"),
        )?;
        let mut ivs = Vec::with_capacity(2);
        for r in &rows {
            let json: String = self.get(r, 1, &what)?;
            ivs.push(self.parse_json::<Interval>(&json, &what)?);
        }
        let mut ivs = ivs.into_iter();
        let Some(interval) = ivs.next() else {
            return Err(self.corrupt(format!("{what} has no interval holding {date}")));
        };
        Ok(Some(StatusRows {
            interval,
            before: ivs.next(),
            pending: self.parse_json(&pending, &what)?,
        }))
    }

    fn intervals_at(&self, date: Date) -> Result<BTreeMap<String, Interval>, StoreError> {
        let what = format!("reading every crossing's status on {date}");
        let rows = self.query(sql::INTERVALS_AT, &[&date.to_string()], &what)?;
        let mut out = BTreeMap::new();
        for r in &rows {
            let c: String = self.get(r, 0, &what)?;
            let json: String = self.get(r, 1, &what)?;
            let iv = self.parse_json(&json, &format!("the timeline of {c}"))?;
            out.insert(c, iv);
        }
        Ok(out)
    }

    fn timelines(&self) -> Result<Vec<Timeline>, StoreError> {
        let what = "reading timelines";
        let rows = self.query(sql::TIMELINES, &[], what)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let crossing: String = self.get(r, 0, what)?;
            let json: String = self.get(r, 1, what)?;
            out.push(self.parse_json(&json, &format!("the timeline of {crossing}"))?);
        }
        Ok(out)
    }

    fn events_by_id(&self, ids: &[String]) -> Result<Vec<Event>, StoreError> {
        let mut found: BTreeMap<&str, Event> = BTreeMap::new();
        for id in ids {
            if found.contains_key(id.as_str()) {
                continue;
            }
            let rows = self.query(sql::EVENT_BY_ID, &[id], "reading events")?;
            if let Some(r) = rows.first() {
                let json: String = self.get(r, 0, "reading events")?;
                found.insert(id, self.parse_json(&json, &format!("event {id}"))?);
            }
        }
        Ok(found.into_values().collect())
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let what = "listing events";
        let since = filter.since.map(|d| d.to_string());
        let country = filter.country.as_ref().map(|c| c.to_uppercase());
        // Newest first so LIMIT keeps the last ones (NULL: no limit), then back in order.
        let last = filter.last.map(|n| n.min(i64::MAX as usize) as i64);
        let rows = self.query(EVENTS, &[&since, &filter.crossing, &country, &last], what)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = self.get(r, 0, what)?;
            let json: String = self.get(r, 1, what)?;
            out.push(self.parse_json(&json, &format!("event {id}"))?);
        }
        out.reverse();
        Ok(out)
    }

    fn report(&self, id: &str) -> Result<Option<StoredReport>, StoreError> {
        let what = format!("reading report {id}");
        let rows = self.query(sql::REPORT, &[&id], &what)?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let urls = self
            .query(sql::REPORT_URLS, &[&id], &what)?
            .iter()
            .map(|u| self.get::<String>(u, 0, &what))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(StoredReport {
            id: self.get(r, 0, &what)?,
            url: self.get(r, 1, &what)?,
            outlet: self.get(r, 2, &what)?,
            title: self.get(r, 3, &what)?,
            published: self.date_col(self.get(r, 4, &what)?, "publication date")?,
            retrieved: self.get(r, 5, &what)?,
            text: self.get(r, 6, &what)?,
            language: self.get(r, 7, &what)?,
            urls,
        }))
    }

    fn claim(&self, at: &ClaimRef) -> Result<Option<Claim>, StoreError> {
        let what = format!("claim {} of report {}", at.index, at.report);
        let rows = self.query(
            sql::CLAIM,
            &[&at.report, &(at.index as i64)],
            format!("reading {what}"),
        )?;
        match rows.first() {
            None => Ok(None),
            Some(r) => {
                let json: String = self.get(r, 0, &what)?;
                self.parse_json(&json, &what).map(Some)
            }
        }
    }

    fn latest_date(&self) -> Result<Option<Date>, StoreError> {
        let what = "finding the latest date";
        let rows = self.query(sql::LATEST_DATE, &[], what)?;
        match rows.first() {
            None => Ok(None),
            Some(r) => self.date_col(self.get(r, 0, what)?, "latest date"),
        }
    }

    fn version(&self) -> Result<String, StoreError> {
        let what = "reading the store version";
        let rows = self.query(VERSION, &[], what)?;
        let Some(r) = rows.first() else {
            return Err(self.corrupt("the fusion_state row is missing"));
        };
        let g: i64 = self.get(r, 0, what)?;
        let d: bool = self.get(r, 1, what)?;
        let n: i64 = self.get(r, 2, what)?;
        Ok(format!("g{g}d{}r{n}", i64::from(d)))
    }

    fn claims_of(&self, report: &str) -> Result<Vec<Claim>, StoreError> {
        let what = format!("reading the claims of report {report}");
        let rows = self.query(sql::CLAIMS_OF, &[&report], &what)?;
        rows.iter()
            .map(|r| {
                let k: i64 = self.get(r, 0, &what)?;
                let json: String = self.get(r, 1, &what)?;
                self.parse_json(&json, &format!("claim {k} of report {report}"))
            })
            .collect()
    }

    fn reports_page(
        &self,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<ReportSummary>, StoreError> {
        let what = "listing reports";
        let before = before.unwrap_or(i64::MAX);
        let limit = limit.min(10_000) as i64;
        let rows = self.query(REPORTS_PAGE, &[&before, &limit], what)?;
        rows.iter()
            .map(|r| {
                let n: i64 = self.get(r, 7, what)?;
                Ok(ReportSummary {
                    seq: self.get(r, 0, what)?,
                    id: self.get(r, 1, what)?,
                    url: self.get(r, 2, what)?,
                    outlet: self.get(r, 3, what)?,
                    title: self.get(r, 4, what)?,
                    published: self.date_col(self.get(r, 5, what)?, "publication date")?,
                    retrieved: self.get(r, 6, what)?,
                    claims: n.max(0) as usize,
                })
            })
            .collect()
    }

    fn record_deliveries(&mut self, deliveries: &[Delivery]) -> Result<(), StoreError> {
        let what = "logging webhook deliveries";
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        let mut tx = client.transaction().map_err(self.db(what))?;
        let st = prepared(cache, &mut tx, sql::INSERT_DELIVERY).map_err(self.db(what))?;
        for d in deliveries {
            let attempt = i64::from(d.attempt);
            let status = d.http_status.map(i64::from);
            tx.execute(
                &st,
                &[
                    &d.hook,
                    &d.change,
                    &attempt,
                    &d.at,
                    &d.outcome.as_str(),
                    &status,
                    &d.error,
                ],
            )
            .map_err(self.db(what))?;
        }
        tx.commit().map_err(self.db(what))
    }

    fn deliveries(&self, limit: usize) -> Result<Vec<Delivery>, StoreError> {
        let what = "reading the webhook delivery log";
        let limit = limit.min(100_000) as i64;
        let rows = self.query(sql::DELIVERIES, &[&limit], what)?;
        rows.iter()
            .map(|r| {
                let outcome: String = self.get(r, 4, what)?;
                let outcome = DeliveryOutcome::parse(&outcome).ok_or_else(|| {
                    self.corrupt(format!("delivery outcome {outcome:?} is unknown"))
                })?;
                let attempt: i64 = self.get(r, 2, what)?;
                let status: Option<i64> = self.get(r, 5, what)?;
                Ok(Delivery {
                    hook: self.get(r, 0, what)?,
                    change: self.get(r, 1, what)?,
                    attempt: u32::try_from(attempt)
                        .map_err(|_| self.corrupt(format!("delivery attempt {attempt}")))?,
                    at: self.get(r, 3, what)?,
                    outcome,
                    http_status: status.and_then(|s| u16::try_from(s).ok()),
                    error: self.get(r, 6, what)?,
                })
            })
            .collect()
    }

    fn claim_delivery(
        &mut self,
        hook: &str,
        change: &str,
        owner: &str,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError> {
        let what = format!("claiming change {change} for webhook {hook}");
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        prepared(cache, &mut **client, sql::CLAIM_DELIVERY)
            .and_then(|st| client.execute(&st, &[&hook, &change, &owner, &until_ms, &now_ms]))
            .map(|n| n == 1)
            .map_err(self.db(what))
    }

    fn last_failed_attempts(
        &self,
        hook: &str,
    ) -> Result<BTreeMap<String, (u32, String)>, StoreError> {
        let what = format!("reading the failed attempts of webhook {hook}");
        let rows = self.query(sql::LAST_FAILED, &[&hook], &what)?;
        let mut out = BTreeMap::new();
        for r in &rows {
            let attempt: i64 = self.get(r, 1, &what)?;
            let attempt = u32::try_from(attempt)
                .map_err(|_| self.corrupt(format!("delivery attempt {attempt}")))?;
            out.insert(self.get(r, 0, &what)?, (attempt, self.get(r, 2, &what)?));
        }
        Ok(out)
    }

    fn settled_changes(&self, hook: &str) -> Result<Option<BTreeSet<String>>, StoreError> {
        let what = format!("reading the delivery log of webhook {hook}");
        let rows = self.query(sql::SETTLED, &[&hook], &what)?;
        if rows.is_empty() {
            return Ok(None);
        }
        let mut out = BTreeSet::new();
        for r in &rows {
            let change: String = self.get(r, 0, &what)?;
            let outcome: String = self.get(r, 1, &what)?;
            if DeliveryOutcome::parse(&outcome).is_some_and(DeliveryOutcome::settled) {
                out.insert(change);
            }
        }
        Ok(Some(out))
    }
}

impl sources::Columns for Row {
    type Error = postgres::Error;
    fn text(&self, i: usize) -> Result<Option<String>, postgres::Error> {
        self.try_get(i)
    }
    fn int(&self, i: usize) -> Result<i64, postgres::Error> {
        self.try_get(i)
    }
}

impl PgStore {
    /// Runs one shared statement outside any explicit transaction.
    fn execute(&self, s: &Stmt, what: &str) -> Result<(), StoreError> {
        let mut guard = self.lock();
        let Inner { client, cache } = &mut *guard;
        prepared(cache, &mut **client, s.sql)
            .and_then(|st| client.execute(&st, &pg_params(&s.params)))
            .map(|_| ())
            .map_err(self.db(what))
    }
}

impl SourceLog for PgStore {
    fn item_done(&self, url: &str) -> Result<bool, StoreError> {
        let what = "reading a watched item";
        let rows = self.query(sources::ITEM_STATE, &[&url], what)?;
        match rows.first() {
            None => Ok(false),
            Some(r) => Ok(sources::done(
                &self.get::<String>(r, 0, what)?,
                self.get(r, 1, what)?,
            )),
        }
    }

    fn record_item(&mut self, item: &SeenItem, at: &str) -> Result<(), StoreError> {
        self.execute(&sources::record_item(item, at), "recording a watched item")
    }

    fn record_poll(&mut self, poll: &SourcePoll) -> Result<(), StoreError> {
        self.execute(&sources::record_poll(poll), "recording a poll")
    }

    fn sources(&self) -> Result<Vec<SourceSummary>, StoreError> {
        let what = "listing sources";
        self.query(sources::SOURCES, &[], what)?
            .iter()
            .map(|r| sources::summary(r).map_err(self.db(what)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::split_schema;

    #[test]
    fn the_schema_parameter_is_ours_and_must_be_a_plain_name() {
        assert_eq!(
            split_schema("postgres://u@h/db"),
            Ok(("postgres://u@h/db".into(), "public".into()))
        );
        assert_eq!(
            split_schema("postgres://u@h/db?schema=t_1&connect_timeout=5"),
            Ok(("postgres://u@h/db?connect_timeout=5".into(), "t_1".into()))
        );
        assert!(split_schema("postgres://h/db?schema=x;drop").is_err());
        assert!(split_schema("postgres://h/db?schema=1x").is_err());
        assert!(split_schema("postgres://h/db?schema=").is_err());
    }
}
