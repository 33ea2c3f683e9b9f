//! The self-care workbook over IPC: living documents, check-ins and waves, the trigger
//! log, the questions log, the re-wooing planner and the home screen. Each command
//! hands its arguments to `crate::workbook`; times default to the computer's clock, and
//! local days to its time zone.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use tauri::State;

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::workbook::accountability::{self, Check};
use crate::workbook::checkins::{self, Checkin, CheckinDraft, Period, Waves, WavesQuery};
use crate::workbook::docs::{self, Document, Version};
use crate::workbook::home::{self, Summary};
use crate::workbook::questions::{self, Question, QuestionDraft, Similar};
use crate::workbook::rewoo::{self, Rewoo, RewooDraft};
use crate::workbook::triggers::{self, Patterns, PatternsQuery, Trigger, TriggerDraft};

/// `now` from the window (its offset sets local days), or this computer's clock.
fn local_now(now: Option<&str>) -> Result<DateTime<FixedOffset>> {
    match now {
        Some(t) => crate::workbook::parse_local(t),
        None => Ok(chrono::Local::now().fixed_offset()),
    }
}

/// A living document with its versions, newest first.
pub fn doc_get(state: State<'_, AppState>, kind: String) -> Result<Document> {
    state.with_vault(|v| docs::get(v.conn(), &kind))
}

/// Saves into today's version of a document.
pub fn doc_save(
    state: State<'_, AppState>,
    kind: String,
    today: String,
    fields: BTreeMap<String, String>,
) -> Result<Version> {
    state.with_vault(|v| docs::save(v.conn(), &kind, &today, &fields, Utc::now()))
}

/// One version of a document.
pub fn doc_version(state: State<'_, AppState>, id: i64) -> Result<Version> {
    state.with_vault(|v| {
        docs::version_by_id(v.conn(), id)?
            .ok_or_else(|| Error::Invalid("That version no longer exists.".into()))
    })
}

/// Copies an old version into today's version.
pub fn doc_restore(state: State<'_, AppState>, id: i64, today: String) -> Result<Version> {
    state.with_vault(|v| docs::restore(v.conn(), id, &today, Utc::now()))
}

/// Deletes one version for good.
pub fn doc_version_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| docs::delete_version(v.conn(), id))
}

/// Whether an accountability plan hands the monitoring to the partner. Stores nothing.
pub fn accountability_check(text: String) -> Check {
    accountability::check(&text)
}

/// Saves an emotion check-in.
pub fn checkin_save(state: State<'_, AppState>, checkin: CheckinDraft) -> Result<Checkin> {
    state.with_vault(|v| checkins::save(v.conn(), &checkin, Utc::now()))
}

/// Check-ins in a period, newest first.
pub fn checkin_list(state: State<'_, AppState>, filter: Option<Period>) -> Result<Vec<Checkin>> {
    state.with_vault(|v| checkins::list(v.conn(), &filter.unwrap_or_default()))
}

/// Deletes a check-in for good.
pub fn checkin_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| checkins::delete(v.conn(), id))
}

/// The waves chart for "2w", "3m" or "1y".
pub fn checkin_waves(state: State<'_, AppState>, query: WavesQuery) -> Result<Waves> {
    let now = local_now(query.now.as_deref())?;
    state.with_vault(|v| checkins::waves(v.conn(), &query.range, now))
}

/// Saves a trigger entry.
pub fn trigger_save(state: State<'_, AppState>, trigger: TriggerDraft) -> Result<Trigger> {
    state.with_vault(|v| triggers::save(v.conn(), &trigger, Utc::now()))
}

/// Trigger entries in a period, newest first.
pub fn trigger_list(state: State<'_, AppState>, filter: Option<Period>) -> Result<Vec<Trigger>> {
    state.with_vault(|v| triggers::list(v.conn(), &filter.unwrap_or_default()))
}

/// Deletes a trigger entry for good.
pub fn trigger_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| triggers::delete(v.conn(), id))
}

/// Patterns over the trigger log.
pub fn trigger_patterns(
    state: State<'_, AppState>,
    query: Option<PatternsQuery>,
) -> Result<Patterns> {
    let now = local_now(query.unwrap_or_default().now.as_deref())?;
    state.with_vault(|v| triggers::patterns(v.conn(), now))
}

/// Saves a question and the answer given.
pub fn question_save(state: State<'_, AppState>, question: QuestionDraft) -> Result<Question> {
    state.with_vault(|v| questions::save(v.conn(), &question, Utc::now()))
}

/// Every question, newest first, with earlier similar ones.
pub fn question_list(state: State<'_, AppState>) -> Result<Vec<Question>> {
    state.with_vault(|v| questions::list(v.conn()))
}

/// Earlier questions similar to what is being typed.
pub fn question_similar(state: State<'_, AppState>, text: String) -> Result<Vec<Similar>> {
    state.with_vault(|v| questions::similar_to(v.conn(), &text))
}

/// Deletes a question for good.
pub fn question_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| questions::delete(v.conn(), id))
}

/// Saves a re-wooing plan.
pub fn rewoo_save(state: State<'_, AppState>, item: RewooDraft) -> Result<Rewoo> {
    state.with_vault(|v| rewoo::save(v.conn(), &item, Utc::now()))
}

/// Every plan: open ones first by date, then done ones.
pub fn rewoo_list(state: State<'_, AppState>) -> Result<Vec<Rewoo>> {
    state.with_vault(|v| rewoo::list(v.conn()))
}

/// Marks a plan done now, or not done.
pub fn rewoo_done(state: State<'_, AppState>, id: i64, done: bool) -> Result<Rewoo> {
    state.with_vault(|v| rewoo::set_done(v.conn(), id, done, Utc::now()))
}

/// Deletes a plan for good.
pub fn rewoo_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| rewoo::delete(v.conn(), id))
}

/// What the home screen shows for the window's local day `today`.
pub fn home_summary(
    state: State<'_, AppState>,
    today: String,
    now: Option<String>,
) -> Result<Summary> {
    let now = local_now(now.as_deref())?;
    state.with_vault(|v| home::summary(v.conn(), &today, now))
}
