//! Tests of the sheet's content and its HTML; the PDF is checked end to end in
//! `tests/session_prep_pdf.rs` (pdftotext and page images).

use chrono::NaiveDate;

use super::content::{self, all_text};
use super::*;
use crate::readiness::checklist::{Answers, DatedAnswers, Sign};
use crate::readiness::screeners::{Gad7Answers, Phq9Answers, ATTRIBUTION, GAD7, PHQ9};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A sheet with every field set to `text` (where a field is free text).
fn sheet_with_text_everywhere(text: &str) -> Sheet {
    let t = || text.to_string();
    Sheet {
        what_brings_me: Some(t()),
        checklist: Some(Answers::default().with(Sign::Anxiety, Some(2), Some(true))),
        checklist_trend: Some(vec![DatedAnswers {
            on: day(1),
            answers: Answers::default().with(Sign::Focus, Some(1), None),
        }]),
        screeners: Some(Screeners {
            gad7: Some(Taken {
                on: Some(day(20)),
                answers: Gad7Answers { items: [Some(2); 7], difficulty: Some(1) },
            }),
            phq9: Some(Taken {
                on: None,
                answers: Phq9Answers { items: [Some(1); 9], difficulty: None },
            }),
        }),
        checkins_summary: Some(CheckinsSummary {
            period: t(),
            count: 12,
            emotions: vec![EmotionSummary {
                name: t(),
                times: 5,
                highest: Some(8),
                typical: Some(5),
            }],
            note: Some(t()),
        }),
        triggers_summary: Some(TriggersSummary {
            period: t(),
            count: 3,
            moments: vec![TriggerMoment {
                on: Some(day(18)),
                what: t(),
                felt: t(),
                intensity: Some(7),
                helped: t(),
                needed: t(),
            }],
            note: Some(t()),
        }),
        needs: Some(Needs {
            in_relationship: vec![t()],
            from_partner: vec![t()],
            will_not_accept: vec![t()],
        }),
        questions_for_therapist: Some(vec![t(), t()]),
        goals: Some(Goals { kind: GoalKind::Couples, text: t() }),
        crisis_country: Some("GB".into()),
        ..Sheet::new(day(25))
    }
}

mod html_fragment {
    use super::*;

    const MARKUP: &str = r#"<script>alert("x")</script><img src=x onerror='y'>&amp;"#;

    #[test]
    fn every_field_is_escaped() {
        let html = render_html(&sheet_with_text_everywhere(MARKUP));
        for raw in ["<script", "<img", "onerror='", "alert(\"x\")"] {
            assert!(!html.contains(raw), "{raw} reached the HTML unescaped");
        }
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;y&#39;&gt;&amp;amp;";
        // What brings me, two periods, the emotion's name, two notes, a trigger's four texts,
        // three needs, two questions and the goals: 16 places.
        assert_eq!(html.matches(escaped).count(), 16, "{html}");
    }

    #[test]
    fn has_no_inline_style_or_script_for_the_csp() {
        let html = render_html(&sheet_with_text_everywhere("x"));
        for bad in ["style=", "<style", "<script", "javascript:", "onclick", "http"] {
            assert!(!html.contains(bad), "{bad} in the fragment");
        }
        assert!(html.starts_with("<article class=\"session-prep\""));
        assert!(html.trim_end().ends_with("</article>"));
    }

    #[test]
    fn shows_every_section_that_was_chosen() {
        let html = render_html(&sheet_with_text_everywhere("words"));
        for heading in [
            "What brings me",
            "The past two weeks",
            "The checklist over time",
            "Questionnaires",
            "Recent check-ins",
            "Triggers",
            "Needs and boundaries",
            "Questions for my therapist",
            "My goals",
            "If things feel unsafe",
        ] {
            assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading} missing");
        }
        assert!(html.contains("Samaritans") && html.contains("116 123"));
        assert!(html.contains("Couples therapy"));
    }

    #[test]
    fn the_app_name_appears_only_when_asked_for() {
        let mut sheet = sheet_with_text_everywhere("words");
        assert!(render_html(&sheet).contains("Mend"));
        sheet.options.show_app_name = false;
        let html = render_html(&sheet);
        assert!(!html.contains("Mend"), "{html}");
    }

    #[test]
    fn out_of_range_answers_show_as_such_instead_of_failing() {
        let mut sheet = Sheet::new(day(25));
        let mut items = [Some(1); 7];
        items[0] = Some(9);
        sheet.screeners = Some(Screeners {
            gad7: Some(Taken { on: None, answers: Gad7Answers { items, difficulty: Some(7) } }),
            phq9: None,
        });
        let html = render_html(&sheet);
        assert!(html.contains("Not a valid answer (9)"));
        assert!(html.contains("Not a valid answer (7)"));
        assert!(html.contains("so there is no total"));
        assert!(render_pdf(&sheet).is_err(), "the PDF refuses what the preview flags");
    }
}

mod words {
    use super::*;

