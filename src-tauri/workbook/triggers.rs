//! The trigger log: what happened, what I felt and how strongly, what helped, what I
//! needed; and the patterns over time. A trigger months later is expected, so the
//! patterns count and name, they never rate.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::checkins::{local_day, local_midnight, Period};
use super::{atomically, check_lengths, intensity, journal::timestamp, one_of, parse_time};
use crate::error::{Error, Result};

/// Kinds of trigger the window offers.
pub const CATEGORIES: [&str; 8] =
    ["phone", "places", "dates", "words", "intimacy", "apart", "media", "other"];

/// Months in the `byMonth` chart.
const MONTHS_SHOWN: u32 = 12;
/// Entries in the "what helped" list.
const HELPED_SHOWN: usize = 5;

/// A saved trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    pub id: i64,
    pub at: String,
    pub category: String,
    pub situation: String,
    pub feelings: String,
    pub intensity: Option<i64>,
    pub helped: String,
    pub needed: String,
}

/// What the window sends: no id = new; `at` defaults to now (new) or the stored time.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerDraft {
    pub id: Option<i64>,
    pub at: Option<String>,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub feelings: String,
    pub intensity: Option<f64>,
    #[serde(default)]
    pub helped: String,
    #[serde(default)]
    pub needed: String,
}

/// What the patterns view asks for; `now` (RFC 3339, offset = local months) defaults to
/// the computer's clock.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatternsQuery {
    pub now: Option<String>,
}

/// Triggers in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub count: i64,
}

/// Triggers of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    pub category: String,
    pub count: i64,
}

/// Something that helped, and how often it was written down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HelpedCount {
    pub text: String,
    pub count: i64,
}

/// Patterns over the whole log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patterns {
    pub total: i64,
    /// The last 12 calendar months, oldest first, months without triggers at 0.
    pub by_month: Vec<MonthCount>,
    /// Categories that occur, most frequent first.
    pub categories: Vec<CategoryCount>,
    /// The 5 most frequent "what helped" answers, compared ignoring case and spacing.
    pub helped: Vec<HelpedCount>,
    /// Whole months since the first entry (0 without entries).
    pub last_months: i64,
}

const COLUMNS: &str = "id, at, category, situation, feelings, intensity, helped, needed";

fn trigger(r: &Row<'_>) -> rusqlite::Result<Trigger> {
    Ok(Trigger {
        id: r.get(0)?,
        at: r.get(1)?,
        category: r.get(2)?,
        situation: r.get(3)?,
        feelings: r.get(4)?,
        intensity: r.get(5)?,
        helped: r.get(6)?,
        needed: r.get(7)?,
    })
}

fn gone() -> Error {
    Error::Invalid("That trigger entry no longer exists.".into())
}

/// Saves a trigger (insert or update) and returns it.
pub fn save(conn: &Connection, draft: &TriggerDraft, now: DateTime<Utc>) -> Result<Trigger> {
    let category = one_of(
        &draft.category,
        &CATEGORIES,
        "Choose what kind of trigger this was: phone, places, dates, words, intimacy, apart, \
         media or other. Nothing was changed.",
    )?;
    let level = intensity(
        draft.intensity,
        "How strong it felt is a whole number from 0 to 10, or left empty. Nothing was changed.",
    )?;
    check_lengths(
        "This trigger entry",
        &[&draft.situation, &draft.feelings, &draft.helped, &draft.needed],
    )?;
    let at = parse_time(draft.at.as_deref())?;
    let now = timestamp(now);
    let d = draft;
    let id = atomically(conn, |tx| match d.id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE trigger_log SET at = coalesce(?1, at), category = ?2, situation = ?3,
                     feelings = ?4, intensity = ?5, helped = ?6, needed = ?7, updated_at = ?8
                 WHERE id = ?9",
                params![at, category, d.situation, d.feelings, level, d.helped, d.needed, now, id],
            )?;
            if changed == 0 {
                return Err(gone());
            }
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO trigger_log (at, category, situation, feelings, intensity, helped,
                     needed, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    at.as_deref().unwrap_or(&now),
                    category,
                    d.situation,
                    d.feelings,
                    level,
                    d.helped,
                    d.needed,
                    now
                ],
            )?;
            Ok(tx.last_insert_rowid())
        }
    })?;
    get(conn, id)?.ok_or_else(gone)
}

/// One trigger by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Trigger>> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM trigger_log WHERE id = ?1"), [id], trigger)
        .optional()?)
}

/// Triggers in `period` (inclusive), newest first.
pub fn list(conn: &Connection, period: &Period) -> Result<Vec<Trigger>> {
    let (from, to) = (parse_time(period.from.as_deref())?, parse_time(period.to.as_deref())?);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM trigger_log
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2)
         ORDER BY at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![from, to], trigger)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes a trigger for good; false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM trigger_log WHERE id = ?1", [id])? > 0)
}

