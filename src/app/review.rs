//! Walking the proposal's doubts: next and previous spot (the doubts on
//! neighbouring raw lines, judged at one look), accept a spot, flip a
//! doubt (see [`crate::doubt`] and `proofdesk::decision::spots`).

use eframe::egui;

use super::{DeskApp, Message};
use crate::command::Command;
use crate::edit::Action;
use crate::i18n::{Lang, Msg};

impl DeskApp {
    /// Runs a command of the Review group (the others are not its).
    pub(super) fn review(&mut self, command: Command) {
        match command {
            Command::NextDoubt => self.step_doubt(true),
            Command::PrevDoubt => self.step_doubt(false),
            Command::AcceptDoubt => self.settle_doubt(false),
            Command::FlipDoubt => self.settle_doubt(true),
            Command::NextDoubtHere => self.next_in_spot(),
            Command::AcceptRule => self.accept_rule(),
            _ => {}
        }
    }

    /// Goes to the next (or previous) open doubt from the current one,
    /// wrapping.
    pub(super) fn step_doubt(&mut self, forward: bool) {
        self.commit_edit();
        let review = &self.page().review;
        let target = review.step_open(self.state.doubt, self.state.doubt_walk, forward);
        if let Some(i) = target {
            self.go_to_doubt(i);
        } else {
            let none = review.doubts.is_empty();
            self.state.doubt = None;
            self.state.message = Some(Message::info(self.state.lang.get(if none {
                Msg::MsgNoDoubts
            } else {
                Msg::MsgNoOpenDoubt
            })));
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
            self.state.message = Some(Message::info(self.state.lang.get(Msg::MsgNoCurrentDoubt)));
        }
        self.state.doubt
    }

    /// Goes to the next open doubt in the current doubt's spot (the
    /// doubts the walk stops at together), wrapping within the spot.
    pub(super) fn next_in_spot(&mut self) {
        let Some(i) = self.current_doubt() else {
            return;
        };
        if let Some(j) = self.page().review.next_in_spot(i, self.state.doubt_walk) {
            self.go_to_doubt(j);
        } else {
            let lang = self.state.lang;
            self.state.message = Some(Message::info(lang.get(Msg::MsgOnlyDoubtHere)));
        }
    }

    /// Accepts every open doubt of the current spot, or flips the current
    /// doubt, through the undoable path; then goes on: after a flip to the
    /// spot's next open doubt, else to the next spot.
    pub(super) fn settle_doubt(&mut self, flip: bool) {
        let Some(i) = self.current_doubt() else {
            return;
        };
        let lang = self.state.lang;
        if let Some(Some(r)) = self.page().review.resolved.get(i) {
            self.state.message = Some(Message::info(lang.fill(
                Msg::MsgAlreadySettled,
                &[("how", &lang.get(Msg::resolution(*r)))],
            )));
            return;
        }
        if flip && self.edit_misread_word(i) {
            return;
        }
        self.apply(if flip {
            Action::FlipDoubt(i)
        } else {
            Action::AcceptSpot {
                doubt: i,
                walk: self.state.doubt_walk,
            }
        });
        let review = &self.page().review;
        if review.resolved.get(i).is_some_and(Option::is_none) {
            return; // refused: the message says why
        }
        if let Some(next) = review.after_settling(i, self.state.doubt_walk) {
            self.go_to_doubt(next);
        } else {
            self.state.doubt = None;
            self.state.message = Some(Message::info(lang.get(Msg::MsgAllSettled)));
        }
    }

    /// For a recognition doubt, "the engine misread it" is typed, not
    /// flipped: edits the word's block with the word selected, so what is
    /// typed replaces it (the edit settles the doubt). False for any other
    /// doubt.
    fn edit_misread_word(&mut self, i: usize) -> bool {
        let Some(d) = self.page().review.doubts.get(i).copied() else {
            return false;
        };
        if d.kind != crate::doubt::Kind::Recognition {
            return false;
        }
        let Some(at) = self.doc.editor.locate(d.at) else {
            return false;
        };
        let Some(b) = self
            .page()
            .articles
            .get(at.article)
            .and_then(|a| a.blocks.get(at.block))
        else {
            return false;
        };
        // The word: the chars of the block traced to the doubt's raw glyphs.
        let raw = self.doc.editor.raw_chars();
        let (start, end) = d.raw_range();
        let word = crate::trace::TraceIndex::start(&b.spans)
            .chars_traced_to(raw, &b.text, &b.spans, start, end);
        let (Some(first), Some(last)) = (word.first(), word.last()) else {
            return false;
        };
        let word = first.start..last.end;
        self.start_edit_selecting(at, word);
        let lang = self.state.lang;
        self.state.message = Some(Message::editing_hint(lang.get(Msg::MsgTypeMisreadWord)));
        true
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
        let next = self
            .page()
            .review
            .step_open(Some(i), self.state.doubt_walk, true);
        if let Some(next) = next {
            self.go_to_doubt(next);
        } else {
            self.state.doubt = None;
        }
        let lang = self.state.lang;
        // The rule by its name in English, by its plain words in Chinese
        // (the names are English words).
        let name = match lang {
            Lang::En => rule.name().replace('_', " "),
            Lang::Zh => lang.pick(crate::i18n::rule(rule)).to_owned(),
        };
        self.state.message = Some(Message::info(if settled == 1 {
            lang.fill(Msg::MsgAcceptedRuleOne, &[("rule", &name)])
        } else {
            lang.fill(Msg::MsgAcceptedRule, &[("n", &settled), ("rule", &name)])
        }));
    }
}
