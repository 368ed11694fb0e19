//! "Correct all similar": after the editor corrects a word, the same
//! correction is offered wherever else the page has the word (see
//! [`crate::concordance`]); the places taken are corrected as one undoable
//! step.

use super::{DeskApp, Message};
use crate::concordance::{Correction, occurrences};
use crate::edit::Action;
use crate::i18n::Msg;
use crate::ui::state::{SimilarChoice, SimilarOffer};

impl DeskApp {
    /// Offers the correction from `before` to `after` (one block's text)
    /// at the page's other places, if it is a word's correction and the
    /// page has the word elsewhere.
    pub(super) fn offer_similar(&mut self, before: &str, after: &str) {
        let Some(correction) = Correction::of_edit(before, after) else {
            return;
        };
        let places = occurrences(&self.page().articles, &correction.from);
        if places.is_empty() {
            return;
        }
        self.state.similar = Some(SimilarOffer {
            checked: vec![true; places.len()],
            correction,
            places,
        });
    }

    /// Takes the editor's answer to the offer.
    pub(super) fn answer_similar(&mut self, choice: SimilarChoice) {
        let Some(offer) = self.state.similar.as_mut() else {
            return;
        };
        let all = match choice {
            SimilarChoice::Toggle(i) => {
                if let Some(c) = offer.checked.get_mut(i) {
                    *c = !*c;
                }
                return;
            }
            SimilarChoice::Skip => {
                self.state.similar = None;
                return;
            }
            SimilarChoice::All => true,
            SimilarChoice::Checked => false,
        };
        let Some(offer) = self.state.similar.take() else {
            return;
        };
        let places: Vec<_> = offer
            .places
            .iter()
            .zip(&offer.checked)
            .filter(|(_, c)| all || **c)
            .map(|(o, _)| (o.at, o.char_index))
            .collect();
        let n = places.len();
        if n == 0 {
            return;
        }
        self.apply(Action::ReplaceAt {
            from: offer.correction.from.clone(),
            to: offer.correction.to.clone(),
            places,
        });
        let lang = self.state.lang;
        self.state.message = Some(Message::info(lang.fill(
            Msg::MsgSimilarDone,
            &[
                ("n", &n),
                ("from", &offer.correction.from),
                ("to", &offer.correction.to),
            ],
        )));
    }
}
