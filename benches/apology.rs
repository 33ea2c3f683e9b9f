//! Apology checker speed on a 2,000-word letter, against a baseline taken in the same run
//! (never asserted): lowercasing the same letter and splitting it into words, the least any
//! word-level checker has to do. The design goal is ≤ 20 ms per check in a release build,
//! so the live checker can run as the person types.
//!
//! Run: `cargo bench --bench apology` (release profile).

use std::hint::black_box;
use std::time::{Duration, Instant};

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

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    const RUNS: usize = 101;
    let text = letter(2_000);
    let words = text.split_whitespace().count();

    let t = Instant::now();
    let report = apology::check(&text);
    let first = t.elapsed();

    let check = time(RUNS, || apology::check(black_box(&text)));
    let baseline = time(RUNS, || {
        let lower = black_box(&text).to_lowercase();
        lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).count()
    });

    println!(
        "letter: {words} words, {} characters; {} findings",
        text.chars().count(),
        report.findings.len()
    );
    println!("first check (builds the lexicon): {:.2} ms", ms(first));
    println!("check, median of {RUNS}: {:.3} ms (goal ≤ 20 ms in release)", ms(check));
    println!("baseline lowercase + split into words, median of {RUNS}: {:.3} ms", ms(baseline));
    println!("ratio check / baseline: {:.1}", check.as_secs_f64() / baseline.as_secs_f64());
}
