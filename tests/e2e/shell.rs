//! The window itself: it loads `ui/`, talks to Rust, follows the theme, keeps its
//! security policy, offers crisis help, and stays a single instance.

use crate::harness::{app_binary, App, Sandbox, PATIENCE};
use serde_json::json;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test]
async fn window_loads_the_ui_and_answers_over_ipc() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;

    assert_eq!(app.client.title().await.unwrap(), "Mend", "window title is always just Mend");
    assert_eq!(app.text("#welcome-title").await, "Mend");
    // The version comes back from Rust through `app_info`: proof of a real IPC round trip.
    let version = app
        .wait_until(
            "the version from IPC",
            "return document.getElementById('app-version').textContent",
        )
        .await;
    assert_eq!(version, json!(format!("Mend {}", env!("CARGO_PKG_VERSION"))));
    // The page really is ui/index.html served by Tauri, with our stylesheet applied.
    let sheet = app.js("return [...document.styleSheets].map(s => s.href).join(' ')").await;
    assert!(sheet.as_str().unwrap_or_default().ends_with("styles.css"), "stylesheet: {sheet}");
    app.quit().await;
}

/// The IPC path as the page meets it: a name the capability file does not grant is refused
/// by Tauri's ACL before Mend's dispatcher sees it (which would say "Command … not found"),
/// arguments are checked with Tauri's words, and answers and errors keep their JSON, from
/// commands on the window's thread (`settings_get`) and on a worker (`vault_unlock`).
#[tokio::test]
async fn ipc_refuses_ungranted_names_and_answers_in_the_usual_shapes() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    app.js("window.answers = null; \
         const call = (cmd, args) => window.__TAURI__.core.invoke(cmd, args) \
           .then((ok) => ({ ok }), (err) => ({ err })); \
         Promise.all([ \
           call('not_a_command'), \
           call('journal_get'), \
           call('journal_get', { id: 'seven' }), \
           call('settings_get'), \
           call('vault_unlock', { id: 'no-such-vault', passphrase: 'a passphrase' }), \
           call('readiness_list'), \
           call('apology_check', { text: 'I am sorry.' }), \
         ]).then((a) => { window.answers = a; });")
        .await;
    let answers = app.wait_until("the IPC answers", "return window.answers").await;
    let refused = answers[0]["err"].as_str().unwrap_or_default();
    assert!(refused.contains("not allowed"), "refused by the ACL, not by Mend: {answers}");
    assert_eq!(
        answers[1],
        json!({ "err": "invalid args `id` for command `journal_get`: \
                        command journal_get missing required key id" })
    );
    assert_eq!(
        answers[2],
        json!({ "err": "invalid args `id` for command `journal_get`: \
                        invalid type: string \"seven\", expected i64" })
    );
    assert_eq!(answers[3], json!({ "err": { "kind": "locked", "message": "Mend is locked." } }));
    assert_eq!(answers[4]["err"]["kind"], json!("notFound"), "{answers}");
    // An absent optional argument is `None`: the command runs (and finds the vault locked).
    assert_eq!(answers[5]["err"]["kind"], json!("locked"), "{answers}");
    assert!(answers[6]["ok"]["findings"].is_array(), "{answers}");
    app.quit().await;
}

#[tokio::test]
async fn first_screen_in_light_and_dark_themes() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    app.wait_until(
        "the version from IPC",
        "return document.getElementById('app-version').textContent",
    )
    .await;

    let background = "return getComputedStyle(document.body).backgroundColor";
    app.js("document.documentElement.dataset.theme = 'light'").await;
    let light = app.js(background).await;
    let light_shot = app.screenshot("first-screen-light").await;
    app.js("document.documentElement.dataset.theme = 'dark'").await;
    let dark = app.js(background).await;
    let dark_shot = app.screenshot("first-screen-dark").await;

    assert_eq!(light, json!("rgb(247, 245, 242)"));
    assert_eq!(dark, json!("rgb(22, 25, 29)"));
    assert_ne!(std::fs::read(light_shot).unwrap(), std::fs::read(dark_shot).unwrap());
    app.quit().await;
}

#[tokio::test]
async fn content_security_policy_blocks_inline_script_and_eval() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;

    app.js("const s = document.createElement('script');
         s.textContent = 'window.__inlineRan = true';
         document.body.append(s);")
        .await;
    let eval = app
        .js("try { return String(new Function('return 42')()); } catch (e) { return 'blocked'; }")
        .await;
    let inline = app.js("return window.__inlineRan === true").await;
    assert_eq!(inline, json!(false), "an inline <script> ran: the CSP is not in force");
    assert_eq!(eval, json!("blocked"), "the Function constructor ran: 'unsafe-eval' is allowed");
    app.quit().await;
}

#[tokio::test]
async fn crisis_help_opens_from_the_first_screen() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;

    app.click("#crisis-button").await;
    app.wait_until(
        "the crisis dialog to open",
        "return document.getElementById('crisis-dialog')?.open",
    )
    .await;
    let text = app.text("#crisis-dialog").await;
    assert!(text.contains("988"), "US lines are shown by default for an en-US locale: {text}");
    app.js("const s = document.getElementById('crisis-country'); s.value = 'GB'; s.dispatchEvent(new Event('change'))").await;
    assert!(app.text("#crisis-dialog").await.contains("116 123"));
    app.quit().await;
}

#[tokio::test]
async fn a_second_launch_hands_over_to_the_first_and_exits() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "single instance needs a D-Bus session bus; `cargo xtask test` starts one"
    );
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;

    let mut second = Command::new(app_binary())
        .envs(sandbox.env())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a second Mend");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second launch kept running: single instance is not enforced");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "second launch should hand over and exit 0, got {status}");
    // The first window is still there and still answering.
    assert_eq!(app.text("#welcome-title").await, "Mend");
    app.quit().await;
}