    #[test]
    fn an_empty_sheet_is_just_the_title_and_date() {
        let doc = content::build(&Sheet::new(day(25)));
        assert!(doc.sections.is_empty());
        assert_eq!(doc.date, "25 November 2026");
        assert_eq!(doc.app_name, Some("Mend"));
    }

    #[test]
    fn blank_text_leaves_a_section_out() {
        let sheet = Sheet {
            what_brings_me: Some("  \n ".into()),
            questions_for_therapist: Some(vec![" ".into(), String::new()]),
            needs: Some(Needs::default()),
            ..Sheet::new(day(25))
        };
        assert!(content::build(&sheet).sections.is_empty());
    }

    #[test]
    fn control_characters_are_dropped_and_line_breaks_kept() {
        assert_eq!(content::clean("a\0b\u{1b}[31mc\r\nd\te"), "ab[31mc\nd e");
    }

    #[test]
    fn screeners_show_items_answers_totals_and_attribution() {
        let sheet = sheet_with_text_everywhere("x");
        let text = all_text(&content::build(&sheet)).join("\n");
        assert!(text.contains("Total 14 of 21: moderate."), "{text}");
        assert!(text.contains("Total 9 of 27: mild."), "{text}");
        for item in GAD7.items.iter().chain(PHQ9.items) {
            assert!(text.contains(item), "{item} missing");
        }
        assert!(text.contains(ATTRIBUTION));
        assert!(text.contains(GAD7.stem) && text.contains(PHQ9.stem));
        assert!(text.contains("Somewhat difficult"));
        assert_eq!(
            text.matches("not a diagnosis").count(),
            2,
            "once for the checklist, once for the questionnaires"
        );
    }

    #[test]
    fn an_incomplete_questionnaire_says_so_and_has_no_total() {
        let mut items = [Some(3); 9];
        items[4] = None;
        let sheet = Sheet {
            screeners: Some(Screeners {
                gad7: None,
                phq9: Some(Taken { on: None, answers: Phq9Answers { items, difficulty: None } }),
            }),
            ..Sheet::new(day(25))
        };
        let text = all_text(&content::build(&sheet)).join("\n");
        assert!(text.contains("8 of 9 questions answered"), "{text}");
        assert!(!text.contains("Total"), "{text}");
    }

    #[test]
    fn a_phq9_item_9_answer_is_named_with_help_at_hand() {
        let mut items = [Some(0); 9];
        items[8] = Some(1);
        let mut sheet = Sheet {
            screeners: Some(Screeners {
                gad7: None,
                phq9: Some(Taken { on: None, answers: Phq9Answers { items, difficulty: None } }),
            }),
            ..Sheet::new(day(25))
        };
        let text = all_text(&content::build(&sheet)).join("\n");
        assert!(text.contains("Question 9"), "{text}");
        assert!(!text.contains("end of this sheet"));
        sheet.crisis_country = Some("AU".into());
        let text = all_text(&content::build(&sheet)).join("\n");
        assert!(text.contains("end of this sheet") && text.contains("13 11 14"), "{text}");
    }

    #[test]
    fn an_unlisted_country_gets_the_directory() {
        let sheet = Sheet { crisis_country: Some("BR".into()), ..Sheet::new(day(25)) };
        let text = all_text(&content::build(&sheet)).join("\n");
        assert!(text.contains("findahelpline.com") && text.contains("local emergency number"));
    }

    #[test]
    fn the_trend_shows_the_newest_six_in_date_order() {
        let trend: Vec<DatedAnswers> = (1..=8)
            .rev()
            .map(|d| DatedAnswers {
                on: day(d),
                answers: Answers::default().with(Sign::Focus, Some((d % 4) as u8), Some(d == 8)),
            })
            .collect();
        let sheet = Sheet { checklist_trend: Some(trend), ..Sheet::new(day(25)) };
        let doc = content::build(&sheet);
        let content::Block::Table(t) = &doc.sections[0].blocks[0] else { panic!("a table") };
        let titles: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Sign",
                "3 Nov 2026",
                "4 Nov 2026",
                "5 Nov 2026",
                "6 Nov 2026",
                "7 Nov 2026",
                "8 Nov 2026"
            ]
        );
        let focus = t.rows.iter().find(|r| r[0] == Sign::Focus.label()).unwrap();
        assert_eq!(focus[1..], ["3", "0", "1", "2", "3", "0, worse"]);
        let widths: f32 = t.columns.iter().map(|c| c.width).sum();
        assert!((widths - 1.0).abs() < 1e-4);
        assert!(all_text(&doc).join(" ").contains("newest 6 of 8"));
    }
}

mod input {
    use super::*;

    #[test]
    fn intensities_above_ten_are_refused() {
        let mut sheet = Sheet::new(day(25));
        sheet.triggers_summary = Some(TriggersSummary {
            moments: vec![TriggerMoment { intensity: Some(11), ..Default::default() }],
            ..Default::default()
        });
        assert!(sheet.validate().unwrap_err().to_string().contains("0 to 10"));
    }

