//! Markup and script typed into every text field of every screen is stored and shown as
//! text, and never runs: not while typing, not when saved, not when drawn again after a
//! lock and unlock.

use crate::harness::{App, Sandbox};
use crate::vault::{create_vault, unlock, PASSPHRASE};
use serde_json::json;

const MARKUP: &str = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>";

/// Buttons that open an editor before its fields exist.
const OPENERS: &str = "#entry-new, #apology-new";
/// Buttons that save what was typed (other screens save by themselves).
const SAVERS: [&str; 4] = ["#checkin-save", "#trigger-save", "#question-save", "#rewoo-add"];

async fn views(app: &App) -> Vec<String> {
    let v = app
        .js("return [...document.querySelectorAll('button.nav-link')].map(b => b.dataset.view)")
        .await;
    serde_json::from_value(v).unwrap()
}

async fn go(app: &App, view: &str) {
    app.click(&format!("button.nav-link[data-view='{view}']")).await;
    app.wait_for_css(&format!("#main[data-view='{view}']")).await;
    app.painted().await;
}

async fn assert_nothing_ran(app: &App, when: &str) {
    assert_eq!(
        app.js("return window.__pwned === undefined").await,
        json!(true),
        "typed script ran {when}"
    );
    assert_eq!(
        app.js("return document.querySelectorAll('img[src=x], main script').length").await,
        json!(0),
        "markup became elements {when}"
    );
}

#[tokio::test]
async fn markup_in_every_text_field_of_every_screen_stays_text() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "").await;
    let mut typed = 0;
    for view in views(&app).await {
        go(&app, &view).await;
        // Give screens that load their fields from Rust a moment to draw them.
        app.wait_until(
            "the screen to load",
            "return document.querySelector('#main .content') !== null",
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let opened = app
            .js(&format!(
                "const b = document.querySelector('{OPENERS}'); if (b) b.click(); return !!b;"
            ))
            .await;
        if opened == json!(true) {
            app.painted().await;
        }
        let fields = app
            .js("return [...document.querySelectorAll('#main textarea, #main input[type=text], #main input[type=search], #main input:not([type])')]
                 .filter(f => !f.disabled && f.offsetParent !== null && f.id).map(f => f.id)")
            .await;
        let fields: Vec<String> = serde_json::from_value(fields).unwrap();
        for id in fields {
            if id == "delete-confirm" {
                continue; // typed there, the vault would not be deleted, but nothing is stored either
            }
            app.type_into(&format!("#{id}"), MARKUP).await;
            typed += 1;
        }
        for saver in SAVERS {
            let _ = app.js(&format!("document.querySelector('{saver}')?.click()")).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(900)).await;
        assert_nothing_ran(&app, &format!("on {view}")).await;
    }
    assert!(typed >= 30, "only {typed} text fields were found");

    // Drawn again from the vault after a lock.
    app.click("#lock-button").await;
    app.wait_for_css("#passphrase").await;
    unlock(&app, PASSPHRASE).await;
    for view in views(&app).await {
        go(&app, &view).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_nothing_ran(&app, &format!("when {view} was drawn again")).await;
    }
    go(&app, "journal").await;
    app.wait_for_css(".entry-link").await;
    assert!(
        app.text(".entry-link .entry-title").await.contains("<script>"),
        "the title is shown as typed"
    );
    app.quit().await;
}
