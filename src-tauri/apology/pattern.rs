//! A tiny pattern language over terms, so the lexicon reads like the phrases it catches.
//!
//! A pattern is a space-separated list of elements, matched left to right inside one
//! clause, never on quoted terms:
//!
//! - `sorry` one literal term; `was|is|were` any of several; `@harm` any word of a named set
//!   (sets and literals mix: `@harm|crossed`);
//! - a trailing `?` makes an element optional (`so|very?`);
//! - `*` any one term, `*?` optionally one more term (used to widen the highlight);
//! - `~3` skips up to three terms, but never a negation ("I was *not* so stressed");
//! - `!of|by` asserts that the next term is none of these (consumes nothing);
//! - `$` asserts the end of the clause (and so of the sentence).
//!
//! Literals are written in the normalised form the text layer produces: full words, no
//! contractions ("is not", "i am"), except the ambiguous `'d` and the possessive `'s`.

use super::text::{expand, Doc};

/// One alternative of an element.
#[derive(Debug)]
pub(crate) enum Alt {
    Word(&'static str),
    Set(&'static [&'static str]),
}

/// One element of a compiled pattern.
#[derive(Debug)]
pub(crate) enum El {
    Match { alts: Vec<Alt>, optional: bool },
    Any { optional: bool },
    Gap(usize),
    NotNext(Vec<Alt>),
    End,
}

/// Terms a gap may not skip: skipping them would turn a denial into an admission.
const UNSKIPPABLE: &[&str] = &["not", "never", "no", "nor", "without"];

fn alternatives(
    src: &'static str,
    spec: &'static str,
    sets: fn(&str) -> Option<&'static [&'static str]>,
) -> Result<Vec<Alt>, String> {
    spec.split('|')
        .map(|a| {
            if let Some(name) = a.strip_prefix('@') {
                sets(name).map(Alt::Set).ok_or_else(|| format!("{src}: unknown set @{name}"))
            } else if a.is_empty() || a.chars().any(|c| c.is_uppercase()) {
                Err(format!("{src}: bad literal '{a}'"))
            } else if a != "'d" && a != "'s" && (a.contains('\'') || expand(a).1.is_some()) {
                Err(format!("{src}: write '{a}' as the full words the text layer produces"))
            } else {
                Ok(Alt::Word(a))
            }
        })
        .collect()
}

/// Compiles `src`; the first element must be a plain, non-optional match so the pattern
/// can be indexed by its first word.
pub(crate) fn compile(
    src: &'static str,
    sets: fn(&str) -> Option<&'static [&'static str]>,
) -> Result<Vec<El>, String> {
    let mut els = Vec::new();
    for token in src.split_whitespace() {
        let el = if let Some(n) = token.strip_prefix('~') {
            El::Gap(n.parse().map_err(|_| format!("{src}: bad gap {token}"))?)
        } else if token == "$" {
            El::End
        } else if token == "*" || token == "*?" {
            El::Any { optional: token == "*?" }
        } else if let Some(spec) = token.strip_prefix('!') {
            El::NotNext(alternatives(src, spec, sets)?)
        } else {
            let optional = token.ends_with('?');
            let spec = token.strip_suffix('?').unwrap_or(token);
            El::Match { alts: alternatives(src, spec, sets)?, optional }
        };
        els.push(el);
    }
    match els.first() {
        Some(El::Match { optional: false, .. }) => Ok(els),
        _ => Err(format!("{src}: must start with a required word")),
    }
}

/// The words a pattern can start with.
pub(crate) fn first_words(els: &[El]) -> Vec<&'static str> {
    let Some(El::Match { alts, .. }) = els.first() else { return Vec::new() };
    alts.iter()
        .flat_map(|a| match a {
            Alt::Word(w) => std::slice::from_ref(w).iter().copied(),
            Alt::Set(s) => s.iter().copied(),
        })
        .collect()
}

