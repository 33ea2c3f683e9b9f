//! Leaving Mend: everything in the open vault as Markdown (to read) and JSON (for other
//! tools). The result is NOT encrypted; the window says so before asking where to save.
//!
//! Every kind of thing the person can write is here: journal entries (with the prompt
//! they answer), every version of every living document, check-ins, the trigger log,
//! the questions log, the re-wooing plans, readiness results (with every item answer),
//! the session-prep sheet's draft, and apology drafts (with the guided builder's answers
//! and every daily version). Text goes out exactly as stored.

use rusqlite::Connection;
use serde_json::json;

use crate::apology::drafts;
use crate::error::Result;
use crate::readiness::checklist::{Answers, Sign};
use crate::readiness::evaluation::{Evaluation, Given};
use crate::readiness::screeners::{
    Instrument, DIFFICULTY_OPTIONS, DIFFICULTY_QUESTION, GAD7, PHQ9,
};
use crate::readiness::{frequency_label, store};
use crate::session_prep::draft;
use crate::session_prep::GoalKind;
use crate::workbook::checkins::{self, Period, EMOTIONS};
use crate::workbook::{docs, journal, prompts, questions, rewoo, triggers};

/// Format version of the JSON document (1 had the journal only; 2 added the workbook;
/// 3 added readiness results and the session-prep draft; 4 added apology drafts).
const JSON_VERSION: u32 = 4;

/// Everything as one JSON document.
pub fn json(conn: &Connection) -> Result<String> {
    let doc = json!({
        "format": "mend-export",
        "version": JSON_VERSION,
        "exportedAt": journal::timestamp(chrono::Utc::now()),
        "journal": journal::list(conn)?,
        "prompts": prompts::all(),
        "documents": docs::all_versions(conn)?,
        "checkins": checkins::list(conn, &Period::default())?,
        "triggers": triggers::list(conn, &Period::default())?,
        "questions": questions::list(conn)?,
        "rewoo": rewoo::list(conn)?,
        "readiness": store::list(conn, None)?,
        "sessionPrep": draft::load_saved(conn)?,
        "apology": drafts::all(conn)?,
    });
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default())
}

/// A living document's kind, heading, and (field key, label) pairs.
type DocLabels = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// Headings and field labels of the living documents.
const DOC_LABELS: [DocLabels; 4] = [
    (
        "needs",
        "Needs and boundaries",
        &[
            ("relationship", "What I need in the relationship"),
            ("fromPartner", "What I need from my partner"),
            ("wontTolerate", "What I will no longer tolerate"),
        ],
    ),
    (
        "accountability",
        "My accountability plan",
        &[
            ("myTriggers", "My triggers"),
            ("mySystems", "My own systems"),
            ("mySupports", "Who supports me"),
            ("whenISlip", "What I do when I slip"),
        ],
    ),
    (
        "honesty",
        "Honesty reflection",
        &[
            ("whatHappened", "What happened"),
            ("notYetSaid", "What I have not said yet"),
            ("whatMakesItHard", "What makes it hard"),
            ("nextStep", "My next step"),
        ],
    ),
    (
        "recommitment",
        "Recommitment",
        &[
            ("whyStay", "Why I want to stay"),
            ("oneFootOut", "Is one foot out the door?"),
            ("willingToDo", "What I am willing to do"),
            ("needToStay", "What I need in order to stay"),
        ],
    ),
];

/// One line of a heading: no line breaks, never empty.
fn heading(text: &str, fallback: &str) -> String {
    let t = text.trim().replace(['\r', '\n'], " ");
    if t.is_empty() {
        fallback.to_owned()
    } else {
        t
    }
}

