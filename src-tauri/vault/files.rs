//! The vault folders on disk and the file operations they need.
//!
//! Owns the layout `<data_dir>/vaults/<folder id>/{vault.db, vault.keys, vault.lock,
//! attempts}`, folder ids, permissions, atomic replacement, the per-vault lock, and
//! temporary folders that vanish unless they are kept.
//!
//! Invariants:
//! - folders are created 0700 and files 0600 (Unix; Windows relies on the profile's ACL);
//! - a folder id is 32 lowercase hex digits, so an id from IPC can never name a path
//!   outside `vaults/` (anything else is [`Error::NotFound`]);
//! - a file is replaced by writing a temporary file in the same folder, fsyncing it,
//!   renaming it over the old one and fsyncing the folder, so a crash leaves the old or
//!   the new file, never a mix;
//! - the lock (`File::try_lock`, an OS advisory lock released when the process dies) is
//!   held for the whole life of an open vault;
//! - folders whose name starts with `.tmp-` are work in progress: never listed, never
//!   opened, removed when their guard drops.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::secrets::fill_random;
use super::Error;

/// The folder under the data dir that holds one folder per vault.
pub(crate) const VAULTS_DIR: &str = "vaults";
/// The SQLCipher database.
pub(crate) const DB_FILE: &str = "vault.db";
/// The wrapped keys.
pub(crate) const KEYS_FILE: &str = "vault.keys";
/// The lock file held while the vault is open.
pub(crate) const LOCK_FILE: &str = "vault.lock";
/// The failed-attempt counter.
pub(crate) const ATTEMPTS_FILE: &str = "attempts";
/// Prefix of folders being built (creation, restore, backup staging) and of files
/// being written by [`write_atomic`].
const TEMP_PREFIX: &str = ".tmp-";
/// Work in progress older than this was interrupted (a crash, a power cut).
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// `<data_dir>/vaults`.
pub(crate) fn vaults_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(VAULTS_DIR)
}

/// Creates `<data_dir>/vaults` (and the data dir) if needed; the vaults dir is 0700.
pub(crate) fn ensure_vaults_dir(data_dir: &Path) -> Result<PathBuf, Error> {
    let dir = vaults_dir(data_dir);
    if !dir.is_dir() {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir)?;
    }
    set_private_dir(&dir)?;
    Ok(dir)
}

/// A new random folder id: 16 random bytes as 32 lowercase hex digits.
pub(crate) fn new_folder_id() -> Result<String, Error> {
    let mut raw = [0u8; 16];
    fill_random(&mut raw)?;
    Ok(data_encoding::HEXLOWER.encode(&raw))
}

/// True for the ids [`new_folder_id`] makes, and nothing else.
pub(crate) fn is_folder_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The folder of vault `id`, or [`Error::NotFound`] if the id is malformed or no
/// key file is there.
pub(crate) fn existing_folder(data_dir: &Path, id: &str) -> Result<PathBuf, Error> {
    if !is_folder_id(id) {
        return Err(Error::NotFound);
    }
    let folder = vaults_dir(data_dir).join(id);
    if folder.join(KEYS_FILE).is_file() {
        Ok(folder)
    } else {
        Err(Error::NotFound)
    }
}

/// Every vault folder (id, path) that has a key file, sorted by id. A missing vaults
/// dir means no vaults.
pub(crate) fn vault_folders(data_dir: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let dir = vaults_dir(data_dir);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        if is_folder_id(&name) && entry.path().join(KEYS_FILE).is_file() {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Removes interrupted work (`.tmp-*` files and folders at least `older_than` old) from
/// `dir`. Best effort: a failure here never stops the caller. In shared folders recent
/// entries are left alone (pass [`STALE_AFTER`]) because another window may be writing
/// them right now; inside a vault folder whose lock we hold, every temp is stale.
pub(crate) fn remove_stale_temps(dir: &Path, older_than: Duration) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= older_than);
        if !stale {
            continue;
        }
        // file_type() does not follow symlinks, so a planted link is removed, not followed.
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(entry.path()),
            _ => fs::remove_file(entry.path()),
        };
    }
}

/// Reads a file of at most `max` bytes; a longer file is [`Error::Corrupt`], a missing
/// one [`Error::NotFound`].
pub(crate) fn read_small(path: &Path, max: usize) -> Result<Vec<u8>, Error> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Error::NotFound),
        Err(e) => return Err(e.into()),
    };
    let mut buf = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    file.take(limit).read_to_end(&mut buf)?;
    if buf.len() > max {
        return Err(Error::Corrupt);
    }
    Ok(buf)
}

/// The first `n` bytes of a file (fewer if it is shorter).
pub(crate) fn read_small_prefix(path: &Path, n: usize) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::with_capacity(n);
    File::open(path)?.take(u64::try_from(n).unwrap_or(0)).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Creates a new, empty file that only the owner can read or write; fails if it exists.
pub(crate) fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Creates a new folder that only the owner can enter; fails if it exists.
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)?;
    set_private_dir(path)
}

