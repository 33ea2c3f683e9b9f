//! The window benchmark behind `cargo xtask bench` (run it through xtask, which builds
//! what it needs): Mend's release build with the `bench` feature against the hello-world
//! Tauri app in `baseline/`, both in the real window under a display.
//!
//! - start → first screen painted, from process spawn, both apps run alternately;
//! - process-tree memory (PSS of the app and every process below it) 5 s after the
//!   screen painted, Mend with a generated 10-year vault unlocked; both launched the same
//!   way, through tauri-driver and WebKitWebDriver;
//! - issue 4's timings in Mend: every sidebar section from the click to the view painted
//!   (its IPC calls answered and drawn, then two frames), and the waves chart for a year.
//!
//! Each app reports its first paint itself: one fixed line on WebKit's console, which it has
//! WebKit print (see `src-tauri/commands/bench.js` and `baseline/ui/paint.js`). Times in the
//! page are taken with `performance.now()`, so WebDriver's own latency is not counted.
//! Prints figures only; never fails on a time. Exits non-zero only when the bench broke.

use fantoccini::{Client, ClientBuilder, Locator};
use mend::vault::{KdfParams, KdfPolicy, Passphrase, Store};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[path = "../tests/support/tauri_driver.rs"]
mod tauri_driver;

const USAGE: &str = "usage: window --mend <binary> --baseline <binary> [--runs N] [--visits N]
              [--only start,memory,sections]
  Run it through `cargo xtask bench [N]`, which builds both apps and provides a display.";

/// The line each app prints (WebKit's console output) once its first screen has painted.
const PAINTED: &str = "mend-bench:painted";
const PASSPHRASE: &str = "a long benchmark passphrase nobody uses";
const PATIENCE: Duration = Duration::from_secs(30);

type Result<T = ()> = std::result::Result<T, String>;

struct Args {
    mend: PathBuf,
    baseline: PathBuf,
    runs: usize,
    visits: usize,
    /// Which parts to run (all three unless `--only` names some).
    only: Vec<String>,
}

impl Args {
    fn runs_part(&self, part: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|p| p == part)
    }
}

const PARTS: [&str; 3] = ["start", "memory", "sections"];

