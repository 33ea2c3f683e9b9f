//! The sheet's words, decided once: a [`Sheet`] becomes a [`Doc`] of sections and plain
//! blocks, which the HTML and PDF renderers only lay out. Nothing here escapes or
//! measures; everything here chooses what is said.
//!
//! The person's text is carried as typed, minus control characters (a NUL or a stray
//! escape code means nothing on paper); line breaks are kept.

use chrono::NaiveDate;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::{GoalKind, Paper, Sheet};
use crate::readiness::checklist::{Answers, DatedAnswers, Sign};
use crate::readiness::crisis;
use crate::readiness::screeners::{
    self, Instrument, Outcome, ATTRIBUTION, DIFFICULTY_OPTIONS, DIFFICULTY_QUESTION, GAD7, PHQ9,
};
use crate::readiness::{checklist, frequency_label};

/// The app's name, printed only when the person asks for it.
pub(crate) const APP_NAME: &str = "Mend";
/// The sheet's title.
pub(crate) const TITLE: &str = "Notes for my therapy session";
/// How many past checklists the trend table shows at most.
const TREND_COLUMNS: usize = 6;

/// The whole sheet, ready to lay out. Serialized for the window's preview as
/// `{ title, date, appName, paper, sections }` (see [`Block`] for the blocks).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Doc {
    pub title: String,
    /// The date, in words.
    pub date: String,
    /// `Some("Mend")` when the app may be named.
    pub app_name: Option<&'static str>,
    pub paper: Paper,
    pub sections: Vec<Section>,
}

/// One opt-in part of the sheet: `{ id, heading, blocks }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// A stable name, used as a CSS class.
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The few kinds of content a section is made of. Serialized with a `type`:
/// `{ "type": "subheading" | "text" | "para" | "note", "text" }`,
/// `{ "type": "bullets" | "numbered", "items" }`, `{ "type": "fields", "pairs": [[label,
/// value]] }` and `{ "type": "table", "columns": [{ title, width }], "rows" }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A small heading inside a section.
    Subheading(String),
    /// The person's own words; line breaks kept.
    Text(String),
    /// Our words, at body size.
    Para(String),
    /// Our words, small and quiet (notes, legends, attribution).
    Note(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// A numbered list.
    Numbered(Vec<String>),
    /// Label and value pairs.
    Fields(Vec<(String, String)>),
    /// A table with a header row.
    Table(Table),
}

/// A table: column titles and relative widths, then rows of plain text cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    pub title: String,
    /// Share of the width; the shares of a table add up to 1.
    pub width: f32,
}

impl Block {
    /// The block's `type` on the wire.
    fn kind(&self) -> &'static str {
        match self {
            Block::Subheading(_) => "subheading",
            Block::Text(_) => "text",
            Block::Para(_) => "para",
            Block::Note(_) => "note",
            Block::Bullets(_) => "bullets",
            Block::Numbered(_) => "numbered",
            Block::Fields(_) => "fields",
            Block::Table(_) => "table",
        }
    }
}

// By hand: serde's internally tagged enums cannot carry a bare string or list.
impl Serialize for Block {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if matches!(self, Block::Table(_)) { 3 } else { 2 };
        let mut s = serializer.serialize_struct("Block", len)?;
        s.serialize_field("type", self.kind())?;
        match self {
            Block::Subheading(t) | Block::Text(t) | Block::Para(t) | Block::Note(t) => {
                s.serialize_field("text", t)?
            }
            Block::Bullets(items) | Block::Numbered(items) => s.serialize_field("items", items)?,
            Block::Fields(pairs) => s.serialize_field("pairs", pairs)?,
            Block::Table(t) => {
                s.serialize_field("columns", &t.columns)?;
                s.serialize_field("rows", &t.rows)?;
            }
        }
        s.end()
    }
}

fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter().map(|(t, w)| Column { title: (*t).to_string(), width: *w }).collect()
}

/// Drops control characters (keeping line breaks), turns tabs into spaces and CR LF into LF.
pub(crate) fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Cleaned text, or `None` when nothing is left but whitespace.
fn given(text: &str) -> Option<String> {
    let t = clean(text);
    (!t.trim().is_empty()).then(|| t.trim_end().to_string())
}

/// Cleaned, non-blank entries of a list.
fn given_all(items: &[String]) -> Vec<String> {
    items.iter().filter_map(|s| given(s)).collect()
}

