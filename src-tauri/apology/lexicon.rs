//! The phrases: word sets, one table of rules per kind, and the component detectors.
//!
//! Each rule is a [`pattern`](super::pattern) plus how context may cancel it:
//! `neg` (a negation before it in the clause cancels it: "I *won't* ask you to move on"),
//! `rep` (reported past words cancel it: "I'm sorry I *told you* to get over it") and an
//! optional guard for what a pattern cannot say (offers after "if", an agent after a
//! passive, …). Findings may carry their own explanation when the kind's general one would
//! not fit the phrase.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::pattern::{self, El};
use super::text::Doc;
use super::Kind;

/// What a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Finding(Kind),
    Component(Comp),
}

/// The components of a full apology.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comp {
    Regret,
    Responsibility,
    Specific,
    Impact,
    Repair,
    Repentance,
    Forgiveness,
}

/// A guard sees the matched term range and says whether the hit stands.
pub(crate) type Guard = fn(&Doc, Range<usize>) -> bool;

/// A rule as written in the tables.
pub(crate) struct Def {
    target: Target,
    pat: &'static str,
    neg: bool,
    rep: bool,
    guard: Option<Guard>,
    note: Option<Note>,
}

/// A phrase-specific explanation and suggestion.
pub(crate) type Note = (&'static str, &'static str);

const fn f(kind: Kind, pat: &'static str) -> Def {
    Def { target: Target::Finding(kind), pat, neg: true, rep: true, guard: None, note: None }
}

const fn c(comp: Comp, pat: &'static str) -> Def {
    Def { target: Target::Component(comp), pat, neg: true, rep: false, guard: None, note: None }
}

impl Def {
    /// Negation before the phrase does not cancel it (the phrase carries its own).
    const fn keep_neg(mut self) -> Self {
        self.neg = false;
        self
    }
    const fn guard(mut self, g: Guard) -> Self {
        self.guard = Some(g);
        self
    }
    const fn note(mut self, note: Note) -> Self {
        self.note = Some(note);
        self
    }
}

/// A compiled rule.
pub(crate) struct Rule {
    pub target: Target,
    pub els: Vec<El>,
    pub neg: bool,
    pub rep: bool,
    pub guard: Option<Guard>,
    pub note: Option<Note>,
}

/// All rules, indexed by the words they can start with.
pub(crate) struct Lexicon {
    pub rules: Vec<Rule>,
    pub index: HashMap<&'static str, Vec<u16>>,
}

/// The compiled lexicon, built once.
pub(crate) fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| build().unwrap_or_else(|e| panic!("apology lexicon: {e}")))
}

pub(crate) fn build() -> Result<Lexicon, String> {
    let mut rules = Vec::new();
    let mut index: HashMap<&'static str, Vec<u16>> = HashMap::new();
    for def in DEFS {
        let els = pattern::compile(def.pat, set)?;
        let id = u16::try_from(rules.len()).map_err(|_| "too many rules".to_string())?;
        for w in pattern::first_words(&els) {
            index.entry(w).or_default().push(id);
        }
        rules.push(Rule {
            target: def.target,
            els,
            neg: def.neg,
            rep: def.rep,
            guard: def.guard,
            note: def.note,
        });
    }
    Ok(Lexicon { rules, index })
}

// ---------------------------------------------------------------------------------------
// Word sets

