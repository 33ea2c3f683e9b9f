//! The session-prep PDF as a person gets it: written to a file, read back with poppler's
//! `pdftotext`, `pdfinfo` and `pdffonts`, and drawn to PNG pages with `pdftoppm -r 60` in
//! `target/tmp/session-prep-pages/` so someone can look at them.
//!
//! Needs poppler-utils (Debian/Ubuntu: `apt-get install poppler-utils`). Without it these
//! tests fail and say so; they never skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use mend::readiness::checklist::{Answers, DatedAnswers, Sign};
use mend::readiness::screeners::{Gad7Answers, Phq9Answers, ATTRIBUTION};
use mend::session_prep::{
    render_pdf, CheckinsSummary, EmotionSummary, GoalKind, Goals, Needs, Options, Paper, Screeners,
    Sheet, Taken, TriggerMoment, TriggersSummary,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Runs a poppler tool; a missing tool fails the test with the way to install it.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "could not run `{tool}` ({e}). The session-prep PDF tests need poppler-utils: \
             install it with `sudo apt-get install poppler-utils` (Debian/Ubuntu)."
        )
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

/// Collapses every run of whitespace to one space, so wrapped lines read as one text.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes `bytes` to a temporary file and returns its text as pdftotext reads it.
struct Pdf {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Pdf {
    fn write(bytes: &[u8]) -> Pdf {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.pdf");
        std::fs::write(&path, bytes).unwrap();
        Pdf { _dir: dir, path }
    }

    fn p(&self) -> &str {
        self.path.to_str().unwrap()
    }

    fn text(&self) -> String {
        poppler("pdftotext", &["-enc", "UTF-8", self.p(), "-"])
    }

    fn pages(&self) -> usize {
        let info = poppler("pdfinfo", &[self.p()]);
        let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo names pages");
        line["Pages:".len()..].trim().parse().unwrap()
    }

    fn page_size(&self) -> String {
        let info = poppler("pdfinfo", &[self.p()]);
        info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default().to_string()
    }

