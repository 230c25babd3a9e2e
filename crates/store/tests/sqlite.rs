//! What only the SQLite store has: its schema version in the file, and errors that name the file.
//! What every backend does is tested in `backends.rs`.

use borderwatch_store::{SqliteStore, StoreError, refresh};

mod common;
use common::{crossings, put_all, reports};

fn open(dir: &tempfile::TempDir) -> SqliteStore {
    match SqliteStore::open(&dir.path().join("sub").join("store.db")) {
        Ok(s) => s,
        Err(e) => panic!("cannot open the test store: {e}"),
    }
}

#[test]
fn reopening_keeps_data_and_schema() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| panic!("{e}"))?;
    let dump = {
        let mut store = open(&dir);
        put_all(&mut store, &reports());
        refresh(&mut store, &crossings())?;
        store.dump()?
    };
    let store = open(&dir);
    assert_eq!(store.dump()?, dump);
    assert!(dump.starts_with("schema_version\tInteger(1)\n"));
    Ok(())
}

#[test]
fn errors_name_the_file() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    // Not a database.
    let junk = dir.path().join("junk.db");
    if let Err(e) = std::fs::write(&junk, vec![b'x'; 4096]) {
        panic!("{e}");
    }
    let msg = match SqliteStore::open(&junk) {
        Ok(_) => panic!("a junk file opened as a store"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("junk.db"), "{msg}");

    // A directory.
    let msg = match SqliteStore::open(dir.path()) {
        Ok(_) => panic!("a directory opened as a store"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("directory"), "{msg}");

    // A store written by a newer borderwatch.
    let newer = dir.path().join("newer.db");
    match SqliteStore::open(&newer) {
        Ok(s) => drop(s),
        Err(e) => panic!("{e}"),
    }
    match rusqlite_bump(&newer) {
        Ok(()) => {}
        Err(e) => panic!("{e}"),
    }
    match SqliteStore::open(&newer) {
        Err(e @ StoreError::NewerSchema { .. }) => {
            assert!(e.to_string().contains("newer.db"), "{e}")
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a newer schema opened"),
    }
}

/// Marks a store as written by a future schema version, through SQLite itself.
fn rusqlite_bump(path: &std::path::Path) -> Result<(), rusqlite::Error> {
    let conn = rusqlite::Connection::open(path)?;
    conn.execute("INSERT INTO schema_version (version) VALUES (99)", [])?;
    Ok(())
}
