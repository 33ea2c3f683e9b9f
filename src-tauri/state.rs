//! What the running app holds between commands: the vault store, the open vault (or
//! none: locked), the idle timer, and a freshly made recovery key until the person has
//! saved it.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use zeroize::Zeroizing;

use crate::autolock::{self, IdleTimer};
use crate::error::{Error, Result};
use crate::vault::{Store, Vault};

/// Settings key for the idle minutes before auto-lock.
pub const AUTO_LOCK_KEY: &str = "auto_lock_minutes";

/// Shared state managed by Tauri.
pub struct AppState {
    /// The vaults under the data folder.
    pub store: Store,
    vault: Mutex<Option<Vault>>,
    idle: Mutex<IdleTimer>,
    pending_recovery: Mutex<Option<Zeroizing<String>>>,
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not leave the vault unreachable (or unlockable).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// State for a locked app over `store`.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            vault: Mutex::new(None),
            idle: Mutex::new(IdleTimer::new(Instant::now(), autolock::timeout_for(None))),
            pending_recovery: Mutex::new(None),
        }
    }

    /// Runs `f` on the open vault, or fails with [`Error::Locked`].
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        match guard(&self.vault).as_mut() {
            Some(vault) => f(vault),
            None => Err(Error::Locked),
        }
    }

    /// True while a vault is open.
    pub fn is_unlocked(&self) -> bool {
        guard(&self.vault).is_some()
    }

    /// Makes `vault` the open one (closing any other) and starts its idle timer.
    pub fn open(&self, vault: Vault) {
        let minutes = vault.setting(AUTO_LOCK_KEY).ok().flatten().and_then(|m| m.parse().ok());
        *guard(&self.idle) = IdleTimer::new(Instant::now(), autolock::timeout_for(minutes));
        if let Some(previous) = guard(&self.vault).replace(vault) {
            let _ = previous.close();
        }
    }

    /// Locks: closes the database, wipes the key, forgets any unsaved recovery key.
    /// Returns whether a vault was open.
    pub fn lock(&self) -> bool {
        *guard(&self.pending_recovery) = None;
        let taken = guard(&self.vault).take();
        match taken {
            Some(vault) => {
                let _ = vault.close();
                true
            }
            None => false,
        }
    }

    /// Takes the open vault out of the state (for deleting it).
    pub fn take(&self) -> Option<Vault> {
        *guard(&self.pending_recovery) = None;
        guard(&self.vault).take()
    }

    /// Records activity in the window.
    pub fn touch(&self) {
        guard(&self.idle).touch(Instant::now());
    }

    /// Applies a new auto-lock setting at once.
    pub fn set_auto_lock(&self, minutes: u32) {
        guard(&self.idle).set_timeout(autolock::timeout_for(Some(minutes)));
    }

    /// Locks when the idle time has run out; returns true when it locked.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        if !self.is_unlocked() || !guard(&self.idle).expired(now) {
            return false;
        }
        self.lock()
    }

    /// Keeps a new recovery key until the person says it is saved (for Copy).
    pub fn set_pending_recovery(&self, key: Zeroizing<String>) {
        *guard(&self.pending_recovery) = Some(key);
    }

    /// The recovery key waiting to be saved, if any.
    pub fn pending_recovery(&self) -> Option<Zeroizing<String>> {
        guard(&self.pending_recovery).clone()
    }

    /// Forgets the recovery key once it is saved.
    pub fn forget_recovery(&self) {
        *guard(&self.pending_recovery) = None;
    }
}
