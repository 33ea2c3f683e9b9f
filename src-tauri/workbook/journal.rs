//! Journal entries: free writing, saved whole on every autosave.
//!
//! Text is stored exactly as typed (markup, emoji, right-to-left scripts, 1 MB and
//! more); the UI shows it as text. Times are UTC, RFC 3339 with milliseconds.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The most text one field may hold (bytes of UTF-8).
pub const MAX_FIELD_BYTES: usize = 8 * 1024 * 1024;

/// A saved entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub title: String,
    pub body: String,
}

/// What the window sends to save: no id = a new entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    pub id: Option<i64>,
    pub title: String,
    pub body: String,
}

/// RFC 3339 UTC with milliseconds, the one time format in the vault.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn check(draft: &Draft) -> Result<()> {
    if draft.title.len() > MAX_FIELD_BYTES || draft.body.len() > MAX_FIELD_BYTES {
        return Err(Error::Invalid(
            "This entry is too long to save (over 8 MB). Nothing was changed.".into(),
        ));
    }
    Ok(())
}

/// Saves `draft` (insert or update) in one transaction and returns the stored entry.
pub fn save(conn: &Connection, draft: &Draft, now: DateTime<Utc>) -> Result<Entry> {
    check(draft)?;
    let now = timestamp(now);
    let id = super::atomically(conn, |tx| match draft.id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE journal_entries SET title = ?1, body = ?2, updated_at = ?3 WHERE id = ?4",
                params![draft.title, draft.body, now, id],
            )?;
            if changed == 0 {
                return Err(Error::Invalid("That entry no longer exists.".into()));
            }
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES (?1, ?1, ?2, ?3)",
                params![now, draft.title, draft.body],
            )?;
            Ok(tx.last_insert_rowid())
        }
    })?;
    get(conn, id)?.ok_or_else(|| Error::Invalid("That entry no longer exists.".into()))
}

/// One entry by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Entry>> {
    Ok(conn
        .query_row(
            "SELECT id, created_at, updated_at, title, body FROM journal_entries WHERE id = ?1",
            [id],
            |r| {
                Ok(Entry {
                    id: r.get(0)?,
                    created_at: r.get(1)?,
                    updated_at: r.get(2)?,
                    title: r.get(3)?,
                    body: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Every entry, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, created_at, updated_at, title, body FROM journal_entries
         ORDER BY created_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            id: r.get(0)?,
            created_at: r.get(1)?,
            updated_at: r.get(2)?,
            title: r.get(3)?,
            body: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes an entry for good (the vault runs with `secure_delete`); false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM journal_entries WHERE id = ?1", [id])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../vault/sql/001_init.sql")).unwrap();
        conn
    }

    fn draft(id: Option<i64>, title: &str, body: &str) -> Draft {
        Draft { id, title: title.into(), body: body.into() }
    }

    #[test]
    fn text_is_stored_exactly_as_typed() {
        let conn = db();
        let odd = "<script>alert(1)</script> 🌊 שלום مرحبا \u{202E}abc\0end";
        let saved = save(&conn, &draft(None, odd, odd), Utc::now()).unwrap();
        assert_eq!(get(&conn, saved.id).unwrap().unwrap().body, odd);
        assert_eq!(saved.title, odd);
    }

    #[test]
    fn a_megabyte_round_trips() {
        let conn = db();
        let big = "ä".repeat(512 * 1024);
        let saved = save(&conn, &draft(None, "", &big), Utc::now()).unwrap();
        assert_eq!(get(&conn, saved.id).unwrap().unwrap().body.len(), big.len());
    }

    #[test]
    fn update_keeps_created_and_moves_updated() {
        let conn = db();
        let t0 = DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z").unwrap().to_utc();
        let t1 = DateTime::parse_from_rfc3339("2026-01-02T10:00:00Z").unwrap().to_utc();
        let first = save(&conn, &draft(None, "a", "b"), t0).unwrap();
        let second = save(&conn, &draft(Some(first.id), "a2", "b2"), t1).unwrap();
        assert_eq!(second.created_at, "2026-01-01T10:00:00.000Z");
        assert_eq!(second.updated_at, "2026-01-02T10:00:00.000Z");
        assert_eq!(list(&conn).unwrap().len(), 1);
    }

    #[test]
    fn too_long_or_missing_entries_change_nothing() {
        let conn = db();
        let huge = "x".repeat(MAX_FIELD_BYTES + 1);
        assert!(matches!(save(&conn, &draft(None, "", &huge), Utc::now()), Err(Error::Invalid(_))));
        assert!(matches!(
            save(&conn, &draft(Some(42), "", ""), Utc::now()),
            Err(Error::Invalid(_))
        ));
        assert!(list(&conn).unwrap().is_empty());
    }

    #[test]
    fn delete_removes_the_entry_and_its_search_index_row() {
        let conn = db();
        let e = save(&conn, &draft(None, "findme", "words"), Utc::now()).unwrap();
        assert!(delete(&conn, e.id).unwrap());
        assert!(!delete(&conn, e.id).unwrap());
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'findme'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 0);
    }
}
