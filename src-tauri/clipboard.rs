//! Copying secrets (and later, letters) to the clipboard and taking them back: after
//! 60 s the clipboard is cleared if it still holds exactly what Mend put there. Only a
//! digest of the text is kept for that check.

use std::time::Duration;

use tauri_plugin_clipboard_manager::ClipboardExt;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// How long copied text stays on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(60);

fn digest(text: &str) -> ring::digest::Digest {
    ring::digest::digest(&ring::digest::SHA256, text.as_bytes())
}

/// Puts `text` on the clipboard and clears it after [`CLEAR_AFTER`] unless it changed.
pub fn copy_then_clear(app: &tauri::AppHandle, text: Zeroizing<String>) -> Result<()> {
    let clipboard = app.clipboard();
    clipboard.write_text(text.as_str()).map_err(|_| {
        Error::Invalid("The clipboard could not be used. Nothing was copied.".into())
    })?;
    let copied = digest(&text);
    drop(text);
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(CLEAR_AFTER);
        let clipboard = app.clipboard();
        if let Ok(now) = clipboard.read_text() {
            let now = Zeroizing::new(now);
            if digest(&now).as_ref() == copied.as_ref() {
                let _ = clipboard.write_text("");
            }
        }
    });
    Ok(())
}