    /// Draws every page to `target/tmp/session-prep-pages/<name>-N.png`, with a copy of
    /// the PDF beside them (made-up content only).
    fn draw(&self, name: &str) {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("session-prep-pages");
        std::fs::create_dir_all(&dir).unwrap();
        for old in std::fs::read_dir(&dir).unwrap().flatten() {
            if old.file_name().to_string_lossy().starts_with(&format!("{name}-")) {
                std::fs::remove_file(old.path()).unwrap();
            }
        }
        std::fs::copy(&self.path, dir.join(format!("{name}.pdf"))).unwrap();
        let prefix = dir.join(name);
        poppler("pdftoppm", &["-r", "60", "-png", self.p(), prefix.to_str().unwrap()]);
        let drawn = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{name}-")))
            .count();
        assert_eq!(drawn, self.pages(), "one PNG per page in {}", dir.display());
    }
}

/// A sheet with every section chosen and a typical amount of text.
fn full_sheet() -> Sheet {
    Sheet {
        what_brings_me: Some(
            "Three months ago I found out about the affair. Most days I manage, and then \
             something small (a phone face down on the table) and I am back at the start.\n\n\
             I want to understand what I need now, whatever happens between us."
                .into(),
        ),
        checklist: Some(
            Answers::default()
                .with(Sign::Anxiety, Some(2), Some(true))
                .with(Sign::SelfDoubt, Some(3), None)
                .with(Sign::SleepOrEating, Some(1), Some(false))
                .with(Sign::DailyFunctioning, Some(0), None),
        ),
        checklist_trend: Some(vec![
            DatedAnswers {
                on: day(4),
                answers: Answers::default().with(Sign::Anxiety, Some(3), None),
            },
            DatedAnswers {
                on: day(18),
                answers: Answers::default().with(Sign::Anxiety, Some(2), Some(true)),
            },
        ]),
        screeners: Some(Screeners {
            gad7: Some(Taken {
                on: Some(day(20)),
                answers: Gad7Answers {
                    items: [2, 2, 3, 1, 1, 2, 1].map(Some),
                    difficulty: Some(2),
                },
            }),
            phq9: Some(Taken {
                on: Some(day(20)),
                answers: Phq9Answers {
                    items: [1, 2, 1, 2, 1, 1, 1, 0, 0].map(Some),
                    difficulty: None,
                },
            }),
        }),
        checkins_summary: Some(CheckinsSummary {
            period: "28 October to 25 November 2026".into(),
            count: 19,
            emotions: vec![
                EmotionSummary {
                    name: "Anger".into(),
                    times: 12,
                    highest: Some(9),
                    typical: Some(6),
                },
                EmotionSummary {
                    name: "Hope".into(),
                    times: 7,
                    highest: Some(6),
                    typical: Some(3),
                },
            ],
            note: Some("Evenings are the hardest.".into()),
        }),
        triggers_summary: Some(TriggersSummary {
            period: "the last four weeks".into(),
            count: 6,
            moments: vec![TriggerMoment {
                on: Some(day(12)),
                what: "My partner picked up their phone during dinner.".into(),
                felt: "A jolt of fear, then anger".into(),
                intensity: Some(7),
                helped: "Going for a walk.".into(),
                needed: "To hear who it was without asking twice.".into(),
            }],
            note: None,
        }),
        needs: Some(Needs {
            in_relationship: vec!["Honesty, even when it is hard to hear.".into()],
            from_partner: vec!["Patience when I ask the same question again.".into()],
            will_not_accept: vec!["Being told to get over it.".into()],
        }),
        questions_for_therapist: Some(vec![
            "How do I tell intuition from anxiety?".into(),
            "Is it normal that this hits harder months later?".into(),
        ]),
        goals: Some(Goals {
            kind: GoalKind::Individual,
            text: "Feel steady in myself again, whatever we decide.".into(),
        }),
        crisis_country: Some("GB".into()),
        ..Sheet::new(day(25))
    }
}

#[test]
fn a_sheet_with_every_section_carries_all_of_it() {
    let pdf = Pdf::write(&render_pdf(&full_sheet()).unwrap());
    pdf.draw("full");
    let text = squash(&pdf.text());
    for expected in [
        "Notes for my therapy session",
        "25 November 2026",
        "Prepared with Mend",
        // What brings me, across a line break and a paragraph break.
        "Three months ago I found out about the affair.",
        "whatever happens between us.",
        // Checklist and trend.
        "The past two weeks",
        "Doubting yourself or what you know is real",
        "Nearly every day",
        "The checklist over time",
        "4 Nov 2026 18 Nov 2026 Anxiety that is high or rising 3 2, worse",
        // Questionnaires.
        "GAD-7 (anxiety questionnaire), 20 November 2026",
        "Total 12 of 21: moderate.",
        "Feeling afraid as if something awful might happen",
        "PHQ-9 (mood questionnaire), 20 November 2026",
        "Total 9 of 27: mild.",
        "Little interest or pleasure in doing things",
        "how difficult have these problems made it for you",
        "Very difficult",
        "No permission required to reproduce, translate, display or distribute.",
        // Workbook summaries.
        "19 check-ins, 28 October to 25 November 2026.",
        "Anger",
        "9 of 10",
        "Evenings are the hardest.",
        "6 moments logged, the last four weeks.",
        "My partner picked up their phone during dinner.",
        "A jolt of fear, then anger (7 of 10)",
        "To hear who it was without asking twice.",
        // Needs, questions, goals, crisis lines.
        "What I will no longer accept",
        "Patience when I ask the same question again.",
        "1. How do I tell intuition from anxiety?",
        "2. Is it normal that this hits harder months later?",
        "Individual therapy",
        "Feel steady in myself again, whatever we decide.",
        "Samaritans",
        "116 123",
        "in an emergency, call 999",
        "November 2026",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the PDF's text:\n{text}");
    }
    assert!(ATTRIBUTION.starts_with("Developed by Drs. Robert L. Spitzer"));
    let pages = pdf.pages();
    assert!((2..=3).contains(&pages), "everything at once fits in three pages; got {pages}");
    assert!(pdf.page_size().contains("595.28 x 841.89"), "A4 by default: {}", pdf.page_size());
    let fonts = poppler("pdffonts", &[pdf.p()]);
    assert!(fonts.contains("LiberationSans"), "{fonts}");
    // Columns: name, type, encoding, emb, sub, uni, object ID.
    for line in fonts.lines().skip(2) {
        assert!(
            line.contains(" yes yes yes "),
            "a font is not embedded, subset, with Unicode: {line}"
        );
    }
}

#[test]
fn a_typical_sheet_fits_on_two_pages() {
    let full = full_sheet();
    let sheet = Sheet {
        checklist_trend: None,
        triggers_summary: None,
        screeners: Some(Screeners { phq9: None, ..full.screeners.clone().unwrap() }),
        ..full
    };
    let pdf = Pdf::write(&render_pdf(&sheet).unwrap());
    pdf.draw("typical");
    assert!(pdf.pages() <= 2, "a typical sheet takes {} pages", pdf.pages());
    assert!(squash(&pdf.text()).contains(&format!("Page {0} of {0}", pdf.pages())));
}

#[test]
fn without_the_app_name_nothing_on_the_page_names_it() {
    let mut sheet = full_sheet();
    sheet.options = Options { show_app_name: false, paper: Paper::Letter };
    let pdf = Pdf::write(&render_pdf(&sheet).unwrap());
    pdf.draw("no-app-name-letter");
    let text = pdf.text();
    assert!(!text.contains("Mend"), "the app name is on the page:\n{text}");
    assert!(squash(&text).contains("Notes for my therapy session"));
    assert!(pdf.page_size().contains("612 x 792"), "Letter: {}", pdf.page_size());
    let info = poppler("pdfinfo", &[pdf.p()]);
    assert!(!info.contains("Mend"), "the metadata names the app:\n{info}");
}

#[test]
fn long_text_flows_across_pages_and_keeps_its_last_words() {
    let paragraph = (1..=120)
        .map(|i| format!("Sentence {i} of what I have been carrying, written out in full."))
        .collect::<Vec<_>>()
        .join(" ");
    let one_long_word = "x".repeat(400);
    let question = (1..=80).map(|i| format!("q{i}")).collect::<Vec<_>>().join(" ");
    let sheet = Sheet {
        what_brings_me: Some(format!(
            "{paragraph}\n\n{paragraph}\n\n{one_long_word}\n\nThese are the very last words."
        )),
        questions_for_therapist: Some(vec![question.clone(); 12]),
        ..full_sheet()
    };
    let pdf = Pdf::write(&render_pdf(&sheet).unwrap());
    pdf.draw("long");
    let pages = pdf.pages();
    assert!(pages >= 3, "long text spans pages; got {pages}");
    let raw = pdf.text();
    let text = squash(&raw);
    assert!(text.contains("These are the very last words."), "last words lost");
    assert!(text.contains("Sentence 120 of what I have been carrying, written out in full."));
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    // Every sentence made it, in order, on whatever page it landed.
    let mut from = 0;
    for i in 1..=120 {
        let s = format!("Sentence {i} of what");
        let at = text[from..].find(&s).unwrap_or_else(|| panic!("{s} is missing or out of order"));
        from += at + s.len();
    }
    // The long word is cut into lines, not off the page: all 400 characters are there.
    let xs: usize =
        raw.lines().filter(|l| l.chars().all(|c| c == 'x') && !l.is_empty()).map(str::len).sum();
    assert_eq!(xs, 400, "the unbreakable word lost characters");
    assert_eq!(text.matches("q80").count(), 12, "every long question ends on the page");
}

#[test]
fn latin_greek_cyrillic_and_hebrew_print_and_other_scripts_do_not_break_it() {
    let sheet = Sheet {
        what_brings_me: Some(
            "Français: ça m'a blessée. Ελληνικά: Ωμέγα και ψυχή. Русский: Привет, доверие.\n\
             שלום עולם\n\
             בשנת 2026 כתבתי את זה, with English words.\n\
             And Hebrew inside English: שלום עולם (hello world).\n\
             中文 日本語 한국어 🌊"
                .into(),
        ),
        ..Sheet::new(day(25))
    };
    let pdf = Pdf::write(&render_pdf(&sheet).unwrap());
    pdf.draw("scripts");
    let text = pdf.text();
    for expected in ["Français: ça m'a blessée.", "Ωμέγα και ψυχή", "Привет, доверие"]
    {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert!(text.contains("שלום") || text.contains("םולש"), "Hebrew is in the text layer:\n{text}");
}