fn parse_args() -> Result<Option<Args>> {
    let mut raw = std::env::args().skip(1);
    let (mut mend, mut baseline, mut runs, mut visits) = (None, None, 10, 5);
    let mut only = Vec::new();
    while let Some(arg) = raw.next() {
        let mut value = |name: &str| raw.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--mend" => mend = Some(PathBuf::from(value("--mend")?)),
            "--baseline" => baseline = Some(PathBuf::from(value("--baseline")?)),
            "--runs" => runs = value("--runs")?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--visits" => {
                visits = value("--visits")?.parse().map_err(|e| format!("--visits: {e}"))?
            }
            "--only" => {
                for part in value("--only")?.split(',') {
                    if !PARTS.contains(&part) {
                        return Err(format!("--only: no part named {part:?} (parts: {PARTS:?})"));
                    }
                    only.push(part.to_string());
                }
            }
            // `cargo bench` passes `--bench`; anything else is a mistake.
            "--bench" => {}
            other => return Err(format!("unknown argument {other}")),
        }
    }
    match (mend, baseline) {
        (Some(mend), Some(baseline)) => {
            Ok(Some(Args { mend, baseline, runs: runs.max(1), visits: visits.max(1), only }))
        }
        (None, None) => Ok(None),
        _ => Err("give both --mend and --baseline".into()),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            // `cargo bench` runs every bench; this one needs builds only xtask makes.
            println!("window: skipped; run `cargo xtask bench` (it builds both apps first)");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("window: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    match runtime.block_on(bench(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nwindow bench: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn bench(args: &Args) -> Result {
    for binary in [&args.mend, &args.baseline] {
        if !binary.is_file() {
            return Err(format!("{} does not exist", binary.display()));
        }
    }
    let display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    if !display {
        return Err("no DISPLAY; run through `cargo xtask bench`, which starts Xvfb".into());
    }

    let sandbox = Sandbox::new()?;
    let started = Instant::now();
    let store = Store::new(sandbox.data_dir()).with_kdf(KdfPolicy::Fixed(KdfParams::FLOOR));
    let (vault, _) = store
        .create(&Passphrase::from(PASSPHRASE), Some("Benchmark".into()))
        .map_err(|e| format!("create the vault: {e}"))?;
    let filled = mend::sample::fill_ten_years(vault.conn(), 7)
        .map_err(|e| format!("fill the vault: {e}"))?;
    vault.close().map_err(|e| format!("close the vault: {e}"))?;
    println!(
        "Vault: {} journal entries, {} check-ins, {} triggers (Argon2id 64 MiB, t=3), made in {:.1} s",
        filled.journal,
        filled.checkins,
        filled.triggers,
        started.elapsed().as_secs_f64()
    );
    let apps = [("Mend", &args.mend), ("baseline", &args.baseline)];
    println!("Machine load before: {}", load_average());
    // Both apps draw the same way. Without a GPU (no render node) Mend asks WebKit to draw
    // on the CPU (src-tauri/lib.rs); the baseline is given the same setting, so that the
    // floor is measured as Mend draws.
    let gpu = mend::has_render_node(Path::new("/dev/dri"));
    if !gpu && std::env::var_os(mend::CPU_DRAWING).is_none() {
        std::env::set_var(mend::CPU_DRAWING, "1");
    }
    let cpu = std::env::var_os(mend::CPU_DRAWING).is_some_and(|v| v == "1");
    println!(
        "WebKit drawing, both apps: {}",
        match (cpu, gpu) {
            (true, false) =>
                "Skia on the CPU (no GPU render node: Mend's own choice; the baseline \
                              is given WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 too)",
            (true, true) => "Skia on the CPU (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 set by hand)",
            (false, _) =>
                "WebKit's default, Skia on OpenGL (set WEBKIT_SKIA_ENABLE_CPU_RENDERING \
                           to compare)",
        }
    );

    if args.runs_part("start") {
        // Start-up: spawned directly, one unmeasured run each first (disk cache), then A B A B.
        println!("\nStart → first screen painted ({} runs each, alternating)", args.runs);
        for (_, binary) in apps {
            time_start(binary, &sandbox)?;
        }
        let mut starts: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        let mut pages: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for _ in 0..args.runs {
            for (i, (_, binary)) in apps.iter().enumerate() {
                let (total, page) = time_start(binary, &sandbox)?;
                starts[i].push(total.as_secs_f64() * 1000.0);
                pages[i].push(page);
            }
        }
        report("start → first screen (ms)", &starts, " ms", Goal::Ratio(1.10));
        for (i, (name, _)) in apps.iter().enumerate() {
            let native: Vec<f64> = starts[i].iter().zip(&pages[i]).map(|(t, p)| t - p).collect();
            println!(
                "    {name:<9} where it goes (medians): spawn → page's time origin {:.1} ms, \
                 page's time origin → painted {:.1} ms",
                median(&native),
                median(&pages[i])
            );
        }
    }

    // Memory: both through tauri-driver, Mend unlocked on the 10-year vault. With only the
    // start-up asked for, the same launches give the page's own account of its first screen.
    let measure_memory = args.runs_part("memory");
    if !measure_memory && !args.runs_part("start") {
        return sections(args, &sandbox).await;
    }
    if measure_memory {
        println!(
            "\nProcess-tree PSS 5 s after the screen painted ({} runs each, alternating)",
            args.runs
        );
    } else {
        println!("\nThe first screen by the page's clock ({} runs each, alternating)", args.runs);
    }
    let mut memory: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut by_process: [HashMap<String, Vec<f64>>; 2] = [HashMap::new(), HashMap::new()];
    let mut locked = Vec::new();
    let mut pages: [Vec<PageStart>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..args.runs {
        for (i, (name, binary)) in apps.iter().enumerate() {
            let session = Session::launch(binary, &sandbox).await?;
            session.wait_painted().await?;
            pages[i].push(session.page_start().await?);
            if !measure_memory {
                session.quit().await;
                continue;
            }
            if *name == "Mend" {
                tokio::time::sleep(Duration::from_secs(5)).await;
                let tree = session.tree_pss_kib(binary)?;
                locked.push(tree.iter().map(|(_, kib)| *kib as f64).sum::<f64>() / 1024.0);
                session.unlock().await?;
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
            let tree = session.tree_pss_kib(binary)?;
            memory[i].push(tree.iter().map(|(_, kib)| *kib as f64).sum::<f64>() / 1024.0);
            let mut sums: HashMap<String, f64> = HashMap::new();
            for (process, kib) in tree {
                *sums.entry(process).or_default() += kib as f64 / 1024.0;
            }
            for (process, mib) in sums {
                by_process[i].entry(process).or_default().push(mib);
            }
            session.quit().await;
        }
    }
    if measure_memory {
        memory_report(&apps, &memory, &by_process, &locked);
    }
    for (i, (name, _)) in apps.iter().enumerate() {
        PageStart::print(name, &pages[i]);
    }
    sections(args, &sandbox).await
}

/// Prints the PSS figures gathered by `bench`.
fn memory_report(
    apps: &[(&str, &PathBuf); 2],
    memory: &[Vec<f64>; 2],
    by_process: &[HashMap<String, Vec<f64>>; 2],
    locked: &[f64],
) {
    report("PSS (MiB)", memory, " MiB", Goal::Ratio(1.20));
    for (i, (name, _)) in apps.iter().enumerate() {
        let mut parts: Vec<(String, f64)> =
            by_process[i].iter().map(|(p, v)| (p.clone(), median(v))).collect();
        parts.sort_by(|a, b| b.1.total_cmp(&a.1));
        let parts: Vec<String> = parts.iter().map(|(p, m)| format!("{p} {m:.1} MiB")).collect();
        println!("    {name:<9} by process (medians): {}", parts.join(", "));
    }
    let (min, max) = spread(locked);
    println!(
        "    Mend at its lock screen (no vault open yet), 5 s after painting: median {:.1} MiB, \
         min–max {min:.1}–{max:.1} MiB ({:.2}× baseline)",
        median(locked),
        median(locked) / median(&memory[1])
    );
}

/// Issue 4: every section, and the waves chart for a year (when asked for).
async fn sections(args: &Args, sandbox: &Sandbox) -> Result {
    if args.runs_part("sections") {
        // Issue 4: every section, and the waves chart for a year.
        println!(
            "\nSections in Mend, 10-year vault: click → view painted ({} visits each)",
            args.visits
        );
        let session = Session::launch(&args.mend, sandbox).await?;
        session.wait_painted().await?;
        session.unlock().await?;
        section_timings(&session, args.visits).await?;
        session.quit().await;
    }
    println!("\nMachine load after: {}", load_average());
    Ok(())
}

/// The 1, 5 and 15-minute load averages, so a reader can tell a busy machine's figures.
fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let fields: Vec<&str> = load.split_whitespace().take(3).collect();
    format!("{} (1, 5, 15 min; {} cores)", fields.join(" "), cores())
}

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

enum Goal {
    Ratio(f64),
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn spread(values: &[f64]) -> (f64, f64) {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (min, max)
}

fn report(what: &str, values: &[Vec<f64>; 2], unit: &str, goal: Goal) {
    let line = |name: &str, v: &[f64]| {
        let (min, max) = spread(v);
        println!("    {name:<9} median {:>7.1}{unit}   min–max {min:.1}–{max:.1}{unit}", median(v));
    };
    line("Mend", &values[0]);
    line("baseline", &values[1]);
    let ratio = median(&values[0]) / median(&values[1]);
    let Goal::Ratio(limit) = goal;
    let verdict = if ratio <= limit { "met" } else { "missed" };
    println!("    {what}: Mend / baseline = {ratio:.2}×   goal ≤ {limit:.2}×: {verdict}");
}

/// A private home, XDG folders and data folder shared by every run of both apps.
struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Result<Sandbox> {
        let root = tempfile::Builder::new()
            .prefix("mend-window-bench-")
            .tempdir()
            .map_err(|e| format!("temp dir: {e}"))?;
        for sub in ["home", "data", "cache", "config", "runtime", "mend"] {
            std::fs::create_dir_all(root.path().join(sub)).map_err(|e| e.to_string())?;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                root.path().join("runtime"),
                std::fs::Permissions::from_mode(0o700),
            )
            .map_err(|e| e.to_string())?;
        }
        Ok(Sandbox { root })
    }

    fn data_dir(&self) -> PathBuf {
        self.root.path().join("mend")
    }

    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        let p = self.root.path();
        vec![
            ("HOME", p.join("home")),
            ("XDG_DATA_HOME", p.join("data")),
            ("XDG_CACHE_HOME", p.join("cache")),
            ("XDG_CONFIG_HOME", p.join("config")),
            ("XDG_RUNTIME_DIR", p.join("runtime")),
            ("MEND_DATA_DIR", self.data_dir()),
        ]
    }
}