const HARM: &[&str] = &[
    "hurt",
    "hurts",
    "hurting",
    "hurtful",
    "upset",
    "upsets",
    "upsetting",
    "offended",
    "offend",
    "offends",
    "offensive",
    "harm",
    "harmed",
    "harmful",
    "wronged",
    "wrong",
    "pain",
    "painful",
    "bothered",
    "bother",
    "bothers",
    "disappointed",
    "disappoint",
    "affected",
    "damaged",
    "caused",
    "insulted",
    "betrayed",
    "disrespected",
    "misled",
    "deceived",
    "lied",
    "uncomfortable",
    "crossed",
    "hurted",
];
const FEEL_ADJ: &[&str] = &[
    "hurt",
    "upset",
    "offended",
    "bothered",
    "angry",
    "mad",
    "sad",
    "disappointed",
    "annoyed",
    "uncomfortable",
    "insulted",
    "triggered",
    "jealous",
    "hurting",
    "struggling",
    "frustrated",
    "scared",
    "worried",
    "confused",
    "suspicious",
    "insecure",
];
/// What a partner supposedly was or wasn't ("because you were never home").
const NEGLECT: &[&str] = &[
    "there",
    "around",
    "home",
    "available",
    "busy",
    "distant",
    "cold",
    "critical",
    "affectionate",
    "interested",
    "attentive",
    "present",
    "working",
    "away",
    "tired",
    "focused",
    "supportive",
    "nagging",
    "angry",
    "absent",
    "demanding",
    "controlling",
    "boring",
    "caring",
    "loving",
    "warm",
    "open",
];
/// What a partner supposedly did all the time ("because you always worked").
const ALWAYS_VERB: &[&str] = &[
    "put",
    "work",
    "worked",
    "working",
    "nag",
    "nagged",
    "nagging",
    "criticize",
    "criticized",
    "criticise",
    "criticised",
    "criticizing",
    "complain",
    "complained",
    "complaining",
    "ignore",
    "ignored",
    "push",
    "pushed",
    "pick",
    "picked",
    "picking",
    "choose",
    "chose",
    "yell",
    "yelled",
    "fight",
    "fought",
    "blame",
    "blamed",
    "compare",
    "compared",
    "busy",
    "away",
];
/// Faults pinned on the partner after "because you were always/so…".
const PARTNER_FAULT: &[&str] = &[
    "busy",
    "distant",
    "cold",
    "critical",
    "tired",
    "nagging",
    "angry",
    "absent",
    "demanding",
    "controlling",
    "boring",
    "working",
    "away",
    "focused",
    "jealous",
    "difficult",
    "moody",
    "unavailable",
    "unhappy",
    "wrapped",
];
const ACT_JUST: &[&str] = &[
    "texted",
    "texting",
    "kissed",
    "kissing",
    "talked",
    "talking",
    "messaged",
    "messaging",
    "chatted",
    "chatting",
    "flirted",
    "flirting",
    "sexted",
    "sexting",
    "hugged",
    "hugging",
    "danced",
    "joked",
    "joking",
    "vented",
    "confided",
    "swiped",
    "liked",
    "followed",
    "looked",
    "looking",
    "watched",
    "watching",
    "hung",
    "friends",
    "talk",
    "chat",
    "flirt",
];
const NEVER_VERB: &[&str] = &[
    "pay",
    "paid",
    "listen",
    "listened",
    "touch",
    "touched",
    "cared",
    "care",
    "appreciate",
    "appreciated",
    "talk",
    "talked",
    "help",
    "helped",
    "support",
    "supported",
    "initiate",
    "initiated",
    "compliment",
    "complimented",
    "kiss",
    "kissed",
    "hug",
    "hugged",
];
const LONELY: &[&str] = &[
    "lonely",
    "unwanted",
    "invisible",
    "ignored",
    "unloved",
    "neglected",
    "alone",
    "unappreciated",
    "rejected",
    "worthless",
    "small",
    "trapped",
    "desperate",
    "unimportant",
    "unseen",
    "unattractive",
];
/// Finding out is not a cause: "if you hadn't found the messages, I'd still be lying".
const DISCOVER: &[&str] = &[
    "found",
    "discovered",
    "caught",
    "seen",
    "asked",
    "checked",
    "confronted",
    "noticed",
    "looked",
    "read",
    "told",
    "stayed",
    "forgiven",
    "given",
];
const EXCUSE_STATE: &[&str] = &[
    "stressed",
    "drunk",
    "tipsy",
    "wasted",
    "high",
    "tired",
    "exhausted",
    "lonely",
    "depressed",
    "overwhelmed",
    "confused",
    "bored",
    "unhappy",
    "vulnerable",
    "weak",
    "insecure",
    "neglected",
    "unappreciated",
    "hammered",
    "struggling",
    "hurting",
    "miserable",
    "burnt",
    "burned",
    "young",
    "immature",
    "naive",
    "unloved",
    "unwanted",
    "ignored",
    "invisible",
    "rejected",
    "stress",
    "pressure",
    "trapped",
    "numb",
    "empty",
    "suffocated",
    "overworked",
    "desperate",
    "stuck",
];
const EXCUSE_CAUSE: &[&str] = &[
    "alcohol",
    "drink",
    "drinks",
    "stress",
    "pressure",
    "work",
    "job",
    "boss",
    "depression",
    "anxiety",
    "childhood",
    "upbringing",
    "past",
    "parents",
    "medication",
    "meds",
    "adhd",
    "addiction",
    "trauma",
];
const DEVICE: &[&str] = &[
    "phone",
    "phones",
    "messages",
    "texts",
    "email",
    "emails",
    "inbox",
    "accounts",
    "account",
    "computer",
    "laptop",
    "browser",
    "history",
    "location",
    "bank",
    "statements",
    "whatsapp",
    "dms",
    "social",
    "facebook",
    "instagram",
    "calls",
    "call",
    "logs",
    "receipts",
    "card",
    "cards",
    "wallet",
    "apps",
    "passwords",
    "password",
    "tablet",
    "ipad",
    "chats",
    "snapchat",
];
const LOOK: &[&str] = &[
    "check",
    "checking",
    "look",
    "looking",
    "go",
    "going",
    "read",
    "reading",
    "search",
    "searching",
    "track",
    "tracking",
    "monitor",
    "monitoring",
    "inspect",
    "inspecting",
    "scroll",
    "scrolling",
    "see",
    "access",
    "browse",
    "have",
    "review",
    "audit",
];
/// Acts that "just"/"only" shrink ("I only texted her").
const ACT_MIN: &[&str] = &[
    "texted",
    "text",
    "texting",
    "kissed",
    "kiss",
    "kissing",
    "talked",
    "talk",
    "talking",
    "messaged",
    "message",
    "messaging",
    "chatted",
    "chat",
    "chatting",
    "flirted",
    "flirt",
    "flirting",
    "looked",
    "look",
    "looking",
    "met",
    "meet",
    "meeting",
    "went",
    "sent",
    "send",
    "saw",
    "hung",
    "danced",
    "liked",
    "followed",
    "emailed",
    "called",
    "had",
    "slept",
    "spent",
    "borrowed",
    "took",
    "moved",
    "used",
    "watched",
    "watching",
    "browsed",
    "played",
    "visited",
    "joked",
    "joking",
    "commented",
    "replied",
    "shared",
    "showed",
    "touched",
    "hugged",
    "hugging",
    "vented",
    "confided",
    "opened",
    "sexted",
    "sexting",
    "swiped",
    "friends",
    "lied",
    "hid",
    "dated",
    "kissing",
    "hooked",
    "kept",
    "deleted",
    "forgot",
    "withheld",
    "omitted",
    "left",
    "bought",
    "hid",
];
/// Nouns that "just a"/"only one" shrink.
const MIN_NOUN: &[&str] = &[
    "kiss",
    "text",
    "texts",
    "message",
    "messages",
    "night",
    "time",
    "drink",
    "drinks",
    "lunch",
    "coffee",
    "date",
    "fling",
    "mistake",
    "slip",
    "moment",
    "conversation",
    "photo",
    "photos",
    "picture",
    "pictures",
    "video",
    "videos",
    "few",
    "couple",
    "bit",
    "little",
    "flirt",
    "flirting",
    "crush",
    "hookup",
    "friend",
    "friendship",
    "game",
    "joke",
    "fantasy",
    "chat",
    "chats",
    "email",
    "emails",
    "hug",
    "dance",
    "once",
    "twice",
    "fun",
    "sex",
    "texting",
    "talking",
    "words",
    "thing",
    "lapse",
];
/// After "it was just…", these words mean "simply" or "exactly", not "merely".
const JUST_OK: &[&str] = &[
    "as",
    "after",
    "when",
    "then",
    "now",
    "later",
    "because",
    "that",
    "wrong",
    "cruel",
    "selfish",
    "unfair",
    "dishonest",
    "fair",
    "right",
    "me",
    "my",
    "i",
    "you",
    "your",
    "the",
    "at",
    "starting",
    "beginning",
    "learning",
    "trying",
    "awful",
    "terrible",
    "horrible",
    "unforgivable",
    "cowardly",
    "careless",
    "thoughtless",
    "so",
    "too",
    "very",
    "not",
    "how",
    "what",
    "who",
    "getting",
    "able",
    "going",
    "human",
    "one",
    "part",
    "two",
    "in",
    "to",
    "for",
    "about",
    "like",
    "beginning",
    "hurting",
    "weeks",
    "months",
    "years",
    "days",
];
/// Subjects of "…was just…" that describe the act.
const SUBJ_MIN: &[&str] = &[
    "it",
    "that",
    "she",
    "he",
    "they",
    "those",
    "this",
    "happened",
    "did",
    "affair",
    "kiss",
    "texting",
    "texts",
    "messages",
    "thing",
    "relationship",
    "fling",
    "flirting",
    "chatting",
    "photos",
    "pictures",
    "money",
    "loan",
    "debt",
    "porn",
    "stuff",
    "emails",
    "conversations",
    "conversation",
    "sex",
];
const HARMLESS_NOUN: &[&str] = &[
    "fun",
    "flirting",
    "flirt",
    "texting",
    "chat",
    "chatting",
    "conversation",
    "conversations",
    "messages",
    "friendship",
    "banter",
    "crush",
    "texts",
    "joke",
    "jokes",
];
/// Subjects of "…was harmless", "…wasn't serious".
const SUBJ_ACT: &[&str] = &[
    "it",
    "that",
    "this",
    "they",
    "those",
    "texts",
    "messages",
    "affair",
    "relationship",
    "flirting",
    "texting",
    "kiss",
    "thing",
    "she",
    "he",
    "what",
    "happened",
    "did",
];
const PARTICIPLE: &[&str] = &[
    "made",
    "said",
    "broken",
    "crossed",
    "told",
    "done",
    "caused",
    "damaged",
    "betrayed",
    "violated",
    "shattered",
    "taken",
    "spent",
    "kept",
    "hidden",
    "sent",
    "deleted",
    "lost",
    "hurt",
    "exchanged",
    "shared",
    "ignored",
    "overlooked",
    "neglected",
    "mishandled",
    "withdrawn",
    "borrowed",
    "moved",
    "used",
    "opened",
    "wasted",
    "forgotten",
    "destroyed",
    "eroded",
    "compromised",
    "misused",
    "emptied",
    "drained",
    "maxed",
    "signed",
    "concealed",
];
const PASSIVE_SUBJ: &[&str] = &[
    "mistakes",
    "errors",
    "lies",
    "things",
    "words",
    "promises",
    "vows",
    "boundaries",
    "lines",
    "trust",
    "feelings",
    "damage",
    "harm",
    "decisions",
    "choices",
    "money",
    "secrets",
    "messages",
    "texts",
    "photos",
    "pictures",
    "accounts",
    "funds",
    "debts",
    "debt",
    "cards",
    "hearts",
    "rules",
    "agreements",
    "commitments",
    "it",
    "this",
    "that",
    "mistake",
    "promise",
    "vow",
    "boundary",
    "line",
    "error",
    "account",
    "savings",
    "card",
    "loan",
    "loans",
    "letters",
    "statements",
    "bills",
];
/// Specific acts for the component: first person plus one of these.
const ACT: &[&str] = &[
    "lied",
    "lying",
    "cheated",
    "cheating",
    "hid",
    "hidden",
    "hiding",
    "texted",
    "texting",
    "kissed",
    "kissing",
    "slept",
    "sleeping",
    "sent",
    "sending",
    "deleted",
    "deleting",
    "met",
    "meeting",
    "spent",
    "spending",
    "gambled",
    "gambling",
    "took",
    "taking",
    "opened",
    "refinanced",
    "borrowed",
    "borrowing",
    "watched",
    "watching",
    "messaged",
    "messaging",
    "flirted",
    "flirting",
    "drank",
    "drinking",
    "stole",
    "stealing",
    "pretended",
    "pretending",
    "deceived",
    "deceiving",
    "visited",
    "emailed",
    "called",
    "calling",
    "downloaded",
    "installed",
    "dated",
    "dating",
    "used",
    "using",
    "kept",
    "keeping",
    "broke",
    "breaking",
    "betrayed",
    "went",
    "concealed",
    "concealing",
    "withdrew",
    "transferred",
    "bought",
    "snuck",
    "sneaked",
    "sneaking",
    "told",
    "seeing",
    "saw",
    "talked",
    "talking",
    "sexted",
    "sexting",
    "manipulated",
    "gaslit",
    "blamed",
    "invented",
    "made",
    "missed",
    "forgot",
    "ignored",
    "yelled",
    "shared",
    "moved",
    "posted",
    "swiped",
];
const BEHAVIOUR_NOUN: &[&str] = &[
    "affair",
    "affairs",
    "lies",
    "lying",
    "texts",
    "texting",
    "sexting",
    "messages",
    "debt",
    "debts",
    "gambling",
    "porn",
    "pornography",
    "loan",
    "mortgage",
    "profile",
    "photos",
    "pictures",
    "drinking",
    "relapse",
    "relapsed",
    "cheating",
    "secret",
    "secrets",
    "emails",
    "hotel",
    "flirting",
    "infidelity",
    "betrayal",
    "deception",
    "dating",
];
const IMPACT_ADJ: &[&str] = &[
    "alone",
    "betrayed",
    "humiliated",
    "foolish",
    "replaced",
    "inadequate",
    "unsafe",
    "invisible",
    "stupid",
    "crazy",
    "lied",
    "hurt",
    "afraid",
    "scared",
    "anxious",
    "insecure",
    "small",
    "worthless",
    "rejected",
    "abandoned",
    "devastated",
    "heartbroken",
    "lost",
    "confused",
    "sick",
    "unwanted",
    "unloved",
    "ashamed",
    "embarrassed",
    "paranoid",
];
const DAMAGE_VERB: &[&str] = &[
    "damaged",
    "broke",
    "broken",
    "hurt",
    "eroded",
    "shattered",
    "destroyed",
    "undermined",
    "harmed",
    "betrayed",
    "wrecked",
    "ruined",
    "cost",
    "took",
    "poisoned",
    "damaging",
    "breaking",
    "violated",
    "crushed",
    "stole",
];
const YOUR_THING: &[&str] = &[
    "trust",
    "safety",
    "sense",
    "peace",
    "sleep",
    "confidence",
    "heart",
    "reality",
    "judgment",
    "judgement",
    "pain",
    "hurt",
    "fear",
    "fears",
    "anxiety",
    "grief",
    "worth",
    "world",
    "security",
    "dignity",
    "instincts",
    "memories",
];

