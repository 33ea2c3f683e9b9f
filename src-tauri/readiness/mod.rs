//! Therapy readiness: the article's checklist of signs, the GAD-7 and PHQ-9 screeners,
//! and the offline list of crisis lines.
//!
//! No Tauri here. `checklist`, `screeners` and `crisis` are pure data and arithmetic;
//! `evaluation` gives every kind of result one shape for the window, and `store` keeps
//! results in the vault (the only part that touches the database). Every answer is
//! optional; nothing here turns answers into a diagnosis, and every result that shows a
//! number says so once. Answers are "how often, over the past two weeks" on the
//! screeners' own 0–3 scale.

pub mod checklist;
pub mod crisis;
pub mod evaluation;
pub mod screeners;
pub mod store;

use crate::error::{Error, Result};

/// The highest answer on the shared 0–3 "how often" scale.
pub const MAX_ANSWER: u8 = 3;

/// The four published answers, in order of their value (0–3). The screeners print them
/// exactly like this; the checklist uses the same words so both read as one scale.
pub const FREQUENCY_LABELS: [&str; 4] =
    ["Not at all", "Several days", "More than half the days", "Nearly every day"];

/// The words for an answer on the 0–3 scale, or `None` when it is out of range.
pub fn frequency_label(answer: u8) -> Option<&'static str> {
    FREQUENCY_LABELS.get(usize::from(answer)).copied()
}

/// Refuses an answer above 3, naming where it came from so the message can be acted on.
pub(crate) fn check_answer(answer: Option<u8>, what: &str) -> Result<()> {
    match answer {
        Some(a) if a > MAX_ANSWER => Err(Error::Invalid(format!(
            "{what} has the answer {a}, but answers go from 0 (not at all) to 3 (nearly every \
             day). Nothing was changed."
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_published_scale() {
        assert_eq!(frequency_label(0), Some("Not at all"));
        assert_eq!(frequency_label(3), Some("Nearly every day"));
        assert_eq!(frequency_label(4), None);
    }

    #[test]
    fn answers_above_three_are_refused_with_a_message_that_says_why() {
        assert!(check_answer(None, "x").is_ok());
        assert!(check_answer(Some(3), "x").is_ok());
        let err = check_answer(Some(4), "Question 2").unwrap_err();
        assert!(err.to_string().contains("Question 2"), "{err}");
        assert_eq!(err.kind(), "invalid");
    }
}
