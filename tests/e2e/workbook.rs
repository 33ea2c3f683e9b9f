//! The self-care workbook in the real window: each section is used, survives a lock and
//! unlock, and (for the journal) is found by search. Screenshots of each section in both
//! themes are left for a person to look at.

use crate::harness::{App, Sandbox};
use crate::vault::{create_vault, unlock, write_entry, PASSPHRASE};
use serde_json::json;

async fn go(app: &App, view: &str) {
    app.click(&format!("button.nav-link[data-view='{view}']")).await;
    app.wait_for_css(&format!("#main[data-view='{view}']")).await;
}

async fn lock_and_unlock(app: &App) {
    app.click("#lock-button").await;
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    unlock(app, PASSPHRASE).await;
}

async fn saved(app: &App) {
    app.wait_until(
        "Saved",
        "return document.getElementById('save-status')?.textContent === 'Saved'",
    )
    .await;
}

async fn set_range(app: &App, id: &str, value: u8) {
    app.js(&format!(
        "const r = document.getElementById('{id}'); r.value = {value}; r.dispatchEvent(new Event('input'));"
    ))
    .await;
}

async fn both_themes(app: &App, name: &str) {
    app.js("document.documentElement.dataset.theme = 'light'").await;
    app.screenshot(&format!("{name}-light")).await;
    app.js("document.documentElement.dataset.theme = 'dark'").await;
    app.screenshot(&format!("{name}-dark")).await;
    app.js("document.documentElement.dataset.theme = 'light'").await;
}

#[tokio::test]
async fn check_ins_are_kept_and_drawn_as_waves() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "checkin").await;
    set_range(&app, "emotion-anger", 7).await;
    set_range(&app, "emotion-hope", 3).await;
    app.type_into("#checkin-note", "rough morning, better walk").await;
    app.click("#checkin-save").await;
    saved(&app).await;
    // The list is read again once the save has answered: wait until it shows this one.
    app.wait_until(
        "the check-in listed",
        "return (document.getElementById('checkin-list')?.textContent || '').includes('Anger 7')",
    )
    .await;
    let listed = app.text("#checkin-list").await;
    assert!(listed.contains("Anger 7") && listed.contains("Hope 3"), "{listed}");
    assert!(!listed.contains("Fear"), "feelings not noted stay out: {listed}");
    both_themes(&app, "checkin").await;

    lock_and_unlock(&app).await;
    go(&app, "checkin").await;
    assert!(app.text("#checkin-list").await.contains("rough morning, better walk"));

    go(&app, "waves").await;
    app.wait_for_css("#waves-chart svg circle.wave-anger").await;
    let summary = app.text("#waves-summary").await;
    assert!(!summary.is_empty());
    for word in ["better", "worse", "progress", "streak", "should"] {
        assert!(!summary.to_lowercase().contains(word), "summary passes a verdict: {summary}");
    }
    app.click(".segmented button[data-range='1y']").await;
    app.wait_until("the year view", "return document.querySelector(\".segmented [data-range='1y']\").getAttribute('aria-pressed') === 'true'").await;
    both_themes(&app, "waves").await;
    app.quit().await;
}

#[tokio::test]
async fn triggers_are_logged_with_patterns() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "triggers").await;
    app.js("document.getElementById('trigger-category').value = 'phone'").await;
    app.type_into("#trigger-situation", "They picked up the phone during our film").await;
    app.type_into("#trigger-feelings", "rejected, flooded").await;
    set_range(&app, "trigger-intensity", 8).await;
    app.type_into("#trigger-helped", "Going for a walk").await;
    app.type_into("#trigger-needed", "To be told who it was").await;
    app.click("#trigger-save").await;
    saved(&app).await;
    // The patterns are asked for again once the save has answered: wait for them to be
    // drawn (read at once, they could still be the empty ones from before the save).
    app.wait_until(
        "the months-later note",
        "return (document.getElementById('trigger-patterns')?.textContent || '').includes('months')",
    )
    .await;
    app.wait_until(
        "what helped, listed",
        "return (document.getElementById('helped-list')?.textContent || '').toLowerCase().includes('going for a walk')",
    )
    .await;
    both_themes(&app, "triggers").await;
    lock_and_unlock(&app).await;
    go(&app, "triggers").await;
    assert!(app.text("#trigger-list").await.contains("They picked up the phone during our film"));
    app.quit().await;
}

#[tokio::test]
async fn needs_and_boundaries_are_saved_by_themselves() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "needs").await;
    app.type_into("#doc-relationship", "To feel safe asking questions").await;
    app.type_into("#doc-wontTolerate", "Being told to get over it").await;
    saved(&app).await;
    both_themes(&app, "needs").await;
    lock_and_unlock(&app).await;
    go(&app, "needs").await;
    app.wait_until("the saved text", "return document.getElementById('doc-relationship').value")
        .await;
    assert_eq!(
        app.js("return document.getElementById('doc-wontTolerate').value").await,
        json!("Being told to get over it")
    );
    app.quit().await;
}

#[tokio::test]
async fn journal_search_marks_what_it_found() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "").await;
    write_entry(&app, "Lighthouse", "We walked to the lighthouse and talked for an hour").await;
    app.click("#entry-new").await;
    app.type_into("#entry-title", "Groceries").await;
    app.type_into("#entry-body", "Nothing special today").await;
    saved(&app).await;

    app.type_into("#journal-search", "lighthou").await;
    app.wait_until(
        "one result",
        "return document.getElementById('journal-count').textContent === '1 found'",
    )
    .await;
    let marked = app.js("return [...document.querySelectorAll('#entry-list mark')].map(m => m.textContent.toLowerCase())").await;
    assert!(
        marked.as_array().unwrap().iter().any(|m| m.as_str().unwrap().starts_with("lighthou")),
        "{marked}"
    );
    both_themes(&app, "journal-search").await;

    // From the top bar too, after a lock.
    lock_and_unlock(&app).await;
    app.type_into("#top-search", "groceries\u{E007}").await;
    app.wait_until(
        "the top-bar search",
        "return document.getElementById('journal-count')?.textContent === '1 found'",
    )
    .await;
    app.quit().await;
}

