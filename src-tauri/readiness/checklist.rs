//! The readiness checklist: the article's signs that talking to a therapist could help,
//! each answered for the past two weeks on the 0–3 "how often" scale, plus "getting worse?".
//!
//! Invariants: a sign's id (its serde name) never changes once stored; every answer is
//! optional; the result names signs and offers words about therapy, never a number or a
//! verdict. The wording is ours, built on the article's list (anxiety high or rising,
//! questioning yourself or your reality, trouble sleeping or eating, trouble with daily
//! functioning, trouble focusing).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{check_answer, frequency_label};
use crate::error::Result;

/// One of the article's signs. The serde name is the stable id kept in the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Anxiety that is high or rising: worry that won't stop, on edge, can't relax or settle.
    Anxiety,
    /// Questioning yourself or your sense of what is real.
    SelfDoubt,
    /// Trouble sleeping or eating.
    SleepOrEating,
    /// Trouble managing everyday life.
    DailyFunctioning,
    /// Trouble focusing.
    Focus,
}

impl Sign {
    /// Every sign, in the order the checklist asks them.
    pub const ALL: [Sign; 5] =
        [Sign::Anxiety, Sign::SelfDoubt, Sign::SleepOrEating, Sign::DailyFunctioning, Sign::Focus];

    /// The stable id, as stored and sent over IPC.
    pub fn id(self) -> &'static str {
        match self {
            Sign::Anxiety => "anxiety",
            Sign::SelfDoubt => "self_doubt",
            Sign::SleepOrEating => "sleep_or_eating",
            Sign::DailyFunctioning => "daily_functioning",
            Sign::Focus => "focus",
        }
    }

    /// The sign as the checklist names it.
    pub fn label(self) -> &'static str {
        match self {
            Sign::Anxiety => "Anxiety that is high or rising",
            Sign::SelfDoubt => "Doubting yourself or what you know is real",
            Sign::SleepOrEating => "Trouble sleeping or eating",
            Sign::DailyFunctioning => "Everyday life feeling hard to manage",
            Sign::Focus => "Trouble focusing",
        }
    }

    /// One line of examples under the label, so a person can recognise the sign.
    pub fn hint(self) -> &'static str {
        match self {
            Sign::Anxiety => {
                "Worry you can't switch off, feeling on edge, finding it hard to relax or to \
                 concentrate."
            }
            Sign::SelfDoubt => "Second-guessing your memory, your judgement or what you saw.",
            Sign::SleepOrEating => "Sleeping or eating much more, or much less, than usual.",
            Sign::DailyFunctioning => {
                "Work, chores, or looking after yourself or others take more than you have."
            }
            Sign::Focus => "Losing the thread when you read, talk or work.",
        }
    }
}

/// The answer to one sign. Both parts are optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Answer {
    /// How often over the past two weeks, 0 (not at all) to 3 (nearly every day).
    #[serde(default)]
    pub often: Option<u8>,
    /// "Is it getting worse?" as the person sees it.
    #[serde(default)]
    pub getting_worse: Option<bool>,
}

impl Answer {
    /// True when anything was answered.
    pub fn is_answered(&self) -> bool {
        self.often.is_some() || self.getting_worse.is_some()
    }

    /// True when the sign showed up at all, or the person feels it is getting worse.
    pub fn is_present(&self) -> bool {
        self.often.is_some_and(|o| o >= 1) || self.getting_worse == Some(true)
    }
}

/// The checklist's answers by sign; a sign that is missing was not answered.
/// Serialized as `{ "anxiety": { "often": 2, "gettingWorse": true }, … }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<Sign, Answer>);

impl Answers {
    /// The answer for `sign` (empty when not answered).
    pub fn get(&self, sign: Sign) -> Answer {
        self.0.get(&sign).copied().unwrap_or_default()
    }

    /// Sets the answer for `sign`; returns `self` so tests and callers can chain.
    pub fn with(mut self, sign: Sign, often: Option<u8>, getting_worse: Option<bool>) -> Self {
        self.0.insert(sign, Answer { often, getting_worse });
        self
    }