/// "25 November 2026".
pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "25 Nov 2026", for narrow columns.
fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn answer_words(a: Option<u8>) -> String {
    match a {
        None => "Not answered".into(),
        Some(v) => {
            frequency_label(v).map_or_else(|| format!("Not a valid answer ({v})"), Into::into)
        }
    }
}

/// Builds the document for `sheet`, leaving out every section that is `None` or empty.
pub(crate) fn build(sheet: &Sheet) -> Doc {
    let mut sections = Vec::new();
    let mut push = |id, heading: &str, blocks: Vec<Block>| {
        if !blocks.is_empty() {
            sections.push(Section { id, heading: heading.to_string(), blocks });
        }
    };
    if let Some(text) = sheet.what_brings_me.as_deref().and_then(given) {
        push("what-brings-me", "What brings me", vec![Block::Text(text)]);
    }
    if let Some(answers) = &sheet.checklist {
        push("checklist", "The past two weeks", checklist_blocks(answers));
    }
    if let Some(trend) = &sheet.checklist_trend {
        push("trend", "The checklist over time", trend_blocks(trend));
    }
    if let Some(s) = &sheet.screeners {
        let phq9_flag = s.phq9.as_ref().is_some_and(|t| t.answers.item9_flag());
        let mut blocks = Vec::new();
        if let Some(t) = &s.gad7 {
            blocks.extend(screener_blocks(
                &GAD7,
                t.on,
                &t.answers.items,
                t.answers.difficulty,
                t.answers.score(),
            ));
        }
        if let Some(t) = &s.phq9 {
            blocks.extend(screener_blocks(
                &PHQ9,
                t.on,
                &t.answers.items,
                t.answers.difficulty,
                t.answers.score(),
            ));
            if phq9_flag {
                blocks.push(Block::Para(item9_words(sheet.crisis_country.is_some())));
            }
        }
        if !blocks.is_empty() {
            blocks.push(Block::Note(screeners::NOT_A_DIAGNOSIS.into()));
            let mut sources = vec![ATTRIBUTION.to_string()];
            if s.gad7.is_some() {
                sources.push(GAD7.reference.into());
            }
            if s.phq9.is_some() {
                sources.push(PHQ9.reference.into());
            }
            blocks.push(Block::Note(sources.join(" ")));
        }
        push("questionnaires", "Questionnaires", blocks);
    }
    if let Some(c) = &sheet.checkins_summary {
        push("checkins", "Recent check-ins", checkins_blocks(c));
    }
    if let Some(t) = &sheet.triggers_summary {
        push("triggers", "Triggers", triggers_blocks(t));
    }
    if let Some(n) = &sheet.needs {
        let mut blocks = Vec::new();
        for (title, items) in [
            ("What I need in the relationship", &n.in_relationship),
            ("What I need from my partner", &n.from_partner),
            ("What I will no longer accept", &n.will_not_accept),
        ] {
            let items = given_all(items);
            if !items.is_empty() {
                blocks.push(Block::Subheading(title.into()));
                blocks.push(Block::Bullets(items));
            }
        }
        push("needs", "Needs and boundaries", blocks);
    }
    if let Some(q) = &sheet.questions_for_therapist {
        let q = given_all(q);
        if !q.is_empty() {
            push("questions", "Questions for my therapist", vec![Block::Numbered(q)]);
        }
    }
    if let Some(g) = &sheet.goals {
        let kind = match g.kind {
            GoalKind::Individual => "Individual therapy",
            GoalKind::Couples => "Couples therapy",
            GoalKind::NotSure => "Not sure yet",
        };
        let mut blocks = vec![Block::Fields(vec![("I am thinking about".into(), kind.into())])];
        if let Some(text) = given(&g.text) {
            blocks.push(Block::Text(text));
        }
        push("goals", "My goals", blocks);
    }
    if let Some(code) = &sheet.crisis_country {
        push("crisis", "If things feel unsafe", crisis_blocks(code));
    }
    Doc {
        title: TITLE.into(),
        date: long_date(sheet.date),
        app_name: sheet.options.show_app_name.then_some(APP_NAME),
        paper: sheet.options.paper,
        sections,
    }
}

fn checklist_blocks(answers: &Answers) -> Vec<Block> {
    let rows = Sign::ALL
        .iter()
        .map(|&sign| {
            let a = answers.get(sign);
            let worse = match a.getting_worse {
                Some(true) => "Yes",
                Some(false) => "No",
                None => "Not answered",
            };
            vec![sign.label().to_string(), answer_words(a.often), worse.to_string()]
        })
        .collect();
    vec![
        Block::Table(Table {
            columns: columns(&[("Sign", 0.46), ("How often", 0.32), ("Getting worse?", 0.22)]),
            rows,
        }),
        Block::Note(checklist::NOT_A_DIAGNOSIS.into()),
    ]
}

