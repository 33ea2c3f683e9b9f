//! Build script: Tauri's code generation, plus the list of our own IPC commands so that
//! the capability file can grant each one by name (commands not listed are refused).

/// Every command in the dispatch table (`src-tauri/commands/dispatch.rs`). A command
/// missing here cannot be called from the window; `tests/policy.rs` checks the three lists
/// agree.
const COMMANDS: &[&str] = &[
    "app_info",
    "window_print",
    "appearance_get",
    "appearance_set",
    "vault_status",
    "passphrase_strength",
    "vault_create",
    "vault_unlock",
    "vault_recover",
    "vault_lock",
    "vault_health",
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
    "apology_check",
    "apology_list",
    "apology_get",
    "apology_save",
    "apology_version",
    "apology_restore",
    "apology_ready",
    "apology_delete",
    "apology_settings_get",
    "apology_settings_set",
    "apology_copy",
];

/// The session-prep PDF's fonts, brotli-compressed into `OUT_DIR` (about half the
/// size); `src-tauri/session_prep/pdf/mod.rs` unpacks them with the same crate Tauri
/// uses for its assets.
const FONTS: &[&str] = &["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"];

fn compress_fonts() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for name in FONTS {
        let source = format!("fonts/{name}");
        println!("cargo:rerun-if-changed={source}");
        let data = std::fs::read(&source).unwrap_or_else(|e| panic!("read {source}: {e}"));
        let mut packed = Vec::new();
        let params =
            brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
        brotli::BrotliCompress(&mut data.as_slice(), &mut packed, &params)
            .unwrap_or_else(|e| panic!("compress {source}: {e}"));
        let target = out.join(format!("{name}.br"));
        std::fs::write(&target, packed).unwrap_or_else(|e| panic!("write {target:?}: {e}"));
    }
}

fn main() {
    compress_fonts();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
