//! The apology checker: finds non-apology patterns in a draft and reports which parts of a
//! full apology it already has. Pure Rust, no I/O, no Tauri; the window and the
//! `mend apology-check` command both call [`check`].
//!
//! # Approach
//!
//! The text is cut into sentences and clauses and every word normalised (lowercase,
//! straight apostrophes, contractions opened: "wasn't" → `was not`; see `text.rs`). A
//! lexicon of short phrase patterns per kind (`lexicon.rs`, in the small pattern language
//! of `pattern.rs`) is matched clause by clause; each hit is then weighed against its context,
//! so a good apology is not nagged:
//!
//! - **Negation scope.** A negator ("not", "never", "no", "without", "instead of",
//!   "rather than", "refuse", "stop telling/asking/pushing…") up to eight terms before a
//!   phrase *in the same clause* cancels it:
//!   "I won't ask you to move on", "it was never your fault". Clauses end at punctuation,
//!   at "but"/"because"/"although", and at "and"/"or"/"so" when a new subject follows, so
//!   in "I didn't plan it, and you need to get over it" the "not" does not reach. Phrases
//!   whose meaning carries its own negation ("not a big deal", "I didn't mean to") are
//!   written with it, and are cancelled only by a negation *before* them: "I'm not going to
//!   say it wasn't a big deal" is clean. Questions are not denials: in "why can't you move
//!   on" or "can't we just move on" (a contracted "not" followed by a subject, or a clause
//!   opening with "why") the negation presses instead of cancelling.
//! - **Reported words.** Text between quotation marks is reported speech and never a
//!   finding ("when I said 'get over it'…"). Without quotes, a phrase introduced by a verb
//!   that describes one's own past behaviour ("I pushed you to move on", "I pretended it
//!   meant nothing", "I made you feel you had to check my phone") is an admission, and so is
//!   one after "I said"/"I told you" when that sentence or the next owns it (sorry, wrong,
//!   cruel, when…: "I said it was just a kiss. It wasn't."). Thoughts the speaker attributes to the partner ("you might think it was your
//!   fault") are not claims either.
//! - **Offers and conditions.** "if" followed by harm ("sorry if you were hurt") is
//!   `conditional`; "if" followed by the partner's wish or need ("if you want to talk, I'm
//!   here"), a wish about the past ("if I had been honest") or "even if" is not.
//! - **Excuses disclaimed.** An excuse is dropped when its sentence or a neighbouring one
//!   disclaims it ("I was drunk, but that's no excuse").
//! - **"just"/"only".** Only minimising when they shrink an act or what it was ("it was just
//!   a kiss", "I only texted her"), never in "I just want you to know" or "you are the
//!   only person".
//! - **"but" after an apology** is found by looking back from each "but"/"however" to an
//!   apology head ("I'm sorry", "I apologise", "I regret", "forgive me") in the same
//!   sentence, at a sentence opening with "But" after one, or at a "but" that opens a
//!   defence ("but you have to understand…") a sentence or two later; "not only … but also",
//!   "but especially" and "but I know sorry isn't enough" are left alone.
//!
//! Matching is indexed by the first word of each pattern and every context check looks at
//! a bounded window, so the work is linear in the length of the text.
//!
//! Offsets in a [`Finding`] are Unicode scalar (char) offsets into the input, and
//! `excerpt` is exactly `text.chars().skip(start).take(end - start)`.

mod detect;
/// Drafts kept in the vault (the only part of this module that stores anything).
pub mod drafts;
pub(crate) mod lexicon;
pub(crate) mod pattern;
pub(crate) mod text;

use serde::{Deserialize, Serialize};

/// A non-apology pattern. The snake_case names are part of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// "I'm sorry if you were hurt."
    Conditional,
    /// "I'm sorry you feel that way."
    FeelingsDeflection,
    /// "I'm sorry, but…"
    ButClause,
    /// "You made me…", "if you hadn't…"
    BlameShift,
    /// "It was just a kiss", "not a big deal."
    Minimizing,
    /// "Mistakes were made."
    PassiveVoice,
    /// "I was stressed", "I was drunk."
    Excuse,
    /// "Sorry for everything", "for whatever I did."
    Vague,
    /// "Get over it", "I thought we moved past this."
    TimelinePressure,
    /// "You have to forgive me."
    ForgivenessDemand,
    /// "You can check my phone any time."
    PartnerPolicing,
}

impl Kind {
    /// Every kind, in contract order.
    pub const ALL: [Kind; 11] = [
        Kind::Conditional,
        Kind::FeelingsDeflection,
        Kind::ButClause,
        Kind::BlameShift,
        Kind::Minimizing,
        Kind::PassiveVoice,
        Kind::Excuse,
        Kind::Vague,
        Kind::TimelinePressure,
        Kind::ForgivenessDemand,
        Kind::PartnerPolicing,
    ];

