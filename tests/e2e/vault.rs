//! The vault through the real window: first run, lock and unlock, quick hide, auto-lock,
//! a second process, markup in every text field, and nothing readable on disk.

use crate::harness::{App, Sandbox};
use serde_json::json;
use std::path::Path;

pub const PASSPHRASE: &str = "lantern orbit pickle meadow";

/// Goes through first run in the window and ends on Home with the vault open.
pub async fn create_vault(app: &App, role: &str, label: &str) -> String {
    app.click("#begin").await;
    app.type_into("#new-passphrase", PASSPHRASE).await;
    app.type_into("#new-passphrase-again", PASSPHRASE).await;
    app.click("#create-vault").await;
    let key = app.text("#recovery-key-text").await;
    app.click("#recovery-saved").await;
    app.click("#recovery-continue").await;
    app.click(&format!("#role-{role}")).await;
    app.click("#role-continue").await;
    if !label.is_empty() {
        app.type_into("#vault-label", label).await;
    }
    app.click("#finish-setup").await;
    app.wait_for_css("#main[data-view='home'] #home-title").await;
    key
}

/// Unlocks from the lock screen with `passphrase` and waits for Home.
pub async fn unlock(app: &App, passphrase: &str) {
    app.type_into("#passphrase", passphrase).await;
    app.click("#unlock").await;
    app.wait_for_css("#main[data-view='home'] #home-title").await;
}

/// Writes a journal entry and waits for the "Saved" that follows the commit.
pub async fn write_entry(app: &App, title: &str, body: &str) {
    app.click("button.nav-link[data-view='journal']").await;
    app.click("#entry-new").await;
    app.type_into("#entry-title", title).await;
    app.type_into("#entry-body", body).await;
    app.wait_until(
        "the entry to be saved",
        "return document.getElementById('save-status').textContent === 'Saved'",
    )
    .await;
}

/// Opens the newest journal entry and returns its body once the editor holds it (an entry
/// is fetched whole when opened, so reading the editor at once could see it empty).
pub async fn open_first_entry(app: &App) -> serde_json::Value {
    app.click("button.nav-link[data-view='journal']").await;
    app.click(".entry-link").await;
    app.wait_until(
        "the entry opened",
        "return document.getElementById('entry-body')?.value || null",
    )
    .await
}

