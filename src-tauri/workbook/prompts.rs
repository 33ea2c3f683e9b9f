//! Guided journal prompts, in our own words.
//!
//! Grounded in the therapist's article (`reference/rebuilding-trust-article.txt`): the
//! three self-reflection questions, feelings that come in waves and are not linear,
//! triggers that return months later, full honesty, patience with repeated questions,
//! staying open instead of defensive, re-wooing through steady actions, therapy
//! (whether the relationship continues or ends), and "one foot out the door".
//!
//! Rules for the words: warm and plain; nothing that blames the partner who was
//! betrayed; nothing that makes the betrayed partner responsible for watching over the
//! one who broke trust; no deadlines for healing. Ids are stable: saved entries keep
//! them, so a prompt's wording may be improved but its id never reused for another.

use serde::Serialize;

/// One prompt: `section` is where answers are filed (see `journal::SECTIONS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prompt {
    pub id: &'static str,
    pub section: &'static str,
    pub text: &'static str,
}

const fn p(id: &'static str, section: &'static str, text: &'static str) -> Prompt {
    Prompt { id, section, text }
}

/// Every prompt, grouped by section.
const PROMPTS: &[Prompt] = &[
    p(
        "needs-relationship",
        "needs",
        "What do I need in this relationship to feel safe again? Write it as plainly as \
         you can. It is allowed to change later.",
    ),
    p(
        "needs-from-partner",
        "needs",
        "What do I need from my partner right now? Think of small, concrete things they \
         could do this week.",
    ),
    p(
        "needs-no-longer",
        "needs",
        "What will I no longer put up with? Naming a limit is not asking for too much.",
    ),
    p(
        "needs-kindness",
        "needs",
        "Where could I be kinder to myself this week, and what would that look like on an \
         ordinary day?",
    ),
    p(
        "feelings-waves",
        "feelings",
        "Which feelings came and went today: anger, sadness, hope, fear, or something \
         else? Give each one its own line. None of them is wrong.",
    ),
    p(
        "feelings-trigger",
        "feelings",
        "Something small brought the hurt back today. What was it, what happened in my \
         body, and what helped, even a little? This happens, sometimes months later.",
    ),
    p(
        "feelings-grief",
        "feelings",
        "What am I grieving: the relationship I thought I had, the one I hoped for, or \
         something else?",
    ),
    p(
        "feelings-not-my-fault",
        "feelings",
        "When I catch myself asking how I missed the signs, what do I know to be true? \
         Someone else chose to hide things from me.",
    ),
    p(
        "feelings-friend",
        "feelings",
        "Some days feel heavier than last week. What would I say to a friend who told me \
         that?",
    ),
    p(
        "trust-not-yet-said",
        "trust",
        "Is there anything I have not said yet, or have made sound smaller than it was? \
         What makes it hard to say, and what would help me say it?",
    ),
    p(
        "trust-same-question",
        "trust",
        "My partner asked the same question again. What did I feel when I heard it, and \
         how can I answer as fully and gently as the first time?",
    ),
    p(
        "trust-defensive",
        "trust",
        "When did I feel defensive today? What was I protecting, and what would staying \
         open have looked like?",
    ),
    p(
        "trust-my-systems",
        "trust",
        "What are my own warning signs, and what will I do myself when I notice them? \
         This is my work to carry, not my partner's.",
    ),
    p(
        "repair-rewoo",
        "repair",
        "What can I do now that I did not do before? Choose one kind, specific thing for \
         this week: a meal they love, a real compliment, asking about their day and \
         listening.",
    ),
    p(
        "repair-one-foot-out",
        "repair",
        "Am I fully in this, or is one foot already out the door? What would help me \
         answer that honestly?",
    ),
    p(
        "repair-patience",
        "repair",
        "Do I catch myself feeling impatient with how long my partner's healing is \
         taking? What would patience look like from me this week?",
    ),
    p(
        "therapy-signs",
        "therapy",
        "How have my sleep, appetite, worry and focus been lately? Is this something to \
         talk over with a therapist?",
    ),
    p(
        "therapy-bring",
        "therapy",
        "If I sat down with a therapist tomorrow, what would I want them to know about \
         where I am right now?",
    ),
    p(
        "therapy-for-me",
        "therapy",
        "Whatever happens with this relationship, what do I want to heal for myself?",
    ),
];

/// Every prompt, in the order the window offers them.
pub fn all() -> &'static [Prompt] {
    PROMPTS
}

/// The prompt with this id.
pub fn find(id: &str) -> Option<&'static Prompt> {
    PROMPTS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::journal::SECTIONS;

    #[test]
    fn there_are_twelve_to_twenty_with_unique_ids_in_known_sections() {
        assert!((12..=20).contains(&PROMPTS.len()), "{}", PROMPTS.len());
        let mut ids: Vec<&str> = PROMPTS.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), PROMPTS.len(), "ids are unique");
        for p in PROMPTS {
            assert!(SECTIONS.contains(&p.section) && p.section != "free", "{}", p.id);
            assert!(p.text.ends_with('?') || p.text.ends_with('.'), "{}", p.id);
            assert!(!p.text.contains("  "), "{}: line breaks left double spaces", p.id);
        }
        for section in &SECTIONS[1..] {
            assert!(PROMPTS.iter().any(|p| p.section == *section), "{section} has prompts");
        }
    }

    #[test]
    fn the_three_self_reflection_questions_are_there() {
        for id in ["needs-relationship", "needs-from-partner", "needs-no-longer"] {
            assert!(find(id).is_some(), "{id}");
        }
    }

    #[test]
    fn no_prompt_blames_the_betrayed_or_hands_them_the_policing() {
        for p in PROMPTS {
            let t = p.text.to_lowercase();
            for banned in [
                "your fault",
                "my fault",
                "you should",
                "should be over",
                "get over",
                "move on",
                "check my phone",
                "check their phone",
                "go through my",
                "by now you",
                "deserved",
            ] {
                assert!(!t.contains(banned), "{}: contains {banned:?}", p.id);
            }
        }
    }

    #[test]
    fn prompts_serialize_as_id_section_text() {
        let json = serde_json::to_value(find("needs-no-longer").unwrap()).unwrap();
        assert_eq!(json["section"], "needs");
        assert_eq!(json.as_object().unwrap().len(), 3);
    }
}
