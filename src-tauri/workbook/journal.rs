//! Journal entries: free writing and answers to guided prompts, saved whole on every
//! autosave, and found again through full-text search (FTS5, inside the vault).
//!
//! Text is stored exactly as typed (markup, emoji, right-to-left scripts, 1 MB and
//! more); the UI shows it as text. Times are UTC, RFC 3339 with milliseconds.
//!
//! Search never hands the person's words to FTS5's query language: each word is quoted
//! (so `NEAR`, `-`, `*`, `(` and quotes are plain text) and the last one is a prefix.
//! Matches come back as `[{text, hit}]` segments, split in Rust from private-use marker
//! characters, so the window never needs HTML to show them.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{check_lengths, one_of, parse_time, prompts};
use crate::error::{Error, Result};

/// The most text one field may hold (bytes of UTF-8).
pub const MAX_FIELD_BYTES: usize = 8 * 1024 * 1024;

/// Where an entry belongs: `free` writing, or the section of the prompt it answers.
pub const SECTIONS: [&str; 6] = ["free", "feelings", "needs", "trust", "repair", "therapy"];

const BAD_SECTION: &str = "Choose a journal section: free, feelings, needs, trust, repair or \
                           therapy. Nothing was changed.";

/// Most results one search returns (one page; ask for the next with
/// [`SearchQuery::before`]). Every result costs a highlight and a snippet, so this
/// bounds the time of a search whatever the number of matches.
pub const SEARCH_LIMIT: usize = 50;
/// Words of a query that are used; the rest are ignored (a pasted page still searches).
const MAX_QUERY_WORDS: usize = 32;
/// Start and end of a match in `highlight()`/`snippet()` output. Private-use
/// characters: they never come from the tokenizer, and are dropped from shown text.
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';

/// A saved entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub title: String,
    pub body: String,
    pub section: String,
    pub prompt: Option<String>,
}

/// A plain entry to save (no section or prompt): no id = a new entry in `free`; an
/// existing entry keeps its section and prompt.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    pub id: Option<i64>,
    pub title: String,
    pub body: String,
}

/// What the window sends to save. `section` defaults to the prompt's section when
/// `prompt` is a known prompt id, else to `free`; on an update, an absent section or
/// prompt keeps the stored one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryDraft {
    pub id: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub section: Option<String>,
    pub prompt: Option<String>,
}

impl From<&Draft> for EntryDraft {
    fn from(d: &Draft) -> Self {
        EntryDraft {
            id: d.id,
            title: d.title.clone(),
            body: d.body.clone(),
            section: None,
            prompt: None,
        }
    }
}

/// Which entries to list: times inclusive (RFC 3339), section one of [`SECTIONS`];
/// absent, null or empty means no limit.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub section: Option<String>,
}

/// A search: the person's words plus the same filters as [`ListFilter`]. The window
/// may also send just the words as a string.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", from = "SearchArg")]
pub struct SearchQuery {
    pub query: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub section: Option<String>,
    /// The next page: only entries older than this id (the last id of the page before).
    pub before: Option<i64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SearchArg {
    Text(String),
    Full {
        #[serde(default)]
        query: String,
        from: Option<String>,
        to: Option<String>,
        section: Option<String>,
        before: Option<i64>,
    },
}

impl From<SearchArg> for SearchQuery {
    fn from(arg: SearchArg) -> Self {
        match arg {
            SearchArg::Text(query) => SearchQuery { query, ..SearchQuery::default() },
            SearchArg::Full { query, from, to, section, before } => {
                SearchQuery { query, from, to, section, before }
            }
        }
    }
}

/// A run of text, `hit` when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Seg {
    pub text: String,
    pub hit: bool,
}

/// One search result: the whole title and a snippet of the body, as segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub id: i64,
    pub created_at: String,
    pub section: String,
    pub title: Vec<Seg>,
    pub snippet: Vec<Seg>,
}

/// RFC 3339 UTC with milliseconds, the one time format in the vault.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

const COLUMNS: &str = "id, created_at, updated_at, title, body, section, prompt";
const HEADING_COLUMNS: &str = "id, created_at, updated_at, title, '' AS body, section, prompt";

fn entry(r: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        created_at: r.get(1)?,
        updated_at: r.get(2)?,
        title: r.get(3)?,
        body: r.get(4)?,
        section: r.get(5)?,
        prompt: r.get(6)?,
    })
}

