//! The re-wooing planner, for the partner who broke trust: small, steady acts of care
//! (a compliment, affection, a date, a favourite meal, asking about their day), planned
//! and then marked as actually done. Words matter less than what is done, so a plan
//! keeps the time it was done.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{atomically, check_lengths, day_string, journal::timestamp, one_of, parse_day};
use crate::error::{Error, Result};

/// Kinds of plan.
pub const KINDS: [&str; 6] = ["compliment", "affection", "date", "meal", "their_day", "other"];

/// A saved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rewoo {
    pub id: i64,
    pub kind: String,
    pub plan: String,
    /// `YYYY-MM-DD`, or null for "some time".
    pub planned_for: Option<String>,
    /// When it was done, or null.
    pub done_at: Option<String>,
    pub note: String,
    pub created_at: String,
}

/// What the window sends: no id = new. Saving never changes `doneAt`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewooDraft {
    pub id: Option<i64>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub plan: String,
    pub planned_for: Option<String>,
    #[serde(default)]
    pub note: String,
}

const COLUMNS: &str = "id, kind, plan, planned_for, done_at, note, created_at";

fn rewoo(r: &Row<'_>) -> rusqlite::Result<Rewoo> {
    Ok(Rewoo {
        id: r.get(0)?,
        kind: r.get(1)?,
        plan: r.get(2)?,
        planned_for: r.get(3)?,
        done_at: r.get(4)?,
        note: r.get(5)?,
        created_at: r.get(6)?,
    })
}

fn gone() -> Error {
    Error::Invalid("That plan no longer exists.".into())
}

/// Saves a plan (insert or update) and returns it.
pub fn save(conn: &Connection, draft: &RewooDraft, now: DateTime<Utc>) -> Result<Rewoo> {
    let kind = one_of(
        &draft.kind,
        &KINDS,
        "Choose a kind of plan: compliment, affection, date, meal, their day or other. \
         Nothing was changed.",
    )?;
    if draft.plan.trim().is_empty() {
        return Err(Error::Invalid("Write down what you plan to do. Nothing was changed.".into()));
    }
    check_lengths("This plan", &[&draft.plan, &draft.note])?;
    let planned_for = draft
        .planned_for
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(|d| parse_day(d).map(day_string))
        .transpose()?;
    let now = timestamp(now);
    let d = draft;
    let id = atomically(conn, |tx| match d.id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE rewoo_plans SET kind = ?1, plan = ?2, planned_for = ?3, note = ?4,
                     updated_at = ?5
                 WHERE id = ?6",
                params![kind, d.plan, planned_for, d.note, now, id],
            )?;
            if changed == 0 {
                return Err(gone());
            }
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO rewoo_plans (kind, plan, planned_for, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![kind, d.plan, planned_for, d.note, now],
            )?;
            Ok(tx.last_insert_rowid())
        }
    })?;
    get(conn, id)?.ok_or_else(gone)
}

/// One plan by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Rewoo>> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM rewoo_plans WHERE id = ?1"), [id], rewoo)
        .optional()?)
}

/// Plans not done yet first, soonest first (undated after dated, then oldest first);
/// then plans done, most recently done first.
pub fn list(conn: &Connection) -> Result<Vec<Rewoo>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM rewoo_plans
         ORDER BY done_at IS NOT NULL,
                  CASE WHEN done_at IS NULL THEN planned_for IS NULL END,
                  CASE WHEN done_at IS NULL THEN planned_for END,
                  CASE WHEN done_at IS NULL THEN created_at END,
                  done_at DESC,
                  id"
    ))?;
    let rows = stmt.query_map([], rewoo)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a plan done (now) or not done, and returns it.
pub fn set_done(conn: &Connection, id: i64, done: bool, now: DateTime<Utc>) -> Result<Rewoo> {
    let now = timestamp(now);
    let done_at = done.then_some(now.as_str());
    let changed = conn.execute(
        "UPDATE rewoo_plans SET done_at = ?1, updated_at = ?2 WHERE id = ?3",
        params![done_at, now, id],
    )?;
    if changed == 0 {
        return Err(gone());
    }
    get(conn, id)?.ok_or_else(gone)
}

