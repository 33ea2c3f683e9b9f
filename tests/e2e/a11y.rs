//! Keyboard only, in the real window: every screen a person can reach is walked with the
//! Tab key alone. On each, every visible control must be reached, in reading (DOM) order,
//! with a name a screen reader can say and a focus ring that shows; then one real thing
//! is done on that screen with keys only. The shortcuts (help, lock, new entry, search,
//! print) are pressed, charts are checked for a role and a summary in words, and each
//! screen is photographed in both themes (and once with text at 200%).
//!
//! The theme colours are checked without a window: every text and control pair in
//! `ui/styles.css` must meet WCAG AA in both themes.

use crate::harness::{App, Sandbox, PATIENCE};
use crate::vault::PASSPHRASE;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::json;
use std::time::{Duration, Instant};

const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';
const ESC: char = '\u{E00C}';
const SHIFT: char = '\u{E008}';
const CTRL: char = '\u{E009}';
const UP: char = '\u{E013}';
const RIGHT: char = '\u{E014}';
const DOWN: char = '\u{E015}';

/// Installed once in the page: a log of where each Tab put focus (with whether a focus
/// ring showed at that moment), the list of controls Tab should reach, and a small accessible
/// name computation (aria-labelledby, aria-label, labels, text, title).
const PROBE: &str = r#"
if (!window.__a11y) {
  const a = { log: [], expected: [] };
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  a.name = (e) => {
    const by = e.getAttribute('aria-labelledby');
    if (by) {
      const t = by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
      if (t) return t;
    }
    const label = (e.getAttribute('aria-label') || '').trim();
    if (label) return label;
    if (e.labels && e.labels.length) {
      const t = [...e.labels].map((l) => l.textContent).join(' ').trim();
      if (t) return t;
    }
    if (['BUTTON', 'A', 'SUMMARY'].includes(e.tagName)) {
      const t = e.textContent.trim();
      if (t) return t;
    }
    return (e.getAttribute('title') || '').trim();
  };
  a.describe = (e) => {
    if (!e) return 'nothing';
    const id = e.id ? `#${e.id}` : '';
    const cls = typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    return `${e.tagName.toLowerCase()}${id}${cls} "${a.name(e).slice(0, 50)}"`;
  };
  a.scope = () => [...document.querySelectorAll('dialog[open]')].pop() || null;
  // What Tab should reach, in DOM order: enabled, shown, not inert; one radio per group
  // (the checked one, else the first); inside the open modal dialog only, if there is one.
  a.list = () => {
    const modal = a.scope();
    const all = [...(modal || document).querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')];
    const radios = all.filter((e) => e.type === 'radio' && visible(e));
    return all.filter((e) => {
      if (e.tabIndex < 0 || e.disabled || e.type === 'hidden' || !visible(e)) return false;
      if (e.closest('[inert]') || (!modal && e.closest('dialog'))) return false;
      if (e.tagName === 'SUMMARY' && e.parentElement.tagName !== 'DETAILS') return false;
      if (e.type === 'radio') {
        const group = radios.filter((r) => r.name === e.name && r.form === e.form);
        const checked = group.find((r) => r.checked);
        return checked ? e === checked : e === group[0];
      }
      return true;
    });
  };
  // Logged on each Tab's key-up: date fields move focus between their parts inside, and
  // WebKit sends no focusin for those, but the active element is always the field.
  document.addEventListener('keyup', (event) => {
    // WebKitGTK names Shift+Tab's key "Unidentified"; its code is "Tab".
    if (event.key !== 'Tab' && event.code !== 'Tab') return;
    const t = document.activeElement;
    if (!t || t === document.body || t === document.documentElement) return;
    const cs = getComputedStyle(t);
    const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none');
    // Not hidden behind the sticky top bar (or off the top of the window).
    const bar = document.querySelector('.top-bar');
    const top = bar && t.closest('#main') ? bar.getBoundingClientRect().bottom : 0;
    const covered = t.getBoundingClientRect().top < top - 1
      ? `${t.getBoundingClientRect().top} < ${top}, page at ${window.scrollY}, sidebar at ${document.querySelector('.sidebar')?.scrollTop}` : false;
    a.log.push({ el: t, ring: Boolean(ring), covered, windowFocused: document.hasFocus() });
  }, true);
  window.__a11y = a;
}
return true;
"#;

/// Starts a walk: the list of controls to reach is taken now, the log is emptied and
/// focus is put back on the page itself, so the first Tab goes to the first control.
const WALK_START: &str = r#"
const a = window.__a11y;
a.expected = a.list();
document.activeElement?.blur?.();
a.log.length = 0;
return a.expected.length;
"#;

/// What the walk found, compared with what it should have found.
const WALK_REPORT: &str = r#"
const a = window.__a11y;
const seen = [];
// An open modal dialog may take focus itself on the way in (WebKit does): not a control.
const scope = a.scope();
const log = a.log.filter((r) => r.el !== scope);
for (const r of log) if (!seen.length || seen[seen.length - 1].el !== r.el) seen.push(r);
const exp = a.expected;
const reached = seen.filter((r) => exp.includes(r.el));
let firstMismatch = null;
for (let i = 0; i < exp.length; i++) {
  if (!reached[i] || reached[i].el !== exp[i]) {
    firstMismatch = `#${i}: expected ${a.describe(exp[i])}, reached ${a.describe(reached[i]?.el)}`;
    break;
  }
}
return {
  count: exp.length,
  missing: exp.filter((e) => !seen.some((r) => r.el === e)).map(a.describe),
  extra: seen.filter((r) => !exp.includes(r.el)).map((r) => a.describe(r.el)),
  unnamed: exp.filter((e) => !a.name(e)).map(a.describe),
  noRing: reached.filter((r) => !r.ring).map((r) => a.describe(r.el)),
  covered: reached.filter((r) => r.covered).map((r) => `${a.describe(r.el)} ${r.covered}`),
  firstMismatch,
  stuck: exp.length > 0 && document.activeElement === exp[exp.length - 1],
  scopeFocused: Boolean(scope) && a.log.some((r) => r.el === scope),
  windowLostFocus: a.log.some((r) => !r.windowFocused),
  walked: seen.map((r) => a.describe(r.el)),
};
"#;

/// Starts a walk backwards: from the last control, Shift+Tab should visit the others in
/// reverse, none of them hidden under the top bar on the way up.
const WALK_BACK_START: &str = r#"
const a = window.__a11y;
a.expected = a.list();
a.expected[a.expected.length - 1].focus();
a.log.length = 0;
return a.expected.length;
"#;

const WALK_BACK_REPORT: &str = r#"
const a = window.__a11y;
const exp = a.expected.slice(0, -1).reverse();
const seen = [];
for (const r of a.log) if (!seen.length || seen[seen.length - 1].el !== r.el) seen.push(r);
const got = seen.slice(0, exp.length);
return {
  inOrder: exp.length === got.length && exp.every((e, i) => got[i].el === e),
  covered: got.filter((r) => r.covered).map((r) => a.describe(r.el)),
  windowLostFocus: a.log.some((r) => !r.windowFocused),
  walked: got.map((r) => a.describe(r.el)),
};
"#;

/// How many Tab (positive) or Shift+Tab (negative) presses lead from the focus to the
/// control matching `arguments[0]`.
const TAB_PLAN: &str = r#"
const a = window.__a11y;
const exp = a.list();
const target = document.querySelector(arguments[0]);
const ti = exp.indexOf(target);
if (ti < 0) return null;
const act = document.activeElement;
const ai = exp.indexOf(act);
if (ai >= 0) return ti - ai;
const before = exp.filter((e) => e.compareDocumentPosition(act) & Node.DOCUMENT_POSITION_FOLLOWING).length;
return ti >= before ? ti - before + 1 : -(before - ti);
"#;

/// Every section in the sidebar.
const SECTIONS: &[&str] = &[
    "home",
    "checkin",
    "waves",
    "triggers",
    "needs",
    "journal",
    "recommitment",
    "accountability",
    "honesty",
    "apology",
    "questions",
    "rewoo",
    "checklist",
    "gad7",
    "phq9",
    "history",
    "prep",
    "settings",
];

/// Elements drawn past the window's right edge, or a page that scrolls sideways.
const SIDEWAYS: &str = r#"
const width = document.documentElement.clientWidth;
const out = [];
if (document.documentElement.scrollWidth > width) out.push(`the page is ${document.documentElement.scrollWidth - width}px too wide`);
for (const e of document.querySelectorAll('#app *')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 1) continue;
  // Inside something that scrolls sideways on purpose, reaching past is fine.
  let clipped = false;
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o !== 'visible' && p.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
  }
  if (!clipped) out.push(window.__a11y.describe(e));
}
return out.slice(0, 8);
"#;

