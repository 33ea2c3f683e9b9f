//! Text into terms: words, sentences, clauses and quotations.
//!
//! One pass over the characters finds the words (letters and digits, with apostrophes
//! inside a word kept: "didn't"), the sentence ends (`.`, `!`, `?`, `…`, line breaks; not
//! the dot of "Mr." or "e.g." or "3.5") and the clause breaks (commas, semicolons, colons,
//! dashes, brackets). Every word is lowercased, its apostrophes made straight, and
//! contractions are opened into terms ("wasn't" → `was` `not`, "I'm" → `i` `am`) so the
//! lexicon is written once, in full words. Each term keeps the character span of the word
//! it came from, so a finding always points at whole words of the original text.
//!
//! A second pass splits clauses at "but", "because", "although" and friends, and at "and",
//! "or" and "so" when a new subject follows ("…, and I will…"), so that a "not" early in a
//! sentence does not reach into an unrelated clause later on.
//!
//! Text between quotation marks on one line is marked as quoted: it is reported speech
//! ("when I said 'get over it' I was cruel") and never produces a finding. A quote that
//! never closes on its line is treated as a stray mark, and a quote around the whole input
//! is ignored, so pasting a draft in quotes still checks it.

use std::ops::Range;

/// One normalised word (or half of a contraction) with the span of its source word.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// First character (Unicode scalar offset) of the source word.
    pub start: usize,
    /// One past the last character of the source word.
    pub end: usize,
    /// Byte range of the normalised text in [`Doc::buf`].
    text: (u32, u32),
    /// Index of the source word; both halves of "don't" share it.
    pub word: u32,
    /// Dense sentence number.
    pub sentence: u32,
    /// Dense clause number (clauses never span sentences).
    pub clause: u32,
    /// Inside quotation marks: reported speech, never a finding.
    pub quoted: bool,
}

/// The analysed text.
#[derive(Debug)]
pub(crate) struct Doc {
    /// The input, one entry per Unicode scalar value.
    pub chars: Vec<char>,
    buf: String,
    /// All terms in reading order.
    pub terms: Vec<Term>,
    /// Term ranges of each sentence.
    pub sentences: Vec<Range<usize>>,
    /// Term ranges of each clause.
    pub clauses: Vec<Range<usize>>,
}

struct RawWord {
    start: usize,
    end: usize,
    sent: u32,
    part: u32,
}

/// Words that always open a new clause.
const SPLIT_ALWAYS: &[&str] =
    &["but", "because", "although", "though", "whereas", "while", "however", "unless"];
/// "and"/"or"/"yet" open a new clause only before a new subject.
const SPLIT_BEFORE_SUBJECT: &[&str] = &["and", "or", "yet"];
const SUBJECTS: &[&str] = &[
    "i",
    "you",
    "we",
    "he",
    "she",
    "they",
    "it",
    "my",
    "your",
    "our",
    "nobody",
    "nothing",
    "everyone",
    "everything",
    "people",
    "there",
];
/// "so" opens a new clause before a subject or an imperative ("…, so get over it").
const AFTER_SO: &[&str] = &[
    "i", "you", "we", "he", "she", "they", "it", "that", "this", "there", "my", "your", "our",
    "get", "move", "stop", "just", "let", "please", "can", "could", "why", "now", "forget", "drop",
    "maybe",
];
/// "'s" after these is "is" ("it's" → `it` `is`); elsewhere it is a possessive.
const S_IS: &[&str] = &[
    "it",
    "that",
    "this",
    "there",
    "here",
    "what",
    "who",
    "he",
    "she",
    "where",
    "how",
    "everything",
    "nothing",
    "something",
    "everyone",
    "nobody",
];
/// Abbreviations whose dot never ends a sentence.
const ABBREV: &[&str] = &["mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "mt", "no"];
/// Abbreviations whose dot ends a sentence only before a capital letter.
const ABBREV_LOWER: &[&str] = &["etc", "approx", "incl", "esp", "ca"];

/// Apostrophe look-alikes found in real typing.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | '′')
}

