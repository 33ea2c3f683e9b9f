//! The encrypted vault: one folder per person, opened by a passphrase or a recovery key.
//!
//! This is the only module that touches SQLite or cryptography. It owns:
//! - `secrets`: [`Passphrase`], [`DataKey`], [`RecoveryKey`] (zeroised, never printed);
//! - `keys`: the key file `vault.keys` (DEK wrapped under Argon2id and HKDF) and KDF
//!   calibration;
//! - `db`, `migrations`: the SQLCipher database and its versioned schema;
//! - `files`: folder layout, permissions, atomic writes and the per-vault lock;
//! - `throttle`: growing waits after wrong guesses;
//! - `backup`: one-file encrypted export and verified restore;
//! - `check`: the full integrity check that runs in the background after unlock.
//!
//! Invariants the rest of the app can rely on:
//! - a [`Vault`] value exists only while its folder's lock is held and the database is
//!   open with the right key; dropping or closing it stops its background check,
//!   zeroises the key and releases the lock, so `Option<Vault>` = `None` means locked;
//! - every error is an [`Error`] whose message is safe to show: no paths, no content;
//! - nothing here writes plaintext content to disk.
//!
//! Layout: `<data_dir>/vaults/<32 hex>/{vault.db, vault.keys, vault.lock, attempts}`.

mod backup;
mod check;
mod db;
pub(crate) mod files;
pub mod keys;
pub mod migrations;
mod secrets;
pub mod throttle;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::Connection;

pub use backup::BACKUP_MAGIC;
pub use check::Health;
pub use db::{settings_get, settings_set};
pub use keys::{KdfParams, KdfPolicy};
pub use secrets::{DataKey, Passphrase, RecoveryKey, Secret, PASSPHRASE_MAX_BYTES};
pub use throttle::{Clock, SystemClock};

use check::BackgroundCheck;
pub(crate) use files::write_atomic;
use files::{FolderLock, TempFolder, DB_FILE, KEYS_FILE};
use keys::KeyFile;
use secrets::SecretRef;
use throttle::Attempts;

/// Everything that can go wrong with a vault. Messages are for people: they never hold
/// a path, a label or any content.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The passphrase or recovery key did not unwrap the data key (AEAD tag mismatch).
    #[error("That passphrase or recovery key did not open this vault.")]
    WrongSecret,
    /// The vault's files are damaged or were altered; nothing was changed.
    #[error("This vault's files are damaged, so it cannot be opened. Nothing was changed.")]
    Corrupt,
    /// The vault is open in another Mend window or process.
    #[error("This vault is open in another Mend window. Close it there first.")]
    Busy,
    /// No vault with that id (or the id is malformed).
    #[error("That vault could not be found.")]
    NotFound,
    /// Input that is refused; the message says what to change.
    #[error("{0}")]
    Invalid(String),
    /// Too many wrong guesses in a row; the next try is allowed after the wait.
    #[error("Too many wrong tries. Wait {wait_seconds} seconds, then try again.")]
    TooManyAttempts {
        /// Whole seconds until the next try is allowed.
        wait_seconds: u64,
    },
    /// Reading or writing files (or SQLite) failed; the detail stays in the source.
    #[error("Mend could not read or write its files. Nothing was changed.")]
    Storage(#[source] std::io::Error),
    /// The files were written by a newer version of Mend.
    #[error("This vault was made by a newer version of Mend. Update Mend to open it.")]
    UnsupportedVersion,
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Storage(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Storage(std::io::Error::other(e))
    }
}

/// A vault shown on the lock screen: only vaults with a label are listed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultSummary {
    /// The folder id, passed back to [`Store::unlock`].
    pub id: String,
    /// The name its owner chose.
    pub label: String,
}

/// The vaults under one data folder, with the policies used to open and create them.
#[derive(Clone, Debug)]
pub struct Store {
    data_dir: PathBuf,
    kdf: KdfPolicy,
    clock: Arc<dyn Clock>,
}

