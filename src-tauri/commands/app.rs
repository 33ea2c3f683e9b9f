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
