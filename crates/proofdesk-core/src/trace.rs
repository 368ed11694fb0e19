//! Tracing a block's text back to the raw text, one char at a time.
//!
//! [`crate::page::trace`] answers for a whole block at once; this walks the
//! same match without collecting it, and keeps stops along the walk
//! ([`TraceIndex`]) so that a block of millions of chars is answered from
//! the nearest stop. No GUI here: the desk's panes ask it.

use std::ops::{ControlFlow, Range};

use crate::page::{RawChars, Span};

/// The raw chars under `spans`, in order, with their offsets: what
/// [`crate::page::trace`] matches a block's text against, walked without
/// collecting it. Read a piece at a time: finding where a span of millions
/// of chars ends would walk all of it.
#[derive(Clone)]
struct SpanChars<'a> {
    raw: &'a RawChars,
    spans: &'a [Span],
    /// The next span to read after this one.
    next_span: usize,
    /// The offset of the next char of `chars`.
    offset: usize,
    /// Where the current span ends (at most the raw length).
    span_end: usize,
    chars: std::str::Chars<'a>,
}

/// How many raw chars [`SpanChars`] reads at a time.
const PIECE: usize = 4096;

impl<'a> SpanChars<'a> {
    /// The walk as it stood at `at`.
    fn resume(raw: &'a RawChars, spans: &'a [Span], at: &Stop) -> Self {
        Self {
            raw,
            spans,
            next_span: at.next_span,
            offset: at.offset,
            span_end: at.span_end,
            chars: "".chars(),
        }
    }
}

impl Iterator for SpanChars<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            if let Some(c) = self.chars.next() {
                let at = self.offset;
                self.offset += 1;
                return Some((at, c));
            }
            if self.offset >= self.span_end {
                let span = self.spans.get(self.next_span)?;
                self.next_span += 1;
                self.offset = span.start;
                self.span_end = span.end.min(self.raw.len());
            }
            if self.offset < self.span_end {
                let end = self.span_end.min(self.offset.saturating_add(PIECE));
                self.chars = self.raw.get(self.offset, end).unwrap_or_default().chars();
            }
        }
    }
}

/// Where a walk of a block's trace stood before one of its chars: enough
/// to go on from there with the same answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Stop {
    /// The char of the text walked next.
    char: usize,
    /// Its byte offset in the text.
    byte: usize,
    /// The raw walk: the span read after the current one, the next raw
    /// offset, the end of the current span.
    next_span: usize,
    offset: usize,
    span_end: usize,
}

/// Walks the trace from `from`, calling `f(stop, i, offset)` for each
/// char `i` with the raw offset [`crate::page::trace`] gives it and where
/// the walk stood before it, until `f` breaks.
fn walk(
    raw: &RawChars,
    text: &str,
    spans: &[Span],
    from: &Stop,
    mut f: impl FnMut(&Stop, usize, Option<usize>) -> ControlFlow<()>,
) {
    let mut cursor = SpanChars::resume(raw, spans, from);
    let rest = text.get(from.byte..).unwrap_or_default();
    for (i, (b, c)) in (from.char..).zip(rest.char_indices()) {
        let stop = Stop {
            char: i,
            byte: from.byte + b,
            next_span: cursor.next_span,
            offset: cursor.offset,
            span_end: cursor.span_end,
        };
        let found = if c.is_whitespace() {
            // The first whitespace in the raw gap at the cursor.
            cursor
                .clone()
                .next()
                .filter(|(_, r)| r.is_whitespace())
                .map(|(at, _)| at)
        } else {
            let mut ahead = cursor.clone();
            match ahead.find(|(_, r)| !r.is_whitespace()) {
                Some((at, r)) if crate::punct::matches(r, c) => {
                    cursor = ahead;
                    Some(at)
                }
                None => None,
                // Not the glyph at the cursor: a misreading corrected, a
                // glyph deleted, or text typed ([`crate::page::trace`]).
                Some((at, r)) => {
                    let next_text = rest[b + c.len_utf8()..]
                        .chars()
                        .find(|c| !c.is_whitespace());
                    let mut further = ahead.clone();
                    let second = further.find(|(_, r)| !r.is_whitespace());
                    match crate::page::resync(c, next_text, Some((0, r)), |_| {
                        second.map(|(_, r2)| (1, r2))
                    }) {
                        crate::page::Step::Match(0) => {
                            cursor = ahead;
                            Some(at)
                        }
                        crate::page::Step::Match(_) => {
                            cursor = further;
                            second.map(|(o, _)| o)
                        }
                        crate::page::Step::Replaced(_) => {
                            cursor = ahead;
                            None
                        }
                        crate::page::Step::Typed => None,
                    }
                }
            }
        };
        if f(&stop, i, found).is_break() {
            return;
        }
    }
}

