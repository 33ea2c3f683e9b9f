//! The care rules for every word Mend shows (UI.md "Tone of every word", DESIGN.md, the
//! care review of issue 8): no "should" and no deadlines for healing, no streaks, scores or
//! progress verdicts, no exclamation-mark cheerleading, no villain or victim labels, no
//! diagnosis, and never a hint that the betrayed partner ought to watch over the other.
//!
//! Checked over every string literal in the window's views (`ui/js/views/*.js`) and over
//! the texts the Rust side sends to the window: journal prompts, the readiness checklist
//! and questionnaire words, and the apology checker's explanations and suggestions. The
//! published questionnaire items are quoted word for word and are left out of the check.

use std::path::Path;

use mend::apology::Kind;
use mend::readiness::checklist::{self, Answers, Sign};
use mend::readiness::evaluation;
use mend::readiness::screeners::{self, Band};
use mend::workbook::prompts;

/// Phrases no text may hold, lower case. Each line says why.
const BANNED: &[(&str, &str)] = &[
    ("should", "advice without pressure: never \"should\""),
    ("streak", "no streaks about healing"),
    ("progress", "no progress verdicts"),
    ("score", "no scores about healing (a questionnaire has a total)"),
    ("by now", "no timeline for healing"),
    ("get over", "no timeline for healing"),
    ("over it", "no timeline for healing"),
    ("move on", "no timeline for healing"),
    ("moved past", "no timeline for healing"),
    ("over this yet", "no timeline for healing"),
    ("victim", "no labels for either partner"),
    ("villain", "no labels for either partner"),
    ("betrayer", "no labels for either partner"),
    ("cheater", "no labels for either partner"),
    ("offender", "no labels for either partner"),
    ("check their phone", "the betrayed partner never polices the other"),
    ("check his phone", "the betrayed partner never polices the other"),
    ("check her phone", "the betrayed partner never polices the other"),
    ("go through their", "the betrayed partner never polices the other"),
    ("keep an eye on them", "the betrayed partner never polices the other"),
];

/// "Diagnosis" may appear only to say that something is not one.
const NOT_A_DIAGNOSIS: &[&str] = &["not a diagnosis", "does not diagnose"];

/// Every problem in `text`, as "why: text".
fn problems(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let mut out: Vec<String> = BANNED
        .iter()
        .filter(|(phrase, _)| lower.contains(phrase))
        .map(|(phrase, why)| format!("{why} ({phrase:?}): {text}"))
        .collect();
    let mut without = lower.clone();
    for allowed in NOT_A_DIAGNOSIS {
        without = without.replace(allowed, "");
    }
    if without.contains("diagnos") {
        out.push(format!("nothing here diagnoses: {text}"));
    }
    // An exclamation mark after a word is cheerleading; `!==` and `!x` in code are not
    // text, and literals are only checked when they hold words.
    let chars: Vec<char> = text.chars().collect();
    let shouts = chars.windows(2).any(|w| w[0].is_alphabetic() && w[1] == '!');
    if shouts || (text.ends_with('!') && text.chars().any(char::is_alphabetic)) {
        out.push(format!("no exclamation marks: {text}"));
    }
    out
}

/// The string literals of a JavaScript source: quoted, double-quoted and template
/// literals (the code inside `${…}` is read as code), with comments skipped.
fn js_strings(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    lex_js(&src.chars().collect::<Vec<_>>(), &mut 0, &mut out, false);
    out
}

/// Lexes from `*i`; inside `${…}` (`nested`) it stops at the closing brace.
fn lex_js(c: &[char], i: &mut usize, out: &mut Vec<String>, nested: bool) {
    let mut depth = 0usize;
    while *i < c.len() {
        let ch = c[*i];
        let next = c.get(*i + 1).copied();
        match ch {
            '/' if next == Some('/') => {
                while *i < c.len() && c[*i] != '\n' {
                    *i += 1;
                }
            }
            '/' if next == Some('*') => {
                *i += 2;
                while *i + 1 < c.len() && !(c[*i] == '*' && c[*i + 1] == '/') {
                    *i += 1;
                }
                *i += 2;
                continue;
            }
            '\'' | '"' => {
                let mut s = String::new();
                *i += 1;
                while *i < c.len() && c[*i] != ch {
                    if c[*i] == '\\' {
                        *i += 1;
                    }
                    if let Some(&x) = c.get(*i) {
                        s.push(x);
                    }
                    *i += 1;
                }
                out.push(s);
            }
            '`' => {
                let mut s = String::new();
                *i += 1;
                while *i < c.len() && c[*i] != '`' {
                    if c[*i] == '\\' {
                        *i += 1;
                        if let Some(&x) = c.get(*i) {
                            s.push(x);
                        }
                        *i += 1;
                    } else if c[*i] == '$' && c.get(*i + 1) == Some(&'{') {
                        *i += 2;
                        lex_js(c, i, out, true);
                        s.push('…');
                        *i += 1;
                    } else {
                        s.push(c[*i]);
                        *i += 1;
                    }
                }
                out.push(s);
            }
            '{' if nested => depth += 1,
            '}' if nested => {
                if depth == 0 {
                    return;
                }
                depth -= 1;
            }
            _ => {}
        }
        *i += 1;
    }
}