#[tokio::test]
async fn tools_for_the_partner_who_broke_trust() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "broke_trust", "").await;
    let first_group = app
        .js("return document.querySelector('.nav-group:nth-child(2) .nav-heading').textContent")
        .await;
    assert_eq!(first_group, json!("If you broke trust"), "their tools come first for this role");

    go(&app, "accountability").await;
    app.type_into("#doc-mySystems", "My partner can check my phone whenever she wants").await;
    saved(&app).await;
    app.wait_until("the gentle note", "return !document.getElementById('monitoring-note').hidden")
        .await;
    both_themes(&app, "accountability").await;

    go(&app, "questions").await;
    app.type_into("#question-text", "Did you see her again after March?").await;
    app.type_into("#question-answer", "Once, in April, to end it.").await;
    app.click("#question-save").await;
    saved(&app).await;
    app.type_into("#question-text", "Did you see her after March again").await;
    app.wait_until(
        "the asked-before note",
        "return !document.getElementById('asked-before').hidden",
    )
    .await;
    assert!(app.text("#asked-before").await.contains("Once, in April, to end it."));
    both_themes(&app, "questions").await;

    go(&app, "rewoo").await;
    app.type_into("#rewoo-plan", "Cook the lentil soup she loves").await;
    app.click("#rewoo-add").await;
    saved(&app).await;
    app.click("#rewoo-planned input[type=checkbox]").await;
    app.wait_until(
        "it to move to Done",
        "return document.getElementById('rewoo-done').textContent.includes('lentil soup')",
    )
    .await;
    both_themes(&app, "rewoo").await;

    lock_and_unlock(&app).await;
    go(&app, "questions").await;
    assert!(app.text("#question-list").await.contains("Did you see her again after March?"));
    go(&app, "honesty").await;
    app.type_into("#doc-nextStep", "Tell her about the second phone").await;
    saved(&app).await;
    go(&app, "recommitment").await;
    app.type_into("#doc-whyStay", "Because I want the life we built").await;
    saved(&app).await;
    both_themes(&app, "recommitment").await;
    go(&app, "home").await;
    both_themes(&app, "home").await;
    app.quit().await;
}

#[tokio::test]
async fn search_shows_older_matches_page_by_page() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "").await;
    // 57 matching entries and 101 that don't (set up over IPC; typing them would only slow
    // the test).
    app.js(
        "window.seeded = null; \
         const save = (title, body) => window.__TAURI__.core.invoke('journal_save', \
           { entry: { id: null, title, body, section: 'free', prompt: null } }); \
         Promise.all([...Array(57).keys()].map((i) => save(`Harbour walk ${i}`, 'We walked to the lighthouse.')) \
           .concat([...Array(101).keys()].map((i) => save(`Groceries ${i}`, 'Bread and apples.')))) \
           .then(() => { window.seeded = true; }, (e) => { window.seeded = JSON.stringify(e); });",
    )
    .await;
    let seeded = app.wait_until("the entries saved", "return window.seeded").await;
    assert_eq!(seeded, json!(true));
    go(&app, "journal").await;
    app.type_into("#journal-search", "lighthouse").await;
    let first = app
        .wait_until(
            "the first page",
            "const c = document.getElementById('journal-count').textContent; \
             return c.includes('shown') ? c : null",
        )
        .await;
    assert_eq!(first, json!("50 shown, newest first"));
    let shown = "return document.querySelectorAll('#entry-list button.entry-link').length";
    assert_eq!(app.js(shown).await, json!(50));
    app.click("#journal-more").await;
    let all = app
        .wait_until(
            "the older matches",
            "const c = document.getElementById('journal-count').textContent; \
             return c.includes('found') ? c : null",
        )
        .await;
    assert_eq!(all, json!("57 found"));
    assert_eq!(app.js(shown).await, json!(57));
    let distinct = app
        .js("return new Set([...document.querySelectorAll('#entry-list button.entry-link')].map((b) => b.dataset.id)).size")
        .await;
    assert_eq!(distinct, json!(57), "no entry is shown twice");
    let more_hidden = app.js("return document.getElementById('journal-more').hidden").await;
    assert_eq!(more_hidden, json!(true), "nothing older is left to show");

    // Without a search, the list draws the newest fifty and more on request.
    app.js("const s = document.getElementById('journal-search'); s.value = ''; \
         s.dispatchEvent(new Event('input'));")
        .await;
    let partial = app
        .wait_until(
            "the newest fifty",
            "const c = document.getElementById('journal-count').textContent; \
             return c.startsWith('Newest') ? c : null",
        )
        .await;
    assert_eq!(partial, json!("Newest 50 of 158"));
    assert_eq!(app.js(shown).await, json!(50));
    for expected in [100, 150, 158] {
        app.click("#journal-more").await;
        app.wait_until("the next entries", &format!("{shown} === {expected} || null")).await;
    }
    let count = app.js("return document.getElementById('journal-count').textContent").await;
    assert_eq!(count, json!(""), "everything is shown");
    let more_hidden = app.js("return document.getElementById('journal-more').hidden").await;
    assert_eq!(more_hidden, json!(true));
    app.quit().await;
}
