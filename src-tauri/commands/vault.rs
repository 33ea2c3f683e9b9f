//! Opening, locking and looking after the vault. Key derivation runs in `Worker` commands
//! (`dispatch.rs`), off the window's thread, and outside the state's lock.

use serde::Serialize;
use tauri::{Emitter, State};

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::vault::{Health, Passphrase, RecoveryKey, Secret, Store, Vault, VaultSummary};

/// Tells the window (event `vault-damaged`) if the background check of `vault` finds
/// damage. The emit only queues a message: it never waits for the vault.
fn watch(app: &tauri::AppHandle, vault: &Vault) {
    let app = app.clone();
    vault.on_damage(move || {
        let _ = app.emit("vault-damaged", ());
    });
}

/// What the lock screen needs to know; no content, only the labels people chose.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    any_exists: bool,
    vaults: Vec<VaultSummary>,
    unlocked: bool,
}

/// Lists the labelled vaults and says whether any vault (hidden ones too) exists.
pub fn vault_status(state: State<'_, AppState>) -> Result<Status> {
    Status::read(&state.store, state.is_unlocked())
}

impl Status {
    /// Reads which vaults exist in `store` (the folder only: nothing is opened).
    pub fn read(store: &Store, unlocked: bool) -> Result<Status> {
        Ok(Status { any_exists: store.any_exists()?, vaults: store.list()?, unlocked })
    }
}

/// A rough strength estimate for a new passphrase (zxcvbn), with one line of advice.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    score: u8,
    summary: &'static str,
    warning: Option<String>,
    suggestion: Option<String>,
}

/// Estimates how hard `passphrase` is to guess.
pub fn passphrase_strength(passphrase: Passphrase) -> Strength {
    strength(&passphrase)
}

/// The estimate behind [`passphrase_strength`]; long inputs are judged on a prefix
/// (zxcvbn is slow on huge strings, and anything that long is strong anyway).
pub fn strength(passphrase: &Passphrase) -> Strength {
    let text = passphrase.expose_secret();
    let cut = text.char_indices().nth(100).map_or(text.len(), |(i, _)| i);
    let estimate = zxcvbn::zxcvbn(&text[..cut], &[]);
    let score = u8::from(estimate.score());
    let summary = match score {
        0 | 1 => "Easy to guess.",
        2 => "Fair.",
        3 => "Strong.",
        _ => "Very strong.",
    };
    let feedback = estimate.feedback();
    Strength {
        score,
        summary,
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestion: feedback.and_then(|f| f.suggestions().first()).map(|s| s.to_string()),
    }
}

/// The recovery key, shown once.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRecoveryKey {
    recovery_key: String,
}

fn remember_recovery(state: &AppState, key: &RecoveryKey) -> NewRecoveryKey {
    let formatted = key.formatted();
    state.set_pending_recovery(formatted.clone());
    NewRecoveryKey { recovery_key: formatted.as_str().to_owned() }
}

/// Creates a hidden vault (the label comes later) and opens it.
pub fn vault_create(state: State<'_, AppState>, passphrase: Passphrase) -> Result<NewRecoveryKey> {
    state.lock();
    let (vault, recovery) = state.store.create(&passphrase, None)?;
    state.open(vault);
    Ok(remember_recovery(&state, &recovery))
}

/// Opens vault `id` (or a hidden vault when `id` is null) with its passphrase.
pub fn vault_unlock(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
    passphrase: Passphrase,
) -> Result<()> {
    let vault = state.store.unlock(id.as_deref(), &Secret::Passphrase(passphrase))?;
    watch(&app, &vault);
    state.open(vault);
    Ok(())
}

/// Opens a vault with its recovery key and sets a new passphrase.
pub fn vault_recover(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
    recovery_key: Passphrase,
    passphrase: Passphrase,
) -> Result<()> {
    let recovery = RecoveryKey::parse(recovery_key.expose_secret())?;
    let vault =
        state.store.reset_passphrase_with_recovery(id.as_deref(), &recovery, &passphrase)?;
    watch(&app, &vault);
    state.open(vault);
    Ok(())
}

