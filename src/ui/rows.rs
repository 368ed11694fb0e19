//! Rows of different heights in a scroll area, of which only the visible
//! ones are laid out: heights are measured when a row is drawn and
//! estimated until then.

use std::ops::Range;

use eframe::egui::{self, Rect, Ui};

use crate::ui::state::Reveal;

/// The heights of the rows of one scroll area, with their running sums.
#[derive(Debug, Default)]
pub struct Rows {
    /// What the heights are for: a content key and the width (bits).
    key: Option<(u64, u32)>,
    heights: Vec<f32>,
    /// `tops[i]`: where row `i` starts; one more entry for the end.
    tops: Vec<f32>,
    stale: bool,
    /// The part of the content shown in the last frame.
    viewport: Option<Rect>,
}

impl Rows {
    /// Makes the rows fit `key` (the content) and `width`; when either
    /// changed, every height comes from `height_of` (a cached measurement
    /// or an estimate).
    pub fn prepare(&mut self, key: u64, width: f32, n: usize, height_of: impl FnMut(usize) -> f32) {
        let key = Some((key, width.to_bits()));
        if self.key != key || self.heights.len() != n {
            self.key = key;
            self.heights = (0..n).map(height_of).collect();
            self.stale = true;
        }
        if self.stale {
            self.stale = false;
            self.tops.clear();
            self.tops.reserve(n + 1);
            let mut y = 0.0;
            for h in &self.heights {
                self.tops.push(y);
                y += h;
            }
            self.tops.push(y);
        }
    }

    /// Where row `i` starts.
    #[must_use]
    pub fn top(&self, i: usize) -> f32 {
        self.tops.get(i).copied().unwrap_or(0.0)
    }

    /// The height of row `i`.
    #[must_use]
    pub fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    /// The height of all rows.
    #[must_use]
    pub fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The rows that meet `viewport` (content coordinates).
    #[must_use]
    pub fn visible(&self, viewport: Rect) -> Range<usize> {
        let n = self.heights.len();
        if self.tops.len() != n + 1 {
            return 0..0;
        }
        // tops[i + 1] is where row i ends.
        let first = self.tops[1..]
            .partition_point(|&end| end <= viewport.min.y)
            .min(n);
        let last = self.tops[..n].partition_point(|&top| top < viewport.max.y);
        first..last.max(first)
    }

    /// Records the measured height of row `i`; true if it was not known.
    pub fn measured(&mut self, i: usize, h: f32) -> bool {
        match self.heights.get_mut(i) {
            Some(old) if (*old - h).abs() > 0.5 => {
                *old = h;
                self.stale = true;
                true
            }
            _ => false,
        }
    }

    /// Whether row `i` met the part of the content shown in the last frame
    /// (it was drawn).
    #[must_use]
    pub fn was_shown(&self, i: usize) -> bool {
        let (top, h) = (self.top(i), self.height(i));
        self.viewport
            .is_some_and(|v| i < self.heights.len() && top < v.max.y && top + h > v.min.y)
    }

    /// The scroll offset that shows row `i` as `reveal` asks, or `None` if
    /// it was fully shown in the last frame (then the row scrolls itself
    /// into place when it is drawn).
    #[must_use]
    pub fn offset_to_reveal(&self, i: usize, reveal: Reveal) -> Option<f32> {
        let view = self.viewport?;
        let (top, h) = (self.top(i), self.height(i));
        let shown = top >= view.min.y && top + h.min(view.height()) <= view.max.y;
        if shown {
            return None;
        }
        let offset = match reveal {
            Reveal::At(egui::Align::Min) => top,
            Reveal::At(egui::Align::Center) => {
                top + h.min(view.height()) / 2.0 - view.height() / 2.0
            }
            Reveal::At(egui::Align::Max) => top + h - view.height(),
            Reveal::Minimal if top < view.min.y => top,
            Reveal::Minimal => top + h.min(view.height()) - view.height(),
        };
        // Never past the end: an offset beyond the content springs back
        // over frames instead of settling.
        Some(offset.min(self.total() - view.height()).max(0.0))
    }

    /// Lays out the visible rows inside `ScrollArea::show_viewport`:
    /// `draw(ui, i)` draws row `i` in the normal vertical flow; the rows
    /// above and below are empty space of their (estimated) height.
    /// Returns the rows drawn whose height changed.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        mut draw: impl FnMut(&mut Ui, usize),
    ) -> Vec<(usize, f32)> {
        self.viewport = Some(viewport);
        let range = self.visible(viewport);
        let origin = ui.cursor().top();
        ui.add_space(self.top(range.start));
        let mut changed = Vec::new();
        for i in range {
            let before = ui.cursor().top();
            draw(ui, i);
            let h = ui.cursor().top() - before;
            if self.measured(i, h) {
                changed.push((i, h));
            }
        }
        let used = ui.cursor().top() - origin;
        let rest = self.total() - used;
        if rest > 0.0 {
            ui.add_space(rest);
        }
        changed
    }
}
