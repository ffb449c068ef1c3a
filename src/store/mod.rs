//! store: the SQLite record store — the only module that speaks SQL.
//!
//! One writer at a time (the ingest writer thread, or a review action); WAL lets readers work
//! during an ingest. The schema lives in `migrations/*.sql`, applied in order by
//! `rusqlite_migration` (tracked in `PRAGMA user_version`) and documented in docs/schema.md.

mod export_rows;
mod ingest;
mod query;
mod records;
mod review;
mod search;

pub use export_rows::*;
pub use ingest::*;
pub use query::*;
pub use records::*;
pub use review::*;
pub use search::*;

use crate::error::StoreResult;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;

/// The schema, one step per version. Append only: never edit a released step.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_ingest.sql")),
        M::up(include_str!("migrations/002_records.sql")),
        M::up(include_str!("migrations/003_review.sql")),
        M::up(include_str!("migrations/004_search.sql")),
        M::up(include_str!("migrations/005_marks.sql")),
        M::up(include_str!("migrations/006_reread.sql")),
    ])
}

/// Schema version this build writes.
pub const SCHEMA_VERSION: usize = 6;

/// An open record store.
pub struct Store {
    pub(crate) conn: Connection,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations().to_latest(&mut conn)?;
        Ok(Store { conn })
    }

    /// Opens an existing database without creating it (for read commands).
    pub fn open_existing(path: &Path) -> StoreResult<Store> {
        if !path.exists() {
            return Err(crate::error::StoreError::NotFound(format!(
                "database {} does not exist (run chartscan ingest first)",
                path.display()
            )));
        }
        Self::open(path)
    }

    /// The raw connection, for modules of the store family and tests.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Current UTC time as RFC 3339, the format every timestamp column uses.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_reach_the_current_version() {
        migrations().validate().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("t.db")).unwrap();
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v as usize, SCHEMA_VERSION);
        let mode: String = s
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        // Opening again is a no-op.
        drop(s);
        Store::open(&dir.path().join("t.db")).unwrap();
    }
}