fn set(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "harm" => HARM,
        "feel_adj" => FEEL_ADJ,
        "neglect" => NEGLECT,
        "never_verb" => NEVER_VERB,
        "always_verb" => ALWAYS_VERB,
        "partner_fault" => PARTNER_FAULT,
        "act_just" => ACT_JUST,
        "lonely" => LONELY,
        "discover" => DISCOVER,
        "excuse_state" => EXCUSE_STATE,
        "excuse_cause" => EXCUSE_CAUSE,
        "device" => DEVICE,
        "look" => LOOK,
        "act_min" => ACT_MIN,
        "min_noun" => MIN_NOUN,
        "just_ok" => JUST_OK,
        "subj_min" => SUBJ_MIN,
        "harmless_noun" => HARMLESS_NOUN,
        "subj_act" => SUBJ_ACT,
        "participle" => PARTICIPLE,
        "passive_subj" => PASSIVE_SUBJ,
        "act" => ACT,
        "behaviour_noun" => BEHAVIOUR_NOUN,
        "impact_adj" => IMPACT_ADJ,
        "damage_verb" => DAMAGE_VERB,
        "your_thing" => YOUR_THING,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Guards

fn texts_in(doc: &Doc, r: Range<usize>) -> impl Iterator<Item = &str> + '_ {
    r.filter(move |&j| !doc.terms[j].quoted).map(move |j| doc.text(j))
}

/// Up to `n` terms before `i` in its clause.
fn before(doc: &Doc, i: usize, n: usize) -> Range<usize> {
    doc.clause(i).start.max(i.saturating_sub(n))..i
}

/// Up to `n` terms from `i` on, in its sentence.
fn after_in_sentence(doc: &Doc, i: usize, n: usize) -> Range<usize> {
    let end = if i < doc.terms.len() { doc.sentence(i).end } else { i };
    i..end.min(i + n).max(i)
}

fn prev_is(doc: &Doc, i: usize, words: &[&str]) -> bool {
    i > doc.sentence(i).start && doc.is(i - 1, words)
}

/// "if …" is a condition on the harm, not an offer ("if you want to talk") or a wish about
/// the past ("if I had been honest").
fn cond_if(doc: &Doc, m: Range<usize>) -> bool {
    let i = m.start;
    if prev_is(doc, i, &["even", "as", "what", "only"]) {
        return false;
    }
    let mut j = i + 1;
    if doc.is(j, &["only"]) {
        return false;
    }
    if doc.is(j, &["and", "or"]) && doc.is(j + 1, &["when"]) {
        return false;
    }
    if doc.is(j, &["i", "we"]) && doc.is(j + 1, &["had", "'d", "could", "would", "were"]) {
        return false;
    }
    if doc.is(j, &["it", "that", "this"]) && doc.is(j + 1, &["helps", "would", "might", "will"]) {
        return false;
    }
    if !doc.is(j, &["you"]) {
        return true;
    }
    j += 1;
    while doc.is(j, &["ever", "still", "really", "ever", "do", "would", "'d"]) {
        if doc.is(j, &["would", "'d"]) {
            return false; // "if you'd like", "if you would rather"
        }
        j += 1;
    }
    let offer_verb = [
        "want", "need", "wish", "like", "choose", "decide", "prefer", "can", "could", "will",
        "ask", "let", "find", "get", "come", "call", "text", "say", "tell", "decide", "allow",
    ];
    if doc.is(j, &offer_verb) {
        return false;
    }
    if doc.is(j, &["feel", "felt", "are", "were", "have", "'re"])
        && doc.is(
            j + 1,
            &[
                "like",
                "ready",
                "up",
                "able",
                "comfortable",
                "safe",
                "willing",
                "open",
                "questions",
                "any",
            ],
        )
    {
        return false;
    }
    true
}

/// Whether `words` name the speaker as the one who did it: "by me", "by what I did",
/// "because I…", "I caused…".
fn names_me(words: &[&str]) -> bool {
    let by_me = words.iter().enumerate().any(|(k, w)| {
        *w == "by"
            && words[k + 1..].iter().take(4).any(|v| matches!(*v, "i" | "me" | "my" | "myself"))
    });
    let i_did = words.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            (
                "i",
                "did"
                    | "broke"
                    | "caused"
                    | "made"
                    | "chose"
                    | "hid"
                    | "lied"
                    | "told"
                    | "said"
                    | "spent"
                    | "crossed"
                    | "deleted"
                    | "sent"
                    | "kept"
                    | "created"
                    | "put"
            ) | ("of", "my" | "what")
                | ("because", "i")
                | ("when", "i")
        )
    });
    by_me || i_did
}

/// "sorry you were hurt" deflects unless the sentence names the speaker as the cause.
fn no_agent_after(doc: &Doc, m: Range<usize>) -> bool {
    let words: Vec<&str> = texts_in(doc, after_in_sentence(doc, m.end, 10)).collect();
    !names_me(&words)
}

/// A passive with "by me"/"by what I…" after it names its agent.
fn passive_no_agent(doc: &Doc, m: Range<usize>) -> bool {
    let words: Vec<&str> = texts_in(doc, after_in_sentence(doc, m.end, 8)).collect();
    !names_me(&words)
}

/// "it happened" hides the agent, but not in "when it happened" or "it happened because I…".
fn happened_no_agent(doc: &Doc, m: Range<usize>) -> bool {
    let time_words = [
        "when", "since", "after", "before", "how", "where", "night", "day", "time", "until",
        "while", "what", "why", "way", "once", "if", "that", "week", "year",
    ];
    if prev_is(doc, m.start, &time_words) {
        return false;
    }
    let words: Vec<&str> = texts_in(doc, after_in_sentence(doc, m.end, 8)).collect();
    !names_me(&words)
}

/// "it was only a start" and "this is just the first step" are not minimising.
fn just_shrinks(doc: &Doc, m: Range<usize>) -> bool {
    let Some(k) = m.clone().find(|&j| doc.is(j, &["just", "only", "merely", "simply", "purely"]))
    else {
        return true;
    };
    let starts = ["start", "beginning", "first", "step", "part", "piece", "fraction", "small"];
    !(doc.is(k + 1, &["a", "an", "one", "the"]) && doc.is(k + 2, &starts))
}

/// Monitoring offered to the partner ("you can check my phone"), not pressure they felt
/// ("I made you feel you had to check my phone").
fn offered_to_partner(doc: &Doc, m: Range<usize>) -> bool {
    let earlier: Vec<&str> = texts_in(doc, before(doc, m.start, 8)).collect();
    let later: Vec<&str> = texts_in(doc, after_in_sentence(doc, m.end, 8)).collect();
    let offer_words = ["you", "free", "welcome", "whenever", "anytime", "any", "ahead"];
    let imperative = doc.clause(m.start).start == m.start;
    let offered = imperative || earlier.iter().chain(&later).any(|w| offer_words.contains(w));
    let felt = earlier.iter().any(|w| matches!(*w, "had" | "made" | "make" | "felt"));
    offered && !felt
}

