//! One pass of the lexicon over the terms, the context checks (negation, reported words,
//! disclaimed excuses), the "but" detector, and the assembly of the report.

use super::lexicon::{self, Comp, Note, Target};
use super::pattern;
use super::text::Doc;
use super::{Components, Finding, Kind, Report};

/// A hit before it becomes a [`Finding`]: an inclusive term range.
struct Hit {
    kind: Kind,
    first: usize,
    last: usize,
    note: Option<Note>,
}

/// Facts per sentence, computed once so that context checks stay bounded.
struct Ctx {
    /// The sentence owns what it reports ("sorry", "wrong", "cruel", "when"…).
    admission: Vec<bool>,
    /// The sentence disclaims excuses ("no excuse", "not an excuse", "nothing excuses").
    disclaimer: Vec<bool>,
    /// The sentence holds an apology ("I'm sorry", "I apologise"…).
    apology: Vec<bool>,
}

const NEGATORS: &[&str] = &[
    "not", "never", "no", "nor", "neither", "without", "none", "nobody", "nothing", "instead",
    "refuse", "refused", "refusing", "avoid",
];
/// "stop"/"quit" negate what follows only when they stop the speaker's own pressure:
/// "I'll stop telling you to move on", not "let's stop living in the past".
const STOPPABLE: &[&str] = &[
    "telling",
    "asking",
    "pushing",
    "pressuring",
    "rushing",
    "saying",
    "expecting",
    "making",
    "demanding",
    "acting",
    "pretending",
    "using",
    "hiding",
    "lying",
    "trying",
    "hurrying",
];
const SUBJECT_AFTER_NOT: &[&str] = &["i", "you", "we", "it", "they", "he", "she", "this", "that"];
/// Verbs that describe the speaker's own past behaviour: what follows is an admission.
const SELF_REPORT: &[&str] = &[
    "pushed",
    "pressured",
    "rushed",
    "hurried",
    "demanded",
    "pretended",
    "dismissed",
    "claimed",
    "insisted",
    "implied",
    "joked",
    "yelled",
    "shouted",
    "snapped",
    "minimized",
    "minimised",
    "downplayed",
    "brushed",
    "played",
    "nagged",
    "guilted",
    "belittled",
    "mocked",
    "hinted",
];
/// Plain reporting verbs: an admission only when the sentence owns it.
const PLAIN_REPORT: &[&str] = &[
    "said",
    "told",
    "asked",
    "wrote",
    "texted",
    "replied",
    "answered",
    "called",
    "expected",
    "suggested",
    "kept",
    "used",
    "say",
    "saying",
    "tell",
    "telling",
];
/// The partner's own thoughts, reported: "you might think it was your fault".
const COGNITIVE: &[&str] = &[
    "think", "thought", "believe", "believed", "feel", "felt", "wonder", "wondered", "worry",
    "worried", "fear", "feared", "blame", "blamed", "assume", "assumed", "ask", "asked", "tell",
    "told",
];
const ADMISSION: &[&str] = &[
    "sorry",
    "regret",
    "regrets",
    "regretted",
    "apologize",
    "apologise",
    "apologized",
    "apologised",
    "apology",
    "wrong",
    "ashamed",
    "shame",
    "cruel",
    "unfair",
    "unkind",
    "dismissive",
    "hurtful",
    "lie",
    "lied",
    "lying",
    "untrue",
    "awful",
    "terrible",
    "mistake",
    "when",
    "hurt",
    "false",
];
const EXCUSE_WORDS: &[&str] =
    &["excuse", "excuses", "excusing", "justify", "justifies", "justification", "justifying"];

fn is_negator(doc: &Doc, j: usize) -> bool {
    let t = doc.text(j);
    if t == "rather" {
        return doc.is(j + 1, &["than"]);
    }
    if matches!(t, "stop" | "stopped" | "quit") {
        return doc.is(j + 1, STOPPABLE);
    }
    if !NEGATORS.contains(&t) {
        return false;
    }
    // "can't we", "won't you", "isn't it": a contracted "not" before a subject asks.
    let question = t == "not"
        && doc.same_word_as_previous(j)
        && j + 1 < doc.terms.len()
        && doc.terms[j + 1].clause == doc.terms[j].clause
        && doc.is(j + 1, SUBJECT_AFTER_NOT);
    !question
}