/// Sets 0700 on a folder (the umask may have narrowed what `mode` asked for, never
/// widened it, but an existing folder may have been created by something else).
fn set_private_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Flushes a folder's entries (after a create or rename) to disk. A no-op on Windows,
/// where directories cannot be opened as files and NTFS journals renames itself.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Replaces `path` with `bytes` atomically and durably, leaving a 0600 file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().ok_or_else(|| Error::Storage(io::Error::other("no parent folder")))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!("{TEMP_PREFIX}{name}-{}", new_folder_id()?));
    let result = (|| -> io::Result<()> {
        let mut file = create_private_file(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(Error::from)
}

/// The lock on one vault folder, released when dropped (or when the process dies).
#[derive(Debug)]
pub(crate) struct FolderLock {
    /// Kept open: closing the file releases the lock.
    _file: File,
}

impl FolderLock {
    /// Takes the folder's lock without waiting; [`Error::Busy`] if another window or
    /// process holds it.
    ///
    ///
    /// A lock that was just released can look held for a moment: a child process forked
    /// by another thread (WebKit's helpers, a test's child) shares the descriptor until
    /// its `exec` closes it. So a held lock is retried for a short while before the
    /// answer is [`Error::Busy`].
    pub(crate) fn acquire(folder: &Path) -> Result<Self, Error> {
        const PATIENCE: Duration = Duration::from_millis(250);
        let path = folder.join(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < PATIENCE => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(fs::TryLockError::WouldBlock) => return Err(Error::Busy),
                Err(fs::TryLockError::Error(e)) => return Err(e.into()),
            }
        }
    }
}

/// A folder under `vaults/` that is removed, with everything in it, when dropped,
/// unless [`TempFolder::persist`] moved it into place first.
#[derive(Debug)]
pub(crate) struct TempFolder {
    path: PathBuf,
    done: bool,
}

impl TempFolder {
    /// Creates `<data_dir>/vaults/.tmp-<random>` (0700).
    pub(crate) fn new(data_dir: &Path) -> Result<Self, Error> {
        Self::new_in(&ensure_vaults_dir(data_dir)?)
    }

    /// Creates `<vaults_dir>/.tmp-<random>` (0700) in an existing vaults folder.
    pub(crate) fn new_in(vaults_dir: &Path) -> Result<Self, Error> {
        remove_stale_temps(vaults_dir, STALE_AFTER);
        let path = vaults_dir.join(format!("{TEMP_PREFIX}{}", new_folder_id()?));
        create_private_dir(&path)?;
        Ok(Self { path, done: false })
    }

    /// The folder's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the folder to a new vault folder and returns `(id, path)`. Never
    /// replaces an existing folder: the id is fresh and checked. The files inside must
    /// already be synced by whoever wrote them.
    pub(crate) fn persist(mut self) -> Result<(String, PathBuf), Error> {
        let parent = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| Error::Storage(io::Error::other("no parent folder")))?;
        let id = new_folder_id()?;
        let target = parent.join(&id);
        if target.exists() {
            return Err(Error::Storage(io::Error::other("folder id collision")));
        }
        fs::rename(&self.path, &target)?;
        self.done = true;
        sync_dir(&parent)?;
        Ok((id, target))
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_ids_are_hex_and_nothing_else_passes() {
        let id = new_folder_id().unwrap();
        assert!(is_folder_id(&id));
        for bad in [
            "",
            "..",
            "../etc",
            &id.to_uppercase(),
            &id[..31],
            &format!("{id}0"),
            "0123456789abcdef0123456789abcde/",
        ] {
            assert!(!is_folder_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_path_traversing_id_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(existing_folder(dir.path(), "../../etc"), Err(Error::NotFound)));
        assert!(matches!(
            existing_folder(dir.path(), &new_folder_id().unwrap()),
            Err(Error::NotFound)
        ));
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_second_lock_on_the_same_folder_is_busy_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path()).unwrap();
        assert!(matches!(FolderLock::acquire(dir.path()), Err(Error::Busy)));
        drop(first);
        assert!(FolderLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn a_temp_folder_vanishes_unless_persisted() {
        let dir = tempfile::tempdir().unwrap();
        let temp = TempFolder::new(dir.path()).unwrap();
        fs::write(temp.path().join("x"), b"x").unwrap();
        let path = temp.path().to_path_buf();
        drop(temp);
        assert!(!path.exists());

        let temp = TempFolder::new(dir.path()).unwrap();
        fs::write(temp.path().join(KEYS_FILE), b"x").unwrap();
        let (id, path) = temp.persist().unwrap();
        assert!(path.join(KEYS_FILE).is_file());
        assert_eq!(vault_folders(dir.path()).unwrap(), vec![(id, path)]);
    }

    #[test]
    fn only_stale_temporary_entries_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let old_dir = dir.path().join(".tmp-old");
        let old_file = dir.path().join(".tmp-vault.keys-old");
        let fresh = dir.path().join(".tmp-fresh");
        let vault = dir.path().join(new_folder_id().unwrap());
        for d in [&old_dir, &fresh, &vault] {
            fs::create_dir(d).unwrap();
        }
        fs::write(old_dir.join("x"), b"x").unwrap();
        fs::write(&old_file, b"x").unwrap();
        let long_ago = std::time::SystemTime::now() - STALE_AFTER - Duration::from_secs(5);
        for p in [&old_dir, &old_file, &vault] {
            File::options()
                .write(true)
                .open(p)
                .or_else(|_| File::open(p))
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        remove_stale_temps(dir.path(), STALE_AFTER);
        assert!(!old_dir.exists() && !old_file.exists());
        assert!(fresh.exists(), "recent work in progress is kept");
        assert!(vault.exists(), "vault folders are never touched");
    }

    #[test]
    fn read_small_refuses_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        fs::write(&path, vec![0u8; 11]).unwrap();
        assert!(matches!(read_small(&path, 10), Err(Error::Corrupt)));
        assert_eq!(read_small(&path, 11).unwrap().len(), 11);
        assert!(matches!(read_small(&dir.path().join("none"), 10), Err(Error::NotFound)));
    }
}
