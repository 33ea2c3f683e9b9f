//! Drives the real Mend window through WebDriver: `tauri-driver` in front of
//! `WebKitWebDriver`, the app binary Cargo built for these tests, and a private home,
//! data folder and pair of ports per app so tests never share anything.
//!
//! Missing pieces (no display, no tauri-driver, no WebKitWebDriver) fail the test with
//! a message naming the fix; nothing here ever skips.

use crate::tauri_driver;
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long any wait in these tests may last before it fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The app binary Cargo built for this test run.
pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mend"))
}

/// Where screenshots go for a person to look at.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("create screenshot folder");
    dir
}

/// At most this many windows at once: each brings WebKit's processes, and the
/// machines here have two cores.
static SLOTS: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

fn max_windows() -> usize {
    std::env::var("MEND_E2E_WINDOWS").ok().and_then(|v| v.parse().ok()).unwrap_or(2)
}

/// Room for windows taken from [`SLOTS`]; given back when dropped.
struct Slot(usize);

impl Slot {
    fn take() -> Slot {
        Self::take_n(1)
    }

    /// Every slot: no other window is open while this one is (a test that clicks at
    /// screen positions must not have another window appear on top of its dialog).
    fn take_all() -> Slot {
        Self::take_n(max_windows())
    }

    fn take_n(n: usize) -> Slot {
        let (lock, cvar) = &SLOTS;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *used + n > max_windows().max(n) {
            used = cvar.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
        Slot(n)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let (lock, cvar) = &SLOTS;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) -= self.0;
        cvar.notify_all();
    }
}

/// A private environment for one app: home, XDG folders and the data folder.
pub struct Sandbox {
    pub root: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::Builder::new().prefix("mend-e2e-").tempdir().expect("temp dir");
        for sub in ["home", "data", "cache", "config", "runtime", "mend"] {
            std::fs::create_dir_all(root.path().join(sub)).expect("sandbox folder");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let runtime = root.path().join("runtime");
            std::fs::set_permissions(runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        Sandbox { root }
    }

    /// Mend's data folder (`MEND_DATA_DIR`).
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("mend")
    }

    /// Environment given to tauri-driver, and so to WebKitWebDriver and the app.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        let p = self.root.path();
        vec![
            ("HOME", p.join("home")),
            ("XDG_DATA_HOME", p.join("data")),
            ("XDG_CACHE_HOME", p.join("cache")),
            ("XDG_CONFIG_HOME", p.join("config")),
            ("XDG_RUNTIME_DIR", p.join("runtime")),
            ("MEND_DATA_DIR", self.data_dir()),
            ("MEND_TEST_KDF", PathBuf::from("fast")),
        ]
    }

    /// Every folder where the app or WebKit could leave files (for canary scans).
    pub fn all_written_places(&self) -> Vec<PathBuf> {
        vec![self.root.path().to_path_buf()]
    }
}

/// One running Mend window under WebDriver.
pub struct App {
    pub client: Client,
    driver: Child,
    _slot: Slot,
}

