//! Where Mend keeps its files.
//!
//! `MEND_DATA_DIR`, when set and not empty, replaces the platform's app data folder
//! (tests use it; so does a portable copy on a USB stick). Vaults live one folder each
//! under `vaults/`; WebKit keeps its own files elsewhere under the app data folder.

use std::path::PathBuf;

/// The reverse-DNS identifier from `tauri.conf.json`; names the app data folder.
pub const IDENTIFIER: &str = "org.mendapp.workbook";

/// The environment variable that moves all of Mend's data.
pub const DATA_DIR_ENV: &str = "MEND_DATA_DIR";

/// The folder that holds Mend's data, or `None` when the platform has no home for it.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(absolute(PathBuf::from(dir))),
        _ => platform_data_dir().map(|d| d.join(IDENTIFIER)),
    }
}

/// True when `MEND_DATA_DIR` moved the data (a test run or a portable copy).
pub fn data_dir_overridden() -> bool {
    std::env::var_os(DATA_DIR_ENV).is_some_and(|d| !d.is_empty())
}

fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

#[cfg(target_os = "linux")]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty() && std::path::Path::new(d).is_absolute())
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".local/share")))
}

#[cfg(target_os = "macos")]
fn platform_data_dir() -> Option<PathBuf> {
    home().map(|h| h.join("Library/Application Support"))
}

#[cfg(target_os = "windows")]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA").filter(|d| !d.is_empty()).map(PathBuf::from)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_data_dir() -> Option<PathBuf> {
    home().map(|h| h.join(".local/share"))
}

#[cfg(not(target_os = "windows"))]
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
}