/// Kills a process group and waits until every process that was in `tree` is gone
/// (WebKit's helpers die with their parent, a moment later).
fn kill_group(leader: &mut Child, tree: &[u32]) {
    // SAFETY: signals the process group this bench created; the pid is our child's.
    unsafe {
        libc::kill(-(leader.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = leader.kill();
    let _ = leader.wait();
    let deadline = Instant::now() + Duration::from_secs(10);
    while tree.iter().any(|pid| Path::new(&format!("/proc/{pid}")).exists())
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Spawns `binary` and returns the time until it printed that its first screen painted,
/// and the page's own clock at that moment (ms since the page's time origin).
/// (WebKit prints console messages on stderr or stdout depending on its version; both are
/// read.)
fn time_start(binary: &Path, sandbox: &Sandbox) -> Result<(Duration, f64)> {
    let mut cmd = Command::new(binary);
    cmd.envs(sandbox.env()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let spawned = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("start {}: {e}", binary.display()))?;
    let (tx, rx) = mpsc::channel();
    let said = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let out: Box<dyn Read + Send> = Box::new(child.stdout.take().ok_or("no stdout")?);
    let err: Box<dyn Read + Send> = Box::new(child.stderr.take().ok_or("no stderr")?);
    let readers: Vec<_> = [out, err]
        .into_iter()
        .map(|stream| {
            let (tx, said) = (tx.clone(), said.clone());
            std::thread::spawn(move || {
                let mut lines = BufReader::new(stream);
                let mut line = Vec::new();
                while lines.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
                    let text = String::from_utf8_lossy(&line);
                    if let Some((_, clock)) = text.split_once(PAINTED) {
                        let page: f64 = clock.trim().parse().unwrap_or(f64::NAN);
                        let _ = tx.send((Instant::now(), page));
                    } else if let Ok(mut said) = said.lock() {
                        said.push(text.trim_end().to_string());
                    }
                    line.clear();
                }
            })
        })
        .collect();
    drop(tx);
    let painted = rx.recv_timeout(PATIENCE);
    let tree = descendants(child.id());
    kill_group(&mut child, &tree);
    // The pipes close once the last process holding them is gone.
    for reader in readers {
        let _ = reader.join();
    }
    let painted = painted.map_err(|_| {
        let said = said.lock().map(|s| s.join("\n")).unwrap_or_default();
        format!(
            "{} did not report its first paint within {PATIENCE:?}; it said:\n{said}",
            binary.display()
        )
    })?;
    Ok((painted.0 - spawned, painted.1))
}

/// `pid` and every process below it.
fn descendants(pid: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            // The parent is the second field after the command name, which may hold spaces.
            let parent = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if let Some(parent) = parent {
                children.entry(parent).or_default().push(child);
            }
        }
    }
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        if let Some(kids) = children.get(&out[i]) {
            out.extend(kids);
        }
        i += 1;
    }
    out
}