impl Store {
    /// The vaults under `data_dir`, with [`KdfPolicy::from_env`] and the system clock.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into(), kdf: KdfPolicy::from_env(), clock: Arc::new(SystemClock) }
    }

    /// Replaces the KDF policy for new passphrase slots (tests, benchmarks).
    pub fn with_kdf(mut self, kdf: KdfPolicy) -> Self {
        self.kdf = kdf;
        self
    }

    /// Replaces the clock used for throttling (tests).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The data folder this store manages.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The labelled vaults, sorted by label. Hidden vaults and unreadable key files are
    /// left out.
    pub fn list(&self) -> Result<Vec<VaultSummary>, Error> {
        let mut out = Vec::new();
        for (id, folder) in files::vault_folders(&self.data_dir)? {
            if let Ok(keys) = read_key_file(&folder) {
                if let Some(label) = keys.label() {
                    out.push(VaultSummary { id, label: label.to_owned() });
                }
            }
        }
        out.sort_by(|a, b| {
            a.label.to_lowercase().cmp(&b.label.to_lowercase()).then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// True if any vault, labelled or hidden, exists (the app shows the lock screen
    /// rather than first-run).
    pub fn any_exists(&self) -> Result<bool, Error> {
        Ok(!files::vault_folders(&self.data_dir)?.is_empty())
    }

    /// Creates a vault and opens it. Returns the recovery key, to be shown once.
    ///
    /// Calibrates Argon2id (about a second or two) unless the policy is fixed. The
    /// folder appears complete or not at all.
    pub fn create(
        &self,
        passphrase: &Passphrase,
        label: Option<String>,
    ) -> Result<(Vault, RecoveryKey), Error> {
        passphrase.check_new()?;
        let label = keys::clean_label(label)?;
        let params = self.kdf.resolve()?;
        let dek = DataKey::generate()?;
        let recovery = RecoveryKey::generate()?;
        let mut vault_id = [0u8; 16];
        secrets::fill_random(&mut vault_id)?;
        let created_at = i64::try_from(throttle::unix_seconds(self.clock.now())).unwrap_or(0);
        let keys =
            KeyFile::create(&dek, vault_id, created_at, label, passphrase, params, &recovery)?;

        let temp = TempFolder::new(&self.data_dir)?;
        files::write_atomic(&temp.path().join(KEYS_FILE), &keys.to_bytes())?;
        db::create(&temp.path().join(DB_FILE), &dek, &vault_id, &now_rfc3339())?;
        let (id, folder) = temp.persist()?;
        let vault = self.open_new_folder(id, folder, keys, dek)?;
        Ok((vault, recovery))
    }

    /// Opens a vault: `which` is a folder id from [`Store::list`], or `None` to try the
    /// secret against every hidden (unlabelled) vault.
    ///
    /// Errors: [`Error::WrongSecret`], [`Error::TooManyAttempts`] (no key derivation
    /// runs while a wait is pending), [`Error::Busy`], [`Error::NotFound`],
    /// [`Error::Corrupt`], [`Error::UnsupportedVersion`].
    pub fn unlock(&self, which: Option<&str>, secret: &Secret) -> Result<Vault, Error> {
        let secret = secret.as_ref();
        if let SecretRef::Passphrase(p) = secret {
            if p.is_empty() {
                return Err(Error::Invalid("Enter your passphrase.".into()));
            }
            p.check_length()?;
        }
        match which {
            Some(id) => self.unlock_one(id, secret),
            None => self.unlock_hidden(secret),
        }
    }

    /// Opens a vault with its recovery key and sets a new passphrase; the old
    /// passphrase stops working. `which` is as for [`Store::unlock`] (`None` finds a
    /// hidden vault by its recovery key). Returns the open vault.
    pub fn reset_passphrase_with_recovery(
        &self,
        which: Option<&str>,
        recovery: &RecoveryKey,
        new: &Passphrase,
    ) -> Result<Vault, Error> {
        new.check_new()?;
        let secret = SecretRef::RecoveryKey(recovery);
        let mut vault = match which {
            Some(id) => self.unlock_one(id, secret)?,
            None => self.unlock_hidden(secret)?,
        };
        vault.change_passphrase(new)?;
        Ok(vault)
    }

    /// Seconds to wait before vault `which` (or, for `None`, the hidden vaults) accepts
    /// another try; `None` when a try is allowed now. For a countdown on the lock screen.
    pub fn wait_seconds(&self, which: Option<&str>) -> Result<Option<u64>, Error> {
        let now = self.clock.now();
        Ok(match which {
            Some(id) => {
                Attempts::load(&files::existing_folder(&self.data_dir, id)?).wait_remaining(now)
            }
            None => {
                self.hidden_candidates()?.iter().filter_map(|c| c.before.wait_remaining(now)).max()
            }
        })
    }

    /// Unlocks one named vault.
    fn unlock_one(&self, id: &str, secret: SecretRef<'_>) -> Result<Vault, Error> {
        let started = Instant::now();
        let folder = files::existing_folder(&self.data_dir, id)?;
        let lock = FolderLock::acquire(&folder)?;
        let keys = read_key_file(&folder)?;
        let before = Attempts::load(&folder);
        let now = self.clock.now();
        if let Some(wait_seconds) = before.wait_remaining(now) {
            return Err(Error::TooManyAttempts { wait_seconds });
        }
        // Counted before the derivation runs, so killing the app mid-guess cannot skip it.
        before.plus_failure(now).save(&folder)?;
        let derivation = Instant::now();
        let opened = keys.open(secret);
        let key_derivation = derivation.elapsed();
        let dek = match opened {
            Ok(dek) => dek,
            Err(Error::WrongSecret) => return Err(Error::WrongSecret),
            Err(other) => {
                before.save(&folder)?;
                return Err(other);
            }
        };
        Attempts::default().save(&folder)?;
        let vault = self.open_folder(id.to_owned(), folder, keys, dek, lock, Checked::Later)?;
        Ok(vault.timed(started, key_derivation))
    }

    /// Every readable hidden vault with its current attempt counter.
    fn hidden_candidates(&self) -> Result<Vec<Candidate>, Error> {
        let mut out = Vec::new();
        for (id, folder) in files::vault_folders(&self.data_dir)? {
            // A damaged or newer key file cannot be opened here anyway.
            let Ok(keys) = read_key_file(&folder) else { continue };
            if keys.label().is_none() {
                let before = Attempts::load(&folder);
                out.push(Candidate { id, folder, keys, before });
            }
        }
        Ok(out)
    }

    /// Tries the secret against every hidden vault; the first that opens wins.
    ///
    /// A failure counts against every hidden vault (nobody can tell which was meant);
    /// a success leaves the others' counters as they were.
    fn unlock_hidden(&self, secret: SecretRef<'_>) -> Result<Vault, Error> {
        let started = Instant::now();
        let candidates = self.hidden_candidates()?;
        let now = self.clock.now();
        if let Some(wait_seconds) =
            candidates.iter().filter_map(|c| c.before.wait_remaining(now)).max()
        {
            return Err(Error::TooManyAttempts { wait_seconds });
        }
        for c in &candidates {
            c.before.plus_failure(now).save(&c.folder)?;
        }
        let mut opened = None;
        let mut key_derivation = Duration::ZERO;
        for (i, c) in candidates.iter().enumerate() {
            let derivation = Instant::now();
            let result = c.keys.open(secret);
            key_derivation += derivation.elapsed();
            match result {
                Ok(dek) => {
                    opened = Some((i, dek));
                    break;
                }
                Err(Error::WrongSecret) => continue,
                Err(other) => {
                    for c in &candidates {
                        c.before.save(&c.folder)?;
                    }
                    return Err(other);
                }
            }
        }
        let Some((index, dek)) = opened else { return Err(Error::WrongSecret) };
        for (i, c) in candidates.iter().enumerate() {
            if i == index {
                Attempts::default().save(&c.folder)?;
            } else {
                c.before.save(&c.folder)?;
            }
        }
        let Candidate { id, folder, keys, .. } =
            candidates.into_iter().nth(index).ok_or(Error::NotFound)?;
        let lock = FolderLock::acquire(&folder)?;
        let vault = self.open_folder(id, folder, keys, dek, lock, Checked::Later)?;
        Ok(vault.timed(started, key_derivation))
    }

    /// Opens a folder that was just created or restored (and so checked whole); removes
    /// it again if that fails, so a failed operation leaves nothing behind.
    fn open_new_folder(
        &self,
        id: String,
        folder: PathBuf,
        keys: KeyFile,
        dek: DataKey,
    ) -> Result<Vault, Error> {
        let opened = FolderLock::acquire(&folder).and_then(|lock| {
            self.open_folder(id, folder.clone(), keys, dek, lock, Checked::Already)
        });
        if opened.is_err() {
            let _ = fs::remove_dir_all(&folder);
        }
        opened
    }

    /// Opens the database of an unlocked folder and wraps everything in a [`Vault`];
    /// with [`Checked::Later`], starts the full check in the background.
    fn open_folder(
        &self,
        id: String,
        folder: PathBuf,
        keys: KeyFile,
        key: DataKey,
        lock: FolderLock,
        checked: Checked,
    ) -> Result<Vault, Error> {
        // We hold the folder lock: any temp here is left over from a killed process (an
        // interrupted key-file replacement), never work in progress.
        files::remove_stale_temps(&folder, Duration::ZERO);
        let db_path = folder.join(DB_FILE);
        let conn = db::open(&db_path, &key, keys.vault_id())?;
        let check = match checked {
            Checked::Later => {
                db::finish_checkpoint(&conn);
                BackgroundCheck::start(db_path, &key)?
            }
            Checked::Already => BackgroundCheck::finished(Health::Sound),
        };
        Ok(Vault { check, conn, key, keys, folder, id, kdf: self.kdf, lock, timing: None })
    }
}

/// Whether a database being opened still needs its full check.
#[derive(Clone, Copy)]
enum Checked {
    /// Unlocking an existing vault: check every page in the background.
    Later,
    /// Just created, or restored from a backup that was checked whole.
    Already,
}

/// How long one unlock took, for benchmarks: no content, only durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnlockTiming {
    /// From the call to [`Store::unlock`] until the vault was open.
    pub total: Duration,
    /// The part spent deriving keys from the passphrase or recovery key (Argon2id).
    pub key_derivation: Duration,
}

impl UnlockTiming {
    /// Everything but the key derivation: reading files, opening and checking the
    /// database, starting the background check.
    pub fn beyond_key_derivation(&self) -> Duration {
        self.total.saturating_sub(self.key_derivation)
    }
}

/// A hidden vault that [`Store::unlock_hidden`] may try.
struct Candidate {
    id: String,
    folder: PathBuf,
    keys: KeyFile,
    before: Attempts,
}

/// Reads and parses a folder's key file.
fn read_key_file(folder: &Path) -> Result<KeyFile, Error> {
    KeyFile::parse(&files::read_small(&folder.join(KEYS_FILE), keys::MAX_KEY_FILE_BYTES)?)
}

/// An open vault. Holds the folder's lock, the data key and the database connection;
/// dropping it (or [`Vault::close`]) closes the database, zeroises the key and releases
/// the lock, in that order.
pub struct Vault {
    // Field order is drop order: the background check stops (its connection closed, its
    // key copy wiped) first, then the connection closes before the key is wiped, and
    // the lock is released last (see `check` for why).
    check: BackgroundCheck,
    conn: Connection,
    key: DataKey,
    keys: KeyFile,
    folder: PathBuf,
    id: String,
    kdf: KdfPolicy,
    lock: FolderLock,
    timing: Option<UnlockTiming>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Vault {
    /// The folder id (what [`Store::list`] returns as `id`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The label, or `None` for a hidden vault.
    pub fn label(&self) -> Option<&str> {
        self.keys.label()
    }

    /// The Argon2id parameters of the current passphrase slot.
    pub fn kdf_params(&self) -> KdfParams {
        self.keys.kdf_params()
    }

    /// What the full integrity check, started in the background at unlock, has found
    /// so far. A vault just created or restored is [`Health::Sound`] from the start.
    pub fn health(&self) -> Health {
        self.check.health()
    }

    /// Waits for the background check's verdict (tests, benchmarks).
    pub fn wait_for_check(&self) -> Health {
        self.check.wait()
    }

    /// Calls `f` once if the background check finds damage: at once if it already
    /// has, else from the check's thread. `f` must not wait for this vault (locking
    /// waits for that thread). Replaces an earlier callback.
    pub fn on_damage(&self, f: impl FnOnce() + Send + 'static) {
        self.check.on_damage(Box::new(f));
    }

    /// How long unlocking this vault took; `None` for a vault that was created or
    /// restored.
    pub fn unlock_timing(&self) -> Option<UnlockTiming> {
        self.timing
    }

    /// Records the unlock's duration.
    fn timed(mut self, started: Instant, key_derivation: Duration) -> Self {
        self.timing = Some(UnlockTiming { total: started.elapsed(), key_derivation });
        self
    }

    /// The database connection, for domain modules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database connection, mutably (for `Connection::transaction`).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The vault's folder (backups stage their copy beside it).
    pub(crate) fn folder(&self) -> &Path {
        &self.folder
    }

    /// Reads a setting stored inside the vault.
    pub fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        db::settings_get(&self.conn, key)
    }

    /// Stores a setting inside the vault.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), Error> {
        db::settings_set(&self.conn, key, value)
    }

    /// Checks that `passphrase` opens this vault (before changing what protects it);
    /// [`Error::WrongSecret`] when it does not. Costs one key derivation.
    pub fn verify_passphrase(&self, passphrase: &Passphrase) -> Result<(), Error> {
        if passphrase.is_empty() {
            return Err(Error::WrongSecret);
        }
        self.keys.open(SecretRef::Passphrase(passphrase)).map(drop)
    }

    /// Sets a new passphrase: re-wraps the data key only (the database is untouched)
    /// and replaces the key file atomically. The old passphrase stops working.
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<(), Error> {
        new.check_new()?;
        let params = self.kdf.resolve()?;
        let mut keys = self.keys.clone();
        keys.set_passphrase_slot(&self.key, new, params)?;
        self.replace_key_file(keys)
    }

    /// Makes a new recovery key; the old one stops working (backups made earlier still
    /// accept the key that was current when they were made).
    pub fn regenerate_recovery_key(&mut self) -> Result<RecoveryKey, Error> {
        let recovery = RecoveryKey::generate()?;
        let mut keys = self.keys.clone();
        keys.set_recovery_slot(&self.key, &recovery)?;
        self.replace_key_file(keys)?;
        Ok(recovery)
    }

    /// Sets or removes the label shown on the lock screen (`None` hides the vault).
    pub fn set_label(&mut self, label: Option<String>) -> Result<(), Error> {
        let label = keys::clean_label(label)?;
        let mut keys = self.keys.clone();
        keys.set_label(&self.key, label)?;
        self.replace_key_file(keys)
    }

    /// Writes `keys` to disk atomically, then adopts it in memory.
    fn replace_key_file(&mut self, keys: KeyFile) -> Result<(), Error> {
        files::write_atomic(&self.folder.join(KEYS_FILE), &keys.to_bytes())?;
        self.keys = keys;
        Ok(())
    }

    /// Locks the vault: stops the background check (waiting for its thread), checkpoints
    /// the WAL, closes the database, zeroises the key, releases the lock and hands the
    /// heap's free pages back. The key and lock are released even if closing fails.
    pub fn close(self) -> Result<(), Error> {
        let Vault { check, conn, key, lock, .. } = self;
        drop(check);
        let closed = db::close(conn);
        drop(key);
        drop(lock);
        crate::release_free_heap();
        closed
    }

    /// Deletes the vault for good: the key file first (overwritten, then removed, so the
    /// database can no longer be decrypted), then the rest of the folder. The overwrite
    /// is best effort: SSDs and copy-on-write file systems may keep old blocks.
    pub fn delete(self) -> Result<(), Error> {
        let Vault { check, conn, key, lock, folder, .. } = self;
        drop(check);
        let _ = db::close(conn);
        drop(key);
        crate::release_free_heap();
        let keys_path = folder.join(KEYS_FILE);
        if let Ok(len) = fs::metadata(&keys_path).map(|m| m.len()) {
            let zeros = vec![0u8; usize::try_from(len).unwrap_or(0).min(keys::MAX_KEY_FILE_BYTES)];
            if let Ok(mut f) = fs::OpenOptions::new().write(true).open(&keys_path) {
                use std::io::Write;
                let _ = f.write_all(&zeros).and_then(|()| f.sync_all());
            }
        }
        fs::remove_file(&keys_path)?;
        drop(lock);
        fs::remove_dir_all(&folder)?;
        if let Some(parent) = folder.parent() {
            files::sync_dir(parent)?;
        }
        Ok(())
    }
}

