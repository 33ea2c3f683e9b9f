//! The session-prep sheet's draft: which sections the person chose and their own words
//! for it, kept in the vault (table `session_prep_draft`, one row), and the [`Sheet`]
//! gathered from the draft and what the vault holds.
//!
//! Invariants: every section is off until the person ticks it, and the app is not named
//! unless they ask (the defaults); only the sections that are included are read from the
//! vault; the draft is checked the same way when it is saved and when it is read back;
//! days are the person's local days, in the offset the caller passes (tests fix it).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::content::long_date;
use super::{
    CheckinsSummary, EmotionSummary, GoalKind, Goals, Needs, Options, Paper, Screeners, Sheet,
    Taken, TriggerMoment, TriggersSummary,
};
use crate::error::{Error, Result};
use crate::readiness::checklist::{self, DatedAnswers};
use crate::readiness::evaluation::{Given, Kind};
use crate::readiness::store::{self, Saved};
use crate::workbook::checkins::{self, local_day, local_midnight, Period, EMOTIONS};
use crate::workbook::{atomically, check_lengths, docs, journal::timestamp, parse_day, triggers};

/// Days of check-ins summarised, ending today.
pub const CHECKIN_DAYS: i64 = 14;
/// Days of triggers listed, ending today.
pub const TRIGGER_DAYS: i64 = 30;
/// Earlier checklists shown as the trend, besides the latest.
pub const TREND_EARLIER: usize = 6;

/// Which sections go on the sheet. All off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Include {
    pub what_brings_me: bool,
    pub checklist: bool,
    pub checklist_trend: bool,
    pub screeners: bool,
    pub checkins: bool,
    pub triggers: bool,
    pub needs: bool,
    pub questions: bool,
    pub goals: bool,
    pub crisis: bool,
}

/// The person's choices and words for the sheet. Fields left out take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Draft {
    pub include: Include,
    pub what_brings_me: String,
    /// Questions for the therapist, one per entry.
    pub questions: Vec<String>,
    pub goal_kind: GoalKind,
    pub goals: String,
    /// ISO 3166-1 alpha-2 code whose crisis lines are printed (unlisted: the directory).
    pub crisis_country: Option<String>,
    pub show_app_name: bool,
    pub paper: Paper,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            include: Include::default(),
            what_brings_me: String::new(),
            questions: Vec::new(),
            goal_kind: GoalKind::NotSure,
            goals: String::new(),
            crisis_country: None,
            show_app_name: false,
            paper: Paper::A4,
        }
    }
}

impl Draft {
    /// Reads the window's JSON and checks it; a blank country means none.
    pub fn from_json(value: &Value) -> Result<Draft> {
        let mut draft = Draft::deserialize(value).map_err(|_| {
            Error::Invalid(
                "The session notes were not understood: each section is on or off, the goal is \
                 individual, couples or notSure, and the paper is a4 or letter. Nothing was \
                 changed."
                    .into(),
            )
        })?;
        draft.crisis_country =
            draft.crisis_country.map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
        draft.validate()?;
        Ok(draft)
    }

    /// Refuses text over the vault's field limit and a country that is not a two-letter
    /// code.
    pub fn validate(&self) -> Result<()> {
        let mut texts = vec![self.what_brings_me.as_str(), self.goals.as_str()];
        texts.extend(self.questions.iter().map(String::as_str));
        check_lengths("The session-prep sheet", &texts)?;
        if let Some(c) = &self.crisis_country {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(Error::Invalid(
                    "Choose the country by its two-letter code, such as GB or US. Nothing was \
                     changed."
                        .into(),
                ));
            }
        }
        Ok(())
    }
}

/// What the vault holds that the sheet could show, so the window can say when a section
/// would be empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Available {
    /// A kept checklist.
    pub checklist: bool,
    /// A kept checklist before the latest one.
    pub checklist_trend: bool,
    /// A kept GAD-7 or PHQ-9.
    pub screeners: bool,
    /// A check-in in the last [`CHECKIN_DAYS`] days.
    pub checkins: bool,
    /// A trigger in the last [`TRIGGER_DAYS`] days.
    pub triggers: bool,
    /// Words in the current needs-and-boundaries document.
    pub needs: bool,
}

