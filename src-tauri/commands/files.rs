//! Backup (encrypted, one file), restore (into a new vault) and export (not encrypted),
//! through the native file dialogs.

use std::path::PathBuf;

use serde::Serialize;
use tauri::State;

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
    dialog::choose(app, Some(file_name), filter)
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
    dialog::choose(app, None, filter)
}

/// Linux: GTK's file chooser (GTK is linked anyway; a portal's where one is set up), run
/// on the main thread while the command's thread waits for the answer.
#[cfg(all(unix, not(target_os = "macos")))]
mod dialog {
    use std::path::PathBuf;

    use gtk::prelude::*;
    use tauri::Manager;

    /// Asks where to save `save_as` (or, with `None`, which file to open), showing
    /// `filter`'s extensions; `None` when the person cancels.
    pub(super) fn choose(
        app: &tauri::AppHandle,
        save_as: Option<&str>,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf> {
        let save_as = save_as.map(str::to_owned);
        let name = filter.0.to_owned();
        let patterns: Vec<String> = filter.1.iter().map(|e| format!("*.{e}")).collect();
        let window = app.get_webview_window("main");
        crate::on_main_thread(app, move || {
            let parent = window.and_then(|w| w.gtk_window().ok());
            let (title, action) = match save_as {
                Some(_) => ("Save", gtk::FileChooserAction::Save),
                None => ("Open", gtk::FileChooserAction::Open),
            };
            let chooser =
                gtk::FileChooserNative::new(Some(title), parent.as_ref(), action, None, None);
            chooser.set_modal(true);
            if let Some(file_name) = &save_as {
                chooser.set_do_overwrite_confirmation(true);
                chooser.set_current_name(file_name);
            }
            let only = gtk::FileFilter::new();
            only.set_name(Some(&name));
            for pattern in &patterns {
                only.add_pattern(pattern);
            }
            chooser.add_filter(only);
            let path = match chooser.run() {
                gtk::ResponseType::Accept => chooser.filename(),
                _ => None,
            };
            chooser.destroy();
            path
        })
        .flatten()
    }
}

/// Windows and macOS: the dialog plugin (rfd).
#[cfg(not(all(unix, not(target_os = "macos"))))]
mod dialog {
    use std::path::PathBuf;

    use tauri_plugin_dialog::DialogExt;

    /// Asks where to save `save_as` (or, with `None`, which file to open), showing
    /// `filter`'s extensions; `None` when the person cancels.
    pub(super) fn choose(
        app: &tauri::AppHandle,
        save_as: Option<&str>,
        filter: (&str, &[&str]),
    ) -> Option<PathBuf> {
        let files = app.dialog().file().add_filter(filter.0, filter.1);
        let path = match save_as {
            Some(file_name) => files.set_file_name(file_name).blocking_save_file(),
            None => files.blocking_pick_file(),
        };
        path.and_then(|p| p.into_path().ok())
    }
}

const BACKUP_NAME: &str = "mend-backup.mendbackup";
const BACKUP_FILTER: (&str, &[&str]) = ("Mend backup", &["mendbackup"]);

/// Saves an encrypted backup of the open vault where the person chooses.
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
