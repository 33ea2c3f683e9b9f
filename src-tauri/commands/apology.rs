//! The apology helper over IPC: the live checker (works while locked and stores
//! nothing), drafts with daily versions and a cool-off before "ready", and copying a draft
//! to the clipboard. Each command hands its arguments to `crate::apology`; times come from
//! this computer's clock, and the cool-off's end is said in its time zone.

use chrono::{DateTime, FixedOffset, Local, Utc};
use tauri::State;
use zeroize::Zeroizing;

use crate::apology::drafts::{self, Draft, DraftInput, Settings, SettingsChange, Summary, Version};
use crate::apology::{self, Report};
use crate::error::Result;
use crate::state::AppState;

/// A UTC time in this computer's time zone (at that moment, so across a clock change).
fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Local).fixed_offset()
}

/// What the checker finds in `text`. Needs no vault and keeps nothing.
pub fn apology_check(text: String) -> Report {
    apology::check(&text)
}

/// Every draft, newest first.
pub fn apology_list(state: State<'_, AppState>) -> Result<Vec<Summary>> {
    state.with_vault(|v| drafts::list(v.conn()))
}

/// One draft with its versions.
pub fn apology_get(state: State<'_, AppState>, id: i64) -> Result<Draft> {
    state.with_vault(|v| drafts::get(v.conn(), id))
}

/// Creates a draft (`id` null) or saves into today's version of one.
pub fn apology_save(state: State<'_, AppState>, draft: DraftInput) -> Result<Draft> {
    state.with_vault(|v| drafts::save(v.conn(), &draft, Utc::now()))
}

/// One version's words.
pub fn apology_version(state: State<'_, AppState>, id: i64) -> Result<Version> {
    state.with_vault(|v| drafts::version(v.conn(), id))
}

/// Copies version `id`'s words into today's version of its draft.
pub fn apology_restore(state: State<'_, AppState>, id: i64, today: String) -> Result<Draft> {
    state.with_vault(|v| drafts::restore(v.conn(), id, &today, Utc::now()))
}

/// Marks a draft ready (after its cool-off) or not ready.
pub fn apology_ready(state: State<'_, AppState>, id: i64, ready: bool) -> Result<Draft> {
    state.with_vault(|v| drafts::set_ready(v.conn(), id, ready, Utc::now(), local))
}

/// Deletes a draft and all its versions for good.
pub fn apology_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| drafts::delete(v.conn(), id))
}

/// The cool-off setting.
pub fn apology_settings_get(state: State<'_, AppState>) -> Result<Settings> {
    state.with_vault(|v| drafts::settings(v.conn()))
}

/// Changes the cool-off (whole hours, 0 to 168).
pub fn apology_settings_set(state: State<'_, AppState>, settings: SettingsChange) -> Result<()> {
    state.with_vault(|v| drafts::set_settings(v.conn(), &settings))
}

/// Copies a draft's body to the clipboard; cleared after 60 s if it still holds it.
pub fn apology_copy(app: tauri::AppHandle, state: State<'_, AppState>, id: i64) -> Result<()> {
    let body = Zeroizing::new(state.with_vault(|v| drafts::body(v.conn(), id))?);
    crate::clipboard::copy_then_clear(&app, body)
}
