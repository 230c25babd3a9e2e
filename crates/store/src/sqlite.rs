//! The SQLite backend: one file in WAL mode, schema migrations numbered in code.
//!
//! WAL lets queries read while an ingest writes; `synchronous=NORMAL` syncs at checkpoints rather than at
//! every commit, which in WAL mode can lose the last commits on power loss but never corrupts the file or
//! splits a transaction (a killed process loses nothing committed). A busy timeout makes a second writer
//! wait instead of failing at once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use borderwatch_extract::{Claim, Report};
use borderwatch_fusion::{ClaimRef, Event, Fusion, FusionInput, Interval, Signature, Timeline};
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::rows::{self, FusionRows};
use crate::sources::{self, SeenItem, SourceLog, SourcePoll, SourceSummary};
use crate::sql::{self, Stmt, Value};
use crate::{
    Counts, Delivery, DeliveryOutcome, EventFilter, FusionDelta, FusionState, FusionWrite, Put,
    ReportSummary, StatusRows, Store, StoreError, StoredReport,
};

/// Schema migrations, applied in order; the number of a migration is its position + 1. Never edit a
/// released one: append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: reports, copies, claims, materialized fusion output, fusion bookkeeping.
    "CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        retrieved TEXT NOT NULL,
        text TEXT NOT NULL,
        signature BLOB NOT NULL,
        n_claims INTEGER NOT NULL
    );
    CREATE INDEX reports_with_claims ON reports(n_claims) WHERE n_claims > 0;
    CREATE TABLE report_urls (
        report TEXT NOT NULL REFERENCES reports(id),
        url TEXT NOT NULL,
        seen TEXT NOT NULL,
        PRIMARY KEY (report, url)
    ) WITHOUT ROWID;
    CREATE TABLE claims (
        report TEXT NOT NULL REFERENCES reports(id),
        idx INTEGER NOT NULL,
        crossing TEXT,
        border TEXT,
        change TEXT NOT NULL,
        effective TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (report, idx)
    ) WITHOUT ROWID;
    -- No secondary indexes on claims: queries read materialized rows, and every index is one more
    -- page written per report.
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        target TEXT NOT NULL,
        placed TEXT,
        json TEXT NOT NULL
    );
    CREATE INDEX events_placed ON events(placed);
    CREATE TABLE event_crossings (
        crossing TEXT NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (crossing, event)
    ) WITHOUT ROWID;
    CREATE TABLE event_countries (
        country TEXT NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (country, event)
    ) WITHOUT ROWID;
    CREATE TABLE timelines (
        crossing TEXT PRIMARY KEY,
        pending TEXT NOT NULL,
        json TEXT NOT NULL
    );
    CREATE TABLE intervals (
        crossing TEXT NOT NULL,
        idx INTEGER NOT NULL,
        date_from TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (crossing, idx)
    ) WITHOUT ROWID;
    CREATE INDEX intervals_from ON intervals(crossing, date_from);
    CREATE TABLE fusion_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        dirty INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        -- The latest publication or effective date stored, kept here (a page every report write
        -- touches anyway) rather than by indexes on reports and claims.
        latest_date TEXT
    );
    INSERT INTO fusion_state (id, dirty, generation, latest_date) VALUES (1, 0, 0, NULL);",
    // 2: the webhook delivery log (one row per attempt, and baseline rows for a new webhook).
    "CREATE TABLE webhook_log (
        seq INTEGER PRIMARY KEY,
        hook TEXT NOT NULL,
        change TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        http_status INTEGER,
        error TEXT
    );
    CREATE INDEX webhook_log_hook ON webhook_log(hook, change);",
    // 3: who is delivering a change to a webhook, until when (several servers on one store).
    "CREATE TABLE webhook_claims (
        hook TEXT NOT NULL,
        change TEXT NOT NULL,
        owner TEXT NOT NULL,
        until INTEGER NOT NULL,
        PRIMARY KEY (hook, change)
    ) WITHOUT ROWID;",
    // 4: what `borderwatch watch` followed and saw (see sources.rs).
    crate::sources::MIGRATION,
    // 5: report and evidence languages.
    sql::LANGUAGE_MIGRATION,
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The embedded store: one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating when missing, with its directory) the store file at `path` and migrates it to
    /// the current schema.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let open_err = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Open {
            path: path.to_path_buf(),
            source: e,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_err(Box::new(e)))?;
        }
        if path.is_dir() {
            return Err(open_err("it is a directory; give a file path".into()));
        }
        let conn = Connection::open(path).map_err(|e| open_err(Box::new(e)))?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn db(&self, what: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
        let what = what.into();
        move |source| StoreError::Db {
            path: self.path.clone(),
            what,
            source,
        }
    }

    fn corrupt(&self, what: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            what: what.into(),
        }
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(Duration::from_secs(30))
            .map_err(self.db("setting the busy timeout"))?;
        // An incremental put runs about twenty cached statements; the default cache holds 16, and a
        // statement evicted every report is one parsed every report.
        self.conn.set_prepared_statement_cache_capacity(64);
        // A file that is not a database fails here, on the first read, with SQLite's own words.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(self.db("switching to WAL mode (is it an SQLite file?)"))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(self.corrupt(format!(
                "cannot use WAL mode (journal mode stays {mode:?}); is the file on a network file system?"
            )));
        }
        self.conn
            .execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(self.db("setting pragmas"))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            .map_err(self.db("creating the schema_version table"))?;
        let found: i64 = self
            .conn
            .query_row(
                "SELECT coalesce(max(version), 0) FROM schema_version",
                [],
                |r| r.get(0),
            )
            .map_err(self.db("reading the schema version"))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        let path = self.path.clone();
        for (k, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = k as i64 + 1;
            let what = format!("applying schema migration {version}");
            let err = |source| StoreError::Db {
                path: path.clone(),
                what: what.clone(),
                source,
            };
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(err)?;
            // Another process may have migrated while this one waited for the lock.
            let now: i64 = tx
                .query_row(
                    "SELECT coalesce(max(version), 0) FROM schema_version",
                    [],
                    |r| r.get(0),
                )
                .map_err(err)?;
            if now >= version {
                continue;
            }
            tx.execute_batch(sql).map_err(err)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [version],
            )
            .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(())
    }

    /// Every row of every table in a stable order, one line each: for tests and debugging (two stores
    /// with equal dumps hold the same data).
    pub fn dump(&self) -> Result<String, StoreError> {
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
        ];
        let mut out = String::new();
        for (table, order) in TABLES {
            let sql = format!("SELECT * FROM {table} ORDER BY {order}");
            let mut stmt = self
                .conn
                .prepare(&sql)
                .map_err(self.db(format!("dumping {table}")))?;
            let n = stmt.column_count();
            let mut rows = stmt
                .query([])
                .map_err(self.db(format!("dumping {table}")))?;
            while let Some(row) = rows.next().map_err(self.db(format!("dumping {table}")))? {
                out.push_str(table);
                for i in 0..n {
                    let v: rusqlite::types::Value =
                        row.get(i).map_err(self.db(format!("dumping {table}")))?;
                    out.push_str(&format!("\t{v:?}"));
                }
                out.push('\n');
            }
        }
        Ok(out)
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

    /// Runs one shared statement outside any explicit transaction.
    fn execute(&self, s: &Stmt) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached(s.sql)?
            .execute(rusqlite::params_from_iter(s.params.iter()))
            .map(|_| ())
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Value::Text(t) => t.to_sql(),
            Value::Int(n) => n.to_sql(),
            Value::Blob(b) => b.to_sql(),
        }
    }
}