/// The proportional set size of one process, in KiB.
fn pss_kib(pid: u32) -> Result<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).map_err(|e| {
        format!(
            "read /proc/{pid}/smaps_rollup: {e} (Mend makes itself non-dumpable, so only \
             root can read its memory map; run the bench as root or in a container)"
        )
    })?;
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("no Pss line for process {pid}"))
}

impl Drop for Session {
    fn drop(&mut self) {
        let tree = descendants(self.driver.id());
        kill_group(&mut self.driver, &tree);
    }
}

/// Where a page's first screen spent its time, by its own clock (ms since its time
/// origin), read over WebDriver once it painted.
#[derive(serde::Deserialize)]
struct PageStart {
    /// The HTML document received.
    document: f64,
    /// Scripts (ES modules included) and styles loaded and run: DOMContentLoaded ended.
    loaded: f64,
    /// How many files the page fetched besides the document (scripts, styles…).
    files: f64,
    /// IPC calls before the first paint: command, start and end (page clock, ms).
    calls: Vec<(String, f64, f64)>,
    /// A view was put in `#main`, and its IPC calls were answered (Mend only).
    view: Option<f64>,
    idle: Option<f64>,
    /// The first screen painted (the app's own report).
    painted: f64,
}

impl PageStart {
    fn print(name: &str, runs: &[PageStart]) {
        let m = |f: fn(&PageStart) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
        println!(
            "    {name:<9} first screen by the page's clock (medians, ms): document {:.0}, \
             scripts and styles run {:.0} ({:.0} files), painted {:.0}; {:.0} IPC calls spanning {:.0} ms",
            m(|p| p.document),
            m(|p| p.loaded),
            m(|p| p.files),
            m(|p| p.painted),
            m(|p| p.calls.len() as f64),
            m(|p| p.calls.iter().map(|c| c.2).fold(0.0, f64::max)
                - p.calls.iter().map(|c| c.1).fold(f64::INFINITY, f64::min).min(p.painted))
                .max(0.0)
        );
        let marks: Vec<(f64, f64)> = runs.iter().filter_map(|p| p.view.zip(p.idle)).collect();
        if !marks.is_empty() {
            println!(
                "        view in #main at {:.0} ms, its IPC answered at {:.0} ms (medians)",
                median(&marks.iter().map(|m| m.0).collect::<Vec<_>>()),
                median(&marks.iter().map(|m| m.1).collect::<Vec<_>>())
            );
        }
        let mut by_cmd: HashMap<&str, Vec<(f64, f64)>> = HashMap::new();
        for run in runs {
            for (cmd, start, end) in &run.calls {
                by_cmd.entry(cmd).or_default().push((*start, *end));
            }
        }
        let mut cmds: Vec<(&str, f64, f64)> = by_cmd
            .into_iter()
            .map(|(cmd, v)| {
                let starts: Vec<f64> = v.iter().map(|c| c.0).collect();
                let ends: Vec<f64> = v.iter().map(|c| c.1).collect();
                (cmd, median(&starts), median(&ends))
            })
            .collect();
        cmds.sort_by(|a, b| a.1.total_cmp(&b.1));
        for (cmd, start, end) in cmds {
            println!("        IPC {cmd:<24} {start:>6.0} → {end:>6.0} ms ({:.0} ms)", end - start);
        }
    }
}

