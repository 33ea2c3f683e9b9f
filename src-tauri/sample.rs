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

/// How many distinct words the generated writing uses.
pub const VOCABULARY_SIZE: usize = 6_000;
/// The exponent of the word-frequency law: the word of rank `r` (1 = commonest) is
/// used in proportion to `1 / r^ZIPF_EXPONENT`, as in real writing (Zipf's law), so a
/// common word appears in most entries and a rare one in a handful.
pub const ZIPF_EXPONENT: f64 = 1.1;
/// Entries in the large journal of issue 7 (search over 100,000 entries).
pub const LARGE_JOURNAL_ENTRIES: u32 = 100_000;

/// The commonest words, commonest first: the glue of written English, then the words
/// people use when they write about feelings, trust and everyday life. Ranks beyond
/// these are made-up words ([`vocabulary`]), pronounceable and unique.
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "i", "the", "and", "to", "a", "was", "it", "my", "of", "me", "that", "in", "he", "she", "we",
    "not", "but", "for", "is", "felt", "so", "with", "about", "on", "you", "had", "at", "this",
    "just", "today", "be", "what", "when", "all", "like", "how", "again", "know", "out", "still",
    "him", "her", "do", "feel", "think", "really", "it's", "want", "up", "time", "more", "one",
    "don't", "then", "there", "could", "would", "talked", "night", "after", "because", "didn't",
    "can", "said", "why", "morning", "trust", "need", "tired", "us", "back", "even", "day", "home",
    "angry", "from", "some", "phone", "sad", "if", "much", "better", "work", "way", "something",
    "hope", "sleep", "asked", "told", "long", "little", "nothing", "evening", "cried", "calm",
    "hard", "going", "never", "quiet", "walk", "afraid", "week", "honest", "right", "over",
    "everything", "kids", "mind", "heart", "question", "answer", "dinner", "okay", "kitchen",
    "slowly", "space", "first", "good", "car", "friend", "therapist", "boundary", "remember",
    "lonely", "breathe", "heavy", "lighter", "listen", "sorry", "promise", "patience", "wave",
    "laughed", "weekend", "coffee", "rain", "garden", "letter", "bed", "hands", "words", "face",
    "voice", "thought", "afternoon", "message", "sister", "mother", "father", "brother", "office",
    "drive", "road", "window", "door", "room", "table", "chair", "tea", "water", "food", "hungry",
    "appetite", "body", "chest", "stomach", "head", "tears", "anger", "sadness", "fear", "numb",
    "relief", "shame", "guilt", "jealous", "panic", "safe", "unsafe", "close", "distant", "cold",
    "warm", "soft", "sharp", "small", "big", "old", "new", "yesterday", "tomorrow", "tonight",
    "month", "year", "anniversary", "birthday", "holiday", "summer", "winter", "spring", "autumn",
    "song", "film", "book", "picture", "photo", "memory", "dream", "nightmare", "truth", "lie",
    "lies", "secret", "affair", "betrayal", "repair", "forgive", "forgiveness", "apology",
    "apologised", "accountable", "responsibility", "change", "changes", "counselling", "session",
    "couples", "alone", "together", "apart", "distance", "closeness", "hug", "kiss", "touch",
    "argue", "argument", "fight", "shouted", "whispered", "silence", "honesty", "openness",
    "transparency", "reassurance", "checking", "suspicious", "curious", "hopeful", "grateful",
    "proud", "ashamed", "exhausted", "restless", "anxious", "steady", "shaky", "raw", "tender",
    "fragile", "stronger", "weaker", "grief", "loss", "future", "past", "present", "children",
    "school", "neighbours", "parents", "friends", "colleague", "boss", "journal", "writing",
    "notes", "list", "plan", "goal", "step", "steps", "progress", "setback", "trigger", "triggers",
    "reminder", "place", "restaurant", "park", "beach", "forest", "river", "mountain", "city",
    "town", "street", "shop", "market", "train", "bus", "bike", "running", "swimming", "yoga",
    "music", "piano", "guitar", "cooking", "baking", "cleaning", "laundry", "shopping", "gardening",
    "reading", "painting", "knitting",
];

/// Building blocks of the made-up words that fill the vocabulary past [`COMMON`].
#[rustfmt::skip]
const ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
    "pl", "pr", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "ie"];
const CODAS: &[&str] = &["", "", "", "n", "r", "l", "s", "m", "t", "nd", "st", "ck"];

/// The generated vocabulary: [`VOCABULARY_SIZE`] distinct lowercase words, commonest
/// first, with their Zipf weights. The same on every run.
pub struct Vocabulary {
    words: Vec<String>,
    /// Running sums of the weights (the last one is 1.0), for sampling.
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn build() -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut words: Vec<String> = Vec::with_capacity(VOCABULARY_SIZE);
        for w in COMMON {
            if seen.insert((*w).to_owned()) {
                words.push((*w).to_owned());
            }
        }
        let mut rng = Rng::new(0x0057_0CAB);
        let pick = |rng: &mut Rng, of: &[&'static str]| of[rng.below(of.len() as u64) as usize];
        while words.len() < VOCABULARY_SIZE {
            let syllables = 2 + rng.below(2);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(pick(&mut rng, ONSETS));
                w.push_str(pick(&mut rng, VOWELS));
            }
            w.push_str(pick(&mut rng, CODAS));
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let weights: Vec<f64> =
            (1..=words.len()).map(|rank| (rank as f64).powf(-ZIPF_EXPONENT)).collect();
        let total: f64 = weights.iter().sum();
        let mut sum = 0.0;
        let cumulative = weights
            .iter()
            .map(|w| {
                sum += w / total;
                sum
            })
            .collect();
        Self { words, cumulative }
    }

