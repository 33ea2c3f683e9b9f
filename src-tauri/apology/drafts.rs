//! Apology drafts kept in the vault (tables `apology_drafts` and `apology_versions`): the
//! words as dated versions, the guided builder's answers, when the draft was marked
//! ready, and the cool-off before it can be. The checker ([`super::check`]) stores
//! nothing; this module never calls it.
//!
//! Invariants:
//! - one version per local day, the living documents' rule ([`crate::workbook::docs`]): a
//!   save updates the newest version when it was made on the same `today` (the window's
//!   local day) and otherwise adds one. A draft's title and body are its newest
//!   version's. A save that changes neither title nor body writes no version, so opening
//!   or copying a draft on a new day does not add a copy of yesterday's;
//! - any save or restore that changes the title or the body clears `readyAt`: changed
//!   words need another look. Steps alone do not;
//! - `coolOffUntil` is `createdAt` plus the cool-off setting as it is now (0..=168 hours,
//!   default 24), so changing the setting moves it for every draft; a draft cannot be
//!   marked ready before then;
//! - text is stored exactly as typed, up to the workbook's per-field limit; a refused
//!   input is an [`Error::Invalid`] and changes nothing; the clock comes in as `now`.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::vault::{settings_get, settings_set};
use crate::workbook::journal::timestamp;
use crate::workbook::{
    atomically, check_lengths, day_month, day_string, parse_day, parse_instant, preview,
};

/// Settings key for the cool-off, in whole hours.
pub const COOL_OFF_KEY: &str = "apology_cool_off_hours";
/// The cool-off when none was chosen.
pub const DEFAULT_COOL_OFF_HOURS: u32 = 24;
/// The longest cool-off offered: one week.
pub const MAX_COOL_OFF_HOURS: u32 = 168;

/// Characters of a version's preview.
const PREVIEW_CHARS: usize = 80;
/// Characters of a body read for its preview (a version list never loads whole bodies).
const PREVIEW_SOURCE_CHARS: usize = 400;

/// The guided builder's answers, one text per step. Steps left out are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Steps {
    pub behavior: String,
    pub impact: String,
    pub responsibility: String,
    pub remorse: String,
    pub repair: String,
    pub forgiveness: String,
}

impl Steps {
    /// Each step's question (as the builder asks it) and answer, in the builder's order.
    pub fn labelled(&self) -> [(&'static str, &str); 6] {
        [
            ("What did you do?", &self.behavior),
            ("How did it affect your partner?", &self.impact),
            ("Take responsibility", &self.responsibility),
            ("Say you are sorry, and what for", &self.remorse),
            ("What will you do differently?", &self.repair),
            ("Asking for forgiveness (optional)", &self.forgiveness),
        ]
    }

    /// True when no step has an answer.
    pub fn is_empty(&self) -> bool {
        self.labelled().iter().all(|(_, text)| text.is_empty())
    }
}

/// What the window sends to save: a new draft (`id` null) or an edit of one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftInput {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// Absent or null keeps the draft's steps (a new draft starts with none).
    #[serde(default)]
    pub steps: Option<Steps>,
    /// The window's local day, `YYYY-MM-DD`.
    pub today: String,
}

/// A draft in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: i64,
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
    pub ready_at: Option<String>,
    pub cool_off_until: String,
}

/// A version in a draft's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    pub id: i64,
    pub day: String,
    pub saved_at: String,
    pub preview: String,
}

/// One version's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub id: i64,
    #[serde(skip)]
    pub draft_id: i64,
    pub day: String,
    pub saved_at: String,
    pub title: String,
    pub body: String,
}

/// A draft with its current words and its versions, newest first (the first is the
/// current one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub steps: Steps,
    pub created_at: String,
    pub updated_at: String,
    pub ready_at: Option<String>,
    pub cool_off_until: String,
    pub versions: Vec<VersionSummary>,
}

/// A draft with the words of every version, oldest first (for export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Kept {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub steps: Steps,
    pub created_at: String,
    pub updated_at: String,
    pub ready_at: Option<String>,
    pub cool_off_until: String,
    pub versions: Vec<Version>,
}

/// The apology settings the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub cool_off_hours: u32,
}

/// A new cool-off, as the window sends it (a JSON number, checked here).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsChange {
    pub cool_off_hours: f64,
}

/// The non-versioned part of a draft, as stored.
struct Stored {
    id: i64,
    steps: String,
    created_at: String,
    updated_at: String,
    ready_at: Option<String>,
}

fn gone() -> Error {
    Error::Invalid("That draft no longer exists. Nothing was changed.".into())
}

fn version_gone() -> Error {
    Error::Invalid("That version no longer exists. Nothing was changed.".into())
}

