//! The questions log, kept by the partner who broke trust: what my partner asked, the
//! answer I gave, and a note. Repeated questions are normal (the article: they may need
//! to hear an answer again to take it in), so the log shows earlier similar questions,
//! to help give answers that are patient and consistent, never to point out repetition.
//!
//! Similar means: the token sets (lower case, punctuation and stop words removed) have
//! a Jaccard index of at least 0.5, or every content word of the new question occurs in
//! the earlier one (full-text search, last word as prefix).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{atomically, check_lengths, journal, parse_time};
use crate::error::{Error, Result};

/// Most similar questions returned while typing.
const SIMILAR_LIMIT: usize = 5;
/// Jaccard index at or above which two questions are similar.
const SIMILAR_AT: f64 = 0.5;

/// Words that carry no meaning of their own here. Question words (why, where, when,
/// who, what, how) and names of people stay: they tell questions apart.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "so", "if", "then", "to", "of", "in", "on", "at", "for",
    "with", "by", "from", "about", "as", "into", "is", "are", "was", "were", "be", "been", "being",
    "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should",
    "shall", "may", "might", "must", "i", "me", "my", "you", "your", "we", "us", "our", "it",
    "its", "that", "this", "these", "those", "there", "just", "really", "ever", "again", "still",
    "not", "no", "any", "all", "some", "very", "too", "also", "s", "t", "ll", "d", "re", "ve", "m",
];

/// An earlier similar question, as listed under a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Earlier {
    pub id: i64,
    pub asked_at: String,
}

/// A saved question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub id: i64,
    pub asked_at: String,
    pub question: String,
    pub answer: String,
    pub note: String,
    /// Earlier similar questions, newest first.
    pub asked_before: Vec<Earlier>,
}

/// A similar question found while typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Similar {
    pub id: i64,
    pub asked_at: String,
    pub question: String,
    pub answer: String,
}

/// What the window sends: no id = new; `askedAt` defaults to now (new) or the stored
/// time (update).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionDraft {
    pub id: Option<i64>,
    pub asked_at: Option<String>,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub note: String,
}

fn row(r: &Row<'_>) -> rusqlite::Result<Question> {
    Ok(Question {
        id: r.get(0)?,
        asked_at: r.get(1)?,
        question: r.get(2)?,
        answer: r.get(3)?,
        note: r.get(4)?,
        asked_before: Vec::new(),
    })
}

const COLUMNS: &str = "id, asked_at, question, answer, note";

fn gone() -> Error {
    Error::Invalid("That question no longer exists.".into())
}

/// Saves a question (insert or update) and returns it with its earlier similar ones.
pub fn save(conn: &Connection, draft: &QuestionDraft, now: DateTime<Utc>) -> Result<Question> {
    if draft.question.trim().is_empty() {
        return Err(Error::Invalid("Write down the question first. Nothing was changed.".into()));
    }
    check_lengths("This question", &[&draft.question, &draft.answer, &draft.note])?;
    let asked_at = parse_time(draft.asked_at.as_deref())?;
    let now = journal::timestamp(now);
    let d = draft;
    let id = atomically(conn, |tx| match d.id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE questions SET asked_at = coalesce(?1, asked_at), question = ?2,
                     answer = ?3, note = ?4, updated_at = ?5
                 WHERE id = ?6",
                params![asked_at, d.question, d.answer, d.note, now, id],
            )?;
            if changed == 0 {
                return Err(gone());
            }
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO questions (asked_at, question, answer, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![asked_at.as_deref().unwrap_or(&now), d.question, d.answer, d.note, now],
            )?;
            Ok(tx.last_insert_rowid())
        }
    })?;
    get(conn, id)?.ok_or_else(gone)
}

/// One question by id, with the earlier questions similar to it.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Question>> {
    let Some(mut q) = conn
        .query_row(&format!("SELECT {COLUMNS} FROM questions WHERE id = ?1"), [id], row)
        .optional()?
    else {
        return Ok(None);
    };
    let mine = tokens(&q.question);
    // "Earlier" in the list's order: asked before, or at the same time and saved before.
    let mut stmt = conn.prepare(
        "SELECT id, asked_at, question FROM questions
         WHERE asked_at < ?1 OR (asked_at = ?1 AND id < ?2)
         ORDER BY asked_at DESC, id DESC",
    )?;
    let rows = stmt.query_map(params![q.asked_at, q.id], |r| {
        Ok((Earlier { id: r.get(0)?, asked_at: r.get(1)? }, r.get::<_, String>(2)?))
    })?;
    for r in rows {
        let (earlier, text) = r?;
        if similar(&mine, &tokens(&text)) {
            q.asked_before.push(earlier);
        }
    }
    Ok(Some(q))
}

