//! The core of Proofdesk, a correction desk for text that OCR or PDF
//! extraction produced from Chinese newspaper pages: everything but the
//! desk's pixels. No GUI dependency (`cargo tree -p proofdesk-core`).
//!
//! From bytes to training data:
//! - [`decode`]: bytes to text (UTF-8, UTF-16, GB18030, Big5), binary refused;
//! - [`page`]: the page model — raw text, articles, blocks, spans;
//! - [`punct`]: punctuation an OCR engine misread, repaired as decisions;
//! - [`ocr`]: pages read by an OCR engine (hOCR, ALTO), with their lines' and words' boxes and confidences;
//! - [`layout`]: line features of a raw page;
//! - [`lexicon`]: whether a word reads on across a line break (a word list from jieba's dictionary);
//! - [`normalize`]: the corrected text of a block (justification spaces out);
//! - [`segment`]: paragraphs, roles and articles from the raw lines;
//! - [`line_model`]: the learned line model that refines the rules' proposal on a newspaper's conventions;
//! - [`training`]: the line model trained from folders of corrected pages (a queue folder's own model);
//! - [`role`]: what a block is on the printed page;
//! - [`decision`]: every decision of the proposal, its rule and confidence, and a page's review of its doubts;
//! - [`doubt`]: what the decisions mean for a page's articles;
//! - [`fixture`]: the versioned training-fixture format;
//! - [`gold`]: gold in the devpages format, as corrected articles and done fixtures;
//! - [`edit`]: edit actions on a page, with undo history;
//! - [`find`]: finding text in the corrected and the raw text;
//! - [`concordance`]: a correction made once, found again elsewhere ("correct all similar");
//! - [`eval`]: scoring a proposal against a human correction;
//! - [`export`]: training data (pairs, articles, labelled lines) out of fixtures;
//! - [`batch`]: normalizing many pages at once;
//! - [`io`]: reading pages and fixtures, writing fixtures atomically;
//! - [`queue`]: the pages of a folder with their status;
//! - [`saver`], [`lock`]: writing fixtures off the UI thread, checked against the disk; one desk per page;
//! - [`trace`]: a block's text traced back to the raw text char by char, for blocks of millions of chars;
//! - [`autosave`]: when drafts are written without being asked;
//! - [`chars`]: the character classes the rules read.

pub mod autosave;
pub mod batch;
pub mod chars;
pub mod concordance;
pub mod decision;
pub mod decode;
pub mod doubt;
pub mod edit;
pub mod eval;
pub mod export;
pub mod find;
pub mod fixture;
pub mod gold;
pub mod io;
pub mod judge;
pub mod layout;
pub mod lexicon;
pub mod line_model;
pub mod lock;
pub mod normalize;
pub mod ocr;
pub mod page;
pub mod picture;
pub mod punct;
pub mod queue;
pub mod reading;
mod replace;
pub mod role;
pub mod saver;
pub mod segment;
pub mod trace;
pub mod training;

use page::{Page, RawText, Status};

/// Proposes the correction of a raw page: a page whose articles are the
/// automatic proposal, status `auto`.
#[must_use]
pub fn propose_page(raw: RawText) -> Page {
    propose_page_with(raw, None)
}

/// [`propose_page`], the rules' proposal refined by the line `model` when
/// one is given (see [`line_model`]).
#[must_use]
pub fn propose_page_with(raw: RawText, model: Option<&line_model::LineModel>) -> Page {
    let proposal = match model {
        Some(model) => judge::propose(&raw, model, line_model::CUTS, decision::Record::Doubts).0,
        None => segment::propose_recording(&raw, decision::Record::Doubts),
    };
    let review = decision::Review::of(proposal.decisions)
        .reading(proposal.layout.read_on.order())
        .with_spots(&raw);
    let articles = page::shared(proposal.articles);
    Page {
        raw,
        proposal: articles.clone(),
        articles,
        status: Status::Auto,
        created: None,
        review,
    }
}