/// Runs shared statements inside `tx`, each from the statement cache.
fn run(tx: &rusqlite::Transaction<'_>, stmts: &[Stmt]) -> rusqlite::Result<()> {
    for s in stmts {
        tx.prepare_cached(s.sql)?
            .execute(rusqlite::params_from_iter(s.params.iter()))?;
    }
    Ok(())
}

/// Inserts a report that is not stored yet, its first URL and its claims, and records its claims in
/// the fusion bookkeeping (generation, latest date; the dirty flag when `mark_dirty`), inside `tx`.
fn insert_report(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    report: &Report,
    claims: &[Claim],
    signature: &Signature,
    now: &str,
    mark_dirty: bool,
) -> Result<(), StoreError> {
    let what = format!("storing report {}", report.id);
    let err = |source| StoreError::Db {
        path: path.to_path_buf(),
        what: what.clone(),
        source,
    };
    let row = rows::report_row(report, claims, signature).map_err(|what| StoreError::Corrupt {
        path: path.to_path_buf(),
        what,
    })?;
    run(tx, &sql::insert_report(report, &row, now)).map_err(err)?;
    tx.prepare_cached(
        "UPDATE fusion_state SET
             dirty = dirty OR (?1 AND ?3),
             generation = generation + ?1,
             latest_date = CASE WHEN latest_date IS NULL OR ?2 > latest_date THEN ?2
                                ELSE latest_date END
         WHERE id = 1 AND (?1 = 1 OR ?2 IS NOT NULL)",
    )
    .and_then(|mut st| {
        st.execute(params![
            i64::from(!claims.is_empty()),
            row.latest,
            i64::from(mark_dirty)
        ])
    })
    .map_err(err)?;
    Ok(())
}

