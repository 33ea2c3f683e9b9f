//! The vault's public API as the rest of the app sees it: one journey through every
//! operation, from outside the crate (so only `pub` items are reachable).

use mend::vault::{
    settings_get, Error, KdfParams, KdfPolicy, Passphrase, RecoveryKey, Secret, Store,
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

    let backup = dir.path().join("me.mendbackup");
    vault.export_backup(&backup).unwrap();
    vault.delete().unwrap();
    assert!(!s.any_exists().unwrap());

    let key: RecoveryKey = serde_json::from_str(&serde_json::to_string(&written).unwrap()).unwrap();
    let restored = s.restore_backup(&backup, &Secret::RecoveryKey(key)).unwrap();
    let title: String =
        restored.conn().query_row("SELECT title FROM journal_entries", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "hello");
    restored.close().unwrap();
    assert_eq!(s.list().unwrap().len(), 1);
}
