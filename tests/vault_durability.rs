//! DESIGN.md promise 5, "Nothing is lost", tested with real processes and a real full
//! disk: a journal writer killed with SIGKILL at random points, a passphrase change
//! killed midway, a 4 MiB tmpfs filled up, and a second process trying to open a vault
//! that is already open.
//!
//! The child processes are this test binary run again on one `#[ignore]`d `child_*`
//! test, told what to do through `MEND_DURABILITY_*` environment variables; without
//! them a child test returns at once and checks nothing.
//!
//! Every run prints its base seed; `MEND_DURABILITY_SEED=<n>` replays the same trial
//! plans (where the kill lands still depends on timing). The disk-full test mounts a
//! tmpfs and therefore needs root; it fails, never skips, without it.

use std::collections::BTreeMap;
use std::ffi::CString;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::Utc;
use mend::vault::{self, KdfParams, KdfPolicy, Passphrase, RecoveryKey, Secret, Store, Vault};
use mend::workbook::journal::{self, Draft};

/// Set in a child: the data dir. Its absence makes every `child_*` test a no-op.
const CHILD_ENV: &str = "MEND_DURABILITY_CHILD";
/// Set in a child: the vault's folder id.
const VAULT_ENV: &str = "MEND_DURABILITY_VAULT";
/// Set in a child: the passphrase to unlock with.
const PASS_ENV: &str = "MEND_DURABILITY_PASS";
/// Set in a journal writer: `"<trial> <seed> <wal_autocheckpoint pages, 0 = default>"`.
const PLAN_ENV: &str = "MEND_DURABILITY_PLAN";
/// Set in an unlocker: keep the vault open until a line arrives on stdin.
const HOLD_ENV: &str = "MEND_DURABILITY_HOLD";
/// Replays a run's trial plans.
const SEED_ENV: &str = "MEND_DURABILITY_SEED";

/// Prefix of every line a child reports, so libtest's own output is never mistaken.
const MARK: &str = "@@mend ";
/// How long a child may stay silent before the test gives up on it.
const CHILD_TIMEOUT: Duration = Duration::from_secs(30);
/// A child stops on its own after this many operations (it is normally killed long
/// before; the bound only matters if the parent died without killing it).
const CHILD_MAX_OPS: u32 = 3000;

const PASS_A: &str = "alpha tide over the harbour";
const PASS_B: &str = "bravo stone under the bridge";

/// The message every storage failure shows.
const STORAGE_MESSAGE: &str = "Mend could not read or write its files. Nothing was changed.";

/// Journal-writer trials, and how many share one vault (a fresh vault keeps the file,
/// and so the integrity checks on every unlock, small).
const WRITER_TRIALS: u32 = 60;
const WRITER_TRIALS_PER_VAULT: u32 = 15;
/// Passphrase-change trials.
const CHANGE_TRIALS: u32 = 30;

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/// A store with cheap Argon2id parameters (debug builds use them as given).
fn store(dir: &Path) -> Store {
    Store::new(dir).with_kdf(KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS))
}

fn pass(p: &str) -> Secret {
    Secret::Passphrase(Passphrase::from(p))
}

fn other(p: &str) -> &'static str {
    if p == PASS_A {
        PASS_B
    } else {
        PASS_A
    }
}

fn pass_name(p: &str) -> &'static str {
    if p == PASS_A {
        "A"
    } else {
        "B"
    }
}

fn from_name(n: &str) -> &'static str {
    match n {
        "A" => PASS_A,
        "B" => PASS_B,
        _ => panic!("unknown passphrase name {n:?}"),
    }
}

/// SplitMix64: small, deterministic, good enough to choose kill points.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// The run's base seed: `MEND_DURABILITY_SEED`, or the clock. Printed so a failure can
/// be replayed.
fn base_seed(test: &str) -> u64 {
    let seed = std::env::var(SEED_ENV).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        now.as_secs() ^ (u64::from(now.subsec_nanos()) << 20)
    });
    println!("{test}: base seed {seed} (replay with {SEED_ENV}={seed})");
    seed
}

/// The seed of one trial, derived from the base seed, the test and the trial number.
fn trial_seed(base: u64, test: u64, trial: u32) -> u64 {
    Rng::new(base ^ test.wrapping_mul(0xA24B_AED4_963E_E407) ^ (u64::from(trial) << 40)).next_u64()
}

/// The folder of vault `id` under `data` (the layout of `vault/mod.rs`).
fn vault_folder(data: &Path, id: &str) -> PathBuf {
    data.join("vaults").join(id)
}

/// Names of interrupted atomic writes (`.tmp-*`) left in a vault folder.
fn leftover_temps(folder: &Path) -> usize {
    fs::read_dir(folder)
        .map(|d| {
            d.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-")).count()
        })
        .unwrap_or(0)
}

