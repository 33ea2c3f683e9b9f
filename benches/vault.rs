//! Vault speed (issue 7), with baselines measured in the same run (never asserted):
//!
//! - `kdf/per_guess`: one passphrase guess, Argon2id at the parameters this machine
//!   calibrates to, against the design's 0.5 s floor;
//! - `unlock/beyond_kdf`: unlocking a vault holding ten years of daily use (3,650
//!   journal entries, 10,000 check-ins, 2,000 triggers), everything except the key
//!   derivation (as the vault itself records it), against opening the same data as
//!   plain, unencrypted SQLite. Also printed: how long the background check then takes,
//!   and how long locking takes while it runs;
//! - `save/journal`: saving a journal entry into that vault, p50/p99, against the same
//!   save into plain SQLite with the same settings.
//!
//! Run: `cargo bench --bench vault` (release profile; `MEND_BENCH_QUICK=1` for a quick
//! run). Figures go in docs/PERFORMANCE.md.

mod common;

use std::time::{Duration, Instant};

use common::{ms, percentile, ratio, sample, size};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use mend::sample as data;
use mend::vault::{Health, KdfParams, KdfPolicy, Passphrase, Secret, Store};
use mend::workbook::journal::{self, Draft};

const PASSPHRASE: &str = "benchmark passphrase words";

fn kdf(c: &mut Criterion) {
    let params = KdfParams::calibrate().expect("calibrate");
    let mut group = c.benchmark_group("kdf");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("per_guess", |b| b.iter(|| params.time_one().expect("kdf")));
    group.finish();
    let runs = sample(size(5, 3), || params.time_one().expect("kdf"));
    let guess = percentile(&runs, 0.5);
    println!(
        "kdf per guess: median {:.0} ms at {} MiB, t={}, p={}; ratio to the 500 ms floor {:.2}",
        ms(guess),
        params.memory_kib / 1024,
        params.iterations,
        params.parallelism,
        guess.as_secs_f64() / 0.5
    );
}

/// A store holding one vault with ten years of use; returns (dir, store, vault id).
fn ten_year_vault() -> (tempfile::TempDir, Store, String) {
    // Release builds raise fixed parameters to the 64 MiB floor; the unlock figure
    // excludes the derivation anyway.
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path()).with_kdf(KdfPolicy::Fixed(KdfParams::FLOOR));
    let (vault, _) =
        store.create(&Passphrase::from(PASSPHRASE), Some("Bench".into())).expect("create");
    data::fill_ten_years(vault.conn(), 1).expect("fill");
    let id = vault.id().to_owned();
    vault.close().expect("close");
    (dir, store, id)
}

fn secret() -> Secret {
    Secret::Passphrase(Passphrase::from(PASSPHRASE))
}

/// A plain SQLite database with the vault's settings (but no encryption).
fn plain_db(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("plain db");
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;
         PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;",
    )
    .expect("pragmas");
    conn
}