/// Everything as a Markdown document, oldest first, so it reads like a diary.
pub fn markdown(conn: &Connection) -> Result<String> {
    let mut out = String::from("# Mend export\n\nThis file is not encrypted.\n\n## Journal\n");
    let mut entries = journal::list(conn)?;
    entries.reverse();
    for e in entries {
        out.push_str(&format!("\n### {}\n\n_{}_", heading(&e.title, "Untitled"), e.created_at));
        if e.section != "free" {
            out.push_str(&format!(" · {}", e.section));
        }
        out.push_str("\n\n");
        if let Some(p) = &e.prompt {
            let text = prompts::find(p).map_or(p.as_str(), |p| p.text);
            out.push_str(&format!("> {}\n\n", heading(text, "")));
        }
        out.push_str(&e.body);
        out.push('\n');
    }

    let versions = docs::all_versions(conn)?;
    for (kind, title, labels) in DOC_LABELS {
        let of_kind: Vec<&docs::Version> = versions.iter().filter(|v| v.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {title}\n"));
        for v in of_kind {
            out.push_str(&format!("\n### Version of {}\n", v.day));
            for (key, label) in labels {
                let text = v.fields.get(*key).map_or("", String::as_str);
                out.push_str(&format!("\n**{label}**\n\n{text}\n"));
            }
        }
    }

    let mut list = checkins::list(conn, &Period::default())?;
    list.reverse();
    if !list.is_empty() {
        out.push_str("\n## Emotion check-ins\n");
    }
    for c in list {
        out.push_str(&format!("\n### {}\n\n", c.at));
        for e in EMOTIONS {
            if let Some(Some(v)) = c.emotions.get(e) {
                out.push_str(&format!("- {e}: {v} of 10\n"));
            }
        }
        if let Some(s) = &c.sleep {
            out.push_str(&format!("- sleep: {s}\n"));
        }
        if let Some(a) = &c.appetite {
            out.push_str(&format!("- appetite: {a}\n"));
        }
        if !c.note.is_empty() {
            out.push_str(&format!("\n{}\n", c.note));
        }
    }

    let mut list = triggers::list(conn, &Period::default())?;
    list.reverse();
    if !list.is_empty() {
        out.push_str("\n## Trigger log\n");
    }
    for t in list {
        out.push_str(&format!("\n### {} · {}\n\n", t.at, t.category));
        if let Some(i) = t.intensity {
            out.push_str(&format!("How strong: {i} of 10\n\n"));
        }
        for (label, text) in [
            ("What happened", &t.situation),
            ("What I felt", &t.feelings),
            ("What helped", &t.helped),
            ("What I needed", &t.needed),
        ] {
            out.push_str(&format!("**{label}**\n\n{text}\n\n"));
        }
    }

    let mut list = questions::list(conn)?;
    list.reverse();
    if !list.is_empty() {
        out.push_str("\n## Questions and answers\n");
    }
    for q in list {
        out.push_str(&format!(
            "\n### {}\n\n_{}_\n\n",
            heading(&q.question, "Question"),
            q.asked_at
        ));
        out.push_str(&format!("**Question**\n\n{}\n\n**Answer**\n\n{}\n", q.question, q.answer));
        if !q.note.is_empty() {
            out.push_str(&format!("\n**Note**\n\n{}\n", q.note));
        }
    }

    let list = rewoo::list(conn)?;
    if !list.is_empty() {
        out.push_str("\n## Re-wooing plans\n");
    }
    for r in list {
        out.push_str(&format!("\n### {}\n\n", heading(&r.plan, "Plan")));
        out.push_str(&format!("- kind: {}\n", r.kind.replace('_', " ")));
        if let Some(d) = &r.planned_for {
            out.push_str(&format!("- planned for: {d}\n"));
        }
        match &r.done_at {
            Some(d) => out.push_str(&format!("- done: {d}\n")),
            None => out.push_str("- not done yet\n"),
        }
        out.push_str(&format!("\n{}\n", r.plan));
        if !r.note.is_empty() {
            out.push_str(&format!("\n{}\n", r.note));
        }
    }

    readiness_markdown(conn, &mut out)?;
    session_prep_markdown(conn, &mut out)?;
    apology_markdown(conn, &mut out)?;
    Ok(out)
}

/// An answer on the 0–3 scale in words.
fn often_words(answer: Option<u8>) -> &'static str {
    answer.and_then(frequency_label).unwrap_or("not answered")
}

