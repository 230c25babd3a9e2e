//! Which store a command reads or writes: `--store sqlite:PATH | postgres://…`, else `--db PATH` (the
//! SQLite shorthand), else the environment's `BORDERWATCH_STORE`, else the default SQLite file in the
//! user's data directory.

use anyhow::Context;
use borderwatch_store::StoreLocation;

/// The environment variable that names a store when no option does.
pub const STORE_ENV: &str = "BORDERWATCH_STORE";

/// Resolves the store options (clap already refuses `--store` with `--db`).
pub fn location(
    store: Option<&str>,
    db: Option<&std::path::Path>,
) -> anyhow::Result<StoreLocation> {
    if let Some(s) = store {
        return s
            .parse()
            .map_err(|e: String| anyhow::anyhow!("--store: {e}"));
    }
    if let Some(p) = db {
        return Ok(StoreLocation::Sqlite(p.to_path_buf()));
    }
    if let Some(s) = std::env::var(STORE_ENV).ok().filter(|s| !s.is_empty()) {
        return s
            .parse()
            .map_err(|e: String| anyhow::anyhow!("{STORE_ENV}: {e}"));
    }
    Ok(StoreLocation::Sqlite(borderwatch_store::default_path()?))
}

/// Opens the store the options name.
pub fn open(
    store: Option<&str>,
    db: Option<&std::path::Path>,
) -> anyhow::Result<borderwatch_store::AnyStore> {
    open_watch(store, db).map(|s| s as borderwatch_store::AnyStore)
}

/// Opens the store the options name with its watch bookkeeping (`watch`, `sources`).
pub fn open_watch(
    store: Option<&str>,
    db: Option<&std::path::Path>,
) -> anyhow::Result<Box<dyn borderwatch_store::WatchStore>> {
    let loc = location(store, db)?;
    borderwatch_store::open_watch(&loc).with_context(|| format!("opening the store {loc}"))
}