fn unlock(c: &mut Criterion) {
    let (dir, store, id) = ten_year_vault();
    let secret = secret();

    let mut group = c.benchmark_group("unlock");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("beyond_kdf", |b| {
        b.iter_custom(|iters| {
            let mut beyond = Duration::ZERO;
            for _ in 0..iters {
                let v = store.unlock(Some(&id), &secret).expect("unlock");
                beyond += v.unlock_timing().expect("timed").beyond_key_derivation();
                v.close().expect("close");
            }
            beyond
        })
    });
    group.finish();

    // Our own samples: the unlock, the background check it starts, and a lock that
    // lands while the check runs (the worst moment to lock).
    let n = size(15, 5);
    let (mut beyond, mut totals, mut checks, mut locks) = (vec![], vec![], vec![], vec![]);
    let mut verdicts = Vec::new();
    for _ in 0..n {
        let v = store.unlock(Some(&id), &secret).expect("unlock");
        let opened = Instant::now();
        let timing = v.unlock_timing().expect("timed");
        beyond.push(timing.beyond_key_derivation());
        totals.push(timing.total);
        verdicts.push(v.wait_for_check());
        checks.push(opened.elapsed());
        v.close().expect("close");

        let v = store.unlock(Some(&id), &secret).expect("unlock");
        let running = v.health() == Health::Checking;
        let t = Instant::now();
        v.close().expect("close");
        if running {
            locks.push(t.elapsed());
        }
    }
    for s in [&mut beyond, &mut totals, &mut checks, &mut locks] {
        s.sort();
    }
    assert!(verdicts.iter().all(|h| *h == Health::Sound), "{verdicts:?}");

    // Baseline: the same rows in plain SQLite, opened and its schema read.
    let plain_path = dir.path().join("plain.db");
    {
        let mut conn = plain_db(&plain_path);
        mend::vault::migrations::migrate_plain(&mut conn).expect("schema");
        data::fill_ten_years(&conn, 1).expect("fill plain");
    }
    let plain = sample(n, || {
        let conn = plain_db(&plain_path);
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .expect("read")
    });
    let p50 = percentile(&beyond, 0.5);
    println!(
        "unlock beyond the KDF (10-year vault, {n} unlocks): p50 {:.1} ms, max {:.1} ms \
         (whole unlock p50 {:.0} ms); plain SQLite open p50 {:.2} ms; ratio {:.1}x",
        ms(p50),
        ms(percentile(&beyond, 1.0)),
        ms(percentile(&totals, 0.5)),
        ms(percentile(&plain, 0.5)),
        ratio(p50, percentile(&plain, 0.5))
    );
    println!(
        "  background check after unlock: p50 {:.0} ms; lock while it runs ({} of {n} \
         caught it running): p50 {:.1} ms, max {:.1} ms",
        ms(percentile(&checks, 0.5)),
        locks.len(),
        ms(percentile(&locks, 0.5)),
        ms(percentile(&locks, 1.0))
    );
}

/// Saves one generated entry (250 words) into `conn`.
fn save_one(conn: &rusqlite::Connection, rng: &mut data::Rng) {
    let draft = Draft { id: None, title: data::text(rng, 4), body: data::text(rng, 250) };
    journal::save(conn, &draft, chrono::Utc::now()).expect("save");
}

fn save(c: &mut Criterion) {
    let (dir, store, id) = ten_year_vault();
    let vault = store.unlock(Some(&id), &secret()).expect("unlock");
    vault.wait_for_check();
    let plain_path = dir.path().join("plain.db");
    let mut plain = plain_db(&plain_path);
    mend::vault::migrations::migrate_plain(&mut plain).expect("schema");
    data::fill_ten_years(&plain, 1).expect("fill plain");

    let mut rng = data::Rng::new(99);
    let mut group = c.benchmark_group("save");
    group.bench_function("journal", |b| b.iter(|| save_one(vault.conn(), &mut rng)));
    group.bench_function("journal_plain_sqlite", |b| b.iter(|| save_one(&plain, &mut rng)));
    group.finish();

    // Our own samples, alternating vault and plain so both see the same disk.
    let n = size(400, 60);
    let (mut ours, mut base) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let t = Instant::now();
        save_one(vault.conn(), &mut rng);
        ours.push(t.elapsed());
        let t = Instant::now();
        save_one(&plain, &mut rng);
        base.push(t.elapsed());
    }
    ours.sort();
    base.sort();
    let q = |s: &[Duration], p| percentile(s, p);
    println!(
        "save ({n} entries of 250 words): p50 {:.2} ms, p99 {:.2} ms; plain SQLite p50 {:.2} \
         ms, p99 {:.2} ms; ratio p50 {:.2}x, p99 {:.2}x",
        ms(q(&ours, 0.5)),
        ms(q(&ours, 0.99)),
        ms(q(&base, 0.5)),
        ms(q(&base, 0.99)),
        ratio(q(&ours, 0.5), q(&base, 0.5)),
        ratio(q(&ours, 0.99), q(&base, 0.99))
    );
    vault.close().expect("close");
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = kdf, unlock, save
}
criterion_main!(benches);
