//! The self-care workbook's domain: plain functions over a `rusqlite::Connection`,
//! knowing nothing of Tauri.
//!
//! - `journal` and `prompts`: free and guided writing, full-text search;
//! - `docs`: living documents kept as one version per day (needs and boundaries, the
//!   accountability plan, the honesty reflection, recommitment), and `accountability`,
//!   which notices a plan that hands monitoring to the partner;
//! - `checkins`: emotion check-ins and their waves; `triggers`: the trigger log and its
//!   patterns; `questions`: the partner's questions and the answers given; `rewoo`: the
//!   re-wooing planner; `home`: what the home screen shows.
//!
//! Invariants shared by every module here:
//! - text is stored exactly as typed (up to [`MAX_FIELD_BYTES`] per field); a refused
//!   input is an [`Error::Invalid`] with one plain sentence and changes nothing;
//! - times are stored as UTC RFC 3339 with milliseconds ([`journal::timestamp`]), which
//!   sort as text; days are `YYYY-MM-DD`, the person's local day as the window sees it;
//! - functions that depend on the clock take `now` as a parameter, so tests fix it;
//!   summaries describe, they never judge (no scores, streaks or "better"/"worse").

pub mod accountability;
pub mod checkins;
pub mod docs;
pub mod home;
pub mod journal;
pub mod prompts;
pub mod questions;
pub mod rewoo;
pub mod triggers;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};

pub use journal::MAX_FIELD_BYTES;

/// Runs `f` inside a savepoint: on its own it is a transaction that commits when `f`
/// succeeds; inside a caller's transaction it nests. An error rolls back `f`'s writes.
///
/// When the final `RELEASE` (the commit) fails, e.g. on a full disk, SQLite keeps the
/// transaction open; it is rolled back here so that later saves are real commits again
/// and never report success for writes that would be lost.
pub fn atomically<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let outermost = conn.is_autocommit();
    conn.execute_batch("SAVEPOINT mend_write")?;
    let result = f(conn).and_then(|value| {
        conn.execute_batch("RELEASE mend_write")?;
        Ok(value)
    });
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK TO mend_write; RELEASE mend_write");
        if outermost && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
    }
    result
}

/// Refuses any text over [`MAX_FIELD_BYTES`]; `what` names the thing being saved
/// ("This check-in").
pub(crate) fn check_lengths(what: &str, texts: &[&str]) -> Result<()> {
    if texts.iter().any(|t| t.len() > MAX_FIELD_BYTES) {
        return Err(Error::Invalid(format!(
            "{what} is too long to save (over 8 MB in one field). Nothing was changed."
        )));
    }
    Ok(())
}

/// A time from the window, normalised to the stored form; absent or blank is `None`.
pub(crate) fn parse_time(value: Option<&str>) -> Result<Option<String>> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse_instant(v).map(journal::timestamp))
        .transpose()
}

/// An RFC 3339 time with any offset, as UTC.
pub(crate) fn parse_instant(value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.trim()).map(|t| t.to_utc()).map_err(|_| {
        Error::Invalid("Times must look like 2026-11-25T10:00:00.000Z. Nothing was changed.".into())
    })
}

/// An RFC 3339 time keeping its offset (the offset decides which local day it is).
pub(crate) fn parse_local(value: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(value.trim()).map_err(|_| {
        Error::Invalid("Times must look like 2026-11-25T10:00:00.000Z. Nothing was changed.".into())
    })
}

/// A `YYYY-MM-DD` day.
pub(crate) fn parse_day(value: &str) -> Result<NaiveDate> {
    let bad = || Error::Invalid("Dates must look like 2026-11-25. Nothing was changed.".into());
    if value.len() != 10 {
        return Err(bad());
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad())
}

