//! The SQLCipher database `vault.db`: opening it, configuring it, checking it.
//!
//! Invariants:
//! - the first statement on every connection is `PRAGMA key = "x'<64 hex>'"` (a raw
//!   key, so SQLCipher runs no PBKDF2 of its own); the statement text is built in a
//!   zeroising buffer; the second pins `cipher_compatibility = 4`;
//! - a connection is refused unless the library really is SQLCipher (`cipher_version`
//!   answers), so a build that lost the codec can never write plaintext;
//! - opening an existing vault ([`open`]) writes nothing until the key has been
//!   verified (page 1 and the schema pages decrypt and pass their HMAC), the schema and
//!   its version found (not newer than this code) and the database found bound to this
//!   vault: a wrong key or a damaged header is an error ([`Error::Corrupt`]) and the
//!   files are left exactly as they were. Every other page is checked after unlock, in
//!   the background (`vault::check`), and SQLCipher refuses any page whose HMAC fails
//!   whenever it is read, so damaged content is never shown as good. A migration never
//!   runs before the whole file has been checked, and restored backups are checked
//!   whole before they are opened ([`open_verified`]);
//! - connection settings (PRAGMAs) are applied here, outside migrations: WAL,
//!   `synchronous=FULL`, foreign keys, `secure_delete`, temp storage in memory (no
//!   plaintext temp files), a 4 MiB page cache, a busy timeout;
//! - SQLite's heap is locked in memory and wiped on every free: by [`heap`], installed
//!   before the process's first connection, or else by SQLCipher's
//!   `cipher_memory_security` (which does the same with a system call per allocation).

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use zeroize::Zeroizing;

#[cfg(unix)]
mod heap;
#[cfg(not(unix))]
mod heap {
    /// Elsewhere SQLCipher's memory security locks and wipes SQLite's heap.
    pub(crate) fn installed() -> bool {
        false
    }
}

use super::files;
use super::migrations;
use super::secrets::DataKey;
use super::Error;

/// How long a statement waits for a lock held by a checkpoint before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest settings key, in bytes.
const SETTING_KEY_MAX: usize = 64;
/// Largest settings value, in bytes.
const SETTING_VALUE_MAX: usize = 64 * 1024;

/// Creates the database of a new vault at `path` (which must not exist): 0600 file,
/// schema at the latest version, `vault_info` bound to `vault_id`. Closes it again.
pub(crate) fn create(
    path: &Path,
    key: &DataKey,
    vault_id: &[u8; 16],
    created_at: &str,
) -> Result<(), Error> {
    // SQLite would create the file with the umask's mode; an empty file of ours is
    // opened as a new database and keeps 0600.
    files::create_private_file(path)?.sync_all()?;
    let mut conn = connect(path, key, Access::ReadWrite)?;
    configure(&conn)?;
    migrations::migrate(&mut conn)?;
    conn.execute(
        "INSERT INTO vault_info (id, vault_id, created_at) VALUES (1, ?1, ?2)",
        rusqlite::params![&vault_id[..], created_at],
    )?;
    close(conn)
}

/// Opens the database of an existing vault for unlocking: verifies the key, the schema
/// and its version and the binding to `vault_id`, then migrates (after a full check, if
/// a migration is due). Reads only the pages this needs; the rest is checked in the
/// background by `vault::check`.
pub(crate) fn open(path: &Path, key: &DataKey, vault_id: &[u8; 16]) -> Result<Connection, Error> {
    open_with(path, key, vault_id, false)
}

/// [`open`] after checking every page first: for restored backups, which are opened
/// once and must be sound before they become a vault.
pub(crate) fn open_verified(
    path: &Path,
    key: &DataKey,
    vault_id: &[u8; 16],
) -> Result<Connection, Error> {
    open_with(path, key, vault_id, true)
}

fn open_with(
    path: &Path,
    key: &DataKey,
    vault_id: &[u8; 16],
    check_first: bool,
) -> Result<Connection, Error> {
    if !path.is_file() {
        return Err(Error::Corrupt);
    }
    let mut conn = connect(path, key, Access::ReadWrite)?;
    let version = check_schema(&conn)?;
    check_vault_id(&conn, vault_id)?;
    let migrating = version < migrations::latest_version();
    if check_first || migrating {
        // A migration writes: never into a file that has not been checked whole.
        check_integrity(&conn)?;
    }
    configure(&conn)?;
    if migrating {
        migrations::migrate(&mut conn)?;
    }
    Ok(conn)
}

