//! Session-prep rendering speed, against a baseline taken in the same run (never asserted):
//!
//! - `render_pdf` of a typical sheet (every section, a page or two of text): median of N;
//! - baseline: `render_html` of the same sheet, which builds the same content without
//!   measuring, wrapping, shaping or embedding a font.
//!
//! Prints both medians and their ratio. Run: `cargo bench --bench session_prep` (release
//! profile; `MEND_BENCH_QUICK=1` for a quick run).

mod common;

use chrono::NaiveDate;
use common::{ms, percentile, ratio, sample, size};
use criterion::{criterion_group, criterion_main, Criterion};
use mend::readiness::checklist::{Answers, DatedAnswers, Sign};
use mend::readiness::screeners::{Gad7Answers, Phq9Answers};
use mend::session_prep::{
    render_html, render_pdf, CheckinsSummary, EmotionSummary, GoalKind, Goals, Needs, Screeners,
    Sheet, Taken, TriggerMoment, TriggersSummary,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a real date")
}

/// What a person might bring: every section, a few paragraphs of their own words.
fn typical_sheet() -> Sheet {
    let words = "Since I found the messages I keep going over the same few days in my head. \
                 Some mornings are fine and then something small, a phone buzzing, and I am \
                 back at the start. I want to understand what I need now, and whether I can \
                 trust my own judgement again.";
    Sheet {
        what_brings_me: Some(format!("{words}\n\n{words}")),
        checklist: Some(
            Answers::default()
                .with(Sign::Anxiety, Some(2), Some(true))
                .with(Sign::SelfDoubt, Some(3), None)
                .with(Sign::SleepOrEating, Some(1), Some(false))
                .with(Sign::DailyFunctioning, Some(0), None)
                .with(Sign::Focus, Some(2), None),
        ),
        checklist_trend: Some(
            (0..4)
                .map(|i| DatedAnswers {
                    on: day(1 + i * 7),
                    answers: Answers::default()
                        .with(Sign::Anxiety, Some((3 - i % 3) as u8), None)
                        .with(Sign::Focus, Some((i % 4) as u8), Some(i == 3)),
                })
                .collect(),
        ),
        screeners: Some(Screeners {
            gad7: Some(Taken {
                on: Some(day(20)),
                answers: Gad7Answers {
                    items: [Some(2), Some(2), Some(3), Some(1), Some(1), Some(2), Some(1)],
                    difficulty: Some(1),
                },
            }),
            phq9: Some(Taken {
                on: Some(day(20)),
                answers: Phq9Answers {
                    items: [1, 2, 1, 2, 1, 1, 1, 0, 0].map(Some),
                    difficulty: Some(1),
                },
            }),
        }),
        checkins_summary: Some(CheckinsSummary {
            period: "28 October to 25 November 2026".into(),
            count: 19,
            emotions: ["Anger", "Sadness", "Hope", "Fear"]
                .iter()
                .enumerate()
                .map(|(i, name)| EmotionSummary {
                    name: (*name).into(),
                    times: 10 + i as u32,
                    highest: Some(9 - i as u8),
                    typical: Some(5 - i as u8),
                })
                .collect(),
            note: Some("Evenings are the hardest.".into()),
        }),
        triggers_summary: Some(TriggersSummary {
            period: "the last four weeks".into(),
            count: 6,
            moments: (0..2)
                .map(|i| TriggerMoment {
                    on: Some(day(10 + i)),
                    what: "My partner picked up their phone during dinner.".into(),
                    felt: "A jolt of fear, then anger".into(),
                    intensity: Some(7),
                    helped: "Going for a walk and saying what I felt.".into(),
                    needed: "To hear who it was without asking twice.".into(),
                })
                .collect(),
            note: None,
        }),
        needs: Some(Needs {
            in_relationship: vec!["Honesty, even when it is hard to hear.".into()],
            from_partner: vec!["Patience when I ask the same question again.".into()],
            will_not_accept: vec!["Being told I should be over this by now.".into()],
        }),
        questions_for_therapist: Some(vec![
            "How do I tell the difference between intuition and anxiety?".into(),
            "Is it normal that this hits harder months later?".into(),
        ]),
        goals: Some(Goals {
            kind: GoalKind::Individual,
            text: "Feel steady in myself again, whatever we decide.".into(),
        }),
        crisis_country: Some("US".into()),
        ..Sheet::new(day(25))
    }
}

fn pdf(c: &mut Criterion) {
    let n = size(31, 7);
    let sheet = typical_sheet();
    // Warm up: the fonts are parsed once per process.
    let bytes = render_pdf(&sheet).expect("render_pdf");
    let html = render_html(&sheet);
    let mut group = c.benchmark_group("session_prep");
    group.bench_function("render_pdf", |b| b.iter(|| render_pdf(&sheet).expect("render_pdf")));
    group.bench_function("render_html_baseline", |b| b.iter(|| render_html(&sheet)));
    group.finish();
    let pdf = percentile(&sample(n, || render_pdf(&sheet).expect("render_pdf")), 0.5);
    let baseline = percentile(&sample(n, || render_html(&sheet)), 0.5);
    println!(
        "session-prep PDF of a typical sheet: median of {n} {:.2} ms ({} bytes); HTML of the \
         same sheet {:.3} ms ({} bytes); ratio pdf/html {:.0}x",
        ms(pdf),
        bytes.len(),
        ms(baseline),
        html.len(),
        ratio(pdf, baseline)
    );
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = pdf
}
criterion_main!(benches);
