//! The background integrity check through the real window: a vault whose file was
//! damaged beyond its header still unlocks, and once the check has read every page a
//! calm note says what happened, that nothing was changed, and where backups are.

use crate::harness::{App, Sandbox};
use crate::vault::{create_vault, unlock, write_entry, PASSPHRASE};

/// Flips one byte near the end of the only vault's database (a page unlocking does not
/// read).
fn damage_the_last_page(sandbox: &Sandbox) {
    let vaults = sandbox.data_dir().join("vaults");
    let folder = std::fs::read_dir(&vaults)
        .expect("vaults folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("vault.db").is_file())
        .expect("a vault folder");
    let db = folder.join("vault.db");
    let mut bytes = std::fs::read(&db).expect("read vault.db");
    let at = bytes.len() - 100;
    bytes[at] ^= 1;
    std::fs::write(&db, &bytes).expect("write vault.db");
}

#[tokio::test]
async fn damage_found_after_unlock_shows_a_calm_note_until_lock() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "").await;
    write_entry(&app, "A long day", &"We talked again tonight. ".repeat(400)).await;
    assert!(
        app.client.find(fantoccini::Locator::Css("#vault-damage-note")).await.is_err(),
        "a sound vault shows no note"
    );
    app.quit().await;

    damage_the_last_page(&sandbox);
    let app = App::launch(&sandbox).await;
    unlock(&app, PASSPHRASE).await;
    let note = app.wait_for_visible("#vault-damage-note").await;
    let text = note.text().await.expect("note text");
    assert!(text.contains("Nothing was changed"), "{text}");
    assert!(text.contains("backup"), "{text}");
    assert_eq!(
        app.js("return document.getElementById('vault-damage-note').getAttribute('role')").await,
        "status"
    );
    app.screenshot("vault-damage-note").await;
    app.click("#vault-damage-note button").await;
    app.wait_for_css("#main[data-view='settings']").await;
    assert!(app.client.find(fantoccini::Locator::Css("#vault-damage-note")).await.is_ok());
    app.click("#lock-button").await;
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    assert!(
        app.client.find(fantoccini::Locator::Css("#vault-damage-note")).await.is_err(),
        "the note goes with the vault"
    );
    app.quit().await;
}
