//! The full integrity check of an unlocked vault, run in the background.
//!
//! Unlocking verifies only what it must read anyway (the key, page 1, the schema, the
//! version, the vault id; see `db::open`), so unlock time does not grow with the
//! vault. Every page is then checked here: SQLCipher's `cipher_integrity_check` (every
//! page's HMAC, the file size) and SQLite's `quick_check` (b-tree structure), on a
//! second, read-only connection in a thread of its own. Until it ends, nothing damaged
//! can be shown as good anyway: SQLCipher checks a page's HMAC whenever it reads the
//! page and refuses it if it fails.
//!
//! If the check finds damage, [`BackgroundCheck`] records [`Health::Damaged`] and calls
//! the `on_damage` callback (the app tells the window, which shows a calm note pointing
//! to backups). The check never writes and never repairs.
//!
//! Key and lock lifetime, the rules this module keeps:
//! - the thread gets its own copy of the data key ([`DataKey::duplicate`], a separate
//!   zeroising allocation). It keys its connection with it and drops (wipes) the copy at
//!   once; SQLCipher's internal copy lives inside that connection and is wiped when the
//!   connection closes (memory security is on for every connection);
//! - the thread's connection is closed by the thread itself, always before the thread
//!   ends;
//! - a [`BackgroundCheck`] is owned by its [`super::Vault`] and declared first in it, so
//!   dropping or closing the vault stops the check and waits for the thread (and so for
//!   its connection to close and the key copy to be wiped) *before* the vault's own
//!   connection closes, its key is wiped and the folder lock is released. No connection
//!   to the file outlives the lock, and the vault's final checkpoint is the last close.
//! - stopping is prompt: `quick_check` is interrupted (`sqlite3_interrupt`, repeated
//!   until the thread ends, so an interrupt that lands between two statements is not
//!   lost) and the thread looks at the stop flag between steps. SQLCipher's page check
//!   runs inside statement preparation and cannot be interrupted; a lock that arrives
//!   during it waits for it to finish (see docs/PERFORMANCE.md for how long that is).
//!   Callers lock from a thread of their own, never from the window's thread.
//! - an interrupted check, or one that could not read the file, is
//!   [`Health::Unchecked`], never "damaged".

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::InterruptHandle;

use super::secrets::DataKey;
use super::{db, Error};

/// What the background check found so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Health {
    /// Still checking.
    Checking,
    /// Every page is authentic and the structure is sound.
    Sound,
    /// Some page failed its HMAC or the structure is broken. Nothing was changed.
    Damaged,
    /// The check was stopped (the vault was locked) or could not read the file; no
    /// verdict either way.
    Unchecked,
}

/// Called once, from the check's thread, when damage is found. It must not wait for
/// the vault (its owner may be waiting for this thread).
type OnDamage = Box<dyn FnOnce() + Send>;

struct Shared {
    status: Mutex<Status>,
    done: Condvar,
    stop: AtomicBool,
    interrupt: Mutex<Option<InterruptHandle>>,
}

struct Status {
    health: Health,
    on_damage: Option<OnDamage>,
    /// The verdict is in and its callback has returned: waiters may go.
    settled: bool,
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running (or finished) background check of one vault's database.
pub(crate) struct BackgroundCheck {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundCheck {
    /// Starts checking the database at `path` with a copy of `key`.
    pub(crate) fn start(path: PathBuf, key: &DataKey) -> Result<Self, Error> {
        let shared = Arc::new(Shared {
            status: Mutex::new(Status {
                health: Health::Checking,
                on_damage: None,
                settled: false,
            }),
            done: Condvar::new(),
            stop: AtomicBool::new(false),
            interrupt: Mutex::new(None),
        });
        let key = key.duplicate();
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("vault-check".into())
            .spawn(move || {
                let health = run(&path, key, &theirs);
                finish(&theirs, health);
            })
            .map_err(Error::Storage)?;
        Ok(Self { shared, thread: Some(thread) })
    }

    /// A check that already has a verdict (a vault that was checked whole when opened).
    pub(crate) fn finished(health: Health) -> Self {
        let shared = Arc::new(Shared {
            status: Mutex::new(Status { health, on_damage: None, settled: true }),
            done: Condvar::new(),
            stop: AtomicBool::new(true),
            interrupt: Mutex::new(None),
        });
        Self { shared, thread: None }
    }