fn any_of(doc: &Doc, i: usize, alts: &[Alt]) -> bool {
    let t = doc.text(i);
    alts.iter().any(|a| match a {
        Alt::Word(w) => *w == t,
        Alt::Set(s) => s.contains(&t),
    })
}

/// Matches `els` at term `start`; returns one past the last consumed term.
pub(crate) fn match_at(doc: &Doc, els: &[El], start: usize) -> Option<usize> {
    step(doc, els, start, doc.clause(start).end)
}

fn step(doc: &Doc, els: &[El], pos: usize, limit: usize) -> Option<usize> {
    let Some((el, rest)) = els.split_first() else { return Some(pos) };
    let usable = pos < limit && !doc.terms[pos].quoted;
    match el {
        El::Match { alts, optional } => {
            if usable && any_of(doc, pos, alts) {
                if let Some(end) = step(doc, rest, pos + 1, limit) {
                    return Some(end);
                }
            }
            if *optional {
                step(doc, rest, pos, limit)
            } else {
                None
            }
        }
        El::Any { optional } => {
            if usable {
                if let Some(end) = step(doc, rest, pos + 1, limit) {
                    return Some(end);
                }
            }
            if *optional {
                step(doc, rest, pos, limit)
            } else {
                None
            }
        }
        El::Gap(n) => {
            for skip in 0..=*n {
                let p = pos + skip;
                if p > limit {
                    break;
                }
                if skip > 0 && UNSKIPPABLE.contains(&doc.text(p - 1)) {
                    break;
                }
                if let Some(end) = step(doc, rest, p, limit) {
                    return Some(end);
                }
            }
            None
        }
        El::NotNext(alts) => {
            if pos < limit && any_of(doc, pos, alts) {
                None
            } else {
                step(doc, rest, pos, limit)
            }
        }
        El::End => {
            if pos == limit {
                step(doc, rest, pos, limit)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(name: &str) -> Option<&'static [&'static str]> {
        (name == "harm").then_some(&["hurt", "upset"][..])
    }

    fn find(pattern: &'static str, text: &str) -> Option<String> {
        let els = compile(pattern, sets).unwrap();
        let doc = Doc::parse(text);
        (0..doc.terms.len()).find_map(|i| {
            let end = match_at(&doc, &els, i)?;
            let (a, b) = (doc.terms[i].start, doc.terms[end - 1].end);
            Some(doc.chars[a..b].iter().collect())
        })
    }

    #[test]
    fn literals_sets_options_and_gaps() {
        assert_eq!(find("sorry if", "I'm sorry if it hurt").as_deref(), Some("sorry if"));
        assert_eq!(
            find("if ~3 @harm", "if what I did hurt you").as_deref(),
            Some("if what I did hurt")
        );
        assert_eq!(find("am so|very? sorry", "I am sorry").as_deref(), Some("am sorry"));
        assert_eq!(
            find("was not a big deal", "it wasn't a big deal").as_deref(),
            Some("wasn't a big deal")
        );
    }

    #[test]
    fn gaps_do_not_cross_negations_clauses_or_quotes() {
        assert_eq!(find("i was ~2 stressed", "I was not stressed"), None);
        assert_eq!(find("if ~4 @harm", "if you want, I hurt"), None);
        assert_eq!(find("get over it", "I said 'get over it'"), None);
    }

    #[test]
    fn assertions() {
        assert_eq!(
            find("for what i did $", "sorry for what I did. Then"),
            Some("for what I did".into())
        );
        assert_eq!(find("for what i did $", "sorry for what I did to you"), None);
        assert_eq!(find("if you had not !found", "if you hadn't found it"), None);
        assert!(find("if you had not !found", "if you hadn't left").is_some());
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(compile("don't", sets).is_err());
        assert!(compile("i'm", sets).is_err());
        assert!(compile("@nope", sets).is_err());
        assert!(compile("so? sorry", sets).is_err());
        assert!(compile("~2 x", sets).is_err());
    }
}