fn stored(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    Ok(conn
        .query_row(
            "SELECT id, steps, created_at, updated_at, ready_at FROM apology_drafts WHERE id = ?1",
            [id],
            |r| {
                Ok(Stored {
                    id: r.get(0)?,
                    steps: r.get(1)?,
                    created_at: r.get(2)?,
                    updated_at: r.get(3)?,
                    ready_at: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Parses stored steps; the code only ever writes an object of strings.
fn parse_steps(json: &str) -> Result<Steps> {
    serde_json::from_str(json)
        .map_err(|_| Error::Invalid("This draft could not be read. Nothing was changed.".into()))
}

fn steps_json(steps: &Steps) -> Result<String> {
    serde_json::to_string(steps)
        .map_err(|_| Error::Invalid("This draft could not be saved. Nothing was changed.".into()))
}

const VERSION_COLUMNS: &str = "id, draft_id, day, saved_at, title, body";
/// Newest first; `created_at` keeps a clock moved back from reordering the days.
const NEWEST_FIRST: &str = "ORDER BY created_at DESC, id DESC";

fn version_row(r: &Row<'_>) -> rusqlite::Result<Version> {
    Ok(Version {
        id: r.get(0)?,
        draft_id: r.get(1)?,
        day: r.get(2)?,
        saved_at: r.get(3)?,
        title: r.get(4)?,
        body: r.get(5)?,
    })
}

/// The newest version of draft `id`: its current words.
fn newest(conn: &Connection, id: i64) -> Result<Option<Version>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {VERSION_COLUMNS} FROM apology_versions WHERE draft_id = ?1
                 {NEWEST_FIRST} LIMIT 1"
            ),
            [id],
            version_row,
        )
        .optional()?)
}

/// The cool-off in hours: the stored setting, or the default when it is missing or not
/// one of the allowed values.
pub fn cool_off_hours(conn: &Connection) -> Result<u32> {
    Ok(settings_get(conn, COOL_OFF_KEY)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|h| *h <= MAX_COOL_OFF_HOURS)
        .unwrap_or(DEFAULT_COOL_OFF_HOURS))
}

/// The apology settings.
pub fn settings(conn: &Connection) -> Result<Settings> {
    Ok(Settings { cool_off_hours: cool_off_hours(conn)? })
}

/// Sets the cool-off: a whole number of hours from 0 to [`MAX_COOL_OFF_HOURS`].
pub fn set_settings(conn: &Connection, change: &SettingsChange) -> Result<()> {
    let h = change.cool_off_hours;
    if h.fract() != 0.0 || !(0.0..=f64::from(MAX_COOL_OFF_HOURS)).contains(&h) {
        return Err(Error::Invalid(
            "Choose a cool-off of whole hours, from 0 to 168 (one week). Nothing was changed."
                .into(),
        ));
    }
    Ok(settings_set(conn, COOL_OFF_KEY, &(h as u32).to_string())?)
}

/// When a draft made at `created_at` may be marked ready.
fn cool_off_end(created_at: &str, hours: u32) -> Result<DateTime<Utc>> {
    Ok(parse_instant(created_at)? + Duration::hours(i64::from(hours)))
}

/// Every draft, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Summary>> {
    let hours = cool_off_hours(conn)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT d.id, d.created_at, d.updated_at, d.ready_at,
                coalesce((SELECT v.title FROM apology_versions v WHERE v.draft_id = d.id
                          {NEWEST_FIRST} LIMIT 1), '')
         FROM apology_drafts d ORDER BY d.created_at DESC, d.id DESC"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (id, created_at, updated_at, ready_at, title) = row?;
        Ok(Summary {
            id,
            title,
            cool_off_until: timestamp(cool_off_end(&created_at, hours)?),
            created_at,
            updated_at,
            ready_at,
        })
    })
    .collect()
}

