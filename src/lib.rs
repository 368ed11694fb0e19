//! Proofdesk: a correction desk for text that OCR or PDF extraction produced
//! from Chinese newspaper pages.
//!
//! The core has no GUI dependency:
//! - [`decode`]: bytes to text (UTF-8, UTF-16, GB18030), binary refused;
//! - [`page`]: the page model — raw text, articles, blocks, spans;
//! - [`layout`]: line features of a raw page;
//! - [`normalize`]: the corrected text of a block (justification spaces out);
//! - [`segment`]: paragraphs, roles and articles from the raw lines;
//! - [`doubt`]: every decision of the proposal, its rule and confidence;
//! - [`fixture`]: the versioned training-fixture format;
//! - [`edit`]: edit actions on a page, with undo history;
//! - [`eval`]: scoring a proposal against a human correction;
//! - [`io`]: reading pages and fixtures, writing fixtures atomically;
//! - [`queue`]: the pages of a folder with their status;
//! - [`saver`], [`lock`]: writing fixtures off the UI thread, checked against the disk; one desk per page;
//! - [`trace`]: a block's text traced back to the raw text char by char, for blocks of millions of chars;
//! - [`autosave`]: when drafts are written without being asked;
//! - [`i18n`]: the interface language and the table of every string the desk shows;
//! - [`app`], [`command`], [`ui`]: the desk (egui).

pub mod app;
pub mod autosave;
pub mod batch;
pub mod chars;
pub mod command;
pub mod decode;
pub mod doubt;
pub mod edit;
pub mod eval;
pub mod export;
pub mod find;
pub mod fixture;
pub mod i18n;
pub mod io;
pub mod layout;
pub mod lock;
pub mod normalize;
pub mod page;
pub mod page_image;
pub mod queue;
pub mod saver;
pub mod segment;
pub mod trace;
pub mod ui;

use page::{Page, RawText, Status};

/// Proposes the correction of a raw page: a page whose articles are the
/// automatic proposal, status `auto`.
#[must_use]
pub fn propose_page(raw: RawText) -> Page {
    let proposal = segment::propose_recording(&raw, doubt::Record::Doubts);
    let articles = page::shared(proposal.articles);
    Page {
        raw,
        proposal: articles.clone(),
        articles,
        status: Status::Auto,
        created: None,
        review: doubt::Review::of(proposal.decisions),
    }
}
