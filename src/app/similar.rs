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
use crate::concordance::{
    Correction, PageHits, correct_places, in_pages_until, occurrences, place_crop,
};
use crate::edit::Action;
use crate::edit::BlockRef;
use crate::i18n::Msg;
use crate::ui::state::{FolderOffer, FolderPage, PlaceCrop, Places, SimilarChoice, SimilarOffer};

/// Work on the folder's other pages, on a background thread.
pub(super) enum FolderJob {
    /// Finding the pages where the corrected word stands, then cutting
    /// their places' parts from their pictures.
    Looking {
        correction: Correction,
        rx: Receiver<Found>,
        /// Stops the search when the job is dropped (the offer answered
        /// or replaced): a large folder is not searched on for nobody.
        _stop: StopOnDrop,
    },
    /// Correcting them: how many places each got, or why it was left.
    Correcting {
        correction: Correction,
        rx: Receiver<Vec<(PathBuf, Result<usize, String>)>>,
    },
}

/// Tells a folder search to stop when dropped.
pub(super) struct StopOnDrop(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// What the folder search sends, in this order.
pub(super) enum Found {
    /// The pages where the word stands (the offer lists them at once), and
    /// the pages that could not be searched, with why.
    Pages(Vec<PageHits>, Vec<(PathBuf, String)>),
    /// Page `page`'s places as its picture shows them (where it has boxes
    /// and a picture beside it), one page at a time.
    Pictures {
        page: usize,
        pictures: Vec<Option<crate::page_image::PageImage>>,
    },
}

/// How many pixels high a place's part of a picture is cut (twice the
/// height it is shown at, for sharp text on high-density screens).
const PLACE_CROP_PX: u32 = 56;

/// How many of the folder's pages, and places in all, are shown with
/// their part of the picture (each a texture; the rest with their context
/// only).
const PICTURED_PAGES: usize = 20;
const PICTURED_PLACES: usize = 200;

/// Each of `hits`' places as its page's picture shows it: cut from the
/// picture beside the page, where the page has boxes; none where it has
/// no picture, or the picture cannot be read (the place is listed all
/// the same, with its context).
fn place_pictures(hits: &PageHits) -> Vec<Option<crate::page_image::PageImage>> {
    let none = || vec![None; hits.crops.len()];
    if hits.crops.iter().all(Option::is_none) {
        return none();
    }
    hits.picture
        .as_deref()
        .and_then(|picture| crate::page_image::crops(picture, &hits.crops, PLACE_CROP_PX).ok())
        .unwrap_or_else(none)
}

/// Searches `others` for the places of `correction` and sends what it
/// finds on `tx`: the pages first, then the first pages' pictures, until
/// nobody listens.
fn search_folder(
    others: &[PathBuf],
    correction: &Correction,
    tx: &std::sync::mpsc::Sender<Found>,
    stop: &std::sync::atomic::AtomicBool,
) {
    // Pages that cannot be read are not offered; the editor is told which.
    let stopped = || stop.load(std::sync::atomic::Ordering::Relaxed);
    let (hits, skipped) = in_pages_until(others, correction, stopped);
    if stopped() {
        return; // the offer was answered or replaced meanwhile
    }
    let skipped = skipped
        .into_iter()
        .map(|(p, e)| (p, e.to_string()))
        .collect();
    if tx.send(Found::Pages(hits.clone(), skipped)).is_err() {
        return; // the desk closed, or the offer was dropped
    }
    let mut places = 0;
    for (page, h) in hits.iter().enumerate().take(PICTURED_PAGES) {
        places += h.places.len();
        if places > PICTURED_PLACES {
            return;
        }
        let pictures = place_pictures(h);
        if tx.send(Found::Pictures { page, pictures }).is_err() {
            return;
        }
    }
}

/// A folder page's places chosen to correct, with what its fixture path
/// held when it was searched.
type FolderChoice = (PathBuf, Vec<(BlockRef, usize)>, crate::saver::OnDisk);

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
        let places = occurrences(&self.page().articles, &correction);
        let others = self.other_pages();
        // A search for an earlier correction gives way (its offer is
        // replaced; dropping its job stops it); correcting the folder
        // does not.
        if matches!(&self.folder_job, Some(FolderJob::Looking { .. })) {
            self.folder_job = None;
        }
        let folder = if others.is_empty() || self.folder_job.is_some() {
            FolderOffer::Nothing
        } else {
            let (tx, rx) = std::sync::mpsc::channel();
            let sought = correction.clone();
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let stop_there = std::sync::Arc::clone(&stop);
            let spawned = std::thread::Builder::new()
                .name("proofdesk-similar".to_owned())
                .spawn(move || search_folder(&others, &sought, &tx, &stop_there));
            if spawned.is_ok() {
                self.folder_job = Some(FolderJob::Looking {
                    correction: correction.clone(),
                    rx,
                    _stop: StopOnDrop(stop),
                });
                FolderOffer::Looking
            } else {
                FolderOffer::Nothing
            }
        };
        if places.is_empty() && folder == FolderOffer::Nothing {
            // Said, so that a correction offered nowhere is not taken for
            // one the desk missed.
            let (_, none) = Msg::similar_here(&correction);
            self.state.message = Some(Message::info(
                self.state.lang.fill(none, &[("from", &correction.from())]),
            ));
            return;
        }
        let crops = self.crops_of(&places, correction.from());
        let version = self.doc.editor.version();
        let here = Places::checked_where_likely(places, &correction);
        self.state.similar = Some(SimilarOffer {
            crops,
            correction,
            here,
            folder,
            version,
            origin: version,
        });
    }

    /// Where each of `places` of `from` stands on the page image.
    fn crops_of(
        &self,
        places: &[crate::concordance::Occurrence],
        from: &str,
    ) -> Vec<Option<[f32; 4]>> {
        let chars = from.chars().count();
        places
            .iter()
            .map(|o| place_crop(self.page(), o, chars))
            .collect()
    }

    /// Finds the offer's places on this page again where the page changed
    /// while it was open (an edit moves them, or takes or makes one), each
    /// checked as it was; the offer goes when nothing is left to offer, or
    /// when the correction it came from was undone (the page is older than
    /// it).
    pub(super) fn refresh_similar(&mut self) {
        let version = self.doc.editor.version();
        let Some(offer) = self.state.similar.as_ref().filter(|o| o.version != version) else {
            return;
        };
        if version < offer.origin {
            self.state.similar = None;
            return;
        }
        let correction = offer.correction.clone();
        let places = occurrences(&self.page().articles, &correction);
        let crops = self.crops_of(&places, correction.from());
        if let Some(offer) = self.state.similar.as_mut() {
            offer.here = offer.here.found_again(places, &correction);
            offer.crops = crops;
            offer.version = version;
            if !offer.has_places() && offer.folder == FolderOffer::Nothing {
                self.state.similar = None;
            }
        }
    }

    /// Takes in what the folder's background job found or did; asks for
    /// frames while it runs.
    pub(super) fn similar_step(&mut self, ctx: &eframe::egui::Context) {
        let Some(job) = &self.folder_job else {
            return;
        };
        match job {
            FolderJob::Looking { correction, rx, .. } => match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                Ok(found) => {
                    let correction = correction.clone();
                    self.folder_found(ctx, &correction, found);
                    ctx.request_repaint();
                }
                Err(TryRecvError::Disconnected) => {
                    // Done (or the thread died): an offer still looking
                    // found nothing.
                    if let Some(offer) = self.state.similar.as_mut()
                        && offer.folder == FolderOffer::Looking
                    {
                        offer.folder = FolderOffer::Nothing;
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
                Err(TryRecvError::Disconnected) => {
                    self.folder_job = None;
                    let text = self.state.lang.get(Msg::MsgSimilarFolderDied);
                    self.state.message = Some(Message::error(text.to_owned()));
                }
                Ok(done) => {
                    let correction = correction.clone();
                    self.folder_job = None;
                    self.folder_corrected(&correction, done);
                }
            },
        }
    }

    /// Takes in one message of the folder search for `correction`: its
    /// pages into the offer, or a page's pictures as textures (only while
    /// the offer is still for that correction).
    fn folder_found(&mut self, ctx: &eframe::egui::Context, correction: &Correction, found: Found) {
        let Some(offer) = self
            .state
            .similar
            .as_mut()
            .filter(|o| o.correction == *correction)
        else {
            // The offer was answered or replaced: nobody needs the rest.
            self.folder_job = None;
            return;
        };
        match found {
            Found::Pages(hits, skipped) => {
                if let Some((page, why)) = skipped.first() {
                    self.state.message = Some(Message::error(self.state.lang.fill(
                        Msg::MsgSimilarFolderUnread,
                        &[
                            ("n", &skipped.len()),
                            ("file", &crate::io::file_name(page)),
                            ("error", why),
                        ],
                    )));
                }
                let pages: Vec<FolderPage> = hits
                    .into_iter()
                    .map(|h| FolderPage {
                        crops: vec![None; h.places.len()],
                        page: h.page,
                        places: Places::checked_where_likely(h.places, correction),
                        on_disk: h.on_disk,
                    })
                    .collect();
                offer.folder = if pages.is_empty() {
                    FolderOffer::Nothing
                } else {
                    FolderOffer::Found { pages, take: true }
                };
                if !offer.has_places() {
                    self.state.similar = None;
                }
            }
            Found::Pictures { page, pictures } => {
                if let FolderOffer::Found { pages, .. } = &mut offer.folder
                    && let Some(p) = pages.get_mut(page)
                {
                    p.crops = pictures
                        .iter()
                        .map(|p| p.as_ref().map(|p| PlaceCrop::load(ctx, p)))
                        .collect();
                }
            }
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
                        queue.set_progress(&page, crate::queue::read_progress(&page));
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
                ("from", &c.from()),
                ("to", &c.to()),
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
        // A block open for editing takes its text as it stands first (no
        // offer of its own): corrected under the editor, the block would
        // get the editor's old text back on Enter, and that edit offered
        // as the correction the other way.
        let _committed = self.commit_edit_quietly();
        if let FolderOffer::Found { pages, take: true } = &offer.folder {
            // Each page's places taken: all, or the checked ones.
            let chosen: Vec<FolderChoice> = pages
                .iter()
                .map(|p| (p.page.clone(), p.places.taken(all), p.on_disk.clone()))
                .filter(|(_, places, _)| !places.is_empty())
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
        if !self.apply(Action::ReplaceAt {
            from: offer.correction.from().to_owned(),
            to: offer.correction.to().to_owned(),
            places,
        }) {
            // Refused (the places no longer hold the word): the message
            // says why.
            return;
        }
        let lang = self.state.lang;
        self.state.message = Some(Message::info(lang.fill(
            Msg::MsgSimilarDone,
            &[
                ("n", &n),
                ("from", &offer.correction.from()),
                ("to", &offer.correction.to()),
            ],
        )));
    }

    /// Corrects the folder's `pages`, each at its places, on a background
    /// thread.
    fn correct_folder(&mut self, correction: &Correction, pages: Vec<FolderChoice>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let job = correction.clone();
        let spawned = std::thread::Builder::new()
            .name("proofdesk-similar".to_owned())
            .spawn(move || {
                let now = crate::fixture::now_rfc3339();
                let done = pages
                    .into_iter()
                    .map(|(p, places, searched)| {
                        let done = correct_places(&p, &job, Some((&places, &searched)), &now);
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

#[cfg(test)]
mod tests {
    /// The correction of `徽笑`, as the tests make it.
    fn weixiao() -> crate::concordance::Correction {
        crate::concordance::Correction::new("徽笑", "微笑").expect("a correction")
    }

    use super::{Found, search_folder};

    #[test]
    fn the_folder_search_sends_the_pages_first_then_their_pictures() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let page = dir.path().join("q.xml");
        std::fs::write(&page, include_str!("../../tests/data/ocr_misread.alto.xml"))
            .expect("written");
        image::RgbaImage::from_pixel(1000, 1400, image::Rgba([250, 250, 240, 255]))
            .save(dir.path().join("q.png"))
            .expect("the picture is written");
        let (tx, rx) = std::sync::mpsc::channel();
        let go_on = std::sync::atomic::AtomicBool::new(false);
        search_folder(std::slice::from_ref(&page), &weixiao(), &tx, &go_on);
        drop(tx);
        let got: Vec<Found> = rx.iter().collect();
        assert_eq!(got.len(), 2);
        let Found::Pages(hits, skipped) = &got[0] else {
            panic!("the pages first");
        };
        assert!(skipped.is_empty());
        assert_eq!((hits.len(), hits[0].places.len()), (1, 2));
        let Found::Pictures { page: 0, pictures } = &got[1] else {
            panic!("then the first page's pictures");
        };
        assert_eq!(pictures.len(), 2);
        assert!(
            pictures
                .iter()
                .all(|p| p.as_ref().is_some_and(|p| p.height == 56))
        );
        // Nobody listening: the search stops without a word.
        let (tx, rx) = std::sync::mpsc::channel();
        drop(rx);
        search_folder(std::slice::from_ref(&page), &weixiao(), &tx, &go_on);
        // Its job dropped (the offer answered or replaced): it stops
        // before the next page, and sends nothing.
        let (tx, rx) = std::sync::mpsc::channel();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        drop(super::StopOnDrop(std::sync::Arc::clone(&stop)));
        search_folder(&[page], &weixiao(), &tx, &stop);
        drop(tx);
        assert!(rx.iter().next().is_none(), "nothing searched, nothing sent");
    }
}
