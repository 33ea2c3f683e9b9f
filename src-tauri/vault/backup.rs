//! One-file encrypted backups: export from an open vault, verified restore into a new one.
//!
//! Container layout, version 1 (integers big-endian):
//!
//! ```text
//! off  len  field
//!   0    8  magic "MENDBKUP"
//!   8    2  container version = 1
//!  10    4  key-file length K (at most 4096)
//!  14    8  database length D
//!  22    K  the vault's key file, byte for byte (wrapped keys only)
//! 22+K   D  a `VACUUM INTO` copy of the database, still SQLCipher-encrypted with the
//!           same data key
//!  ...  32  SHA-256 of every byte above (detects truncation and damage)
//! ```
//!
//! Nothing in a backup is readable without the passphrase or recovery key that was
//! current when it was made; like the vault folder it reveals the label, if any.
//!
//! Invariants:
//! - export writes a temporary file beside the destination, fsyncs it and renames it
//!   into place: the destination holds the old file or the complete new one;
//! - the staged database copy is checked to be encrypted and to open with the key
//!   before any byte of it reaches the backup;
//! - restore never touches an existing vault: it builds a brand-new folder under a
//!   temporary name, verifies the secret, the checksum, SQLCipher's page HMACs and
//!   SQLite's `integrity_check`, and only then renames it into place. On any failure the
//!   temporary folder is removed, so nothing is left behind;
//! - restore is not throttled: whoever holds the file can already guess offline, where
//!   only Argon2id slows them down.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use ring::digest;

use super::files::{self, TempFolder, DB_FILE, KEYS_FILE};
use super::keys::{KeyFile, MAX_KEY_FILE_BYTES};
use super::{db, Error, Secret, Store, Vault};

/// The first eight bytes of every backup file.
pub const BACKUP_MAGIC: &[u8; 8] = b"MENDBKUP";
/// The container version this code writes and the newest it reads.
pub const BACKUP_VERSION: u16 = 1;
/// Magic, version, two lengths.
const HEADER_LEN: usize = 8 + 2 + 4 + 8;
/// The trailing SHA-256.
const HASH_LEN: usize = 32;

impl Vault {
    /// Writes an encrypted backup of this vault to `dest`, replacing any file there.
    pub fn export_backup(&self, dest: &Path) -> Result<(), Error> {
        let name = dest
            .file_name()
            .ok_or_else(|| Error::Invalid("Choose a file name for the backup.".into()))?;
        let vaults_dir = self.folder().parent().ok_or(Error::NotFound)?;
        let staging = TempFolder::new_in(vaults_dir)?;
        let copy = staging.path().join(DB_FILE);
        // VACUUM INTO accepts an existing empty file, which keeps our 0600 mode.
        files::create_private_file(&copy)?;
        let copy_text = copy
            .to_str()
            .ok_or_else(|| Error::Storage(io::Error::other("data folder path is not UTF-8")))?;
        self.conn().execute("VACUUM INTO ?1", [copy_text])?;
        db::verify_copy(&copy, &self.key, self.keys.vault_id())?;
        write_container(dest, &name.to_string_lossy(), &self.keys.to_bytes(), &copy)
    }
}