/// One app under tauri-driver → WebKitWebDriver (the same launch path for both apps).
struct Session {
    client: Client,
    driver: Child,
}

impl Session {
    async fn launch(binary: &Path, sandbox: &Sandbox) -> Result<Session> {
        let port = || tauri_driver::free_port().map_err(|e| e.to_string());
        let (port, native_port) = (port()?, port()?);
        let mut cmd = Command::new(tauri_driver::binary());
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(sandbox.env())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut driver = cmd.spawn().map_err(|e| format!("start tauri-driver: {e}"))?;
        let deadline = Instant::now() + PATIENCE;
        while !(tauri_driver::ready(port) && tauri_driver::ready(native_port)) {
            if let Ok(Some(status)) = driver.try_wait() {
                return Err(format!("tauri-driver exited early with {status}"));
            }
            if Instant::now() > deadline {
                kill_group(&mut driver, &[]);
                return Err("tauri-driver did not become ready".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let caps = json!({ "tauri:options": { "application": binary } });
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.as_object().cloned().unwrap_or_default());
        match builder.connect(&format!("http://127.0.0.1:{port}")).await {
            Ok(client) => Ok(Session { client, driver }),
            Err(e) => {
                kill_group(&mut driver, &[]);
                Err(format!("WebDriver session did not start: {e}"))
            }
        }
    }

    async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client.execute(script, args).await.map_err(|e| format!("script failed: {e}"))
    }

    async fn js_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client.execute_async(script, args).await.map_err(|e| format!("script failed: {e}"))
    }

