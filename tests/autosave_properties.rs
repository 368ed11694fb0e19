//! No edit waits longer than the autosave delay (plus one frame) for its
//! draft, however the editor works: edits in bursts or steadily, frames
//! close together or far apart, saves on every frame.

use proofdesk::autosave::{Autosave, DEFAULT_DELAY, Tick};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_edit_is_on_disk_within_the_delay(
        frames in prop::collection::vec((0.001_f64..0.6, any::<bool>()), 1..400),
    ) {
        let mut autosave = Autosave::default();
        let (mut now, mut key, mut on_disk) = (0.0_f64, 0_u64, 0_u64);
        // When the oldest edit not yet on disk was made.
        let mut oldest_unsaved: Option<f64> = None;
        let longest_frame = frames.iter().map(|f| f.0).fold(0.0, f64::max);
        for (dt, edit) in frames {
            now += dt;
            if edit {
                key += 1;
                oldest_unsaved.get_or_insert(now);
            }
            match autosave.tick(now, key, key != on_disk) {
                Tick::Save => {
                    on_disk = key;
                    autosave.written(key);
                    oldest_unsaved = None;
                }
                Tick::Wait(left) => prop_assert!(left > 0.0 && left <= DEFAULT_DELAY + 1e-9),
                Tick::Idle => prop_assert_eq!(key, on_disk, "idle only with nothing unsaved"),
            }
            if let Some(since) = oldest_unsaved {
                prop_assert!(
                    now - since <= DEFAULT_DELAY + longest_frame + 1e-9,
                    "an edit of {since:.3}s still unsaved at {now:.3}s"
                );
            }
        }
    }
}
