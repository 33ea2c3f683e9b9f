//! The vault's public API as the rest of the app sees it: one journey through every
//! operation, from outside the crate (so only `pub` items are reachable).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use mend::vault::{
    settings_get, Error, Health, KdfParams, KdfPolicy, Passphrase, RecoveryKey, Secret, Store,
};

/// A store under `dir` with cheap Argon2id parameters (debug builds use them as given).
fn store(dir: &std::path::Path) -> Store {
    Store::new(dir).with_kdf(KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS))
}

#[test]
fn create_list_unlock_change_backup_restore_delete() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let s = store(&data);
    assert!(!s.any_exists().unwrap());

    let (mut vault, recovery) = s.create(&Passphrase::from("first"), Some("Me".into())).unwrap();
    let written = recovery.formatted().to_string();
    assert_eq!(written.len(), 44, "nine groups of four with eight dashes");
    vault
        .conn()
        .execute(
            "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', 'hello', 'world')",
            [],
        )
        .unwrap();
    vault.set_setting("role", "both").unwrap();
    vault.change_passphrase(&Passphrase::from("second")).unwrap();
    let id = vault.id().to_owned();
    vault.close().unwrap();

    let listed = s.list().unwrap();
    assert_eq!((listed[0].id.as_str(), listed[0].label.as_str()), (id.as_str(), "Me"));
    assert_eq!(
        serde_json::to_value(&listed[0]).unwrap(),
        serde_json::json!({ "id": id, "label": "Me" })
    );
    let wrong = s.unlock(Some(&id), &Secret::Passphrase(Passphrase::from("first")));
    assert!(matches!(wrong, Err(Error::WrongSecret)));
    let secret: Passphrase = serde_json::from_str(r#""second""#).unwrap();
    let vault = s.unlock(Some(&id), &Secret::Passphrase(secret)).unwrap();
    assert_eq!(settings_get(vault.conn(), "role").unwrap().as_deref(), Some("both"));
    assert_eq!(vault.wait_for_check(), Health::Sound);
    let timing = vault.unlock_timing().expect("an unlocked vault knows how long it took");
    assert!(timing.beyond_key_derivation() <= timing.total);

    let backup = dir.path().join("me.mendbackup");
    vault.export_backup(&backup).unwrap();
    vault.delete().unwrap();
    assert!(!s.any_exists().unwrap());

    let key: RecoveryKey = serde_json::from_str(&serde_json::to_string(&written).unwrap()).unwrap();
    let restored = s.restore_backup(&backup, &Secret::RecoveryKey(key)).unwrap();
    assert_eq!(restored.health(), Health::Sound, "a restored backup was checked whole");
    let title: String =
        restored.conn().query_row("SELECT title FROM journal_entries", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "hello");
    restored.close().unwrap();
    assert_eq!(s.list().unwrap().len(), 1);
}

/// Unlocking checks the header at once and every other page in the background: damage
/// there is reported once through `on_damage`, and the damaged page is never read as good.
#[test]
fn damage_beyond_the_header_is_reported_after_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let (vault, _) = s.create(&Passphrase::from("pw"), Some("Me".into())).unwrap();
    vault
        .conn()
        .execute(
            "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', 'a', ?1)",
            ["words ".repeat(5_000)],
        )
        .unwrap();
    let id = vault.id().to_owned();
    vault.close().unwrap();
    let db_path = dir.path().join("vaults").join(&id).join("vault.db");
    let mut bytes = std::fs::read(&db_path).unwrap();
    let last = bytes.len() - 100;
    bytes[last] ^= 1;
    std::fs::write(&db_path, &bytes).unwrap();

    let vault = s.unlock(Some(&id), &Secret::Passphrase(Passphrase::from("pw"))).unwrap();
    let told = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&told);
    vault.on_damage(move || {
        count.fetch_add(1, Ordering::SeqCst);
    });
    assert_eq!(vault.wait_for_check(), Health::Damaged);
    assert_eq!(told.load(Ordering::SeqCst), 1);
    let late = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&late);
    vault.on_damage(move || {
        count.fetch_add(1, Ordering::SeqCst);
    });
    assert_eq!(late.load(Ordering::SeqCst), 1, "a callback set after the finding runs at once");
    let everything = vault.conn().query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0));
    assert!(!matches!(everything.as_deref(), Ok("ok")), "{everything:?}");
    vault.close().unwrap();
    assert_eq!(std::fs::read(&db_path).unwrap(), bytes, "nothing was changed");

    bytes[20] ^= 1;
    std::fs::write(&db_path, &bytes).unwrap();
    let refused = s.unlock(Some(&id), &Secret::Passphrase(Passphrase::from("pw")));
    assert!(matches!(refused, Err(Error::Corrupt)), "page 1 damage fails the unlock");
}