    /// Waits for the app's own first-paint report (the flag beside the console line).
    async fn wait_painted(&self) -> Result {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self.js("return window.__mendBenchPainted || null;", vec![]).await?;
            if value.is_number() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("the first screen did not report its paint".into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The page's own account of its first screen (see [`PageStart`]).
    async fn page_start(&self) -> Result<PageStart> {
        let script = "const nav = performance.getEntriesByType('navigation')[0] || {};
            const painted = window.__mendBenchPainted;
            const calls = window.__mendBenchCalls ? window.__mendBenchCalls(0).filter((c) => c.start < painted) : [];
            return {
              document: nav.responseEnd || 0,
              loaded: nav.domContentLoadedEventEnd || 0,
              files: performance.getEntriesByType('resource').length,
              calls: calls.map((c) => [c.cmd, c.start, c.end]),
              view: (window.__mendBenchMarks || {}).view,
              idle: (window.__mendBenchMarks || {}).idle,
              painted,
            };";
        let value = self.js(script, vec![]).await?;
        serde_json::from_value(value).map_err(|e| format!("reading the page's timings: {e}"))
    }

    /// Unlocks the 10-year vault from the lock screen and waits for home to be painted.
    async fn unlock(&self) -> Result {
        let field = self
            .client
            .find(Locator::Css("#passphrase"))
            .await
            .map_err(|e| format!("no passphrase field on the first screen: {e}"))?;
        field.send_keys(PASSPHRASE).await.map_err(|e| format!("typing the passphrase: {e}"))?;
        let button = self
            .client
            .find(Locator::Css("#unlock"))
            .await
            .map_err(|e| format!("no unlock button: {e}"))?;
        button.click().await.map_err(|e| format!("clicking unlock: {e}"))?;
        let deadline = Instant::now() + PATIENCE;
        while self.client.find(Locator::Css("#main[data-view=\"home\"]")).await.is_err() {
            if Instant::now() > deadline {
                let shown = self
                    .js(
                        "return [document.querySelector('#main')?.dataset.view, \
                         document.querySelector('.error:not([hidden])')?.textContent];",
                        vec![],
                    )
                    .await
                    .unwrap_or_default();
                return Err(format!("the vault did not unlock (view and error shown: {shown})"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.settled().await.map(|_| ())
    }

    /// Waits until no IPC call is in flight, then two frames; returns the page's clock.
    async fn settled(&self) -> Result<Value> {
        let script = "const done = arguments[arguments.length - 1];
            window.__mendBenchIdle().then(() => requestAnimationFrame(() =>
              requestAnimationFrame(() => done(performance.now()))));";
        self.js_async(script, vec![]).await
    }

    /// Clicks the first element matching `css` inside the page and returns the time until
    /// the result is painted (its IPC calls answered and drawn, then two frames), and each
    /// IPC command it caused with how long that call took (ms).
    async fn time_click(&self, css: &str) -> Result<(f64, Vec<(String, f64)>)> {
        self.settled().await?;
        let script = "const [css, done] = [arguments[0], arguments[arguments.length - 1]];
            const target = document.querySelector(css);
            if (!target) { done(null); return; }
            const t0 = performance.now();
            target.click();
            window.__mendBenchIdle().then(() => requestAnimationFrame(() =>
              requestAnimationFrame(() => done({
                total: performance.now() - t0,
                calls: window.__mendBenchCalls(t0).map((c) => [c.cmd, c.end - c.start]),
              }))));";
        let value = self.js_async(script, vec![json!(css)]).await?;
        let total = value["total"].as_f64().ok_or_else(|| format!("nothing matched {css}"))?;
        let calls = serde_json::from_value(value["calls"].clone())
            .map_err(|e| format!("reading the IPC calls: {e}"))?;
        Ok((total, calls))
    }

    /// The app's process (found below the driver by its executable) and everything below
    /// it: each one's name and PSS in KiB.
    fn tree_pss_kib(&self, binary: &Path) -> Result<Vec<(String, u64)>> {
        let binary = binary.canonicalize().map_err(|e| e.to_string())?;
        let app = descendants(self.driver.id())
            .into_iter()
            .find(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary)
            })
            .ok_or("the app's process was not found below tauri-driver")?;
        descendants(app)
            .into_iter()
            .map(|pid| {
                let name = if pid == app {
                    "app".to_string()
                } else {
                    std::fs::read_to_string(format!("/proc/{pid}/comm"))
                        .map(|c| c.trim().to_string())
                        .unwrap_or_else(|_| "?".into())
                };
                pss_kib(pid).map(|kib| (name, kib))
            })
            .collect()
    }

    async fn quit(self) {
        let _ = self.client.clone().close().await;
        // Drop stops the driver, the app and WebKit's processes.
    }
}

/// Issue 4: each sidebar section from the click to the view painted, and the waves chart
/// switched to a year. Goals: 100 ms per section, 50 ms for the chart.
async fn section_timings(session: &Session, visits: usize) -> Result {
    let views = session
        .js(
            "return [...document.querySelectorAll('.sidebar .nav-link')].map(b => [b.dataset.view, b.textContent]);",
            vec![],
        )
        .await?;
    let views: Vec<(String, String)> =
        serde_json::from_value(views).map_err(|e| format!("reading the sidebar: {e}"))?;
    if views.is_empty() {
        return Err("the sidebar has no sections".into());
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); views.len()];
    // Per section: each command's time summed per visit, one entry per visit.
    let mut ipc: Vec<HashMap<String, Vec<f64>>> = vec![HashMap::new(); views.len()];
    for _ in 0..visits {
        for (i, (view, _)) in views.iter().enumerate() {
            let css = format!(".sidebar .nav-link[data-view=\"{view}\"]");
            let (total, calls) = session.time_click(&css).await?;
            times[i].push(total);
            let mut per_cmd: HashMap<String, f64> = HashMap::new();
            for (cmd, ms) in calls {
                *per_cmd.entry(cmd).or_default() += ms;
            }
            for (cmd, ms) in per_cmd {
                ipc[i].entry(cmd).or_default().push(ms);
            }
        }
    }
    let mut missed = Vec::new();
    for (((view, label), t), calls) in views.iter().zip(&times).zip(&ipc) {
        let (min, max) = spread(t);
        let m = median(t);
        let verdict = if m <= 100.0 { "met" } else { "missed" };
        if m > 100.0 {
            missed.push(view.as_str());
        }
        let mut slowest: Vec<(&String, f64)> =
            calls.iter().map(|(cmd, v)| (cmd, median(v))).collect();
        slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
        let slowest: Vec<String> =
            slowest.iter().take(3).map(|(cmd, ms)| format!("{cmd} {ms:.0}")).collect();
        println!(
            "    {label:<22} median {m:>6.1} ms  min–max {min:>5.1}–{max:>6.1}  ≤ 100 ms: {verdict:<6}  \
             IPC ms: {}",
            if slowest.is_empty() { "none".into() } else { slowest.join(", ") }
        );
    }
    println!(
        "    sections: {} of {} within 100 ms{}",
        views.len() - missed.len(),
        views.len(),
        if missed.is_empty() { String::new() } else { format!(" (missed: {})", missed.join(", ")) }
    );

    // The waves chart: open the view, then switch between two weeks and a year.
    session.time_click(".sidebar .nav-link[data-view=\"waves\"]").await?;
    let (mut year, mut year_ipc) = (Vec::new(), Vec::new());
    for _ in 0..visits.max(5) {
        session.time_click("button[data-range=\"2w\"]").await?;
        let (total, calls) = session.time_click("button[data-range=\"1y\"]").await?;
        year.push(total);
        year_ipc.push(calls.iter().map(|(_, ms)| ms).sum::<f64>());
    }
    let lines = session
        .js("return document.querySelectorAll('#waves-chart svg polyline').length;", vec![])
        .await?;
    let (min, max) = spread(&year);
    let m = median(&year);
    println!(
        "    waves chart, a year ({lines} lines): median {m:.1} ms   min–max {min:.1}–{max:.1} ms   \
         (IPC {:.1} ms)   goal ≤ 50 ms: {}",
        median(&year_ipc),
        if m <= 50.0 { "met" } else { "missed" }
    );
    Ok(())
}
