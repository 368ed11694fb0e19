//! "Correct all similar": after the editor corrects a word, the same
//! correction is offered wherever else the page has the word (see
//! [`crate::concordance`]); the places taken are corrected as one undoable
//! step. With a folder open, its other pages are searched on a background
//! thread and offered too, each place with its context; the places taken
//! are corrected on disk, each page as one edit written as its fixture (see
//! [`crate::concordance::correct_places`]).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::{DeskApp, Message};
use crate::concordance::{Correction, PageHits, correct_places, in_pages, occurrences, place_crop};
use crate::edit::Action;
use crate::edit::BlockRef;
use crate::i18n::Msg;
use crate::ui::state::{FolderOffer, FolderPage, PlaceCrop, Places, SimilarChoice, SimilarOffer};

/// Work on the folder's other pages, on a background thread.
pub(super) enum FolderJob {
    /// Finding the pages where the corrected word stands.
    Looking {
        correction: Correction,
        rx: Receiver<Vec<Pictured>>,
    },
    /// Correcting them: how many places each got, or why it was left.
    Correcting {
        correction: Correction,
        rx: Receiver<Vec<(PathBuf, Result<usize, String>)>>,
    },
}

/// A folder page where the word stands, with each place's part of the
/// page's picture (where it has boxes and a picture).
type Pictured = (PageHits, Vec<Option<crate::page_image::PageImage>>);

/// How many pixels high a place's part of a picture is cut (twice the
/// height it is shown at, for sharp text on high-density screens).
const PLACE_CROP_PX: u32 = 56;

/// Each of `hits`' places as its page's picture shows it: cut from the
/// picture beside the page, where the page has boxes; none where it has
/// no picture, or the picture cannot be read (the place is listed all
/// the same, with its context).
fn place_pictures(hits: &PageHits) -> Vec<Option<crate::page_image::PageImage>> {
    let none = || vec![None; hits.crops.len()];
    if hits.crops.iter().all(Option::is_none) {
        return none();
    }
    crate::page_image::image_for(&hits.page)
        .and_then(|picture| crate::page_image::crops(&picture, &hits.crops, PLACE_CROP_PX).ok())
        .unwrap_or_else(none)
}

impl DeskApp {
    /// The open folder's pages other than the one on the desk.
    fn other_pages(&self) -> Vec<PathBuf> {
        let Some(queue) = &self.queue else {
            return Vec::new();
        };
        let here = self.doc.page_path.as_deref();
        queue
            .entries()
            .iter()
            .map(|e| e.path.clone())
            .filter(|p| Some(p.as_path()) != here)
            .collect()
    }

    /// Offers the correction from `before` to `after` (one block's text)
    /// at the page's other places, if it is a word's correction and the
    /// page has the word elsewhere, and looks for it in the folder's other
    /// pages.
    pub(super) fn offer_similar(&mut self, before: &str, after: &str) {
        let Some(correction) = Correction::of_edit(before, after) else {
            return;
        };
        let places = occurrences(&self.page().articles, &correction.from);
        let others = self.other_pages();
        let folder = if others.is_empty() || self.folder_job.is_some() {
            FolderOffer::Nothing
        } else {
            let (tx, rx) = std::sync::mpsc::channel();
            let from = correction.from.clone();
            let spawned = std::thread::Builder::new()
                .name("proofdesk-similar".to_owned())
                .spawn(move || {
                    // Pages that cannot be read are not offered.
                    let (hits, _skipped) = in_pages(&others, &from);
                    let pictured: Vec<Pictured> = hits
                        .into_iter()
                        .map(|h| {
                            let pictures = place_pictures(&h);
                            (h, pictures)
                        })
                        .collect();
                    // The desk may have closed; nobody listens then.
                    let _gone = tx.send(pictured);
                });
            if spawned.is_ok() {
                self.folder_job = Some(FolderJob::Looking {
                    correction: correction.clone(),
                    rx,
                });
                FolderOffer::Looking
            } else {
                FolderOffer::Nothing
            }
        };
        if places.is_empty() && folder == FolderOffer::Nothing {
            return;
        }
        let crops = places
            .iter()
            .map(|o| place_crop(self.page(), o, correction.from.chars().count()))
            .collect();
        self.state.similar = Some(SimilarOffer {
            crops,
            correction,
            here: Places::all_checked(places),
            folder,
        });
    }