fn trend_blocks(trend: &[DatedAnswers]) -> Vec<Block> {
    let mut dated: Vec<&DatedAnswers> = trend.iter().collect();
    dated.sort_by_key(|d| d.on);
    let shown = &dated[dated.len().saturating_sub(TREND_COLUMNS)..];
    if shown.is_empty() {
        return Vec::new();
    }
    let first = if shown.len() <= 3 { 0.40 } else { 0.34 };
    let each = (1.0 - first) / shown.len() as f32;
    let mut spec = vec![Column { title: "Sign".into(), width: first }];
    spec.extend(shown.iter().map(|d| Column { title: short_date(d.on), width: each }));
    // Signs never answered on the days shown would only be rows of dashes.
    let rows = Sign::ALL
        .iter()
        .filter(|&&sign| shown.iter().any(|d| d.answers.get(sign).is_answered()))
        .map(|&sign| {
            let mut row = vec![sign.label().to_string()];
            row.extend(shown.iter().map(|d| {
                let a = d.answers.get(sign);
                let often = a.often.map_or_else(|| "–".to_string(), |v| v.to_string());
                if a.getting_worse == Some(true) {
                    format!("{often}, worse")
                } else {
                    often
                }
            }));
            row
        })
        .collect();
    let mut blocks = vec![Block::Table(Table { columns: spec, rows })];
    let mut legend = "0 not at all · 1 several days · 2 more than half the days · 3 nearly every \
                      day · “worse”: felt to be getting worse · –: not answered."
        .to_string();
    if dated.len() > shown.len() {
        legend.push_str(&format!(" The newest {} of {} are shown.", shown.len(), dated.len()));
    }
    blocks.push(Block::Note(legend));
    blocks
}

fn screener_blocks(
    instrument: &Instrument,
    on: Option<NaiveDate>,
    items: &[Option<u8>],
    difficulty: Option<u8>,
    outcome: crate::error::Result<Outcome>,
) -> Vec<Block> {
    let mut heading = format!("{} ({})", instrument.name, instrument.title.to_lowercase());
    if let Some(on) = on {
        heading.push_str(&format!(", {}", long_date(on)));
    }
    let result = match outcome {
        Ok(Outcome::Complete { total, band }) => format!(
            "Total {total} of {}: {}. {}",
            instrument.max_total,
            band.label().to_lowercase(),
            band.meaning()
        ),
        Ok(Outcome::Incomplete { answered, of }) => format!(
            "Not complete: {answered} of {of} questions answered, so there is no total. The \
             answers given are below."
        ),
        Err(_) => {
            "Some answers are outside the questionnaire's range, so there is no total.".to_string()
        }
    };
    let mut rows: Vec<Vec<String>> = instrument
        .items
        .iter()
        .zip(items)
        .enumerate()
        .map(|(i, (text, a))| vec![format!("{}.", i + 1), (*text).to_string(), answer_words(*a)])
        .collect();
    let difficulty = match difficulty {
        None => "Not answered".to_string(),
        Some(v) => DIFFICULTY_OPTIONS
            .get(usize::from(v))
            .map_or_else(|| format!("Not a valid answer ({v})"), |s| (*s).to_string()),
    };
    // The published form asks it under the items, unnumbered and not scored.
    rows.push(vec![String::new(), DIFFICULTY_QUESTION.into(), difficulty]);
    vec![
        Block::Subheading(heading),
        Block::Para(result),
        Block::Note(instrument.stem.into()),
        Block::Table(Table {
            columns: columns(&[("", 0.05), ("Question", 0.67), ("Answer", 0.28)]),
            rows,
        }),
    ]
}

fn item9_words(crisis_lines_on_sheet: bool) -> String {
    let mut s = "Question 9 (thoughts of being better off dead or of hurting yourself) was \
                 answered above “Not at all”. It is worth saying so at the start of the \
                 session. You don't have to wait for it: a crisis line can talk with you now."
        .to_string();
    if crisis_lines_on_sheet {
        s.push_str(" The lines at the end of this sheet answer any time.");
    }
    s
}

