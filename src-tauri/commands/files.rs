//! Backup (encrypted, one file), restore (into a new vault) and export (not encrypted),
//! through the native file dialogs.

use std::path::PathBuf;

use serde::Serialize;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::vault::{self, Passphrase, RecoveryKey, Secret};

/// Whether the person went through with it (false = they cancelled the dialog).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Done {
    saved: bool,
    restored: bool,
}

/// Where to save, from the native dialog. Debug builds let end-to-end tests name a
/// folder in `MEND_TEST_DIALOG_DIR` instead, since WebDriver cannot reach native
/// dialogs; release builds always ask.
pub(crate) fn save_path(
    app: &tauri::AppHandle,
    file_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("MEND_TEST_DIALOG_DIR") {
        return Some(PathBuf::from(dir).join(file_name));
    }
    app.dialog()
        .file()
        .set_file_name(file_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Which file to open, from the native dialog (or, in debug builds, the file named by
/// `MEND_TEST_DIALOG_DIR`/`file_name`).
// `file_name` only names the test file; the real dialog lets the person choose.
#[cfg_attr(not(debug_assertions), allow(unused_variables))]
fn open_path(app: &tauri::AppHandle, file_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("MEND_TEST_DIALOG_DIR") {
        return Some(PathBuf::from(dir).join(file_name));
    }
    app.dialog()
        .file()
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

const BACKUP_NAME: &str = "mend-backup.mendbackup";
const BACKUP_FILTER: (&str, &[&str]) = ("Mend backup", &["mendbackup"]);

/// Saves an encrypted backup of the open vault where the person chooses.
#[tauri::command(async)]
pub fn backup_export(app: tauri::AppHandle, state: State<'_, AppState>) -> Result<Done> {
    if !state.is_unlocked() {
        return Err(Error::Locked);
    }
    let Some(path) = save_path(&app, BACKUP_NAME, BACKUP_FILTER) else {
        return Ok(Done { saved: false, restored: false });
    };
    state.with_vault(|v| Ok(v.export_backup(&path)?))?;
    Ok(Done { saved: true, restored: false })
}

/// Restores a backup into a new vault after checking it opens with the secret given.
/// The new vault is left locked; nothing existing is replaced.
#[tauri::command(async)]
pub fn backup_restore(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<Passphrase>,
    recovery_key: Option<Passphrase>,
) -> Result<Done> {
    let secret = match (passphrase, recovery_key) {
        (_, Some(key)) => Secret::RecoveryKey(RecoveryKey::parse(key.expose_secret())?),
        (Some(p), None) if !p.is_empty() => Secret::Passphrase(p),
        _ => return Err(Error::Invalid("Enter the backup's passphrase or recovery key.".into())),
    };
    let Some(path) = open_path(&app, BACKUP_NAME, BACKUP_FILTER) else {
        return Ok(Done { saved: false, restored: false });
    };
    let restored = state.store.restore_backup(&path, &secret)?;
    restored.close()?;
    Ok(Done { saved: false, restored: true })
}

/// Writes everything to `mend-export.md` and `mend-export.json` (not encrypted) where
/// the person chooses. Each file is written whole or not at all.
#[tauri::command(async)]
pub fn export_plain(app: tauri::AppHandle, state: State<'_, AppState>) -> Result<Done> {
    let (markdown, json) = state
        .with_vault(|v| Ok((crate::export::markdown(v.conn())?, crate::export::json(v.conn())?)))?;
    let Some(md_path) = save_path(&app, "mend-export.md", ("Markdown", &["md"])) else {
        return Ok(Done { saved: false, restored: false });
    };
    let json_path = md_path.with_extension("json");
    vault::write_atomic(&md_path, markdown.as_bytes())?;
    vault::write_atomic(&json_path, json.as_bytes())?;
    Ok(Done { saved: true, restored: false })
}
