//! Settings kept inside the vault, and the lock-screen label kept in its key file.

use serde::{Deserialize, Deserializer, Serialize};
use tauri::State;

use crate::autolock;
use crate::error::{Error, Result};
use crate::state::{AppState, AUTO_LOCK_KEY};

/// Settings key for who the person is here.
pub const ROLE_KEY: &str = "role";

/// The roles offered at first run and in Settings.
pub const ROLES: [&str; 3] = ["betrayed", "broke_trust", "both"];

/// The settings the window shows.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    role: String,
    auto_lock_minutes: u32,
    label: Option<String>,
}

/// Changes to apply; absent fields stay as they are. `label: null` hides the vault.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Changes {
    role: Option<String>,
    auto_lock_minutes: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    label: Option<Option<String>>,
}

/// Tells "absent" (outer `None`) from "null" (`Some(None)`).
fn present<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Reads the settings of the open vault.
pub fn settings_get(state: State<'_, AppState>) -> Result<Settings> {
    state.with_vault(|v| {
        Ok(Settings {
            role: v.setting(ROLE_KEY)?.unwrap_or_else(|| "both".into()),
            auto_lock_minutes: v
                .setting(AUTO_LOCK_KEY)?
                .and_then(|m| m.parse().ok())
                .unwrap_or(autolock::DEFAULT_MINUTES),
            label: v.label().map(str::to_owned),
        })
    })
}

/// Applies `changes` after checking all of them; a refused change changes nothing.
pub fn settings_set(state: State<'_, AppState>, changes: Changes) -> Result<()> {
    if let Some(role) = &changes.role {
        if !ROLES.contains(&role.as_str()) {
            return Err(Error::Invalid("Choose one of the roles offered.".into()));
        }
    }
    if let Some(minutes) = changes.auto_lock_minutes {
        if !autolock::CHOICES_MINUTES.contains(&minutes) {
            return Err(Error::Invalid("Choose between 1 and 60 minutes.".into()));
        }
    }
    state.with_vault(|v| {
        if let Some(label) = changes.label.clone() {
            let label = label.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
            v.set_label(label)?;
        }
        if let Some(role) = &changes.role {
            v.set_setting(ROLE_KEY, role)?;
        }
        if let Some(minutes) = changes.auto_lock_minutes {
            v.set_setting(AUTO_LOCK_KEY, &minutes.to_string())?;
        }
        Ok(())
    })?;
    if let Some(minutes) = changes.auto_lock_minutes {
        state.set_auto_lock(minutes);
    }
    Ok(())
}
