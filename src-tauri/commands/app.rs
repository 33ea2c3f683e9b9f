//! Facts about the app itself, safe to show on the lock screen.

use serde::Serialize;
use tauri::State;

use crate::appearance::{self, SystemTheme, ThemeChoice};
use crate::error::Error;
use crate::state::AppState;

/// Name and version, shown at the foot of the lock screen.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
}

/// Returns the app's name and version; the first IPC round trip the UI makes. This and
/// the other commands the first screen calls run on a worker thread (`Worker` in
/// `dispatch.rs`): they don't wait for the window's thread, which is busy drawing that screen.
pub fn app_info() -> AppInfo {
    info()
}

pub fn info() -> AppInfo {
    AppInfo { name: "Mend", version: env!("CARGO_PKG_VERSION") }
}

/// Opens the system print dialog for the page (the session-prep sheet, a letter, a
/// recovery key); the print stylesheet decides what goes on paper. WebKitGTK ignores
/// `window.print()` inside Tauri, so the dialog is asked for from Rust on every platform.
pub fn window_print(webview: tauri::Webview) -> Result<(), crate::error::Error> {
    webview
        .print()
        .map_err(|_| crate::error::Error::Invalid("The print dialog could not be opened.".into()))
}

/// What the first screen needs, handed to the page before its scripts run, so the lock
/// screen (or the welcome screen) is drawn at once instead of after its first IPC answers:
/// the vaults that exist (their labels only, as `vault_status` gives them) and the theme
/// chosen. Nothing from inside a vault: none is open at start. Read once when the window
/// is made; the page uses it for its first screen only and asks `vault_status` after that.
/// `status` is `null` if the folder could not be read: the page then asks, and shows why.
pub fn boot_plugin<R: tauri::Runtime>(
    store: &crate::vault::Store,
) -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("mend-boot").js_init_script(boot_script(store)).build()
}

fn boot_script(store: &crate::vault::Store) -> String {
    let status = super::vault::Status::read(store, false).ok();
    let boot =
        serde_json::json!({ "status": status, "theme": appearance::load_theme(store.data_dir()) });
    // JSON is a JavaScript expression; the page deletes the property once it has read it.
    format!(
        "{FONTS}Object.defineProperty(window, '__MEND_BOOT__', {{ value: Object.freeze({boot}), configurable: true }});"
    )
}

/// On Linux the page draws with fontconfig's `sans-serif` and `monospace` (styles.css,
/// `data-fonts`): WebKitGTK resolves `system-ui` through the desktop's settings for every
/// face, 13–20 ms of the first screen. WebKit runs this before the page's own markup, once
/// the root element exists.
#[cfg(all(unix, not(target_os = "macos")))]
const FONTS: &str =
    "if (document.documentElement) document.documentElement.dataset.fonts = 'fontconfig';\n";
#[cfg(not(all(unix, not(target_os = "macos"))))]
const FONTS: &str = "";

/// Measurement builds only (`cargo xtask bench`, feature `bench`): a plugin without
/// commands (so the command ACL is untouched) whose script tells when the first screen
/// has painted: a view is drawn, no IPC call is in flight, then two frames. It writes one
/// fixed line, never content, on the web console, which WebKit is asked to print (on
/// stderr in WebKitGTK 2.50); the bench reads it there, or the same flag over WebDriver.
#[cfg(feature = "bench")]
pub fn bench_plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("mend-bench")
        .js_init_script(include_str!("bench.js"))
        .on_webview_ready(|webview| {
            #[cfg(all(unix, not(target_os = "macos")))]
            let _ = webview.with_webview(|platform| {
                use gtk::glib::object::ObjectType;
                extern "C" {
                    fn webkit_web_view_get_settings(
                        view: *mut std::ffi::c_void,
                    ) -> *mut std::ffi::c_void;
                    fn webkit_settings_set_enable_write_console_messages_to_stdout(
                        settings: *mut std::ffi::c_void,
                        enabled: i32,
                    );
                }
                let view = platform.inner();
                // SAFETY: `view` is a live WebKitWebView on the main thread; the settings
                // object it returns belongs to the view and outlives this call.
                unsafe {
                    let settings = webkit_web_view_get_settings(view.as_ptr().cast());
                    webkit_settings_set_enable_write_console_messages_to_stdout(settings, 1);
                }
            });
            #[cfg(not(all(unix, not(target_os = "macos"))))]
            let _ = webview;
        })
        .build()
}

/// The theme chosen in Settings and, where the desktop says, whether it prefers dark.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Appearance {
    pub theme: ThemeChoice,
    /// `None`: no answer from the desktop; the page asks `prefers-color-scheme`.
    pub system_dark: Option<bool>,
}

/// The theme to draw with, readable while locked (it is kept outside the vault).
pub fn appearance_get(state: State<'_, AppState>, system: State<'_, SystemTheme>) -> Appearance {
    Appearance { theme: appearance::load_theme(state.store.data_dir()), system_dark: system.get() }
}

/// Remembers "system", "light" or "dark" for the next start.
pub fn appearance_set(state: State<'_, AppState>, theme: String) -> Result<(), Error> {
    let choice = match theme.as_str() {
        "system" => ThemeChoice::System,
        "light" => ThemeChoice::Light,
        "dark" => ThemeChoice::Dark,
        _ => return Err(Error::Invalid("Choose light, dark or the system's setting.".into())),
    };
    appearance::save_theme(state.store.data_dir(), choice).map_err(Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{KdfParams, KdfPolicy, Passphrase, Store};
    use serde_json::{json, Value};

    /// The object the boot script hands to the page, read back from the script.
    fn handed_over(store: &Store) -> Value {
        let script = boot_script(store);
        let start = script.find("Object.freeze(").unwrap() + "Object.freeze(".len();
        let end = script.rfind("), configurable: true").unwrap();
        serde_json::from_str(&script[start..end]).expect("the boot object is JSON")
    }

    #[test]
    fn the_first_screen_learns_which_vaults_exist_and_the_theme_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf())
            .with_kdf(KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS));
        assert_eq!(
            handed_over(&store),
            json!({ "status": { "anyExists": false, "vaults": [], "unlocked": false }, "theme": "system" })
        );

        // A label with quotes, a script tag and a line separator stays one string.
        let label = "Ours \"</script><script>alert(1)</script>\u{2028}'";
        let (vault, _) =
            store.create(&Passphrase::from("a passphrase for boot"), Some(label.into())).unwrap();
        vault.close().unwrap();
        appearance::save_theme(dir.path(), ThemeChoice::Dark).unwrap();
        let boot = handed_over(&store);
        assert_eq!(boot["theme"], json!("dark"));
        assert_eq!(boot["status"]["anyExists"], json!(true));
        assert_eq!(boot["status"]["vaults"][0]["label"], json!(label));
        assert_eq!(boot.as_object().unwrap().len(), 2, "only the status and the theme: {boot}");
    }

    #[test]
    fn an_unreadable_data_folder_leaves_the_status_for_the_page_to_ask() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the data folder should be: listing vaults fails.
        let not_a_folder = dir.path().join("mend");
        std::fs::write(&not_a_folder, b"not a folder").unwrap();
        let boot = handed_over(&Store::new(not_a_folder));
        assert_eq!(boot["status"], Value::Null, "{boot}");
        assert_eq!(boot["theme"], json!("system"));
    }
}