    /// Refuses any answer outside 0–3.
    pub fn validate(&self) -> Result<()> {
        for (sign, answer) in &self.0 {
            check_answer(answer.often, &format!("\"{}\"", sign.label()))?;
        }
        Ok(())
    }
}

/// Answers given on one day, for the trend over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatedAnswers {
    /// The day the checklist was answered.
    pub on: NaiveDate,
    /// What was answered that day.
    pub answers: Answers,
}

/// A sign that showed up, as the result names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresentSign {
    pub sign: Sign,
    pub label: &'static str,
    /// How often, in the scale's words; `None` when only "getting worse" was answered.
    pub often: Option<&'static str>,
    pub getting_worse: bool,
}

/// What the checklist gives back: which signs are present and some words on what a
/// therapist can help with. There is deliberately no total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistResult {
    /// How many signs have any answer.
    pub answered: usize,
    /// How many signs the checklist has.
    pub of: usize,
    /// The signs that showed up, in checklist order.
    pub present: Vec<PresentSign>,
    /// One or two gentle sentences about what was noticed.
    pub summary: String,
    /// What talking to a therapist can help with.
    pub therapist_can_help: &'static [&'static str],
    /// The one "not a diagnosis" line.
    pub note: &'static str,
}

/// What a therapist can help with, in our words after the article's advice.
pub const THERAPIST_CAN_HELP: &[&str] = &[
    "Working out what you need, and where your limits are.",
    "Ways to steady yourself when worry starts to spiral.",
    "Looking at patterns in the relationship, which is never the same as taking the blame \
     for what was done to you.",
    "Individual therapy is yours to start, even if your partner won't go.",
    "It helps whether the relationship continues or ends.",
];

/// Shown once wherever the checklist's result appears.
pub const NOT_A_DIAGNOSIS: &str = "This checklist is not a diagnosis. It puts words to how the \
                                   past two weeks have been, so you can choose the support you want.";