/// The session-prep screen: the draft and what could fill it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prep {
    pub draft: Draft,
    pub available: Available,
}

/// The kept draft, if one was ever saved (checked as strictly as a new one).
pub fn load_saved(conn: &Connection) -> Result<Option<Draft>> {
    let json: Option<String> = conn
        .query_row("SELECT draft FROM session_prep_draft WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    json.map(|j| {
        serde_json::from_str::<Value>(&j)
            .map_err(|_| Error::Invalid("The kept session notes could not be read.".into()))
            .and_then(|v| Draft::from_json(&v))
    })
    .transpose()
}

/// The kept draft, or the defaults.
pub fn load(conn: &Connection) -> Result<Draft> {
    Ok(load_saved(conn)?.unwrap_or_default())
}

/// Replaces the kept draft.
pub fn save(conn: &Connection, draft: &Draft, now: DateTime<Utc>) -> Result<()> {
    draft.validate()?;
    let json = serde_json::to_string(draft)
        .map_err(|_| Error::Invalid("These session notes could not be saved.".into()))?;
    atomically(conn, |tx| {
        tx.execute(
            "INSERT INTO session_prep_draft (id, draft, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET draft = excluded.draft,
                 updated_at = excluded.updated_at",
            [json, timestamp(now)],
        )?;
        Ok(())
    })
}

/// The draft and what the vault holds for the local day `today`.
pub fn prep(conn: &Connection, today: &str, offset: FixedOffset) -> Result<Prep> {
    let today = parse_day(today)?;
    Ok(Prep { draft: load(conn)?, available: available(conn, today, offset)? })
}

/// What the vault holds that the sheet could show on `today`.
pub fn available(conn: &Connection, today: NaiveDate, offset: FixedOffset) -> Result<Available> {
    let checklists = store::count(conn, Kind::Checklist)?;
    Ok(Available {
        checklist: checklists > 0,
        checklist_trend: checklists > 1,
        screeners: store::count(conn, Kind::Gad7)? + store::count(conn, Kind::Phq9)? > 0,
        checkins: !recent_checkins(conn, today, offset)?.is_empty(),
        triggers: !recent_triggers(conn, today, offset)?.is_empty(),
        needs: needs(conn)?.is_some(),
    })
}

/// The sheet for `draft` on the local day `today`, reading from the vault only what the
/// included sections need.
pub fn sheet(conn: &Connection, draft: &Draft, today: &str, offset: FixedOffset) -> Result<Sheet> {
    draft.validate()?;
    let today = parse_day(today)?;
    let inc = draft.include;
    let mut sheet = Sheet::new(today);
    sheet.options = Options { show_app_name: draft.show_app_name, paper: draft.paper };
    if inc.what_brings_me {
        sheet.what_brings_me = Some(draft.what_brings_me.clone());
    }
    if inc.checklist || inc.checklist_trend {
        let mut kept = store::newest(conn, Kind::Checklist, 1 + TREND_EARLIER)?.into_iter();
        let latest = kept.next();
        if inc.checklist {
            sheet.checklist = latest.and_then(|s| checklist_answers(&s));
        }
        if inc.checklist_trend {
            let earlier: Vec<DatedAnswers> = kept
                .filter_map(|s| {
                    let on = local_day(&s.taken_at, offset)?;
                    Some(DatedAnswers { on, answers: checklist_answers(&s)? })
                })
                .collect();
            sheet.checklist_trend = (!earlier.is_empty()).then_some(earlier);
        }
    }
    if inc.screeners {
        let newest = |kind: Kind| -> Result<Option<Saved>> {
            Ok(store::newest(conn, kind, 1)?.into_iter().next())
        };
        let gad7 = newest(Kind::Gad7)?.and_then(|s| match s.answers {
            Given::Gad7(answers) => Some(Taken { on: local_day(&s.taken_at, offset), answers }),
            _ => None,
        });
        let phq9 = newest(Kind::Phq9)?.and_then(|s| match s.answers {
            Given::Phq9(answers) => Some(Taken { on: local_day(&s.taken_at, offset), answers }),
            _ => None,
        });
        if gad7.is_some() || phq9.is_some() {
            sheet.screeners = Some(Screeners { gad7, phq9 });
        }
    }
    if inc.checkins {
        sheet.checkins_summary = checkins_summary(conn, today, offset)?;
    }
    if inc.triggers {
        sheet.triggers_summary = triggers_summary(conn, today, offset)?;
    }
    if inc.needs {
        sheet.needs = needs(conn)?;
    }
    if inc.questions {
        sheet.questions_for_therapist = Some(draft.questions.clone());
    }
    if inc.goals {
        sheet.goals = Some(Goals { kind: draft.goal_kind, text: draft.goals.clone() });
    }
    if inc.crisis {
        // No country chosen: the sheet names the international directory.
        sheet.crisis_country = Some(draft.crisis_country.clone().unwrap_or_default());
    }
    Ok(sheet)
}

