//! `cargo xtask <command>`: the project's two commands and their helpers.
//!
//! - `cargo xtask run`  installs missing system packages, builds Mend and opens it.
//! - `cargo xtask test` installs what the suite needs (system packages, tauri-driver),
//!   starts Xvfb and a D-Bus session bus when there is none, and runs rustfmt, clippy
//!   and every test, end-to-end tests in a real window included. It fails, never skips,
//!   when a piece is missing.
//!
//! Uses only the standard library so it builds before any system package is present.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Debian/Ubuntu packages needed to build the app (Tauri v2 on WebKitGTK 4.1).
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
];

/// Extra packages for the test suite: the WebDriver server for WebKitGTK, a virtual
/// display, a session bus (single-instance check), and PDF tools.
const TEST_PACKAGES: &[&str] = &["webkit2gtk-driver", "xvfb", "dbus", "poppler-utils", "xdotool"];

const USAGE: &str = "usage: cargo xtask <run|test|help>
  run    install missing system packages, build Mend and open it
  test   install what the suite needs, then run fmt, clippy and all tests (E2E included)";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(extra: &[String]) -> Result {
    ensure_packages(BUILD_PACKAGES)?;
    let release = extra.iter().any(|a| a == "--release");
    let mut build = cargo();
    build.args(["build", "--package", "mend"]);
    if release {
        build.arg("--release");
    }
    step("Building Mend", &mut build)?;
    let binary = target_dir().join(if release { "release" } else { "debug" }).join(exe("mend"));
    println!("==> Opening {}", binary.display());
    let status =
        Command::new(&binary).status().map_err(|e| format!("could not start Mend: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("Mend exited with {status}"))
}

fn test(extra: &[String]) -> Result {
    let mut packages = BUILD_PACKAGES.to_vec();
    packages.extend_from_slice(TEST_PACKAGES);
    ensure_packages(&packages)?;
    let driver = ensure_tauri_driver()?;

    step("Checking format (cargo fmt --check)", cargo().args(["fmt", "--all", "--check"]))?;
    step(
        "Linting (cargo clippy -D warnings)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]),
    )?;

    // The end-to-end tests need a display and a session bus; bring our own when absent.
    let _xvfb = if env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        Some(start_xvfb()?)
    } else {
        None
    };
    let _bus = if env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|d| d.is_empty()) {
        Some(start_session_bus()?)
    } else {
        None
    };

    let mut tests = cargo();
    tests.args(["test", "--workspace", "--locked"]).args(extra).env("TAURI_DRIVER", &driver);
    step("Running unit, integration and end-to-end tests", &mut tests)
}

/// Runs one step, printing its name; fails the whole command if the step fails.
fn step(name: &str, cmd: &mut Command) -> Result {
    println!("\n==> {name}");
    let started = Instant::now();
    let status = cmd.status().map_err(|e| format!("{name}: could not start: {e}"))?;
    println!("    ({name}: {:.0?})", started.elapsed());
    status.success().then_some(()).ok_or_else(|| format!("{name} failed ({status})"))
}

fn cargo() -> Command {
    let mut c = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(workspace_root());
    c
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

fn exe(name: &str) -> String {
    format!("{name}{}", env::consts::EXE_SUFFIX)
}

/// Installs the Debian packages that are not installed yet (apt, with sudo when not
/// root). Does nothing on systems without dpkg, where the README lists what to install.
fn ensure_packages(packages: &[&str]) -> Result {
    if !cfg!(target_os = "linux") || which("dpkg-query").is_none() {
        println!(
            "==> Not a Debian-like system: install the packages listed in README.md yourself."
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !package_installed(p)).collect();
    if missing.is_empty() {
        println!("==> System packages: all present");
        return Ok(());
    }
    println!("==> Installing system packages: {}", missing.join(" "));
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut c = if root { Command::new("apt-get") } else { sudo("apt-get") };
        c.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        c
    };
    step("apt-get update", &mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(&missing);
    step("apt-get install", &mut install)?;
    match packages.iter().find(|p| !package_installed(p)) {
        Some(p) => Err(format!("package {p} is still not installed")),
        None => Ok(()),
    }
}

fn sudo(program: &str) -> Command {
    let mut c = Command::new("sudo");
    c.args(["--preserve-env=DEBIAN_FRONTEND", program]);
    c
}

fn package_installed(name: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", name])
        .stderr(Stdio::null())
        .output()
        .map(|o| {
            o.status.success()
                && String::from_utf8_lossy(&o.stdout).ends_with("install ok installed")
        })
        .unwrap_or(false)
}

/// Finds `tauri-driver` on PATH or in cargo's bin folder, installing it when missing.
fn ensure_tauri_driver() -> Result<PathBuf> {
    let cargo_bin = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|h| h.join("bin").join(exe("tauri-driver")));
    let found = || which("tauri-driver").or_else(|| cargo_bin.clone().filter(|p| p.is_file()));
    if let Some(path) = found() {
        println!("==> tauri-driver: {}", path.display());
        return Ok(path);
    }
    step(
        "Installing tauri-driver (cargo install tauri-driver --locked)",
        Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into())).args([
            "install",
            "tauri-driver",
            "--locked",
        ]),
    )?;
    found().ok_or_else(|| "tauri-driver was installed but cannot be found".into())
}

fn which(program: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?).map(|d| d.join(exe(program))).find(|p| p.is_file())
}

/// A child process killed when dropped (Xvfb, the session bus).
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        // SIGTERM first, so Xvfb removes its lock file; SIGKILL if it lingers.
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts Xvfb on a free display number and points DISPLAY at it for every child.
fn start_xvfb() -> Result<Guard> {
    let number = (99..200)
        .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .ok_or("no free X display number between 99 and 199")?;
    let display = format!(":{number}");
    println!("==> Starting Xvfb on {display}");
    let child = Command::new("Xvfb")
        .args([&display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start Xvfb: {e}"))?;
    let guard = Guard(child);
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let deadline = Instant::now() + Duration::from_secs(15);
    while !socket.exists() {
        if Instant::now() > deadline {
            return Err("Xvfb did not start within 15 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // SAFETY (of the set_var): xtask is single-threaded here; children inherit DISPLAY.
    unsafe { env::set_var("DISPLAY", &display) };
    Ok(guard)
}

/// Starts a private D-Bus session bus (Tauri's single-instance check talks over it).
fn start_session_bus() -> Result<Guard> {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start dbus-daemon: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("dbus-daemon gave no address")?;
    let guard = Guard(child);
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    use std::io::Read;
    while stdout.read(&mut byte).map_err(|e| e.to_string())? == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let address = String::from_utf8(line).map_err(|e| e.to_string())?;
    if address.is_empty() {
        return Err("dbus-daemon printed no address".into());
    }
    println!("==> Started a D-Bus session bus");
    // SAFETY: as above, single-threaded.
    unsafe { env::set_var("DBUS_SESSION_BUS_ADDRESS", &address) };
    Ok(guard)
}
