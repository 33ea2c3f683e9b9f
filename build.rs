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
    "journal_get",
    "journal_search",
    "journal_prompts",
    "doc_get",
    "doc_save",
    "doc_version",
    "doc_restore",
    "doc_version_delete",
    "accountability_check",
    "checkin_save",
    "checkin_list",
    "checkin_delete",
    "checkin_waves",
    "trigger_save",
    "trigger_list",
    "trigger_delete",
    "trigger_patterns",
    "question_save",
    "question_list",
    "question_similar",
    "question_delete",
    "rewoo_save",
    "rewoo_list",
    "rewoo_done",
    "rewoo_delete",
    "home_summary",
    "readiness_spec",
    "readiness_evaluate",
    "readiness_save",
    "readiness_list",
    "readiness_delete",
    "session_prep_get",
    "session_prep_save",
    "session_prep_preview",
    "session_prep_pdf",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