fn checklist_answers(saved: &Saved) -> Option<checklist::Answers> {
    match &saved.answers {
        Given::Checklist(a) => Some(a.clone()),
        _ => None,
    }
}

/// The stored times of local days `first..=last`, as an inclusive [`Period`] (one
/// instant too wide at the end; callers drop what falls on the next day).
fn days(first: NaiveDate, last: NaiveDate, offset: FixedOffset) -> Period {
    Period {
        from: Some(local_midnight(first, offset)),
        to: Some(local_midnight(last + Duration::days(1), offset)),
    }
}

/// "12 to 25 November 2026", "28 October to 10 November 2026".
fn period_words(first: NaiveDate, last: NaiveDate) -> String {
    let from = if (first.year(), first.month()) == (last.year(), last.month()) {
        first.format("%-d").to_string()
    } else if first.year() == last.year() {
        first.format("%-d %B").to_string()
    } else {
        long_date(first)
    };
    format!("{from} to {}", long_date(last))
}

fn recent_checkins(
    conn: &Connection,
    today: NaiveDate,
    offset: FixedOffset,
) -> Result<Vec<checkins::Checkin>> {
    let first = today - Duration::days(CHECKIN_DAYS - 1);
    let mut list = checkins::list(conn, &days(first, today, offset))?;
    list.retain(|c| local_day(&c.at, offset).is_some_and(|d| d >= first && d <= today));
    Ok(list)
}

fn recent_triggers(
    conn: &Connection,
    today: NaiveDate,
    offset: FixedOffset,
) -> Result<Vec<triggers::Trigger>> {
    let first = today - Duration::days(TRIGGER_DAYS - 1);
    let mut list = triggers::list(conn, &days(first, today, offset))?;
    list.retain(|t| local_day(&t.at, offset).is_some_and(|d| d >= first && d <= today));
    Ok(list)
}

/// Check-ins of the last [`CHECKIN_DAYS`] days: per feeling, how many check-ins noted
/// it, the strongest and the median. `None` without check-ins.
fn checkins_summary(
    conn: &Connection,
    today: NaiveDate,
    offset: FixedOffset,
) -> Result<Option<CheckinsSummary>> {
    let list = recent_checkins(conn, today, offset)?;
    if list.is_empty() {
        return Ok(None);
    }
    let emotions = EMOTIONS
        .iter()
        .filter_map(|&e| {
            let mut values: Vec<u8> = list
                .iter()
                .filter_map(|c| c.emotions.get(e).copied().flatten())
                .filter_map(|v| u8::try_from(v).ok())
                .collect();
            if values.is_empty() {
                return None;
            }
            values.sort_unstable();
            let n = values.len();
            // The median, the upper middle rounded up when there are two.
            let typical = (u16::from(values[(n - 1) / 2]) + u16::from(values[n / 2])).div_ceil(2);
            Some(EmotionSummary {
                name: format!("{}{}", e[..1].to_ascii_uppercase(), &e[1..]),
                times: u32::try_from(n).unwrap_or(u32::MAX),
                highest: values.last().copied(),
                typical: u8::try_from(typical).ok(),
            })
        })
        .collect();
    let first = today - Duration::days(CHECKIN_DAYS - 1);
    Ok(Some(CheckinsSummary {
        period: period_words(first, today),
        count: u32::try_from(list.len()).unwrap_or(u32::MAX),
        emotions,
        note: None,
    }))
}

