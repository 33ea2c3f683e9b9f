//! Living documents: needs and boundaries, the accountability plan, the honesty
//! reflection and the recommitment reflection. Each is a set of named text fields kept
//! as dated versions, so the person can see how their answers changed.
//!
//! Versioning rule: one version per local day. Saving updates the newest version when it
//! was created on the same `today` (the window's local day), and otherwise starts a new
//! version. Fields not sent keep the newest version's text, so a new day's version
//! starts as a copy of the last one. Every stored version holds every field of its kind.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use super::{atomically, check_lengths, day_string, journal::timestamp, parse_day, preview};
use crate::error::{Error, Result};

/// Every kind of document and its field keys, in the order the window shows them.
pub const KINDS: [(&str, &[&str]); 4] = [
    ("needs", &["relationship", "fromPartner", "wontTolerate"]),
    ("accountability", &["myTriggers", "mySystems", "mySupports", "whenISlip"]),
    ("honesty", &["whatHappened", "notYetSaid", "whatMakesItHard", "nextStep"]),
    ("recommitment", &["whyStay", "oneFootOut", "willingToDo", "needToStay"]),
];

/// Characters of a version's preview.
const PREVIEW_CHARS: usize = 80;

/// One version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub id: i64,
    pub kind: String,
    pub day: String,
    pub created_at: String,
    pub updated_at: String,
    pub fields: BTreeMap<String, String>,
}

/// A version in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    pub id: i64,
    pub day: String,
    pub created_at: String,
    pub updated_at: String,
    pub preview: String,
}

/// A document: its newest version and every version, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub kind: String,
    pub current: Option<Version>,
    pub versions: Vec<VersionSummary>,
}

/// The field keys of `kind`, or an [`Error::Invalid`].
fn keys_of(kind: &str) -> Result<(&'static str, &'static [&'static str])> {
    KINDS.iter().find(|(k, _)| *k == kind).copied().ok_or_else(|| {
        Error::Invalid(
            "Choose a document: needs, accountability, honesty or recommitment. Nothing was \
             changed."
                .into(),
        )
    })
}

fn version(r: &Row<'_>) -> rusqlite::Result<(Version, String)> {
    Ok((
        Version {
            id: r.get(0)?,
            kind: r.get(1)?,
            day: r.get(2)?,
            created_at: r.get(3)?,
            updated_at: r.get(4)?,
            fields: BTreeMap::new(),
        },
        r.get(5)?,
    ))
}

/// Parses the stored JSON; a stored version always holds an object of strings.
fn with_fields((mut v, json): (Version, String)) -> Result<Version> {
    v.fields = serde_json::from_str(&json).map_err(|_| {
        Error::Invalid("This version could not be read. Nothing was changed.".into())
    })?;
    Ok(v)
}

const COLUMNS: &str = "id, kind, day, created_at, updated_at, fields";

/// The newest version of `kind`.
fn newest(conn: &Connection, kind: &str) -> Result<Option<Version>> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM doc_versions WHERE kind = ?1
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ),
        [kind],
        version,
    )
    .optional()?
    .map(with_fields)
    .transpose()
}

/// The document `kind` with its history.
pub fn get(conn: &Connection, kind: &str) -> Result<Document> {
    let (kind, keys) = keys_of(kind)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM doc_versions WHERE kind = ?1 ORDER BY created_at DESC, id DESC"
    ))?;
    let versions = stmt
        .query_map([kind], version)?
        .map(|row| with_fields(row?))
        .collect::<Result<Vec<_>>>()?;
    let summaries = versions
        .iter()
        .map(|v| VersionSummary {
            id: v.id,
            day: v.day.clone(),
            created_at: v.created_at.clone(),
            updated_at: v.updated_at.clone(),
            preview: keys
                .iter()
                .filter_map(|k| v.fields.get(*k))
                .map(|text| preview(text, PREVIEW_CHARS))
                .find(|p| !p.is_empty())
                .unwrap_or_default(),
        })
        .collect();
    Ok(Document {
        kind: kind.to_owned(),
        current: versions.into_iter().next(),
        versions: summaries,
    })
}

/// Every version of every document, oldest first (for export).
pub fn all_versions(conn: &Connection) -> Result<Vec<Version>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {COLUMNS} FROM doc_versions ORDER BY kind, created_at, id"))?;
    let rows = stmt.query_map([], version)?;
    rows.map(|row| with_fields(row?)).collect()
}

/// One version by id.
pub fn version_by_id(conn: &Connection, id: i64) -> Result<Option<Version>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM doc_versions WHERE id = ?1"), [id], version)
        .optional()?
        .map(with_fields)
        .transpose()
}