/// Deletes a plan for good; false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM rewoo_plans WHERE id = ?1", [id])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    fn plan(kind: &str, text: &str, planned_for: Option<&str>) -> RewooDraft {
        RewooDraft {
            kind: kind.into(),
            plan: text.into(),
            planned_for: planned_for.map(Into::into),
            ..RewooDraft::default()
        }
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM rewoo_plans", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn create_edit_done_undone_delete() {
        let conn = test_db();
        let r = save(
            &conn,
            &plan("meal", "Her lasagne", Some("2026-03-14")),
            at("2026-03-10T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(r.created_at, "2026-03-10T10:00:00.000Z");
        assert_eq!((r.planned_for.as_deref(), r.done_at.as_deref()), (Some("2026-03-14"), None));
        let done = set_done(&conn, r.id, true, at("2026-03-14T19:00:00Z")).unwrap();
        assert_eq!(done.done_at.as_deref(), Some("2026-03-14T19:00:00.000Z"));
        let edited = save(
            &conn,
            &RewooDraft {
                id: Some(r.id),
                note: "she smiled".into(),
                ..plan("meal", "Lasagne", None)
            },
            at("2026-03-15T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(edited.done_at, done.done_at, "saving keeps doneAt");
        assert_eq!(edited.planned_for, None);
        assert_eq!(set_done(&conn, r.id, false, Utc::now()).unwrap().done_at, None);
        assert!(delete(&conn, r.id).unwrap());
        assert!(!delete(&conn, r.id).unwrap());
        assert!(matches!(set_done(&conn, r.id, true, Utc::now()), Err(Error::Invalid(_))));
    }

    #[test]
    fn list_puts_open_plans_first_by_date_then_done_newest_first() {
        let conn = test_db();
        let t = at("2026-03-01T10:00:00Z");
        let later = save(&conn, &plan("date", "Walk by the sea", Some("2026-03-20")), t).unwrap();
        let undated = save(&conn, &plan("compliment", "Tell her", None), t).unwrap();
        let soon =
            save(&conn, &plan("their_day", "Ask about the exam", Some("2026-03-05")), t).unwrap();
        let done_first = save(&conn, &plan("affection", "Hold hands", None), t).unwrap();
        let done_second = save(&conn, &plan("meal", "Pancakes", Some("2026-03-02")), t).unwrap();
        set_done(&conn, done_first.id, true, at("2026-03-02T10:00:00Z")).unwrap();
        set_done(&conn, done_second.id, true, at("2026-03-03T10:00:00Z")).unwrap();
        let ids: Vec<i64> = list(&conn).unwrap().iter().map(|r| r.id).collect();
        assert_eq!(ids, [soon.id, later.id, undated.id, done_second.id, done_first.id]);
    }

    #[test]
    fn bad_input_is_refused_and_nothing_changes() {
        let conn = test_db();
        let kept = save(&conn, &plan("date", "Picnic", None), Utc::now()).unwrap();
        let huge = "x".repeat(MAX_FIELD_BYTES + 1);
        for mut d in [
            plan("gift", "Flowers", None),
            plan("theirDay", "Ask", None),
            plan("date", "  ", None),
            plan("date", "Picnic", Some("next Friday")),
            plan("date", "Picnic", Some("2026-02-30")),
            plan("date", &huge, None),
        ] {
            for id in [None, Some(kept.id)] {
                d.id = id;
                assert!(matches!(save(&conn, &d, Utc::now()), Err(Error::Invalid(_))), "{d:?}");
            }
        }
        assert_eq!(count(&conn), 1);
        assert_eq!(get(&conn, kept.id).unwrap().unwrap(), kept);
        assert!(conn
            .execute(
                "INSERT INTO rewoo_plans (kind, plan, created_at, updated_at) VALUES ('gift', 'x', 't', 't')",
                [],
            )
            .is_err());
    }

    #[test]
    fn text_is_kept_exactly_and_serialized_in_camel_case() {
        let conn = test_db();
        let odd = "<3 🍝 ארוחה \u{202E}";
        let r = save(&conn, &plan("meal", odd, Some("2026-03-14")), Utc::now()).unwrap();
        assert_eq!(get(&conn, r.id).unwrap().unwrap().plan, odd);
        let json = serde_json::to_value(&r).unwrap();
        for key in ["id", "kind", "plan", "plannedFor", "doneAt", "note", "createdAt"] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }
}
