//! One shape for every readiness result, as the window sees it: what to ask ([`spec`]),
//! the answers of one kind read from the window's JSON ([`Given`]), and what they show
//! ([`Evaluation`]).
//!
//! Invariants: answers are read strictly (unknown signs or fields, answers that are not
//! whole numbers, the wrong number of items are refused with one plain sentence that
//! never repeats what was sent); a screener has a total and a band only when every item
//! is answered; the checklist never has a total; `item9Flag` is true only for a PHQ-9
//! whose item 9 is above "Not at all", complete or not.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::checklist::{self, ChecklistResult, Sign};
use super::screeners::{
    self, Band, Gad7Answers, Instrument, Outcome, Phq9Answers, ATTRIBUTION, DIFFICULTY_OPTIONS,
    DIFFICULTY_QUESTION, GAD7, PHQ9, RESPONSE_OPTIONS,
};
use super::FREQUENCY_LABELS;
use crate::error::{Error, Result};

/// The kinds of result: the checklist and the two questionnaires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Checklist,
    Gad7,
    Phq9,
}

impl Kind {
    /// Every kind, in the order the window lists them.
    pub const ALL: [Kind; 3] = [Kind::Checklist, Kind::Gad7, Kind::Phq9];

    /// The stable id, as stored and sent over IPC.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Checklist => "checklist",
            Kind::Gad7 => "gad7",
            Kind::Phq9 => "phq9",
        }
    }

    /// The kind named `id`, or an [`Error::Invalid`].
    pub fn parse(id: &str) -> Result<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id).ok_or_else(|| {
            Error::Invalid(
                "Choose the checklist, the GAD-7 or the PHQ-9 (checklist, gad7 or phq9). \
                 Nothing was changed."
                    .into(),
            )
        })
    }

    /// The name a person reads.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Checklist => "Readiness checklist",
            Kind::Gad7 => GAD7.name,
            Kind::Phq9 => PHQ9.name,
        }
    }
}

/// Answers of one kind, checked against their scale.
/// Serialized as the answers alone, in the form they are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Given {
    Checklist(checklist::Answers),
    Gad7(Gad7Answers),
    Phq9(Phq9Answers),
}

impl Given {
    /// Reads the window's JSON for `kind` (see the module's invariants) and checks every
    /// answer is on its scale.
    pub fn parse(kind: &str, answers: &Value) -> Result<Given> {
        let kind = Kind::parse(kind)?;
        let given = match kind {
            Kind::Checklist => checklist::Answers::deserialize(answers).map(Given::Checklist),
            Kind::Gad7 => Gad7Answers::deserialize(answers).map(Given::Gad7),
            Kind::Phq9 => Phq9Answers::deserialize(answers).map(Given::Phq9),
        }
        .map_err(|_| not_understood(kind))?;
        given.evaluate()?;
        Ok(given)
    }

    /// Which kind these answers are.
    pub fn kind(&self) -> Kind {
        match self {
            Given::Checklist(_) => Kind::Checklist,
            Given::Gad7(_) => Kind::Gad7,
            Given::Phq9(_) => Kind::Phq9,
        }
    }

    /// What the answers show; refuses answers outside 0–3.
    pub fn evaluate(&self) -> Result<Evaluation> {
        match self {
            Given::Checklist(a) => Ok(from_checklist(checklist::summarize(a)?)),
            Given::Gad7(a) => Ok(from_outcome(Kind::Gad7, a.score()?, false)),
            Given::Phq9(a) => Ok(from_outcome(Kind::Phq9, a.score()?, a.item9_flag())),
        }
    }
}