async fn page_text(app: &App) -> String {
    app.js("return document.documentElement.outerHTML + document.body.innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn first_run_then_lock_and_unlock_shows_the_same_entry() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    let key = create_vault(&app, "broke_trust", "R").await;
    assert!(regex_like_recovery_key(&key), "recovery key is shown grouped for writing down: {key}");
    assert_eq!(app.text("#home-title").await, "Doing the work", "Home follows the role");

    write_entry(&app, "Tuesday", "kitchen-window-7731").await;
    app.screenshot("journal-light").await;

    // Ctrl+L locks: the lock screen replaces everything, the entry is gone from the page.
    app.client.active_element().await.unwrap().send_keys("\u{E009}l").await.unwrap();
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    assert!(
        !page_text(&app).await.contains("kitchen-window-7731"),
        "content left in the DOM after lock"
    );
    assert_eq!(app.client.title().await.unwrap(), "Mend");
    let labels = app
        .js("return [...document.querySelectorAll('#vault-picker option')].map(o => o.textContent)")
        .await;
    assert_eq!(labels, json!(["R", "Another vault (passphrase only)"]));
    app.screenshot("lock-screen").await;

    // A wrong passphrase says so and opens nothing.
    app.type_into("#passphrase", "not the passphrase").await;
    app.click("#unlock").await;
    let error = app
        .wait_until(
            "an error",
            "return document.querySelector('[role=alert]:not([hidden])')?.textContent",
        )
        .await;
    assert_eq!(error, json!("That passphrase or recovery key did not open this vault."));
    assert!(app.client.find(fantoccini::Locator::Css(".sidebar")).await.is_err());

    unlock(&app, PASSPHRASE).await;
    assert_eq!(open_first_entry(&app).await, json!("kitchen-window-7731"));
    app.quit().await;
}

fn regex_like_recovery_key(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() >= 8
        && groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[tokio::test]
async fn escape_twice_hides_and_locks() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    write_entry(&app, "", "harbour-lights-5512").await;

    let body = app.wait_for_css("body").await;
    body.send_keys("\u{E00C}").await.unwrap();
    body.send_keys("\u{E00C}").await.unwrap();
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    assert!(!page_text(&app).await.contains("harbour-lights-5512"));
    // A hidden vault: no list of names on the lock screen.
    assert!(app.client.find(fantoccini::Locator::Css("#vault-picker")).await.is_err());
    unlock(&app, PASSPHRASE).await;
    app.quit().await;
}

#[tokio::test]
async fn idle_time_locks_by_itself() {
    let sandbox = Sandbox::new();
    let app = App::launch_with(&sandbox, &[("MEND_TEST_AUTOLOCK_SECONDS", "3")]).await;
    create_vault(&app, "both", "").await;
    // Nothing is typed or moved now; Rust's idle timer locks and the window follows.
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    assert!(app.client.find(fantoccini::Locator::Css(".sidebar")).await.is_err());
    app.quit().await;
}

#[tokio::test]
async fn a_second_process_cannot_open_a_vault_that_is_open() {
    let sandbox = Sandbox::new();
    let first = App::launch(&sandbox).await;
    create_vault(&first, "both", "Mine").await;
    // Another process on the same data folder (no session bus, so the single-instance
    // hand-over cannot catch it): the vault's lock file refuses it.
    let second =
        App::launch_with(&sandbox, &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")]).await;
    second.type_into("#passphrase", PASSPHRASE).await;
    second.click("#unlock").await;
    let error = second
        .wait_until(
            "an error",
            "return document.querySelector('[role=alert]:not([hidden])')?.textContent",
        )
        .await;
    assert_eq!(error, json!("This vault is open in another Mend window. Close it there first."));
    second.quit().await;
    first.quit().await;
}

/// Markup and script typed as text, into every text field the app has so far.
const MARKUP: &str =
    "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>&lt;b&gt;";

#[tokio::test]
async fn markup_typed_into_every_text_field_is_only_text() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", MARKUP).await;
    write_entry(&app, MARKUP, MARKUP).await;
    let listed = app.text(".entry-link .entry-title").await;
    assert_eq!(listed, MARKUP, "the title is shown exactly as typed");

    app.click("button.nav-link[data-view='settings']").await;
    app.type_into("#settings-label", "x").await;
    app.click("#settings-label-save").await;
    app.wait_until(
        "the name to save",
        "return document.getElementById('settings-status').textContent",
    )
    .await;
    app.type_into("#delete-confirm", MARKUP).await;
    app.click("#delete-vault").await;
    app.wait_until(
        "a refusal",
        "return document.querySelector('section[aria-labelledby=settings-delete] [role=alert]:not([hidden])')?.textContent",
    )
    .await;

    app.client.active_element().await.unwrap().send_keys("\u{E009}l").await.unwrap();
    app.wait_for_css("#vault-picker").await;
    let label = app.js("return document.querySelector('#vault-picker option').textContent").await;
    // The name field takes 40 characters; what it kept is shown as text.
    let kept: String = MARKUP.chars().take(40).collect();
    assert_eq!(label, json!(kept), "the lock-screen name is text");
    assert_eq!(
        app.js("return window.__pwned === undefined").await,
        json!(true),
        "typed markup ran"
    );
    assert_eq!(
        app.js("return document.querySelectorAll('img[src=x], main script').length").await,
        json!(0)
    );
    app.quit().await;
}

/// Files under `dir` whose bytes contain `needle` in UTF-8 or UTF-16 (either order).
/// Only files changed since `since` are read: the canary is new in this run, so older files
/// cannot hold it (this keeps shared folders such as a build cache in /var/tmp cheap).
fn files_containing(dir: &Path, needle: &str, since: std::time::SystemTime) -> Vec<String> {
    let forms: Vec<Vec<u8>> = vec![
        needle.as_bytes().to_vec(),
        needle.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        needle.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    ];
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if meta.is_file()
            && meta.len() < 512 * 1024 * 1024
            && meta.modified().is_ok_and(|m| m >= since)
        {
            if let Ok(bytes) = std::fs::read(&path) {
                if forms.iter().any(|f| bytes.windows(f.len()).any(|w| w == f.as_slice())) {
                    hits.push(path.display().to_string());
                }
            }
        }
    }
    hits
}

#[tokio::test]
async fn nothing_written_to_disk_holds_the_canary() {
    let started = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    let canary = format!("canary-{}-{}", std::process::id(), rand_suffix());
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "C").await;
    write_entry(&app, &canary, &format!("{canary} in the body too")).await;

    // The scanner itself finds the canary in UTF-8 and in UTF-16.
    let probe = tempfile::tempdir().unwrap();
    std::fs::write(probe.path().join("utf8"), format!("x{canary}x")).unwrap();
    let utf16: Vec<u8> = canary.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(probe.path().join("utf16"), utf16).unwrap();
    assert_eq!(files_containing(probe.path(), &canary, started).len(), 2, "the scan works");
    drop(probe);

    // While unlocked, before any checkpoint: the WAL and database are encrypted too.
    let places = sandbox.all_written_places();
    for place in &places {
        assert_eq!(
            files_containing(place, &canary, started),
            Vec::<String>::new(),
            "while unlocked"
        );
    }
    assert!(sandbox.data_dir().join("vaults").is_dir(), "the vault was written where expected");

    app.client.active_element().await.unwrap().send_keys("\u{E009}l").await.unwrap();
    app.wait_for_css("#passphrase").await;
    app.quit().await;
    // After lock and quit: the sandbox (home, XDG data/cache/config, runtime dir, data
    // folder) and the shared temp folder hold no trace.
    for place in
        places.iter().map(|p| p.as_path()).chain([Path::new("/tmp"), Path::new("/var/tmp")])
    {
        assert_eq!(
            files_containing(place, &canary, started),
            Vec::<String>::new(),
            "after quit in {}",
            place.display()
        );
    }
}

fn rand_suffix() -> String {
    let mut bytes = [0u8; 8];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
