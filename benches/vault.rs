//! Vault speed, measured against baselines taken in the same run (never asserted):
//!
//! - one passphrase guess (Argon2id at the parameters this machine calibrates to),
//!   against the design's 0.5 s floor;
//! - unlock beyond the key derivation on a vault holding 10 years of daily journal
//!   entries, against opening the same data as plain, unencrypted SQLite;
//! - save latency p50/p99 into that vault, against the same save into plain SQLite.
//!
//! Run: `cargo bench --bench vault` (release profile). Figures go in docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use mend::sample;
use mend::vault::{KdfParams, KdfPolicy, Passphrase, Secret, Store};
use mend::workbook::journal::{self, Draft};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn plain_db(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("plain db");
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;",
    )
    .expect("pragmas");
    conn
}

fn saves(conn: &rusqlite::Connection, n: usize) -> Vec<Duration> {
    let mut rng = sample::Rng::new(99);
    let mut out: Vec<Duration> = (0..n)
        .map(|_| {
            let draft = Draft {
                id: None,
                title: sample::text(&mut rng, 4),
                body: sample::text(&mut rng, 250),
            };
            let t = Instant::now();
            journal::save(conn, &draft, chrono::Utc::now()).expect("save");
            t.elapsed()
        })
        .collect();
    out.sort();
    out
}

fn main() {
    const DAYS: u32 = 3_650;
    const SAVES: usize = 300;
    const UNLOCKS: usize = 15;

    // 1. One guess at the calibrated parameters.
    let params = KdfParams::calibrate().expect("calibrate");
    let guess = (0..3).map(|_| params.time_one().expect("kdf")).min().unwrap_or_default();
    println!(
        "kdf per guess: {:.0} ms at {} MiB, t={}, p={}  (ratio to the 500 ms floor: {:.2})",
        ms(guess),
        params.memory_kib / 1024,
        params.iterations,
        params.parallelism,
        guess.as_secs_f64() / 0.5
    );

    // 2. A 10-year vault (release builds raise the fixed parameters to the 64 MiB floor).
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path()).with_kdf(KdfPolicy::Fixed(KdfParams::FLOOR));
    let pass = Passphrase::from("benchmark passphrase words");
    let (vault, _) = store.create(&pass, Some("Bench".into())).expect("create");
    sample::fill_journal(vault.conn(), DAYS, 1).expect("fill");
    let id = vault.id().to_owned();
    let kdf = vault.kdf_params();
    vault.close().expect("close");
    let floor_kdf = (0..3).map(|_| kdf.time_one().expect("kdf")).min().unwrap_or_default();

    let secret = Secret::Passphrase(pass);
    let mut unlock_times: Vec<Duration> = (0..UNLOCKS)
        .map(|_| {
            let t = Instant::now();
            let v = store.unlock(Some(&id), &secret).expect("unlock");
            let elapsed = t.elapsed();
            v.close().expect("close");
            elapsed
        })
        .collect();
    unlock_times.sort();
    let beyond = percentile(&unlock_times, 0.5).saturating_sub(floor_kdf);

    // Baseline: the same rows in plain SQLite, opened and read the same first way.
    let plain_path = dir.path().join("plain.db");
    {
        let mut conn = plain_db(&plain_path);
        mend::vault::migrations::migrate_plain(&mut conn).expect("schema");
        sample::fill_journal(&conn, DAYS, 1).expect("fill plain");
    }
    let mut plain_open: Vec<Duration> = (0..UNLOCKS)
        .map(|_| {
            let t = Instant::now();
            let conn = plain_db(&plain_path);
            let _: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .expect("read");
            t.elapsed()
        })
        .collect();
    plain_open.sort();
    let plain = percentile(&plain_open, 0.5);
    println!(
        "unlock beyond the KDF ({DAYS} entries): p50 {:.1} ms (total {:.0} ms, KDF {:.0} ms); plain SQLite open {:.2} ms; ratio {:.1}x",
        ms(beyond),
        ms(percentile(&unlock_times, 0.5)),
        ms(floor_kdf),
        ms(plain),
        beyond.as_secs_f64() / plain.as_secs_f64().max(1e-9)
    );

    // 3. Save latency.
    let vault = store.unlock(Some(&id), &secret).expect("unlock");
    let ours = saves(vault.conn(), SAVES);
    vault.close().expect("close");
    let base = saves(&plain_db(&plain_path), SAVES);
    println!(
        "save ({SAVES} entries): p50 {:.2} ms, p99 {:.2} ms; plain SQLite p50 {:.2} ms, p99 {:.2} ms; ratio p50 {:.2}x, p99 {:.2}x",
        ms(percentile(&ours, 0.5)),
        ms(percentile(&ours, 0.99)),
        ms(percentile(&base, 0.5)),
        ms(percentile(&base, 0.99)),
        percentile(&ours, 0.5).as_secs_f64() / percentile(&base, 0.5).as_secs_f64(),
        percentile(&ours, 0.99).as_secs_f64() / percentile(&base, 0.99).as_secs_f64()
    );
}
