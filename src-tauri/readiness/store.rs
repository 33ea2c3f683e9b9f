//! Readiness results kept in the vault, for the history over time and the session-prep
//! sheet: one row each time the checklist or a questionnaire is kept, its answers stored
//! as JSON text (table `readiness_results`, migration 003).
//!
//! Invariants: only answers that [`Given::parse`] accepts are stored, in the form it
//! writes them; every row is parsed and checked again when read, and a row that fails is
//! an error, never silently skipped or scored; a partial questionnaire is kept and
//! reported as incomplete, with no total; a refused save changes nothing; deleting
//! removes the row (the vault's `secure_delete` overwrites its bytes).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value;

use super::evaluation::{Evaluation, Given, Kind};
use crate::error::{Error, Result};
use crate::workbook::{atomically, journal::timestamp, parse_time};

/// A kept result: `{ id, kind, takenAt, answers, evaluation }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub id: i64,
    pub kind: Kind,
    /// When it was answered, UTC RFC 3339 with milliseconds.
    pub taken_at: String,
    pub answers: Given,
    pub evaluation: Evaluation,
}

const COLUMNS: &str = "id, kind, taken_at, answers";

fn row(r: &Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

/// Checks a stored row as strictly as a new answer.
fn saved((id, kind, taken_at, json): (i64, String, String, String)) -> Result<Saved> {
    let unreadable =
        || Error::Invalid("A kept result could not be read. Nothing was changed.".into());
    let value: Value = serde_json::from_str(&json).map_err(|_| unreadable())?;
    let answers = Given::parse(&kind, &value).map_err(|_| unreadable())?;
    let evaluation = answers.evaluate()?;
    Ok(Saved { id, kind: answers.kind(), taken_at, answers, evaluation })
}

/// Keeps `answers` of `kind`, answered at `taken_at` (RFC 3339; absent or blank: `now`).
/// Refuses answers off their scale, and changes nothing then.
pub fn save(
    conn: &Connection,
    kind: &str,
    answers: &Value,
    taken_at: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Saved> {
    let given = Given::parse(kind, answers)?;
    let taken_at = parse_time(taken_at)?;
    let json = serde_json::to_string(&given)
        .map_err(|_| Error::Invalid("These answers could not be saved.".into()))?;
    let now = timestamp(now);
    let id = atomically(conn, |tx| {
        tx.execute(
            "INSERT INTO readiness_results (kind, taken_at, answers, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![given.kind().id(), taken_at.as_deref().unwrap_or(&now), json, now],
        )?;
        Ok(tx.last_insert_rowid())
    })?;
    get(conn, id)?.ok_or_else(gone)
}

fn gone() -> Error {
    Error::Invalid("That result no longer exists.".into())
}

/// One result by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Saved>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM readiness_results WHERE id = ?1"), [id], row)
        .optional()?
        .map(saved)
        .transpose()
}

/// Every result of `kind` (all kinds when `None`), newest first.
pub fn list(conn: &Connection, kind: Option<&str>) -> Result<Vec<Saved>> {
    let kind = kind.map(Kind::parse).transpose()?;
    query(conn, kind, None)
}

/// At most `limit` results of `kind`, newest first.
pub fn newest(conn: &Connection, kind: Kind, limit: usize) -> Result<Vec<Saved>> {
    query(conn, Some(kind), Some(limit))
}

fn query(conn: &Connection, kind: Option<Kind>, limit: Option<usize>) -> Result<Vec<Saved>> {
    let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM readiness_results WHERE (?1 IS NULL OR kind = ?1)
         ORDER BY taken_at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![kind.map(Kind::id), limit], row)?;
    rows.map(|r| saved(r?)).collect()
}

/// How many results of `kind` are kept.
pub fn count(conn: &Connection, kind: Kind) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM readiness_results WHERE kind = ?1",
        [kind.id()],
        |r| r.get(0),
    )?)
}