    /// The contract name, e.g. `"feelings_deflection"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Conditional => "conditional",
            Kind::FeelingsDeflection => "feelings_deflection",
            Kind::ButClause => "but_clause",
            Kind::BlameShift => "blame_shift",
            Kind::Minimizing => "minimizing",
            Kind::PassiveVoice => "passive_voice",
            Kind::Excuse => "excuse",
            Kind::Vague => "vague",
            Kind::TimelinePressure => "timeline_pressure",
            Kind::ForgivenessDemand => "forgiveness_demand",
            Kind::PartnerPolicing => "partner_policing",
        }
    }

    /// Parses a contract name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// One warm line on why the pattern gets in the way.
    pub fn why(self) -> &'static str {
        match self {
            Kind::Conditional => {
                "An \"if\" makes the hurt sound uncertain, when your partner knows it happened."
            }
            Kind::FeelingsDeflection => {
                "This apologises for your partner's feelings rather than for what you did."
            }
            Kind::ButClause => {
                "A \"but\" right after an apology tends to cancel it in the listener's ear."
            }
            Kind::BlameShift => {
                "This moves part of the cause onto someone else, away from your own choices."
            }
            Kind::Minimizing => {
                "Softening words make what happened sound smaller than it felt to your partner."
            }
            Kind::PassiveVoice => "Without a clear \"I\", the sentence leaves out who did it.",
            Kind::Excuse => {
                "Reasons offered in an apology can land as a defence, even when they are true."
            }
            Kind::Vague => {
                "A general apology leaves your partner guessing what you understand you did."
            }
            Kind::TimelinePressure => "Healing has no deadline, and hurrying it tends to slow it.",
            Kind::ForgivenessDemand => {
                "Forgiveness can only be given freely; framing it as owed adds pressure."
            }
            Kind::PartnerPolicing => {
                "Watching over you is not your partner's job; that weight is yours to carry."
            }
        }
    }

    /// One line pointing to a better direction.
    pub fn suggestion(self) -> &'static str {
        match self {
            Kind::Conditional => "Name what you did and how it affected them, without the \"if\".",
            Kind::FeelingsDeflection => "Point the apology at your own action: \"I'm sorry that I…\".",
            Kind::ButClause => {
                "Let the apology stand on its own; explanations can wait until they're asked for."
            }
            Kind::BlameShift => "Keep the sentence about what you chose: \"I chose to…\".",
            Kind::Minimizing => "Describe what you did at its full size, in plain words.",
            Kind::PassiveVoice => "Put yourself in the sentence: \"I lied\", \"I broke my promise\".",
            Kind::Excuse => {
                "Own the choice here; the why is worth exploring later, perhaps with a therapist."
            }
            Kind::Vague => "Name the specific thing you did, as plainly as you can.",
            Kind::TimelinePressure => {
                "Let your partner set the pace, and say you'll be there for as long as it takes."
            }
            Kind::ForgivenessDemand => {
                "If you ask at all, ask gently, and leave the answer and its timing to them."
            }
            Kind::PartnerPolicing => {
                "Describe safeguards you'll keep yourself: blocked contacts, a therapist, a sponsor."
            }
        }
    }
}

/// One flagged passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which pattern.
    pub kind: Kind,
    /// First character, as a Unicode scalar offset into the input.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The flagged text, exactly `text.chars().skip(start).take(end - start)`.
    pub excerpt: String,
    /// One line on why the pattern gets in the way.
    pub why: &'static str,
    /// One line pointing to a better direction.
    pub suggestion: &'static str,
}

/// Which parts of a full apology the text has. Responsibility and repair matter most.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Components {
    /// Remorse: "I'm sorry", "I regret", "I'm ashamed".
    pub regret: bool,
    /// First-person ownership: "I chose", "it was my choice", "I take responsibility".
    pub responsibility: bool,
    /// A named act: "I lied about…", "the messages", "the debt".
    pub specific_behavior: bool,
    /// The effect on the partner: "hurt you", "made you question yourself".
    pub impact: bool,
    /// Concrete future action: "I will…", "from now on", therapy, blocking contacts.
    pub repair: bool,
    /// Change from within: "never again", "I'm learning why I…", "a different person".
    pub repentance: bool,
    /// Forgiveness asked for (without pressure; a demand does not count here).
    pub forgiveness_request: bool,
}

/// The checker's answer for one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Flagged passages in reading order.
    pub findings: Vec<Finding>,
    /// The parts of a full apology found.
    pub components: Components,
}

/// Checks an apology draft. Never panics; linear in the length of `text`.
pub fn check(text: &str) -> Report {
    detect::run(&text::Doc::parse(text))
}

#[cfg(test)]
mod tests;
