//! Light or dark: the person's choice, kept outside the vault so the lock screen can
//! follow it, and the desktop's own preference where it can be read.
//!
//! The choice is one of three words in `preferences.json` in the data folder; it says
//! nothing about anyone's life, which is why it may live outside the encrypted vault.
//! Anything else in that file, or a damaged file, reads as "follow the system".
//!
//! On Linux, WebKitGTK often ignores the desktop's dark preference, so Mend asks the
//! desktop portal (`org.freedesktop.appearance` / `color-scheme`) and listens for
//! changes; where there is no portal, the page falls back to `prefers-color-scheme`.
//! Windows and macOS webviews follow the system on their own.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::vault::files;

/// The file, in the data folder, that holds the theme choice.
pub const PREFERENCES_FILE: &str = "preferences.json";

/// Larger than any file this code writes; anything bigger is ignored.
const MAX_PREFERENCES_BYTES: usize = 4096;

/// The theme the person chose in Settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the desktop.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Preferences {
    theme: ThemeChoice,
}

fn preferences_path(data_dir: &Path) -> PathBuf {
    data_dir.join(PREFERENCES_FILE)
}

/// The saved choice; "system" when there is none or the file can't be read.
pub fn load_theme(data_dir: &Path) -> ThemeChoice {
    files::read_small(&preferences_path(data_dir), MAX_PREFERENCES_BYTES)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Preferences>(&bytes).ok())
        .map(|p| p.theme)
        .unwrap_or_default()
}

/// Saves the choice atomically (a crash leaves the old choice or the new, never half).
pub fn save_theme(data_dir: &Path, theme: ThemeChoice) -> Result<(), crate::vault::Error> {
    if !data_dir.is_dir() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(data_dir)?;
    }
    let bytes = serde_json::to_vec(&Preferences { theme })
        .map_err(|e| crate::vault::Error::Storage(std::io::Error::other(e)))?;
    files::write_atomic(&preferences_path(data_dir), &bytes)
}

/// What the desktop prefers, as the portal's `color-scheme` value says it:
/// 1 = dark, 2 = light, 0 (or anything else) = no preference.
pub fn scheme_is_dark(value: u32) -> Option<bool> {
    match value {
        1 => Some(true),
        2 => Some(false),
        _ => None,
    }
}

/// What the desktop prefers, as last heard: `Some(dark?)`, or `None` when it has no
/// preference or there is no one to ask (the page then asks `prefers-color-scheme`).
#[derive(Debug, Clone, Default)]
pub struct SystemTheme(Arc<Mutex<Option<bool>>>);

