//! When to write a draft without being asked.
//!
//! At most a few seconds after the first change that is not on disk yet,
//! however steadily the editor keeps working. No GUI here; the clock is passed in (seconds, as egui's
//! `InputState::time`), so the rules are tested with a fake clock.

/// The default longest wait, in seconds, from the first unsaved change to
/// the draft that holds it.
pub const DEFAULT_DELAY: f64 = 3.0;

/// What the desk should do about autosaving in this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tick {
    /// Nothing to save: no repaint needed for autosave.
    Idle,
    /// Something is unsaved: look again after this many seconds.
    Wait(f64),
    /// Write the draft now.
    Save,
}

/// Tracks the unsaved content and since when it has been unsaved.
#[derive(Clone, Debug)]
pub struct Autosave {
    delay: f64,
    /// When the first change not yet written was seen.
    unsaved_since: Option<f64>,
    /// The content key last written (or last attempted; a failed attempt
    /// is not retried until the content changes again).
    written: Option<u64>,
    /// Whether the window had the focus when last told ([`Autosave::focus`]).
    focused: bool,
    /// Whether the window lost the focus since the last tick that could
    /// write: the draft is due at once.
    focus_lost: bool,
}

impl Autosave {
    /// Autosave at most `delay` seconds after the first unsaved change.
    #[must_use]
    pub fn new(delay: f64) -> Self {
        Self {
            delay,
            unsaved_since: None,
            written: None,
            focused: true,
            focus_lost: false,
        }
    }

    /// Tells whether the window has the focus in this frame. Losing it
    /// makes unsaved content due at once, at the next [`Autosave::tick`]:
    /// a frame that cannot write (a write still running) does not lose
    /// it (before session 50 the desk forgot the loss in such a frame, and
    /// the draft waited for the timer).
    pub fn focus(&mut self, focused: bool) {
        self.focus_lost |= self.focused && !focused;
        self.focused = focused;
    }

    /// The longest wait from the first unsaved change to its draft.
    #[must_use]
    pub fn delay(&self) -> f64 {
        self.delay
    }

    /// Looks at the content as it stands at time `now`: `key` identifies
    /// it (it changes with every change), `unsaved` tells whether it differs
    /// from what is on disk.
    ///
    /// Further changes do not postpone the draft: it is due `delay` seconds
    /// after the first change that is not written yet (a debounce with a
    /// maximum wait equal to the delay), so steady work is saved too.
    pub fn tick(&mut self, now: f64, key: u64, unsaved: bool) -> Tick {
        let focus_lost = std::mem::take(&mut self.focus_lost);
        if !unsaved {
            self.unsaved_since = None;
            self.written = Some(key);
            return Tick::Idle;
        }
        if self.written == Some(key) {
            return Tick::Idle;
        }
        let since = *self.unsaved_since.get_or_insert(now);
        let left = since + self.delay - now;
        if left <= 0.0 || focus_lost {
            Tick::Save
        } else {
            Tick::Wait(left)
        }
    }

    /// Records that the content `key` was written (or that writing it was
    /// attempted and failed: it is not retried until it changes).
    pub fn written(&mut self, key: u64) {
        self.written = Some(key);
        self.unsaved_since = None;
    }

    /// Forgets everything (another page is on the desk).
    pub fn reset(&mut self) {
        self.unsaved_since = None;
        self.written = None;
        self.focus_lost = false;
    }
}

impl Default for Autosave {
    fn default() -> Self {
        Self::new(DEFAULT_DELAY)
    }
}