/// Calls `f(i, offset)` for each char `i` of `text` with its traced raw
/// offset, in order, until `f` breaks.
///
/// The same answers as [`crate::page::trace`] without a vector of the
/// whole trace (16 bytes a char, hundreds of megabytes for a block of
/// millions of chars).
pub fn trace_each(
    raw: &RawChars,
    text: &str,
    spans: &[Span],
    mut f: impl FnMut(usize, Option<usize>) -> ControlFlow<()>,
) {
    walk(raw, text, spans, &Stop::default(), |_, i, o| f(i, o));
}

/// The char of `text` traced to raw offset `offset`, or else the one
/// traced to the nearest offset past it; `None` when none is.
///
/// When the spans are in raw order, traced offsets only grow, and the walk
/// stops there; otherwise the whole block is walked.
#[must_use]
pub fn char_of_raw(raw: &RawChars, text: &str, spans: &[Span], offset: usize) -> Option<usize> {
    TraceIndex::start(spans).char_of_raw(raw, text, spans, offset)
}

/// Whether `spans` follow each other in the raw text (then the offsets a
/// block's chars are traced to never go back).
#[must_use]
pub(crate) fn in_raw_order(spans: &[Span]) -> bool {
    spans.windows(2).all(|w| {
        w.first()
            .zip(w.get(1))
            .is_none_or(|(a, b)| a.end <= b.start)
    })
}

/// Where the walk of a block's trace stands every [`TraceIndex::EVERY`]
/// chars, to answer from the nearest stop instead of from the start (a
/// walk of millions of chars takes a tenth of a second).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceIndex {
    /// Whether the spans are in raw order.
    ordered: bool,
    /// The walk before chars 0, `EVERY`, 2 × `EVERY`, …
    stops: Vec<Stop>,
}

impl TraceIndex {
    /// Chars between two stops.
    pub const EVERY: usize = 1 << 16;

    /// An index with the start only: every answer walks from there.
    #[must_use]
    pub fn start(spans: &[Span]) -> Self {
        Self {
            ordered: in_raw_order(spans),
            stops: vec![Stop::default()],
        }
    }

    /// The index of `text` traced through `spans`: one walk of it.
    #[must_use]
    pub fn build(raw: &RawChars, text: &str, spans: &[Span]) -> Self {
        let mut index = Self::start(spans);
        walk(raw, text, spans, &Stop::default(), |stop, i, _| {
            if i > 0 && i.is_multiple_of(Self::EVERY) {
                index.stops.push(*stop);
            }
            ControlFlow::Continue(())
        });
        index
    }

    /// The last stop before raw offset `offset`: every char before it is
    /// traced before `offset` (spans in raw order only; else the start).
    fn stop_before_raw(&self, offset: usize) -> Stop {
        if !self.ordered {
            return Stop::default();
        }
        let n = self.stops.partition_point(|s| s.offset < offset);
        self.stops
            .get(n.saturating_sub(1))
            .copied()
            .unwrap_or_default()
    }

