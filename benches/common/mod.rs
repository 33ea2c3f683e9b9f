//! Helpers shared by the benchmarks; each benchmark uses a part of them.
//!
//! Every benchmark prints its own figures (medians, p50/p99 from its own samples) and a
//! baseline measured in the same run, beside criterion's estimates. Nothing is asserted.
//! `MEND_BENCH_QUICK=1` shrinks sizes and sample counts for a quick run.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use criterion::Criterion;

/// True when `MEND_BENCH_QUICK` is set to anything but `0`.
pub fn quick() -> bool {
    std::env::var("MEND_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `full` normally, `small` for a quick run.
pub fn size<T>(full: T, small: T) -> T {
    if quick() {
        small
    } else {
        full
    }
}

/// Criterion's settings for these benchmarks: fewer samples and shorter runs than its
/// defaults (the slow steps here take up to a second each).
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(size(30, 10))
        .warm_up_time(Duration::from_millis(size(1_000, 300)))
        .measurement_time(Duration::from_secs(size(4, 1)))
        .without_plots()
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `p` quantile (0..=1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Runs `f` `n` times and returns each run's duration, sorted.
pub fn sample<T>(n: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    let mut out: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    out.sort();
    out
}

/// `a / b` of two durations.
pub fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}
