//! The session-prep sheet: what a person chooses to bring to a therapy session, rendered
//! as an HTML fragment (live preview and printing) and as a PDF (Save as PDF).
//!
//! Invariants: every section is opt-in (`None`, or nothing written, leaves it out); both
//! renderers draw from the same [`Sheet`] through one intermediate document ([`Doc`],
//! which the window's preview also draws, as data), so the preview and the PDF say the
//! same thing; every piece of the person's text is escaped in HTML and drawn as text in
//! the PDF; the renderers touch neither the disk nor the network (the caller saves the
//! bytes, after its "not encrypted" warning). [`draft`] keeps the person's choices in the
//! vault and gathers the sheet's data from it.

mod content;
pub mod draft;
mod html;
mod pdf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::readiness::checklist::{Answers, DatedAnswers};
use crate::readiness::screeners::{Gad7Answers, Phq9Answers};

pub use content::{Block, Column, Doc, Section, Table};
pub use html::STYLESHEET;

/// Everything the person chose to put on the sheet. `None` leaves a section out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sheet {
    /// The day of the session (or of writing), printed under the title.
    pub date: NaiveDate,
    /// "What brings me": the person's own words.
    #[serde(default)]
    pub what_brings_me: Option<String>,
    /// The readiness checklist as answered now.
    #[serde(default)]
    pub checklist: Option<Answers>,
    /// Earlier checklist answers, for the trend (any order; the newest six are shown).
    #[serde(default)]
    pub checklist_trend: Option<Vec<DatedAnswers>>,
    /// GAD-7 and PHQ-9 with item answers.
    #[serde(default)]
    pub screeners: Option<Screeners>,
    /// A summary of recent emotion check-ins from the workbook.
    #[serde(default)]
    pub checkins_summary: Option<CheckinsSummary>,
    /// A summary of recent triggers from the workbook.
    #[serde(default)]
    pub triggers_summary: Option<TriggersSummary>,
    /// Chosen needs and boundaries.
    #[serde(default)]
    pub needs: Option<Needs>,
    /// Questions for the therapist, one per entry.
    #[serde(default)]
    pub questions_for_therapist: Option<Vec<String>>,
    /// What the person hopes therapy will help with.
    #[serde(default)]
    pub goals: Option<Goals>,
    /// ISO country code whose crisis lines are printed at the end (unlisted: the directory).
    #[serde(default)]
    pub crisis_country: Option<String>,
    /// How the page looks.
    #[serde(default)]
    pub options: Options,
}

/// The questionnaires on the sheet; either may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Screeners {
    #[serde(default)]
    pub gad7: Option<Taken<Gad7Answers>>,
    #[serde(default)]
    pub phq9: Option<Taken<Phq9Answers>>,
}

/// Questionnaire answers and the day they were given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Taken<A> {
    #[serde(default)]
    pub on: Option<NaiveDate>,
    pub answers: A,
}

/// Recent emotion check-ins, summarised by the workbook. Intensities are 0–10.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckinsSummary {
    /// The time covered, in words ("1 October to 25 November 2026").
    pub period: String,
    /// How many check-ins fall in it.
    pub count: u32,
    /// One line per emotion that was noted.
    #[serde(default)]
    pub emotions: Vec<EmotionSummary>,
    /// Anything the person wants to add.
    #[serde(default)]
    pub note: Option<String>,
}

/// How one emotion showed up over the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmotionSummary {
    pub name: String,
    /// On how many check-ins it was noted.
    pub times: u32,
    /// The strongest it was, 0–10.
    #[serde(default)]
    pub highest: Option<u8>,
    /// The middle of its intensities (median), 0–10.
    #[serde(default)]
    pub typical: Option<u8>,
}

/// Recent triggers, summarised by the workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TriggersSummary {
    /// The time covered, in words.
    pub period: String,
    /// How many moments were logged in it.
    pub count: u32,
    /// The moments the person chose to show.
    #[serde(default)]
    pub moments: Vec<TriggerMoment>,
    /// Anything the person wants to add (patterns they noticed, for example).
    #[serde(default)]
    pub note: Option<String>,
}

