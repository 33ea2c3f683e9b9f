//! Apology checker speed on a 2,000-word letter, against a baseline taken in the same run
//! (never asserted): lowercasing the same letter and splitting it into words, the least any
//! word-level checker has to do. The design goal is ≤ 20 ms per check in a release build,
//! so the live checker can run as the person types.
//!
//! Run: `cargo bench --bench apology` (release profile; `MEND_BENCH_QUICK=1` for a quick
//! run).

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::{ms, percentile, ratio, sample};
use criterion::{criterion_group, criterion_main, Criterion};
use mend::apology;
use mend::sample::Rng;

/// Sentences of the kind a real draft holds: specific and clean, flawed, quoted, long.
const SENTENCES: &[&str] = &[
    "I lied to you about where I was every Thursday for four months.",
    "I'm sorry if you were hurt by any of this.",
    "It was my choice, and I made it again and again.",
    "I know it made you question yourself and our whole life together.",
    "It was just a kiss, nothing more.",
    "I'm sorry, but you have to understand how lonely I was.",
    "From now on I'll tell you where I am before you have to ask.",
    "When I said 'get over it', I was being cruel, and I'm sorry I said it.",
    "Mistakes were made on both sides.",
    "I was so stressed at work that I wasn't thinking straight.",
    "I won't ask you to move on; take all the time you need.",
    "You can check my phone whenever you want.",
    "There's no excuse for what I did, and I won't look for one.",
    "If you want to talk tonight, I'm here, and if you'd rather be alone, I understand.",
    "I thought we had moved past this.",
    "You have to forgive me eventually.",
    "I'm sorry for everything.",
    "I've started seeing a therapist on Tuesdays, and I blocked her number.",
    "Dr. Patel asked me to write down the facts, e.g. what I did and what it cost you.",
    "I took money from our joint account, about two thousand pounds, and hid the statements.",
    "You are the only person I want to build a life with.",
    "I just want you to know that I'm not going to rush you.",
    "If you hadn't pushed me away, none of this would have happened.",
    "I'm sorry you feel that way.",
    "I will answer your questions as many times as you need, even the same ones.",
    "It wasn't just a kiss; it was months of lying to you, and I own that.",
    "My actions damaged the closeness we had, and I'm truly sorry for the pain.",
    "Why aren't you over this yet?",
];

fn letter(words: usize) -> String {
    let mut rng = Rng::new(2_000);
    let mut text = String::from("Dear Sam,\n\n");
    let mut count = 0;
    let mut in_paragraph = 0;
    while count < words {
        let s = SENTENCES[rng.below(SENTENCES.len() as u64) as usize];
        count += s.split_whitespace().count();
        text.push_str(s);
        in_paragraph += 1;
        if in_paragraph == 5 {
            text.push_str("\n\n");
            in_paragraph = 0;
        } else {
            text.push(' ');
        }
    }
    text.push_str("\nM.\n");
    text
}

fn check(c: &mut Criterion) {
    const RUNS: usize = 101;
    let text = letter(2_000);
    let words = text.split_whitespace().count();

    let t = Instant::now();
    let report = apology::check(&text);
    let first = t.elapsed();

    let mut group = c.benchmark_group("apology");
    group.bench_function("check_2000_words", |b| b.iter(|| apology::check(black_box(&text))));
    group.bench_function("baseline_lowercase_split", |b| b.iter(|| baseline(black_box(&text))));
    group.finish();

    let check = percentile(&sample(RUNS, || apology::check(black_box(&text))), 0.5);
    let base = percentile(&sample(RUNS, || baseline(black_box(&text))), 0.5);
    println!(
        "apology check of a {words}-word letter ({} characters, {} findings): median {:.3} ms \
         (first, building the lexicon: {:.2} ms); lowercase + split {:.3} ms; ratio {:.1}x",
        text.chars().count(),
        report.findings.len(),
        ms(check),
        ms(first),
        ms(base),
        ratio(check, base)
    );
}

/// The least any word-level checker has to do: lowercase the text and split it into
/// words.
fn baseline(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).count()
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = check
}
criterion_main!(benches);
