//! The GAD-7 and PHQ-9 questionnaires, reproduced exactly as published, and their scoring.
//!
//! Invariants: item texts, stems, answer words and the attribution are the published ones,
//! character for character (punctuation included); answers are kept per item; a total
//! exists only when every item is answered (a partial questionnaire says how far it got
//! instead); an answer above 3 is refused; any PHQ-9 item 9 answer above "Not at all" is
//! flagged, complete or not, so the crisis lines can be shown before anything else.
//!
//! Where the texts were checked (November 2026), against copies of the Pfizer forms that
//! carry the "No permission required" line:
//! - PHQ-9: the form as reproduced at therandomtandem.com ("mood-screening-questionnaire-
//!   printable"), with the attribution line, and the NHS practice form at
//!   centralmedicalcentre-morden.nhs.uk/form/phq-9/ (items 1–9 word for word, em dashes
//!   and the question mark inside item 8 included).
//! - GAD-7: the form as reproduced at scales.arabpsychology.com ("gad-7-anxiety-severity",
//!   with the stem "…bothered by the following problems?"), the LOINC panel 69737-5 item
//!   names (as quoted in the HL7 FHIR sample questionnaires at build.fhir.org), and the
//!   touringmanual.com copy that carries the attribution line.
//! - The difficulty question and its answers: the PHQ-9 copy above and the GAD-7 copy at
//!   docest.com (doc 420232), both word for word.
//!   Copies of the GAD-7 differ in two commas ("anxious, or on edge", "afraid, as if"); the
//!   Pfizer form and LOINC have neither, and so do we.
//! - Bands: Spitzer et al. 2006 (GAD-7: 5, 10, 15; 10 or more for further evaluation) and
//!   Kroenke et al. 2001 (PHQ-9: 5, 10, 15, 20).
//!
//! Note: the published GAD-7 stem is "…bothered by the following problems?"; the PHQ-9's
//! is "…bothered by any of the following problems?". Each instrument keeps its own.

use serde::{Deserialize, Serialize};

use super::check_answer;
use crate::error::Result;

/// The published answers to every item, scored 0, 1, 2, 3 in this order.
pub const RESPONSE_OPTIONS: [&str; 4] =
    ["Not at all", "Several days", "More than half the days", "Nearly every day"];

/// The functional-difficulty question printed under both questionnaires (not scored).
pub const DIFFICULTY_QUESTION: &str = "If you checked off any problems, how difficult have \
these problems made it for you to do your work, take care of things at home, or get along \
with other people?";

/// The answers to [`DIFFICULTY_QUESTION`], 0–3 in this order.
pub const DIFFICULTY_OPTIONS: [&str; 4] =
    ["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"];

/// The attribution line printed on both published forms.
pub const ATTRIBUTION: &str = "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt \
Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to \
reproduce, translate, display or distribute.";

/// Shown once wherever a total appears.
pub const NOT_A_DIAGNOSIS: &str = "This is a screening result to talk over with a doctor or \
therapist, not a diagnosis.";

/// A published questionnaire: its exact texts and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instrument {
    /// Stable id: `gad7` or `phq9`.
    pub id: &'static str,
    /// Short name, as clinicians say it.
    pub name: &'static str,
    /// What it is, in plain words.
    pub title: &'static str,
    /// The question above the items, exactly as published.
    pub stem: &'static str,
    /// The items, exactly as published, in order.
    pub items: &'static [&'static str],
    /// The highest possible total.
    pub max_total: u8,
    /// The journal reference for the instrument.
    pub reference: &'static str,
}

/// Generalized Anxiety Disorder 7-item scale.
pub const GAD7: Instrument = Instrument {
    id: "gad7",
    name: "GAD-7",
    title: "Anxiety questionnaire",
    stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    items: &[
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ],
    max_total: 21,
    reference: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing \
                generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166:1092-1097.",
};

