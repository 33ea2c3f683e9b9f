//! The framework's floor: one Tauri window with one static page, nothing else. Its page
//! reports when it has painted on the web console, which this app, like Mend's `bench`
//! build, has WebKit print (on stderr in WebKitGTK 2.50).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                console_to_stdout(&window);
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the baseline window could not start");
}

/// Asks WebKitGTK to print the page's console messages (it calls it "to stdout"; 2.50
/// writes them on stderr).
#[cfg(all(unix, not(target_os = "macos")))]
fn console_to_stdout(window: &tauri::WebviewWindow) {
    use gtk::glib::object::ObjectType;
    extern "C" {
        fn webkit_web_view_get_settings(view: *mut std::ffi::c_void) -> *mut std::ffi::c_void;
        fn webkit_settings_set_enable_write_console_messages_to_stdout(
            settings: *mut std::ffi::c_void,
            enabled: i32,
        );
    }
    let _ = window.with_webview(|webview| {
        let view = webview.inner();
        // SAFETY: `view` is a live WebKitWebView on the main thread; the settings object it
        // returns is owned by the view and outlives this call.
        unsafe {
            let settings = webkit_web_view_get_settings(view.as_ptr().cast());
            webkit_settings_set_enable_write_console_messages_to_stdout(settings, 1);
        }
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn console_to_stdout(_window: &tauri::WebviewWindow) {}