    /// How many distinct words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Never empty; for clippy's `len_without_is_empty`.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The word of `rank` (0 = the commonest).
    pub fn word(&self, rank: usize) -> &str {
        &self.words[rank.min(self.words.len() - 1)]
    }

    /// The share of all words written that are the word of `rank` (0 = the commonest).
    pub fn share(&self, rank: usize) -> f64 {
        let below = if rank == 0 { 0.0 } else { self.cumulative[rank - 1] };
        self.cumulative[rank] - below
    }

    /// One word drawn by its weight.
    pub fn pick(&self, rng: &mut Rng) -> &str {
        // 53 random bits as a uniform number in [0, 1).
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self.cumulative.partition_point(|&c| c <= u);
        &self.words[i.min(self.words.len() - 1)]
    }
}

/// The one shared [`Vocabulary`].
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    VOCABULARY.get_or_init(Vocabulary::build)
}

/// A run of `words` words drawn from the [`vocabulary`] by frequency, in sentences
/// (capitalised, with the odd comma), ending with a full stop.
pub fn text(rng: &mut Rng, words: usize) -> String {
    let vocabulary = vocabulary();
    let mut out = String::with_capacity(words * 6);
    let mut sentence_start = true;
    for i in 0..words {
        if i > 0 {
            match rng.below(14) {
                0 => {
                    out.push_str(". ");
                    sentence_start = true;
                }
                1 => out.push_str(", "),
                _ => out.push(' '),
            }
        }
        let word = vocabulary.pick(rng);
        if sentence_start {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            sentence_start = false;
        } else {
            out.push_str(word);
        }
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

/// Fills `conn` with `entries` journal entries spread evenly over ten years from
/// 1 January 2016 (the large journal of issue 7, [`LARGE_JOURNAL_ENTRIES`]), in one
/// transaction. Lengths vary like real writing: mostly 50–200 words, one in twenty twice
/// that; titles of 2–6 words. Returns how many entries were written.
pub fn fill_large_journal(conn: &Connection, entries: u32, seed: u64) -> Result<usize> {
    const SPAN_SECONDS: i64 = 3_650 * 86_400;
    let mut rng = Rng::new(seed);
    let step = SPAN_SECONDS / i64::from(entries.max(1));
    let tx = conn.unchecked_transaction()?;
    for i in 0..entries {
        // Half the sum of three uniform draws: a hump near 125 words.
        let words = 20 + (0..3).map(|_| rng.below(140) as usize).sum::<usize>() / 2;
        let words = if rng.below(20) == 0 { words * 2 } else { words };
        let title_words = 2 + rng.below(5) as usize;
        let draft =
            Draft { id: None, title: text(&mut rng, title_words), body: text(&mut rng, words) };
        let at = first_day() + Duration::seconds(i64::from(i) * step + rng.below(3_600) as i64);
        journal::save(&tx, &draft, at)?;
    }
    tx.commit()?;
    Ok(entries as usize)
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
    fn the_vocabulary_is_distinct_words_with_falling_shares() {
        let v = vocabulary();
        assert_eq!(v.len(), VOCABULARY_SIZE);
        let distinct: std::collections::HashSet<&str> = (0..v.len()).map(|r| v.word(r)).collect();
        assert_eq!(distinct.len(), VOCABULARY_SIZE);
        assert!(
            (0..v.len()).all(|r| v.word(r).chars().all(|c| c.is_ascii_lowercase() || c == '\''))
        );
        assert!((1..v.len()).all(|r| v.share(r) < v.share(r - 1)));
        let total: f64 = (0..v.len()).map(|r| v.share(r)).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
    }

    #[test]
    fn words_are_drawn_by_their_share() {
        let v = vocabulary();
        let mut rng = Rng::new(11);
        let mut counts = vec![0u32; v.len()];
        let index: std::collections::HashMap<&str, usize> =
            (0..v.len()).map(|r| (v.word(r), r)).collect();
        const DRAWS: u32 = 200_000;
        for _ in 0..DRAWS {
            counts[index[v.pick(&mut rng)]] += 1;
        }
        for rank in [0, 1, 10, 100] {
            let seen = f64::from(counts[rank]) / f64::from(DRAWS);
            let expected = v.share(rank);
            assert!((seen / expected - 1.0).abs() < 0.1, "rank {rank}: {seen} vs {expected}");
        }
        let tail: u32 = counts[3_000..].iter().sum();
        let expected_tail: f64 = (3_000..v.len()).map(|r| v.share(r)).sum();
        let seen_tail = f64::from(tail) / f64::from(DRAWS);
        assert!((seen_tail / expected_tail - 1.0).abs() < 0.1, "{seen_tail} vs {expected_tail}");
    }

    /// The point of the vocabulary: a common word is in most entries, a rare one in few,
    /// like a real journal (so search benchmarks see realistic match counts).
    #[test]
    fn a_common_word_matches_most_entries_and_a_rare_one_few() {
        let conn = crate::workbook::test_db();
        assert_eq!(fill_large_journal(&conn, 2_000, 3).unwrap(), 2_000);
        let matches = |word: &str| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH ?1",
                [format!("\"{word}\"")],
                |r| r.get(0),
            )
            .unwrap()
        };
        let v = vocabulary();
        assert!(matches(v.word(0)) > 1_900, "the commonest word is nearly everywhere");
        let middling = matches(v.word(200));
        assert!((20..1_000).contains(&middling), "rank 200: {middling}");
        let rare = matches(v.word(5_000));
        assert!(rare < 20, "rank 5000: {rare}");
        let entries = journal::list(&conn).unwrap();
        assert_eq!(entries.len(), 2_000);
        assert!(entries.first().unwrap().created_at.as_str() > "2025-12", "spread over ten years");
        assert!(entries.last().unwrap().created_at.as_str() < "2016-01-02");
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
