//! This copy must estimate exactly as the crates.io release it was taken from: the lists
//! are now packed at build time and the repeat search no longer uses fancy-regex.
//! `tests/corpus.json` (common passwords, words, l33t, keyboard walks, repeats, sequences,
//! dates, random strings, passphrases) against zxcvbn 3.1.1, and against `tests/expected.tsv`
//! (this copy's estimates, written with `WRITE_EXPECTED=1` once they matched the release).

use std::fmt::Write;

fn corpus() -> Vec<String> {
    serde_json::from_str(include_str!("corpus.json")).expect("corpus.json")
}

/// One line per passphrase: score, guesses, log10 of guesses, warning, suggestions. (Not
/// the match sequence: where two are equally likely, which one upstream reports depends
/// on the order of its HashMaps, which varies from run to run.)
fn line(score: u8, guesses: u64, log10: f64, feedback: Option<(String, String)>) -> String {
    let (warning, suggestion) = feedback.unwrap_or_default();
    format!("{score}\t{guesses}\t{log10:.6}\t{warning}\t{suggestion}")
}

fn ours(password: &str) -> String {
    let e = zxcvbn::zxcvbn(password, &[]);
    let feedback = e.feedback().map(|f| {
        let warning = f.warning().map(|w| w.to_string()).unwrap_or_default();
        let suggestions = f
            .suggestions()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>();
        (warning, suggestions.join(" "))
    });
    line(
        u8::from(e.score()),
        e.guesses(),
        e.guesses_log10(),
        feedback,
    )
}

fn theirs(password: &str) -> String {
    let e = upstream::zxcvbn(password, &[]);
    let feedback = e.feedback().map(|f| {
        let warning = f.warning().map(|w| w.to_string()).unwrap_or_default();
        let suggestions = f
            .suggestions()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>();
        (warning, suggestions.join(" "))
    });
    line(
        u8::from(e.score()),
        e.guesses(),
        e.guesses_log10(),
        feedback,
    )
}

#[test]
fn same_as_upstream() {
    let mut expected = String::new();
    let mut differ = 0;
    for password in corpus() {
        let (a, b) = (ours(&password), theirs(&password));
        if a != b {
            // Upstream's maps have random keys, and for a few passphrases its guesses vary a
            // little from run to run (e.g. "user@example.com": 2.12e12 or 2.18e12); this copy
            // has fixed keys. There, the score and the feedback must agree, and the guesses
            // within 15%.
            let (x, y): (Vec<&str>, Vec<&str>) = (a.split('\t').collect(), b.split('\t').collect());
            let log10 = |v: &[&str]| v[2].parse::<f64>().unwrap();
            assert_eq!((x[0], x[3], x[4]), (y[0], y[3], y[4]), "{password:?}");
            assert!(
                (log10(&x) - log10(&y)).abs() < 0.06,
                "{password:?}: {a} vs {b}"
            );
            differ += 1;
        }
        writeln!(expected, "{a}").unwrap();
    }
    assert!(differ <= 3, "{differ} passphrases differ");
    if std::env::var_os("WRITE_EXPECTED").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/expected.tsv"),
            expected,
        )
        .unwrap();
    }
}

#[test]
fn same_as_stored() {
    let expected = include_str!("expected.tsv");
    let corpus = corpus();
    assert_eq!(expected.lines().count(), corpus.len());
    for (password, want) in corpus.iter().zip(expected.lines()) {
        assert_eq!(ours(password), want, "{password:?}");
    }
}