/// Whether a negation before term `i` in its clause cancels what starts at `i`.
fn negated(doc: &Doc, i: usize) -> bool {
    let clause = doc.clause(i);
    let opens_with_why = (clause.start..i.min(clause.start + 2)).any(|j| doc.is(j, &["why"]));
    if opens_with_why {
        return false;
    }
    let lo = clause.start.max(i.saturating_sub(8));
    (lo..i).rev().any(|j| !doc.terms[j].quoted && is_negator(doc, j))
}

/// Whether the phrase at `i` is the speaker reporting past words or deeds, or the
/// partner's thoughts, rather than saying it now.
fn reported(doc: &Doc, ctx: &Ctx, i: usize) -> bool {
    let clause = doc.clause(i);
    let lo = clause.start.max(i.saturating_sub(10));
    // The owning may come in the next sentence: "I said it was nothing. It wasn't."
    let s = doc.terms[i].sentence as usize;
    let owned = ctx.admission[s] || ctx.admission.get(s + 1).copied().unwrap_or(false);
    for j in lo..i {
        if doc.terms[j].quoted {
            continue;
        }
        let t = doc.text(j);
        if SELF_REPORT.contains(&t) {
            return true;
        }
        let next = |words: &[&str]| doc.is(j + 1, words);
        let two_word_self = match t {
            "told" | "convinced" | "reassured" => next(&["myself"]),
            "acted" | "behaved" => next(&["like", "as"]),
            "made" => {
                next(&["it", "you", "this", "that"])
                    && doc.is(j + 2, &["sound", "seem", "look", "feel", "think", "believe", "out"])
            }
            "kept" => next(&["saying", "telling", "insisting", "asking", "pushing", "implying"]),
            "used" => next(&["to"]) && doc.is(j + 2, &["say", "tell", "insist"]),
            _ => false,
        };
        if two_word_self {
            return true;
        }
        if owned && PLAIN_REPORT.contains(&t) {
            return true;
        }
        let partner_thinks = COGNITIVE.contains(&t)
            && (j.saturating_sub(3)..j).any(|k| k >= clause.start && doc.is(k, &["you"]));
        if partner_thinks {
            return true;
        }
    }
    false
}

/// Whether term `i` opens an apology ("I'm sorry", "I apologise", "my apologies", "I regret",
/// "forgive me", "I was wrong"), as opposed to talk about apologising ("sorry isn't enough").
fn is_apology_head(doc: &Doc, i: usize) -> bool {
    if doc.terms[i].quoted {
        return false;
    }
    let s = doc.sentence(i);
    let prev = |k: usize| i >= s.start + k && doc.is(i - k, &["i"]);
    let i_within = |n: usize| (1..=n).any(prev);
    match doc.text(i) {
        "sorry" => {
            let noun_use = doc.is(
                i + 1,
                &[
                    "is", "was", "will", "can", "does", "did", "seems", "feels", "has", "would",
                    "could", "might", "may", "means", "sounds", "alone", "just",
                ],
            ) && i + 1 < s.end;
            let talk = i > s.start
                && doc.is(i - 1, &["say", "saying", "said", "says", "feel", "felt", "a"]);
            !noun_use && !talk
        }
        "apologize" | "apologise" => i_within(3),
        "apologies" | "apology" => {
            i == s.start || doc.is(i.wrapping_sub(1), &["my"]) && i > s.start
        }
        "regret" => i_within(2),
        "forgive" => {
            doc.is(i + 1, &["me"])
                && (i == s.start || i > s.start && doc.is(i - 1, &["please", "so"]))
        }
        "wrong" => i >= s.start + 2 && doc.is(i - 1, &["was", "am"]) && doc.is(i - 2, &["i"]),
        "ashamed" => i_within(3),
        "awful" | "terrible" | "horrible" => {
            i > s.start && doc.is(i - 1, &["feel", "felt"]) && i_within(3)
        }
        _ => false,
    }
}