fn gone() -> Error {
    Error::Invalid("That entry no longer exists.".into())
}

/// Saves a plain `draft` (insert or update) in one transaction and returns the stored
/// entry.
pub fn save(conn: &Connection, draft: &Draft, now: DateTime<Utc>) -> Result<Entry> {
    save_entry(conn, &EntryDraft::from(draft), now)
}

/// Saves `draft` (insert or update) in one transaction and returns the stored entry.
pub fn save_entry(conn: &Connection, draft: &EntryDraft, now: DateTime<Utc>) -> Result<Entry> {
    if draft.title.len() > MAX_FIELD_BYTES || draft.body.len() > MAX_FIELD_BYTES {
        return Err(Error::Invalid(
            "This entry is too long to save (over 8 MB). Nothing was changed.".into(),
        ));
    }
    let prompt = draft.prompt.as_deref().filter(|p| !p.trim().is_empty());
    check_lengths("This entry's prompt", &[prompt.unwrap_or("")])?;
    let section = match (&draft.section, prompt.and_then(prompts::find)) {
        (Some(s), _) => Some(one_of(s, &SECTIONS, BAD_SECTION)?),
        (None, Some(p)) => Some(p.section),
        (None, None) => None,
    };
    let now = timestamp(now);
    let id = super::atomically(conn, |tx| match draft.id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE journal_entries SET title = ?1, body = ?2, updated_at = ?3,
                     section = coalesce(?4, section), prompt = coalesce(?5, prompt)
                 WHERE id = ?6",
                params![draft.title, draft.body, now, section, prompt, id],
            )?;
            if changed == 0 {
                return Err(gone());
            }
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO journal_entries (created_at, updated_at, title, body, section, prompt)
                 VALUES (?1, ?1, ?2, ?3, ?4, ?5)",
                params![now, draft.title, draft.body, section.unwrap_or("free"), prompt],
            )?;
            Ok(tx.last_insert_rowid())
        }
    })?;
    get(conn, id)?.ok_or_else(gone)
}

/// One entry by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Entry>> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM journal_entries WHERE id = ?1"), [id], entry)
        .optional()?)
}

/// Every entry, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Entry>> {
    list_filtered(conn, &ListFilter::default())
}

/// The entries `filter` selects, newest first.
pub fn list_filtered(conn: &Connection, filter: &ListFilter) -> Result<Vec<Entry>> {
    list_with(conn, filter, COLUMNS)
}

/// Like [`list_filtered`] with every `body` left empty: what the window's list shows
/// (titles, dates, sections). Ten years of bodies would only be sent to be thrown away;
/// [`get`] returns one entry whole when it is opened.
pub fn list_headings(conn: &Connection, filter: &ListFilter) -> Result<Vec<Entry>> {
    list_with(conn, filter, HEADING_COLUMNS)
}

fn list_with(conn: &Connection, filter: &ListFilter, columns: &str) -> Result<Vec<Entry>> {
    let (from, to, section) = filters(&filter.from, &filter.to, &filter.section)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {columns} FROM journal_entries
         WHERE (?1 IS NULL OR created_at >= ?1) AND (?2 IS NULL OR created_at <= ?2)
           AND (?3 IS NULL OR section = ?3)
         ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![from, to, section], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks and normalises the shared filters.
type Filters = (Option<String>, Option<String>, Option<&'static str>);

fn filters(
    from: &Option<String>,
    to: &Option<String>,
    section: &Option<String>,
) -> Result<Filters> {
    let section = section
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| one_of(s, &SECTIONS, BAD_SECTION))
        .transpose()?;
    Ok((parse_time(from.as_deref())?, parse_time(to.as_deref())?, section))
}

/// Deletes an entry for good (the vault runs with `secure_delete`); false if absent.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM journal_entries WHERE id = ?1", [id])? > 0)
}

