//! `cargo xtask <command>`: the project's two commands and their helpers.
//!
//! - `cargo xtask run`  installs missing system packages, builds Mend and opens it.
//! - `cargo xtask test` installs what the suite needs (system packages, tauri-driver),
//!   starts Xvfb and a D-Bus session bus when there is none, and runs rustfmt, clippy
//!   and every test, end-to-end tests in a real window included. It fails, never skips,
//!   when a piece is missing.
//! - `cargo xtask bench [N]` measures Mend's window against the hello-world Tauri app in
//!   `baseline/` (start-up, memory, binary and `.deb` size, section timings); see
//!   docs/PERFORMANCE.md. It prints figures and goals and fails only if the bench broke.
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
const TEST_PACKAGES: &[&str] =
    &["webkit2gtk-driver", "xvfb", "dbus", "poppler-utils", "xdotool", "xclip"];

const USAGE: &str = "usage: cargo xtask <run|test|bench|help>
  run        install missing system packages, build Mend and open it
  test       install what the suite needs, then run fmt, clippy and all tests (E2E included)
  bench [N]  build Mend and the baseline app in release, then measure start-up, memory,
             sizes and section timings, each app N times alternately (default 10)";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bench") => bench(&args[1..]),
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
    let _display = display_and_bus()?;

    let mut tests = cargo();
    tests.args(["test", "--workspace", "--locked"]).args(extra).env("TAURI_DRIVER", &driver);
    step("Running unit, integration and end-to-end tests", &mut tests)
}

/// How many times each app runs in `cargo xtask bench` unless told otherwise.
const BENCH_RUNS: usize = 10;

/// The goals from issue 7, in bytes (1 MB = 1,000,000 bytes).
const BINARY_GOAL_EXTRA: u64 = 6_000_000;
const DEB_GOAL: u64 = 12_000_000;

fn bench(extra: &[String]) -> Result {
    let runs = match extra {
        [] => BENCH_RUNS,
        [n] => n.parse().ok().filter(|n| *n > 0).ok_or(format!("bench: {n} is not a count"))?,
        _ => return Err(format!("bench takes at most one argument\n{USAGE}")),
    };
    let mut packages = BUILD_PACKAGES.to_vec();
    packages.extend_from_slice(TEST_PACKAGES);
    ensure_packages(&packages)?;
    let driver = ensure_tauri_driver()?;
    let root = workspace_root();
    let baseline_dir = root.join("baseline");
    check_baseline(&root, &baseline_dir)?;

    let out = target_dir().join("window-bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let release = target_dir().join("release");

    let mut baseline_build = cargo();
    baseline_build.current_dir(&baseline_dir).args(["build", "--release", "--locked"]);
    // Its own workspace, so its own target folder unless CARGO_TARGET_DIR says otherwise.
    let baseline_target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| baseline_dir.join("target"));
    step("Building the baseline app (release)", &mut baseline_build)?;
    let baseline = copy_binary(&baseline_target.join("release").join(exe("mend-baseline")), &out)?;

    step(
        "Building Mend (release, feature `bench`: reports its first paint on the console)",
        cargo().args([
            "build",
            "--release",
            "--locked",
            "--package",
            "mend",
            "--features",
            "bench",
        ]),
    )?;
    let measured = out.join(exe("mend-bench"));
    copy(&release.join(exe("mend")), &measured)?;

    // The shipped build (no feature): the .deb, and the binary whose size counts.
    let deb = build_deb();
    if deb.is_err() {
        step(
            "Building Mend (release, as shipped)",
            cargo().args(["build", "--release", "--locked", "--package", "mend"]),
        )?;
    }
    let shipped = copy_binary(&release.join(exe("mend")), &out)?;

    println!("\n==> Sizes");
    let (mend_size, base_size) = (stripped_size(&shipped)?, stripped_size(&baseline)?);
    println!(
        "    stripped binary: Mend {}, baseline {}: ratio {:.2}×, difference {}",
        mb(mend_size),
        mb(base_size),
        mend_size as f64 / base_size as f64,
        signed_mb(mend_size as i64 - base_size as i64)
    );
    println!(
        "    goal: stripped binary ≤ baseline + {}: {}",
        mb(BINARY_GOAL_EXTRA),
        verdict(mend_size <= base_size + BINARY_GOAL_EXTRA)
    );
    match deb {
        Ok(path) => {
            let size = std::fs::metadata(&path).map_err(|e| e.to_string())?.len();
            println!("    .deb: {} ({})", mb(size), path.display());
            println!("    goal: .deb ≤ {}: {}", mb(DEB_GOAL), verdict(size <= DEB_GOAL));
        }
        Err(reason) => println!("    .deb: not measured: {reason}"),
    }

    let _display = display_and_bus()?;
    let mut window = cargo();
    window
        .args(["test", "--locked", "--package", "mend", "--bench", "window", "--"])
        .arg("--mend")
        .arg(&measured)
        .arg("--baseline")
        .arg(&baseline)
        .args(["--runs", &runs.to_string()])
        .env("TAURI_DRIVER", &driver);
    step("Window benchmark (start-up, memory, sections)", &mut window)
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "missed"
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn signed_mb(bytes: i64) -> String {
    format!("{:+.2} MB", bytes as f64 / 1e6)
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} to {}: {e}", from.display(), to.display()))
}