/// Readiness results, oldest first, with every answer and what it showed.
fn readiness_markdown(conn: &Connection, out: &mut String) -> Result<()> {
    let mut list = store::list(conn, None)?;
    list.reverse();
    if !list.is_empty() {
        out.push_str("\n## Therapy readiness\n");
    }
    for r in list {
        out.push_str(&format!("\n### {} · {}\n\n", r.kind.name(), r.taken_at));
        match &r.answers {
            Given::Checklist(a) => checklist_markdown(out, a, &r.evaluation),
            Given::Gad7(a) => screener_markdown(out, &GAD7, &a.items, a.difficulty, &r.evaluation),
            Given::Phq9(a) => screener_markdown(out, &PHQ9, &a.items, a.difficulty, &r.evaluation),
        }
    }
    Ok(())
}

fn checklist_markdown(out: &mut String, answers: &Answers, e: &Evaluation) {
    for sign in Sign::ALL {
        let a = answers.get(sign);
        let worse = match a.getting_worse {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not answered",
        };
        out.push_str(&format!(
            "- {}: {}; getting worse: {worse}\n",
            sign.label(),
            often_words(a.often)
        ));
    }
    if let Some(c) = &e.checklist {
        out.push_str(&format!("\n{}\n", c.summary));
    }
}

fn screener_markdown(
    out: &mut String,
    instrument: &Instrument,
    items: &[Option<u8>],
    difficulty: Option<u8>,
    e: &Evaluation,
) {
    for (i, (item, answer)) in instrument.items.iter().zip(items).enumerate() {
        out.push_str(&format!("{}. {item}: {}\n", i + 1, often_words(*answer)));
    }
    let difficulty = difficulty
        .and_then(|d| DIFFICULTY_OPTIONS.get(usize::from(d)).copied())
        .unwrap_or("not answered");
    out.push_str(&format!("\n{DIFFICULTY_QUESTION} {difficulty}\n\n"));
    match (e.total, e.band_label) {
        (Some(total), Some(band)) => out.push_str(&format!(
            "Total {total} of {}: {}.\n",
            instrument.max_total,
            band.to_lowercase()
        )),
        _ => out.push_str(&format!(
            "Not complete: {} of {} answered, so there is no total.\n",
            e.answered, e.of
        )),
    }
}

/// The session-prep sheet's words, when a draft was kept.
fn session_prep_markdown(conn: &Connection, out: &mut String) -> Result<()> {
    let Some(d) = draft::load_saved(conn)? else { return Ok(()) };
    out.push_str("\n## Notes for a therapy session\n");
    out.push_str(&format!("\n**What brings me**\n\n{}\n", d.what_brings_me));
    out.push_str("\n**Questions for my therapist**\n\n");
    for (i, q) in d.questions.iter().enumerate() {
        out.push_str(&format!("{}. {q}\n", i + 1));
    }
    let kind = match d.goal_kind {
        GoalKind::Individual => "individual therapy",
        GoalKind::Couples => "couples therapy",
        GoalKind::NotSure => "not sure yet",
    };
    out.push_str(&format!("\n**My goals** ({kind})\n\n{}\n", d.goals));
    if let Some(c) = &d.crisis_country {
        out.push_str(&format!("\nCrisis lines for: {c}\n"));
    }
    Ok(())
}

