//! Mend: a private, encrypted workbook for people rebuilding trust after a betrayal.
//!
//! `main_entry` decides between the headless command line (any argument) and the
//! window (no argument). Domain modules know nothing of Tauri; `commands` adapts them.

pub mod apology;
pub mod appearance;
pub mod autolock;
pub mod cli;
mod clipboard;
mod commands;
pub mod error;
pub mod export;
pub mod paths;
pub mod readiness;
pub mod sample;
pub mod session_prep;
mod single_instance;
pub mod state;
pub mod vault;
pub mod workbook;

use std::ffi::OsString;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager};

/// The process entry point shared by `main.rs`; returns the exit code.
pub fn main_entry(args: Vec<OsString>) -> i32 {
    harden_process();
    if !args.is_empty() {
        let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
        return cli::run(&args, &mut stdout.lock(), &mut stderr.lock());
    }
    draw_on_the_cpu_without_a_gpu();
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
    let single = single_instance::init(
        instance_id(),
        Box::new(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }),
    );
    let data_dir = paths::data_dir().ok_or_else(|| {
        tauri::Error::Io(std::io::Error::other("no home folder to keep data in; set MEND_DATA_DIR"))
    })?;
    let builder = tauri::Builder::default()
        // Must come first: a second launch hands over to the first before anything else.
        .plugin(single)
        // Size, position and maximised, in the config folder; nothing about content.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(window_state_flags())
                .build(),
        );
    // Linux copies and picks files through GTK (src-tauri/clipboard.rs, commands/files.rs);
    // elsewhere through the plugins.
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    let builder =
        builder.plugin(tauri_plugin_dialog::init()).plugin(tauri_plugin_clipboard_manager::init());
    // Measurement builds only (`cargo xtask bench`): reports the first paint on the console.
    #[cfg(feature = "bench")]
    let builder = builder.plugin(commands::app::bench_plugin());
    let store = vault::Store::new(data_dir);
    builder
        .plugin(commands::app::boot_plugin(&store))
        .manage(state::AppState::new(store))
        .manage(appearance::SystemTheme::default())
        .setup(|app| {
            watch_idle(app.handle().clone());
            watch_system_theme(app.handle());
            save_window_state_when_it_settles(app.handle());
            Ok(())
        })
        .invoke_handler(commands::dispatch::handle)
        .run(tauri::generate_context!())
}

/// Locks the vault once the idle time has passed, and tells the window to draw the
/// lock screen. Rust owns this timer, so a frozen or closed page cannot keep it open.
fn watch_idle(app: tauri::AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(500));
        let state = app.state::<state::AppState>();
        if state.lock_if_idle(Instant::now()) {
            let _ = app.emit("vault-locked", ());
        }
    });
}

/// Remembered about the window: its size, place and whether it was maximised (never
/// whether it was hidden, so a quick hide can't make the next start look broken).
fn window_state_flags() -> tauri_plugin_window_state::StateFlags {
    use tauri_plugin_window_state::StateFlags;
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// Saves the window's size and place shortly after it stops moving, as well as at exit
/// (the plugin's own moment), so a killed or crashed app still opens where it was. The
/// save runs on the window's thread: the plugin holds its lock while it asks the window
/// for its geometry, and a save from another thread could wait on the window's thread
/// while that thread, handling a window event, waits on the plugin's lock (a hang, seen).
fn save_window_state_when_it_settles(app: &tauri::AppHandle) {
    use tauri_plugin_window_state::AppHandleExt;
    let Some(window) = app.get_webview_window("main") else { return };
    let (changed, settled) = std::sync::mpsc::channel::<()>();
    window.on_window_event(move |event| {
        if matches!(event, tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)) {
            let _ = changed.send(());
        }
    });
    let app = app.clone();
    std::thread::spawn(move || {
        while settled.recv().is_ok() {
            while settled.recv_timeout(Duration::from_millis(600)).is_ok() {}
            let handle = app.clone();
            let _ = app.run_on_main_thread(move || {
                let _ = handle.save_window_state(window_state_flags());
            });
        }
    });
}

/// Hands the heap's free pages back to the system (glibc's `malloc_trim`), whenever a vault
/// is closed (locked or deleted) and after the check that follows an unlock: freed memory that held decrypted
/// text is no longer mapped in the process (the system clears a page before it is used
/// again), and the process keeps less memory once unlocking's work is done. Pages still
/// partly in use are left as they are. SQLite's own heap is separate (`vault::db::heap`,
/// wiped on free).
pub fn release_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns the allocator's own free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Runs `f` on the window's thread (where GTK must be used) and returns its answer; `None`
/// if the app is shutting down. Called from the window's thread itself (a sync command),
/// `f` runs at once; from any other thread, this waits for it.
#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) fn on_main_thread<T: Send + 'static>(
    app: &tauri::AppHandle,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (answer, wait) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let _ = answer.send(f());
    })
    .ok()?;
    wait.recv().ok()
}

/// Tells the window when the desktop's light/dark preference is known or changes.
fn watch_system_theme(app: &tauri::AppHandle) {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let system = app.state::<appearance::SystemTheme>().inner().clone();
        let handle = app.clone();
        appearance::portal::watch(&system, move |dark| {
            let _ = handle.emit("system-theme", dark);
        });
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    let _ = app;
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
/// Where the computer has no GPU for programs to use (no DRM render node: many virtual
/// machines and remote desktops), WebKit would draw through OpenGL emulated on the CPU
/// (Mesa's llvmpipe), compiling shaders at every start: slower to first paint and tens
/// of MiB more memory than drawing on the CPU directly. There Mend asks WebKit for its
/// CPU path, unless the person set `WEBKIT_SKIA_ENABLE_CPU_RENDERING` themselves. Must
/// run before any thread or WebKit process starts (they inherit the environment).
fn draw_on_the_cpu_without_a_gpu() {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os(CPU_DRAWING).is_none() && !has_render_node(std::path::Path::new("/dev/dri"))
    {
        std::env::set_var(CPU_DRAWING, "1");
    }
}

/// WebKitGTK's switch between drawing with OpenGL (the default) and on the CPU.
pub const CPU_DRAWING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Whether `dri` (normally /dev/dri) holds a render node (`renderD128`…), i.e. a GPU
/// that programs may draw with.
pub fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

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

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn only_a_render_node_counts_as_a_gpu_to_draw_with() {
        let dri = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dri.path().join("missing")), "no /dev/dri at all");
        assert!(!has_render_node(dri.path()), "an empty /dev/dri");
        std::fs::write(dri.path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dri.path()), "a display-only card is not for drawing");
        std::fs::write(dri.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dri.path()));
    }
}
