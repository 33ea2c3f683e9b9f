//! Copying through the real window, read back from outside the app with `xclip` on the
//! test's display: the recovery key and an apology draft land on the clipboard exactly as
//! shown, Mend clears its own copy after the delay, leaves alone something else copied
//! meanwhile, and the copy goes with the app when it quits.
//!
//! The X clipboard is one per display and these tests read it, so they run one at a time
//! (no other test copies anything).

use crate::harness::{App, Sandbox, PATIENCE};
use crate::vault::{create_vault, PASSPHRASE};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

/// The wait before clearing, shortened for these tests (debug builds only; a release
/// build waits the full minute whatever the environment says).
const CLEAR_AFTER: Duration = Duration::from_secs(5);

fn shortened() -> [(&'static str, String); 1] {
    [("MEND_TEST_CLIPBOARD_SECONDS", CLEAR_AFTER.as_secs().to_string())]
}

async fn launch(sandbox: &Sandbox) -> App {
    let env = shortened();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    App::launch_with(sandbox, &env).await
}

/// One clipboard per display: a test holds this while it copies or reads.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn xclip() -> Command {
    let mut cmd = Command::new("xclip");
    cmd.args(["-selection", "clipboard"]).stdin(Stdio::null()).kill_on_drop(true);
    cmd
}

fn missing_xclip(e: std::io::Error) -> ! {
    panic!("could not run xclip ({e}): install the Debian package xclip (`cargo xtask test` does)")
}

/// What the clipboard holds as text now, read the way another program would; `None`
/// when no program holds it.
async fn clipboard() -> Option<String> {
    let read = xclip().args(["-o", "-t", "UTF8_STRING"]).output();
    let out = tokio::time::timeout(PATIENCE, read)
        .await
        .expect("xclip -o answered")
        .unwrap_or_else(|e| missing_xclip(e));
    out.status.success().then(|| String::from_utf8(out.stdout).expect("the clipboard is UTF-8"))
}

/// Reads the clipboard until `wanted` says yes, and returns what it held then.
async fn wait_for_clipboard(what: &str, wanted: impl Fn(Option<&str>) -> bool) -> Option<String> {
    let deadline = Instant::now() + PATIENCE + CLEAR_AFTER;
    loop {
        let now = clipboard().await;
        if wanted(now.as_deref()) {
            return now;
        }
        assert!(Instant::now() < deadline, "the clipboard never {what} (last: {now:?})");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens Mend, goes through first run up to the recovery key and presses the window's
/// own Copy button under it; returns once the clipboard holds exactly the key shown,
/// with the key and when the button was pressed.
async fn recovery_key_copied(sandbox: &Sandbox) -> (App, String, Instant) {
    let app = launch(sandbox).await;
    app.click("#begin").await;
    app.type_into("#new-passphrase", PASSPHRASE).await;
    app.type_into("#new-passphrase-again", PASSPHRASE).await;
    app.click("#create-vault").await;
    let key = app.text("#recovery-key-text").await;
    assert!(key.len() >= 39, "a recovery key is on screen: {key:?}");

    let pressed = press_copy(&app, "#recovery-copy", "recovery-status", &key).await;
    (app, key, pressed)
}

/// Presses one of the window's own Copy buttons and waits until the status line `status`
/// says it copied and the clipboard holds exactly `shown`; returns when it was pressed.
async fn press_copy(app: &App, button: &str, status: &str, shown: &str) -> Instant {
    let pressed = Instant::now();
    app.click(button).await;
    let said =
        format!("return document.getElementById('{status}').textContent.startsWith('Copied.')");
    app.wait_until("the window to say it copied", &said).await;
    wait_for_clipboard("held what was shown", |now| now == Some(shown)).await;
    pressed
}

#[tokio::test]
async fn the_recovery_key_is_copied_exactly_and_cleared_after_the_delay() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let sandbox = Sandbox::new();
    let (app, key, pressed) = recovery_key_copied(&sandbox).await;
    wait_for_clipboard("was cleared", |now| now != Some(key.as_str())).await;
    let waited = pressed.elapsed();
    assert_eq!(clipboard().await.as_deref(), Some(""), "Mend leaves an empty clipboard");
    assert!(waited >= CLEAR_AFTER, "cleared after {waited:?}, before the delay");
    app.quit().await;
}

#[tokio::test]
async fn something_else_copied_meanwhile_is_left_alone() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let sandbox = Sandbox::new();
    let (app, _key, pressed) = recovery_key_copied(&sandbox).await;

    // Another program copies something else. xclip keeps it on the clipboard while it
    // runs and, with -verbose, says each time a program has fetched it.
    let other = "a shopping list, nothing secret";
    let mut holder = xclip()
        .args(["-i", "-verbose"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| missing_xclip(e));
    let mut input = holder.stdin.take().expect("xclip's input");
    input.write_all(other.as_bytes()).await.expect("give xclip the text");
    drop(input);
    let served = Arc::new(AtomicUsize::new(0));
    let mut lines = BufReader::new(holder.stderr.take().expect("xclip's messages")).lines();
    let count = Arc::clone(&served);
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            // "Waiting for selection request number N": N - 1 requests were answered.
            if let Some(n) = line.trim().strip_prefix("Waiting for selection request number ") {
                count.store(n.parse::<usize>().unwrap_or(1) - 1, Ordering::SeqCst);
            }
        }
    });

    // Mend's check at the end of the delay fetches the text; nothing else asks for it
    // meanwhile (this test reads nothing until then).
    let deadline = Instant::now() + CLEAR_AFTER + PATIENCE;
    while served.load(Ordering::SeqCst) == 0 {
        assert!(Instant::now() < deadline, "Mend never looked at the clipboard again");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let looked = pressed.elapsed();
    assert!(looked >= CLEAR_AFTER, "something read the clipboard after {looked:?}");
    // Had Mend cleared it now, xclip would have lost the clipboard and exited.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(clipboard().await.as_deref(), Some(other), "the other program's copy is kept");
    assert!(holder.try_wait().expect("xclip's state").is_none(), "xclip still holds it");
    holder.kill().await.expect("stop xclip");
    app.quit().await;
}

#[tokio::test]
async fn an_apology_draft_is_copied_exactly_and_goes_when_the_app_quits() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let sandbox = Sandbox::new();
    let app = launch(&sandbox).await;
    create_vault(&app, "broke_trust", "").await;
    app.click("button.nav-link[data-view='apology']").await;
    app.click("#apology-new").await;
    app.type_into(
        "#apology-body",
        "I lied to you about the messages.\u{E007}It was my choice – all of it.",
    )
    .await;
    app.wait_until(
        "Saved",
        "return document.getElementById('save-status').textContent === 'Saved'",
    )
    .await;
    let shown = app.js("return document.getElementById('apology-body').value").await;
    let shown = shown.as_str().expect("the draft's text").to_owned();
    assert!(shown.contains('\n'), "the draft has two lines: {shown:?}");

    press_copy(&app, "#apology-copy", "save-status", &shown).await;

    // The X clipboard is served by the program that copied; with no clipboard manager
    // on the display, quitting takes the copy away.
    app.quit().await;
    assert_eq!(clipboard().await, None, "nothing is left on the clipboard once Mend is gone");
}