/// The vault's own background check after unlock, SQLite's full `integrity_check`
/// (b-trees and indexes), SQLCipher's `cipher_integrity_check` (every page's HMAC, file
/// size) and FTS5's own check of the search index against the entries.
fn assert_integrity(vault: &Vault, what: &str) {
    if vault.unlock_timing().is_some() {
        assert_eq!(vault.wait_for_check(), vault::Health::Sound, "{what}: background check");
    }
    let conn = vault.conn();
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    let rows: Vec<String> =
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows, ["ok"], "{what}: PRAGMA integrity_check");
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").unwrap();
    let problems: Vec<String> =
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    assert!(problems.is_empty(), "{what}: PRAGMA cipher_integrity_check: {problems:?}");
    conn.execute("INSERT INTO journal_fts (journal_fts, rank) VALUES ('integrity-check', 1)", [])
        .unwrap_or_else(|e| panic!("{what}: the search index disagrees with the entries: {e}"));
}

/// Every entry as id → (title, body).
fn all_entries(vault: &Vault) -> BTreeMap<i64, (String, String)> {
    journal::list(vault.conn())
        .expect("list entries")
        .into_iter()
        .map(|e| (e.id, (e.title, e.body)))
        .collect()
}

/// The first characters of a text, for messages.
fn short(text: &str) -> String {
    text.chars().take(48).collect()
}

/// Prints one line for the parent to read, in one write, and flushes it.
fn say(line: &str) {
    let text = format!("{MARK}{line}\n");
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).expect("write to the parent");
}

/// What every child is told through its environment.
struct ChildArgs {
    data: PathBuf,
    id: String,
    pass: String,
}

impl ChildArgs {
    /// `None` when this process is not a child: the `child_*` test then does nothing.
    fn from_env() -> Option<Self> {
        let data = std::env::var_os(CHILD_ENV)?;
        let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} not set"));
        Some(Self { data: data.into(), id: var(VAULT_ENV), pass: var(PASS_ENV) })
    }

    fn unlock(&self) -> Vault {
        store(&self.data)
            .unlock(Some(&self.id), &pass(&self.pass))
            .unwrap_or_else(|e| panic!("the child could not unlock: {e:?}"))
    }
}

/// A child process: this test binary running one ignored `child_*` test.
struct Kid {
    role: &'static str,
    child: Child,
    lines: Receiver<String>,
    stderr: Option<thread::JoinHandle<String>>,
    stdin: Option<ChildStdin>,
}

impl Kid {
    fn spawn(role: &'static str, env: &[(&str, &str)]) -> Self {
        let exe = std::env::current_exe().expect("the test binary's path");
        let mut child = Command::new(exe)
            .args(["--exact", role, "--ignored", "--nocapture", "--test-threads=1", "-q"])
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start a child test process");
        let stdout = child.stdout.take().expect("child stdout");
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find(MARK) {
                    if tx.send(line[at + MARK.len()..].to_owned()).is_err() {
                        break;
                    }
                }
            }
        });
        let mut err = child.stderr.take().expect("child stderr");
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        let stdin = child.stdin.take();
        Self { role, child, lines, stderr: Some(stderr), stdin }
    }

    /// The child's next report line.
    fn next_line(&mut self) -> String {
        match self.lines.recv_timeout(CHILD_TIMEOUT) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => {
                self.fail(&format!("was silent for {CHILD_TIMEOUT:?}"))
            }
            Err(RecvTimeoutError::Disconnected) => self.fail("stopped before it was killed"),
        }
    }

    /// Kills the child (if still running) and panics with its stderr.
    fn fail(&mut self, what: &str) -> ! {
        let _ = self.child.kill();
        let status = self.child.wait();
        let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        panic!("child {} {what} (status {status:?}); its stderr:\n{stderr}", self.role)
    }

    /// SIGKILL, reap, and return every report line not read yet. Fails if the child had
    /// already ended by itself (it would have been a crash or an error, not our kill).
    fn kill9(&mut self) -> Vec<String> {
        // `Child::kill` is SIGKILL on Unix; the status check below proves it.
        self.child.kill().expect("SIGKILL the child");
        let status = self.child.wait().expect("reap the child");
        let rest: Vec<String> = self.lines.iter().collect();
        if status.signal() != Some(libc::SIGKILL) {
            self.fail(&format!("ended by itself before the SIGKILL: {status}"));
        }
        rest
    }

    /// Sends one line to the child's stdin.
    fn tell(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("child stdin");
        writeln!(stdin, "{line}").and_then(|()| stdin.flush()).expect("write to the child");
    }

    /// Waits for a normal, successful end; returns the report lines not read yet.
    fn finish(&mut self) -> Vec<String> {
        drop(self.stdin.take());
        let status = self.child.wait().expect("reap the child");
        let rest: Vec<String> = self.lines.iter().collect();
        if !status.success() {
            self.fail(&format!("failed: {status}"));
        }
        rest
    }
}

