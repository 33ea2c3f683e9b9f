//! The apology helper in the real window: the live checker marks a flawed sentence and
//! explains it, clears when it is fixed, the builder makes a draft, the cool-off holds
//! "ready" back, and drafts survive a lock.

use crate::harness::{App, Sandbox};
use crate::vault::{create_vault, unlock, PASSPHRASE};
use serde_json::json;

async fn kinds(app: &App) -> Vec<String> {
    let v = app.js("return [...document.querySelectorAll('#apology-findings [data-kind]')].map(li => li.dataset.kind)").await;
    serde_json::from_value(v).unwrap()
}

#[tokio::test]
async fn the_checker_marks_a_non_apology_and_clears_when_it_is_fixed() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "broke_trust", "").await;
    app.click("button.nav-link[data-view='apology']").await;
    app.click("#apology-new").await;
    app.type_into("#apology-body", "I'm sorry if you were hurt, but you made me feel ignored.")
        .await;
    app.wait_until(
        "findings",
        "return document.querySelectorAll('#apology-findings [data-kind]').length >= 2",
    )
    .await;
    let found = kinds(&app).await;
    assert!(found.contains(&"conditional".to_string()), "{found:?}");
    assert!(
        found.contains(&"blame_shift".to_string()) || found.contains(&"but_clause".to_string()),
        "{found:?}"
    );
    let marked = app
        .js("return [...document.querySelectorAll('#apology-marked mark')].map(m => m.textContent)")
        .await;
    assert!(!marked.as_array().unwrap().is_empty(), "the text is marked in place");
    let why = app.text("#apology-findings .finding-item p").await;
    assert!(!why.is_empty(), "each finding is explained");
    let missing = app.js("return document.querySelector('[data-component=responsibility]').classList.contains('missing')").await;
    assert_eq!(missing, json!(true), "missing responsibility is shown prominently");
    app.screenshot("apology-flagged-light").await;

    app.js("const b = document.getElementById('apology-body'); b.value = ''; b.dispatchEvent(new Event('input'));").await;
    app.type_into(
        "#apology-body",
        "I lied to you for months about the messages. It was my choice and I take full responsibility. \
         I am deeply sorry for the pain it caused you. I have started seeing a counsellor and I will answer \
         every question you have, for as long as you need.",
    )
    .await;
    // Wait for the check of the whole new text (an empty text also shows no findings).
    app.wait_until(
        "the fixed text to be checked",
        "return document.getElementById('apology-marked').textContent.includes('as long as you need')
            && document.getElementById('no-findings') !== null",
    )
    .await;
    assert_eq!(kinds(&app).await, Vec::<String>::new());
    let responsibility = app.js("return document.querySelector('[data-component=responsibility]').classList.contains('present')").await;
    assert_eq!(responsibility, json!(true));
    app.wait_until(
        "Saved",
        "return document.getElementById('save-status').textContent === 'Saved'",
    )
    .await;
    // The default cool-off holds "ready" back on a new draft.
    assert_eq!(
        app.js("return document.getElementById('apology-mark-ready').disabled").await,
        json!(true)
    );
    app.screenshot("apology-clean-light").await;

    app.click("#lock-button").await;
    app.wait_for_css("#passphrase").await;
    unlock(&app, PASSPHRASE).await;
    app.click("button.nav-link[data-view='apology']").await;
    app.click("#apology-list .entry-link").await;
    let body = app
        .wait_until("the draft to open", "return document.getElementById('apology-body').value")
        .await;
    assert!(body.as_str().unwrap().starts_with("I lied to you for months"), "{body}");
    app.quit().await;
}

#[tokio::test]
async fn the_builder_makes_a_draft_and_no_cool_off_allows_ready() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "broke_trust", "").await;
    app.click("button.nav-link[data-view='settings']").await;
    app.wait_for_css("#settings-cool-off").await;
    app.js("const s = document.getElementById('settings-cool-off'); s.value = '0'; s.dispatchEvent(new Event('change'));").await;
    app.wait_until(
        "saved",
        "return document.getElementById('apology-settings-status').textContent",
    )
    .await;

    app.click("button.nav-link[data-view='apology']").await;
    app.click("#apology-builder").await;
    app.type_into("#step-behavior", "I kept a second phone and hid an affair from you for a year.")
        .await;
    app.type_into(
        "#step-repair",
        "I will keep my own accountability group and answer your questions openly.",
    )
    .await;
    app.click("#builder-assemble").await;
    app.wait_until(
        "the draft",
        "return document.getElementById('apology-body')?.value.includes('second phone')",
    )
    .await;
    app.click("#apology-mark-ready").await;
    app.wait_until("ready", "return document.getElementById('apology-unready') !== null").await;
    app.quit().await;
}