/// Opens a contraction into full words. The first part borrows from `w` when it is a stem.
pub(crate) fn expand(w: &str) -> (&str, Option<&'static str>) {
    match w {
        "won't" | "wont" => return ("will", Some("not")),
        "can't" | "cant" | "cannot" => return ("can", Some("not")),
        "shan't" => return ("shall", Some("not")),
        "ain't" => return ("is", Some("not")),
        "im" => return ("i", Some("am")),
        "ive" => return ("i", Some("have")),
        "youre" => return ("you", Some("are")),
        "thats" => return ("that", Some("is")),
        "gonna" => return ("going", Some("to")),
        "wanna" => return ("want", Some("to")),
        "gotta" => return ("got", Some("to")),
        "let's" => return ("let", Some("us")),
        "dont" | "didnt" | "doesnt" | "isnt" | "wasnt" | "werent" | "arent" | "havent"
        | "hasnt" | "hadnt" | "wouldnt" | "shouldnt" | "couldnt" => {
            return (&w[..w.len() - 2], Some("not"))
        }
        _ => {}
    }
    if let Some(stem) = w.strip_suffix("n't") {
        if !stem.is_empty() {
            return (stem, Some("not"));
        }
    }
    for (suffix, full) in
        [("'m", "am"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "'d")]
    {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, Some(full));
            }
        }
    }
    if let Some(stem) = w.strip_suffix("'s") {
        if S_IS.contains(&stem) {
            return (stem, Some("is"));
        }
        if !stem.is_empty() {
            return (stem, Some("'s"));
        }
    }
    (w, None)
}

impl Doc {
    /// Analyses `text`; linear in its length.
    pub(crate) fn parse(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let quoted = quote_mask(&chars);
        let words = scan_words(&chars, &quoted);

        let mut buf = String::with_capacity(text.len() + text.len() / 4);
        let mut terms: Vec<Term> = Vec::with_capacity(words.len() + words.len() / 8);
        let mut lower = String::new();
        for (w, raw) in words.iter().enumerate() {
            lower.clear();
            for &c in &chars[raw.start..raw.end] {
                if is_apostrophe(c) {
                    lower.push('\'');
                } else if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            let (first, second) = expand(&lower);
            for piece in std::iter::once(first).chain(second) {
                let from = buf.len() as u32;
                buf.push_str(piece);
                terms.push(Term {
                    start: raw.start,
                    end: raw.end,
                    text: (from, buf.len() as u32),
                    word: w as u32,
                    sentence: 0,
                    clause: 0,
                    quoted: quoted[raw.start],
                });
            }
        }

        let mut doc = Doc { chars, buf, terms, sentences: Vec::new(), clauses: Vec::new() };
        doc.number(&words);
        doc
    }

    /// Assigns dense sentence and clause numbers.
    fn number(&mut self, words: &[RawWord]) {
        let n = self.terms.len();
        for k in 0..n {
            let (new_sentence, new_clause) = if k == 0 {
                (true, true)
            } else {
                let (a, b) =
                    (&words[self.terms[k - 1].word as usize], &words[self.terms[k].word as usize]);
                if a.sent != b.sent {
                    (true, true)
                } else if a.part != b.part {
                    (false, true)
                } else {
                    (false, self.terms[k].word != self.terms[k - 1].word && self.conj_split(k))
                }
            };
            if new_sentence {
                if let Some(last) = self.sentences.last_mut() {
                    last.end = k;
                }
                self.sentences.push(k..n);
            }
            if new_clause {
                if let Some(last) = self.clauses.last_mut() {
                    last.end = k;
                }
                self.clauses.push(k..n);
            }
            self.terms[k].sentence = (self.sentences.len() - 1) as u32;
            self.terms[k].clause = (self.clauses.len() - 1) as u32;
        }
    }

    fn conj_split(&self, k: usize) -> bool {
        let t = self.text(k);
        if SPLIT_ALWAYS.contains(&t) {
            return true;
        }
        let next = self.terms.get(k + 1).map(|_| self.text(k + 1));
        if SPLIT_BEFORE_SUBJECT.contains(&t) {
            return next.is_some_and(|n| SUBJECTS.contains(&n));
        }
        t == "so" && next.is_some_and(|n| AFTER_SO.contains(&n))
    }

    /// The normalised text of term `i`.
    pub(crate) fn text(&self, i: usize) -> &str {
        let (a, b) = self.terms[i].text;
        &self.buf[a as usize..b as usize]
    }

    /// Term `i` if it exists, is not quoted and equals one of `words`.
    pub(crate) fn is(&self, i: usize, words: &[&str]) -> bool {
        i < self.terms.len() && !self.terms[i].quoted && words.contains(&self.text(i))
    }

    /// The clause holding term `i`.
    pub(crate) fn clause(&self, i: usize) -> Range<usize> {
        self.clauses[self.terms[i].clause as usize].clone()
    }

    /// The sentence holding term `i`.
    pub(crate) fn sentence(&self, i: usize) -> Range<usize> {
        self.sentences[self.terms[i].sentence as usize].clone()
    }

    /// Whether terms `i` and `i - 1` are halves of one written word ("was|not" in "wasn't").
    pub(crate) fn same_word_as_previous(&self, i: usize) -> bool {
        i > 0 && self.terms[i].word == self.terms[i - 1].word
    }
}

fn scan_words(chars: &[char], quoted: &[bool]) -> Vec<RawWord> {
    let n = chars.len();
    let mut words = Vec::new();
    let (mut sent, mut part) = (0u32, 0u32);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_alphanumeric() {
            let start = i;
            i += 1;
            while i < n {
                let d = chars[i];
                if d.is_alphanumeric()
                    || (is_apostrophe(d) && i + 1 < n && chars[i + 1].is_alphanumeric())
                {
                    i += 1;
                } else {
                    break;
                }
            }
            words.push(RawWord { start, end: i, sent, part });
            continue;
        }
        if !quoted[i] {
            match c {
                '.' if ends_sentence(chars, i) => {
                    sent += 1;
                    part += 1;
                }
                '!' | '?' | '…' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                    sent += 1;
                    part += 1;
                }
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '—' | '–' | '•' => {
                    part += 1
                }
                '-' if is_spaced(chars, i) => part += 1,
                _ => {}
            }
        }
        i += 1;
    }
    words
}