fn checkins_blocks(c: &super::CheckinsSummary) -> Vec<Block> {
    let mut blocks = Vec::new();
    let period = given(&c.period).map(|p| format!(", {p}")).unwrap_or_default();
    let count = match c.count {
        1 => "1 check-in".to_string(),
        n => format!("{n} check-ins"),
    };
    blocks.push(Block::Para(format!("{count}{period}.")));
    if !c.emotions.is_empty() {
        let of10 = |v: Option<u8>| v.map_or_else(|| "–".to_string(), |v| format!("{v} of 10"));
        let rows = c
            .emotions
            .iter()
            .map(|e| vec![clean(&e.name), e.times.to_string(), of10(e.highest), of10(e.typical)])
            .collect();
        blocks.push(Block::Table(Table {
            columns: columns(&[
                ("Emotion", 0.34),
                ("Times noted", 0.22),
                ("Strongest", 0.22),
                ("Typical", 0.22),
            ]),
            rows,
        }));
        blocks.push(Block::Note(
            "Feelings come in waves and are not expected to move in a straight line.".into(),
        ));
    }
    if let Some(note) = c.note.as_deref().and_then(given) {
        blocks.push(Block::Text(note));
    }
    blocks
}

fn triggers_blocks(t: &super::TriggersSummary) -> Vec<Block> {
    let mut blocks = Vec::new();
    let period = given(&t.period).map(|p| format!(", {p}")).unwrap_or_default();
    let count = match t.count {
        1 => "1 moment logged".to_string(),
        n => format!("{n} moments logged"),
    };
    blocks.push(Block::Para(format!("{count}{period}.")));
    for m in &t.moments {
        let mut fields = Vec::new();
        if let Some(on) = m.on {
            fields.push(("When".to_string(), long_date(on)));
        }
        if let Some(what) = given(&m.what) {
            fields.push(("What happened".into(), what));
        }
        let felt = given(&m.felt);
        match (felt, m.intensity) {
            (Some(f), Some(i)) => fields.push(("What I felt".into(), format!("{f} ({i} of 10)"))),
            (Some(f), None) => fields.push(("What I felt".into(), f)),
            (None, Some(i)) => fields.push(("How strong".into(), format!("{i} of 10"))),
            (None, None) => {}
        }
        if let Some(h) = given(&m.helped) {
            fields.push(("What helped".into(), h));
        }
        if let Some(n) = given(&m.needed) {
            fields.push(("What I needed".into(), n));
        }
        if !fields.is_empty() {
            blocks.push(Block::Fields(fields));
        }
    }
    if let Some(note) = t.note.as_deref().and_then(given) {
        blocks.push(Block::Text(note));
    }
    blocks
}

fn crisis_blocks(code: &str) -> Vec<Block> {
    let d = crisis::DIRECTORY;
    let elsewhere = format!("Elsewhere: {} ({}). {}", d.name, d.location, d.note);
    let checked = format!(
        "This list was last checked in {}. If a number does not connect, your local emergency \
         number will.",
        crisis::REVIEWED
    );
    match crisis::country(code) {
        Some(c) => vec![
            Block::Para(format!("{}: in an emergency, call {}.", c.name, c.emergency)),
            Block::Table(Table {
                columns: columns(&[("Line", 0.42), ("Number", 0.22), ("How", 0.36)]),
                rows: c
                    .lines
                    .iter()
                    .map(|l| vec![l.name.to_string(), l.number.to_string(), l.how.to_string()])
                    .collect(),
            }),
            Block::Note(format!("{elsewhere} {checked}")),
        ],
        None => vec![
            Block::Para(format!(
                "In an emergency, call your local emergency number. {} ({}) lists free, \
                 confidential helplines by country.",
                d.name, d.location
            )),
            Block::Note(checked),
        ],
    }
}

/// Every piece of text in `doc`, in reading order (for tests).
#[cfg(test)]
pub(crate) fn all_text(doc: &Doc) -> Vec<String> {
    let mut out = vec![doc.title.clone(), doc.date.clone()];
    out.extend(doc.app_name.map(String::from));
    for s in &doc.sections {
        out.push(s.heading.clone());
        for b in &s.blocks {
            match b {
                Block::Subheading(t) | Block::Text(t) | Block::Para(t) | Block::Note(t) => {
                    out.push(t.clone())
                }
                Block::Bullets(v) | Block::Numbered(v) => out.extend(v.iter().cloned()),
                Block::Fields(f) => out.extend(f.iter().flat_map(|(a, b)| [a.clone(), b.clone()])),
                Block::Table(t) => {
                    out.extend(t.columns.iter().map(|c| c.title.clone()));
                    out.extend(t.rows.iter().flatten().cloned());
                }
            }
        }
    }
    out
}