/// Triggers of the last [`TRIGGER_DAYS`] days, oldest first. `None` without triggers.
fn triggers_summary(
    conn: &Connection,
    today: NaiveDate,
    offset: FixedOffset,
) -> Result<Option<TriggersSummary>> {
    let mut list = recent_triggers(conn, today, offset)?;
    if list.is_empty() {
        return Ok(None);
    }
    list.reverse();
    let first = today - Duration::days(TRIGGER_DAYS - 1);
    Ok(Some(TriggersSummary {
        period: period_words(first, today),
        count: u32::try_from(list.len()).unwrap_or(u32::MAX),
        moments: list
            .into_iter()
            .map(|t| TriggerMoment {
                on: local_day(&t.at, offset),
                what: t.situation,
                felt: t.feelings,
                intensity: t.intensity.and_then(|i| u8::try_from(i).ok()),
                helped: t.helped,
                needed: t.needed,
            })
            .collect(),
        note: None,
    }))
}

/// The current needs-and-boundaries version, one entry per written line (a leading
/// "- ", "* " or "• " dropped). `None` when nothing is written.
fn needs(conn: &Connection) -> Result<Option<Needs>> {
    let Some(current) = docs::get(conn, "needs")?.current else { return Ok(None) };
    let lines = |key: &str| -> Vec<String> {
        let text = current.fields.get(key).map_or("", String::as_str);
        text.lines()
            .map(|line| {
                let line = line.trim();
                ["- ", "* ", "• "]
                    .iter()
                    .find_map(|marker| line.strip_prefix(marker))
                    .unwrap_or(line)
                    .trim()
                    .to_owned()
            })
            .filter(|line| !line.is_empty())
            .collect()
    };
    let n = Needs {
        in_relationship: lines("relationship"),
        from_partner: lines("fromPartner"),
        will_not_accept: lines("wontTolerate"),
    };
    let written =
        [&n.in_relationship, &n.from_partner, &n.will_not_accept].iter().any(|l| !l.is_empty());
    Ok(written.then_some(n))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::session_prep::{document, render_pdf, Block, Doc};
    use crate::workbook::checkins::CheckinDraft;
    use crate::workbook::triggers::TriggerDraft;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    const TODAY: &str = "2026-11-25";

    /// UTC+1, so local days and UTC days differ around midnight.
    fn offset() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn all_on() -> Include {
        Include {
            what_brings_me: true,
            checklist: true,
            checklist_trend: true,
            screeners: true,
            checkins: true,
            triggers: true,
            needs: true,
            questions: true,
            goals: true,
            crisis: true,
        }
    }

    fn keep(conn: &Connection, kind: &str, answers: Value, when: &str) -> Saved {
        store::save(conn, kind, &answers, Some(when), at(when)).unwrap()
    }

    fn checkin(conn: &Connection, when: &str, anger: f64, note: &str) {
        let draft = CheckinDraft {
            at: Some(when.into()),
            emotions: [("anger".to_owned(), Some(anger)), ("hope".to_owned(), Some(2.0))].into(),
            note: note.into(),
            ..CheckinDraft::default()
        };
        checkins::save(conn, &draft, at(when)).unwrap();
    }

    fn trigger(conn: &Connection, when: &str, situation: &str) {
        let draft = TriggerDraft {
            at: Some(when.into()),
            category: "phone".into(),
            situation: situation.into(),
            feelings: "cold".into(),
            intensity: Some(6.0),
            helped: "a walk".into(),
            ..TriggerDraft::default()
        };
        triggers::save(conn, &draft, at(when)).unwrap();
    }

    /// A vault with something for every section, and some things just outside the
    /// periods the sheet covers.
    fn seeded() -> Connection {
        let conn = test_db();
        for (day, often) in [("01", 1), ("08", 2), ("15", 3)] {
            keep(
                &conn,
                "checklist",
                json!({ "anxiety": { "often": often, "gettingWorse": often == 3 } }),
                &format!("2026-11-{day}T10:00:00Z"),
            );
        }
        keep(&conn, "gad7", json!({ "items": [3, 3, null, 3, 3, 3, 3] }), "2026-11-20T10:00:00Z");
        keep(
            &conn,
            "phq9",
            json!({ "items": [1, 1, 1, 1, 1, 1, 1, 1, 1], "difficulty": 2 }),
            "2026-11-21T10:00:00Z",
        );
        checkin(&conn, "2026-11-11T22:59:59.999Z", 9.0, "outside"); // 11 Nov local: too early
        checkin(&conn, "2026-11-11T23:00:00.000Z", 4.0, "first day"); // 12 Nov, 00:00 local
        checkin(&conn, "2026-11-20T10:00:00Z", 8.0, "");
        checkin(&conn, "2026-11-25T22:59:59.999Z", 1.0, "last instant"); // 25 Nov, 23:59 local
        checkin(&conn, "2026-11-25T23:00:00.000Z", 10.0, "tomorrow"); // 26 Nov local
        trigger(&conn, "2026-10-26T10:00:00Z", "too long ago");
        trigger(&conn, "2026-10-27T10:00:00Z", "a song in the shop");
        trigger(&conn, "2026-11-24T10:00:00Z", "a buzz at dinner");
        let fields: BTreeMap<String, String> = [
            ("relationship".to_owned(), "- honesty\n\n* time together\n".to_owned()),
            ("wontTolerate".to_owned(), "• more lies".to_owned()),
        ]
        .into();
        docs::save(&conn, "needs", "2026-11-10", &fields, at("2026-11-10T10:00:00Z")).unwrap();
        conn
    }

    fn full_draft() -> Draft {
        Draft {
            include: all_on(),
            what_brings_me: "I can't sleep since I found out.".into(),
            questions: vec!["Is this normal?".into(), "Should we go together?".into()],
            goal_kind: GoalKind::Couples,
            goals: "Decide together, calmly.".into(),
            crisis_country: Some("GB".into()),
            show_app_name: false,
            paper: Paper::Letter,
        }
    }

    fn headings(doc: &Doc) -> Vec<&str> {
        doc.sections.iter().map(|s| s.heading.as_str()).collect()
    }

    fn text_of(doc: &Doc) -> String {
        serde_json::to_string(doc).unwrap()
    }

    mod the_draft {
        use super::*;

        #[test]
        fn defaults_leave_every_section_out_and_the_app_unnamed() {
            let conn = test_db();
            let d = load(&conn).unwrap();
            assert_eq!(d, Draft::default());
            assert_eq!(d.include, Include::default());
            assert!(!d.show_app_name);
            assert!(load_saved(&conn).unwrap().is_none());
            let json = serde_json::to_value(&d).unwrap();
            assert_eq!(
                json,
                json!({
                    "include": {
                        "whatBringsMe": false, "checklist": false, "checklistTrend": false,
                        "screeners": false, "checkins": false, "triggers": false,
                        "needs": false, "questions": false, "goals": false, "crisis": false
                    },
                    "whatBringsMe": "", "questions": [], "goalKind": "notSure", "goals": "",
                    "crisisCountry": null, "showAppName": false, "paper": "a4"
                })
            );
            let from_empty = Draft::from_json(&json!({})).unwrap();
            assert_eq!(from_empty, Draft::default(), "fields left out take their defaults");
        }

        #[test]
        fn saves_and_reads_back_exactly() {
            let conn = test_db();
            let mut d = full_draft();
            d.what_brings_me = "<b>not markup</b> 🌊 שלום\r\nline two".into();
            save(&conn, &d, at("2026-11-25T10:00:00Z")).unwrap();
            assert_eq!(load(&conn).unwrap(), d);
            d.include.crisis = false;
            d.crisis_country = None;
            save(&conn, &d, at("2026-11-25T11:00:00Z")).unwrap();
            assert_eq!(load(&conn).unwrap(), d, "a second save replaces the first");
            let rows: i64 = conn
                .query_row("SELECT count(*) FROM session_prep_draft", [], |r| r.get(0))
                .unwrap();
            assert_eq!(rows, 1);
            let back = Draft::from_json(&serde_json::to_value(&d).unwrap()).unwrap();
            assert_eq!(back, d, "the window's JSON round-trips");
        }

        #[test]
        fn a_blank_country_is_none_and_codes_are_upper_case() {
            let d = Draft::from_json(&json!({ "crisisCountry": " " })).unwrap();
            assert_eq!(d.crisis_country, None);
            let d = Draft::from_json(&json!({ "crisisCountry": "gb" })).unwrap();
            assert_eq!(d.crisis_country.as_deref(), Some("GB"));
        }

        #[test]
        fn bad_choices_are_invalid_and_change_nothing() {
            let conn = test_db();
            save(&conn, &full_draft(), at("2026-11-25T10:00:00Z")).unwrap();
            let huge = "x".repeat(MAX_FIELD_BYTES + 1);
            let cases = [
                (json!({ "goalKind": "family" }), "notSure"),
                (json!({ "paper": "a3" }), "a4 or letter"),
                (json!({ "include": { "journal": true } }), "on or off"),
                (json!({ "include": { "needs": "yes" } }), "on or off"),
                (json!({ "secret": "words" }), "on or off"),
                (json!({ "questions": "one" }), "on or off"),
                (json!({ "crisisCountry": "Great Britain" }), "two-letter"),
                (json!({ "whatBringsMe": huge }), "too long"),
                (json!({ "questions": ["fine", huge] }), "too long"),
                (json!(null), "on or off"),
            ];
            for (value, says) in cases {
                let err = Draft::from_json(&value).unwrap_err();
                let message = err.to_string();
                assert_eq!(err.kind(), "invalid");
                assert!(message.contains(says), "{says}: {message}");
                assert!(!message.contains("secret") && message.len() < 300, "{message}");
            }
            let mut d = full_draft();
            d.goals = "x".repeat(MAX_FIELD_BYTES + 1);
            assert!(save(&conn, &d, at("2026-11-25T11:00:00Z")).is_err());
            assert_eq!(load(&conn).unwrap(), full_draft(), "nothing was changed");
        }

        #[test]
        fn the_database_keeps_one_json_object() {
            let conn = test_db();
            for (id, json) in [(2, "{}"), (1, "[]"), (1, "not json")] {
                let r = conn.execute(
                    "INSERT INTO session_prep_draft (id, draft, updated_at) VALUES (?1, ?2, 't')",
                    rusqlite::params![id, json],
                );
                assert!(r.is_err(), "{id} {json}");
            }
        }
    }

    mod what_is_available {
        use super::*;

        #[test]
        fn an_empty_vault_has_nothing_to_offer() {
            let conn = test_db();
            assert_eq!(
                available(&conn, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), offset()).unwrap(),
                Available::default()
            );
            let p = prep(&conn, TODAY, offset()).unwrap();
            assert_eq!(p.draft, Draft::default());
            let json = serde_json::to_value(&p).unwrap();
            assert_eq!(
                json["available"],
                json!({
                    "checklist": false, "checklistTrend": false, "screeners": false,
                    "checkins": false, "triggers": false, "needs": false
                })
            );
            assert!(prep(&conn, "25/11/2026", offset()).is_err());
        }

        #[test]
        fn a_filled_vault_offers_every_section() {
            let conn = seeded();
            let a = prep(&conn, TODAY, offset()).unwrap().available;
            assert!(
                a.checklist
                    && a.checklist_trend
                    && a.screeners
                    && a.checkins
                    && a.triggers
                    && a.needs,
                "{a:?}"
            );
        }

        #[test]
        fn recent_means_the_last_14_and_30_local_days() {
            let conn = seeded();
            // A month later, only the 26 November check-in (local) is within 14 days.
            let later = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
            let a = available(&conn, later, offset()).unwrap();
            assert!(a.checkins, "26 November is within 26 November..9 December");
            let a =
                available(&conn, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(), offset()).unwrap();
            assert!(!a.checkins);
            let a =
                available(&conn, NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), offset()).unwrap();
            assert!(!a.triggers, "the last trigger was on 24 November");
            let one = test_db();
            keep(&one, "checklist", json!({}), "2026-11-01T10:00:00Z");
            let a =
                available(&one, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), offset()).unwrap();
            assert!(a.checklist && !a.checklist_trend && !a.screeners && !a.needs);
        }
    }

    mod the_preview {
        use super::*;

        fn preview(conn: &Connection, draft: &Draft) -> Doc {
            document(&sheet(conn, draft, TODAY, offset()).unwrap())
        }

        #[test]
        fn nothing_chosen_is_an_empty_sheet_even_with_a_full_vault() {
            let doc = preview(&seeded(), &Draft::default());
            assert!(doc.sections.is_empty());
            assert_eq!(doc.date, "25 November 2026");
            assert_eq!(doc.app_name, None, "the app is unnamed by default");
        }

        #[test]
        fn shows_only_the_chosen_sections() {
            let conn = seeded();
            let mut d = full_draft();
            d.include = Include { what_brings_me: true, triggers: true, ..Include::default() };
            let doc = preview(&conn, &d);
            assert_eq!(headings(&doc), ["What brings me", "Triggers"]);
            let text = text_of(&doc);
            for absent in ["Is this normal?", "Couples", "Samaritans", "honesty", "GAD-7"] {
                assert!(!text.contains(absent), "{absent} is on the sheet");
            }

            let doc = preview(&conn, &full_draft());
            assert_eq!(
                headings(&doc),
                [
                    "What brings me",
                    "The past two weeks",
                    "The checklist over time",
                    "Questionnaires",
                    "Recent check-ins",
                    "Triggers",
                    "Needs and boundaries",
                    "Questions for my therapist",
                    "My goals",
                    "If things feel unsafe",
                ]
            );
            assert_eq!(doc.app_name, None);
            assert_eq!(doc.paper, Paper::Letter);
        }

        #[test]
        fn only_included_sections_are_read_from_the_vault() {
            let conn = seeded();
            // A result no code would write: reading it fails.
            conn.execute(
                "INSERT INTO readiness_results (kind, taken_at, answers, created_at)
                 VALUES ('gad7', '2026-11-24T10:00:00.000Z', '{\"items\":[9,9,9,9,9,9,9]}', 't')",
                [],
            )
            .unwrap();
            let mut d = full_draft();
            d.include.screeners = false;
            assert!(sheet(&conn, &d, TODAY, offset()).is_ok(), "the questionnaires were not read");
            d.include.screeners = true;
            assert!(sheet(&conn, &d, TODAY, offset()).is_err());
        }

        #[test]
        fn the_latest_checklist_and_up_to_six_earlier_ones_as_the_trend() {
            let conn = seeded();
            let s = sheet(&conn, &full_draft(), TODAY, offset()).unwrap();
            let latest = s.checklist.unwrap();
            assert_eq!(latest.get(checklist::Sign::Anxiety).often, Some(3));
            let trend = s.checklist_trend.unwrap();
            let days: Vec<String> = trend.iter().map(|d| d.on.to_string()).collect();
            assert_eq!(days, ["2026-11-08", "2026-11-01"], "earlier ones, newest first");

            for day in 1..=9 {
                keep(&conn, "checklist", json!({}), &format!("2026-10-0{day}T10:00:00Z"));
            }
            let s = sheet(&conn, &full_draft(), TODAY, offset()).unwrap();
            assert_eq!(s.checklist_trend.unwrap().len(), TREND_EARLIER);
        }

        #[test]
        fn a_partial_questionnaire_says_incomplete_instead_of_a_total() {
            let conn = seeded();
            let d = Draft {
                include: Include { screeners: true, ..Include::default() },
                ..Draft::default()
            };
            let text = text_of(&preview(&conn, &d));
            assert!(text.contains("Not complete: 6 of 7 questions answered"), "{text}");
            assert!(!text.contains("of 21"), "a partial GAD-7 has no total: {text}");
            assert!(text.contains("Total 9 of 27"), "the complete PHQ-9 has one");
            assert!(text.contains("Question 9"), "item 9 is named on the sheet");
            assert!(text.contains("20 November 2026") && text.contains("21 November 2026"));
        }

        #[test]
        fn check_ins_are_summarised_over_the_last_14_local_days() {
            let conn = seeded();
            let s = sheet(&conn, &full_draft(), TODAY, offset()).unwrap();
            let c = s.checkins_summary.unwrap();
            assert_eq!(c.period, "12 to 25 November 2026");
            assert_eq!(c.count, 3);
            let anger = c.emotions.iter().find(|e| e.name == "Anger").unwrap();
            assert_eq!((anger.times, anger.highest, anger.typical), (3, Some(8), Some(4)));
            let hope = c.emotions.iter().find(|e| e.name == "Hope").unwrap();
            assert_eq!((hope.times, hope.highest, hope.typical), (3, Some(2), Some(2)));
            assert_eq!(c.emotions.len(), 2, "feelings never noted are left out");
            assert_eq!(c.note, None);
        }

        #[test]
        fn triggers_of_the_last_30_days_are_listed_oldest_first() {
            let conn = seeded();
            let s = sheet(&conn, &full_draft(), TODAY, offset()).unwrap();
            let t = s.triggers_summary.unwrap();
            assert_eq!(t.period, "27 October to 25 November 2026");
            assert_eq!(t.count, 2);
            let what: Vec<&str> = t.moments.iter().map(|m| m.what.as_str()).collect();
            assert_eq!(what, ["a song in the shop", "a buzz at dinner"]);
            assert_eq!(t.moments[1].intensity, Some(6));
            assert_eq!(t.moments[1].on, NaiveDate::from_ymd_opt(2026, 11, 24));
        }

        #[test]
        fn needs_come_from_the_current_document_one_per_line() {
            let conn = seeded();
            let n = sheet(&conn, &full_draft(), TODAY, offset()).unwrap().needs.unwrap();
            assert_eq!(n.in_relationship, ["honesty", "time together"]);
            assert!(n.from_partner.is_empty());
            assert_eq!(n.will_not_accept, ["more lies"]);
        }

        #[test]
        fn crisis_lines_without_a_country_name_the_directory() {
            let conn = test_db();
            let d = Draft {
                include: Include { crisis: true, ..Include::default() },
                ..Draft::default()
            };
            let text = text_of(&preview(&conn, &d));
            assert!(text.contains("findahelpline.com"), "{text}");
        }

        #[test]
        fn the_app_is_named_only_when_asked() {
            let d = Draft { show_app_name: true, ..Draft::default() };
            assert_eq!(preview(&test_db(), &d).app_name, Some("Mend"));
        }

        #[test]
        fn blocks_carry_the_persons_words_as_plain_text() {
            let conn = test_db();
            let d = Draft {
                include: Include { what_brings_me: true, ..Include::default() },
                what_brings_me: "<script>x</script>".into(),
                ..Draft::default()
            };
            let doc = preview(&conn, &d);
            assert_eq!(doc.sections[0].blocks, [Block::Text("<script>x</script>".into())]);
        }
    }

    /// The PDF command's path, short of the save dialog.
    #[test]
    fn a_pdf_renders_from_a_draft_and_a_seeded_vault() {
        let conn = seeded();
        let s = sheet(&conn, &full_draft(), TODAY, offset()).unwrap();
        let bytes = render_pdf(&s).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "a PDF header");
        assert!(!bytes.windows(4).any(|w| w == b"Mend"), "the app is not named");
    }
}
