//! Emotion check-ins and their "waves" over weeks and months.
//!
//! Healing is not linear, so nothing here scores, ranks or compares: waves are averages
//! per day or week, and the summary read to screen readers only says what was noted and
//! when it was strongest. Local days follow the offset of the `now` passed in (the
//! window's clock), so a check-in at 23:30 belongs to the day the person lived it.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{
    atomically, check_lengths, day_month, day_string, intensity, journal::timestamp, one_of,
    parse_instant, parse_time,
};
use crate::error::{Error, Result};

/// The feelings a check-in can hold, in the order the window shows them.
pub const EMOTIONS: [&str; 7] =
    ["anger", "sadness", "hope", "fear", "numbness", "relief", "loneliness"];
/// How the person slept.
pub const SLEEP: [&str; 3] = ["poor", "some", "well"];
/// How their appetite was.
pub const APPETITE: [&str; 3] = ["less", "usual", "more"];

/// A saved check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkin {
    pub id: i64,
    pub at: String,
    /// Every feeling in [`EMOTIONS`], 0..=10 or null.
    pub emotions: BTreeMap<String, Option<i64>>,
    pub sleep: Option<String>,
    pub appetite: Option<String>,
    pub note: String,
}

/// What the window sends: no id = new; `at` defaults to now for a new check-in and to
/// the stored time for an update. Feelings left out are null.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckinDraft {
    pub id: Option<i64>,
    pub at: Option<String>,
    #[serde(default)]
    pub emotions: BTreeMap<String, Option<f64>>,
    pub sleep: Option<String>,
    pub appetite: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A time window, both ends inclusive, RFC 3339.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What the waves chart asks for: `range` is "2w", "3m" or "1y"; `now` (RFC 3339, its
/// offset decides local days) defaults to the computer's clock.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WavesQuery {
    pub range: String,
    pub now: Option<String>,
}

/// One day or week of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bucket {
    /// The first day of the bucket, `YYYY-MM-DD`.
    pub start: String,
    /// The average of each feeling over the bucket (one decimal), null when not noted.
    pub values: BTreeMap<String, Option<f64>>,
}

/// The waves chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Waves {
    pub range: String,
    pub buckets: Vec<Bucket>,
    /// Plain sentences describing the chart, for screen readers.
    pub summary: String,
}

const RANGES: [&str; 3] = ["2w", "3m", "1y"];
const COLUMNS: &str =
    "id, at, anger, sadness, hope, fear, numbness, relief, loneliness, sleep, appetite, note";

fn checkin(r: &Row<'_>) -> rusqlite::Result<Checkin> {
    let mut emotions = BTreeMap::new();
    for (i, e) in EMOTIONS.iter().enumerate() {
        emotions.insert((*e).to_owned(), r.get::<_, Option<i64>>(2 + i)?);
    }
    Ok(Checkin {
        id: r.get(0)?,
        at: r.get(1)?,
        emotions,
        sleep: r.get(9)?,
        appetite: r.get(10)?,
        note: r.get(11)?,
    })
}

fn gone() -> Error {
    Error::Invalid("That check-in no longer exists.".into())
}

/// Checks a draft; returns the seven feelings in [`EMOTIONS`] order.
fn validate(draft: &CheckinDraft) -> Result<[Option<i64>; 7]> {
    check_lengths("This check-in", &[&draft.note])?;
    let mut values = [None; 7];
    for (key, value) in &draft.emotions {
        let Some(i) = EMOTIONS.iter().position(|e| e == key) else {
            return Err(Error::Invalid(
                "A check-in holds anger, sadness, hope, fear, numbness, relief and \
                 loneliness only. Nothing was changed."
                    .into(),
            ));
        };
        values[i] = intensity(
            *value,
            "Each feeling is a whole number from 0 to 10, or left empty. Nothing was changed.",
        )?;
    }
    if let Some(s) = &draft.sleep {
        one_of(s, &SLEEP, "Sleep is poor, some or well, or left empty. Nothing was changed.")?;
    }
    if let Some(a) = &draft.appetite {
        one_of(
            a,
            &APPETITE,
            "Appetite is less, usual or more, or left empty. Nothing was changed.",
        )?;
    }
    Ok(values)
}

