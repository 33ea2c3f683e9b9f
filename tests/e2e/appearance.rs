//! Appearance through the real window: the theme choice survives a restart (and the
//! lock screen follows it), the desktop portal's dark preference is followed live, and
//! the window's size and place are remembered without anything about content.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use gtk::gio;
use gtk::glib::{self, ToVariant, Variant};
use serde_json::json;

use crate::harness::{App, Sandbox};
use crate::vault::{create_vault, unlock, PASSPHRASE};

/// Waits until the page is drawn in `theme` ('light' or 'dark').
async fn wait_for_theme(app: &App, theme: &str, why: &str) {
    let script = format!("return document.documentElement.dataset.theme === '{theme}' || null");
    app.wait_until(why, &script).await;
}

#[tokio::test]
async fn the_theme_choice_is_remembered_and_the_lock_screen_follows_it() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    create_vault(&app, "both", "").await;
    app.click("button.nav-link[data-view='settings']").await;
    app.wait_for_visible("#settings-theme").await;
    app.js("const s = document.getElementById('settings-theme'); s.value = 'dark'; \
         s.dispatchEvent(new Event('change'));")
        .await;
    wait_for_theme(&app, "dark", "the dark theme").await;
    let file = sandbox.data_dir().join("preferences.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !file.exists() {
        assert!(std::time::Instant::now() < deadline, "the choice was never written");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let saved = std::fs::read_to_string(&file).expect("preferences.json");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&saved).unwrap(),
        json!({"theme": "dark"})
    );
    app.quit().await;

    let app = App::launch(&sandbox).await;
    app.wait_for_css("#main[data-view='lock'] #passphrase").await;
    wait_for_theme(&app, "dark", "the lock screen in dark").await;
    unlock(&app, PASSPHRASE).await;
    app.click("button.nav-link[data-view='settings']").await;
    app.wait_for_visible("#settings-theme").await;
    let shown = app.js("return document.getElementById('settings-theme').value").await;
    assert_eq!(shown, json!("dark"), "Settings shows the remembered choice");
    app.quit().await;
}

/// On Linux the first screen is drawn with fontconfig's own sans-serif (and monospace):
/// the boot script marks the root element before any markup is parsed (styles.css).
#[tokio::test]
async fn the_first_screen_draws_with_fontconfigs_fonts() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    app.wait_for_css("#main[data-view='welcome']").await;
    let fonts = app
        .js("const style = getComputedStyle(document.documentElement);
             return [document.documentElement.dataset.fonts,
                     getComputedStyle(document.body).fontFamily,
                     getComputedStyle(document.querySelector('button')).fontFamily,
                     style.getPropertyValue('--mono').trim()];")
        .await;
    assert_eq!(fonts, json!(["fontconfig", "sans-serif", "sans-serif", "monospace"]));
    app.quit().await;
}

/// A session bus of our own with a stand-in for the desktop portal's Settings
/// interface, so the test decides what the "desktop" prefers without touching the bus
/// other tests share.
struct FakeDesktop {
    daemon: Child,
    address: String,
    connection: gio::DBusConnection,
    main_loop: glib::MainLoop,
    scheme: Arc<AtomicU32>,
}

const PORTAL_XML: &str = r#"<node>
  <interface name="org.freedesktop.portal.Settings">
    <method name="ReadOne">
      <arg type="s" name="namespace" direction="in"/>
      <arg type="s" name="key" direction="in"/>
      <arg type="v" name="value" direction="out"/>
    </method>
    <signal name="SettingChanged">
      <arg type="s" name="namespace"/>
      <arg type="s" name="key"/>
      <arg type="v" name="value"/>
    </signal>
  </interface>
</node>"#;

fn serve_portal(address: &str, answer: Arc<AtomicU32>) -> gio::DBusConnection {
    let connection = gio::DBusConnection::for_address_sync(
        address,
        gio::DBusConnectionFlags::AUTHENTICATION_CLIENT
            | gio::DBusConnectionFlags::MESSAGE_BUS_CONNECTION,
        None,
        gio::Cancellable::NONE,
    )
    .expect("connect to the private bus");
    let node = gio::DBusNodeInfo::for_xml(PORTAL_XML).unwrap();
    let interface = node.lookup_interface("org.freedesktop.portal.Settings").unwrap();
    connection
        .register_object(
            "/org/freedesktop/portal/desktop",
            &interface,
            move |_, _, _, _, method, params, invocation| {
                let asked: Option<(String, String)> = params.get();
                match (method, asked.as_ref().map(|(n, k)| (n.as_str(), k.as_str()))) {
                    ("ReadOne", Some(("org.freedesktop.appearance", "color-scheme"))) => {
                        let value = answer.load(Ordering::SeqCst);
                        let reply = (Variant::from_variant(&value.to_variant()),).to_variant();
                        invocation.return_value(Some(&reply));
                    }
                    _ => invocation.return_dbus_error(
                        "org.freedesktop.portal.Error.NotFound",
                        "no such setting",
                    ),
                }
            },
            |_, _, _, _, _| ().to_variant(),
            |_, _, _, _, _, _| false,
        )
        .expect("register the stand-in portal");
    connection
        .call_sync(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "RequestName",
            Some(&("org.freedesktop.portal.Desktop", 4u32).to_variant()),
            None,
            gio::DBusCallFlags::NONE,
            5000,
            gio::Cancellable::NONE,
        )
        .expect("own the portal's name");
    connection
}