/// Opens a second, read-only connection to an existing database, keyed with `key`, for
/// the background check. It never writes, so it cannot race the vault's own connection.
pub(crate) fn open_read_only(path: &Path, key: &DataKey) -> Result<Connection, Error> {
    if !path.is_file() {
        return Err(Error::Corrupt);
    }
    let conn = connect(path, key, Access::ReadOnly)?;
    // The check reads each page about once, so a page cache would only hold memory: 256 KiB
    // instead of SQLite's 2 MiB keeps the locked heap's high-water mark low after unlock.
    conn.execute_batch("PRAGMA cache_size = -256;")?;
    Ok(conn)
}

/// The stored vault id must be `vault_id`: a database swapped in from another vault is
/// [`Error::Corrupt`].
fn check_vault_id(conn: &Connection, vault_id: &[u8; 16]) -> Result<(), Error> {
    let stored: Option<Vec<u8>> = conn
        .query_row("SELECT vault_id FROM vault_info WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(corrupt_or_storage)?;
    if stored.as_deref() == Some(&vault_id[..]) {
        Ok(())
    } else {
        Err(Error::Corrupt)
    }
}

/// The schema is there and its version is one this code knows; returns the version.
fn check_schema(conn: &Connection) -> Result<u32, Error> {
    if !migrations::has_migrations_table(conn).map_err(corrupt_or_storage)? {
        return Err(Error::Corrupt);
    }
    migrations::applied_version(conn)
}

/// Checks an existing database without writing to it: schema present, not newer than
/// this code, every page authentic, b-trees sound.
pub(crate) fn check(conn: &Connection) -> Result<(), Error> {
    check_schema(conn)?;
    check_integrity(conn)
}

/// `cipher_integrity_check` (every page's HMAC, file size) and `quick_check`
/// (b-tree structure). Reads the whole file once each; fine for a personal journal.
pub(crate) fn check_integrity(conn: &Connection) -> Result<(), Error> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").map_err(corrupt_or_storage)?;
    let problems = stmt.query_map([], |_| Ok(())).map_err(corrupt_or_storage)?.count();
    if problems > 0 {
        return Err(Error::Corrupt);
    }
    let quick: String =
        conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(corrupt_or_storage)?;
    if quick != "ok" {
        return Err(Error::Corrupt);
    }
    Ok(())
}

/// SQLite's full `integrity_check` (also compares indexes with their tables); slower
/// than [`check_integrity`], run once on a restored backup.
pub(crate) fn check_integrity_full(conn: &Connection) -> Result<(), Error> {
    let result: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(corrupt_or_storage)?;
    if result == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt)
    }
}

/// Checks a copy made by `VACUUM INTO` without changing it: encrypted (no plaintext
/// SQLite header), opens with `key`, every page authentic, bound to `vault_id`.
pub(crate) fn verify_copy(path: &Path, key: &DataKey, vault_id: &[u8; 16]) -> Result<(), Error> {
    let head = files::read_small_prefix(path, 16)?;
    if head.starts_with(b"SQLite format 3") {
        return Err(Error::Storage(std::io::Error::other("backup copy is not encrypted")));
    }
    let conn = connect(path, key, Access::ReadWrite)?;
    check(&conn)?;
    let bound = check_vault_id(&conn, vault_id);
    conn.close().map_err(|(_, e)| e)?;
    bound
}

/// Copies whatever the WAL still holds into the main file and empties the WAL. A clean
/// close leaves no WAL, so this matters after a crash: a checkpoint the process was
/// killed in may have left the file's tail sized but not yet written, which SQLite never
/// reads (the WAL says where the database ends) but a page-by-page check of the file
/// would report as damage. Run before that check. A failure changes nothing: the pages
/// stay in the WAL, where SQLite reads them.
pub(crate) fn finish_checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
}

/// Checkpoints the WAL into the main file and closes the connection; the last close
/// also removes the WAL and shared-memory files.
pub(crate) fn close(conn: Connection) -> Result<(), Error> {
    // A checkpoint blocked by a reader is not a failure: the data is safe in the WAL.
    let checkpoint = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
    let closed = conn.close().map_err(|(_, e)| e);
    checkpoint?;
    closed?;
    Ok(())
}

/// How a connection opens the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
}

