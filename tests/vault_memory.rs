//! SQLite's heap in a process whose first SQLite use is a vault, as in the app: every
//! allocation lies in locked memory, without SQLCipher's per-allocation `mlock` (the
//! allocator that replaces it is tested for wiping in `vault::db::heap`).
//!
//! One test in this file on purpose: it needs a process in which nothing has touched
//! SQLite before the vault does.

#![cfg(target_os = "linux")]

use mend::vault::{KdfParams, KdfPolicy, Passphrase, Store};
use rusqlite::ffi;

/// Whether the page holding `addr` is locked (`lo` in its mapping's `VmFlags`).
fn locked(addr: usize) -> bool {
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
    let mut inside = false;
    for line in smaps.lines() {
        let range = line.split_once(' ').map_or("", |(r, _)| r);
        if let Some((a, b)) = range.split_once('-') {
            if let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)) {
                inside = a <= addr && addr < b;
                continue;
            }
        }
        if let Some(flags) = line.strip_prefix("VmFlags:").filter(|_| inside) {
            return flags.split_whitespace().any(|f| f == "lo");
        }
    }
    false
}

#[test]
fn a_vault_process_keeps_sqlite_heap_locked_without_a_lock_per_allocation() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path()).with_kdf(KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS));
    let (vault, _) = store.create(&Passphrase::from("memory"), None).unwrap();
    let conn = vault.conn();
    conn.execute(
        "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', ?1, ?2)",
        ["canary title", &"canary words ".repeat(2_000)],
    )
    .unwrap();
    // SQLCipher's own wrapper is off: the heap below it does the locking and wiping.
    let sqlcipher: String =
        conn.query_row("PRAGMA cipher_memory_security", [], |r| r.get(0)).unwrap();
    assert_eq!(sqlcipher, "0");
    for len in [8, 100, 4_400, 60_000, 200_000] {
        // SAFETY: plain SQLite allocation calls; the block is freed once.
        unsafe {
            let p = ffi::sqlite3_malloc(len);
            assert!(!p.is_null());
            assert!(locked(p as usize), "{len} bytes from SQLite's allocator: not locked");
            ffi::sqlite3_free(p);
        }
    }
    // What SQLite holds for the connection (page cache, statements) is locked too.
    let text: String = conn
        .query_row("SELECT body FROM journal_entries WHERE title = 'canary title'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(text.starts_with("canary words"));
    vault.close().unwrap();
}