/// Presses each character's key in turn (WebDriver key codes for special keys).
async fn keys(app: &App, text: &str) {
    let mut seq = KeyActions::new("keyboard".into());
    for c in text.chars() {
        seq = seq.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(seq).await.unwrap_or_else(|e| panic!("pressing keys: {e}"));
}

/// Holds `modifier` while pressing `key`.
async fn chord(app: &App, modifier: char, key: char) {
    let seq = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: modifier })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: modifier });
    app.client.perform_actions(seq).await.unwrap_or_else(|e| panic!("pressing a chord: {e}"));
}

/// Presses `count` Tabs, or Shift+Tabs when `count` is negative.
async fn tabs(app: &App, count: i64) {
    if count == 0 {
        return;
    }
    let mut seq = KeyActions::new("keyboard".into());
    if count < 0 {
        seq = seq.then(KeyAction::Down { value: SHIFT });
    }
    for _ in 0..count.unsigned_abs() {
        seq = seq.then(KeyAction::Down { value: TAB }).then(KeyAction::Up { value: TAB });
    }
    if count < 0 {
        seq = seq.then(KeyAction::Up { value: SHIFT });
    }
    app.client.perform_actions(seq).await.unwrap_or_else(|e| panic!("pressing Tab: {e}"));
}

async fn focused_matches(app: &App, css: &str) -> bool {
    app.client
        .execute("return document.activeElement?.matches(arguments[0]) || false", vec![json!(css)])
        .await
        .map(|v| v == json!(true))
        .unwrap_or(false)
}

