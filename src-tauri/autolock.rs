//! The idle timer behind auto-lock. Time is passed in, so tests drive it with made-up
//! instants; the app's watcher thread asks it once a second.

use std::time::{Duration, Instant};

/// Auto-lock choices offered in Settings, in minutes.
pub const CHOICES_MINUTES: std::ops::RangeInclusive<u32> = 1..=60;

/// The default idle time before locking.
pub const DEFAULT_MINUTES: u32 = 5;

/// Tracks the last activity and says when the idle time has run out.
#[derive(Debug, Clone)]
pub struct IdleTimer {
    last_activity: Instant,
    timeout: Duration,
}

impl IdleTimer {
    /// A timer that starts counting at `now`.
    pub fn new(now: Instant, timeout: Duration) -> Self {
        Self { last_activity: now, timeout }
    }

    /// Records activity (a key or the pointer in the window).
    pub fn touch(&mut self, now: Instant) {
        if now > self.last_activity {
            self.last_activity = now;
        }
    }

    /// Changes the idle time; counting continues from the last activity.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// True once `timeout` has passed since the last activity.
    pub fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_activity) >= self.timeout
    }
}

/// The idle time for a vault whose setting says `minutes` (clamped to the choices).
/// Debug builds honour `MEND_TEST_AUTOLOCK_SECONDS` so end-to-end tests need not wait
/// minutes; release builds ignore it.
pub fn timeout_for(minutes: Option<u32>) -> Duration {
    #[cfg(debug_assertions)]
    if let Some(secs) =
        std::env::var("MEND_TEST_AUTOLOCK_SECONDS").ok().and_then(|s| s.parse().ok())
    {
        return Duration::from_secs(secs);
    }
    let minutes = minutes.unwrap_or(DEFAULT_MINUTES);
    let minutes = minutes.clamp(*CHOICES_MINUTES.start(), *CHOICES_MINUTES.end());
    Duration::from_secs(u64::from(minutes) * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_only_after_the_idle_time_without_activity() {
        let t0 = Instant::now();
        let mut timer = IdleTimer::new(t0, Duration::from_secs(300));
        assert!(!timer.expired(t0 + Duration::from_secs(299)));
        timer.touch(t0 + Duration::from_secs(200));
        assert!(!timer.expired(t0 + Duration::from_secs(499)), "activity restarts the count");
        assert!(timer.expired(t0 + Duration::from_secs(500)));
    }

    #[test]
    fn activity_from_the_past_does_not_extend_the_time() {
        let t0 = Instant::now();
        let mut timer = IdleTimer::new(t0 + Duration::from_secs(10), Duration::from_secs(60));
        timer.touch(t0);
        assert!(timer.expired(t0 + Duration::from_secs(70)));
    }

    #[test]
    fn shorter_timeout_applies_at_once() {
        let t0 = Instant::now();
        let mut timer = IdleTimer::new(t0, Duration::from_secs(600));
        timer.set_timeout(Duration::from_secs(60));
        assert!(timer.expired(t0 + Duration::from_secs(61)));
    }

    #[test]
    fn minutes_are_clamped_to_the_offered_choices() {
        assert_eq!(timeout_for(None), Duration::from_secs(300));
        assert_eq!(timeout_for(Some(0)), Duration::from_secs(60));
        assert_eq!(timeout_for(Some(1000)), Duration::from_secs(3600));
        assert_eq!(timeout_for(Some(15)), Duration::from_secs(900));
    }
}
