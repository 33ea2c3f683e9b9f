//! Settings in the real window: passphrase change, recovery key, backup and restore,
//! export behind its warning, and deleting a vault.

use crate::harness::{App, Sandbox};
use crate::vault::{create_vault, open_first_entry, unlock, write_entry, PASSPHRASE};
use serde_json::json;

const NEW_PASSPHRASE: &str = "copper kettle winter sparrow";

async fn lock(app: &App) {
    app.click("#lock-button").await;
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
}

async fn alert(app: &App) -> serde_json::Value {
    app.wait_until(
        "an error",
        "return document.querySelector('[role=alert]:not([hidden])')?.textContent",
    )
    .await
}

#[tokio::test]
async fn recovery_key_opens_the_vault_and_sets_a_new_passphrase() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    let key = create_vault(&app, "betrayed", "K").await;
    write_entry(&app, "kept", "still here after recovery").await;
    lock(&app).await;

    app.click("#mode-recovery").await;
    // Lower case and spaces instead of dashes: still the same key.
    app.type_into("#recovery-key", &key.to_lowercase().replace('-', " ")).await;
    app.type_into("#new-passphrase", NEW_PASSPHRASE).await;
    app.type_into("#new-passphrase-again", NEW_PASSPHRASE).await;
    app.click("#recover").await;
    app.wait_for_css("#main[data-view='home']").await;
    lock(&app).await;

    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock").await;
    assert_eq!(
        alert(&app).await,
        json!("That passphrase or recovery key did not open this vault.")
    );
    app.js("document.getElementById('passphrase').value = ''").await;
    unlock(&app, NEW_PASSPHRASE).await;
    app.click("button.nav-link[data-view='journal']").await;
    assert_eq!(app.text(".entry-link .entry-title").await, "kept");
    app.quit().await;
}

#[tokio::test]
async fn changing_the_passphrase_needs_the_current_one() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "P").await;
    app.click("button.nav-link[data-view='settings']").await;

    app.type_into("#current-passphrase", "wrong").await;
    app.type_into("#next-passphrase", NEW_PASSPHRASE).await;
    app.type_into("#next-passphrase-again", NEW_PASSPHRASE).await;
    app.click("#change-passphrase").await;
    assert_eq!(
        alert(&app).await,
        json!("That passphrase or recovery key did not open this vault.")
    );

    app.type_into("#current-passphrase", PASSPHRASE).await;
    app.type_into("#next-passphrase", NEW_PASSPHRASE).await;
    app.type_into("#next-passphrase-again", NEW_PASSPHRASE).await;
    app.click("#change-passphrase").await;
    app.wait_until("the change", "return document.getElementById('security-status').textContent")
        .await;
    app.screenshot("settings-light").await;
    lock(&app).await;
    unlock(&app, NEW_PASSPHRASE).await;
    app.quit().await;
}

#[tokio::test]
async fn backup_restores_as_a_new_vault_and_export_warns_first() {
    let sandbox = Sandbox::new();
    let out = tempfile::tempdir().unwrap();
    let dialog = [("MEND_TEST_DIALOG_DIR", out.path().to_str().unwrap())];
    let app = App::launch_with(&sandbox, &dialog).await;
    create_vault(&app, "both", "Original").await;
    write_entry(&app, "backed up", "river-stones-2210").await;

    app.click("button.nav-link[data-view='settings']").await;
    app.click("#backup-export").await;
    app.wait_until("the backup", "return document.getElementById('data-status').textContent").await;
    let backup = out.path().join("mend-backup.mendbackup");
    assert!(backup.is_file(), "backup written through the save dialog path");

    // Export asks first, then writes both files; they are plain text by design.
    app.click("#export-plain").await;
    let warning = app.text("#export-warning").await;
    assert!(warning.contains("not encrypted"), "{warning}");
    assert!(!out.path().join("mend-export.md").exists(), "nothing written before confirming");
    app.click("#export-confirm").await;
    app.wait_until(
        "the export",
        "return document.getElementById('data-status').textContent.startsWith('Exported')",
    )
    .await;
    let md = std::fs::read_to_string(out.path().join("mend-export.md")).unwrap();
    assert!(md.contains("river-stones-2210"));
    assert!(out.path().join("mend-export.json").is_file());

    // Restore from the lock screen: a second vault appears; the first is untouched.
    lock(&app).await;
    app.click("#mode-restore").await;
    app.type_into("#restore-passphrase", PASSPHRASE).await;
    app.click("#restore").await;
    app.wait_until("the restore notice", "return document.querySelector('.notice')?.textContent")
        .await;
    let labels = app
        .js("return [...document.querySelectorAll('#vault-picker option')].map(o => o.textContent)")
        .await;
    assert_eq!(labels.as_array().unwrap().len(), 3, "two labelled vaults and 'another': {labels}");
    app.js("const p = document.getElementById('vault-picker'); p.selectedIndex = 1;").await;
    unlock(&app, PASSPHRASE).await;
    assert_eq!(open_first_entry(&app).await, json!("river-stones-2210"));
    app.quit().await;
}

#[tokio::test]
async fn deleting_a_vault_takes_the_typed_word_and_removes_it() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "Gone").await;
    app.click("button.nav-link[data-view='settings']").await;
    app.type_into("#delete-confirm", "yes").await;
    app.click("#delete-vault").await;
    let refusal = app.wait_until("a refusal", "return document.querySelector('section[aria-labelledby=settings-delete] [role=alert]:not([hidden])')?.textContent").await;
    assert_eq!(refusal, json!("Type the word delete to confirm."));
    app.js("document.getElementById('delete-confirm').value = ''").await;
    app.type_into("#delete-confirm", "delete").await;
    app.click("#delete-vault").await;
    // With no vault left, the welcome screen returns and the folder is gone.
    app.wait_for_css("#main[data-view='welcome'] #begin").await;
    let left = std::fs::read_dir(sandbox.data_dir().join("vaults")).unwrap().flatten().count();
    assert_eq!(left, 0, "the vault folder was removed");
    app.quit().await;
}