/// The `YYYY-MM-DD` form of a day.
pub(crate) fn day_string(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// English month names, for sentences read aloud ("12 March").
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "12 March"; the year is added when it differs from `this_year`.
pub(crate) fn day_month(day: NaiveDate, this_year: i32) -> String {
    let month = MONTHS[day.month0() as usize];
    if day.year() == this_year {
        format!("{} {month}", day.day())
    } else {
        format!("{} {month} {}", day.day(), day.year())
    }
}

/// At most `chars` characters of `text`'s first non-blank line, trimmed, with "…" when
/// cut.
pub(crate) fn preview(text: &str, chars: usize) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    match line.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_owned(),
    }
}

/// One of `allowed`, or an [`Error::Invalid`] saying `message`.
pub(crate) fn one_of<'a>(value: &str, allowed: &[&'a str], message: &str) -> Result<&'a str> {
    allowed.iter().find(|a| **a == value).copied().ok_or_else(|| Error::Invalid(message.to_owned()))
}

/// A 0..=10 intensity sent as a JSON number; whole numbers only.
pub(crate) fn intensity(value: Option<f64>, message: &str) -> Result<Option<i64>> {
    match value {
        None => Ok(None),
        Some(v) if v.fract() == 0.0 && (0.0..=10.0).contains(&v) => Ok(Some(v as i64)),
        Some(_) => Err(Error::Invalid(message.to_owned())),
    }
}

/// A fresh in-memory database at the latest schema, for tests.
#[cfg(test)]
pub(crate) fn test_db() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    crate::vault::migrations::migrate_plain(&mut conn).unwrap();
    conn
}

/// A fixed UTC time for tests.
#[cfg(test)]
pub(crate) fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER NOT NULL)").unwrap();
        conn
    }

    #[test]
    fn commits_on_success_and_rolls_back_on_error() {
        let conn = table_db();
        atomically(&conn, |c| Ok(c.execute("INSERT INTO t VALUES (1)", [])?)).unwrap();
        let failed: Result<()> = atomically(&conn, |c| {
            c.execute("INSERT INTO t VALUES (2)", [])?;
            Err(Error::Invalid("no".into()))
        });
        assert!(failed.is_err());
        let n: i64 = conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        assert!(conn.is_autocommit(), "no transaction is left open");
    }

    #[test]
    fn a_failed_commit_leaves_no_transaction_open() {
        let conn = table_db();
        // A deferred foreign key violation makes the final RELEASE (the commit) fail.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE p (id INTEGER PRIMARY KEY);
             CREATE TABLE c (p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);",
        )
        .unwrap();
        let failed = atomically(&conn, |c| Ok(c.execute("INSERT INTO c VALUES (42)", [])?));
        assert!(failed.is_err(), "the commit must fail");
        assert!(conn.is_autocommit(), "the failed commit was rolled back, not left open");
        atomically(&conn, |c| Ok(c.execute("INSERT INTO t VALUES (3)", [])?)).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM c", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn atomically_rolls_back_everything_on_error() {
        let conn = test_db();
        let result: Result<()> = atomically(&conn, |tx| {
            tx.execute(
                "INSERT INTO questions (asked_at, question, created_at, updated_at) VALUES ('t', 'q', 't', 't')",
                [],
            )?;
            Err(Error::Invalid("no".into()))
        });
        assert!(result.is_err());
        let n: i64 = conn.query_row("SELECT count(*) FROM questions", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn times_are_normalised_to_utc_milliseconds() {
        assert_eq!(
            parse_time(Some("2026-03-12T10:00:00+01:00")).unwrap().unwrap(),
            "2026-03-12T09:00:00.000Z"
        );
        assert!(matches!(parse_time(Some("yesterday")), Err(Error::Invalid(_))));
        assert_eq!(parse_time(None).unwrap(), None);
        assert_eq!(parse_time(Some(" ")).unwrap(), None, "a cleared field means no time");
    }

    #[test]
    fn days_must_be_real_and_zero_padded() {
        assert!(parse_day("2026-02-28").is_ok());
        for bad in ["2026-02-30", "2026-2-3", "26-02-03", "", "2026-02-03T00:00"] {
            assert!(matches!(parse_day(bad), Err(Error::Invalid(_))), "{bad}");
        }
    }

    #[test]
    fn dates_read_as_day_and_english_month() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        assert_eq!(day_month(d, 2026), "12 March");
        assert_eq!(day_month(d, 2027), "12 March 2026");
    }

    #[test]
    fn previews_cut_on_characters_not_bytes() {
        assert_eq!(preview("\n  héllo wörld ", 5), "héllo…");
        assert_eq!(preview("🌊🌊🌊", 2), "🌊🌊…");
        assert_eq!(preview("short", 80), "short");
        assert_eq!(preview("   \n\n", 80), "");
    }

    #[test]
    fn intensities_are_whole_numbers_from_0_to_10() {
        assert_eq!(intensity(Some(0.0), "x").unwrap(), Some(0));
        assert_eq!(intensity(Some(10.0), "x").unwrap(), Some(10));
        assert_eq!(intensity(None, "x").unwrap(), None);
        for bad in [-1.0, 11.0, 2.5, f64::NAN] {
            assert!(intensity(Some(bad), "x").is_err(), "{bad}");
        }
    }
}

