//! Workbook speed on a large vault (issues 4 and 7), with baselines measured in the same
//! run (never asserted):
//!
//! - journal search (FTS5 inside the encrypted database) over 100,000 generated entries
//!   whose words follow a realistic frequency law (`mend::sample`): a rare word, a
//!   common word, two words, and a word typed letter by letter (each prefix searched, as
//!   the window does while someone types). Against decrypting every entry and scanning
//!   it in Rust; the ratio scan time / search time is printed per query;
//! - the waves query for a year over 10,000 check-ins, against reading those rows.
//!
//! Run: `cargo bench --bench workbook`. `MEND_BENCH_QUICK=1` uses 10,000 entries;
//! `MEND_BENCH_ENTRIES=<n>` sets the count. Drawing the chart is not measured here.

mod common;

use std::time::Instant;

use common::{ms, percentile, ratio, sample, size};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use mend::sample as data;
use mend::vault::{KdfParams, KdfPolicy, Passphrase, Store, Vault};
use mend::workbook::{checkins, journal};

fn entries() -> u32 {
    std::env::var("MEND_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| size(data::LARGE_JOURNAL_ENTRIES, 10_000))
}

/// A vault with the large journal and 10,000 check-ins.
fn large_vault() -> (tempfile::TempDir, Vault, u32) {
    let entries = entries();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path()).with_kdf(KdfPolicy::Fixed(KdfParams::FLOOR));
    let (vault, _) =
        store.create(&Passphrase::from("benchmark passphrase words"), None).expect("create");
    let t = Instant::now();
    data::fill_large_journal(vault.conn(), entries, 7).expect("journal");
    data::fill_checkins(vault.conn(), 10_000, 3_650, 8).expect("check-ins");
    let size: i64 = vault
        .conn()
        .query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )
        .expect("size");
    println!(
        "generated {entries} journal entries and 10,000 check-ins in {:.1} s ({:.0} MB)",
        t.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
    (dir, vault, entries)
}

/// The queries: (what it stands for, the text typed).
fn queries() -> Vec<(String, String)> {
    let v = data::vocabulary();
    let rare = v.word(5_000).to_owned();
    let mut out = vec![
        ("rare word".to_owned(), rare),
        ("common word".to_owned(), "felt".to_owned()),
        ("two words".to_owned(), "therapist garden".to_owned()),
    ];
    let word = "therapist";
    for n in 1..=word.len() {
        out.push((format!("typing {n}/{}", word.len()), word[..n].to_owned()));
    }
    out
}

fn search_query(text: &str) -> journal::SearchQuery {
    journal::SearchQuery { query: text.into(), ..Default::default() }
}

/// How many entries match at all (search shows at most `SEARCH_LIMIT`).
fn match_count(vault: &Vault, text: &str) -> i64 {
    let fts = journal::fts_query(text).expect("a query");
    vault
        .conn()
        .query_row("SELECT count(*) FROM journal_fts WHERE journal_fts MATCH ?1", [fts], |r| {
            r.get(0)
        })
        .expect("count")
}

/// The baseline: decrypt every entry (SQLCipher reads every page) and look for every
/// word of the query in its lowercased title and body, as a search without an index
/// would. Returns how many entries match.
fn decrypt_and_scan(vault: &Vault, text: &str) -> usize {
    let needles: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let mut stmt =
        vault.conn().prepare("SELECT title, body FROM journal_entries").expect("prepare");
    let mut rows = stmt.query([]).expect("query");
    let mut found = 0;
    while let Some(row) = rows.next().expect("row") {
        let title: String = row.get(0).expect("title");
        let body: String = row.get(1).expect("body");
        let (title, body) = (title.to_lowercase(), body.to_lowercase());
        if needles.iter().all(|n| title.contains(n.as_str()) || body.contains(n.as_str())) {
            found += 1;
        }
    }
    found
}

fn search(c: &mut Criterion) {
    let (_dir, vault, entries) = large_vault();
    let queries = queries();

    let mut group = c.benchmark_group("search");
    group.sampling_mode(SamplingMode::Flat).sample_size(size(20, 10));
    for (name, text) in &queries {
        let query = search_query(text);
        group.bench_function(name.as_str(), |b| {
            b.iter(|| journal::search(vault.conn(), &query).expect("search"))
        });
    }
    group.finish();

    // Our own samples and the baseline for each query, from the same vault.
    let rounds = size(40, 10);
    let scans = size(3, 1);
    let mut all = Vec::new();
    println!("search over {entries} entries (p50 of {rounds} runs; baseline: decrypt and scan):");
    for (name, text) in &queries {
        let query = search_query(text);
        let runs = sample(rounds, || journal::search(vault.conn(), &query).expect("search"));
        let shown = journal::search(vault.conn(), &query).expect("search").len();
        let scan = sample(scans, || decrypt_and_scan(&vault, text));
        let p50 = percentile(&runs, 0.5);
        println!(
            "  {name:<12} {text:<18} {:>6} with a word so starting, {shown:>3} shown: p50 {:>7.2} ms, p99 {:>7.2} \
             ms; scan {:>6.0} ms; scan/search {:>7.0}x",
            match_count(&vault, text),
            ms(p50),
            ms(percentile(&runs, 0.99)),
            ms(percentile(&scan, 0.5)),
            ratio(percentile(&scan, 0.5), p50)
        );
        all.extend(runs);
    }
    all.sort();
    println!(
        "  all queries: p50 {:.2} ms, p99 {:.2} ms",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );
    // SAFETY: SQLite's memory statistics; no arguments to get wrong.
    let (used, peak) = unsafe {
        (rusqlite::ffi::sqlite3_memory_used(), rusqlite::ffi::sqlite3_memory_highwater(0))
    };
    // Linux: how much of the process is locked in RAM now (SQLite's arena and SQLCipher's).
    let locked = std::fs::read_to_string("/proc/self/status").ok().and_then(|s| {
        s.lines().find_map(|l| l.strip_prefix("VmLck:")).map(|v| v.trim().to_owned())
    });
    println!(
        "  SQLite's heap: {:.1} MiB in use, peak {:.1} MiB since the start (generating the \
         vault included); locked in the process: {}",
        used as f64 / 1_048_576.0,
        peak as f64 / 1_048_576.0,
        locked.as_deref().unwrap_or("unknown")
    );
}

fn waves(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path()).with_kdf(KdfPolicy::Fixed(KdfParams::FLOOR));
    let (vault, _) =
        store.create(&Passphrase::from("benchmark passphrase words"), None).expect("create");
    data::fill_ten_years(vault.conn(), 8).expect("ten years");
    let now = chrono::DateTime::parse_from_rfc3339("2025-12-28T20:00:00+01:00").expect("time");
    let mut group = c.benchmark_group("waves");
    group.bench_function("year", |b| {
        b.iter(|| checkins::waves(vault.conn(), "1y", now).expect("waves"))
    });
    group.finish();
    let runs = sample(size(40, 10), || checkins::waves(vault.conn(), "1y", now).expect("waves"));
    let reads = sample(size(10, 3), || {
        checkins::list(vault.conn(), &Default::default()).expect("list").len()
    });
    println!(
        "waves for a year over 10,000 check-ins: p50 {:.2} ms; reading all check-ins {:.2} ms; \
         ratio {:.2}",
        ms(percentile(&runs, 0.5)),
        ms(percentile(&reads, 0.5)),
        ratio(percentile(&runs, 0.5), percentile(&reads, 0.5))
    );
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = search, waves
}
criterion_main!(benches);
