//! Facts about the app itself, safe to show on the lock screen.

use serde::Serialize;

/// Name and version, shown at the foot of the lock screen.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
}

/// Returns the app's name and version; the first IPC round trip the UI makes.
#[tauri::command]
pub fn app_info() -> AppInfo {
    info()
}

pub fn info() -> AppInfo {
    AppInfo { name: "Mend", version: env!("CARGO_PKG_VERSION") }
}

/// Opens the system print dialog for the page (the session-prep sheet, a letter, a
/// recovery key); the print stylesheet decides what goes on paper. WebKitGTK ignores
/// `window.print()` inside Tauri, so the dialog is asked for from Rust on every platform.
#[tauri::command]
pub fn window_print(window: tauri::WebviewWindow) -> Result<(), crate::error::Error> {
    window
        .print()
        .map_err(|_| crate::error::Error::Invalid("The print dialog could not be opened.".into()))
}
