//! The offline list of crisis and support lines by country, as plain data.
//!
//! The same content as `ui/js/crisis-data.js` (the window's copy); a test reads that file
//! and fails when the two drift apart. Numbers are text to read and copy; nothing here
//! dials or opens anything. The session-prep sheet prints the chosen country's lines.

use serde::Serialize;

/// When the list was last reviewed by the Mend developers.
pub const REVIEWED: &str = "November 2026";

/// A directory for countries that are not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Directory {
    pub name: &'static str,
    /// Where to find it, as text (no link is opened).
    #[serde(rename = "where")]
    pub location: &'static str,
    pub note: &'static str,
}

/// The fallback for every country not in [`COUNTRIES`].
pub const DIRECTORY: Directory = Directory {
    name: "Find A Helpline",
    location: "findahelpline.com",
    note: "Free, confidential helplines in many more countries.",
};

/// One line: who answers, the number, and how to reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub name: &'static str,
    pub number: &'static str,
    pub how: &'static str,
}

/// A country's emergency number and lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// The country's name, in its own language.
    pub name: &'static str,
    /// The local emergency number.
    pub emergency: &'static str,
    pub lines: &'static [Line],
}

const fn line(name: &'static str, number: &'static str, how: &'static str) -> Line {
    Line { name, number, how }
}

/// Every listed country, in the window's order.
pub const COUNTRIES: &[Country] = &[
    Country {
        code: "US",
        name: "United States",
        emergency: "911",
        lines: &[
            line("988 Suicide & Crisis Lifeline", "988", "Call or text, any time"),
            line(
                "National Domestic Violence Hotline",
                "1-800-799-7233",
                "Call any time, or text START to 88788",
            ),
        ],
    },
    Country {
        code: "GB",
        name: "United Kingdom",
        emergency: "999",
        lines: &[
            line("Samaritans", "116 123", "Call free, any time"),
            line("Shout", "85258", "Text SHOUT, any time"),
            line("National Domestic Abuse Helpline", "0808 2000 247", "Call free, any time"),
        ],
    },
    Country {
        code: "IE",
        name: "Ireland",
        emergency: "112 or 999",
        lines: &[
            line("Samaritans", "116 123", "Call free, any time"),
            line("50808", "50808", "Text HELLO, any time"),
            line("Women's Aid", "1800 341 900", "Call free, any time"),
        ],
    },
    Country {
        code: "CA",
        name: "Canada",
        emergency: "911",
        lines: &[
            line("9-8-8 Suicide Crisis Helpline", "988", "Call or text, any time"),
            line(
                "Hope for Wellness Help Line",
                "1-855-242-3310",
                "For Indigenous peoples, call any time",
            ),
        ],
    },
    Country {
        code: "AU",
        name: "Australia",
        emergency: "000",
        lines: &[
            line("Lifeline", "13 11 14", "Call any time, or text 0477 13 11 14"),
            line(
                "1800RESPECT",
                "1800 737 732",
                "Domestic, family and sexual violence support, any time",
            ),
        ],
    },
    Country {
        code: "NZ",
        name: "New Zealand",
        emergency: "111",
        lines: &[
            line("Need to talk? 1737", "1737", "Call or text free, any time"),
            line("Lifeline Aotearoa", "0800 543 354", "Call free, any time"),
            line("Women's Refuge", "0800 733 843", "Crisis line, any time"),
        ],
    },
    Country {
        code: "DE",
        name: "Deutschland",
        emergency: "112",
        lines: &[
            line(
                "TelefonSeelsorge",
                "0800 111 0 111",
                "Kostenlos, rund um die Uhr (auch 0800 111 0 222)",
            ),
            line("Hilfetelefon Gewalt gegen Frauen", "116 016", "Kostenlos, rund um die Uhr"),
        ],
    },
    Country {
        code: "FR",
        name: "France",
        emergency: "112",
        lines: &[
            line("Numéro national de prévention du suicide", "3114", "Gratuit, 24 h/24"),
            line("Violences Femmes Info", "3919", "Gratuit, 24 h/24"),
        ],
    },
    Country {
        code: "ES",
        name: "España",
        emergency: "112",
        lines: &[
            line("Línea de atención a la conducta suicida", "024", "Gratuita, 24 horas"),
            line("Atención a víctimas de violencia de género", "016", "Gratuita, 24 horas"),
        ],
    },
    Country {
        code: "NL",
        name: "Nederland",
        emergency: "112",
        lines: &[
            line("113 Zelfmoordpreventie", "0800 0113", "Gratis, dag en nacht (of 113)"),
            line("Veilig Thuis", "0800 2000", "Gratis, dag en nacht"),
        ],
    },
];

/// The country for an ISO code, any case; "UK" is taken as "GB". `None` when not listed
/// (show [`DIRECTORY`] then).
pub fn country(code: &str) -> Option<&'static Country> {
    let code = code.trim().to_ascii_uppercase();
    let code = if code == "UK" { "GB" } else { code.as_str() };
    COUNTRIES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_countries_by_code_in_any_case() {
        assert_eq!(country("us").unwrap().lines[0].number, "988");
        assert_eq!(country("UK").unwrap().code, "GB");
        assert_eq!(country(" ie ").unwrap().lines[0].number, "116 123");
        assert!(country("ZZ").is_none());
        assert!(country("").is_none());
    }

    #[test]
    fn the_design_examples_are_there() {
        assert_eq!(country("AU").unwrap().lines[0].number, "13 11 14");
        assert_eq!(country("CA").unwrap().lines[0].number, "988");
        assert_eq!(country("GB").unwrap().lines[0].number, "116 123");
    }

    #[test]
    fn every_country_has_an_emergency_number_and_lines_and_a_unique_code() {
        let mut codes: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRIES.len());
        for c in COUNTRIES {
            assert!(!c.emergency.is_empty() && !c.lines.is_empty(), "{}", c.code);
        }
    }

    /// The window shows `ui/js/crisis-data.js`; a printed sheet must not disagree with it.
    #[test]
    fn matches_the_windows_copy() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/js/crisis-data.js");
        let js = std::fs::read_to_string(path).expect("ui/js/crisis-data.js is readable");
        let has = |s: &str| js.contains(&format!("'{s}'")) || js.contains(&format!("\"{s}\""));
        assert!(js.contains(&format!("REVIEWED = '{REVIEWED}'")), "reviewed month differs");
        for text in [DIRECTORY.name, DIRECTORY.location, DIRECTORY.note] {
            assert!(has(text), "directory text {text:?} is not in crisis-data.js");
        }
        let js_codes = js.matches(": { name: '").count();
        assert_eq!(
            js_codes,
            COUNTRIES.len(),
            "crisis-data.js lists a different number of countries"
        );
        for c in COUNTRIES {
            assert!(js.contains(&format!("  {}: {{ name: ", c.code)), "{} missing in JS", c.code);
            for text in [c.name, c.emergency] {
                assert!(has(text), "{}: {text:?} differs from crisis-data.js", c.code);
            }
            for l in c.lines {
                for text in [l.name, l.number, l.how] {
                    assert!(has(text), "{}: {text:?} differs from crisis-data.js", c.code);
                }
            }
        }
    }
}