impl SystemTheme {
    pub fn get(&self) -> Option<bool> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set(&self, dark: Option<bool>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = dark;
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
pub mod portal {
    //! The desktop portal's appearance setting, read without blocking the window.

    use super::SystemTheme;
    use gtk::gio;
    use gtk::glib::{self, Variant};

    const BUS_NAME: &str = "org.freedesktop.portal.Desktop";
    const OBJECT_PATH: &str = "/org/freedesktop/portal/desktop";
    const INTERFACE: &str = "org.freedesktop.portal.Settings";
    const NAMESPACE: &str = "org.freedesktop.appearance";
    const KEY: &str = "color-scheme";
    /// A portal that doesn't answer within this time is treated as absent.
    const TIMEOUT_MS: i32 = 2000;

    /// The portal's `color-scheme` as a number, unwrapping the variant boxes that
    /// `Read` (boxed twice) and `ReadOne` (boxed once) put around it.
    pub fn color_scheme(reply: &Variant) -> Option<u32> {
        let mut value = reply.clone();
        for _ in 0..8 {
            if let Some(n) = value.get::<u32>() {
                return Some(n);
            }
            value = if value.is_container() && value.n_children() == 1 {
                value.child_value(0)
            } else {
                value.as_variant()?
            };
        }
        None
    }

    /// Starts reading the portal on the GTK main context (call from the main thread);
    /// `changed` runs with each new answer. Never blocks: the window opens at once and
    /// follows the answer when it comes.
    pub fn watch(system: &SystemTheme, changed: impl Fn(Option<bool>) + Clone + 'static) {
        let system = system.clone();
        gio::bus_get(gio::BusType::Session, gio::Cancellable::NONE, move |bus| {
            let Ok(bus) = bus else { return };
            let (on_signal, signal_system) = (changed.clone(), system.clone());
            bus.signal_subscribe(
                Some(BUS_NAME),
                Some(INTERFACE),
                Some("SettingChanged"),
                Some(OBJECT_PATH),
                Some(NAMESPACE),
                gio::DBusSignalFlags::NONE,
                move |_, _, _, _, _, params| {
                    let key = params.try_child_value(1).and_then(|k| k.str().map(String::from));
                    if key.as_deref() == Some(KEY) {
                        let value = params.try_child_value(2);
                        let dark =
                            value.as_ref().and_then(color_scheme).and_then(super::scheme_is_dark);
                        signal_system.set(dark);
                        on_signal(dark);
                    }
                },
            );
            read(&bus, "ReadOne", system, changed);
        });
    }

    /// Asks once; when `ReadOne` fails, asks the deprecated `Read` once.
    fn read(
        bus: &gio::DBusConnection,
        method: &'static str,
        system: SystemTheme,
        changed: impl Fn(Option<bool>) + Clone + 'static,
    ) {
        let again = bus.clone();
        bus.call(
            Some(BUS_NAME),
            OBJECT_PATH,
            INTERFACE,
            method,
            Some(&(NAMESPACE, KEY).into()),
            None,
            gio::DBusCallFlags::NONE,
            TIMEOUT_MS,
            gio::Cancellable::NONE,
            move |reply: Result<Variant, glib::Error>| match reply {
                Ok(reply) => {
                    let dark = color_scheme(&reply).and_then(super::scheme_is_dark);
                    system.set(dark);
                    changed(dark);
                }
                // Portals before version 2 have only `Read`; no portal fails both fast.
                Err(_) if method == "ReadOne" => {
                    read(&again, "Read", system, changed);
                }
                Err(_) => {}
            },
        );
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use gtk::glib::ToVariant;

        #[test]
        fn reads_the_scheme_through_any_number_of_boxes() {
            let plain = 1u32.to_variant();
            assert_eq!(color_scheme(&plain), Some(1));
            let read_one = (Variant::from_variant(&2u32.to_variant()),).to_variant();
            assert_eq!(color_scheme(&read_one), Some(2));
            let read =
                (Variant::from_variant(&Variant::from_variant(&1u32.to_variant())),).to_variant();
            assert_eq!(color_scheme(&read), Some(1));
        }

        #[test]
        fn anything_but_a_number_is_no_answer() {
            assert_eq!(color_scheme(&"dark".to_variant()), None);
            assert_eq!(color_scheme(&(1u32, 2u32).to_variant()), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_follow_the_system() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_theme(dir.path()), ThemeChoice::System);
    }

    #[test]
    fn a_choice_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        save_theme(dir.path(), ThemeChoice::Dark).unwrap();
        assert_eq!(load_theme(dir.path()), ThemeChoice::Dark);
        save_theme(dir.path(), ThemeChoice::Light).unwrap();
        assert_eq!(load_theme(dir.path()), ThemeChoice::Light);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_damaged_or_strange_file_reads_as_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PREFERENCES_FILE);
        for bytes in [&b"{\"theme\":\"dar"[..], b"{\"theme\":\"purple\"}", b"\xff\xfe", b""] {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(load_theme(dir.path()), ThemeChoice::System);
        }
        std::fs::write(&path, vec![b' '; MAX_PREFERENCES_BYTES + 1]).unwrap();
        assert_eq!(load_theme(dir.path()), ThemeChoice::System);
    }

    #[test]
    fn the_portal_numbers_mean_what_the_spec_says() {
        assert_eq!(scheme_is_dark(0), None);
        assert_eq!(scheme_is_dark(1), Some(true));
        assert_eq!(scheme_is_dark(2), Some(false));
        assert_eq!(scheme_is_dark(7), None);
    }
}
