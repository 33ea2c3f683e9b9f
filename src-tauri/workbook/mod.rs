//! The self-care workbook's domain: plain functions over a `rusqlite::Connection`,
//! knowing nothing of Tauri.

pub mod journal;

use rusqlite::Connection;

use crate::error::Result;

/// Runs `f` inside a savepoint: on its own it is a transaction that commits when `f`
/// succeeds; inside a caller's transaction it nests. An error rolls back `f`'s writes.
pub fn atomically<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT mend_write")?;
    match f(conn) {
        Ok(value) => {
            conn.execute_batch("RELEASE mend_write")?;
            Ok(value)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO mend_write; RELEASE mend_write");
            Err(e)
        }
    }
}