/// Moves focus to the control matching `css` with Tab or Shift+Tab only.
async fn tab_to(app: &App, css: &str) {
    let deadline = Instant::now() + PATIENCE;
    let plan = loop {
        let plan = app.client.execute(TAB_PLAN, vec![json!(css)]).await.expect("tab plan");
        if let Some(n) = plan.as_i64() {
            break n;
        }
        assert!(Instant::now() < deadline, "`{css}` is not among the controls Tab reaches");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tabs(app, plan).await;
    // A date field's parts can take a Tab each; step on until the control has focus.
    for _ in 0..8 {
        if focused_matches(app, css).await {
            return;
        }
        tabs(app, if plan < 0 { -1 } else { 1 }).await;
    }
    let now = app.js("return window.__a11y.describe(document.activeElement)").await;
    panic!("Tab did not bring focus to `{css}` (it is on {now})");
}

/// Tabs to `css` and presses Enter on it.
async fn activate(app: &App, css: &str) {
    tab_to(app, css).await;
    keys(app, &ENTER.to_string()).await;
}

/// Makes sure this window is the active one: WebKit shows focus rings only in the active
/// window, and other tests may open windows on the same display meanwhile.
async fn window_active(app: &App) {
    let deadline = Instant::now() + PATIENCE;
    while app.js("return document.hasFocus()").await != json!(true) {
        assert!(Instant::now() < deadline, "the Mend window never became the active window");
        // There is no window manager under Xvfb: give this app's window the X focus.
        let pid = APP_PID.get().expect("app pid").to_string();
        for window in
            xdotool(&["search", "--all", "--onlyvisible", "--pid", &pid, "--name", "^Mend$"])
                .lines()
        {
            xdotool(&["windowfocus", window]);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The process id of the app under test, for giving its window the focus.
static APP_PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// Walks the screen from the top with Tab alone and checks what was reached. A walk
/// during which another window took the focus is walked again.
async fn walk(app: &App, screen: &str) -> usize {
    for _ in 0..3 {
        window_active(app).await;
        if let Some(count) = walk_once(app, screen).await {
            return count;
        }
    }
    panic!("{screen}: the window kept losing focus to other windows during the walk");
}

async fn walk_once(app: &App, screen: &str) -> Option<usize> {
    app.js(PROBE).await;
    app.painted().await;
    let count = app.js(WALK_START).await.as_i64().expect("count") as usize;
    assert!(count > 0, "{screen}: nothing to reach by keyboard");
    // One more Tab than there are controls: the last must let focus go (no trap).
    tabs(app, count as i64 + 1).await;
    let mut report = app.js(WALK_REPORT).await;
    let mut dialog_step = report["scopeFocused"] == json!(true);
    for _ in 0..4 {
        let missing = report["missing"].as_array().map_or(0, Vec::len);
        if missing > 0 {
            // Fields with parts (dates) take more than one Tab: keep going.
            tabs(app, missing as i64 + 1).await;
        } else if dialog_step && report["stuck"] == json!(true) {
            // The dialog itself took the first Tab; one more to leave the last control.
            dialog_step = false;
            tabs(app, 1).await;
        } else {
            break;
        }
        report = app.js(WALK_REPORT).await;
    }
    if report["windowLostFocus"] == json!(true) {
        return None;
    }
    let empty = |key: &str| report[key].as_array().is_some_and(Vec::is_empty);
    assert!(empty("missing"), "{screen}: Tab never reached {}\n{report:#}", report["missing"]);
    assert!(report["firstMismatch"].is_null(), "{screen}: out of reading order\n{report:#}");
    assert!(empty("extra"), "{screen}: Tab reached unexpected things\n{report:#}");
    assert!(empty("unnamed"), "{screen}: controls without a name {}", report["unnamed"]);
    assert!(empty("noRing"), "{screen}: focus not visible on {}", report["noRing"]);
    assert!(empty("covered"), "{screen}: focus hidden under the top bar on {}", report["covered"]);
    assert_eq!(report["stuck"], json!(false), "{screen}: focus is trapped on the last control");
    Some(count)
}

/// The same screen backwards with Shift+Tab, from its last control to its first.
async fn walk_back(app: &App, screen: &str) {
    for _ in 0..3 {
        window_active(app).await;
        let count = app.js(WALK_BACK_START).await.as_i64().expect("count");
        tabs(app, -(count - 1)).await;
        let report = app.js(WALK_BACK_REPORT).await;
        if report["windowLostFocus"] == json!(true) {
            continue;
        }
        assert_eq!(report["inOrder"], json!(true), "{screen}: Shift+Tab order\n{report:#}");
        assert_eq!(report["covered"], json!([]), "{screen}: focus hidden under the top bar");
        return;
    }
    panic!("{screen}: the window kept losing focus to other windows during the walk");
}

async fn shots(app: &App, name: &str) {
    for theme in ["light", "dark"] {
        app.js(&format!("document.documentElement.dataset.theme = '{theme}'")).await;
        app.screenshot(&format!("a11y-{name}-{theme}")).await;
    }
    app.js("document.documentElement.dataset.theme = 'light'").await;
}

async fn view(app: &App, name: &str) {
    app.wait_for_css(&format!("#main[data-view='{name}']")).await;
}

/// Goes to a sidebar section by keyboard: Tab (or Shift+Tab) to its link, then Enter.
async fn go(app: &App, name: &str) {
    activate(app, &format!("button.nav-link[data-view='{name}']")).await;
    view(app, name).await;
    app.wait_until(
        "focus on the new screen's heading",
        "const h = document.querySelector('#main h1'); return h && h.textContent.trim() && document.activeElement === h",
    )
    .await;
}

async fn saved(app: &App, what: &str) {
    app.wait_until(what, "return document.getElementById('save-status')?.textContent === 'Saved'")
        .await;
}

async fn chart_is_named(app: &App, css: &str) -> String {
    let found = app
        .wait_until(
            "a chart with a role and a summary",
            &format!(
                "const c = document.querySelector(\"{css}\"); if (!c || c.getAttribute('role') !== 'img') return null;
                 const ids = (c.getAttribute('aria-labelledby') || '') + ' ' + (c.getAttribute('aria-describedby') || '');
                 const words = ids.trim().split(/\\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
                 return words.length > 20 ? words : null;"
            ),
        )
        .await;
    let words = found.as_str().unwrap_or_default().to_owned();
    for verdict in ["better", "worse", "progress", "streak", "should", "improv"] {
        assert!(!words.to_lowercase().contains(verdict), "chart summary passes a verdict: {words}");
    }
    words
}

/// The whole app, one window, keyboard only: the locked screens and first run, every
/// section of an open vault, the dialogs and the shortcuts.
#[tokio::test]
async fn every_screen_works_by_keyboard_alone() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    APP_PID.set(app_pid(&sandbox)).expect("one keyboard test per run");
    let mut walked = Vec::new();

    // Welcome, with its crisis dialog and the shortcuts list for a locked app.
    view(&app, "welcome").await;
    walked.push(("welcome", walk(&app, "welcome").await));
    shots(&app, "welcome").await;

    activate(&app, "#crisis-button").await;
    app.wait_until("the crisis dialog", "return document.getElementById('crisis-dialog')?.open")
        .await;
    walked.push(("crisis dialog", walk(&app, "crisis dialog").await));
    shots(&app, "crisis").await;
    keys(&app, &ESC.to_string()).await;
    app.wait_until(
        "the crisis dialog to close",
        "return !document.getElementById('crisis-dialog').open",
    )
    .await;

    chord(&app, CTRL, '/').await;
    app.wait_until(
        "the shortcuts list",
        "return document.getElementById('shortcuts-dialog')?.open",
    )
    .await;
    let locked_help = app.text("#shortcuts-dialog").await;
    assert!(locked_help.contains("Esc") && !locked_help.contains("journal entry"), "{locked_help}");
    walked.push(("shortcuts (locked)", walk(&app, "shortcuts (locked)").await));
    keys(&app, &ESC.to_string()).await;
    app.wait_until(
        "the shortcuts list to close",
        "return !document.getElementById('shortcuts-dialog')",
    )
    .await;

    // First run, every step by keys: Enter sends the passphrase form.
    activate(&app, "#begin").await;
    view(&app, "firstrun").await;
    app.wait_until(
        "focus in the passphrase",
        "return document.activeElement?.id === 'new-passphrase'",
    )
    .await;
    walked.push(("first run: passphrase", walk(&app, "first run: passphrase").await));
    shots(&app, "firstrun-passphrase").await;
    tab_to(&app, "#new-passphrase").await;
    keys(&app, PASSPHRASE).await;
    tab_to(&app, "#new-passphrase-again").await;
    keys(&app, &format!("{PASSPHRASE}{ENTER}")).await;
    app.wait_for_css("#recovery-key-text").await;
    walked.push(("first run: recovery key", walk(&app, "first run: recovery key").await));
    shots(&app, "firstrun-recovery").await;
    tab_to(&app, "#recovery-saved").await;
    keys(&app, " ").await;
    activate(&app, "#recovery-continue").await;
    app.wait_for_css("#role-both").await;
    walked.push(("first run: about you", walk(&app, "first run: about you").await));
    shots(&app, "firstrun-role").await;
    // Arrows move within the radio group: from "Both" up to "I was betrayed".
    tab_to(&app, "#role-both").await;
    keys(&app, &format!("{UP}{UP}")).await;
    assert_eq!(
        app.js("return document.getElementById('role-betrayed').checked").await,
        json!(true)
    );
    activate(&app, "#role-continue").await;
    app.wait_for_css("#vault-label").await;
    walked.push(("first run: lock screen", walk(&app, "first run: lock screen").await));
    shots(&app, "firstrun-lockscreen").await;
    tab_to(&app, "#vault-label").await;
    keys(&app, "K").await;
    activate(&app, "#finish-setup").await;
    view(&app, "home").await;
    app.wait_for_css("#home-title").await;
    app.wait_until("focus on the heading", "return document.activeElement?.id === 'home-title'")
        .await;
    walked.push(("home", walk(&app, "home").await));
    shots(&app, "home").await;
    // The first Tab reaches "Skip to content", which takes focus past the top bar and
    // the sidebar into the screen itself.
    app.js("document.activeElement?.blur()").await;
    keys(&app, &format!("{TAB}{ENTER}")).await;
    app.wait_until("focus in the content", "return document.activeElement?.id === 'main'").await;
    // Up and Down move between the sections in the sidebar.
    tab_to(&app, "button.nav-link[data-view='home']").await;
    keys(&app, &format!("{DOWN}{DOWN}")).await;
    let at = app.js("return document.activeElement?.dataset.view").await;
    assert_eq!(at, json!("waves"), "Down twice from Home");
    keys(&app, &UP.to_string()).await;
    let at = app.js("return document.activeElement?.dataset.view").await;
    assert_eq!(at, json!("checkin"), "Up once");

    // Ctrl+N: a new journal entry, typed and saved by itself.
    chord(&app, CTRL, 'n').await;
    view(&app, "journal").await;
    app.wait_until("focus in the new entry", "return document.activeElement?.id === 'entry-title'")
        .await;
    keys(&app, "Quiet evening").await;
    tab_to(&app, "#entry-body").await;
    keys(&app, "walked by the river tonight").await;
    saved(&app, "the journal entry").await;
    walked.push(("journal", walk(&app, "journal").await));
    shots(&app, "journal").await;

    // Ctrl+K goes to the top search; Enter searches the journal.
    chord(&app, CTRL, 'k').await;
    app.wait_until("focus in the top search", "return document.activeElement?.id === 'top-search'")
        .await;
    keys(&app, &format!("river{ENTER}")).await;
    app.wait_until(
        "the entry found",
        "return document.getElementById('journal-count')?.textContent === '1 found'",
    )
    .await;

    // Check-in: a slider moved with arrows, saved with Enter.
    go(&app, "checkin").await;
    walked.push(("check-in", walk(&app, "check-in").await));
    walk_back(&app, "check-in").await;
    tab_to(&app, "#emotion-anger").await;
    keys(&app, &format!("{RIGHT}{RIGHT}{RIGHT}")).await;
    assert_eq!(
        app.js("return document.getElementById('emotion-anger-value').textContent").await,
        json!("3")
    );
    activate(&app, "#checkin-save").await;
    saved(&app, "the check-in").await;
    // "Saved" is read out politely; errors interrupt.
    let live = app
        .js("const s = document.getElementById('save-status');
             return [s.getAttribute('role'), s.getAttribute('aria-live'),
                     [...document.querySelectorAll('#main .error')].every((e) => e.getAttribute('role') === 'alert')]")
        .await;
    assert_eq!(live, json!(["status", "polite", true]));
    assert!(app.text("#checkin-list").await.contains("Anger 3"));
    shots(&app, "checkin").await;

    // Waves: arrows move along the period buttons, Space picks one; the chart has words.
    go(&app, "waves").await;
    walked.push(("waves", walk(&app, "waves").await));
    let summary = chart_is_named(&app, "#waves-chart svg").await;
    assert!(summary.contains("check-in"), "{summary}");
    tab_to(&app, ".segmented button[data-range='2w']").await;
    keys(&app, &format!("{RIGHT} ")).await;
    app.wait_until(
        "the three-month view",
        "return document.querySelector(\".segmented [data-range='3m']\").getAttribute('aria-pressed') === 'true'",
    )
    .await;
    shots(&app, "waves").await;

    // Triggers: typed and saved; the pattern chart gets a summary in words.
    go(&app, "triggers").await;
    walked.push(("triggers", walk(&app, "triggers").await));
    tab_to(&app, "#trigger-situation").await;
    keys(&app, "A song in the shop").await;
    activate(&app, "#trigger-save").await;
    saved(&app, "the trigger").await;
    let summary = chart_is_named(&app, "#trigger-patterns svg").await;
    assert!(summary.contains("1 moment logged") && summary.contains("Most often"), "{summary}");
    shots(&app, "triggers").await;

    // The four living documents: typed, saved by themselves.
    for (name, field) in [
        ("needs", "#doc-relationship"),
        ("recommitment", "#doc-whyStay"),
        ("accountability", "#doc-myTriggers"),
        ("honesty", "#doc-whatHappened"),
    ] {
        go(&app, name).await;
        walked.push((name, walk(&app, name).await));
        tab_to(&app, field).await;
        keys(&app, "Time and patience").await;
        saved(&app, name).await;
        shots(&app, name).await;
    }

    // Apology: a new draft by Enter, typed, saved; then the builder.
    go(&app, "apology").await;
    walked.push(("apology (empty)", walk(&app, "apology (empty)").await));
    activate(&app, "#apology-new").await;
    app.wait_until("the draft editor", "return document.activeElement?.id === 'apology-body'")
        .await;
    keys(&app, "I lied to you about where I was.").await;
    saved(&app, "the apology draft").await;
    walked.push(("apology", walk(&app, "apology").await));
    shots(&app, "apology").await;
    activate(&app, "#apology-builder").await;
    view(&app, "builder").await;
    walked.push(("builder", walk(&app, "builder").await));
    shots(&app, "builder").await;
    tab_to(&app, "#step-behavior").await;
    keys(&app, "I hid messages from you for months.").await;
    activate(&app, "#builder-assemble").await;
    view(&app, "apology").await;
    app.wait_until(
        "the assembled draft",
        "return document.getElementById('apology-body')?.value.includes('hid messages')",
    )
    .await;

    // Questions log and re-wooing: typed, added with Enter on the button.
    go(&app, "questions").await;
    walked.push(("questions", walk(&app, "questions").await));
    tab_to(&app, "#question-text").await;
    keys(&app, "Were you still talking to them?").await;
    activate(&app, "#question-save").await;
    saved(&app, "the question").await;
    shots(&app, "questions").await;

    go(&app, "rewoo").await;
    walked.push(("re-wooing", walk(&app, "re-wooing").await));
    tab_to(&app, "#rewoo-plan").await;
    keys(&app, &format!("Cook the soup they love{ENTER}")).await;
    saved(&app, "the plan").await;
    shots(&app, "rewoo").await;

    // Therapy: checklist answered with Space, both questionnaires answered by keys.
    go(&app, "checklist").await;
    walked.push(("checklist", walk(&app, "checklist").await));
    tab_to(&app, "input[type='radio']").await;
    keys(&app, " ").await;
    app.wait_until(
        "the result",
        "return document.getElementById('checklist-result')?.textContent.length > 0",
    )
    .await;
    activate(&app, "#checklist-save").await;
    saved(&app, "the checklist").await;
    shots(&app, "checklist").await;

    for kind in ["gad7", "phq9"] {
        go(&app, kind).await;
        app.wait_for_css("input[name='item-0']").await;
        walked.push((kind, walk(&app, kind).await));
        tab_to(&app, "input[name='item-0']").await;
        // Space answers "Not at all"; Tab goes on to the next question's group.
        let items =
            app.js("return document.querySelectorAll('.question-list.items > li').length").await;
        let items = items.as_u64().expect("item count");
        let mut answer = String::new();
        for _ in 0..=items {
            answer.push(' ');
            answer.push(TAB);
        }
        keys(&app, &answer).await;
        app.wait_until(
            "every question answered",
            &format!(
                "return document.querySelectorAll('input[type=radio]:checked').length === {}",
                items + 1
            ),
        )
        .await;
        activate(&app, "#screener-save").await;
        saved(&app, kind).await;
        shots(&app, kind).await;
    }

    // History: the totals chart is named and summarised; answers open with Enter.
    go(&app, "history").await;
    let summary = chart_is_named(&app, "svg.history-chart").await;
    assert!(summary.contains("GAD-7 totals"), "{summary}");
    walked.push(("history", walk(&app, "history").await));
    activate(&app, "#history-list details summary").await;
    assert_eq!(
        app.js("return document.querySelector('#history-list details').open").await,
        json!(true)
    );
    shots(&app, "history").await;

    // Session prep: a section ticked with Space shows up in the preview.
    go(&app, "prep").await;
    app.wait_for_css("#sheet-preview #sheet").await;
    walked.push(("session prep", walk(&app, "session prep").await));
    tab_to(&app, "#include-whatBringsMe").await;
    keys(&app, " ").await;
    tab_to(&app, "#prep-what").await;
    keys(&app, "Sleeping badly since March").await;
    app.wait_until(
        "the preview",
        "return document.getElementById('sheet-preview').textContent.includes('since March')",
    )
    .await;
    shots(&app, "prep").await;

    // Settings: the lock-screen name changed and saved by keys.
    go(&app, "settings").await;
    app.wait_for_css("#settings-label").await;
    walked.push(("settings", walk(&app, "settings").await));
    walk_back(&app, "settings").await;
    tab_to(&app, "#settings-label").await;
    keys(&app, &format!("L{ENTER}")).await;
    app.wait_until(
        "the name saved",
        "return document.getElementById('settings-status')?.textContent.includes('saved')",
    )
    .await;
    shots(&app, "settings").await;

    // Deleting asks first; Esc in that dialog cancels, and focus comes back.
    go(&app, "checkin").await;
    app.wait_for_css("#checkin-list .item").await;
    activate(&app, "#checkin-list .item button.link:last-child").await;
    app.wait_for_css("dialog.confirm[open]").await;
    walked.push(("confirm dialog", walk(&app, "confirm dialog").await));
    keys(&app, &ESC.to_string()).await;
    app.wait_until("the dialog gone", "return !document.querySelector('dialog.confirm')").await;
    assert!(app.text("#checkin-list").await.contains("Anger 3"), "Esc kept the check-in");

    // Help with Ctrl+/ inside the vault lists the vault's shortcuts; Esc closes it, and
    // an Esc that closes a dialog does not count towards the double Esc that hides.
    chord(&app, CTRL, '/').await;
    app.wait_until(
        "the shortcuts list",
        "return document.getElementById('shortcuts-dialog')?.open",
    )
    .await;
    let help = app.text("#shortcuts-dialog").await;
    for needed in ["Lock now", "journal entry", "Search", "Print", "Esc"] {
        assert!(help.contains(needed), "the shortcuts list names {needed}: {help}");
    }
    assert!(help.contains("Ctrl"), "Ctrl is shown off macOS: {help}");
    walked.push(("shortcuts", walk(&app, "shortcuts").await));
    shots(&app, "shortcuts").await;
    keys(&app, &format!("{ESC}{ESC}")).await;
    app.wait_until(
        "the shortcuts list to close",
        "return !document.getElementById('shortcuts-dialog')",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.js("return document.getElementById('main').dataset.view").await,
        json!("checkin")
    );
    assert!(app.js("return Boolean(document.getElementById('lock-button'))").await == json!(true));

    // Reduced motion: the stylesheet turns off every transition and animation.
    let calm = app
        .js("return [...document.styleSheets].flatMap((s) => [...s.cssRules])
               .filter((r) => r.media && r.media.mediaText.includes('prefers-reduced-motion: reduce'))
               .flatMap((r) => [...r.cssRules])
               .some((r) => r.selectorText.includes('*') && r.style.getPropertyValue('animation-name') === 'none'
                 && r.style.getPropertyValue('transition-property') === 'none')")
        .await;
    assert_eq!(calm, json!(true), "no reduced-motion rule that stops transitions and animations");

    // Text at 200% on every section: the layout reflows and nothing sticks out sideways
    // (the page does not scroll sideways and no element reaches past the window).
    app.js("document.documentElement.style.fontSize = '200%'").await;
    let mut cut_off = Vec::new();
    for name in SECTIONS {
        go(&app, name).await;
        app.painted().await;
        let sticking_out = app.js(SIDEWAYS).await;
        if sticking_out != json!([]) {
            cut_off.push(format!("{name}: {sticking_out}"));
        }
        if ["journal", "checkin", "waves", "triggers", "apology", "history", "prep"].contains(name)
        {
            app.js("document.querySelector('#main svg')?.scrollIntoView({ block: 'center' })")
                .await;
            app.screenshot(&format!("a11y-{name}-200-light")).await;
        }
    }
    app.js("document.documentElement.style.fontSize = ''").await;
    assert!(cut_off.is_empty(), "at 200% text these stick out sideways: {cut_off:#?}");

    // Ctrl+L locks; the lock screen is walked; the passphrase and Enter open it again.
    chord(&app, CTRL, 'l').await;
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    app.wait_until("focus in the passphrase", "return document.activeElement?.id === 'passphrase'")
        .await;
    walked.push(("lock", walk(&app, "lock").await));
    shots(&app, "lock").await;
    // The lock screen's other two forms, reached and left with Enter.
    for (mode, first, name) in [
        ("recovery", "recovery-key", "lock: recovery key"),
        ("restore", "restore-passphrase", "lock: restore"),
    ] {
        activate(&app, &format!("#mode-{mode}")).await;
        app.wait_until(name, &format!("return document.activeElement?.id === '{first}'")).await;
        walked.push((name, walk(&app, name).await));
        shots(&app, &format!("lock-{mode}")).await;
        activate(&app, "#mode-unlock").await;
        app.wait_until("the unlock form", "return document.activeElement?.id === 'passphrase'")
            .await;
    }
    tab_to(&app, "#passphrase").await;
    keys(&app, &format!("{PASSPHRASE}{ENTER}")).await;
    view(&app, "home").await;

    // Ctrl+P prints where there is something to print: on Session prep it asks Rust for
    // the system print dialog, exactly as the Print button does (therapy.rs prints through
    // that dialog to a file); on Home it does nothing. The command is counted here rather
    // than run, so no system dialog opens on a display other tests share.
    app.js("const real = window.__TAURI__.core;
         window.__printCalls = 0;
         window.__TAURI__.core = { ...real, invoke: (cmd, args) => {
           if (cmd === 'window_print') { window.__printCalls += 1; return Promise.resolve(null); }
           return real.invoke(cmd, args);
         } };")
        .await;
    chord(&app, CTRL, 'p').await;
    go(&app, "prep").await;
    app.wait_for_css("#sheet-preview #sheet").await;
    assert_eq!(app.js("return window.__printCalls").await, json!(0), "Ctrl+P on Home printed");
    chord(&app, CTRL, 'p').await;
    app.wait_until("the print command", "return window.__printCalls === 1").await;

    let total: usize = walked.iter().map(|(_, n)| n).sum();
    eprintln!("walked {} screens, {total} controls: {walked:?}", walked.len());
    app.quit().await;
}

/// The process id of the Mend started in `sandbox` (found by its private home folder).
fn app_pid(sandbox: &Sandbox) -> u32 {
    let home = format!("HOME={}", sandbox.root.path().join("home").display());
    let binary = crate::harness::app_binary();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let exe = std::fs::read_link(entry.path().join("exe")).ok();
        let env = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        let ours = env.split(|b| *b == 0).any(|v| v == home.as_bytes());
        // A rebuild while the test runs leaves " (deleted)" after the path.
        let same = exe.is_some_and(|e| e.to_string_lossy().starts_with(&*binary.to_string_lossy()));
        if ours && same {
            return pid;
        }
    }
    panic!("the Mend process of this test was not found");
}

fn xdotool(args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool is installed (Debian package xdotool; `cargo xtask test` installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---- Contrast (no window needed) ----

/// The custom properties of one theme: `:root`, then (for dark) `:root[data-theme="dark"]`
/// on top, as the browser would apply them.
fn theme_colours(css: &str, dark: bool) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let mut selectors = vec![":root"];
    if dark {
        selectors.push(":root[data-theme=\"dark\"]");
    }
    for selector in selectors {
        let mut rest = css;
        while let Some(at) = rest.find(selector) {
            let before = &rest[..at];
            let after = &rest[at + selector.len()..];
            rest = after;
            // Only rules whose whole selector is this one (not the print rule's list).
            let starts_line = before.is_empty() || before.ends_with('\n');
            if !starts_line || !after.trim_start().starts_with('{') {
                continue;
            }
            let body = &after[after.find('{').unwrap() + 1..after.find('}').unwrap()];
            for decl in body.split(';') {
                if let Some((name, value)) = decl.trim().split_once(':') {
                    let value = value.trim();
                    if name.starts_with("--") && value.starts_with('#') && value.len() == 7 {
                        out.insert(name.trim().to_owned(), value.to_owned());
                    }
                }
            }
        }
    }
    out
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour")) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Every pair of colours the stylesheet puts together, and the ratio WCAG AA asks of it:
/// 4.5 for text, 3 for the parts of controls, focus rings and chart lines.
const PAIRS: &[(&str, &str, f64, &str)] = &[
    ("--text", "--bg", 4.5, "body text"),
    ("--text", "--surface", 4.5, "text on cards and fields"),
    ("--text", "--surface-2", 4.5, "text on hovered buttons and the recovery key"),
    ("--text-muted", "--bg", 4.5, "hints and quiet text"),
    ("--text-muted", "--surface", 4.5, "hints on cards, placeholders"),
    ("--text-muted", "--surface-2", 4.5, "quiet text on shaded boxes"),
    ("--text-muted", "--accent-soft", 4.5, "quiet text in a notice"),
    ("--accent", "--surface", 4.5, "link buttons on cards"),
    ("--accent", "--bg", 4.5, "link buttons on the page"),
    ("--accent", "--accent-soft", 4.5, "link buttons in a notice"),
    ("--accent-text", "--accent", 4.5, "primary buttons, the current step"),
    ("--text", "--accent-soft", 4.5, "the current section, notices, prompts"),
    ("--danger", "--surface", 4.5, "delete buttons"),
    ("--danger", "--danger-soft", 4.5, "error messages"),
    ("--text", "--danger-soft", 4.5, "warnings"),
    ("--text", "--mark", 4.5, "search matches"),
    ("--control-border", "--surface", 3.0, "field and button edges"),
    ("--control-border", "--bg", 3.0, "field and button edges on the page"),
    ("--focus", "--bg", 3.0, "focus ring on the page"),
    ("--focus", "--surface", 3.0, "focus ring on cards"),
    ("--accent", "--surface", 3.0, "ticked boxes, sliders, chart bars"),
    ("--wave-anger", "--surface", 3.0, "waves: anger"),
    ("--wave-sadness", "--surface", 3.0, "waves: sadness"),
    ("--wave-hope", "--surface", 3.0, "waves: hope"),
    ("--wave-fear", "--surface", 3.0, "waves: fear"),
    ("--wave-numbness", "--surface", 3.0, "waves: numbness"),
    ("--wave-relief", "--surface", 3.0, "waves: relief"),
    ("--wave-loneliness", "--surface", 3.0, "waves: loneliness"),
];

#[test]
fn theme_colours_meet_wcag_aa_in_light_and_dark() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/styles.css"))
        .expect("read ui/styles.css");
    let mut failures = Vec::new();
    for dark in [false, true] {
        let theme = if dark { "dark" } else { "light" };
        let colours = theme_colours(&css, dark);
        for (fg, bg, needed, what) in PAIRS {
            let (Some(a), Some(b)) = (colours.get(*fg), colours.get(*bg)) else {
                panic!("{theme}: {fg} or {bg} is not a #rrggbb custom property in styles.css");
            };
            let ratio = contrast(a, b);
            eprintln!("{theme:5} {fg} {a} on {bg} {b}: {ratio:.2} (needs {needed}) {what}");
            if ratio < *needed {
                failures
                    .push(format!("{theme}: {what}: {fg} on {bg} is {ratio:.2}, needs {needed}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The computation itself: black on white is 21, a colour on itself is 1.
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((contrast("#777777", "#777777") - 1.0).abs() < 1e-9);
}