impl Store {
    /// Restores a backup into a new vault folder and opens it. `secret` is the
    /// passphrase or recovery key that was current when the backup was made.
    ///
    /// Errors: [`Error::NotFound`] (no such file), [`Error::Corrupt`] (not a backup,
    /// truncated or damaged), [`Error::UnsupportedVersion`], [`Error::WrongSecret`].
    pub fn restore_backup(&self, source: &Path, secret: &Secret) -> Result<Vault, Error> {
        let mut file = match File::open(source) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Error::NotFound),
            Err(e) => return Err(e.into()),
        };
        let total = file.metadata()?.len();
        let mut header = [0u8; HEADER_LEN];
        read_exact(&mut file, &mut header)?;
        if &header[..8] != BACKUP_MAGIC {
            return Err(Error::Corrupt);
        }
        match u16::from_be_bytes([header[8], header[9]]) {
            0 => return Err(Error::Corrupt),
            v if v > BACKUP_VERSION => return Err(Error::UnsupportedVersion),
            _ => {}
        }
        let key_len = u32::from_be_bytes([header[10], header[11], header[12], header[13]]);
        let key_len = usize::try_from(key_len).map_err(|_| Error::Corrupt)?;
        let mut db_len = [0u8; 8];
        db_len.copy_from_slice(&header[14..22]);
        let db_len = u64::from_be_bytes(db_len);
        if key_len > MAX_KEY_FILE_BYTES {
            return Err(Error::Corrupt);
        }
        let expected = (HEADER_LEN + key_len + HASH_LEN) as u64;
        if expected.checked_add(db_len) != Some(total) {
            return Err(Error::Corrupt);
        }

        let mut hash = digest::Context::new(&digest::SHA256);
        hash.update(&header);
        let mut key_bytes = vec![0u8; key_len];
        read_exact(&mut file, &mut key_bytes)?;
        hash.update(&key_bytes);
        let keys = KeyFile::parse(&key_bytes)?;
        // The secret is checked before anything is written.
        let dek = keys.open(secret.as_ref())?;

        let temp = TempFolder::new(self.data_dir())?;
        files::write_atomic(&temp.path().join(KEYS_FILE), &key_bytes)?;
        let db_path = temp.path().join(DB_FILE);
        let mut out = BufWriter::new(files::create_private_file(&db_path)?);
        let copied = copy_hashed(&mut (&mut file).take(db_len), &mut out, &mut hash)?;
        if copied != db_len {
            return Err(Error::Corrupt);
        }
        out.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()?;
        let mut stored = [0u8; HASH_LEN];
        read_exact(&mut file, &mut stored)?;
        if hash.finish().as_ref() != stored {
            return Err(Error::Corrupt);
        }

        let conn = db::open_verified(&db_path, &dek, keys.vault_id())?;
        db::check_integrity_full(&conn)?;
        db::close(conn)?;
        let (id, folder) = temp.persist()?;
        self.open_new_folder(id, folder, keys, dek)
    }
}

/// `read_exact`, with a short file reported as [`Error::Corrupt`].
fn read_exact(file: &mut File, buf: &mut [u8]) -> Result<(), Error> {
    file.read_exact(buf).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            Error::Corrupt
        } else {
            e.into()
        }
    })
}

/// Copies everything from `from` to `to`, feeding it to `hash`; returns the byte count.
fn copy_hashed(
    from: &mut impl Read,
    to: &mut impl Write,
    hash: &mut digest::Context,
) -> Result<u64, Error> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        hash.update(&buf[..n]);
        to.write_all(&buf[..n])?;
        total += n as u64;
    }
}