impl Drop for Kid {
    fn drop(&mut self) {
        // A no-op once reaped; otherwise a failing parent never leaves a writer behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// 1. kill -9 of a journal writer
// ---------------------------------------------------------------------------------------

/// Title and body of operation `s` of a writer trial: unique (the body starts with a
/// token no other entry has), of varied size (a few bytes to 80 kB, so some saves
/// span overflow pages), with non-ASCII text.
fn entry_text(seed: u64, trial: u32, s: u32) -> (String, String) {
    let mut rng = Rng::new(seed ^ u64::from(s).wrapping_mul(0x9E37_79B9) ^ 0xB0D1);
    let len = match rng.below(10) {
        0 => 20_000 + rng.below(60_000),
        1 | 2 => rng.below(64),
        _ => 100 + rng.below(6_000),
    };
    const WORDS: [&str; 8] = ["trust", "repair", "שלום", "🌊", "morning", "listen", "<b>", "ça"];
    let mut body = format!("{} ", body_token(seed, trial, s));
    while (body.len() as u64) < len {
        body.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        body.push(' ');
    }
    (format!("trial {trial} save {s}"), body)
}

/// The word that only operation `s`'s body holds (one FTS5 token).
fn body_token(seed: u64, trial: u32, s: u32) -> String {
    format!("mark{seed:x}t{trial}s{s}")
}

/// Whether operation `s` edits the entry saved by operation `s - 1` (an autosave of
/// the same entry) rather than adding a new one.
fn is_update(seed: u64, s: u32) -> bool {
    s > 0 && Rng::new(seed ^ (u64::from(s) << 17) ^ 0x5EED).below(3) == 0
}

/// What the vault must hold: every acknowledged save, plus, for each killed writer,
/// possibly the one save that was running when it died.
#[derive(Default)]
struct JournalModel {
    /// id → the (title, body) versions the row may hold; one unless a save was cut short.
    rows: BTreeMap<i64, Vec<(String, String)>>,
    /// New entries whose save was cut short: each may or may not have landed.
    maybe_new: Vec<(String, String)>,
    acknowledged: usize,
    cut_short_landed: usize,
}

impl JournalModel {
    /// Adds a killed writer's acknowledgements (`ACK <s> <id>`, in order).
    fn record(&mut self, trial: u32, seed: u64, acks: &[(u32, i64)]) {
        let mut previous: Option<i64> = None;
        for (n, &(s, id)) in acks.iter().enumerate() {
            assert_eq!(s as usize, n, "trial {trial}: acknowledgements arrive in order");
            if is_update(seed, s) {
                assert_eq!(Some(id), previous, "trial {trial}: save {s} edits the last entry");
            } else {
                assert!(
                    !self.rows.contains_key(&id),
                    "trial {trial}: new entry {s} got id {id}, which a saved entry has"
                );
            }
            self.rows.insert(id, vec![entry_text(seed, trial, s)]);
            previous = Some(id);
        }
        self.acknowledged += acks.len();
        // The save after the last acknowledgement may have run, committed or not.
        let s = u32::try_from(acks.len()).unwrap();
        let text = entry_text(seed, trial, s);
        match previous {
            Some(id) if is_update(seed, s) => self.rows.get_mut(&id).unwrap().push(text),
            _ => self.maybe_new.push(text),
        }
    }

    /// Opens the vault and checks it against the model; then the model adopts what a
    /// cut-short save left, so later trials must keep it too.
    fn verify(&mut self, s: &Store, id: &str, what: &str) {
        let vault = s
            .unlock(Some(id), &pass(PASS_A))
            .unwrap_or_else(|e| panic!("{what}: the vault did not open after kill -9: {e:?}"));
        assert_integrity(&vault, what);
        let mut found = all_entries(&vault);
        for (id, allowed) in &mut self.rows {
            let got = found.remove(id).unwrap_or_else(|| {
                panic!("{what}: entry {id} was acknowledged as saved but is gone")
            });
            assert!(
                allowed.contains(&got),
                "{what}: entry {id} holds {:?}/{:?}, which is no acknowledged version of it \
                 (allowed: {:?})",
                got.0,
                short(&got.1),
                allowed.iter().map(|(t, b)| (t, short(b))).collect::<Vec<_>>()
            );
            if allowed.len() > 1 && got != allowed[0] {
                self.cut_short_landed += 1;
            }
            *allowed = vec![got];
        }
        for (id, got) in found {
            let Some(at) = self.maybe_new.iter().position(|t| *t == got) else {
                panic!("{what}: entry {id} {:?}/{:?} was never written", got.0, short(&got.1));
            };
            self.maybe_new.swap_remove(at);
            self.rows.insert(id, vec![got]);
            self.cut_short_landed += 1;
        }
        self.maybe_new.clear();
        // The search index finds each entry by its body's unique word, and nothing else.
        let conn = vault.conn();
        let mut stmt =
            conn.prepare("SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1").unwrap();
        for (id, versions) in &self.rows {
            let token = versions[0].1.split(' ').next().unwrap();
            let hits: Vec<i64> = stmt
                .query_map([format!("\"{token}\"")], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(hits, [*id], "{what}: searching for entry {id}'s word {token}");
        }
        drop(stmt);
        vault.close().unwrap_or_else(|e| panic!("{what}: closing after the check: {e:?}"));
    }
}

/// Child of [`kill_nine_during_journal_saves_loses_nothing_acknowledged`]: saves
/// entries forever (new ones, and edits of the last one) and acknowledges each save
/// only after `journal::save` returned.
#[test]
#[ignore = "child process of kill_nine_during_journal_saves_loses_nothing_acknowledged"]
fn child_journal_writer() {
    let Some(args) = ChildArgs::from_env() else { return };
    let plan = std::env::var(PLAN_ENV).expect("plan");
    let mut plan = plan.split(' ').map(|p| p.parse::<u64>().expect("plan number"));
    let (trial, seed, checkpoint) =
        (plan.next().unwrap(), plan.next().unwrap(), plan.next().unwrap());
    let trial = u32::try_from(trial).unwrap();
    let vault = args.unlock();
    if checkpoint > 0 {
        // Checkpoint after a few pages instead of 1000, so kills also land while the WAL
        // is being copied into the database file.
        vault.conn().execute_batch(&format!("PRAGMA wal_autocheckpoint = {checkpoint};")).unwrap();
    }
    say("READY");
    let mut last = None;
    for s in 0..CHILD_MAX_OPS {
        let (title, body) = entry_text(seed, trial, s);
        let id = if is_update(seed, s) { last } else { None };
        let draft = Draft { id, title, body };
        let saved = journal::save(vault.conn(), &draft, Utc::now())
            .unwrap_or_else(|e| panic!("save {s} failed: {e:?}"));
        assert_eq!(
            (saved.title.as_str(), saved.body.len()),
            (draft.title.as_str(), draft.body.len())
        );
        say(&format!("ACK {s} {}", saved.id));
        last = Some(saved.id);
    }
}

/// Promise 5 under SIGKILL: a writer process is killed at random points (right after
/// an acknowledgement, a few hundred microseconds into the next save, or at a random
/// time that may fall before or during unlocking). Afterwards every acknowledged save
/// is there with its exact text, a save cut short is either wholly there or absent,
/// the database passes SQLite's, SQLCipher's and FTS5's integrity checks, and the
/// search index finds every entry. A quarter of the trials skip the check so the next
/// writer opens a vault straight after a crash (the check comes later).
#[test]
fn kill_nine_during_journal_saves_loses_nothing_acknowledged() {
    let started = Instant::now();
    let base = base_seed("journal writer");
    let dir = tempfile::tempdir().unwrap();
    let mut trial = 0u32;
    let (mut acknowledged, mut checks, mut cut_short_landed, mut temps) = (0, 0, 0, 0);
    for batch in 0..WRITER_TRIALS / WRITER_TRIALS_PER_VAULT {
        let data = dir.path().join(format!("data-{batch}"));
        let s = store(&data);
        let (vault, _) = s.create(&Passphrase::from(PASS_A), Some(format!("W{batch}"))).unwrap();
        let id = vault.id().to_owned();
        vault.close().unwrap();
        let mut model = JournalModel::default();
        for k in 0..WRITER_TRIALS_PER_VAULT {
            let seed = trial_seed(base, 1, trial);
            let mut rng = Rng::new(seed);
            let checkpoint = if rng.below(3) == 0 { 2 + rng.below(30) } else { 0 };
            let plan = format!("{trial} {seed} {checkpoint}");
            let mut kid = Kid::spawn(
                "child_journal_writer",
                &[
                    (CHILD_ENV, data.to_str().unwrap()),
                    (VAULT_ENV, &id),
                    (PASS_ENV, PASS_A),
                    (PLAN_ENV, &plan),
                ],
            );
            let mut lines = Vec::new();
            let mode = rng.below(100);
            let kill_point = if mode < 20 {
                let ms = rng.below(80);
                thread::sleep(Duration::from_millis(ms));
                format!("{ms} ms after start")
            } else {
                let wanted = rng.below(21) as usize;
                let mut acks = 0;
                let mut ready = false;
                while !ready || acks < wanted {
                    let line = kid.next_line();
                    ready |= line == "READY";
                    acks += usize::from(line.starts_with("ACK "));
                    lines.push(line);
                }
                if mode < 50 {
                    format!("right after {wanted} ACKs")
                } else {
                    let us = rng.below(4_000);
                    thread::sleep(Duration::from_micros(us));
                    format!("{us} µs after {wanted} ACKs")
                }
            };
            lines.extend(kid.kill9());
            let acks: Vec<(u32, i64)> = lines
                .iter()
                .filter_map(|l| l.strip_prefix("ACK "))
                .map(|rest| {
                    let (s, id) = rest.split_once(' ').expect("ACK <s> <id>");
                    (s.parse().unwrap(), id.parse().unwrap())
                })
                .collect();
            model.record(trial, seed, &acks);
            let check = k + 1 == WRITER_TRIALS_PER_VAULT || rng.below(4) != 0;
            println!(
                "journal trial {trial}: seed {seed:#018x}, killed {kill_point}, {} acknowledged, \
                 autocheckpoint {checkpoint}, {}",
                acks.len(),
                if check { "checked" } else { "check deferred" }
            );
            if check {
                model.verify(&s, &id, &format!("journal trial {trial} (seed {seed:#x})"));
                checks += 1;
            }
            trial += 1;
        }
        acknowledged += model.acknowledged;
        cut_short_landed += model.cut_short_landed;
        temps += leftover_temps(&vault_folder(&data, &id));
        assert_eq!(model.rows.len(), all_entries_count(&s, &id));
    }
    println!(
        "journal writer: {trial} kill -9 trials, {checks} checks, {acknowledged} acknowledged \
         saves all found, {cut_short_landed} cut-short saves had landed whole, {temps} \
         interrupted temp files left behind, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(trial >= 50 && acknowledged > 0);
}

/// The number of entries after a clean unlock.
fn all_entries_count(s: &Store, id: &str) -> usize {
    let vault = s.unlock(Some(id), &pass(PASS_A)).unwrap();
    let n = journal::list(vault.conn()).unwrap().len();
    vault.close().unwrap();
    n
}

// ---------------------------------------------------------------------------------------
// 2. kill -9 during a passphrase change
// ---------------------------------------------------------------------------------------

/// Child of [`kill_nine_during_a_passphrase_change_leaves_the_old_or_the_new`]: changes
/// the passphrase A → B → A … and reports the current one after each change returned.
#[test]
#[ignore = "child process of kill_nine_during_a_passphrase_change_leaves_the_old_or_the_new"]
fn child_passphrase_changer() {
    let Some(args) = ChildArgs::from_env() else { return };
    let mut vault = args.unlock();
    let mut now = from_name(pass_name(&args.pass));
    say(&format!("READY {}", pass_name(now)));
    for _ in 0..CHILD_MAX_OPS {
        let next = other(now);
        vault.change_passphrase(&Passphrase::from(next)).expect("change the passphrase");
        now = next;
        say(&format!("NOW {}", pass_name(now)));
    }
}

/// Promise 5 for the key file: a process changing the passphrase over and over is
/// killed at random points. Afterwards exactly one of the two passphrases opens the
/// vault, and it is the last acknowledged one or the one being set; the other is
/// refused; the recovery key still opens it; label, KDF parameters and every entry are
/// intact and the database passes the integrity checks.
#[test]
fn kill_nine_during_a_passphrase_change_leaves_the_old_or_the_new() {
    let started = Instant::now();
    let base = base_seed("passphrase change");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let s = store(&data);
    let (vault, recovery) = s.create(&Passphrase::from(PASS_A), Some("Keys".into())).unwrap();
    let id = vault.id().to_owned();
    let recovery = recovery.formatted().to_string();
    for i in 0..12 {
        let draft = Draft { id: None, title: format!("kept {i}"), body: format!("body {i} ✓") };
        journal::save(vault.conn(), &draft, Utc::now()).unwrap();
    }
    let expected = all_entries(&vault);
    vault.close().unwrap();

    let mut current = PASS_A;
    let (mut changes, mut old_kept, mut new_landed) = (0usize, 0, 0);
    for trial in 0..CHANGE_TRIALS {
        let seed = trial_seed(base, 2, trial);
        let mut rng = Rng::new(seed);
        let mut kid = Kid::spawn(
            "child_passphrase_changer",
            &[(CHILD_ENV, data.to_str().unwrap()), (VAULT_ENV, &id), (PASS_ENV, current)],
        );
        let mut lines = Vec::new();
        let mode = rng.below(100);
        let kill_point = if mode < 25 {
            let ms = rng.below(60);
            thread::sleep(Duration::from_millis(ms));
            format!("{ms} ms after start")
        } else {
            let wanted = rng.below(6) as usize;
            let mut seen = 0;
            let mut ready = false;
            while !ready || seen < wanted {
                let line = kid.next_line();
                ready |= line.starts_with("READY ");
                seen += usize::from(line.starts_with("NOW "));
                lines.push(line);
            }
            if mode < 45 {
                format!("right after {wanted} changes")
            } else {
                let us = rng.below(3_000);
                thread::sleep(Duration::from_micros(us));
                format!("{us} µs after {wanted} changes")
            }
        };
        lines.extend(kid.kill9());
        let acked = lines
            .iter()
            .filter_map(|l| l.strip_prefix("NOW "))
            .next_back()
            .map_or(current, from_name);
        changes += lines.iter().filter(|l| l.starts_with("NOW ")).count();
        let what = format!("passphrase trial {trial} (seed {seed:#x})");

        // At most two wrong tries in a row below, so throttling never starts.
        let opened_with = match s.unlock(Some(&id), &pass(acked)) {
            Ok(v) => {
                v.close().unwrap();
                old_kept += 1;
                acked
            }
            Err(vault::Error::WrongSecret) => {
                let next = other(acked);
                s.unlock(Some(&id), &pass(next))
                    .unwrap_or_else(|e| {
                        panic!("{what}: neither passphrase opens the vault (new one: {e:?})")
                    })
                    .close()
                    .unwrap();
                new_landed += 1;
                next
            }
            Err(e) => panic!("{what}: the last acknowledged passphrase gave {e:?}"),
        };
        let refused = s.unlock(Some(&id), &pass(other(opened_with)));
        assert!(
            matches!(refused, Err(vault::Error::WrongSecret)),
            "{what}: both passphrases or neither: {refused:?}"
        );
        let key = RecoveryKey::parse(&recovery).unwrap();
        let vault = s
            .unlock(Some(&id), &Secret::RecoveryKey(key))
            .unwrap_or_else(|e| panic!("{what}: the recovery key no longer opens: {e:?}"));
        assert_eq!(vault.label(), Some("Keys"), "{what}");
        assert_eq!(vault.kdf_params(), KdfParams::CHEAP_FOR_TESTS, "{what}");
        assert_integrity(&vault, &what);
        assert_eq!(all_entries(&vault), expected, "{what}: the entries changed");
        vault.close().unwrap();
        assert_eq!(s.list().unwrap().len(), 1, "{what}: the vault is still listed");
        println!(
            "{what}: killed {kill_point}, last acknowledged {}, opened with {}",
            pass_name(acked),
            pass_name(opened_with)
        );
        current = opened_with;
    }
    println!(
        "passphrase change: {CHANGE_TRIALS} kill -9 trials, {changes} acknowledged changes, \
         {old_kept} kept the acknowledged passphrase, {new_landed} had the cut-short change \
         land, {} interrupted temp files left behind, {:.1} s",
        leftover_temps(&vault_folder(&data, &id)),
        started.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------------------------------
// 3. A full disk
// ---------------------------------------------------------------------------------------

/// A tmpfs mounted on a fresh temporary folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
    target: CString,
}

impl Tmpfs {
    fn mount(options: &str) -> Self {
        // SAFETY: geteuid has no preconditions.
        let euid = unsafe { libc::geteuid() };
        assert_eq!(
            euid, 0,
            "the disk-full test mounts a small tmpfs and must run as root (CI does); euid is {euid}"
        );
        let dir = tempfile::tempdir().unwrap();
        let target = CString::new(dir.path().as_os_str().as_bytes()).unwrap();
        let data = CString::new(options).unwrap();
        // SAFETY: every pointer is a valid NUL-terminated string that outlives the call.
        let rc = unsafe {
            libc::mount(
                c"tmpfs".as_ptr(),
                target.as_ptr(),
                c"tmpfs".as_ptr(),
                0,
                data.as_ptr().cast(),
            )
        };
        assert_eq!(
            rc,
            0,
            "mount -t tmpfs -o {options} tmpfs {} failed: {} (the disk-full test needs \
             CAP_SYS_ADMIN)",
            dir.path().display(),
            io::Error::last_os_error()
        );
        Self { dir, target }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // SAFETY: `target` is a valid NUL-terminated path.
        let rc = unsafe { libc::umount2(self.target.as_ptr(), 0) };
        if rc != 0 {
            // Something still has a file open there: detach it so it vanishes once closed.
            // SAFETY: as above.
            unsafe { libc::umount2(self.target.as_ptr(), libc::MNT_DETACH) };
        }
    }
}

/// Every message in an error's source chain, for checking what really went wrong.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        out.push_str(" <- ");
        out.push_str(&s.to_string());
        next = s.source();
    }
    out
}

/// Opens the vault and checks that it holds exactly `saved`, intact.
fn assert_holds(s: &Store, id: &str, saved: &BTreeMap<i64, (String, String)>, what: &str) {
    let vault = s.unlock(Some(id), &pass(PASS_A)).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    assert_integrity(&vault, what);
    assert_eq!(&all_entries(&vault), saved, "{what}: the saved entries");
    let closed = vault.close();
    println!("disk full: {what}: closing gave {:?}", closed.as_ref().map_err(|e| chain(e)));
}

/// Saves a new entry and, once `journal::save` returned, records it in `saved`.
fn save_new(
    vault: &Vault,
    saved: &mut BTreeMap<i64, (String, String)>,
    title: String,
    body: String,
) -> mend::error::Result<()> {
    let draft = Draft { id: None, title, body };
    let entry = journal::save(vault.conn(), &draft, Utc::now())?;
    assert_eq!(entry.body, draft.body);
    saved.insert(entry.id, (draft.title, draft.body));
    Ok(())
}

/// Promise 5 on a full disk: on a 4 MiB tmpfs, large entries are saved until a save
/// fails. The failure is a plain storage error (kind "storage", the fixed message, no
/// path, no panic) caused by the full disk, and it leaves no transaction open. Then
/// space is freed and the same session saves again, as a person would: after closing
/// and reopening, every entry saved before the error and the one saved after it are
/// there, the failed one is not, and the integrity checks pass. Finally the disk is
/// filled again and the vault reopened as-is: it either opens intact or refuses with a
/// plain storage error, never as damaged, and opens intact once there is room.
#[test]
fn a_full_disk_gives_a_plain_error_and_keeps_what_was_saved() {
    let base = base_seed("disk full");
    let mount = Tmpfs::mount("size=4m,mode=0700");
    let data = mount.path().join("data");
    let s = store(&data);
    let (vault, _) = s.create(&Passphrase::from(PASS_A), Some("Full".into())).unwrap();
    let id = vault.id().to_owned();
    let ballast = mount.path().join("ballast");
    fs::write(&ballast, vec![0u8; 2 * 1024 * 1024]).unwrap();

    let mut saved = BTreeMap::new();
    for i in 0..10 {
        save_new(&vault, &mut saved, format!("small {i}"), format!("a small entry {i} 🌱"))
            .unwrap();
    }
    let mut rng = Rng::new(base);
    let mut big = 0;
    let err = loop {
        assert!(big < 100, "a 4 MiB disk never filled up");
        let filler: String = (0..160_000).map(|_| char::from(b'a' + rng.below(26) as u8)).collect();
        match save_new(&vault, &mut saved, format!("big {big}"), format!("big {big} {filler}")) {
            Ok(()) => big += 1,
            Err(e) => break e,
        }
    };
    let message = err.to_string();
    let dangling = !vault.conn().is_autocommit();
    println!(
        "disk full: 10 small and {big} large entries saved, then: kind {:?}, message \
         {message:?}, source chain {:?}; transaction left open: {dangling}",
        err.kind(),
        chain(&err)
    );
    assert_eq!(err.kind(), "storage", "{err:?}");
    assert_eq!(message, STORAGE_MESSAGE);
    assert!(!message.contains('/') && !message.contains("tmp"), "{message}");
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        serde_json::json!({ "kind": "storage", "message": STORAGE_MESSAGE }),
        "what the window receives"
    );
    assert!(chain(&err).contains("full"), "the failure was not the full disk: {}", chain(&err));
    let saved_before = saved.clone();

    // Room again; the same session goes on saving, and that save is reported as saved.
    fs::remove_file(&ballast).unwrap();
    save_new(&vault, &mut saved, "after".into(), "saved once there was room".into())
        .unwrap_or_else(|e| panic!("saving after freeing space: {}", chain(&e)));
    let same_session = all_entries(&vault);
    let closed = vault.close();
    println!(
        "disk full: closing after the new save gave {:?}",
        closed.as_ref().map_err(|e| chain(e))
    );
    let vault = s.unlock(Some(&id), &pass(PASS_A)).expect("reopen after freeing space");
    assert_integrity(&vault, "reopened after freeing space");
    let reopened = all_entries(&vault);
    let missing: Vec<&String> =
        saved.iter().filter(|(id, _)| !reopened.contains_key(id)).map(|(_, (t, _))| t).collect();
    assert!(
        missing.is_empty(),
        "saves reported as saved are gone after reopening: {missing:?} (the failed save left \
         a transaction open: {dangling}; nested savepoints never commit and closing rolls \
         them back)"
    );
    assert_eq!(reopened, saved, "reopened after freeing space: exactly what was saved");
    assert_eq!(same_session, saved, "the same session showed the failed save's entry");
    assert!(!dangling, "the failed save left a transaction open");
    assert_eq!(saved.len(), saved_before.len() + 1);
    vault.close().unwrap();

    // Full again, and reopened as-is: intact, or a plain storage error.
    let filler = mount.path().join("filler");
    let mut file = fs::File::create(&filler).unwrap();
    let chunk = vec![7u8; 64 * 1024];
    while file.write_all(&chunk).is_ok() {}
    drop(file);
    match s.unlock(Some(&id), &pass(PASS_A)) {
        Ok(vault) => {
            assert_integrity(&vault, "reopened on the full disk");
            assert_eq!(all_entries(&vault), saved, "reopened on the full disk");
            let closed = vault.close();
            println!("disk full: reopening on a full disk worked; closing gave {closed:?}");
        }
        Err(e) => {
            assert!(
                matches!(e, vault::Error::Storage(_)),
                "reopening on a full disk must fail as a storage error, not {e:?}"
            );
            assert_eq!(e.to_string(), STORAGE_MESSAGE);
            println!("disk full: reopening on a full disk refused: {}", chain(&e));
        }
    }
    fs::remove_file(&filler).unwrap();
    assert_holds(&s, &id, &saved, "after freeing space again");
    drop(mount);
}

// ---------------------------------------------------------------------------------------
// 4. A second process is refused
// ---------------------------------------------------------------------------------------

/// Child of [`a_second_process_is_refused_while_the_vault_is_open`]: tries to unlock
/// and reports `RESULT ok <entries>` or `RESULT <error kind>`; with
/// `MEND_DURABILITY_HOLD` set it keeps the vault open until a line arrives on stdin.
#[test]
#[ignore = "child process of a_second_process_is_refused_while_the_vault_is_open"]
fn child_unlocker() {
    let Some(args) = ChildArgs::from_env() else { return };
    match store(&args.data).unlock(Some(&args.id), &pass(&args.pass)) {
        Ok(vault) => {
            let n = journal::list(vault.conn()).expect("list").len();
            say(&format!("RESULT ok {n}"));
            if std::env::var_os(HOLD_ENV).is_some() {
                let mut line = String::new();
                io::stdin().read_line(&mut line).expect("read from the parent");
                vault.close().expect("close");
                say("CLOSED");
            }
        }
        Err(e) => say(&format!("RESULT {}", mend::error::Error::from(e).kind())),
    }
}

/// One vault, one process: while this process holds the vault open, a second process
/// gets `Busy` (and this one gets `Busy` while the other holds it); once closed, or
/// once the holder is killed with SIGKILL, the other side opens it with everything in.
#[test]
fn a_second_process_is_refused_while_the_vault_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let s = store(&data);
    let (vault, _) = s.create(&Passphrase::from(PASS_A), Some("Mine".into())).unwrap();
    let id = vault.id().to_owned();
    let draft = Draft { id: None, title: "one".into(), body: "only one process".into() };
    journal::save(vault.conn(), &draft, Utc::now()).unwrap();
    let data_str = data.to_str().unwrap();
    let env = [(CHILD_ENV, data_str), (VAULT_ENV, id.as_str()), (PASS_ENV, PASS_A)];
    let env_hold = [env[0], env[1], env[2], (HOLD_ENV, "1")];

    // The parent holds it: the child is refused, with a wrong passphrase too.
    let mut kid = Kid::spawn("child_unlocker", &env);
    assert_eq!(kid.next_line(), "RESULT busy", "a second process while the vault is open");
    kid.finish();
    let mut kid = Kid::spawn(
        "child_unlocker",
        &[(CHILD_ENV, data_str), (VAULT_ENV, id.as_str()), (PASS_ENV, "wrong")],
    );
    assert_eq!(kid.next_line(), "RESULT busy", "busy comes before checking the passphrase");
    kid.finish();
    vault.close().unwrap();

    // Closed: the child opens it and holds it; now the parent is refused.
    let mut kid = Kid::spawn("child_unlocker", &env_hold);
    assert_eq!(kid.next_line(), "RESULT ok 1");
    assert!(matches!(s.unlock(Some(&id), &pass(PASS_A)), Err(vault::Error::Busy)));
    kid.tell("close");
    assert_eq!(kid.next_line(), "CLOSED");
    kid.finish();
    let vault = s.unlock(Some(&id), &pass(PASS_A)).expect("open after the child closed it");
    assert_eq!(journal::list(vault.conn()).unwrap()[0].body, "only one process");
    vault.close().unwrap();

    // A holder killed with SIGKILL releases the vault with it.
    let mut kid = Kid::spawn("child_unlocker", &env_hold);
    assert_eq!(kid.next_line(), "RESULT ok 1");
    assert!(matches!(s.unlock(Some(&id), &pass(PASS_A)), Err(vault::Error::Busy)));
    kid.kill9();
    let vault = s.unlock(Some(&id), &pass(PASS_A)).expect("open after the holder was killed");
    assert_integrity(&vault, "after the holder was killed");
    assert_eq!(journal::list(vault.conn()).unwrap().len(), 1);
    vault.close().unwrap();
    println!(
        "second process: the child was refused twice while this process held the vault, this \
         process twice while the child held it; opened after a close and after kill -9"
    );
}