    /// Takes in what the folder's background job found or did; asks for
    /// frames while it runs.
    pub(super) fn similar_step(&mut self, ctx: &eframe::egui::Context) {
        let Some(job) = &self.folder_job else {
            return;
        };
        match job {
            FolderJob::Looking { correction, rx } => match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                found => {
                    let pages: Vec<FolderPage> = found
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(h, pictures)| FolderPage {
                            page: h.page,
                            places: Places::all_checked(h.places),
                            crops: pictures
                                .iter()
                                .map(|p| p.as_ref().map(|p| PlaceCrop::load(ctx, p)))
                                .collect(),
                        })
                        .collect();
                    if let Some(offer) = self
                        .state
                        .similar
                        .as_mut()
                        .filter(|o| o.correction == *correction)
                    {
                        offer.folder = if pages.is_empty() {
                            FolderOffer::Nothing
                        } else {
                            FolderOffer::Found { pages, take: true }
                        };
                        if !offer.has_places() {
                            self.state.similar = None;
                        }
                    }
                    self.folder_job = None;
                }
            },
            FolderJob::Correcting { correction, rx } => match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                done => {
                    let correction = correction.clone();
                    self.folder_job = None;
                    self.folder_corrected(&correction, done.unwrap_or_default());
                }
            },
        }
    }

    /// Reports the folder's pages corrected, and shows their new status in
    /// the queue.
    fn folder_corrected(&mut self, c: &Correction, done: Vec<(PathBuf, Result<usize, String>)>) {
        let lang = self.state.lang;
        let (mut pages, mut places) = (0, 0);
        let mut left = Vec::new();
        for (page, result) in done {
            match result {
                Ok(n) => {
                    pages += 1;
                    places += n;
                    if let Some(queue) = self.queue.as_mut() {
                        let (state, reviewed) = crate::queue::read_progress(&page);
                        queue.set_state(&page, state, reviewed);
                    }
                }
                Err(error) => left.push(lang.fill(
                    Msg::MsgSimilarFolderLeft,
                    &[("file", &crate::io::file_name(&page)), ("error", &error)],
                )),
            }
        }
        let text = lang.fill(
            Msg::MsgSimilarFolderDone,
            &[
                ("n", &places),
                ("pages", &pages),
                ("from", &c.from),
                ("to", &c.to),
            ],
        );
        self.state.message = Some(if left.is_empty() {
            Message::info(text)
        } else {
            Message::error(format!("{text} {}", left.join(" ")))
        });
    }

    /// Takes the editor's answer to the offer.
    pub(super) fn answer_similar(&mut self, choice: SimilarChoice) {
        let Some(offer) = self.state.similar.as_mut() else {
            return;
        };
        let all = match choice {
            SimilarChoice::Toggle(i) => {
                offer.here.toggle(i);
                return;
            }
            SimilarChoice::ToggleFolder => {
                if let FolderOffer::Found { take, .. } = &mut offer.folder {
                    *take = !*take;
                }
                return;
            }
            SimilarChoice::ToggleFolderPlace(page, place) => {
                if let FolderOffer::Found { pages, .. } = &mut offer.folder
                    && let Some(p) = pages.get_mut(page)
                {
                    p.places.toggle(place);
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
        if let FolderOffer::Found { pages, take: true } = &offer.folder {
            // Each page's places taken: all, or the checked ones.
            let chosen: Vec<(PathBuf, Vec<(BlockRef, usize)>)> = pages
                .iter()
                .map(|p| (p.page.clone(), p.places.taken(all)))
                .filter(|(_, places)| !places.is_empty())
                .collect();
            if !chosen.is_empty() {
                self.correct_folder(&offer.correction, chosen);
            }
        }
        let places = offer.here.taken(all);
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

    /// Corrects the folder's `pages`, each at its places, on a background
    /// thread.
    fn correct_folder(
        &mut self,
        correction: &Correction,
        pages: Vec<(PathBuf, Vec<(BlockRef, usize)>)>,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        let job = correction.clone();
        let spawned = std::thread::Builder::new()
            .name("proofdesk-similar".to_owned())
            .spawn(move || {
                let now = crate::fixture::now_rfc3339();
                let done = pages
                    .into_iter()
                    .map(|(p, places)| {
                        let done = correct_places(&p, &job, Some(&places), &now);
                        (p, done.map_err(|e| e.to_string()))
                    })
                    .collect();
                let _gone = tx.send(done);
            });
        match spawned {
            Ok(_handle) => {
                self.folder_job = Some(FolderJob::Correcting {
                    correction: correction.clone(),
                    rx,
                });
            }
            Err(e) => {
                self.state.message = Some(Message::error(e.to_string()));
            }
        }
    }
}
