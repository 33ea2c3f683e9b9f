//! Copying secrets (and later, letters) to the clipboard and taking them back: after
//! 60 s the clipboard is cleared if it still holds exactly what Mend put there. Only a
//! digest of the text is kept for that check.

use std::time::Duration;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// How long copied text stays on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(60);

/// Debug builds only: whole seconds to wait instead of [`CLEAR_AFTER`], so end-to-end
/// tests need not wait a minute. Release builds ignore it (see [`clear_after`]).
#[cfg_attr(not(debug_assertions), allow(dead_code))]
const TEST_CLEAR_ENV: &str = "MEND_TEST_CLIPBOARD_SECONDS";

/// The wait before clearing: [`CLEAR_AFTER`], or in a debug build the seconds given in
/// [`TEST_CLEAR_ENV`]. A release build never reads the variable.
fn clear_after() -> Duration {
    #[cfg(debug_assertions)]
    let test_seconds = std::env::var(TEST_CLEAR_ENV).ok();
    #[cfg(not(debug_assertions))]
    let test_seconds: Option<String> = None;
    clear_after_given(test_seconds.as_deref())
}

/// [`clear_after`] with the variable's value passed in, so tests can pin the rule.
fn clear_after_given(test_seconds: Option<&str>) -> Duration {
    match test_seconds.and_then(|s| s.parse().ok()) {
        Some(secs) if cfg!(debug_assertions) => Duration::from_secs(secs),
        _ => CLEAR_AFTER,
    }
}

fn digest(text: &str) -> ring::digest::Digest {
    ring::digest::digest(&ring::digest::SHA256, text.as_bytes())
}

/// Puts `text` on the clipboard and clears it after [`CLEAR_AFTER`] unless it changed.
pub fn copy_then_clear(app: &tauri::AppHandle, text: Zeroizing<String>) -> Result<()> {
    let copied = digest(&text);
    let wait = clear_after();
    system::write(app, text).map_err(|_| {
        Error::Invalid("The clipboard could not be used. Nothing was copied.".into())
    })?;
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(wait);
        system::clear_if(&app, move |now| digest(now).as_ref() == copied.as_ref());
    });
    Ok(())
}

/// Linux: GTK's own clipboard (GTK is linked anyway; X11 and Wayland alike). GTK is
/// used from the main thread only.
#[cfg(all(unix, not(target_os = "macos")))]
mod system {
    use zeroize::Zeroizing;

    fn clipboard() -> gtk::Clipboard {
        gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD)
    }

    pub(super) fn write(app: &tauri::AppHandle, text: Zeroizing<String>) -> Result<(), ()> {
        crate::on_main_thread(app, move || clipboard().set_text(text.as_str())).ok_or(())
    }

    /// Empties the clipboard if `ours` says what it holds now is what Mend put there.
    pub(super) fn clear_if(
        app: &tauri::AppHandle,
        ours: impl FnOnce(&str) -> bool + Send + 'static,
    ) {
        let _ = app.run_on_main_thread(move || {
            let board = clipboard();
            board.request_text(move |board, now| {
                let now = Zeroizing::new(now.map(str::to_owned));
                if now.as_deref().is_some_and(ours) {
                    board.set_text("");
                }
            });
        });
    }
}

/// Windows and macOS: the clipboard plugin (arboard).
#[cfg(not(all(unix, not(target_os = "macos"))))]
mod system {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    use zeroize::Zeroizing;

    pub(super) fn write(app: &tauri::AppHandle, text: Zeroizing<String>) -> Result<(), ()> {
        app.clipboard().write_text(text.as_str()).map_err(|_| ())
    }

    /// Empties the clipboard if `ours` says what it holds now is what Mend put there.
    pub(super) fn clear_if(app: &tauri::AppHandle, ours: impl FnOnce(&str) -> bool) {
        let clipboard = app.clipboard();
        if let Ok(now) = clipboard.read_text() {
            let now = Zeroizing::new(now);
            if ours(&now) {
                let _ = clipboard.write_text("");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_debug_build_lets_the_environment_shorten_the_wait() {
        let expected = if cfg!(debug_assertions) { Duration::from_secs(2) } else { CLEAR_AFTER };
        assert_eq!(clear_after_given(Some("2")), expected);
    }

    #[test]
    fn without_a_usable_value_the_wait_is_a_minute() {
        assert_eq!(clear_after_given(None), CLEAR_AFTER);
        assert_eq!(clear_after_given(Some("soon")), CLEAR_AFTER);
        assert_eq!(clear_after_given(Some("")), CLEAR_AFTER);
    }
}
