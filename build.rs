//! Build script: Tauri's code generation, plus the list of our own IPC commands so that
//! the capability file can grant each one by name (commands not listed are refused).

/// Every `#[tauri::command]` registered in `src-tauri/lib.rs`. A command missing here
/// cannot be called from the window; `tests/acl.rs` checks the three lists agree.
const COMMANDS: &[&str] = &["app_info"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