/// A refusal that names the expected shape, never the values sent.
fn not_understood(kind: Kind) -> Error {
    Error::Invalid(match kind {
        Kind::Checklist => "The checklist's answers were not understood: each sign takes how \
                            often (0 to 3, or empty) and whether it is getting worse. Nothing \
                            was changed."
            .into(),
        Kind::Gad7 | Kind::Phq9 => {
            let instrument = if kind == Kind::Gad7 { GAD7 } else { PHQ9 };
            format!(
                "The {} answers were not understood: {} answers from 0 to 3 (or empty), and \
                 the difficulty question from 0 to 3 (or empty). Nothing was changed.",
                instrument.name,
                instrument.items.len()
            )
        }
    })
}

/// What a set of answers shows. The same shape for every kind; see the module's
/// invariants for which parts are null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub kind: Kind,
    /// Every item (checklist: every sign) has an answer.
    pub complete: bool,
    /// Items (checklist: signs) with an answer; the difficulty question is not counted.
    pub answered: usize,
    pub of: usize,
    pub total: Option<u8>,
    pub band: Option<Band>,
    /// The band's published name ("Moderately severe").
    pub band_label: Option<&'static str>,
    /// A gentle sentence about the band.
    pub meaning: Option<&'static str>,
    /// Screeners: a total of 10 or more. Checklist: any sign present.
    pub worth_talking_about: bool,
    /// PHQ-9 item 9 above "Not at all": show the crisis lines first.
    pub item9_flag: bool,
    /// The checklist's own result; null for the questionnaires.
    pub checklist: Option<ChecklistView>,
}

/// The checklist's result, with each sign named by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistView {
    pub answered: usize,
    pub of: usize,
    pub present: Vec<PresentView>,
    pub summary: String,
    pub therapist_can_help: &'static [&'static str],
    pub note: &'static str,
}

/// A sign that showed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresentView {
    pub id: &'static str,
    pub label: &'static str,
    /// How often, in the scale's words; null when only "getting worse" was answered.
    pub often: Option<&'static str>,
    pub getting_worse: bool,
}

fn from_checklist(r: ChecklistResult) -> Evaluation {
    let view = ChecklistView {
        answered: r.answered,
        of: r.of,
        present: r
            .present
            .iter()
            .map(|p| PresentView {
                id: p.sign.id(),
                label: p.label,
                often: p.often,
                getting_worse: p.getting_worse,
            })
            .collect(),
        summary: r.summary,
        therapist_can_help: r.therapist_can_help,
        note: r.note,
    };
    Evaluation {
        kind: Kind::Checklist,
        complete: view.answered == view.of,
        answered: view.answered,
        of: view.of,
        total: None,
        band: None,
        band_label: None,
        meaning: None,
        worth_talking_about: !view.present.is_empty(),
        item9_flag: false,
        checklist: Some(view),
    }
}

fn from_outcome(kind: Kind, outcome: Outcome, item9_flag: bool) -> Evaluation {
    let empty = Evaluation {
        kind,
        complete: false,
        answered: 0,
        of: 0,
        total: None,
        band: None,
        band_label: None,
        meaning: None,
        worth_talking_about: false,
        item9_flag,
        checklist: None,
    };
    match outcome {
        Outcome::Complete { total, band } => {
            let of = if kind == Kind::Gad7 { GAD7.items.len() } else { PHQ9.items.len() };
            Evaluation {
                complete: true,
                answered: of,
                of,
                total: Some(total),
                band: Some(band),
                band_label: Some(band.label()),
                meaning: Some(band.meaning()),
                worth_talking_about: band.worth_talking_about(),
                ..empty
            }
        }
        Outcome::Incomplete { answered, of } => Evaluation { answered, of, ..empty },
    }
}

/// Everything the window needs to ask the questions, before any vault is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spec {
    /// The 0–3 scale's words.
    pub frequencies: [&'static str; 4],
    pub checklist: ChecklistSpec,
    pub gad7: InstrumentSpec,
    pub phq9: InstrumentSpec,
}

/// The checklist's signs and its "not a diagnosis" line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistSpec {
    pub signs: Vec<SignSpec>,
    pub note: &'static str,
}

/// One sign to ask about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignSpec {
    pub id: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
}

