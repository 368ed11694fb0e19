//! Walking the proposal's doubts: next and previous open doubt, accept and
//! flip (see [`crate::doubt`]).

use eframe::egui;

use super::{DeskApp, Message};
use crate::edit::Action;

impl DeskApp {
    /// Goes to the next (or previous) open doubt from the current one,
    /// wrapping.
    pub(super) fn step_doubt(&mut self, forward: bool) {
        self.commit_edit();
        let review = &self.page().review;
        let target = if forward {
            review.next_open(self.state.doubt)
        } else {
            review.prev_open(self.state.doubt)
        };
        if let Some(i) = target {
            self.go_to_doubt(i);
        } else {
            let none = review.doubts.is_empty();
            self.state.doubt = None;
            self.state.message = Some(Message::info(if none {
                "the proposal has no doubts on this page".to_owned()
            } else {
                "no doubt is open: the page is reviewed √".to_owned()
            }));
        }
    }

    /// Makes doubt `i` current: selects the block holding it (for a line
    /// end or space, the block before it) and scrolls both panes there.
    pub(super) fn go_to_doubt(&mut self, i: usize) {
        let Some(d) = self.page().review.doubts.get(i).copied() else {
            return;
        };
        self.state.doubt = Some(i);
        let first = match d.kind {
            crate::doubt::Kind::LineEnd | crate::doubt::Kind::Space => d.before.unwrap_or(d.at),
            _ => d.at,
        };
        let at = self
            .doc
            .editor
            .locate(first)
            .or_else(|| self.doc.editor.locate(d.at));
        if let Some(at) = at {
            self.select(at, Some(egui::Align::Center));
        }
    }

    /// The current doubt, once the text being typed is kept; without one,
    /// the status bar says how to get one.
    fn current_doubt(&mut self) -> Option<usize> {
        self.commit_edit();
        if self.state.doubt.is_none() {
            self.state.message = Some(Message::info(
                "no doubt is current: N goes to the next one".to_owned(),
            ));
        }
        self.state.doubt
    }

    /// Accepts (or flips) the current doubt through the undoable path,
    /// then goes on to the next open doubt.
    pub(super) fn settle_doubt(&mut self, flip: bool) {
        let Some(i) = self.current_doubt() else {
            return;
        };
        if let Some(Some(r)) = self.page().review.resolved.get(i) {
            self.state.message = Some(Message::info(format!(
                "this doubt is already settled ({}); N goes to the next open one",
                r.name()
            )));
            return;
        }
        self.apply(if flip {
            Action::FlipDoubt(i)
        } else {
            Action::AcceptDoubt(i)
        });
        let review = &self.page().review;
        if review.resolved.get(i).is_some_and(Option::is_none) {
            return; // refused: the message says why
        }
        if let Some(next) = review.next_open(Some(i)) {
            self.go_to_doubt(next);
        } else {
            self.state.doubt = None;
            self.state.message = Some(Message::info(
                "every doubt is settled: the page is reviewed √".to_owned(),
            ));
        }
    }

    /// Accepts every open doubt made by the current doubt's rule (one undo
    /// step), then goes to the next open doubt.
    pub(super) fn accept_rule(&mut self) {
        let Some(i) = self.current_doubt() else {
            return;
        };
        let Some(rule) = self.page().review.doubts.get(i).map(|d| d.evidence) else {
            return;
        };
        let before = self.page().review.open_count();
        self.apply(Action::AcceptRule(rule));
        let settled = before - self.page().review.open_count();
        let next = self.page().review.next_open(Some(i));
        if let Some(next) = next {
            self.go_to_doubt(next);
        } else {
            self.state.doubt = None;
        }
        self.state.message = Some(Message::info(format!(
            "accepted {settled} open doubt{} of the rule “{}” (Ctrl+Z takes them back)",
            if settled == 1 { "" } else { "s" },
            rule.name().replace('_', " ")
        )));
    }
}