/// "you keep asking" presses; "you'll keep asking, and that's okay" accepts.
fn not_future_or_offer(doc: &Doc, m: Range<usize>) -> bool {
    !texts_in(doc, before(doc, m.start, 6)).any(|w| {
        matches!(
            w,
            "will"
                | "may"
                | "might"
                | "can"
                | "could"
                | "if"
                | "whenever"
                | "free"
                | "welcome"
                | "understand"
                | "know"
        )
    })
}

/// "I made mistakes" looks back; "I will still make mistakes" looks ahead.
fn not_future(doc: &Doc, m: Range<usize>) -> bool {
    !texts_in(doc, before(doc, m.start, 4))
        .any(|w| matches!(w, "will" | "may" | "might" | "going" | "could" | "probably"))
}

/// "can we stop bringing it up" presses the partner; "I'll stop bringing up her name" is the
/// speaker's own promise, and "you may keep bringing it up" an offer.
fn pressing_partner(doc: &Doc, m: Range<usize>) -> bool {
    !texts_in(doc, before(doc, m.start, 6))
        .any(|w| matches!(w, "i" | "may" | "might" | "if" | "whenever" | "free" | "welcome"))
}

/// "Should my words have hurt you, …" opens its clause as an inverted "if".
fn opens_condition(doc: &Doc, m: Range<usize>) -> bool {
    doc.clause(m.start).start == m.start && apology_nearby(doc, m)
}

/// "if so" is a condition when an apology is near: "…and if so, I'm sorry".
fn apology_nearby(doc: &Doc, m: Range<usize>) -> bool {
    texts_in(doc, doc.sentence(m.start))
        .any(|w| matches!(w, "sorry" | "apologize" | "apologise" | "apologies" | "regret"))
}

/// "if anything I did…" is already a condition; one finding is enough.
fn not_after_if(doc: &Doc, m: Range<usize>) -> bool {
    !prev_is(doc, m.start, &["if"])
}

/// "no matter how long it takes" is patience, not a complaint.
fn not_no_matter(doc: &Doc, m: Range<usize>) -> bool {
    let patient =
        ["matter", "however", "care", "no", "understand", "know", "wonder", "say", "tell", "sure"];
    !prev_is(doc, m.start, &patient)
}

/// "by now" presses only alongside an expectation ("you should be over it by now").
fn expectation_nearby(doc: &Doc, m: Range<usize>) -> bool {
    let s = doc.sentence(m.start);
    let r = s.start.max(m.start.saturating_sub(12))..m.start;
    texts_in(doc, r).any(|w| {
        matches!(
            w,
            "should" | "would" | "'d" | "thought" | "expected" | "supposed" | "figured" | "hoped"
        )
    })
}

/// "if you loved me, you would…" is a demand; "if you still love me, I'm grateful" is not.
fn demand_follows(doc: &Doc, m: Range<usize>) -> bool {
    let r = after_in_sentence(doc, m.end, 10);
    texts_in(doc, r).any(|w| matches!(w, "would" | "'d" | "could" | "should" | "will"))
}

/// No "you" just before ("you were under so much stress because of me" is impact).
fn not_about_partner(doc: &Doc, m: Range<usize>) -> bool {
    !texts_in(doc, before(doc, m.start, 4)).any(|w| w == "you")
}

/// "the reason I lied was…" excuses; "I'm working on the reason I lied" is insight.
fn not_exploring(doc: &Doc, m: Range<usize>) -> bool {
    !texts_in(doc, before(doc, m.start, 5)).any(|w| {
        matches!(
            w,
            "understand"
                | "find"
                | "figure"
                | "learn"
                | "learning"
                | "explore"
                | "exploring"
                | "work"
                | "working"
                | "examine"
                | "look"
                | "looking"
                | "know"
                | "therapy"
                | "face"
                | "facing"
        )
    })
}

/// "sorry for my actions at the party" names them; "sorry for my actions" does not.
fn nothing_specific_follows(doc: &Doc, m: Range<usize>) -> bool {
    let spec = [
        "especially",
        "particularly",
        "namely",
        "including",
        "when",
        "that",
        "which",
        "at",
        "on",
        "with",
        "toward",
        "towards",
        "during",
        "last",
        "of",
        "about",
        "to",
        "in",
        "like",
        "where",
        "around",
    ];
    m.end >= doc.sentence(m.start).end || !doc.is(m.end, &spec)
}

/// "I will" is a plan, not "I will always regret" or "I will be sorry forever".
fn a_plan(doc: &Doc, m: Range<usize>) -> bool {
    let feelings = ["regret", "feel", "hate", "carry", "wish", "miss", "hope", "forever"];
    let states = ["sorry", "ashamed", "haunted", "grateful"];
    let k = if doc.is(m.end, &["always", "forever"]) { m.end + 1 } else { m.end };
    !(doc.is(k, &feelings) || doc.is(k, &["be"]) && doc.is(k + 1, &states))
}

/// "if you decide to move on without me" respects a choice; it does not press for one.
/// "you … want to move on" describes the partner; "I want us to move on" presses.
fn not_a_choice(doc: &Doc, m: Range<usize>) -> bool {
    let words: Vec<&str> = texts_in(doc, before(doc, m.start, 6)).collect();
    let choice = words
        .iter()
        .any(|w| matches!(*w, "if" | "whether" | "decide" | "decides" | "choose" | "chooses"));
    let you_want = words.windows(2).any(|w| w[0] == "you")
        && words.iter().any(|w| matches!(*w, "want" | "wants"));
    !(choice || you_want)
}

// ---------------------------------------------------------------------------------------
// Notes for phrases the kind's general line doesn't fit

const MAY_HAVE: Note = (
    "\"May have\" hedges on whether the harm happened at all, and your partner knows it did.",
    "Say plainly that it hurt them: \"I hurt you when I…\".",
);
const REPEATED_QUESTIONS: Note = (
    "Questions often come back many times; answering again, calmly, is part of healing.",
    "Answer again, and let your partner know they can keep asking.",
);
const INTENT: Note = (
    "Talking about what you meant turns attention to you, away from what your partner lived through.",
    "Name the effect, whatever you intended: \"I hurt you when I…\".",
);
const MISTAKE: Note = (
    "\"Mistake\" can blur what was a series of choices, and leaves the act unnamed.",
    "Name what you chose to do, in plain words.",
);
const NORMALIZING: Note = (
    "Comparing with other people makes what happened sound ordinary, when it isn't to your partner.",
    "Speak only about what you did and what it did to your partner.",
);
const THEIR_REACTION: Note = (
    "Questioning your partner's reaction adds to the hurt and can leave them doubting themselves.",
    "Treat their feelings as a fair response to what you did, and say so.",
);
const THIRD_PARTY: Note = (
    "This moves the choice onto someone else, when the choice that matters here was yours.",
    "Keep the sentence about what you chose: \"I chose to…\".",
);
const TRUST_DEMAND: Note = (
    "Trust comes back through steady actions over time; it can't be asked for on demand.",
    "Describe what you'll do to earn it, and let your partner judge when it's there.",
);
const MY_PART: Note = (
    "\"My part\" suggests the betrayal was shared, and asks your partner to look at theirs.",
    "Apologise for the whole of what you did, without dividing it.",
);

// ---------------------------------------------------------------------------------------
// Rules

use Comp::*;
use Kind::*;

