//! Proofdesk: a correction desk for text that OCR or PDF extraction produced
//! from Chinese newspaper pages.
//!
//! This crate is the desk (egui) and the command line; everything else —
//! the page model, normalizer, segmenter, doubts, fixture format, edit
//! actions with undo, file I/O, eval and export — is the GUI-free core,
//! [`proofdesk_core`], re-exported here under the same module names.
//! - [`app`], [`command`], [`ui`]: the desk;
//! - [`i18n`]: the interface language and the table of every string the desk shows;
//! - [`page_image`]: the picture of a page, decoded for the picture pane.

pub use proofdesk_core::{
    autosave, batch, chars, concordance, decision, decode, doubt, edit, eval, export, find,
    fixture, gold, io, judge, layout, line_model, lock, normalize, ocr, page, picture,
    propose_page, propose_page_with, punct, queue, reading, role, saver, segment, trace, training,
};

pub mod app;
pub mod command;
pub mod i18n;
pub mod page_image;
pub mod ui;