impl Ctx {
    fn new(doc: &Doc) -> Ctx {
        let n = doc.sentences.len();
        let mut ctx =
            Ctx { admission: vec![false; n], disclaimer: vec![false; n], apology: vec![false; n] };
        for i in 0..doc.terms.len() {
            if doc.terms[i].quoted {
                continue;
            }
            let s = doc.terms[i].sentence as usize;
            let t = doc.text(i);
            if ADMISSION.contains(&t) || t == "should" && doc.is(i + 1, &["not"]) {
                ctx.admission[s] = true;
            }
            if EXCUSE_WORDS.contains(&t) {
                let clause = doc.clause(i);
                let lo = clause.start.max(i.saturating_sub(5));
                let denied = (lo..i).any(|j| {
                    doc.is(j, &["not", "no", "never", "nothing", "without", "none", "stop"])
                });
                if denied || doc.is(i + 1, &["nothing"]) {
                    ctx.disclaimer[s] = true;
                }
            }
            if !ctx.apology[s] && is_apology_head(doc, i) && !negated(doc, i) {
                ctx.apology[s] = true;
            }
        }
        ctx
    }

    fn disclaimed_near(&self, s: usize) -> bool {
        let lo = s.saturating_sub(1);
        let hi = (s + 1).min(self.disclaimer.len().saturating_sub(1));
        (lo..=hi).any(|k| self.disclaimer[k])
    }
}

/// "but" (or "however", "although") after an apology in the same sentence, or opening the
/// sentence after one.
fn but_clauses(doc: &Doc, ctx: &Ctx, hits: &mut Vec<Hit>) {
    for i in 0..doc.terms.len() {
        if doc.terms[i].quoted {
            continue;
        }
        let t = doc.text(i);
        let is_but = match t {
            "but" | "however" | "although" | "except" => true,
            "though" => doc.is(i + 1, &["i", "you", "it", "that", "this", "we"]),
            _ => false,
        };
        if !is_but {
            continue;
        }
        let s = doc.sentence(i);
        if t == "but" {
            let after = [
                "also",
                "especially",
                "most",
                "mostly",
                "above",
                "more",
                "even",
                "particularly",
                "specifically",
                "instead",
                "rather",
            ];
            let before =
                ["nothing", "anything", "all", "everything", "everyone", "nobody", "none", "last"];
            if doc.is(i + 1, &after) || i > s.start && doc.is(i - 1, &before) {
                continue;
            }
            let not_only = (s.start.max(i.saturating_sub(12))..i).any(|j| {
                doc.is(j, &["not"]) && doc.is(j + 1, &["only", "just", "merely", "simply"])
            });
            if not_only {
                continue;
            }
        }
        if words_fall_short(doc, i, s.end) {
            continue;
        }
        let lo = s.start.max(i.saturating_sub(40));
        let head = (lo..i).rev().find(|&j| is_apology_head(doc, j) && !negated(doc, j));
        let first = match head {
            Some(h) if i - h <= 12 => h,
            Some(_) => i,
            None => {
                let opens = i == s.start || i == s.start + 1 && doc.is(s.start, &["and", "so"]);
                let sentence = doc.terms[i].sentence as usize;
                let just_after = sentence > 0 && ctx.apology[sentence - 1];
                let soon_after = just_after || sentence > 1 && ctx.apology[sentence - 2];
                if !(opens && just_after || soon_after && defends(doc, i)) {
                    continue;
                }
                i
            }
        };
        hits.push(Hit { kind: Kind::ButClause, first, last: i, note: None });
    }
}

/// "but you have to understand…", "but in my defence…": a defence follows the "but".
fn defends(doc: &Doc, i: usize) -> bool {
    let mut j = i + 1;
    if doc.is(j, &["in"]) && doc.is(j + 1, &["my"]) && doc.is(j + 2, &["defense", "defence"]) {
        return true;
    }
    if doc.is(j, &["to"]) && doc.is(j + 1, &["be"]) && doc.is(j + 2, &["fair"]) {
        return true;
    }
    if !doc.is(j, &["you", "we"]) {
        return false;
    }
    j += 1;
    if !doc.is(j, &["have", "need", "must", "got", "should", "'d"]) {
        return false;
    }
    j += 1;
    while doc.is(j, &["got", "to", "also", "really"]) {
        j += 1;
    }
    let verbs = [
        "understand",
        "remember",
        "know",
        "admit",
        "see",
        "realize",
        "realise",
        "consider",
        "agree",
        "accept",
        "recall",
    ];
    doc.is(j, &verbs)
}

