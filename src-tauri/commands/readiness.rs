//! Therapy readiness and the session-prep sheet over IPC: the questions, live results,
//! kept results, and the sheet's draft, preview and PDF. Answers and drafts arrive as
//! plain JSON so that a malformed one is refused with Mend's own sentence (not Tauri's).
//! Local days follow this computer's time zone.

use chrono::{FixedOffset, Local, Offset, Utc};
use serde::Serialize;
use serde_json::Value;
use tauri::State;

use super::files::save_path;
use crate::error::Result;
use crate::readiness::evaluation::{self, Evaluation, Given, Spec};
use crate::readiness::store::{self, Saved};
use crate::session_prep::draft::{self, Draft, Prep};
use crate::session_prep::{self, Doc};
use crate::state::AppState;
use crate::vault;

const PDF_NAME: &str = "notes-for-my-session.pdf";
const PDF_FILTER: (&str, &[&str]) = ("PDF", &["pdf"]);

/// Whether the PDF was written (false = the person cancelled the dialog).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PdfSaved {
    saved: bool,
}

fn local_offset() -> FixedOffset {
    Local::now().offset().fix()
}

/// The checklist's signs, the scale and both questionnaires' texts. Needs no vault.
pub fn readiness_spec() -> Spec {
    evaluation::spec()
}

/// What answers show, without keeping them. Needs no vault.
pub fn readiness_evaluate(kind: String, answers: Value) -> Result<Evaluation> {
    Given::parse(&kind, &answers)?.evaluate()
}

/// Keeps a result (a partial questionnaire is kept as incomplete).
pub fn readiness_save(
    state: State<'_, AppState>,
    kind: String,
    answers: Value,
    taken_at: Option<String>,
) -> Result<Saved> {
    state.with_vault(|v| store::save(v.conn(), &kind, &answers, taken_at.as_deref(), Utc::now()))
}

/// Kept results of one kind, or all, newest first.
pub fn readiness_list(state: State<'_, AppState>, kind: Option<String>) -> Result<Vec<Saved>> {
    state.with_vault(|v| store::list(v.conn(), kind.as_deref()))
}

/// Deletes a kept result for good.
pub fn readiness_delete(state: State<'_, AppState>, id: i64) -> Result<bool> {
    state.with_vault(|v| store::delete(v.conn(), id))
}

/// The sheet's draft and what the vault could fill it with, for the local day `today`.
pub fn session_prep_get(state: State<'_, AppState>, today: String) -> Result<Prep> {
    state.with_vault(|v| draft::prep(v.conn(), &today, local_offset()))
}

/// Keeps the sheet's draft.
pub fn session_prep_save(state: State<'_, AppState>, draft: Value) -> Result<()> {
    let draft = Draft::from_json(&draft)?;
    state.with_vault(|v| draft::save(v.conn(), &draft, Utc::now()))
}

/// The sheet as the document the window draws (the same one the PDF lays out).
pub fn session_prep_preview(
    state: State<'_, AppState>,
    draft: Value,
    today: String,
) -> Result<Doc> {
    let draft = Draft::from_json(&draft)?;
    let sheet = state.with_vault(|v| draft::sheet(v.conn(), &draft, &today, local_offset()))?;
    Ok(session_prep::document(&sheet))
}

/// Saves the sheet as a PDF (not encrypted; the window warns first) where the person
/// chooses. The file is written whole or not at all.
pub fn session_prep_pdf(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    draft: Value,
    today: String,
) -> Result<PdfSaved> {
    let draft = Draft::from_json(&draft)?;
    let sheet = state.with_vault(|v| draft::sheet(v.conn(), &draft, &today, local_offset()))?;
    let bytes = session_prep::render_pdf(&sheet)?;
    let Some(path) = save_path(&app, PDF_NAME, PDF_FILTER) else {
        return Ok(PdfSaved { saved: false });
    };
    vault::write_atomic(&path, &bytes)?;
    Ok(PdfSaved { saved: true })
}
