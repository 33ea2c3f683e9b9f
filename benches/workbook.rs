//! Workbook speed on a large vault, against baselines from the same run (never asserted):
//!
//! - journal search (FTS5 inside the encrypted database) over `MEND_BENCH_ENTRIES` entries
//!   (default 100,000), p50/p99, against decrypting every entry and scanning it in Rust;
//! - the waves query for a year over 10,000 check-ins, against reading those rows.
//!
//! Run: `cargo bench --bench workbook`. Drawing the chart in the window is not measured here.

use std::time::{Duration, Instant};

use mend::sample;
use mend::vault::{KdfParams, KdfPolicy, Passphrase, Store};
use mend::workbook::{checkins, journal};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let entries: u32 =
        std::env::var("MEND_BENCH_ENTRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path()).with_kdf(KdfPolicy::Fixed(KdfParams::FLOOR));
    let (vault, _) =
        store.create(&Passphrase::from("benchmark passphrase words"), None).expect("create");
    let conn = vault.conn();
    let t = Instant::now();
    sample::fill_journal(conn, entries, 7).expect("journal");
    sample::fill_checkins(conn, 10_000, 3_650, 8).expect("check-ins");
    println!(
        "generated {entries} journal entries and 10,000 check-ins in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let queries = [
        "garden",
        "therapist",
        "coffee rain",
        "promis",
        "letter",
        "quiet walk",
        "patience",
        "boundary",
    ];
    let mut fts = Vec::new();
    let mut hits = 0;
    for round in 0..10 {
        for q in queries {
            let query =
                journal::SearchQuery { query: q.into(), from: None, to: None, section: None };
            let t = Instant::now();
            let found = journal::search(conn, &query).expect("search");
            fts.push(t.elapsed());
            if round == 0 {
                hits += found.len();
            }
        }
    }
    fts.sort();

    // Baseline: decrypt every entry (SQLCipher reads every page) and scan it in Rust.
    let mut scans = Vec::new();
    for q in queries.iter().take(3) {
        let needle = q.split_whitespace().next().unwrap_or(q).to_lowercase();
        let t = Instant::now();
        let mut stmt = conn.prepare("SELECT title, body FROM journal_entries").expect("prepare");
        let mut rows = stmt.query([]).expect("query");
        let mut found = 0usize;
        while let Some(row) = rows.next().expect("row") {
            let (title, body): (String, String) = (row.get(0).expect("t"), row.get(1).expect("b"));
            if title.to_lowercase().contains(&needle) || body.to_lowercase().contains(&needle) {
                found += 1;
            }
        }
        std::hint::black_box(found);
        scans.push(t.elapsed());
    }
    scans.sort();
    println!(
        "search over {entries} entries ({hits} hits in the first round): p50 {:.2} ms, p99 {:.2} ms; decrypt-and-scan p50 {:.0} ms; scan time / search time = {:.1}",
        ms(pct(&fts, 0.5)),
        ms(pct(&fts, 0.99)),
        ms(pct(&scans, 0.5)),
        pct(&scans, 0.5).as_secs_f64() / pct(&fts, 0.5).as_secs_f64()
    );

    let now = chrono::Utc::now().fixed_offset();
    let mut waves = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(checkins::waves(conn, "1y", now).expect("waves"));
        waves.push(t.elapsed());
    }
    waves.sort();
    let t = Instant::now();
    let rows = checkins::list(conn, &Default::default()).expect("list").len();
    let read_all = t.elapsed();
    println!(
        "waves for a year: p50 {:.2} ms; reading all {rows} check-ins {:.2} ms; ratio {:.3}",
        ms(pct(&waves, 0.5)),
        ms(read_all),
        pct(&waves, 0.5).as_secs_f64() / read_all.as_secs_f64()
    );
    drop(vault);
}