/// A questionnaire's published texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstrumentSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub stem: &'static str,
    pub items: &'static [&'static str],
    pub options: [&'static str; 4],
    pub difficulty_question: &'static str,
    pub difficulty_options: [&'static str; 4],
    pub attribution: &'static str,
    pub note: &'static str,
    /// The highest possible total (21 or 27).
    pub max_total: u8,
    /// The journal reference.
    pub reference: &'static str,
}

fn instrument(i: &Instrument) -> InstrumentSpec {
    InstrumentSpec {
        id: i.id,
        name: i.name,
        title: i.title,
        stem: i.stem,
        items: i.items,
        options: RESPONSE_OPTIONS,
        difficulty_question: DIFFICULTY_QUESTION,
        difficulty_options: DIFFICULTY_OPTIONS,
        attribution: ATTRIBUTION,
        note: screeners::NOT_A_DIAGNOSIS,
        max_total: i.max_total,
        reference: i.reference,
    }
}

/// The questions, scales and published texts.
pub fn spec() -> Spec {
    Spec {
        frequencies: FREQUENCY_LABELS,
        checklist: ChecklistSpec {
            signs: Sign::ALL
                .iter()
                .map(|s| SignSpec { id: s.id(), label: s.label(), hint: s.hint() })
                .collect(),
            note: checklist::NOT_A_DIAGNOSIS,
        },
        gad7: instrument(&GAD7),
        phq9: instrument(&PHQ9),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn evaluate(kind: &str, answers: Value) -> Result<Evaluation> {
        Given::parse(kind, &answers)?.evaluate()
    }

    mod the_checklist {
        use super::*;

        #[test]
        fn names_present_signs_by_id_and_never_scores() {
            let e = evaluate(
                "checklist",
                json!({
                    "anxiety": { "often": 2, "gettingWorse": true },
                    "focus": { "often": 0, "gettingWorse": null },
                    "self_doubt": { "often": null, "gettingWorse": null },
                }),
            )
            .unwrap();
            assert_eq!((e.complete, e.answered, e.of), (false, 2, 5));
            assert_eq!((e.total, e.band, e.meaning), (None, None, None));
            assert!(e.worth_talking_about && !e.item9_flag);
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(
                json["checklist"]["present"],
                json!([{
                    "id": "anxiety",
                    "label": Sign::Anxiety.label(),
                    "often": "More than half the days",
                    "gettingWorse": true
                }])
            );
            assert_eq!(json["checklist"]["note"], checklist::NOT_A_DIAGNOSIS);
        }

        #[test]
        fn nothing_present_is_not_worth_flagging() {
            let all_zero: serde_json::Map<String, Value> =
                Sign::ALL.iter().map(|s| (s.id().to_owned(), json!({ "often": 0 }))).collect();
            let e = evaluate("checklist", Value::Object(all_zero)).unwrap();
            assert!(e.complete && !e.worth_talking_about);
            let e = evaluate("checklist", json!({})).unwrap();
            assert_eq!((e.complete, e.answered), (false, 0));
        }
    }

    mod the_questionnaires {
        use super::*;

        #[test]
        fn a_complete_gad7_has_a_total_a_band_and_its_words() {
            let e = evaluate("gad7", json!({ "items": [2, 2, 2, 2, 2, 1, 1], "difficulty": 1 }))
                .unwrap();
            assert_eq!((e.complete, e.answered, e.of), (true, 7, 7));
            assert_eq!((e.total, e.band), (Some(12), Some(Band::Moderate)));
            assert_eq!(e.band_label, Some("Moderate"));
            assert!(e.worth_talking_about && !e.item9_flag && e.checklist.is_none());
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["band"], "moderate");
            assert_eq!(json["item9Flag"], false);
            assert_eq!(json["bandLabel"], "Moderate");
        }

        #[test]
        fn a_partial_questionnaire_is_incomplete_and_never_scored() {
            let e = evaluate("phq9", json!({ "items": [3, 3, 3, null, 3, 3, 3, 3, 0] })).unwrap();
            assert_eq!((e.complete, e.answered, e.of), (false, 8, 9));
            assert_eq!((e.total, e.band, e.band_label, e.meaning), (None, None, None, None));
            assert!(!e.worth_talking_about);
        }

        #[test]
        fn moderately_severe_is_camel_case_on_the_wire() {
            let e = evaluate("phq9", json!({ "items": [2, 2, 2, 2, 2, 2, 2, 2, 0] })).unwrap();
            assert_eq!(serde_json::to_value(e).unwrap()["band"], "moderatelySevere");
        }

        #[test]
        fn item_9_is_flagged_even_alone() {
            let e = evaluate(
                "phq9",
                json!({ "items": [null, null, null, null, null, null, null, null, 1] }),
            )
            .unwrap();
            assert!(e.item9_flag && !e.complete);
            let e = evaluate("phq9", json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, 0] })).unwrap();
            assert!(!e.item9_flag);
        }
    }

    mod refusals {
        use super::*;

        #[test]
        fn out_of_range_and_malformed_answers_are_invalid_without_echoing_them() {
            let cases = [
                ("gad7", json!({ "items": [4, 0, 0, 0, 0, 0, 0] }), "GAD-7 question 1"),
                ("gad7", json!({ "items": [0, 0, 0, 0, 0, 0, 0], "difficulty": 4 }), "difficulty"),
                ("gad7", json!({ "items": [0, 0, 0, 0, 0, 0] }), "7 answers"),
                ("gad7", json!({ "items": [0, 0, 0, 0, 0, 0, 2.5] }), "7 answers"),
                ("phq9", json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, -1] }), "9 answers"),
                ("phq9", json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, "secret words"] }), "9 answers"),
                (
                    "phq9",
                    json!({ "items": [0, 0, 0, 0, 0, 0, 0, 0, 0], "mood": "secret words" }),
                    "9 answers",
                ),
                ("checklist", json!({ "anxiety": { "often": 7 } }), "answers go from 0"),
                ("checklist", json!({ "secret words": { "often": 1 } }), "each sign"),
                ("checklist", json!(["secret words"]), "each sign"),
                ("checklist", Value::Null, "each sign"),
                ("mood", json!({}), "checklist, gad7 or phq9"),
            ];
            for (kind, answers, says) in cases {
                let err = evaluate(kind, answers.clone()).unwrap_err();
                let message = err.to_string();
                assert_eq!(err.kind(), "invalid", "{kind} {answers}");
                assert!(message.contains(says), "{kind} {answers}: {message}");
                assert!(!message.contains("secret"), "the message repeats what was sent");
                assert!(message.ends_with("Nothing was changed."), "{message}");
            }
        }
    }

    #[test]
    fn the_spec_carries_the_published_texts() {
        let json = serde_json::to_value(spec()).unwrap();
        assert_eq!(json["frequencies"][2], "More than half the days");
        assert_eq!(json["checklist"]["signs"].as_array().unwrap().len(), 5);
        assert_eq!(json["checklist"]["signs"][1]["id"], "self_doubt");
        assert_eq!(json["checklist"]["note"], checklist::NOT_A_DIAGNOSIS);
        for (key, i) in [("gad7", GAD7), ("phq9", PHQ9)] {
            let s = &json[key];
            assert_eq!(s["id"], key);
            assert_eq!(s["items"].as_array().unwrap().len(), i.items.len());
            assert_eq!(s["stem"], i.stem);
            assert_eq!(s["options"][0], "Not at all");
            assert_eq!(s["difficultyQuestion"], DIFFICULTY_QUESTION);
            assert_eq!(s["difficultyOptions"][3], "Extremely difficult");
            assert_eq!(s["attribution"], ATTRIBUTION);
            assert_eq!(s["note"], screeners::NOT_A_DIAGNOSIS);
        }
    }
}