impl Drop for App {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: signals the process group this harness created for the driver.
        unsafe {
            libc::kill(-(self.driver.id() as libc::pid_t), libc::SIGKILL);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn preflight() {
    let display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    assert!(display, "no DISPLAY: run the suite with `cargo xtask test`, which starts Xvfb");
    assert!(
        Path::new("/usr/bin/WebKitWebDriver").is_file() || which("WebKitWebDriver"),
        "WebKitWebDriver is missing: install the Debian package webkit2gtk-driver \
         (`cargo xtask test` does)"
    );
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

impl App {
    /// Starts Mend in `sandbox` and connects a WebDriver session to its window.
    pub async fn launch(sandbox: &Sandbox) -> App {
        Self::launch_with(sandbox, &[]).await
    }

    /// Like `launch`, with no other test's window open at the same time.
    pub async fn launch_alone(sandbox: &Sandbox) -> App {
        Self::start(sandbox, &[], Slot::take_all()).await
    }

    /// Like `launch`, with extra environment variables for the app.
    pub async fn launch_with(sandbox: &Sandbox, extra_env: &[(&str, &str)]) -> App {
        Self::start(sandbox, extra_env, Slot::take()).await
    }

    async fn start(sandbox: &Sandbox, extra_env: &[(&str, &str)], slot: Slot) -> App {
        preflight();
        let port = || tauri_driver::free_port().expect("a free port");
        let (port, native_port) = (port(), port());
        let mut cmd = Command::new(tauri_driver::binary());
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(sandbox.env())
            .envs(extra_env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        // Its own process group, so that WebKitWebDriver, the app and WebKit's helpers
        // all go when the test ends, even by a failed assertion.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut driver = cmd.spawn().unwrap_or_else(|e| {
            panic!(
                "could not start tauri-driver ({e}); install it with \
                 `cargo install tauri-driver --locked` (`cargo xtask test` does)"
            )
        });
        let deadline = Instant::now() + PATIENCE;
        // tauri-driver answers /status before WebKitWebDriver behind it listens; a
        // session asked for in between fails, so wait for both.
        while !(tauri_driver::ready(port) && tauri_driver::ready(native_port)) {
            if let Ok(Some(status)) = driver.try_wait() {
                panic!("tauri-driver exited early with {status}");
            }
            assert!(Instant::now() < deadline, "tauri-driver did not become ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let caps = json!({ "tauri:options": { "application": app_binary() } });
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.as_object().cloned().unwrap_or_default());
        // WebKitWebDriver waits for a window that never comes if the app exits at once.
        let client =
            tokio::time::timeout(PATIENCE, builder.connect(&format!("http://127.0.0.1:{port}")))
                .await
                .unwrap_or_else(|_| {
                    panic!("no window within {PATIENCE:?} (did the app exit early?)")
                })
                .unwrap_or_else(|e| panic!("WebDriver session did not start: {e}"));
        let app = App { client, driver, _slot: slot };
        app.wait_for_css("#main[data-view]").await;
        app
    }

    /// Ends the session (which closes the window), stops the driver, and returns once
    /// every process it started is gone, so a relaunch on the same data folder never
    /// meets the old instance still holding its single-instance name.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
        let group = self.driver.id();
        drop(self);
        #[cfg(unix)]
        {
            let deadline = Instant::now() + PATIENCE;
            // SAFETY: signal 0 only asks whether the process group still exists.
            while unsafe { libc::kill(-(group as libc::pid_t), 0) } == 0 {
                assert!(Instant::now() < deadline, "the app's processes did not exit");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        #[cfg(not(unix))]
        let _ = group;
    }

    /// Waits for an element matching `css` and returns it.
    pub async fn wait_for_css(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(found) = self.client.find(Locator::Css(css)).await {
                return found;
            }
            assert!(Instant::now() < deadline, "nothing matched `{css}` within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for an element matching `css` that is shown (not hidden), and returns it.
    pub async fn wait_for_visible(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(found) = self.client.find(Locator::Css(css)).await {
                if found.is_displayed().await.unwrap_or(false) {
                    return found;
                }
            }
            assert!(
                Instant::now() < deadline,
                "nothing visible matched `{css}` within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `script` (a function body returning a value) returns something truthy.
    pub async fn wait_until(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self.js(script).await;
            if !value.is_null() && value != json!(false) && value != json!("") {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what} (last: {value})");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs `script` as a function body in the page and returns its result.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.wait_for_css(css).await.text().await.expect("element text")
    }

    /// Clicks the first element matching `css`, scrolled to the middle of the window
    /// first: WebDriver would scroll it only just into view, where the sticky top bar
    /// can be the thing under the pointer (as it would be for a person, who would scroll).
    pub async fn click(&self, css: &str) {
        let element = self.wait_for_visible(css).await;
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
                vec![serde_json::to_value(&element).expect("element reference")],
            )
            .await;
        element.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Types `text` into the first element matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for_visible(css).await;
        if text.is_empty() {
            return;
        }
        field.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Waits until the page has painted what the last change drew (two frames).
    pub async fn painted(&self) {
        let frames = "const done = arguments[arguments.length - 1];
                      requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.client.execute_async(frames, vec![]).await.expect("wait for paint");
    }

    /// Saves a screenshot of the window as `<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.painted().await;
        let png = self.client.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }
}