/// Opens a connection and keys it; verifies the key by reading the schema.
fn connect(path: &Path, key: &DataKey, access: Access) -> Result<Connection, Error> {
    init_sqlcipher();
    // No CREATE flag (the file exists) and no URI flag (a path is only a path).
    let flags = match access {
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.execute_batch(&key_pragma(key))?;
    // Pin SQLCipher 4's page format (4096-byte pages, HMAC-SHA512), so a future
    // SQLCipher whose defaults change still reads vaults written today.
    conn.execute_batch("PRAGMA cipher_compatibility = 4;")?;
    let cipher: Option<String> =
        conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).optional()?;
    if cipher.is_none_or(|v| v.is_empty()) {
        return Err(Error::Storage(std::io::Error::other("SQLCipher is not linked")));
    }
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(corrupt_or_storage)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// `PRAGMA key = "x'…'";` in a buffer that is wiped when dropped. The capacity is
/// reserved up front so the string never reallocates and leaves a copy behind.
fn key_pragma(key: &DataKey) -> Zeroizing<String> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut sql = Zeroizing::new(String::with_capacity(96));
    sql.push_str("PRAGMA key = \"x'");
    for byte in key.expose() {
        sql.push(char::from(HEX[usize::from(byte >> 4)]));
        sql.push(char::from(HEX[usize::from(byte & 0x0F)]));
    }
    sql.push_str("'\";");
    sql
}

/// Process-wide SQLCipher settings, made once before the first vault connection
/// exists: SQLite's heap locked and wiped on free (so even that connection's key
/// statement is wiped when freed), and no logging (SQLCipher logs warnings to stderr by
/// default; they hold no content, but a discreet app prints nothing).
fn init_sqlcipher() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Only possible before SQLite initialises, i.e. before any connection exists.
        #[cfg(unix)]
        heap::install();
        if let Ok(conn) = Connection::open_in_memory() {
            let _ = conn.execute_batch(memory_security_pragma());
            let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
        }
    });
}

/// How SQLite's heap gets locked and wiped: by [`heap`] when it is installed (nothing to
/// set; SQLCipher's wrapper passes each call through), else by SQLCipher's memory
/// security (an `mlock` per allocation, a wipe and an `munlock` per free).
fn memory_security_pragma() -> &'static str {
    if heap::installed() {
        ""
    } else {
        "PRAGMA cipher_memory_security = ON;"
    }
}

/// Whether SQLite's heap is locked and wiped on free in this process, and how.
#[cfg(test)]
pub(crate) fn heap_protection(conn: &Connection) -> &'static str {
    let sqlcipher: String =
        conn.query_row("PRAGMA cipher_memory_security", [], |r| r.get(0)).unwrap_or_default();
    match (heap::installed(), sqlcipher.as_str()) {
        (true, "0") => "locked heap",
        (false, "1") => "sqlcipher",
        _ => "none",
    }
}

/// The per-connection settings. None of these writes to an existing WAL database.
fn configure(conn: &Connection) -> Result<(), Error> {
    conn.execute_batch(memory_security_pragma())?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(std::io::Error::other("WAL mode unavailable")));
    }
    // A 4 MiB page cache (SQLite's default is 2 MiB): search as you type reads the same
    // newest entries again with every letter, and each page read from disk costs a
    // decryption and an HMAC check. Not more: with memory security on, SQLCipher locks
    // every allocation in RAM, and Linux allows 8 MiB of locked memory by default.
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -4096;",
    )?;
    Ok(())
}

/// SQLite's "not a database" and "corrupt" become [`Error::Corrupt`]; the rest stays a
/// storage error.
pub(crate) fn corrupt_or_storage(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Corrupt,
        _ => e.into(),
    }
}

/// Checks a settings key: 1–64 bytes of `a-z 0-9 _ . -`.
fn check_setting_key(key: &str) -> Result<(), Error> {
    let ok = !key.is_empty()
        && key.len() <= SETTING_KEY_MAX
        && key.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid("That setting name is not valid.".into()))
    }
}