fn is_spaced(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1].is_whitespace() && chars.get(i + 1).is_some_and(|c| c.is_whitespace())
}

/// Whether the dot at `i` ends a sentence (not "Mr.", "e.g.", "3.5", "etc. and").
fn ends_sentence(chars: &[char], i: usize) -> bool {
    if chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) {
        return false; // "e.g", "3.5", "example.com"
    }
    let mut s = i;
    while s > 0 && i - s < 6 && chars[s - 1].is_alphanumeric() {
        s -= 1;
    }
    if s == i || (s > 0 && chars[s - 1].is_alphanumeric()) {
        return true; // no word right before, or a long one
    }
    let word: String = chars[s..i].iter().flat_map(|c| c.to_lowercase()).collect();
    if ABBREV.contains(&word.as_str()) {
        return false;
    }
    if i - s == 1 && s > 0 && chars[s - 1] == '.' {
        return false; // the last dot of "e.g." or "a.m."
    }
    if ABBREV_LOWER.contains(&word.as_str()) {
        let next = chars[i + 1..].iter().find(|c| !matches!(c, ' ' | '\t'));
        return !next.is_some_and(|c| c.is_lowercase());
    }
    true
}

/// Marks characters inside quotation marks. Quotes pair up within one line; an unclosed
/// quote marks nothing. A quote around the whole text marks nothing.
fn quote_mask(chars: &[char]) -> Vec<bool> {
    let n = chars.len();
    let mut mask = vec![false; n];
    let mut regions = Vec::new();
    let mut line_start = 0;
    while line_start < n {
        let line_end =
            chars[line_start..].iter().position(|&c| c == '\n').map_or(n, |p| line_start + p);
        scan_quotes(chars, line_start, line_end, &mut regions);
        line_start = line_end + 1;
    }
    let first = chars.iter().position(|c| !c.is_whitespace());
    let last = chars.iter().rposition(|c| !c.is_whitespace());
    for (a, b) in regions {
        let whole = Some(a) == first
            && last.is_some_and(|l| {
                chars[b + 1..=l.max(b)].iter().all(|c| matches!(c, '.' | '!' | '?' | '…'))
            });
        if !whole {
            mask[a..=b].fill(true);
        }
    }
    mask
}

