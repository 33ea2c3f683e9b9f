//! Notices an accountability plan that hands the monitoring to the partner.
//!
//! The article is plain about it: keeping watch over your own behaviour is the job of
//! the person who broke trust, not of the partner ("it's not your partner's job to check
//! your phone"). So a plan like "my wife can go through my messages" gets a gentle note
//! in the window. This is a small lexicon applied sentence by sentence, not a judge: it
//! looks for
//!
//! - a partner (my partner/wife/husband/…, she/he/they/you and her/him/them) followed
//!   closely by a monitoring verb (check, go through, look at, read, track, monitor,
//!   see, have, access, …) and then one of *my* phone, messages, email, accounts,
//!   location, browser, passwords, …; the words between the partner and the verb may
//!   not name me ("she knows I check my phone" is about me);
//! - or a handing-over verb (give, share, hand, send) with *my* passwords, location,
//!   phone or accounts and a partner later in the sentence ("share my location with
//!   my wife");
//!
//! and treats the sentence as fine when a negation comes before the verb in the same
//! clause ("I won't ask my partner to check my phone", "it's not her job to…").

use serde::Serialize;

/// The answer the window gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub monitoring: bool,
}

/// Checks `text` (any length, any script).
pub fn check(text: &str) -> Check {
    Check { monitoring: hands_monitoring_to_partner(text) }
}

/// Words that are a partner on their own.
const PARTNER_PRONOUNS: &[&str] = &["she", "he", "they", "her", "him", "them", "you"];
/// Nouns that are the partner after "my".
const PARTNER_NOUNS: &[&str] = &[
    "partner",
    "wife",
    "husband",
    "girlfriend",
    "boyfriend",
    "spouse",
    "fiance",
    "fiancé",
    "fiancee",
    "fiancée",
];
/// Words that make the doer of the verb me, not the partner.
const SELF: &[&str] = &["i", "me", "we", "us", "myself", "ourselves"];
const MONITOR_VERBS: &[&str] = &[
    "check",
    "checks",
    "checking",
    "checked",
    "go",
    "goes",
    "going",
    "went",
    "look",
    "looks",
    "looking",
    "looked",
    "read",
    "reads",
    "reading",
    "track",
    "tracks",
    "tracking",
    "tracked",
    "monitor",
    "monitors",
    "monitoring",
    "monitored",
    "see",
    "sees",
    "seeing",
    "watch",
    "watches",
    "watching",
    "have",
    "has",
    "having",
    "hold",
    "holds",
    "keep",
    "keeps",
    "get",
    "gets",
    "access",
    "accesses",
    "accessing",
    "scroll",
    "scrolls",
    "snoop",
    "snoops",
    "search",
    "searches",
    "inspect",
    "inspects",
    "review",
    "reviews",
    "audit",
    "audits",
    "police",
    "polices",
    "policing",
    "know",
    "knows",
    "follow",
    "follows",
    "verify",
    "verifies",
];
const HANDOVER_VERBS: &[&str] = &[
    "give", "gives", "giving", "gave", "share", "shares", "sharing", "shared", "hand", "hands",
    "handing", "handed", "send", "sends", "sending", "tell", "tells",
];
const MONITORED: &[&str] = &[
    "phone",
    "phones",
    "iphone",
    "cellphone",
    "mobile",
    "messages",
    "message",
    "texts",
    "text",
    "email",
    "emails",
    "e-mail",
    "e-mails",
    "inbox",
    "mail",
    "accounts",
    "account",
    "location",
    "whereabouts",
    "browser",
    "browsing",
    "history",
    "searches",
    "passwords",
    "password",
    "passcode",
    "passcodes",
    "pin",
    "logins",
    "login",
    "dms",
    "chats",
    "chat",
    "whatsapp",
    "social",
    "instagram",
    "facebook",
    "snapchat",
    "laptop",
    "computer",
    "devices",
    "device",
    "apps",
    "calls",
    "tablet",
    "ipad",
    "screen",
];
const HANDED_OVER: &[&str] = &[
    "passwords",
    "password",
    "passcode",
    "passcodes",
    "pin",
    "location",
    "logins",
    "login",
    "phone",
    "accounts",
    "account",
    "codes",
];
/// A monitored thing followed by one of these is something else ("my phone number").
const NOT_MONITORING_AFTER: &[&str] = &["number", "numbers", "address", "bill", "charger", "case"];
const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "nor",
    "neither",
    "won't",
    "wont",
    "don't",
    "dont",
    "doesn't",
    "doesnt",
    "didn't",
    "didnt",
    "shouldn't",
    "shouldnt",
    "can't",
    "cant",
    "cannot",
    "isn't",
    "isnt",
    "aren't",
    "arent",
    "wasn't",
    "wouldn't",
    "mustn't",
    "stop",
    "stopped",
    "instead",
    "rather",
    "without",
    "refuse",
    "nobody",
];
/// Marks a clause boundary inside a sentence.
const BREAK: &str = ",";

