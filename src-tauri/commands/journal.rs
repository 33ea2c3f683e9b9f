//! Journal entries over IPC.

use tauri::State;

use crate::error::Result;
use crate::state::AppState;
use crate::workbook::journal::{self, Draft, Entry};

/// Every journal entry, newest first.
#[tauri::command(async)]
pub fn journal_list(state: State<'_, AppState>) -> Result<Vec<Entry>> {
    state.with_vault(|v| journal::list(v.conn()))
}

/// Saves an entry; returns only after the database commit.
#[tauri::command(async)]
pub fn journal_save(state: State<'_, AppState>, entry: Draft) -> Result<Entry> {
    state.with_vault(|v| journal::save(v.conn(), &entry, chrono::Utc::now()))
}

/// Deletes an entry for good.
#[tauri::command(async)]
pub fn journal_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| journal::delete(v.conn(), id))
}