/// Saves a check-in (insert or update) and returns it.
pub fn save(conn: &Connection, draft: &CheckinDraft, now: DateTime<Utc>) -> Result<Checkin> {
    let v = validate(draft)?;
    let at = parse_time(draft.at.as_deref())?;
    let now = timestamp(now);
    let id =
        atomically(conn, |tx| match draft.id {
            Some(id) => {
                let changed = tx.execute(
                "UPDATE checkins SET at = coalesce(?1, at), anger = ?2, sadness = ?3, hope = ?4,
                     fear = ?5, numbness = ?6, relief = ?7, loneliness = ?8, sleep = ?9,
                     appetite = ?10, note = ?11, updated_at = ?12
                 WHERE id = ?13",
                params![
                    at, v[0], v[1], v[2], v[3], v[4], v[5], v[6], draft.sleep, draft.appetite,
                    draft.note, now, id
                ],
            )?;
                if changed == 0 {
                    return Err(gone());
                }
                Ok(id)
            }
            None => {
                tx.execute(
                    "INSERT INTO checkins (at, anger, sadness, hope, fear, numbness, relief,
                     loneliness, sleep, appetite, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                    params![
                        at.as_deref().unwrap_or(&now),
                        v[0],
                        v[1],
                        v[2],
                        v[3],
                        v[4],
                        v[5],
                        v[6],
                        draft.sleep,
                        draft.appetite,
                        draft.note,
                        now
                    ],
                )?;
                Ok(tx.last_insert_rowid())
            }
        })?;
    get(conn, id)?.ok_or_else(gone)
}

/// One check-in by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Checkin>> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM checkins WHERE id = ?1"), [id], checkin)
        .optional()?)
}

/// Check-ins in `period`, newest first.
pub fn list(conn: &Connection, period: &Period) -> Result<Vec<Checkin>> {
    let (from, to) = (parse_time(period.from.as_deref())?, parse_time(period.to.as_deref())?);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM checkins
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2)
         ORDER BY at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![from, to], checkin)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes a check-in for good; false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM checkins WHERE id = ?1", [id])? > 0)
}

/// The time of the newest check-in.
pub fn last_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT max(at) FROM checkins", [], |r| r.get(0))?)
}

/// Midnight starting local `day` in `offset`, as a stored UTC time.
pub(crate) fn local_midnight(day: NaiveDate, offset: FixedOffset) -> String {
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = offset
        .from_local_datetime(&local)
        .single()
        .map_or_else(|| DateTime::<Utc>::from_naive_utc_and_offset(local, Utc), |t| t.to_utc());
    timestamp(utc)
}

/// The local day of a stored time in `offset`.
pub(crate) fn local_day(stored: &str, offset: FixedOffset) -> Option<NaiveDate> {
    parse_instant(stored).ok().map(|t| t.with_timezone(&offset).date_naive())
}

/// The buckets of a range ending on `today`: first day, days per bucket, count.
fn layout(range: &str, today: NaiveDate) -> Result<(NaiveDate, i64, usize)> {
    let range = one_of(range, &RANGES, "Choose a period: 2w, 3m or 1y.")?;
    Ok(match range {
        "2w" => (today - Duration::days(13), 1, 14),
        "3m" => {
            let start =
                today.checked_sub_months(Months::new(3)).unwrap_or(today) + Duration::days(1);
            (start, 1, usize::try_from((today - start).num_days() + 1).unwrap_or(0))
        }
        _ => {
            let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
            (monday - Duration::weeks(52), 7, 53)
        }
    })
}