    #[test]
    fn the_sheet_reads_from_the_windows_json() {
        let json = r#"{
            "date": "2026-11-25",
            "whatBringsMe": "hello",
            "checklist": { "anxiety": { "often": 2, "gettingWorse": true } },
            "screeners": { "gad7": { "answers": { "items": [1,1,1,1,1,1,null] } } },
            "goals": { "kind": "notSure", "text": "" },
            "options": { "showAppName": false, "paper": "letter" }
        }"#;
        let sheet: Sheet = serde_json::from_str(json).unwrap();
        assert_eq!(sheet.options, Options { show_app_name: false, paper: Paper::Letter });
        assert_eq!(sheet.goals.unwrap().kind, GoalKind::NotSure);
        assert!(sheet.needs.is_none());
        assert!(serde_json::from_str::<Sheet>(r#"{"date":"2026-11-25","surprise":1}"#).is_err());
    }

    #[test]
    fn options_default_to_a4_with_the_app_name() {
        let sheet: Sheet = serde_json::from_str(r#"{"date":"2026-11-25"}"#).unwrap();
        assert_eq!(sheet.options, Options { show_app_name: true, paper: Paper::A4 });
    }
}

mod pdf_bytes {
    use super::*;

    #[test]
    fn renders_a_pdf_for_an_empty_and_a_full_sheet() {
        for sheet in
            [Sheet::new(day(25)), sheet_with_text_everywhere("<b>words</b> ünï Ωμέγα Привет")]
        {
            let bytes = render_pdf(&sheet).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "a PDF header");
            assert!(bytes.len() > 2_000);
        }
    }

    #[test]
    fn scripts_the_font_lacks_and_odd_characters_do_not_panic() {
        let odd = "中文 日本語 한국어 العربية हिन्दी 🌊👍🏽 \u{202E}abc \u{200B}zero\u{FEFF} שלום \0\u{7}end";
        let sheet = Sheet { what_brings_me: Some(odd.repeat(50)), ..Sheet::new(day(25)) };
        assert!(render_pdf(&sheet).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn the_app_name_is_nowhere_in_the_file_when_hidden() {
        let mut sheet = sheet_with_text_everywhere("words");
        sheet.options.show_app_name = false;
        let bytes = render_pdf(&sheet).unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"Mend"), "the PDF bytes name the app");
    }
}

mod wire {
    use super::*;

    /// The window draws the preview from this JSON (`ui/js/views/prep.js`).
    #[test]
    fn the_document_reaches_the_window_in_this_shape() {
        let doc = Doc {
            title: "Notes".into(),
            date: "25 November 2026".into(),
            app_name: None,
            paper: Paper::Letter,
            sections: vec![Section {
                id: "all",
                heading: "Every block".into(),
                blocks: vec![
                    Block::Subheading("Sub".into()),
                    Block::Text("mine\n<b>".into()),
                    Block::Para("ours".into()),
                    Block::Note("quiet".into()),
                    Block::Bullets(vec!["a".into()]),
                    Block::Numbered(vec!["b".into(), "c".into()]),
                    Block::Fields(vec![("When".into(), "today".into())]),
                    Block::Table(Table {
                        columns: vec![
                            Column { title: "Sign".into(), width: 0.25 },
                            Column { title: "How often".into(), width: 0.75 },
                        ],
                        rows: vec![vec!["Focus".into(), "Several days".into()]],
                    }),
                ],
            }],
        };
        assert_eq!(
            serde_json::to_string(&doc).unwrap(),
            concat!(
                r#"{"title":"Notes","date":"25 November 2026","appName":null,"paper":"letter","#,
                r#""sections":[{"id":"all","heading":"Every block","blocks":["#,
                r#"{"type":"subheading","text":"Sub"},"#,
                r#"{"type":"text","text":"mine\n<b>"},"#,
                r#"{"type":"para","text":"ours"},"#,
                r#"{"type":"note","text":"quiet"},"#,
                r#"{"type":"bullets","items":["a"]},"#,
                r#"{"type":"numbered","items":["b","c"]},"#,
                r#"{"type":"fields","pairs":[["When","today"]]},"#,
                r#"{"type":"table","columns":[{"title":"Sign","width":0.25},"#,
                r#"{"title":"How often","width":0.75}],"rows":[["Focus","Several days"]]}"#,
                r#"]}]}"#
            )
        );
    }

    #[test]
    fn widths_and_the_app_name_read_as_written() {
        let sheet = Sheet { checklist: Some(Answers::default()), ..Sheet::new(day(25)) };
        // Tauri writes the reply with `serde_json::to_string`, which prints f32 as f32.
        let json = serde_json::to_string(&document(&sheet)).unwrap();
        assert!(json.contains(r#""appName":"Mend","paper":"a4""#), "{json}");
        assert!(json.contains(r#"{"title":"Sign","width":0.46}"#), "{json}");
    }
}
