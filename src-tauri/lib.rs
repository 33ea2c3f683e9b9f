//! Mend: a private, encrypted workbook for people rebuilding trust after a betrayal.
//!
//! `main_entry` decides between the headless command line (any argument) and the
//! window (no argument). Domain modules know nothing of Tauri; `commands` adapts them.

pub mod cli;
mod commands;
pub mod error;
pub mod paths;
mod state;
pub mod vault;

use std::ffi::OsString;
use tauri::Manager;

/// The process entry point shared by `main.rs`; returns the exit code.
pub fn main_entry(args: Vec<OsString>) -> i32 {
    harden_process();
    if !args.is_empty() {
        let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
        return cli::run(&args, &mut stdout.lock(), &mut stderr.lock());
    }
    if let Err(message) = check_display() {
        eprintln!("mend: {message}");
        return 1;
    }
    match run() {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("mend: the window could not start: {e}");
            1
        }
    }
}

/// Opens the window and runs until it closes.
pub fn run() -> tauri::Result<()> {
    let mut single = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    if let Some(id) = instance_id() {
        single = single.dbus_id(id);
    }
    tauri::Builder::default()
        // Must come first: a second launch hands over to the first before anything else.
        .plugin(single.build())
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::default())
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(tauri::generate_context!())
}

/// One running window per data folder: a portable copy (or a test) with its own
/// `MEND_DATA_DIR` is a different instance from the one in the usual place.
fn instance_id() -> Option<String> {
    if !paths::data_dir_overridden() {
        return None;
    }
    let dir = paths::data_dir()?;
    let digest = ring::digest::digest(&ring::digest::SHA256, dir.as_os_str().as_encoded_bytes());
    let hex: String = digest.as_ref()[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("{}.d{hex}", paths::IDENTIFIER))
}

/// Keeps secrets out of core dumps and away from other processes' debuggers.
fn harden_process() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain syscalls on this process with valid arguments; failure is harmless.
    unsafe {
        let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Fails with one plain sentence when there is no desktop to draw on, instead of GTK's
/// panic and backtrace.
fn check_display() -> Result<(), String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
            return Err("no display found (DISPLAY and WAYLAND_DISPLAY are not set); \
                        Mend needs a desktop session. Run `mend --help` for the command line."
                .into());
        }
        if gtk::init().is_err() {
            return Err("could not open the display; Mend needs a desktop session. \
                        Run `mend --help` for the command line."
                .into());
        }
    }
    Ok(())
}