/// The search statement. FTS5 walks the matching entries newest first (highest id
/// first; ids grow with time) and the walk stops after `LIMIT` rows pass the filters, so
/// the cost follows the number of results shown, not the number of matches: a common
/// word over 100,000 entries costs about what a rare word does. `highlight()` and
/// `snippet()` run only for the rows returned. (Ranking by bm25 instead would score
/// every match before the first row could be returned.)
const SEARCH_SQL: &str = "SELECT e.id, e.created_at, e.section,
        highlight(journal_fts, 0, ?5, ?6),
        snippet(journal_fts, 1, ?5, ?6, '…', 24)
 FROM journal_fts CROSS JOIN journal_entries e ON e.id = journal_fts.rowid
 WHERE journal_fts MATCH ?1
   AND (?2 IS NULL OR e.created_at >= ?2) AND (?3 IS NULL OR e.created_at <= ?3)
   AND (?4 IS NULL OR e.section = ?4)
   AND journal_fts.rowid < ?8
 ORDER BY journal_fts.rowid DESC
 LIMIT ?7";

/// Prefix lengths (in characters) the search index keeps ready (migration 005): a last
/// word of this length is looked up as a prefix directly.
const PREFIX_INDEXED: std::ops::RangeInclusive<usize> = 2..=4;

/// Full-text search over titles and bodies, newest matching entries first, at most
/// [`SEARCH_LIMIT`]. Every word must match; the last one may be the start of a word
/// (the person may still be typing it):
/// - one letter matches only that word (every entry has words starting with it);
/// - 2–4 letters match words starting with them (read from the prefix index);
/// - longer: the word as typed first; only if that does not fill the page, words
///   starting with it too (FTS5 merges every such word before answering, so this is
///   the slow case, and only taken when it can add results).
///
/// Blank queries find nothing; no input is an error except malformed filters.
pub fn search(conn: &Connection, q: &SearchQuery) -> Result<Vec<SearchHit>> {
    let (from, to, section) = filters(&q.from, &q.to, &q.section)?;
    let Some(words) = query_words(&q.query) else { return Ok(Vec::new()) };
    let (start, end) = (MARK_START.to_string(), MARK_END.to_string());
    let before = q.before.unwrap_or(i64::MAX);
    let run = |fts: String| -> Result<Vec<SearchHit>> {
        let mut stmt = conn.prepare_cached(SEARCH_SQL)?;
        let rows = stmt.query_map(
            params![fts, from, to, section, start, end, SEARCH_LIMIT as i64, before],
            |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    created_at: r.get(1)?,
                    section: r.get(2)?,
                    title: segments(&r.get::<_, String>(3)?),
                    snippet: segments(&r.get::<_, String>(4)?),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let last_len = words.last().map_or(0, |w| w.chars().count());
    if last_len < *PREFIX_INDEXED.start() {
        return run(fts_match(&words, false));
    }
    if last_len > *PREFIX_INDEXED.end() {
        let exact = run(fts_match(&words, false))?;
        if exact.len() >= SEARCH_LIMIT {
            return Ok(exact);
        }
    }
    run(fts_match(&words, true))
}

/// The person's words, cleaned: control and marker characters removed, words with no
/// letter or digit dropped (they hold no searchable token), at most
/// [`MAX_QUERY_WORDS`]. `None` when nothing is left.
fn query_words(input: &str) -> Option<Vec<String>> {
    let words: Vec<String> = input
        .split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control() && *c != MARK_START && *c != MARK_END))
        .map(String::from_iter)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_QUERY_WORDS)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// `words` as a safe FTS5 query: each becomes a quoted string (quotes doubled), joined
/// by spaces (all must match), the last one a prefix when `prefix`.
fn fts_match(words: &[String], prefix: bool) -> String {
    let last = words.len().saturating_sub(1);
    let quoted: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let q = format!("\"{}\"", w.replace('"', "\"\""));
            if prefix && i == last {
                q + "*"
            } else {
                q
            }
        })
        .collect();
    quoted.join(" ")
}

/// The person's words as a safe FTS5 query with the last word a prefix (see
/// [`search`] for when the search uses it); `None` when no word is left.
pub fn fts_query(input: &str) -> Option<String> {
    query_words(input).map(|words| fts_match(&words, true))
}

