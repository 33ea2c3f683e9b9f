//! Slowing down repeated wrong guesses, per vault.
//!
//! Owns the `attempts` file and the delay schedule. The file holds the failure count and
//! the time of the last failure, as ASCII `"<count> <unix seconds>\n"`, nothing else.
//!
//! Schedule: the first two failures cost nothing; after the n-th failure (n ≥ 3) the
//! next try must wait 2^(n-3) seconds after that failure (1 s, 2 s, 4 s, …), capped at
//! five minutes. A success resets the count.
//!
//! Invariants:
//! - a failure is recorded *before* the key derivation runs and cleared only on success,
//!   so killing the app mid-guess cannot skip the count;
//! - while a wait is pending, no key derivation runs;
//! - a clock that jumps backwards never shortens a wait below the full delay, and never
//!   lengthens it beyond the cap;
//! - this defends the unlock screen only: someone with a copy of the files is slowed by
//!   Argon2id, not by this file, which they can delete.

use std::fmt;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::files::{self, ATTEMPTS_FILE};
use super::Error;

/// Failures allowed before any wait.
pub const FREE_ATTEMPTS: u32 = 2;
/// The longest wait between tries.
pub const MAX_WAIT: Duration = Duration::from_secs(300);

/// A source of the current time, injectable for tests.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current wall-clock time.
    fn now(&self) -> SystemTime;
}

/// The operating system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// How long to wait after the `failures`-th consecutive failure.
pub fn delay_after(failures: u32) -> Duration {
    if failures <= FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let exponent = failures - FREE_ATTEMPTS - 1;
    if exponent >= 9 {
        return MAX_WAIT;
    }
    Duration::from_secs(1u64 << exponent).min(MAX_WAIT)
}

/// The persisted counter of one vault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Attempts {
    /// Consecutive failures since the last success.
    pub(crate) failures: u32,
    /// Unix seconds of the last failure.
    pub(crate) last_failure: u64,
}

impl Attempts {
    /// Reads the folder's counter; a missing or unreadable file counts as no failures
    /// (anyone able to damage it could delete it).
    pub(crate) fn load(folder: &Path) -> Self {
        files::read_small(&folder.join(ATTEMPTS_FILE), 64)
            .ok()
            .and_then(|bytes| Self::parse(&bytes))
            .unwrap_or_default()
    }

    /// Parses `"<count> <seconds>\n"`.
    fn parse(bytes: &[u8]) -> Option<Self> {
        let text = std::str::from_utf8(bytes).ok()?;
        let (count, seconds) = text.strip_suffix('\n')?.split_once(' ')?;
        Some(Self { failures: count.parse().ok()?, last_failure: seconds.parse().ok()? })
    }

    /// Writes the counter atomically.
    pub(crate) fn save(&self, folder: &Path) -> Result<(), Error> {
        files::write_atomic(
            &folder.join(ATTEMPTS_FILE),
            format!("{} {}\n", self.failures, self.last_failure).as_bytes(),
        )
    }

    /// Seconds still to wait at `now` before the next try, rounded up; `None` if a
    /// try is allowed now.
    pub(crate) fn wait_remaining(&self, now: SystemTime) -> Option<u64> {
        let delay = delay_after(self.failures);
        if delay.is_zero() {
            return None;
        }
        let last = UNIX_EPOCH + Duration::from_secs(self.last_failure);
        // A clock set back before the last failure counts as no time having passed.
        let elapsed = now.duration_since(last).unwrap_or(Duration::ZERO);
        let left = delay.checked_sub(elapsed)?;
        if left.is_zero() {
            return None;
        }
        Some(left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    /// This counter with one more failure at `now`.
    pub(crate) fn plus_failure(&self, now: SystemTime) -> Self {
        Self { failures: self.failures.saturating_add(1), last_failure: unix_seconds(now) }
    }
}

/// Whole seconds since the Unix epoch (0 for times before it).
pub(crate) fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Mutex;

    use super::*;

    /// A clock the test moves by hand.
    #[derive(Debug)]
    pub(crate) struct FakeClock(pub(crate) Mutex<SystemTime>);

    impl FakeClock {
        /// A clock at an arbitrary fixed time.
        pub(crate) fn new() -> Self {
            Self(Mutex::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000)))
        }

        /// Moves the clock forward (or back, with a negative amount).
        pub(crate) fn advance(&self, seconds: i64) {
            let mut t = self.0.lock().unwrap();
            *t = if seconds >= 0 {
                *t + Duration::from_secs(seconds.unsigned_abs())
            } else {
                *t - Duration::from_secs(seconds.unsigned_abs())
            };
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> SystemTime {
            *self.0.lock().unwrap()
        }
    }

    #[test]
    fn the_schedule_is_free_twice_then_doubles_from_one_second_up_to_five_minutes() {
        let waits: Vec<u64> = (0..=14).map(|n| delay_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
        assert_eq!(delay_after(u32::MAX), MAX_WAIT);
    }

    #[test]
    fn the_wait_counts_down_from_the_last_failure() {
        let clock = FakeClock::new();
        let mut a = Attempts::default();
        for _ in 0..5 {
            a = a.plus_failure(clock.now());
        }
        assert_eq!(a.wait_remaining(clock.now()), Some(4));
        clock.advance(3);
        assert_eq!(a.wait_remaining(clock.now()), Some(1));
        clock.advance(1);
        assert_eq!(a.wait_remaining(clock.now()), None);
    }

    #[test]
    fn a_clock_set_back_does_not_shorten_or_stretch_the_wait() {
        let clock = FakeClock::new();
        let a = Attempts { failures: 20, last_failure: unix_seconds(clock.now()) };
        clock.advance(-86_400);
        assert_eq!(a.wait_remaining(clock.now()), Some(300));
    }

    #[test]
    fn the_file_round_trips_and_holds_only_two_numbers() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Attempts::load(dir.path()), Attempts::default());
        let a = Attempts { failures: 7, last_failure: 1_800_000_123 };
        a.save(dir.path()).unwrap();
        assert_eq!(std::fs::read(dir.path().join(ATTEMPTS_FILE)).unwrap(), b"7 1800000123\n");
        assert_eq!(Attempts::load(dir.path()), a);
    }

    #[test]
    fn a_garbled_file_counts_as_no_failures() {
        let dir = tempfile::tempdir().unwrap();
        for junk in [&b"x y\n"[..], b"", b"1 2", b"-1 5\n", &[0xFF; 64], &[b'9'; 65]] {
            std::fs::write(dir.path().join(ATTEMPTS_FILE), junk).unwrap();
            assert_eq!(Attempts::load(dir.path()), Attempts::default());
        }
    }
}