/// Ten years of generated use, to keep the queries honest at scale (no timings here;
/// `benches/` measures).
#[cfg(test)]
mod ten_years {
    use chrono::DateTime;

    use super::*;
    use crate::sample::{self, Filled};

    #[test]
    fn waves_search_and_patterns_hold_up_over_ten_years() {
        let conn = test_db();
        let filled = sample::fill_ten_years(&conn, 42).unwrap();
        assert_eq!(filled, Filled { journal: 3_650, checkins: 10_000, triggers: 2_000 });
        // The data runs from 1 January 2016 to 28 December 2025.
        let now = DateTime::parse_from_rfc3339("2025-12-28T20:00:00+01:00").unwrap();

        let year = checkins::waves(&conn, "1y", now).unwrap();
        assert_eq!(year.buckets.len(), 53);
        let weeks_with_data =
            year.buckets.iter().filter(|b| b.values.values().any(Option::is_some)).count();
        assert!(weeks_with_data >= 50, "{weeks_with_data} weeks with check-ins");
        assert!(year.summary.contains("of the last 53 weeks"), "{}", year.summary);
        assert_eq!(checkins::waves(&conn, "2w", now).unwrap().buckets.len(), 14);
        // 29 September to 28 December.
        assert_eq!(checkins::waves(&conn, "3m", now).unwrap().buckets.len(), 91);

        let hits = journal::search(
            &conn,
            &journal::SearchQuery { query: "therapist gar".into(), ..Default::default() },
        )
        .unwrap();
        assert!(!hits.is_empty() && hits.len() <= journal::SEARCH_LIMIT);
        assert!(hits.iter().all(|h| h.snippet.iter().any(|s| s.hit)), "every hit is marked");

        let p = triggers::patterns(&conn, now).unwrap();
        assert_eq!(p.total, 2_000);
        assert_eq!(p.categories.iter().map(|c| c.count).sum::<i64>(), p.total);
        assert_eq!(p.by_month.len(), 12);
        let in_window: i64 = conn
            .query_row(
                "SELECT count(*) FROM trigger_log WHERE at >= ?1 AND at < ?2",
                [
                    checkins::local_midnight(
                        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                        *now.offset(),
                    ),
                    checkins::local_midnight(
                        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                        *now.offset(),
                    ),
                ],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(p.by_month.iter().map(|m| m.count).sum::<i64>(), in_window);
        assert_eq!(p.by_month[0].month, "2025-01");
        let walks: i64 = conn
            .query_row("SELECT count(*) FROM trigger_log WHERE lower(helped) = 'a walk'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(
            p.helped.iter().find(|h| h.text.eq_ignore_ascii_case("a walk")).unwrap().count,
            walks
        );
        assert!((118..=119).contains(&p.last_months), "{}", p.last_months);

        let home = home::summary(&conn, "2025-12-28", now).unwrap();
        assert_eq!(home.recent.len(), 5);
    }
}