/// Most words (commas count as words) between the partner and the verb ("my partner
/// will be able to check").
const PARTNER_TO_VERB: usize = 5;
/// Most words between the verb and "my" ("go through all of my").
const VERB_TO_MY: usize = 3;
/// Most words between "my" and the thing ("my browser history", "my text messages").
const MY_TO_THING: usize = 2;

/// True when some sentence of `text` hands watching over me to my partner.
pub fn hands_monitoring_to_partner(text: &str) -> bool {
    let normal = text.to_lowercase().replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'");
    normal.split(['.', '!', '?', '\n', '\r']).any(|s| sentence_hands_over(&words(s)))
}

/// The words of a sentence, lower case, with clause punctuation as [`BREAK`] and
/// contraction suffixes other than n't dropped ("she'll" -> "she", "wife's" -> "wife").
fn words(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let push = |word: &mut String, out: &mut Vec<String>| {
        let w = word.trim_matches(|c| c == '\'' || c == '-');
        if !w.is_empty() {
            let w = ["'ll", "'d", "'s", "'re", "'ve", "'m"]
                .iter()
                .find_map(|suffix| w.strip_suffix(suffix))
                .unwrap_or(w);
            out.push(w.to_owned());
        }
        word.clear();
    };
    for c in sentence.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            word.push(c);
        } else {
            push(&mut word, &mut out);
            if matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}') {
                out.push(BREAK.to_owned());
            }
        }
    }
    push(&mut word, &mut out);
    out
}

fn is(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// Is word `i` a reference to the partner?
fn partner_at(w: &[String], i: usize) -> bool {
    is(&w[i], PARTNER_PRONOUNS) || (is(&w[i], PARTNER_NOUNS) && i > 0 && w[i - 1] == "my")
}

/// Does "my <up to 2 words> <thing in list>" start within `reach` words after `from`,
/// with nothing naming me on the way ("she knows I check my phone")?
fn my_thing_after(w: &[String], from: usize, reach: usize, things: &[&str]) -> bool {
    let end = w.len().min(from + 1 + reach + 1);
    for m in from + 1..end {
        if w[m] == BREAK || is(&w[m], SELF) {
            return false;
        }
        if w[m] != "my" {
            continue;
        }
        for t in m + 1..w.len().min(m + 2 + MY_TO_THING) {
            if w[t] == BREAK {
                break;
            }
            if is(&w[t], things) {
                let next = w.get(t + 1).map(String::as_str).unwrap_or("");
                if !is(next, NOT_MONITORING_AFTER) {
                    return true;
                }
            }
        }
    }
    false
}

/// A sentence's words with what the checks look up, computed once (linear in length,
/// so a pasted book does not take quadratic time).
struct Sentence<'a> {
    w: &'a [String],
    /// Index of the first word of the clause holding each word.
    clause_start: Vec<usize>,
    /// Negations among the words before each index.
    negations_before: Vec<usize>,
    /// The last word that refers to the partner.
    last_partner: Option<usize>,
}

impl<'a> Sentence<'a> {
    fn new(w: &'a [String]) -> Self {
        let mut clause_start = Vec::with_capacity(w.len());
        let mut negations_before = Vec::with_capacity(w.len() + 1);
        let (mut start, mut negations) = (0, 0);
        for (i, word) in w.iter().enumerate() {
            if word == BREAK {
                start = i + 1;
            }
            clause_start.push(start);
            negations_before.push(negations);
            negations += usize::from(is(word, NEGATIONS));
        }
        negations_before.push(negations);
        let last_partner = (0..w.len()).rev().find(|&p| partner_at(w, p));
        Sentence { w, clause_start, negations_before, last_partner }
    }