/// Splits marked text into segments; markers never reach the window.
fn segments(marked: &str) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    let mut flush = |text: &mut String, hit: bool| {
        if !text.is_empty() {
            out.push(Seg { text: std::mem::take(text), hit });
        }
    };
    for c in marked.chars() {
        match c {
            MARK_START => {
                flush(&mut text, hit);
                hit = true;
            }
            MARK_END => {
                flush(&mut text, hit);
                hit = false;
            }
            _ => text.push(c),
        }
    }
    flush(&mut text, hit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{at, test_db};

    fn draft(id: Option<i64>, title: &str, body: &str) -> Draft {
        Draft { id, title: title.into(), body: body.into() }
    }

    fn guided(section: Option<&str>, prompt: Option<&str>, body: &str) -> EntryDraft {
        EntryDraft {
            id: None,
            title: String::new(),
            body: body.into(),
            section: section.map(Into::into),
            prompt: prompt.map(Into::into),
        }
    }

    fn query(q: &str) -> SearchQuery {
        SearchQuery { query: q.into(), ..SearchQuery::default() }
    }

    mod saving {
        use super::*;

        #[test]
        fn the_list_for_the_window_leaves_bodies_out_and_keeps_the_rest() {
            let conn = test_db();
            save(&conn, &draft(None, "Older", "first body"), at("2026-01-01T10:00:00Z")).unwrap();
            save(&conn, &draft(None, "Newer", "second body"), at("2026-01-02T10:00:00Z")).unwrap();
            let whole = list_filtered(&conn, &ListFilter::default()).unwrap();
            let headings = list_headings(&conn, &ListFilter::default()).unwrap();
            assert_eq!(headings.len(), 2);
            for (h, w) in headings.iter().zip(&whole) {
                assert_eq!(h.body, "");
                assert_eq!(Entry { body: String::new(), ..w.clone() }, *h);
            }
            assert_eq!(
                whole[0].body, "second body",
                "newest first, bodies intact in the full list"
            );
            assert_eq!(get(&conn, headings[1].id).unwrap().unwrap().body, "first body");
        }

        #[test]
        fn text_is_stored_exactly_as_typed() {
            let conn = test_db();
            let odd = "<script>alert(1)</script> 🌊 שלום مرحبا \u{202E}abc\0end **bold** &amp;";
            let saved = save(&conn, &draft(None, odd, odd), Utc::now()).unwrap();
            assert_eq!(get(&conn, saved.id).unwrap().unwrap().body, odd);
            assert_eq!(saved.title, odd);
            assert_eq!(saved.section, "free");
            assert_eq!(saved.prompt, None);
        }

        #[test]
        fn a_megabyte_round_trips() {
            let conn = test_db();
            let big = "ä".repeat(512 * 1024);
            let saved = save(&conn, &draft(None, "", &big), Utc::now()).unwrap();
            assert_eq!(get(&conn, saved.id).unwrap().unwrap().body, big);
        }

        #[test]
        fn update_keeps_created_and_moves_updated() {
            let conn = test_db();
            let first = save(&conn, &draft(None, "a", "b"), at("2026-01-01T10:00:00Z")).unwrap();
            let second =
                save(&conn, &draft(Some(first.id), "a2", "b2"), at("2026-01-02T10:00:00Z"))
                    .unwrap();
            assert_eq!(second.created_at, "2026-01-01T10:00:00.000Z");
            assert_eq!(second.updated_at, "2026-01-02T10:00:00.000Z");
            assert_eq!(list(&conn).unwrap().len(), 1);
        }

        #[test]
        fn too_long_or_missing_entries_change_nothing() {
            let conn = test_db();
            let huge = "x".repeat(MAX_FIELD_BYTES + 1);
            assert!(matches!(
                save(&conn, &draft(None, "", &huge), Utc::now()),
                Err(Error::Invalid(_))
            ));
            assert!(matches!(
                save(&conn, &draft(Some(42), "", ""), Utc::now()),
                Err(Error::Invalid(_))
            ));
            assert!(list(&conn).unwrap().is_empty());
        }

        #[test]
        fn a_known_prompt_brings_its_section() {
            let conn = test_db();
            let p = &prompts::all()[0];
            let e = save_entry(&conn, &guided(None, Some(p.id), "answer"), Utc::now()).unwrap();
            assert_eq!(e.section, p.section);
            assert_eq!(e.prompt.as_deref(), Some(p.id));
        }

        #[test]
        fn an_update_without_section_or_prompt_keeps_them() {
            let conn = test_db();
            let e =
                save_entry(&conn, &guided(Some("trust"), Some("my own words"), "a"), Utc::now())
                    .unwrap();
            let again = save(&conn, &draft(Some(e.id), "t", "b"), Utc::now()).unwrap();
            assert_eq!(again.section, "trust");
            assert_eq!(again.prompt.as_deref(), Some("my own words"));
            let moved = save_entry(
                &conn,
                &EntryDraft {
                    id: Some(e.id),
                    section: Some("free".into()),
                    ..guided(None, None, "")
                },
                Utc::now(),
            )
            .unwrap();
            assert_eq!(moved.section, "free");
        }

        #[test]
        fn an_unknown_section_is_refused_and_nothing_changes() {
            let conn = test_db();
            let e = save_entry(&conn, &guided(Some("needs"), None, "kept"), Utc::now()).unwrap();
            for bad in ["journal", "Needs", "", "free "] {
                let err = save_entry(
                    &conn,
                    &EntryDraft { id: Some(e.id), ..guided(Some(bad), None, "changed") },
                    Utc::now(),
                )
                .unwrap_err();
                assert!(matches!(&err, Error::Invalid(m) if m.contains("section")), "{bad}: {err}");
            }
            assert_eq!(get(&conn, e.id).unwrap().unwrap().body, "kept");
            assert_eq!(list(&conn).unwrap().len(), 1);
        }

        #[test]
        fn delete_removes_the_entry_and_its_search_index_row() {
            let conn = test_db();
            let e = save(&conn, &draft(None, "findme", "words"), Utc::now()).unwrap();
            assert!(delete(&conn, e.id).unwrap());
            assert!(!delete(&conn, e.id).unwrap());
            assert!(get(&conn, e.id).unwrap().is_none());
            assert!(search(&conn, &query("findme")).unwrap().is_empty());
        }
    }

    mod listing {
        use super::*;

        #[test]
        fn filters_by_time_inclusive_and_section_newest_first() {
            let conn = test_db();
            let days = ["2026-03-01T08:00:00Z", "2026-03-02T08:00:00Z", "2026-03-03T08:00:00Z"];
            for (i, t) in days.iter().enumerate() {
                let section = if i == 1 { "feelings" } else { "free" };
                save_entry(&conn, &guided(Some(section), None, &format!("day {i}")), at(t))
                    .unwrap();
            }
            let all = list(&conn).unwrap();
            assert_eq!(
                all.iter().map(|e| e.body.as_str()).collect::<Vec<_>>(),
                ["day 2", "day 1", "day 0"]
            );
            let window = ListFilter {
                from: Some("2026-03-02T08:00:00.000Z".into()),
                to: Some("2026-03-03T09:00:00+01:00".into()),
                section: None,
            };
            let got = list_filtered(&conn, &window).unwrap();
            assert_eq!(got.iter().map(|e| e.body.as_str()).collect::<Vec<_>>(), ["day 2", "day 1"]);
            let feelings = ListFilter { section: Some("feelings".into()), ..ListFilter::default() };
            assert_eq!(list_filtered(&conn, &feelings).unwrap().len(), 1);
            let blank =
                ListFilter { from: Some(String::new()), to: None, section: Some("".into()) };
            assert_eq!(list_filtered(&conn, &blank).unwrap().len(), 3, "empty means no limit");
        }

        #[test]
        fn bad_filters_are_invalid() {
            let conn = test_db();
            let bad_time = ListFilter { from: Some("last week".into()), ..ListFilter::default() };
            assert!(matches!(list_filtered(&conn, &bad_time), Err(Error::Invalid(_))));
            let bad_section = ListFilter { section: Some("x".into()), ..ListFilter::default() };
            assert!(matches!(list_filtered(&conn, &bad_section), Err(Error::Invalid(_))));
        }
    }

    mod searching {
        use super::*;

        fn seg(text: &str, hit: bool) -> Seg {
            Seg { text: text.into(), hit }
        }

        #[test]
        fn hits_come_back_as_segments_not_markup() {
            let conn = test_db();
            let e = save(
                &conn,
                &draft(None, "A <b>quiet</b> evening", "We walked to the café and it felt calm."),
                Utc::now(),
            )
            .unwrap();
            let hits = search(&conn, &query("quiet cafe")).unwrap();
            assert_eq!(hits.len(), 1);
            assert_eq!(hits[0].id, e.id);
            assert_eq!(
                hits[0].title,
                [seg("A <b>", false), seg("quiet", true), seg("</b> evening", false)]
            );
            assert!(hits[0].snippet.contains(&seg("café", true)), "{:?}", hits[0].snippet);
            let joined: String = hits[0].snippet.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(joined, "We walked to the café and it felt calm.");
        }

        #[test]
        fn the_last_word_is_a_prefix_and_all_words_must_match() {
            let conn = test_db();
            save(&conn, &draft(None, "", "the therapist listened"), Utc::now()).unwrap();
            save(&conn, &draft(None, "", "therapy on thursday"), Utc::now()).unwrap();
            assert_eq!(search(&conn, &query("thera")).unwrap().len(), 2);
            assert_eq!(search(&conn, &query("therapist lis")).unwrap().len(), 1);
            assert_eq!(search(&conn, &query("thera nothing")).unwrap().len(), 0);
        }

        #[test]
        fn query_syntax_is_plain_text() {
            let conn = test_db();
            save(&conn, &draft(None, "", "NEAR the door, he said \"not now\" (again)"), Utc::now())
                .unwrap();
            for q in ["NEAR", "\"not now\"", "(again)", "door,", "NOT now", "said NOT"] {
                assert_eq!(search(&conn, &query(q)).unwrap().len(), 1, "{q}");
            }
            assert_eq!(fts_query("a\"b c"), Some("\"a\"\"b\" \"c\"*".into()));
        }

        #[test]
        fn blank_queries_find_nothing() {
            let conn = test_db();
            save(&conn, &draft(None, "x", "y"), Utc::now()).unwrap();
            for q in ["", "   ", "\n\t", "***", "- ( ) \"", "🌊"] {
                assert!(search(&conn, &query(q)).unwrap().is_empty(), "{q:?}");
            }
        }

        #[test]
        fn filters_apply_to_search() {
            let conn = test_db();
            save_entry(
                &conn,
                &guided(Some("needs"), None, "boundary one"),
                at("2026-01-01T00:00:00Z"),
            )
            .unwrap();
            save_entry(
                &conn,
                &guided(Some("free"), None, "boundary two"),
                at("2026-02-01T00:00:00Z"),
            )
            .unwrap();
            let q = SearchQuery {
                query: "boundary".into(),
                section: Some("needs".into()),
                ..SearchQuery::default()
            };
            assert_eq!(search(&conn, &q).unwrap().len(), 1);
            let q = SearchQuery {
                query: "boundary".into(),
                from: Some("2026-01-15T00:00:00Z".into()),
                ..SearchQuery::default()
            };
            let hits = search(&conn, &q).unwrap();
            assert_eq!(hits.len(), 1);
            assert_eq!(hits[0].section, "free");
        }

        #[test]
        fn the_latest_written_come_first_and_matches_are_never_all_sorted() {
            let conn = test_db();
            for (i, day) in ["2026-01-01", "2026-03-01", "2026-02-01"].iter().enumerate() {
                let when = at(&format!("{day}T10:00:00Z"));
                save(&conn, &draft(None, "", &format!("garden {i}")), when).unwrap();
            }
            let hits = search(&conn, &query("garden")).unwrap();
            let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
            assert_eq!(ids, [3, 2, 1]);
            // The plan walks the index in id order and stops at the limit: no temporary
            // b-tree sorts every match first.
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {SEARCH_SQL}"))
                .unwrap()
                .query_map(
                    params![
                        "\"garden\"",
                        None::<String>,
                        None::<String>,
                        None::<String>,
                        "[",
                        "]",
                        50,
                        i64::MAX
                    ],
                    |r| r.get(3),
                )
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(plan.iter().all(|step| !step.contains("TEMP B-TREE")), "{plan:?}");
            assert!(plan[0].contains("VIRTUAL TABLE INDEX"), "{plan:?}");
        }

        #[test]
        fn a_word_being_typed_matches_whatever_its_length() {
            let conn = test_db();
            save(&conn, &draft(None, "", "the therapist listened"), Utc::now()).unwrap();
            save(&conn, &draft(None, "", "a t-shirt"), Utc::now()).unwrap();
            let found = |q: &str| search(&conn, &query(q)).unwrap().len();
            // One letter: that word only (here "t" from "t-shirt").
            assert_eq!(found("t"), 1);
            // Two to four letters come from the prefix index, longer ones by merging.
            for (q, n) in [("th", 1), ("the", 1), ("ther", 1), ("thera", 1), ("therapist", 1)] {
                assert_eq!(found(q), n, "{q}");
            }
            assert_eq!(found("sh"), 1);
            assert_eq!(found("listen"), 1, "a longer prefix with no exact match");
            assert_eq!(found("listened"), 1);
            assert_eq!(found("listeners"), 0);
        }

        #[test]
        fn a_whole_word_that_fills_the_page_is_enough() {
            let conn = test_db();
            for i in 0..SEARCH_LIMIT {
                save(&conn, &draft(None, "", &format!("garden {i}")), Utc::now()).unwrap();
            }
            let newest = save(&conn, &draft(None, "", "gardening"), Utc::now()).unwrap();
            let hits = search(&conn, &query("garden")).unwrap();
            assert_eq!(hits.len(), SEARCH_LIMIT);
            assert!(hits.iter().all(|h| h.id != newest.id), "exact matches fill the page");
            let hits = search(&conn, &query("gardeni")).unwrap();
            assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), [newest.id]);
        }

        #[test]
        fn the_next_page_starts_after_the_last_id() {
            let conn = test_db();
            for i in 0..(SEARCH_LIMIT + 5) {
                save(&conn, &draft(None, "", &format!("wave {i}")), Utc::now()).unwrap();
            }
            let first = search(&conn, &query("wave")).unwrap();
            let last = first.last().unwrap().id;
            let next = SearchQuery { before: Some(last), ..query("wave") };
            let second = search(&conn, &next).unwrap();
            assert_eq!(second.len(), 5);
            assert!(second.iter().all(|h| h.id < last));
            let q: SearchQuery = serde_json::from_str(r#"{"query":"wave","before":6}"#).unwrap();
            assert_eq!(search(&conn, &q).unwrap().len(), 5);
        }

        #[test]
        fn results_are_capped() {
            let conn = test_db();
            for i in 0..(SEARCH_LIMIT + 5) {
                save(&conn, &draft(None, "", &format!("wave {i}")), Utc::now()).unwrap();
            }
            assert_eq!(search(&conn, &query("wave")).unwrap().len(), SEARCH_LIMIT);
        }

        #[test]
        fn the_window_may_send_words_or_a_whole_query() {
            let q: SearchQuery = serde_json::from_str(r#""hello""#).unwrap();
            assert_eq!(q.query, "hello");
            let q: SearchQuery =
                serde_json::from_str(r#"{"query":"x","section":"needs","from":null}"#).unwrap();
            assert_eq!((q.query.as_str(), q.section.as_deref()), ("x", Some("needs")));
        }

        #[test]
        fn hits_serialize_in_camel_case() {
            let hit = SearchHit {
                id: 1,
                created_at: "t".into(),
                section: "free".into(),
                title: vec![seg("a", true)],
                snippet: vec![],
            };
            assert_eq!(
                serde_json::to_string(&hit).unwrap(),
                r#"{"id":1,"createdAt":"t","section":"free","title":[{"text":"a","hit":true}],"snippet":[]}"#
            );
        }

        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
            /// Whatever the person types, search answers (possibly with nothing).
            #[test]
            fn no_input_makes_search_fail(
                parts in proptest::collection::vec(proptest::prop_oneof![
                    proptest::string::string_regex(".{0,12}").unwrap(),
                    proptest::sample::select(vec![
                        "\"", "\"\"", "*", "NEAR", "NEAR(", "AND", "OR", "NOT", "-", "(", ")",
                        "^", ":", "title:", "{", "}", "+", "'", "🌊", "שלום", "مرحبا", "\u{202E}",
                        "\u{E000}", "\u{E001}", "\0", "é", "\u{301}", "a*b", "col:x", "中文",
                    ].into_iter().map(String::from).collect::<Vec<_>>()),
                ], 0..12)
            ) {
                let conn = test_db();
                save(&conn, &draft(None, "a title", "NEAR the door 🌊 שלום (again) - \"quoted\" é"), Utc::now()).unwrap();
                let q = parts.join(" ");
                search(&conn, &query(&q)).unwrap();
                search(&conn, &query(&parts.concat())).unwrap();
            }
        }

        #[test]
        fn ten_thousand_characters_of_anything_still_search() {
            let conn = test_db();
            save(&conn, &draft(None, "", "door"), Utc::now()).unwrap();
            let long: String = "door\" NEAR( *-🌊 ".chars().cycle().take(10_000).collect();
            search(&conn, &query(&long)).unwrap();
            let one_word = "x".repeat(10_000);
            assert!(search(&conn, &query(&one_word)).unwrap().is_empty());
            let rtl = "שלום ".repeat(2_000);
            search(&conn, &query(&rtl)).unwrap();
        }
    }
}