/// "what  Helped " and "What helped" count as the same answer.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Patterns over the whole log, with months in `now`'s offset.
pub fn patterns(conn: &Connection, now: DateTime<FixedOffset>) -> Result<Patterns> {
    let offset = *now.offset();
    let this_month = now.date_naive().with_day(1).unwrap_or(now.date_naive());
    let first_month =
        this_month.checked_sub_months(Months::new(MONTHS_SHOWN - 1)).unwrap_or(this_month);

    let total: i64 = conn.query_row("SELECT count(*) FROM trigger_log", [], |r| r.get(0))?;

    let mut by_month: Vec<MonthCount> = (0..MONTHS_SHOWN)
        .filter_map(|i| first_month.checked_add_months(Months::new(i)))
        .map(|m| MonthCount { month: m.format("%Y-%m").to_string(), count: 0 })
        .collect();
    let next_month = this_month.checked_add_months(Months::new(1)).unwrap_or(this_month);
    let mut stmt = conn.prepare("SELECT at FROM trigger_log WHERE at >= ?1 AND at < ?2")?;
    let mut rows = stmt
        .query(params![local_midnight(first_month, offset), local_midnight(next_month, offset)])?;
    while let Some(r) = rows.next()? {
        let Some(day) = local_day(&r.get::<_, String>(0)?, offset) else { continue };
        let key = day.format("%Y-%m").to_string();
        if let Some(m) = by_month.iter_mut().find(|m| m.month == key) {
            m.count += 1;
        }
    }

    let mut stmt = conn.prepare(
        "SELECT category, count(*) AS n FROM trigger_log GROUP BY category
         ORDER BY n DESC, category",
    )?;
    let categories = stmt
        .query_map([], |r| Ok(CategoryCount { category: r.get(0)?, count: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Grouped in Rust: SQLite's lower() folds ASCII only. The newest spelling is shown.
    let mut stmt = conn
        .prepare("SELECT helped FROM trigger_log WHERE helped <> '' ORDER BY at DESC, id DESC")?;
    let mut groups: HashMap<String, (String, i64, usize)> = HashMap::new();
    let mut rows = stmt.query([])?;
    let mut order = 0;
    while let Some(r) = rows.next()? {
        let text: String = r.get(0)?;
        let key = normalised(&text);
        if key.is_empty() {
            continue;
        }
        order += 1;
        let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
        groups.entry(key).or_insert((shown, 0, order)).1 += 1;
    }
    let mut helped: Vec<(String, i64, usize)> = groups.into_values().collect();
    helped.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let helped = helped
        .into_iter()
        .take(HELPED_SHOWN)
        .map(|(text, count, _)| HelpedCount { text, count })
        .collect();

    let first: Option<String> =
        conn.query_row("SELECT min(at) FROM trigger_log", [], |r| r.get(0))?;
    let last_months =
        first.and_then(|f| local_day(&f, offset)).map_or(0, |f| whole_months(f, now.date_naive()));

    Ok(Patterns { total, by_month, categories, helped, last_months })
}

/// Whole calendar months from `from` to `to` (0 when `to` is not later).
fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    fn local(rfc3339: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    fn draft(category: &str, helped: &str) -> TriggerDraft {
        TriggerDraft {
            category: category.into(),
            situation: "they picked up their phone at dinner".into(),
            feelings: "cold, shaky".into(),
            intensity: Some(7.0),
            helped: helped.into(),
            needed: "a hug".into(),
            ..TriggerDraft::default()
        }
    }

    fn add(conn: &Connection, when: &str, category: &str, helped: &str) -> Trigger {
        let d = TriggerDraft { at: Some(when.into()), ..draft(category, helped) };
        save(conn, &d, at(when)).unwrap()
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM trigger_log", [], |r| r.get(0)).unwrap()
    }

    mod saving {
        use super::*;

        #[test]
        fn create_edit_delete() {
            let conn = test_db();
            let t = save(&conn, &draft("phone", "a walk"), at("2026-03-12T20:00:00Z")).unwrap();
            assert_eq!(t.at, "2026-03-12T20:00:00.000Z");
            assert_eq!((t.category.as_str(), t.intensity), ("phone", Some(7)));
            let edited = save(
                &conn,
                &TriggerDraft { id: Some(t.id), intensity: None, ..draft("words", "") },
                at("2026-03-13T20:00:00Z"),
            )
            .unwrap();
            assert_eq!(edited.at, t.at);
            assert_eq!((edited.category.as_str(), edited.intensity), ("words", None));
            assert_eq!(list(&conn, &Period::default()).unwrap(), vec![edited.clone()]);
            assert!(delete(&conn, t.id).unwrap());
            assert!(!delete(&conn, t.id).unwrap());
            assert!(matches!(
                save(&conn, &TriggerDraft { id: Some(t.id), ..draft("phone", "") }, Utc::now()),
                Err(Error::Invalid(_))
            ));
        }

        #[test]
        fn bad_values_are_refused_and_nothing_changes() {
            let conn = test_db();
            let t = save(&conn, &draft("phone", "x"), Utc::now()).unwrap();
            let huge = "x".repeat(MAX_FIELD_BYTES + 1);
            let bad = [
                draft("Phone", ""),
                draft("", ""),
                draft("work", ""),
                TriggerDraft { intensity: Some(10.5), ..draft("phone", "") },
                TriggerDraft { intensity: Some(-1.0), ..draft("phone", "") },
                TriggerDraft { intensity: Some(11.0), ..draft("phone", "") },
                TriggerDraft { at: Some("2026-13-01T00:00:00Z".into()), ..draft("phone", "") },
                TriggerDraft { needed: huge, ..draft("phone", "") },
            ];
            for mut d in bad {
                for id in [None, Some(t.id)] {
                    d.id = id;
                    let err = save(&conn, &d, Utc::now()).unwrap_err();
                    assert!(matches!(&err, Error::Invalid(m) if m.ends_with('.')), "{d:?}: {err}");
                }
            }
            assert_eq!(count(&conn), 1);
            assert_eq!(get(&conn, t.id).unwrap().unwrap(), t);
            assert!(conn
                .execute(
                    "INSERT INTO trigger_log (at, category, created_at, updated_at) VALUES ('t', 'work', 't', 't')",
                    [],
                )
                .is_err());
        }

        #[test]
        fn text_is_kept_exactly() {
            let conn = test_db();
            let odd = "<img src=x onerror=alert(1)> 🌊 مرحبا\u{202E}\0";
            let d = TriggerDraft {
                situation: odd.into(),
                helped: "é".repeat(600_000),
                ..draft("media", "")
            };
            let t = save(&conn, &d, Utc::now()).unwrap();
            let back = get(&conn, t.id).unwrap().unwrap();
            assert_eq!(back.situation, odd);
            assert_eq!(back.helped, d.helped);
        }
    }

    mod patterns {
        use super::*;

        #[test]
        fn an_empty_log_has_twelve_zero_months() {
            let conn = test_db();
            let p = patterns(&conn, local("2026-03-12T10:00:00Z")).unwrap();
            assert_eq!(p.total, 0);
            assert_eq!(p.by_month.len(), 12);
            assert_eq!(p.by_month[0].month, "2025-04");
            assert_eq!(p.by_month[11].month, "2026-03");
            assert!(p.by_month.iter().all(|m| m.count == 0));
            assert!(p.categories.is_empty() && p.helped.is_empty());
            assert_eq!(p.last_months, 0);
        }

        #[test]
        fn months_are_zero_filled_and_counted_locally() {
            let conn = test_db();
            add(&conn, "2024-01-15T10:00:00Z", "dates", "");
            add(&conn, "2025-04-01T00:30:00Z", "phone", ""); // 31 March in UTC-5
            add(&conn, "2025-06-10T10:00:00Z", "phone", "");
            add(&conn, "2026-03-31T10:00:00Z", "words", "");
            let p = patterns(&conn, local("2026-03-31T12:00:00-05:00")).unwrap();
            assert_eq!(p.total, 4);
            let counts: Vec<i64> = p.by_month.iter().map(|m| m.count).collect();
            assert_eq!(counts, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
            assert_eq!(p.by_month[2].month, "2025-06");
            assert_eq!(p.categories[0], CategoryCount { category: "phone".into(), count: 2 });
            assert_eq!(p.categories.iter().map(|c| c.count).sum::<i64>(), p.total);
            assert_eq!(p.last_months, 26);
        }

        #[test]
        fn helped_is_grouped_ignoring_case_and_spacing() {
            let conn = test_db();
            let answers = [
                "A walk",
                "a  walk",
                " A WALK ",
                "calling my sister",
                "Calling my sister",
                "tea",
                "journaling",
                "breathing",
                "music",
                "",
                "   ",
            ];
            for (i, h) in answers.iter().enumerate() {
                add(&conn, &format!("2026-03-{:02}T10:00:00Z", i + 1), "other", h);
            }
            let p = patterns(&conn, local("2026-03-20T10:00:00Z")).unwrap();
            assert_eq!(p.helped.len(), 5);
            assert_eq!(p.helped[0], HelpedCount { text: "A WALK".into(), count: 3 });
            assert_eq!(p.helped[1], HelpedCount { text: "Calling my sister".into(), count: 2 });
            assert!(p.helped[2..].iter().all(|h| h.count == 1));
        }

        #[test]
        fn whole_months_count_calendar_months() {
            let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            assert_eq!(whole_months(d("2026-01-31"), d("2026-02-28")), 0);
            assert_eq!(whole_months(d("2026-01-15"), d("2026-02-15")), 1);
            assert_eq!(whole_months(d("2025-03-12"), d("2026-03-11")), 11);
            assert_eq!(whole_months(d("2026-05-01"), d("2026-03-01")), 0);
        }

        #[test]
        fn serializes_in_camel_case() {
            let conn = test_db();
            let json =
                serde_json::to_value(patterns(&conn, local("2026-03-12T10:00:00Z")).unwrap())
                    .unwrap();
            for key in ["total", "byMonth", "categories", "helped", "lastMonths"] {
                assert!(json.get(key).is_some(), "{key}");
            }
        }
    }
}
