//! What the home screen shows: who the person is here, whether they checked in today,
//! and the five newest things they wrote. No counts, streaks or reminders of gaps.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::checkins::{last_at, local_midnight};
use super::{parse_day, preview};
use crate::error::Result;

/// Settings key and default of the person's role (see `commands::settings`).
const ROLE_KEY: &str = "role";
const DEFAULT_ROLE: &str = "both";
/// Items in the "recent" list.
const RECENT: i64 = 5;
/// Characters of a recent item's title.
const TITLE_CHARS: usize = 80;

/// Something recently written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recent {
    /// "journal", "trigger", "checkin" or "question".
    pub kind: String,
    pub id: i64,
    pub at: String,
    /// A short line to show: the title, or the first words.
    pub title: String,
}

/// The home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub role: String,
    pub checkin_today: bool,
    pub last_checkin_at: Option<String>,
    pub recent: Vec<Recent>,
}

/// The home screen for local day `today`; `now`'s offset says where local days start.
pub fn summary(conn: &Connection, today: &str, now: DateTime<FixedOffset>) -> Result<Summary> {
    let today = parse_day(today)?;
    let offset = *now.offset();
    let role = crate::vault::settings_get(conn, ROLE_KEY)?.unwrap_or_else(|| DEFAULT_ROLE.into());
    let last_checkin_at = last_at(conn)?;
    // Any check-in on the local day, not only the newest (it may be dated later).
    let start = local_midnight(today, offset);
    let end = local_midnight(today + chrono::Duration::days(1), offset);
    let checkin_today = conn
        .query_row(
            "SELECT 1 FROM checkins WHERE at >= ?1 AND at < ?2 LIMIT 1",
            [&start, &end],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_some();

    let mut stmt = conn.prepare(
        // The newest few of each kind (each an index walk on its date), then the newest
        // few of those: ten years of entries cost the same as ten days.
        "SELECT kind, id, at, title, body FROM (
             SELECT * FROM (SELECT 'journal' AS kind, id, created_at AS at, title, body
                            FROM journal_entries ORDER BY created_at DESC, id DESC LIMIT ?1)
             UNION ALL
             SELECT * FROM (SELECT 'trigger', id, at, situation, category
                            FROM trigger_log ORDER BY at DESC, id DESC LIMIT ?1)
             UNION ALL
             SELECT * FROM (SELECT 'checkin', id, at, note, ''
                            FROM checkins ORDER BY at DESC, id DESC LIMIT ?1)
             UNION ALL
             SELECT * FROM (SELECT 'question', id, asked_at, question, ''
                            FROM questions ORDER BY asked_at DESC, id DESC LIMIT ?1)
         )
         ORDER BY at DESC, id DESC
         LIMIT ?1",
    )?;
    let recent = stmt
        .query_map([RECENT], |r| {
            let kind: String = r.get(0)?;
            let (title, body): (String, String) = (r.get(3)?, r.get(4)?);
            Ok(Recent {
                title: title_for(&kind, &title, &body),
                kind,
                id: r.get(1)?,
                at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Summary { role, checkin_today, last_checkin_at, recent })
}

/// A line for the list: the text's first line, or a plain name for the kind.
fn title_for(kind: &str, text: &str, extra: &str) -> String {
    let line = preview(text, TITLE_CHARS);
    if !line.is_empty() {
        return line;
    }
    let body = preview(extra, TITLE_CHARS);
    match kind {
        "journal" if !body.is_empty() => body,
        "journal" => "Untitled entry".into(),
        "trigger" => format!("Trigger: {}", extra.replace('_', " ")),
        "checkin" => "Check-in".into(),
        _ => "Question".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::checkins::{self, CheckinDraft};
    use crate::workbook::journal::{self, Draft};
    use crate::workbook::questions::{self, QuestionDraft};
    use crate::workbook::triggers::{self, TriggerDraft};
    use crate::workbook::{at, test_db};

    fn local(rfc3339: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    #[test]
    fn an_empty_vault_has_a_quiet_home() {
        let conn = test_db();
        let s = summary(&conn, "2026-03-12", local("2026-03-12T10:00:00Z")).unwrap();
        assert_eq!(
            s,
            Summary {
                role: "both".into(),
                checkin_today: false,
                last_checkin_at: None,
                recent: vec![]
            }
        );
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"role":"both","checkinToday":false,"lastCheckinAt":null,"recent":[]}"#
        );
    }

    #[test]
    fn shows_role_today_and_the_five_newest_of_every_kind() {
        let conn = test_db();
        crate::vault::settings_set(&conn, "role", "broke_trust").unwrap();
        let j = journal::save(
            &conn,
            &Draft { id: None, title: "".into(), body: "\n first line\nmore".into() },
            at("2026-03-10T10:00:00Z"),
        )
        .unwrap();
        let t = triggers::save(
            &conn,
            &TriggerDraft { category: "phone".into(), ..TriggerDraft::default() },
            at("2026-03-11T10:00:00Z"),
        )
        .unwrap();
        let q = questions::save(
            &conn,
            &QuestionDraft { question: "Why?".into(), ..QuestionDraft::default() },
            at("2026-03-11T12:00:00Z"),
        )
        .unwrap();
        // 23:30 on 11 March in UTC-5, which is already 12 March in UTC.
        let c =
            checkins::save(&conn, &CheckinDraft::default(), at("2026-03-12T04:30:00Z")).unwrap();
        let old = journal::save(
            &conn,
            &Draft { id: None, title: "old".into(), body: "".into() },
            at("2026-01-01T10:00:00Z"),
        )
        .unwrap();
        let newest = journal::save(
            &conn,
            &Draft { id: None, title: "Newest".into(), body: "".into() },
            at("2026-03-12T16:00:00Z"),
        )
        .unwrap();

        let s = summary(&conn, "2026-03-12", local("2026-03-12T12:00:00-05:00")).unwrap();
        assert_eq!(s.role, "broke_trust");
        assert!(!s.checkin_today, "the check-in was on 11 March, local time");
        assert_eq!(s.last_checkin_at.as_deref(), Some("2026-03-12T04:30:00.000Z"));
        let got: Vec<(&str, i64, &str)> =
            s.recent.iter().map(|r| (r.kind.as_str(), r.id, r.title.as_str())).collect();
        assert_eq!(
            got,
            [
                ("journal", newest.id, "Newest"),
                ("checkin", c.id, "Check-in"),
                ("question", q.id, "Why?"),
                ("trigger", t.id, "Trigger: phone"),
                ("journal", j.id, "first line"),
            ]
        );
        assert!(s.recent.iter().all(|r| r.id != old.id || r.kind != "journal"));

        let s = summary(&conn, "2026-03-11", local("2026-03-11T23:45:00-05:00")).unwrap();
        assert!(s.checkin_today);
        let s = summary(&conn, "2026-03-12", local("2026-03-12T12:00:00Z")).unwrap();
        assert!(s.checkin_today, "in UTC it was 12 March");
    }

    #[test]
    fn a_bad_day_is_invalid() {
        let conn = test_db();
        assert!(summary(&conn, "today", local("2026-03-12T12:00:00Z")).is_err());
    }
}