fn scan_quotes(chars: &[char], s: usize, e: usize, regions: &mut Vec<(usize, usize)>) {
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    for j in s..e {
        let c = chars[j];
        let prev_alnum = j > s && chars[j - 1].is_alphanumeric();
        let next_alnum = j + 1 < e && chars[j + 1].is_alphanumeric();
        match c {
            '“' | '„' | '«' if double.is_none() => double = Some(j),
            '"' | '”' | '»' => match double.take() {
                Some(open) => {
                    regions.push((open, j));
                    if single.is_some_and(|q| q > open) {
                        single = None;
                    }
                }
                None => double = Some(j),
            },
            '‘' | '\'' | '’' => {
                if prev_alnum && next_alnum {
                    continue; // an apostrophe inside a word
                }
                if let Some(open) = single {
                    if !next_alnum {
                        regions.push((open, j));
                        single = None;
                        continue;
                    }
                }
                if !prev_alnum && next_alnum && single.is_none() {
                    single = Some(j);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Doc) -> Vec<&str> {
        (0..doc.terms.len()).map(|i| doc.text(i)).collect()
    }

    #[test]
    fn contractions_open_into_full_words_with_the_span_of_the_word() {
        let doc = Doc::parse("I wasn’t there, it's Sam's");
        assert_eq!(texts(&doc), ["i", "was", "not", "there", "it", "is", "sam", "'s"]);
        assert_eq!((doc.terms[1].start, doc.terms[1].end), (2, 8));
        assert_eq!((doc.terms[2].start, doc.terms[2].end), (2, 8));
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_sentences() {
        let doc = Doc::parse("Mr. Lee said e.g. the 3.5 hours. Then I lied… Again! Why?\nNo");
        assert_eq!(doc.sentences.len(), 5, "{:?}", doc.sentences);
    }

    #[test]
    fn clauses_split_at_commas_but_and_a_new_subject_after_and() {
        let doc =
            Doc::parse("I won't rush you and pressure you, but I will wait and I will listen");
        let clause_of = |w: &str| {
            let i = texts(&doc).iter().position(|t| *t == w).unwrap();
            doc.terms[i].clause
        };
        assert_eq!(clause_of("rush"), clause_of("pressure"), "and + verb stays in the clause");
        assert_ne!(clause_of("pressure"), clause_of("wait"));
        assert_eq!(doc.clauses.len(), 3);
    }

    #[test]
    fn quoted_words_are_marked_and_unclosed_quotes_are_not() {
        let doc = Doc::parse("When I said 'get over it' I was cruel. And 'cause I");
        let quoted: Vec<&str> =
            (0..doc.terms.len()).filter(|&i| doc.terms[i].quoted).map(|i| doc.text(i)).collect();
        assert_eq!(quoted, ["get", "over", "it"]);
    }

    #[test]
    fn a_quote_around_the_whole_text_is_ignored() {
        let doc = Doc::parse("  “I'm sorry if you were hurt.”  ");
        assert!(doc.terms.iter().all(|t| !t.quoted));
        let doc = Doc::parse("\"I'm sorry if you were hurt\".");
        assert!(doc.terms.iter().all(|t| !t.quoted));
    }

    #[test]
    fn sentence_end_inside_a_quote_does_not_split() {
        let doc = Doc::parse("I said “Get over it. Now.” and I regret it");
        assert_eq!(doc.sentences.len(), 1);
    }
}
