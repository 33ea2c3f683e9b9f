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

/// Runs `xdotool` on the test display.
fn xdotool(args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool is installed (Debian package xdotool; `cargo xtask test` installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn print_opens_the_system_dialog_and_puts_only_the_sheet_on_paper() {
    let sandbox = Sandbox::new();
    // Alone on the display: the dialog is driven by clicks at its positions, and a window
    // opened by another test on top of it would take them.
    let app = App::launch_alone(&sandbox).await;
    create_vault(&app, "betrayed", "").await;
    go(&app, "prep").await;
    app.wait_for_css("#sheet-preview #sheet").await;
    app.click("#include-whatBringsMe").await;
    app.type_into("#prep-what", "Words meant for paper only").await;
    app.wait_until(
        "the preview",
        "return document.getElementById('sheet-preview').textContent.includes('for paper only')",
    )
    .await;

    // GTK's "Print to File" writes output.pdf into the app's working folder (this crate).
    let output = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("output.pdf");
    let _ = std::fs::remove_file(&output);
    let print = app.wait_for_css("#prep-print").await;
    // The dialog is modal, so the click may only return once it closes.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), print.click()).await;
    let deadline = std::time::Instant::now() + crate::harness::PATIENCE;
    let dialog = loop {
        let found = xdotool(&["search", "--name", "^Print$"]);
        if let Some(id) = found.lines().last() {
            break id.to_owned();
        }
        assert!(std::time::Instant::now() < deadline, "the system print dialog did not open");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    // Choose "Print to File" (the first printer row), then Print.
    xdotool(&["mousemove", "--window", &dialog, "80", "86", "click", "1"]);
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    xdotool(&["mousemove", "--window", &dialog, "580", "486", "click", "1"]);
    let deadline = std::time::Instant::now() + crate::harness::PATIENCE;
    while !output.is_file() || std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0) == 0 {
        assert!(std::time::Instant::now() < deadline, "printing to a file produced nothing");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let text =
        std::process::Command::new("pdftotext").arg(&output).arg("-").output().expect("pdftotext");
    let pdfinfo = std::process::Command::new("pdfinfo").arg(&output).output().expect("pdfinfo");
    let _ = std::fs::remove_file(&output);
    let text = String::from_utf8_lossy(&text.stdout);
    let info = String::from_utf8_lossy(&pdfinfo.stdout);
    assert!(
        text.contains("Words meant for paper only")
            && text.contains("Notes for my therapy session"),
        "{text}"
    );
    for screen_only in ["Crisis help", "Session prep", "On the sheet", "Lock"] {
        assert!(
            !text.contains(screen_only),
            "the printout holds screen furniture ({screen_only}): {text}"
        );
    }
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "one page: {info}");
    app.quit().await;
}
