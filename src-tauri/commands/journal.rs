//! Journal entries, guided prompts and full-text search over IPC.

use tauri::State;

use crate::error::Result;
use crate::state::AppState;
use crate::workbook::journal::{self, Entry, EntryDraft, ListFilter, SearchHit, SearchQuery};
use crate::workbook::prompts::{self, Prompt};

/// Entries matching `filter` (all when absent), newest first, without their bodies
/// (`journal_get` returns one whole).
pub fn journal_list(state: State<'_, AppState>, filter: Option<ListFilter>) -> Result<Vec<Entry>> {
    state.with_vault(|v| journal::list_headings(v.conn(), &filter.unwrap_or_default()))
}

/// One entry, or null.
pub fn journal_get(state: State<'_, AppState>, id: i64) -> Result<Option<Entry>> {
    state.with_vault(|v| journal::get(v.conn(), id))
}

/// Saves an entry; returns only after the database commit.
pub fn journal_save(state: State<'_, AppState>, entry: EntryDraft) -> Result<Entry> {
    state.with_vault(|v| journal::save_entry(v.conn(), &entry, chrono::Utc::now()))
}

/// Deletes an entry for good.
pub fn journal_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| journal::delete(v.conn(), id))
}

/// Full-text search; `query` is the words, or `{query, from, to, section}`.
pub fn journal_search(state: State<'_, AppState>, query: SearchQuery) -> Result<Vec<SearchHit>> {
    state.with_vault(|v| journal::search(v.conn(), &query))
}

/// The guided prompts (no content; the same for everyone).
pub fn journal_prompts() -> Vec<Prompt> {
    prompts::all().to_vec()
}