/// Apology drafts, oldest first: status, the builder's answers, then every version.
fn apology_markdown(conn: &Connection, out: &mut String) -> Result<()> {
    let list = drafts::all(conn)?;
    if !list.is_empty() {
        out.push_str("\n## Apology drafts\n");
    }
    for d in list {
        out.push_str(&format!(
            "\n### {}\n\n_Begun {}_",
            heading(&d.title, "Untitled draft"),
            d.created_at
        ));
        match &d.ready_at {
            Some(r) => out.push_str(&format!(" · marked ready {r}\n")),
            None => out.push_str(" · not marked ready\n"),
        }
        if !d.steps.is_empty() {
            out.push_str("\n#### Guided builder\n");
            for (question, answer) in d.steps.labelled() {
                out.push_str(&format!("\n**{question}**\n\n{answer}\n"));
            }
        }
        for v in &d.versions {
            out.push_str(&format!("\n#### Version of {}\n\n", v.day));
            if v.title != d.title {
                out.push_str(&format!("_Titled: {}_\n\n", heading(&v.title, "Untitled draft")));
            }
            out.push_str(&v.body);
            out.push('\n');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::Utc;

    use super::*;
    use crate::workbook::checkins::CheckinDraft;
    use crate::workbook::journal::{Draft, EntryDraft};
    use crate::workbook::questions::QuestionDraft;
    use crate::workbook::rewoo::RewooDraft;
    use crate::workbook::test_db;
    use crate::workbook::triggers::TriggerDraft;

    /// A vault with one of everything, each holding a distinct word.
    fn filled() -> Connection {
        let conn = test_db();
        let now = Utc::now();
        for (t, b) in [("first", "one"), ("", "two 🌿")] {
            journal::save(&conn, &Draft { id: None, title: t.into(), body: b.into() }, now)
                .unwrap();
        }
        let guided = EntryDraft {
            body: "guidedanswer".into(),
            prompt: Some("needs-no-longer".into()),
            ..EntryDraft::default()
        };
        journal::save_entry(&conn, &guided, now).unwrap();
        let fields: BTreeMap<String, String> =
            [("wontTolerate".to_owned(), "docword".to_owned())].into();
        docs::save(&conn, "needs", "2026-03-12", &fields, now).unwrap();
        let emotions = [("anger".to_owned(), Some(7.0))].into();
        let c = CheckinDraft { emotions, note: "checkinword".into(), ..CheckinDraft::default() };
        checkins::save(&conn, &c, now).unwrap();
        let t = TriggerDraft {
            category: "phone".into(),
            helped: "triggerword".into(),
            ..TriggerDraft::default()
        };
        triggers::save(&conn, &t, now).unwrap();
        let q = QuestionDraft {
            question: "questionword?".into(),
            answer: "answerword".into(),
            ..QuestionDraft::default()
        };
        questions::save(&conn, &q, now).unwrap();
        let r =
            RewooDraft { kind: "meal".into(), plan: "rewooword".into(), ..RewooDraft::default() };
        rewoo::save(&conn, &r, now).unwrap();
        let checklist = serde_json::json!({ "focus": { "often": 2, "gettingWorse": true } });
        store::save(&conn, "checklist", &checklist, None, now).unwrap();
        let partial = serde_json::json!({ "items": [1, 1, 1, null, 1, 1, 1] });
        store::save(&conn, "gad7", &partial, None, now).unwrap();
        let phq9 = serde_json::json!({ "items": [2, 2, 2, 2, 2, 2, 2, 2, 0], "difficulty": 2 });
        store::save(&conn, "phq9", &phq9, None, now).unwrap();
        let d = draft::Draft {
            what_brings_me: "prepword".into(),
            questions: vec!["therapistquestion".into()],
            ..draft::Draft::default()
        };
        draft::save(&conn, &d, now).unwrap();
        let first = drafts::DraftInput {
            title: "apologytitle".into(),
            body: "apologyfirst".into(),
            steps: Some(drafts::Steps { behavior: "builderword".into(), ..Default::default() }),
            today: "2026-03-12".into(),
            ..Default::default()
        };
        let a = drafts::save(&conn, &first, now).unwrap();
        let next = drafts::DraftInput {
            id: Some(a.id),
            body: "apologysecond 🌊 שלום".into(),
            today: "2026-03-13".into(),
            ..first
        };
        drafts::save(&conn, &next, now).unwrap();
        conn
    }

    const WORDS: [&str; 14] = [
        "guidedanswer",
        "docword",
        "checkinword",
        "triggerword",
        "questionword",
        "answerword",
        "rewooword",
        "two 🌿",
        "prepword",
        "therapistquestion",
        "apologytitle",
        "apologyfirst",
        "apologysecond 🌊 שלום",
        "builderword",
    ];

    #[test]
    fn markdown_holds_every_kind_of_data() {
        let md = markdown(&filled()).unwrap();
        assert!(md.contains("### first") && md.contains("### Untitled"));
        for word in WORDS {
            assert!(md.contains(word), "{word} missing from the Markdown export");
        }
        assert!(md.contains(prompts::find("needs-no-longer").unwrap().text), "prompt text");
        assert!(md.contains("- anger: 7 of 10"));
        assert!(md.contains("What I will no longer tolerate"));
        assert!(md.contains("- Trouble focusing: More than half the days; getting worse: yes"));
        assert!(md.contains("Not complete: 6 of 7 answered, so there is no total."), "{md}");
        assert!(md.contains("4. Feeling tired or having little energy: More than half the days"));
        assert!(md.contains("Total 16 of 27: moderately severe."), "{md}");
        assert!(md.contains("with other people? Very difficult"), "the difficulty answer");
        assert!(md.contains("## Apology drafts\n\n### apologytitle"), "{md}");
        let first = md.find("#### Version of 2026-03-12\n\napologyfirst\n").expect("day one");
        let second = md.find("#### Version of 2026-03-13\n\napologysecond").expect("day two");
        assert!(first < second, "versions oldest first");
        assert!(md.contains("**What did you do?**\n\nbuilderword\n"));
        assert!(md.contains("· not marked ready"));
    }

    #[test]
    fn json_holds_every_kind_of_data() {
        let parsed: serde_json::Value = serde_json::from_str(&json(&filled()).unwrap()).unwrap();
        assert_eq!(parsed["format"], "mend-export");
        assert_eq!(parsed["version"], 4);
        assert_eq!(parsed["journal"].as_array().unwrap().len(), 3);
        for key in ["documents", "checkins", "triggers", "questions", "rewoo"] {
            assert_eq!(parsed[key].as_array().unwrap().len(), 1, "{key}");
        }
        let readiness = parsed["readiness"].as_array().unwrap();
        assert_eq!(readiness.len(), 3);
        assert!(readiness.iter().any(|r| r["answers"]["items"][3].is_null()), "item answers");
        assert_eq!(parsed["sessionPrep"]["questions"][0], "therapistquestion");
        let apology = &parsed["apology"][0];
        assert_eq!(apology["body"], "apologysecond 🌊 שלום", "the current words");
        assert_eq!(apology["steps"]["behavior"], "builderword");
        let versions: Vec<&str> = apology["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["body"].as_str().unwrap())
            .collect();
        assert_eq!(
            versions,
            ["apologyfirst", "apologysecond 🌊 שלום"],
            "every version, oldest first"
        );
        let text = parsed.to_string();
        for word in WORDS {
            assert!(text.contains(word), "{word} missing from the JSON export");
        }
    }

    #[test]
    fn every_document_field_has_a_label() {
        for (kind, keys) in docs::KINDS {
            let (_, _, labels) = DOC_LABELS.iter().find(|(k, _, _)| *k == kind).unwrap();
            let labelled: Vec<&str> = labels.iter().map(|(k, _)| *k).collect();
            assert_eq!(labelled, keys, "{kind}");
        }
    }

    #[test]
    fn an_empty_vault_exports_cleanly() {
        let conn = test_db();
        assert!(markdown(&conn).unwrap().starts_with("# Mend export"));
        let parsed: serde_json::Value = serde_json::from_str(&json(&conn).unwrap()).unwrap();
        assert_eq!(parsed["journal"], serde_json::json!([]));
        assert_eq!(parsed["readiness"], serde_json::json!([]));
        assert!(parsed["sessionPrep"].is_null());
        assert_eq!(parsed["apology"], serde_json::json!([]));
        assert!(!markdown(&conn).unwrap().contains("## Apology drafts"));
    }
}