/// Patient Health Questionnaire, 9 items.
pub const PHQ9: Instrument = Instrument {
    id: "phq9",
    name: "PHQ-9",
    title: "Mood questionnaire",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following \
           problems?",
    items: &[
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself \u{2014} or that you are a failure or have let yourself or \
         your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite \
         \u{2014} being so fidgety or restless that you have been moving around a lot more \
         than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
    max_total: 27,
    reference: "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression \
                severity measure. J Gen Intern Med. 2001;16:606-613.",
};

/// A published severity band. GAD-7 uses all but `ModeratelySevere`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Band {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl Band {
    /// The published name of the band.
    pub fn label(self) -> &'static str {
        match self {
            Band::Minimal => "Minimal",
            Band::Mild => "Mild",
            Band::Moderate => "Moderate",
            Band::ModeratelySevere => "Moderately severe",
            Band::Severe => "Severe",
        }
    }

    /// True from "moderate" up: a total of 10 or more on either questionnaire.
    pub fn worth_talking_about(self) -> bool {
        self >= Band::Moderate
    }

    /// A gentle sentence about the band, for the person who answered.
    pub fn meaning(self) -> &'static str {
        match self {
            Band::Minimal => "Few of these problems came up over the last two weeks.",
            Band::Mild => {
                "Some of these problems came up over the last two weeks. It can help to keep \
                 an eye on how this changes."
            }
            Band::Moderate => {
                "These problems came up quite often. This is worth talking to a professional \
                 about."
            }
            Band::ModeratelySevere | Band::Severe => {
                "These problems came up a lot, and that is hard to carry. This is worth talking \
                 to a professional about soon; you don't have to wait until things get worse."
            }
        }
    }
}

/// The result of scoring a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum Outcome {
    /// Every item answered: the total and its published band.
    #[serde(rename_all = "camelCase")]
    Complete { total: u8, band: Band },
    /// Some items are missing, so there is no total.
    #[serde(rename_all = "camelCase")]
    Incomplete { answered: usize, of: usize },
}

/// Item-level GAD-7 answers (0–3 each), plus the difficulty question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gad7Answers {
    pub items: [Option<u8>; 7],
    #[serde(default)]
    pub difficulty: Option<u8>,
}

/// Item-level PHQ-9 answers (0–3 each), plus the difficulty question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phq9Answers {
    pub items: [Option<u8>; 9],
    #[serde(default)]
    pub difficulty: Option<u8>,
}

impl Gad7Answers {
    /// Scores the items; see [`score_gad7`]. Also checks the difficulty answer.
    pub fn score(&self) -> Result<Outcome> {
        check_answer(self.difficulty, "The difficulty question")?;
        score_gad7(&self.items)
    }
}

impl Phq9Answers {
    /// Scores the items; see [`score_phq9`]. Also checks the difficulty answer.
    pub fn score(&self) -> Result<Outcome> {
        check_answer(self.difficulty, "The difficulty question")?;
        score_phq9(&self.items)
    }

    /// See [`phq9_item9_flag`].
    pub fn item9_flag(&self) -> bool {
        phq9_item9_flag(&self.items)
    }
}

fn total(instrument: &Instrument, answers: &[Option<u8>]) -> Result<Option<u8>> {
    debug_assert_eq!(answers.len(), instrument.items.len());
    for (i, a) in answers.iter().enumerate() {
        check_answer(*a, &format!("{} question {}", instrument.name, i + 1))?;
    }
    Ok(answers.iter().copied().sum::<Option<u8>>())
}

fn outcome(
    instrument: &Instrument,
    answers: &[Option<u8>],
    band: fn(u8) -> Band,
) -> Result<Outcome> {
    Ok(match total(instrument, answers)? {
        Some(total) => Outcome::Complete { total, band: band(total) },
        None => Outcome::Incomplete {
            answered: answers.iter().flatten().count(),
            of: instrument.items.len(),
        },
    })
}

/// The GAD-7 band for a total: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
pub fn gad7_band(total: u8) -> Band {
    match total {
        0..=4 => Band::Minimal,
        5..=9 => Band::Mild,
        10..=14 => Band::Moderate,
        _ => Band::Severe,
    }
}

/// The PHQ-9 band for a total: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately
/// severe, 20–27 severe.
pub fn phq9_band(total: u8) -> Band {
    match total {
        0..=4 => Band::Minimal,
        5..=9 => Band::Mild,
        10..=14 => Band::Moderate,
        15..=19 => Band::ModeratelySevere,
        _ => Band::Severe,
    }
}