/// "…, but I know sorry will never be enough": the "but" humbles the apology. The words
/// must be what falls short ("sorry", "words", "it"), not the speaker ("but I can't
/// change the past" deflects).
fn words_fall_short(doc: &Doc, i: usize, end: usize) -> bool {
    let stop = end.min(i + 11);
    let humble_subject = [
        "sorry",
        "words",
        "apology",
        "apologies",
        "apologizing",
        "apologising",
        "saying",
        "it",
        "that",
        "this",
    ];
    let falls_short =
        ["enough", "fix", "undo", "repair", "erase", "change", "mend", "heal", "replace"];
    (i + 1..stop).any(|j| {
        doc.is(j, &["not", "never"])
            && (i + 1..j).any(|k| doc.is(k, &humble_subject))
            && (j + 1..stop.min(j + 4)).any(|k| doc.is(k, &falls_short))
    })
}

/// Runs the whole check over a parsed document.
pub(super) fn run(doc: &Doc) -> Report {
    let lex = lexicon::get();
    let ctx = Ctx::new(doc);
    let mut hits: Vec<Hit> = Vec::new();
    let mut comps = [false; 7];
    let mut forgive_at: Vec<usize> = Vec::new();

    for i in 0..doc.terms.len() {
        if doc.terms[i].quoted {
            continue;
        }
        let Some(ids) = lex.index.get(doc.text(i)) else { continue };
        for &id in ids {
            let rule = &lex.rules[id as usize];
            if let Target::Component(c) = rule.target {
                if c != Comp::Forgiveness && comps[c as usize] {
                    continue;
                }
            }
            let Some(end) = pattern::match_at(doc, &rule.els, i) else { continue };
            if rule.neg && negated(doc, i) {
                continue;
            }
            if rule.rep && reported(doc, &ctx, i) {
                continue;
            }
            if let Some(guard) = rule.guard {
                if !guard(doc, i..end) {
                    continue;
                }
            }
            match rule.target {
                Target::Finding(kind) => {
                    hits.push(Hit { kind, first: i, last: end - 1, note: rule.note })
                }
                Target::Component(Comp::Forgiveness) => forgive_at.push(i),
                Target::Component(c) => comps[c as usize] = true,
            }
        }
    }
    but_clauses(doc, &ctx, &mut hits);
    hits.retain(|h| {
        h.kind != Kind::Excuse || !ctx.disclaimed_near(doc.terms[h.first].sentence as usize)
    });

    // A demand ("you have to forgive me") is not a request.
    let mut in_demand = vec![false; doc.terms.len()];
    for h in hits.iter().filter(|h| h.kind == Kind::ForgivenessDemand) {
        in_demand[h.first..=h.last].fill(true);
    }
    comps[Comp::Forgiveness as usize] = forgive_at.iter().any(|&i| !in_demand[i]);

    // One finding per kind per stretch of text: overlapping hits of a kind merge.
    hits.sort_by(|a, b| (a.kind, a.first, b.last).cmp(&(b.kind, b.first, a.last)));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match kept.last_mut() {
            Some(k) if k.kind == h.kind && h.first <= k.last => k.last = k.last.max(h.last),
            _ => kept.push(h),
        }
    }
    let mut findings: Vec<Finding> = kept
        .into_iter()
        .map(|h| {
            let (start, end) = (doc.terms[h.first].start, doc.terms[h.last].end);
            let (why, suggestion) = h.note.unwrap_or((h.kind.why(), h.kind.suggestion()));
            Finding {
                kind: h.kind,
                start,
                end,
                excerpt: doc.chars[start..end].iter().collect(),
                why,
                suggestion,
            }
        })
        .collect();
    findings.sort_by_key(|f| (f.start, f.end, f.kind));

    let has = |c: Comp| comps[c as usize];
    Report {
        findings,
        components: Components {
            regret: has(Comp::Regret),
            responsibility: has(Comp::Responsibility),
            specific_behavior: has(Comp::Specific),
            impact: has(Comp::Impact),
            repair: has(Comp::Repair),
            repentance: has(Comp::Repentance),
            forgiveness_request: has(Comp::Forgiveness),
        },
    }
}
