//! Therapy readiness in the real window: the checklist, GAD-7 and PHQ-9 (with crisis
//! lines shown at once for PHQ-9 item 9), history, the session-prep preview and PDF, and
//! crisis help one click away on every screen.

use crate::harness::{App, Sandbox};
use crate::vault::create_vault;
use serde_json::json;

async fn go(app: &App, view: &str) {
    app.click(&format!("button.nav-link[data-view='{view}']")).await;
    app.wait_for_css(&format!("#main[data-view='{view}']")).await;
}

async fn pick(app: &App, name: &str, value: u8) {
    app.click(&format!("input[name='{name}'][value='{value}']")).await;
}

#[tokio::test]
async fn phq9_item_nine_shows_crisis_lines_before_any_total() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "phq9").await;
    app.wait_for_css("input[name='item-8']").await;
    assert_eq!(app.js("return document.getElementById('urgent-help').hidden").await, json!(true));

    pick(&app, "item-8", 1).await;
    app.wait_until("crisis lines", "return !document.getElementById('urgent-help').hidden").await;
    let urgent = app.text("#urgent-help").await;
    assert!(urgent.contains("988") || urgent.contains("116 123"), "lines are listed: {urgent}");
    let outcome = app.text("#screener-outcome").await;
    assert!(outcome.starts_with("1 of 9 answered"), "no total for a partial set: {outcome}");

    for item in 0..8 {
        pick(&app, &format!("item-{item}"), 1).await;
    }
    app.wait_until(
        "a total",
        "return document.getElementById('screener-outcome').textContent.startsWith('Total 9')",
    )
    .await;
    assert!(app.text("#screener-outcome").await.contains("Mild"));
    app.screenshot("phq9-light").await;
    app.click("#screener-save").await;
    app.wait_until(
        "Saved",
        "return document.getElementById('save-status').textContent === 'Saved'",
    )
    .await;

    go(&app, "gad7").await;
    pick(&app, "item-0", 2).await;
    app.wait_until(
        "partial",
        "return document.getElementById('screener-outcome').textContent.startsWith('1 of 7')",
    )
    .await;
    app.click("#screener-save").await;
    app.wait_until(
        "Saved",
        "return document.getElementById('save-status').textContent === 'Saved'",
    )
    .await;

    go(&app, "history").await;
    app.wait_for_css("#history-list li[data-kind='phq9']").await;
    let history = app.text("#history-list").await;
    assert!(history.contains("Total 9"), "{history}");
    assert!(history.contains("Incomplete (1 of 7 answered)"), "{history}");
    app.wait_for_css("svg.history-chart circle.history-dot").await;
    app.screenshot("history-light").await;
    app.quit().await;
}

#[tokio::test]
async fn checklist_names_the_signs_without_a_score() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "checklist").await;
    app.wait_for_css("input[name='often-sleep_or_eating']").await;
    pick(&app, "often-sleep_or_eating", 3).await;
    app.wait_for_css("#checklist-present li").await;
    let result = app.text("#checklist-result").await;
    assert!(result.to_lowercase().contains("sleep"), "{result}");
    for word in ["score", "diagnos"] {
        let shown = result.to_lowercase().replace("not a diagnosis", "");
        assert!(!shown.contains(word), "the checklist result reads like a verdict: {result}");
    }
    app.screenshot("checklist-light").await;
    app.click("#checklist-save").await;
    app.wait_until(
        "Saved",
        "return document.getElementById('save-status').textContent === 'Saved'",
    )
    .await;
    app.quit().await;
}

#[tokio::test]
async fn session_prep_previews_only_what_is_chosen_and_saves_a_pdf() {
    let sandbox = Sandbox::new();
    let out = tempfile::tempdir().unwrap();
    let app =
        App::launch_with(&sandbox, &[("MEND_TEST_DIALOG_DIR", out.path().to_str().unwrap())]).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "prep").await;
    app.wait_for_css("#sheet-preview #sheet").await;
    let empty = app.text("#sheet-preview").await;
    assert!(!empty.contains("What brings me"), "nothing is included until chosen: {empty}");
    assert!(!empty.contains("Mend"), "no app name unless asked: {empty}");

    app.click("#include-whatBringsMe").await;
    app.type_into("#prep-what", "Since March I cannot stop checking <b>everything</b>").await;
    app.click("#include-questions").await;
    app.type_into("#prep-questions", "How do I stop the spiral at night?").await;
    app.wait_until("the preview", "return document.getElementById('sheet-preview').textContent.includes('cannot stop checking <b>everything</b>')").await;
    assert!(app.text("#sheet-preview").await.contains("How do I stop the spiral at night?"));
    app.screenshot("session-prep-light").await;

    app.click("#prep-pdf").await;
    assert!(app.text("#pdf-warning").await.contains("not encrypted"));
    app.click("#pdf-confirm").await;
    app.wait_until(
        "the PDF",
        "return document.getElementById('save-status').textContent.startsWith('PDF saved')",
    )
    .await;
    let pdf =
        std::fs::read(out.path().join("notes-for-my-session.pdf")).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"));
    app.quit().await;
}

#[tokio::test]
async fn crisis_help_is_one_click_from_every_screen() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "").await;
    let views = app
        .js("return [...document.querySelectorAll('button.nav-link')].map(b => b.dataset.view)")
        .await;
    let views: Vec<String> = serde_json::from_value(views).unwrap();
    assert!(views.len() >= 15, "every section is in the sidebar: {views:?}");
    for view in views {
        go(&app, &view).await;
        app.click("#crisis-button").await;
        app.wait_until(
            &format!("the crisis dialog on {view}"),
            "return document.getElementById('crisis-dialog').open",
        )
        .await;
        app.js("document.getElementById('crisis-dialog').close()").await;
    }
    app.click("#lock-button").await;
    app.wait_for_css("#main[data-view='lock']").await;
    app.click("#crisis-button").await;
    app.wait_until(
        "the crisis dialog on the lock screen",
        "return document.getElementById('crisis-dialog').open",
    )
    .await;
    app.quit().await;
}