/// Averages per day ("2w", "3m") or per week starting Monday ("1y"), ending with the
/// day (or week) of `now` in `now`'s offset, and a plain summary.
pub fn waves(conn: &Connection, range: &str, now: DateTime<FixedOffset>) -> Result<Waves> {
    let offset = *now.offset();
    let today = now.date_naive();
    let (first, days_per, count) = layout(range, today)?;
    let end = first + Duration::days(days_per * count as i64);
    let mut sums = vec![[(0i64, 0i64); 7]; count];
    let mut stmt = conn.prepare(
        "SELECT at, anger, sadness, hope, fear, numbness, relief, loneliness FROM checkins
         WHERE at >= ?1 AND at < ?2",
    )?;
    let mut rows =
        stmt.query(params![local_midnight(first, offset), local_midnight(end, offset)])?;
    let mut total = 0usize;
    while let Some(r) = rows.next()? {
        let Some(day) = local_day(&r.get::<_, String>(0)?, offset) else { continue };
        let Ok(index) = usize::try_from((day - first).num_days() / days_per) else { continue };
        let Some(bucket) = sums.get_mut(index) else { continue };
        total += 1;
        for (i, slot) in bucket.iter_mut().enumerate() {
            if let Some(v) = r.get::<_, Option<i64>>(1 + i)? {
                *slot = (slot.0 + v, slot.1 + 1);
            }
        }
    }
    let buckets: Vec<Bucket> = sums
        .iter()
        .enumerate()
        .map(|(b, s)| Bucket {
            start: day_string(first + Duration::days(days_per * b as i64)),
            values: EMOTIONS
                .iter()
                .zip(s)
                .map(|(e, (sum, n))| {
                    let avg = (*n > 0).then(|| (*sum as f64 / *n as f64 * 10.0).round() / 10.0);
                    ((*e).to_owned(), avg)
                })
                .collect(),
        })
        .collect();
    let summary = summarise(&buckets, total, days_per == 7, today.year());
    Ok(Waves { range: range.to_owned(), buckets, summary })
}