/// Deletes a result for good; false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM readiness_results WHERE id = ?1", [id])? > 0)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::readiness::screeners::Band;
    use crate::workbook::{at, test_db};

    fn rows(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM readiness_results", [], |r| r.get(0)).unwrap()
    }

    fn gad7(items: Value) -> Value {
        json!({ "items": items, "difficulty": 1 })
    }

    mod saving {
        use super::*;

        #[test]
        fn each_kind_is_kept_listed_newest_first_and_deleted() {
            let conn = test_db();
            let c = save(
                &conn,
                "checklist",
                &json!({ "focus": { "often": 2, "gettingWorse": true } }),
                Some("2026-11-01T10:00:00+01:00"),
                at("2026-11-25T10:00:00Z"),
            )
            .unwrap();
            assert_eq!(c.kind, Kind::Checklist);
            assert_eq!(c.taken_at, "2026-11-01T09:00:00.000Z", "normalised to UTC");
            let g = save(
                &conn,
                "gad7",
                &gad7(json!([1, 1, 1, 1, 1, 1, 1])),
                None,
                at("2026-11-20T10:00:00Z"),
            )
            .unwrap();
            assert_eq!(g.taken_at, "2026-11-20T10:00:00.000Z", "defaults to now");
            assert_eq!(g.evaluation.total, Some(7));
            let p = save(
                &conn,
                "phq9",
                &json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, 0] }),
                None,
                at("2026-11-22T10:00:00Z"),
            )
            .unwrap();
            assert_eq!(p.evaluation.band, Some(Band::Minimal));

            let ids = |kind: Option<&str>| {
                list(&conn, kind).unwrap().iter().map(|s| s.id).collect::<Vec<_>>()
            };
            assert_eq!(ids(None), [p.id, g.id, c.id]);
            assert_eq!(ids(Some("gad7")), [g.id]);
            assert_eq!(list(&conn, Some("checklist")).unwrap(), vec![c.clone()]);
            assert_eq!(get(&conn, g.id).unwrap().unwrap(), g);
            assert_eq!(
                (count(&conn, Kind::Phq9).unwrap(), count(&conn, Kind::Gad7).unwrap()),
                (1, 1)
            );

            for s in [&c, &g, &p] {
                assert!(delete(&conn, s.id).unwrap());
                assert!(!delete(&conn, s.id).unwrap(), "deleted once");
                assert!(get(&conn, s.id).unwrap().is_none());
            }
            assert_eq!(rows(&conn), 0, "deleting really deletes");
        }

        #[test]
        fn a_partial_screener_is_kept_as_incomplete_with_its_answers() {
            let conn = test_db();
            let s = save(&conn, "gad7", &gad7(json!([3, 3, null, 3, 3, 3, 3])), None, Utc::now())
                .unwrap();
            let back = get(&conn, s.id).unwrap().unwrap();
            assert!(!back.evaluation.complete);
            assert_eq!((back.evaluation.answered, back.evaluation.of), (6, 7));
            assert_eq!((back.evaluation.total, back.evaluation.band), (None, None));
            let json = serde_json::to_value(&back).unwrap();
            assert_eq!(
                json["answers"],
                json!({ "items": [3, 3, null, 3, 3, 3, 3], "difficulty": 1 })
            );
            assert_eq!(json["evaluation"]["total"], Value::Null);
        }

        #[test]
        fn item_9_is_flagged_on_a_kept_phq9() {
            let conn = test_db();
            let items = json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, 2] });
            let s = save(&conn, "phq9", &items, None, Utc::now()).unwrap();
            assert!(s.evaluation.item9_flag);
            assert!(list(&conn, None).unwrap()[0].evaluation.item9_flag);
        }

        #[test]
        fn refused_answers_change_nothing() {
            let conn = test_db();
            let kept =
                save(&conn, "gad7", &gad7(json!([0, 0, 0, 0, 0, 0, 0])), None, Utc::now()).unwrap();
            let cases = [
                ("gad7", gad7(json!([0, 0, 0, 4, 0, 0, 0])), None),
                ("phq9", json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, 0], "difficulty": 5 }), None),
                ("checklist", json!({ "anxiety": { "often": 9 } }), None),
                ("checklist", json!({ "anxiety": { "often": 1 } }), Some("yesterday")),
                ("screener", json!({}), None),
            ];
            for (kind, answers, taken_at) in cases {
                let err = save(&conn, kind, &answers, taken_at, Utc::now()).unwrap_err();
                assert_eq!(err.kind(), "invalid", "{kind} {answers}");
                assert!(err.to_string().ends_with("Nothing was changed."), "{err}");
            }
            assert_eq!(rows(&conn), 1);
            assert_eq!(list(&conn, None).unwrap(), vec![kept]);
            assert!(list(&conn, Some("mood")).is_err());
        }

        #[test]
        fn the_answers_are_stored_in_their_checked_form() {
            let conn = test_db();
            let s = save(&conn, "checklist", &json!({ "focus": { "often": 1 } }), None, Utc::now())
                .unwrap();
            let stored: String = conn
                .query_row("SELECT answers FROM readiness_results WHERE id = ?1", [s.id], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(stored, r#"{"focus":{"often":1,"gettingWorse":null}}"#);
        }
    }

    mod reading {
        use super::*;

        fn insert(conn: &Connection, kind: &str, answers: &str) -> rusqlite::Result<usize> {
            conn.execute(
                "INSERT INTO readiness_results (kind, taken_at, answers, created_at)
                 VALUES (?1, 't', ?2, 't')",
                [kind, answers],
            )
        }

        #[test]
        fn the_database_refuses_unknown_kinds_and_non_objects() {
            let conn = test_db();
            assert!(insert(&conn, "mood", "{}").is_err());
            assert!(insert(&conn, "gad7", "[1,2]").is_err());
            assert!(insert(&conn, "gad7", "not json").is_err());
            assert_eq!(rows(&conn), 0);
        }

        #[test]
        fn a_stored_row_off_its_scale_is_refused_not_scored() {
            let conn = test_db();
            insert(&conn, "gad7", r#"{"items":[9,0,0,0,0,0,0]}"#).unwrap();
            let err = list(&conn, None).unwrap_err();
            assert!(err.to_string().contains("could not be read"), "{err}");
        }
    }

    #[test]
    fn a_kept_result_serializes_in_camel_case() {
        let conn = test_db();
        let s = save(
            &conn,
            "checklist",
            &json!({}),
            Some("2026-11-25T10:00:00Z"),
            at("2026-11-25T10:00:00Z"),
        )
        .unwrap();
        let json = serde_json::to_value(&s).unwrap();
        let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["answers", "evaluation", "id", "kind", "takenAt"]);
        assert_eq!(json["kind"], "checklist");
        assert_eq!(json["takenAt"], "2026-11-25T10:00:00.000Z");
        assert_eq!(json["answers"], json!({}));
        assert_eq!(json["evaluation"]["kind"], "checklist");
    }
}