/// Reads a setting stored inside the vault; `None` if it was never set.
pub fn settings_get(conn: &Connection, key: &str) -> Result<Option<String>, Error> {
    check_setting_key(key)?;
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Stores a setting inside the vault, replacing any earlier value.
pub fn settings_set(conn: &Connection, key: &str, value: &str) -> Result<(), Error> {
    check_setting_key(key)?;
    if value.len() > SETTING_VALUE_MAX {
        return Err(Error::Invalid("That setting is too long.".into()));
    }
    conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        rusqlite::params![key, value, super::now_rfc3339()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// A fresh database in a temp dir; returns (dir, path, key, vault id).
    fn fresh() -> (tempfile::TempDir, std::path::PathBuf, DataKey, [u8; 16]) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let key = DataKey::generate().unwrap();
        let id = [3u8; 16];
        create(&path, &key, &id, "2025-01-01T00:00:00.000Z").unwrap();
        (dir, path, key, id)
    }

    /// Adds enough text that the database spans many pages.
    fn fill(path: &Path, key: &DataKey, id: &[u8; 16]) {
        let conn = open(path, key, id).unwrap();
        for i in 0..200 {
            conn.execute(
                "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', ?1, ?2)",
                rusqlite::params![format!("entry {i}"), "canary words ".repeat(40)],
            )
            .unwrap();
        }
        close(conn).unwrap();
    }

    /// [`fill`], then `VACUUM`: every page of the file is in use (no free pages, whose
    /// old bytes nobody reads), so damage anywhere lies on a page that reads hit.
    fn fill_compact(path: &Path, key: &DataKey, id: &[u8; 16]) {
        fill(path, key, id);
        let conn = open(path, key, id).unwrap();
        conn.execute_batch("VACUUM").unwrap();
        let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert_eq!(free, 0);
        close(conn).unwrap();
    }

    #[test]
    fn the_file_is_encrypted_and_private() {
        let (_dir, path, key, id) = fresh();
        fill(&path, &key, &id);
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.len() > 4096 * 10);
        assert!(!bytes.starts_with(b"SQLite format 3\0"));
        assert!(!bytes.windows(12).any(|w| w == b"canary words"), "plaintext in the file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_closed_database_leaves_no_wal_behind_and_the_wal_is_private_while_open() {
        let (dir, path, key, id) = fresh();
        let conn = open(&path, &key, &id).unwrap();
        conn.execute("INSERT INTO settings VALUES ('a', 'b', 'c')", []).unwrap();
        let wal = dir.path().join("vault.db-wal");
        assert!(wal.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&wal).unwrap().permissions().mode() & 0o777, 0o600);
        }
        close(conn).unwrap();
        assert!(!wal.exists());
        assert!(!dir.path().join("vault.db-shm").exists());
    }

    #[test]
    fn the_pragmas_are_in_force() {
        let (_dir, path, key, id) = fresh();
        let conn = open(&path, &key, &id).unwrap();
        let get = |p: &str| {
            conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get::<_, rusqlite::types::Value>(0))
                .unwrap()
        };
        use rusqlite::types::Value::{Integer, Text};
        assert_eq!(get("journal_mode"), Text("wal".into()));
        assert_eq!(get("synchronous"), Integer(2));
        assert_eq!(get("foreign_keys"), Integer(1));
        assert_eq!(get("secure_delete"), Integer(1));
        assert_eq!(get("temp_store"), Integer(2));
        assert_eq!(get("cache_size"), Integer(-4096));
        // The heap is locked and wiped on free: by our allocator when it was installed
        // before SQLite initialised in this process (other tests may open a plain
        // connection first), else by SQLCipher's memory security.
        let how = heap_protection(&conn);
        assert!(how == "locked heap" || how == "sqlcipher", "{how}");
        if how == "sqlcipher" {
            assert_eq!(get("cipher_memory_security"), Text("1".into()));
        }
    }

    /// SQLCipher is built with only what Mend uses (`.cargo/config.toml`): no extension
    /// loading and no FTS3, while FTS5 and JSON (the tables' CHECK constraints) are there.
    #[test]
    fn sqlcipher_is_built_with_only_what_mend_uses() {
        let (_dir, path, key, id) = fresh();
        let conn = open(&path, &key, &id).unwrap();
        let used = |option: &str| {
            conn.query_row("SELECT sqlite_compileoption_used(?1)", [option], |r| {
                r.get::<_, bool>(0)
            })
            .unwrap()
        };
        for gone in ["OMIT_LOAD_EXTENSION", "OMIT_DEPRECATED", "OMIT_SHARED_CACHE", "OMIT_UTF16"] {
            assert!(used(gone), "SQLCipher was built without {gone}");
        }
        for absent in ["ENABLE_FTS3", "ENABLE_RTREE", "ENABLE_DBSTAT_VTAB", "ENABLE_LOAD_EXTENSION"]
        {
            assert!(!used(absent), "SQLCipher was built with {absent}");
        }
        assert!(used("ENABLE_FTS5"));
        let fts3 = conn.execute_batch("CREATE VIRTUAL TABLE old USING fts3(body)");
        assert!(fts3.is_err(), "FTS3 is still compiled in");
        let json: bool = conn
            .query_row("SELECT json_valid('{\"a\": 1}') AND json_type('{}') = 'object'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(json);
    }

    #[test]
    fn without_the_key_the_file_is_not_a_database() {
        let (_dir, path, _key, _id) = fresh();
        let plain = Connection::open(&path).unwrap();
        let err = plain
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .unwrap_err();
        assert_eq!(err.sqlite_error_code(), Some(ErrorCode::NotADatabase));
    }

    #[test]
    fn a_wrong_key_is_corrupt_and_changes_nothing() {
        let (dir, path, key, id) = fresh();
        let before = fs::read(&path).unwrap();
        let other = DataKey::generate().unwrap();
        assert!(matches!(open(&path, &other, &id), Err(Error::Corrupt)));
        assert_eq!(fs::read(&path).unwrap(), before);
        assert!(!dir.path().join("vault.db-wal").exists());
        assert!(open(&path, &key, &id).is_ok());
    }

    #[test]
    fn a_database_of_another_vault_is_corrupt() {
        let (_dir, path, key, _id) = fresh();
        assert!(matches!(open(&path, &key, &[4u8; 16]), Err(Error::Corrupt)));
    }

    /// Reads every row of every table and walks every b-tree page (`quick_check`) on
    /// `conn`, the way the app would read them; an error or a finding is `Err`.
    fn read_everything(conn: &Connection) -> Result<(), String> {
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| e.to_string())?;
        for table in tables {
            let mut stmt =
                conn.prepare(&format!("SELECT * FROM \"{table}\"")).map_err(|e| e.to_string())?;
            let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
            while rows.next().map_err(|e| format!("{table}: {e}"))?.is_some() {}
        }
        let quick: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| format!("quick_check: {e}"))?;
        if quick == "ok" {
            Ok(())
        } else {
            Err(quick)
        }
    }

    #[test]
    fn a_flipped_byte_anywhere_is_found_and_changes_nothing() {
        let (dir, path, key, id) = fresh();
        fill_compact(&path, &key, &id);
        let good = fs::read(&path).unwrap();
        let pages = good.len() / 4096;
        // A byte in the middle of every page, and the first and last byte of the file.
        let mut positions: Vec<usize> = (0..pages).map(|p| p * 4096 + 2000).collect();
        positions.extend([0, 17, good.len() - 1]);
        let mut found_later = 0;
        for pos in positions {
            let mut bad = good.clone();
            bad[pos] ^= 0x20;
            fs::write(&path, &bad).unwrap();
            match open(&path, &key, &id) {
                Err(Error::Corrupt) => {}
                Err(other) => panic!("byte {pos}: {other:?}"),
                Ok(conn) => {
                    // Only pages that unlocking does not need to read may get this far;
                    // page 1 (the salt, the header, the schema root) never does.
                    assert!(pos >= 4096, "byte {pos}: page 1 damage must fail the unlock");
                    // The background check (a second, read-only connection) finds it...
                    let checker = open_read_only(&path, &key).unwrap();
                    assert!(
                        matches!(check_integrity(&checker), Err(Error::Corrupt)),
                        "byte {pos}: the full check missed it"
                    );
                    checker.close().unwrap();
                    // ...and the open vault refuses the page when it is read.
                    assert!(read_everything(&conn).is_err(), "byte {pos}: damaged page read");
                    close(conn).unwrap();
                    found_later += 1;
                }
            }
            assert_eq!(fs::read(&path).unwrap(), bad, "byte {pos}: file changed");
            assert!(!dir.path().join("vault.db-wal").exists());
        }
        assert!(found_later > 0, "most pages are not read at unlock");
        fs::write(&path, &good).unwrap();
        let conn = open(&path, &key, &id).unwrap();
        assert_eq!(read_everything(&conn), Ok(()));
        let checker = open_read_only(&path, &key).unwrap();
        assert!(check_integrity(&checker).is_ok());
    }

    #[test]
    fn damage_in_a_free_page_is_found_by_the_check() {
        let (_dir, path, key, id) = fresh();
        fill(&path, &key, &id);
        let conn = open(&path, &key, &id).unwrap();
        conn.execute("DELETE FROM journal_entries WHERE id % 2 = 0", []).unwrap();
        let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert!(free > 0);
        close(conn).unwrap();
        let good = fs::read(&path).unwrap();
        let mut only_the_check_saw_it = 0;
        for page in 1..good.len() / 4096 {
            let mut bad = good.clone();
            bad[page * 4096 + 2000] ^= 0x20;
            fs::write(&path, &bad).unwrap();
            let Ok(conn) = open(&path, &key, &id) else { continue };
            let checker = open_read_only(&path, &key).unwrap();
            assert!(matches!(check_integrity(&checker), Err(Error::Corrupt)), "page {page}");
            if read_everything(&conn).is_ok() {
                only_the_check_saw_it += 1;
            }
        }
        // A free page holds nothing anyone reads; SQLCipher's page check still sees it.
        assert!(only_the_check_saw_it > 0);
    }

    #[test]
    fn the_read_only_connection_cannot_write() {
        let (_dir, path, key, _id) = fresh();
        let conn = open_read_only(&path, &key).unwrap();
        let err = conn.execute("INSERT INTO settings VALUES ('a', 'b', 'c')", []).unwrap_err();
        assert_eq!(err.sqlite_error_code(), Some(ErrorCode::ReadOnly));
        assert!(matches!(
            open_read_only(&path, &DataKey::generate().unwrap()),
            Err(Error::Corrupt)
        ));
    }

    #[test]
    fn a_truncated_database_is_found_and_changes_nothing() {
        let (_dir, path, key, id) = fresh();
        fill_compact(&path, &key, &id);
        let good = fs::read(&path).unwrap();
        for len in [0, 1, 100, 4096, 4097, good.len() / 2, good.len() - 4096, good.len() - 1] {
            fs::write(&path, &good[..len]).unwrap();
            match open(&path, &key, &id) {
                Err(Error::Corrupt) => {}
                Err(other) => panic!("length {len}: {other:?}"),
                Ok(conn) => {
                    // SQLite counts a partial last page as a page, so only a cut inside
                    // the last page opens; the check and any read of that page refuse it.
                    assert!(len > good.len() - 4096, "length {len}: whole pages missing");
                    let checker = open_read_only(&path, &key).unwrap();
                    assert!(matches!(check_integrity(&checker), Err(Error::Corrupt)));
                    checker.close().unwrap();
                    assert!(read_everything(&conn).is_err(), "length {len}: last page read");
                    close(conn).unwrap();
                }
            }
            assert_eq!(fs::read(&path).unwrap().len(), len, "length {len}: file changed");
        }
    }

    #[test]
    fn a_missing_database_is_corrupt() {
        let (_dir, path, key, id) = fresh();
        fs::remove_file(&path).unwrap();
        assert!(matches!(open(&path, &key, &id), Err(Error::Corrupt)));
        assert!(!path.exists(), "opening must not create a database");
    }

    #[test]
    fn the_key_pragma_is_the_raw_key_in_hex() {
        let mut key = DataKey::zeroed();
        key.expose_mut()[0] = 0xAB;
        key.expose_mut()[31] = 0x01;
        let sql = key_pragma(&key);
        assert_eq!(sql.len(), 16 + 64 + 3);
        assert!(sql.starts_with("PRAGMA key = \"x'ab00"));
        assert!(sql.ends_with("0001'\";"));
    }

    mod settings {
        use super::*;

        #[test]
        fn set_then_get_and_overwrite() {
            let (_dir, path, key, id) = fresh();
            let conn = open(&path, &key, &id).unwrap();
            assert_eq!(settings_get(&conn, "role").unwrap(), None);
            settings_set(&conn, "role", "betrayed").unwrap();
            settings_set(&conn, "auto_lock_minutes", "5").unwrap();
            settings_set(&conn, "role", "both").unwrap();
            assert_eq!(settings_get(&conn, "role").unwrap().as_deref(), Some("both"));
            assert_eq!(settings_get(&conn, "auto_lock_minutes").unwrap().as_deref(), Some("5"));
        }

        #[test]
        fn bad_keys_and_huge_values_are_invalid() {
            let (_dir, path, key, id) = fresh();
            let conn = open(&path, &key, &id).unwrap();
            for bad in ["", "Role", "a b", "x'; DROP TABLE settings; --", &"a".repeat(65)] {
                assert!(matches!(settings_set(&conn, bad, "v"), Err(Error::Invalid(_))), "{bad:?}");
            }
            assert!(matches!(
                settings_set(&conn, "k", &"v".repeat(SETTING_VALUE_MAX + 1)),
                Err(Error::Invalid(_))
            ));
        }
    }
}
