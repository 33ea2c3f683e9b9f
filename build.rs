//! Build script: Tauri's code generation, plus the list of our own IPC commands so that
//! the capability file can grant each one by name (commands not listed are refused).

/// Every `#[tauri::command]` registered in `src-tauri/lib.rs`. A command missing here
/// cannot be called from the window; `tests/acl.rs` checks the three lists agree.
const COMMANDS: &[&str] = &[
    "app_info",
    "vault_status",
    "passphrase_strength",
    "vault_create",
    "vault_unlock",
    "vault_recover",
    "vault_lock",
    "activity_ping",
    "passphrase_change",
    "recovery_regenerate",
    "recovery_copy",
    "recovery_forget",
    "vault_delete",
    "settings_get",
    "settings_set",
    "backup_export",
    "backup_restore",
    "export_plain",
    "journal_list",
    "journal_save",
    "journal_delete",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