/// Every question, newest first, each with the earlier questions similar to it.
pub fn list(conn: &Connection) -> Result<Vec<Question>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {COLUMNS} FROM questions ORDER BY asked_at DESC, id DESC"))?;
    let mut questions = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let tokens: Vec<BTreeSet<String>> = questions.iter().map(|q| tokens(&q.question)).collect();
    // Newest first, so the questions after `i` are the earlier ones.
    for i in 0..questions.len() {
        let before: Vec<Earlier> = (i + 1..questions.len())
            .filter(|&j| similar(&tokens[i], &tokens[j]))
            .map(|j| Earlier { id: questions[j].id, asked_at: questions[j].asked_at.clone() })
            .collect();
        questions[i].asked_before = before;
    }
    Ok(questions)
}

/// Deletes a question for good; false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM questions WHERE id = ?1", [id])? > 0)
}

/// Saved questions similar to `text`, most similar first, at most 5.
pub fn similar_to(conn: &Connection, text: &str) -> Result<Vec<Similar>> {
    let words = content_words(text);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: BTreeSet<String> = words.iter().cloned().collect();
    let mut scores: HashMap<i64, f64> = HashMap::new();
    // The words typed so far, joined as FTS5 phrases (the last a prefix); matching rows
    // hold every one of them. Scored just under the Jaccard threshold.
    if let Some(fts) = journal::fts_query(&words.join(" ")) {
        let mut stmt =
            conn.prepare("SELECT rowid FROM questions_fts WHERE questions_fts MATCH ?1")?;
        for id in stmt.query_map([fts], |r| r.get::<_, i64>(0))? {
            scores.insert(id?, SIMILAR_AT - 0.01);
        }
    }
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM questions"))?;
    let all = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    for q in &all {
        let score = jaccard(&wanted, &tokens(&q.question));
        if score >= SIMILAR_AT {
            let s = scores.entry(q.id).or_insert(score);
            *s = s.max(score);
        }
    }
    let mut found: Vec<(f64, &Question)> =
        all.iter().filter_map(|q| scores.get(&q.id).map(|s| (*s, q))).collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.1.asked_at.cmp(&a.1.asked_at)));
    Ok(found
        .into_iter()
        .take(SIMILAR_LIMIT)
        .map(|(_, q)| Similar {
            id: q.id,
            asked_at: q.asked_at.clone(),
            question: q.question.clone(),
            answer: q.answer.clone(),
        })
        .collect())
}

