//! Realistic made-up data for benchmarks and performance-sensitive tests: years of daily
//! use generated from a seed, so every run sees the same vault. Never used by the app.

use chrono::{Duration, TimeZone, Utc};
use rusqlite::Connection;

use crate::error::Result;
use crate::workbook::checkins::{self, CheckinDraft, EMOTIONS};
use crate::workbook::journal::{self, Draft};
use crate::workbook::triggers::{self, TriggerDraft, CATEGORIES};

/// A small, fast, seedable generator (SplitMix64); not for anything secret.
pub struct Rng(u64);

impl Rng {
    /// A generator that always yields the same sequence for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "today",
    "felt",
    "tired",
    "angry",
    "calm",
    "again",
    "question",
    "phone",
    "walk",
    "sleep",
    "dinner",
    "talked",
    "quiet",
    "hope",
    "afraid",
    "trust",
    "honest",
    "slowly",
    "morning",
    "evening",
    "therapist",
    "boundary",
    "need",
    "remember",
    "kitchen",
    "car",
    "work",
    "friend",
    "cried",
    "laughed",
    "breathe",
    "wave",
    "heavy",
    "lighter",
    "asked",
    "answered",
    "patience",
    "sorry",
    "listen",
    "space",
    "garden",
    "rain",
    "coffee",
    "letter",
    "weekend",
    "promise",
];

/// A sentence-like run of `words` words.
pub fn text(rng: &mut Rng, words: usize) -> String {
    let mut out = String::with_capacity(words * 7);
    for i in 0..words {
        if i > 0 {
            out.push(if rng.below(12) == 0 { '.' } else { ' ' });
            if out.ends_with('.') {
                out.push(' ');
            }
        }
        out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    out.push('.');
    out
}

/// The first day of generated data: 1 January 2016.
fn first_day() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).single().unwrap_or_else(Utc::now)
}

/// Fills `conn` with `days` days of journal entries (one a day at 21:00 UTC, 60–400
/// words) from 1 January 2016, in one transaction. Returns how many entries were written.
pub fn fill_journal(conn: &Connection, days: u32, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let start = first_day() + Duration::hours(21);
    let tx = conn.unchecked_transaction()?;
    for day in 0..days {
        let (title_words, words) = (3 + rng.below(4) as usize, 60 + rng.below(340) as usize);
        let draft =
            Draft { id: None, title: text(&mut rng, title_words), body: text(&mut rng, words) };
        journal::save(&tx, &draft, start + Duration::days(i64::from(day)))?;
    }
    tx.commit()?;
    Ok(days as usize)
}

/// A random moment within `days` days from 1 January 2016.
fn moment(rng: &mut Rng, days: u32) -> chrono::DateTime<Utc> {
    first_day() + Duration::seconds(rng.below(u64::from(days.max(1)) * 86_400) as i64)
}

/// Adds `count` emotion check-ins at random moments within `days` days from 1 January
/// 2016, each noting a few feelings, in one transaction. Returns how many were written.
pub fn fill_checkins(conn: &Connection, count: usize, days: u32, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let tx = conn.unchecked_transaction()?;
    for _ in 0..count {
        let at = moment(&mut rng, days);
        let mut emotions = std::collections::BTreeMap::new();
        for e in EMOTIONS {
            if rng.below(3) > 0 {
                emotions.insert(e.to_owned(), Some(rng.below(11) as f64));
            }
        }
        let pick = |rng: &mut Rng, of: &[&str]| {
            let i = rng.below(of.len() as u64 + 1) as usize;
            of.get(i).map(|s| (*s).to_owned())
        };
        let draft = CheckinDraft {
            id: None,
            at: Some(journal::timestamp(at)),
            emotions,
            sleep: pick(&mut rng, &checkins::SLEEP),
            appetite: pick(&mut rng, &checkins::APPETITE),
            note: if rng.below(2) == 0 { String::new() } else { text(&mut rng, 12) },
        };
        checkins::save(&tx, &draft, at)?;
    }
    tx.commit()?;
    Ok(count)
}

/// What helped, from a short list so that patterns repeat (in varied case and spacing).
const HELPED: &[&str] = &["a walk", "A walk", "calling my sister", "tea", "breathing slowly", ""];

/// Adds `count` trigger entries at random moments within `days` days from 1 January
/// 2016, in one transaction. Returns how many were written.
pub fn fill_triggers(conn: &Connection, count: usize, days: u32, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let tx = conn.unchecked_transaction()?;
    for _ in 0..count {
        let at = moment(&mut rng, days);
        let draft = TriggerDraft {
            id: None,
            at: Some(journal::timestamp(at)),
            category: CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize].to_owned(),
            situation: text(&mut rng, 20),
            feelings: text(&mut rng, 6),
            intensity: (rng.below(5) > 0).then(|| rng.below(11) as f64),
            helped: HELPED[rng.below(HELPED.len() as u64) as usize].to_owned(),
            needed: text(&mut rng, 8),
        };
        triggers::save(&tx, &draft, at)?;
    }
    tx.commit()?;
    Ok(count)
}

/// How much [`fill_ten_years`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filled {
    pub journal: usize,
    pub checkins: usize,
    pub triggers: usize,
}

/// Ten years of use from 1 January 2016 (3,650 days): a journal entry a day, 10,000
/// check-ins and 2,000 triggers.
pub fn fill_ten_years(conn: &Connection, seed: u64) -> Result<Filled> {
    const DAYS: u32 = 3_650;
    Ok(Filled {
        journal: fill_journal(conn, DAYS, seed)?,
        checkins: fill_checkins(conn, 10_000, DAYS, seed.wrapping_add(1))?,
        triggers: fill_triggers(conn, 2_000, DAYS, seed.wrapping_add(2))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(text(&mut a, 50), text(&mut b, 50));
    }

    #[test]
    fn fills_the_requested_days() {
        let conn = crate::workbook::test_db();
        assert_eq!(fill_journal(&conn, 30, 1).unwrap(), 30);
        assert_eq!(journal::list(&conn).unwrap().len(), 30);
    }

    #[test]
    fn fills_check_ins_and_triggers_within_the_days() {
        let conn = crate::workbook::test_db();
        assert_eq!(fill_checkins(&conn, 50, 10, 3).unwrap(), 50);
        assert_eq!(fill_triggers(&conn, 20, 10, 4).unwrap(), 20);
        let all = checkins::list(&conn, &checkins::Period::default()).unwrap();
        assert_eq!(all.len(), 50);
        assert!(all.iter().all(|c| c.at.as_str() < "2016-01-11"), "within 10 days");
        let t = triggers::list(&conn, &checkins::Period::default()).unwrap();
        assert_eq!(t.len(), 20);
    }
}