/// Locks now: closes the database and wipes the key. Harmless when already locked.
/// Runs off the window's thread: locking waits for the background check to stop.
pub fn vault_lock(state: State<'_, AppState>) {
    state.lock();
}

/// What the background check of the open vault has found: `checking`, `sound`,
/// `damaged` or `unchecked`. The window asks after unlocking and on `vault-damaged`.
pub fn vault_health(state: State<'_, AppState>) -> Result<Health> {
    state.with_vault(|v| Ok(v.health()))
}

/// Activity in the window keeps the vault open.
pub fn activity_ping(state: State<'_, AppState>) -> Result<()> {
    if !state.is_unlocked() {
        return Err(Error::Locked);
    }
    state.touch();
    Ok(())
}

/// Changes the passphrase after checking the current one (re-wraps the key only).
pub fn passphrase_change(
    state: State<'_, AppState>,
    current: Passphrase,
    next: Passphrase,
) -> Result<()> {
    state.with_vault(|v| {
        v.verify_passphrase(&current)?;
        Ok(v.change_passphrase(&next)?)
    })
}

/// Makes a new recovery key after checking the passphrase; the old key stops working.
pub fn recovery_regenerate(
    state: State<'_, AppState>,
    passphrase: Passphrase,
) -> Result<NewRecoveryKey> {
    let key = state.with_vault(|v| {
        v.verify_passphrase(&passphrase)?;
        Ok(v.regenerate_recovery_key()?)
    })?;
    Ok(remember_recovery(&state, &key))
}

/// Copies the recovery key being shown to the clipboard; cleared after 60 s if the
/// clipboard still holds it.
pub fn recovery_copy(app: tauri::AppHandle, state: State<'_, AppState>) -> Result<()> {
    let key = state
        .pending_recovery()
        .ok_or_else(|| Error::Invalid("There is no recovery key to copy now.".into()))?;
    crate::clipboard::copy_then_clear(&app, key)
}

/// Forgets the recovery key being shown, once the person has saved it.
pub fn recovery_forget(state: State<'_, AppState>) {
    state.forget_recovery();
}

/// Deletes the open vault for good; `confirmation` must be the word the UI asks for.
pub fn vault_delete(state: State<'_, AppState>, confirmation: String) -> Result<()> {
    if confirmation.trim().to_lowercase() != "delete" {
        return Err(Error::Invalid("Type the word delete to confirm.".into()));
    }
    let vault = state.take().ok_or(Error::Locked)?;
    Ok(vault.delete()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_grows_with_unrelated_words() {
        let weak = strength(&Passphrase::from("password1"));
        let strong = strength(&Passphrase::from("lantern orbit pickle meadow quietly"));
        assert!(weak.score <= 1, "{weak:?}");
        assert!(strong.score >= 3, "{strong:?}");
    }

    #[test]
    fn strength_sees_repeats_walks_and_substitutions() {
        // The repeat search no longer goes through fancy-regex (vendor/zxcvbn/VENDORED.md).
        for text in ["abcabcabc", "hellohello", "aabaabaabaab", "a😀a😀a😀", "aaaaaaaaaa"] {
            let estimate = strength(&Passphrase::from(text));
            assert!(estimate.score <= 1, "{text}: {estimate:?}");
            assert!(estimate.warning.as_deref().unwrap_or("").starts_with("Repeats like"));
        }
        for text in ["qwertyuiop", "p@ssw0rd", "11/20/91", "abcdefghij"] {
            assert!(strength(&Passphrase::from(text)).score <= 1, "{text}");
        }
        // The same passphrase gets the same estimate every time (fixed map keys).
        let twice = [(); 2].map(|()| strength(&Passphrase::from("user@example.com")));
        assert_eq!(twice[0], twice[1]);
    }

    #[test]
    fn strength_copes_with_a_megabyte() {
        // Judged on its first 100 characters; the rest (NULs, accents) is not read.
        let huge = format!("lantern orbit pickle meadow quietly {}", "ab\u{0}é".repeat(250_000));
        assert!(huge.len() > 1_000_000);
        assert!(strength(&Passphrase::from(huge.as_str())).score >= 3);
    }
}