/// Content words in order: lower case, split on anything not a letter or digit, stop
/// words out.
fn content_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The set of [`content_words`].
fn tokens(text: &str) -> BTreeSet<String> {
    content_words(text).into_iter().collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// Similar for the list: Jaccard, or every content word of `a` found in `b`.
fn similar(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && (jaccard(a, b) >= SIMILAR_AT || a.is_subset(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db, MAX_FIELD_BYTES};

    fn ask(conn: &Connection, when: &str, question: &str, answer: &str) -> Question {
        let d = QuestionDraft {
            asked_at: Some(when.into()),
            question: question.into(),
            answer: answer.into(),
            ..QuestionDraft::default()
        };
        save(conn, &d, at(when)).unwrap()
    }

    #[test]
    fn create_edit_delete() {
        let conn = test_db();
        let q = ask(&conn, "2026-03-01T10:00:00Z", "Where were you that night?", "At her flat.");
        assert_eq!(q.asked_at, "2026-03-01T10:00:00.000Z");
        assert!(q.asked_before.is_empty());
        let edited = save(
            &conn,
            &QuestionDraft {
                id: Some(q.id),
                question: q.question.clone(),
                answer: "At her flat, until two.".into(),
                note: "I left out the time before.".into(),
                ..QuestionDraft::default()
            },
            at("2026-03-02T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(edited.asked_at, q.asked_at);
        assert_eq!(edited.answer, "At her flat, until two.");
        assert!(delete(&conn, q.id).unwrap());
        assert!(!delete(&conn, q.id).unwrap());
        assert!(list(&conn).unwrap().is_empty());
    }

    #[test]
    fn empty_or_too_long_questions_change_nothing() {
        let conn = test_db();
        let huge = "x".repeat(MAX_FIELD_BYTES + 1);
        for d in [
            QuestionDraft { question: "  ".into(), ..QuestionDraft::default() },
            QuestionDraft { question: "q".into(), answer: huge, ..QuestionDraft::default() },
            QuestionDraft {
                question: "q".into(),
                asked_at: Some("then".into()),
                ..QuestionDraft::default()
            },
            QuestionDraft { id: Some(7), question: "q".into(), ..QuestionDraft::default() },
        ] {
            assert!(matches!(save(&conn, &d, Utc::now()), Err(Error::Invalid(_))), "{d:?}");
        }
        assert!(list(&conn).unwrap().is_empty());
    }

    #[test]
    fn text_is_kept_exactly() {
        let conn = test_db();
        let odd = "למה? <b>why</b> 🌊 \u{202E}";
        let q = ask(&conn, "2026-03-01T10:00:00Z", odd, &"ñ".repeat(600_000));
        assert_eq!(q.question, odd);
        assert_eq!(q.answer.chars().count(), 600_000);
    }

    #[test]
    fn the_list_shows_earlier_similar_questions() {
        let conn = test_db();
        let a = ask(&conn, "2026-01-01T10:00:00Z", "Did you love her?", "No.");
        let b = ask(&conn, "2026-01-05T10:00:00Z", "How did you meet?", "At work.");
        let c = ask(&conn, "2026-02-01T10:00:00Z", "Did you ever love her?", "No, I did not.");
        let d = ask(&conn, "2026-03-01T10:00:00Z", "Do you love her, really?", "No.");
        let list = list(&conn).unwrap();
        assert_eq!(list.iter().map(|q| q.id).collect::<Vec<_>>(), [d.id, c.id, b.id, a.id]);
        let before = |q: &Question| q.asked_before.iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(before(&list[0]), [c.id, a.id]);
        assert_eq!(before(&list[1]), [a.id]);
        assert!(list[2].asked_before.is_empty());
        assert!(list[3].asked_before.is_empty(), "nothing came before the first");
        assert_eq!(list[1].asked_before[0].asked_at, "2026-01-01T10:00:00.000Z");
        assert_eq!(c.asked_before.len(), 1, "save returns the same view");
    }

    #[test]
    fn similar_finds_by_words_and_by_prefix() {
        let conn = test_db();
        let a = ask(&conn, "2026-01-01T10:00:00Z", "Why did you lie about the trip?", "…");
        let b = ask(&conn, "2026-01-02T10:00:00Z", "Were you with her on the trip to Lisbon?", "…");
        ask(&conn, "2026-01-03T10:00:00Z", "What do you want for dinner?", "…");
        let found = similar_to(&conn, "why did you lie about that trip").unwrap();
        assert_eq!(found[0].id, a.id);
        assert!(found.iter().all(|s| s.question != "What do you want for dinner?"));
        let typing = similar_to(&conn, "trip to Lis").unwrap();
        assert_eq!(typing.iter().map(|s| s.id).collect::<Vec<_>>(), [b.id], "prefix match");
        assert!(similar_to(&conn, "").unwrap().is_empty());
        assert!(similar_to(&conn, "you the a").unwrap().is_empty(), "only stop words");
        assert!(similar_to(&conn, "\"NEAR( -*").unwrap().is_empty());
    }

    #[test]
    fn similar_returns_at_most_five() {
        let conn = test_db();
        for i in 0..9 {
            ask(&conn, &format!("2026-01-0{}T10:00:00Z", i + 1), "Why did you lie?", "…");
        }
        let found = similar_to(&conn, "why did you lie").unwrap();
        assert_eq!(found.len(), 5);
        assert!(found.windows(2).all(|w| w[0].asked_at >= w[1].asked_at), "newest first");
    }

    #[test]
    fn jaccard_and_tokens() {
        let t = tokens("Did you LOVE her?? Really, did you!");
        assert_eq!(t.into_iter().collect::<Vec<_>>(), ["her", "love"]);
        let (a, b) = (tokens("why lie trip"), tokens("why lie"));
        assert!((jaccard(&a, &b) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(jaccard(&tokens("the"), &tokens("the")), 0.0);
    }

    #[test]
    fn questions_serialize_in_camel_case() {
        let conn = test_db();
        let q = ask(&conn, "2026-01-01T10:00:00Z", "Why?", "");
        let json = serde_json::to_value(&q).unwrap();
        for key in ["id", "askedAt", "question", "answer", "note", "askedBefore"] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }
}