/// Writes the container to a temporary file beside `dest`, then renames it over `dest`.
fn write_container(dest: &Path, name: &str, key_bytes: &[u8], db_path: &Path) -> Result<(), Error> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = dir.join(format!(".{name}.tmp-{}", files::new_folder_id()?));
    let result = (|| -> Result<(), Error> {
        let mut db = File::open(db_path)?;
        let db_len = db.metadata()?.len();
        let key_len = u32::try_from(key_bytes.len()).map_err(|_| Error::Corrupt)?;
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(BACKUP_MAGIC);
        header.extend_from_slice(&BACKUP_VERSION.to_be_bytes());
        header.extend_from_slice(&key_len.to_be_bytes());
        header.extend_from_slice(&db_len.to_be_bytes());

        let mut hash = digest::Context::new(&digest::SHA256);
        let mut out = BufWriter::new(files::create_private_file(&tmp)?);
        hash.update(&header);
        out.write_all(&header)?;
        hash.update(key_bytes);
        out.write_all(key_bytes)?;
        let copied = copy_hashed(&mut (&mut db).take(db_len), &mut out, &mut hash)?;
        if copied != db_len {
            return Err(Error::Storage(io::Error::other("database copy changed while reading")));
        }
        out.write_all(hash.finish().as_ref())?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()?;
        fs::rename(&tmp, dest)?;
        files::sync_dir(dir)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::vault::{KdfParams, KdfPolicy, Passphrase, RecoveryKey};

    /// A store with cheap KDF parameters.
    fn store(dir: &Path) -> Store {
        Store::new(dir).with_kdf(KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS))
    }

    /// A passphrase secret.
    fn pass(s: &str) -> Secret {
        Secret::Passphrase(Passphrase::from(s))
    }

    /// Journal rows (id, created, title, body) and settings (key, value).
    type Contents = (Vec<(i64, String, String, String)>, Vec<(String, String)>);

    /// Every journal row and setting, for comparing two vaults.
    fn contents(v: &Vault) -> Contents {
        let mut stmt = v
            .conn()
            .prepare("SELECT id, created_at, title, body FROM journal_entries ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut stmt = v.conn().prepare("SELECT key, value FROM settings ORDER BY key").unwrap();
        let settings = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (rows, settings)
    }

    /// A vault with some content, its recovery key, and a backup of it.
    fn vault_with_backup() -> (tempfile::TempDir, Store, Vault, RecoveryKey, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir.path().join("data"));
        let (v, rk) = s.create(&Passphrase::from("pw"), Some("Mine".into())).unwrap();
        for i in 0..50 {
            v.conn()
                .execute(
                    "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', ?1, ?2)",
                    [format!("entry {i}"), "backup canary text ".repeat(30)],
                )
                .unwrap();
        }
        v.set_setting("role", "both").unwrap();
        let dest = dir.path().join("out").join("mine.mendbackup");
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        v.export_backup(&dest).unwrap();
        (dir, s, v, rk, dest)
    }

    /// Names in the vaults folder.
    fn vault_dir_names(s: &Store) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(s.data_dir().join("vaults"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_backup_restores_into_a_new_vault_with_equal_contents() {
        let (_dir, s, original, _rk, dest) = vault_with_backup();
        let restored = s.restore_backup(&dest, &pass("pw")).unwrap();
        assert_ne!(restored.id(), original.id());
        assert_eq!(restored.label(), Some("Mine"));
        assert_eq!(contents(&restored), contents(&original));
        assert_eq!(contents(&restored).0.len(), 50);
        assert_eq!(s.list().unwrap().len(), 2, "the original is untouched and still listed");
        let search: i64 = restored
            .conn()
            .query_row(
                "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'canary'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(search, 50, "the search index came along");
    }

    #[test]
    fn the_recovery_key_also_restores() {
        let (_dir, s, _original, rk, dest) = vault_with_backup();
        let key = RecoveryKey::parse(&rk.formatted()).unwrap();
        assert!(s.restore_backup(&dest, &Secret::RecoveryKey(key)).is_ok());
    }

    #[test]
    fn the_backup_is_encrypted_private_and_pinned_in_layout() {
        let (_dir, _s, original, _rk, dest) = vault_with_backup();
        let bytes = fs::read(&dest).unwrap();
        assert_eq!(&bytes[..8], b"MENDBKUP");
        assert_eq!(&bytes[8..10], &[0, 1]);
        let key_len = u32::from_be_bytes(bytes[10..14].try_into().unwrap()) as usize;
        let db_len = u64::from_be_bytes(bytes[14..22].try_into().unwrap()) as usize;
        assert_eq!(bytes.len(), HEADER_LEN + key_len + db_len + HASH_LEN);
        assert_eq!(
            &bytes[22..22 + key_len],
            &fs::read(original.folder().join(KEYS_FILE)).unwrap()[..]
        );
        let db = &bytes[22 + key_len..22 + key_len + db_len];
        assert!(!db.starts_with(b"SQLite format 3"));
        assert!(!bytes.windows(13).any(|w| w == b"backup canary"), "plaintext in the backup");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let others: Vec<_> = fs::read_dir(dest.parent().unwrap()).unwrap().collect();
        assert_eq!(others.len(), 1, "no temporary file left beside the backup");
    }

    #[test]
    fn export_replaces_an_existing_file_and_leaves_no_staging_folder() {
        let (_dir, s, original, _rk, dest) = vault_with_backup();
        fs::write(&dest, b"old").unwrap();
        original.export_backup(&dest).unwrap();
        assert!(fs::read(&dest).unwrap().starts_with(BACKUP_MAGIC));
        assert_eq!(vault_dir_names(&s), [original.id().to_owned()]);
    }

    #[test]
    fn a_wrong_secret_restores_nothing() {
        let (_dir, s, original, _rk, dest) = vault_with_backup();
        let before = vault_dir_names(&s);
        assert!(matches!(s.restore_backup(&dest, &pass("nope")), Err(Error::WrongSecret)));
        let wrong_rk = Secret::RecoveryKey(RecoveryKey::generate().unwrap());
        assert!(matches!(s.restore_backup(&dest, &wrong_rk), Err(Error::WrongSecret)));
        assert_eq!(vault_dir_names(&s), before);
        assert_eq!(before, [original.id().to_owned()]);
    }

    #[test]
    fn a_truncated_or_damaged_backup_restores_nothing() {
        let (dir, s, _original, _rk, dest) = vault_with_backup();
        let good = fs::read(&dest).unwrap();
        let before = vault_dir_names(&s);
        let bad_path = dir.path().join("bad");
        let key_len = u32::from_be_bytes(good[10..14].try_into().unwrap()) as usize;
        let mut cases: Vec<Vec<u8>> =
            [0, 7, 21, 22, 100, good.len() / 2, good.len() - 33, good.len() - 1]
                .iter()
                .map(|&n| good[..n].to_vec())
                .collect();
        for pos in [
            HEADER_LEN + key_len + 10,
            HEADER_LEN + key_len + 5000,
            good.len() - 40,
            good.len() - 1,
        ] {
            let mut b = good.clone();
            b[pos] ^= 1;
            cases.push(b);
        }
        let mut extra = good.clone();
        extra.push(0);
        cases.push(extra);
        for (i, case) in cases.iter().enumerate() {
            fs::write(&bad_path, case).unwrap();
            let result = s.restore_backup(&bad_path, &pass("pw"));
            assert!(matches!(result, Err(Error::Corrupt)), "case {i}: {:?}", result.map(|_| ()));
            assert_eq!(vault_dir_names(&s), before, "case {i} left something behind");
        }
    }

    #[test]
    fn a_newer_container_is_unsupported_and_a_missing_file_not_found() {
        let (dir, s, _original, _rk, dest) = vault_with_backup();
        let mut b = fs::read(&dest).unwrap();
        b[9] = 2;
        let path = dir.path().join("newer");
        fs::write(&path, &b).unwrap();
        assert!(matches!(s.restore_backup(&path, &pass("pw")), Err(Error::UnsupportedVersion)));
        assert!(matches!(
            s.restore_backup(&dir.path().join("absent"), &pass("pw")),
            Err(Error::NotFound)
        ));
    }

    #[test]
    fn a_backup_keeps_the_passphrase_of_its_time() {
        let (_dir, s, mut original, _rk, dest) = vault_with_backup();
        original.change_passphrase(&Passphrase::from("newer")).unwrap();
        assert!(matches!(s.restore_backup(&dest, &pass("newer")), Err(Error::WrongSecret)));
        s.restore_backup(&dest, &pass("pw")).unwrap().close().unwrap();
        let second =
            original.folder().parent().unwrap().parent().unwrap().join("second.mendbackup");
        original.export_backup(&second).unwrap();
        s.restore_backup(&second, &pass("newer")).unwrap().close().unwrap();
    }

    #[test]
    fn a_restored_hidden_vault_stays_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let (v, _) = s.create(&Passphrase::from("hush"), None).unwrap();
        let dest = dir.path().join("b");
        v.export_backup(&dest).unwrap();
        v.delete().unwrap();
        s.restore_backup(&dest, &pass("hush")).unwrap().close().unwrap();
        assert!(s.list().unwrap().is_empty());
        s.unlock(None, &pass("hush")).unwrap().close().unwrap();
    }
}