/// `HH:MM:SS` of a Unix time, UTC.
#[must_use]
pub fn clock_time(unix_secs: u64) -> String {
    let s = unix_secs % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Where a draft that no longer fits its page is kept aside:
/// `NAME.proofdesk.json.stale-20250102T030405Z`, from an RFC 3339 time.
#[must_use]
pub fn stale_path(fixture: &std::path::Path, rfc3339: &str) -> std::path::PathBuf {
    aside_path(fixture, "stale", rfc3339)
}

/// Where a fixture is kept aside for a reason (`stale`, `conflict`):
/// `NAME.proofdesk.json.REASON-20250102T030405Z`, numbered when taken.
#[must_use]
pub fn aside_path(fixture: &std::path::Path, reason: &str, rfc3339: &str) -> std::path::PathBuf {
    let stamp: String = rfc3339.chars().filter(|c| *c != '-' && *c != ':').collect();
    let name = format!(".{reason}-{stamp}");
    let mut path = crate::io::with_suffix(fixture, &name);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = crate::io::with_suffix(fixture, &format!("{name}-{n}"));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::{Autosave, Tick, clock_time, stale_path};

    #[test]
    fn losing_the_focus_makes_the_draft_due_at_once_even_a_frame_later() {
        let mut a = Autosave::new(3.0);
        a.focus(true);
        assert_eq!(a.tick(0.0, 1, true), Tick::Wait(3.0));
        // Lost in a frame that could not write (a write still running):
        // no tick then; the next tick writes, focus back or not.
        a.focus(false);
        a.focus(true);
        assert_eq!(a.tick(0.5, 1, true), Tick::Save);
        a.written(1);
        // A loss with nothing unsaved is spent: the next change waits for
        // the timer.
        a.focus(false);
        assert_eq!(a.tick(1.0, 1, false), Tick::Idle);
        a.focus(true);
        assert_eq!(a.tick(1.5, 2, true), Tick::Wait(3.0));
        // Staying out of focus is one loss, not one per frame.
        a.focus(false);
        assert_eq!(a.tick(2.0, 2, true), Tick::Save);
        a.written(2);
        a.focus(false);
        assert_eq!(a.tick(2.5, 3, true), Tick::Wait(3.0));
    }

    #[test]
    fn a_stale_draft_goes_aside_under_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.txt.proofdesk.json");
        let p = stale_path(&f, "2025-01-02T03:04:05Z");
        assert_eq!(
            p,
            dir.path()
                .join("p.txt.proofdesk.json.stale-20250102T030405Z")
        );
        std::fs::write(&p, "x").unwrap();
        let q = stale_path(&f, "2025-01-02T03:04:05Z");
        assert_ne!(p, q, "never over an earlier one");
    }

    #[test]
    fn saves_at_most_the_delay_after_the_first_unsaved_change() {
        let mut a = Autosave::new(3.0);
        assert_eq!(a.tick(0.0, 1, false), Tick::Idle, "nothing unsaved");
        assert_eq!(a.tick(10.0, 2, true), Tick::Wait(3.0), "a change");
        assert_eq!(a.tick(12.0, 2, true), Tick::Wait(1.0));
        // Another change does not postpone the draft.
        assert_eq!(a.tick(12.5, 3, true), Tick::Wait(0.5));
        assert_eq!(a.tick(13.0, 3, true), Tick::Save);
        a.written(3);
        assert_eq!(a.tick(13.5, 3, true), Tick::Idle, "written: idle");
        // The next change starts a new wait.
        assert_eq!(a.tick(14.0, 4, true), Tick::Wait(3.0));
        assert_eq!(a.tick(100.0, 4, false), Tick::Idle);
    }

    #[test]
    fn steady_work_is_saved_every_delay_however_often_it_changes() {
        // A doubt accepted every 1.5 s for 45 s (the report): every
        // change is in a draft at most 3 s after it was made.
        let mut a = Autosave::new(3.0);
        let mut key = 0;
        let (mut changes, mut saves) = (Vec::new(), Vec::new());
        for step in 0..=180 {
            let t = f64::from(step) * 0.25;
            if step % 6 == 0 {
                key += 1;
                changes.push(t);
            }
            if a.tick(t, key, true) == Tick::Save {
                a.written(key);
                saves.push(t);
            }
        }
        assert!(saves.len() >= 10, "saves at {saves:?}");
        for c in changes.iter().filter(|c| **c <= 42.0) {
            assert!(
                saves.iter().any(|s| *s >= *c && *s <= c + 3.0),
                "the change at {c} s is in no draft within 3 s; saves at {saves:?}"
            );
        }
    }

    #[test]
    fn a_failed_write_is_not_retried_until_the_content_changes() {
        let mut a = Autosave::new(3.0);
        assert_eq!(a.tick(0.0, 7, true), Tick::Wait(3.0));
        assert_eq!(a.tick(3.0, 7, true), Tick::Save);
        a.written(7); // attempted, failed: the page stays unsaved
        assert_eq!(a.tick(4.0, 7, true), Tick::Idle, "no retry loop");
        assert_eq!(a.tick(5.0, 8, true), Tick::Wait(3.0), "a new change");
        assert_eq!(a.tick(8.0, 8, true), Tick::Save);
    }

    #[test]
    fn undo_back_to_the_saved_state_is_idle_and_reset_forgets() {
        let mut a = Autosave::new(2.0);
        assert_eq!(a.tick(0.0, 1, true), Tick::Wait(2.0));
        assert_eq!(a.tick(1.0, 0, false), Tick::Idle);
        a.reset();
        assert_eq!(a.tick(5.0, 1, true), Tick::Wait(2.0));
    }

    #[test]
    fn clock_time_is_hours_minutes_seconds() {
        assert_eq!(clock_time(0), "00:00:00");
        assert_eq!(clock_time(86_400 + 3600 * 13 + 60 * 5 + 9), "13:05:09");
    }
}