/// Draft `id` with its current words and history.
pub fn get(conn: &Connection, id: i64) -> Result<Draft> {
    let d = stored(conn, id)?.ok_or_else(gone)?;
    let current = newest(conn, id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, day, saved_at, title,
                substr(ltrim(body, ' ' || char(9, 10, 13)), 1, {PREVIEW_SOURCE_CHARS})
         FROM apology_versions WHERE draft_id = ?1 {NEWEST_FIRST}"
    ))?;
    let versions = stmt
        .query_map([id], |r| {
            let (title, head): (String, String) = (r.get(3)?, r.get(4)?);
            let from_body = preview(&head, PREVIEW_CHARS);
            Ok(VersionSummary {
                id: r.get(0)?,
                day: r.get(1)?,
                saved_at: r.get(2)?,
                preview: if from_body.is_empty() {
                    preview(&title, PREVIEW_CHARS)
                } else {
                    from_body
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (title, body) = current.map(|v| (v.title, v.body)).unwrap_or_default();
    Ok(Draft {
        id: d.id,
        title,
        body,
        steps: parse_steps(&d.steps)?,
        cool_off_until: timestamp(cool_off_end(&d.created_at, cool_off_hours(conn)?)?),
        created_at: d.created_at,
        updated_at: d.updated_at,
        ready_at: d.ready_at,
        versions,
    })
}

/// The current body of draft `id` (for copying), without its history.
pub fn body(conn: &Connection, id: i64) -> Result<String> {
    stored(conn, id)?.ok_or_else(gone)?;
    Ok(newest(conn, id)?.map(|v| v.body).unwrap_or_default())
}

/// One version's words.
pub fn version(conn: &Connection, id: i64) -> Result<Version> {
    conn.query_row(
        &format!("SELECT {VERSION_COLUMNS} FROM apology_versions WHERE id = ?1"),
        [id],
        version_row,
    )
    .optional()?
    .ok_or_else(version_gone)
}

/// Saves `input`: creates a draft when `id` is null, else edits it by the module's rules.
pub fn save(conn: &Connection, input: &DraftInput, now: DateTime<Utc>) -> Result<Draft> {
    let today = parse_day(&input.today)?;
    let mut texts = vec![input.title.as_str(), input.body.as_str()];
    if let Some(steps) = &input.steps {
        texts.extend(steps.labelled().map(|(_, text)| text));
    }
    check_lengths("This draft", &texts)?;
    atomically(conn, |tx| {
        let id = match input.id {
            Some(id) => {
                write(tx, id, today, &input.title, &input.body, input.steps.as_ref(), now)?;
                id
            }
            None => create(tx, input, today, now)?,
        };
        get(tx, id)
    })
}

/// Copies version `id`'s title and body into today's version of its draft.
pub fn restore(conn: &Connection, id: i64, today: &str, now: DateTime<Utc>) -> Result<Draft> {
    let today = parse_day(today)?;
    atomically(conn, |tx| {
        let old = version(tx, id)?;
        write(tx, old.draft_id, today, &old.title, &old.body, None, now)?;
        get(tx, old.draft_id)
    })
}

/// Marks draft `id` ready (refused before its cool-off ends) or not ready. Marking an
/// already-ready draft keeps the first time. `local` turns a UTC time into the person's
/// local time, for the sentence that says when.
pub fn set_ready(
    conn: &Connection,
    id: i64,
    ready: bool,
    now: DateTime<Utc>,
    local: impl Fn(DateTime<Utc>) -> DateTime<FixedOffset>,
) -> Result<Draft> {
    atomically(conn, |tx| {
        let d = stored(tx, id)?.ok_or_else(gone)?;
        if !ready {
            tx.execute("UPDATE apology_drafts SET ready_at = NULL WHERE id = ?1", [id])?;
        } else if d.ready_at.is_none() {
            let until = cool_off_end(&d.created_at, cool_off_hours(tx)?)?;
            if now < until {
                return Err(Error::Invalid(format!(
                    "You can mark this ready after {}. A pause helps the words settle.",
                    when(until, local(now), &local)
                )));
            }
            tx.execute(
                "UPDATE apology_drafts SET ready_at = ?1 WHERE id = ?2",
                params![timestamp(now), id],
            )?;
        }
        get(tx, id)
    })
}

/// Deletes draft `id` and every version of it for good; false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    atomically(conn, |tx| {
        tx.execute("DELETE FROM apology_versions WHERE draft_id = ?1", [id])?;
        Ok(tx.execute("DELETE FROM apology_drafts WHERE id = ?1", [id])? > 0)
    })
}

/// Every draft with every version's words, oldest first (for export).
pub fn all(conn: &Connection) -> Result<Vec<Kept>> {
    let mut versions_of = conn.prepare(&format!(
        "SELECT {VERSION_COLUMNS} FROM apology_versions WHERE draft_id = ?1
         ORDER BY created_at, id"
    ))?;
    let mut kept = Vec::new();
    for summary in list(conn)?.into_iter().rev() {
        let d = stored(conn, summary.id)?.ok_or_else(gone)?;
        let versions =
            versions_of.query_map([d.id], version_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let body = versions.last().map(|v| v.body.clone()).unwrap_or_default();
        kept.push(Kept {
            id: d.id,
            title: summary.title,
            body,
            steps: parse_steps(&d.steps)?,
            created_at: d.created_at,
            updated_at: d.updated_at,
            ready_at: d.ready_at,
            cool_off_until: summary.cool_off_until,
            versions,
        });
    }
    Ok(kept)
}

/// Inserts a draft and its first version; returns its id.
fn create(
    tx: &Connection,
    input: &DraftInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    let now = timestamp(now);
    tx.execute(
        "INSERT INTO apology_drafts (steps, created_at, updated_at) VALUES (?1, ?2, ?2)",
        params![steps_json(&input.steps.clone().unwrap_or_default())?, now],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO apology_versions (draft_id, day, created_at, saved_at, title, body)
         VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
        params![id, day_string(today), now, input.title, input.body],
    )?;
    Ok(id)
}

/// Writes new words into today's version of draft `id` (clearing `readyAt`) when they
/// differ from the current ones, and new steps when they differ from the stored ones.
fn write(
    tx: &Connection,
    id: i64,
    today: NaiveDate,
    title: &str,
    body: &str,
    steps: Option<&Steps>,
    now: DateTime<Utc>,
) -> Result<()> {
    let d = stored(tx, id)?.ok_or_else(gone)?;
    let newest = newest(tx, id)?;
    let now = timestamp(now);
    let words_changed = newest.as_ref().is_none_or(|v| v.title != title || v.body != body);
    if words_changed {
        let day = day_string(today);
        match newest.filter(|v| v.day == day) {
            Some(v) => tx.execute(
                "UPDATE apology_versions SET title = ?1, body = ?2, saved_at = ?3 WHERE id = ?4",
                params![title, body, now, v.id],
            )?,
            None => tx.execute(
                "INSERT INTO apology_versions (draft_id, day, created_at, saved_at, title, body)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
                params![id, day, now, title, body],
            )?,
        };
        tx.execute(
            "UPDATE apology_drafts SET ready_at = NULL, updated_at = ?1 WHERE id = ?2",
            params![now, id],
        )?;
    }
    let old_steps = parse_steps(&d.steps).ok();
    if let Some(steps) = steps.filter(|s| old_steps.as_ref() != Some(*s)) {
        tx.execute(
            "UPDATE apology_drafts SET steps = ?1, updated_at = ?2 WHERE id = ?3",
            params![steps_json(steps)?, now, id],
        )?;
    }
    Ok(())
}

/// `until` in the person's local time, to the minute, rounded up so that the time named
/// has really passed: "13 March at 10:01" (with the year when it is not this one).
fn when(
    until: DateTime<Utc>,
    local_now: DateTime<FixedOffset>,
    local: impl Fn(DateTime<Utc>) -> DateTime<FixedOffset>,
) -> String {
    let whole_minute = until.second() == 0 && until.nanosecond() == 0;
    let minute = until.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(until);
    let shown = local(if whole_minute { until } else { minute + Duration::minutes(1) });
    format!(
        "{} at {:02}:{:02}",
        day_month(shown.date_naive(), local_now.year()),
        shown.hour(),
        shown.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    const DAY1: &str = "2026-03-12";
    const DAY2: &str = "2026-03-13";

    fn input(id: Option<i64>, title: &str, body: &str, today: &str) -> DraftInput {
        DraftInput { id, title: title.into(), body: body.into(), steps: None, today: today.into() }
    }

    fn new_draft(conn: &Connection, body: &str) -> Draft {
        save(conn, &input(None, "For her", body, DAY1), at("2026-03-12T09:00:00Z")).unwrap()
    }

    fn edit(conn: &Connection, d: &Draft, body: &str, today: &str, now: &str) -> Draft {
        save(conn, &input(Some(d.id), &d.title, body, today), at(now)).unwrap()
    }

    /// Local time one hour east of UTC (Central European winter time).
    fn cet(t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&FixedOffset::east_opt(3600).unwrap())
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    fn invalid_saying(result: Result<impl std::fmt::Debug>, says: &str) {
        match result {
            Err(Error::Invalid(m)) => assert!(m.contains(says), "{m:?} should say {says:?}"),
            other => panic!("expected Invalid saying {says:?}, got {other:?}"),
        }
    }

    mod a_draft {
        use super::*;

        #[test]
        fn is_created_edited_listed_and_deleted() {
            let conn = test_db();
            let d = new_draft(&conn, "I lied to you.");
            assert_eq!((d.title.as_str(), d.body.as_str()), ("For her", "I lied to you."));
            assert_eq!(d.created_at, "2026-03-12T09:00:00.000Z");
            assert_eq!(d.updated_at, d.created_at);
            assert_eq!(d.ready_at, None);
            assert_eq!(d.steps, Steps::default(), "a new draft without steps has empty ones");
            assert_eq!(d.versions.len(), 1);

            let e = save(
                &conn,
                &input(Some(d.id), "For Sam", "I lied to you for months.", DAY1),
                at("2026-03-12T10:00:00Z"),
            )
            .unwrap();
            assert_eq!(e.id, d.id);
            assert_eq!(
                (e.title.as_str(), e.body.as_str()),
                ("For Sam", "I lied to you for months.")
            );
            assert_eq!(e.created_at, d.created_at, "editing keeps when it was begun");
            assert_eq!(e.updated_at, "2026-03-12T10:00:00.000Z");

            let other =
                save(&conn, &input(None, "Second", "", DAY2), at("2026-03-13T09:00:00Z")).unwrap();
            let listed = list(&conn).unwrap();
            assert_eq!(
                listed.iter().map(|s| (s.id, s.title.as_str())).collect::<Vec<_>>(),
                [(other.id, "Second"), (d.id, "For Sam")],
                "newest first, with the current title"
            );

            assert!(delete(&conn, d.id).unwrap());
            assert!(!delete(&conn, d.id).unwrap(), "deleting twice finds nothing");
            invalid_saying(get(&conn, d.id), "no longer exists");
            assert_eq!(list(&conn).unwrap().len(), 1);
        }

        #[test]
        fn that_is_gone_cannot_be_saved_restored_marked_or_copied() {
            let conn = test_db();
            let t = at("2026-03-12T09:00:00Z");
            invalid_saying(save(&conn, &input(Some(42), "t", "b", DAY1), t), "no longer exists");
            invalid_saying(restore(&conn, 42, DAY1, t), "version no longer exists");
            invalid_saying(set_ready(&conn, 42, true, t, cet), "no longer exists");
            invalid_saying(body(&conn, 42), "no longer exists");
            invalid_saying(version(&conn, 42), "version no longer exists");
            assert_eq!(count(&conn, "apology_drafts"), 0, "nothing was created");
        }

        #[test]
        fn deleted_takes_every_version_with_it() {
            let conn = test_db();
            let d = new_draft(&conn, "one");
            edit(&conn, &d, "two", DAY2, "2026-03-13T09:00:00Z");
            let kept = new_draft(&conn, "another");
            assert_eq!(count(&conn, "apology_versions"), 3);
            assert!(delete(&conn, d.id).unwrap());
            assert_eq!(count(&conn, "apology_versions"), 1, "only the other draft's version");
            assert_eq!(get(&conn, kept.id).unwrap().body, "another");
        }

        #[test]
        fn deleted_with_foreign_keys_on_cascades_too() {
            let conn = test_db();
            conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
            let d = new_draft(&conn, "one");
            conn.execute("DELETE FROM apology_drafts WHERE id = ?1", [d.id]).unwrap();
            assert_eq!(count(&conn, "apology_versions"), 0, "the schema cascades as well");
            let orphan = conn.execute(
                "INSERT INTO apology_versions (draft_id, day, created_at, saved_at) VALUES (999, ?1, 't', 't')",
                [DAY1],
            );
            assert!(orphan.is_err(), "a version needs its draft");
        }
    }

    mod versions {
        use super::*;

        #[test]
        fn are_one_per_day_updated_in_place() {
            let conn = test_db();
            let d = new_draft(&conn, "first");
            let same_day = edit(&conn, &d, "first, better", DAY1, "2026-03-12T21:00:00Z");
            assert_eq!(same_day.versions.len(), 1, "same day, same version");
            assert_eq!(same_day.versions[0].id, d.versions[0].id);
            assert_eq!(same_day.versions[0].saved_at, "2026-03-12T21:00:00.000Z");
            assert_eq!(same_day.versions[0].preview, "first, better");

            let next = edit(&conn, &same_day, "second day", DAY2, "2026-03-13T08:00:00Z");
            assert_eq!(
                next.versions
                    .iter()
                    .map(|v| (v.day.as_str(), v.preview.as_str()))
                    .collect::<Vec<_>>(),
                [(DAY2, "second day"), (DAY1, "first, better")],
                "newest first; the first is the current text"
            );
            let old = version(&conn, next.versions[1].id).unwrap();
            assert_eq!((old.day.as_str(), old.body.as_str()), (DAY1, "first, better"));
            assert_eq!(old.title, "For her");
        }

        #[test]
        fn are_not_added_by_a_save_that_changes_no_words() {
            let conn = test_db();
            let d = new_draft(&conn, "the same words");
            let again = edit(&conn, &d, "the same words", DAY2, "2026-03-13T08:00:00Z");
            assert_eq!(again.versions.len(), 1, "copying or reopening on a new day adds nothing");
            assert_eq!(again.updated_at, d.updated_at, "nothing changed");
        }

        #[test]
        fn can_be_restored_into_today() {
            let conn = test_db();
            let d = new_draft(&conn, "first words");
            let first = d.versions[0].id;
            edit(&conn, &d, "second words", DAY2, "2026-03-13T09:00:00Z");
            let restored = restore(&conn, first, "2026-03-14", at("2026-03-14T09:00:00Z")).unwrap();
            assert_eq!(restored.body, "first words");
            assert_eq!(restored.versions.len(), 3, "earlier days are kept");
            assert_eq!(restored.versions[0].day, "2026-03-14");
            let again = restore(&conn, first, "2026-03-14", at("2026-03-14T10:00:00Z")).unwrap();
            assert_eq!(again.versions.len(), 3, "restoring twice on one day keeps one version");
            let second = restored.versions[1].id;
            let back = restore(&conn, second, "2026-03-14", at("2026-03-14T11:00:00Z")).unwrap();
            assert_eq!(back.body, "second words");
            assert_eq!(back.versions.len(), 3, "today's version took the restored words");
            invalid_saying(
                restore(&conn, first, "14/03/2026", at("2026-03-14T11:00:00Z")),
                "Dates",
            );
        }

        #[test]
        fn preview_the_body_or_else_the_title() {
            let conn = test_db();
            let d = save(
                &conn,
                &input(None, "Only a title", "\n\n  \t", DAY1),
                at("2026-03-12T09:00:00Z"),
            )
            .unwrap();
            assert_eq!(d.versions[0].preview, "Only a title");
            let long = format!("\n\n   {}", "word ".repeat(100));
            let e = edit(&conn, &d, &long, DAY1, "2026-03-12T10:00:00Z");
            let shown = &e.versions[0].preview;
            assert!(shown.starts_with("word word") && shown.ends_with('…'), "{shown}");
            assert!(shown.chars().count() <= PREVIEW_CHARS + 1, "{shown}");
        }
    }

    mod cool_off {
        use super::*;

        #[test]
        fn refuses_ready_before_the_time_and_allows_it_after() {
            let conn = test_db();
            let d = save(&conn, &input(None, "t", "words", DAY1), at("2026-03-12T09:00:00.500Z"))
                .unwrap();
            assert_eq!(d.cool_off_until, "2026-03-13T09:00:00.500Z", "24 hours by default");
            let early = set_ready(&conn, d.id, true, at("2026-03-13T09:00:00Z"), cet).unwrap_err();
            assert_eq!(
                early.to_string(),
                "You can mark this ready after 13 March at 10:01. A pause helps the words settle.",
                "local time, rounded up to a minute that has really passed"
            );
            assert_eq!(get(&conn, d.id).unwrap().ready_at, None, "the refusal changed nothing");

            let r = set_ready(&conn, d.id, true, at("2026-03-13T09:00:00.500Z"), cet).unwrap();
            assert_eq!(r.ready_at.as_deref(), Some("2026-03-13T09:00:00.500Z"));
            let again = set_ready(&conn, d.id, true, at("2026-03-14T09:00:00Z"), cet).unwrap();
            assert_eq!(again.ready_at, r.ready_at, "marking twice keeps the first time");
            let not = set_ready(&conn, d.id, false, at("2026-03-14T09:00:00Z"), cet).unwrap();
            assert_eq!(not.ready_at, None);
        }

        #[test]
        fn names_the_year_when_it_is_not_this_one() {
            let conn = test_db();
            let d = save(&conn, &input(None, "t", "w", "2026-12-31"), at("2026-12-31T20:00:00Z"))
                .unwrap();
            let err = set_ready(&conn, d.id, true, at("2026-12-31T21:00:00Z"), cet).unwrap_err();
            assert!(err.to_string().contains("after 1 January 2027 at 21:00."), "{err}");
        }

        #[test]
        fn follows_the_setting_for_every_draft() {
            let conn = test_db();
            let d = new_draft(&conn, "words");
            set_settings(&conn, &SettingsChange { cool_off_hours: 0.0 }).unwrap();
            let now = get(&conn, d.id).unwrap();
            assert_eq!(now.cool_off_until, now.created_at, "no cool-off");
            set_ready(&conn, d.id, true, at("2026-03-12T09:00:00Z"), cet).unwrap();
            set_settings(&conn, &SettingsChange { cool_off_hours: 168.0 }).unwrap();
            assert_eq!(list(&conn).unwrap()[0].cool_off_until, "2026-03-19T09:00:00.000Z");
        }

        #[test]
        fn readiness_is_cleared_by_changed_words_only() {
            let conn = test_db();
            set_settings(&conn, &SettingsChange { cool_off_hours: 0.0 }).unwrap();
            let d = new_draft(&conn, "words");
            let t = at("2026-03-12T10:00:00Z");
            set_ready(&conn, d.id, true, t, cet).unwrap();

            let same = edit(&conn, &d, "words", DAY1, "2026-03-12T11:00:00Z");
            assert!(same.ready_at.is_some(), "an unchanged save keeps it ready");
            let steps = Steps { repair: "therapy on Tuesdays".into(), ..Steps::default() };
            let with_steps = save(
                &conn,
                &DraftInput {
                    steps: Some(steps.clone()),
                    ..input(Some(d.id), "For her", "words", DAY1)
                },
                at("2026-03-12T11:30:00Z"),
            )
            .unwrap();
            assert!(with_steps.ready_at.is_some(), "steps alone keep it ready");
            assert_eq!(with_steps.steps, steps);

            let changed = edit(&conn, &d, "words, changed", DAY1, "2026-03-12T12:00:00Z");
            assert_eq!(changed.ready_at, None, "changed words need another look");

            set_ready(&conn, d.id, true, t, cet).unwrap();
            let retitled = save(
                &conn,
                &input(Some(d.id), "New title", "words, changed", DAY1),
                at("2026-03-12T13:00:00Z"),
            )
            .unwrap();
            assert_eq!(retitled.ready_at, None, "a new title counts as a change");

            let next_day =
                edit(&conn, &retitled, "the next day's words", DAY2, "2026-03-13T09:00:00Z");
            set_ready(&conn, d.id, true, at("2026-03-13T10:00:00Z"), cet).unwrap();
            let day_one = next_day.versions[1].id;
            let restored = restore(&conn, day_one, DAY2, at("2026-03-13T11:00:00Z")).unwrap();
            assert_eq!(restored.body, "words, changed");
            assert_eq!(restored.ready_at, None, "restoring other words counts as a change");
        }
    }

    mod settings {
        use super::*;

        #[test]
        fn default_to_a_day_and_keep_whole_hours_within_a_week() {
            let conn = test_db();
            assert_eq!(settings(&conn).unwrap(), Settings { cool_off_hours: 24 });
            for ok in [0.0, 1.0, 168.0] {
                set_settings(&conn, &SettingsChange { cool_off_hours: ok }).unwrap();
                assert_eq!(settings(&conn).unwrap().cool_off_hours, ok as u32);
            }
            for bad in [-1.0, 169.0, 2.5, f64::NAN, f64::INFINITY, 1e12] {
                invalid_saying(
                    set_settings(&conn, &SettingsChange { cool_off_hours: bad }),
                    "from 0 to 168",
                );
                assert_eq!(settings(&conn).unwrap().cool_off_hours, 168, "{bad} changed nothing");
            }
        }

        #[test]
        fn a_damaged_stored_value_reads_as_the_default() {
            let conn = test_db();
            for stored in ["", "abc", "-3", "500", "24.5"] {
                settings_set(&conn, COOL_OFF_KEY, stored).unwrap();
                assert_eq!(cool_off_hours(&conn).unwrap(), DEFAULT_COOL_OFF_HOURS, "{stored:?}");
            }
        }

        #[test]
        fn travel_in_camel_case() {
            let change: SettingsChange = serde_json::from_str(r#"{ "coolOffHours": 12 }"#).unwrap();
            assert_eq!(change.cool_off_hours, 12.0);
            assert_eq!(
                serde_json::to_string(&Settings { cool_off_hours: 12 }).unwrap(),
                r#"{"coolOffHours":12}"#
            );
        }
    }

    mod text {
        use super::*;

        #[test]
        fn steps_round_trip() {
            let conn = test_db();
            let steps = Steps {
                behavior: "I hid the messages.".into(),
                impact: "You doubted yourself.".into(),
                responsibility: "It was my choice.".into(),
                remorse: "I am sorry for the pain.".into(),
                repair: "I will answer every question.".into(),
                forgiveness: String::new(),
            };
            let d = save(
                &conn,
                &DraftInput { steps: Some(steps.clone()), ..input(None, "t", "b", DAY1) },
                at("2026-03-12T09:00:00Z"),
            )
            .unwrap();
            assert_eq!(d.steps, steps);
            let kept = edit(&conn, &d, "b2", DAY1, "2026-03-12T10:00:00Z");
            assert_eq!(kept.steps, steps, "steps not sent are kept");
            let json = serde_json::to_value(&kept).unwrap();
            assert_eq!(json["steps"]["behavior"], "I hid the messages.");
            let from_window: DraftInput = serde_json::from_value(serde_json::json!({
                "id": d.id, "title": "t", "body": "b2", "today": DAY1,
                "steps": { "repair": "only this" },
            }))
            .unwrap();
            let partial = save(&conn, &from_window, at("2026-03-12T11:00:00Z")).unwrap();
            assert_eq!(partial.steps, Steps { repair: "only this".into(), ..Steps::default() });
        }

        #[test]
        fn a_megabyte_body_is_kept_whole() {
            let conn = test_db();
            let big = "I am sorry. ".repeat(90_000);
            assert!(big.len() > 1_000_000);
            let d = new_draft(&conn, &big);
            assert_eq!(get(&conn, d.id).unwrap().body, big);
            assert_eq!(body(&conn, d.id).unwrap(), big);
            assert!(d.versions[0].preview.ends_with('…'));
        }

        #[test]
        fn markup_emoji_and_rtl_are_stored_exactly() {
            let conn = test_db();
            let odd = "<script>alert(1)</script> **not bold** 🌊💔🏳️‍🌈 שלום عليكم\r\n\u{202E}x\0y\t";
            let d = save(&conn, &input(None, odd, odd, DAY1), at("2026-03-12T09:00:00Z")).unwrap();
            let back = get(&conn, d.id).unwrap();
            assert_eq!((back.title.as_str(), back.body.as_str()), (odd, odd));
            let v = version(&conn, d.versions[0].id).unwrap();
            assert_eq!((v.title.as_str(), v.body.as_str()), (odd, odd));
            assert_eq!(list(&conn).unwrap()[0].title, odd);
        }

        #[test]
        fn too_long_or_badly_dated_input_changes_nothing() {
            let conn = test_db();
            let d = new_draft(&conn, "kept");
            let huge = "x".repeat(MAX_FIELD_BYTES + 1);
            let t = at("2026-03-12T10:00:00Z");
            invalid_saying(save(&conn, &input(Some(d.id), "t", &huge, DAY1), t), "too long");
            let long_step = DraftInput {
                steps: Some(Steps { impact: huge.clone(), ..Steps::default() }),
                ..input(Some(d.id), "t", "b", DAY1)
            };
            invalid_saying(save(&conn, &long_step, t), "too long");
            invalid_saying(save(&conn, &input(None, "t", "b", "yesterday"), t), "Dates");
            assert_eq!(get(&conn, d.id).unwrap().body, "kept");
            assert_eq!(count(&conn, "apology_drafts"), 1);
        }

        #[test]
        fn the_database_refuses_what_the_code_would() {
            let conn = test_db();
            let d = new_draft(&conn, "x");
            for steps in ["[]", "not json"] {
                let r = conn.execute(
                    "INSERT INTO apology_drafts (steps, created_at, updated_at) VALUES (?1, 't', 't')",
                    [steps],
                );
                assert!(r.is_err(), "{steps}");
            }
            let r = conn.execute(
                "INSERT INTO apology_versions (draft_id, day, created_at, saved_at) VALUES (?1, '12/03/2026', 't', 't')",
                [d.id],
            );
            assert!(r.is_err(), "days are YYYY-MM-DD");
        }
    }

    mod wire {
        use super::*;

        #[test]
        fn drafts_summaries_and_versions_have_the_contract_keys() {
            let conn = test_db();
            let d = new_draft(&conn, "words");
            let keys = |v: &serde_json::Value| {
                let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
                k.sort();
                k
            };
            let draft = serde_json::to_value(&d).unwrap();
            assert_eq!(
                keys(&draft),
                [
                    "body",
                    "coolOffUntil",
                    "createdAt",
                    "id",
                    "readyAt",
                    "steps",
                    "title",
                    "updatedAt",
                    "versions"
                ]
            );
            assert!(draft["readyAt"].is_null());
            assert_eq!(keys(&draft["versions"][0]), ["day", "id", "preview", "savedAt"]);
            assert_eq!(
                keys(&draft["steps"]),
                ["behavior", "forgiveness", "impact", "remorse", "repair", "responsibility"]
            );
            let summary = serde_json::to_value(&list(&conn).unwrap()[0]).unwrap();
            assert_eq!(
                keys(&summary),
                ["coolOffUntil", "createdAt", "id", "readyAt", "title", "updatedAt"]
            );
            let v = serde_json::to_value(version(&conn, d.versions[0].id).unwrap()).unwrap();
            assert_eq!(keys(&v), ["body", "day", "id", "savedAt", "title"]);
        }

        #[test]
        fn a_new_draft_from_the_window_needs_no_id_or_steps() {
            let from_window: DraftInput = serde_json::from_value(serde_json::json!({
                "id": null, "title": "Untitled draft", "body": "", "steps": null, "today": DAY1,
            }))
            .unwrap();
            assert_eq!(from_window, input(None, "Untitled draft", "", DAY1));
        }
    }

    mod export {
        use super::*;

        #[test]
        fn holds_every_version_oldest_first() {
            let conn = test_db();
            let d = new_draft(&conn, "one");
            edit(&conn, &d, "two", DAY2, "2026-03-13T09:00:00Z");
            new_draft(&conn, "other");
            let all = all(&conn).unwrap();
            assert_eq!(all.len(), 2);
            assert_eq!(all[0].id, d.id, "oldest draft first");
            assert_eq!(all[0].body, "two");
            assert_eq!(
                all[0].versions.iter().map(|v| v.body.as_str()).collect::<Vec<_>>(),
                ["one", "two"]
            );
        }
    }
}