/// Sentences that describe the chart without judging it.
fn summarise(buckets: &[Bucket], total: usize, weekly: bool, this_year: i32) -> String {
    if total == 0 {
        return "No check-ins in this period yet.".into();
    }
    let n = buckets.len();
    let unit = if weekly { "weeks" } else { "days" };
    let mut out = vec![if total == 1 {
        format!("1 check-in in the last {n} {unit}.")
    } else {
        format!("{total} check-ins in the last {n} {unit}.")
    }];
    for e in EMOTIONS {
        let values: Vec<(usize, f64)> =
            buckets.iter().enumerate().filter_map(|(i, b)| Some((i, b.values[e]?))).collect();
        if values.is_empty() {
            continue;
        }
        let name = capitalised(e);
        let noted = values.iter().filter(|(_, v)| *v > 0.0).count();
        // `max_by` keeps the last of equal maxima: the most recent strongest bucket.
        let Some(&(strongest, _)) =
            values.iter().filter(|(_, v)| *v > 0.0).max_by(|a, b| a.1.total_cmp(&b.1))
        else {
            out.push(format!("{name} was at 0 each time it was noted."));
            continue;
        };
        let start = NaiveDate::parse_from_str(&buckets[strongest].start, "%Y-%m-%d")
            .map(|d| day_month(d, this_year))
            .unwrap_or_default();
        out.push(if weekly {
            format!(
                "{name} was noted in {noted} of the last {n} weeks and was strongest in the \
                 week of {start}."
            )
        } else {
            format!(
                "{name} was noted on {noted} of the last {n} days and was strongest on {start}."
            )
        });
    }
    out.join(" ")
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    fn local(rfc3339: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    fn feel(pairs: &[(&str, f64)]) -> BTreeMap<String, Option<f64>> {
        pairs.iter().map(|(k, v)| (k.to_string(), Some(*v))).collect()
    }

    fn add(conn: &Connection, when: &str, pairs: &[(&str, f64)]) -> Checkin {
        let draft = CheckinDraft {
            at: Some(when.into()),
            emotions: feel(pairs),
            ..CheckinDraft::default()
        };
        save(conn, &draft, at(when)).unwrap()
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM checkins", [], |r| r.get(0)).unwrap()
    }

    mod saving {
        use super::*;

        #[test]
        fn a_new_check_in_defaults_to_now_with_every_feeling_listed() {
            let conn = test_db();
            let draft = CheckinDraft {
                emotions: feel(&[("anger", 7.0), ("hope", 0.0)]),
                sleep: Some("poor".into()),
                note: "long day".into(),
                ..CheckinDraft::default()
            };
            let c = save(&conn, &draft, at("2026-03-12T21:00:00Z")).unwrap();
            assert_eq!(c.at, "2026-03-12T21:00:00.000Z");
            assert_eq!(c.emotions.len(), 7);
            assert_eq!(c.emotions["anger"], Some(7));
            assert_eq!(c.emotions["hope"], Some(0));
            assert_eq!(c.emotions["fear"], None);
            assert_eq!((c.sleep.as_deref(), c.appetite.as_deref()), (Some("poor"), None));
            let json = serde_json::to_value(&c).unwrap();
            assert_eq!(json["emotions"]["fear"], serde_json::Value::Null);
            assert!(json.get("appetite").is_some() && json.get("note").is_some());
        }

        #[test]
        fn edit_keeps_the_time_unless_given_and_delete_removes() {
            let conn = test_db();
            let c = add(&conn, "2026-03-12T21:00:00Z", &[("anger", 3.0)]);
            let edited = save(
                &conn,
                &CheckinDraft {
                    id: Some(c.id),
                    emotions: feel(&[("sadness", 4.0)]),
                    ..CheckinDraft::default()
                },
                at("2026-03-13T08:00:00Z"),
            )
            .unwrap();
            assert_eq!(edited.at, c.at);
            assert_eq!(edited.emotions["anger"], None, "the draft is the whole check-in");
            assert_eq!(edited.emotions["sadness"], Some(4));
            assert!(delete(&conn, c.id).unwrap());
            assert!(!delete(&conn, c.id).unwrap());
            assert!(get(&conn, c.id).unwrap().is_none());
            let missing = CheckinDraft { id: Some(c.id), ..CheckinDraft::default() };
            assert!(matches!(save(&conn, &missing, Utc::now()), Err(Error::Invalid(_))));
        }

        #[test]
        fn bad_values_are_refused_with_a_sentence_and_nothing_changes() {
            let conn = test_db();
            let c = add(&conn, "2026-03-12T21:00:00Z", &[("anger", 3.0)]);
            let huge = "x".repeat(MAX_FIELD_BYTES + 1);
            let bad = [
                CheckinDraft { emotions: feel(&[("joy", 3.0)]), ..CheckinDraft::default() },
                CheckinDraft { emotions: feel(&[("anger", 11.0)]), ..CheckinDraft::default() },
                CheckinDraft { emotions: feel(&[("anger", -1.0)]), ..CheckinDraft::default() },
                CheckinDraft { emotions: feel(&[("anger", 2.5)]), ..CheckinDraft::default() },
                CheckinDraft { sleep: Some("lots".into()), ..CheckinDraft::default() },
                CheckinDraft { appetite: Some("".into()), ..CheckinDraft::default() },
                CheckinDraft { at: Some("12 March".into()), ..CheckinDraft::default() },
                CheckinDraft { note: huge, ..CheckinDraft::default() },
            ];
            for mut draft in bad {
                for id in [None, Some(c.id)] {
                    draft.id = id;
                    let err = save(&conn, &draft, Utc::now()).unwrap_err();
                    assert!(
                        matches!(&err, Error::Invalid(m) if m.ends_with('.') && m.len() > 20),
                        "{draft:?}: {err}"
                    );
                }
            }
            assert_eq!(count(&conn), 1);
            assert_eq!(get(&conn, c.id).unwrap().unwrap(), c);
        }

        #[test]
        fn the_database_refuses_out_of_range_values_too() {
            let conn = test_db();
            for sql in [
                "INSERT INTO checkins (at, anger, created_at, updated_at) VALUES ('t', 11, 't', 't')",
                "INSERT INTO checkins (at, sleep, created_at, updated_at) VALUES ('t', 'lots', 't', 't')",
                "INSERT INTO checkins (at, appetite, created_at, updated_at) VALUES ('t', 'none', 't', 't')",
            ] {
                assert!(conn.execute(sql, []).is_err(), "{sql}");
            }
        }

        #[test]
        fn notes_are_kept_exactly() {
            let conn = test_db();
            let note = format!("<b>x</b> 🌊 שלום {}", "ü".repeat(500_000));
            let draft = CheckinDraft { note: note.clone(), ..CheckinDraft::default() };
            let c = save(&conn, &draft, Utc::now()).unwrap();
            assert_eq!(get(&conn, c.id).unwrap().unwrap().note, note);
        }

        #[test]
        fn list_is_newest_first_within_inclusive_bounds() {
            let conn = test_db();
            let a = add(&conn, "2026-03-01T10:00:00Z", &[]);
            let b = add(&conn, "2026-03-02T10:00:00Z", &[]);
            let c = add(&conn, "2026-03-03T10:00:00Z", &[]);
            let ids = |p: Period| list(&conn, &p).unwrap().iter().map(|c| c.id).collect::<Vec<_>>();
            assert_eq!(ids(Period::default()), [c.id, b.id, a.id]);
            assert_eq!(
                ids(Period {
                    from: Some("2026-03-01T10:00:00.000Z".into()),
                    to: Some("2026-03-02T10:00:00.000Z".into())
                }),
                [b.id, a.id]
            );
            assert!(list(&conn, &Period { from: Some("x".into()), to: None }).is_err());
        }
    }

    mod waves {
        use super::*;

        #[test]
        fn an_empty_period_has_null_buckets_and_says_so() {
            let conn = test_db();
            let w = waves(&conn, "2w", local("2026-03-14T12:00:00Z")).unwrap();
            assert_eq!(w.range, "2w");
            assert_eq!(w.buckets.len(), 14);
            assert_eq!(w.buckets[0].start, "2026-03-01");
            assert_eq!(w.buckets[13].start, "2026-03-14");
            assert!(w
                .buckets
                .iter()
                .all(|b| b.values.len() == 7 && b.values.values().all(Option::is_none)));
            assert_eq!(w.summary, "No check-ins in this period yet.");
        }

        #[test]
        fn one_check_in_fills_one_bucket() {
            let conn = test_db();
            add(&conn, "2026-03-12T09:00:00Z", &[("anger", 6.0), ("hope", 0.0)]);
            let w = waves(&conn, "2w", local("2026-03-14T12:00:00Z")).unwrap();
            let filled: Vec<&Bucket> =
                w.buckets.iter().filter(|b| b.values.values().any(Option::is_some)).collect();
            assert_eq!(filled.len(), 1);
            assert_eq!(filled[0].start, "2026-03-12");
            assert_eq!(filled[0].values["anger"], Some(6.0));
            assert_eq!(filled[0].values["hope"], Some(0.0));
            assert_eq!(
                w.summary,
                "1 check-in in the last 14 days. Anger was noted on 1 of the last 14 days and \
                 was strongest on 12 March. Hope was at 0 each time it was noted."
            );
        }

        #[test]
        fn days_are_averaged_and_edges_are_exact() {
            let conn = test_db();
            add(&conn, "2026-02-28T23:59:59.999Z", &[("fear", 9.0)]); // the day before
            add(&conn, "2026-03-01T00:00:00.000Z", &[("fear", 2.0)]); // first instant
            add(&conn, "2026-03-01T12:00:00.000Z", &[("fear", 3.0)]);
            add(&conn, "2026-03-14T23:59:59.999Z", &[("fear", 5.0)]); // last instant
            add(&conn, "2026-03-15T00:00:00.000Z", &[("fear", 9.0)]); // the day after
            let w = waves(&conn, "2w", local("2026-03-14T12:00:00Z")).unwrap();
            assert_eq!(w.buckets[0].values["fear"], Some(2.5));
            assert_eq!(w.buckets[13].values["fear"], Some(5.0));
            assert!(w.summary.starts_with("3 check-ins in the last 14 days."), "{}", w.summary);
            assert!(w.summary.contains("Fear was noted on 2 of the last 14 days"));
            assert!(w.summary.contains("strongest on 14 March"));
        }

        #[test]
        fn local_days_follow_the_offset_of_now() {
            let conn = test_db();
            // 23:30 on 12 March in UTC-5 is 04:30 on 13 March in UTC.
            add(&conn, "2026-03-13T04:30:00Z", &[("sadness", 4.0)]);
            let w = waves(&conn, "2w", local("2026-03-14T12:00:00-05:00")).unwrap();
            let day = w.buckets.iter().find(|b| b.values["sadness"].is_some()).unwrap();
            assert_eq!(day.start, "2026-03-12");
        }

        #[test]
        fn three_months_are_daily_from_the_day_after_three_months_ago() {
            let conn = test_db();
            let w = waves(&conn, "3m", local("2026-11-25T10:00:00Z")).unwrap();
            assert_eq!(w.buckets.len(), 92);
            assert_eq!(w.buckets[0].start, "2026-08-26");
            assert_eq!(w.buckets.last().unwrap().start, "2026-11-25");
            let w = waves(&conn, "3m", local("2026-05-31T10:00:00Z")).unwrap();
            assert_eq!(w.buckets[0].start, "2026-03-01", "28 February + 1 day");
        }

        #[test]
        fn a_year_is_53_weeks_starting_on_mondays() {
            let conn = test_db();
            // 25 November 2026 is a Wednesday; its week starts on Monday 23 November.
            add(&conn, "2026-11-25T10:00:00Z", &[("relief", 4.0)]);
            add(&conn, "2026-11-23T10:00:00Z", &[("relief", 8.0)]);
            add(&conn, "2025-11-24T10:00:00Z", &[("relief", 1.0)]); // first week's Monday
            add(&conn, "2025-11-23T10:00:00Z", &[("relief", 9.0)]); // before the chart
            let w = waves(&conn, "1y", local("2026-11-25T12:00:00Z")).unwrap();
            assert_eq!(w.buckets.len(), 53);
            assert_eq!(w.buckets[0].start, "2025-11-24");
            assert_eq!(w.buckets[52].start, "2026-11-23");
            assert_eq!(w.buckets[52].values["relief"], Some(6.0));
            assert_eq!(w.buckets[0].values["relief"], Some(1.0));
            for pair in w.buckets.windows(2) {
                let (a, b) = (&pair[0].start, &pair[1].start);
                let days = NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap()
                    - NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap();
                assert_eq!(days.num_days(), 7);
            }
            assert_eq!(
                w.summary,
                "3 check-ins in the last 53 weeks. Relief was noted in 2 of the last 53 weeks \
                 and was strongest in the week of 23 November."
            );
        }

        #[test]
        fn summaries_describe_and_never_judge() {
            let conn = test_db();
            let mut t = at("2026-01-01T10:00:00Z");
            for i in 0..200 {
                let v = f64::from(i % 11);
                let pairs: Vec<(&str, f64)> = EMOTIONS.iter().map(|e| (*e, v)).collect();
                add(&conn, &timestamp(t), &pairs);
                t += Duration::hours(37);
            }
            for range in RANGES {
                // The last check-in is on 3 November.
                let w = waves(&conn, range, local("2026-11-03T12:00:00+01:00")).unwrap();
                let s = w.summary.to_lowercase();
                for verdict in
                    ["better", "worse", "progress", "trend", "should", "improv", "streak", "score"]
                {
                    assert!(!s.contains(verdict), "{range}: {verdict} in {s}");
                }
                assert!(s.contains("strongest"), "{s}");
            }
        }

        #[test]
        fn an_unknown_range_is_invalid() {
            let conn = test_db();
            for bad in ["", "2W", "1m", "all"] {
                assert!(matches!(
                    waves(&conn, bad, local("2026-11-25T12:00:00Z")),
                    Err(Error::Invalid(_))
                ));
            }
        }
    }
}