/// One logged trigger. Empty texts are left off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TriggerMoment {
    #[serde(default)]
    pub on: Option<NaiveDate>,
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub felt: String,
    /// How strong, 0–10.
    #[serde(default)]
    pub intensity: Option<u8>,
    #[serde(default)]
    pub helped: String,
    #[serde(default)]
    pub needed: String,
}

/// Chosen needs and boundaries, under the article's three questions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Needs {
    #[serde(default)]
    pub in_relationship: Vec<String>,
    #[serde(default)]
    pub from_partner: Vec<String>,
    #[serde(default)]
    pub will_not_accept: Vec<String>,
}

/// What kind of therapy the person is thinking about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GoalKind {
    Individual,
    Couples,
    NotSure,
}

/// The person's goals for therapy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goals {
    pub kind: GoalKind,
    #[serde(default)]
    pub text: String,
}

/// Paper size of the PDF (the HTML leaves this to the print dialog).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// How the sheet looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Options {
    /// Print "Mend" on the page (and in the PDF's metadata). Off: nothing names the app.
    pub show_app_name: bool,
    pub paper: Paper,
}

impl Default for Options {
    fn default() -> Self {
        Options { show_app_name: true, paper: Paper::A4 }
    }
}

impl Sheet {
    /// A sheet for `date` with every section left out.
    pub fn new(date: NaiveDate) -> Self {
        Sheet {
            date,
            what_brings_me: None,
            checklist: None,
            checklist_trend: None,
            screeners: None,
            checkins_summary: None,
            triggers_summary: None,
            needs: None,
            questions_for_therapist: None,
            goals: None,
            crisis_country: None,
            options: Options::default(),
        }
    }

    /// Refuses answers outside their scales (0–3 for the checklist and questionnaires,
    /// 0–10 for intensities). Length is not limited here: long text flows onto more pages.
    pub fn validate(&self) -> Result<()> {
        if let Some(answers) = &self.checklist {
            answers.validate()?;
        }
        for dated in self.checklist_trend.iter().flatten() {
            dated.answers.validate()?;
        }
        if let Some(s) = &self.screeners {
            if let Some(t) = &s.gad7 {
                t.answers.score()?;
            }
            if let Some(t) = &s.phq9 {
                t.answers.score()?;
            }
        }
        let intensity = |v: Option<u8>, what: &str| match v {
            Some(v) if v > 10 => Err(Error::Invalid(format!(
                "{what} is {v}, but intensities go from 0 to 10. Nothing was changed."
            ))),
            _ => Ok(()),
        };
        for e in self.checkins_summary.iter().flat_map(|c| &c.emotions) {
            intensity(e.highest, "The highest intensity")?;
            intensity(e.typical, "The typical intensity")?;
        }
        for m in self.triggers_summary.iter().flat_map(|t| &t.moments) {
            intensity(m.intensity, "A trigger's intensity")?;
        }
        Ok(())
    }
}

/// The sheet as the document both renderers lay out, for the window to draw with DOM
/// nodes. Like [`render_html`], out-of-range answers show as such rather than failing.
pub fn document(sheet: &Sheet) -> Doc {
    content::build(sheet)
}

/// The sheet as a standalone HTML fragment (`<article class="session-prep">…</article>`)
/// for the live preview and for printing. All of the person's text is escaped; there are
/// no inline styles or scripts (the CSP allows neither): style it with [`STYLESHEET`].
/// Out-of-range answers show as such rather than failing, so the preview never breaks.
pub fn render_html(sheet: &Sheet) -> String {
    html::render(&content::build(sheet))
}

/// The sheet as PDF bytes (A4 unless [`Options::paper`] says Letter), with the embedded
/// Liberation Sans font, page numbers and long text flowing across pages. Refuses a sheet
/// that does not [`Sheet::validate`].
pub fn render_pdf(sheet: &Sheet) -> Result<Vec<u8>> {
    sheet.validate()?;
    pdf::render(&content::build(sheet))
}

#[cfg(test)]
mod tests;