/// Saves `fields` into today's version of `kind` (see the module's versioning rule).
pub fn save(
    conn: &Connection,
    kind: &str,
    today: &str,
    fields: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Version> {
    let (kind, keys) = keys_of(kind)?;
    let today = parse_day(today)?;
    if fields.keys().any(|k| !keys.contains(&k.as_str())) {
        return Err(Error::Invalid(format!(
            "This document has no such field; its fields are {}. Nothing was changed.",
            keys.join(", ")
        )));
    }
    check_lengths("This document", &fields.values().map(String::as_str).collect::<Vec<_>>())?;
    atomically(conn, |tx| write(tx, kind, keys, today, fields, now))
}

/// Copies version `id`'s fields into today's version of its kind and returns it.
pub fn restore(conn: &Connection, id: i64, today: &str, now: DateTime<Utc>) -> Result<Version> {
    let today = parse_day(today)?;
    let old = version_by_id(conn, id)?
        .ok_or_else(|| Error::Invalid("That version no longer exists.".into()))?;
    let (kind, keys) = keys_of(&old.kind)?;
    atomically(conn, |tx| write(tx, kind, keys, today, &old.fields, now))
}

/// Deletes one version for good; false if absent.
pub fn delete_version(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM doc_versions WHERE id = ?1", [id])? > 0)
}

/// Updates today's newest version or inserts a new one; `fields` overlay the newest.
fn write(
    tx: &Connection,
    kind: &str,
    keys: &[&str],
    today: NaiveDate,
    fields: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Version> {
    let newest = newest(tx, kind)?;
    let mut merged: BTreeMap<String, String> = keys
        .iter()
        .map(|k| {
            let kept = newest.as_ref().and_then(|v| v.fields.get(*k)).cloned();
            (k.to_string(), kept.unwrap_or_default())
        })
        .collect();
    for (k, v) in fields {
        merged.insert(k.clone(), v.clone());
    }
    let json = serde_json::to_string(&merged)
        .map_err(|_| Error::Invalid("This document could not be saved.".into()))?;
    let (day, now) = (day_string(today), timestamp(now));
    let id = match newest.filter(|v| v.day == day) {
        Some(v) => {
            tx.execute(
                "UPDATE doc_versions SET fields = ?1, updated_at = ?2 WHERE id = ?3",
                params![json, now, v.id],
            )?;
            v.id
        }
        None => {
            tx.execute(
                "INSERT INTO doc_versions (kind, day, created_at, updated_at, fields)
                 VALUES (?1, ?2, ?3, ?3, ?4)",
                params![kind, day, now, json],
            )?;
            tx.last_insert_rowid()
        }
    };
    version_by_id(tx, id)?.ok_or_else(|| Error::Invalid("That version no longer exists.".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM doc_versions", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn an_empty_document_has_no_versions() {
        let conn = test_db();
        let doc = get(&conn, "needs").unwrap();
        assert_eq!(doc.kind, "needs");
        assert!(doc.current.is_none() && doc.versions.is_empty());
    }

    #[test]
    fn one_version_per_day_updated_in_place() {
        let conn = test_db();
        let t0 = at("2026-03-12T09:00:00Z");
        let a =
            save(&conn, "needs", "2026-03-12", &fields(&[("relationship", "safety")]), t0).unwrap();
        let b = save(
            &conn,
            "needs",
            "2026-03-12",
            &fields(&[("fromPartner", "patience")]),
            at("2026-03-12T20:00:00Z"),
        )
        .unwrap();
        assert_eq!(a.id, b.id, "same day, same version");
        assert_eq!(b.created_at, "2026-03-12T09:00:00.000Z");
        assert_eq!(b.updated_at, "2026-03-12T20:00:00.000Z");
        assert_eq!(
            b.fields,
            fields(&[
                ("relationship", "safety"),
                ("fromPartner", "patience"),
                ("wontTolerate", "")
            ])
        );
        let c = save(
            &conn,
            "needs",
            "2026-03-13",
            &fields(&[("wontTolerate", "lies")]),
            at("2026-03-13T08:00:00Z"),
        )
        .unwrap();
        assert_ne!(c.id, a.id, "a new day starts a new version");
        assert_eq!(c.fields["relationship"], "safety", "carried forward");
        let doc = get(&conn, "needs").unwrap();
        assert_eq!(doc.current.unwrap().id, c.id);
        assert_eq!(doc.versions.iter().map(|v| v.id).collect::<Vec<_>>(), [c.id, a.id]);
        assert_eq!(doc.versions[1].preview, "safety");
    }

    #[test]
    fn kinds_are_separate() {
        let conn = test_db();
        let t = at("2026-03-12T09:00:00Z");
        save(&conn, "needs", "2026-03-12", &fields(&[("relationship", "a")]), t).unwrap();
        save(&conn, "honesty", "2026-03-12", &fields(&[("nextStep", "b")]), t).unwrap();
        assert_eq!(get(&conn, "needs").unwrap().versions.len(), 1);
        assert_eq!(get(&conn, "honesty").unwrap().versions[0].preview, "b");
        assert!(get(&conn, "accountability").unwrap().current.is_none());
    }

    #[test]
    fn restore_copies_an_old_version_into_today() {
        let conn = test_db();
        let v1 = save(
            &conn,
            "recommitment",
            "2026-01-01",
            &fields(&[("whyStay", "first words")]),
            at("2026-01-01T10:00:00Z"),
        )
        .unwrap();
        save(
            &conn,
            "recommitment",
            "2026-02-01",
            &fields(&[("whyStay", "second words")]),
            at("2026-02-01T10:00:00Z"),
        )
        .unwrap();
        let restored = restore(&conn, v1.id, "2026-03-01", at("2026-03-01T10:00:00Z")).unwrap();
        assert_eq!(restored.fields, v1.fields);
        assert_eq!(restored.day, "2026-03-01");
        assert_eq!(get(&conn, "recommitment").unwrap().versions.len(), 3);
        let again = restore(&conn, v1.id, "2026-03-01", at("2026-03-01T11:00:00Z")).unwrap();
        assert_eq!(again.id, restored.id, "restoring twice on one day keeps one version");
        assert!(matches!(
            restore(&conn, 999, "2026-03-01", at("2026-03-01T11:00:00Z")),
            Err(Error::Invalid(_))
        ));
    }

    #[test]
    fn versions_can_be_deleted() {
        let conn = test_db();
        let v =
            save(&conn, "needs", "2026-01-01", &fields(&[]), at("2026-01-01T10:00:00Z")).unwrap();
        assert_eq!(version_by_id(&conn, v.id).unwrap().unwrap().fields.len(), 3);
        assert!(delete_version(&conn, v.id).unwrap());
        assert!(!delete_version(&conn, v.id).unwrap());
        assert!(version_by_id(&conn, v.id).unwrap().is_none());
    }

    #[test]
    fn bad_input_is_invalid_and_changes_nothing() {
        let conn = test_db();
        let t = at("2026-01-01T10:00:00Z");
        let ok = fields(&[("relationship", "kept")]);
        save(&conn, "needs", "2026-01-01", &ok, t).unwrap();
        let huge = "x".repeat(MAX_FIELD_BYTES + 1);
        let cases: Vec<(&str, &str, BTreeMap<String, String>, &str)> = vec![
            ("diary", "2026-01-01", ok.clone(), "document"),
            ("needs", "2026-1-1", ok.clone(), "Dates"),
            ("needs", "yesterday", ok.clone(), "Dates"),
            ("needs", "2026-01-01", fields(&[("whyStay", "x")]), "no such field"),
            ("needs", "2026-01-01", fields(&[("relationship", &huge)]), "too long"),
        ];
        for (kind, day, f, says) in cases {
            let err = save(&conn, kind, day, &f, t).unwrap_err();
            assert!(
                matches!(&err, Error::Invalid(m) if m.contains(says) && m.ends_with("Nothing was changed.")),
                "{kind} {day}: {err}"
            );
        }
        assert_eq!(count(&conn), 1);
        assert_eq!(get(&conn, "needs").unwrap().current.unwrap().fields["relationship"], "kept");
    }

    #[test]
    fn text_is_kept_exactly() {
        let conn = test_db();
        let odd = "<i>no</i> 🌊 שלום\r\n\u{202E}x\0y";
        let big = "é".repeat(600_000);
        let v = save(
            &conn,
            "honesty",
            "2026-01-01",
            &fields(&[("whatHappened", odd), ("notYetSaid", &big)]),
            at("2026-01-01T10:00:00Z"),
        )
        .unwrap();
        let back = version_by_id(&conn, v.id).unwrap().unwrap();
        assert_eq!(back.fields["whatHappened"], odd);
        assert_eq!(back.fields["notYetSaid"], big);
    }

    #[test]
    fn the_database_refuses_what_the_code_would() {
        let conn = test_db();
        for (kind, day, json) in [
            ("diary", "2026-01-01", "{}"),
            ("needs", "01/01/2026", "{}"),
            ("needs", "2026-01-01", "[]"),
            ("needs", "2026-01-01", "not json"),
        ] {
            let r = conn.execute(
                "INSERT INTO doc_versions (kind, day, created_at, updated_at, fields) VALUES (?1, ?2, 't', 't', ?3)",
                [kind, day, json],
            );
            assert!(r.is_err(), "{kind} {day} {json}");
        }
    }

    #[test]
    fn versions_serialize_in_camel_case() {
        let conn = test_db();
        let v =
            save(&conn, "needs", "2026-01-01", &fields(&[]), at("2026-01-01T10:00:00Z")).unwrap();
        let json = serde_json::to_value(&v).unwrap();
        for key in ["id", "kind", "day", "createdAt", "updatedAt", "fields"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["fields"]["wontTolerate"], "");
        let doc = serde_json::to_value(get(&conn, "needs").unwrap()).unwrap();
        assert_eq!(doc["versions"][0]["preview"], "");
        assert!(doc["versions"][0].get("createdAt").is_some());
    }
}