/// Copies a built binary into the bench's folder (a later build may replace the original).
fn copy_binary(from: &Path, dir: &Path) -> Result<PathBuf> {
    let to = dir.join(from.file_name().ok_or("binary without a name")?);
    copy(from, &to)?;
    Ok(to)
}

/// The size of `binary` with every symbol stripped (both release profiles strip already;
/// `strip` on a copy makes sure).
fn stripped_size(binary: &Path) -> Result<u64> {
    let copy_path = binary.with_extension("stripped");
    copy(binary, &copy_path)?;
    if which("strip").is_some() {
        let status = Command::new("strip")
            .arg("--strip-all")
            .arg(&copy_path)
            .status()
            .map_err(|e| format!("strip: {e}"))?;
        if !status.success() {
            return Err(format!("strip {} failed", copy_path.display()));
        }
    } else {
        println!("    (no `strip` on PATH: sizes as built, with the release profile's strip)");
    }
    std::fs::metadata(&copy_path).map(|m| m.len()).map_err(|e| e.to_string())
}

/// Builds the `.deb` with Tauri's CLI (npx, else `cargo tauri` when installed); the
/// error says why there is none.
fn build_deb() -> std::result::Result<PathBuf, String> {
    let deb_dir = target_dir().join("release").join("bundle").join("deb");
    let _ = std::fs::remove_dir_all(&deb_dir);
    let mut tried = Vec::new();
    if which("npx").is_some() {
        let mut npx = Command::new("npx");
        npx.current_dir(workspace_root()).args([
            "--yes",
            "@tauri-apps/cli@2",
            "build",
            "--bundles",
            "deb",
            "--",
            "--locked",
        ]);
        match step("Building the .deb (npx @tauri-apps/cli@2 build --bundles deb)", &mut npx) {
            Ok(()) => return find_deb(&deb_dir),
            Err(e) => tried.push(e),
        }
    } else {
        tried.push("npx is not installed".to_string());
    }
    let has_cargo_tauri =
        cargo().args(["tauri", "--version"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
    if has_cargo_tauri.is_ok_and(|s| s.success()) {
        let mut tauri = cargo();
        tauri.args(["tauri", "build", "--bundles", "deb", "--", "--locked"]);
        match step("Building the .deb (cargo tauri build --bundles deb)", &mut tauri) {
            Ok(()) => return find_deb(&deb_dir),
            Err(e) => tried.push(e),
        }
    } else {
        tried.push("cargo tauri is not installed (cargo install tauri-cli --locked)".into());
    }
    Err(tried.join("; "))
}

fn find_deb(dir: &Path) -> std::result::Result<PathBuf, String> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .ok_or_else(|| format!("no .deb in {}", dir.display()))
}

/// The baseline must stand on the same floor: every package its Cargo.lock names is in
/// Mend's at the same version (Tauri, wry, WebKitGTK bindings…), the same release
/// profile, and the same window size.
fn check_baseline(root: &Path, baseline: &Path) -> Result {
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let mend_lock = lock_packages(&read(root.join("Cargo.lock"))?);
    let base_lock = lock_packages(&read(baseline.join("Cargo.lock"))?);
    let differ: Vec<String> = base_lock
        .iter()
        .filter(|(name, _)| name != "mend-baseline")
        .filter(|p| !mend_lock.contains(p))
        .map(|(n, v)| format!("{n} {v}"))
        .collect();
    if !differ.is_empty() {
        return Err(format!(
            "baseline/Cargo.lock differs from Cargo.lock for: {} (copy Cargo.lock into \
             baseline/ and run `cargo tree` there to trim it)",
            differ.join(", ")
        ));
    }
    let tauri = |lock: &[(String, String)]| {
        lock.iter().find(|(n, _)| n == "tauri").map(|(_, v)| v.clone()).unwrap_or_default()
    };
    let (mend_toml, base_toml) =
        (read(root.join("Cargo.toml"))?, read(baseline.join("Cargo.toml"))?);
    let profile = release_profile(&mend_toml);
    if profile.is_empty() || profile != release_profile(&base_toml) {
        return Err("baseline/Cargo.toml's [profile.release] tables differ from Mend's".into());
    }
    let size = |conf: &str| -> Vec<String> {
        ["\"width\"", "\"height\""]
            .iter()
            .map(|key| {
                conf.split(key)
                    .nth(1)
                    .and_then(|s| s.split(',').next())
                    .map(|s| s.trim_start_matches([':', ' ']).trim().to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    let (mend_conf, base_conf) =
        (read(root.join("tauri.conf.json"))?, read(baseline.join("tauri.conf.json"))?);
    if size(&mend_conf) != size(&base_conf) {
        return Err("the baseline's window size differs from Mend's (tauri.conf.json)".into());
    }
    println!(
        "==> Baseline: tauri {} in both lock files ({} shared packages agree), same release \
         profile, same window size ({}×{})",
        tauri(&mend_lock),
        base_lock.len() - 1,
        size(&mend_conf)[0],
        size(&mend_conf)[1]
    );
    Ok(())
}

/// (name, version) of every package in a Cargo.lock.
fn lock_packages(lock: &str) -> Vec<(String, String)> {
    let value = |line: &str, key: &str| {
        line.strip_prefix(key)
            .map(|v| v.trim().trim_start_matches('=').trim().trim_matches('"').to_string())
    };
    let mut out = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = value(line, "name ") {
            name = Some(n);
        } else if let (Some(v), Some(n)) = (value(line, "version "), name.take()) {
            out.push((n, v));
        }
    }
    out
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

/// Xvfb and a D-Bus session bus of our own where the environment has none; they stop
/// when the returned guards are dropped.
fn display_and_bus() -> Result<(Option<Guard>, Option<Guard>)> {
    let missing = |var: &str| env::var_os(var).is_none_or(|d| d.is_empty());
    let xvfb = if missing("DISPLAY") { Some(start_xvfb()?) } else { None };
    let bus = if missing("DBUS_SESSION_BUS_ADDRESS") { Some(start_session_bus()?) } else { None };
    Ok((xvfb, bus))
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

/// The lines of `[profile.release]` and of every `[profile.release.*]` table (per-package
/// settings), headers included, in the order written; comments and blank lines left out.
fn release_profile(toml: &str) -> Vec<String> {
    let mut in_release = false;
    toml.lines()
        .map(str::trim)
        .filter(|l| {
            if l.starts_with('[') {
                in_release = *l == "[profile.release]" || l.starts_with("[profile.release.");
            }
            in_release && !l.is_empty() && !l.starts_with('#')
        })
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_baseline_has_the_same_release_profile() {
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap();
        let root = workspace_root();
        let mend = release_profile(&read(root.join("Cargo.toml")));
        assert!(mend.contains(&"[profile.release]".to_string()));
        assert_eq!(mend, release_profile(&read(root.join("baseline/Cargo.toml"))));
    }

    #[test]
    fn per_package_tables_count() {
        let a = "[profile.release]\nlto = true\n\n[profile.release.package.krilla]\n\
                 opt-level = \"z\"\n\n[dependencies]\nx = \"1\"\n";
        let b = a.replace("\"z\"", "\"s\"");
        assert_eq!(release_profile(a).len(), 4);
        assert_ne!(release_profile(a), release_profile(&b));
        assert!(release_profile("[profile.dev]\nopt-level = 1\n").is_empty());
    }
}