impl FakeDesktop {
    fn start(color_scheme: u32) -> FakeDesktop {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (package dbus) is needed for this test");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap()).read_line(&mut address).unwrap();
        let address = address.trim().to_string();
        let scheme = Arc::new(AtomicU32::new(color_scheme));
        // GDBus answers method calls on the main context that was the thread's default
        // when the object was registered: give the stand-in a thread and loop of its own.
        let (tx, rx) = std::sync::mpsc::channel();
        let (bus, answer) = (address.clone(), scheme.clone());
        std::thread::spawn(move || {
            let ctx = glib::MainContext::new();
            ctx.with_thread_default(|| {
                let main_loop = glib::MainLoop::new(Some(&ctx), false);
                let connection = serve_portal(&bus, answer);
                tx.send((connection, main_loop.clone())).unwrap();
                main_loop.run();
            })
            .expect("a main context for the stand-in portal");
        });
        let (connection, main_loop) = rx.recv().expect("the stand-in portal started");
        FakeDesktop { daemon, address, connection, main_loop, scheme }
    }

    /// The desktop switches: 1 = dark, 2 = light.
    fn switch(&self, color_scheme: u32) {
        self.scheme.store(color_scheme, Ordering::SeqCst);
        let params = (
            "org.freedesktop.appearance",
            "color-scheme",
            Variant::from_variant(&color_scheme.to_variant()),
        )
            .to_variant();
        self.connection
            .emit_signal(
                None,
                "/org/freedesktop/portal/desktop",
                "org.freedesktop.portal.Settings",
                "SettingChanged",
                Some(&params),
            )
            .expect("emit SettingChanged");
        self.connection.flush_sync(gio::Cancellable::NONE).expect("flush");
    }
}

impl Drop for FakeDesktop {
    fn drop(&mut self) {
        self.main_loop.quit();
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

#[tokio::test]
async fn the_desktop_portals_dark_preference_is_followed_unless_a_theme_was_chosen() {
    let desktop = FakeDesktop::start(1);
    let sandbox = Sandbox::new();
    let app = App::launch_with(&sandbox, &[("DBUS_SESSION_BUS_ADDRESS", &desktop.address)]).await;
    wait_for_theme(&app, "dark", "dark from the portal").await;
    desktop.switch(2);
    wait_for_theme(&app, "light", "light after the desktop switched").await;
    desktop.switch(1);
    wait_for_theme(&app, "dark", "dark again").await;
    app.quit().await;

    // A choice made in Settings wins over the desktop, at start and when it changes. (A
    // new sandbox: relaunching on the same data folder at once could meet the closing
    // instance still holding its single-instance name on this bus.)
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.data_dir().join("preferences.json"), r#"{"theme":"light"}"#).unwrap();
    let app = App::launch_with(&sandbox, &[("DBUS_SESSION_BUS_ADDRESS", &desktop.address)]).await;
    wait_for_theme(&app, "light", "the chosen light theme").await;
    desktop.switch(2);
    desktop.switch(1);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let theme = app.js("return document.documentElement.dataset.theme").await;
    assert_eq!(theme, json!("light"), "the desktop switching to dark must not override a choice");
    app.quit().await;
}

#[tokio::test]
async fn the_window_opens_where_and_as_large_as_it_was_left() {
    let sandbox = Sandbox::new();
    let app = App::launch(&sandbox).await;
    app.client.set_window_rect(120, 90, 900, 640).await.expect("move and resize");
    let placed = app.client.get_window_rect().await.unwrap();
    let state_file = sandbox.root.path().join("config/org.mendapp.workbook/.window-state.json");
    // Saved once the window settles, not only at a clean exit (WebDriver's quit is not one).
    let saved_size = || -> Option<(u64, u64, u64, u64)> {
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&state_file).ok()?).ok()?;
        let n = |k: &str| saved["main"][k].as_i64().and_then(|v| u64::try_from(v).ok());
        Some((n("x")?, n("y")?, n("width")?, n("height")?))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while saved_size() != Some(placed) {
        assert!(
            std::time::Instant::now() < deadline,
            "the window state was never saved: {:?}, window {placed:?}",
            saved_size()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state_file).unwrap()).unwrap();
    let geometry = [
        "x",
        "y",
        "width",
        "height",
        "prev_x",
        "prev_y",
        "maximized",
        "visible",
        "decorated",
        "fullscreen",
    ];
    let keys: Vec<&String> = saved["main"].as_object().unwrap().keys().collect();
    assert!(keys.iter().all(|k| geometry.contains(&k.as_str())), "geometry only: {saved}");
    assert_eq!(saved.as_object().unwrap().len(), 1, "one window, by its label: {saved}");
    app.quit().await;

    let app = App::launch(&sandbox).await;
    let reopened = app.client.get_window_rect().await.unwrap();
    assert_eq!(reopened, placed, "size and place are restored");
    app.quit().await;
}