#[test]
fn the_lexer_finds_strings_and_skips_comments_and_code() {
    let src = "// should not count\nconst a = 'one' + \"two\"; /* should */ \
               const b = `three ${x ? 'four' : `five ${'six'}`} seven`; if (!a) {}";
    let found = js_strings(src);
    for want in ["one", "two", "four", "six", "five …", "three … seven"] {
        assert!(found.iter().any(|s| s == want), "{want:?} in {found:?}");
    }
    assert!(!found.iter().any(|s| s.contains("should")), "comments are skipped: {found:?}");
}

#[test]
fn the_rules_catch_what_they_are_for() {
    for bad in [
        "You should be over it by now.",
        "Great job!",
        "Your healing score",
        "Ask your partner to check his phone.",
        "This suggests a diagnosis of anxiety.",
        "Day 5 of your streak",
    ] {
        assert!(!problems(bad).is_empty(), "{bad}");
    }
    for fine in [
        "This is a screening result, not a diagnosis.",
        "What happened was not your fault.",
        "!==",
        "input:not(:checked)",
    ] {
        assert!(problems(fine).is_empty(), "{fine}: {:?}", problems(fine));
    }
}

#[test]
fn every_string_in_the_views_follows_the_care_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/js/views");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("ui/js/views")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "every view is read: {files:?}");
    let mut found = Vec::new();
    let mut strings = 0;
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        for s in js_strings(&src) {
            strings += 1;
            let name = path.file_name().unwrap().to_string_lossy();
            found.extend(problems(&s).into_iter().map(|p| format!("{name}: {p}")));
        }
    }
    assert!(strings > 500, "the views' strings were found ({strings})");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_text_the_rust_side_shows_follows_the_care_rules() {
    let mut texts: Vec<String> = prompts::all().iter().map(|p| p.text.to_string()).collect();

    for sign in Sign::ALL {
        texts.extend([sign.label().to_string(), sign.hint().to_string()]);
    }
    texts.extend(checklist::THERAPIST_CAN_HELP.iter().map(|s| s.to_string()));
    texts.push(checklist::NOT_A_DIAGNOSIS.into());
    let everything =
        |often, worse| Sign::ALL.iter().fold(Answers::default(), |a, &s| a.with(s, often, worse));
    for answers in [
        Answers::default(),
        everything(Some(0), Some(false)),
        everything(Some(3), Some(true)),
        Answers::default().with(Sign::Focus, Some(1), None),
    ] {
        texts.push(checklist::summarize(&answers).unwrap().summary);
    }

    for band in [Band::Minimal, Band::Mild, Band::Moderate, Band::ModeratelySevere, Band::Severe] {
        texts.push(band.meaning().into());
    }
    texts.push(screeners::NOT_A_DIAGNOSIS.into());
    let spec = evaluation::spec();
    for i in [&spec.gad7, &spec.phq9] {
        // The items, stem and answers are the published ones, quoted as they are.
        texts.extend([i.title.to_string(), i.note.to_string()]);
    }

    for kind in Kind::ALL {
        texts.extend([kind.why().to_string(), kind.suggestion().to_string()]);
    }

    let found: Vec<String> = texts.iter().flat_map(|t| problems(t.as_str())).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_questionnaire_result_says_it_is_not_a_diagnosis() {
    assert!(screeners::NOT_A_DIAGNOSIS.contains("screening result"));
    assert!(screeners::NOT_A_DIAGNOSIS.contains("not a diagnosis"));
    assert!(checklist::NOT_A_DIAGNOSIS.contains("not a diagnosis"));
    let spec = evaluation::spec();
    assert_eq!(spec.gad7.note, screeners::NOT_A_DIAGNOSIS);
    assert_eq!(spec.phq9.note, screeners::NOT_A_DIAGNOSIS);
}