    /// Is there a negation between the start of the clause holding `from` and `to`?
    fn negated(&self, from: usize, to: usize) -> bool {
        let start = self.clause_start[from];
        self.negations_before[to] > self.negations_before[start]
    }

    /// The nearest partner before the monitoring verb at `v`, with nothing naming me in
    /// between, that is not negated.
    fn partner_does(&self, v: usize) -> bool {
        let w = self.w;
        let mut words_between = 0;
        for p in (0..v).rev() {
            if partner_at(w, p) {
                return !self.negated(p, v);
            }
            if is(&w[p], SELF) {
                return false;
            }
            words_between += 1;
            if words_between > PARTNER_TO_VERB {
                return false;
            }
        }
        false
    }

    fn hands_over(&self) -> bool {
        let w = self.w;
        (0..w.len()).any(|v| {
            let watched = is(&w[v], MONITOR_VERBS)
                && my_thing_after(w, v, VERB_TO_MY, MONITORED)
                && self.partner_does(v);
            let handed = is(&w[v], HANDOVER_VERBS)
                && my_thing_after(w, v, VERB_TO_MY, HANDED_OVER)
                && self.last_partner.is_some_and(|p| p > v)
                && !self.negated(v, v);
            watched || handed
        })
    }
}

fn sentence_hands_over(w: &[String]) -> bool {
    Sentence::new(w).hands_over()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANDS_OVER: &[&str] = &[
        "My partner can check my phone whenever she wants.",
        "She will go through my messages every night.",
        "He tracks my location.",
        "My wife has my passwords now.",
        "I'll let my husband read my emails.",
        "I asked my girlfriend to monitor my accounts.",
        "They can look at my browser history any time.",
        "My boyfriend is allowed to look through my texts.",
        "I will give her my passwords.",
        "I'll share my location with my wife.",
        "You can check my phone any time you like.",
        "From now on my spouse will see my location.",
        "Every evening my partner checks my email and my phone.",
        "My wife, whenever she likes, can read my text messages.",
        "It’s her job to check my phone.",
        "To rebuild trust: she’ll go through all of my DMs each week.",
        "I'll hand over my phone to him whenever he asks.",
    ];

    const FINE: &[&str] = &[
        "I won't ask my partner to check my phone.",
        "It is not my partner's job to check my phone.",
        "My wife will never have to go through my messages.",
        "I check my phone less when she is around.",
        "She knows I check my phone too often.",
        "I will delete the apps that pull me back in.",
        "She deserves honesty, so I will tell her the truth.",
        "I read my messages before bed and then put the phone away.",
        "He asked how my day was.",
        "My therapist and I will track my urges in a notebook.",
        "I don't want my husband to feel he has to monitor my accounts.",
        "Monitoring myself is my job, not hers.",
        "Her phone buzzed and I felt sick.",
        "She has my phone number.",
        "I share my passwords with no one but my sponsor.",
        "She gave me my phone back.",
        "My partner doesn't need to look at my location, I will tell her where I am.",
        "",
    ];

    #[test]
    fn sentences_that_hand_monitoring_to_the_partner_are_noticed() {
        for s in HANDS_OVER {
            assert!(hands_monitoring_to_partner(s), "should notice: {s}");
        }
    }

    #[test]
    fn sentences_that_keep_the_work_with_me_are_fine() {
        for s in FINE {
            assert!(!hands_monitoring_to_partner(s), "should not notice: {s}");
        }
    }

    #[test]
    fn one_sentence_among_many_is_enough_and_case_does_not_matter() {
        let plan =
            "I will see my therapist weekly. I deleted the apps.\nMY WIFE CAN CHECK MY PHONE";
        assert!(check(plan).monitoring);
        let negated_elsewhere = "I won't hide anything. She can read my messages.";
        assert!(check(negated_elsewhere).monitoring, "negation belongs to its own sentence");
    }

    #[test]
    fn any_text_is_accepted() {
        let long = "🌊 שלום مرحبا (she) -- , , my ".repeat(20_000);
        assert!(!check(&long).monitoring);
        assert!(!check("my my my phone she").monitoring);
        assert!(!check("\0'''---,,,").monitoring);
    }

    #[test]
    fn serializes_as_monitoring_flag() {
        assert_eq!(serde_json::to_string(&check("")).unwrap(), r#"{"monitoring":false}"#);
    }
}