    /// What the check has found so far.
    pub(crate) fn health(&self) -> Health {
        guard(&self.shared.status).health
    }

    /// Waits until the check has a verdict (and a damage callback has returned).
    pub(crate) fn wait(&self) -> Health {
        let mut status = guard(&self.shared.status);
        while !status.settled {
            status = self.shared.done.wait(status).unwrap_or_else(PoisonError::into_inner);
        }
        status.health
    }

    /// Calls `f` once if damage is found: at once (on this thread) if it already was,
    /// else from the check's thread when it is. Replaces an earlier callback.
    pub(crate) fn on_damage(&self, f: OnDamage) {
        let mut status = guard(&self.shared.status);
        if status.health == Health::Damaged {
            drop(status);
            f();
        } else if status.health == Health::Checking {
            status.on_damage = Some(f);
        }
    }

    /// Stops the check and waits for its thread, whose connection is closed and key
    /// copy wiped when this returns.
    fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let Some(thread) = self.thread.take() else { return };
        while !thread.is_finished() {
            if let Some(handle) = guard(&self.shared.interrupt).as_ref() {
                handle.interrupt();
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = thread.join();
    }
}

impl Drop for BackgroundCheck {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Records the verdict, calls the damage callback (outside the lock: it may ask for the
/// health), then wakes waiters.
fn finish(shared: &Shared, health: Health) {
    let callback = {
        let mut status = guard(&shared.status);
        status.health = health;
        status.on_damage.take()
    };
    if health == Health::Damaged {
        if let Some(f) = callback {
            f();
        }
    }
    guard(&shared.status).settled = true;
    shared.done.notify_all();
}

/// The check itself, on the thread. Consumes (and so wipes) the key copy.
fn run(path: &std::path::Path, key: DataKey, shared: &Shared) -> Health {
    let stopped = || shared.stop.load(Ordering::SeqCst);
    if stopped() {
        return Health::Unchecked;
    }
    let opened = db::open_read_only(path, &key);
    drop(key);
    let conn = match opened {
        Ok(conn) => conn,
        Err(e) => return verdict(Err(e), stopped()),
    };
    *guard(&shared.interrupt) = Some(conn.get_interrupt_handle());
    let mut result = if stopped() { Ok(()) } else { db::check_integrity(&conn) };
    if matches!(result, Err(Error::Corrupt)) && !stopped() {
        // SQLCipher's page check reads the file directly, outside any transaction: a
        // page that the vault's connection is checkpointing at that very moment can be
        // read half old, half new. Real damage is still there on a second look.
        std::thread::sleep(Duration::from_millis(20));
        if !stopped() {
            result = db::check_integrity(&conn);
        }
    }
    let was_stopped = stopped();
    guard(&shared.interrupt).take();
    let _ = conn.close();
    crate::release_free_heap();
    verdict(result, was_stopped)
}

/// Only a completed check that found damage is [`Health::Damaged`].
fn verdict(result: Result<(), Error>, stopped: bool) -> Health {
    match result {
        _ if stopped => Health::Unchecked,
        Ok(()) => Health::Sound,
        Err(Error::Corrupt) => Health::Damaged,
        Err(_) => Health::Unchecked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_finished_check_that_found_damage_is_damaged() {
        assert_eq!(verdict(Ok(()), false), Health::Sound);
        assert_eq!(verdict(Err(Error::Corrupt), false), Health::Damaged);
        assert_eq!(verdict(Err(Error::Corrupt), true), Health::Unchecked);
        assert_eq!(verdict(Ok(()), true), Health::Unchecked);
        let io = Error::Storage(std::io::Error::other("interrupted"));
        assert_eq!(verdict(Err(io), false), Health::Unchecked);
    }

    #[test]
    fn a_callback_registered_after_the_damage_runs_at_once() {
        let check = BackgroundCheck::finished(Health::Damaged);
        let called = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&called);
        check.on_damage(Box::new(move || flag.store(true, Ordering::SeqCst)));
        assert!(called.load(Ordering::SeqCst));
        let sound = BackgroundCheck::finished(Health::Sound);
        let flag = Arc::clone(&called);
        called.store(false, Ordering::SeqCst);
        sound.on_damage(Box::new(move || flag.store(true, Ordering::SeqCst)));
        assert!(!called.load(Ordering::SeqCst));
        assert_eq!(sound.wait(), Health::Sound);
    }
}
