//! Realistic made-up data for benchmarks and performance-sensitive tests: years of daily
//! use generated from a seed, so every run sees the same vault. Never used by the app.

use chrono::{Duration, TimeZone, Utc};
use rusqlite::Connection;

use crate::error::Result;
use crate::workbook::journal::{self, Draft};

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

/// Fills `conn` with `days` days of journal entries (one a day, 60–400 words), ending
/// today, in one transaction. Returns how many entries were written.
pub fn fill_journal(conn: &Connection, days: u32, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let start = Utc.with_ymd_and_hms(2016, 1, 1, 21, 0, 0).single().unwrap_or_else(Utc::now);
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
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("vault/sql/001_init.sql")).unwrap();
        assert_eq!(fill_journal(&conn, 30, 1).unwrap(), 30);
        assert_eq!(journal::list(&conn).unwrap().len(), 30);
    }
}
