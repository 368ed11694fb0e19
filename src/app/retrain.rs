//! The open queue folder's line model, trained again on a background thread
//! each time one of its pages is written done (see
//! [`crate::training::retrain_folder`]), and when the folder is opened if
//! its done pages are not the ones the model learned from
//! ([`crate::training::retrain_folder_if_stale`]): the next page opened is
//! proposed with it, and the status bar says how many pages it learned
//! from. A model given with `--model` is the editor's choice and is left
//! alone.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::{DeskApp, Message};
use crate::i18n::Msg;
use crate::line_model::{LineModel, Manifest};

/// A training run on its thread: the folder, and its answer.
pub(super) struct RetrainJob {
    dir: PathBuf,
    /// `Ok(None)`: the model was current.
    rx: Receiver<Result<Option<(LineModel, Manifest)>, String>>,
}

/// Why the folder's model is trained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    /// A page was marked done: always.
    PageDone,
    /// The folder was opened: only if its model is not current.
    Opened,
}

/// Whether the folder's model should be trained again, and the run under way.
#[derive(Default)]
pub(super) struct Retrain {
    /// The folder to train on, and why, since the last run started.
    wanted: Option<(PathBuf, Why)>,
    running: Option<RetrainJob>,
}

impl Retrain {
    /// Whether a run is under way or waiting to start.
    pub(super) fn busy(&self) -> bool {
        self.wanted.is_some() || self.running.is_some()
    }
}

impl DeskApp {
    /// A page was written done: its folder's model is trained again at the
    /// next frame (once, however many pages are marked done meanwhile),
    /// unless no folder is open or the model was given at start.
    pub(super) fn retrain_later(&mut self) {
        if self.model_given {
            return;
        }
        if let Some(q) = &self.queue {
            self.retrain.wanted = Some((q.dir().to_owned(), Why::PageDone));
            self.state.model_learning = true;
        }
    }

    /// A queue folder was opened: its model is trained again in the
    /// background if it did not learn from exactly its done pages.
    pub(super) fn retrain_if_stale(&mut self, dir: &std::path::Path) {
        if self.model_given {
            return;
        }
        let page_done = matches!(&self.retrain.wanted, Some((d, Why::PageDone)) if d == dir);
        if !page_done {
            self.retrain.wanted = Some((dir.to_owned(), Why::Opened));
        }
    }

    /// Starts a wanted run when none is under way; takes in a finished one.
    pub(super) fn retrain_step(&mut self, ctx: &eframe::egui::Context) {
        if let Some(job) = &self.retrain.running {
            let outcome = match job.rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(200));
                    return;
                }
                Ok(outcome) => outcome,
                Err(TryRecvError::Disconnected) => {
                    Err(self.state.lang.get(Msg::MsgRetrainDied).to_owned())
                }
            };
            let dir = job.dir.clone();
            self.retrain.running = None;
            self.retrained(&dir, outcome);
        }
        if let Some((dir, why)) = self.retrain.wanted.take() {
            let (tx, rx) = std::sync::mpsc::channel();
            let repaint = ctx.clone();
            let lang = self.state.lang;
            let on = dir.clone();
            std::thread::spawn(move || {
                let outcome = match why {
                    Why::PageDone => crate::training::retrain_folder(&on).map(Some),
                    Why::Opened => crate::training::retrain_folder_if_stale(&on),
                };
                let outcome = outcome.map_err(|e| {
                    lang.fill(
                        Msg::MsgModelNotRetrained,
                        &[("dir", &on.display()), ("error", &e)],
                    )
                });
                // The desk may have closed; nobody listens then.
                let _gone = tx.send(outcome);
                repaint.request_repaint();
            });
            self.retrain.running = Some(RetrainJob { dir, rx });
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        self.state.model_learning = self.retrain.busy();
    }

    /// Takes in a finished run on `dir`: the model proposes the pages
    /// opened next if the folder is still open (on disk it is the folder's
    /// model either way).
    fn retrained(
        &mut self,
        dir: &std::path::Path,
        outcome: Result<Option<(LineModel, Manifest)>, String>,
    ) {
        let here = self.queue.as_ref().is_some_and(|q| q.dir() == dir);
        match outcome {
            Ok(Some((model, manifest))) if here && !self.model_given => {
                let pages = manifest.pages.len();
                self.set_model(Some((model, manifest)));
                let lang = self.state.lang;
                self.state.message = Some(Message::info(if pages == 1 {
                    lang.get(Msg::MsgModelRetrainedOne).to_owned()
                } else {
                    lang.fill(Msg::MsgModelRetrained, &[("pages", &pages)])
                }));
            }
            Ok(_) => {}
            Err(text) => self.state.message = Some(Message::error(text)),
        }
    }
}