/// The GAD-7 total and band, or how far a partial questionnaire got. Answers above 3
/// are refused.
pub fn score_gad7(items: &[Option<u8>; 7]) -> Result<Outcome> {
    outcome(&GAD7, items, gad7_band)
}

/// The PHQ-9 total and band, or how far a partial questionnaire got. Answers above 3
/// are refused.
pub fn score_phq9(items: &[Option<u8>; 9]) -> Result<Outcome> {
    outcome(&PHQ9, items, phq9_band)
}

/// True when PHQ-9 item 9 (thoughts of being better off dead or of self-harm) has any
/// answer above "Not at all", whether or not the rest is answered. An out-of-range answer
/// also counts: when in doubt, the crisis lines are shown.
pub fn phq9_item9_flag(items: &[Option<u8>; 9]) -> bool {
    items[8].is_some_and(|a| a > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers adding up to `total`, filled from the first item with 3s.
    fn answers<const N: usize>(total: u8) -> [Option<u8>; N] {
        let mut left = total;
        std::array::from_fn(|_| {
            let a = left.min(3);
            left -= a;
            Some(a)
        })
    }

    mod gad7 {
        use super::*;

        #[test]
        fn every_band_edge() {
            let table = [
                (0, Band::Minimal),
                (4, Band::Minimal),
                (5, Band::Mild),
                (9, Band::Mild),
                (10, Band::Moderate),
                (14, Band::Moderate),
                (15, Band::Severe),
                (21, Band::Severe),
            ];
            for (total, band) in table {
                let outcome = score_gad7(&answers(total)).unwrap();
                assert_eq!(outcome, Outcome::Complete { total, band }, "total {total}");
            }
        }

        #[test]
        fn ten_or_more_is_worth_talking_about() {
            assert!(!gad7_band(9).worth_talking_about());
            assert!(gad7_band(10).worth_talking_about());
        }

        #[test]
        fn the_maximum_is_21() {
            assert_eq!(answers::<7>(21), [Some(3); 7]);
            assert_eq!(GAD7.max_total, 21);
        }

        #[test]
        fn a_partial_questionnaire_has_no_total() {
            let mut items = [Some(3); 7];
            items[2] = None;
            items[6] = None;
            assert_eq!(score_gad7(&items).unwrap(), Outcome::Incomplete { answered: 5, of: 7 });
            assert_eq!(score_gad7(&[None; 7]).unwrap(), Outcome::Incomplete { answered: 0, of: 7 });
        }

        #[test]
        fn answers_above_three_are_refused_even_when_incomplete() {
            let mut items = [None; 7];
            items[3] = Some(4);
            let err = score_gad7(&items).unwrap_err();
            assert!(err.to_string().contains("GAD-7 question 4"), "{err}");
            let bad_difficulty = Gad7Answers { items: [Some(0); 7], difficulty: Some(9) };
            assert!(bad_difficulty.score().is_err());
        }
    }

    mod phq9 {
        use super::*;

        #[test]
        fn every_band_edge() {
            let table = [
                (0, Band::Minimal),
                (4, Band::Minimal),
                (5, Band::Mild),
                (9, Band::Mild),
                (10, Band::Moderate),
                (14, Band::Moderate),
                (15, Band::ModeratelySevere),
                (19, Band::ModeratelySevere),
                (20, Band::Severe),
                (27, Band::Severe),
            ];
            for (total, band) in table {
                let outcome = score_phq9(&answers(total)).unwrap();
                assert_eq!(outcome, Outcome::Complete { total, band }, "total {total}");
            }
        }

        #[test]
        fn a_partial_questionnaire_has_no_total() {
            let mut items = [Some(1); 9];
            items[0] = None;
            assert_eq!(score_phq9(&items).unwrap(), Outcome::Incomplete { answered: 8, of: 9 });
        }

        #[test]
        fn answers_above_three_are_refused() {
            let mut items = [Some(0); 9];
            items[8] = Some(200);
            assert!(score_phq9(&items).is_err());
        }

        mod item_9 {
            use super::*;

            #[test]
            fn is_flagged_for_any_answer_above_not_at_all() {
                for (answer, flagged) in [
                    (None, false),
                    (Some(0), false),
                    (Some(1), true),
                    (Some(2), true),
                    (Some(3), true),
                ] {
                    let mut items = [Some(0); 9];
                    items[8] = answer;
                    assert_eq!(phq9_item9_flag(&items), flagged, "item 9 = {answer:?}");
                }
            }

            #[test]
            fn is_flagged_even_when_nothing_else_is_answered() {
                let mut items = [None; 9];
                items[8] = Some(1);
                assert!(phq9_item9_flag(&items));
                assert!(matches!(score_phq9(&items).unwrap(), Outcome::Incomplete { .. }));
                assert!(Phq9Answers { items, difficulty: None }.item9_flag());
            }

            #[test]
            fn is_flagged_at_a_low_total() {
                let mut items = [Some(0); 9];
                items[8] = Some(1);
                assert_eq!(
                    score_phq9(&items).unwrap(),
                    Outcome::Complete { total: 1, band: Band::Minimal }
                );
                assert!(phq9_item9_flag(&items));
            }

            #[test]
            fn other_items_never_flag() {
                let mut items = [Some(3); 9];
                items[8] = Some(0);
                assert!(!phq9_item9_flag(&items));
            }
        }
    }

    mod published_text {
        use super::*;

        #[test]
        fn stems_options_and_attribution_are_exact() {
            assert_eq!(
                PHQ9.stem,
                "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
            );
            assert_eq!(
                GAD7.stem,
                "Over the last 2 weeks, how often have you been bothered by the following problems?"
            );
            assert_eq!(
                RESPONSE_OPTIONS,
                ["Not at all", "Several days", "More than half the days", "Nearly every day"]
            );
            assert_eq!(
                DIFFICULTY_QUESTION,
                "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?"
            );
            assert_eq!(
                DIFFICULTY_OPTIONS,
                [
                    "Not difficult at all",
                    "Somewhat difficult",
                    "Very difficult",
                    "Extremely difficult"
                ]
            );
            assert_eq!(
                ATTRIBUTION,
                "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
            );
        }

        #[test]
        fn items_are_exact() {
            assert_eq!(GAD7.items.len(), 7);
            assert_eq!(PHQ9.items.len(), 9);
            assert_eq!(GAD7.items[0], "Feeling nervous, anxious or on edge");
            assert_eq!(GAD7.items[6], "Feeling afraid as if something awful might happen");
            assert_eq!(
                PHQ9.items[5],
                "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"
            );
            assert_eq!(
                PHQ9.items[7],
                "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual"
            );
            assert_eq!(
                PHQ9.items[8],
                "Thoughts that you would be better off dead or of hurting yourself in some way"
            );
            for text in GAD7.items.iter().chain(PHQ9.items) {
                assert!(!text.contains("  "), "line continuation left a double space: {text:?}");
            }
        }

        #[test]
        fn reference_names_the_authors() {
            assert!(GAD7.reference.contains("Löwe B"));
            assert!(PHQ9.reference.contains("Kroenke K, Spitzer RL, Williams JBW"));
        }

        #[test]
        fn band_words_are_gentle() {
            for band in
                [Band::Minimal, Band::Mild, Band::Moderate, Band::ModeratelySevere, Band::Severe]
            {
                let m = band.meaning().to_lowercase();
                assert!(!m.contains("should") && !m.contains("diagnos"), "{m}");
            }
            assert!(NOT_A_DIAGNOSIS.contains("not a diagnosis"));
        }
    }

    #[test]
    fn outcomes_serialize_with_a_status() {
        let json =
            serde_json::to_string(&Outcome::Complete { total: 12, band: Band::Moderate }).unwrap();
        assert_eq!(json, r#"{"status":"complete","total":12,"band":"moderate"}"#);
        let json = serde_json::to_string(&Outcome::Incomplete { answered: 3, of: 7 }).unwrap();
        assert_eq!(json, r#"{"status":"incomplete","answered":3,"of":7}"#);
    }
}