/// The current time as RFC 3339 UTC with milliseconds, the format stored in the vault.
pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::keys::tests::kdf_calls;
    use super::throttle::tests::FakeClock;
    use super::*;

    const CHEAP: KdfPolicy = KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS);

    /// A store with cheap KDF parameters.
    fn store(dir: &Path) -> Store {
        Store::new(dir).with_kdf(CHEAP)
    }

    /// A passphrase secret.
    fn pass(s: &str) -> Secret {
        Secret::Passphrase(Passphrase::from(s))
    }

    /// A copy of a recovery key as a secret, parsed from its written form.
    fn rk(k: &RecoveryKey) -> Secret {
        Secret::RecoveryKey(RecoveryKey::parse(&k.formatted()).unwrap())
    }

    /// Every journal entry's (title, body).
    fn entries(v: &Vault) -> Vec<(String, String)> {
        let mut stmt =
            v.conn().prepare("SELECT title, body FROM journal_entries ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    }

    /// Adds a journal entry.
    fn add_entry(v: &Vault, title: &str, body: &str) {
        v.conn()
            .execute(
                "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', ?1, ?2)",
                [title, body],
            )
            .unwrap();
    }

    mod creating {
        use super::*;

        #[test]
        fn a_new_vault_is_listed_by_label_and_opens_again() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            assert!(!s.any_exists().unwrap());
            let (v, _rk) = s.create(&Passphrase::from("pw one"), Some(" Ana ".into())).unwrap();
            let id = v.id().to_owned();
            assert_eq!(v.label(), Some("Ana"));
            add_entry(&v, "t1", "b1");
            v.close().unwrap();
            assert!(s.any_exists().unwrap());
            assert_eq!(
                s.list().unwrap(),
                vec![VaultSummary { id: id.clone(), label: "Ana".into() }]
            );
            let v = s.unlock(Some(&id), &pass("pw one")).unwrap();
            assert_eq!(entries(&v), [("t1".to_owned(), "b1".to_owned())]);
        }

        #[test]
        fn the_folder_is_private_and_holds_only_the_expected_files() {
            let dir = tempfile::tempdir().unwrap();
            let (v, _) = store(dir.path()).create(&Passphrase::from("pw"), None).unwrap();
            let folder = v.folder().to_path_buf();
            let mut names: Vec<String> = fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            for must in ["vault.db", "vault.keys", "vault.lock"] {
                assert!(names.iter().any(|n| n == must), "{names:?}");
            }
            assert!(names.iter().all(|n| n.starts_with("vault.") || n == "attempts"), "{names:?}");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode(&folder), 0o700);
                assert_eq!(mode(folder.parent().unwrap()), 0o700);
                for name in &names {
                    assert_eq!(mode(&folder.join(name)), 0o600, "{name}");
                }
            }
            v.close().unwrap();
            let leftovers: Vec<_> = fs::read_dir(dir.path().join("vaults"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(leftovers.len(), 1, "no temp folders left: {leftovers:?}");
        }

        #[test]
        fn an_empty_passphrase_or_blank_label_is_refused_and_nothing_is_created() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            assert!(matches!(s.create(&Passphrase::from(""), None), Err(Error::Invalid(_))));
            assert!(matches!(
                s.create(&Passphrase::from("pw"), Some("  ".into())),
                Err(Error::Invalid(_))
            ));
            assert!(!s.any_exists().unwrap());
        }

        #[test]
        fn the_database_file_has_no_sqlite_header() {
            let dir = tempfile::tempdir().unwrap();
            let (v, _) = store(dir.path()).create(&Passphrase::from("pw"), None).unwrap();
            let path = v.folder().join(DB_FILE);
            v.close().unwrap();
            let head = fs::read(path).unwrap();
            assert!(!head.starts_with(b"SQLite format 3"));
        }
    }

    mod unlocking {
        use super::*;

        #[test]
        fn a_wrong_or_empty_passphrase_does_not_open() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("right"), Some("A".into())).unwrap();
            let id = v.id().to_owned();
            v.close().unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("wrong")), Err(Error::WrongSecret)));
            assert!(matches!(s.unlock(Some(&id), &pass("")), Err(Error::Invalid(_))));
            assert!(matches!(s.unlock(Some("../x"), &pass("right")), Err(Error::NotFound)));
            assert!(s.unlock(Some(&id), &pass("right")).is_ok());
        }

        #[test]
        fn a_second_open_in_this_process_is_busy() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            let id = v.id().to_owned();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::Busy)));
            v.close().unwrap();
            let v = s.unlock(Some(&id), &pass("pw")).unwrap();
            drop(v);
            assert!(s.unlock(Some(&id), &pass("pw")).is_ok(), "dropping also releases the lock");
        }

        /// Run by `a_second_open_in_another_process_is_busy` in a child process.
        #[test]
        #[ignore = "helper: holds a vault open for another test"]
        fn hold_vault_open_for_another_process() {
            let (Some(dir), Some(id)) =
                (std::env::var_os("MEND_TEST_HOLD_DIR"), std::env::var("MEND_TEST_HOLD_ID").ok())
            else {
                return;
            };
            let _v = store(Path::new(&dir)).unlock(Some(&id), &pass("pw")).unwrap();
            println!("HOLDING");
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
        }

        #[test]
        fn a_second_open_in_another_process_is_busy() {
            use std::io::{BufRead, BufReader, Write};
            use std::process::{Command, Stdio};
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            let id = v.id().to_owned();
            v.close().unwrap();
            let mut child = Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "vault::tests::unlocking::hold_vault_open_for_another_process",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("MEND_TEST_HOLD_DIR", dir.path())
                .env("MEND_TEST_HOLD_ID", &id)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            let mut out = BufReader::new(child.stdout.take().unwrap());
            let mut line = String::new();
            while !line.contains("HOLDING") {
                line.clear();
                assert!(
                    out.read_line(&mut line).unwrap() > 0,
                    "child ended without holding the vault"
                );
            }
            let busy = s.unlock(Some(&id), &pass("pw"));
            let _ = child.stdin.take().unwrap().write_all(b"\n");
            assert!(child.wait().unwrap().success());
            assert!(matches!(busy, Err(Error::Busy)), "{busy:?}");
            assert!(
                s.unlock(Some(&id), &pass("pw")).is_ok(),
                "released when the other process ends"
            );
        }

        #[test]
        fn hidden_vaults_are_not_listed_and_open_by_passphrase_alone() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (a, _) = s.create(&Passphrase::from("alpha"), None).unwrap();
            let (b, _) = s.create(&Passphrase::from("bravo"), None).unwrap();
            let (c, _) = s.create(&Passphrase::from("charlie"), Some("Visible".into())).unwrap();
            let (ida, idb, idc) = (a.id().to_owned(), b.id().to_owned(), c.id().to_owned());
            for v in [a, b, c] {
                v.close().unwrap();
            }
            assert!(s.any_exists().unwrap());
            assert_eq!(
                s.list().unwrap().iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
                [idc.as_str()]
            );
            let v = s.unlock(None, &pass("bravo")).unwrap();
            assert_eq!(v.id(), idb);
            v.close().unwrap();
            let v = s.unlock(None, &pass("alpha")).unwrap();
            assert_eq!(v.id(), ida);
            v.close().unwrap();
            assert!(
                matches!(s.unlock(None, &pass("charlie")), Err(Error::WrongSecret)),
                "labelled vaults are not tried"
            );
        }

        #[test]
        fn a_hidden_vault_open_elsewhere_is_busy_only_for_its_own_passphrase() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (a, _) = s.create(&Passphrase::from("alpha"), None).unwrap();
            assert!(matches!(s.unlock(None, &pass("alpha")), Err(Error::Busy)));
            assert!(matches!(s.unlock(None, &pass("other")), Err(Error::WrongSecret)));
            a.close().unwrap();
        }

        #[test]
        fn with_no_hidden_vault_any_passphrase_is_just_wrong() {
            let dir = tempfile::tempdir().unwrap();
            assert!(matches!(store(dir.path()).unlock(None, &pass("x")), Err(Error::WrongSecret)));
        }

        #[test]
        fn a_damaged_key_file_is_corrupt_and_costs_no_attempt() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            let (id, folder) = (v.id().to_owned(), v.folder().to_path_buf());
            v.close().unwrap();
            let path = folder.join(KEYS_FILE);
            let mut bytes = fs::read(&path).unwrap();
            bytes[60] ^= 1;
            fs::write(&path, &bytes).unwrap();
            let calls = kdf_calls();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::Corrupt)));
            assert_eq!(kdf_calls(), calls);
            assert_eq!(Attempts::load(&folder).failures, 0);
            assert_eq!(fs::read(&path).unwrap(), bytes, "key file untouched");
        }

        #[test]
        fn a_tampered_label_is_corrupt_after_the_right_passphrase() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("Sam".into())).unwrap();
            let (id, folder) = (v.id().to_owned(), v.folder().to_path_buf());
            v.close().unwrap();
            let path = folder.join(KEYS_FILE);
            let mut bytes = fs::read(&path).unwrap();
            bytes[35] = b'P';
            let n = bytes.len() - 32;
            let sum = ring::digest::digest(&ring::digest::SHA256, &bytes[..n]);
            bytes[n..].copy_from_slice(sum.as_ref());
            fs::write(&path, &bytes).unwrap();
            assert_eq!(s.list().unwrap()[0].label, "Pam", "the lock screen cannot know yet");
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::Corrupt)));
            assert_eq!(Attempts::load(&folder).failures, 0, "the passphrase was right");
        }

        #[test]
        fn a_damaged_database_is_found_in_the_background_and_both_files_are_untouched() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            add_entry(&v, "x", &"y".repeat(20_000));
            assert_eq!(v.health(), Health::Sound, "a new vault needs no check");
            let (id, folder) = (v.id().to_owned(), v.folder().to_path_buf());
            v.close().unwrap();
            let db_path = folder.join(DB_FILE);
            let mut db = fs::read(&db_path).unwrap();
            let at = db.len() - 5000;
            db[at] ^= 4;
            fs::write(&db_path, &db).unwrap();
            let keys = fs::read(folder.join(KEYS_FILE)).unwrap();

            // Unlocking reads only what it needs; the check finds the damage and says so.
            let v = s.unlock(Some(&id), &pass("pw")).unwrap();
            let told = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let counter = Arc::clone(&told);
            v.on_damage(move || {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
            assert_eq!(v.wait_for_check(), Health::Damaged);
            assert_eq!(told.load(std::sync::atomic::Ordering::SeqCst), 1);
            // The open vault refuses the damaged page when it reads it (here every page).
            let read_all = v.conn().query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0));
            assert!(!matches!(read_all.as_deref(), Ok("ok")), "{read_all:?}");
            v.close().unwrap();
            assert_eq!(fs::read(&db_path).unwrap(), db);
            assert_eq!(fs::read(folder.join(KEYS_FILE)).unwrap(), keys);

            // Damage to page 1 (the header and schema) still fails the unlock.
            let mut head = db.clone();
            head[100] ^= 4;
            fs::write(&db_path, &head).unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::Corrupt)));
            assert_eq!(fs::read(&db_path).unwrap(), head);
            fs::write(&db_path, &db[..db.len() - 4096]).unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::Corrupt)));
            assert_eq!(fs::read(&db_path).unwrap().len(), db.len() - 4096);
        }

        #[test]
        fn a_sound_vault_is_found_sound_and_unlocking_is_timed() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            assert_eq!(v.unlock_timing(), None);
            add_entry(&v, "x", "y");
            let id = v.id().to_owned();
            v.close().unwrap();
            let v = s.unlock(Some(&id), &pass("pw")).unwrap();
            v.on_damage(|| panic!("nothing is damaged"));
            assert_eq!(v.wait_for_check(), Health::Sound);
            assert_eq!(v.health(), Health::Sound);
            let timing = v.unlock_timing().unwrap();
            assert!(timing.key_derivation > Duration::ZERO);
            assert!(timing.beyond_key_derivation() < timing.total);
        }

        #[test]
        fn locking_while_the_check_runs_closes_everything_and_finds_nothing() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            crate::sample::fill_journal(v.conn(), 1_500, 5).unwrap();
            let (id, folder) = (v.id().to_owned(), v.folder().to_path_buf());
            v.close().unwrap();
            let mut seen_running = 0;
            for delay_us in [0u64, 100, 1_000, 3_000, 10_000, 30_000] {
                let v = s.unlock(Some(&id), &pass("pw")).unwrap();
                v.on_damage(|| panic!("a stopped check is not damage"));
                std::thread::sleep(Duration::from_micros(delay_us));
                if v.health() == Health::Checking {
                    seen_running += 1;
                }
                v.close().unwrap();
                for leftover in ["vault.db-wal", "vault.db-shm"] {
                    assert!(!folder.join(leftover).exists(), "{leftover} after {delay_us} us");
                }
                // The lock is free again at once: nothing of the check is still open.
                let again = FolderLock::acquire(&folder).unwrap();
                drop(again);
            }
            assert!(seen_running > 0, "the check never ran long enough to be interrupted");
            let v = s.unlock(Some(&id), &pass("pw")).unwrap();
            assert_eq!(v.wait_for_check(), Health::Sound);
            assert_eq!(entries(&v).len(), 1_500);
        }

        #[test]
        fn a_damaged_vault_is_refused_before_a_migration_writes_to_it() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            add_entry(&v, "x", &"y".repeat(20_000));
            // Make it look like a vault from before migration 5 (which rebuilds the
            // search index, so it can run again over its own result).
            v.conn().execute("DELETE FROM schema_migrations WHERE version = 5", []).unwrap();
            let (id, folder) = (v.id().to_owned(), v.folder().to_path_buf());
            v.close().unwrap();
            let db_path = folder.join(DB_FILE);
            let good = fs::read(&db_path).unwrap();
            let mut bad = good.clone();
            let at = bad.len() - 5000;
            bad[at] ^= 4;
            fs::write(&db_path, &bad).unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::Corrupt)));
            assert_eq!(fs::read(&db_path).unwrap(), bad, "no migration ran");
            fs::write(&db_path, &good).unwrap();
            let v = s.unlock(Some(&id), &pass("pw")).unwrap();
            let version: u32 = v
                .conn()
                .query_row("SELECT max(version) FROM schema_migrations", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, migrations::latest_version());
        }

        #[test]
        fn a_vault_from_a_newer_version_is_refused_and_untouched() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            v.conn()
                .execute(
                    "INSERT INTO schema_migrations VALUES (?1, 'future', 'x')",
                    [migrations::latest_version() + 1],
                )
                .unwrap();
            let (id, folder) = (v.id().to_owned(), v.folder().to_path_buf());
            v.close().unwrap();
            let db_before = fs::read(folder.join(DB_FILE)).unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::UnsupportedVersion)));
            assert_eq!(fs::read(folder.join(DB_FILE)).unwrap(), db_before);

            let keys_path = folder.join(KEYS_FILE);
            let mut keys = fs::read(&keys_path).unwrap();
            keys[9] = 2;
            let n = keys.len() - 32;
            let sum = ring::digest::digest(&ring::digest::SHA256, &keys[..n]);
            keys[n..].copy_from_slice(sum.as_ref());
            fs::write(&keys_path, &keys).unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::UnsupportedVersion)));
            assert!(s.list().unwrap().is_empty(), "an unreadable key file is not listed");
        }

        #[test]
        fn a_database_swapped_in_from_another_vault_is_corrupt() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (a, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            let (b, _) = s.create(&Passphrase::from("pw"), Some("B".into())).unwrap();
            let (ida, fa, fb) =
                (a.id().to_owned(), a.folder().to_path_buf(), b.folder().to_path_buf());
            a.close().unwrap();
            b.close().unwrap();
            fs::copy(fb.join(DB_FILE), fa.join(DB_FILE)).unwrap();
            assert!(matches!(s.unlock(Some(&ida), &pass("pw")), Err(Error::Corrupt)));
        }
    }

    mod throttling {
        use super::*;

        /// A labelled vault with passphrase "pw" and a fake clock.
        fn setup() -> (tempfile::TempDir, Arc<FakeClock>, Store, String) {
            let dir = tempfile::tempdir().unwrap();
            let clock = Arc::new(FakeClock::new());
            let s = store(dir.path()).with_clock(clock.clone());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            let id = v.id().to_owned();
            v.close().unwrap();
            (dir, clock, s, id)
        }

        #[test]
        fn waits_grow_after_the_third_failure_and_no_kdf_runs_while_waiting() {
            let (_dir, clock, s, id) = setup();
            for _ in 0..3 {
                assert!(matches!(s.unlock(Some(&id), &pass("no")), Err(Error::WrongSecret)));
            }
            let calls = kdf_calls();
            assert!(matches!(
                s.unlock(Some(&id), &pass("pw")),
                Err(Error::TooManyAttempts { wait_seconds: 1 })
            ));
            assert_eq!(kdf_calls(), calls, "no derivation while a wait is pending");
            assert_eq!(s.wait_seconds(Some(&id)).unwrap(), Some(1));
            clock.advance(1);
            assert_eq!(s.wait_seconds(Some(&id)).unwrap(), None);
            assert!(matches!(s.unlock(Some(&id), &pass("no")), Err(Error::WrongSecret)));
            assert!(matches!(
                s.unlock(Some(&id), &pass("no")),
                Err(Error::TooManyAttempts { wait_seconds: 2 })
            ));
            clock.advance(2);
            assert!(matches!(s.unlock(Some(&id), &pass("no")), Err(Error::WrongSecret)));
            assert!(matches!(
                s.unlock(Some(&id), &pass("no")),
                Err(Error::TooManyAttempts { wait_seconds: 4 })
            ));
        }

        #[test]
        fn the_count_survives_a_restart_and_resets_on_success() {
            let (dir, clock, s, id) = setup();
            for _ in 0..4 {
                clock.advance(600);
                assert!(matches!(s.unlock(Some(&id), &pass("no")), Err(Error::WrongSecret)));
            }
            let restarted = store(dir.path()).with_clock(clock.clone());
            assert!(matches!(
                restarted.unlock(Some(&id), &pass("pw")),
                Err(Error::TooManyAttempts { wait_seconds: 2 })
            ));
            clock.advance(2);
            restarted.unlock(Some(&id), &pass("pw")).unwrap().close().unwrap();
            assert!(matches!(restarted.unlock(Some(&id), &pass("no")), Err(Error::WrongSecret)));
            assert!(
                matches!(restarted.unlock(Some(&id), &pass("no")), Err(Error::WrongSecret)),
                "count was reset"
            );
        }

        #[test]
        fn the_wait_is_capped_at_five_minutes() {
            let (_dir, clock, s, id) = setup();
            for _ in 0..20 {
                clock.advance(301);
                let _ = s.unlock(Some(&id), &pass("no"));
            }
            assert!(matches!(
                s.unlock(Some(&id), &pass("no")),
                Err(Error::TooManyAttempts { wait_seconds: 300 })
            ));
        }

        #[test]
        fn hidden_vaults_share_the_count_of_a_failed_guess_but_not_of_a_success() {
            let dir = tempfile::tempdir().unwrap();
            let clock = Arc::new(FakeClock::new());
            let s = store(dir.path()).with_clock(clock.clone());
            let (a, _) = s.create(&Passphrase::from("alpha"), None).unwrap();
            let (b, _) = s.create(&Passphrase::from("bravo"), None).unwrap();
            let (fa, fb) = (a.folder().to_path_buf(), b.folder().to_path_buf());
            a.close().unwrap();
            b.close().unwrap();
            assert!(matches!(s.unlock(None, &pass("x")), Err(Error::WrongSecret)));
            assert_eq!((Attempts::load(&fa).failures, Attempts::load(&fb).failures), (1, 1));
            s.unlock(None, &pass("alpha")).unwrap().close().unwrap();
            assert_eq!((Attempts::load(&fa).failures, Attempts::load(&fb).failures), (0, 1));
            for _ in 0..2 {
                let _ = s.unlock(None, &pass("x"));
            }
            assert!(matches!(
                s.unlock(None, &pass("alpha")),
                Err(Error::TooManyAttempts { wait_seconds: 1 })
            ));
            assert_eq!(s.wait_seconds(None).unwrap(), Some(1));
        }
    }

    mod changing_secrets {
        use super::*;

        #[test]
        fn after_a_passphrase_change_the_old_one_fails_and_the_new_one_works() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (mut v, _) = s.create(&Passphrase::from("old"), Some("A".into())).unwrap();
            add_entry(&v, "kept", "body");
            let db_before = fs::read(v.folder().join(DB_FILE)).unwrap();
            assert!(matches!(v.change_passphrase(&Passphrase::from("")), Err(Error::Invalid(_))));
            v.change_passphrase(&Passphrase::from("new")).unwrap();
            assert_eq!(
                fs::read(v.folder().join(DB_FILE)).unwrap(),
                db_before,
                "the database is not re-encrypted"
            );
            let id = v.id().to_owned();
            v.close().unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("old")), Err(Error::WrongSecret)));
            let v = s.unlock(Some(&id), &pass("new")).unwrap();
            assert_eq!(entries(&v)[0].0, "kept");
        }

        #[test]
        fn the_recovery_key_opens_and_resets_the_passphrase() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, key) = s.create(&Passphrase::from("forgotten"), Some("A".into())).unwrap();
            let id = v.id().to_owned();
            v.close().unwrap();
            s.unlock(Some(&id), &rk(&key)).unwrap().close().unwrap();
            let fresh = RecoveryKey::parse(&key.formatted()).unwrap();
            let v = s
                .reset_passphrase_with_recovery(Some(&id), &fresh, &Passphrase::from("remembered"))
                .unwrap();
            v.close().unwrap();
            assert!(matches!(s.unlock(Some(&id), &pass("forgotten")), Err(Error::WrongSecret)));
            s.unlock(Some(&id), &pass("remembered")).unwrap().close().unwrap();
            s.unlock(Some(&id), &rk(&key)).unwrap().close().unwrap();
            let wrong = RecoveryKey::generate().unwrap();
            assert!(matches!(
                s.reset_passphrase_with_recovery(Some(&id), &wrong, &Passphrase::from("x")),
                Err(Error::WrongSecret)
            ));
        }

        #[test]
        fn a_hidden_vault_is_found_and_reset_by_its_recovery_key() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (other, _) = s.create(&Passphrase::from("other"), None).unwrap();
            let (v, key) = s.create(&Passphrase::from("forgotten"), None).unwrap();
            let id = v.id().to_owned();
            other.close().unwrap();
            v.close().unwrap();
            let v = s.reset_passphrase_with_recovery(None, &key, &Passphrase::from("new")).unwrap();
            assert_eq!(v.id(), id);
            v.close().unwrap();
            assert_eq!(s.unlock(None, &pass("new")).unwrap().id(), id);
            assert!(matches!(s.unlock(None, &pass("forgotten")), Err(Error::WrongSecret)));
        }

        #[test]
        fn regenerating_the_recovery_key_invalidates_the_old_one() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (mut v, old) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            let new = v.regenerate_recovery_key().unwrap();
            assert_ne!(old.expose(), new.expose());
            let id = v.id().to_owned();
            v.close().unwrap();
            assert!(matches!(s.unlock(Some(&id), &rk(&old)), Err(Error::WrongSecret)));
            s.unlock(Some(&id), &rk(&new)).unwrap().close().unwrap();
            s.unlock(Some(&id), &pass("pw")).unwrap().close().unwrap();
        }

        #[test]
        fn a_label_can_be_set_and_removed() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (mut v, _) = s.create(&Passphrase::from("pw"), None).unwrap();
            assert!(s.list().unwrap().is_empty());
            v.set_label(Some("Robin".into())).unwrap();
            assert_eq!(s.list().unwrap()[0].label, "Robin");
            assert!(matches!(v.set_label(Some("\u{7}".into())), Err(Error::Invalid(_))));
            v.set_label(None).unwrap();
            assert!(s.list().unwrap().is_empty());
            v.close().unwrap();
            s.unlock(None, &pass("pw")).unwrap().close().unwrap();
        }

        #[test]
        fn settings_live_inside_the_vault() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (v, _) = s.create(&Passphrase::from("pw"), Some("A".into())).unwrap();
            v.set_setting("auto_lock_minutes", "5").unwrap();
            let id = v.id().to_owned();
            v.close().unwrap();
            let v = s.unlock(Some(&id), &pass("pw")).unwrap();
            assert_eq!(v.setting("auto_lock_minutes").unwrap().as_deref(), Some("5"));
            assert_eq!(settings_get(v.conn(), "role").unwrap(), None);
        }
    }

    mod deleting {
        use super::*;

        #[test]
        fn delete_removes_the_folder_and_the_vault_from_the_list() {
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            let (keep, _) = s.create(&Passphrase::from("pw"), Some("Keep".into())).unwrap();
            let (gone, _) = s.create(&Passphrase::from("pw"), Some("Gone".into())).unwrap();
            let folder = gone.folder().to_path_buf();
            let id = gone.id().to_owned();
            gone.delete().unwrap();
            assert!(!folder.exists());
            assert_eq!(s.list().unwrap().len(), 1);
            assert!(matches!(s.unlock(Some(&id), &pass("pw")), Err(Error::NotFound)));
            keep.close().unwrap();
        }
    }

    mod public_types {
        use super::*;

        #[test]
        fn a_store_and_a_vault_can_live_in_shared_app_state() {
            fn send_sync<T: Send + Sync>() {}
            fn send<T: Send>() {}
            send_sync::<Store>();
            send_sync::<std::sync::Mutex<Option<Vault>>>();
            send::<Vault>();
        }

        #[test]
        fn messages_hold_no_paths_and_storage_details_stay_in_the_source() {
            let all = [
                Error::WrongSecret,
                Error::Corrupt,
                Error::Busy,
                Error::NotFound,
                Error::Invalid("Choose a passphrase.".into()),
                Error::TooManyAttempts { wait_seconds: 4 },
                Error::Storage(std::io::Error::other("/home/someone/secret")),
                Error::UnsupportedVersion,
            ];
            for e in &all {
                let text = e.to_string();
                assert!(!text.contains('/') && !text.contains("secret"), "{text}");
                assert!(text.ends_with('.'), "{text}");
            }
            assert_eq!(all[5].to_string(), "Too many wrong tries. Wait 4 seconds, then try again.");
        }
    }
}