/// Names the signs that are present (answered 1 or more, or getting worse) and adds
/// gentle words about therapy. Refuses answers outside 0–3.
pub fn summarize(answers: &Answers) -> Result<ChecklistResult> {
    answers.validate()?;
    let answered = Sign::ALL.iter().filter(|s| answers.get(**s).is_answered()).count();
    let present: Vec<PresentSign> = Sign::ALL
        .iter()
        .filter_map(|&sign| {
            let a = answers.get(sign);
            a.is_present().then(|| PresentSign {
                sign,
                label: sign.label(),
                often: a.often.and_then(frequency_label),
                getting_worse: a.getting_worse == Some(true),
            })
        })
        .collect();
    let summary = if answered == 0 {
        "Answer any of these when you are ready. Each one is optional.".to_string()
    } else if present.is_empty() {
        "None of these signs stood out over the past two weeks. A therapist is there whenever \
         you want one; you don't need a reason from a list."
            .to_string()
    } else {
        let noticed = match present.len() {
            1 => "You noticed one of these signs over the past two weeks.".to_string(),
            n => format!("You noticed {n} of these signs over the past two weeks."),
        };
        let worse = if present.iter().any(|p| p.getting_worse) {
            " You said some of it is getting worse; that is worth raising sooner rather than later."
        } else {
            ""
        };
        format!(
            "{noticed} Signs like these are common after a betrayal, and they are the kind of \
             thing a therapist can help with.{worse}"
        )
    };
    Ok(ChecklistResult {
        answered,
        of: Sign::ALL.len(),
        present,
        summary,
        therapist_can_help: THERAPIST_CAN_HELP,
        note: NOT_A_DIAGNOSIS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signs(result: &ChecklistResult) -> Vec<Sign> {
        result.present.iter().map(|p| p.sign).collect()
    }

    mod which_signs_are_present {
        use super::*;

        #[test]
        fn nothing_answered_names_nothing_and_invites_gently() {
            let r = summarize(&Answers::default()).unwrap();
            assert_eq!((r.answered, r.of), (0, 5));
            assert!(r.present.is_empty());
            assert!(r.summary.contains("optional"), "{}", r.summary);
        }

        #[test]
        fn all_not_at_all_names_nothing() {
            let a = Sign::ALL.iter().fold(Answers::default(), |a, &s| a.with(s, Some(0), None));
            let r = summarize(&a).unwrap();
            assert_eq!(r.answered, 5);
            assert!(r.present.is_empty());
            assert!(r.summary.contains("None of these"), "{}", r.summary);
        }

        #[test]
        fn several_days_or_more_counts_as_present() {
            let a = Answers::default()
                .with(Sign::Anxiety, Some(1), None)
                .with(Sign::Focus, Some(3), Some(false))
                .with(Sign::SelfDoubt, Some(0), None);
            let r = summarize(&a).unwrap();
            assert_eq!(signs(&r), [Sign::Anxiety, Sign::Focus]);
            assert_eq!(r.present[0].often, Some("Several days"));
            assert_eq!(r.present[1].often, Some("Nearly every day"));
            assert!(r.summary.contains("2 of these signs"), "{}", r.summary);
        }

        #[test]
        fn getting_worse_alone_counts_as_present() {
            let a = Answers::default().with(Sign::SleepOrEating, Some(0), Some(true)).with(
                Sign::DailyFunctioning,
                None,
                Some(true),
            );
            let r = summarize(&a).unwrap();
            assert_eq!(signs(&r), [Sign::SleepOrEating, Sign::DailyFunctioning]);
            assert!(r.present.iter().all(|p| p.getting_worse));
            assert_eq!(r.present[1].often, None);
            assert!(r.summary.contains("getting worse"), "{}", r.summary);
        }

        #[test]
        fn one_sign_reads_as_one() {
            let r = summarize(&Answers::default().with(Sign::Focus, Some(2), None)).unwrap();
            assert!(r.summary.contains("one of these signs"), "{}", r.summary);
        }
    }

    mod the_words {
        use super::*;

        #[test]
        fn never_diagnose_never_score_never_should() {
            let a =
                Sign::ALL.iter().fold(Answers::default(), |a, &s| a.with(s, Some(3), Some(true)));
            let r = summarize(&a).unwrap();
            let mut all = vec![r.summary.clone(), r.note.to_string()];
            all.extend(r.therapist_can_help.iter().map(|s| s.to_string()));
            all.extend(Sign::ALL.iter().flat_map(|s| [s.label().to_string(), s.hint().into()]));
            for text in &all {
                let lower = text.to_lowercase();
                for word in ["should", "score", "you have anxiety", "disorder", "progress"] {
                    assert!(!lower.contains(word), "{word:?} in {text:?}");
                }
            }
            assert!(r.note.contains("not a diagnosis"));
        }

        #[test]
        fn therapy_is_offered_for_individuals_and_whatever_happens_to_the_relationship() {
            let joined = THERAPIST_CAN_HELP.join(" ");
            assert!(joined.contains("even if your partner won't go"));
            assert!(joined.contains("continues or ends"));
        }
    }

    mod input {
        use super::*;

        #[test]
        fn answers_above_three_are_refused() {
            let err = summarize(&Answers::default().with(Sign::Focus, Some(4), None)).unwrap_err();
            assert!(err.to_string().contains("Trouble focusing"), "{err}");
        }

        #[test]
        fn ids_are_stable_on_the_wire() {
            let a = Answers::default().with(Sign::SleepOrEating, Some(2), Some(true)).with(
                Sign::SelfDoubt,
                None,
                None,
            );
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(
                json,
                r#"{"self_doubt":{"often":null,"gettingWorse":null},"sleep_or_eating":{"often":2,"gettingWorse":true}}"#
            );
            let back: Answers = serde_json::from_str(r#"{"focus":{"often":1}}"#).unwrap();
            assert_eq!(back.get(Sign::Focus), Answer { often: Some(1), getting_worse: None });
            for sign in Sign::ALL {
                assert_eq!(serde_json::to_value(sign).unwrap(), sign.id());
            }
        }

        #[test]
        fn unknown_signs_are_refused() {
            assert!(serde_json::from_str::<Answers>(r#"{"mood":{"often":1}}"#).is_err());
        }
    }
}