    /// See [`char_of_raw`].
    #[must_use]
    pub fn char_of_raw(
        &self,
        raw: &RawChars,
        text: &str,
        spans: &[Span],
        offset: usize,
    ) -> Option<usize> {
        // The char traced nearest past `offset`, with its offset.
        let mut best: Option<(usize, usize)> = None;
        let from = self.stop_before_raw(offset);
        walk(raw, text, spans, &from, |_, i, at| {
            let Some(at) = at.filter(|&at| at >= offset) else {
                return ControlFlow::Continue(());
            };
            if best.is_none_or(|(_, b)| at < b) {
                best = Some((i, at));
            }
            if self.ordered || at == offset {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        best.map(|(i, _)| i)
    }

    /// The raw offset char `i` of `text` is traced to.
    #[must_use]
    pub fn raw_of_char(
        &self,
        raw: &RawChars,
        text: &str,
        spans: &[Span],
        i: usize,
    ) -> Option<usize> {
        let n = self.stops.partition_point(|s| s.char <= i);
        let from = self
            .stops
            .get(n.saturating_sub(1))
            .copied()
            .unwrap_or_default();
        let mut found = None;
        walk(raw, text, spans, &from, |_, j, at| {
            if j < i {
                return ControlFlow::Continue(());
            }
            found = at;
            ControlFlow::Break(())
        });
        found
    }

    /// The chars of `text` traced to raw offsets `start..end`, as ranges;
    /// when the spans are in raw order the walk stops past them.
    #[must_use]
    pub fn chars_traced_to(
        &self,
        raw: &RawChars,
        text: &str,
        spans: &[Span],
        start: usize,
        end: usize,
    ) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let from = self.stop_before_raw(start);
        walk(raw, text, spans, &from, |_, i, o| match o {
            Some(o) if o >= end && self.ordered => ControlFlow::Break(()),
            Some(o) if (start..end).contains(&o) => {
                match ranges.last_mut() {
                    Some(r) if r.end == i => r.end = i + 1,
                    _ => ranges.push(i..i + 1),
                }
                ControlFlow::Continue(())
            }
            _ => ControlFlow::Continue(()),
        });
        ranges
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use proptest::prelude::*;

    use super::trace_each;
    use crate::decode::{Encoding, LineEnding};
    use crate::page::{RawText, Span};

    /// One edit of a block's text: a glyph replaced, deleted, or typed in.
    #[derive(Clone, Debug)]
    enum Edit {
        Replace(usize, char),
        Delete(usize),
        Insert(usize, char),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let glyph = prop::sample::select(vec!['人', '民', '日', '报', '，', '。', ' ', 'x']);
        prop_oneof![
            (0usize..64, glyph.clone()).prop_map(|(i, c)| Edit::Replace(i, c)),
            (0usize..64).prop_map(Edit::Delete),
            (0usize..64, glyph).prop_map(|(i, c)| Edit::Insert(i, c)),
        ]
    }

    proptest! {
        /// The walk (what the desk's panes ask, from any stop) gives every
        /// char the raw offset the whole-block trace gives it, however the
        /// text was edited.
        #[test]
        fn the_walk_traces_every_char_as_the_whole_block_trace_does(
            raw in "[人民日报社论今天下雨，。 \n]{1,48}",
            edits in prop::collection::vec(edit(), 0..10),
        ) {
            let mut text: Vec<char> = raw.chars().collect();
            for e in edits {
                match e {
                    Edit::Replace(i, c) if !text.is_empty() => {
                        let i = i % text.len();
                        text[i] = c;
                    }
                    Edit::Delete(i) if !text.is_empty() => {
                        let i = i % text.len();
                        text.remove(i);
                    }
                    Edit::Insert(i, c) => {
                        let i = i % (text.len() + 1);
                        text.insert(i, c);
                    }
                    _ => {}
                }
            }
            let text: String = text.into_iter().collect();
            let page = RawText::new("p.txt", &raw, Encoding::Utf8, LineEnding::Lf);
            let spans = [Span::new(0, page.chars().len())];
            let whole = crate::page::trace(page.chars(), &text, &spans);
            let mut walked = Vec::new();
            trace_each(page.chars(), &text, &spans, |_, o| {
                walked.push(o);
                ControlFlow::Continue(())
            });
            prop_assert_eq!(walked, whole);
        }
    }
}
