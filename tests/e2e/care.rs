//! First use and care in the real window. In a new, empty vault every tool opens on an
//! empty state that says what the tool is for, how it fits healing after a betrayal, and
//! offers one button that starts (the button is pressed and does what it says). Crisis
//! help is in the top bar on every screen, locked and unlocked, and the words the window
//! shows follow the care rules (see tests/care_words.rs for the same rules over sources).
//! Screenshots of every empty screen in both themes are left for a person to look at.

use crate::harness::App;
use crate::harness::Sandbox;
use crate::vault::{create_vault, unlock, PASSPHRASE};
use serde_json::json;

/// Each screen and the element that welcomes a newcomer to it.
const SCREENS: &[(&str, &str)] = &[
    ("home", "#home-first-use"),
    ("checkin", "#checkin-empty"),
    ("waves", "#waves-empty"),
    ("triggers", "#triggers-empty"),
    ("needs", "#doc-empty"),
    ("journal", "#journal-empty"),
    ("recommitment", "#doc-empty"),
    ("accountability", "#doc-empty"),
    ("honesty", "#doc-empty"),
    ("apology", "#apology-empty"),
    ("questions", "#questions-empty"),
    ("rewoo", "#rewoo-empty"),
    ("checklist", "#checklist-first-use"),
    ("gad7", "#screener-outcome"),
    ("phq9", "#screener-outcome"),
    ("history", "#history-empty"),
    ("prep", "#prep-empty"),
    ("settings", "#backup-help"),
];

/// Words and marks the window never shows (see UI.md, "Tone of every word").
const NEVER: &[&str] = &["should", "streak", "progress", "by now", "get over", "move on"];

async fn go(app: &App, view: &str) {
    app.click(&format!("button.nav-link[data-view='{view}']")).await;
    app.wait_for_css(&format!("#main[data-view='{view}']")).await;
}

async fn crisis_help_is_in_the_top_bar(app: &App, screen: &str) {
    let shown = app
        .js("const b = document.querySelector('.top-bar #crisis-button'); return Boolean(b && b.getClientRects().length > 0 && b.textContent === 'Crisis help');")
        .await;
    assert_eq!(shown, json!(true), "crisis help is one click away on {screen}");
}

async fn words_follow_the_care_rules(app: &App, screen: &str) {
    let text = app.js("return document.getElementById('main').innerText").await;
    let text = text.as_str().unwrap_or_default().to_string();
    assert!(!text.trim().is_empty(), "{screen} shows something");
    let lower = text.to_lowercase();
    for word in NEVER {
        assert!(!lower.contains(word), "{screen} says {word:?}: {text}");
    }
    let shouts = app.js("return /\\p{L}!/u.test(document.getElementById('main').innerText)").await;
    assert_eq!(shouts, json!(false), "{screen} cheers with an exclamation mark: {text}");
}

/// Presses the empty state's start button and checks it started something: focus moved
/// into a field of this screen, or the window went to the tool it names.
async fn start_button_starts(app: &App, view: &str, card: &str) {
    let start = format!("{card} button");
    app.click(&start).await;
    app.wait_until(
        &format!("{view}'s start button to start"),
        &format!(
            "const a = document.activeElement; const main = document.getElementById('main');
             return main.dataset.view !== '{view}'
               || (main.contains(a) && ['INPUT', 'TEXTAREA', 'SELECT'].includes(a.tagName));"
        ),
    )
    .await;
}

async fn both_themes(app: &App, name: &str) {
    app.js("document.documentElement.dataset.theme = 'light'").await;
    app.painted().await;
    app.screenshot(&format!("{name}-light")).await;
    app.js("document.documentElement.dataset.theme = 'dark'").await;
    app.painted().await;
    app.screenshot(&format!("{name}-dark")).await;
    app.js("document.documentElement.dataset.theme = 'light'").await;
}

#[tokio::test]
async fn every_tool_welcomes_a_newcomer_and_crisis_help_is_always_there() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    app.wait_for_css("#welcome-title").await;
    crisis_help_is_in_the_top_bar(&app, "the welcome screen").await;
    create_vault(&app, "both", "").await;

    for (view, welcome) in SCREENS {
        if *view != "home" {
            go(&app, view).await;
        }
        let card = app.wait_for_visible(welcome).await;
        let words = card.text().await.expect("welcome text");
        assert!(words.len() > 40, "{view} says what it is for: {words:?}");
        crisis_help_is_in_the_top_bar(&app, view).await;
        words_follow_the_care_rules(&app, view).await;
        app.js(&format!(
            "document.querySelector('{welcome}').scrollIntoView({{ block: 'center' }})"
        ))
        .await;
        both_themes(&app, &format!("empty-{view}")).await;

        let is_card = app
            .js(&format!("return document.querySelector('{welcome}').classList.contains('empty')"))
            .await;
        if is_card == json!(true) {
            let parts = app
                .js(&format!(
                    "const c = document.querySelector('{welcome}');
                     return [c.querySelectorAll('p').length, c.querySelectorAll('button').length];"
                ))
                .await;
            assert_eq!(parts, json!([2, 1]), "{view}: what it is for, how it fits, one button");
            start_button_starts(&app, view, welcome).await;
        }
    }

    // The questionnaires explain themselves before the first answer, and a total is
    // framed as a screening range to talk over, never as a diagnosis.
    go(&app, "gad7").await;
    let outcome = app.text("#screener-outcome").await;
    assert!(outcome.starts_with("Answer each question"), "{outcome}");
    for item in 0..7 {
        app.click(&format!("input[name='item-{item}'][value='1']")).await;
    }
    app.wait_until(
        "a total",
        "return document.getElementById('screener-outcome').textContent.startsWith('Total 7 of 21')",
    )
    .await;
    let result = app.text("#screener-result").await;
    assert!(result.contains("in the range the questionnaire calls “Mild”"), "{result}");
    assert!(result.contains("screening result") && result.contains("not a diagnosis"), "{result}");
    words_follow_the_care_rules(&app, "a GAD-7 total").await;
    app.js("document.getElementById('screener-result').scrollIntoView({ block: 'center' })").await;
    both_themes(&app, "screener-result").await;

    app.click("#lock-button").await;
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    crisis_help_is_in_the_top_bar(&app, "the lock screen").await;
    unlock(&app, PASSPHRASE).await;
    crisis_help_is_in_the_top_bar(&app, "home after unlocking").await;
    app.quit().await;
}