static DEFS: &[Def] = &[
    // --- conditional: the harm made uncertain -------------------------------------------
    f(Conditional, "sorry|apologize|apologise|apologies|regret|apology if"),
    f(Conditional, "sorry|apologize|apologise|apologies in case"),
    f(Conditional, "to the extent that?"),
    f(Conditional, "insofar as"),
    f(Conditional, "if ~6 @harm").guard(cond_if),
    f(Conditional, "if ~4 let you down").guard(cond_if),
    f(Conditional, "if ~4 made you feel").guard(cond_if),
    f(Conditional, "if ~4 came|come|comes across"),
    f(Conditional, "if you took|take it|this|that|what ~2 wrong|badly|personally"),
    f(Conditional, "if that|this|it is|was how|what you"),
    f(Conditional, "if anything|something i ~2 did|said|have|may|might|done"),
    f(Conditional, "may|might have @harm|let|made|come|came").note(MAY_HAVE),
    f(Conditional, "may|might have been hurtful|painful|upsetting|hard|unfair|unkind|harsh|insensitive|wrong").note(MAY_HAVE),
    f(Conditional, "if so").guard(apology_nearby),
    f(Conditional, "should my|anything|what|any|you|it|this|that ~5 @harm|distress").guard(opens_condition),
    f(Conditional, "any|whatever hurt|pain|harm|upset|offense|offence|distress|trouble|damage ~3 may|might|could have")
        .note(MAY_HAVE),
    f(Conditional, "anyone|anybody|whoever ~4 hurt|offended|upset|bothered|harmed"),
    f(Conditional, "whether or not you"),
    // --- feelings_deflection: sorry for their feelings, not for the act ------------------
    f(FeelingsDeflection, "sorry|apologize|apologise|regret that? you feel|felt|feeling")
        .guard(no_agent_after),
    f(FeelingsDeflection, "sorry|apologize|apologise|regret that? you are|were feeling")
        .guard(no_agent_after),
    f(
        FeelingsDeflection,
        "sorry|apologize|apologise|regret that? you are|were|got|get|seem|seemed so|very|really|that|this? @feel_adj",
    )
    .guard(no_agent_after),
    f(
        FeelingsDeflection,
        "sorry|apologize|apologise|regret that? you see|saw|took|take|view|viewed|read|interpreted|perceived|perceive it|this|that|things|my|what|the",
    ),
    f(FeelingsDeflection, "sorry|apologize|apologise|regret about|for your feelings|reaction|reactions|pain|hurt|upset")
        .guard(no_agent_after),
    f(FeelingsDeflection, "sorry|apologize|apologise|regret about|for how|the ~1 you feel|felt|reacted|took|see|saw|are"),
    f(FeelingsDeflection, "sorry|apologize|apologise|regret that? your feelings"),
    f(FeelingsDeflection, "was|were|been|being|got perceived|interpreted|misinterpreted|misread|misunderstood|misconstrued"),
    f(FeelingsDeflection, "you ~1 perceived|interpreted|misinterpreted|misread|misunderstood|misconstrued"),
    f(FeelingsDeflection, "sad|unfortunate|shame|pity that? you feel|felt|see|think|are|were|can"),
    f(FeelingsDeflection, "sorry|apologize|apologise|regret that? it|this|that upset|upsets|bothered|bothers|offended|offends you"),
    f(FeelingsDeflection, "sorry|apologize|apologise|regret that? it|this|that ~1 hurt your feelings"),
    f(FeelingsDeflection, "you are|were being? so|too|overly? overreacting|oversensitive|hysterical|paranoid|dramatic|irrational|crazy")
        .note(THEIR_REACTION),
    f(FeelingsDeflection, "you are|were being? so|too|overly sensitive|emotional|needy|insecure")
        .note(THEIR_REACTION),
    f(FeelingsDeflection, "overreact|overreacting|overreacted|overreaction").note(THEIR_REACTION),
    f(FeelingsDeflection, "calm down").note(THEIR_REACTION),
    f(FeelingsDeflection, "taking|take|took it|this|things|everything too|so? personally|seriously")
        .note(THEIR_REACTION),
    f(FeelingsDeflection, "help|control how you feel|react|reacted|take|took").keep_neg(),
    f(FeelingsDeflection, "stop|quit being|feeling|acting ~1 upset|angry|mad|hurt|sad|sensitive|jealous|paranoid|insecure|dramatic")
        .note(THEIR_REACTION),
    f(FeelingsDeflection, "your feelings are|were ~2 problem|excessive|unreasonable|irrational|overblown|much")
        .note(THEIR_REACTION),
    // --- blame_shift: the cause moved onto the partner or someone else -------------------
    f(BlameShift, "you made|make|drove|drive|forced|force|pushed|push me do|to|into|cheat|lie|look|go|turn|stray|seek|away|crazy|this|that"),
    f(BlameShift, "you made|make me feel ~1 @lonely"),
    f(BlameShift, "you left|gave|give|leave me ~2 choice|option|alternative"),
    f(BlameShift, "made|make|makes me do it|this|that"),
    f(BlameShift, "if you had|'d not !@discover"),
    f(BlameShift, "if you had|'d just|only? been|paid|listened|given|shown|spent|cared|noticed|tried|wanted|treated|bothered|loved|made !told|lied|given|informed|asked|warned|hurt"),
    f(BlameShift, "if you were|was ~1 more|less|home|there|around|nicer|kinder|warmer|present|attentive|affectionate|interested|available|not"),
    f(BlameShift, "if you would|'d have|just|only|ever|even ~1 listened|paid|shown|noticed|cared|spent|tried|touched|talked|been|bothered|listen|pay|notice|care|spend|touch|talk"),
    f(BlameShift, "had you been|paid|listened|shown|cared|noticed|spent|made|bothered"),
    f(BlameShift, "had you not !@discover"),
    f(BlameShift, "because you were|are|was never|not|hardly|rarely|seldom ~1 @neglect"),
    f(BlameShift, "because you were|are|was always|so|too|constantly ~1 @partner_fault"),
    f(BlameShift, "because you never|rarely|hardly ~1 @never_verb|home|there|around|had|have|made|make"),
    f(BlameShift, "because you always ~1 @always_verb"),
    f(BlameShift, "because you stopped|ignored|neglected|rejected|shut|pushed|nagged|criticized|criticised|refused|withdrew|withheld|left"),
    f(BlameShift, "you never|rarely|hardly|barely ~1 @never_verb"),
    f(BlameShift, "you never|rarely|hardly|barely have|had|make|made time"),
    f(BlameShift, "you were|are never|rarely|hardly|barely|seldom ~1 there|around|home|available|interested|affectionate|present|attentive"),
    f(BlameShift, "you always ~1 @always_verb"),
    f(BlameShift, "you were|are always on|working|busy|away|tired|gone|out"),
    f(BlameShift, "your|our fault"),
    f(BlameShift, "you are|were ~2 to blame"),
    f(BlameShift, "partly|partially|half|equally|also ~1 to blame"),
    f(BlameShift, "both made|make ~1 mistakes"),
    f(BlameShift, "both share|shared ~1 blame"),
    f(BlameShift, "both ~1 to blame"),
    f(BlameShift, "both ~1 wrong"),
    f(BlameShift, "it takes two"),
    f(BlameShift, "share|shared|shares the|some blame"),
    f(BlameShift, "your part|role|share in|of"),
    f(BlameShift, "you played|play|had a|your part|role"),
    f(BlameShift, "sorry|apologize|apologise|apologies ~3 my part|role|share").note(MY_PART),
    f(BlameShift, "you are|were not|no ~1 innocent|perfect|saint|angel"),
    f(BlameShift, "what about you|your"),
    f(BlameShift, "what about when|the|all ~2 you"),
    f(BlameShift, "you ~1 hurt|lied|betrayed|cheated|deceived me|to|on ~2 too|first|also"),
    f(BlameShift, "you started it|this|all"),
    f(BlameShift, "what did you expect"),
    f(BlameShift, "what was|were i supposed|meant to do"),
    f(BlameShift, "what else was|could|would i ~2 do"),
    f(BlameShift, "you should have ~1 known|seen|noticed|realized|realised|paid|stopped|checked|asked|said|told|listened"),
    f(BlameShift, "you are|were the reason|cause ~1 i ~1 did|cheated|lied|strayed|looked|went|hid|drank|turned|started|felt"),
    f(BlameShift, "it|this|that|everything is|was|happened ~1 because of you|your"),
    f(BlameShift, "you ignored|neglected|rejected|abandoned me"),
    f(BlameShift, "you shut me out"),
    f(BlameShift, "you stopped ~1 touching|loving|wanting|caring|talking|listening|trying|making"),
    f(BlameShift, "she|he|they came|comes|come on|onto").note(THIRD_PARTY),
    f(BlameShift, "she|he|they started|initiated it|this|things|everything").note(THIRD_PARTY),
    f(BlameShift, "she|he|they ~1 made|make the first move").note(THIRD_PARTY),
    f(BlameShift, "she|he|they kissed|seduced|pursued|tempted|targeted|manipulated|tricked me")
        .note(THIRD_PARTY),
    f(BlameShift, "threw herself|himself|themselves").note(THIRD_PARTY),
    f(BlameShift, "she|he|they would not ~1 leave|stop|take").note(THIRD_PARTY),
    f(BlameShift, "she|he|they kept|never|just ~1 messaging|texting|calling|pushing|contacting|flirting|stopped|asking")
        .note(THIRD_PARTY),
    f(BlameShift, "she|he|they was|is|were the one who|that ~1 came|started|initiated|kissed|pursued|seduced|made|texted|messaged")
        .note(THIRD_PARTY),
    f(BlameShift, "egging|egged|goading|goaded me on").note(THIRD_PARTY),
    f(BlameShift, "talked|pressured|pushed|dragged me into").note(THIRD_PARTY),
    f(BlameShift, "your ~2 made|makes|drove|drives|pushed|forced me"),
    f(BlameShift, "you kept|keep|keeps|always ~1 pushing|provoking|nagging|picking|starting|pushed|provoked|nagged"),
    f(BlameShift, "i am|was not the only one"),
    f(BlameShift, "i am|was not the one who|that ~1 started|began|initiated|made|kissed|texted|messaged|came|pursued"),
    f(BlameShift, "she|he|they ~6 went|came|chased|goes|go|going after me").note(THIRD_PARTY),
    f(BlameShift, "she|he|they knew i was|had ~1 married|taken|engaged|partner|wife|husband|girlfriend|boyfriend")
        .note(THIRD_PARTY),
    f(BlameShift, "us not pretend ~2 you|your").keep_neg(),
    f(BlameShift, "like you are|were ~2 perfect|innocent|blameless|saint").keep_neg(),
    f(BlameShift, "you was|were|are|did|have|had not ~4 either $"),
    f(BlameShift, "you are|were no better"),
    f(BlameShift, "on both sides"),
    f(BlameShift, "goes|go|went|cuts both ways"),
    f(BlameShift, "her|his|their fault|idea|doing").note(THIRD_PARTY),
    // --- minimizing: the act made smaller ------------------------------------------------
    f(Minimizing, "@subj_min was|is|were|are just|only|merely|simply|purely !@just_ok *? *?")
        .guard(just_shrinks),
    f(Minimizing, "i|we ~2 only|merely|simply|barely @act_min *?"),
    f(Minimizing, "i|we ~2 just @act_just *?"),
    f(Minimizing, "just|only had a|an ~2 connection|friendship|conversation|fling|crush|drink|drinks|lunch|coffee|chat|moment|thing|kiss"),
    f(Minimizing, "just|only|merely|simply a|an|one|some|the ~1 @min_noun").guard(just_shrinks),
    f(Minimizing, "just|only once|twice"),
    f(Minimizing, "only|just happened"),
    f(Minimizing, "one time thing"),
    f(Minimizing, "a one off"),
    f(Minimizing, "was|is|were nothing but|more"),
    f(Minimizing, "no|not ~3 big ~2 deal"),
    f(Minimizing, "big deal out|about"),
    f(Minimizing, "hardly|barely|scarcely ~1 a|an|even? affair|cheating|anything|serious|big|relationship|real|betrayal|crime|secret|lie|lying"),
    f(Minimizing, "one|single mistake|slip|lapse|indiscretion|misstep"),
    f(Minimizing, "technically|strictly ~3 not|never"),
    f(Minimizing, "why ~6 big deal").keep_neg(),
    f(Minimizing, "made|make|making|makes ~2 deal|fuss|drama|scene out|of|about"),
    f(Minimizing, "not that|so|very|really|all|too bad|serious|significant|important|big|terrible|awful"),
    f(Minimizing, "@subj_act was|is|were|are not even|really? serious|important|significant|real|physical|cheating|sexual|anything"),
    f(Minimizing, "@subj_act was|is|were|are not even|really? a|an real? affair|relationship"),
    f(Minimizing, "not think|believe|feel it|this|that was|is|were that|so|very|really|a|such ~1 bad|serious|big|important|significant"),
    f(Minimizing, "it|she|he|they|that|this|affair|kiss|texts|messages|relationship|sex|fling meant|means|mean nothing !about|for|compared|in|without|unless"),
    f(Minimizing, "it|she|he|they|that|this|affair|kiss|texts|messages|relationship|sex|fling did|does|do not mean anything|a"),
    f(Minimizing, "nothing really|physically|actually|technically? happened !was|is|were"),
    f(Minimizing, "nothing physical|serious|sexual"),
    f(Minimizing, "it|she|he|that|this|they was|is|were nothing !you|i|we|that|about|in|like|short|compared|new"),
    f(Minimizing, "at least i|it|we|nothing|she|he"),
    f(Minimizing, "could|might have been ~1 worse"),
    f(Minimizing, "it|this|that is|was not like !you|your|a|an"),
    f(Minimizing, "it|this|that is|was not as if"),
    f(Minimizing, "harmless|innocent ~1 @harmless_noun"),
    f(Minimizing, "@subj_act was|is|were|are ~1 harmless|innocent"),
    f(Minimizing, "a|one|my|that|this|couple|few silly|stupid|small|tiny|minor|little ~1 mistake|mistakes|slip|lapse|indiscretion|thing|fling|crush|fib|lie|lies|flirtation|misstep"),
    f(Minimizing, "a little|bit ~1 of? flirting|fun|texting|chatting|banter"),
    f(Minimizing, "blow|blowing|blew|blown ~2 out of proportion"),
    f(Minimizing, "out of proportion"),
    f(Minimizing, "no harm done"),
    f(Minimizing, "not|never even|actually|technically|physically ~2 slept|sleep|touched|touch|met|meet|had|have|cross|crossed|cheated|cheat|kissed|kiss"),
    f(Minimizing, "everyone|everybody|people|couples does|do|did it|this|that").note(NORMALIZING),
    f(Minimizing, "happens|happened in|to every|all|lots|most|many").note(NORMALIZING),
    f(Minimizing, "happens all the time").note(NORMALIZING),
    f(Minimizing, "it|this|that is|was normal|common|natural !to|for|that").note(NORMALIZING),
    // --- passive_voice: no one did it ----------------------------------------------------
    f(PassiveVoice, "@passive_subj was|were|have|has|had|got|is|are been|being? @participle")
        .guard(passive_no_agent),
    f(PassiveVoice, "it|things|stuff|this|mistakes|errors|something|affair|cheating|texting|lying|flirting just? happened|occurred|escalated|developed|spiraled|spiralled|evolved")
        .guard(happened_no_agent),
    f(PassiveVoice, "it|things|this|that|stuff ~1 got|went|gets|get|spun|spiraled|spiralled out of hand|control"),
    f(PassiveVoice, "it|things|this|that|stuff ~1 went|got|gone too far"),
    f(PassiveVoice, "one thing led to another"),
    f(PassiveVoice, "went|gone|go|goes missing").guard(happened_no_agent),
    f(PassiveVoice, "a life of its own"),
    f(PassiveVoice, "there was|were|have|has|had been? ~2 lapse|lapses|mistakes|errors|miscommunication|misunderstanding|misunderstandings"),
    // --- excuse: reasons offered as a defence --------------------------------------------
    f(Excuse, "i|we was|were|felt|had|have|'d|been|being|feeling ~2 @excuse_state !you|her|him|them|us|of|by|your|everyone|myself"),
    f(Excuse, "when|whenever i am|get|feel ~2 @excuse_state"),
    f(Excuse, "my|the @excuse_cause has|had|was|is|were been? ~2 nightmare|hell|crazy|insane|brutal|awful|overwhelming|stressful|crushing|hard|tough|chaos|intense"),
    f(Excuse, "never|not my|the intention|intent|plan|aim|idea").keep_neg().note(INTENT),
    f(Excuse, "under|with|from|because ~4 stress|pressure|strain !i|you|that|on|we").guard(not_about_partner),
    f(Excuse, "my|the @excuse_cause made|makes|drove|pushed|clouded|affected|got|took|impaired|messed|ruled me|my|over|the|to|with"),
    f(Excuse, "@excuse_cause was|is|were to blame"),
    f(Excuse, "@excuse_cause was|is|were the|a reason|why|cause|factor|trigger"),
    f(Excuse, "blame|blamed|blaming ~2 @excuse_cause"),
    f(Excuse, "because|due ~2 @excuse_cause !i|we|that|you|it").guard(not_about_partner),
    f(Excuse, "i|we did not mean|intend|want ~1 to|it|for|any|this").note(INTENT),
    f(Excuse, "i|we never meant|intended|wanted ~1 to|it|for|any|this").note(INTENT),
    f(Excuse, "i|we just|really|simply? was|were not myself"),
    f(Excuse, "i|we just|really|simply? was|were not thinking !about|of"),
    f(Excuse, "i|we was|were not in ~4 mind|place|state|headspace|space"),
    f(Excuse, "i|we ~3 going through ~2 lot|so|stuff|things|hell|hard|rough|difficult|tough|dark|much|crisis|phase"),
    f(Excuse, "i|we ~3 dealing with ~2 lot|so|stuff|things|much|pressure|stress|issues|problems"),
    f(Excuse, "that|it is|was just? who|how i am"),
    f(Excuse, "i|we can|could not help it|myself|ourselves"),
    f(Excuse, "i|we had no|little ~1 choice|option|alternative"),
    f(Excuse, "heat of the moment"),
    f(Excuse, "on my plate"),
    f(Excuse, "i|we had|have ~3 going on"),
    f(Excuse, "my head|mind was|is|were ~3 place|mess|elsewhere|spinning|fog|foggy|scrambled|everywhere"),
    f(Excuse, "my head|mind was|is|were not ~3 place|right|straight|there|clear"),
    f(Excuse, "my|the @excuse_cause ~3 made|makes it|me ~1 easy|easier|hard|impossible|difficult"),
    f(Excuse, "caught|swept up in"),
    f(Excuse, "carried away"),
    f(Excuse, "lost control"),
    f(Excuse, "in a dark|bad|low|terrible|rough|difficult|hard place|spot").guard(not_about_partner),
    f(Excuse, "nobody is perfect").keep_neg(),
    f(Excuse, "no one is perfect").keep_neg(),
    f(Excuse, "only|just human"),
    f(Excuse, "everyone|everybody|all make|makes mistakes"),
    f(Excuse, "the reason why? i ~2 did|lied|cheated|hid|started|kept|strayed|looked|went|drank|was")
        .guard(not_exploring),
    f(Excuse, "just that i|we"),
    f(Excuse, "i|we had|'d been drinking !in|again|secretly|behind|for"),
    f(Excuse, "i|we had ~3 drinks|beers|wine|shots"),
    f(Excuse, "only|just did ~1 it|this|that because"),
    // --- vague: nothing named ------------------------------------------------------------
    f(Vague, "sorry|apologize|apologise|apologies|apology|regret|regrets|forgive ~2 everything|anything|whatever"),
    f(Vague, "regret everything"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about all? the? things|stuff"),
    f(Vague, "sorry|apologize|apologise|apologies|regret ~6 all of? it|this|that $"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about all of? it|this|that"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about it all"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about what|whatever ~1 happened|went|occurred"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about how|the way things|it|this ~1 went|turned|happened|ended|worked|are|got|played"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about any hurt|pain|harm|trouble|upset|distress|problems|issues|damage"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about the|this|all ~1 trouble|mess|drama|inconvenience|situation|confusion|misunderstanding|problems|issues|upset"),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about my|the|any|those|these|all mistakes|behavior|behaviour|actions|wrongs|wrongdoings|shortcomings|failings|choices|decisions|conduct")
        .guard(nothing_specific_follows),
    f(Vague, "sorry|apologize|apologise|apologies|forgive ~2 for|about what i have? did|done ~2 $"),
    f(Vague, "sorry|apologize|apologise|apologies ~2 for|about all the|that ~1 hurt|pain|harm|trouble|upset|drama $"),
    f(Vague, "sorry|apologize|apologise|apologies ~1 for|about earlier|before $"),
    f(Vague, "messed|screwed|mucked up|things !by|when|with|our|your|the|in|on|at|so|everything|by"),
    f(Vague, "whatever i|it|that ~1 did|said|was|may|might|have|done"),
    f(Vague, "anything|something i|that ~1 did|said|may|might|done").guard(not_after_if),
    f(Vague, "made|make|making ~2 mistake|mistakes").guard(not_future).note(MISTAKE),
    f(Vague, "my mistake|mistakes").note(MISTAKE),
    // --- timeline_pressure: healing on a schedule ----------------------------------------
    f(TimelinePressure, "get|getting|got|gotten|be|being|are ~1 over it|this|that|everything|what"),
    f(TimelinePressure, "over it|this|that yet|already"),
    f(TimelinePressure, "move|moving|moved on|past").guard(not_a_choice),
    f(TimelinePressure, "get|getting|got|gotten|go|going past it|this|that"),
    f(TimelinePressure, "put|putting it|this|that|everything|things|all ~1 behind"),
    f(TimelinePressure, "leave|leaving|left it|this|that ~1 in the past"),
    f(TimelinePressure, "let|letting it|this|that|things go"),
    f(TimelinePressure, "drop|dropping it|this $"),
    f(TimelinePressure, "drop|dropping the subject|topic|issue"),
    f(TimelinePressure, "stop|quit|keep|keeps|kept|always|constantly|still bringing|dredging|digging|dragging|raking|throwing ~2 up|back|in")
        .guard(pressing_partner),
    f(TimelinePressure, "dwell|dwelling|dwelled|dwelt on|in it|this|that|things"),
    f(TimelinePressure, "dwell|dwelling|dwelled|dwelt on|in the past"),
    f(TimelinePressure, "living|live|lives|stuck|stay|staying in the past"),
    f(TimelinePressure, "it|that|this|everything|all is|was ~1 in the past"),
    f(TimelinePressure, "it|that|this|everything|all is|was ~1 behind us"),
    f(TimelinePressure, "it|that|this is|was ~1 ancient? history"),
    f(TimelinePressure, "how long ~4 going|will|take|last|keep|be|until|before|do|does|must|should|have")
        .guard(not_no_matter)
        .keep_neg(),
    f(TimelinePressure, "why are|is you|it still").keep_neg(),
    f(TimelinePressure, "why can|will|do|would|have|are ~1 you|we ~1 move|let|get|forget|drop|stop|just|over|past")
        .keep_neg(),
    f(TimelinePressure, "it|that is|has been ~1 long enough"),
    f(TimelinePressure, "it|that is|has been ~1 ages|forever"),
    f(TimelinePressure, "it|that is|has been ~1 enough time"),
    f(TimelinePressure, "it|that is|has been ~2 months|weeks|years|year|month already"),
    f(TimelinePressure, "by now").guard(expectation_nearby),
    f(TimelinePressure, "we|i have|had been over|through this|that|it").note(REPEATED_QUESTIONS),
    f(TimelinePressure, "already ~1 told|talked|went|gone|discussed|answered|explained|said|apologized|apologised|been")
        .note(REPEATED_QUESTIONS),
    f(TimelinePressure, "how many times ~6 tell|say|ask|answer|explain|go|apologize|apologise|repeat|asking|hear|said|told|asked|answered")
        .guard(not_no_matter)
        .note(REPEATED_QUESTIONS),
    f(TimelinePressure, "stop|quit talking|asking ~1 about|over it|this|that|her|him|the").guard(pressing_partner),
    f(TimelinePressure, "you keep|keeps|kept|always|still ~1 asking|questioning|bringing|checking|digging|punishing|throwing|interrogating|mentioning")
        .guard(not_future_or_offer),
    f(TimelinePressure, "punish|punishing me"),
    f(TimelinePressure, "i thought we|you ~3 past|over|behind|done|moved"),
    f(TimelinePressure, "enough is enough"),
    f(TimelinePressure, "how much|many ~1 longer").keep_neg(),
    f(TimelinePressure, "put|putting|lay|laid it|this|that|things ~1 to rest|bed"),
    f(TimelinePressure, "keep|keeps|kept coming up"),
    f(TimelinePressure, "hold|holding|held it|this|that|everything over me|my").keep_neg(),
    f(TimelinePressure, "can|could|let|just|need|have|got|time ~2 move|moving|go|get forward").guard(pressing_partner),
    f(TimelinePressure, "enough already"),
    f(TimelinePressure, "back to normal"),
    f(TimelinePressure, "clean slate"),
    f(TimelinePressure, "water under the bridge"),
    f(TimelinePressure, "forget about it|this|that"),
    f(TimelinePressure, "why do you ~1 keep|still|always").keep_neg(),
    f(TimelinePressure, "are you still ~2 upset|mad|angry|on|hung|hurt|thinking|bringing|stuck|bothered|going"),
    f(TimelinePressure, "hung|stuck up? on it|this|that"),
    f(TimelinePressure, "can|could not stay|be ~1 mad|angry|upset|hurt|sad forever").keep_neg(),
    // --- forgiveness_demand: forgiveness as a duty ---------------------------------------
    f(ForgivenessDemand, "you have|need|must|ought|should|better|got ~4 forgive"),
    f(ForgivenessDemand, "i ~1 expect|expected|expecting you to ~1 forgive|trust"),
    f(ForgivenessDemand, "you have|need|must|ought|should|better|got ~2 trust|believe me").note(TRUST_DEMAND),
    f(ForgivenessDemand, "when|why will|are|can|do|have|would|could|did|is ~1 you ~3 forgive|forgiven|forgiving")
        .keep_neg(),
    f(ForgivenessDemand, "you still have|has not|never forgiven"),
    f(ForgivenessDemand, "not forgiven me yet"),
    f(ForgivenessDemand, "i ~2 deserve|deserved|earned ~3 forgiveness|forgiven|chance|trust|break|benefit"),
    f(ForgivenessDemand, "forgive me ~1 already|now|today|immediately"),
    f(ForgivenessDemand, "if you ~1 loved|love|cared|care ~1 me|about").guard(demand_follows),
    f(ForgivenessDemand, "a|any good|real|loving|true|decent wife|husband|partner|christian|person|spouse|girlfriend|boyfriend would|forgives|should|could"),
    f(ForgivenessDemand, "you promised ~5 forgive|forgiven"),
    f(ForgivenessDemand, "you owe me"),
    f(ForgivenessDemand, "just forgive"),
    f(ForgivenessDemand, "time ~3 forgive"),
    f(ForgivenessDemand, "forgive and forget"),
    f(ForgivenessDemand, "i need you to forgive|trust"),
    f(ForgivenessDemand, "i need your forgiveness|trust"),
    f(ForgivenessDemand, "supposed|meant|expected to forgive"),
    f(ForgivenessDemand, "you have|need|must|should|better|owe ~3 chance"),
    // --- partner_policing: monitoring handed to the partner ------------------------------
    f(PartnerPolicing, "@look ~2 my @device").guard(offered_to_partner),
    f(PartnerPolicing, "give|hand|handing|giving|share|sharing|send|sending|show|showing you ~3 passwords|password|pin|pins|codes|logins|login|access|phone|messages|texts|location|screenshots|proof|receipts|statements|emails"),
    f(PartnerPolicing, "my @device ~2 is|are|will ~2 open|unlocked|yours|available"),
    f(PartnerPolicing, "share|sharing|turn|turned|turning|track|tracking ~2 my location"),
    f(PartnerPolicing, "you can|could|may|should|will|need|have|are ~3 track|monitor|watch|police|supervise|follow me"),
    f(PartnerPolicing, "check ~1 up|in? on me").guard(offered_to_partner),
    f(PartnerPolicing, "check|verify|confirm ~1 i|where|whether|that|if").guard(offered_to_partner),
    f(PartnerPolicing, "have|get|know|use ~2 password|passwords|pin|pins|codes|logins|login").guard(offered_to_partner),
    f(PartnerPolicing, "am|is allowed|permitted to").guard(offered_to_partner),
    f(PartnerPolicing, "hand|handing|give|giving|turn|turning over? my|all ~1 @device").guard(offered_to_partner),
    f(PartnerPolicing, "tracking|monitoring|spy|spyware|location|tracker app|apps|software|program").guard(offered_to_partner),
    f(PartnerPolicing, "you ~4 keep|hold|holding|keeping me accountable|honest|straight|sober|faithful|clean|in|on"),
    f(PartnerPolicing, "your job|responsibility|role to ~3 check|watch|make|keep|monitor|police"),
    f(PartnerPolicing, "you ~4 make sure i"),
    // --- components ----------------------------------------------------------------------
    c(Regret, "sorry"),
    c(Regret, "apologize|apologise|apologizing|apologising|apologies|apology"),
    c(Regret, "regret|regrets|remorse|remorseful|ashamed|shame"),
    c(Regret, "wish i ~2 had|could|never|were"),
    c(Regret, "feel|felt|feeling terrible|awful|sick|horrible"),
    c(Regret, "heartbroken|devastated"),
    c(Regret, "hate ~2 what|that|myself"),
    c(Responsibility, "i chose|decided|lied|cheated|betrayed|deceived|hid|caused|broke|manipulated|gaslit"),
    c(Responsibility, "i did !not"),
    c(Responsibility, "my choice|choices|decision|decisions|fault|doing|responsibility|actions"),
    c(Responsibility, "i ~2 take|accept|own|bear ~3 responsibility|it|this|full|all|what"),
    c(Responsibility, "i am|was ~1 responsible|accountable|wrong|dishonest|selfish|unfaithful|coward|cruel|deceitful|careless"),
    c(Responsibility, "it|this|that was|is ~1 on me"),
    c(Responsibility, "it|this was me"),
    c(Responsibility, "nobody|no ~1 made|forced me"),
    c(Responsibility, "not your fault").keep_neg(),
    c(Responsibility, "no one to blame"),
    c(Responsibility, "nobody to blame"),
    c(Responsibility, "blame myself"),
    c(Responsibility, "blame is|lies ~1 mine|with"),
    c(Responsibility, "i made ~3 choice|choices|decision|decisions|you"),
    c(Responsibility, "no excuse").keep_neg(),
    c(Responsibility, "i let you down"),
    c(Responsibility, "i hurt you"),
    c(Specific, "i ~3 @act"),
    c(Specific, "@behaviour_noun"),
    c(Specific, "behind your back"),
    c(Impact, "@damage_verb|humiliated|deceived|devastated|embarrassed|frightened|scared|shamed|wounded|failed|abandoned|disrespected|isolated|hurting ~1 you"),
    c(Impact, "made|left|make|leave you ~1 feel|feeling|question|doubt|wonder|think|lose|afraid|anxious|alone|unsafe|second|crazy|replaced|insecure|invisible|foolish|humiliated|small|check|watch|carry"),
    c(Impact, "@damage_verb ~1 our|your|us"),
    c(Impact, "your ~1 @your_thing"),
    c(Impact, "pain|hurt|damage|harm|grief|humiliation|anguish|distress|suffering ~3 caused|cause|causing"),
    c(Impact, "caused|cause|causing you"),
    c(Impact, "question|questioning|questioned|doubt|doubting|doubted|second ~1 yourself|your|everything|our"),
    c(Impact, "you ~2 felt|feel|feeling|were ~1 @impact_adj"),
    c(Impact, "you could|can not ~1 sleep|eat|trust|focus|concentrate|breathe|relax").keep_neg(),
    c(Impact, "lose|lost|losing ~1 sleep|trust|faith|weight|confidence"),
    c(Impact, "put you through"),
    c(Impact, "impact|effect|toll|weight|burden ~3 you|your|us"),
    c(Impact, "how much ~1 it|this|i|my ~2 hurt|hurts|affected|cost"),
    c(Repair, "i am going to").guard(a_plan),
    c(Repair, "i promise|plan|commit|intend|pledge to|that"),
    c(Repair, "i will !not|never").guard(a_plan),
    c(Repair, "from now on"),
    c(Repair, "going forward"),
    c(Repair, "starting today|now|tonight|tomorrow|this|next"),
    c(Repair, "therapy|therapist|therapists|counselor|counsellor|counseling|counselling|sponsor|meetings|accountability|filter|blocker"),
    c(Repair, "support group"),
    c(Repair, "i have? ~1 booked|joined|installed|blocked|closed|cancelled|canceled|scheduled|handed|cut"),
    c(Repair, "i have? ~1 ended !up"),
    c(Repair, "i have? ~2 set up"),
    c(Repair, "i have? ~2 signed up"),
    c(Repair, "i have? ~2 started|begun|began ~2 therapy|counseling|counselling|seeing|going|meetings|attending|working|reading"),
    c(Repentance, "never ~6 again"),
    c(Repentance, "happen again"),
    c(Repentance, "i will never"),
    c(Repentance, "i am|have ~1 changing|learning|working|becoming"),
    c(Repentance, "change|changing|changed who|how|the|my|what"),
    c(Repentance, "different|better person|man|woman|partner|husband|wife|father|mother"),
    c(Repentance, "do|be better"),
    c(Repentance, "turn|turned|turning away from"),
    c(Repentance, "turn|turned|turning my back on"),
    c(Repentance, "i have? ~1 stopped|quit|ended !up"),
    c(Repentance, "i have? ~1 given up"),
    c(Repentance, "understand|learn|figure|look|looking|face|facing ~2 why i"),
    c(Repentance, "the part of me"),
    c(Repentance, "what in me"),
    c(Repentance, "someone|person|man|woman|partner who ~2 never|keeps|tells|does|is|can|will"),
    c(Repentance, "commit|committed|committing to changing|change"),
    c(Forgiveness, "forgive|forgiveness|forgiven|pardon"),
    c(Forgiveness, "another|second chance"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let lex = build().expect("lexicon builds");
        assert_eq!(lex.rules.len(), DEFS.len());
    }

    #[test]
    fn set_words_are_normalised_single_terms() {
        for name in [
            "harm",
            "feel_adj",
            "neglect",
            "never_verb",
            "lonely",
            "discover",
            "excuse_state",
            "excuse_cause",
            "device",
            "always_verb",
            "partner_fault",
            "act_just",
            "look",
            "act_min",
            "min_noun",
            "just_ok",
            "subj_min",
            "harmless_noun",
            "subj_act",
            "participle",
            "passive_subj",
            "act",
            "behaviour_noun",
            "impact_adj",
            "damage_verb",
            "your_thing",
        ] {
            for w in set(name).unwrap() {
                let (first, second) = crate::apology::text::expand(w);
                assert!(second.is_none() && first == *w && !w.contains('\''), "@{name}: {w}");
            }
        }
    }
}