impl Store for SqliteStore {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }

    fn dump(&self) -> Result<String, StoreError> {
        SqliteStore::dump(self)
    }

    fn has_report(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(sql::REPORT_EXISTS, [id], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(self.db(format!("looking up report {id}")))
    }

    fn put_report(
        &mut self,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
    ) -> Result<Put, StoreError> {
        let path = self.path.clone();
        let what = format!("storing report {}", report.id);
        let err = |source| StoreError::Db {
            path: path.clone(),
            what: what.clone(),
            source,
        };
        let now = jiff::Timestamp::now().to_string();
        // Immediate: take the write lock before reading, so two writers cannot both see "new".
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let known = tx
            .query_row(sql::REPORT_EXISTS, [&report.id], |_| Ok(()))
            .optional()
            .map_err(err)?
            .is_some();
        if known {
            let mut new_url = false;
            if let Some(url) = &report.url {
                new_url = tx
                    .execute(sql::INSERT_URL, params![report.id, url, now])
                    .map_err(err)?
                    > 0;
            }
            tx.commit().map_err(err)?;
            return Ok(Put::Seen { new_url });
        }
        insert_report(&tx, &path, report, claims, signature, &now, true)?;
        tx.commit().map_err(err)?;
        Ok(Put::New {
            claims: claims.len(),
        })
    }

    fn fusion_state(&self) -> Result<FusionState, StoreError> {
        self.conn
            .query_row(
                "SELECT dirty, generation FROM fusion_state WHERE id = 1",
                [],
                |r| {
                    Ok(FusionState {
                        dirty: r.get::<_, i64>(0)? != 0,
                        generation: r.get(1)?,
                    })
                },
            )
            .map_err(self.db("reading the fusion state"))
    }

    fn fusion_inputs(&self) -> Result<(Vec<FusionInput>, i64), StoreError> {
        let err = || self.db("reading reports for fusion");
        // One read transaction: the reports, claims and generation are one snapshot.
        let tx = self.conn.unchecked_transaction().map_err(err())?;
        let generation: i64 = tx
            .query_row(
                "SELECT generation FROM fusion_state WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .map_err(err())?;
        let mut claims: HashMap<String, Vec<(i64, String)>> = HashMap::new();
        {
            let mut stmt = tx.prepare(sql::ALL_CLAIMS).map_err(err())?;
            let mut rows = stmt.query([]).map_err(err())?;
            while let Some(r) = rows.next().map_err(err())? {
                let report: String = r.get(0).map_err(err())?;
                claims
                    .entry(report)
                    .or_default()
                    .push((r.get(1).map_err(err())?, r.get(2).map_err(err())?));
            }
        }
        let mut inputs = Vec::new();
        let mut stmt = tx.prepare(sql::FUSION_REPORTS).map_err(err())?;
        let mut rows = stmt.query([]).map_err(err())?;
        while let Some(r) = rows.next().map_err(err())? {
            let id: String = r.get(0).map_err(err())?;
            let blob: Vec<u8> = r.get(4).map_err(err())?;
            let input = rows::fusion_input(
                id.clone(),
                r.get(1).map_err(err())?,
                r.get(2).map_err(err())?,
                r.get(3).map_err(err())?,
                &blob,
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
        let path = self.path.clone();
        let err = |source| StoreError::Db {
            path: path.clone(),
            what: "writing events and timelines".into(),
            source,
        };
        let corrupt = |what: String| StoreError::Corrupt {
            path: path.clone(),
            what,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let rows = FusionRows::of(fusion).map_err(corrupt)?;
        let mut old: HashMap<String, String> = HashMap::new();
        {
            let mut stmt = tx.prepare(sql::OLD_EVENTS).map_err(err)?;
            let mut rs = stmt.query([]).map_err(err)?;
            while let Some(r) = rs.next().map_err(err)? {
                old.insert(r.get(0).map_err(err)?, r.get(1).map_err(err)?);
            }
        }
        for clear in sql::CLEAR_FUSION {
            tx.execute(clear, []).map_err(err)?;
        }
        let mut out = FusionWrite {
            events_changed: rows.events_changed(old),
            events: rows.events.len(),
            timelines: rows.timelines.len(),
            cleared: false,
        };
        {
            let mut ins_event = tx.prepare(sql::INSERT_EVENT).map_err(err)?;
            let mut ins_country = tx.prepare(sql::INSERT_EVENT_COUNTRY).map_err(err)?;
            for e in &rows.events {
                ins_event
                    .execute(params![e.id, e.target, e.placed, e.json])
                    .map_err(err)?;
                for c in &e.countries {
                    ins_country.execute(params![c, e.id]).map_err(err)?;
                }
            }
            let mut ins_tl = tx.prepare(sql::INSERT_TIMELINE).map_err(err)?;
            for t in &rows.timelines {
                ins_tl
                    .execute(params![t.crossing, t.pending, t.json])
                    .map_err(err)?;
            }
            let mut ins_iv = tx.prepare(sql::INSERT_INTERVAL).map_err(err)?;
            for iv in &rows.intervals {
                ins_iv
                    .execute(params![iv.crossing, iv.idx, iv.from, iv.json])
                    .map_err(err)?;
            }
            let mut ins_ce = tx.prepare(sql::INSERT_EVENT_CROSSING).map_err(err)?;
            for (c, e) in &rows.event_crossings {
                ins_ce.execute(params![c, e]).map_err(err)?;
            }
        }
        // Output from a stale snapshot sets the flag: an incremental writer may have kept it clear
        // while this refresh read, and its rows were just replaced.
        out.cleared = tx
            .query_row(
                "UPDATE fusion_state SET dirty = (generation != ?1) WHERE id = 1 RETURNING dirty",
                [generation],
                |r| r.get::<_, i64>(0),
            )
            .map_err(err)?
            == 0;
        tx.commit().map_err(err)?;
        Ok(out)
    }

    fn put_report_fused(
        &mut self,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
        delta: &FusionDelta,
        generation: i64,
    ) -> Result<Option<Put>, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Db {
            path: path.clone(),
            what: format!("storing report {} with its fusion output", report.id),
            source,
        };
        let now = jiff::Timestamp::now().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let (dirty, now_generation): (i64, i64) = tx
            .query_row(
                "SELECT dirty, generation FROM fusion_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(err)?;
        let known = tx
            .query_row(sql::REPORT_EXISTS, [&report.id], |_| Ok(()))
            .optional()
            .map_err(err)?
            .is_some();
        if dirty != 0 || now_generation != generation || known {
            // Dropping the transaction rolls it back: nothing was written.
            return Ok(None);
        }
        insert_report(&tx, &path, report, claims, signature, &now, false)?;
        let stmts = sql::delta(delta).map_err(|what| StoreError::Corrupt {
            path: path.clone(),
            what,
        })?;
        run(&tx, &stmts).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Some(Put::New {
            claims: claims.len(),
        }))
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        self.conn
            .query_row(sql::COUNTS, [], |r| {
                Ok(Counts {
                    reports: r.get::<_, i64>(0)? as u64,
                    report_urls: r.get::<_, i64>(1)? as u64,
                    claims: r.get::<_, i64>(2)? as u64,
                    events: r.get::<_, i64>(3)? as u64,
                    timelines: r.get::<_, i64>(4)? as u64,
                })
            })
            .map_err(self.db("counting rows"))
    }

    fn timeline(&self, crossing: &str) -> Result<Option<Timeline>, StoreError> {
        let json: Option<String> = self
            .conn
            .prepare_cached(sql::TIMELINE)
            .and_then(|mut s| s.query_row([crossing], |r| r.get(0)).optional())
            .map_err(self.db(format!("reading the timeline of {crossing}")))?;
        json.map(|j| self.parse_json(&j, &format!("the timeline of {crossing}")))
            .transpose()
    }

    fn status_rows(&self, crossing: &str, date: Date) -> Result<Option<StatusRows>, StoreError> {
        let err = || self.db(format!("reading the status of {crossing}"));
        let pending: Option<String> = self
            .conn
            .prepare_cached(sql::PENDING)
            .and_then(|mut s| s.query_row([crossing], |r| r.get(0)).optional())
            .map_err(err())?;
        let Some(pending) = pending else {
            return Ok(None);
        };
        // The interval holding `date` is the last one starting on or before it (the first starts at
        // NULL, which sorts first); the one before it is what the status replaced.
        let rows: Vec<(i64, String)> = self
            .conn
            .prepare_cached(sql::STATUS_INTERVALS)
            .and_then(|mut s| {
                s.query_map(params![crossing, date.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect()
            })
            .map_err(err())?;
        let what = format!("the timeline of {crossing}");
        let mut ivs = Vec::with_capacity(2);
        for (_, json) in &rows {
            ivs.push(self.parse_json::<Interval>(json, &what)?);
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
        // The same rule as status_rows: per crossing, the last interval starting on or before `date`.
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached(sql::INTERVALS_AT)
            .and_then(|mut s| {
                s.query_map([date.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(self.db(format!("reading every crossing's status on {date}")))?;
        rows.into_iter()
            .map(|(c, json)| {
                let iv = self.parse_json(&json, &format!("the timeline of {c}"))?;
                Ok((c, iv))
            })
            .collect()
    }

    fn timelines(&self) -> Result<Vec<Timeline>, StoreError> {
        let err = || self.db("reading timelines");
        let mut stmt = self.conn.prepare(sql::TIMELINES).map_err(err())?;
        let mut rows = stmt.query([]).map_err(err())?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(err())? {
            let crossing: String = r.get(0).map_err(err())?;
            let json: String = r.get(1).map_err(err())?;
            out.push(self.parse_json(&json, &format!("the timeline of {crossing}"))?);
        }
        Ok(out)
    }

    fn events_by_id(&self, ids: &[String]) -> Result<Vec<Event>, StoreError> {
        let err = || self.db("reading events");
        let mut stmt = self.conn.prepare_cached(sql::EVENT_BY_ID).map_err(err())?;
        let mut found: BTreeMap<&str, Event> = BTreeMap::new();
        for id in ids {
            if found.contains_key(id.as_str()) {
                continue;
            }
            let json: Option<String> = stmt
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(err())?;
            if let Some(j) = json {
                found.insert(id, self.parse_json(&j, &format!("event {id}"))?);
            }
        }
        Ok(found.into_values().collect())
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let err = || self.db("listing events");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, json FROM events e
                 WHERE (?1 IS NULL OR e.placed >= ?1)
                   AND (?2 IS NULL OR e.id IN (SELECT event FROM event_crossings WHERE crossing = ?2))
                   AND (?3 IS NULL OR e.id IN (SELECT event FROM event_countries WHERE country = ?3))
                 ORDER BY e.placed IS NULL DESC, e.placed DESC, e.id DESC
                 LIMIT ?4",
            )
            .map_err(err())?;
        let since = filter.since.map(|d| d.to_string());
        let country = filter.country.as_ref().map(|c| c.to_uppercase());
        // Read newest first so LIMIT keeps the last ones (-1: no limit), then put them back in order.
        let last = filter.last.map_or(-1, |n| n.min(i64::MAX as usize) as i64);
        let mut rows = stmt
            .query(params![since, filter.crossing, country, last])
            .map_err(err())?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(err())? {
            let id: String = r.get(0).map_err(err())?;
            let json: String = r.get(1).map_err(err())?;
            out.push(self.parse_json(&json, &format!("event {id}"))?);
        }
        out.reverse();
        Ok(out)
    }

    fn report(&self, id: &str) -> Result<Option<StoredReport>, StoreError> {
        let err = || self.db(format!("reading report {id}"));
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            String,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn
            .prepare_cached(sql::REPORT)
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                })
                .optional()
            })
            .map_err(err())?;
        let Some((id, url, outlet, title, published, retrieved, text, language)) = row else {
            return Ok(None);
        };
        let urls: Vec<String> = self
            .conn
            .prepare_cached(sql::REPORT_URLS)
            .and_then(|mut s| {
                s.query_map([&id], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()
            })
            .map_err(err())?;
        Ok(Some(StoredReport {
            published: self.date_col(published, "publication date")?,
            id,
            url,
            outlet,
            title,
            retrieved,
            text,
            language,
            urls,
        }))
    }

    fn url_counts(&self, reports: &[String]) -> Result<BTreeMap<String, usize>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM report_urls u WHERE u.report = r.id)
                 FROM reports r WHERE r.id = ?1",
            )
            .map_err(self.db("counting report URLs"))?;
        let mut out = BTreeMap::new();
        for id in reports {
            let n: Option<i64> = stmt
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(self.db(format!("counting the URLs of report {id}")))?;
            if let Some(n) = n {
                out.insert(id.clone(), usize::try_from(n).unwrap_or(0).max(1));
            }
        }
        Ok(out)
    }

    fn claim(&self, at: &ClaimRef) -> Result<Option<Claim>, StoreError> {
        let json: Option<String> = self
            .conn
            .prepare_cached(sql::CLAIM)
            .and_then(|mut s| {
                s.query_row(params![at.report, at.index as i64], |r| r.get(0))
                    .optional()
            })
            .map_err(self.db(format!(
                "reading claim {} of report {}",
                at.index, at.report
            )))?;
        json.map(|j| self.parse_json(&j, &format!("claim {} of report {}", at.index, at.report)))
            .transpose()
    }

    fn latest_date(&self) -> Result<Option<Date>, StoreError> {
        let s: Option<String> = self
            .conn
            .query_row(sql::LATEST_DATE, [], |r| r.get(0))
            .map_err(self.db("finding the latest date"))?;
        self.date_col(s, "latest date")
    }

    fn version(&self) -> Result<String, StoreError> {
        // The generation moves with every report that has claims, `dirty` with every refresh, the
        // last rowid with every report.
        self.conn
            .prepare_cached(
                "SELECT generation, dirty, (SELECT coalesce(max(rowid), 0) FROM reports)
                 FROM fusion_state WHERE id = 1",
            )
            .and_then(|mut s| {
                s.query_row([], |r| {
                    let (g, d, n): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    Ok(format!("g{g}d{d}r{n}"))
                })
            })
            .map_err(self.db("reading the store version"))
    }

    fn claims_of(&self, report: &str) -> Result<Vec<Claim>, StoreError> {
        let rows: Vec<(i64, String)> = self
            .conn
            .prepare_cached(sql::CLAIMS_OF)
            .and_then(|mut s| {
                s.query_map([report], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(self.db(format!("reading the claims of report {report}")))?;
        rows.iter()
            .map(|(k, j)| self.parse_json(j, &format!("claim {k} of report {report}")))
            .collect()
    }

    fn reports_page(
        &self,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<ReportSummary>, StoreError> {
        type Row = (
            i64,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            i64,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(
                "SELECT rowid, id, url, outlet, title, published, retrieved, n_claims FROM reports
                 WHERE rowid < ?1 ORDER BY rowid DESC LIMIT ?2",
            )
            .and_then(|mut s| {
                s.query_map(
                    params![before.unwrap_or(i64::MAX), limit.min(10_000) as i64],
                    |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(7)?,
                        ))
                    },
                )?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(self.db("listing reports"))?;
        rows.into_iter()
            .map(|(seq, id, url, outlet, title, published, retrieved, n)| {
                Ok(ReportSummary {
                    published: self.date_col(published, "publication date")?,
                    seq,
                    id,
                    url,
                    outlet,
                    title,
                    retrieved,
                    claims: n.max(0) as usize,
                })
            })
            .collect()
    }

    fn record_deliveries(&mut self, deliveries: &[Delivery]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Db {
            path: path.clone(),
            what: "logging webhook deliveries".into(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        {
            let mut s = tx.prepare_cached(sql::INSERT_DELIVERY).map_err(err)?;
            for d in deliveries {
                s.execute(params![
                    d.hook,
                    d.change,
                    d.attempt,
                    d.at,
                    d.outcome.as_str(),
                    d.http_status,
                    d.error
                ])
                .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    fn deliveries(&self, limit: usize) -> Result<Vec<Delivery>, StoreError> {
        type Row = (
            String,
            String,
            u32,
            String,
            String,
            Option<u16>,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(sql::DELIVERIES)
            .and_then(|mut s| {
                s.query_map([limit.min(100_000) as i64], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(self.db("reading the webhook delivery log"))?;
        rows.into_iter()
            .map(|(hook, change, attempt, at, outcome, http_status, error)| {
                let outcome = DeliveryOutcome::parse(&outcome).ok_or_else(|| {
                    self.corrupt(format!("delivery outcome {outcome:?} is unknown"))
                })?;
                Ok(Delivery {
                    hook,
                    change,
                    attempt,
                    at,
                    outcome,
                    http_status,
                    error,
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
        self.conn
            .prepare_cached(sql::CLAIM_DELIVERY)
            .and_then(|mut s| s.execute(params![hook, change, owner, until_ms, now_ms]))
            .map(|n| n == 1)
            .map_err(self.db(format!("claiming change {change} for webhook {hook}")))
    }

    fn last_failed_attempts(
        &self,
        hook: &str,
    ) -> Result<BTreeMap<String, (u32, String)>, StoreError> {
        self.conn
            .prepare_cached(sql::LAST_FAILED)
            .and_then(|mut s| {
                s.query_map([hook], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
                    .collect()
            })
            .map_err(self.db(format!("reading the failed attempts of webhook {hook}")))
    }

    fn settled_changes(&self, hook: &str) -> Result<Option<BTreeSet<String>>, StoreError> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached(sql::SETTLED)
            .and_then(|mut s| {
                s.query_map([hook], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(self.db(format!("reading the delivery log of webhook {hook}")))?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            rows.into_iter()
                .filter(|(_, o)| DeliveryOutcome::parse(o).is_some_and(DeliveryOutcome::settled))
                .map(|(c, _)| c)
                .collect(),
        ))
    }
}

impl crate::sources::Columns for rusqlite::Row<'_> {
    type Error = rusqlite::Error;
    fn text(&self, i: usize) -> rusqlite::Result<Option<String>> {
        self.get(i)
    }
    fn int(&self, i: usize) -> rusqlite::Result<i64> {
        self.get(i)
    }
}

impl SourceLog for SqliteStore {
    fn item_done(&self, url: &str) -> Result<bool, StoreError> {
        let row: Option<(String, i64)> = self
            .conn
            .prepare_cached(sources::ITEM_STATE)
            .and_then(|mut s| {
                s.query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(self.db("reading a watched item"))?;
        Ok(row.is_some_and(|(outcome, attempts)| sources::done(&outcome, attempts)))
    }

    fn record_item(&mut self, item: &SeenItem, at: &str) -> Result<(), StoreError> {
        self.execute(&sources::record_item(item, at))
            .map_err(self.db("recording a watched item"))
    }

    fn record_poll(&mut self, poll: &SourcePoll) -> Result<(), StoreError> {
        self.execute(&sources::record_poll(poll))
            .map_err(self.db("recording a poll"))
    }

    fn sources(&self) -> Result<Vec<SourceSummary>, StoreError> {
        let err = || self.db("listing sources");
        let mut stmt = self.conn.prepare_cached(sources::SOURCES).map_err(err())?;
        let rows = stmt.query_map([], |r| sources::summary(r)).map_err(err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err())
    }
}
